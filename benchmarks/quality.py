"""Quality of claimdiff's judge on public data, beside plain MiniLM cosine measured in the same run.

    python benchmarks/quality.py            # the whole table (a few minutes on 2 cores)
    python benchmarks/quality.py --quick    # smaller samples, for a first look
    python benchmarks/quality.py --reader   # the judge with the pair reader (trained by train_reader.py first)

Reads ../shared/evaldata (or $CLAIMDIFF_EVALDATA); a missing data set is skipped with a note. Prints one table:
STS-B dev and SICK relatedness (Spearman), SICK contradiction (recall and precision), SummEdits (balanced
accuracy and recall per edit type), ECB+ cross-document sentence alignment (precision, recall, F1 on topics the
judge never saw in training), QAGS (held out: is a summary sentence supported by its article), and BASIL (groups
per triplet, with a sample of divergences to read).
"""

from __future__ import annotations

import argparse
import datetime
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaldata  # noqa: E402

import bench  # noqa: E402
from claimdiff.embed import encode_with_tokens  # noqa: E402
from claimdiff.judge import ClaimInput, ClaimJudge, SameFact  # noqa: E402
from claimdiff.judge.learned import load_model  # noqa: E402
from claimdiff.judge.reader import READER_PATH  # noqa: E402


@dataclass(frozen=True)
class Setup:
    """What every measure runs with: the encoder, and whether the judge asks the pair reader."""

    encoder: object
    reader: bool = False

    def prepared(self) -> dict:
        """The parser, cache and reader a judge uses here: the benchmarks' own (parses and scores kept between
        runs), and the shipped reader when asked for."""
        return {"parser": bench.context().parser, "cache": bench.context().cache,
                "reader": bench.reader() if self.reader else None}

    def options(self, reader: Path | None = READER_PATH, **more):
        """CompareOptions for `compare`: this encoder, and `reader` (the shipped one by default) when asked for."""
        from claimdiff.pipeline import CompareOptions

        return CompareOptions(encoder=self.encoder, reader=reader if self.reader else None, **more)


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, data: str, metric: str, baseline, claimdiff, target: str = "") -> None:
        self.rows.append((data, metric, _fmt(baseline), _fmt(claimdiff), target))
        print(f"  {data:28} {metric:34} cosine {_fmt(baseline):>6}   claimdiff {_fmt(claimdiff):>6}  {target}",
              file=sys.stderr, flush=True)

    def markdown(self) -> str:
        lines = ["| data | metric | MiniLM cosine | claimdiff | target |", "|---|---|---|---|---|"]
        lines += [f"| {' | '.join(row)} |" for row in self.rows]
        return "\n".join(lines)


def _fmt(value) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def pair_judge(setup: Setup, pairs: list[tuple[str, str]], threshold: float = 0.5) -> tuple[ClaimJudge, np.ndarray]:
    """One judge over all sentences of a pair set; returns it and the cosine of each pair."""
    texts = [t for pair in pairs for t in pair]
    vectors, tokens = encode_with_tokens(setup.encoder, texts)
    judge = ClaimJudge([ClaimInput(t) for t in texts], vectors, tokens, SameFact(threshold), **setup.prepared())
    cosine = np.array([float(vectors[2 * k] @ vectors[2 * k + 1]) for k in range(len(pairs))])
    return judge, cosine


def sts_b(setup: Setup, table: Table, quick: bool) -> None:
    pairs = evaldata.sts_benchmark("dev")
    if quick:
        pairs = random.Random(0).sample(pairs, 400)
    judge, cosine = pair_judge(setup, [(p.a, p.b) for p in pairs])
    ours = [judge.similarity(2 * k, 2 * k + 1) for k in range(len(pairs))]
    gold = [p.score for p in pairs]
    # Four decimals: three would round 0.8797 up to the target's 0.880.
    table.add("STS-B dev", "Spearman", f"{spearmanr(cosine, gold)[0]:.4f}", f"{spearmanr(ours, gold)[0]:.4f}", ">= 0.88")


