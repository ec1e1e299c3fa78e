"""Groups as reported: each aligned set of claims with its judged pairs and its verdict, most telling first."""

from __future__ import annotations

from claimdiff.judge import ClaimJudge, relation_of
from claimdiff.model import VERDICTS, Claim, Group, Pair, SeeAlso

# A group is shown with the nearest claim of each source it lacks from this similarity (the calibrated probability
# that the two state the same fact): below it, nearest claims are mostly other facts of the story.
SEE_ALSO_FLOOR = 0.3


def report_groups(index_groups: list[list[int]], claims: list[Claim], judge: ClaimJudge,
                  scores: dict[tuple[int, int], float]) -> list[Group]:
    """The groups of claim indices as Groups, judged and ordered (verdict, then sources, then position). An aside
    no other source states is left out: its sentence's claim reports its words already."""
    index_groups = [members for members in index_groups if not _lone_aside(members, claims)]
    groups = [_group(members, claims, judge, scores) for members in index_groups]
    nearest = _nearest_elsewhere(index_groups, claims, scores)
    for group, members in zip(groups, index_groups):
        group.see_also = _see_also(members, claims, nearest)
    return _ordered(groups, claims)


def reported_claims(claims: list[Claim], groups: list[Group]) -> list[Claim]:
    """The claims the groups hold, in their order: all but the lone asides."""
    grouped = {c for group in groups for c in group.claims}
    return [claim for claim in claims if claim.id in grouped]


def _lone_aside(members: list[int], claims: list[Claim]) -> bool:
    return len(members) == 1 and claims[members[0]].kind == "aside"


def _nearest_elsewhere(index_groups: list[list[int]], claims: list[Claim],
                       scores: dict[tuple[int, int], float]) -> dict[int, dict[str, tuple[float, int]]]:
    """For each claim, the best-scored claim of each other source outside its group (from SEE_ALSO_FLOOR), among
    the pairs the alignment scored: {claim: {source: (similarity, -other claim)}} (ties go to the earlier claim)."""
    group_of = {i: n for n, members in enumerate(index_groups) for i in members}
    nearest: dict[int, dict[str, tuple[float, int]]] = {}
    for (i, j), similarity in scores.items():
        if similarity < SEE_ALSO_FLOOR or claims[i].source == claims[j].source or i not in group_of \
                or j not in group_of or group_of[i] == group_of[j]:
            continue
        for here, there in ((i, j), (j, i)):
            best = nearest.setdefault(here, {})
            source = claims[there].source
            best[source] = max(best.get(source, (-1.0, 0)), (similarity, -there))
    return nearest


def _see_also(members: list[int], claims: list[Claim], nearest: dict[int, dict[str, tuple[float, int]]]
              ) -> list[SeeAlso]:
    """The nearest claim of each source the group lacks to the group's claims, most similar first."""
    present = {claims[k].source for k in members}
    best: dict[str, tuple[float, int, int]] = {}
    for member in members:
        for source, (similarity, minus_other) in nearest.get(member, {}).items():
            if source in present:
                continue
            if source not in best or similarity > best[source][0]:
                best[source] = (similarity, member, -minus_other)
    ranked = sorted(best.values(), key=lambda b: (-b[0], claims[b[2]].source, claims[b[2]].start))
    return [SeeAlso(claims[other].id, claims[member].id, round(similarity, 4)) for similarity, member, other in ranked]


def _group(members: list[int], claims: list[Claim], judge: ClaimJudge, scores: dict) -> Group:
    pairs = []
    for x, i in enumerate(members):
        for j in members[x + 1 :]:
            if claims[i].source == claims[j].source:
                continue
            judgement = judge.judge(i, j, scores.get((i, j)))
            if not judgement.same_claim:
                continue  # grouped through other claims; only confirmed links are reported as pairs
            alignment = judgement.alignment
            pairs.append(Pair(claims[i].id, claims[j].id, judgement.relation, judgement.similarity,
                              judgement.differences, [list(span) for span in alignment.changes], alignment.shared))
    if len({claims[i].source for i in members}) < 2:
        verdict = "unique"
    else:
        verdict = relation_of([d for p in pairs for d in p.differences])
    return Group(id="", verdict=verdict, claims=[claims[i].id for i in members], pairs=pairs)


def _ordered(groups: list[Group], claims: list[Claim]) -> list[Group]:
    position = {c.id: n for n, c in enumerate(claims)}
    source_of = {c.id: c.source for c in claims}
    rank = {verdict: n for n, verdict in enumerate(VERDICTS)}
    groups.sort(key=lambda g: (rank[g.verdict], -len({source_of[c] for c in g.claims}), position[g.claims[0]]))
    for n, group in enumerate(groups, 1):
        group.id = f"g{n}"
    return groups
