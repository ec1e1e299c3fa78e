"""Groups as reported: each aligned set of claims with its judged pairs and its verdict, most telling first."""

from __future__ import annotations

from claimdiff.judge import ClaimJudge, relation_of
from claimdiff.model import VERDICTS, Claim, Group, Pair


def report_groups(index_groups: list[list[int]], claims: list[Claim], judge: ClaimJudge,
                  scores: dict[tuple[int, int], float]) -> list[Group]:
    """The groups of claim indices as Groups, judged and ordered (verdict, then sources, then position)."""
    return _ordered([_group(members, claims, judge, scores) for members in index_groups], claims)


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
