"""The learned similarity model: a linear adapter over frozen sentence embeddings, gradient-boosted trees
over the pair features of `match.py`, and an event gate over whole articles. Trained by benchmarks/train_judge.py on public pair sets; what ships is
`similarity.npz` (well under a megabyte) and this reader, so running claimdiff needs neither scikit-learn nor
pickled objects (the trees are evaluated here with numpy).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("similarity.npz")


@dataclass
class Trees:
    """Regression trees in flat arrays: node k splits on feature[k] at threshold[k] (NaN goes left where
    missing_left[k]); leaves hold value[k]; each tree starts at one of `roots`."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    missing_left: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    baseline: float
    depth: int

    def predict(self, features: np.ndarray) -> np.ndarray:
        # In blocks of rows, so the (rows x trees) node arrays stay in cache; leaves point to themselves, so
        # walking every tree `depth` steps lands each row on its leaf without asking which nodes are leaves.
        children = self._children()
        has_missing = bool(np.isnan(features).any())
        out = np.empty(len(features))
        for start in range(0, len(features), 2048):
            block = features[start : start + 2048]
            flat = block.ravel()
            offsets = (np.arange(len(block)) * block.shape[1])[:, None]
            node = np.broadcast_to(self.roots, (len(block), len(self.roots))).copy()
            for _ in range(self.depth):
                x = flat[offsets + self.feature[node]]
                go_left = x <= self.threshold[node]
                if has_missing:
                    go_left |= np.isnan(x) & self.missing_left[node]
                node = children[2 * node + go_left]
            out[start : start + len(block)] = self.baseline + self.value[node].sum(axis=1)
        return out

    def _children(self) -> np.ndarray:
        """children[2 * node + 1] is the node's left child, children[2 * node] its right one."""
        own = np.arange(len(self.leaf), dtype=np.int64)
        return np.stack([np.where(self.leaf, own, self.right), np.where(self.leaf, own, self.left)], axis=1).ravel()


@dataclass
class EventGate:
    """Do two articles cover the same event? A logistic model over their source affinity (shared named things,
    cosine of mean embeddings). Claims of articles that look like another event are discounted; articles that
    plainly share their event (probability at or above `full`) are not touched."""

    weights: tuple[float, float]
    bias: float
    full: float

    def factor(self, shared_names: float, cosine: float) -> float:
        z = self.bias + self.weights[0] * shared_names + self.weights[1] * cosine
        probability = 1.0 / (1.0 + np.exp(-z))
        return float(min(1.0, probability / self.full))


@dataclass
class SimilarityModel:
    adapter: np.ndarray  # (dim, dim): embeddings are mapped through it before the adapted cosine
    trees: Trees
    features: tuple[str, ...]
    info: dict
    gate: EventGate | None = None

    def adapt(self, vectors: np.ndarray) -> np.ndarray:
        if vectors.shape[1] != self.adapter.shape[0]:
            return vectors  # another embedding model: the adapter was fitted to all-MiniLM-L6-v2 only
        adapted = vectors @ self.adapter
        return adapted / np.maximum(np.linalg.norm(adapted, axis=1, keepdims=True), 1e-12)

    def predict(self, features: np.ndarray) -> np.ndarray:
        return np.clip(self.trees.predict(np.asarray(features, dtype=np.float64)), 0.0, 1.0)

    def save(self, path: Path = MODEL_PATH) -> None:
        t = self.trees
        np.savez_compressed(
            path, adapter=self.adapter.astype(np.float16), feature=t.feature, threshold=t.threshold, left=t.left,
            right=t.right, missing_left=t.missing_left, leaf=t.leaf, value=t.value, roots=t.roots,
            meta=np.array(json.dumps({"baseline": t.baseline, "depth": t.depth, "features": list(self.features),
                                      "info": self.info, "gate": self.gate.__dict__ if self.gate else None})),
        )


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> SimilarityModel:
    with np.load(path) as data:
        meta = json.loads(str(data["meta"]))
        trees = Trees(data["feature"], data["threshold"], data["left"], data["right"], data["missing_left"],
                      data["leaf"], data["value"], data["roots"], meta["baseline"], meta["depth"])
        gate = EventGate(tuple(meta["gate"]["weights"]), meta["gate"]["bias"], meta["gate"]["full"]) if meta.get(
            "gate") else None
        return SimilarityModel(data["adapter"].astype(np.float32), trees, tuple(meta["features"]), meta["info"],
                               gate)


def trees_from_sklearn(estimator) -> Trees:
    """Flatten a fitted sklearn HistGradientBoostingRegressor (numeric features only) into Trees."""
    arrays: dict[str, list] = {k: [] for k in ("feature", "threshold", "left", "right", "missing_left", "leaf",
                                                "value")}
    roots, offset, depth = [], 0, 0
    for (predictor,) in estimator._predictors:
        nodes = predictor.nodes
        roots.append(offset)
        arrays["feature"].append(nodes["feature_idx"].astype(np.int32))
        arrays["threshold"].append(nodes["num_threshold"].astype(np.float64))
        arrays["left"].append(nodes["left"].astype(np.int32) + offset)
        arrays["right"].append(nodes["right"].astype(np.int32) + offset)
        arrays["missing_left"].append(nodes["missing_go_to_left"].astype(bool))
        arrays["leaf"].append(nodes["is_leaf"].astype(bool))
        arrays["value"].append(nodes["value"].astype(np.float64))
        depth = max(depth, int(nodes["depth"].max()))
        offset += len(nodes)
    flat = {k: np.concatenate(v) for k, v in arrays.items()}
    baseline = float(np.ravel(estimator._baseline_prediction)[0])
    return Trees(**flat, roots=np.array(roots, dtype=np.int32), baseline=baseline, depth=depth)
