"""Judge: do two claims report the same thing, and if so, do they agree, diverge or contradict?

One `ClaimJudge` serves `compare` (on the pairs alignment proposes) and `claimdiff judge` (on pairs a script
supplies): claims are parsed and embedded once, in batches, and pairs are then scored cheaply.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from claimdiff.judge.differences import find_differences
from claimdiff.judge.match import MatchFeatures, WordWeights, match_features
from claimdiff.judge.words import Analysis, analyse
from claimdiff.model import Difference
from claimdiff.nlp import parse_many

CONTRADICTING = {"negation", "antonym"}
DEFAULT_THRESHOLD = 0.5

# Logistic weights over MatchFeatures (cosine, coverage_max, coverage_min, lexical, phrases, rarest) and a bias.
SAME_CLAIM_WEIGHTS = (3.0, 1.0, 2.5, 0.0, 0.5, 4.0)
SAME_CLAIM_BIAS = -6.3


@dataclass
class Judgement:
    same_claim: bool
    relation: str  # agree | diverge | contradict | unrelated
    similarity: float
    differences: list[Difference] = field(default_factory=list)


class ClaimJudge:
    """Holds the prepared claims (texts, speakers, embeddings) and judges pairs of them by index."""

    def __init__(self, texts: list[str], vectors: np.ndarray, speakers: list[str | None] | None = None,
                 threshold: float = DEFAULT_THRESHOLD, match_texts: list[str] | None = None):
        self.analyses: list[Analysis] = [analyse(doc) for doc in parse_many(texts)]
        self.match_analyses = (self.analyses if match_texts is None or match_texts == texts
                               else [analyse(doc) for doc in parse_many(match_texts)])
        self.vectors = vectors
        self.speakers = speakers or [None] * len(texts)
        self.threshold = threshold
        self.weights = WordWeights(self.match_analyses)

    def cosine(self, i: int, j: int) -> float:
        return float(np.dot(self.vectors[i], self.vectors[j]))

    def features(self, i: int, j: int) -> MatchFeatures:
        return match_features(self.match_analyses[i], self.match_analyses[j], self.cosine(i, j), self.weights)

    def similarity(self, i: int, j: int) -> float:
        """How likely the two claims report the same thing, in [0, 1]; the score `--threshold` applies to."""
        features = self.features(i, j).as_list()
        z = SAME_CLAIM_BIAS + sum(w * x for w, x in zip(SAME_CLAIM_WEIGHTS, features))
        return 1.0 / (1.0 + math.exp(-z))

    def judge(self, i: int, j: int, similarity: float | None = None) -> Judgement:
        similarity = self.similarity(i, j) if similarity is None else similarity
        if similarity < self.threshold:
            return Judgement(False, "unrelated", round(similarity, 4))
        differences = find_differences(self.analyses[i], self.analyses[j], self.speakers[i], self.speakers[j])
        return Judgement(True, relation_of(differences), round(similarity, 4), differences)


def relation_of(differences: list[Difference]) -> str:
    kinds = {d.kind for d in differences}
    if kinds & CONTRADICTING:
        return "contradict"
    return "diverge" if kinds else "agree"
