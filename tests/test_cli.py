"""The command line as a user meets it: exit status, messages, formats, files, colour."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from claimdiff.cli import app

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "claimdiff" / "schema" / "report.schema.json").read_text())
ANSI = re.compile(r"\x1b\[[0-9;]*m")

STORY_A = """Council Approves New Bridge Budget

The city council approved a budget of $40 million for the new bridge on Tuesday.
Construction will begin in March and take two years, the mayor said.
“This bridge will serve the city for a century,” said Mayor Ana Lopez, who chairs the council.
The vote was unanimous.
"""

STORY_B = """City Council Backs Bridge Plan

The city council approved a budget of $45 million for the new bridge on Tuesday.
Construction will begin in March and take two years, the mayor said.
“This bridge will serve the city for decades,” said Mayor Ana Lopez, who chairs the council.
Critics said the design had not been reviewed by engineers.
"""


@pytest.fixture
def stories(tmp_path):
    a, b = tmp_path / "daily.txt", tmp_path / "herald.txt"
    a.write_text(STORY_A, encoding="utf-8")
    b.write_text(STORY_B, encoding="utf-8")
    return str(a), str(b)


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, **kwargs):
    return runner.invoke(app, ["compare", *args], **kwargs)


def test_file_compared_with_itself_agrees_and_exits_0(runner, use_fake_encoder, stories):
    result = run(runner, stories[0], stories[0])
    assert result.exit_code == 0, result.output
    assert "agree" in result.output


def test_divergences_exit_1_and_are_shown(runner, use_fake_encoder, stories):
    result = run(runner, *stories, "--color", "never")
    assert result.exit_code == 1, result.output
    assert "DIVERGE" in result.output
    assert "$40 million" in result.output and "$45 million" in result.output
    # word-level diff in git's notation when there is no colour, of the words the judge compared: one figure for
    # another, each with its currency sign ("roughly $141" / "$139" reads the same way)
    assert "[-$40-] {+$45+}" in result.output or "[-$45-] {+$40+}" in result.output


def test_json_output_follows_the_schema(runner, use_fake_encoder, stories):
    result = run(runner, *stories, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    claim_ids = [c["id"] for c in report["claims"]]
    grouped = [c for g in report["groups"] for c in g["claims"]]
    assert sorted(grouped) == sorted(claim_ids)  # every claim in exactly one group
    numbers = [d for g in report["groups"] for p in g["pairs"] for d in p["differences"] if d["kind"] == "number"]
    assert {(d["a"], d["b"]) for d in numbers} == {("$40 million", "$45 million")}
    texts = {s["id"]: Path(s["location"]).read_text(encoding="utf-8") for s in report["sources"]}
    for claim in report["claims"]:
        assert texts[claim["source"]][claim["start"] : claim["end"]] == claim["text"]


def test_jsonl_has_one_self_contained_group_per_line(runner, use_fake_encoder, stories):
    result = run(runner, *stories, "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        group = json.loads(line)
        jsonschema.validate(group, {"$ref": "#/$defs/group_line", "$defs": SCHEMA["$defs"]})
        assert all("text" in claim and "location" in claim for claim in group["claims"])


def test_filters(runner, use_fake_encoder, stories):
    result = run(runner, *stories, "--format", "json", "--only", "unique")
    groups = json.loads(result.stdout)["groups"]
    assert groups and {g["verdict"] for g in groups} == {"unique"}
    result = run(runner, *stories, "--format", "json", "--min-sources", "2")
    groups = json.loads(result.stdout)["groups"]
    assert groups and all(g["verdict"] != "unique" for g in groups)


def test_output_file_is_written(runner, use_fake_encoder, stories, tmp_path):
    target = tmp_path / "report.json"
    result = run(runner, *stories, "--format", "json", "-o", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text())["version"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []  # no temporary left
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # readable like any file the user writes


def test_one_article_given_twice_is_named_in_a_warning(runner, use_fake_encoder, stories, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text(Path(stories[0]).read_text() + "\n", encoding="utf-8")
    report = json.loads(run(runner, *stories, str(copy), "--format", "json", "--no-cache").stdout)
    assert report["warnings"] == ["daily and copy have the same text: their claims all agree"]
    assert json.loads(run(runner, *stories, "--format", "json", "--no-cache").stdout)["warnings"] == []


def test_output_dash_is_standard_output(runner, use_fake_encoder, stories, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    result = run(runner, *stories, "--format", "json", "-o", "-")
    assert json.loads(result.stdout)["version"] == 1
    assert list((tmp_path / "out").iterdir()) == []  # no file named "-"


def test_output_to_a_pipe_or_through_a_link_leaves_them_in_place(runner, use_fake_encoder, stories, tmp_path):
    """`-o /dev/null` or a named pipe is written to, not replaced by a file; a link to a report stays a link."""
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()), daemon=True)
    reader.start()
    run(runner, *stories, "--format", "json", "-o", str(pipe))
    reader.join(timeout=30)
    assert pipe.is_fifo() and json.loads(received[0])["version"] == 1
    report, link = tmp_path / "report.json", tmp_path / "latest.json"
    report.write_text("old")
    link.symlink_to(report)
    run(runner, *stories, "--format", "json", "-o", str(link))
    assert link.is_symlink() and json.loads(report.read_text())["version"] == 1


def test_text_report_to_file_has_no_colour(runner, use_fake_encoder, stories, tmp_path):
    target = tmp_path / "report.txt"
    run(runner, *stories, "--color", "always", "-o", str(target))
    assert not ANSI.search(target.read_text())


def test_colour_always_never_and_no_color(runner, use_fake_encoder, stories, monkeypatch):
    assert ANSI.search(run(runner, *stories, "--color", "always").output)
    assert not ANSI.search(run(runner, *stories, "--color", "never").output)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(run(runner, *stories).output)


@pytest.mark.parametrize("args, message", [
    (["missing.txt", "also-missing.txt"], "no such file"),
    (["{a}", "{b}", "--only", "agree,maybe"], "--only agree,maybe"),
    (["{a}", "{b}", "--threshold", "1.5"], "--threshold"),
    (["{a}", "{b}", "--format", "pdf"], "pdf"),
    (["{a}", "{b}", "-o", "/nonexistent-folder/report.json"], "does not exist"),
    (["{a}"], "at least two"),
])
def test_usage_and_input_errors_exit_2_without_traceback(runner, use_fake_encoder, stories, args, message):
    args = [a.format(a=stories[0], b=stories[1]) for a in args]
    result = run(runner, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.output


def test_one_unreadable_source_still_compares_the_rest(runner, use_fake_encoder, stories, tmp_path):
    result = run(runner, *stories, str(tmp_path / "gone.txt"), "--format", "json")
    assert result.exit_code == 2
    assert "gone.txt: no such file" in result.stderr
    report = json.loads(result.stdout)
    assert len(report["sources"]) == 2 and report["errors"]


def test_stdin_source(runner, use_fake_encoder, stories):
    result = run(runner, "-", stories[1], "--format", "json", input=STORY_A)
    assert result.exit_code == 1
    sources = json.loads(result.stdout)["sources"]
    assert sources[0]["id"] == "stdin" and sources[0]["text"] == STORY_A


def test_every_command_and_option_has_help(runner):
    import typer.main

    command = typer.main.get_command(app)
    assert command.help
    for name, sub in command.commands.items():
        assert sub.help, name
        for param in sub.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.name}"


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("claimdiff ")


def test_library_returns_the_report_the_cli_renders(use_fake_encoder, stories):
    from claimdiff import compare

    report = compare(list(stories))
    assert report.exit_code == 1
    assert report.to_dict()["summary"]["sources"] == 2


@pytest.mark.model
@pytest.mark.parametrize("model", ["/nonexistent/model-dir", "some-org/model-not-on-this-machine"])
def test_unknown_model_is_a_clean_error(runner, stories, model):
    result = run(runner, *stories, "--model", model)
    assert result.exit_code == 2
    assert f"--model {model}" in result.stderr and "Traceback" not in result.output


def test_the_schema_names_the_models_vocabulary():
    """The JSON Schema is written by hand; its lists of kinds, verdicts and relations are the model's own."""
    from typing import get_type_hints

    from claimdiff.model import ClaimKind, DifferenceKind, Document, Relation, Verdict

    definitions = SCHEMA["$defs"]
    assert definitions["claim"]["properties"]["kind"]["enum"] == list(ClaimKind.__args__)
    assert definitions["difference"]["properties"]["kind"]["enum"] == list(DifferenceKind.__args__)
    assert definitions["group"]["properties"]["verdict"]["enum"] == list(Verdict.__args__)
    # A group's pairs are the links that hold it together: never "unrelated".
    assert definitions["pair"]["properties"]["relation"]["enum"] == [r for r in Relation.__args__ if r != "unrelated"]
    assert definitions["source"]["properties"]["kind"]["enum"] == list(get_type_hints(Document)["kind"].__args__)


