"""Train claimdiff's similarity model and write claimdiff/judge/similarity.npz. Reproducible: fixed seeds.

    python benchmarks/train_judge.py [OUTPUT]     # default: claimdiff/judge/similarity.npz

Training data, all public, read from ../shared/evaldata and never copied into the repository:
  - STS-B train (graded similarity, 0-5) and SICK TRAIN (relatedness, 1-5): the meaning scale;
  - ECB+ topics 1-22: pairs of whole articles, about the same event or about its look-alike (each ECB+ topic
    mixes two). Topics 23 and up stay unseen for evaluation.
Evaluation sets (STS-B dev, SICK TRIAL, ECB+ topics 23+, SummEdits, BASIL, QAGS) are not read here.

Three parts:
  1. a linear adapter (dim x dim, starting at identity) over frozen all-MiniLM-L6-v2 embeddings, fitted so that
     the cosine of adapted embeddings matches STS-B and SICK similarity;
  2. gradient-boosted regression trees over the pair features of claimdiff/judge/match.py, predicting the
     similarity in [0, 1] (STS-B and SICK scores rescaled). The adapter's cosine enters as a feature computed
     out of fold, so the trees do not trust it more than it deserves on unseen pairs;
  3. an event gate: logistic regression over two articles' affinity (shared named things, cosine of mean
     embeddings, tf-idf cosine of their wording) for "same event"; `compare` groups the articles by event with
     it and aligns claims only within an event.
"""

from __future__ import annotations

import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np
import torch
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaldata  # noqa: E402

from claimdiff.embed import load_encoder  # noqa: E402
from claimdiff.judge import ClaimJudge  # noqa: E402
from claimdiff.judge.learned import MODEL_PATH, EventGate, SimilarityModel, trees_from_sklearn  # noqa: E402
from claimdiff.judge.match import FEATURES, source_affinities, source_profiles  # noqa: E402
from claimdiff.judge.words import analyse  # noqa: E402
from claimdiff.nlp import parse_many  # noqa: E402

SEED = 0
GATE_CUT = 0.5  # articles are grouped by event while they are on average more likely the same event than not
ADAPTER_EPOCHS, ADAPTER_RATE = 2, 1e-3
TREES = {"max_iter": 300, "learning_rate": 0.05, "max_leaf_nodes": 15, "random_state": SEED}


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL_PATH
    started = time.monotonic()
    torch.manual_seed(SEED)
    encoder = load_encoder()
    identity = SimilarityModel(np.eye(384, dtype=np.float32), None, FEATURES, {})

    sts = [(p.a, p.b, p.score / 5) for p in evaldata.sts_benchmark("train")]
    sick = [(p.a, p.b, (p.score - 1) / 4) for p in evaldata.sick(("TRAIN",))]
    pairs = sts + sick
    a_vectors, b_vectors, features = _pair_set_features(encoder, pairs, identity)
    targets = np.array([t for _, _, t in pairs])
    print(f"STS-B + SICK: {len(pairs)} pairs ({time.monotonic() - started:.0f} s)", file=sys.stderr)

    adapter = train_adapter(a_vectors, b_vectors, targets)
    features[:, FEATURES.index("adapted_cosine")] = _out_of_fold_cosine(a_vectors, b_vectors, targets)

    estimator = HistGradientBoostingRegressor(**TREES).fit(features, targets)
    trees = trees_from_sklearn(estimator)
    sample = features[:: max(1, len(features) // 2000)]
    assert np.allclose(trees.predict(sample), estimator.predict(sample), atol=1e-6), "tree export mismatch"

    gate = train_event_gate(encoder)
    print(f"event gate from ECB+ topics 1-22 ({time.monotonic() - started:.0f} s)", file=sys.stderr)

    info = {"trained_on": ["STS-B train", "SICK TRAIN", "ECB+ topics 1-22 (event gate)"], "seed": SEED,
            "pairs": int(len(targets)), "trees": TREES}
    SimilarityModel(adapter, trees, FEATURES, info, gate).save(output)
    print(f"wrote {output} ({output.stat().st_size / 1e3:.0f} kB) in {time.monotonic() - started:.0f} s")


def _pair_set_features(encoder, pairs, model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features of sentence pairs judged on their own (no articles around them)."""
    texts = [t for a, b, _ in pairs for t in (a, b)]
    vectors = encoder.encode(texts)
    judge = ClaimJudge(texts, vectors, model=model)
    features = np.array([judge.features(2 * k, 2 * k + 1) for k in range(len(pairs))])
    return vectors[0::2], vectors[1::2], features


def train_event_gate(encoder) -> EventGate:
    """Same event or not, for every pair of articles within an ECB+ training topic, the articles of a topic
    compared together (as `compare` sees them: word rarity is measured over the articles compared)."""
    documents = {key: sentences for key, sentences in evaldata.ecb_documents().items()
                 if key[0] in evaldata.ECB_TRAIN_TOPICS}
    texts = [t for sentences in documents.values() for t in sentences]
    sources = [f"{topic}/{name}" for (topic, name), sentences in documents.items() for _ in sentences]
    vectors = encoder.encode(texts)
    analyses = [analyse(doc) for doc in parse_many(texts)]
    profiles = source_profiles(sources, analyses, vectors)
    rows, same = [], []
    for topic in sorted({topic for topic, _ in documents}):
        names = [name for t, name in documents if t == topic]
        affinities = source_affinities([profiles[f"{topic}/{name}"] for name in names])
        for a, b in combinations(range(len(names)), 2):
            rows.append(affinities[a, b])
            same.append(names[a].endswith("ecbplus") == names[b].endswith("ecbplus"))
    model = LogisticRegression(C=10.0).fit(np.array(rows), np.array(same))
    return EventGate(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]), GATE_CUT)


def train_adapter(a: np.ndarray, b: np.ndarray, targets: np.ndarray, seed: int = SEED) -> np.ndarray:
    """A square matrix W such that cos(aW, bW) fits the target similarity (mean squared error)."""
    generator = torch.Generator().manual_seed(seed)
    a_t, b_t = torch.tensor(a), torch.tensor(b)
    y = torch.tensor(targets, dtype=torch.float32)
    weight = torch.nn.Parameter(torch.eye(a.shape[1]))
    optimiser = torch.optim.Adam([weight], lr=ADAPTER_RATE)
    for _ in range(ADAPTER_EPOCHS):
        order = torch.randperm(len(a_t), generator=generator)
        for start in range(0, len(order), 32):
            batch = order[start : start + 32]
            optimiser.zero_grad()
            x = torch.nn.functional.normalize(a_t[batch] @ weight, dim=1)
            z = torch.nn.functional.normalize(b_t[batch] @ weight, dim=1)
            torch.nn.functional.mse_loss((x * z).sum(dim=1), y[batch]).backward()
            optimiser.step()
    return weight.detach().numpy()


def _out_of_fold_cosine(a: np.ndarray, b: np.ndarray, targets: np.ndarray) -> np.ndarray:
    cosine = np.zeros(len(targets))
    for fold, (fit, held) in enumerate(KFold(5, shuffle=True, random_state=SEED).split(a)):
        weight = train_adapter(a[fit], b[fit], targets[fit], seed=fold + 1)
        cosine[held] = np.sum(_adapt(a[held], weight) * _adapt(b[held], weight), axis=1)
    return cosine


def _adapt(vectors: np.ndarray, weight: np.ndarray) -> np.ndarray:
    adapted = vectors @ weight
    return adapted / np.linalg.norm(adapted, axis=1, keepdims=True)


if __name__ == "__main__":
    main()
