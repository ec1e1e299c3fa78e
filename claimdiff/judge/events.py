"""Do two articles report the same event? Their profiles and affinities, which the event gate (learned.py) reads.

Articles about look-alike events (two earthquakes, two arrests) read alike sentence by sentence; what sets them
apart is what each article is about as a whole: its named things, its wording and its mean claim embedding.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from claimdiff.judge.features import named_things
from claimdiff.judge.words import Analysis

MIN_PROFILE_CLAIMS, MIN_PROFILE_NAMES = 5, 3


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
