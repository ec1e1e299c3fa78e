"""Judge: do two claims report the same fact, and if so, does a checkable detail conflict?

One `ClaimJudge` serves `compare` (on the pairs alignment proposes) and `claimdiff judge` (on pairs a script
supplies): claims are parsed and embedded once, in batches, and pairs are then scored cheaply. Both questions
are answered by learned models (learned.py) over the pair's features (features.py); the typed checks of
differences.py only name and show what differs once the model has said that something does.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field

import numpy as np

from claimdiff.cache import Cache, code_identity, read_through
from claimdiff.embed.tokens import TokenStates
from claimdiff.errors import ClaimdiffError
from claimdiff.judge.crosslingual import cross_differences, load_calibration
from claimdiff.judge.differences import changed_words, find_differences, roles_reversed, two_statements
from claimdiff.judge.features import ClaimView, StoryWords, claim_view, conflict_features, same_features
from claimdiff.judge.learned import JudgeModel, load_model
from claimdiff.judge.reader import PairReader
from claimdiff.judge.events import article_events, source_profiles
from claimdiff.judge.values import date_parts
from claimdiff.judge.words import Analysis, WordAlignment, analyse_many, tokenize, word_alignment
from claimdiff.language.detect import ENGLISH
from claimdiff.language.numbers import read_dates
from claimdiff.language.parser import Parser
from claimdiff.model import DEFAULT_THRESHOLD, ClaimKind, Difference, Relation

CONTRADICTING = {"negation", "antonym"}
OTHER_SUBJECT = {"name", "place", "attribution"}
# A conflict that no typed check can name (shown as kind "other", with the words that changed) asks more of the
# model than one a check names: the lowest conflict probability from which each further such flag is right at
# least four times in five, on the training pairs each scored by a model that did not see it (train_judge.py
# prints these bands: 0.70-0.75 right 0.756 of the time, 0.75-0.80 0.803, 0.80-0.85 0.841; a flag a check names,
# from the conflict threshold on, 0.94).
UNNAMED_CONFLICT = 0.75
MAX_SOURCES_FOR_EVENTS = 4000  # grouping articles by event compares every pair of them: n x n arrays


@dataclass
class Judgement:
    same_claim: bool
    relation: Relation
    similarity: float
    differences: list[Difference] = field(default_factory=list)
    conflict: float = 0.0  # the model's probability that a detail conflicts (for pairs judged the same claim)
    alignment: WordAlignment | None = None  # how the claims' words line up, as read (for pairs of the same claim)


@dataclass(frozen=True)
class SameFact:
    """The similarity threshold (`--threshold`) and the only place it is compared: from it up, two claims report
    the same fact. Grouping asks it too, of a group's average and weakest links."""

    threshold: float = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ClaimdiffError(f"--threshold {self.threshold}: must be between 0 and 1")

    def holds(self, similarity: float) -> bool:
        return similarity >= self.threshold

    def nearly_holds(self, similarity: float, ratio: float) -> bool:
        """Within `ratio` of the threshold: a link weaker than the threshold that a group may still carry."""
        return similarity >= self.threshold * ratio


@dataclass(frozen=True)
class ClaimInput:
    """What the judge reads of one claim."""

    text: str  # as written: differences are read from it
    match_text: str | None = None  # restated to stand alone (used for similarity); the text itself by default
    speaker: str | None = None  # who it quotes, where named
    source: str | None = None  # its article (claims judged on their own, by `claimdiff judge`, have none)
    kind: ClaimKind = "statement"
    language: str = ENGLISH  # ISO 639-1: pairs not both in English are judged across languages (crosslingual.py)
    sentence: int = -1  # where its sentence starts in its article (claims of one sentence share it); -1: unknown


