"""The learned judge: gradient-boosted trees over the pair features of `features.py` (is it the same fact? does
a detail conflict?) and an event gate that groups whole articles by event. Trained by benchmarks/train_judge.py
on public pair sets; what ships is `judge.npz` (a few hundred kilobytes) and this reader, so running claimdiff
needs neither scikit-learn nor pickled objects (the trees are evaluated here with numpy).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("judge.npz")


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

    ARRAYS = ("feature", "threshold", "left", "right", "missing_left", "leaf", "value", "roots")

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in self.ARRAYS}

    def digest_into(self, digest) -> None:
        """Feed the trees, every array and scalar, to a hashlib digest."""
        for array in self.arrays().values():
            digest.update(np.ascontiguousarray(array).tobytes())
        digest.update(repr((self.baseline, self.depth)).encode())

    def predict(self, features: np.ndarray) -> np.ndarray:
        # In blocks of 256 rows, so the (rows x trees) node arrays stay in cache. Leaves point to themselves, so
        # walking a tree as many steps as it is deep lands each row on its leaf without asking which nodes are
        # leaves. The trees are walked deepest first, so that after k steps only the first moving[k] still move:
        # each takes as many steps as it is deep, not as the deepest tree (about half the steps).
        children, order, moving, in_tree_order = self._walk_plan
        has_missing = bool(np.isnan(features).any())
        out = np.empty(len(features))
        for start in range(0, len(features), 256):
            block = features[start : start + 256]
            flat = block.ravel()
            offsets = (np.arange(len(block)) * block.shape[1])[:, None]
            node = np.broadcast_to(self.roots[order], (len(block), len(order))).copy()
            for count in moving:
                walking = node[:, :count]
                x = flat[offsets + self.feature[walking]]
                go_left = x <= self.threshold[walking]
                if has_missing:
                    go_left |= np.isnan(x) & self.missing_left[walking]
                node[:, :count] = children[2 * walking + go_left]
            leaves = np.ascontiguousarray(node[:, in_tree_order])  # row by row, as the sum reads them
            out[start : start + len(block)] = self.baseline + self.value[leaves].sum(axis=1)
        return out

    @cached_property
    def _walk_plan(self) -> tuple[np.ndarray, np.ndarray, list[int], np.ndarray]:
        """What predict needs besides the rows, worked out once per model (the judge asks one pair at a time,
        hundreds of times a run): the children, the trees deepest first, how many of them still move at each step,
        and the way back to the trees' own order, in which the leaves are summed (the same float sum)."""
        depths = self._tree_depths()
        order = np.argsort(-depths, kind="stable")
        moving = [int((depths > step).sum()) for step in range(self.depth)]
        return self._children(), order, moving, np.argsort(order)

    def _tree_depths(self) -> np.ndarray:
        """How many splits each tree's longest path takes, found level by level from the roots."""
        depths = np.zeros(len(self.roots), dtype=np.int64)
        frontier, tree, level = self.roots.astype(np.int64), np.arange(len(self.roots)), 0
        while len(frontier):
            inner = ~self.leaf[frontier].astype(bool)
            frontier, tree, level = frontier[inner], tree[inner], level + 1
            depths[tree] = level
            frontier, tree = np.concatenate([self.left[frontier], self.right[frontier]]), np.concatenate([tree, tree])
        return depths

    def _children(self) -> np.ndarray:
        """children[2 * node + 1] is the node's left child, children[2 * node] its right one."""
        own = np.arange(len(self.leaf), dtype=np.int64)
        return np.stack([np.where(self.leaf, own, self.right), np.where(self.leaf, own, self.left)], axis=1).ravel()


@dataclass
class EventGate:
    """Do articles cover the same event? A logistic model over two articles' affinities (match.AFFINITIES: shared
    named things, embedding and wording cosine) gives the probability. The articles compared are then grouped by
    event, average linkage cut where two groups are on average as likely to report another event as the same one:
    in a mix of look-alike events (two earthquakes, two arrests) a group's claims report other facts than the
    next group's, however alike their sentences read."""

    weights: tuple[float, ...]
    bias: float
    cut: float = 0.5

    def probabilities(self, affinities: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.bias + affinities @ np.array(self.weights))))

    def events(self, affinities: np.ndarray) -> np.ndarray:
        """An event number for each of the n articles of an (n, n, features) affinity array."""
        return self.events_of(self.probabilities(affinities))

    def events_of(self, probability: np.ndarray) -> np.ndarray:
        """An event number for each of n articles, from the (n, n) probabilities that they share their event."""
        if len(probability) < 2:
            return np.zeros(len(probability), dtype=int)
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform

        distance = 1.0 - probability
        distance = (distance + distance.T) / 2
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        return fcluster(tree, t=1.0 - self.cut, criterion="distance") - 1


