"""The pair reader: a cross-encoder that reads two claims as one input ("[CLS] a [SEP] b [SEP]"), so that each
word of one attends to the other's words, which the similarity trees see only through cosines and word matches.

It is the bundled all-MiniLM-L6-v2 with low-rank deltas on the linear layers of its top layers and a head over
the mean token vector, trained by benchmarks/train_reader.py on STS-B and newspairs. What ships is `reader.npz`:
the deltas and the head in half precision (under a megabyte) and how its score is blended with the trees'. On first
use the deltas are merged into the bundled weights and the model is converted to int8 ONNX into the cache, as the
embedding model is (embed/onnx_backend.py).

The judge asks it only of the pairs its trees leave uncertain (`band`): the blend changes a pair's similarity
where the trees' own is between those bounds, and the reader reads a few hundred pairs of a compare, not all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimdiff.cache import Notify

READER_PATH = Path(__file__).with_name("reader.npz")
FORMAT = "reader-int8-v1"  # part of the converted file's key: a change of recipe converts again


@dataclass(frozen=True)
class ReaderWeights:
    """What training leaves: low-rank deltas (name of a linear layer of the transformer -> down, up; the layer's
    weight becomes W + scale * up @ down), the head over the mean token vector, the blend of the trees' and the
    reader's log-odds into a calibrated same-fact probability, and the band of the trees' probability in which
    the reader is asked."""

    deltas: dict[str, tuple[np.ndarray, np.ndarray]]
    scale: float
    head_weight: np.ndarray
    head_bias: float
    blend: tuple[float, float, float]  # weight of the trees' log-odds, of the reader's, bias
    band: tuple[float, float]
    max_tokens: int
    info: dict

    @property
    def digest(self) -> str:
        """Names these exact weights: the converted model and the pair scores are keyed by it."""
        digest = hashlib.sha256(json.dumps([self.scale, self.head_bias, list(self.blend), list(self.band),
                                            self.max_tokens, FORMAT]).encode())
        for name in sorted(self.deltas):
            digest.update(name.encode())
            for array in self.deltas[name]:
                digest.update(np.ascontiguousarray(array, dtype=np.float32).tobytes())
        digest.update(np.ascontiguousarray(self.head_weight, dtype=np.float32).tobytes())
        return digest.hexdigest()

    def save(self, path: Path) -> None:
        arrays = {f"{name}|{part}": array.astype(np.float16) for name, (down, up) in self.deltas.items()
                  for part, array in (("down", down), ("up", up))}
        meta = {"scale": self.scale, "head_bias": self.head_bias, "blend": list(self.blend), "band": list(self.band),
                "max_tokens": self.max_tokens, "info": self.info}
        np.savez_compressed(path, meta=np.array(json.dumps(meta)), head_weight=self.head_weight.astype(np.float16),
                            **arrays)

    @classmethod
    def load(cls, path: Path = READER_PATH) -> ReaderWeights:
        with np.load(path) as data:
            meta = json.loads(str(data["meta"]))
            deltas: dict[str, list] = {}
            for key in data.files:
                if "|" in key:
                    name, part = key.split("|")
                    deltas.setdefault(name, [None, None])[part == "up"] = data[key].astype(np.float32)
            return cls({name: (down, up) for name, (down, up) in deltas.items()}, float(meta["scale"]),
                       data["head_weight"].astype(np.float32), float(meta["head_bias"]), tuple(meta["blend"]),
                       tuple(meta["band"]), int(meta["max_tokens"]), meta["info"])

    def uncertain(self, probability: np.ndarray) -> np.ndarray:
        """Which of the trees' probabilities fall in the band the reader is asked about."""
        low, high = self.band
        return (probability >= low) & (probability <= high)

    def blended(self, trees_log_odds: np.ndarray, reader_log_odds: np.ndarray) -> np.ndarray:
        """The same-fact probability from both models' log-odds (a logistic regression fitted on held-out scores)."""
        w_trees, w_reader, bias = self.blend
        return 1.0 / (1.0 + np.exp(-(w_trees * trees_log_odds + w_reader * reader_log_odds + bias)))


