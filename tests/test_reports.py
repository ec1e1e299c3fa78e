"""Markdown and HTML reports: the same content as the terminal's, readable where people share them.

The HTML page is opened in headless Chromium (Debian's `chromium`; CI installs it and sets
CLAIMDIFF_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping): its filters run from the
address, and a screenshot is taken ($CLAIMDIFF_SCREENSHOT_DIR keeps it for a person to look at).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimdiff import compare
from claimdiff.render.html import render_html
from claimdiff.render.markdown import render_markdown
from conftest import EVALDATA, ROOT, SEEDS


@pytest.fixture(scope="module")
def seeds_report():
    """The seeds with the real model: the divergences a fact-checker must see."""
    return compare([str(p) for p in sorted(SEEDS.glob("*.txt"))])


@pytest.fixture
def basil_triplet(tmp_path) -> list[str]:
    if not (EVALDATA / "basil").is_dir():
        pytest.skip("no BASIL data")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import evaldata

    triplets = evaldata.basil_triplets()
    articles = triplets[sorted(triplets)[0]]
    return [str(p) for p in evaldata.write_basil_triplet(articles, tmp_path / "triplet")]


class _Page(HTMLParser):
    """What a test needs of a page: elements with their attributes, and the text inside given elements."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.shown_text = ""
        self._in_shown = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_shown = dict(attrs).get("id") == "shown"

    def handle_data(self, data):
        if self._in_shown:
            self.shown_text += data

    def handle_endtag(self, tag):
        self._in_shown = False

    def all(self, tag: str, **wanted) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in wanted.items())]


# ---- Markdown -------------------------------------------------------------------------------------------------

@pytest.mark.model
def test_markdown_shows_the_seed_divergences_readably(seeds_report):
    text = render_markdown(seeds_report, seeds_report.groups)
    assert text.startswith("# claimdiff report\n")
    assert f"**5 sources · {len(seeds_report.claims)} claims" in text
    assert "senior ~~researcher~~ **fellow** at" in text  # the word that differs, struck and added
    assert re.search(r"`title`: \d+ “researcher” → \d+ “fellow”", text)  # "senior researcher" vs "senior fellow"
    pairs = [line for line in text.splitlines() if re.match(r"\| \d{3} · \d{3} \|", line)]
    assert len(pairs) == 10  # every pair of the five sources
    assert "<" not in text.replace("\\<", "")  # plain text: no HTML


