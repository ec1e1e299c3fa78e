"""Candidate pairs for alignment: for each claim, its nearest claims in the other sources.

Each claim takes its nearest claims from other sources, at most CANDIDATES_PER_SOURCE from any one source and
CANDIDATES_PER_SOURCE * SOURCES_SEARCHED in all, none below CANDIDATE_FLOOR; a pair is a candidate when either
claim picked the other. With up to SOURCES_SEARCHED + 1 sources that is every claim's nearest few in every other
source. With many sources (a desk's day of coverage) a claim's counterparts are still among its nearest
neighbours, and the work grows with the number of claims, not with the number of pairs of sources.

Neighbours are exact (blockwise matrix products) up to EXACT_LIMIT claims, and beyond it come from an approximate
nearest-neighbour index (faiss IVF: each query visits a few hundred of the claims instead of all of them).
Blocks of rows are independent tasks: engines/dask.py runs them on a Dask cluster.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CANDIDATES_PER_SOURCE = 4  # nearest claims taken from any one other source
SOURCES_SEARCHED = 6  # a claim's candidates number at most CANDIDATES_PER_SOURCE times this
CANDIDATE_FLOOR = 0.3  # cosine below which two claims are never compared
EXACT_LIMIT = 5000  # claims; beyond this, approximate neighbours
BLOCK = 1024  # rows searched at once
ANN_PROBES = 32  # IVF cells visited per query: recall of the 24 nearest about 0.96 on news claims


@dataclass
class Search:
    """Everything a block of rows needs: the claims' vectors and source numbers, and the index if approximate."""

    vectors: np.ndarray
    source: np.ndarray
    wanted: int  # candidates per claim
    depth: int  # neighbours looked at per claim, room for the own source's and the per-source limit
    index: bytes | None = None  # a serialised faiss index, when approximate (bytes travel to cluster workers)

    def loaded_index(self):
        """The faiss index, deserialised on first use by each copy of the search (one per cluster worker)."""
        if "_loaded" not in self.__dict__:
            import faiss

            self.__dict__["_loaded"] = faiss.deserialize_index(np.frombuffer(self.index, dtype=np.uint8))
            self.__dict__["_loaded"].nprobe = ANN_PROBES
        return self.__dict__["_loaded"]

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_loaded"}


def candidate_pairs(sources: list[str], vectors: np.ndarray) -> set[tuple[int, int]]:
    """Pairs (i < j) of claims from different sources that are among each other's nearest neighbours."""
    search = prepare(sources, vectors)
    if search is None:
        return set()
    return merge(block_pairs(search, start) for start in blocks(search))


def prepare(sources: list[str], vectors: np.ndarray) -> Search | None:
    if len(sources) < 2:
        return None
    names = {name: code for code, name in enumerate(dict.fromkeys(sources))}
    wanted = CANDIDATES_PER_SOURCE * min(len(names) - 1, SOURCES_SEARCHED)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    index = _build_index(vectors) if len(vectors) > EXACT_LIMIT else None
    return Search(vectors, np.array([names[s] for s in sources]), wanted, min(len(vectors), 4 * wanted + 32), index)


def blocks(search: Search) -> range:
    return range(0, len(search.vectors), BLOCK)


def merge(parts) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for i, j in parts:
        pairs.update(zip(i.tolist(), j.tolist()))
    return pairs


def block_pairs(search: Search, start: int) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs (i < j, as two arrays) picked by the claims start .. start + BLOCK."""
    rows = np.arange(start, min(start + BLOCK, len(search.vectors)))
    if search.index is None:
        neighbours, similarity = _exact_neighbours(search, rows)
    else:
        neighbours, similarity = _approximate_neighbours(search, rows)
    keep = _pick(rows, neighbours, similarity, search.source, search.wanted)
    i, j = np.repeat(rows, keep.sum(axis=1)), neighbours[keep]
    return np.minimum(i, j), np.maximum(i, j)


def _exact_neighbours(search: Search, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's `depth` nearest claims, best first; its own source's claims come last (similarity -inf)."""
    vectors, source, depth = search.vectors, search.source, search.depth
    similarity = vectors[rows] @ vectors.T
    similarity[source[rows][:, None] == source[None, :]] = -np.inf
    if depth < len(vectors):
        top = np.argpartition(-similarity, depth - 1, axis=1)[:, :depth]
    else:
        top = np.tile(np.arange(len(vectors)), (len(rows), 1))
    top_similarity = np.take_along_axis(similarity, top, axis=1)
    order = np.argsort(-top_similarity, axis=1, kind="stable")
    return np.take_along_axis(top, order, axis=1), np.take_along_axis(top_similarity, order, axis=1)


def _build_index(vectors: np.ndarray) -> bytes:
    import faiss

    count, dim = vectors.shape
    cells = max(1, min(int(4 * np.sqrt(count)), count // 39))  # faiss asks for 39 training points per cell
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, cells, faiss.METRIC_INNER_PRODUCT)
    index.train(vectors)
    index.add(vectors)
    return faiss.serialize_index(index).tobytes()


def _approximate_neighbours(search: Search, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    similarity, neighbours = search.loaded_index().search(search.vectors[rows], search.depth)
    missing = neighbours < 0  # fewer than `depth` claims in the cells visited
    similarity[missing], neighbours[missing] = -np.inf, rows[np.nonzero(missing)[0]]
    return neighbours, similarity


def _pick(rows: np.ndarray, neighbours: np.ndarray, similarity: np.ndarray, source: np.ndarray,
          wanted: int) -> np.ndarray:
    """Mask of the neighbours each row keeps: another source's, above the floor, at most CANDIDATES_PER_SOURCE
    per source, the first `wanted` of those (neighbours come best first)."""
    neighbour_source = source[neighbours]
    usable = (neighbour_source != source[rows][:, None]) & (similarity >= CANDIDATE_FLOOR)
    capped = usable & (_rank_within_source(neighbour_source, usable) < CANDIDATES_PER_SOURCE)
    return capped & (np.cumsum(capped, axis=1) <= wanted)


def _rank_within_source(neighbour_source: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """For each usable neighbour, how many usable neighbours of the same source come before it in its row."""
    width = neighbour_source.shape[1]
    keyed = np.where(usable, neighbour_source, -1)
    order = np.argsort(keyed, axis=1, kind="stable")  # grouped by source, best first within each
    grouped = np.take_along_axis(keyed, order, axis=1)
    starts = np.ones_like(grouped, dtype=bool)
    starts[:, 1:] = grouped[:, 1:] != grouped[:, :-1]
    position = np.broadcast_to(np.arange(width), grouped.shape)
    group_start = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, position - group_start, axis=1)
    return rank
