"""Vectors kept between runs, keyed by model, backend and text: re-running a comparison embeds only new text."""

from __future__ import annotations

import hashlib

import numpy as np

from claimdiff.cache import Cache, read_through
from claimdiff.embed.tokens import TokenStates

TABLE = "embeddings"
TOKEN_TABLE = "token_vectors"


class CachedEncoder:
    def __init__(self, encoder, identity: str, cache: Cache):
        self.encoder = encoder
        self.name = encoder.name
        self.identity = identity
        self.store = cache.table(TABLE)
        self.token_store = cache.table(TOKEN_TABLE)

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = read_through(self.store, texts, self._key, self.encoder.encode,
                               lambda vector: vector.astype(np.float32).tobytes(), _vector)
        dimensions = len(vectors[0]) if vectors else 0
        if any(len(v) != dimensions for v in vectors):  # entries of another shape: not this model's
            return self._recompute(texts)
        return np.array(vectors, dtype=np.float32).reshape(len(texts), dimensions)

    def encode_with_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[TokenStates | None]]:
        """Vectors and token vectors, both from the cache where it holds both for a text."""
        basis = getattr(self.encoder, "basis", None)
        if basis is None:
            return self.encode(texts), [None] * len(texts)
        token_key = lambda text: self._key(f"{basis.identity}\0{text}")  # noqa: E731
        found = self.token_store.get_many([token_key(t) for t in dict.fromkeys(texts)])
        tokens = {t: TokenStates.from_bytes(found[token_key(t)]) if token_key(t) in found else None for t in texts}
        missing = list(dict.fromkeys(t for t, states in tokens.items() if states is None))
        if missing:
            vectors, fresh = self.encoder.encode_with_tokens(missing)
            self.store.put_many({self._key(t): v.astype(np.float32).tobytes() for t, v in zip(missing, vectors)})
            self.token_store.put_many({token_key(t): s.to_bytes() for t, s in zip(missing, fresh) if s is not None})
            tokens.update(zip(missing, fresh))
        return self.encode(texts), [tokens[t] for t in texts]

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
