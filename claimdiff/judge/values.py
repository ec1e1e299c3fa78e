"""Numbers and dates read out of claim text, normalised so that equal facts compare equal.

"almost 1,000 days" and "almost three years" are the same span of time; "31 percent" and "25 percent" are not;
"Sept. 7" and "September 7, 2022" agree while "Wednesday" and "Thursday" do not. Hand-written because the
libraries that parse quantities (quantulum3, number-parser, text2num) miss news phrasing like "two-way trade
topping $41 billion" or "nearly two-dozen executive actions", and none says how precise a figure is, which is
what comparing a rounded figure with an exact one needs; the grammar needed here is small.

Each figure stands for the range of values it can report: its precision as written ("$43 million" is 42.5 to
43.5 million, "$43,885,310" one dollar wide; "about 40" is rounded to the ten, "about 16" to the unit), at most
a tenth either way where no word marks it as rounded ("$1 million" is 0.9 to 1.1 million), widened
by the words before it ("almost three years" is a bit under three years, "more than 200" anything above).
Two figures of one kind agree when their ranges meet, except two floors or two ceilings of different values
("at least two people" / "at least three people"): each is the count its outlet could confirm.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from claimdiff.judge.lexicon import MONTHS, WEEKDAYS, sections

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "half": 0.5, "twice": 2,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6,
           "k": 1e3}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10}
_TIME_UNITS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30.44,
               "year": 365.25, "decade": 3652.5, "century": 36525}
_CURRENCIES = {"$": "usd", "dollar": "usd", "usd": "usd", "€": "eur", "euro": "eur", "£": "gbp", "pound": "gbp",
               "yuan": "cny", "rmb": "cny", "ruble": "rub", "rouble": "rub", "yen": "jpy"}
# Words before a figure that say what it bounds (rounded, under, floor, ceiling): see wordlists/figure_bounds.txt.
_ROUNDED, _UNDER, _FLOOR, _CEILING = "rounded", "under", "floor", "ceiling"
_APPROX_WORDS = {bound: tuple(" ".join(line) for line in lines)
                 for bound, lines in sections("figure_bounds.txt").items()}
_APPROX = re.compile(r"\b(" + "|".join(sorted((w for words in _APPROX_WORDS.values() for w in words), key=len,
                                              reverse=True)) + r")\s+$", re.I)
_BOUND_OF = {w: bound for bound, words in _APPROX_WORDS.items() for w in words}
NEARLY_SHARE = 0.1  # "almost X": within a tenth of X below it
ROUNDING_SHARE = 0.1  # an unmarked figure ("$1 million", "three years") is within a tenth of what it reports

_NUMBER_WORD = "|".join(sorted((w for w in _UNITS if len(w) > 1), key=len, reverse=True))
# Digits joined to letters are part of a name ("Covid-19", "F-16", "A320", "G7"), not a figure.
_QUANTITY = re.compile(
    rf"(?P<currency>[$€£])?\s?"
    rf"(?P<number>(?<![A-Za-z\d])(?:(?<=\bto-)|(?<![A-Za-z]-))\d+(?:[.,]\d+)*"  # "134-to-63" is a tally
    rf"|\b(?:{_NUMBER_WORD})(?:[- ](?:{_NUMBER_WORD}))?\b)"
    rf"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|bn)\b)?"
    rf"(?P<ordinal>(?<=\d)(?:st|nd|rd|th))?"
    rf"(?:\s?-?\s?(?P<unit>%|percent|per cent|percentage points?|(?:[a-z]+)\b(?!-?\d)))?",  # not "F" of "F-16"
    re.I,
)
_ORDINAL_WORDS = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b", re.I)
_SCALE_WORDS = re.compile(r"\b(hundreds|thousands|millions|billions|trillions|dozens)\b(?:\s+of\s+([a-z]+))?", re.I)


@dataclass(frozen=True)
class Quantity:
    value: float
    family: str  # "percent", "time", "money:usd", "ordinal", a counted noun ("people"), or "" when bare
    approximate: bool
    start: int
    end: int
    text: str
    unit: str = ""  # a duration's unit ("month")
    low: float | None = None  # the range of values the figure can report (see the module's docstring)
    high: float | None = None
    bound: str | None = None  # what the words before it say it bounds: rounded, under, floor or ceiling

    @property
    def bounds(self) -> tuple[float, float]:
        return (self.value if self.low is None else self.low, self.value if self.high is None else self.high)

    def _same_value(self, other: "Quantity") -> bool:
        return abs(self.value - other.value) <= 1e-9 * max(abs(self.value), abs(other.value), 1.0)

    def compatible(self, other: "Quantity") -> bool:
        if self.family and other.family and self.family != other.family:
            return True  # different things counted: nothing to compare
        if self.bound == other.bound and self.bound in (_FLOOR, _CEILING) and self.unit == other.unit:
            # "at least two people" / "at least three people": each floor is the count its outlet could confirm,
            # so two different floors (or ceilings) report different counts, although their ranges meet.
            return self._same_value(other)
        (low_a, high_a), (low_b, high_b) = self.bounds, other.bounds
        if low_a == high_a and low_b == high_b:
            return self._same_value(other)
        return max(low_a, low_b) < min(high_a, high_b) or low_a == high_a == low_b or low_b == high_b == low_a


_SLASHED = re.compile(r"(?<![\d/])(\d{1,4})/(\d{1,4})(?![\d/])")
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])(?:\s*([ap])\.?\s?m\b\.?)?", re.I)


def quantities(text: str) -> list[Quantity]:
    # "9/11", "24/7": read whole, so that "9/11" and "21/11" differ while "9/11" is never the count 11
    found = [Quantity(int(m.group(1)) * 10_000 + int(m.group(2)), "slashed", False, m.start(), m.end(), m.group())
             for m in _SLASHED.finditer(text)]
    # "4:30 p.m.": a time of day, in minutes after midnight (12 p.m. is noon, 12 a.m. midnight)
    found += [Quantity(_minutes(m), "clock", False, m.start(), m.end(), m.group()) for m in _CLOCK.finditer(text)]
    for match in _QUANTITY.finditer(text):
        if any(q.family == "clock" and q.start <= match.start("number") < q.end for q in found):
            continue
        quantity = _read(match, text)
        if quantity is not None:
            found.extend(_as_rank(quantity, text))
    for match in _ORDINAL_WORDS.finditer(text):
        found.append(Quantity(_ORDINALS[match.group(1).lower()], _ordinal_family(text, match.end()), False,
                              match.start(), match.end(), match.group()))
    for match in _SCALE_WORDS.finditer(text):
        if any(q.start <= match.start() < q.end for q in found):
            continue  # "two billion" was read above
        scale = {"dozens": 12.0}.get(match.group(1).lower(), _SCALES.get(match.group(1).lower()[:-1], 0.0))
        found.append(Quantity(scale, "", True, match.start(), match.end(1), match.group(1)))
    return found


def _minutes(clock: re.Match) -> float:
    hours, minutes, half = int(clock.group(1)), int(clock.group(2)), (clock.group(3) or "").lower()
    if half:
        hours = hours % 12 + (12 if half == "p" else 0)
    return hours * 60 + minutes


_RANK_SIGN = re.compile(r"\b(?:No|Nos|Number)\.?\s*$|#\s*$")


def _as_rank(quantity: Quantity, text: str) -> list[Quantity]:
    """"No. 3", "#1": a place in a ranking, whatever noun follows ("the No. 3 position", "the No. 3 spot", "the No.
    3 man"), not a count of that noun; "No. 10-277" numbers a case or a document, and is no figure at all."""
    sign = _RANK_SIGN.search(text, 0, quantity.start)
    digits = re.match(r"\d+(?:,\d{3})*", quantity.text)
    if sign is None or digits is None:
        return [quantity]
    end = quantity.start + digits.end()
    if re.match(r"[-/.]\d", text[end:]):
        return []
    rank = float(digits.group().replace(",", ""))
    return [Quantity(rank, "rank", False, sign.start(), end, text[sign.start() : end])]


# What an ordinal counts from: an event or a date ("the first black senator since Edward Brooke") or a stretch
# of time ("the second time in a week").
_ORDINAL_SPAN = re.compile(
    r"[\s-]*(?:[A-Za-z']+[\s-]+){0,4}?(?:since\s+(?:the\s+)?(?P<since>[\w']+(?:\s+(?-i:[A-Z])[\w']*)*)"
    r"|in\s+(?:(?:a|an|the|almost|nearly|about|more\s+than|over)\s+)?(?P<stretch>(?:[\w,]+\s+)?"
    r"(?:day|week|month|year|decade|century|generation)s?)\b)", re.I)


def _ordinal_family(text: str, end: int) -> str:
    """Ordinals count something: "third term" and "fourth term" compare, "first campaign" and "second-term" not.
    Counted from an event or within a stretch of time, they compare only with one counted from the same: "the
    first black senator since Edward Brooke" is "the second black senator, after Edward Brooke"; "the first time
    in weeks" and "the second time in a week" count over two different stretches."""
    following = re.match(r"[\s-]*([A-Za-z]+)", text[end:])
    family = "ordinal:" + (following.group(1).lower() if following else "")
    span = _ORDINAL_SPAN.match(text[end:])
    if span is None:
        return family
    return f"{family} since {span.group('since').lower()}" if span.group("since") else \
        f"{family} in {' '.join(span.group('stretch').lower().split())}"


_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s*$", re.I)


def _part_of_a_date(match: re.Match, text: str) -> bool:
    """"19 Sept." is part of a date, compared as a date, not a count (but in "the 19 Sept. 11 hijackers" the
    month has its own day, and 19 counts); the halves of "9/11" are read with the whole. A slash before a word is
    "per" ("$630/month"): the figure counts."""
    start, end = match.start("number"), match.end("number")
    unit = match.group("unit") or ""
    if unit and unit[0].isupper() and unit.lower() in MONTHS:
        return not re.match(r"\.?\s*\d{1,2}\b", text[match.end("unit") :])
    return bool(re.search(r"\d/$", text[max(0, start - 2) : start]) or re.match(r"/\d", text[end : end + 2]))


def _day_of_month(match: re.Match, text: str) -> Quantity | None:
    """"Sept. 11": the day of a date, counted as a day (so "Sept. 11 hijackers" counts no hijackers)."""
    start, end = match.start("number"), match.end("number")
    month = _MONTH_BEFORE.search(text[max(0, start - 12) : start])
    if not (month and month.group()[0].isupper() and len(match.group("number")) <= 2):
        return None
    first = max(0, start - 12) + month.start()
    return Quantity(float(match.group("number")), "day", False, first, end, text[first:end])


def _read(match: re.Match, text: str) -> Quantity | None:
    raw = match.group("number")
    value = _number_value(raw)
    if value is None or (raw[0].isdigit() and _part_of_a_date(match, text)):
        return None
    if raw.isdigit() and (day := _day_of_month(match, text)):
        return day
    word_number = not raw[0].isdigit()
    base = value  # the numeral as written; scale words and unit conversion multiply its precision too
    unit = (match.group("unit") or "").lower()
    scale = match.group("scale")
    if scale:
        value *= _SCALES[scale.lower()]
    if unit in _SCALES and not scale:
        value *= _SCALES[unit]
        unit = ""
    start, end = match.start("number"), match.end()
    if match.group("ordinal"):
        return Quantity(value, _ordinal_family(text, match.end("ordinal")), False, start, match.end("ordinal"),
                        text[start : match.end("ordinal")])
    if raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100 and not match.group("currency") and unit not in ("%", "percent"):
        return None  # a year: compared as a date
    hyphenated = text[match.end("number") : match.end("number") + 1] == "-"
    if word_number and hyphenated and _singular(unit) not in _TIME_UNITS and not unit.endswith(("s", "%")):
        return None  # "two-way trade", "one-sided": an adjective, not a count ("thirty-day" still is one)
    family, value = _family(unit, match.group("currency"), value, text, match)
    if family is None or match.group("currency"):
        end = match.end("scale") if scale else match.end("number")
        family = family or ""
    if match.group("currency"):
        start = match.start("currency")
    bound_words = _bound_before(text, start)
    bound = _BOUND_OF[bound_words.group(1).lower()] if bound_words else None
    approximate = bound is not None or word_number and value in (0.5, 12)
    duration_unit = _singular(unit) if family == "duration" else ""
    step = _precision(raw, bound) * (value / base if base else 1.0)
    low, high = _range(value, step, bound)
    return Quantity(value, family, approximate, start, end, text[start:end].strip(), duration_unit, low, high, bound)


@lru_cache(maxsize=4096)  # asked for each changed stretch of each pair a claim is judged in
def figure_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """Where the words bounding a figure stand ("roughly" of "roughly 35 percent", "almost" of "almost 1,000
    days"): they say how exact the figure is, which the figure check compares, not how sure the claim is."""
    bounds = (_bound_before(text, q.start) for q in quantities(text) if q.approximate)
    return tuple(match.span(1) for match in bounds if match)


def as_written(text: str, quantity: Quantity) -> str:
    """The figure as the claim gives it, with the words that bound it ("at least 12 people", "roughly $141
    million"): what a reader compares."""
    bound = _bound_before(text, quantity.start) if quantity.bound else None
    return text[bound.start(1) if bound else quantity.start : quantity.end].strip()


def _bound_before(text: str, start: int) -> re.Match | None:
    """The words right before the figure at `start` that say what it bounds ("about", "almost"), matched in
    `text` itself, so that their span is theirs in it."""
    return _APPROX.search(text, max(0, start - 30), start)


def _precision(raw: str, bound: str | None) -> float:
    """The place of a figure's last significant digit, in its own units: "141" 1, "1.5" 0.1, "two" 1. Trailing
    zeros count as written ("50,000 pages" is a count), unless a word before the figure says it is rounded
    ("about 40" is rounded to the ten)."""
    if not raw[0].isdigit():
        return 1.0
    digits = raw.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    if bound is not None:
        trailing = len(digits) - len(digits.rstrip("0"))
        return 10.0 ** min(trailing, len(digits) - 1)
    return 1.0


def _range(value: float, step: float, bound: str | None) -> tuple[float, float]:
    if bound == _UNDER:
        return value - min(step, NEARLY_SHARE * abs(value)), value
    if bound == _FLOOR:
        return value, math.inf
    if bound == _CEILING:
        return 0.0, value
    if bound is None:
        # A figure no word marks as rounded is read as exact to a tenth at most: "$1 million" is not "$500,000"
        # or "$1.5 million", though one significant digit alone would allow both; "$43 million" still covers
        # "$43.4 million".
        step = min(step, 2 * ROUNDING_SHARE * abs(value))
    return value - step / 2, value + step / 2


def _family(unit: str, currency: str | None, value: float, text: str, match: re.Match) -> tuple[str | None, float]:
    if currency:
        return f"money:{_CURRENCIES[currency]}", value
    if unit in ("%", "percent", "per cent"):
        return "percent", value
    if unit.startswith("percentage point"):
        return "points", value
    if unit in MONTHS:
        return None, value  # "the 19 Sept. 11 hijackers": the month begins a date, it is not what is counted
    singular = _singular(unit)
    if singular in _TIME_UNITS:
        return "duration", value * _TIME_UNITS[singular]
    if singular in _CURRENCIES:
        return f"money:{_CURRENCIES[singular]}", value
    if unit and unit.isalpha() and unit not in {"and", "or", "of", "to", "in", "on", "at", "the", "a", "for", "by"}:
        return singular, value
    return None, value


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def number_value(word: str) -> float | None:
    """The value of a number written in digits or words ("2", "two", "twenty-one"), else None."""
    return _number_value(word) if word and (word[0].isdigit() or word.lower().split("-")[0] in _UNITS) else None


def _number_value(raw: str) -> float | None:
    raw = raw.lower().strip()
    if raw[0].isdigit():
        # Grouped by thousands, or in India by two digits above the thousands ("2,06,737" is 206,737).
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d{1,2}(,\d\d)+,\d{3}(\.\d+)?", raw):
            raw = raw.replace(",", "")
        elif "," in raw:
            return None  # "3,4" is ambiguous; skip rather than guess
        try:
            return float(raw)
        except ValueError:
            return None
    total = 0.0
    for part in re.split(r"[- ]", raw):
        if part not in _UNITS:
            return None
        total = total * _UNITS[part] if part == "dozen" and total else total + _UNITS[part]  # "two dozen" is 24
    return total


@dataclass(frozen=True)
class DateParts:
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    text: str
    direction: int | None = None  # told from the day of writing: -1 before it ("last week"), 1 after ("tomorrow")
    # The calendar month or year told from the day of writing, as (unit, offset): "this month" ("month", 0),
    # "last year" ("year", -1).
    calendar: tuple[str, int] | None = None

    def conflicts(self, other: "DateParts") -> bool:
        pairs = [(self.year, other.year), (self.month, other.month), (self.day, other.day),
                 (self.weekday, other.weekday)]
        if self.day is not None and other.day is not None and (self.month is None or other.month is None):
            pairs.remove((self.day, other.day))  # "7" alone could be any month
        # "last week" / "next week": one before the day of writing, one after. ("yesterday" / "today" may both be
        # right, written a day apart.)
        opposite = self.direction is not None and other.direction is not None and self.direction * other.direction < 0
        return opposite or _calendars_conflict(self.calendar, other.calendar) or \
            any(x is not None and y is not None and x != y for x, y in pairs)


def _calendars_conflict(a: tuple[str, int] | None, b: tuple[str, int] | None) -> bool:
    """"this month" / "last month", "this year" / "last year": another month or year told from the day of
    writing. "This month" lies in this year, so it is not last year or next; "last month" may be last year (in
    January), and is compared with months only. (Two articles written across the turn of a month or a year are
    left aside, as "last week" / "next week" leave aside articles written a week apart.)"""
    if a is None or b is None:
        return False
    if a[0] == b[0]:
        return a[1] != b[1]
    month, year = (a, b) if a[0] == "month" else (b, a)
    return month[1] == 0 and year[1] != 0


# Days told from the day of writing; "last" / "next" before a span or a weekday, not "the last week" (a span
# reaching to the day of writing).
_RELATIVE_DAYS = {"yesterday": -1, "tomorrow": 1}
_RELATIVE = re.compile(r"(?<!\bthe )\b(last|next)\s+(week|weekend|month|year|spring|summer|fall|autumn|winter|"
                       r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_CALENDAR = re.compile(r"(?<!\bthe )\b(this|last|next)\s+(month|year)\b", re.I)
_CALENDAR_OFFSETS = {"this": 0, "last": -1, "next": 1}


def date_parts(text: str) -> DateParts | None:
    words = re.findall(r"[A-Za-z]+|\d+", text)
    year = month = day = weekday = None
    for word in words:
        lower = word.lower()
        if lower in MONTHS and not (lower == "may" and word.islower()) and not (lower == "mar" and word.islower()):
            month = MONTHS[lower]
        elif lower in WEEKDAYS:
            weekday = WEEKDAYS[lower]
        elif word.isdigit():
            number = int(word)
            if 1800 <= number <= 2100:
                year = number
            elif 1 <= number <= 31:
                day = number
    relative = _RELATIVE.search(text)
    direction = next((_RELATIVE_DAYS[w.lower()] for w in words if w.lower() in _RELATIVE_DAYS), None)
    if relative:
        direction = -1 if relative.group(1).lower() == "last" else 1
    told = _CALENDAR.search(text)
    calendar = (told.group(2).lower(), _CALENDAR_OFFSETS[told.group(1).lower()]) if told else None
    if year is None and month is None and weekday is None and direction is None and calendar is None:
        return None
    return DateParts(year, month, day, weekday, text, direction, calendar)
