"""Figures every report shows beside the groups: how each pair of sources relates, and who carries what."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from claimdiff.model import SHARED_VERDICTS, Claim, Group, Report
from claimdiff.render.worddiff import Segment, pair_diff



@dataclass
class PairCounts:
    """Groups two sources share, by how the two relate in each (their own claims' relation, not the group's
    verdict), and the groups only one of them has (among those shown)."""

    shared: Counter
    only_first: int
    only_second: int

    @property
    def total_shared(self) -> int:
        return sum(self.shared[v] for v in SHARED_VERDICTS)

    @property
    def agreement(self) -> float | None:
        """Share of the groups both carry in which they agree (None when they share none)."""
        return self.shared["agree"] / self.total_shared if self.total_shared else None

    @property
    def carried(self) -> int:
        """Groups either source carries."""
        return self.total_shared + self.only_first + self.only_second

    @property
    def overlap(self) -> float:
        """Share of the groups either carries that both carry: how much of their accounts the agreement covers."""
        return self.total_shared / self.carried if self.carried else 0.0

    def summary(self) -> str:
        """'80% agree, 12 of 40 groups shared' (or 'nothing shared')."""
        if self.agreement is None:
            return "nothing shared"
        return f"{self.agreement:.0%} agree, {self.total_shared} of {self.carried} groups shared"


# The relation two sources have in a group: the most severe among their own claims' pairs.
_SEVERITY = {"unrelated": 0} | {verdict: n for n, verdict in enumerate(SHARED_VERDICTS, 1)}


def sources_of(report: Report) -> dict[str, str]:
    """The source of each claim, by claim id."""
    return {c.id: c.source for c in report.claims}


def coverage(report: Report, groups: list[Group]) -> dict[str, set[str]]:
    """For each group id, the sources that carry it."""
    source_of = sources_of(report)
    return {g.id: {source_of[c] for c in g.claims} for g in groups}


def pair_counts(report: Report, groups: list[Group]) -> dict[tuple[str, str], PairCounts]:
    """For each pair of sources (in report order), what they share and what only one of them says."""
    carried = coverage(report, groups)
    source_of = sources_of(report)
    ids = [s.id for s in report.sources]
    counts = {}
    for x, first in enumerate(ids):
        for second in ids[x + 1 :]:
            shared, only_first, only_second = Counter(), 0, 0
            for group in groups:
                has_first, has_second = first in carried[group.id], second in carried[group.id]
                relation = _relation(group, first, second, source_of) if has_first and has_second else None
                if relation in SHARED_VERDICTS:
                    shared[relation] += 1
                    continue
                # Claims of the two in one group but judged apart (linked through a third source): each carries
                # its own.
                only_first += has_first
                only_second += has_second
            counts[(first, second)] = PairCounts(shared, only_first, only_second)
    return counts


def _relation(group: Group, first: str, second: str, source_of: dict[str, str]) -> str:
    relations = [p.relation for p in group.pairs if {source_of[p.a], source_of[p.b]} == {first, second}]
    return max(relations, key=_SEVERITY.__getitem__, default="unrelated")


def similarity_span(group: Group) -> str:
    """The similarity of a group's links, weakest to strongest ("0.63-0.96"; one figure when they round alike; ""
    for a group without links). The weakest is shown because a group holds only as well as its weakest link: a
    third claim joined at 0.63 to a pair at 0.96 is not 0.96 sure."""
    if not group.pairs:
        return ""
    weakest, strongest = (f"{f(p.similarity for p in group.pairs):.2f}" for f in (min, max))
    return strongest if weakest == strongest else f"{weakest}-{strongest}"


def group_rows(group: Group, claims: dict[str, Claim]) -> list[tuple[Claim, list[Segment] | None]]:
    """The group's claims in display order, the central one first, each with its word diff against that one
    (None where the claim is shown whole: the central claim, an agreeing group, a claim not linked to it
    directly, or a heading beside a sentence)."""
    members = [claims[c] for c in group.claims]
    reference = central_claim(group, members)
    linked = {p.b if p.a == reference.id else p.a: p for p in group.pairs if reference.id in (p.a, p.b)}
    rows = []
    for claim in [reference] + [c for c in members if c is not reference]:
        comparable = (claim.kind == "heading") == (reference.kind == "heading")
        diffed = claim.id in linked and group.verdict != "agree" and comparable
        rows.append((claim, pair_diff(linked[claim.id], reference.id, reference.text, claim.text) if diffed else None))
    return rows


def central_claim(group: Group, members: list[Claim]) -> Claim:
    """The claim the others are diffed against: the one most strongly linked to the rest of the group."""
    strength = {c.id: 0.0 for c in members}
    for pair in group.pairs:
        strength[pair.a] += pair.similarity
        strength[pair.b] += pair.similarity
    return max(members, key=lambda c: strength[c.id])
