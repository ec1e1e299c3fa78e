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
    """(inside, open after it) for each piece. Text that continues an open quotation is inside it up to a
    closing mark; an opening mark after some of its words opens a quotation within the quotation ('as the
    Director has said, your statement “puts you at odds”' in a letter quoted over several sentences). Only at
    the text's start does an opening mark begin the quotation anew (the convention for a quotation running over
    paragraphs)."""
    first_at = next((k for k, p in enumerate(pieces) if p in MARKS), None)
    first = pieces[first_at] if first_at is not None else None
    words_before = first_at is not None and any(any(c.isalnum() for c in p) for p in pieces[:first_at])
    continued = open_at_start and (first is None or first in CLOSING or (first in OPENING and words_before))
    depth = 1 if first in CLOSING or (continued and first != STRAIGHT) else 0
    straight = open_at_start and first in (STRAIGHT, None) and not depth
    last_closing = max((k for k, p in enumerate(pieces) if p in CLOSING), default=-1)
    for k, piece in enumerate(pieces):
        if piece in OPENING:
            depth += 1
        inside = depth > 0 or straight
        if piece in CLOSING and depth:
            depth -= 1
        elif piece in CLOSING and straight:
            straight = False  # opened with a straight mark, closed with a curly one ("… wall!” Fox told …)
        elif piece == STRAIGHT and depth and not straight and (k > last_closing or _ends_words(pieces, k)):
            # Opened with a curly mark, closed with a straight one ('an “act of terror" and'; '“... by this
            # action," Suthers said. "However, ...”', where a curly mark closes the next quotation).
            depth -= 1
        elif piece == STRAIGHT:
            straight = not straight
        yield inside, depth > 0 or straight


def _ends_words(pieces: Sequence[str], k: int) -> bool:
    """Whether the mark at k follows the punctuation that ends quoted words in news style ('action," he said'),
    where a mark that opens a quotation inside another follows a space or a word."""
    return k > 0 and pieces[k - 1] in {",", ".", "!", "?"}
