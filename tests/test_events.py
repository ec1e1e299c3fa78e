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


SUMMIT = ("Leaders of the regional bloc gathered for their annual summit this week.",
          "President Amara Osei and Prime Minister Lena Varga held talks on trade and security.",
          "Osei said the bloc would expand its cooperation on energy and water.",
          "Varga told reporters that the talks had been frank and useful.",
          "The two leaders signed an agreement on a new rail link between their countries.",
          "Protesters outside the venue called for action on climate change.")


def _summit_in(city: str, passing: str = "") -> str:
    lines = list(SUMMIT)
    lines[0] = f"Leaders of the regional bloc gathered in {city} for their annual summit this week."
    lines[2] += f" The summit in {city} ends on Friday."
    lines[4] = f"In {city}, the two leaders signed an agreement on a new rail link between their countries."
    return "\n\n".join(lines + ([passing] if passing else []))


def test_articles_set_in_cities_the_other_never_names_are_set_apart(tmp_path):
    astana, samarkand, second = tmp_path / "astana.txt", tmp_path / "samarkand.txt", tmp_path / "samarkand-2.txt"
    astana.write_text(_summit_in("Astana"), encoding="utf-8")
    samarkand.write_text(_summit_in("Samarkand"), encoding="utf-8")
    second.write_text(_summit_in("Samarkand").replace("this week", "on Thursday"), encoding="utf-8")
    report = compare([str(astana), str(samarkand), str(second)], CompareOptions())
    assert "2 different events (astana | samarkand, samarkand-2)" in " ".join(report.warnings)


def test_a_city_the_other_names_in_passing_keeps_them_together(tmp_path):
    astana, samarkand = tmp_path / "astana.txt", tmp_path / "samarkand.txt"
    astana.write_text(_summit_in("Astana", "The bloc last met in Samarkand."), encoding="utf-8")
    samarkand.write_text(_summit_in("Samarkand", "The next summit will be held in Astana."), encoding="utf-8")
    report = compare([str(astana), str(samarkand)], CompareOptions())
    assert not any("different events" in w for w in report.warnings)
