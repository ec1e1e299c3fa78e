"""The shipped judge: its reader, its tree evaluator, and what it decides on plain cases with the real model."""

from __future__ import annotations

import numpy as np
import pytest

from claimdiff.judge.features import CONFLICT_FEATURES, SAME_FEATURES
from claimdiff.judge.learned import Trees, load_model, trees_from_sklearn


def test_tree_evaluator_follows_splits_and_missing_values():
    # root: feature 0 <= 0.5 ? leaf 1 (value 1.0) : node 2; node 2: feature 1 <= 2 (NaN goes right) ? 10 : 20
    trees = Trees(feature=np.array([0, 0, 1, 0, 0]), threshold=np.array([0.5, 0, 2.0, 0, 0]),
                  left=np.array([1, 0, 3, 0, 0]), right=np.array([2, 0, 4, 0, 0]),
                  missing_left=np.array([True, False, False, False, False]),
                  leaf=np.array([False, True, False, True, True]), value=np.array([0, 1.0, 0, 10.0, 20.0]),
                  roots=np.array([0]), baseline=0.5, depth=2)
    x = np.array([[0.1, 9.0], [0.9, 1.0], [0.9, 3.0], [np.nan, 5.0], [0.9, np.nan]])
    assert trees.predict(x).tolist() == [1.5, 10.5, 20.5, 1.5, 20.5]


def _walked_row_by_row(trees: Trees, x: np.ndarray) -> np.ndarray:
    """Each row down each tree, one node at a time: the plain reading of the flat arrays. The leaves' values are
    summed row by row in the trees' order, as numpy sums them, so that the result is the same to the last bit."""
    leaves = np.zeros((len(x), len(trees.roots)))
    for r, row in enumerate(x):
        for t, node in enumerate(trees.roots):
            while not trees.leaf[node]:
                value = row[trees.feature[node]]
                go_left = trees.missing_left[node] if np.isnan(value) else value <= trees.threshold[node]
                node = trees.left[node] if go_left else trees.right[node]
            leaves[r, t] = trees.value[node]
    return trees.baseline + leaves.sum(axis=1)


def test_trees_of_different_depths_each_reach_their_leaf():
    """Trees are walked deepest first, each only as many steps as it is deep: a leaf alone (depth 0), a stump
    and a tree of depth 2 in one ensemble, over more rows than one block."""
    # tree A: a leaf (node 0); tree B: stump at node 1 (feature 1 <= 0); tree C: node 4, feature 0 <= 0, then
    # its left child node 5 splits feature 2 <= 1 (NaN left).
    trees = Trees(feature=np.array([0, 1, 0, 0, 0, 2, 0, 0, 0]),
                  threshold=np.array([0, 0.0, 0, 0, 0.0, 1.0, 0, 0, 0]),
                  left=np.array([0, 2, 0, 0, 5, 7, 0, 0, 0]), right=np.array([0, 3, 0, 0, 6, 8, 0, 0, 0]),
                  missing_left=np.array([False, False, False, False, False, True, False, False, False]),
                  leaf=np.array([True, False, True, True, False, False, True, True, True]),
                  value=np.array([0.25, 0, -1.0, 1.0, 0, 0, 5.0, 2.0, 3.0]),
                  roots=np.array([0, 1, 4]), baseline=0.5, depth=2)
    rng = np.random.default_rng(2)
    x = rng.normal(size=(700, 3))
    x[rng.random(x.shape) < 0.2] = np.nan
    assert np.array_equal(trees.predict(x), _walked_row_by_row(trees, x))


def test_shipped_trees_read_as_walked_row_by_row():
    model = load_model()
    rng = np.random.default_rng(3)
    for trees, names in ((model.similarity, SAME_FEATURES), (model.conflict, CONFLICT_FEATURES)):
        x = rng.normal(size=(300, len(names))) * 2
        x[rng.random(x.shape) < 0.2] = np.nan
        assert np.array_equal(trees.predict(x), _walked_row_by_row(trees, x))  # the same score, to the bit


def test_export_matches_scikit_learn():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    x[rng.random(400) < 0.1, 1] = np.nan
    y = np.nan_to_num(x[:, 0] * 2 + x[:, 1]) + rng.normal(scale=0.5, size=400) > 0
    estimator = HistGradientBoostingClassifier(max_iter=30, random_state=0).fit(x, y)
    assert np.allclose(trees_from_sklearn(estimator).predict(x), estimator.decision_function(x), atol=1e-9)


