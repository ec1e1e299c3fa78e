"""Calibrate the cross-language same-fact score (claimdiff/judge/crosslingual.py) and write crosslingual.json.

A logistic fit, on the newspairs set (English sentences of different outlets, labelled same fact or not), of
whether two sentences report the same fact from the multilingual encoder's ratio margin (the cosine over the mean
of each sentence's k nearest cosines into the other's article, the pair left out), and from the cosine alone for
sentences judged without their articles. The margin, not the cosine, is what is compared across languages: cosines
run lower between some languages (Russian and Chinese) than between others, and a ratio does not depend on that
scale, which monolingual training pairs cannot show. No translation is
seen: the WMT21 evaluation (benchmarks/multilingual.py) stays held out. Deterministic; a few seconds.

    python benchmarks/train_crosslingual.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import newspairs  # noqa: E402

from claimdiff.embed.multilingual import MultilingualEncoder  # noqa: E402
from claimdiff.judge.crosslingual import CALIBRATION_PATH  # noqa: E402

NEIGHBOURS = 4
SAME_FACT = {"SAME", "DIVERGE", "CONTRADICT"}  # one fact, told alike or with a detail changed


def article_sentences(files: dict[str, Path], names: set[str]) -> dict[str, list[str]]:
    sentences = {}
    for name in names:
        data = json.loads(files[name].read_text(encoding="utf-8"))
        sentences[name] = [s for paragraph in data.get("body-paragraphs", []) for s in paragraph]
    return sentences


def main() -> None:
    rows = newspairs.pairs()
    files = newspairs.basil_files()
    sentences = article_sentences(files, {r.a_file for r in rows} | {r.b_file for r in rows})
    texts = sorted({s for article in sentences.values() for s in article} | {r.a for r in rows} | {r.b for r in rows})
    vectors = MultilingualEncoder().encode(texts)
    row_of = {text: k for k, text in enumerate(texts)}

    def nearest(vector: np.ndarray, article: str, partner: str) -> float:
        """The mean cosine to the k nearest sentences of the article, the pair's other sentence left out."""
        others = [row_of[s] for s in sentences[article] if s != partner]
        cosines = np.sort(vectors[others] @ vector)[::-1]
        return float(cosines[:NEIGHBOURS].mean())

    cosine, margin, same = [], [], []
    for row in rows:
        a, b = vectors[row_of[row.a]], vectors[row_of[row.b]]
        value = float(a @ b)
        cosine.append(value)
        margin.append(value / ((nearest(a, row.b_file, row.b) + nearest(b, row.a_file, row.a)) / 2))
        same.append(row.label in SAME_FACT)
    cosine, margin, same = np.array(cosine), np.array(margin), np.array(same)
    by_margin = LogisticRegression().fit(margin[:, None], same)
    by_cosine = LogisticRegression().fit(cosine[:, None], same)
    calibration = {
        "margin": [float(by_margin.coef_[0][0]), float(by_margin.intercept_[0])],
        "cosine": [float(by_cosine.coef_[0][0]), float(by_cosine.intercept_[0])],
        "neighbours": NEIGHBOURS,
        "info": {"trained_on": "newspairs (English sentences of Fox, NYT and HuffPost; same fact = SAME, DIVERGE, "
                               "CONTRADICT)", "pairs": int(len(rows)), "encoder": MultilingualEncoder.name,
                 "training_auc": {"margin": round(float(roc_auc_score(same, margin)), 3),
                                  "cosine": round(float(roc_auc_score(same, cosine)), 3)}},
    }
    CALIBRATION_PATH.write_text(json.dumps(calibration, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(calibration, indent=2))
    for name in ("margin", "cosine"):
        weight, bias = calibration[name]
        print(f"  same fact from 0.5 at {name} {-bias / weight:.3f}")


if __name__ == "__main__":
    main()
