"""Do two claims report the same thing? Sentence embeddings plus how much of each claim the other covers.

Embeddings alone put any two sentences on the same topic close together ("Xi is unlikely to offer Putin more
support" vs "Xi's trip is not just about showing support for Putin"). What tells the same fact apart is that
the distinctive words of one claim are found in the other: coverage weights each word by how rare it is in the
articles compared (idf), so the names every sentence shares count for little and "third term" counts a lot.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from claimdiff.judge.words import Analysis

FRAMING_WEIGHT = 0.3  # opening phrases ("In a sign of decline, ...") are the writer's framing, not the fact


class WordWeights:
    """Inverse document frequency of lemmas over the claims being compared (each claim is a document)."""

    def __init__(self, analyses: list[Analysis]):
        self.count = max(1, len(analyses))
        self.frequency = Counter(lemma for a in analyses for lemma in {_stem(w.lemma) for w in a.words if w.content})

    @property
    def ceiling(self) -> float:
        """The weight of a word used by a single claim."""
        return math.log((self.count + 1) / 2) + 1.0

    def __call__(self, lemma: str) -> float:
        return math.log((self.count + 1) / (self.frequency.get(_stem(lemma), 0) + 1)) + 1.0


@dataclass
class MatchFeatures:
    cosine: float
    coverage_max: float  # the better-covered claim: a short claim fully inside a longer one scores high
    coverage_min: float
    lexical: float  # rapidfuzz token-set ratio on folded text, 0..1
    phrases: float  # shared two-word phrases ("third term", "territorial integrity"), 0..1
    rarest: float  # how rare, in the articles compared, is the rarest word both claims use (0..1)

    def as_list(self) -> list[float]:
        return [self.cosine, self.coverage_max, self.coverage_min, self.lexical, self.phrases, self.rarest]


def match_features(a: Analysis, b: Analysis, cosine: float, weights: WordWeights) -> MatchFeatures:
    forward, backward = coverage(a, b, weights), coverage(b, a, weights)
    lexical = fuzz.token_set_ratio(a.text.lower(), b.text.lower()) / 100.0
    shared_phrases = len(_phrases(a) & _phrases(b))
    shared = {_stem(w.lemma) for w in a.words if w.content} & {_stem(w.lemma) for w in b.words if w.content}
    rarest = max((weights(stem) for stem in shared), default=0.0) / weights.ceiling
    return MatchFeatures(cosine, max(forward, backward), min(forward, backward), lexical,
                         min(shared_phrases, PHRASE_CAP) / PHRASE_CAP, rarest)


PHRASE_CAP = 3
_PHRASE_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def _phrases(analysis: Analysis) -> set[tuple[str, str]]:
    """Consecutive content words, skipping function words and adverbs ("understands and fully supports")."""
    stems = [_stem(w.lemma) for w in analysis.words if w.content and w.pos in _PHRASE_POS and not w.framing]
    return set(zip(stems, stems[1:]))


def coverage(a: Analysis, b: Analysis, weights: WordWeights) -> float:
    """Share of a's content (idf-weighted) that b also says, matching lemmas and shared word stems."""
    b_stems = {_stem(w.lemma) for w in b.words if not w.punct}
    total = found = 0.0
    for word in a.words:
        if not word.content:
            continue
        weight = weights(word.lemma) * (FRAMING_WEIGHT if word.framing else 1.0)
        total += weight
        if _stem(word.lemma) in b_stems:
            found += weight
    return found / total if total else 0.0


def _stem(lemma: str) -> str:
    """A crude shared stem ("kazakh"/"kazakhstan", "precedent-breaking"/"breaking"): the first six letters."""
    return lemma[:6] if len(lemma) > 6 else lemma
