"""Segment: Document -> Claims (sentences, and the separate statements inside compound sentences)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from claimdiff.language.parser import Parser, standalone
from claimdiff.model import Block, Claim, Document
from claimdiff.segment.attribution import SpeakerBook, find_speaker, introduced_speaker, looks_like_caption
from claimdiff.language.quotes import CLOSING, MARKS, OPENING, STRAIGHT, inside_quotes, quoted_share, still_open
from claimdiff.segment.clauses import Fragment, asides, split_sentence
from claimdiff.language.detect import ENGLISH
from claimdiff.language.sentences import MAX_SENTENCE_CHARS, sentence_spans, sentence_spans_in


@dataclass
class _Sentence:
    block: Block
    start: int
    end: int


@dataclass
class Segmented:
    claims: list[list[Claim]]  # each document's claims
    parses: dict[str, object]  # the spaCy parse of each claim's text, read in its sentence (for the judge)


def segment_many(documents: list[Document], parser: Parser, whole_sentences: bool = False) -> Segmented:
    """The claims of each document and their parses; the sentences are parsed in one batch, which is quicker
    than one document at a time (and can use a second core). Documents in another language than English are
    split into sentences only (see sentence_claims), and so are English ones with `whole_sentences` (beside
    articles in other languages: sentences are what translations share, and a clause of one would face a whole
    sentence of the other)."""
    english = [d for d in documents if d.language == ENGLISH]
    sentences = [_sentences(d) for d in english]
    texts = [d.text[s.start : s.end] for d, spans in zip(english, sentences) for s in spans]
    parses = dict(zip(texts, parser.parse_many(texts)))
    english_claims = iter([segment(d, parser, spans, parses, whole_sentences) for d, spans in zip(english, sentences)])
    return Segmented([next(english_claims) if d.language == ENGLISH else sentence_claims(d) for d in documents],
                     parses)


def sentence_claims(document: Document) -> list[Claim]:
    """The claims of an article in another language than English: its sentences. The clause splitter and the
    speaker rules read an English parse; across languages a sentence is the unit that translations share."""
    claims: list[Claim] = []
    for block in document.blocks:
        for start, end in sentence_spans_in(document.text[block.start : block.end], document.language):
            text = document.text[block.start + start : block.start + end]
            kind = {"title": "heading", "heading": "heading", "caption": "caption"}.get(block.role, "statement")
            if kind == "statement" and quoted_share(text) >= 0.5:
                kind = "quote"
            claims.append(Claim(id=f"{document.id}:{len(claims) + 1}", source=document.id, text=text,
                                start=block.start + start, end=block.start + end, kind=kind))
    return _each_wording_once(claims, document.id)


def segment(document: Document, parser: Parser | None = None, sentences: list[_Sentence] | None = None,
            parses: dict[str, object] | None = None, whole_sentences: bool = False) -> list[Claim]:
    """The document's claims (with a parser of its own unless given one); `sentences` when its sentences were
    found already (segment_many). The parse of each claim's text is added to `parses`. With `whole_sentences`,
    compound sentences are not split into their statements."""
    parser = parser or Parser()
    sentences = _sentences(document) if sentences is None else sentences
    parses = {} if parses is None else parses
    docs = parser.parse_many([document.text[s.start : s.end] for s in sentences])
    book = SpeakerBook()
    quotes = _QuoteTracker()
    claims: list[Claim] = []
    for sentence, doc in zip(sentences, docs):
        quotes.start_sentence(sentence.block, doc.text, document.text[sentence.block.start : sentence.block.end])
        kind, fragments = _fragments(sentence, doc, single=_count_in_block(sentences, sentence.block) == 1,
                                     quote_open=quotes.open, split=not whole_sentences)
        quoted = inside_quotes([t.text for t in doc], quotes.open)
        sentence_claims = []
        for fragment in fragments:
            text = _kept_parse(doc, fragment, parses)
            speaker, named = None, True
            if kind == "statement":
                span = doc.char_span(fragment.start, fragment.end, alignment_mode="expand")
                speaker, named = find_speaker(span, quoted, book)
                if speaker is None and not named:
                    quotes.said_by_a_person(book.may_be_a_person)
            claim = Claim(
                id=f"{document.id}:{len(claims) + 1}",
                source=document.id,
                text=text,
                start=sentence.start + fragment.start,
                end=sentence.start + fragment.end,
                kind=_claim_kind(kind, fragment, text, quotes.open),
                speaker=speaker,
                context=fragment.context,
                speaker_named=named,
                sentence=sentence.start,
            )
            claims.append(claim)
            sentence_claims.append((claim, fragment))
            quotes.add(claim)
        _share_speaker_within_sentence(sentence_claims)
        if kind == "statement" and not whole_sentences:
            claims.extend(_aside_claims(document, sentence, doc, quotes.open_at_start, len(claims), parses))
        quotes.end_sentence()
        if kind == "statement":
            quotes.introduce(*introduced_speaker(doc, book))
        if kind != "heading":
            book.note_people(doc, quoted)  # a headline's capitals make the recogniser's names there unreliable
        for claim, _ in sentence_claims:
            if claim.speaker:
                book.note(claim.speaker, leading=True)
    return _each_wording_once(claims, document.id)


def _aside_claims(document: Document, sentence: _Sentence, doc, quote_open: bool, count: int,
                  parses: dict[str, object]) -> list[Claim]:
    """A sentence's asides ("– his first overseas trip in almost 1,000 days –") as claims of kind "aside", after
    the sentence's own claims: another source may state that fact alone. They lie inside the sentence's claims."""
    claims = []
    for fragment in asides(doc, quote_open):
        text = _kept_parse(doc, fragment, parses)
        claims.append(Claim(id=f"{document.id}:{count + len(claims) + 1}", source=document.id, text=text,
                            start=sentence.start + fragment.start, end=sentence.start + fragment.end, kind="aside",
                            context=fragment.context, sentence=sentence.start))
    return claims


def _kept_parse(doc, fragment: Fragment, parses: dict[str, object]) -> str:
    """The fragment's text; its parse, read within its sentence, is added to `parses` (for the judge)."""
    text = doc.text[fragment.start : fragment.end]
    if text not in parses and (part := standalone(doc, fragment.start, fragment.end)) is not None:
        parses[text] = part
    return text


