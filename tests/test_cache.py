"""The embedding cache: reuse, damaged entries and files, unusable directories, concurrent writers, the CLI."""

from __future__ import annotations

import multiprocessing
import sqlite3

import numpy as np
import pytest
from typer.testing import CliRunner

from claimdiff.cache import CACHE_FILE, Cache, Store, cache_info
from claimdiff.cli import app
from claimdiff.embed.cached import TABLE, CachedEncoder
from conftest import HashingEncoder

TEXTS = ["Xi met Putin in Samarkand.", "Li said China supports Russia.", "Xi met Putin in Samarkand.", "Snow fell."]


class CountingEncoder(HashingEncoder):
    def __init__(self) -> None:
        super().__init__()
        self.encoded: list[str] = []

    def encode(self, texts):
        self.encoded.extend(texts)
        return super().encode(texts)


def cached(tmp_path, identity="model|backend"):
    inner = CountingEncoder()
    return CachedEncoder(inner, identity, Cache(tmp_path)), inner


def test_second_run_embeds_nothing_and_returns_the_same_vectors(tmp_path):
    first, inner = cached(tmp_path)
    vectors = first.encode(TEXTS)
    assert inner.encoded == [TEXTS[0], TEXTS[1], TEXTS[3]]  # each distinct text once
    again, inner_again = cached(tmp_path)
    assert np.array_equal(again.encode(TEXTS), vectors)
    assert inner_again.encoded == []
    assert np.array_equal(vectors, HashingEncoder().encode(TEXTS))


def test_identity_separates_models(tmp_path):
    cached(tmp_path, "a|onnx")[0].encode(TEXTS)
    other, inner = cached(tmp_path, "a|torch")
    other.encode(TEXTS)
    assert len(inner.encoded) == 3


def test_damaged_entries_are_recomputed(tmp_path):
    encoder, _ = cached(tmp_path)
    encoder.encode(TEXTS)
    with sqlite3.connect(tmp_path / CACHE_FILE) as connection:
        keys = [row[0] for row in connection.execute(f"SELECT key FROM {TABLE}")]
        connection.execute(f"UPDATE {TABLE} SET value = ? WHERE key = ?", (b"\x00garbage", keys[0]))
        connection.execute(f"UPDATE {TABLE} SET value = ? WHERE key = ?", (np.full(512, np.nan, np.float32).tobytes(),
                                                                          keys[1]))
    again, inner = cached(tmp_path)
    assert np.array_equal(again.encode(TEXTS), HashingEncoder().encode(TEXTS))
    assert len(inner.encoded) == 2
    repaired, inner_repaired = cached(tmp_path)
    repaired.encode(TEXTS)
    assert inner_repaired.encoded == []  # the recomputed vectors replaced the damaged entries


def test_a_damaged_cache_file_is_replaced(tmp_path, capsys):
    (tmp_path / CACHE_FILE).write_bytes(np.random.default_rng(0).bytes(5000))
    encoder, inner = cached(tmp_path)
    assert np.array_equal(encoder.encode(TEXTS), HashingEncoder().encode(TEXTS))
    assert cached(tmp_path)[0].store.get_many([]) == {}
    again, inner_again = cached(tmp_path)
    again.encode(TEXTS)
    assert inner_again.encoded == []  # the new file works


def test_an_unusable_cache_directory_warns_once_and_changes_nothing(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    warnings: list[str] = []
    encoder = CachedEncoder(HashingEncoder(), "m|b", Cache(blocker / "cache", notify=warnings.append))
    assert np.array_equal(encoder.encode(TEXTS), HashingEncoder().encode(TEXTS))
    assert np.array_equal(encoder.encode(TEXTS), HashingEncoder().encode(TEXTS))
    assert len(warnings) == 1 and "continuing without it" in warnings[0]
    assert capsys.readouterr().err == ""  # the library prints nothing: the sink it was given has the warning


def _write_many(directory, start):
    store = Store(TABLE, directory)
    for n in range(start, start + 200):
        store.put_many({f"key{n % 250}".encode(): np.full(4, n, np.float32).tobytes()})


def test_two_processes_writing_at_once(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(tmp_path, start)) for start in (0, 100)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    found = Store(TABLE, tmp_path).get_many([f"key{n}".encode() for n in range(250)])
    assert len(found) == 250
    assert all(len(value) == 16 for value in found.values())


def test_cache_info_and_clear(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path / "c"))
    cached(tmp_path / "c")[0].encode(TEXTS)
    assert cache_info()["entries"] == {TABLE: 3}
    runner = CliRunner()
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0 and "embeddings: 3 entries" in info.stdout
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and not (tmp_path / "c").exists()
    assert "entries" not in runner.invoke(app, ["cache", "info"]).stdout


def test_no_cache_gives_the_bare_encoder(monkeypatch, tmp_path):
    import claimdiff.embed.torch_backend as torch_backend

    class Fake:
        def __init__(self, model, location, basis=None):
            self.name = model

    monkeypatch.setattr(torch_backend, "TorchEncoder", Fake)
    from claimdiff.embed import load_encoder

    assert isinstance(load_encoder(backend="torch"), Fake)
    assert isinstance(load_encoder(backend="torch", cache=Cache(tmp_path)), CachedEncoder)


def test_unknown_backend_is_a_usage_error(seed_paths):
    result = CliRunner().invoke(app, ["compare", *seed_paths[:2], "--backend", "gpu"])
    assert result.exit_code == 2


@pytest.mark.model
def test_onnx_vectors_match_torch_fp32(seed_paths):
    from claimdiff.embed import load_encoder

    sentences = [line for path in seed_paths for line in open(path, encoding="utf-8").read().splitlines()
                 if len(line.split()) > 5][:120]
    onnx = load_encoder(backend="onnx").encode(sentences)
    torch = load_encoder(backend="torch").encode(sentences)
    cosines = np.sum(onnx * torch, axis=1)
    assert cosines.mean() >= 0.99 and cosines.min() >= 0.95


