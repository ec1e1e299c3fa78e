"""`claimdiff judge`: JSON Lines of pairs in, one verdict per line out; bad lines reported, the rest answered."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimdiff.cli import app

LINES = [
    json.dumps({"id": "trade", "a": "Bilateral trade grew 31 percent in 2022, customs data showed.",
                "b": "Bilateral trade grew 25 percent in 2022, customs data showed."}),
    "{this is not json",
    json.dumps({"id": "same", "a": "The mayor opened the new bridge on Tuesday.",
                "b": "The mayor opened the new bridge on Tuesday."}),
    json.dumps({"id": 7, "a": 42, "b": "text"}),
    json.dumps({"id": 8, "b": "only b"}),
    json.dumps(["a", "list"]),
    json.dumps({"id": "huge", "a": "x" * 200_000, "b": "y"}),
    "",
    json.dumps({"id": "apart", "a": "The storm flooded 300 homes in Dunmore.",
                "b": "Parliament passed the national budget after a long debate."}),
]


def _run(tmp_path, lines):
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return CliRunner().invoke(app, ["judge", str(path)])


def test_every_good_line_answered_and_bad_lines_named(tmp_path, use_fake_encoder):
    result = _run(tmp_path, LINES)
    assert result.exit_code == 2
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 8  # the blank line is skipped
    assert [a.get("id") for a in answers if "error" not in a] == ["trade", "same", "apart"]
    errors = {a["line"]: a["error"] for a in answers if "error" in a}
    assert set(errors) == {2, 4, 5, 6, 7}
    assert "not JSON" in errors[2] and "'a' must be a string" in errors[4] and "'a' is missing" in errors[5]
    assert "limit" in errors[7]
    # A script sees the failure status and, on stderr, why: one line.
    assert result.stderr.strip() == "claimdiff judge: 5 of 8 lines could not be read (lines 2, 4, 5, 6, 7)"
    for answer in answers:
        if "error" not in answer:
            assert set(answer) == {"id", "same_claim", "relation", "similarity", "differences"}
            assert 0.0 <= answer["similarity"] <= 1.0


def test_all_good_lines_exit_0_from_stdin(use_fake_encoder):
    result = CliRunner().invoke(app, ["judge", "-"], input=LINES[0] + "\n" + LINES[2] + "\n")
    assert result.exit_code == 0 and result.stderr == ""
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["trade", "same"]


def test_missing_file_is_a_one_line_error(tmp_path, use_fake_encoder):
    result = CliRunner().invoke(app, ["judge", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "nope.jsonl" in result.stderr and "Traceback" not in result.output


@pytest.mark.model
def test_verdicts_with_the_bundled_model(tmp_path):
    """What the judge decides, with the real model: a changed figure diverges, a repeated sentence agrees, two
    sentences on different things are unrelated."""
    result = _run(tmp_path, [LINES[0], LINES[2], LINES[-1]])
    assert result.exit_code == 0
    by_id = {a["id"]: a for a in map(json.loads, result.stdout.splitlines())}
    assert by_id["trade"]["relation"] == "diverge" and by_id["trade"]["same_claim"] is True
    assert by_id["trade"]["differences"] == [{"kind": "number", "a": "31 percent", "b": "25 percent"}]
    assert by_id["same"]["relation"] == "agree" and by_id["same"]["similarity"] > 0.9
    assert by_id["apart"]["relation"] == "unrelated" and by_id["apart"]["same_claim"] is False
