"""HTML report: one self-contained page (inline style, script and SVG; nothing fetched) to open or mail.

The page shows the summary, a sources-by-sources matrix, a chart of agreement per source pair, a coverage map
(which source carries which group), the groups with word diffs, and a readable copy of every source in which each
claim is highlighted where it stands. Filters (verdict, source, text) work in the browser without a server, and
the address keeps them (report.html#verdict=diverge,contradict&source=s1&q=putin), so a filtered view can be sent.
"""

from __future__ import annotations

from html import escape

from claimdiff.model import SHARED_VERDICTS, SUMMARY_ORDER, VERDICTS, Claim, Group, Report
from claimdiff.render.overview import coverage, group_rows, pair_counts, similarity_span
from claimdiff.render.text import combined_differences, source_labels
from claimdiff.render.worddiff import Segment

COLOURS = {"agree": "#2e7d32", "diverge": "#f9a825", "contradict": "#c62828", "unique": "#0277bd",
           "only": "#b0bec5"}


def render_html(report: Report, groups: list[Group]) -> str:
    labels = source_labels(report)
    keys = {s.id: f"s{n}" for n, s in enumerate(report.sources)}  # short, safe names for attributes and anchors
    claims = {c.id: c for c in report.claims}
    body = [
        _header(report, groups, labels),
        _filters(report, labels, keys),
        _matrix(report, groups, labels),
        _pair_chart(report, groups, labels),
        _coverage_map(report, groups, labels, keys),
        '<section id="groups"><h2>Groups</h2><p class="note" id="shown"></p>',
        *(_group(g, claims, labels, keys) for g in groups),
        "</section>",
        _sources(report, claims, labels, keys),
    ]
    title = escape(f"claimdiff: {report.summary['sources']} sources, {report.summary['groups']} groups")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
            f"<style>{_STYLE}</style></head><body>\n" + "\n".join(body) +
            f"\n<script>{_SCRIPT}</script></body></html>\n")


def _header(report: Report, groups: list[Group], labels: dict[str, str]) -> str:
    summary = report.summary
    chips = "".join(f'<span class="chip {v}">{v} <b>{summary["verdicts"][v]}</b></span>'
                    for v in SUMMARY_ORDER)
    kinds = ", ".join(f"{escape(k)} {n}" for k, n in summary.get("differences", {}).items())
    rows = "".join(f'<tr><th><a href="#src-{n}">{escape(labels[s.id])}</a></th><td class="num">{s.claims}</td>'
                   f"<td>{escape(s.title or '')}</td><td class=\"loc\">{escape(s.location)}</td></tr>"
                   for n, s in enumerate(report.sources))
    shown = "" if len(groups) == len(report.groups) else \
        f'<p class="note">Showing {len(groups)} of {len(report.groups)} groups.</p>'
    warnings = "".join(f'<p class="warning">warning: {escape(w)}</p>' for w in report.warnings)
    return (f"<header><h1>claimdiff report</h1><p><b>{summary['sources']} sources · {summary['claims']} claims · "
            f"{summary['groups']} groups</b></p><p>{chips}</p>"
            + (f'<p class="note">Differences: {kinds}</p>' if kinds else "") + shown + warnings +
            f'<table class="sources"><tr><th>source</th><th>claims</th><th>title</th><th>location</th></tr>{rows}'
            f"</table></header>")


def _filters(report: Report, labels: dict[str, str], keys: dict[str, str]) -> str:
    verdicts = "".join(f'<label><input type="checkbox" data-verdict="{v}" checked> {v}</label>' for v in VERDICTS)
    sources = "".join(f'<label><input type="checkbox" data-source="{keys[s.id]}" checked> {escape(labels[s.id])}'
                      f"</label>" for s in report.sources)
    return (f'<nav id="filters"><span class="filter">Verdicts: {verdicts}</span>'
            f'<span class="filter">Sources: {sources}</span>'
            f'<span class="filter"><input type="search" id="q" placeholder="Search claims"></span></nav>')


