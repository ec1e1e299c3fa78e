"""Align: group the claims that report the same thing, across all sources at once (N-way, any order).

Candidates come from embeddings (each claim's nearest claims in other sources, see candidates.py); the
judge's same-claim score confirms them. Groups grow greedily from the most certain link down, and two groups
merge only if their claims match on average and none of them is far off (average linkage with a floor), so a
chain of loosely related claims never snowballs into one large cluster.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdiff.candidates import candidate_pairs
from claimdiff.judge import ClaimJudge

LINK_FLOOR_RATIO = 0.8  # within a group no cross-source pair may score under threshold * this
MAX_PER_SOURCE = 3  # a fact one source states once may be split over a few sentences by another
PARTNER_MARGIN = 0.2  # several claims of one source in a group match within this of each other


@dataclass
class Link:
    i: int
    j: int
    similarity: float


def align(sources: list[str], judge: ClaimJudge, threshold: float,
          find_candidates=candidate_pairs) -> tuple[list[list[int]], dict]:
    """Return groups of claim indices (every claim in exactly one group) and the scored links by pair.
    `find_candidates(sources, vectors)` proposes the pairs to score (candidates.py, or on a cluster)."""
    scores: dict[tuple[int, int], float] = {}

    def score_all(pairs: list[tuple[int, int]]) -> list[float]:
        keys = [(i, j) if i < j else (j, i) for i, j in pairs]
        missing = [k for k in dict.fromkeys(keys) if k not in scores]
        scores.update(zip(missing, judge.similarities(missing).tolist()))
        return [scores[k] for k in keys]

    candidates = sorted(find_candidates(sources, judge.vectors))
    links = [Link(i, j, s) for (i, j), s in zip(candidates, score_all(candidates))]
    links = sorted((l for l in links if l.similarity >= threshold), key=lambda l: -l.similarity)
    group_of = list(range(len(sources)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(sources))}
    for link in links:
        gi, gj = group_of[link.i], group_of[link.j]
        if gi == gj or not _can_merge(members[gi], members[gj], sources, score_all, threshold):
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
    groups = sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
    return groups, scores


def _pairs_same_sources(group_a: list[int], group_b: list[int], sources: list[str]) -> bool:
    """Both groups already link claims of the same two sources: merging would make a many-to-many match.

    One claim may match several claims of another source (a fact split over two sentences), but two facts that
    each have their own counterpart in both sources are two groups, however close their topics.
    """
    shared = {sources[k] for k in group_a} & {sources[k] for k in group_b}
    return len(shared) >= 2


def _can_merge(group_a: list[int], group_b: list[int], sources: list[str], score_all, threshold: float) -> bool:
    if _pairs_same_sources(group_a, group_b, sources):
        return False
    counts: dict[str, int] = {}
    for k in group_a + group_b:
        counts[sources[k]] = counts.get(sources[k], 0) + 1
        if counts[sources[k]] > MAX_PER_SOURCE:
            return False
    cross = score_all([(i, j) for i in group_a for j in group_b if sources[i] != sources[j]])
    if not cross:
        return False  # two claims of one source are never grouped without another source between them
    if sum(cross) / len(cross) < threshold or min(cross) < threshold * LINK_FLOOR_RATIO:
        return False
    return _comparable_partners(group_a + group_b, sources, score_all)


def _comparable_partners(members: list[int], sources: list[str], score_all) -> bool:
    """Where a source brings several claims to a group, each must match the others about as well as the best
    one does: a sentence with an exact twin elsewhere does not also take in a merely similar one."""
    by_source: dict[str, list[int]] = {}
    for k in members:
        by_source.setdefault(sources[k], []).append(k)
    for own in (ks for ks in by_source.values() if len(ks) > 1):
        others = [k for k in members if sources[k] != sources[own[0]]]
        best = [max(score_all([(k, o) for o in others])) for k in own]
        if min(best) < max(best) - PARTNER_MARGIN:
            return False
    return True
