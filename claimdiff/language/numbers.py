"""Figures and calendar dates read in several languages, so that "2,5 млн", "250万" and "2.5 million" are one
value and "15 сентября", "9月15日" and "September 15" one date.

Written here because the libraries read spelled-out numbers of one language at a time (number-parser, text2num)
or whole date expressions (dateparser), while news figures across languages are digits with each language's
separators and scale words, which is what this reads. Spelled-out numbers are not read: a figure one side spells
and the other writes in digits is then unread on one side, and nothing is flagged on one side's word alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Languages that write a decimal comma ("2,5") and group thousands with a space or a dot ("1 000", "1.000").
DECIMAL_COMMA = frozenset({"ru", "de", "fr", "es", "it", "pt", "pl", "tr", "nl"})

# Scale words after a figure, by language: the word (or its start) and the power of ten.
SCALES = {
    "en": [("thousand", 3), ("million", 6), ("mln", 6), ("billion", 9), ("bn", 9), ("trillion", 12)],
    "ru": [("тыс", 3), ("млн", 6), ("миллион", 6), ("млрд", 9), ("миллиард", 9), ("трлн", 12), ("триллион", 12)],
    "zh": [("万亿", 12), ("千万", 7), ("百万", 6), ("亿", 8), ("万", 4), ("千", 3)],
}
# A figure stands apart from Latin and Cyrillic letters ("A320" is a name), not from Chinese characters ("达250万").
_DIGITS = re.compile(r"(?<![0-9A-Za-zА-Яа-яЁё.,])\d+(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d+)?(?![\d])")

MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"],
    # Stems that every case of the month's name begins with ("сентября", "сентябре", "сентябрь").
    "ru": ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"],
}
_EN_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS["en"]) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?"
                       r"|Oct|Nov|Dec)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?")
_EN_DAY_FIRST = re.compile(r"\b(\d{1,2})\s+(" + "|".join(m.capitalize() for m in MONTHS["en"]) + r")\b")
_RU_DATE = re.compile(r"\b(?:(\d{1,2})\s+)?(январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]\b|июн\w*|июл\w*|август\w*|"
                      r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)", re.IGNORECASE)
_ZH_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号])?")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class Figure:
    value: float
    text: str  # as written, with its scale word


@dataclass(frozen=True)
class CalendarDate:
    year: int | None
    month: int | None
    day: int | None
    text: str

    def conflicts(self, other: CalendarDate) -> bool:
        """Both give a part (year, month or day) and differ in it."""
        return any(x is not None and y is not None and x != y for x, y in
                   ((self.year, other.year), (self.month, other.month), (self.day, other.day)))


def read_figures(text: str, language: str) -> list[Figure]:
    """The figures of `text` with their scale words; years and the day of a date are dates, not figures."""
    taken = [(m.start(), m.end()) for m in _date_matches(text, language)]
    figures = []
    for match in _DIGITS.finditer(text):
        if any(start <= match.start() < end for start, end in taken) or _YEAR.fullmatch(match.group()):
            continue
        value = _value(match.group(), language)
        if value is None:
            continue
        rest = text[match.end():]
        power, length = _scale(rest, language)
        figures.append(Figure(value * 10 ** power, text[match.start() : match.end() + length].strip()))
    return figures


def read_dates(text: str, language: str) -> list[CalendarDate]:
    """The calendar dates of `text`: month and day where given, and years standing alone."""
    dates = []
    for match in _date_matches(text, language):
        dates.append(_date_of(match, language))
    covered = [(m.start(), m.end()) for m in _date_matches(text, language)]
    for match in _YEAR.finditer(text):
        if not any(start <= match.start() < end for start, end in covered):
            dates.append(CalendarDate(int(match.group()), None, None, match.group()))
    return dates


def _date_matches(text: str, language: str) -> list[re.Match]:
    if language == "zh" or language == "ja":
        return list(_ZH_DATE.finditer(text))
    if language == "ru":
        return list(_RU_DATE.finditer(text))
    if language == "en":
        return list(_EN_DAY_FIRST.finditer(text)) + [m for m in _EN_MONTH.finditer(text)
                                                       if not (m.group(1) == "May" and not m.group(2))]
    return []


def _date_of(match: re.Match, language: str) -> CalendarDate:
    if language in ("zh", "ja"):
        year, month, day = match.group(1), match.group(2), match.group(3)
        return CalendarDate(int(year) if year else None, int(month), int(day) if day else None, match.group())
    if language == "ru":
        name = match.group(2).lower()
        month = next(n for n, stem in enumerate(MONTHS["ru"], 1) if name.startswith(stem))
        return CalendarDate(None, month, int(match.group(1)) if match.group(1) else None, match.group())
    first, second = match.group(1), match.group(2)
    if first.isdigit():  # "15 September"
        return CalendarDate(None, _english_month(second), int(first), match.group())
    return CalendarDate(None, _english_month(first), int(second) if second else None, match.group())


def _english_month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(n for n, month in enumerate(MONTHS["en"], 1) if month.startswith(name[:3]))


def _value(digits: str, language: str) -> float | None:
    """The number written, by the language's separators: "1,000.5" (en) and "1 000,5" (ru) are one value."""
    decimal = "," if language in DECIMAL_COMMA else "."
    grouping = "." if decimal == "," else ","
    cleaned = re.sub(r"[ \u00a0\u202f]", "", digits).replace(grouping, "")
    if decimal == "," and cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _scale(rest: str, language: str) -> tuple[int, int]:
    """The power of ten a scale word right after a figure gives, and how many characters it takes."""
    stripped = rest.lstrip(" \u00a0")
    gap = len(rest) - len(stripped)
    lowered = stripped.lower()
    for word, power in SCALES.get(language, []):
        if lowered.startswith(word):
            end = len(word)
            while end < len(lowered) and lowered[end].isalpha() and language != "zh":
                end += 1
            return power, gap + end
    return 0, 0
