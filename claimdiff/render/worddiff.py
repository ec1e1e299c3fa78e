"""Word-level diff of one claim against another, as segments every renderer can draw.

The terminal, Markdown and HTML outputs all show a claim the same way: its own text, with the words that differ
from the group's first claim marked as removed or added, and the words of typed differences emphasised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from claimdiff.judge.words import Analysis, align_words, tokenize
from claimdiff.model import Difference

MIN_SHARED_FOR_INLINE = 0.35  # below this share of shared words an inline diff is noise: show the text alone


@dataclass
class Segment:
    text: str
    op: Literal["same", "removed", "added"]
    typed: bool = False  # part of a typed difference (number, name, title, ...)


def word_diff(reference_text: str, other_text: str, differences: list[Difference] | None = None) -> list[Segment]:
    """`other` as segments relative to `reference`: removed words are the reference's, added ones are other's.

    When the two share too few words for an inline diff to help, `other` comes back whole, with only the
    spans of typed differences marked.
    """
    reference, other = tokenize(reference_text), tokenize(other_text)
    changes, matches = align_words(reference, other)
    words = max(1, min(_count(reference), _count(other)))
    if len(matches) / words < MIN_SHARED_FOR_INLINE:
        return _marked(other, [d.b for d in differences or []])
    typed_a = _typed_offsets(reference, [d.a for d in differences or []])
    typed_b = _typed_offsets(other, [d.b for d in differences or []])
    segments: list[Segment] = []
    cursor = 0  # character position in other.text
    for change in changes:
        start_b = other.words[change.b0].start if change.b0 < len(other.words) else len(other.text)
        if start_b > cursor:
            segments.append(Segment(other.text[cursor:start_b], "same"))
            cursor = start_b
        if change.a1 > change.a0:
            removed = reference.span_text(change.a0, change.a1)
            first = reference.words[change.a0].start
            if segments and not segments[-1].text[-1:].isspace() and segments[-1].text[-1:] not in "“\"‘([«":
                segments.append(Segment(" ", "same"))
            segments.append(Segment(removed, "removed", any(first <= o < first + len(removed) for o in typed_a)))
            if change.b1 > change.b0 or (cursor < len(other.text) and not other.text[cursor].isspace()):
                segments.append(Segment(" ", "same"))
        if change.b1 > change.b0:
            end_b = other.words[change.b1 - 1].end
            segments.append(Segment(other.text[start_b:end_b], "added",
                                    any(start_b <= o < end_b for o in typed_b)))
            cursor = end_b
    if cursor < len(other.text):
        segments.append(Segment(other.text[cursor:], "same"))
    return _tidy(segments)


def plain(segments: list[Segment]) -> str:
    """git --word-diff=plain style: [-removed-] {+added+}."""
    parts = []
    for segment in segments:
        if segment.op == "removed":
            parts.append(f"[-{segment.text}-]")
        elif segment.op == "added":
            parts.append(f"{{+{segment.text}+}}")
        else:
            parts.append(segment.text)
    return "".join(parts)


def _marked(analysis: Analysis, spans: list[str]) -> list[Segment]:
    """The whole text, with the given spans (typed differences) flagged."""
    text, segments, cursor = analysis.text, [], 0
    for start, end in sorted(_span_positions(text, spans)):
        if start < cursor:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start], "same"))
        segments.append(Segment(text[start:end], "same", typed=True))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:], "same"))
    return segments


def _span_positions(text: str, spans: list[str]) -> list[tuple[int, int]]:
    positions = []
    for span in spans:
        if span and (found := text.find(span)) >= 0:
            positions.append((found, found + len(span)))
    return positions


def _typed_offsets(analysis: Analysis, spans: list[str]) -> list[int]:
    return [start for start, _ in _span_positions(analysis.text, spans)]


def _count(analysis: Analysis) -> int:
    return sum(1 for w in analysis.words if not w.punct)


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Merge neighbours of the same kind and drop empty pieces."""
    merged: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if merged and merged[-1].op == segment.op and merged[-1].typed == segment.typed:
            merged[-1] = Segment(merged[-1].text + segment.text, segment.op, segment.typed)
        else:
            merged.append(segment)
    return merged
