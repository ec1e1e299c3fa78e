"""Articles on two look-alike events compared together: claimdiff groups them by event and aligns claims only
within an event; articles on one event, a short brief among them, stay together."""

from __future__ import annotations

import sys

import pytest

from claimdiff.pipeline import CompareOptions, compare
from conftest import EVALDATA, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
pytestmark = [pytest.mark.model, pytest.mark.skipif(not (EVALDATA / "basil").is_dir(), reason="no BASIL data")]


@pytest.fixture(scope="module")
def two_events(tmp_path_factory):
    import evaldata

    triplets = evaldata.basil_triplets()
    folder = tmp_path_factory.mktemp("events")
    return [evaldata.write_basil_triplet(triplets[key], folder / key) for key in sorted(triplets)[:2]]


def test_two_events_are_set_apart(two_events):
    first, second = two_events
    report = compare([str(p) for p in first + second], CompareOptions())
    warning = next(w for w in report.warnings if "different events" in w)
    assert "2 different events (fox, hpo, nyt | fox-2, hpo-2, nyt-2)" in warning
    source_of = {c.id: c.source for c in report.claims}
    for group in report.groups:
        sources = {source_of[claim] for claim in group.claims}
        assert not (sources & {"fox", "hpo", "nyt"} and sources & {"fox-2", "hpo-2", "nyt-2"}), group


def test_one_event_with_a_short_brief_stays_together(two_events, tmp_path):
    first, _ = two_events
    paragraphs = [p for p in first[0].read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    brief = tmp_path / "brief.txt"
    brief.write_text("\n\n".join(paragraphs[:2]), encoding="utf-8")
    report = compare([str(p) for p in first[1:]] + [str(brief)], CompareOptions())
    assert not any("different events" in w for w in report.warnings)
    alone = compare([str(p) for p in first], CompareOptions())
    assert not any("different events" in w for w in alone.warnings)
