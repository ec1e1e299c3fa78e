"""The Dask path (--cluster) gives the local path's results; the cluster runs here in local mode."""

from __future__ import annotations

import numpy as np
import pytest

import claimdiff.align.candidates as candidates
from claimdiff import compare
from claimdiff.errors import ClaimdiffError

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


def _clustered_vectors(count: int, sources: int, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """Claims about count // 10 facts, each fact restated (with noise) by several sources."""
    rng = np.random.default_rng(seed)
    facts = rng.normal(size=(count // 10, 64))
    vectors = facts[rng.integers(0, len(facts), count)] + rng.normal(scale=0.3, size=(count, 64))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return [f"s{k % sources}" for k in range(count)], vectors.astype(np.float32)


@pytest.mark.parametrize("exact_limit", [100_000, 500])  # exact search, then the approximate index
def test_candidate_search_on_a_cluster_equals_the_local_search(client, monkeypatch, exact_limit):
    from claimdiff.engines.dask import candidate_search

    monkeypatch.setattr(candidates, "EXACT_LIMIT", exact_limit)
    monkeypatch.setattr(candidates, "BLOCK", 256)  # several blocks, so several tasks
    sources, vectors = _clustered_vectors(3000, 12)
    local = candidates.candidate_pairs(sources, vectors)
    assert local and local == candidate_search(client)(sources, vectors)


@pytest.mark.model
def test_compare_on_a_local_cluster_reports_what_the_local_path_reports(seed_paths):
    local = compare(seed_paths[:3], cache=False).to_dict()
    clustered = compare(seed_paths[:3], cache=False, cluster="local").to_dict()
    assert clustered == local


def test_an_unreachable_scheduler_is_a_clean_error(monkeypatch, use_fake_encoder, seed_paths):
    import claimdiff.engines.dask

    monkeypatch.setattr(claimdiff.engines.dask, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(ClaimdiffError, match="cannot reach the scheduler"):
        compare(seed_paths[:2], cluster="tcp://127.0.0.1:9")
