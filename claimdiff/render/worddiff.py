"""Word-level diff of one claim against another, as segments every renderer can draw.

The terminal, Markdown and HTML outputs and the explorer all show a claim the same way: its own text, with the
words that differ from the group's central claim marked as removed or added, and the words of typed differences
emphasised. What differs is what the judge read (each Pair carries its word alignment): nothing is aligned again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from claimdiff.model import Difference, Pair

MIN_SHARED_FOR_INLINE = 0.35  # below this share of shared words an inline diff is noise: show the text alone


@dataclass
class Segment:
    text: str
    op: Literal["same", "removed", "added"]
    typed: bool = False  # part of a typed difference (number, name, title, ...)


def pair_diff(pair: Pair, reference_id: str, reference_text: str, other_text: str) -> list[Segment]:
    """The other claim of `pair` as segments relative to the reference claim, drawn from the word alignment the
    judge read (Pair.changes), turned to run from the reference to the other claim."""
    changes = pair.changes if pair.a == reference_id else [[b0, b1, a0, a1] for a0, a1, b0, b1 in pair.changes]
    differences = pair.differences if pair.a == reference_id else [Difference(d.kind, d.b, d.a)
                                                                   for d in pair.differences]
    return word_diff(reference_text, other_text, changes, pair.shared_words, differences)


def word_diff(reference: str, other: str, changes: list[list[int]], shared: float,
              differences: list[Difference] | None = None) -> list[Segment]:
    """`other` as segments relative to `reference`: removed words are the reference's, added ones are other's.
    `changes` are the stretches that differ, [ref_start, ref_end, other_start, other_end] in characters.

    When the two share too few words for an inline diff to help, `other` comes back whole, with only the
    spans of typed differences marked.
    """
    if shared < MIN_SHARED_FOR_INLINE:
        return _marked(other, [d.b for d in differences or []])
    typed_a = _typed_offsets(reference, [d.a for d in differences or []])
    typed_b = _typed_offsets(other, [d.b for d in differences or []])
    segments: list[Segment] = []
    cursor = 0  # character position in other
    for a0, a1, b0, b1 in changes:
        if b0 > cursor:
            segments.append(Segment(other[cursor:b0], "same"))
            cursor = b0
        if a1 > a0:
            removed = reference[a0:a1]
            # Glued to what precedes it in both texts ("$40" and "$45"): no space between.
            glued = a0 > 0 and b0 > 0 and not reference[a0 - 1].isspace() and reference[a0 - 1] == other[b0 - 1]
            if segments and not glued and not segments[-1].text[-1:].isspace() and \
                    segments[-1].text[-1:] not in "“\"‘([«":
                segments.append(Segment(" ", "same"))
            segments.append(Segment(removed, "removed", any(a0 <= o < a1 for o in typed_a)))
            if b1 > b0 or (cursor < len(other) and not other[cursor].isspace()):
                segments.append(Segment(" ", "same"))
        if b1 > b0:
            segments.append(Segment(other[b0:b1], "added", any(b0 <= o < b1 for o in typed_b)))
            cursor = b1
    if cursor < len(other):
        segments.append(Segment(other[cursor:], "same"))
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


def _marked(text: str, spans: list[str]) -> list[Segment]:
    """The whole text, with the given spans (typed differences) flagged."""
    segments, cursor = [], 0
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


def _typed_offsets(text: str, spans: list[str]) -> list[int]:
    return [start for start, _ in _span_positions(text, spans)]


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
