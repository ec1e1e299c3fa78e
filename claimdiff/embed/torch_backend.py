"""The torch backend: the model as sentence-transformers runs it, fp32."""

from __future__ import annotations

import numpy as np

from claimdiff.embed.tokens import TokenBasis, TokenStates
from claimdiff.errors import ClaimdiffError

RECIPE = "fp32"  # part of the cached vectors' key (see embed/__init__.py)


class TorchEncoder:
    def __init__(self, model: str, location: str, batch_size: int = 32, basis: TokenBasis | None = None):
        self.name = model
        self.batch_size = batch_size
        self.basis = basis  # projects the token vectors the judge compares (embed/tokens.py); None: none kept
        self._model = _load(model, location)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.get_sentence_embedding_dimension() or 0), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False,
            convert_to_numpy=True,
        )
        return vectors.astype(np.float32, copy=False)

    def encode_with_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[TokenStates | None]]:
        if self.basis is None or not texts:
            return self.encode(texts), [None] * len(texts)
        outputs = self._model.encode(texts, batch_size=self.batch_size, output_value=None, show_progress_bar=False)
        special = set(self._model.tokenizer.all_special_ids)
        vectors, tokens = [], []
        for output in outputs:
            ids = output["input_ids"].numpy()[output["attention_mask"].numpy() == 1]
            hidden = output["token_embeddings"].float().numpy()[: len(ids)]
            pieces = ~np.isin(ids, list(special))
            tokens.append(self.basis.project(hidden[pieces], ids[pieces]))
            vector = output["sentence_embedding"].float().numpy()
            vectors.append(vector / max(float(np.linalg.norm(vector)), 1e-12))
        return np.array(vectors, dtype=np.float32), tokens


def _load(model: str, location: str):
    from sentence_transformers import SentenceTransformer

    try:
        # Offline: claimdiff never downloads weights behind the user's back.
        return SentenceTransformer(location, device="cpu", local_files_only=True)
    except Exception as error:  # the library raises many types for a missing or broken model
        raise ClaimdiffError(
            f"--model {model}: cannot load it offline ({type(error).__name__}); give a local model directory"
        ) from None
