"""Shared fixtures. Most tests use a deterministic fake encoder so they load no model weights."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EVALDATA = ROOT.parent / "shared" / "evaldata"


class HashingEncoder:
    """Bag of words and character trigrams hashed into a fixed-size vector: similar wording, similar vector.

    Deterministic across runs (md5, not Python's salted hash), so tests that use it always see the same
    similarities.
    """

    name = "hashing-test-encoder"

    def __init__(self, dimensions: int = 512):
        self.dimensions = dimensions

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower().replace("’", "'"))
            features = words + [w[i : i + 3] for w in words for i in range(max(1, len(w) - 2))]
            for feature in features:
                digest = hashlib.md5(feature.encode()).digest()
                index = int.from_bytes(digest[:4], "little") % self.dimensions
                vectors[row, index] += 1.0 if digest[4] & 1 else -1.0
            norm = np.linalg.norm(vectors[row])
            if norm:
                vectors[row] /= norm
        return vectors


def has_finite_verb(line: str) -> bool:
    """What ingest asks of a line, answered by a parser of the tests' own (spaCy loads on first use)."""
    from claimdiff.language.parser import Parser

    return Parser().has_finite_verb(line)


@pytest.fixture(scope="session")
def session_cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("claimdiff-cache")


@pytest.fixture(autouse=True)
def isolated_cache(monkeypatch, session_cache_dir):
    """Tests never touch the user's cache; the converted ONNX model is shared by the whole session."""
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(session_cache_dir))
    return session_cache_dir


@pytest.fixture
def fake_encoder() -> HashingEncoder:
    return HashingEncoder()


@pytest.fixture(scope="session")
def real_encoder(session_cache_dir):
    """The bundled model (converted to ONNX once per test session): for tests of what the judge decides."""
    from claimdiff.embed import load_encoder

    return load_encoder(models_dir=session_cache_dir)


@pytest.fixture
def use_fake_encoder(monkeypatch, fake_encoder):
    """Make the pipeline (and so the CLI) use the fake encoder instead of loading a model."""
    monkeypatch.setattr("claimdiff.engines.load_encoder", lambda *args, **kwargs: fake_encoder)
    monkeypatch.setattr("claimdiff.embed.load_encoder", lambda *args, **kwargs: fake_encoder)
    # Reports kept in the cache are keyed by the encoder that made them.
    monkeypatch.setattr("claimdiff.pipeline.encoder_identity", lambda *args: fake_encoder.name)
    return fake_encoder


@pytest.fixture
def seed_paths() -> list[str]:
    return [str(p) for p in sorted(SEEDS.glob("*.txt"))]
