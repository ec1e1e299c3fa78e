"""Figures, calendar dates and clock times read in several languages, so that "2,5 млн", "250万" and "2.5 million"
are one value, "15 сентября", "9月15日" and "September 15" one date, and "11:30 p.m." and "23:30" one time.

Written here because the libraries read one side of this at a time: number-parser (English and Russian) and cn2an
(Chinese) read numbers written in words, and are used for them below; dateparser reads whole date expressions and
pint units written in English symbols. News figures across languages are mostly digits with each language's
separators, scale words and unit words, which is what this reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Languages that write a decimal comma ("2,5") and group thousands with a space or a dot ("1 000", "1.000").
DECIMAL_COMMA = frozenset({"ru", "de", "fr", "es", "it", "pt", "pl", "tr", "nl"})

# Scale words after a figure, by language: the word (or its start) and the power of ten.
SCALES = {
    "en": [("thousand", 3), ("lakh", 5), ("million", 6), ("mln", 6), ("crore", 7), ("billion", 9), ("bn", 9),
           ("trillion", 12)],
    "ru": [("тыс", 3), ("млн", 6), ("миллион", 6), ("млрд", 9), ("миллиард", 9), ("трлн", 12), ("триллион", 12)],
    "zh": [("万亿", 12), ("千万", 7), ("百万", 6), ("亿", 8), ("万", 4), ("千", 3)],
}
# A figure stands apart from Latin and Cyrillic letters ("A320" is a name), not from Chinese characters ("达250万").
# Digits are grouped by three, or in India by two above the thousands ("2,06,737" is 206,737). Digits joined to a
# word by a hyphen are part of a name ("Covid-19", "F-16", "MH-17").
_DIGITS = re.compile(r"(?<![0-9A-Za-zА-Яа-яЁё.,])(?<![A-Za-zА-Яа-яЁё]-)"
                     r"(?:\d{1,2}(?:,\d\d)+,\d{3}(?!\d)|\d+(?:[ \u00a0\u202f.,]\d{3})*)(?:[.,]\d+)?(?![\d])")
# One separator before three digits and nothing after: "60,000" groups thousands as English writes them, or, in a
# language that writes decimals with a comma, marks three decimals (and "60.000" the other way round).
# Translations into such languages often keep the English figure as it was written, so both readings are kept
# (see Figure.readings).
_AMBIGUOUS = re.compile(r"\d{1,3}[.,]\d{3}")

# English month names and the abbreviations news uses, with their numbers (the judge's English reader uses them too).
ENGLISH_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
ENGLISH_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
                    "sunday": 7}
# Stems that every case of a Russian month's name begins with ("сентября", "сентябре", "сентябрь").
RUSSIAN_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
                  "декабр"]
_FULL_MONTHS = sorted({max((k for k, v in ENGLISH_MONTHS.items() if v == n), key=len) for n in range(1, 13)},
                      key=ENGLISH_MONTHS.get)
_EN_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in sorted(ENGLISH_MONTHS, key=len, reverse=True))
                       + r")\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?")
_EN_DAY_FIRST = re.compile(r"\b(\d{1,2})\s+(" + "|".join(m.capitalize() for m in _FULL_MONTHS) + r")\b")
_RU_DATE = re.compile(r"\b(?:(\d{1,2})\s+)?(январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]\b|июн\w*|июл\w*|август\w*|"
                      r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)", re.IGNORECASE)
_ZH_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


# Money written the short way: "£10m", "$2.5bn", "€40k" (after a currency sign only: "10m" alone may be metres).
_CURRENCY = "$£€¥₽"
_SHORT_SCALES = {"k": 3, "m": 6, "mn": 6, "b": 9, "bn": 9, "tn": 12}
_SHORT_SCALE = re.compile(r"(k|mn|m|bn|b|tn)\b", re.IGNORECASE)

# Units of measurement as news writes them in English, Russian and Chinese: (pattern, dimension, size in the
# dimension's metric unit). A translation may convert a measurement (90 degrees Fahrenheit is 32.2 °C, 5 miles
# 8 km); a figure with its unit is compared with the other side's in metric units. Pounds are left out: "pounds"
# and "фунтов" are as often sterling. Plain "degrees" may be either scale: see Figure.in_metric.
_UNITS = [
    (r"°?\s?f\b|degrees? fahrenheit|fahrenheit|华氏度|градус\w* по фаренгейту", "temperature", "F"),
    (r"°?\s?c\b|degrees? celsius|celsius|摄氏度|градус\w* (?:по )?цельси\w*", "temperature", "C"),
    (r"°|degrees?|градус\w*|度", "temperature", "?"),
    (r"miles?|英里|мил[ьия]\w*", "length", 1609.344),
    (r"feet|foot|ft\b|英尺|фут\w*", "length", 0.3048),
    (r"inch(?:es)?|英寸|дюйм\w*", "length", 0.0254),
    (r"yards?|码|ярд\w*", "length", 0.9144),
    (r"kilomet\w*|km\b|公里|千米|километр\w*|км\b", "length", 1000.0),
    (r"centimet\w*|cm\b|厘米|сантиметр\w*|см\b", "length", 0.01),
    (r"met(?:re|er)s?\b|m\b|米|метр\w*|м\b", "length", 1.0),
    (r"lbs?\b|ounces?|oz\b|盎司|унци\w*", "mass", "ounce-or-pound"),
    (r"kilograms?|kg\b|公斤|千克|килограмм\w*|кг\b", "mass", 1.0),
    (r"tonnes?|tons?|吨|тонн\w*", "mass", 1000.0),
    (r"gallons?|加仑|галлон\w*", "volume", 3.785411784),
    (r"lit(?:re|er)s?|升|литр\w*", "volume", 1.0),
    (r"acres?|英亩|акр\w*", "area", 4046.8564224),
    (r"hectares?|公顷|гектар\w*", "area", 10000.0),
    (r"mph\b|miles? per hour|英里/小时|миль в час", "speed", 1.609344),
    (r"km/h|kph|公里/小时|километр\w* в час|км/ч", "speed", 1.0),
]
_UNIT_PATTERNS = [(re.compile(r"[\s-]?(?:" + pattern + ")", re.IGNORECASE), dimension, size)
                  for pattern, dimension, size in _UNITS]
_MASS_IMPERIAL = {"lb": 0.45359237, "lbs": 0.45359237, "ounce": 0.028349523, "ounces": 0.028349523, "oz": 0.028349523,
                  "盎司": 0.028349523}


@dataclass(frozen=True)
class Figure:
    value: float
    text: str  # as written, with its scale word
    dimension: str | None = None  # of its unit of measurement ("length", "temperature", ...), None for a count
    size: float | str | None = None  # the unit in the dimension's metric unit; "F", "C" or "?" for degrees
    alternative: float | None = None  # the other reading of an ambiguous separator ("60,000" in Russian)
    start: int = 0  # where it stands in the text read

    @property
    def readings(self) -> tuple[float, ...]:
        """The values the figure may stand for: one, or two where its separator is ambiguous."""
        return (self.value,) if self.alternative is None else (self.value, self.alternative)

    def in_metric(self) -> list[float]:
        """The measurement in the dimension's metric unit (degrees Celsius for temperature); both readings for
        degrees of an unnamed scale."""
        if self.size in ("F", "C", "?"):
            readings = (("C", self.value), ("F", (self.value - 32) * 5 / 9))
            return [value for scale, value in readings if self.size in (scale, "?")]
        return [self.value * float(self.size)] if self.size is not None else [self.value]


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


# A clock time: "11:30", "23:30", "0200 GMT" (hours and minutes run together before a time zone).
_TIME = re.compile(r"(?<![\d.,])(\d{1,2})[:.](\d{2})(?!\d)|(?<!\d)([01]\d|2[0-3])([0-5]\d)\s*(?=GMT|UTC)"
                   r"|(?<![\d.,])(\d{1,2})\s*点(?:\s*(\d{1,2})\s*分|(半))?")  # Chinese: "8 点", "8 点 30 分", "8 点半"


@dataclass(frozen=True)
class ClockTime:
    minutes: int  # after midnight, or after noon: a time is compared on a 12-hour dial ("11:30 p.m." is "23:30")
    text: str


def read_times(text: str) -> list[ClockTime]:
    """The clock times of `text`, on a 12-hour dial: whether a translation writes "p.m.", "вечера" or "晚上" or
    counts to 24, the same time reads the same."""
    times = []
    for match in _time_matches(text):
        hours, minutes = _hours_minutes(match)
        times.append(ClockTime((hours % 12) * 60 + minutes, match.group()))
    return times


def _hours_minutes(match: re.Match) -> tuple[int, int]:
    if match.group(1):
        return int(match.group(1)), int(match.group(2))
    if match.group(3):
        return int(match.group(3)), int(match.group(4))
    return int(match.group(5)), 30 if match.group(7) else int(match.group(6) or 0)


def _time_matches(text: str) -> list[re.Match]:
    """What reads as a clock time; "29:13" (a score) does not."""
    def valid(match: re.Match) -> bool:
        hours, minutes = _hours_minutes(match)
        return hours <= 24 and minutes < 60

    return [match for match in _TIME.finditer(text) if valid(match)]


def read_figures(text: str, language: str) -> list[Figure]:
    """The figures of `text` with their scale words; years, the days of dates and clock times are not figures."""
    dates = _date_matches(text, language)
    taken = [(m.start(), m.end()) for m in dates] + [(start, end) for start, end, _ in _range_days(text, dates)] + \
        [(m.start(), m.end()) for m in _time_matches(text)]
    figures, spans = [], []
    for match in _DIGITS.finditer(text):
        if any(start <= match.start() < end for start, end in taken) or _YEAR.fullmatch(match.group()):
            continue
        value = _value(match.group(), language)
        if value is None:
            continue
        rest = text[match.end():]
        power, length = _scale(rest, language)
        if not power and match.start() and text[match.start() - 1] in _CURRENCY and \
                (short := _SHORT_SCALE.match(rest)):
            power, length = _SHORT_SCALES[short.group(1).lower()], short.end()
        dimension, size = _unit(text, match.end() + length)
        other = _other_reading(match.group(), language)
        figures.append(Figure(value * 10 ** power, text[match.start() : match.end() + length].strip(), dimension,
                              size, None if other is None else other * 10 ** power, match.start()))
        spans.append((match.start(), match.end() + length, power))
    return _ranges_scaled(text, figures, spans)


# What stands between the two ends of a range.
_RANGE = re.compile(r"\s*(?:-|–|—|to|до|到|至)\s*$")


def _ranges_scaled(text: str, figures: list[Figure], spans: list[tuple[int, int, int]]) -> list[Figure]:
    """A range writes its scale word and its unit once, after its second end ("600–700 тысяч", "600 to 700
    million", "5-10 acres"): the first end takes them too."""
    out = list(figures)
    for k in range(len(figures) - 1):
        (_, end, power), (next_start, _, next_power) = spans[k], spans[k + 1]
        if not _RANGE.match(text[end:next_start]):
            continue
        figure, second = figures[k], figures[k + 1]
        scale = 10 ** next_power if power == 0 else 1
        alternative = None if figure.alternative is None else figure.alternative * scale
        dimension, size = (figure.dimension, figure.size) if figure.dimension else (second.dimension, second.size)
        out[k] = Figure(figure.value * scale, figure.text, dimension, size, alternative, figure.start)
    return out


def read_dates(text: str, language: str) -> list[CalendarDate]:
    """The calendar dates of `text`: month and day where given, and years standing alone."""
    matches = _date_matches(text, language)
    dates = [_date_of(match, language) for match in matches]
    for start, end, k in _range_days(text, matches):
        date = dates[k]
        dates.append(CalendarDate(date.year, date.month, int(re.sub(r"\D", "", text[start:end])), text[start:end]))
    covered = [(m.start(), m.end()) for m in matches]
    for match in _YEAR.finditer(text):
        if not any(start <= match.start() < end for start, end in covered):
            dates.append(CalendarDate(int(match.group()), None, None, match.group()))
    return dates


# A range of days writes its month once: "August 9-10", "9 и 10 августа", "8 月 9 日至 10 日". The bare end is a day
# of that month, not a figure. After the date only a dash or "to" joins them: in "June 19 and 20 people" the 20
# counts people.
_DAY_AFTER = re.compile(r"\s*(?:-|–|—|to|по|до|到|至)\s*(\d{1,2})(?:\s*[日号])?(?!\d)")
_DAY_BEFORE = re.compile(r"(?<![\d.,])(\d{1,2})\s*(?:-|–|—|to|and|и|по|до)\s*$")


def _range_days(text: str, matches: list[re.Match]) -> list[tuple[int, int, int]]:
    """The bare days that end a range of days with one of the dates matched: (start, end, index of the date).
    A number that is part of another date ("June 19 to July 11", "26 мая по 5 июня") is not one."""
    found = []
    for k, match in enumerate(matches):
        if after := _DAY_AFTER.match(text, match.end()):
            found.append((after.start(1), after.end(), k))
        if before := _DAY_BEFORE.search(text[: match.start()]):
            found.append((before.start(1), before.end(1), k))
    return [(start, end, k) for start, end, k in found
            if not any(m.start() < end and start < m.end() for m in matches)]


def _unit(text: str, position: int) -> tuple[str | None, float | str | None]:
    """The unit of measurement right after a figure, if any: its dimension and size (see _UNITS)."""
    for pattern, dimension, size in _UNIT_PATTERNS:
        match = pattern.match(text, position)
        if match:
            if size == "ounce-or-pound":
                size = _MASS_IMPERIAL.get(match.group().strip(" -").lower(), 0.45359237)
            return dimension, size
    return None, None


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
        month = next(n for n, stem in enumerate(RUSSIAN_MONTHS, 1) if name.startswith(stem))
        return CalendarDate(None, month, int(match.group(1)) if match.group(1) else None, match.group())
    first, second = match.group(1), match.group(2)
    if first.isdigit():  # "15 September"
        return CalendarDate(None, _english_month(second), int(first), match.group())
    return CalendarDate(None, _english_month(first), int(second) if second else None, match.group())


def _english_month(name: str) -> int:
    return ENGLISH_MONTHS[name.lower().rstrip(".")]


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


def _other_reading(digits: str, language: str) -> float | None:
    """The value of an ambiguous "60,000" read with the other convention's separators (see _AMBIGUOUS). A language
    that writes decimals with a point never writes them with a comma: there "1,200" is twelve hundred."""
    if not _AMBIGUOUS.fullmatch(digits) or ("," in digits and language not in DECIMAL_COMMA):
        return None
    other = "en" if language in DECIMAL_COMMA else "ru"
    value, alternative = _value(digits, language), _value(digits, other)
    return alternative if alternative != value else None


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


# Numbers written in words: number-parser reads English and Russian ones; Chinese numerals are read by cn2an where a
# classifier follows them (Chinese counts with a classifier: "七天", "两名", "十二个"), which tells a count from a
# word that merely contains a numeral character ("统一", "十分").
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CONNECTORS = {"en": {"and"}, "ru": {"и"}}
_ZH_NUMERAL = re.compile(r"(?<![零一二两三四五六七八九十百千万亿第])[零一二两三四五六七八九十百千万亿]+"
                         r"(?=个|名|位|人|次|天|年|岁|场|项|家|座|只|条|架|辆|艘|枚|颗|件|份|倍|周|小时|分钟|秒"
                         r"|[到至][零一二两三四五六七八九十])")  # or the first end of a range: "二到四周"
# "One" and its kin stand for "a" or "someone" as often as for the number: a figure of one is not read from words.
_SPELLED_MINIMUM = 2
# A count before the name of a fraction is its numerator, not a count: "two thirds", "three-quarters", "две трети".
# Fractions are not read (Chinese writes them "三分之二", which the numeral reader leaves alone): a fraction one
# translation gives as "a third" and another as "33%" would read as two figures.
_DENOMINATORS = {
    "en": re.compile(r"(?:half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)$"),
    "ru": re.compile(r"(?:треть|трети|третей|четверть|четверти|четвертей|(?:пят|шест|седьм|восьм|девят|десят)"
                     r"(?:ая|ых))$"),
}


def read_spelled(text: str, language: str) -> list[Figure]:
    """Counts written in words ("seven", "два процента", "七天"), from two up."""
    if language == "zh":
        return [f for f in (_chinese_numeral(m) for m in _ZH_NUMERAL.finditer(text)) if f is not None]
    if language not in _CONNECTORS:
        return []
    from number_parser import parse_number

    def number(word: str):
        try:
            return parse_number(word, language=language)
        except ValueError:  # number-parser fails on some letters of other scripts ("万" read as English)
            return None

    title_case = _title_case(text)
    figures, run = [], []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if not run and _is_scale_word(word, number):
            continue  # "several hundred", "1.35 million": a scale word does not start a count
        if _in_a_name(match, title_case):
            figures += _spelled_run(run, number)
            run = []
            continue
        parts = word.split("-")
        if len(parts) == 2 and number(parts[0]) is not None and _is_denominator(parts[1], language):
            figures += _spelled_run(run, number)  # "two-thirds"
            run = []
            continue
        if len(parts) > 1 and number(word) is None and all(number(part) is not None for part in parts):
            figures += _spelled_run(run, number)  # a range: "две-четыре" is two and four
            figures += [f for part in parts for f in _spelled_run([(match, part)], number)]
            run = []
            continue
        head = parts[0] if number(word) is None else word
        if number(head) is not None:
            run.append((match, head))
        elif run and word in _CONNECTORS[language] and text[run[-1][0].end() : match.start()].strip() == "":
            continue
        elif run and _is_denominator(word, language):
            run = []
        else:
            figures += _spelled_run(run, number)
            run = []
    return figures + _spelled_run(run, number)


def _title_case(text: str) -> bool:
    """A headline in title case ("Police Say Five Killed"), where every word is capitalised."""
    words = _WORD.findall(text)
    return len(words) > 2 and sum(w[0].isupper() for w in words) > len(words) / 2


def _in_a_name(match: re.Match, title_case: bool) -> bool:
    """A number word capitalised inside a sentence is part of a name ("the Five Eyes countries", "в Пять глаз"),
    not a count."""
    before = match.string[: match.start()].rstrip()
    return match.group()[0].isupper() and not title_case and bool(before) and before[-1] not in ".!?:;\"“”«»'‘’—–-("


def _is_denominator(word: str, language: str) -> bool:
    return language in _DENOMINATORS and bool(_DENOMINATORS[language].match(word))


def _is_scale_word(word: str, number) -> bool:
    value = number(word)
    return value is not None and value >= 100 and str(value).strip("0") == "1"


def _spelled_run(run: list, number) -> list[Figure]:
    if not run:
        return []
    value = number(" ".join(head for _, head in run))
    if value is None or value < _SPELLED_MINIMUM:
        return []
    text = run[0][0].string[run[0][0].start() : run[-1][0].end()]
    return [Figure(float(value), text, start=run[0][0].start())]


def _chinese_numeral(match: re.Match) -> Figure | None:
    import cn2an

    try:
        value = cn2an.cn2an(match.group(), "smart")
    except (ValueError, KeyError):
        return None
    return Figure(float(value), match.group(), start=match.start()) if value >= _SPELLED_MINIMUM else None
