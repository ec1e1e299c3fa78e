"""Candidate pairs: each claim's nearest claims in other sources, exact or from the approximate index."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

import claimdiff.align.candidates as candidates
from claimdiff.align.candidates import CANDIDATE_FLOOR, CANDIDATES_PER_SOURCE, candidate_pairs


def _vectors(count: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    facts = rng.normal(size=(max(1, count // 8), 32))
    vectors = facts[rng.integers(0, len(facts), count)] + rng.normal(scale=0.4, size=(count, 32))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def _nearest_per_source(sources: list[str], vectors: np.ndarray) -> set[tuple[int, int]]:
    """The plain definition for a few sources: every claim's 4 nearest claims (above the floor) in each other
    source, both ways."""
    pairs = set()
    similarity = vectors @ vectors.T
    for i in range(len(sources)):
        for other in set(sources) - {sources[i]}:
            members = [j for j in range(len(sources)) if sources[j] == other]
            best = sorted(members, key=lambda j: -similarity[i, j])[:CANDIDATES_PER_SOURCE]
            pairs.update((min(i, j), max(i, j)) for j in best if similarity[i, j] >= CANDIDATE_FLOOR)
    return pairs


@pytest.mark.parametrize("source_count", [2, 3, 5, 7])
def test_with_few_sources_every_claim_meets_its_nearest_claims_in_each_other_source(source_count):
    vectors = _vectors(240)
    sources = [f"s{k % source_count}" for k in range(len(vectors))]
    assert candidate_pairs(sources, vectors) == _nearest_per_source(sources, vectors)


def test_with_many_sources_each_claim_picks_a_bounded_number():
    vectors = _vectors(2000, seed=1)
    sources = [f"s{k % 50}" for k in range(len(vectors))]
    pairs = candidate_pairs(sources, vectors)
    assert all(sources[i] != sources[j] for i, j in pairs)
    assert all(float(vectors[i] @ vectors[j]) >= CANDIDATE_FLOOR - 1e-6 for i, j in pairs)
    # each claim picks at most 24 and is picked by others: the total stays linear in the number of claims
    assert len(pairs) <= len(vectors) * CANDIDATES_PER_SOURCE * candidates.SOURCES_SEARCHED
    degree = Counter(k for pair in pairs for k in pair)
    assert max(degree.values()) < 200


def test_the_approximate_index_finds_nearly_all_exact_candidates(monkeypatch):
    vectors = _vectors(6000, seed=2)
    sources = [f"s{k % 30}" for k in range(len(vectors))]
    exact = candidate_pairs(sources, vectors)
    monkeypatch.setattr(candidates, "EXACT_LIMIT", 1000)
    approximate = candidate_pairs(sources, vectors)
    assert len(exact & approximate) / len(exact) >= 0.9
    assert all(sources[i] != sources[j] for i, j in approximate)


def test_nothing_to_pair():
    assert candidate_pairs([], np.zeros((0, 8), dtype=np.float32)) == set()
    assert candidate_pairs(["a", "a"], _vectors(2)) == set()