def test_markdown_escapes_what_would_turn_into_markup(use_fake_encoder, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The *fund* paid [twenty] dollars to the # club, the mayor said on Monday.\n", encoding="utf-8")
    b.write_text("The *fund* paid [thirty] dollars to the # club, the mayor said on Monday.\n", encoding="utf-8")
    text = render_markdown(*_report_and_groups([str(a), str(b)]))
    assert r"\*fund\*" in text and r"\[" in text and "*fund*" not in text.replace(r"\*", "")


def test_markdown_and_html_work_on_a_basil_triplet(use_fake_encoder, basil_triplet):
    report, groups = _report_and_groups(basil_triplet)
    text = render_markdown(report, groups)
    assert text.count("\n| ") >= 3 + 3  # sources table and the three source pairs
    page = _Page(render_html(report, groups))
    assert len(page.all("article")) == len(groups)
    _assert_every_claim_link_has_a_target(page)


def _report_and_groups(paths):
    report = compare(paths)
    return report, report.groups


# ---- HTML -----------------------------------------------------------------------------------------------------

def _assert_every_claim_link_has_a_target(page: _Page) -> None:
    anchors = {a["id"] for _, a in page.elements if "id" in a}
    links = [a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")]
    assert links and not [link for link in links if link not in anchors]


@pytest.mark.model
def test_html_is_self_contained_and_links_every_claim_to_its_source(seeds_report):
    html = render_html(seeds_report, seeds_report.groups)
    page = _Page(html)
    assert not [a for t, a in page.elements if t in ("script", "img", "iframe", "link") and ("src" in a or "href" in a)]
    assert "@import" not in html and "url(" not in html and "http://" not in html.split("<body>")[0]
    claim_anchors = [a for a in page.all("a") if a.get("id", "").startswith("claim-")]
    assert len(claim_anchors) + len([a for a in page.all("span") if a.get("id", "").startswith("claim-")]) == \
        len(seeds_report.claims)
    _assert_every_claim_link_has_a_target(page)
    assert len(page.all("svg")) == 2  # agreement per source pair, coverage map
    assert "<del><mark>researcher</mark></del>" in html  # the word that differs, marked in the word diff


def _browser() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None and os.environ.get("CLAIMDIFF_REQUIRE_BROWSER"):
        pytest.fail("headless Chromium is required (CLAIMDIFF_REQUIRE_BROWSER) but not installed")
    if found is None:
        pytest.skip("no Chromium installed (apt-get install chromium)")
    return found


def _chromium(browser: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", "--user-data-dir=" + os.environ.get("TMPDIR", "/tmp") + "/claimdiff-chromium",
                           *args], capture_output=True, text=True, timeout=120)


@pytest.mark.model
def test_html_filters_run_in_a_browser_and_the_page_renders(seeds_report, tmp_path):
    browser = _browser()
    path = tmp_path / "report.html"
    path.write_text(render_html(seeds_report, seeds_report.groups), encoding="utf-8")
    divergent = sum(1 for g in seeds_report.groups if g.verdict == "diverge")
    sources = ",".join(f"s{n}" for n in range(len(seeds_report.sources)))
    dom = _chromium(browser, "--dump-dom", f"{path.as_uri()}#verdict=diverge&source={sources}").stdout
    page = _Page(dom)
    shown = [a for a in page.all("article") if "hidden" not in a]
    assert {a["data-verdict"] for a in shown} == {"diverge"} and len(shown) == divergent
    assert page.shown_text == f"{divergent} of {len(seeds_report.groups)} groups shown"
    dom = _chromium(browser, "--dump-dom", f"{path.as_uri()}#verdict=agree,diverge&source=s2&q=kazakhstan").stdout
    for article in (a for a in _Page(dom).all("article") if "hidden" not in a):
        assert "s2" in article["data-sources"].split() and article["data-verdict"] in ("agree", "diverge")

    shot = Path(os.environ.get("CLAIMDIFF_SCREENSHOT_DIR") or tmp_path) / "seeds-report.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    _chromium(browser, "--window-size=1280,1800", f"--screenshot={shot}", path.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a page with charts and colour, not a blank


# ---- per source pair ------------------------------------------------------------------------------------------

def _three_source_report():
    """One group: a and its copy b agree, c diverges from both; c alone carries a second group."""
    from claimdiff.model import Claim, Difference, Group, Pair, Report, SourceInfo

    texts = {"a": "Xi met Putin on Thursday.", "b": "Xi met Putin on Thursday.", "c": "Xi met Putin on Friday."}
    claims = [Claim(f"{s}:0", s, t, 0, len(t)) for s, t in texts.items()] + [Claim("c:1", "c", "Snow fell.", 0, 10)]
    day = [Difference("date", "Thursday", "Friday")]
    group = Group("g1", "diverge", ["a:0", "b:0", "c:0"],
                  [Pair("a:0", "b:0", "agree", 1.0), Pair("a:0", "c:0", "diverge", 0.9, day),
                   Pair("b:0", "c:0", "diverge", 0.9, day)])
    alone = Group("g2", "unique", ["c:1"])
    sources = [SourceInfo(s, f"{s}.txt", "text", None, 1 + (s == "c"), texts[s]) for s in texts]
    summary = {"sources": 3, "claims": 4, "groups": 2, "differences": {"date": 2},
               "verdicts": {"agree": 0, "diverge": 1, "contradict": 0, "unique": 1},
               "claims_per_source": {"a": 1, "b": 1, "c": 2}}
    return Report(sources, claims, [group, alone], summary, texts=texts)


def test_pair_tables_count_each_pairs_own_relation():
    from claimdiff.render.overview import pair_counts

    report = _three_source_report()
    counts = pair_counts(report, report.groups)
    assert dict(counts[("a", "b")].shared) == {"agree": 1}  # copies: no divergence between them
    assert dict(counts[("a", "c")].shared) == {"diverge": 1} and counts[("a", "c")].only_second == 1
    assert counts[("a", "b")].summary() == "100% agree, 1 of 1 groups shared"
    assert counts[("a", "c")].summary() == "0% agree, 1 of 2 groups shared"
    text = render_markdown(report, report.groups)
    assert "| a · b | 1 | 0 | 0 | 0 | 0 | 100% |" in text
    assert "| a · c | 0 | 1 | 0 | 0 | 1 | 50% |" in text
    assert "0% agree, 1 of 2 groups shared" in render_html(report, report.groups)


def test_every_format_shows_a_groups_weakest_and_strongest_link():
    from rich.console import Console

    from claimdiff.render.text import render_text

    report = _three_source_report()  # links of 1.00, 0.90 and 0.90; the unique group has none
    console = Console(record=True, width=200, color_system=None)
    render_text(report, report.groups, console)
    shown = console.export_text()
    assert "g1  3 sources  similarity 0.90-1.00" in shown
    assert "### g1 · diverge · 3 sources · similarity 0.90-1.00" in render_markdown(report, report.groups)
    assert "· 3 sources · similarity 0.90-1.00</h3>" in render_html(report, report.groups)
    assert "g2</a> · 1 source</h3>" in render_html(report, report.groups)  # a claim with no link has no similarity
    report.groups[0].pairs = report.groups[0].pairs[1:]
    assert "· similarity 0.90</h3>" in render_html(report, report.groups)


def test_the_exit_status_follows_diff():
    report = _three_source_report()
    diverging, unique = report.groups
    assert report.exit_status([]) == 0
    assert report.exit_status([diverging]) == 1 and report.exit_status([unique]) == 1
    report.errors.append("c.txt: no such file")
    assert report.exit_status([]) == 2


def test_every_format_shows_a_unique_claims_see_also():
    import json

    from rich.console import Console

    from claimdiff.model import Claim, Group, SeeAlso
    from claimdiff.render.json import render_jsonl
    from claimdiff.render.text import render_text

    report = _three_source_report()
    report.claims.append(Claim("a:1", "a", "It snowed.", 0, 10))
    report.groups.append(Group("g3", "unique", ["a:1"]))
    report.groups[1].see_also = [SeeAlso("a:1", "c:1", 0.42)]
    console = Console(record=True, width=200, color_system=None)
    render_text(report, report.groups, console)
    assert "see also a (0.42): It snowed." in console.export_text()
    assert "*see also* a (0.42): It snowed." in render_markdown(report, report.groups)
    assert 'see also <a class="src" href="#claim-a-1"' in render_html(report, report.groups)
    line = json.loads(render_jsonl(report, [report.groups[1]]))
    assert line["see_also"] == [{"claim": dict(id="a:1", source="a", text="It snowed.", start=0, end=10,
                                               kind="statement", speaker=None, location="a.txt"),
                                 "of": "c:1", "similarity": 0.42}]


def test_every_format_names_who_is_quoted_in_a_claim_one_source_alone_makes():
    from rich.console import Console

    from claimdiff.model import Claim, Group
    from claimdiff.render.text import render_text

    report = _three_source_report()
    report.claims.append(Claim("a:1", "a", "“It snowed,” she said.", 0, 22, kind="quote", speaker="Ann Lee"))
    report.groups.append(Group("g3", "unique", ["a:1"]))
    console = Console(record=True, width=200, color_system=None)
    render_text(report, report.groups, console)
    assert "· “It snowed,” she said.  — Ann Lee  [quote]" in console.export_text()
    assert "- “It snowed,” she said. — *Ann Lee* *[quote]*" in render_markdown(report, report.groups)
    assert '<span class="speaker">— Ann Lee</span>' in render_html(report, report.groups)