MIN_REPEATED_WORDS = 5  # shorter pieces ("he said") recur in any article without being one claim


def _each_wording_once(claims: list[Claim], source: str) -> list[Claim]:
    """A sentence the article repeats word for word (a lede printed again in the body) is one claim, the first."""
    seen: set[str] = set()
    kept = []
    for claim in claims:
        wording = " ".join(claim.text.split()).casefold()
        if len(wording.split()) >= MIN_REPEATED_WORDS and wording in seen:
            continue
        seen.add(wording)
        kept.append(claim)
    if len(kept) == len(claims):
        return claims
    return [replace(claim, id=f"{source}:{n}") for n, claim in enumerate(kept, 1)]


class _QuoteTracker:
    """Follows quotations across sentences and paragraphs, so every part of a quote gets its speaker.

    News style names the speaker once: '"A," said Sun. "B. C."' (B and C are Sun's), and a quote may run over
    sentences before its attribution: '"A. B," Hart said.' (A is Hart's too).
    """

    def __init__(self) -> None:
        self.block = None
        self.open = False
        self.open_at_start = False  # a quotation was open when the current sentence began
        self.run: list[Claim] = []  # quote claims of the current quotation
        self.last_speaker: tuple[str, bool] | None = None  # (speaker, named) of the latest quotation
        self.attributed: tuple[str, bool] | None = None  # a speaker the sentence gives beside a quotation in it
        self.quoting = False  # the current sentence has quotation marks
        self.speakers: set[str] = set()  # speakers of the current sentence's claims
        self.reporter: str | None = None  # the one speaker of the sentence before, quoting or not
        self.borrowed: set[int] = set()  # ids of quote claims given the speaker before while their quotation is open

    def start_sentence(self, block, text: str, paragraph: str) -> None:
        starts_quote = text.lstrip()[:1] in OPENING | {STRAIGHT}
        if block is not self.block:
            # A quotation left open goes on in the next paragraph where that paragraph opens with a quotation
            # mark, as news style writes it, or closes it without opening one (the opening mark lost).
            goes_on = self.open and _first_mark(paragraph) in CLOSING
            if not ((starts_quote or goes_on) and self.last_speaker):
                self.last_speaker = None
            self.open, self.block = goes_on, block
        if not self.open:
            self.run = []  # a quotation spans sentences only while it stays open
        self.carry = starts_quote or self.open
        self.open_at_start = self.open
        self.quoting = any(ch in MARKS for ch in text)

    def add(self, claim: Claim) -> None:
        if claim.speaker:
            self.speakers.add(claim.speaker)
        if not self.open and any(mark in claim.text for mark in OPENING | {STRAIGHT}):
            said = self._credit_run()
            if said and claim.text.lstrip()[:1] in OPENING | {STRAIGHT}:
                # '"A," Romney said. "B."' in one sentence: B, quoted straight after, is Romney's too.
                self.attributed = said
            self.run = []  # a new quotation begins: it is not the previous one's continuation
        if claim.kind == "quote" or self.open:
            self.run.append(claim)
        elif claim.speaker and any(mark in claim.text for mark in MARKS):
            self.attributed = (claim.speaker, claim.speaker_named)  # '"A!” Fox told Ramos.' before "“B. C.”"
        self.open = still_open(claim.text, self.open)

    def _credit_run(self, fallback: tuple[str, bool] | None = None) -> tuple[str, bool] | None:
        """Give the quotation's parts the speaker one of them names ('"A. B," Hart said.'), else `fallback`;
        returns that speaker, or None for none. A part given the fallback while the quotation was still open
        takes the speaker a later part names: one quotation has one speaker ('"A. B," Durbin said.' after a
        quotation of Murphy's: A is Durbin's)."""
        named_source = next((c for c in self.run if c.speaker and id(c) not in self.borrowed), None)
        source = named_source or next((c for c in self.run if c.speaker), None)
        speaker, named = (source.speaker, source.speaker_named) if source else fallback or (None, True)
        for claim in self.run:
            if claim.kind == "quote" and (not claim.speaker or named_source and id(claim) in self.borrowed):
                claim.speaker, claim.speaker_named = speaker, named
                if named_source is None and self.open:
                    self.borrowed.add(id(claim))
        return (speaker, named) if speaker else None

    def said_by_a_person(self, may_be_a_person: Callable[[str], bool]) -> None:
        """The sentence gives its quotation to a "he" or "she" the reader cannot tell from the names before: it
        goes on with the speaker of the quotation before ('"...," McGinley said. "...," he said.'), else of the
        sentence before ('Griffin said that ... He added, "..."'), where that is a person: an organisation is no
        "she" ('..., according to The Hill. "...," she said.'). `may_be_a_person`: the speaker book's answer."""
        if self.attributed and not may_be_a_person(self.attributed[0]):
            self.attributed = None
        if self.last_speaker and not may_be_a_person(self.last_speaker[0]):
            self.last_speaker = None
        person = self.last_speaker[0] if self.last_speaker else self.reporter
        if self.quoting and not self.attributed and person and may_be_a_person(person):
            self.attributed = (person, False)

    def introduce(self, speaker: str | None, named: bool) -> None:
        """A sentence ending in a colon named who speaks the quotation that opens the next sentence, in this
        paragraph or the next ("Politico reports:")."""
        if speaker:
            self.last_speaker = (speaker, named)

    def end_sentence(self) -> None:
        said = self._credit_run(self.attributed or (self.last_speaker if self.carry else None))
        self.attributed = None
        if self.speakers or not self.carry:  # a quotation's own sentences keep who spoke before it began
            self.reporter = next(iter(self.speakers)) if len(self.speakers) == 1 else None
        self.speakers = set()
        if said:
            self.last_speaker = said
        if not self.quoting:
            self.last_speaker = None  # a sentence without quotes ends the chain of quotations