def _matrix(report: Report, groups: list[Group], labels: dict[str, str]) -> str:
    """Sources by sources: the groups each pair shares (agree / diverge / contradict), coloured by agreement."""
    counts = pair_counts(report, groups)
    ids = [s.id for s in report.sources]
    head = "".join(f"<th>{escape(labels[i])}</th>" for i in ids)
    rows = []
    for first in ids:
        cells = []
        for second in ids:
            if first == second:
                cells.append('<td class="self">—</td>')
                continue
            pair = counts.get((first, second)) or counts[(second, first)]
            share = pair.agreement
            shade = "" if share is None else f' style="background: {_shade(share)}"'
            numbers = " / ".join(str(pair.shared[v]) for v in SHARED_VERDICTS)
            tip = f"{labels[first]} and {labels[second]} share {pair.total_shared} groups"
            cells.append(f'<td{shade} title="{escape(tip)}">{numbers}</td>')
        rows.append(f"<tr><th>{escape(labels[first])}</th>{''.join(cells)}</tr>")
    return (f'<section id="matrix"><h2>Sources by sources</h2><p class="note">Groups both sources carry: agree / '
            f"diverge / contradict; the greener, the more they agree.</p><table class=\"matrix\"><tr><th></th>"
            f"{head}</tr>{''.join(rows)}</table></section>")


def _shade(agreement: float) -> str:
    """From amber (they disagree on all they share) to green (they agree on all of it)."""
    red, green, blue = (round(249 + (200 - 249) * agreement), round(168 + (230 - 168) * agreement),
                        round(37 + (201 - 37) * agreement))
    return f"rgb({red}, {green}, {blue})"


def _pair_chart(report: Report, groups: list[Group], labels: dict[str, str]) -> str:
    """One stacked bar per source pair: what they share by verdict, and what only one of them carries."""
    counts = pair_counts(report, groups)
    if not counts:
        return ""
    widest = max(p.total_shared + p.only_first + p.only_second for p in counts.values()) or 1
    label_width, bar_width, row = 150, 600, 22
    parts = []
    for n, ((first, second), pair) in enumerate(counts.items()):
        y = n * row
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">'
                     f"{escape(labels[first])} · {escape(labels[second])}</text>")
        x = float(label_width)
        pieces = [(v, pair.shared[v]) for v in SHARED_VERDICTS] + [("only", pair.only_first + pair.only_second)]
        for verdict, value in pieces:
            width = bar_width * value / widest
            if value:
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row - 6}" '
                             f'fill="{COLOURS[verdict]}"><title>{verdict}: {value}</title></rect>')
            x += width
        note = pair.summary()
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" class="dim">{note}</text>')
    height = len(counts) * row
    legend = "".join(f'<span class="key"><i style="background:{COLOURS[v]}"></i>{name}</span>' for v, name in
                     (("agree", "agree"), ("diverge", "diverge"), ("contradict", "contradict"),
                      ("only", "carried by one of the two")))
    return (f'<section id="pairs"><h2>Agreement per source pair</h2><p class="note">{legend}</p>'
            f'<svg class="chart" viewBox="0 0 {label_width + bar_width + 240} {height}" '
            f'width="{label_width + bar_width + 240}" height="{height}" role="img" '
            f'aria-label="Agreement per source pair">{"".join(parts)}</svg></section>')


def _coverage_map(report: Report, groups: list[Group], labels: dict[str, str], keys: dict[str, str]) -> str:
    """Rows are sources, columns groups (in report order): a filled cell says the source carries the group."""
    carried = coverage(report, groups)
    cell, label_width = 9, 120
    columns = max(1, len(groups))
    parts = []
    for row, source in enumerate(report.sources):
        y = row * (cell + 3)
        parts.append(f'<text x="{label_width - 8}" y="{y + cell}" text-anchor="end">{escape(labels[source.id])}'
                     f"</text>")
        for column, group in enumerate(groups):
            if source.id in carried[group.id]:
                parts.append(f'<a href="#{group.id}"><rect x="{label_width + column * cell}" y="{y}" '
                             f'width="{cell - 1}" height="{cell}" fill="{COLOURS[group.verdict]}">'
                             f"<title>{group.id}: {group.verdict}</title></rect></a>")
    width, height = label_width + columns * cell, len(report.sources) * (cell + 3)
    return (f'<section id="coverage"><h2>Coverage</h2><p class="note">Which source carries which group '
            f"(columns, in the order listed below; colour is the group's verdict). Click a cell to open its group."
            f'</p><div class="scroll"><svg class="chart" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="Coverage map">{"".join(parts)}</svg></div></section>')


