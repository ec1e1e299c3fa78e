"""Words of a claim, normalised for comparison, and the word-level alignment of two claims.

Typography never counts as a difference: curly and straight quotes, dashes, case and spacing are folded
before comparing; the original spans are kept for display and for the differences reported.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from difflib import SequenceMatcher

from claimdiff.cache import Cache, code_identity, read_through
from claimdiff.judge.lexicon import PARTY_LETTERS, SYMMETRIC_VERBS
from claimdiff.language.parser import Parser
from claimdiff.language.quotes import MARKS, inside_quotes
from claimdiff.language.speech import SPEECH_VERBS
from claimdiff.language.states import US_STATES

_FOLD = str.maketrans({
    "’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "‒": "-", "―": "-", "\u00a0": " ",
})
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}
NUMERIC_ENTITIES = {"ORDINAL", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE"}


@dataclass
class Word:
    text: str  # as written
    norm: str  # folded, lower case
    lemma: str
    pos: str
    tag: str
    entity: str  # spaCy entity label or ""
    start: int  # character offsets within the claim text
    end: int
    quoted: bool  # inside quotation marks
    stop: bool
    punct: bool
    framing: bool = False  # in an opening phrase before the subject ("In a sign of decline, ..."), not the fact
    head: int = -1  # index in the claim's words of the word this one depends on in the parse (-1: none)
    content: bool = field(init=False)  # carries meaning (not a function word or punctuation)

    def __post_init__(self) -> None:
        # Computed once: pair scoring asks it millions of times in a large comparison.
        if self.punct:
            self.content = False
        elif self.entity in NUMERIC_ENTITIES:
            self.content = True  # spaCy lists "third" and "first" as stop words, but ordinals carry facts
        else:
            self.content = not self.stop and (self.pos in CONTENT_POS or self.entity != "")


@dataclass
class Analysis:
    """A claim prepared for comparison: its words and the named things in it."""

    text: str
    words: list[Word]
    entities: list[tuple[str, str, int, int]] = field(default_factory=list)  # (label, text, start, end)
    # The fact the claim states, as its predicate and the heads of its subject and object (lemmas; "" where none):
    # "Li said that China supports Russia" -> ("support", "china", "russia").
    core: tuple[str, str, str] = ("", "", "")
    # Who did what to whom, where both are named: (verb, actor, target) lemmas for each such act ("Trump lashed
    # out at Cruz" -> ("lash", "trump", "cruz")).
    acts: tuple[tuple[str, str, str], ...] = ()

    @cached_property
    def content_lemmas(self) -> set[str]:
        return {w.lemma for w in self.words if w.content}

    @cached_property
    def content_stems(self) -> set[str]:
        return {stem(w.lemma) for w in self.words if w.content}

    @cached_property
    def stems(self) -> set[str]:
        return {stem(w.lemma) for w in self.words if not w.punct}

    def span_text(self, first: int, last: int) -> str:
        """Original text of words[first:last]."""
        if first >= last:
            return ""
        return self.text[self.words[first].start : self.words[last - 1].end]


def stem(lemma: str) -> str:
    """A crude shared stem ("kazakh"/"kazakhstan", "precedent-breaking"/"breaking"): the first six letters."""
    return lemma[:6] if len(lemma) > 6 else lemma


# An initialism written with stops ("F.B.I.", "U.S.", "p.m.", the style of some newspapers) is the same word as
# one written without them ("FBI", "US", "pm").
_DOTTED_INITIALISM = re.compile(r"(?<![\w.])(?:[a-z]\.){2,}(?!\w)")


def fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    return _DOTTED_INITIALISM.sub(lambda m: m.group().replace(".", ""), folded) if "." in folded else folded


def analyse_many(texts: list[str], parser: Parser, cache: Cache | None = None,
                 parses: dict[str, object] | None = None) -> list[Analysis]:
    """Analyses of texts: from the persistent cache where it holds them (reading one back is far quicker than
    parsing), else from the parses segmentation made (`parses`, by text), else parsed now."""
    parses = parses or {}

    def computed(missing: list[str]) -> list[Analysis]:
        unparsed = [t for t in missing if t not in parses]
        fresh = dict(zip(unparsed, parser.parse_many(unparsed))) if unparsed else {}
        return [analyse(parses[t] if t in parses else fresh[t]) for t in missing]

    store = cache.table("analyses") if cache else None
    return read_through(store, texts, lambda text: hashlib.sha256(f"{code_identity()}\0{text}".encode()).digest(),
                        computed, _to_json, _from_json)


_WORD_FIELDS = ("text", "norm", "lemma", "pos", "tag", "entity", "start", "end", "quoted", "stop", "punct", "framing",
                "head")


def _to_json(analysis: Analysis) -> bytes:
    words = [[getattr(w, name) for name in _WORD_FIELDS] for w in analysis.words]
    return json.dumps({"text": analysis.text, "words": words, "entities": analysis.entities,
                       "core": analysis.core, "acts": analysis.acts}).encode()


def _from_json(blob: bytes) -> Analysis | None:
    """A stored analysis, or None if the entry is damaged (then the text is parsed again)."""
    try:
        data = json.loads(blob)
        words = [Word(**dict(zip(_WORD_FIELDS, row))) for row in data["words"]]
        return Analysis(data["text"], words, [tuple(e) for e in data["entities"]], tuple(data["core"]),
                        tuple(tuple(act) for act in data["acts"]))
    except (ValueError, TypeError, KeyError):
        return None


def analyse(doc) -> Analysis:
    """Build the comparison view of a claim from its spaCy parse."""
    words = []
    framing = _framing_tokens(doc)
    whole = doc.text  # spaCy joins the tokens' text at each reading
    party_tags = _party_tags(whole)
    quoted = inside_quotes([token.text for token in doc])
    index_of = {token.i: k for k, token in enumerate(t for t in doc if not t.text.isspace())}
    for token in doc:
        text = token.text
        if text.isspace():
            continue
        norm, entity = fold(text), token.ent_type_
        if token.idx in party_tags:
            norm, entity = party_tags[token.idx][0] or norm, party_tags[token.idx][1]
        words.append(Word(
            text=text, norm=norm, lemma=fold(token.lemma_) if token.pos_ != "PROPN" else norm,
            pos=token.pos_, tag=token.tag_, entity=entity, start=token.idx, end=token.idx + len(text),
            quoted=quoted[token.i] and text not in MARKS, stop=token.is_stop,
            punct=token.is_punct or not any(ch.isalnum() for ch in text), framing=token.i in framing,
            head=index_of.get(token.head.i, -1) if token.head.i != token.i else -1,
        ))
    entities = [(e.label_, e.text, e.start_char, e.end_char) for e in doc.ents]
    return Analysis(whole, words, entities, _core(doc), _acts(doc))


_SUBJECTS = {"nsubj", "nsubjpass"}
_OBJECTS = {"dobj", "attr", "oprd", "dative"}


def _core(doc) -> tuple[str, str, str]:
    """The predicate of the fact a claim states and the heads of its subject and object. In reported speech the
    fact is what was said ("Li said that China supports Russia": "support"), not the saying."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return ("", "", "")
    predicate = roots[0]
    subject = ""  # a verb after "is expected to" takes its subject from there
    for _ in range(4):  # "reported that Li said that China supports": down to "supports"
        subject = _child_head(predicate, _SUBJECTS) or subject
        reported = [c for c in predicate.children if c.dep_ in {"ccomp", "parataxis"}]
        # a copula or a verb of likelihood before the act itself: "is unlikely to offer", "is expected to plead"
        complement = [c for c in predicate.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")] + [
            g for c in predicate.children if c.dep_ == "acomp" for g in c.children if g.dep_ == "xcomp"]
        if predicate.lemma_ in SPEECH_VERBS and reported:
            predicate = reported[0]
        elif complement and predicate.lemma_ in ("be", "seem", "appear", "expect", "plan", "want", "try"):
            predicate = complement[0]
        else:
            break
    return (fold(predicate.lemma_), _child_head(predicate, _SUBJECTS) or subject, _child_head(predicate, _OBJECTS))