def sick(setup: Setup, table: Table, quick: bool) -> None:
    pairs = evaldata.sick(("TRIAL",))  # the judge is trained on SICK TRAIN only
    judge, cosine = pair_judge(setup, [(p.a, p.b) for p in pairs])
    ours = [judge.similarity(2 * k, 2 * k + 1) for k in range(len(pairs))]
    gold = [p.score for p in pairs]
    table.add("SICK trial (held out)", "relatedness Spearman", spearmanr(cosine, gold)[0], spearmanr(ours, gold)[0])
    predicted = [judge.judge(2 * k, 2 * k + 1).relation == "contradict" for k in range(len(pairs))]
    actual = [p.label == "CONTRADICTION" for p in pairs]
    hits = sum(p and a for p, a in zip(predicted, actual))
    recall = hits / max(1, sum(actual))
    precision = hits / max(1, sum(predicted))
    table.add("SICK trial (held out)", "contradiction recall", None, recall, ">= 0.70")
    table.add("SICK trial (held out)", "contradiction precision", None, precision, ">= 0.70")


def summedits(setup: Setup, table: Table, quick: bool) -> None:
    pairs = evaldata.summedits()
    judge, cosine = pair_judge(setup, [(p.original, p.edited) for p in pairs])
    consistent = np.array([p.consistent for p in pairs])
    agree = np.array([judge.judge(2 * k, 2 * k + 1).relation == "agree" for k in range(len(pairs))])
    table.add("SummEdits news (held out)", "balanced accuracy (agree vs not)", _best_balanced(cosine, consistent),
              _balanced(agree, consistent), ">= 0.80")
    for edit in ("entity_modification", "antonym_swap", "negation_insertion_removal", "hallucinated_fact_insertion"):
        rows = np.array([edit in p.edit_types for p in pairs])
        table.add("SummEdits news (held out)", f"recall: {edit}", None, float(np.mean(~agree[rows])))
    table.add("SummEdits news (held out)", "agree on consistent edits", None, float(np.mean(agree[consistent])))


def _balanced(predicted_consistent: np.ndarray, consistent: np.ndarray) -> float:
    return 0.5 * (np.mean(predicted_consistent[consistent]) + np.mean(~predicted_consistent[~consistent]))


def _best_balanced(scores: np.ndarray, consistent: np.ndarray) -> float:
    """Cosine at its best threshold (an optimistic baseline: the threshold is chosen on the test data)."""
    return max(_balanced(scores >= t, consistent) for t in np.unique(scores))


def ecb_plus(setup: Setup, table: Table, quick: bool) -> None:
    """Articles of a topic compared whole (all their sentences), scored on the sentences ECB+ annotated: two
    sentences of different articles match when they mention the same event. Each topic mixes two look-alike
    events, so a match across them is a hard negative. Topics 23 and up were never seen in training.

    ECB+ "same event" is looser than claimdiff's "same claim" (two sentences about one event may state different
    facts), so besides claimdiff at its default threshold, the table gives the judge with its threshold chosen
    on the training topics, exactly as the cosine baseline's is."""
    annotated = evaldata.ecb_sentences()
    documents = evaldata.ecb_documents()
    train_topics = sorted({s.topic for s in annotated if s.topic in evaldata.ECB_TRAIN_TOPICS})
    test_topics = sorted({s.topic for s in annotated if s.topic not in evaldata.ECB_TRAIN_TOPICS})
    if quick:
        train_topics, test_topics = train_topics[:4], test_topics[:3]
    train = _ecb_scores(setup, annotated, documents, train_topics, groups=False)
    cos_threshold = _best_threshold(train["cosine"], train["truth"])
    our_threshold = _best_threshold(train["ours"], train["truth"])
    test = _ecb_scores(setup, annotated, documents, test_topics, groups=True)
    truth = test["truth"]
    cosine = _prf(test["cosine"] >= cos_threshold, truth)
    rows = (("pairs, default threshold", test["ours"] >= 0.5),
            (f"pairs, threshold {our_threshold:.2f} from training topics", test["ours"] >= our_threshold),
            ("groups (N-way, default threshold)", test["grouped"]))
    for name, predicted in rows:
        p, r, f = _prf(predicted, truth)
        label = f"ECB+ topics 23-32, {name}"
        table.add(label, "precision", cosine[0], p)
        table.add(label, "recall", cosine[1], r)
        table.add(label, "F1", cosine[2], f, f">= {cosine[2] + 0.10:.3f}")


