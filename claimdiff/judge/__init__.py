"""Judge: do two claims report the same thing, and if so, do they agree, diverge or contradict?

One `ClaimJudge` serves `compare` (on the pairs alignment proposes) and `claimdiff judge` (on pairs a script
supplies): claims are parsed and embedded once, in batches, and pairs are then scored cheaply. The similarity
is a learned model (see learned.py); the relation comes from typed differences (see differences.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from claimdiff.judge.differences import find_differences, other_voices
from claimdiff.judge.learned import SimilarityModel, load_model
from claimdiff.judge.match import (FEATURES, WordWeights, claim_traits, pair_features, shared_word_spread,
                                   source_affinities, source_profiles)
from claimdiff.judge.values import date_parts
from claimdiff.judge.words import Analysis, analyse_many
from claimdiff.model import Difference

CONTRADICTING = {"negation", "antonym"}
OTHER_SUBJECT = {"name", "place", "attribution"}
DEFAULT_THRESHOLD = 0.5
COMMON_SPREAD = 0.04
ANCHOR_FLOOR = 0.6
SAME_WORDING = 0.9  # coverage of each claim's content by the other's: the same sentence, give or take a word
MIN_CLAIMS_FOR_SPREAD = 30
OTHER_VOICE_FACTOR = 0.5  # two named people saying different things: only near-identical claims stay together
MAX_SOURCES_FOR_EVENTS = 4000  # grouping articles by event compares every pair of them: n x n arrays


@dataclass
class Judgement:
    same_claim: bool
    relation: str  # agree | diverge | contradict | unrelated
    similarity: float
    differences: list[Difference] = field(default_factory=list)


class ClaimJudge:
    """Holds the prepared claims (texts, speakers, sources, embeddings) and judges pairs of them by index.

    `match_texts` are the claims restated to stand alone (used for similarity); differences are read from
    `texts` as written. `sources` names each claim's article, so that whole articles can be compared too; pairs
    judged on their own (`claimdiff judge`) have none.
    """

    def __init__(self, texts: list[str], vectors: np.ndarray, speakers: list[str | None] | None = None,
                 threshold: float = DEFAULT_THRESHOLD, match_texts: list[str] | None = None,
                 sources: list[str] | None = None, model: SimilarityModel | None = None,
                 analyses: tuple[list[Analysis], list[Analysis]] | None = None, kinds: list[str] | None = None):
        self.analyses, self.match_analyses = analyses or analyse_claims(texts, match_texts)
        self.captions = {i for i, kind in enumerate(kinds or []) if kind == "caption"}
        self.dated_photos = {i for i in self.captions if _calendar_dated(self.analyses[i])}
        self.vectors = vectors
        self.speakers = speakers or [None] * len(texts)
        self.threshold = threshold
        self.weights = WordWeights(self.match_analyses)
        self.traits = [claim_traits(a, self.weights) for a in self.match_analyses]
        self.model = model or load_model()
        self.adapted = self.model.adapt(vectors)
        self.sources = sources
        self.profiles = source_profiles(sources, self.match_analyses, vectors) if sources else None
        self.event_of = self._events()

    def features(self, i: int, j: int) -> list[float]:
        return pair_features(self.traits[i], self.traits[j], float(self.vectors[i] @ self.vectors[j]),
                             float(self.adapted[i] @ self.adapted[j]), self.weights)

    def similarities(self, pairs: list[tuple[int, int]]) -> np.ndarray:
        """How alike in meaning each pair of claims is, in [0, 1] (calibrated on STS-B: 1 equivalent, 0.6 the
        same fact with a detail differing, 0.2 the same topic only): the score `--threshold` applies to."""
        if not pairs:
            return np.zeros(0)
        features = np.array([self.features(i, j) for i, j in pairs])
        scores = self.model.predict(features)
        if not self.profiles:
            return scores  # pairs judged on their own: meaning similarity only
        # Within a comparison of articles, word rarity is measured over those articles: shared distinctive
        # wording is credited, shared protagonists alone are not, and articles on another event are set apart.
        scores = np.maximum(scores, fact_overlap(features))
        # Claims worded alike throughout say the same thing, however common their words are in these articles.
        worded_alike = features[:, FEATURES.index("coverage_min")] >= SAME_WORDING
        return scores * np.array([self._event_factor(i, j) * (1.0 if alike else self._anchor_factor(i, j))
                                  * self._voice_factor(i, j) * self._photo_factor(i, j)
                                  for (i, j), alike in zip(pairs, worded_alike)])

    def _photo_factor(self, i: int, j: int) -> float:
        """A caption that dates its photo ("... at the Kremlin in June 2019") shows that moment, often a file photo
        of another occasion: it is the same claim only as another claim that gives a date too (the date check
        then compares them) or as another caption of the photo, never as an undated account of the event reported."""
        if (i in self.dated_photos) == (j in self.dated_photos) or (i in self.captions and j in self.captions):
            return 1.0
        other = j if i in self.dated_photos else i
        return 1.0 if _calendar_dated(self.analyses[other]) else 0.0

    def _voice_factor(self, i: int, j: int) -> float:
        if self.speakers[i] is None or self.speakers[j] is None:
            return 1.0
        voices = other_voices(self.analyses[i], self.analyses[j], self.speakers[i], self.speakers[j])
        return OTHER_VOICE_FACTOR if voices else 1.0

    def _anchor_factor(self, i: int, j: int) -> float:
        """Discount for claims that share only words most claims use (a topic, not a fact): none while their
        rarest shared word is in at most COMMON_SPREAD of the claims, down to ANCHOR_FLOOR at 3 times that."""
        if len(self.analyses) < MIN_CLAIMS_FOR_SPREAD:
            return 1.0  # too few claims to tell common words from rare ones
        spread = shared_word_spread(self.traits[i], self.traits[j], self.weights)
        excess = min(1.0, max(0.0, (spread - COMMON_SPREAD) / (2 * COMMON_SPREAD)))
        return 1.0 - (1.0 - ANCHOR_FLOOR) * excess

    def _event_factor(self, i: int, j: int) -> float:
        """Claims of articles that report different events are not the same claim."""
        event_i, event_j = self.event_of.get(self.sources[i]), self.event_of.get(self.sources[j])
        return 0.0 if event_i is not None and event_j is not None and event_i != event_j else 1.0

    def _events(self) -> dict[str, int]:
        """The event each article reports, numbered, when they report more than one (see EventGate). Articles
        long enough to tell are grouped; a short one cannot found a group of its own but joins the group it is
        most likely to share its event with."""
        if not self.profiles or self.model.gate is None or len(self.profiles) > MAX_SOURCES_FOR_EVENTS:
            return {}
        names = list(self.profiles)
        telling = np.array([self.profiles[s].telling for s in names])
        if telling.sum() < 2:
            return {}
        probability = self.model.gate.probabilities(source_affinities([self.profiles[s] for s in names]))
        events = np.full(len(names), -1)
        events[telling] = self.model.gate.events_of(probability[np.ix_(telling, telling)])
        if len(set(events[telling])) < 2:
            return {}
        for k in np.flatnonzero(~telling):
            events[k] = max(set(events[telling]), key=lambda e: probability[k, telling & (events == e)].mean())
        return {source: int(event) for source, event in zip(names, events)}

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
        if similarity < self.threshold:
            return Judgement(False, "unrelated", round(similarity, 4))
        differences = self._differences(i, j)
        return Judgement(True, relation_of(differences), round(similarity, 4), differences)

    def _differences(self, i: int, j: int) -> list[Difference]:
        """The word alignment (difflib) settles ties by which claim comes first, so each pair is read in one
        order, by text: what is found between two claims does not depend on the order of their sources."""
        if (self.analyses[i].text, self.speakers[i] or "") <= (self.analyses[j].text, self.speakers[j] or ""):
            return find_differences(self.analyses[i], self.analyses[j], self.speakers[i], self.speakers[j])
        found = find_differences(self.analyses[j], self.analyses[i], self.speakers[j], self.speakers[i])
        return [Difference(d.kind, d.b, d.a) for d in found]


def _calendar_dated(analysis: Analysis) -> bool:
    """Names a year or a month ("June 2019", "3 July"), not only a weekday."""
    for label, text, _, _ in analysis.entities:
        parts = date_parts(text) if label == "DATE" else None
        if parts and (parts.year or parts.month):
            return True
    return False


def analyse_claims(texts: list[str], match_texts: list[str] | None = None) -> tuple[list[Analysis], list[Analysis]]:
    """The parsed claims as written and as restated to stand alone (most are the same text: analysed once)."""
    if match_texts is None or match_texts == texts:
        analyses = analyse_many(texts)
        return analyses, analyses
    unique = list(dict.fromkeys([*texts, *match_texts]))
    of_text = dict(zip(unique, analyse_many(unique)))
    return [of_text[t] for t in texts], [of_text[t] for t in match_texts]


# Weights of the fact-overlap view over FEATURES (cosine, coverage_min, phrases and rarest; the rest unused).
_OVERLAP_WEIGHTS = {"cosine": 3.0, "coverage_max": 1.0, "coverage_min": 2.5, "phrases": 0.5, "rarest": 4.0}
_OVERLAP_BIAS = -6.3


def fact_overlap(features: np.ndarray) -> np.ndarray:
    """A second view of sameness, for claims of articles compared together: two claims that share their
    distinctive wording (a word rare among those articles, a phrase such as "third term") report the same fact
    even when worded too differently for the meaning model to say so. Hand-set weights (see the README's
    quality table for what they do on ECB+ and BASIL); word rarity means nothing for pairs judged alone."""
    z = _OVERLAP_BIAS + sum(w * features[:, FEATURES.index(name)] for name, w in _OVERLAP_WEIGHTS.items())
    return 1.0 / (1.0 + np.exp(-z))


def relation_of(differences: list[Difference]) -> str:
    """contradict: a negation or an opposite about the same subject; "the man is not dancing" and "a woman is
    dancing" are about two people, so they diverge. diverge: any other typed difference. agree: none."""
    kinds = {d.kind for d in differences}
    if kinds & CONTRADICTING and not kinds & OTHER_SUBJECT:
        return "contradict"
    return "diverge" if kinds else "agree"


__all__ = ["ClaimJudge", "Judgement", "analyse_claims", "relation_of", "DEFAULT_THRESHOLD", "FEATURES"]
