"""Every bad input gets a clear answer, nothing is lost, nothing hangs.

Each case: exit status 2 for input and usage errors, one line on stderr naming the file (or line) and the
problem, within a bounded time, and the valid sources of the same run still compared. Cases already covered
elsewhere: URLs (test_fetch.py: unreachable host, timeout, content type, redirect loop, oversized body; http(s)
only in test_ingest.py), judge input (test_judge_cli.py: malformed, missing and non-string fields, huge lines),
cache damage and two writers (test_cache.py), decoding (test_ingest.py).
"""

from __future__ import annotations

import base64
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimdiff import compare
from claimdiff.cli import app
from claimdiff.language.sentences import MAX_SENTENCE_CHARS, sentence_spans
from conftest import SEEDS

GOOD_A = ("Council Approves Bridge Budget\n\nThe city council approved a $40 million budget for the new bridge on "
          "Monday, officials said. Construction will begin in March and take two years, the mayor said.\n")
GOOD_B = ("Bridge Plan Backed\n\nThe city council approved a $45 million budget for the new bridge on Monday, "
          "officials said. Construction will begin in March, the mayor said.\n")
RUSSIAN = ("Визит Ли Чжаньшу\n\nПредседатель Госдумы заявил, что Китай понимает и поддерживает Россию по вопросам "
           "её жизненных интересов. Встреча прошла в Москве в сентябре.\n")


@pytest.fixture
def good(tmp_path) -> list[str]:
    a, b = tmp_path / "daily.txt", tmp_path / "herald.txt"
    a.write_text(GOOD_A, encoding="utf-8")
    b.write_text(GOOD_B, encoding="utf-8")
    return [str(a), str(b)]


def _compare(*args, **kwargs):
    started = time.monotonic()
    result = CliRunner().invoke(app, ["compare", *args], **kwargs)
    result.seconds = time.monotonic() - started
    return result


def _refused_with_the_rest_compared(result, name: str, problem: str) -> None:
    """Exit 2, one stderr line naming `name` and `problem`, no traceback, the two good sources compared."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and problem in lines[0], result.stderr
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert [s["id"] for s in report["sources"]] == ["daily", "herald"] and report["groups"]
    assert result.seconds < 60


# ---- files ----------------------------------------------------------------------------------------------------

def _noise(alphabet: bytes, size: int) -> bytes:
    rng = random.Random(1)
    return bytes(rng.choice(alphabet) for _ in range(size))


BASE64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _lines(data: bytes, width: int) -> bytes:
    return b"\n".join(data[i:i + width] for i in range(0, len(data), width))


@pytest.mark.parametrize("make, problem", [
    (lambda folder: folder / "missing.txt", "no such file"),
    (lambda folder: _write(folder / "empty.txt", b""), "is empty"),
    (lambda folder: _write(folder / "blank.txt", b"  \n\n \t\n"), "is empty"),
    (lambda folder: _write(folder / "noise.txt", os.urandom(4000) + b"\x00" + os.urandom(4000)), "binary"),
    # Bytes that decode cleanly but are no language: one letter repeated, printable noise without words.
    (lambda folder: _write(folder / "letters.txt", b"D" * 5000), "no words"),
    (lambda folder: _write(folder / "soup.txt", _noise(b"bcdfghjklmnpqrstvwxz", 5000)), "no words"),
    (lambda folder: _write(folder / "control.txt", _noise(bytes(range(1, 32)), 5000)), "binary"),
    # Encoded data pasted as text: base64 in lines of 76, one unbroken run of letters and digits.
    (lambda folder: _write(folder / "attachment.txt", _lines(_noise(BASE64, 5016), 76)), "encoded data"),
    (lambda folder: _write(folder / "blob.txt", _noise(BASE64, 5000)), "encoded data"),
    (lambda folder: _write(folder / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(3000)), "image"),
    (lambda folder: _write(folder / "chart.png", b"\x89PNG\r\n\x1a\n" + os.urandom(3000)), "PNG image"),
    (lambda folder: _folder(folder / "empty-folder"), "directory has no .txt"),
])
def test_a_bad_file_is_named_and_the_rest_compared(use_fake_encoder, good, tmp_path, make, problem):
    bad = make(tmp_path)
    _refused_with_the_rest_compared(_compare(*good, str(bad), "-f", "json"), bad.name, problem)


def test_a_file_the_user_may_not_read(use_fake_encoder, good, tmp_path, monkeypatch):
    secret = _write(tmp_path / "secret.txt", GOOD_A.encode())
    if os.geteuid() == 0:  # root reads anything: refuse the read where it happens instead
        real = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes", lambda self: _denied() if self.name == "secret.txt" else real(self))
    else:
        secret.chmod(0)
    _refused_with_the_rest_compared(_compare(*good, str(secret), "-f", "json"), "secret.txt", "permission denied")


def _denied():
    raise PermissionError(13, "Permission denied")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    (path / "notes.bin").write_bytes(b"\x00\x01")
    return path


# ---- encodings ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8-r"])
def test_a_russian_article_agrees_with_its_utf8_copy_in_any_encoding(use_fake_encoder, tmp_path, encoding):
    original = _write(tmp_path / "utf8.txt", RUSSIAN.encode("utf-8"))
    legacy = _write(tmp_path / f"{encoding}.txt", RUSSIAN.encode(encoding))
    result = _compare(str(original), str(legacy), "-f", "json")
    assert result.exit_code == 0, result.output  # every claim agrees
    report = json.loads(result.stdout)
    assert {g["verdict"] for g in report["groups"]} == {"agree"}
    # No warning about decoding; the one warning says the decoded text is the original's, exactly.
    assert len(report["warnings"]) == 1 and "have the same text" in report["warnings"][0]


def test_a_latin1_article_decodes(use_fake_encoder, tmp_path):
    text = "Le président a déclaré que la réunion à Genève était très importante pour l'économie.\n"
    report = compare([str(_write(tmp_path / "fr-utf8.txt", text.encode("utf-8"))),
                      str(_write(tmp_path / "fr-latin1.txt", text.encode("latin-1")))])
    assert {c.text for c in report.claims if c.source == "fr-latin1"} == \
        {c.text for c in report.claims if c.source == "fr-utf8"}


def test_invalid_bytes_are_replaced_with_a_warning_not_fatal(use_fake_encoder, good, tmp_path):
    text = GOOD_A.replace("the new bridge", "the “new” bridge — at last")  # UTF-8 beyond ASCII, then one bad byte
    damaged = _write(tmp_path / "damaged.txt", text.encode("utf-8").replace(b"Construction", b"Constr\xffuction"))
    result = _compare(good[1], str(damaged), "-f", "json")
    assert result.exit_code == 1  # compared: divergences found
    report = json.loads(result.stdout)
    assert any("damaged.txt" in w for w in report["warnings"])
    assert any("\ufffd" in c["text"] for c in report["claims"])


# ---- HTML -----------------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Council backs bridge | The Daily</title>
<style>.banner { color: red } body { font-family: serif }</style>
<script>window.dataLayer = []; function track() { return "The council rejected everything"; }</script>
</head><body>
<div id="cookie-wall"><p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p>
<button>Accept all cookies</button><button>Manage preferences</button></div>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council backs bridge</h1>
<p>The city council approved a $40 million budget for the new bridge on Monday, officials said.</p>
<p>Construction will begin in March and take two years, the mayor said.</p></article>
<section id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published.</p>
<div class="comment"><p>Joe123: This is a waste of money and the mayor knows it!!!</p></div></section>
<script>track();</script>
</body></html>"""