def test_the_schema_lists_every_field_the_json_carries(runner, use_fake_encoder, stories):
    """The hand-kept schema and the JSON written stay in step: every object's properties are exactly its
    fields, so a field added to the model without the schema (or left in the schema) fails here."""
    import json

    report = json.loads(run(runner, *stories, "-f", "json").stdout)
    definitions = SCHEMA["$defs"]
    assert set(report) == set(SCHEMA["properties"])
    for name, items in (("source", report["sources"]), ("claim", report["claims"]), ("group", report["groups"]),
                        ("pair", [p for g in report["groups"] for p in g["pairs"]]),
                        ("difference", [d for g in report["groups"] for p in g["pairs"] for d in p["differences"]])):
        assert items, name
        properties = set(definitions[name]["properties"])
        assert all(set(item) <= properties for item in items), name
        assert set(definitions[name]["required"]) <= set(items[0]), name


def test_help_reads_as_written():
    """A docstring's paragraph is one paragraph on screen, however its source lines break, and square brackets
    (an extra to install) are text, not markup."""
    runner = CliRunner()
    listing = runner.invoke(app, ["--help"], env={"COLUMNS": "200"}).output
    assert "label each group: agree, diverge (a number" in listing
    judge_help = runner.invoke(app, ["judge", "--help"], env={"COLUMNS": "200"}).output
    assert "the other lines are still judged, and the exit status is then 2." in judge_help
    compare_help = runner.invoke(app, ["compare", "--help"], env={"COLUMNS": "200"}).output
    assert "claimdiff[distributed]" in compare_help