def _child_head(predicate, deps: set[str]) -> str:
    found = next((c for c in predicate.children if c.dep_ in deps), None)
    if found is None and deps is _OBJECTS:  # "met with Putin", "spoke at the summit"
        preposition = next((c for c in predicate.children if c.dep_ == "prep"), None)
        found = next((c for c in preposition.children if c.dep_ == "pobj"), None) if preposition else None
    return "" if found is None else fold(found.text if found.pos_ == "PROPN" else found.lemma_)


_NAMED_PARTIES = {"PERSON", "ORG", "GPE", "NORP"}
_NOT_TARGETS = {"with", "between", "among", "like", "as"}  # "worked with Cruz": Cruz acts too


def _acts(doc) -> tuple[tuple[str, str, str], ...]:
    """Each act of the claim with a named actor and a named target, as (verb, actor, target): "Trump lashed out at
    Cruz", "Cruz was attacked by Trump". A verb whose two sides can swap ("met", "debated") names no target."""
    acts = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() in SYMMETRIC_VERBS:
            continue
        actor = target = ""
        for child in verb.children:
            if child.dep_ == "nsubj":
                actor = _named_party(child)
            elif child.dep_ == "agent":  # "attacked by Trump"
                actor = _named_party(next((g for g in child.children if g.dep_ == "pobj"), None))
            elif child.dep_ in ("dobj", "nsubjpass"):
                target = target or _named_party(child)
            elif child.dep_ == "prep" and child.lemma_.lower() not in _NOT_TARGETS:
                target = target or _named_party(next((g for g in child.children if g.dep_ == "pobj"), None))
        if actor and target and actor != target:
            acts.append((fold(verb.lemma_), actor, target))
    return tuple(acts)


