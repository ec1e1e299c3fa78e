"""`claimdiff explore`: a full-screen terminal explorer of a comparison (Textual).

Left, the groups (filter by verdict with 1-4, by source with s, search with /); right, the selected group: each
source's wording with the differing words marked, and the typed differences. c shows the group's claims in their
source paragraphs, p the summary per source pair, e exports the current view as Markdown, ? help, q quits.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Group as Group_
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, Static

from claimdiff.model import SHARED_VERDICTS, VERDICTS, Claim, Group, Report
from claimdiff.render.overview import group_rows, pair_counts, similarity_span
from claimdiff.render.text import VERDICT_STYLES, combined_differences, source_labels

VERDICT_KEYS = {str(n): verdict for n, verdict in enumerate(VERDICTS, 1)}  # 1 contradict ... 4 unique
MIN_COLUMN_WIDTH = 24  # characters a claim's column needs before words would be broken in the middle


class ExploreApp(App):
    TITLE = "claimdiff explore"
    CSS = """
    #filters { height: 1; padding: 0 1; background: $boost; }
    #search { height: 3; }
    #groups { width: 45%; }
    #detail { width: 55%; padding: 0 1; border-left: solid $primary; }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("slash", "search", "Search"),
        Binding("1", "toggle('contradict')", "Contradict", show=False),
        Binding("2", "toggle('diverge')", "Diverge", show=False),
        Binding("3", "toggle('agree')", "Agree", show=False),
        Binding("4", "toggle('unique')", "Unique", show=False),
        Binding("s", "next_source", "Source"),
        Binding("c", "context", "Context"),
        Binding("p", "pairs", "Pairs"),
        Binding("e", "export", "Export"),
        Binding("v", "toggle_columns", "Columns/rows"),
        Binding("escape", "leave_search", "Back", show=False),
    ]

    def __init__(self, report: Report, export_dir: Path | None = None):
        super().__init__()
        self.report = report
        self.labels = source_labels(report)
        self.claims = {c.id: c for c in report.claims}
        self.source_of = {c.id: c.source for c in report.claims}
        self.verdicts = set(VERDICTS)
        self.source: str | None = None  # only groups this source carries
        self.search_text = ""
        self.export_dir = export_dir or Path.cwd()
        self.shown: list[Group] = []
        self.columns = True  # each source's wording side by side; v stacks them

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="filters")
        yield Input(placeholder="search the claims (press / to type, Esc to leave)", id="search")
        with Horizontal():
            with Vertical(id="groups"):
                yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail"):
                yield Static(id="group")
        yield Footer()

    def on_mount(self) -> None:
        summary = self.report.summary
        self.sub_title = (f"{summary['sources']} sources · {summary['claims']} claims · {summary['groups']} groups")
        table = self.query_one("#table", DataTable)
        table.add_columns("group", "verdict", "sources", "claim")
        self.refresh_groups()
        table.focus()

    # ---- the list of groups ------------------------------------------------------------------------------------

    def refresh_groups(self) -> None:
        self.shown = [g for g in self.report.groups if self._visible(g)]
        table = self.query_one("#table", DataTable)
        table.clear()
        for group in self.shown:
            sources = {self.source_of[c] for c in group.claims}
            first = self.claims[group.claims[0]].text
            table.add_row(group.id, Text(group.verdict, style=VERDICT_STYLES[group.verdict]), str(len(sources)),
                          first if len(first) <= 70 else first[:69] + "…", key=group.id)
        self._show_filters()
        self.show_group(self.shown[0] if self.shown else None)

    def _visible(self, group: Group) -> bool:
        if group.verdict not in self.verdicts:
            return False
        if self.source and self.source not in {self.source_of[c] for c in group.claims}:
            return False
        return not self.search_text or any(self.search_text in self.claims[c].text.lower() for c in group.claims)

    def _show_filters(self) -> None:
        line = Text()
        for key, verdict in VERDICT_KEYS.items():
            on = verdict in self.verdicts
            line.append(f" {key} {verdict} ", style=VERDICT_STYLES[verdict] if on else "dim strike")
            line.append(" ")
        line.append(f"  s source: {self.labels[self.source] if self.source else 'all'}", style="bold")
        if self.search_text:
            line.append(f"   search: {self.search_text!r}", style="italic")
        line.append(f"   {len(self.shown)} of {len(self.report.groups)} groups", style="dim")
        self.query_one("#filters", Static).update(line)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a group opens its context, as `c` does."""
        self.action_context()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        group = next((g for g in self.shown if g.id == event.row_key.value), None)
        self.show_group(group)

    def selected(self) -> Group | None:
        table = self.query_one("#table", DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    # ---- the selected group ------------------------------------------------------------------------------------

    def show_group(self, group: Group | None) -> None:
        panel = self.query_one("#group", Static)
        if group is None:
            panel.update(Text("No group matches these filters.", style="dim"))
            return
        # Side by side (a column per claim) only while each column keeps room for whole words; else one wording
        # under another.
        fits = self.query_one("#detail").size.width >= len(group.claims) * MIN_COLUMN_WIDTH
        panel.update(group_view(group, self.claims, self.labels, columns=self.columns and fits))

    # ---- actions -----------------------------------------------------------------------------------------------

    def action_toggle(self, verdict: str) -> None:
        self.verdicts ^= {verdict}
        self.refresh_groups()

    def action_next_source(self) -> None:
        ids = [None] + [s.id for s in self.report.sources]
        self.source = ids[(ids.index(self.source) + 1) % len(ids)]
        self.refresh_groups()

    def action_toggle_columns(self) -> None:
        self.columns = not self.columns
        self.show_group(self.selected())

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_leave_search(self) -> None:
        self.query_one("#table", DataTable).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value.strip().lower()
        self.refresh_groups()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#table", DataTable).focus()

    def action_context(self) -> None:
        group = self.selected()
        if group is not None:
            self.push_screen(TextScreen(f"{group.id} in context", context_view(group, self.report, self.labels)))

    def action_pairs(self) -> None:
        self.push_screen(TextScreen("Source pairs", pairs_view(self.report, self.shown, self.labels)))

    def action_help(self) -> None:
        self.push_screen(TextScreen("Help", Text(HELP)))

    def action_export(self) -> None:
        from claimdiff.errors import ClaimdiffError
        from claimdiff.files import write_atomically
        from claimdiff.render.markdown import render_markdown

        path = self.export_dir / f"claimdiff-{time.strftime('%Y%m%d-%H%M%S')}.md"
        try:
            write_atomically(path, render_markdown(self.report, self.shown))
        except ClaimdiffError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"exported {len(self.shown)} groups to {path}")


class TextScreen(ModalScreen):
    """A full view over the explorer (context, source pairs, help); Esc or q closes it."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("q", "close", "Close")]
    DEFAULT_CSS = """
    TextScreen { align: center middle; }
    TextScreen > VerticalScroll { width: 90%; height: 90%; border: thick $primary; padding: 0 1;
                                  background: $surface; }
    """

    def __init__(self, title: str, body):
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(self.title_text, style="bold"), id="screen-title")
            yield Static(self.body, id="screen-body")

    def action_close(self) -> None:
        self.dismiss()


