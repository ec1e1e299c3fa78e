"""End to end on the five seed articles with the real bundled model: what a fact-checker must be shown."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from claimdiff import compare
from conftest import SEEDS
from test_ingest import BOILERPLATE

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def report():
    return compare([str(p) for p in sorted(SEEDS.glob("*.txt"))])


def _claim(report, source: str, fragment: str):
    matches = [c for c in report.claims if c.source.startswith(source) and fragment in c.text]
    assert matches, f"no claim of {source} contains {fragment!r}"
    return matches[0]


def _group_of(report, claim):
    return next(g for g in report.groups if claim.id in g.claims)


def _together(report, *claims) -> bool:
    return len({_group_of(report, c).id for c in claims}) == 1


def test_russian_and_chinese_readouts_of_li_align_and_diverge(report):
    russian = _claim(report, "000", "the Russian State Duma reported that Li said")
    chinese = _claim(report, "003", "the Chinese version was more tempered")
    assert _together(report, russian, chinese)
    group = _group_of(report, russian)
    assert group.verdict == "diverge"
    kinds = {d.kind for p in group.pairs if {p.a, p.b} == {russian.id, chinese.id} for d in p.differences}
    assert {"quote", "hedge"} <= kinds
    assert russian.speaker == "Li Zhanshu" and russian.kind == "quote"


# Known misses of the learned judge (README, Limits): each is a real expectation, kept strict so that a judge that
# meets it fails here until the mark goes.
@pytest.mark.xfail(strict=True, reason="the learned judge scores 000's compound claim 0.41 and 0.24 against 003 "
                   "and 004: it joins them only two ways")
def test_pledge_on_kazakhstan_sovereignty_aligns_three_ways(report):
    claims = [_claim(report, "000", "Xi further promised to support Kazakh “sovereignty.”"),
              _claim(report, "003", "vowing to strongly support Kazakhstan’s efforts"),
              _claim(report, "004", "China will always support Kazakhstan in maintaining")]
    assert _together(report, *claims)


@pytest.mark.xfail(strict=True, reason="the learned judge scores the pair 0.48, below the 0.5 threshold")
def test_third_term_aligns(report):
    assert _together(report, _claim(report, "003", "a precedent-breaking third term"),
                     _claim(report, "004", "the norm-breaking 20th Party Congress"))


def test_first_trip_abroad_agrees(report):
    # 004 says it in an aside ("During Xi's state visit ... – his first overseas trip in almost 1,000 days – the
    # Chinese leader tried to allay those concerns"): the aside is a claim of its own, and it is 003's fact.
    three_years = _claim(report, "003", "his first trip abroad in almost three years")
    thousand_days = next(c for c in report.claims if c.source == "004" and c.kind == "aside"
                         and c.text == "his first overseas trip in almost 1,000 days")
    assert _together(report, three_years, thousand_days)
    assert _group_of(report, three_years).verdict == "agree"


def test_an_aside_no_other_source_states_is_not_reported_apart_from_its_sentence(report):
    asides = [c for c in report.claims if c.kind == "aside"]
    assert asides
    for aside in asides:
        assert len({c.source for c in report.claims if c.id in _group_of(report, aside).claims}) >= 2


def test_same_topic_different_fact_does_not_align(report):
    assert not _together(report, _claim(report, "003", "Yet Xi is unlikely to offer Putin more concrete support"),
                         _claim(report, "004", "Xi’s trip to Central Asia is not just about showing support"))


def test_the_2024_summit_in_astana_is_set_apart_from_the_2022_visit(report):
    # 002 reports the 2024 summit in Astana and names no year; the others, the 2022 one in Samarkand.
    assert "2 different events (000, 001, 003, 004 | 002)" in " ".join(report.warnings)
    state_visit = _claim(report, "002", "Officially, Xi came to a state visit to Kazakhstan")
    sources = {c.source for c in report.claims if c.id in _group_of(report, state_visit).claims}
    assert sources == {"002"}


def test_senior_researcher_versus_senior_fellow(report):
    researcher = _claim(report, "003", "Niva Yau, senior researcher")
    fellow = _claim(report, "004", "Niva Yau, senior fellow")
    group = _group_of(report, researcher)
    assert fellow.id in group.claims and group.verdict == "diverge"
    titles = [(d.a, d.b) for p in group.pairs for d in p.differences if d.kind == "title"]
    assert titles == [("researcher", "fellow")]


def test_syndicated_copy_agrees_with_its_original(report):
    links = [p for g in report.groups for p in g.pairs
             if {p.a.split(":")[0][:3], p.b.split(":")[0][:3]} == {"000", "001"}]
    assert len(links) >= 15
    assert {p.relation for p in links} == {"agree"}
    copy = [c for c in report.claims if c.source.startswith("001")]
    shared = [c for c in copy if any(c.id in (p.a, p.b) for p in links)]
    assert len(shared) >= len(copy) - 1  # everything the copy says, the original says


def test_no_boilerplate_becomes_a_claim(report):
    for claim in report.claims:
        for phrase in BOILERPLATE:
            assert phrase not in claim.text, (phrase, claim.id)


def test_report_is_valid_json_and_exit_status(report):
    schema = json.loads((Path(__file__).resolve().parents[1] / "claimdiff/schema/report.schema.json").read_text())
    jsonschema.validate(json.loads(json.dumps(report.to_dict())), schema)
    assert report.exit_code == 1
    assert report.summary["verdicts"]["diverge"] >= 2