@dataclass
class JudgeModel:
    """The learned judge: `similarity` trees give how alike in meaning two claims are, graded on STS-B's scale and
    on hand-labelled news pairs, then calibrated (`calibration`: scale and shift of the trees' log-odds) to the
    probability that two claims of different outlets' news report the same fact; `conflict` trees give,
    for a pair judged the same fact, the probability that a checkable detail conflicts, flagged from
    `conflict_threshold`; the event gate groups whole articles by event."""

    similarity: Trees
    conflict: Trees
    same_features: tuple[str, ...]
    conflict_features: tuple[str, ...]
    conflict_threshold: float
    info: dict
    gate: EventGate | None = None
    calibration: tuple[float, float] = (1.0, 0.0)

    @property
    def identity(self) -> str:
        """A digest of what the similarity reads: its trees and calibration (scores cached under it)."""
        if not hasattr(self, "_identity"):
            digest = hashlib.sha256(json.dumps([list(self.same_features), list(self.calibration)]).encode())
            self.similarity.digest_into(digest)
            object.__setattr__(self, "_identity", digest.hexdigest())
        return self._identity

    @property
    def whole_identity(self) -> str:
        """A digest of everything that decides a report: the similarity, the conflict trees and threshold and
        the event gate (whole reports cached under it)."""
        if not hasattr(self, "_whole_identity"):
            digest = hashlib.sha256(self.identity.encode())
            digest.update(json.dumps([list(self.conflict_features), self.conflict_threshold,
                                      self.gate.__dict__ if self.gate else None]).encode())
            self.conflict.digest_into(digest)
            object.__setattr__(self, "_whole_identity", digest.hexdigest())
        return self._whole_identity

    def similarity_of(self, features: np.ndarray) -> np.ndarray:
        return self.calibrated(self.similarity_log_odds(features))

    def similarity_log_odds(self, features: np.ndarray) -> np.ndarray:
        """The similarity trees' raw log-odds (what the pair reader's blend reads)."""
        return self.similarity.predict(np.asarray(features, dtype=np.float64))

    def calibrated(self, log_odds: np.ndarray) -> np.ndarray:
        scale, shift = self.calibration
        return _sigmoid(scale * log_odds + shift)

    def conflict_of(self, features: np.ndarray) -> np.ndarray:
        return _sigmoid(self.conflict.predict(np.asarray(features, dtype=np.float64)))

    def save(self, path: Path = MODEL_PATH) -> None:
        arrays = {}
        for name, trees in (("similarity", self.similarity), ("conflict", self.conflict)):
            arrays.update({f"{name}_{key}": value for key, value in trees.arrays().items()})
        meta = {"same_features": list(self.same_features), "conflict_features": list(self.conflict_features),
                "conflict_threshold": self.conflict_threshold, "info": self.info,
                "calibration": list(self.calibration),
                "gate": self.gate.__dict__ if self.gate else None,
                "trees": {name: {"baseline": t.baseline, "depth": t.depth}
                          for name, t in (("similarity", self.similarity), ("conflict", self.conflict))}}
        np.savez_compressed(path, meta=np.array(json.dumps(meta)), **arrays)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> JudgeModel:
    with np.load(path) as data:
        meta = json.loads(str(data["meta"]))

        def trees(name: str) -> Trees:
            fields = {key: data[f"{name}_{key}"] for key in Trees.ARRAYS}
            return Trees(**fields, **meta["trees"][name])

        gate = EventGate(tuple(meta["gate"]["weights"]), meta["gate"]["bias"], meta["gate"]["cut"]) if meta.get(
            "gate") else None
        return JudgeModel(trees("similarity"), trees("conflict"), tuple(meta["same_features"]),
                          tuple(meta["conflict_features"]), float(meta["conflict_threshold"]), meta["info"], gate,
                          tuple(meta.get("calibration", (1.0, 0.0))))


def trees_from_sklearn(estimator) -> Trees:
    """Flatten a fitted sklearn HistGradientBoosting model (numeric features only) into Trees; a model that
    averages several (`estimators`) becomes one sum of all their trees, each leaf weighed by their share."""
    members = getattr(estimator, "estimators", [estimator])
    share = 1.0 / len(members)
    arrays: dict[str, list] = {k: [] for k in ("feature", "threshold", "left", "right", "missing_left", "leaf",
                                                "value")}
    roots, offset, depth = [], 0, 0
    for member in members:
        for (predictor,) in member._predictors:
            nodes = predictor.nodes
            roots.append(offset)
            arrays["feature"].append(nodes["feature_idx"].astype(np.int32))
            arrays["threshold"].append(nodes["num_threshold"].astype(np.float64))
            arrays["left"].append(nodes["left"].astype(np.int32) + offset)
            arrays["right"].append(nodes["right"].astype(np.int32) + offset)
            arrays["missing_left"].append(nodes["missing_go_to_left"].astype(bool))
            arrays["leaf"].append(nodes["is_leaf"].astype(bool))
            arrays["value"].append(nodes["value"].astype(np.float64) * share)
            depth = max(depth, int(nodes["depth"].max()))
            offset += len(nodes)
    flat = {k: np.concatenate(v) for k, v in arrays.items()}
    baseline = share * sum(float(np.ravel(member._baseline_prediction)[0]) for member in members)
    return Trees(**flat, roots=np.array(roots, dtype=np.int32), baseline=baseline, depth=depth)