HELP = """Keys
  up/down, page up/down   move through the groups (the right pane follows)
  1 2 3 4                 show or hide contradict, diverge, agree, unique groups
  s                       only groups carried by one source (again: the next source; then all)
  /                       search the claims' text (Enter or Esc goes back to the list)
  c                       the group's claims in their sources: the paragraph, the claim highlighted, offsets
  p                       per source pair: groups both carry (agree / diverge / contradict) and those only one has
  e                       export the groups shown now as Markdown (claimdiff-DATE.md in the export folder)
  v                       each source's wording side by side in columns (the default), or one under another
  ?                       this help
  q                       quit (or close this view)

In the right pane, removed words are red and struck, added words green, typed differences underlined."""


def group_view(group: Group, claims: dict[str, Claim], labels: dict[str, str], columns: bool = True) -> Group_:
    """The group: verdict, each source's wording diffed against the central claim (side by side in columns, or
    one under another), then the typed differences."""
    members = [claims[c] for c in group.claims]
    header = Text()
    header.append(f" {group.verdict.upper()} ", style=VERDICT_STYLES[group.verdict])
    sources = len({c.source for c in members})
    span = similarity_span(group)
    similarity = f" · similarity {span}" if span else ""
    header.append(f"  {group.id} · {sources} source{'s' if sources != 1 else ''}{similarity}", style="dim")
    rows = group_rows(group, claims)
    if columns:
        wording = Table(expand=True, show_lines=False, padding=(0, 1))
        for claim, _ in rows:
            wording.add_column(labels[claim.source], ratio=1, overflow="fold")
        wording.add_row(*(_claim_text(claim, segments) for claim, segments in rows))
    else:
        wording = Text("\n").join(Text.assemble((f"{labels[claim.source]}\n", "bold"), _claim_text(claim, segments))
                                  for claim, segments in rows)
    differences = Text()
    for (kind, a, b, target), origins in combined_differences(group, claims, labels).items():
        differences.append(f"{kind:<11}", style="bold magenta")
        differences.append(f"{', '.join(origins)}: ", style="dim")
        differences.append(a or "—", style="red")
        differences.append("  →  ")
        differences.append(f"{target}: ", style="dim")
        differences.append(f"{b or '—'}\n", style="green")
    for related in group.see_also:
        other = claims[related.claim]
        differences.append(f"see also {labels[other.source]} ({related.similarity:.2f}): ", style="dim")
        differences.append(f"{other.text}\n")
    return Group_(header, Text(), wording, Text(), differences)


