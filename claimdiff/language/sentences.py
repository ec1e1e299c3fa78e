"""Sentence spans: English with pySBD, whose golden rules handle "Sept. 7", "No. 3", "U.S.", quotes and dashes;
Russian with razdel (Natasha's splitter, built on Russian news) and other languages with sentencex (Wikimedia's
splitter for some 240 languages, Chinese among them)."""

from __future__ import annotations

import re
from functools import lru_cache

from claimdiff.language.quotes import CLOSING, MARKS, STRAIGHT, quotations
from claimdiff.language.states import AP_STATES
from claimdiff.language.speech import SPEECH_VERB_FORMS

_SPEECH_ONLY = re.compile(r"^[\W_]*(?:[A-Z][\w’'.-]*\s){0,3}(?:said|says|added|asked|asks|wrote|told\s+\w+)[\s.,]*$"
                          r"|^[\W_]*(?:said|says|added|asked)\s+[\w’'. -]{1,40}$")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)  # only its sentences: _spans locates them


# "WASHINGTON -- ", "LONDON (Reuters) - ", "NEW YORK, N.Y. — ", "DANVILLE, Ky. –- ": where a story was filed, not
# part of a claim.
_DATELINE = re.compile(r"^[A-Z]{2}[A-Z.'’ ]{1,30}(?:,\s*[A-Z][A-Za-z.]{1,15})?(?:\s*\([^)]{1,30}\))?\s*[-–—―]{1,3}\s+(?=\S)")


def dateline_length(sentence: str) -> int:
    match = _DATELINE.match(sentence)
    return match.end() if match else 0


MAX_SENTENCE_CHARS = 1500  # longer "sentences" (a page without punctuation) are cut: parsing stays bounded


