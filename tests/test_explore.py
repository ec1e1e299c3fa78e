"""The terminal explorer: driven with Textual's pilot, and once end to end in a real terminal (tmux)."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import subprocess
import sys
import time

import pytest

from claimdiff import compare
from claimdiff.explore import ExploreApp, paragraph_around
from rich.console import Console
from textual.widgets import DataTable, Static


@pytest.fixture(scope="module")
def report():
    from conftest import SEEDS, HashingEncoder

    return compare([str(p) for p in sorted(SEEDS.glob("*.txt"))], encoder=HashingEncoder(), cache=False)


def _rows(app) -> list[str]:
    table = app.query_one("#table", DataTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


def _text(app, selector: str, width: int = 300) -> str:
    """What a Static shows, as plain text (wide, so that claims do not wrap)."""
    console = Console(width=width, file=io.StringIO(), record=True)
    console.print(app.query_one(selector, Static).content)
    return console.export_text()


def test_the_list_filters_by_verdict_source_and_search(report):
    asyncio.run(_the_list_filters_by_verdict_source_and_search(report))


async def _the_list_filters_by_verdict_source_and_search(report):
    app = ExploreApp(report)
    async with app.run_test(size=(140, 40)) as pilot:
        assert _rows(app) == [g.id for g in report.groups]
        await pilot.press("4")  # hide unique groups
        assert _rows(app) == [g.id for g in report.groups if g.verdict != "unique"]
        await pilot.press("4", "s")  # unique again; only the first source's groups
        first = report.sources[0].id
        carried = [g.id for g in report.groups if any(report.claim(c).source == first for c in g.claims)]
        assert _rows(app) == carried
        await pilot.press("s", "s", "s", "s", "s")  # through the other sources back to all
        assert len(_rows(app)) == len(report.groups)
        await pilot.press("slash", *"kazakh", "enter")
        assert _rows(app) and all(any("kazakh" in report.claim(c).text.lower() for c in g.claims)
                                  for g in report.groups if g.id in _rows(app))
        assert "search: 'kazakh'" in _text(app, "#filters")


def test_the_selected_group_shows_each_source_and_the_context_and_pairs_views(report):
    asyncio.run(_the_selected_group_shows_each_source_and_the_context_and_pairs_views(report))


async def _the_selected_group_shows_each_source_and_the_context_and_pairs_views(report):
    shared = next(g for g in report.groups if g.verdict != "unique" and len(g.claims) == 2)  # fits side by side
    app = ExploreApp(report)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press(*["down"] * report.groups.index(shared))
        columns = _text(app, "#group").splitlines()
        labels = app.labels
        header = next(line for line in columns if labels[report.claim(shared.claims[0]).source] in line)
        assert all(labels[report.claim(c).source] in header for c in shared.claims)  # one column per claim
        await pilot.press("v")  # one under another
        detail = _text(app, "#group")
        assert shared.id in detail and report.claim(shared.claims[0]).text[:40] in detail.replace("\n", " ")
        await pilot.press("c")
        body = _text(app.screen, "#screen-body")
        claim = report.claim(shared.claims[0])
        assert claim.text[:30] in body and f"characters {claim.start}–{claim.end}" in body
        await pilot.press("escape", "p")
        assert "Source pairs" in _text(app.screen, "#screen-title")
        await pilot.press("escape", "question_mark")
        assert "export the groups shown" in _text(app.screen, "#screen-body")
        await pilot.press("q")  # closes the help
        assert isinstance(app.screen.query_one("#table"), DataTable)


def test_enter_opens_the_context_and_a_small_terminal_wraps_at_word_boundaries(report):
    asyncio.run(_enter_opens_the_context_and_a_small_terminal_wraps_at_word_boundaries(report))


async def _enter_opens_the_context_and_a_small_terminal_wraps_at_word_boundaries(report):
    shared = max((g for g in report.groups if g.verdict != "unique"), key=lambda g: len(g.claims))
    app = ExploreApp(report)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["down"] * report.groups.index(shared))
        shown = app.query_one("#group", Static)
        width = shown.size.width
        shown_text = " ".join(_text(app, "#group", width=width).split())
        # The central claim is shown whole: its words read in order, none broken across lines or columns.
        assert any(" ".join(report.claim(c).text.split()) in shown_text for c in shared.claims), shown_text[:300]
        await pilot.press("enter")
        body = _text(app.screen, "#screen-body")
        claim = report.claim(shared.claims[0])
        assert f"characters {claim.start}–{claim.end}" in body


def test_export_writes_the_current_view_as_markdown(report, tmp_path):
    asyncio.run(_export_writes_the_current_view_as_markdown(report, tmp_path))


async def _export_writes_the_current_view_as_markdown(report, tmp_path):
    app = ExploreApp(report, export_dir=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("3", "4", "e")  # contradict and diverge only
        await pilot.pause()
    files = list(tmp_path.glob("claimdiff-*.md"))
    assert len(files) == 1
    text = files[0].read_text(encoding="utf-8")
    shown = [g for g in report.groups if g.verdict in ("contradict", "diverge")]
    assert all(f"### {g.id} ·" in text for g in shown) and "Agreements" not in text


def test_q_quits(report):
    asyncio.run(_q_quits(report))


async def _q_quits(report):
    app = ExploreApp(report)
    async with app.run_test() as pilot:
        await pilot.press("q")
        assert not app.is_running
    assert app.return_code == 0


def test_paragraph_around():
    text = "Title\n\nFirst para. Claim here.\nSame para.\n\nNext para."
    start = text.index("Claim")
    first, last = paragraph_around(text, start, start + 11)
    assert text[first:last] == "First para. Claim here.\nSame para."


def test_a_unique_group_shows_its_see_also_and_no_similarity():
    from claimdiff.explore import group_view
    from claimdiff.model import Claim, Group, SeeAlso

    claims = {"a:0": Claim("a:0", "a", "Snow fell.", 0, 10), "b:0": Claim("b:0", "b", "It snowed.", 0, 10)}
    group = Group("g2", "unique", ["a:0"], see_also=[SeeAlso("b:0", "a:0", 0.42)])
    console = Console(width=120, file=io.StringIO(), record=True)
    console.print(group_view(group, claims, {"a": "a", "b": "b"}))
    shown = console.export_text()
    assert "g2 · 1 source\n" in shown and "similarity" not in shown
    assert "see also b (0.42): It snowed." in shown


def test_a_group_shows_its_weakest_and_strongest_link():
    from claimdiff.explore import group_view
    from claimdiff.model import Claim, Group, Pair

    claims = {f"{s}:0": Claim(f"{s}:0", s, "Snow fell.", 0, 10) for s in "abc"}
    group = Group("g1", "agree", list(claims), [Pair("a:0", "b:0", "agree", 0.97), Pair("b:0", "c:0", "agree", 0.63)])
    console = Console(width=120, file=io.StringIO(), record=True)
    console.print(group_view(group, claims, {s: s for s in "abc"}))
    assert "g1 · 3 sources · similarity 0.63-0.97" in console.export_text()


def test_explore_refuses_without_a_terminal(seed_paths):
    done = subprocess.run([sys.executable, "-m", "claimdiff.cli", "explore", *seed_paths[:2]],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "needs a terminal" in done.stderr


def _tmux() -> str:
    found = shutil.which("tmux")
    if found is None and os.environ.get("CLAIMDIFF_REQUIRE_TMUX"):
        pytest.fail("tmux is required (CLAIMDIFF_REQUIRE_TMUX) but not installed")
    if found is None:
        pytest.skip("no tmux installed (apt-get install tmux)")
    return found


@pytest.mark.model
def test_explore_in_a_real_terminal(seed_paths, tmp_path, isolated_cache):
    tmux = [_tmux(), "-L", f"claimdiff-test-{os.getpid()}"]
    script = shutil.which("claimdiff") or f"{sys.executable} -m claimdiff.cli"
    command = (f"cd {tmp_path} && env CLAIMDIFF_CACHE_DIR={isolated_cache} TERM=xterm-256color "
               f"{script} explore {' '.join(seed_paths[:3])}; echo EXITED $? > {tmp_path / 'status'}; sleep 30")
    subprocess.run([*tmux, "new-session", "-d", "-s", "explore", "-x", "150", "-y", "45", command], check=True)

    def screen() -> str:
        return subprocess.run([*tmux, "capture-pane", "-p", "-t", "explore"], capture_output=True,
                              text=True).stdout

    def wait_for(text: str, seconds: float = 120) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.5)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{screen()}")

    try:
        first = wait_for("groups", 180)
        assert "claimdiff explore" in first and "1 contradict" in first
        (tmp_path / "screen.txt").write_text(first, encoding="utf-8")
        subprocess.run([*tmux, "send-keys", "-t", "explore", "?"], check=True)
        wait_for("export the groups shown")
        subprocess.run([*tmux, "send-keys", "-t", "explore", "q"], check=True)  # closes the help
        deadline = time.monotonic() + 30
        while "export the groups shown" in screen() and time.monotonic() < deadline:
            time.sleep(0.3)
        subprocess.run([*tmux, "send-keys", "-t", "explore", "q"], check=True)  # quits
        deadline = time.monotonic() + 30
        while not (tmp_path / "status").exists() and time.monotonic() < deadline:
            time.sleep(0.3)
        assert (tmp_path / "status").read_text().split() == ["EXITED", "0"]
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