def _named_party(token) -> str:
    """The name of a person, organisation or country the token heads ("Sen. Ted Cruz" -> "cruz"), else ""."""
    return fold(token.text) if token is not None and token.ent_type_ in _NAMED_PARTIES else ""


_PARTY_TAG = re.compile(r"(?<![\w-])([RDI])(?:-([A-Z][A-Za-z]*(?:\.[A-Z])?)\.?(?![\w-])|(?=\)))")


def _party_tags(text: str) -> dict[int, tuple[str, str]]:
    """(norm or "" to keep it, entity) for the words of US party tags, by offset: "R-Wyo." is the party's name
    (so "a Republican" reads the same) and a state, "(R)" the party alone."""
    tags = {}
    for match in _PARTY_TAG.finditer(text):
        state = match.group(2)
        if state is not None and state not in US_STATES:
            continue  # "D-Day", "I-Team"
        tags[match.start(1)] = (PARTY_LETTERS[match.group(1)], "NORP")
        if state is not None:
            tags[match.start(2)] = ("", "GPE")  # the state keeps its own spelling
    return tags


def party_tag_states(text: str) -> set[int]:
    """Where the states of US party tags ("R-Ohio", "D-N.Y.") begin in `text`: whom a politician represents."""
    return {start for start, (_, entity) in _party_tags(text).items() if entity == "GPE"}


_TOKEN = re.compile(r"[$€£]?\w+(?:[’'.,\-]\w+)*%?|[^\w\s]")


def tokenize(text: str) -> Analysis:
    """A light view of a claim for display (no parse): words with offsets, enough for a word-level diff."""
    words = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        norm = fold(token)
        punct = not any(ch.isalnum() for ch in token)
        words.append(Word(token, norm, norm, "", "", "", match.start(), match.end(), False, False, punct))
    return Analysis(text, words)


def _framing_tokens(doc) -> set[int]:
    """Tokens that frame a fact rather than state it: adverbial phrases opening a sentence before its subject
    ("For Xi, ...", "In short, ..."), and the reporting frame around reported words ("Trump said Thursday that")."""
    framing: set[int] = set()
    for sent in doc.sents:
        root = sent.root
        reported = [c for c in root.children if c.dep_ in {"ccomp", "parataxis"}]
        if root.lemma_ in SPEECH_VERBS and reported:
            inside = {t.i for c in reported for t in c.subtree}
            framing.update(t.i for t in sent if t.i not in inside)
            continue
        subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
        if subject is None:
            continue
        for child in root.children:
            if child.i < subject.left_edge.i and child.dep_ in {"prep", "advcl", "advmod", "npadvmod", "cc"}:
                framing.update(t.i for t in child.subtree)
    return framing


@dataclass
class Change:
    """One stretch where two claims differ: words a[a0:a1] stand where b has b[b0:b1] (either may be empty)."""

    a0: int
    a1: int
    b0: int
    b1: int
    anchor: int = 0  # matching words right before and after: a swap inside shared wording is well placed