def sentence_spans_in(text: str, language: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, written in `language` (ISO 639-1), trimmed of whitespace."""
    if language == "en":
        return sentence_spans(text)
    if language == "ru":
        import razdel

        pieces = [(s.start, s.stop) for s in razdel.sentenize(text)]
    else:
        import sentencex

        pieces = _located(text, sentencex.segment(language, text))
    spans = [_trim(text, start, end) for start, end in pieces]
    spans = [piece for start, end in spans if end > start for piece in _quoted_pieces(text, start, end, language)]
    return [piece for start, end in spans for piece in _bounded(text, start, end)]


def _quoted_pieces(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """text[start:end] cut where a sentence ends inside a quotation, as _quoted_sentences does for English: the
    splitters keep a quotation whole, but each quoted sentence is a claim of its own."""
    cuts = []
    for quotation_start, quotation_end in quotations(text, start, end):
        inner_start = quotation_start + 1
        inner = text[inner_start : quotation_end - 1]
        for piece_start, _ in sentence_spans_in(inner, language)[1:]:
            if text[inner_start + piece_start : quotation_end].strip(" ”\"»」』"):
                cuts.append(inner_start + piece_start)
    bounds = [start, *cuts, end]
    pieces = [_trim(text, a, b) for a, b in zip(bounds, bounds[1:])]
    return [(a, b) for a, b in pieces if b > a]


def _located(text: str, sentences) -> list[tuple[int, int]]:
    """The offsets of sentences given as strings, found in order in `text`."""
    spans, cursor = [], 0
    for sentence in sentences:
        start = text.find(sentence.strip(), cursor)
        if start < 0 or not sentence.strip():
            continue
        cursor = start + len(sentence.strip())
        spans.append((start, cursor))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each English sentence in `text`, trimmed of whitespace.

    Fragments that cannot stand alone join the sentence before them: a line that starts in lower case
    ("... Australia. brought together by ...") and a bare attribution ("Hart said.").
    """
    spans: list[tuple[int, int]] = []
    # The dateline is read on the whole text: pySBD may end a sentence inside it ("AUGUSTA, Me." | "— Paul ...").
    lead = len(text) - len(text.lstrip())
    dateline_end = lead + dateline_length(text[lead:])
    for piece_start, piece_end in _segmented(text):
        start, end = _trim(text, max(piece_start, dateline_end), piece_end)
        if spans and start < end and _closing_mark_at(text, start, end):
            start = _closing_marks_to_previous(text, spans, start, end)
        if start >= end:
            continue
        previous = text[spans[-1][0] : start] if spans else ""
        if spans and (_continues_previous(text[start:end]) or _ends_in_state_before_name(previous)
                      or _attributes_quote(previous, text[start:end])):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    spans = [piece for start, end in spans for piece in _quoted_sentences(text, start, end)]
    return _wordless_joined([piece for start, end in spans for piece in _bounded(text, start, end)], text)


def _wordless_joined(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Pieces without a word are no sentences: an ellipsis between quoted sentences ("... of Congress. ...
    These are ..."), a row of asterisks between sections. Dropped, or joined to the sentence before when they
    hold a quotation mark, which the quotation's reader needs."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if any(ch.isalnum() for ch in text[start:end]):
            kept.append((start, end))
        elif kept and any(ch in MARKS for ch in text[start:end]):
            kept[-1] = (kept[-1][0], end)
    return kept


def _closing_marks_to_previous(text: str, spans: list[tuple[int, int]], start: int, end: int) -> int:
    """A closing quotation mark left at the start of a piece ('"I'm not going to pay for that wall!” Fox told
    Jorge Ramos': pySBD cuts after the "!" when the quotation opened with a straight mark; '“... in November."
    A Frank representative did not respond', opened with a curly mark) ends the previous sentence; returns where
    this piece's own text starts."""
    marks_end = start
    while marks_end < end and _closing_mark_at(text, marks_end, end):
        marks_end += 1
    spans[-1] = (spans[-1][0], marks_end)
    return _trim(text, marks_end, end)[0]


def _closing_mark_at(text: str, at: int, end: int) -> bool:
    """A mark that closes a quotation: a closing one, or a straight one set apart from the words after it (an
    opening mark is set against the word it opens)."""
    return text[at] in CLOSING or text[at] == STRAIGHT and (at + 1 == end or text[at + 1].isspace())


SEGMENTER_CHUNK = 5_000  # pySBD slows down more than linearly on long blocks: give it at most this at once


def _segmented(text: str):
    """pySBD's sentence spans (start, end), on chunks of the text cut where a sentence ends (or at least at a space)."""
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > SEGMENTER_CHUNK:
            limit, half = start + SEGMENTER_CHUNK, start + SEGMENTER_CHUNK // 2
            end = max(text.rfind(mark, half, limit) for mark in (". ", "? ", "! ", "\n"))
            end = end + 1 if end >= 0 else text.rfind(" ", half, limit)
            end = end if end > start else limit
        for piece_start, piece_end in _spans(text[start:end]):
            yield start + piece_start, start + piece_end
        start = end


def _spans(text: str):
    """pySBD's sentences, located in the text. pySBD's own char_span mode compiles a pattern of each sentence and
    scans the whole text with it (half a second for 30 articles); the sentences come in order, so each is found
    after the previous one. Like pySBD's spans, each takes the whitespace after it."""
    cursor = 0
    for sentence in _segmenter().processor(text).process() if text else []:
        start = text.find(sentence, cursor)
        if start < 0 or not sentence:
            continue
        end = start + len(sentence)
        while end < len(text) and text[end].isspace():
            end += 1
        yield start, end
        cursor = end


def _quoted_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut where a sentence ends inside a quotation ('The letter goes on: “A. B.”'): pySBD keeps
    a quotation whole, but each quoted sentence is a claim of its own, which another outlet may quote alone."""
    cuts = []
    for quotation_start, quotation_end in quotations(text, start, end):
        inner_start = quotation_start + 1
        inner = text[inner_start : quotation_end - 1]
        for piece_start, _ in list(_spans(inner))[1:]:
            cut = inner_start + piece_start
            if text[cut:quotation_end].strip(" ”\"»") and not _continues_previous(text[cut:quotation_end]):
                cuts.append(cut)
    bounds = [start, *cuts, end]
    pieces = [_trim(text, a, b) for a, b in zip(bounds, bounds[1:])]
    return [(a, b) for a, b in pieces if b > a]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] in pieces of at most MAX_SENTENCE_CHARS, cut after a clause mark (; , :) where there is
    one in the second half of a piece, else at a space, else anywhere."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        half = start + MAX_SENTENCE_CHARS // 2
        cut = max(text.rfind(mark, half, limit) for mark in ("; ", ", ", ": "))
        cut = cut + 1 if cut >= 0 else text.rfind(" ", half, limit)
        cut = cut if cut > start else limit
        pieces.append(_trim(text, start, cut))
        start = _trim(text, cut, end)[0]
    pieces.append((start, end))
    return [(a, b) for a, b in pieces if b > a]


# US news abbreviates a state before a title or name ("Ariz. Gov. Jan Brewer", "N.C. Congressman"), which pySBD
# takes for a sentence end. After a city or a party ("Tempe, Ariz.", "R-Tenn.") the abbreviation may well end a
# sentence, so only one standing alone is joined to what follows.
_STATE_BEFORE_NAME = re.compile(
    r"(?:^|(?<![,\-])\s)(?:" + "|".join(re.escape(state) for state in AP_STATES) + r")\s*$")


def _ends_in_state_before_name(previous: str) -> bool:
    return bool(_STATE_BEFORE_NAME.search(previous))


# '"... in foreign courts." Obama wrote in a letter delivered Tuesday.': the quotation's attribution, cut off by
# the full stop inside the quotation marks, with at most a phrase of where or when after the verb, or a participle
# ('"..., John?" Obama continued, calling out Speaker John Boehner.'); also '"...?" Mr. Trump was quoted as saying'.
_ATTRIBUTION_AFTER_QUOTE = re.compile(
    r"^(?:[A-Z][\w’'.-]*,?\s){1,4}(?:told(?:\s+[A-Z][\w’'.-]*){1,3}|told\s+\w+|(?:is|was)\s+quoted\s+as\s+saying|"
    + "|".join(sorted(SPEECH_VERB_FORMS - {"told"}, key=len, reverse=True)) + ")"
    r"(?:\s+(?:in|on|at|during|after|before|to|of|from|while|last|this|earlier|later)\b[^\"“”«».!?]{0,80}"
    r"|,\s+[a-z]+ing\b[^\"“”«»!?]{0,160})?\.$")


def _attributes_quote(previous: str, sentence: str) -> bool:
    return previous.rstrip().endswith(("”", '"', "»")) and bool(_ATTRIBUTION_AFTER_QUOTE.match(sentence))


def _continues_previous(sentence: str) -> bool:
    """A piece that cannot stand alone: it starts in lower case, is a bare attribution, or holds a single word
    ("Concerned ... ”", the close of a quotation cut at its question mark): marks and ellipses are no words."""
    first = next((ch for ch in sentence if ch.isalpha()), "")
    return first.islower() or bool(_SPEECH_ONLY.match(sentence)) or len(re.findall(r"\w+", sentence)) < 2


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