class ClaimJudge:
    """Holds the prepared claims (parses, token vectors, speakers, sources, embeddings) and judges pairs of
    them by index. Pairs of English claims go to the learned judge (`vectors` are all-MiniLM-L6-v2's); the
    others are judged across languages on `cross_vectors`, the multilingual encoder's (crosslingual.py)."""

    def __init__(self, claims: list[ClaimInput], vectors: np.ndarray, tokens: list[TokenStates | None] | None = None,
                 same: SameFact = SameFact(), model: JudgeModel | None = None,
                 analyses: tuple[list[Analysis], list[Analysis]] | None = None, parser: Parser | None = None,
                 cache: Cache | None = None, cross_vectors: np.ndarray | None = None,
                 reader: PairReader | None = None):
        self.analyses, self.match_analyses = analyses or analyse_claims(claims, parser or Parser(cache), cache)
        self.languages = [c.language for c in claims]
        self.cross_vectors = cross_vectors
        if cross_vectors is None and any(language != ENGLISH for language in self.languages):
            raise ValueError("claims in other languages than English need the multilingual vectors")
        self._nearest: dict[tuple[int, str], list[tuple[int, float]]] = {}  # claim, source -> nearest (claim, cosine)
        kinds = [c.kind for c in claims]
        self.speakers = [c.speaker for c in claims]
        tokens = tokens or [None] * len(claims)
        self.views: list[ClaimView] = [claim_view(a, t, s, k) for a, t, s, k in
                                       zip(self.match_analyses, tokens, self.speakers, kinds)]
        self.captions = {i for i, kind in enumerate(kinds) if kind == "caption"}
        self.quotations = {i for i, kind in enumerate(kinds) if kind == "quote"}
        self.dated_photos = {i for i in self.captions if _calendar_dated(self.analyses[i])}
        self.vectors = vectors
        self.same = same
        self.model = model or load_model()
        self.reader = reader  # asked of the pairs the trees leave uncertain (reader.py); None: the trees alone
        self.cache = cache
        self.sources = [c.source for c in claims] if any(c.source for c in claims) else None
        # What an article says as a whole is read without its asides, whose words its sentences hold already.
        # A claim whose sentence is not known stands for a sentence of its own (-1 - k: no sentence starts there).
        self.whole = [k for k, kind in enumerate(kinds) if kind != "aside"]
        self.story = StoryWords([(self.sources[k], claims[k].sentence if claims[k].sentence >= 0 else -1 - k)
                                 for k in self.whole], [self.views[k] for k in self.whole]) if self.sources else None
        self.profiles = self._english_profiles()
        self.event_of = self._events()
        self._keys: list[bytes] | None = None
        self._people: dict[str, frozenset[str]] = {}  # source -> the surnames it names as people

    @property
    def search_vectors(self) -> np.ndarray:
        """The vectors candidates are searched on: the multilingual ones when claims are in several languages."""
        return self.vectors if self.cross_vectors is None else self.cross_vectors

    def _english_profiles(self):
        """The articles' profiles for grouping them by event: the event gate reads English wording and names, so
        articles in other languages are not grouped (their claims are judged with every article's)."""
        if not self.sources:
            return None
        english = [k for k in self.whole if self.languages[k] == ENGLISH]
        return source_profiles([self.sources[k] for k in english], [self.match_analyses[k] for k in english],
                               self.vectors[english]) if english else None

    def across(self, i: int, j: int) -> bool:
        """Whether the pair is judged across languages (not both claims in English)."""
        return self.languages[i] != ENGLISH or self.languages[j] != ENGLISH

    def features(self, i: int, j: int) -> list[float]:
        """The pair's features, read in one order by text, as its differences are: some are not symmetric (a stem
        both claims use in different words, "reject" / "rejecte", weighs as the second claim's word), and a pair's
        score must not depend on which of its sources was given first."""
        if not self._reads_first(i, j):
            i, j = j, i
        sources = (self.sources[i], self.sources[j]) if self.sources else None
        return same_features(self.views[i], self.views[j], float(self.vectors[i] @ self.vectors[j]), self.story,
                             sources)

    def similarities(self, pairs: list[tuple[int, int]]) -> np.ndarray:
        """The probability that each pair of claims reports the same fact, in [0, 1]: the score `--threshold`
        applies to (see JudgeModel: calibrated on news sentences of different outlets, so from 0.5 a pair is more
        likely the same fact than not)."""
        if not pairs:
            return np.zeros(0)
        scores = np.zeros(len(pairs))
        english = [n for n, (i, j) in enumerate(pairs) if not self.across(i, j)]
        across = [n for n, (i, j) in enumerate(pairs) if self.across(i, j)]
        if english:
            scores[english] = self._model_scores([pairs[n] for n in english])
        if across:
            scores[across] = [self._across_score(*pairs[n]) for n in across]
        # A claim and its copy (typography aside) are the same claim: the model grades paraphrase, not identity.
        scores[[self._copies(i, j) for i, j in pairs]] = 1.0
        scores[[self._two_statements(i, j) or self._roles_reversed(i, j) for i, j in pairs]] = 0.0
        if not self.sources:
            return scores
        return scores * np.array([self._event_factor(i, j) * self._photo_factor(i, j) for i, j in pairs])

    def _model_scores(self, pairs: list[tuple[int, int]]) -> np.ndarray:
        """The model's score of each pair, read from the persistent cache where this model has scored these very
        claims in these very articles before (the features of a pair read both articles' wording): a warm run
        computes no features."""
        store = self.cache.table("pair_scores") if self.cache else None
        if store is None:
            return self._scores_of(pairs)
        keys = self._claim_keys()
        scores = read_through(store, list(pairs), lambda pair: hashlib.sha256(keys[pair[0]] + keys[pair[1]]).digest(),
                              self._scores_of, lambda score: struct.pack("<d", score), _read_score)
        return np.array(scores, dtype=np.float64)

    def _scores_of(self, pairs: list[tuple[int, int]]) -> np.ndarray:
        """The trees' calibrated similarity; where it is uncertain and a reader is given, the blend of the trees'
        and the reader's log-odds (the reader reads the claims as restated to stand alone, as the features do)."""
        log_odds = self.model.similarity_log_odds(np.array([self.features(i, j) for i, j in pairs]))
        scores = self.model.calibrated(log_odds)
        if self.reader is None:
            return scores
        return self.reader.rescored(scores, log_odds, lambda n: (self.views[pairs[n][0]].analysis.text,
                                                                 self.views[pairs[n][1]].analysis.text))

    def _across_score(self, i: int, j: int) -> float:
        """The calibrated same-fact probability of a pair judged across languages (see crosslingual.py)."""
        calibration = load_calibration()
        cosine = float(self.cross_vectors[i] @ self.cross_vectors[j])
        if not self.sources:
            return calibration.same_fact(cosine, None)
        k = calibration.neighbours
        nearest = self._nearest_in(i, self.sources[j], j, k), self._nearest_in(j, self.sources[i], i, k)
        return calibration.same_fact(cosine, None if None in nearest else sum(nearest) / 2)

    def _nearest_in(self, i: int, source: str, partner: int, k: int) -> float | None:
        """The mean cosine of claim i to its k nearest claims of `source` other than `partner` (None when the
        source has no other claim)."""
        if (i, source) not in self._nearest:
            members = np.array([n for n, s in enumerate(self.sources) if s == source])
            cosines = self.cross_vectors[members] @ self.cross_vectors[i]
            order = np.argsort(-cosines)[: k + 1]
            self._nearest[(i, source)] = list(zip(members[order].tolist(), cosines[order].tolist()))
        others = [cosine for member, cosine in self._nearest[(i, source)] if member != partner][:k]
        return float(np.mean(others)) if others else None

    def _claim_keys(self) -> list[bytes]:
        """What a pair's features read of each claim: its wording, vector and token vectors, speaker and kind,
        its article's claims, this code and this model."""
        if self._keys is None:
            by_source: dict[str, list[str]] = {}
            for n, view in enumerate(self.views):
                by_source.setdefault(self.sources[n] if self.sources else "", []).append(view.analysis.text)
            articles = {source: hashlib.sha256("\n".join(texts).encode()).hexdigest() for source, texts in
                        by_source.items()}
            base = f"{code_identity()}|{self.model.identity}|{self.reader.identity if self.reader else None}"
            self._keys = []
            for n, view in enumerate(self.views):
                digest = hashlib.sha256("|".join([base, view.analysis.text, self.analyses[n].text, str(view.speaker),
                                                  str(view.caption), str(view.heading),
                                                  articles[self.sources[n] if self.sources else ""]]).encode())
                digest.update(np.ascontiguousarray(self.vectors[n], dtype=np.float32).tobytes())
                if view.tokens is not None:
                    digest.update(view.tokens.ids.tobytes() + view.tokens.vectors.tobytes())
                self._keys.append(digest.digest())
        return self._keys

    def _copies(self, i: int, j: int) -> bool:
        return self.views[i].folded == self.views[j].folded

    def _two_statements(self, i: int, j: int) -> bool:
        """Two named people's words, in other words (see differences.two_statements); read in English only."""
        if self.across(i, j) or not self.speakers[i] or not self.speakers[j]:
            return False
        return two_statements(self.analyses[i], self.analyses[j], self.speakers[i], self.speakers[j],
                              (self._people_of(i), self._people_of(j)), (i in self.quotations, j in self.quotations))

    def _roles_reversed(self, i: int, j: int) -> bool:
        """Two acts of two named parties, each the other's target (see differences.roles_reversed)."""
        return not self.across(i, j) and roles_reversed(self.analyses[i], self.analyses[j])

    def _people_of(self, claim: int) -> frozenset[str]:
        """The surnames the claim's article names as people (none when its article is not known)."""
        if not self.sources:
            return frozenset()
        source = self.sources[claim]
        if source not in self._people:
            members = [k for k, s in enumerate(self.sources) if s == source]
            self._people[source] = frozenset(text.split()[-1] for k in members
                                             for label, text, _, _ in self.analyses[k].entities
                                             if label == "PERSON" and text.split())
        return self._people[source]

    def _photo_factor(self, i: int, j: int) -> float:
        """A caption that dates its photo ("... at the Kremlin in June 2019") shows that moment, often a file photo
        of another occasion: it is the same claim only as another claim of that date or as another caption of the
        photo, never as an undated account of the event reported, nor as a claim of another date."""
        if i not in self.dated_photos and j not in self.dated_photos:
            return 1.0
        if not (i in self.dated_photos and j in self.dated_photos) and i in self.captions and j in self.captions:
            return 1.0  # two captions of one photo, one of them gives its date
        other = j if i in self.dated_photos else i
        if self.across(i, j):
            return self._photo_factor_across(i + j - other, other)
        if not _calendar_dated(self.analyses[other]):
            return 0.0
        return 0.0 if self.views[i].dates and self.views[j].dates and _dates_apart(self.views[i], self.views[j]) else 1.0

    def _photo_factor_across(self, photo: int, other: int) -> float:
        """The same rule across languages, on the calendar dates read in each claim's language."""
        dates = [d for d in read_dates(self.analyses[other].text, self.languages[other]) if d.year or d.month]
        if not dates:
            return 0.0
        photo_dates = read_dates(self.analyses[photo].text, self.languages[photo])
        return 0.0 if photo_dates and all(x.conflicts(y) for x in photo_dates for y in dates) else 1.0

    def _event_factor(self, i: int, j: int) -> float:
        """Claims of articles that report different events are not the same claim."""
        event_i, event_j = self.event_of.get(self.sources[i]), self.event_of.get(self.sources[j])
        return 0.0 if event_i is not None and event_j is not None and event_i != event_j else 1.0

    def _events(self) -> dict[str, int]:
        """The event each article reports, numbered, when they report more than one (see article_events)."""
        if not self.profiles or self.model.gate is None or len(self.profiles) > MAX_SOURCES_FOR_EVENTS:
            return {}
        return article_events(self.profiles, self.model.gate)

    def event_groups(self) -> list[list[str]]:
        """The articles grouped by the event they report; none when they all report the same one."""
        groups: dict[int, list[str]] = {}
        for source, event in self.event_of.items():
            groups.setdefault(event, []).append(source)
        return list(groups.values())

    def similarity(self, i: int, j: int) -> float:
        return float(self.similarities([(i, j)])[0])

    def judge(self, i: int, j: int, similarity: float | None = None) -> Judgement:
        similarity = self.similarity(i, j) if similarity is None else similarity
        if not self.same.holds(similarity):
            return Judgement(False, "unrelated", round(similarity, 4))
        if self.across(i, j):
            return self._judge_across(i, j, similarity)
        found = self.differences(i, j)
        conflict = float(self.model.conflict_of(np.array([self.conflict_features(i, j, found)]))[0])
        alignment = self.alignment(i, j)
        if conflict < self.model.conflict_threshold or not found and conflict < UNNAMED_CONFLICT:
            return Judgement(True, "agree", round(similarity, 4), [], round(conflict, 4), alignment)
        if not found:
            found = self._in_order(i, j, lambda a, b: changed_words(self.analyses[a], self.analyses[b]))
        return Judgement(True, relation_of(found), round(similarity, 4), found, round(conflict, 4), alignment)

    def _judge_across(self, i: int, j: int, similarity: float) -> Judgement:
        """A pair of the same fact across languages: what differs is what can be read on both sides, figures and
        dates; the claims share no words to align, so each is shown whole."""
        found = self._in_order(i, j, lambda a, b: cross_differences(self.analyses[a].text, self.languages[a],
                                                                    self.analyses[b].text, self.languages[b]))
        return Judgement(True, relation_of(found), round(similarity, 4), found, alignment=WordAlignment([], 0.0))

    def alignment(self, i: int, j: int) -> WordAlignment:
        """The word alignment of the two claims as written, read in the same order as their differences."""
        if self._reads_first(i, j):
            return word_alignment(self.analyses[i], self.analyses[j])
        return word_alignment(self.analyses[j], self.analyses[i]).flipped()

    def conflict_features(self, i: int, j: int, found: list[Difference]) -> list[float]:
        """Read in the order of `features` (the word alignment settles ties by which claim comes first)."""
        if not self._reads_first(i, j):
            i, j = j, i
        return conflict_features(self.views[i], self.views[j], self.features(i, j), {d.kind for d in found})

    def differences(self, i: int, j: int) -> list[Difference]:
        """What the typed checks find between two claims (read as written), before the model has its say."""
        return self._in_order(i, j, lambda a, b: find_differences(
            self.analyses[a], self.analyses[b], self.speakers[a], self.speakers[b],
            (self.match_analyses[a], self.match_analyses[b])))

    def _in_order(self, i: int, j: int, compare) -> list[Difference]:
        """The word alignment (difflib) settles ties by which claim comes first, so each pair is read in one
        order, by text: what is found between two claims does not depend on the order of their sources."""
        if self._reads_first(i, j):
            return compare(i, j)
        return [Difference(d.kind, d.b, d.a) for d in compare(j, i)]

    def _reads_first(self, i: int, j: int) -> bool:
        return (self.analyses[i].text, self.speakers[i] or "") <= (self.analyses[j].text, self.speakers[j] or "")