def test_only_the_articles_text_becomes_claims(use_fake_encoder, good, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    report = compare([str(page), good[0]])
    text = " ".join(c.text for c in report.claims if c.source == "page")
    assert "$40 million budget" in text and "Construction will begin in March" in text
    for furniture in ("cookie", "dataLayer", "rejected everything", "font-family", "Leave a Reply", "Joe123",
                      "email address", "Home"):
        assert furniture not in text, furniture


def test_a_saved_page_with_images_inside_it_is_read(use_fake_encoder, good, tmp_path):
    """A page saved whole carries its images as base64 (most of its bytes): the article is read, not refused."""
    image = base64.b64encode(random.Random(1).randbytes(60_000)).decode()
    page = tmp_path / "saved.html"
    page.write_text(PAGE.replace("<article>", f'<img src="data:image/jpeg;base64,{image}"><article>'), encoding="utf-8")
    report = compare([str(page), good[0]])
    assert "$40 million budget" in " ".join(c.text for c in report.claims if c.source == "saved")


# ---- size and pathological text -------------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused_with_the_limit(use_fake_encoder, good, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(30_000_000)  # sparse: 30 MB without writing them
    result = _compare(*good, str(big), "-f", "json")
    _refused_with_the_rest_compared(result, "big.txt", "--max-bytes")
    assert result.seconds < 20


def test_a_megabyte_without_punctuation_is_refused_with_a_limit_the_user_can_raise(use_fake_encoder, good, tmp_path):
    words = ("council budget bridge mayor vote city river plan money week " * 20_000).strip()
    flat = _write(tmp_path / "flat.txt", words.encode())
    result = _compare(*good, str(flat), "-f", "json")
    _refused_with_the_rest_compared(result, "flat.txt", "--max-chars")


def test_sentence_splitting_is_bounded_on_text_without_punctuation():
    words = ("council budget bridge mayor vote city river plan money week " * 8_000).strip()  # the --max-chars limit
    started = time.monotonic()
    spans = sentence_spans(words)
    assert time.monotonic() - started < 30
    assert spans and all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(words[a:b].strip() == words[a:b] for a, b in spans)


def test_a_single_100kb_sentence_is_answered_in_bounded_time(use_fake_encoder, good, tmp_path):
    clause = "the council said the bridge would cost more than planned"
    long = _write(tmp_path / "long.txt", ("Officials said " + ", and ".join([clause] * 1700) + ".\n").encode())
    assert long.stat().st_size > 100_000
    result = _compare(*good, str(long), "-f", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert all(len(c["text"]) <= MAX_SENTENCE_CHARS for c in report["claims"] if c["source"] == "long")
    assert result.seconds < 240


def test_thousands_of_identical_lines_are_answered_quickly(use_fake_encoder, good, tmp_path):
    repeated = _write(tmp_path / "repeated.txt", ("The council approved the budget on Monday.\n" * 5000).encode())
    result = _compare(*good, str(repeated), "-f", "json")
    assert result.exit_code in (0, 1) and result.seconds < 60
    report = json.loads(result.stdout)
    assert sum(1 for c in report["claims"] if c["source"] == "repeated") < 10


# ---- options --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, problem", [
    (["--threshold", "-0.1"], "--threshold"),
    (["--threshold", "2"], "--threshold"),
    (["--format", "docx"], "docx"),
    (["--min-sources", "0"], "--min-sources"),
    (["--max-chars", "0"], "--max-chars"),
    (["-o", "/etc/hostname/report.json"], "report.json"),
])
def test_bad_options_exit_2_with_one_line(use_fake_encoder, good, args, problem):
    result = _compare(*good, *args)
    assert result.exit_code == 2, result.output
    assert problem in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.output


