"""newspairs: hand-labelled sentence pairs across outlets, scored on what `compare` returns for whole triplets.

    python benchmarks/newspairs.py            # claimdiff as installed, on all 40 stories, beside plain cosine

Each labelled pair names two sentences of two BASIL articles of one story. The story's three articles are
compared whole, as a fact-checker would; each sentence is located among the claims `compare` returns (the claims
overlapping its span), and the pair counts as

  - grouped: some claim of one sentence is in the same group as some claim of the other;
  - flagged: grouped, and the pair of claims linking them is judged diverge or contradict.

Same fact = SAME, DIVERGE or CONTRADICT (both report one fact); conflict = DIVERGE or CONTRADICT. Figures:
recall (same-fact pairs grouped), precision (grouped pairs that are the same fact), flag precision (flagged
pairs that are conflicts) and flag recall (conflicts flagged). The pairs were drawn by nearest-neighbour cosine,
so most negatives are look-alikes from the same story (RELATED).

Stories are folded for cross-validation by `folds()`: the training script holds each fold's stories out, and
the figures reported for a model trained that way are on stories it never saw.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaldata  # noqa: E402

SAME_FACT = {"SAME", "DIVERGE", "CONTRADICT"}
CONFLICT = {"DIVERGE", "CONTRADICT"}
FOLDS = 5


@dataclass
class LabelledPair:
    id: str
    triplet: str
    a: str
    b: str
    a_file: str
    b_file: str
    label: str
    kind: str
    a_words: str
    b_words: str
    cosine: float

    @property
    def same_fact(self) -> bool:
        return self.label in SAME_FACT

    @property
    def conflict(self) -> bool:
        return self.label in CONFLICT


def pairs() -> list[LabelledPair]:
    path = evaldata.ROOT / "newspairs" / "newspairs_dev.jsonl"
    if not path.exists():
        raise evaldata.Missing(f"{path} not found")
    fields = LabelledPair.__dataclass_fields__
    return [LabelledPair(**{k: v for k, v in json.loads(line).items() if k in fields})
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fold_of(triplet: str) -> int:
    """A story's fold, fixed by its id (so adding stories never moves the others)."""
    return int(hashlib.sha256(triplet.encode()).hexdigest(), 16) % FOLDS


def folds(rows: list[LabelledPair]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for row in rows:
        out.setdefault(fold_of(row.triplet), set()).add(row.triplet)
    return out


def basil_files() -> dict[str, Path]:
    return {path.name: path for path in (evaldata.ROOT / "basil" / "articles").glob("*/*.json")}


def article_text(path: Path) -> str:
    """The article as evaldata.write_basil_triplet saves it: the title, then paragraphs of sentences."""
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = [" ".join(sentences) for sentences in data.get("body-paragraphs", [])]
    return f"{data.get('title', '')}\n\n" + "\n\n".join(paragraphs) + "\n"


@dataclass
class Outcome:
    located: bool
    grouped: bool
    flagged: bool
    see_also: bool = False  # not grouped, but one claim is shown as the other's "see also"


def compare_story(triplet_rows: list[LabelledPair], files: dict[str, Path], options) -> dict[str, Outcome]:
    """Compare a story's articles with `options` (claimdiff's CompareOptions) and score its labelled pairs."""
    return score_report(*compare_articles(triplet_rows, files, options), triplet_rows)


def compare_articles(triplet_rows: list[LabelledPair], files: dict[str, Path], options
                     ) -> tuple[object, dict[str, str]]:
    """Compare the articles the pairs come from, written as text files, with `options`: the report, and each
    article's file name -> its source id in the report."""
    from claimdiff.pipeline import compare

    names = sorted({r.a_file for r in triplet_rows} | {r.b_file for r in triplet_rows})
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name in names:
            paths[name] = Path(folder) / name.replace(".json", ".txt")
            paths[name].write_text(article_text(files[name]), encoding="utf-8")
        report = compare([str(paths[n]) for n in names], options)
    source_of_file = {name: source.id for source in report.sources for name, path in paths.items()
                      if Path(source.location).name == path.name}
    return report, source_of_file


def located(report, source_of_file: dict[str, str], rows: list[LabelledPair]) -> list[tuple[list, list]]:
    """For each labelled pair, the claims of the report that overlap its two sentences (empty where not found)."""
    claims_by_source: dict[str, list] = {}
    for claim in report.claims:
        claims_by_source.setdefault(claim.source, []).append(claim)
    return [(_claims_of(row.a, source_of_file[row.a_file], report.texts, claims_by_source),
             _claims_of(row.b, source_of_file[row.b_file], report.texts, claims_by_source)) for row in rows]


def score_report(report, source_of_file: dict[str, str], rows: list[LabelledPair]) -> dict[str, Outcome]:
    group_of = {c: g for g in report.groups for c in g.claims}
    relation = {}
    for group in report.groups:
        for pair in group.pairs:
            relation[(pair.a, pair.b)] = relation[(pair.b, pair.a)] = pair.relation
    see_also = {(r.of, r.claim) for g in report.groups for r in g.see_also}
    see_also |= {(b, a) for a, b in see_also}
    outcomes = {}
    for row, (a, b) in zip(rows, located(report, source_of_file, rows)):
        if not a or not b:
            outcomes[row.id] = Outcome(False, False, False)
            continue
        shared = [(x, y) for x in a for y in b if group_of[x.id] is group_of[y.id]]
        flagged = False
        for x, y in shared:
            r = relation.get((x.id, y.id))
            if r is None:
                r = group_of[x.id].verdict  # grouped through other claims: the group's verdict speaks for them
            flagged |= r in ("diverge", "contradict")
        shown = not shared and any((x.id, y.id) in see_also for x in a for y in b)
        outcomes[row.id] = Outcome(True, bool(shared), flagged, shown)
    return outcomes


def _claims_of(sentence: str, source: str, texts: dict[str, str], claims_by_source: dict[str, list]) -> list:
    text = texts[source]
    start = text.find(sentence)
    if start < 0:
        return []
    end = start + len(sentence)
    return [c for c in claims_by_source.get(source, []) if c.start < end and c.end > start]


@dataclass
class Figures:
    recall: float
    precision: float
    flag_precision: float
    flag_recall: float
    grouped: int
    flagged: int
    conflicts_flagged: int
    conflicts: int
    located: int
    pairs: int
    missed: int = 0  # same-fact pairs not grouped
    missed_shown: int = 0  # of those, shown as see-also
    shown: int = 0  # pairs shown as see-also
    shown_same: int = 0  # of those, the same fact

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("same-fact recall (pairs grouped)", f"{self.recall:.3f}"),
            ("grouped precision", f"{self.precision:.3f}"),
            ("flag precision", f"{self.flag_precision:.3f} ({self.conflicts_flagged} of {self.flagged})"),
            ("flag recall", f"{self.flag_recall:.3f} ({self.conflicts_flagged} of {self.conflicts})"),
            ("same-fact pairs not grouped, shown as see-also", f"{self.missed_shown / max(1, self.missed):.3f} "
                                                               f"({self.missed_shown} of {self.missed})"),
            ("see-also pairs that are the same fact", f"{self.shown_same / max(1, self.shown):.3f} "
                                                      f"({self.shown_same} of {self.shown})"),
        ]