def _first_mark(text: str) -> str | None:
    return next((ch for ch in text if ch in MARKS), None)


def _sentences(document: Document) -> list[_Sentence]:
    sentences = []
    for block in document.blocks:
        if block.role in ("title", "heading") and block.end - block.start <= MAX_SENTENCE_CHARS:
            sentences.append(_Sentence(block, block.start, block.end))
            continue
        for start, end in sentence_spans(document.text[block.start : block.end]):
            sentences.append(_Sentence(block, block.start + start, block.start + end))
    return sentences


def _count_in_block(sentences: list[_Sentence], block: Block) -> int:
    return sum(1 for s in sentences if s.block is block)


def _fragments(sentence: _Sentence, doc, single: bool, quote_open: bool = False,
               split: bool = True) -> tuple[str, list[Fragment]]:
    text = doc.text  # spaCy joins the tokens' text at each reading
    whole = [Fragment(0, len(text), text)]
    if sentence.block.role in ("title", "heading"):
        return "heading", whole
    if sentence.block.role == "caption" or (single and looks_like_caption(doc)):
        return "caption", whole
    return "statement", split_sentence(doc, quote_open, clauses=split) or whole


def _claim_kind(kind: str, fragment: Fragment, text: str, quote_open: bool) -> str:
    if kind == "statement" and not fragment.attribution and (quote_open or quoted_share(text) >= 0.5):
        return "quote"
    return kind


def _share_speaker_within_sentence(sentence_claims) -> None:
    """'"...," said Niva Yau, senior researcher at ...': the quote before the attribution is hers."""
    for index, (claim, fragment) in enumerate(sentence_claims):
        if fragment.attribution and claim.speaker:
            for earlier, _ in sentence_claims[:index]:
                if not earlier.speaker:
                    earlier.speaker, earlier.speaker_named = claim.speaker, claim.speaker_named
            claim.speaker = None