@dataclass
class WordAlignment:
    """Where two claims' words differ, as character spans (a_start, a_end, b_start, b_end), and the share of
    their words (punctuation aside) the two share."""

    changes: list[tuple[int, int, int, int]]
    shared: float

    def flipped(self) -> WordAlignment:
        return WordAlignment([(b0, b1, a0, a1) for a0, a1, b0, b1 in self.changes], self.shared)


def word_alignment(a: Analysis, b: Analysis) -> WordAlignment:
    """align_words, with the changed stretches as character spans: what a renderer needs to draw the diff."""
    changes, matches = align_words(a, b)
    spans = []
    for change in changes:
        a_start = _start_with_sign(a, change.a0) if change.a0 < len(a.words) else len(a.text)
        b_start = _start_with_sign(b, change.b0) if change.b0 < len(b.words) else len(b.text)
        a_end = a.words[change.a1 - 1].end if change.a1 > change.a0 else a_start
        b_end = b.words[change.b1 - 1].end if change.b1 > change.b0 else b_start
        spans.append((a_start, a_end, b_start, b_end))
    words = max(1, min(_word_count(a), _word_count(b)))
    return WordAlignment(spans, round(len(matches) / words, 4))


def _start_with_sign(analysis: Analysis, index: int) -> int:
    """Where the change starting at word `index` begins: with the currency sign written against it ("$139"),
    which the alignment passes over as punctuation, so that "$141" / "$139" is drawn as one figure for another
    rather than "$" kept and "141" changed."""
    word = analysis.words[index]
    before = analysis.words[index - 1] if index else None
    if before is not None and before.tag == "$" and before.end == word.start:
        return before.start
    return word.start


def _word_count(analysis: Analysis) -> int:
    return sum(1 for w in analysis.words if not w.punct)


def align_words(a: Analysis, b: Analysis) -> tuple[list[Change], list[tuple[int, int]]]:
    """Word-level diff of two claims ignoring punctuation: the changed stretches and the matched word pairs."""
    a_idx = [i for i, w in enumerate(a.words) if not w.punct]
    b_idx = [i for i, w in enumerate(b.words) if not w.punct]
    opcodes = _opcodes([_key(a.words[i]) for i in a_idx], [_key(b.words[i]) for i in b_idx])
    changes, matches = [], []
    for n, (op, i0, i1, j0, j1) in enumerate(opcodes):
        if op == "equal":
            matches.extend((a_idx[i0 + k], b_idx[j0 + k]) for k in range(i1 - i0))
            continue
        around = (opcodes[n - 1] if n else None, opcodes[n + 1] if n + 1 < len(opcodes) else None)
        anchor = sum(a.words[a_idx[k]].content for o in around if o is not None and o[0] == "equal"
                     for k in range(o[1], o[2]))
        changes.append(Change(
            a0=a_idx[i0] if i0 < len(a_idx) else len(a.words), a1=a_idx[i1 - 1] + 1 if i1 > i0 else _at(a_idx, i0, a),
            b0=b_idx[j0] if j0 < len(b_idx) else len(b.words), b1=b_idx[j1 - 1] + 1 if j1 > j0 else _at(b_idx, j0, b),
            anchor=anchor,
        ))
    for change in changes:  # an empty side sits where the other side's words would go
        if change.a1 < change.a0:
            change.a1 = change.a0
        if change.b1 < change.b0:
            change.b1 = change.b0
    return changes, matches


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from a to b. Its matching depends on which sequence comes first (one quotation aligned
    with another can match half its words one way and a quarter the other), so both ways are tried and the one
    matching more words is kept: aligning b with a then mirrors aligning a with b."""
    forward = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    backward = [(_MIRRORED.get(op, op), i0, i1, j0, j1)
                for op, j0, j1, i0, i1 in SequenceMatcher(None, b, a, autojunk=False).get_opcodes()]
    matched_forward, matched_backward = (sum(i1 - i0 for op, i0, i1, _, _ in o if op == "equal")
                                         for o in (forward, backward))
    if matched_backward > matched_forward or (matched_backward == matched_forward and b < a):
        return backward
    return forward


_MIRRORED = {"insert": "delete", "delete": "insert"}


def _at(indices: list[int], k: int, analysis: Analysis) -> int:
    return indices[k] if k < len(indices) else len(analysis.words)


def _key(word: Word) -> str:
    # Possessive "'s" and a plain "s" differ only in typography once folded; compare without apostrophes.
    return word.norm.replace("'", "")
