"""Do two claims report the same thing? The features the learned similarity model reads.

Embeddings alone put any two sentences on the same topic close together ("Xi is unlikely to offer Putin more
support" vs "Xi's trip is not just about showing support for Putin"). Other signals tell a shared fact from a
shared topic: how much of each claim's distinctive wording the other covers (idf-weighted over the articles
compared, so the names every sentence shares count for little), the rarest word both use, and whether the named
things agree. Separately, how alike two whole articles are tells whether they cover the same event at all.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from claimdiff.judge.lexicon import NEGATIONS
from claimdiff.judge.words import Analysis, stem

FRAMING_WEIGHT = 0.3  # opening phrases ("In a sign of decline, ...") are the writer's framing, not the fact
PHRASE_CAP = 3
NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
MIN_PROFILE_CLAIMS, MIN_PROFILE_NAMES = 5, 3

FEATURES = (
    "cosine", "adapted_cosine", "coverage_max", "coverage_min", "lexical", "phrases", "rarest",
    "entity_overlap", "entity_conflict", "negation_mismatch", "length_ratio",
)


class WordWeights:
    """Inverse document frequency of lemmas over the claims being compared (each claim is a document)."""

    def __init__(self, analyses: list[Analysis]):
        self.count = max(1, len(analyses))
        self.frequency = Counter(word_stem for a in analyses for word_stem in a.content_stems)
        self._weights: dict[str, float] = {}

    @property
    def ceiling(self) -> float:
        """The weight of a word used by a single claim."""
        return math.log((self.count + 1) / 2) + 1.0

    def __call__(self, lemma: str) -> float:
        weight = self._weights.get(lemma)
        if weight is None:
            weight = math.log((self.count + 1) / (self.frequency.get(stem(lemma), 0) + 1)) + 1.0
            self._weights[lemma] = weight
        return weight


@dataclass
class SourceProfile:
    """What a whole article is about: its named things, its wording and its mean claim embedding."""

    names: set[str]
    vector: np.ndarray
    claims: int
    terms: Counter  # how often the article uses each word (punctuation and stop words aside)

    @property
    def telling(self) -> bool:
        """Long enough to tell which event it covers (a one-line summary is not)."""
        return self.claims >= MIN_PROFILE_CLAIMS and len(self.names) >= MIN_PROFILE_NAMES


def source_profiles(sources: list[str], analyses: list[Analysis], vectors: np.ndarray) -> dict[str, SourceProfile]:
    profiles = {}
    for source in dict.fromkeys(sources):
        members = [k for k, s in enumerate(sources) if s == source]
        names = set().union(*(named_things(analyses[k]) for k in members))
        mean = vectors[members].mean(axis=0)
        terms = Counter(w.norm for k in members for w in analyses[k].words if not (w.punct or w.stop))
        profiles[source] = SourceProfile(names, mean / (np.linalg.norm(mean) or 1.0), len(members), terms)
    return profiles


def shared_word_spread(a: ClaimTraits, b: ClaimTraits, weights: WordWeights) -> float:
    """The share of all compared claims that use the rarest word these two claims share (1 when they share none).

    In articles about one event every claim names its protagonists; two claims sharing only such words share a
    topic, not a fact.
    """
    shared = a.content_stems & b.content_stems
    if not shared:
        return 1.0
    return min(weights.frequency.get(stem, 0) for stem in shared) / weights.count


AFFINITIES = ("shared_names", "embedding_cosine", "wording_cosine")


def source_affinities(profiles: list[SourceProfile]) -> np.ndarray:
    """How alike each pair of articles is, an (n, n, 3) array in the order of AFFINITIES: the share of their
    named things they have in common (Jaccard), the cosine of their mean claim embeddings, and the tf-idf cosine
    of their wording (a word's rarity measured over these articles)."""
    names = _bag_matrix([dict.fromkeys(p.names, 1) for p in profiles])
    terms = _bag_matrix([p.terms for p in profiles])
    shared = (names @ names.T).toarray()
    sizes = np.array([len(p.names) for p in profiles], float)
    union = sizes[:, None] + sizes[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    frequency = np.bincount(terms.indices, minlength=terms.shape[1])
    terms.data = (1.0 + np.log(terms.data)) * (np.log((1 + len(profiles)) / (1 + frequency)) + 1.0)[terms.indices]
    norms = np.sqrt(np.asarray(terms.multiply(terms).sum(axis=1)).ravel())
    wording = (terms @ terms.T).toarray() / np.maximum(np.outer(norms, norms), 1e-12)
    vectors = np.array([p.vector for p in profiles])
    return np.stack([jaccard, vectors @ vectors.T, wording], axis=2)


def _bag_matrix(bags: list[dict[str, int]]):
    """A sparse (bags x words) matrix of counts."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    data, columns, starts = [], [], [0]
    for bag in bags:
        for word, count in bag.items():
            columns.append(vocabulary.setdefault(word, len(vocabulary)))
            data.append(count)
        starts.append(len(columns))
    return csr_matrix((np.array(data, float), np.array(columns, np.int64), np.array(starts, np.int64)),
                      shape=(len(bags), len(vocabulary)))


@dataclass
class ClaimTraits:
    """What pair scoring reads of one claim, computed once per claim rather than once per pair."""

    text: str  # lower case
    length: int  # words
    content: list[tuple[str, float]]  # (stem, idf weight, framing discounted) of each content word, in order
    total: float  # sum of those weights
    content_stems: set[str]
    stems: set[str]
    names: set[str]
    phrases: set[tuple[str, str]]
    negations: int


def claim_traits(analysis: Analysis, weights: WordWeights) -> ClaimTraits:
    content = [(stem(w.lemma), weights(w.lemma) * (FRAMING_WEIGHT if w.framing else 1.0))
               for w in analysis.words if w.content]
    return ClaimTraits(analysis.text.lower(), len(analysis.words), content, sum(w for _, w in content),
                       analysis.content_stems, analysis.stems, named_things(analysis), _phrases(analysis),
                       _negations(analysis))


def pair_features(a: ClaimTraits, b: ClaimTraits, cosine: float, adapted: float, weights: WordWeights) -> list[float]:
    """The feature vector of a pair of claims, in the order of FEATURES."""
    forward, backward = coverage(a, b), coverage(b, a)
    shared_phrases = len(a.phrases & b.phrases)
    shared = a.content_stems & b.content_stems
    rarest = max((weights(stem) for stem in shared), default=0.0) / weights.ceiling
    names_a, names_b = a.names, b.names
    overlap = len(names_a & names_b) / min(len(names_a), len(names_b)) if names_a and names_b else 0.5
    conflict = float(bool(names_a - names_b) and bool(names_b - names_a))
    negation = float(a.negations != b.negations)
    length = min(a.length, b.length) / max(1, a.length, b.length)
    return [cosine, adapted, max(forward, backward), min(forward, backward),
            fuzz.token_set_ratio(a.text, b.text) / 100.0, min(shared_phrases, PHRASE_CAP) / PHRASE_CAP,
            rarest, overlap, conflict, negation, length]


def coverage(a: ClaimTraits, b: ClaimTraits) -> float:
    """Share of a's content (idf-weighted) that b also says, matching lemmas and shared word stems."""
    if not a.total:
        return 0.0
    b_stems = b.stems
    return sum(weight for word_stem, weight in a.content if word_stem in b_stems) / a.total


def named_things(analysis: Analysis) -> set[str]:
    return {w.lemma for w in analysis.words if w.entity in NAMED or (w.pos == "PROPN" and not w.punct)}


def _negations(analysis: Analysis) -> int:
    return sum(1 for w in analysis.words if w.norm in NEGATIONS or w.lemma in NEGATIONS)


_PHRASE_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def _phrases(analysis: Analysis) -> set[tuple[str, str]]:
    """Consecutive content words, skipping function words and adverbs ("understands and fully supports")."""
    stems = [stem(w.lemma) for w in analysis.words if w.content and w.pos in _PHRASE_POS and not w.framing]
    return set(zip(stems, stems[1:]))

