"""N-way alignment: groups across all sources at once, in any order, without chaining."""

from __future__ import annotations

import numpy as np
import pytest

from claimdiff.align import align
from claimdiff.judge import SameFact

from claimdiff.model import Block, Document
from claimdiff.pipeline import CompareOptions, compare_documents


def _doc(name: str, *sentences: str) -> Document:
    text = "\n\n".join(sentences)
    blocks, position = [], 0
    for sentence in sentences:
        start = text.index(sentence, position)
        blocks.append(Block(start, start + len(sentence)))
        position = start + len(sentence)
    return Document(name, f"{name}.txt", "text", None, text, blocks)


SOURCES = {
    "alpha": ("The storm flooded 300 homes in the coastal town of Dunmore on Sunday.",
              "Emergency crews rescued 45 people from rooftops overnight.",
              "The mayor declared a state of emergency on Monday morning."),
    "beta": ("The mayor declared a state of emergency on Monday morning.",
             "The storm flooded 300 homes in the coastal town of Dunmore on Sunday.",
             "Schools will stay closed until Friday, officials said."),
    "gamma": ("Emergency crews rescued 54 people from rooftops overnight.",
              "The storm flooded 300 homes in the coastal town of Dunmore on Sunday.",
              "Power was restored to most of the town by Tuesday."),
}


def _compare(names, fake_encoder):
    documents = [_doc(n, *SOURCES[n]) for n in names]
    return compare_documents(documents, CompareOptions(encoder=fake_encoder))


def _grouping(report):
    text = {c.id: c.text for c in report.claims}
    return {(g.verdict, frozenset((c.split(":")[0], text[c]) for c in g.claims)) for g in report.groups}


@pytest.mark.model
def test_three_way_groups(real_encoder):
    report = _compare(["alpha", "beta", "gamma"], real_encoder)
    by_text = {}
    for group in report.groups:
        for claim_id in group.claims:
            by_text.setdefault(report.claim(claim_id).text, set()).add(group.id)
    flood = [g for g in report.groups if any("flooded" in report.claim(c).text for c in g.claims)]
    assert len(flood) == 1 and len(flood[0].claims) == 3 and flood[0].verdict == "agree"
    rescue = next(g for g in report.groups if any("rescued" in report.claim(c).text for c in g.claims))
    assert rescue.verdict == "diverge"
    assert {d.kind for p in rescue.pairs for d in p.differences} == {"number"}
    verdicts = {report.claim(g.claims[0]).text: g.verdict for g in report.groups if len(g.claims) == 1}
    assert verdicts["Schools will stay closed until Friday, officials said."] == "unique"
    assert verdicts["Power was restored to most of the town by Tuesday."] == "unique"


def test_every_claim_in_exactly_one_group(fake_encoder):
    report = _compare(["alpha", "beta", "gamma"], fake_encoder)
    grouped = [c for g in report.groups for c in g.claims]
    assert sorted(grouped) == sorted(c.id for c in report.claims)


@pytest.mark.parametrize("order", [["beta", "gamma", "alpha"], ["gamma", "alpha", "beta"]])
def test_verdicts_do_not_depend_on_source_order(fake_encoder, order):
    assert _grouping(_compare(order, fake_encoder)) == _grouping(_compare(["alpha", "beta", "gamma"], fake_encoder))


def test_file_compared_with_itself_agrees_everywhere(fake_encoder):
    documents = [_doc("one", *SOURCES["alpha"]), _doc("two", *SOURCES["alpha"])]
    report = compare_documents(documents, CompareOptions(encoder=fake_encoder))
    assert {g.verdict for g in report.groups} == {"agree"}
    assert report.exit_code == 0


class _StubJudge:
    """Similarities set by hand, to test the grouping rules themselves."""

    def __init__(self, similarity: dict[tuple[int, int], float], count: int):
        self.similarity = similarity
        self.search_vectors = np.ones((count, 4), dtype=np.float32) / 2  # every claim a candidate of every other
        self.same = SameFact(0.5)

    def similarities(self, pairs):
        return np.array([self.similarity.get((min(p), max(p)), 0.0) for p in pairs])


def test_loosely_related_claims_do_not_chain():
    """b matches a and matches c, but a and c state different facts: b joins one of them, never both."""
    judge = _StubJudge({(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.2}, 3)
    groups, _ = align(["one", "two", "three"], judge)
    assert sorted(map(len, groups)) == [1, 2]
    assert [0, 1] in groups


def test_a_claim_with_an_exact_twin_takes_no_weaker_partner():
    """Source one says X and Y; source two says only X. Y, merely similar to X, stays unique."""
    judge = _StubJudge({(0, 2): 0.98, (1, 2): 0.62, (0, 1): 0.0}, 3)
    groups, _ = align(["one", "one", "two"], judge)
    assert sorted(groups) == [[0, 2], [1]]


def test_one_claim_may_match_several_of_another_source():
    judge = _StubJudge({(0, 1): 0.7, (0, 2): 0.66, (1, 2): 0.0}, 3)
    groups, _ = align(["one", "two", "two"], judge)
    assert groups == [[0, 1, 2]]


def test_a_unique_claim_shows_the_nearest_claim_of_each_other_source():
    from claimdiff.align.groups import SEE_ALSO_FLOOR, report_groups
    from claimdiff.model import Claim

    claims = [Claim("a:0", "a", "Xi left for Kazakhstan.", 0, 23), Claim("b:0", "b", "Xi flew abroad.", 0, 15),
              Claim("b:1", "b", "Xi travelled.", 16, 29), Claim("c:0", "c", "Snow fell.", 0, 10)]
    scores = {(0, 1): 0.45, (0, 2): 0.35, (0, 3): SEE_ALSO_FLOOR - 0.01, (1, 2): 0.9}
    groups = {g.claims[0]: g for g in report_groups([[0], [1], [2], [3]], claims, judge=None, scores=scores)}
    # b's nearer claim only (one per source), c's below the floor, never a claim of the same source
    assert [(r.claim, r.of, r.similarity) for r in groups["a:0"].see_also] == [("b:0", "a:0", 0.45)]
    assert [r.claim for r in groups["b:0"].see_also] == ["a:0"]
    assert [r.claim for r in groups["b:1"].see_also] == ["a:0"]
    assert groups["c:0"].see_also == [] and all(g.verdict == "unique" for g in groups.values())


def test_a_group_shows_the_nearest_claim_of_each_source_it_lacks_only():
    from claimdiff.align.groups import report_groups
    from claimdiff.judge import Judgement
    from claimdiff.model import Claim

    class NotSure:  # the group's own pair is not confirmed: the group stands, with no pairs
        def judge(self, i, j, similarity):
            return Judgement(False, "unrelated", similarity)

    claims = [Claim("a:0", "a", "Xi met Putin.", 0, 13), Claim("b:0", "b", "Putin met Xi.", 0, 13),
              Claim("b:1", "b", "The two leaders met.", 14, 34), Claim("c:0", "c", "Xi and Putin met.", 0, 17)]
    scores = {(0, 1): 0.9, (0, 2): 0.6, (0, 3): 0.45, (1, 3): 0.4}
    groups = report_groups([[0, 1], [2], [3]], claims, NotSure(), scores)
    together = next(g for g in groups if len(g.claims) == 2)
    # b's other claim is not shown (b is in the group), c's nearest is, to the claim it is nearest to
    assert [(r.claim, r.of, r.similarity) for r in together.see_also] == [("c:0", "a:0", 0.45)]
