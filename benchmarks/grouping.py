"""Where newspairs' same-fact pairs are lost, and what the threshold trades.

    python benchmarks/grouping.py             # the shipped judge (it saw every story; about 2 minutes)
    python benchmarks/grouping.py --held-out  # each fold's stories with a judge trained without them (15 minutes)

Each story's three articles are compared once, as benchmarks/newspairs.py does, and the judge's scores are kept;
then the claims are grouped again from the same scores at each threshold (claimdiff.align.align), so the rows
differ by the threshold alone. Printed:

  - same-fact recall and grouped precision by threshold, pooled and per fold of stories;
  - the same-fact pairs left ungrouped at the default threshold, by cause: scored below the threshold (the pair
    model), or scored above it and still not grouped (the grouping's constraints: no claim in two groups, at most
    a few claims of one source in a group, a group's links strong on average and none weak);
  - how many same-fact pairs groups could hold at most if each held one claim per source (a maximum matching
    per pair of articles): one sentence often states what two or three of the other article's state.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402
import newspairs  # noqa: E402

import claimdiff.pipeline as pipeline  # noqa: E402
from claimdiff.align import align  # noqa: E402
from claimdiff.judge import DEFAULT_THRESHOLD, SameFact  # noqa: E402

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


@dataclass
class Story:
    """One story compared: what the alignment was given, the judge (its scores kept) and the labelled pairs as
    claim indices (claims of sentence a, claims of sentence b, same fact?)."""

    triplet: str
    sources: list[str]
    judge: object
    candidates: list[tuple[int, int]]
    labelled: list[tuple[list[int], list[int], bool]]

    def groups(self, threshold: float) -> dict[int, int]:
        """Each claim's group when the claims are grouped at `threshold`."""
        self.judge.same = SameFact(threshold)
        index_groups, _ = align(self.sources, self.judge, lambda sources, vectors: self.candidates)
        return {k: n for n, members in enumerate(index_groups) for k in members}

    def best_score(self, a: list[int], b: list[int]) -> float:
        return max(float(self.judge.similarities([(min(x, y), max(x, y))])[0]) for x in a for y in b)


def compare_story(triplet: str, rows: list[newspairs.LabelledPair], files: dict, judge_model) -> Story:
    """Compare the story's articles, keeping what the alignment is given; its pairs' scores are remembered."""
    kept: dict = {}

    def recording_align(sources, judge, find_candidates):
        judge.similarities = _remembered(judge.similarities)
        kept.update(sources=sources, judge=judge, candidates=sorted(find_candidates(sources, judge.search_vectors)))
        return align(sources, judge, lambda s, v: kept["candidates"])

    pipeline.align = recording_align  # the pipeline's own call, recorded: claims and judge exactly as compare has them
    try:
        report, source_of_file = newspairs.compare_articles(rows, files, pipeline.CompareOptions(
            cache=False, encoder=bench.encoder(), judge_model=judge_model))
    finally:
        pipeline.align = align
    # The claims as aligned, by id: the report leaves out the asides no other source states, so its list is not
    # the aligned one; ids number each source's claims from 1, in the order they were aligned.
    first = {}
    for k, source in enumerate(kept["sources"]):
        first.setdefault(source, k)
    index = {c.id: first[c.source] + int(c.id.rsplit(":", 1)[1]) - 1 for c in report.claims}
    labelled = [([index[c.id] for c in a], [index[c.id] for c in b], row.same_fact)
                for row, (a, b) in zip(rows, newspairs.located(report, source_of_file, rows)) if a and b]
    return Story(triplet, kept["sources"], kept["judge"], kept["candidates"], labelled)


def _remembered(similarities):
    """The judge's scoring, each pair scored once however often the claims are grouped again."""
    known: dict[tuple[int, int], float] = {}

    def score(pairs):
        missing = [p for p in dict.fromkeys(pairs) if p not in known]
        if missing:
            known.update(zip(missing, similarities(missing).tolist()))
        return np.array([known[p] for p in pairs], dtype=float)

    return score


def threshold_rows(stories: list[Story]) -> None:
    print("| threshold | same-fact recall | grouped precision | per fold (recall / precision) |\n|---|---|---|---|")
    for threshold in THRESHOLDS:
        counts = np.zeros((newspairs.FOLDS, 3))  # same-fact pairs, grouped pairs, grouped same-fact pairs
        for story in stories:
            group_of = story.groups(threshold)
            fold = newspairs.fold_of(story.triplet)
            for a, b, same in story.labelled:
                grouped = any(group_of[x] == group_of[y] for x in a for y in b)
                counts[fold] += (same, grouped, grouped and same)
        total = counts.sum(axis=0)
        folds = " ".join(f"{c[2] / c[0]:.2f} / {c[2] / max(1, c[1]):.2f}" for c in counts if c[0])
        print(f"| {threshold:.1f} | {total[2] / total[0]:.3f} | {total[2] / max(1, total[1]):.3f} | {folds} |")


def lost_rows(stories: list[Story]) -> None:
    same = below = linked = 0
    for story in stories:
        group_of = story.groups(DEFAULT_THRESHOLD)
        for a, b, is_same in story.labelled:
            if not is_same:
                continue
            same += 1
            if any(group_of[x] == group_of[y] for x in a for y in b):
                continue
            if story.best_score(a, b) < DEFAULT_THRESHOLD:
                below += 1
            else:
                linked += 1
    print(f"\nSame-fact pairs located among the claims: {same}; not grouped at {DEFAULT_THRESHOLD}: {below + linked}, "
          f"of which scored below the threshold {below}, scored above it and not grouped {linked}.")


def one_per_source_ceiling(rows: list[newspairs.LabelledPair]) -> None:
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    edges: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for row in rows:
        if row.same_fact:
            edges.setdefault((row.triplet, row.a_file, row.b_file), []).append((row.a, row.b))
    matched = 0
    for pairs in edges.values():
        left = {a: k for k, a in enumerate(dict.fromkeys(a for a, _ in pairs))}
        right = {b: k for k, b in enumerate(dict.fromkeys(b for _, b in pairs))}
        graph = csr_matrix((np.ones(len(pairs)), ([left[a] for a, _ in pairs], [right[b] for _, b in pairs])),
                           shape=(len(left), len(right)))
        matched += int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())
    total = sum(len(pairs) for pairs in edges.values())
    print(f"Labelled same-fact pairs: {total}; with one sentence per article in a group, at most {matched} "
          f"({matched / total:.3f}) could be grouped.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--held-out", action="store_true", help="each fold's stories with a judge trained without them")
    args = parser.parse_args()
    rows, files = newspairs.pairs(), newspairs.basil_files()
    models: dict[int, object] = {}
    if args.held_out:
        import train_judge
        from claimdiff.judge.learned import load_model

        training = train_judge.build_rows()
        for fold in range(newspairs.FOLDS):
            models[fold] = train_judge.fit(training, None, {}, hold_out_fold=fold)
            models[fold].gate = load_model().gate
    stories = []
    for triplet in sorted({r.triplet for r in rows}):
        story_rows = [r for r in rows if r.triplet == triplet]
        stories.append(compare_story(triplet, story_rows, files, models.get(newspairs.fold_of(triplet))))
        print(f"  {triplet[:8]} {len(story_rows)} pairs", file=sys.stderr, flush=True)
    print(f"newspairs, {'held-out stories' if args.held_out else 'the shipped judge (it saw every story)'}\n")
    threshold_rows(stories)
    lost_rows(stories)
    one_per_source_ceiling(rows)


if __name__ == "__main__":
    main()