def _ecb_scores(setup, annotated, documents, topics, groups: bool) -> dict[str, np.ndarray]:
    scores: dict[str, list] = {"truth": [], "cosine": [], "ours": [], "grouped": []}
    for topic in topics:
        texts, sources, position = [], [], {}
        for (doc_topic, name), sentences in documents.items():
            if doc_topic == topic:
                for number, sentence in enumerate(sentences):
                    position[(name, number)] = len(texts)
                    texts.append(sentence)
                    sources.append(name)
        vectors, tokens = encode_with_tokens(setup.encoder, texts)
        judge = ClaimJudge([ClaimInput(t, source=s) for t, s in zip(texts, sources)], vectors, tokens, **setup.prepared())
        group_of = _aligned_groups(sources, judge) if groups else None
        items = [s for s in annotated if s.topic == topic and (s.document, s.number) in position]
        pairs = [(position[(x.document, x.number)], position[(y.document, y.number)], bool(x.events & y.events))
                 for x, y in combinations(items, 2) if x.document != y.document]
        similarities = judge.similarities([(i, j) for i, j, _ in pairs])
        for (i, j, same), similarity in zip(pairs, similarities):
            scores["truth"].append(same)
            scores["cosine"].append(float(vectors[i] @ vectors[j]))
            scores["ours"].append(float(similarity))
            scores["grouped"].append(group_of is not None and group_of[i] == group_of[j])
    return {k: np.array(v) for k, v in scores.items()}


def _best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    return float(max(np.unique(np.round(scores, 3)), key=lambda t: _prf(scores >= t, truth)[2]))


def _aligned_groups(sources: list[str], judge: ClaimJudge) -> list[int]:
    from claimdiff.align import align

    groups, _ = align(sources, judge)
    group_of = [0] * len(sources)
    for n, members in enumerate(groups):
        for k in members:
            group_of[k] = n
    return group_of


