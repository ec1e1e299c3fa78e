"""Quotation marks: which words of a sentence sit inside a quotation, and whether a quotation runs on after it.

Written here rather than taken from a library because news quotations span sentences ('“A. B,” he said.' is
split into two sentences, the second opening inside the quotation) and straight quotes do not tell opening from
closing: what counts is the state carried from one sentence to the next, which no tokenizer keeps.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

OPENING = frozenset("“«„「『")  # English, Russian and other European, Chinese and Japanese marks
CLOSING = frozenset("”»」』")
STRAIGHT = '"'
MARKS = OPENING | CLOSING | {STRAIGHT}


def inside_quotes(pieces: Sequence[str], open_at_start: bool = False) -> list[bool]:
    """Per piece (a token's text, or a character), whether it is inside quotation marks. A closing mark before
    any opening one shows that the text continues a quotation opened earlier; for straight quotes, which do not
    tell opening from closing, `open_at_start` says whether one was open."""
    return [inside for inside, _ in _scan(pieces, open_at_start)]


def still_open(text: str, open_at_start: bool = False) -> bool:
    """Whether a quotation is open after `text`: one opened in it and not closed, or one open before it that
    it does not close (a sentence without quotation marks continues the quotation it is in)."""
    if not any(ch in MARKS for ch in text):
        return open_at_start
    open_after = open_at_start
    for _, open_after in _scan(text, open_at_start):
        pass
    return open_after


def quoted_share(text: str) -> float:
    """Fraction of the characters that sit inside quotation marks."""
    return sum(inside_quotes(text)) / max(1, len(text))


_QUOTATION = re.compile(r"“[^”]+”|\"[^\"]+\"|«[^»]+»|「[^」]+」")


def quotations(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """The spans of complete quotations in text[start:end], their marks included."""
    for match in _QUOTATION.finditer(text, start, len(text) if end is None else end):
        yield match.start(), match.end()


def _scan(pieces: Sequence[str], open_at_start: bool):
    """(inside, open after it) for each piece."""
    first = next((p for p in pieces if p in MARKS), None)
    depth = 1 if first in CLOSING else 0
    straight = first == STRAIGHT and open_at_start
    for piece in pieces:
        if piece in OPENING:
            depth += 1
        inside = depth > 0 or straight
        if piece in CLOSING and depth:
            depth -= 1
        elif piece in CLOSING and straight:
            straight = False  # opened with a straight mark, closed with a curly one ("… wall!” Fox told …)
        elif piece == STRAIGHT:
            straight = not straight
        yield inside, depth > 0 or straight
