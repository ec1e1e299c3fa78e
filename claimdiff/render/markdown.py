"""Markdown report: the terminal report's content for a pull request, a wiki or a newsroom chat.

Readable as plain text too: removed words are ~~struck~~, added words **bold**, typed differences listed under
each group as `kind: source "before" -> source "after"`.
"""

from __future__ import annotations

import re

from claimdiff.model import SHARED_VERDICTS, SUMMARY_ORDER, Claim, Group, Report, SeeAlso
from claimdiff.render.overview import group_rows, pair_counts, similarity_span
from claimdiff.render.text import combined_differences, source_labels
from claimdiff.render.worddiff import Segment

HEADINGS = {"contradict": "Contradictions", "diverge": "Divergences", "agree": "Agreements"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def render_markdown(report: Report, groups: list[Group]) -> str:
    labels = source_labels(report)
    claims = {c.id: c for c in report.claims}
    lines = _summary(report, groups, labels)
    lines += _pairs(report, groups, labels)
    for verdict in SHARED_VERDICTS[::-1]:  # contradictions first
        heading = HEADINGS[verdict]
        chosen = [g for g in groups if g.verdict == verdict]
        if chosen:
            lines += [f"## {heading} ({len(chosen)})", ""]
            for group in chosen:
                lines += _group(group, claims, labels)
    lines += _unique([g for g in groups if g.verdict == "unique"], report, claims, labels)
    lines += [f"> warning: {escape(w)}" for w in report.warnings]
    return "\n".join(lines).rstrip() + "\n"


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _summary(report: Report, groups: list[Group], labels: dict[str, str]) -> list[str]:
    summary = report.summary
    verdicts = " · ".join(f"{v} {summary['verdicts'][v]}" for v in SUMMARY_ORDER)
    lines = ["# claimdiff report", "",
             f"**{summary['sources']} sources · {summary['claims']} claims · {summary['groups']} groups** — {verdicts}",
             ""]
    if summary.get("differences"):
        lines += ["Differences: " + ", ".join(f"{k} {n}" for k, n in summary["differences"].items()), ""]
    if len(groups) != len(report.groups):
        lines += [f"Showing {len(groups)} of {len(report.groups)} groups.", ""]
    lines += ["| source | claims | title | location |", "|---|---:|---|---|"]
    for source in report.sources:
        lines.append(f"| **{escape(labels[source.id])}** | {source.claims} | {escape(source.title or '')} | "
                     f"{escape(source.location)} |")
    return lines + [""]


def _pairs(report: Report, groups: list[Group], labels: dict[str, str]) -> list[str]:
    counts = pair_counts(report, groups)
    if not counts:
        return []
    lines = ["## Source pairs", "", "Groups both sources carry, by how their own claims relate there (agree / "
             "diverge / contradict), groups only one of them carries, and the share of the groups either carries "
             "that both carry.", "",
             "| sources | agree | diverge | contradict | only first | only second | shared |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for (first, second), pair in counts.items():
        shared = " | ".join(str(pair.shared[v]) for v in SHARED_VERDICTS)
        lines.append(f"| {escape(labels[first])} · {escape(labels[second])} | {shared} | {pair.only_first} | "
                     f"{pair.only_second} | {pair.overlap:.0%} |")
    return lines + [""]


def _group(group: Group, claims: dict[str, Claim], labels: dict[str, str]) -> list[str]:
    members = [claims[c] for c in group.claims]
    span = similarity_span(group)
    similarity = f" · similarity {span}" if span else ""
    sources = {c.source for c in members}
    lines = [f"### {group.id} · {group.verdict} · {len(sources)} sources{similarity}", ""]
    for claim, segments in group_rows(group, claims):
        text = _segments(segments) if segments is not None else escape(claim.text)
        speaker = f" — *{escape(claim.speaker)}*" if claim.speaker else ""
        lines.append(f"- **{escape(labels[claim.source])}** ({_place(claim)}): {text}{speaker}")
    for (kind, a, b, target), origins in combined_differences(group, claims, labels).items():
        lines.append(f"  - `{kind}`: {escape(', '.join(origins))} “{escape(a) or '—'}” → {escape(target)} "
                     f"“{escape(b) or '—'}”")
    lines += [_see_also_line(r, claims, labels) for r in group.see_also]
    return lines + [""]


def _see_also_line(related: SeeAlso, claims: dict[str, Claim], labels: dict[str, str]) -> str:
    other = claims[related.claim]
    return f"  - *see also* {escape(labels[other.source])} ({related.similarity:.2f}): {escape(other.text)}"


def _segments(segments: list[Segment]) -> str:
    marks = {"removed": "~~", "added": "**"}
    parts = []
    for segment in segments:
        text = _SPECIAL.sub(r"\\\1", segment.text.replace("\n", " "))
        mark = marks.get(segment.op, "*" if segment.typed else "")
        core = text.strip()
        if mark and core:  # emphasis must hug the words: spaces stay outside the marks
            text = text[: len(text) - len(text.lstrip())] + mark + core + mark + text[len(text.rstrip()):]
        parts.append(text)
    return "".join(parts)


def _place(claim: Claim) -> str:
    return f"chars {claim.start}–{claim.end}"


def _unique(groups: list[Group], report: Report, claims: dict[str, Claim], labels: dict[str, str]) -> list[str]:
    if not groups:
        return []
    lines = [f"## Said by one source only ({len(groups)})", ""]
    see_also = {}
    for group in groups:
        for related in group.see_also:
            see_also.setdefault(related.of, []).append(related)
    for source in report.sources:
        only = sorted((claims[c] for g in groups for c in g.claims if claims[c].source == source.id),
                      key=lambda c: c.start)
        if only:
            lines += [f"**{escape(labels[source.id])}** ({len(only)})", ""]
            for claim in only:
                speaker = f" — *{escape(claim.speaker)}*" if claim.speaker else ""
                kind = f" *[{claim.kind}]*" if claim.kind != "statement" else ""
                lines.append(f"- {escape(claim.text)}{speaker}{kind}")
                lines += [_see_also_line(r, claims, labels) for r in see_also.get(claim.id, [])]
            lines.append("")
    return lines
