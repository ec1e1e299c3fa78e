"""Vectors kept between runs, keyed by model, backend and text: re-running a comparison embeds only new text."""

from __future__ import annotations

import hashlib

import numpy as np

from claimdiff.cache import Store

TABLE = "embeddings"


class CachedEncoder:
    def __init__(self, encoder, identity: str, store: Store | None = None):
        self.encoder = encoder
        self.name = encoder.name
        self.identity = identity
        self.store = store or Store(TABLE)

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found = self.store.get_many(list(dict.fromkeys(keys)))
        cached = {k: v for k, v in ((k, _vector(b)) for k, b in found.items()) if v is not None}
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in cached))
        if missing:
            fresh = self.encoder.encode(missing)
            new = {self._key(t): v for t, v in zip(missing, fresh)}
            self.store.put_many({k: v.astype(np.float32).tobytes() for k, v in new.items()})
            cached.update(new)
        dimensions = len(next(iter(cached.values()))) if cached else 0
        if any(len(cached[k]) != dimensions for k in keys):  # entries of another shape: not this model's
            return self._recompute(texts)
        return np.array([cached[k] for k in keys], dtype=np.float32).reshape(len(texts), dimensions)

    def _recompute(self, texts: list[str]) -> np.ndarray:
        vectors = self.encoder.encode(texts)
        self.store.put_many({self._key(t): v.astype(np.float32).tobytes() for t, v in zip(texts, vectors)})
        return vectors

    def _key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self.identity}\0{text}".encode()).digest()


def _vector(blob: bytes) -> np.ndarray | None:
    """A stored vector, or None for a damaged entry (wrong size, not finite, not unit length): recomputed."""
    if not isinstance(blob, bytes) or len(blob) == 0 or len(blob) % 4:
        return None
    vector = np.frombuffer(blob, dtype=np.float32)
    if not np.all(np.isfinite(vector)):
        return None
    wide = vector.astype(np.float64)
    if abs(float(wide @ wide) - 1.0) > 1e-3:
        return None
    return vector