def test_a_failed_write_leaves_no_half_written_report(use_fake_encoder, good, tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("the previous report\n")
    import claimdiff.files

    class FullDisk:
        def __init__(self, *args, **kwargs):
            self.name = str(tmp_path / ".report.json.partial.tmp")
            self._handle = open(self.name, "w", encoding="utf-8")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

        def write(self, text):
            self._handle.write(text[: len(text) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(claimdiff.files.tempfile, "NamedTemporaryFile", FullDisk)
    result = _compare(*good, "-f", "json", "-o", str(target))
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert target.read_text() == "the previous report\n"  # the old report is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["daily.txt", "herald.txt", "report.json"]


# ---- cache ----------------------------------------------------------------------------------------------------

def test_a_full_cache_disk_changes_no_result(use_fake_encoder, good, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path / "cache"))
    expected = compare(good, cache=False).to_dict()
    import claimdiff.cache

    def full(self, sql, parameters, many=False):  # every write fails as SQLite reports a full disk
        if sql.startswith("INSERT"):
            sql = "INSERT INTO no_such_table VALUES (1)"
            self._disable(sqlite3.OperationalError("database or disk is full"))
        return real(self, sql, parameters, many)

    real = claimdiff.cache.Store._run
    monkeypatch.setattr(claimdiff.cache.Store, "_run", full)
    notices: list[str] = []
    assert compare(good, notify=notices.append).to_dict() == expected
    warnings = [line for line in notices if "disk is full" in line]
    assert warnings and all("continuing without it" in w for w in warnings)


def test_a_read_only_cache_directory_changes_no_result(use_fake_encoder, good, tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(blocked / "cache"))
    notices: list[str] = []
    assert compare(good, notify=notices.append).to_dict() == compare(good, cache=False).to_dict()
    assert any("unusable" in notice for notice in notices)
    assert "unusable" in _compare(*good).stderr  # the CLI prints the warnings it is given


# ---- interrupt ------------------------------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("delay", [2.0, 5.0])
def test_ctrl_c_exits_130_leaving_no_output_and_a_sound_cache(tmp_path, delay):
    """Interrupted while parsing (in worker processes) or embedding: exit 130 within seconds, no report file and
    no temporary file, the cache still a sound database, and no process left behind."""
    copies = []
    for n in range(6):  # enough text (each copy worded a little apart) that the run is busy when interrupted
        for path in sorted(SEEDS.glob("*.txt")):
            copy = tmp_path / f"{path.stem}-{n}.txt"
            copy.write_text(path.read_text(encoding="utf-8").replace(" the ", f" the {n} "), encoding="utf-8")
            copies.append(str(copy))
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    cache = tmp_path / "cache"
    env = dict(os.environ, CLAIMDIFF_CACHE_DIR=str(cache))
    shared_models = Path(os.environ["CLAIMDIFF_CACHE_DIR"]) / "models"
    if shared_models.exists():  # reuse the converted model: the run should be busy comparing, not converting
        os.makedirs(cache, exist_ok=True)
        os.symlink(shared_models, cache / "models")
    # A terminal's process gets Ctrl-C; one started in the background by a shell ignores it, and so would its
    # children: the run under test is started as from a terminal, whichever way the tests were started.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen([sys.executable, "-m", "claimdiff.cli", "compare", *copies, "-f", "json", "-o",
                                    str(out)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    time.sleep(delay)
    assert process.poll() is None, "finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    try:
        _, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("still running 30 s after Ctrl-C")
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "claimdiff: interrupted" and "Traceback" not in stderr
    assert list(out.parent.iterdir()) == []
    database = cache / "cache.sqlite"
    if database.exists():
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    leftover = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert leftover == []