def _claim_text(claim: Claim, segments) -> Text:
    text = Text()
    for segment in segments if segments is not None else []:
        style = {"removed": "red strike", "added": "green"}.get(segment.op, "")
        text.append(segment.text, style=(style + " bold underline").strip() if segment.typed else style)
    if segments is None:
        text.append(claim.text)
    if claim.speaker:
        text.append(f"  — {claim.speaker}", style="italic dim")
    text.append(f"\nchars {claim.start}–{claim.end} · {claim.kind}\n", style="dim")
    return text


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (between blank lines, else between line breaks) holding text[start:end]."""
    separator = "\n\n" if "\n\n" in text else "\n"
    before = text.rfind(separator, 0, start)
    after = text.find(separator, end)
    return (before + len(separator) if before >= 0 else 0), (after if after >= 0 else len(text))


def context_view(group: Group, report: Report, labels: dict[str, str]) -> Text:
    claims = {c.id: c for c in report.claims}
    view = Text()
    for claim_id in group.claims:
        claim = claims[claim_id]
        text = report.texts.get(claim.source) or next((s.text for s in report.sources if s.id == claim.source), "")
        location = next(s.location for s in report.sources if s.id == claim.source)
        view.append(f"{labels[claim.source]}", style="bold")
        view.append(f"  {location}, characters {claim.start}–{claim.end}\n", style="dim")
        if not text:
            view.append(claim.text + "\n\n", style="reverse")
            continue
        first, last = paragraph_around(text, claim.start, claim.end)
        view.append(text[first : claim.start])
        view.append(text[claim.start : claim.end], style="black on yellow")
        view.append(text[claim.end : last] + "\n\n")
    return view


def pairs_view(report: Report, groups: list[Group], labels: dict[str, str]) -> Table:
    table = Table(title=f"Groups shown ({len(groups)}) by source pair", expand=True)
    for column in ("sources", *SHARED_VERDICTS, "only first", "only second", "agreement", "shared"):
        table.add_column(column, justify="left" if column == "sources" else "right")
    for (first, second), pair in pair_counts(report, groups).items():
        share = pair.agreement
        table.add_row(f"{labels[first]} · {labels[second]}", *(str(pair.shared[v]) for v in SHARED_VERDICTS),
                      str(pair.only_first), str(pair.only_second), "—" if share is None else f"{share:.0%}",
                      f"{pair.overlap:.0%}")
    return table
