"""Judging a pair of claims in two languages (or in one language other than English), where the learned judge's
features, read from an English parse, do not apply.

Same fact: the multilingual encoder's cosine, taken relative to how close each claim comes to the other's article
(the ratio margin of bitext mining: a translation stands out from its neighbours whatever the pair of languages,
while raw cosines run lower between Russian and Chinese than with English), turned into a probability by a
logistic fit on newspairs (benchmarks/train_crosslingual.py; crosslingual.json says on what). Without articles
(`claimdiff judge`) the cosine alone is calibrated the same way.

What differs: only what can be read in each language without shared words, figures (with their scale words)
and calendar dates (language/numbers.py). A paraphrase across languages stays quiet: nothing else is flagged.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claimdiff.language.numbers import CalendarDate, Figure, read_dates, read_figures
from claimdiff.model import Difference

CALIBRATION_PATH = Path(__file__).with_name("crosslingual.json")
RELATIVE_TOLERANCE = 1e-6  # figures equal up to floating-point noise ("2,5 млн" and "250万")


@dataclass(frozen=True)
class Calibration:
    margin: tuple[float, float]  # weight and bias of the ratio margin
    cosine: tuple[float, float]  # weight and bias of the cosine, for claims judged without their articles
    neighbours: int  # k of the margin: the mean cosine to a claim's k nearest claims of the other article
    info: dict

    def same_fact(self, cosine: float, neighbourhood: float | None) -> float:
        """The probability that the claims report the same fact; `neighbourhood` is the mean of the two
        claims' k-nearest cosines into each other's article (None without articles)."""
        if neighbourhood is None or neighbourhood <= 0:
            weight, bias = self.cosine
            return _sigmoid(weight * cosine + bias)
        weight, bias = self.margin
        return _sigmoid(weight * cosine / neighbourhood + bias)


@lru_cache(maxsize=1)
def load_calibration(path: Path = CALIBRATION_PATH) -> Calibration:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(tuple(data["margin"]), tuple(data["cosine"]), int(data["neighbours"]), data["info"])


def cross_differences(a: str, a_language: str, b: str, b_language: str) -> list[Difference]:
    """The figures and dates that differ between two claims read in their languages: a figure (or date) of one
    side that the other does not give, while the other gives one the first does not (one replaced by the other).
    A figure only one side gives is an omission, not a difference."""
    found = []
    figures_a, figures_b = read_figures(a, a_language), read_figures(b, b_language)
    unmatched_a = [x for x in figures_a if not any(_same_value(x, y) for y in figures_b)]
    unmatched_b = [y for y in figures_b if not any(_same_value(x, y) for x in figures_a)]
    if unmatched_a and unmatched_b:
        found.append(Difference("number", unmatched_a[0].text, unmatched_b[0].text))
    dates_a, dates_b = read_dates(a, a_language), read_dates(b, b_language)
    conflict = next(((x, y) for x in dates_a for y in dates_b if x.conflicts(y) and not _has_match(x, dates_b)
                     and not _has_match(y, dates_a)), None)
    if conflict:
        found.append(Difference("date", conflict[0].text, conflict[1].text))
    return found


def _same_value(x: Figure, y: Figure) -> bool:
    return abs(x.value - y.value) <= RELATIVE_TOLERANCE * max(abs(x.value), abs(y.value), 1.0)


def _has_match(date: CalendarDate, others: list[CalendarDate]) -> bool:
    """Another date on the other side agrees with this one in every part both give."""
    return any(not date.conflicts(other) and _shares_a_part(date, other) for other in others)


def _shares_a_part(x: CalendarDate, y: CalendarDate) -> bool:
    return any(p is not None and q is not None for p, q in ((x.year, y.year), (x.month, y.month), (x.day, y.day)))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
