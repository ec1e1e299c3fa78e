"""Candidate pairs for alignment: for each claim, its nearest claims in the other sources.

Each claim takes its nearest claims from other sources, at most CANDIDATES_PER_SOURCE from any one source and
CANDIDATES_PER_SOURCE * SOURCES_SEARCHED in all, none below CANDIDATE_FLOOR; a pair is a candidate when either
claim picked the other. With up to SOURCES_SEARCHED + 1 sources that is every claim's nearest few in every other
source. With many sources (a desk's day of coverage) a claim's counterparts are still among its nearest
neighbours, and the work grows with the number of claims, not with the number of pairs of sources.

Neighbours are exact (blockwise matrix products) up to EXACT_LIMIT claims, and beyond it come from an approximate
nearest-neighbour index (faiss IVF: each query visits a few hundred of the claims instead of all of them).
"""

from __future__ import annotations

import numpy as np

CANDIDATES_PER_SOURCE = 4  # nearest claims taken from any one other source
SOURCES_SEARCHED = 6  # a claim's candidates number at most CANDIDATES_PER_SOURCE times this
CANDIDATE_FLOOR = 0.3  # cosine below which two claims are never compared
EXACT_LIMIT = 5000  # claims; beyond this, approximate neighbours
BLOCK = 1024  # rows of the similarity matrix held at once
ANN_PROBES = 32  # IVF cells visited per query: recall of the 24 nearest about 0.96 on news claims


def candidate_pairs(sources: list[str], vectors: np.ndarray) -> set[tuple[int, int]]:
    """Pairs (i < j) of claims from different sources that are among each other's nearest neighbours."""
    if len(sources) < 2:
        return set()
    names = {name: code for code, name in enumerate(dict.fromkeys(sources))}
    source = np.array([names[s] for s in sources])
    wanted = CANDIDATES_PER_SOURCE * min(len(names) - 1, SOURCES_SEARCHED)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    pairs: set[tuple[int, int]] = set()
    for rows, neighbours, similarity in _neighbours(vectors, source, wanted):
        keep = _pick(rows, neighbours, similarity, source, wanted)
        i = np.repeat(rows, keep.sum(axis=1))
        j = neighbours[keep]
        pairs.update(zip(np.minimum(i, j).tolist(), np.maximum(i, j).tolist()))
    return pairs


def _neighbours(vectors: np.ndarray, source: np.ndarray, wanted: int):
    """Yield (rows, neighbour indices, similarities) in blocks, each row's neighbours best first; claims of the
    row's own source are marked with similarity -inf (exact) or left for _pick to drop (approximate)."""
    count = len(vectors)
    depth = min(count, 4 * wanted + 32)  # room for the own source's claims and the per-source limit
    if count > EXACT_LIMIT:
        yield from _approximate_neighbours(vectors, depth)
        return
    for start in range(0, count, BLOCK):
        rows = np.arange(start, min(start + BLOCK, count))
        similarity = vectors[rows] @ vectors.T
        similarity[source[rows][:, None] == source[None, :]] = -np.inf
        top = np.argpartition(-similarity, depth - 1, axis=1)[:, :depth] if depth < count else \
            np.tile(np.arange(count), (len(rows), 1))
        top_similarity = np.take_along_axis(similarity, top, axis=1)
        order = np.argsort(-top_similarity, axis=1, kind="stable")
        yield rows, np.take_along_axis(top, order, axis=1), np.take_along_axis(top_similarity, order, axis=1)


def _approximate_neighbours(vectors: np.ndarray, depth: int):
    import faiss

    count, dim = vectors.shape
    cells = int(4 * np.sqrt(count))
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, cells, faiss.METRIC_INNER_PRODUCT)
    index.train(vectors)
    index.add(vectors)
    index.nprobe = ANN_PROBES
    for start in range(0, count, BLOCK):
        rows = np.arange(start, min(start + BLOCK, count))
        similarity, neighbours = index.search(vectors[rows], depth)
        missing = neighbours < 0  # fewer than `depth` claims in the cells visited
        similarity[missing], neighbours[missing] = -np.inf, rows[np.nonzero(missing)[0]]
        yield rows, neighbours, similarity


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
