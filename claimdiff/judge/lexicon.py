"""Closed word classes the judge checks by name: negation, hedges, titles and roles, antonyms, dates, capitals, cities.

Small curated lists rather than a model: these classes are closed and well known, and a list makes every
verdict explainable ("fully" is a hedge; "fellow" and "researcher" are titles). The lists are data files in
`wordlists/`, each saying what fact of language or news it states and where it comes from; this module reads
them once, into read-only sets and mappings.
"""

from __future__ import annotations

from importlib.resources import files
from types import MappingProxyType
from typing import Mapping

from claimdiff.language.numbers import ENGLISH_MONTHS, ENGLISH_WEEKDAYS

_WORDLISTS = files("claimdiff.judge") / "wordlists"


def _lines(name: str) -> list[list[str]]:
    """The words of each line of a word list, comments (#) and blank lines left out."""
    text = (_WORDLISTS / name).read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(word for line in _lines(name) for word in line)


def _pairs(name: str) -> list[tuple[str, str]]:
    return [(line[0], line[1]) for line in _lines(name)]


def sections(name: str) -> dict[str, list[tuple[str, ...]]]:
    """[section] headings, each followed by its lines (each a tuple of words)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    current: list[tuple[str, ...]] = []
    for line in _lines(name):
        if len(line) == 1 and line[0].startswith("[") and line[0].endswith("]"):
            current = found.setdefault(line[0][1:-1], [])
        else:
            current.append(tuple(line))
    return found


NEGATIONS = _words("negations.txt")
NEGATING_VERBS = _words("negating_verbs.txt")
HEDGES = _words("hedges.txt")
EMPHATICS = _words("emphatics.txt")
PROSPECTIVE = _words("prospective.txt")
EXPECTED_ACTS = _words("expected_acts.txt")
SYMMETRIC_VERBS = _words("symmetric_verbs.txt")
APPROXIMATORS = _words("approximators.txt")
TITLES = _words("titles.txt")
TITLE_ABBREVIATIONS: Mapping[str, str] = MappingProxyType(dict(_pairs("title_abbreviations.txt")))
TITLE_RANKS = _words("title_ranks.txt")
GENERIC_TITLES = _words("generic_titles.txt")
COLOURS = _words("colours.txt")
DETAIL_CLASSES: Mapping[str, tuple[frozenset[str], ...]] = MappingProxyType(
    {kind: tuple(frozenset(line) for line in lines) for kind, lines in sections("detail_classes.txt").items()})
# word -> (class, meaning number)
DETAIL_WORDS: Mapping[str, tuple[str, int]] = MappingProxyType(
    {word: (kind, n) for kind, meanings in DETAIL_CLASSES.items() for n, meaning in enumerate(meanings)
     for word in meaning})
KIN = _words("kin.txt")
_COUNTERPART_PAIRS = _pairs("counterparts.txt") + [(x, y) for n, x in enumerate(sorted(KIN))
                                                   for y in sorted(KIN)[n + 1 :]]
_ANTONYM_PAIRS = _pairs("antonyms.txt")
PARTY_LETTERS: Mapping[str, str] = MappingProxyType(dict(_pairs("party_letters.txt")))
PARTIES = _words("parties.txt")
PLACE_ABBREVIATIONS: Mapping[str, str] = MappingProxyType(dict(_pairs("place_abbreviations.txt")))


def _both_ways(pairs: list[tuple[str, str]]) -> Mapping[str, frozenset[str]]:
    """Each word of the pairs with the words it is paired with, either way round (read-only)."""
    out: dict[str, set[str]] = {}
    for x, y in pairs:
        out.setdefault(x, set()).add(y)
        out.setdefault(y, set()).add(x)
    return MappingProxyType({word: frozenset(others) for word, others in out.items()})


COUNTERPARTS = _both_ways(_COUNTERPART_PAIRS)
ANTONYMS = _both_ways(_ANTONYM_PAIRS)

_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")


def base_forms(word: str) -> set[str]:
    """The word and the verbs it may be a participle of: the tagger lemmatises "thriving" as an adjective, but
    as an opposite of "struggling" it is the verb "thrive"."""
    forms = {word}
    for ending in ("ing", "ed"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            forms |= {stem, stem + "e"}
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # "stopped" -> "stop"
    return forms


def are_antonyms(x: str, y: str) -> bool:
    """Listed antonyms, or one word the negated form of the other ("likely"/"unlikely", "legal"/"illegal")."""
    if any(y_form in ANTONYMS.get(x_form, ()) for x_form in base_forms(x) for y_form in base_forms(y)):
        return True
    for prefix in _NEGATING_PREFIXES:
        for short, long in ((x, y), (y, x)):
            if len(short) >= 4 and short.isalpha() and long in (prefix + short, prefix + "-" + short):
                return True  # not "3" / "in-3" ("1-in-3 chance")
    return False


MONTHS, WEEKDAYS = ENGLISH_MONTHS, ENGLISH_WEEKDAYS  # kept with the readers of dates in several languages


def _capitals() -> Mapping[str, frozenset[str]]:
    """Each capital with the words that name its country: news names a government by its capital ("Beijing
    said", "Moscow denied"), so the two are one actor, not two names."""
    countries: dict[str, set[str]] = {}
    for line in _lines("capitals.txt") + _lines("capital_aliases.txt"):
        countries.setdefault(line[0], set()).update(line[1:])
    return MappingProxyType({capital: frozenset(words) for capital, words in countries.items()})


CAPITALS = _capitals()


def _cities() -> Mapping[str, frozenset[str]]:
    """Whole city names, some of several words ("rancho mirage") -> the countries and US states they lie in."""
    cities, region_sets = {}, {}  # most cities share their country and state with many others: one set each
    for line in (_WORDLISTS / "cities.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, regions = line.partition("\t")
            if regions not in region_sets:
                region_sets[regions] = frozenset(r for r in regions.split(",") if r)
            cities[name.strip()] = region_sets[regions]
    return MappingProxyType(cities)


CITIES = _cities()