def _group(group: Group, claims: dict[str, Claim], labels: dict[str, str], keys: dict[str, str]) -> str:
    members = [claims[c] for c in group.claims]
    sources = sorted({c.source for c in members}, key=list(labels).index)
    rows = []
    for claim, segments in group_rows(group, claims):
        text = _segments(segments) if segments is not None else escape(claim.text)
        speaker = f' <span class="speaker">— {escape(claim.speaker)}</span>' if claim.speaker else ""
        rows.append(f'<li><a class="src" href="#{_anchor(claim)}" title="show in its source">'
                    f"{escape(labels[claim.source])}</a> <span class=\"claim\">{text}</span>{speaker}</li>")
    found = "".join(f'<li><b>{escape(kind)}</b> {escape(", ".join(origins))}: <del>{escape(a) or "—"}</del> → '
                    f'{escape(target)}: <ins>{escape(b) or "—"}</ins></li>'
                    for (kind, a, b, target), origins in combined_differences(group, claims, labels).items())
    related = "".join(f'<li>see also <a class="src" href="#{_anchor(claims[r.claim])}" title="show in its source">'
                      f'{escape(labels[claims[r.claim].source])}</a> <span class="claim">'
                      f'{escape(claims[r.claim].text)}</span> · {r.similarity:.2f}</li>' for r in group.see_also)
    span = similarity_span(group)
    similarity = f" · similarity {span}" if span else ""
    return (f'<article class="group {group.verdict}" id="{group.id}" data-verdict="{group.verdict}" '
            f'data-sources="{" ".join(keys[s] for s in sources)}"><h3><span class="chip {group.verdict}">'
            f'{group.verdict}</span> <a href="#{group.id}">{group.id}</a> · {len(sources)} source'
            f'{"s" if len(sources) != 1 else ""}{similarity}</h3><ul class="claims">{"".join(rows)}</ul>'
            + (f'<ul class="differences">{found}</ul>' if found else "")
            + (f'<ul class="see-also" title="the nearest claim of each source the group lacks, not grouped with it">{related}</ul>'
               if related else "") + "</article>")


def _segments(segments: list[Segment]) -> str:
    parts = []
    for segment in segments:
        text = escape(segment.text)
        if segment.typed:
            text = f"<mark>{text}</mark>"
        parts.append({"removed": f"<del>{text}</del>", "added": f"<ins>{text}</ins>"}.get(segment.op, text))
    return "".join(parts)


def _anchor(claim: Claim) -> str:
    return "claim-" + "".join(ch if ch.isalnum() else "-" for ch in claim.id)


def _sources(report: Report, claims: dict[str, Claim], labels: dict[str, str], keys: dict[str, str]) -> str:
    """Each source's text with its claims marked where they stand (the target of every claim's link)."""
    group_of = {c: g.id for g in report.groups for c in g.claims}
    verdict_of = {g.id: g.verdict for g in report.groups}
    sections = []
    for n, source in enumerate(report.sources):
        text = report.texts.get(source.id) or source.text or ""
        own = sorted((c for c in claims.values() if c.source == source.id), key=lambda c: (c.start, -c.end))
        parts, cursor = [], 0
        for claim in own:
            if claim.start < cursor:  # overlapping claims: the anchor stays, the earlier highlight wins
                parts.append(f'<span id="{_anchor(claim)}"></span>')
                continue
            group = group_of.get(claim.id, "")
            parts.append(escape(text[cursor : claim.start]))
            parts.append(f'<a id="{_anchor(claim)}" class="in-source {verdict_of.get(group, "")}" href="#{group}" '
                         f'title="{group}: {verdict_of.get(group, "")}">{escape(text[claim.start : claim.end])}</a>')
            cursor = claim.end
        parts.append(escape(text[cursor:]))
        sections.append(f'<section class="source" id="src-{n}" data-source="{keys[source.id]}"><h3>'
                        f"{escape(labels[source.id])}: {escape(source.title or source.location)}</h3>"
                        f'<p class="loc">{escape(source.location)}</p><div class="text">{"".join(parts)}</div>'
                        f"</section>")
    return '<section id="sources"><h2>Sources</h2>' + "".join(sections) + "</section>"


_STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:1em 1.5em;
color:#1b1b1b;background:#fff}
h1{margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #ddd}h3{font-size:1em;margin:.2em 0 .4em}
a{color:#1456a0}.note,.dim,.loc{color:#666}.dim{fill:#666}.loc{font-size:.85em}
table{border-collapse:collapse}td,th{padding:.2em .6em;border:1px solid #e0e0e0;text-align:left;vertical-align:top}
td.num{text-align:right}.matrix td{text-align:center;white-space:nowrap}.matrix td.self{color:#bbb}
.chip{display:inline-block;padding:0 .5em;border-radius:.8em;font-size:.85em;margin-right:.4em;color:#fff}
.chip.agree{background:#2e7d32}.chip.diverge{background:#f9a825;color:#000}.chip.contradict{background:#c62828}
.chip.unique{background:#0277bd}
nav#filters{position:sticky;top:0;background:#fafafa;border:1px solid #e0e0e0;padding:.4em .8em;margin:1em 0;
z-index:1}
.filter{margin-right:1.2em;white-space:nowrap;display:inline-block}.filter label{margin-right:.5em}
input[type=search]{padding:.2em .4em;width:14em}
article.group{border-left:4px solid #ccc;padding:.3em .8em;margin:.8em 0;background:#fcfcfc}
article.agree{border-color:#2e7d32}article.diverge{border-color:#f9a825}article.contradict{border-color:#c62828}
article.unique{border-color:#0277bd}
ul.claims{list-style:none;padding:0;margin:0}ul.claims li{margin:.25em 0}
a.src{display:inline-block;min-width:4em;font-weight:600;text-decoration:none}
.speaker{color:#666;font-style:italic}
del{background:#ffebee;color:#b71c1c}ins{background:#e8f5e9;color:#1b5e20;text-decoration:none}
mark{background:#fff59d;font-weight:600}
ul.differences{margin:.3em 0 0;padding-left:1.2em;font-size:.9em}
ul.see-also{margin:.3em 0 0;padding-left:1.2em;font-size:.85em;color:#555;list-style:none}
.chart text{font-size:12px}.scroll{overflow-x:auto}
.key{margin-right:1em}.key i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
.source .text{white-space:pre-wrap;border:1px solid #eee;padding:.6em;background:#fdfdfd}
a.in-source{color:inherit;text-decoration:none;border-bottom:2px solid #cfd8dc}
a.in-source.agree{border-color:#2e7d32}a.in-source.diverge{border-color:#f9a825}
a.in-source.contradict{border-color:#c62828}a.in-source.unique{border-color:#4fc3f7}
:target{outline:3px solid #1456a0;background:#e3f2fd}
.warning{color:#8d6e00}
@media print{nav#filters{display:none}}
"""

# Filters: verdict and source checkboxes and a search box; the address (#verdict=..&source=..&q=..) keeps them.
_SCRIPT = """
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[type=checkbox]'));
  var search = document.getElementById('q');
  var groups = Array.prototype.slice.call(document.querySelectorAll('article.group'));
  function checked(kind) {
    return boxes.filter(function (b) { return b.dataset[kind] && b.checked; })
      .map(function (b) { return b.dataset[kind]; });
  }
  function apply(remember) {
    var verdicts = checked('verdict'), sources = checked('source'), q = search.value.trim().toLowerCase(), shown = 0;
    groups.forEach(function (g) {
      var visible = verdicts.indexOf(g.dataset.verdict) >= 0 &&
        g.dataset.sources.split(' ').some(function (s) { return sources.indexOf(s) >= 0; }) &&
        (!q || g.textContent.toLowerCase().indexOf(q) >= 0);
      g.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.getElementById('shown').textContent = shown + ' of ' + groups.length + ' groups shown';
    if (remember) {
      var all = boxes.every(function (b) { return b.checked; }) && !q;
      var state = all ? '' : 'verdict=' + verdicts.join(',') + '&source=' + sources.join(',') +
        (q ? '&q=' + encodeURIComponent(q) : '');
      history.replaceState(null, '', state ? '#' + state : location.pathname + location.search);
    }
  }
  function restore() {
    var hash = location.hash.slice(1);
    if (hash.indexOf('=') < 0) { return; }
    var state = {};
    hash.split('&').forEach(function (part) {
      var kv = part.split('=');
      state[kv[0]] = decodeURIComponent(kv[1] || '');
    });
    boxes.forEach(function (b) {
      ['verdict', 'source'].forEach(function (kind) {
        if (b.dataset[kind] && kind in state) { b.checked = state[kind].split(',').indexOf(b.dataset[kind]) >= 0; }
      });
    });
    if ('q' in state) { search.value = state.q; }
  }
  boxes.forEach(function (b) { b.addEventListener('change', function () { apply(true); }); });
  search.addEventListener('input', function () { apply(true); });
  restore();
  apply(false);
})();
"""
