"""Judging a pair of claims in two languages (or in one language other than English), where the learned judge's
features, read from an English parse, do not apply.

Same fact: the multilingual encoder's cosine, taken relative to how close each claim comes to the other claims of
the other's article (the ratio margin of bitext mining: a translation stands out from its neighbours whatever the
pair of languages, while raw cosines run lower between Russian and Chinese than with English; the pair itself is
left out of the neighbourhood, or in a short article on one topic it would cap its own margin), turned into a
probability by a
logistic fit on newspairs (benchmarks/train_crosslingual.py; crosslingual.json says on what). Without articles
(`claimdiff judge`) the cosine alone is calibrated the same way.

What differs: only what can be read in each language without shared words, figures (in digits with their scale
words, a measurement also as converted to metric units, or in words from two up), calendar dates and clock times
(language/numbers.py). A paraphrase across
languages stays quiet: nothing else is flagged.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claimdiff.language.numbers import CalendarDate, Figure, read_dates, read_figures, read_spelled, read_times
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
        claims' k-nearest cosines into each other's article, the pair left out (None without articles, or when
        an article has no other claim)."""
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
    figures_a = read_figures(a, a_language) + read_spelled(a, a_language)
    figures_b = read_figures(b, b_language) + read_spelled(b, b_language)
    dates_a, dates_b = read_dates(a, a_language), read_dates(b, b_language)
    unmatched_a, unmatched_b = _unmatched(figures_a, figures_b)
    if unmatched_a and unmatched_b:
        found.append(Difference("number", _with_noun(a, unmatched_a[0]), _with_noun(b, unmatched_b[0])))
    bare_a, bare_b = {v for f in figures_a for v in f.readings}, {v for f in figures_b for v in f.readings}
    conflict = next(((x, y) for x in dates_a for y in dates_b if x.conflicts(y) and not _has_match(x, dates_b)
                     and not _has_match(y, dates_a) and x.day not in bare_b and y.day not in bare_a), None)
    if conflict:
        found.append(Difference("date", conflict[0].text, conflict[1].text))
    times_a, times_b = read_times(a), read_times(b)
    if times_a and times_b and not {t.minutes for t in times_a} & {t.minutes for t in times_b}:
        found.append(Difference("date", times_a[0].text, times_b[0].text))
    return found


# The word a figure counts ("5 дней", "4天", "5 days"): shown with the figure, so that each side reads in its language.
_COUNTED = re.compile(r"[ \u00a0]?(?:[A-Za-zА-Яа-яЁё]{1,15}|[\u4e00-\u9fff]{1,2})")


def _with_noun(text: str, figure: Figure) -> str:
    counted = _COUNTED.match(text, figure.start + len(figure.text))
    return text[figure.start : counted.end()] if counted else figure.text


def _unmatched(figures_a: list[Figure], figures_b: list[Figure]) -> tuple[list[Figure], list[Figure]]:
    """The figures of each side left over once each is paired with at most one of the other side's: equal
    values first, then converted measurements ("449 ft (137 m)" against "405 英尺（137 米）" leaves 449 and 405)."""
    left_a, left_b = list(figures_a), list(figures_b)
    for same in (_equal, _same_value):
        for x in list(left_a):
            y = next((y for y in left_b if same(x, y)), None)
            if y is not None:
                left_a.remove(x)
                left_b.remove(y)
    return left_a, left_b


def _equal(x: Figure, y: Figure) -> bool:
    return any(abs(p - q) <= RELATIVE_TOLERANCE * max(abs(p), abs(q), 1.0) for p in x.readings for q in y.readings)


def _same_value(x: Figure, y: Figure) -> bool:
    """One value: the same figure, or the same measurement in other units (a translation may convert it to the
    units its readers use, and round it: within CONVERSION_TOLERANCE)."""
    if x.dimension is None or y.dimension is None or x.dimension != y.dimension:
        return _equal(x, y)
    return any(abs(p - q) <= max(CONVERSION_TOLERANCE * max(abs(p), abs(q)), ROUNDING)
               for p in x.in_metric() for q in y.in_metric())


CONVERSION_TOLERANCE = 0.02  # a converted measurement is rounded: "5 miles" becomes "8 km" (8.05)
ROUNDING = 0.05  # and a small one to a tenth: 90 °F is "32.2 °C"


def _has_match(date: CalendarDate, others: list[CalendarDate]) -> bool:
    """Another date on the other side agrees with this one in every part both give."""
    return any(not date.conflicts(other) and _shares_a_part(date, other) for other in others)


def _shares_a_part(x: CalendarDate, y: CalendarDate) -> bool:
    return any(p is not None and q is not None for p, q in ((x.year, y.year), (x.month, y.month), (x.day, y.day)))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