def figures(rows: list[LabelledPair], outcomes: dict[str, Outcome]) -> Figures:
    located = [r for r in rows if outcomes[r.id].located]
    same = [r for r in located if r.same_fact]
    grouped = [r for r in located if outcomes[r.id].grouped]
    flagged = [r for r in located if outcomes[r.id].flagged]
    conflicts = [r for r in located if r.conflict]
    hits = sum(1 for r in flagged if r.conflict)
    return Figures(
        recall=sum(1 for r in same if outcomes[r.id].grouped) / max(1, len(same)),
        precision=sum(1 for r in grouped if r.same_fact) / max(1, len(grouped)),
        flag_precision=hits / max(1, len(flagged)), flag_recall=hits / max(1, len(conflicts)),
        grouped=len(grouped), flagged=len(flagged), conflicts_flagged=hits, conflicts=len(conflicts),
        located=len(located), pairs=len(rows), missed=sum(1 for r in same if not outcomes[r.id].grouped),
        missed_shown=sum(1 for r in same if outcomes[r.id].see_also),
        shown=sum(1 for r in located if outcomes[r.id].see_also),
        shown_same=sum(1 for r in located if outcomes[r.id].see_also and r.same_fact))


def cosine_baseline(rows: list[LabelledPair], threshold: float = 0.7) -> Figures:
    """Plain MiniLM cosine of the two sentences (as the set gives it): grouped when at least `threshold`."""
    outcomes = {r.id: Outcome(True, r.cosine >= threshold, False) for r in rows}
    return figures(rows, outcomes)


def recall_at_precision(scores: np.ndarray, truth: np.ndarray, precision: float) -> float:
    """The highest recall any threshold reaches while keeping at least `precision`."""
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(truth[order])
    reached = hits / np.arange(1, len(order) + 1)
    ok = reached >= precision
    return float(hits[ok].max() / max(1, truth.sum())) if ok.any() else 0.0


def main() -> None:
    import bench
    from claimdiff.pipeline import CompareOptions

    rows = pairs()
    files = basil_files()
    options = CompareOptions(encoder=bench.encoder())
    outcomes: dict[str, Outcome] = {}
    for triplet in sorted({r.triplet for r in rows}):
        story = [r for r in rows if r.triplet == triplet]
        outcomes.update(compare_story(story, files, options))
        print(f"  {triplet[:8]} {len(story)} pairs", file=sys.stderr, flush=True)
    ours, baseline = figures(rows, outcomes), cosine_baseline(rows)
    print(f"newspairs: {ours.located} of {ours.pairs} pairs located among the claims")
    print("| measure | MiniLM cosine >= 0.7 | claimdiff |\n|---|---|---|")
    for (name, value), (_, base) in zip(ours.rows(), baseline.rows()):
        print(f"| {name} | {base if 'flag' not in name else ''} | {value} |")


if __name__ == "__main__":
    main()
