"""Token vectors: each word piece of a claim as the embedding model reads it in context.

The embedding pass computes them anyway (a claim's vector is their mean); the judge compares two claims word
piece by word piece with them (late interaction: does every piece of one claim find its counterpart in the
other?). They are kept projected onto the model's main directions (`token_basis.npz`, fitted by
benchmarks/train_judge.py on the default model's token vectors), which keeps a third of their size and nearly all
of what the comparison reads. Other models have no basis and give no token vectors; the judge then does without.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

BASIS_PATH = Path(__file__).with_name("token_basis.npz")


@dataclass(frozen=True)
class TokenStates:
    ids: np.ndarray  # int32 word-piece ids, special tokens left out
    vectors: np.ndarray  # float16, one unit-length row per word piece

    def to_bytes(self) -> bytes:
        header = np.array([len(self.ids), self.vectors.shape[1] if len(self.ids) else 0], dtype=np.int32)
        return header.tobytes() + self.ids.astype(np.int32).tobytes() + self.vectors.astype(np.float16).tobytes()

    @staticmethod
    def from_bytes(blob: bytes) -> TokenStates | None:
        """Stored states, or None for a damaged entry (then they are computed again)."""
        if not isinstance(blob, bytes) or len(blob) < 8:
            return None
        count, width = (int(x) for x in np.frombuffer(blob[:8], dtype=np.int32))
        if count < 0 or width < 0 or len(blob) != 8 + 4 * count + 2 * count * width:
            return None
        ids = np.frombuffer(blob[8 : 8 + 4 * count], dtype=np.int32)
        vectors = np.frombuffer(blob[8 + 4 * count :], dtype=np.float16).reshape(count, width)
        if not np.all(np.isfinite(vectors)):
            return None
        return TokenStates(ids, vectors)


@dataclass(frozen=True)
class TokenBasis:
    """Centre and directions (d, k) onto which unit token vectors are projected; `identity` names them."""

    mean: np.ndarray
    directions: np.ndarray
    identity: str

    def project(self, hidden: np.ndarray, ids: np.ndarray) -> TokenStates:
        """The states of one text from its model output (pieces x d), special tokens already left out."""
        return self.project_many([(hidden, ids)])[0]

    def project_many(self, texts: list[tuple[np.ndarray, np.ndarray]]) -> list[TokenStates]:
        """The states of several texts, each given as (model output rows, word-piece ids), in one product."""
        if not texts:
            return []
        hidden = np.concatenate([rows for rows, _ in texts]).astype(np.float32)
        unit = hidden / np.maximum(np.linalg.norm(hidden, axis=1, keepdims=True), 1e-12)
        projected = (unit - self.mean) @ self.directions
        projected /= np.maximum(np.linalg.norm(projected, axis=1, keepdims=True), 1e-12)
        ends = np.cumsum([len(rows) for rows, _ in texts])[:-1]
        return [TokenStates(ids.astype(np.int32), vectors.astype(np.float16))
                for (_, ids), vectors in zip(texts, np.split(projected, ends))]


def load_basis(path: Path = BASIS_PATH) -> TokenBasis | None:
    if not path.exists():
        return None
    with np.load(path) as data:
        return TokenBasis(data["mean"].astype(np.float32), data["directions"].astype(np.float32),
                          str(data["identity"]))


def fit_basis(unit_vectors: np.ndarray, dimensions: int, identity: str) -> TokenBasis:
    """Principal directions of a sample of unit token vectors."""
    mean = unit_vectors.mean(axis=0)
    _, _, rows = np.linalg.svd(unit_vectors - mean, full_matrices=False)
    return TokenBasis(mean.astype(np.float32), rows[:dimensions].T.astype(np.float32), identity)


def save_basis(basis: TokenBasis, path: Path = BASIS_PATH) -> None:
    np.savez_compressed(path, mean=basis.mean.astype(np.float32), directions=basis.directions.astype(np.float16),
                        identity=np.array(basis.identity))