def test_export_of_averaged_ensembles_is_their_mean():
    """Several ensembles fitted on random halves of the features (as the judge's similarity is) export as one sum
    of trees whose output is the mean of theirs."""
    from types import SimpleNamespace

    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 4))
    y = x[:, 0] - x[:, 2] + rng.normal(scale=0.5, size=400) > 0
    members = [HistGradientBoostingClassifier(max_iter=20, max_features=0.5, random_state=k).fit(x, y)
               for k in range(3)]
    averaged = trees_from_sklearn(SimpleNamespace(estimators=members)).predict(x)
    assert np.allclose(averaged, np.mean([m.decision_function(x) for m in members], axis=0), atol=1e-9)
    assert not np.allclose(averaged, members[0].decision_function(x), atol=1e-3)


def test_shipped_model_reads_the_features_of_this_code():
    model = load_model()
    assert model.same_features == SAME_FEATURES and model.conflict_features == CONFLICT_FEATURES
    assert 0.0 < model.conflict_threshold < 1.0
    assert model.gate is not None


def test_event_gate_groups_articles_by_event():
    """Two articles on one event, two on a look-alike one: affinities high within each pair, low across."""
    gate = load_model().gate
    affinities = np.full((4, 4, 3), [0.02, 0.6, 0.05])
    for a, b in ((0, 1), (2, 3)):
        affinities[a, b] = affinities[b, a] = [0.5, 0.95, 0.6]
    events = gate.events(affinities)
    assert events[0] == events[1] and events[2] == events[3] and events[0] != events[2]
    assert len(set(gate.events(np.full((4, 4, 3), [0.5, 0.95, 0.6])))) == 1


@pytest.fixture(scope="module")
def real_judge():
    from claimdiff.embed import encode_with_tokens, load_encoder
    from claimdiff.context import Context
    from claimdiff.judge import ClaimInput, ClaimJudge
    from claimdiff.pairs import speakers_of

    encoder = load_encoder()
    context = Context.create(cache=False)

    def judge(a: str, b: str):
        texts = [a, b]
        vectors, tokens = encode_with_tokens(encoder, texts)
        claims = [ClaimInput(t, speaker=s) for t, s in zip(texts, speakers_of(texts, context))]
        return ClaimJudge(claims, vectors, tokens, parser=context.parser).judge(0, 1)

    return judge


# (a, b, relation, a kind of difference shown): what a fact-checker expects of plain cases, judged by the model.
DECISIONS = [
    ("Xi made his first trip abroad in almost three years.", "Xi made his first overseas trip in almost 1,000 days.",
     "agree", None),
    ("The film has grossed $61.9 million in the United States, and $34.1 million elsewhere.",
     "The film has grossed $61.1 million in the United States, and $34.1 million elsewhere.", "diverge", "number"),
    ("The delegation arrived in Slovakia on Monday.", "The delegation arrived in Slovenia on Monday.", "diverge",
     "place"),
    ("China is buying Russian energy at bargain-bin prices.", "Russia would buy weapons from China.", "unrelated",
     None),
    ("Putin met Xi on Thursday in Samarkand.", "Putin met Xi on Wednesday in Samarkand.", "diverge", "date"),
    ("China will support Russia in the war.", "China will not support Russia in the war.", "contradict", "negation"),
    ("Smith said 31 percent voted.", "Smith said 37 percent voted.", "diverge", "number"),
    ("Xi visited Kazakhstan before the summit.", "Xi went to Kazakhstan before the summit.", "agree", None),
    ("Putin delivers a speech in Moscow.", "Putin delivers a speech in Moscow, Russia on September 21, 2022.", "agree",
     None),
]


@pytest.mark.model
@pytest.mark.parametrize("a, b, relation, kind", DECISIONS)
def test_model_decisions(real_judge, a, b, relation, kind):
    judgement = real_judge(a, b)
    assert judgement.relation == relation, judgement
    if kind:
        assert kind in {d.kind for d in judgement.differences}, judgement.differences
    elif relation == "agree":
        assert judgement.differences == []


def test_whole_reports_are_cached_under_everything_that_decides_them():
    from dataclasses import replace

    model = load_model()
    stricter = replace(model, conflict_threshold=model.conflict_threshold + 0.1)
    assert stricter.identity == model.identity  # pair similarities stay valid
    assert stricter.whole_identity != model.whole_identity  # a report's verdicts do not