def _prf(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    hits = float(np.sum(predicted & truth))
    precision = hits / max(1.0, float(np.sum(predicted)))
    recall = hits / max(1.0, float(np.sum(truth)))
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def qags(setup: Setup, table: Table, quick: bool) -> None:
    """Held out (never looked at while building the judge): is a summary sentence supported by its article?
    claimdiff: the sentence is supported when its best-matching claim of the article agrees with it. Cosine:
    the best cosine to an article sentence, at its best threshold."""
    from claimdiff.model import Block, Document
    from claimdiff.segment import segment

    for corpus in ("cnndm", "xsum"):
        rows = evaldata.qags(corpus)
        if quick:
            rows = rows[:120]
        articles: dict[str, list] = {}
        truth, ours, scores, cosine = [], [], [], []
        for row in rows:
            if row.article not in articles:
                document = Document("article", "article", "text", None, row.article, [Block(0, len(row.article))])
                articles[row.article] = [c.text for c in segment(document, bench.context().parser)] or [row.article]
            claims = articles[row.article]
            texts = claims + [row.sentence]
            vectors, tokens = encode_with_tokens(setup.encoder, texts)
            sources = ["article"] * len(claims) + ["summary"]
            judge = ClaimJudge([ClaimInput(t, source=s) for t, s in zip(texts, sources)], vectors, tokens,
                               **setup.prepared())
            last = len(claims)
            similarities = judge.similarities([(last, k) for k in range(last)])
            best = int(np.argmax(similarities))
            truth.append(row.supported)
            ours.append(judge.judge(last, best, float(similarities[best])).relation == "agree")
            scores.append(float(similarities[best]))
            cosine.append(float(np.max(vectors[:last] @ vectors[last])))
        truth = np.array(truth)
        best_cosine = _best_balanced(np.array(cosine), truth)
        table.add(f"QAGS {corpus} (held out)", "balanced accuracy, verdict agree", best_cosine,
                  _balanced(np.array(ours), truth))
        table.add(f"QAGS {corpus} (held out)", "balanced accuracy, score at best threshold", best_cosine,
                  _best_balanced(np.array(scores), truth))


def vitaminc(setup: Setup, table: Table, quick: bool) -> None:
    """Held-out cases (fold 0, never trained on): a claim and its evidence, which supports or refutes it by a
    small edit. Taken as reports of one fact (threshold 0), is a conflict flagged exactly where it refutes?"""
    import train_judge

    rows = [r for r in train_judge.vitaminc_rows() if train_judge.vitaminc_fold(r["case_id"]) ==
            train_judge.VITAMINC_HELD_OUT]
    if quick:
        rows = random.Random(0).sample(rows, 600)
    judge, cosine = pair_judge(setup, [(r["claim"], r["evidence"]) for r in rows], threshold=0.0)
    refutes = np.array([r["label"] == "REFUTES" for r in rows])
    flagged = np.array([judge.judge(2 * k, 2 * k + 1, 1.0).relation != "agree" for k in range(len(rows))])
    table.add("VitaminC synthetic (held-out cases)", "balanced accuracy, conflict flagged",
              _best_balanced(-cosine, refutes), _balanced(flagged, refutes))


def newspairs_table(setup: Setup, table: Table, quick: bool) -> None:
    """Hand-labelled pairs across outlets, located among the claims `compare` returns on whole stories
    (benchmarks/newspairs.py). Held out: each fold's stories compared with a judge trained without them
    (train_judge.fit); training stories: every story compared with the shipped judge, which saw them all."""
    import newspairs
    import train_judge

    rows, files = newspairs.pairs(), newspairs.basil_files()
    stories = sorted({r.triplet for r in rows})
    if quick:
        stories = stories[::4]
    training = train_judge.build_rows()
    gate = None
    held_out: dict[str, newspairs.Outcome] = {}
    shipped: dict[str, newspairs.Outcome] = {}
    # Each labelled pair also scored alone, by the model that never saw its story: how well the similarity ranks.
    fold_of = np.array([newspairs.fold_of(s) if s else -1 for s in training.story])
    labelled = training.news & ~np.isnan(training.similarity)
    alone = np.full(len(fold_of), np.nan)
    pair_of_row = np.cumsum(training.news) - 1  # the news rows are newspairs.pairs() in order
    readers = [_fold_reader(fold) if setup.reader else None for fold in range(newspairs.FOLDS)]
    for fold, reader in enumerate(readers):
        model = train_judge.fit(training, gate, {}, hold_out_fold=fold)
        model.gate = load_model().gate
        held = labelled & (fold_of == fold)
        alone[held] = _scored_alone(model, reader, training.same[held], rows, pair_of_row[held])
        for story in (s for s in stories if newspairs.fold_of(s) == fold):
            story_rows = [r for r in rows if r.triplet == story]
            held_out.update(newspairs.compare_story(story_rows, files, setup.options(judge_model=model,
                                                                                      reader=reader)))
            shipped.update(newspairs.compare_story(story_rows, files, setup.options()))
    chosen = [r for r in rows if r.triplet in set(stories)]
    cosine = newspairs.cosine_baseline(chosen)
    for name, outcomes in (("held-out stories", held_out), ("training stories, shipped judge", shipped)):
        figures = newspairs.figures(chosen, outcomes)
        targets = {"same-fact recall (pairs grouped)": ">= 0.65", "grouped precision": ">= 0.85",
                   "flag precision": ">= 0.60", "flag recall": ">= 0.50"} if name == "held-out stories" else {}
        for (metric, value), (_, base) in zip(figures.rows(), cosine.rows()):
            baseline = None if "flag" in metric or "see-also" in metric else base
            table.add(f"newspairs, {name}", metric, baseline, value, targets.get(metric, ""))
    if not quick:
        same = training.similarity[labelled] >= min(train_judge.NEWS_GRADES[label] for label in newspairs.SAME_FACT)
        cosines = training.same[labelled][:, train_judge.SAME_FEATURES.index("cosine")]
        for metric, measure in (("AUC", roc_auc_score),
                                ("recall at precision 0.85", lambda t, s: newspairs.recall_at_precision(s, t, 0.85))):
            table.add("newspairs, held-out stories, pairs scored alone", metric, measure(same, cosines),
                      measure(same, alone[labelled]))
        _calibration_rows(table, alone[labelled], same)


CALIBRATION_BANDS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)