@pytest.mark.model
def test_a_texts_vector_does_not_depend_on_the_texts_embedded_with_it(seed_paths):
    from claimdiff.embed import load_encoder

    sentences = [line for line in open(seed_paths[0], encoding="utf-8").read().splitlines() if line.strip()][:40]
    encoder = load_encoder(backend="onnx")
    together = encoder.encode(sentences)
    alone = np.concatenate([encoder.encode([s]) for s in sentences])
    reversed_ = encoder.encode(sentences[::-1])[::-1]
    assert np.sum(together * alone, axis=1).min() > 0.99999
    assert np.sum(together * reversed_, axis=1).min() > 0.99999


@pytest.mark.model
def test_with_and_without_the_cache_the_report_is_the_same(seed_paths, tmp_path, monkeypatch):
    from claimdiff import compare

    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path))
    compare(seed_paths[1:3])  # the cache holds vectors of a different set of articles
    cached = compare(seed_paths[:3]).to_dict()
    assert compare(seed_paths[:3], cache=False).to_dict() == cached


def test_a_rerun_reuses_claims_and_analyses_and_reports_the_same(use_fake_encoder, seed_paths, tmp_path,
                                                                 monkeypatch):
    import claimdiff.judge.words as words
    import claimdiff.pipeline as pipeline
    from claimdiff import compare

    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path))
    first = compare(seed_paths[:3]).to_dict()
    calls = {"segment": 0, "analyse": 0}
    real_segment, real_analyse = pipeline.segment_many, words.analyse

    def counting(name, function, count=lambda args: 1):
        def wrapper(*args, **kwargs):
            calls[name] += count(args)
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(pipeline, "segment_many", counting("segment", real_segment, lambda args: len(args[0])))
    monkeypatch.setattr(words, "analyse", counting("analyse", real_analyse))
    assert compare(seed_paths[:3]).to_dict() == first
    assert calls == {"segment": 0, "analyse": 0}
    with sqlite3.connect(tmp_path / CACHE_FILE) as connection:  # damage every stored entry
        connection.execute("UPDATE claims SET value = x'00ff'")
        connection.execute("UPDATE analyses SET value = x'00ff'")
        connection.execute("UPDATE reports SET value = x'00ff'")
    assert compare(seed_paths[:3]).to_dict() == first
    assert calls["segment"] == 3 and calls["analyse"] > 0
    assert compare(seed_paths[:3], cache=False).to_dict() == first


@pytest.mark.model
def test_onnx_backend_works_where_the_cache_cannot_be_written(tmp_path, monkeypatch):
    from claimdiff.embed import load_encoder

    sentences = ["Xi met Putin in Samarkand.", "Li said China supports Russia."]
    expected = load_encoder(backend="onnx").encode(sentences)  # the session's converted model
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(blocker / "cache"))
    vectors = load_encoder(backend="onnx").encode(sentences)  # converted again, for this run only
    assert np.allclose(vectors, expected, atol=1e-5)
    assert not (blocker.parent / "cache").exists()


@pytest.mark.model
def test_damaged_cache_files_are_rebuilt_and_the_run_goes_on(real_encoder, session_cache_dir, tmp_path, monkeypatch):
    """Garbage in every file claimdiff keeps (a full disk or a killed conversion does the same): the model is
    converted again, once, with a message; the store starts afresh; the run gives its usual result."""
    import os
    import shutil

    from claimdiff.embed import onnx_backend
    from conftest import SEEDS

    good = next(session_cache_dir.glob("models/*/model.int8.onnx"))
    cache = tmp_path / "cache"
    damaged = cache / good.relative_to(session_cache_dir)
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(os.urandom(2048))
    (cache / CACHE_FILE).write_bytes(os.urandom(4096))
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(cache))
    conversions = []

    def convert(model, folder, work, output):  # the conversion proper is tested by every first run
        conversions.append(model)
        shutil.copyfile(good, output)

    monkeypatch.setattr(onnx_backend, "_convert", convert)
    sources = [str(SEEDS / "003_ef13e5279add177e.txt"), str(SEEDS / "004_5d899b5b5182c03c.txt")]
    first = CliRunner().invoke(app, ["compare", *sources, "-f", "json"])
    assert first.exit_code == 1, first.output
    assert len(conversions) == 1 and "does not load" in first.stderr and "converting" in first.stderr
    again = CliRunner().invoke(app, ["compare", *sources, "-f", "json"])
    assert again.exit_code == 1 and len(conversions) == 1 and again.stderr == ""
    assert again.stdout == first.stdout


def test_each_run_uses_the_cache_its_own_options_ask_for(tmp_path, monkeypatch, fake_encoder, seed_paths):
    """Whether a run keeps results depends on its own options, not on what ran before it in the process."""
    from claimdiff.ingest import IngestOptions, read_sources
    from claimdiff.pipeline import CompareOptions, compare, compare_documents
    from conftest import has_finite_verb

    documents = read_sources(seed_paths[:2], IngestOptions(), has_finite_verb).documents
    kept, not_kept = tmp_path / "kept", tmp_path / "not-kept"
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(not_kept))
    compare(seed_paths[:2], encoder=fake_encoder, cache=False)
    compare_documents(documents, CompareOptions(encoder=fake_encoder, cache=False))
    assert not (not_kept / CACHE_FILE).exists()
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(kept))
    compare_documents(documents, CompareOptions(encoder=fake_encoder))  # no compare() before it switched it on
    assert set(cache_info(kept)["entries"]) >= {"claims", "analyses", "pair_scores"}