def _read_score(blob: bytes) -> float | None:
    """A stored score, or None for a damaged entry (then it is computed again)."""
    if len(blob) != 8:
        return None
    (score,) = struct.unpack("<d", blob)
    return score if 0.0 <= score <= 1.0 else None


def _dates_apart(a: ClaimView, b: ClaimView) -> bool:
    """Every date one claim gives conflicts with every date the other gives."""
    return all(x.conflicts(y) for x in a.dates for y in b.dates)


def _calendar_dated(analysis: Analysis) -> bool:
    """Names a year or a month ("June 2019", "3 July"), not only a weekday."""
    for label, text, _, _ in analysis.entities:
        parts = date_parts(text) if label == "DATE" else None
        if parts and (parts.year or parts.month):
            return True
    return False


def analyse_claims(claims: list[ClaimInput], parser: Parser, cache: Cache | None = None,
                   parses: dict[str, object] | None = None) -> tuple[list[Analysis], list[Analysis]]:
    """The parsed claims as written and as restated to stand alone (most are the same text: analysed once);
    `parses` are those segmentation made, by text."""
    texts = [c.text for c in claims]
    match_texts = [c.match_text or c.text for c in claims]
    english_claims = [c for c in claims if c.language == ENGLISH]
    english = list(dict.fromkeys([*(c.text for c in english_claims),
                                  *(c.match_text or c.text for c in english_claims)]))
    of_text = dict(zip(english, analyse_many(english, parser, cache, parses)))
    # Claims in other languages are not parsed (the parser reads English): their words are enough to show them.
    of_text.update({c.text: tokenize(c.text) for c in claims if c.language != ENGLISH})
    return [of_text[t] for t in texts], [of_text[t] for t in match_texts]


def relation_of(differences: list[Difference]) -> str:
    """For a pair the model flagged: contradict when what differs is a negation or an opposite about the same
    subject ("the man is not dancing" and "a woman is dancing" are about two people, so they diverge); diverge
    otherwise. Without differences: agree."""
    kinds = {d.kind for d in differences}
    if kinds & CONTRADICTING and not kinds & OTHER_SUBJECT:
        return "contradict"
    return "diverge" if kinds else "agree"


__all__ = ["ClaimInput", "ClaimJudge", "Judgement", "SameFact", "analyse_claims", "relation_of"]
