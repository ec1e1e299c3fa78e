"""The shipped similarity model: its reader, its tree evaluator, and what it says of plain cases."""

from __future__ import annotations

import numpy as np

from claimdiff.judge.learned import Trees, load_model, trees_from_sklearn
from claimdiff.judge.match import FEATURES


def test_tree_evaluator_follows_splits_and_missing_values():
    # root: feature 0 <= 0.5 ? leaf 1 (value 1.0) : node 2; node 2: feature 1 <= 2 (NaN goes right) ? 10 : 20
    trees = Trees(feature=np.array([0, 0, 1, 0, 0]), threshold=np.array([0.5, 0, 2.0, 0, 0]),
                  left=np.array([1, 0, 3, 0, 0]), right=np.array([2, 0, 4, 0, 0]),
                  missing_left=np.array([True, False, False, False, False]),
                  leaf=np.array([False, True, False, True, True]), value=np.array([0, 1.0, 0, 10.0, 20.0]),
                  roots=np.array([0]), baseline=0.5, depth=2)
    x = np.array([[0.1, 9.0], [0.9, 1.0], [0.9, 3.0], [np.nan, 5.0], [0.9, np.nan]])
    assert trees.predict(x).tolist() == [1.5, 10.5, 20.5, 1.5, 20.5]


def test_export_matches_scikit_learn():
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    x[rng.random(400) < 0.1, 1] = np.nan
    y = np.nan_to_num(x[:, 0] * 2 + x[:, 1]) + rng.normal(scale=0.1, size=400)
    estimator = HistGradientBoostingRegressor(max_iter=30, random_state=0).fit(x, y)
    assert np.allclose(trees_from_sklearn(estimator).predict(x), estimator.predict(x), atol=1e-9)


def test_shipped_model_loads_and_scores_in_range():
    model = load_model()
    assert model.features == FEATURES
    assert model.adapter.shape == (384, 384)
    assert model.gate is not None
    alike, apart = model.gate.probabilities(np.array([[0.5, 0.95, 0.6], [0.02, 0.6, 0.05]]))
    assert alike > 0.9 and apart < 0.1
    identical = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0]
    unrelated = [0.05, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0, 0.5, 0.0, 0.0, 0.5]
    identical_score, unrelated_score = model.predict(np.array([identical, unrelated]))
    assert identical_score > 0.9 and unrelated_score < 0.2


def test_event_gate_groups_articles_by_event():
    """Two articles on one event, two on a look-alike one: affinities high within each pair, low across."""
    gate = load_model().gate
    affinities = np.full((4, 4, 3), [0.02, 0.6, 0.05])
    for a, b in ((0, 1), (2, 3)):
        affinities[a, b] = affinities[b, a] = [0.5, 0.95, 0.6]
    events = gate.events(affinities)
    assert events[0] == events[1] and events[2] == events[3] and events[0] != events[2]
    assert len(set(gate.events(np.full((4, 4, 3), [0.5, 0.95, 0.6])))) == 1
