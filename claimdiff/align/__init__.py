"""Align: group the claims that report the same thing, across all sources at once (N-way, any order).

Candidates come from embeddings (each claim's nearest claims in other sources, see candidates.py); the
judge's same-claim score confirms them. Groups grow greedily from the most certain link down, and two groups
merge only if their claims match on average and none of them is far off (average linkage with a floor), so a
chain of loosely related claims never snowballs. The sure links (STRONG_LINK and up) go first: each pair of
sources is matched on its own on them and the matches are joined, so a sure link between two sources stays when
a third is compared beside them, unless the joined group would hold more than MAX_PER_SOURCE claims of one source
or two claims far apart: such a group is matched again as a whole. The other links then grow the groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdiff.align.candidates import candidate_pairs
from claimdiff.judge import ClaimJudge, SameFact

STRONG_LINK = 0.7  # a link this sure (the same fact, worded alike) is kept whatever else is compared
LINK_FLOOR_RATIO = 0.8  # within a group no cross-source pair may score under threshold * this
MAX_PER_SOURCE = 3  # a fact one source states once may be split over a few sentences by another
PARTNER_MARGIN = 0.2  # several claims of one source in a group match within this of each other


@dataclass
class Link:
    i: int
    j: int
    similarity: float


def align(sources: list[str], judge: ClaimJudge, find_candidates=candidate_pairs) -> tuple[list[list[int]], dict]:
    """Return groups of claim indices (every claim in exactly one group) and the scored links by pair.
    `find_candidates(sources, vectors)` proposes the pairs to score (candidates.py, or engines/dask.py); the
    judge scores them, and its SameFact says which are links."""
    same = judge.same
    scores: dict[tuple[int, int], float] = {}

    def score_all(pairs: list[tuple[int, int]]) -> list[float]:
        keys = [(i, j) if i < j else (j, i) for i, j in pairs]
        missing = [k for k in dict.fromkeys(keys) if k not in scores]
        scores.update(zip(missing, judge.similarities(missing).tolist()))
        return [scores[k] for k in keys]

    candidates = sorted(find_candidates(sources, judge.search_vectors))
    links = [Link(i, j, s) for (i, j), s in zip(candidates, score_all(candidates))]
    # Equal scores are common (the judge's trees score in steps): ties go by each claim's source and place in
    # it, never by its index, so that the groups do not depend on the order the sources were given in.
    place = _places(sources)
    links = sorted((l for l in links if same.holds(l.similarity)),
                   key=lambda l: (-l.similarity, *sorted((place[l.i], place[l.j]))))
    # Links a pair of sources is sure of stay whatever else is compared: each pair of sources is matched on its
    # own on them, and the matches are joined.
    by_sources: dict[tuple[str, str], list[Link]] = {}
    for link in links:
        if link.similarity >= STRONG_LINK:  # a fixed certainty, whatever the threshold
            by_sources.setdefault(tuple(sorted((sources[link.i], sources[link.j]))), []).append(link)
    joined = _UnionFind(len(sources))
    for pair_links in by_sources.values():
        for group in _greedy(pair_links, sources, score_all, same):
            for k in group[1:]:
                joined.union(group[0], k)
    seeds = []
    for members in joined.groups():
        if _holds_together(members, sources, score_all, same):
            seeds.append(members)
        else:  # joined through a claim that two others match in different ways: matched again as a whole
            seeds.extend(_greedy([l for l in links if l.i in members and l.j in members], sources, score_all,
                                 same, members))
    # The other links merge those groups while they match well as a whole (average linkage with a floor).
    groups = _greedy(links, sources, score_all, same, start=seeds)
    return sorted((sorted(m) for m in groups), key=lambda m: m[0]), scores


def _places(sources: list[str]) -> list[tuple[str, int]]:
    """Each claim as (its source, its number among that source's claims): the same whatever the sources' order."""
    seen: dict[str, int] = {}
    places = []
    for source in sources:
        places.append((source, seen.get(source, 0)))
        seen[source] = seen.get(source, 0) + 1
    return places


def _greedy(links: list[Link], sources: list[str], score_all, same: SameFact, claims: list[int] | None = None,
            start: list[list[int]] | None = None) -> list[list[int]]:
    """Groups grown from the strongest link down, merging only groups that match well as a whole; from
    singletons of `claims` (by default the claims the links name), or from the groups `start`."""
    if start is None:
        claims = claims if claims is not None else sorted({k for l in links for k in (l.i, l.j)})
        start = [[k] for k in claims]
    group_of = {k: group[0] for group in start for k in group}
    members: dict[int, list[int]] = {group[0]: list(group) for group in start}
    for link in links:
        gi, gj = group_of[link.i], group_of[link.j]
        if gi == gj or not _can_merge(members[gi], members[gj], sources, score_all, same):
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
    return list(members.values())


def _holds_together(members: list[int], sources: list[str], score_all, same: SameFact) -> bool:
    """A joined group stands as it is when no source brings more than MAX_PER_SOURCE claims and no two of its
    claims of different sources are far apart (a chain through one claim that matches two others)."""
    counts: dict[str, int] = {}
    for k in members:
        counts[sources[k]] = counts.get(sources[k], 0) + 1
    if max(counts.values()) > MAX_PER_SOURCE:
        return False
    cross = [(i, j) for x, i in enumerate(members) for j in members[x + 1 :] if sources[i] != sources[j]]
    return not cross or same.nearly_holds(min(score_all(cross)), LINK_FLOOR_RATIO)


class _UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for k in range(len(self.parent)):
            out.setdefault(self.find(k), []).append(k)
        return list(out.values())


def _pairs_same_sources(group_a: list[int], group_b: list[int], sources: list[str]) -> bool:
    """Both groups already link claims of the same two sources: merging would make a many-to-many match.

    One claim may match several claims of another source (a fact split over two sentences), but two facts that
    each have their own counterpart in both sources are two groups, however close their topics.
    """
    shared = {sources[k] for k in group_a} & {sources[k] for k in group_b}
    return len(shared) >= 2


def _can_merge(group_a: list[int], group_b: list[int], sources: list[str], score_all, same: SameFact) -> bool:
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
    if not same.holds(sum(cross) / len(cross)) or not same.nearly_holds(min(cross), LINK_FLOOR_RATIO):
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