def _calibration_rows(table: Table, scores: np.ndarray, same: np.ndarray) -> None:
    """Is the similarity the probability it claims to be? For the labelled pairs scored in each band (each by
    the model that never saw its story), the share that are the same fact, beside the band's mean score."""
    for low, high in zip(CALIBRATION_BANDS, CALIBRATION_BANDS[1:]):
        band = (scores >= low) & ((scores < high) | (high == 1.0))
        if band.any():
            table.add("newspairs, held-out stories, pairs scored alone",
                      f"scored {low:.1f}-{high:.1f} ({band.sum()} pairs, mean {scores[band].mean():.2f}): same fact",
                      None, float(same[band].mean()))


def _fold_reader(fold: int) -> Path:
    """The pair reader trained without the stories of newspairs fold `fold` (benchmarks/train_reader.py keeps it)."""
    from claimdiff.cache import cache_dir

    path = cache_dir() / "reader" / f"fold{fold}.npz"
    if not path.exists():
        raise evaldata.Missing(f"{path} (run benchmarks/train_reader.py first)")
    return path


def _scored_alone(model, reader_path: Path | None, features: np.ndarray, pairs: list, rows: np.ndarray) -> np.ndarray:
    """The similarity of labelled pairs judged alone, as ClaimJudge scores a pair: the trees' calibrated
    probability, and with a reader, where that is uncertain, the blend with the fold's reader."""
    from claimdiff.judge.reader import PairReader, ReaderWeights

    log_odds = model.similarity_log_odds(features)
    scores = model.calibrated(log_odds)
    if reader_path is None:
        return scores
    reader = PairReader(ReaderWeights.load(reader_path), bench.context().models_dir, bench.context().notify)
    return reader.rescored(scores, log_odds, lambda n: (pairs[rows[n]].a, pairs[rows[n]].b))


def basil(setup: Setup, table: Table, quick: bool) -> list[str]:
    """Compare each BASIL triplet as a fact-checker would; count verdicts and keep divergences to read."""
    from claimdiff.pipeline import compare

    triplets = evaldata.basil_triplets()
    names = sorted(triplets)[: 10 if quick else 30]
    verdicts: Counter = Counter()
    samples: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            paths = evaldata.write_basil_triplet(triplets[name], Path(folder) / name)
            report = compare([str(p) for p in paths], setup.options())
            verdicts.update(g.verdict for g in report.groups)
            for group in report.groups:
                for pair in group.pairs:
                    for d in pair.differences:
                        samples.append(f"{name[:8]} {d.kind:11} {d.a!r} -> {d.b!r}")
    for verdict in ("agree", "diverge", "contradict", "unique"):
        table.add(f"BASIL ({len(names)} triplets)", f"{verdict} groups per triplet", None,
                  verdicts[verdict] / len(names))
    random.Random(0).shuffle(samples)
    return samples[:25]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller samples")
    parser.add_argument("--reader", action="store_true", help="the judge asks the pair reader where its trees are "
                        "unsure (held-out newspairs stories: the reader trained without them)")
    parser.add_argument("--only", help="comma-separated: sts,sick,summedits,vitaminc,newspairs,ecb,qags,basil")
    args = parser.parse_args()
    chosen = set(args.only.split(",")) if args.only else {"sts", "sick", "summedits", "vitaminc", "newspairs", "ecb",
                                                          "qags", "basil"}
    started = time.monotonic()
    setup = Setup(bench.encoder(), args.reader)
    table = Table()
    samples: list[str] = []
    for name, run in (("sts", sts_b), ("sick", sick), ("summedits", summedits), ("vitaminc", vitaminc),
                      ("newspairs", newspairs_table), ("ecb", ecb_plus), ("qags", qags), ("basil", basil)):
        if name not in chosen:
            continue
        try:
            result = run(setup, table, args.quick)
        except evaldata.Missing as missing:
            print(f"  skipped {name}: {missing}", file=sys.stderr)
            continue
        if name == "basil":
            samples = result
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"claimdiff quality, {datetime.date.today()}, commit {commit or 'unknown'}, "
          f"{time.monotonic() - started:.0f} s\n")
    print(table.markdown())
    if samples:
        print("\nBASIL divergences, a random sample to read:\n")
        print("\n".join(samples))


if __name__ == "__main__":
    main()
