"""Terminal report: the summary first, then the groups, divergences first, with word-level diffs.

Colour marks removed and added words when the console allows it; without colour the same marks appear in
git's word-diff notation ([-removed-] {+added+}), so a piped or NO_COLOR report loses nothing.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from claimdiff.model import SUMMARY_ORDER, Claim, Group, Report, SeeAlso, shortest_distinct
from claimdiff.render.overview import group_rows, similarity_span
from claimdiff.render.worddiff import Segment

VERDICT_STYLES = {"contradict": "bold white on red", "diverge": "bold black on yellow", "agree": "bold green",
                  "unique": "bold cyan"}
LABEL_WIDTH = 14


def render_text(report: Report, groups: list[Group], console: Console) -> None:
    labels = source_labels(report)
    _summary(report, groups, labels, console)
    claims = {c.id: c for c in report.claims}
    shown = [g for g in groups if g.verdict != "unique"]
    for group in shown:
        _group(group, claims, labels, console)
    _unique(report, [g for g in groups if g.verdict == "unique"], claims, labels, console)
    for message in report.warnings:
        console.print(Text(f"warning: {message}", style="yellow"))


def source_labels(report: Report) -> dict[str, str]:
    """Short names for the sources: the shortest leading part of their ids that still tells them apart
    ("000_9a46518befece4f6" -> "000"), at most LABEL_WIDTH characters."""
    ids = shortest_distinct([s.id for s in report.sources])
    labels = {}
    for source, name in zip(report.sources, ids):
        label = name if len(name) <= LABEL_WIDTH else name[: LABEL_WIDTH - 1] + "…"
        while label in labels.values():
            label = label[:-2] + "…" + str(len(labels))
        labels[source.id] = label
    return labels


def _summary(report: Report, groups: list[Group], labels: dict[str, str], console: Console) -> None:
    summary = report.summary
    verdicts = summary["verdicts"]
    title = Text.assemble(("claimdiff", "bold"), f": {summary['sources']} sources, {summary['claims']} claims, "
                          f"{summary['groups']} groups")
    console.print(title)
    counts = Text("  ")
    for verdict in SUMMARY_ORDER:
        counts.append(f" {verdict} ", style=VERDICT_STYLES[verdict])
        counts.append(f" {verdicts[verdict]}   ")
    console.print(counts)
    if summary.get("differences"):
        kinds = ", ".join(f"{kind} {n}" for kind, n in summary["differences"].items())
        console.print(Text(f"   differences: {kinds}", style="dim"))
    console.print()
    for source in report.sources:
        line = Text("  ")
        line.append(f"{labels[source.id]:<{LABEL_WIDTH}}", style="bold")
        line.append(f" {source.claims:>4} claims  ", style="dim")
        if any(s.language != source.language for s in report.sources):  # several languages: say each one's
            line.append(f"{source.language}  ", style="bold")
        line.append(source.title or source.location)
        console.print(line, overflow="ellipsis", no_wrap=True)
    if len(groups) != len(report.groups):
        console.print(Text(f"  showing {len(groups)} of {len(report.groups)} groups", style="dim"))
    console.print()


def _group(group: Group, claims: dict[str, Claim], labels: dict[str, str], console: Console) -> None:
    members = [claims[c] for c in group.claims]
    sources = sorted({c.source for c in members}, key=list(labels).index)
    span = similarity_span(group)
    similarity = f"  similarity {span}" if span else ""
    header = Text()
    header.append(f" {group.verdict.upper()} ", style=VERDICT_STYLES[group.verdict])
    header.append(f" {group.id}  {len(sources)} sources{similarity}", style="dim")
    console.print(header)
    for claim, segments in group_rows(group, claims):
        line = Text("  ")
        line.append(f"{labels[claim.source]:<{LABEL_WIDTH}} ", style="bold")
        if segments is not None:
            _append_segments(line, segments, console)
        else:
            line.append(claim.text)
        if claim.speaker:
            line.append(f"  — {claim.speaker}", style="italic dim")
        console.print(line)
    for (kind, a, b, target), origins in combined_differences(group, claims, labels).items():
        line = Text("    ")
        line.append(f"{kind:<11} ", style="bold magenta")
        line.append(f"{', '.join(origins)}: ", style="dim")
        line.append(a or "—", style="red")
        line.append("  →  ")
        line.append(f"{target}: ", style="dim")
        line.append(b or "—", style="green")
        console.print(line)
    for related in group.see_also:
        console.print(_see_also_line(related, claims, labels, "    "))
    console.print()


def _see_also_line(related: SeeAlso, claims: dict[str, Claim], labels: dict[str, str], indent: str) -> Text:
    other = claims[related.claim]
    return Text(f"{indent}see also {labels[other.source]} ({related.similarity:.2f}): {other.text}", style="dim")


def combined_differences(group: Group, claims: dict[str, Claim], labels: dict[str, str]) -> dict:
    """The same difference seen from several sources (an article and its syndicated copy) is listed once."""
    combined: dict[tuple[str, str, str, str], list[str]] = {}
    for pair in group.pairs:
        for difference in pair.differences:
            key = (difference.kind, difference.a, difference.b, labels[claims[pair.b].source])
            origin = labels[claims[pair.a].source]
            if origin not in combined.setdefault(key, []):
                combined[key].append(origin)
    return combined


def _append_segments(line: Text, segments: list[Segment], console: Console) -> None:
    colour = console.color_system is not None
    for segment in segments:
        emphasis = " bold underline" if segment.typed else ""
        if segment.op == "removed":
            line.append(segment.text if colour else f"[-{segment.text}-]", style="red strike" + emphasis)
        elif segment.op == "added":
            line.append(segment.text if colour else f"{{+{segment.text}+}}", style="green" + emphasis)
        else:
            line.append(segment.text, style="bold" if segment.typed else "")


def _unique(report: Report, groups: list[Group], claims: dict[str, Claim], labels: dict[str, str],
            console: Console) -> None:
    by_source: dict[str, list[Claim]] = {}
    see_also: dict[str, list[SeeAlso]] = {}
    for group in groups:
        for claim_id in group.claims:
            claim = claims[claim_id]
            by_source.setdefault(claim.source, []).append(claim)
        for related in group.see_also:
            see_also.setdefault(related.of, []).append(related)
    for source in report.sources:
        only = by_source.get(source.id)
        if not only:
            continue
        header = Text()
        header.append(" UNIQUE ", style=VERDICT_STYLES["unique"])
        header.append(f" only in {labels[source.id]} ({len(only)} claim{'s' if len(only) != 1 else ''})", style="dim")
        console.print(header)
        for claim in sorted(only, key=lambda c: c.start):
            line = Text("  · ")
            line.append(claim.text)
            if claim.speaker:
                line.append(f"  — {claim.speaker}", style="italic dim")
            if claim.kind != "statement":
                line.append(f"  [{claim.kind}]", style="dim")
            console.print(line)
            for related in see_also.get(claim.id, []):
                console.print(_see_also_line(related, claims, labels, "      "))
        console.print()