class PairReader:
    """Scores pairs of claim texts with the reader. The ONNX session is opened on the first pairs asked (a warm
    run whose pair scores are all cached never loads it)."""

    def __init__(self, weights: ReaderWeights, models_dir: Path, notify: Notify):
        self.weights = weights
        self.models_dir = models_dir
        self.notify = notify
        self._session = None
        self._tokenizer = None

    @classmethod
    def bundled(cls, models_dir: Path, notify: Notify) -> PairReader | None:
        return cls(ReaderWeights.load(), models_dir, notify) if READER_PATH.exists() else None

    @property
    def identity(self) -> str:
        return self.weights.digest

    def rescored(self, probability: np.ndarray, trees_log_odds: np.ndarray,
                 texts_of: Callable[[int], tuple[str, str]]) -> np.ndarray:
        """The trees' probabilities, with the blend in their place where they are uncertain: the reader reads
        the pair texts_of(n) of each such row n."""
        asked = np.flatnonzero(self.weights.uncertain(probability))
        out = probability.copy()
        out[asked] = self.weights.blended(trees_log_odds[asked], self.log_odds([texts_of(n) for n in asked]))
        return out

    def log_odds(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """The reader's log-odds that each pair states the same fact, read both ways round and averaged. Each input
        runs alone: the int8 model quantises a run's activations with one scale, so a batch would make a pair's
        score depend on the pairs beside it."""
        if not pairs:
            return np.zeros(0)
        self._open()
        inputs = [self._tokenizer.encode(a, b) for a, b in pairs] + [self._tokenizer.encode(b, a) for a, b in pairs]
        from claimdiff.embed.onnx_backend import WORKERS

        with ThreadPoolExecutor(WORKERS) as pool:  # ONNX Runtime releases the GIL while it runs
            scores = np.array(list(pool.map(self._score, inputs)))
        return (scores[: len(pairs)] + scores[len(pairs):]) / 2

    def _score(self, encoding) -> float:
        ids = np.array([encoding.ids], np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                "token_type_ids": np.array([encoding.type_ids], np.int64)}
        return float(self._session.run(None, feed)[0][0])

    def _open(self) -> None:
        if self._session is not None:
            return
        from tokenizers import Tokenizer

        from claimdiff.embed import DEFAULT_MODEL, model_identity, resolve_model_path
        from claimdiff.embed.onnx_backend import open_session, session_options

        folder = Path(resolve_model_path(DEFAULT_MODEL))
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(self.weights.max_tokens)
        self._tokenizer.no_padding()
        key = f"{model_identity(DEFAULT_MODEL, str(folder))}|{self.identity}"
        self._session = open_session(key, "reader.int8.onnx", "the pair reader to int8 ONNX",
                                     lambda work, output: convert_reader(self.weights, folder, work, output),
                                     session_options(), self.models_dir, self.notify)


def reader_module(weights: ReaderWeights, folder: Path):
    """The bundled transformer with the deltas merged into its weights and the head on top, as a torch module
    over (input_ids, attention_mask, token_type_ids) giving one log-odds per row."""
    import torch
    from transformers import AutoModel

    # Eager attention exports as plain matrix products, which ONNX Runtime fuses into one Attention operator.
    transformer = AutoModel.from_pretrained(folder, attn_implementation="eager").eval()
    with torch.no_grad():
        for name, (down, up) in weights.deltas.items():
            linear = transformer.get_submodule(name)
            linear.weight += weights.scale * torch.from_numpy(up) @ torch.from_numpy(down)
    head = torch.nn.Linear(len(weights.head_weight), 1)
    with torch.no_grad():
        head.weight.copy_(torch.from_numpy(weights.head_weight)[None, :])
        head.bias.fill_(weights.head_bias)

    class Reader(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer, self.head = transformer, head

        def forward(self, input_ids, attention_mask, token_type_ids):
            states = self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                      token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(states.dtype)
            return self.head((states * mask).sum(1) / mask.sum(1)).squeeze(-1)

    return Reader().eval(), transformer.config


def convert_reader(weights: ReaderWeights, folder: Path, work: Path, output: Path) -> None:
    from claimdiff.embed.onnx_backend import export_int8

    module, config = reader_module(weights, folder)
    export_int8(module, ["input_ids", "attention_mask", "token_type_ids"], config, work, output, {0: "batch"})
