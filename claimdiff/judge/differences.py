"""Typed differences between two claims that report the same thing.

The claims are aligned word by word; each changed stretch is checked for what a fact-checker can verify: a
number, a date, a name, a title or role, a place, the words inside quotation marks, a negation, an antonym or a
hedge. Rewording outside those classes ("visited" / "went to") is paraphrase and is not reported, and neither is
a detail that only one side gives (an added date or place is elaboration, not a conflict).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz

from claimdiff.judge.lexicon import (APPROXIMATORS, CAPITALS, CITIES, COLOURS, COUNTERPARTS, DETAIL_WORDS,
                                     EMPHATICS, EXPECTED_ACTS, GENERIC_TITLES, HEDGES, KIN, NEGATING_VERBS, NEGATIONS,
                                     PARTIES, PLACE_ABBREVIATIONS, TITLE_ABBREVIATIONS, TITLE_RANKS, TITLES,
                                     are_antonyms)
from claimdiff.judge.values import Quantity, as_written, date_parts, figure_bounds, number_value, quantities
from claimdiff.judge.words import Analysis, Change, Word, align_words, fold, party_tag_states
from claimdiff.language.names import without_accents
from claimdiff.model import Difference
from claimdiff.language.speech import SPEECH_VERBS
from claimdiff.language.states import STATE_FULL_NAMES, STATE_NAMES

NAME_LABELS = {"PERSON", "ORG", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAMED_LABELS = NAME_LABELS | PLACE_LABELS
DATE_LABELS = {"DATE", "TIME"}
NUMBER_LABELS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
MAX_TYPED_CHANGE = 6  # longer rewrites are a different sentence structure, not one swapped detail
MIN_ANCHOR = 2  # a swapped detail sits inside shared wording: at least this many matching words around it
MIN_SHARED_WORDING = 0.4  # word-by-word checks need claims worded alike: this share of the shorter one matched
NEAR_IDENTICAL = 0.6  # claims this alike have every changed stretch in place, however few words surround it
MAX_HEDGE_CHANGE = 3  # "supports" / "fully supports": a hedge is a small change in otherwise equal wording


def find_differences(a: Analysis, b: Analysis, speaker_a: str | None = None, speaker_b: str | None = None,
                     restated: tuple[Analysis, Analysis] | None = None) -> list[Difference]:
    """The typed differences of two claims as written. `restated`: the claims restated to stand alone, which name
    the subject a statement cut from its sentence leaves implicit ("defeating Barbara Lee": "Rep. Loretta Sanchez
    defeating Barbara Lee"); the people they name are compared too."""
    changes, matches = align_words(a, b)
    found: list[Difference] = []
    shared = _shared_share(a, b, matches)
    if shared >= MIN_SHARED_WORDING:
        unmatched = _unmatched_words(a, b, matches)
        for change in changes:
            found.extend(_change_differences(a, b, change, unmatched, near_identical=shared >= NEAR_IDENTICAL))
        if shared >= NEAR_IDENTICAL and not any(d.kind == "detail" for d in found):
            found.extend(_spread_detail(a, b, matches))
    found.extend(_number_differences(a, b))
    if not any(d.kind == "date" for d in found):
        found.extend(date_differences(a, b))
    if _other_occurrences(a, b):
        # "marks the second time in a week the two have met" (Thursday) / "met for the first time in weeks"
        # (Sunday): two meetings, each on its own day.
        found = [d for d in found if d.kind != "date"]
    # A unit of time read as a duration ("month" / "year") inside two conflicting dates ("earlier this month" /
    # "last year") is the date's difference, named once.
    found = [d for d in found if not (d.kind == "detail" and any(
        x.kind == "date" and _has_words(x.a, d.a) and _has_words(x.b, d.b) for x in found))]
    if not any(d.kind == "place" for d in found):
        found.extend(place_differences(a, b))
    if shared >= NEAR_IDENTICAL and not any(d.kind == "negation" for d in found):
        found.extend(_negation_differences(a, b))
    if not any(d.kind == "quote" for d in found):
        found.extend(_quote_differences(a, b))
    if not any(d.kind == "hedge" for d in found):
        found.extend(_status_differences(a, b))
    if not any(d.kind == "name" for d in found):
        found.extend(_namesake_differences(*(restated or (a, b))))
    if any(d.kind == "negation" for d in found) and (_DENIAL.search(a.text) or _DENIAL.search(b.text)):
        # A claim that reports an assertion and denies it ("many have speculated that the White House offered
        # him the job; Bauer said that was never the case") asserts the negation the other claim gives.
        found = [d for d in found if d.kind != "negation"]
    attribution = _attribution_difference(a, b, speaker_a, speaker_b)
    if attribution:
        # The swapped name is the speaker's: one attribution difference says it all.
        found = [d for d in found if not (d.kind == "name" and d.a in attribution.a and d.b in attribution.b)]
        found.append(attribution)
    elif _two_people_quoted(a, b, speaker_a, speaker_b):
        # Each quotation is its own speaker's words, not one passage worded two ways (two spokespeople of one
        # campaign repeating a talking point).
        found = [d for d in found if d.kind != "quote"]
    return _unique(found)


def changed_words(a: Analysis, b: Analysis, most: int = 3) -> list[Difference]:
    """What differs where no typed check names it (kind `other`): the changed stretches of the word alignment
    that carry meaning on either side, the longest first. A word added or dropped is shown with the shared
    word after it."""
    changes, _ = align_words(a, b)
    stretches = []
    for change in changes:
        a_words = [w for w in a.words[change.a0 : change.a1] if not w.punct]
        b_words = [w for w in b.words[change.b0 : change.b1] if not w.punct]
        if not any(w.content for w in a_words + b_words):
            continue
        if not a_words or not b_words:
            texts = _with_next(a, change.a0, change.a1), _with_next(b, change.b0, change.b1)
        else:
            texts = a.span_text(change.a0, change.a1), b.span_text(change.b0, change.b1)
        stretches.append((len(a_words) + len(b_words), texts))
    stretches.sort(key=lambda s: -s[0])
    return [Difference("other", x, y) for _, (x, y) in stretches[:most]]


def _unmatched_words(a: Analysis, b: Analysis, matches: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """Each claim's words that the alignment left without a counterpart (the words of every changed stretch)."""
    matched_a, matched_b = {i for i, _ in matches}, {j for _, j in matches}
    return ([w.norm for i, w in enumerate(a.words) if i not in matched_a and not w.punct],
            [w.norm for j, w in enumerate(b.words) if j not in matched_b and not w.punct])


def _change_differences(a: Analysis, b: Analysis, change: Change, unmatched: tuple[list[str], list[str]],
                        near_identical: bool = False) -> list[Difference]:
    a_words = [w for w in a.words[change.a0 : change.a1] if not w.punct]
    b_words = [w for w in b.words[change.b0 : change.b1] if not w.punct]
    if change.a0 == change.a1 or change.b0 == change.b1:  # an insertion: show it before the shared next word
        a_text, b_text = _with_next(a, change.a0, change.a1), _with_next(b, change.b0, change.b1)
    else:
        a_text, b_text = a.span_text(change.a0, change.a1), b.span_text(change.b0, change.b1)
    if max(len(a_words), len(b_words)) > MAX_TYPED_CHANGE or (change.anchor < MIN_ANCHOR and not near_identical):
        return []  # a rewritten stretch: its words have no counterparts to compare one by one
    found = []
    # A negation inserted with other words is a clause of its own ("That is not the objective, man is the
    # objective" / "Man is the objective"), not the shared words negated.
    inserted = not a_words or not b_words
    if _negation_count(a_words, a) != _negation_count(b_words, b) and (
            near_identical and not inserted and _more_negations_in_one(a, b)
            and not _negated_in_content_one_side_reports(a_words, a, b)
            and not _negated_in_content_one_side_reports(b_words, b, a)
            or _same_without_negation(a_words, b_words)):
        found.append(Difference("negation", a_text, b_text))
    small = max(len(a_words), len(b_words)) <= MAX_HEDGE_CHANGE
    # By lemma ("rose" / "fell") and as written: the parser lemmatises "controlled" to "control" but leaves
    # "uncontrolled" whole, so the negated form is found only between the words as written.
    antonym = small and next(((x, y) for x in a_words for y in b_words
                              if are_antonyms(x.lemma, y.lemma) or are_antonyms(x.norm, y.norm)), None)
    counterpart = small and next(((x, y) for x in a_words for y in b_words if y.norm in COUNTERPARTS.get(x.norm, ())
                                  or y.lemma in COUNTERPARTS.get(x.lemma, ())), None)
    if counterpart:
        found.append(Difference("name", counterpart[0].text, counterpart[1].text))
    if antonym:
        found.append(Difference("antonym", antonym[0].text, antonym[1].text))
    colours_a, colours_b = {w.norm for w in a_words} & COLOURS, {w.norm for w in b_words} & COLOURS
    if small and colours_a and colours_b and colours_a != colours_b:
        found.append(Difference("detail", " ".join(sorted(colours_a)), " ".join(sorted(colours_b))))
    swapped = small and _swapped_detail(a_words, b_words)
    if swapped:
        found.append(Difference("detail", swapped[0].text, swapped[1].text))
    if small and not antonym:
        qualifying_a, qualifying_b = _qualifying(a, change.a0, change.a1), _qualifying(b, change.b0, change.b1)
        hedges_a, hedges_b = _hedges(qualifying_a, a), _hedges(qualifying_b, b)
        if hedges_a != hedges_b and not _urged(hedges_a - hedges_b, b) and not _urged(hedges_b - hedges_a, a) \
                and not _odds_stated(hedges_a ^ hedges_b, a, b) \
                and not _one_emphasis(hedges_a ^ hedges_b, qualifying_a, qualifying_b):
            found.append(Difference("hedge", a_text, b_text))
    # The passage test aligns the two claims' quoted words, so it comes after the checks of the stretch itself.
    if _reworded(a_words, b_words, a, b) and _quoted_on_both_sides(a, b, change) and not _at_quote_edge(a, b, change) \
            and _other_meaning(a_words, b_words) and not _same_names(a_words, b_words) \
            and not _respaced(a_words, b_words) and not _editorial(a, change.a0, change.a1) \
            and not _editorial(b, change.b0, change.b1) and _quote_same_passage(a, b):
        found.append(Difference("quote", a_text, b_text))
    if a_words and b_words:
        found.extend(_replacement_differences(a, b, a_words, b_words, a_text, b_text, unmatched))
        found.extend(_swapped_quantities(a, b, change))
    elif _changes_a_title(a, b, change, a_words or b_words):
        found.append(Difference("title", a_text, b_text))
    return found


def _swapped_detail(a_words: list[Word], b_words: list[Word]) -> tuple[Word, Word] | None:
    """A word of a closed class of news facts standing for another of its class ("killed" / "injured"), each
    meaning found on one side only."""
    def details(words: list[Word]) -> dict[tuple[str, int], Word]:
        found = {}
        for w in words:
            meaning = DETAIL_WORDS.get(w.lemma) or DETAIL_WORDS.get(w.norm)
            if meaning:
                found.setdefault(meaning, w)
        return found

    in_a, in_b = details(a_words), details(b_words)
    nouns = {"NOUN", "PROPN"}
    if any(w.pos == "NUM" or w.entity in NUMBER_LABELS for w in a_words + b_words):
        in_a, in_b = ({m: w for m, w in found.items() if m[0] != "duration"} for found in (in_a, in_b))
    for meaning_a, word_a in in_a.items():
        for meaning_b, word_b in in_b.items():
            # What happened to people is said with verbs; as nouns, "fraud charges" or "a fine" are something else.
            same_use = meaning_a[0] != "outcome" or (word_a.pos in nouns) == (word_b.pos in nouns)
            if meaning_a[0] == meaning_b[0] and meaning_a not in in_b and meaning_b not in in_a and same_use:
                return word_a, word_b
    return None


def _spread_detail(a: Analysis, b: Analysis, matches: list[tuple[int, int]]) -> list[Difference]:
    """A closed-class fact swapped across two changed stretches of claims otherwise alike ("left 50 others
    missing" / "injured 50 others")."""
    matched_a, matched_b = {i for i, _ in matches}, {j for _, j in matches}
    swapped = _swapped_detail([w for i, w in enumerate(a.words) if i not in matched_a and not w.punct],
                              [w for j, w in enumerate(b.words) if j not in matched_b and not w.punct])
    return [Difference("detail", swapped[0].text, swapped[1].text)] if swapped else []


def _changes_a_title(a: Analysis, b: Analysis, change: Change, inserted: list[Word]) -> bool:
    """"mayor" / "deputy mayor": a rank word added before a title both claims share."""
    if not any(w.lemma in TITLE_RANKS or _titles([w]) for w in inserted):
        return False
    after_a = next((w for w in a.words[change.a1 :] if not w.punct), None)
    after_b = next((w for w in b.words[change.b1 :] if not w.punct), None)
    return after_a is not None and after_b is not None and after_a.lemma == after_b.lemma and bool(
        _titles([after_a]) or after_a.lemma in GENERIC_TITLES)


def _title_replaced(a_titles: set[str], b_titles: set[str]) -> bool:
    """Each side gives a title the other does not ("senior researcher" / "senior fellow"). A title added beside
    one both give ("Senator John Kerry" / "the committee's chairman, Senator John Kerry") is a detail one side
    leaves out, not another title (rank words are checked apart: _changes_a_title)."""
    return bool(a_titles - b_titles and b_titles - a_titles)


def _replacement_differences(a, b, a_words, b_words, a_text, b_text, unmatched) -> list[Difference]:
    """Checks that need a word on each side: one name, title, place or date standing in for another."""
    found = []
    a_titles, b_titles = _titles(a_words), _titles(b_words)
    if _title_replaced(a_titles, b_titles):
        found.append(Difference("title", a_text, b_text))
    # Names are not read in a headline's Title Case ("Supreme Court Questions Claims"), where every word looks
    # like one to the entity recogniser; the article's sentences carry the same names.
    checked = () if title_cased(a) or title_cased(b) else (("name", NAME_LABELS), ("place", PLACE_LABELS))
    # "Moscow's line" / "in Ukraine": a place in the possessive names who (its government, its people), the
    # other where; that is no swap of places, nor of names.
    possessive_a, possessive_b = _possessive_places(a, a_words), _possessive_places(b, b_words)
    who_and_where = None not in (possessive_a, possessive_b) and possessive_a != possessive_b
    if who_and_where:
        checked = tuple(c for c in checked if c[0] == "name")
    for kind, labels in checked:
        a_names, b_names = _entity_words(a_words, labels), _entity_words(b_words, labels)
        # A swap means neither name has a counterpart among the other claim's unaligned words: names that
        # only moved ("Xi met Putin" / "Putin met Xi") find theirs; a name used elsewhere in both claims does not
        # excuse a swap here ("Russia's invasion ... Russian embassy" / "the U.S.'s invasion ... Russian embassy").
        if _unmatched(a_names, unmatched[1]) and _unmatched(b_names, unmatched[0]) \
                and not _description_of_person(a_words, b_words):
            named_a, named_b = _entity_text(a, a_words, labels), _entity_text(b, b_words, labels)
            if kind != "place" or not _one_place(named_a, named_b):
                found.append(Difference(kind, named_a, named_b))
    if checked and not found and not who_and_where and _all_named(a_words) and _all_named(b_words) \
            and not _description_of_person(a_words, b_words) and not _party_and_place(a_words, b_words) \
            and _unmatched(_entity_words(a_words, NAMED_LABELS), unmatched[1]) \
            and _unmatched(_entity_words(b_words, NAMED_LABELS), unmatched[0]):
        # One name for another where the recogniser labelled them differently ("Pandora's" as a place, "Coma" as
        # an organisation): a swap of names all the same.
        named_a, named_b = _entity_text(a, a_words, NAMED_LABELS), _entity_text(b, b_words, NAMED_LABELS)
        if not _one_place(named_a, named_b):
            found.append(Difference("name", named_a, named_b))
    designations_a, designations_b = _designations(a_words), _designations(b_words)
    if designations_a and designations_b and not designations_a.keys() & designations_b.keys() \
            and not any(d.kind == "name" for d in found):
        found.append(Difference("name", " ".join(designations_a.values()), " ".join(designations_b.values())))
    years_a, years_b = _years(a_words), _years(b_words)
    if years_a and years_b and years_a != years_b:
        found.append(Difference("date", " ".join(sorted(years_a)), " ".join(sorted(years_b))))
    elif any(w.entity in DATE_LABELS for w in a_words) and any(w.entity in DATE_LABELS for w in b_words):
        a_date = date_parts(_entity_text(a, a_words, DATE_LABELS))
        b_date = date_parts(_entity_text(b, b_words, DATE_LABELS))
        if a_date and b_date and a_date.conflicts(b_date):
            found.append(Difference("date", a_date.text, b_date.text))
    return found


def _number_differences(a: Analysis, b: Analysis) -> list[Difference]:
    """Figures of one kind that stand for each other: on each side exactly one figure of that kind agrees with
    no figure of the other ("$61.9 million and $34.1 million" / "$61.1 million and $34.1 million"). A bare number
    says no kind ("in one of the showdowns" / "a father of five", "McCarthy, 49,"): it is compared only where the
    word alignment puts it in place of another (_swapped_quantities)."""
    found = []
    a_quantities, b_quantities = quantities(a.text), quantities(b.text)
    for family in dict.fromkeys(q.family for q in a_quantities if q.family):
        alone_a, alone_b = unmatched_figures([q for q in a_quantities if q.family == family],
                                             [q for q in b_quantities if q.family == family])
        # The other side gives the figure without saying what it counts ("47 arrests" / "six arrests Wednesday,
        # compared to 47 the previous night"): the same figure, not a counterpart.
        alone_a = [q for q in alone_a if not any(q.compatible(r) for r in b_quantities if not r.family)]
        alone_b = [r for r in alone_b if not any(r.compatible(q) for q in a_quantities if not q.family)]
        for figure_a, figure_b in _counterparts(a, alone_a, b, alone_b):
            found.append(Difference("date" if family == "day" else "number", as_written(a.text, figure_a),
                                    as_written(b.text, figure_b)))
    return found


def _counterparts(a: Analysis, alone_a: list[Quantity], b: Analysis,
                  alone_b: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """The figures left unmatched on each side that stand for each other: each can measure what the other does
    and nothing else left on the other side. A sentence may carry several sums ("earned roughly $141 million and
    paid nearly $44 million in taxes" / "earned $139 million"): the one changed is the one measuring the same."""
    alike = [(x, y) for x in range(len(alone_a)) for y in range(len(alone_b))
             if _measure_alike(a, alone_a[x], b, alone_b[y])]
    partners_a, partners_b = Counter(x for x, _ in alike), Counter(y for _, y in alike)
    return [(alone_a[x], alone_b[y]) for x, y in alike if partners_a[x] == partners_b[y] == 1]


def _measure_alike(a: Analysis, figure_a: Quantity, b: Analysis, figure_b: Quantity) -> bool:
    """Whether two figures can measure the same thing. A figure in a unit (money, a share, a span of time) says
    what it measures by the words it is attached to in the sentence ("a $43,000 Rolex watch", "earned $139
    million", "Earnings of $139 Million"): two attached to words that share no stem measure different things
    ("a $43,000 Rolex watch" / "spent $750,000 in campaign cash"). A count names what it counts ("50,000 pages"),
    and where the parse attaches a figure to nothing that says what it measures, they may be counterparts."""
    return not _in_a_unit(figure_a.family) or _attached_alike(a, (figure_a.start, figure_a.end),
                                                              b, (figure_b.start, figure_b.end))


def _in_a_unit(family: str) -> bool:
    return family.startswith("money:") or family in ("percent", "points", "duration")


def _attached_alike(a: Analysis, span_a: tuple[int, int], b: Analysis, span_b: tuple[int, int]) -> bool:
    """Whether two stretches (figures, dates) are attached to words that share a stem, or either to none that
    says what it belongs to: then they may be counterparts."""
    attached_a, attached_b = _attached_words(a, *span_a), _attached_words(b, *span_b)
    return not attached_a or not attached_b or any(_same_stem(x, y) for x in attached_a for y in attached_b)


_ATTACHING_POS = {"NOUN", "PROPN", "VERB"}  # what a figure or a date can be attached to


def _attached_words(analysis: Analysis, start: int, end: int, steps: int = 5) -> set[str]:
    """The lemmas of the nearest nouns and verbs the words between `start` and `end` (a figure, a date) depend
    on (up to two), climbing the parse past prepositions and other function words up to the first verb that is no
    stop word: the act the figure belongs to. What stands above that verb is another act ("earned $141 million
    and paid $44 million": "paid" hangs on "earned"; "showing that they earned $139 million")."""
    inside = {k for k, w in enumerate(analysis.words) if w.start < end and w.end > start}
    node = next((w.head for k in sorted(inside) if (w := analysis.words[k]).head >= 0 and w.head not in inside), -1)
    found: list[str] = []
    for _ in range(steps):
        if node < 0 or len(found) == 2:
            break
        word = analysis.words[node]
        if word.pos in _ATTACHING_POS and not word.stop:
            found.append(word.lemma)
            if word.pos == "VERB":
                break
        node = word.head
    return set(found)


def _same_stem(x: str, y: str) -> bool:
    """"earn" / "earning", "tax" / "taxes": one lemma begins the other (four letters at least)."""
    shorter, longer = sorted((x, y), key=len)
    return x == y or (len(shorter) >= 4 and longer.startswith(shorter))


def unmatched_figures(a: list[Quantity], b: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The figures of each side left without a counterpart it agrees with (both lists of one kind). Each figure
    stands for one figure of the other side, the closest first: "rose to 0.505%, above the 0.5% cap" / "the 0.5%
    cap ... rose to 0.503%" leaves "0.505%" and "0.503%", although "0.505%" agrees with the cap's "0.5%"."""
    if not a or not b:
        return [], []
    agreeing = sorted(((abs(x.value - y.value), i, j) for i, x in enumerate(a) for j, y in enumerate(b)
                       if x.compatible(y)), key=lambda pair: pair[0])
    paired_a: set[int] = set()
    paired_b: set[int] = set()
    for _, i, j in agreeing:
        if i not in paired_a and j not in paired_b:
            paired_a.add(i)
            paired_b.add(j)
    return [q for i, q in enumerate(a) if i not in paired_a], [r for j, r in enumerate(b) if j not in paired_b]


def date_differences(a: Analysis, b: Analysis) -> list[Difference]:
    """One date on each side, they conflict, and they date the same act ("the Senate voted on Tuesday" / "On
    Wednesday, the Senate voted"), however differently the claims are worded. A story's claims date its many
    acts ("Brewer announced her veto on Wednesday" / "the Legislature sent a bill to her desk Monday"): two days
    attached to words that share no stem date two acts, not one act twice."""
    dates_a, dates_b = _dated(a), _dated(b)
    if len(dates_a) == 1 and len(dates_b) == 1 and dates_a[0][0].conflicts(dates_b[0][0]):
        (date_a, span_a), (date_b, span_b) = dates_a[0], dates_b[0]
        if _attached_alike(a, span_a, b, span_b):
            return [Difference("date", date_a.text, date_b.text)]
    return []


def _other_occurrences(a: Analysis, b: Analysis) -> bool:
    """Each claim counts which time an act happened ("the second time", "for the first time in weeks"), and no
    count is the same: they report different occurrences of it."""
    counts_a, counts_b = _occurrence_counts(a.text), _occurrence_counts(b.text)
    return bool(counts_a and counts_b and not counts_a & counts_b)


def _occurrence_counts(text: str) -> set[float]:
    return {q.value for q in quantities(text) if q.family == "ordinal:time" or q.family.startswith("ordinal:time ")}


def dates(analysis: Analysis) -> list:
    """The dates a claim gives, read."""
    return [date for date, _ in _dated(analysis)]


def _dated(analysis: Analysis) -> list:
    """The dates a claim gives, read, each with its (start, end) in the claim's text."""
    parts = ((date_parts(text), (start, end)) for label, text, start, end in analysis.entities if label == "DATE")
    return [(date, span) for date, span in parts if date is not None]


def place_differences(a: Analysis, b: Analysis) -> list[Difference]:
    """Each side names one place the other does not, in the same role ("gathered in Norwalk" / "the event in
    Norfolk"). Where something happened and where someone is from ("campaigning in Iowa" / "Vermont Independent
    Sen. Bernie Sanders") answer different questions: naming one and the other is no conflict."""
    places_a, places_b = places(a), places(b)
    alone_a = [x for x in unmatched_places(places_a, places_b) if not _named_by_its_people(x, b) and not _says(b, x)]
    alone_b = [y for y in unmatched_places(places_b, places_a) if not _named_by_its_people(y, a) and not _says(a, y)]
    if len(alone_a) == 1 and len(alone_b) == 1 and _place_role(a, alone_a[0]) == _place_role(b, alone_b[0]) \
            and not _one_place(alone_a[0], alone_b[0]):
        return [Difference("place", _cased(a, alone_a[0]), _cased(b, alone_b[0]))]
    return []


def _says(other: Analysis, name: str) -> bool:
    """The other claim has the name's words too, whatever the recogniser made of them there ("think tank Third
    Way" read as a place in one claim, as an organisation in the other): the same name is no swap."""
    return _contains([w.norm for w in other.words if not w.punct], name.split())


def _named_by_its_people(place: str, other: Analysis) -> bool:
    """The other claim names the country by its people's adjective ("Mexico" / "Former Mexican President Vicente
    Fox", "Israel" / "Israeli officials"): the adjective begins with the name less its last letter ("Mexic-o",
    "Chin-a", "Israe-l"), or the name with the adjective ("Kazakh" / "Kazakhstan")."""
    stem = place[:-1]
    peoples = [word for label, text, _, _ in other.entities if label == "NORP" for word in _place_key(text).split()]
    return len(stem) >= 3 and any(p.startswith(stem) or (len(p) >= 5 and place.startswith(p)) for p in peoples)


def _one_place(x: str, y: str) -> bool:
    """One place named two ways ("the United States" / "U.S."), or told at two scales."""
    x, y = _place_key(x), _place_key(y)
    return _names_region(x, y) or _names_region(y, x) or _lies_within(x, y) or _lies_within(y, x)


def _lies_within(place: str, larger: str) -> bool:
    """A city and the country or US state it lies in ("Benghazi" / "Libya", "Bakersfield" / "the U.S."), or a
    US state and the United States, are one place told at two scales, not two places (GeoNames, by way of
    wordlists/cities.txt; a city name several cities share lies in each of their countries and states)."""
    regions = set(CITIES.get(place, ()))
    if place in STATE_FULL_NAMES:
        regions.add("united states")
    return any(_names_region(larger, region) for region in regions)


def _names_region(name: str, region: str) -> bool:
    """"U.S." / "united states", "Calif." / "california", "Libya" / "libya"."""
    initials = "".join(word[0] for word in region.split())
    return same_name(name, region) or _abbreviates(name, initials)


_OF_WHOM = {"of"}  # "Senator Harry Reid of Nevada", "the governor of Texas"


def _place_role(analysis: Analysis, folded: str) -> str:
    """The role of a place in a claim: "who" when it describes a person or thing (it stands before a noun: "a
    Seattle woman", "the U.S. attorney's office"; it makes an adjective: "St. Louis-based"; or after "of": "Reid
    of Nevada"), "whose" in the possessive, where a capital or a country stands for its government or people
    ("Moscow's line", "Indiana's new law"), else "where" (something happened there)."""
    span = next(((start, end) for label, text, start, end in analysis.entities
                 if label in PLACE_LABELS and _place_key(text) == folded), None)
    if span is None:
        return "where"
    words = [w for w in analysis.words if not w.punct]
    before = next((w for w in reversed(words) if w.end <= span[0]), None)
    after = next((w for w in words if w.start >= span[1]), None)
    adjacent = after is not None and not analysis.text[span[1] : after.start].strip()
    if _possessive_at(analysis, span[1]):
        return "whose"
    if adjacent and after.pos in ("NOUN", "PROPN") and after.entity not in PLACE_LABELS:
        return "who"
    if analysis.text[span[1] : span[1] + 1] in ("-", "\u2010", "\u2011"):
        return "who"  # an adjective made of the place: "the St. Louis-based U.S. attorney's office"
    if before is not None and before.norm == "the":
        before = next((w for w in reversed(words) if w.end <= before.start), None)
    if before is not None and before.norm in _OF_WHOM \
            and analysis.text[before.end : span[0]].strip().lower() in ("", "the"):
        return "who"  # "Reid of Nevada", "the stewardship of the Earth"
    if span[0] in party_tag_states(analysis.text):
        return "who"  # the state of a party tag: "Speaker John Boehner (R-Ohio)"
    return "where"


def places(analysis: Analysis) -> list[str]:
    """The places a claim names, folded. A place's name is capitalised: the recogniser's lower-case "places" are
    other words ("n’t"). The state or country of an address ("in Bellingham, Wash.") says which city is meant; it
    is no second place, and the other claim's city in the same state is compared with the city."""
    named = [(_place_key(text), start, end) for label, text, start, end in analysis.entities
             if label in PLACE_LABELS and any(ch.isupper() for ch in text)]
    addresses = {region for place, _, end in named for region, start, _ in named
                 if analysis.text[end:start].strip() == "," and _lies_within(place, region)}
    return list(dict.fromkeys(place for place, _, _ in named if place not in addresses))


def _place_key(text: str) -> str:
    """A place's name folded, without the article the recogniser may take in ("the United States")."""
    return re.sub(r"^the\s+", "", fold(text))


def unmatched_places(a: list[str], b: list[str]) -> list[str]:
    """The places of a that b does not name (word by word: "Hope, Ark." / "Arkansas")."""
    if not b:
        return []
    words_b = " ".join(b).split()
    return [x for x in a if not any(same_name(w, y) for w in x.split() for y in words_b)
            and not any(same_name(x, y) for y in b)]  # "New Jersey" / "N.J."


def _cased(analysis: Analysis, folded: str) -> str:
    return next((text for label, text, _, _ in analysis.entities if _place_key(text) == folded), folded)


def _quote_differences(a: Analysis, b: Analysis) -> list[Difference]:
    """Both claims quote the same passage ("provocations by the United States" / "condemned the provocations")
    but not in the same words. Quoting less of it is not a difference, nor is a name spelled otherwise."""
    found = []
    quotes_a, quotes_b = _quotes(a), _quotes(b)
    keys_a = {_quote_key(q) for q in quotes_a}
    keys_b = {_quote_key(q) for q in quotes_b}
    for qa in quotes_a:
        if _quote_key(qa) in keys_b:
            continue  # quoted alike in both claims
        for qb in quotes_b:
            if _quote_key(qb) in keys_a:
                continue
            lemmas_a, lemmas_b = {w.lemma for w in qa if w.content}, {w.lemma for w in qb if w.content}
            keys_a, keys_b = [w.norm for w in qa if not w.punct], [w.norm for w in qb if not w.punct]
            if not _same_passage(lemmas_a, lemmas_b) or _contains(keys_a, keys_b) or _contains(keys_b, keys_a):
                continue
            found.extend(_rewordings(Analysis(a.text, qa), Analysis(b.text, qb), a, b))
    return found


def _quote_key(words: list[Word]) -> str:
    return " ".join(w.norm for w in words if not w.punct)


def _same_passage(a: set[str], b: set[str]) -> bool:
    """Two quotations of one passage share half the words of the shorter one, and more than a single word
    unless that word is half of both."""
    shared = len(a & b)
    if not shared or shared < 0.5 * min(len(a), len(b)):
        return False
    return shared >= 2 or shared >= 0.5 * max(len(a), len(b))


def _rewordings(a: Analysis, b: Analysis, whole_a: Analysis, whole_b: Analysis) -> list[Difference]:
    """What two quotations of one passage (`a`, `b`: the quoted words of the claims `whole_a`, `whole_b`) word
    differently, beyond quoting less and respelling names: the changed words where the quotations are otherwise
    the same ("finding" / "talking"), else the two quotations."""
    changes, matches = align_words(a, b)
    reworded = []
    for change in changes:
        a_words = [w for w in a.words[change.a0 : change.a1] if not w.punct]
        b_words = [w for w in b.words[change.b0 : change.b1] if not w.punct]
        if not _other_meaning(a_words, b_words) or _editorial(a, change.a0, change.a1) or \
                _editorial(b, change.b0, change.b1):
            continue
        at_edge = change.a0 == 0 or change.b0 == 0 or change.a1 >= len(a.words) or change.b1 >= len(b.words)
        if not (a_words and b_words) and at_edge:
            continue  # quoting less of the passage at its start or end
        # A word's head is a position in its whole claim, which is what the negation and hedge readers look up.
        if _reworded(a_words, b_words, whole_a, whole_b) and not _same_names(a_words, b_words) and \
                not _respaced(a_words, b_words):
            reworded.append(change)
    # Quotations that share less of their words, in order, are two passages rather than one worded two ways.
    if not reworded or _shared_share(a, b, matches) < NEAR_IDENTICAL:
        return []
    return [_quoted_change(a, b, c) for c in reworded]


def _censored(a_words: list[Word], b_words: list[Word]) -> bool:
    """One word printed with letters starred out, as news prints profanity ("f***ing" / "fucking")."""
    if len(a_words) != 1 or len(b_words) != 1:
        return False
    for starred, plain in ((a_words[0].norm, b_words[0].norm), (b_words[0].norm, a_words[0].norm)):
        if "*" in starred and "*" not in plain and \
                re.fullmatch(re.sub(r"(?:\\\*)+", "[a-z]+", re.escape(starred)), plain):
            return True
    return False


def _reworded(a_words: list[Word], b_words: list[Word], a: Analysis, b: Analysis) -> bool:
    """Words said in place of others, or words added that change how the quotation asserts (a negation, a
    hedge: "understands and supports" / "understands and fully supports"). Other words left out are a trim of
    the passage ("the vast majority" / "Sherrod Brown and the vast majority"), quoted more or less fully."""
    if a_words and b_words:
        return True
    return _negation_count(a_words, a) != _negation_count(b_words, b) or _hedges(a_words, a) != _hedges(b_words, b)


def _at_quote_edge(a: Analysis, b: Analysis, change: Change) -> bool:
    """Words added or dropped next to a quotation mark or the claim's end: one side quotes more of the passage
    at its start or end."""
    if change.a0 < change.a1 and change.b0 < change.b1:
        return False

    def next_to_edge(analysis: Analysis, first: int, last: int) -> bool:
        words = analysis.words
        return first == 0 or last >= len(words) or not words[first - 1].quoted or words[first - 1].punct \
            or not words[last].quoted or words[last].punct

    return next_to_edge(a, change.a0, change.a1) or next_to_edge(b, change.b0, change.b1)


def _editorial(analysis: Analysis, first: int, last: int) -> bool:
    """The change is marked as the editor's: words left out ("…") or put in ("[Democrats]", "(local)")."""
    words = analysis.words
    start = words[first].start if first < len(words) else len(analysis.text)
    end = words[last - 1].end if last > first else start
    around = analysis.text[max(0, start - 2) : end + 2]
    return any(mark in around for mark in ("\u2026", "...", "[", "]", "(", ")"))


def _quoted_change(a: Analysis, b: Analysis, change: Change) -> Difference:
    """The changed words; words added or dropped are shown with the word before and after them."""
    a0, a1, b0, b1 = change.a0, change.a1, change.b0, change.b1
    if a0 == a1 or b0 == b1:
        a0, b0 = max(a0 - 1, 0), max(b0 - 1, 0)
        a1, b1 = min(a1 + 1, len(a.words)), min(b1 + 1, len(b.words))
    return Difference("quote", a.span_text(a0, a1), b.span_text(b0, b1))


def _quotes(analysis: Analysis) -> list[list[Word]]:
    runs, current = [], []
    for word in analysis.words:
        if word.quoted:
            current.append(word)
        elif current and not word.punct or current and word.norm == '"':
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if any(not w.punct for w in run)]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


# A clause that denies the proposition just reported: "that was never the case", "which is not true", "it did not
# happen".
_DENIAL = re.compile(r"\b(?:that|this|it|which)\s+(?:(?:was|is|were|are|has been|had been)\s+(?:never|not|n[o’']t)\s+"
                     r"(?:the case|true|so|accurate|correct)|(?:never|did not|didn[’']t)\s+happen(?:ed)?)\b",
                     re.IGNORECASE)


def _negation_differences(a: Analysis, b: Analysis) -> list[Difference]:
    """One claim negates what the other says in the same words, even where the word order moved:
    "There is no boy walking across a bridge" / "A boy is walking across a bridge"."""
    negations_a = [w for w in a.words if _is_negation(w)]
    negations_b = [w for w in b.words if _is_negation(w)]
    if len(negations_a) == len(negations_b):
        return []
    if Counter(_without_negation(a.words)) != Counter(_without_negation(b.words)):
        return []
    negated, other = (a, b) if len(negations_a) > len(negations_b) else (b, a)
    word = (negations_a or negations_b)[0]
    after = next((w for w in negated.words if w.start > word.start and not w.punct), word)
    shown = negated.text[word.start : after.end]
    return [Difference("negation", shown, "") if negated is a else Difference("negation", "", shown)]


# A name made of letters and digits: a model, a flight, a disease, a group of states ("F-16", "A320", "MH17",
# "Covid-19", "G7"). Its digits are no figure (values.py leaves them alone), so one for another is a name swapped.
_DESIGNATION = re.compile(r"[A-Za-z][A-Za-z.]*-?\d[\w-]*")
_TALLY_PART = re.compile(r"to-\d", re.I)  # "to-63" of "a 134-to-63 vote": a tally's second figure, no designation


def _designations(words: list[Word]) -> dict[str, str]:
    """The designations among words, by their letters and digits ("MH-17" and "MH17" are one)."""
    return {re.sub(r"[^A-Z0-9]", "", w.text.upper()): w.text for w in words if _DESIGNATION.fullmatch(w.text)
            and not _TALLY_PART.match(w.text)}


def _years(words: list[Word]) -> set[str]:
    return {w.norm for w in words if len(w.norm) == 4 and w.norm.isdigit() and 1800 <= int(w.norm) <= 2100}


def _swapped_quantities(a: Analysis, b: Analysis, change: Change) -> list[Difference]:
    """A number standing where the other claim has another number of the same kind ("0.505" / "0.5"), or figures
    in a row standing for as many others, each for the one in its place (a tally, "52-48" / "51-49")."""
    a_start, a_end = a.words[change.a0].start, a.words[change.a1 - 1].end
    b_start, b_end = b.words[change.b0].start, b.words[change.b1 - 1].end
    a_here = [q for q in quantities(a.text) if q.start < a_end and q.end > a_start]  # "$61.9 million" / "61.1"
    b_here = [q for q in quantities(b.text) if q.start < b_end and q.end > b_start]
    if not a_here or len(a_here) != len(b_here) \
            or any(x.family != y.family or not _measure_alike(a, x, b, y) for x, y in zip(a_here, b_here)) \
            or all(x.compatible(y) for x, y in zip(a_here, b_here)):
        return []
    kind = "date" if all(q.family == "day" for q in a_here) else "number"  # "Jan. 18" / "Jan. 19": a day of a month
    return [Difference(kind, a.text[a_here[0].start : a_here[-1].end], b.text[b_here[0].start : b_here[-1].end])]


SAME_WORDS_QUOTED = 0.8  # share of the shorter quotation's content words the other quotes too


def _attribution_difference(a: Analysis, b: Analysis, speaker_a: str | None,
                            speaker_b: str | None) -> Difference | None:
    """Two named people credited with the same words ("said Sun" vs "said Hart")."""
    if not _other_named_people(speaker_a, speaker_b) or not _same_words_reported(a, b):
        return None
    if _named_person(a, speaker_a) != _named_person(b, speaker_b):
        return None  # a person and an organisation ("Terry O'Neill" / "National Organization for Women"): its voice
    return Difference("attribution", speaker_a, speaker_b)


def _two_people_quoted(a: Analysis, b: Analysis, speaker_a: str | None, speaker_b: str | None,
                       people: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
                       quotations: tuple[bool, bool] = (False, False)) -> bool:
    """Each claim quotes another named person. `quotations`: whether each claim is known to be a quotation whole,
    as a sentence of a quotation that opened in an earlier one is, without a quotation mark of its own."""
    return _quoting(a, quotations[0]) and _quoting(b, quotations[1]) and \
        _two_named_speakers(a, b, speaker_a, speaker_b, people)


def _two_named_speakers(a: Analysis, b: Analysis, speaker_a: str | None, speaker_b: str | None,
                        people: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Each claim is credited to another named person. `people`: the surnames each claim's article names as
    people, for a speaker the claim itself names only by role ("the president", Obama)."""
    if not _other_named_people(speaker_a, speaker_b):
        return False
    return all(_named_person(claim, speaker) or speaker.split()[-1] in known
               for claim, speaker, known in ((a, speaker_a, people[0]), (b, speaker_b, people[1])))


def _quoting(claim: Analysis, whole: bool) -> bool:
    return whole or any(w.quoted for w in claim.words)


def two_statements(a: Analysis, b: Analysis, speaker_a: str | None, speaker_b: str | None,
                   people: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
                   quotations: tuple[bool, bool] = (False, False)) -> bool:
    """Each claim gives another named person's words, in other words: two people's statements, never one fact
    told twice ("I am going to be a President for all Americans" / "we will stand united, as Americans", the
    president said; "Obama has said he will not meet with Netanyahu" / "Durbin said he regretted that Netanyahu
    could not meet with the Democrats"). Reported without quotation marks, one person's words may relay the
    other's ("King said it was significant that McCarthy had voiced support"): a claim that names the other's
    speaker is left to the model. The same words credited to two people are one passage, whose attribution
    differs."""
    if not _two_named_speakers(a, b, speaker_a, speaker_b, people) or _same_words_reported(a, b, quotations):
        return False
    if _quoting(a, quotations[0]) and _quoting(b, quotations[1]):
        return True
    return not (_says(a, fold(speaker_b.split()[-1])) or _says(b, fold(speaker_a.split()[-1])))


def roles_reversed(a: Analysis, b: Analysis) -> bool:
    """One claim's actor is the other's target and the other way round, in one act: "Trump lashed out at Cruz" /
    "Cruz lashed out at Trump" are two acts (or one told backwards), never one fact told twice."""
    return any(verb_a == verb_b and same_name(actor_a, target_b) and same_name(target_a, actor_b)
               for verb_a, actor_a, target_a in a.acts for verb_b, actor_b, target_b in b.acts)


def _named_person(analysis: Analysis, speaker: str) -> bool:
    """The speaker is a person, not an outlet or a body ("according to the Times"): named as a person in the
    claim, or, when the claim does not name them, by a full name."""
    last = speaker.split()[-1]
    labels = {label for label, _, start, end in analysis.entities if last in analysis.text[start:end]}
    return "PERSON" in labels if labels else len(speaker.split()) >= 2


def _other_named_people(speaker_a: str | None, speaker_b: str | None) -> bool:
    if not _is_name(speaker_a) or not _is_name(speaker_b):
        return False
    last_a, last_b = speaker_a.lower().split()[-1], speaker_b.lower().split()[-1]
    first_a, first_b = speaker_a.lower().split()[0], speaker_b.lower().split()[0]
    return not (last_a == last_b or first_a == first_b or last_a in speaker_b.lower() or last_b in speaker_a.lower())


def _same_words_reported(a: Analysis, b: Analysis, quotations: tuple[bool, bool] = (False, False)) -> bool:
    """Both claims report the same words: their quotations (or, without quotes, their wording) largely overlap.
    A claim that is a quotation whole (`quotations`) without marks of its own quotes all its words."""
    quoted_a, quoted_b = _quoted_words(a, quotations[0]), _quoted_words(b, quotations[1])
    if quoted_a and quoted_b:
        # The same words, as quoted in full or in part: most of the shorter quotation's words are the other's.
        # Half of them may be one talking point in two people's words.
        return len(quoted_a & quoted_b) >= SAME_WORDS_QUOTED * min(len(quoted_a), len(quoted_b))
    return len(a.content_lemmas & b.content_lemmas) >= 0.6 * min(len(a.content_lemmas), len(b.content_lemmas))


def _quoted_words(claim: Analysis, whole: bool) -> set[str]:
    """The content lemmas a claim quotes: those inside its quotation marks, or all when it is a quotation whole
    and has no marks of its own."""
    marked = any(w.quoted for w in claim.words)
    return {w.lemma for w in claim.words if w.content and (w.quoted or whole and not marked)}


def _shared_share(a: Analysis, b: Analysis, matches: list[tuple[int, int]]) -> float:
    shorter = min(sum(1 for w in a.words if not w.punct), sum(1 for w in b.words if not w.punct))
    return len(matches) / max(1, shorter)


def _is_name(speaker: str | None) -> bool:
    return bool(speaker) and all(part[:1].isupper() for part in speaker.split())


def _with_next(analysis: Analysis, first: int, last: int) -> str:
    """Added words with the shared word after them, so an insertion reads "supports" / "fully supports"."""
    following = next((i for i in range(last, len(analysis.words)) if not analysis.words[i].punct), None)
    end = following + 1 if following is not None else last
    return analysis.span_text(first, end) if first < end else ""


# Set aside when checking that two stretches differ only by a negation: auxiliaries ("does not"), and the
# existential and indefinite words negation brings along ("There is no man" / "A man", "Nobody" / "Someone").
_NEGATION_COMPANIONS = {"do", "does", "did", "be", "is", "are", "was", "were", "been", "have", "has", "had", "will",
                        "would", "can", "could", "there", "a", "an", "the", "some", "any", "someone", "somebody",
                        "something", "anyone", "anybody", "anything", "one"}


def _same_without_negation(a_words: list[Word], b_words: list[Word]) -> bool:
    """ "will support" / "will not support": the same words once negation and auxiliaries are set aside."""
    return _without_negation(a_words) == _without_negation(b_words)


def _without_negation(words: list[Word]) -> list[str]:
    return [w.lemma for w in words if not w.punct and w.norm not in NEGATIONS and w.lemma not in NEGATIONS
            and w.norm not in _NEGATION_COMPANIONS and w.lemma not in _NEGATION_COMPANIONS]


def _respaced(a_words: list[Word], b_words: list[Word]) -> bool:
    """ "in to" / "into", "e-mail" / "email": the same letters, spaced or hyphenated otherwise."""
    def letters(words: list[Word]) -> str:
        return "".join(ch for w in words for ch in w.norm if ch.isalnum())

    return letters(a_words) == letters(b_words)


def _negation_count(words: list[Word], analysis: Analysis | None = None) -> int:
    """Negations, explicit ("not", "never") or by a verb that denies its complement ("failed to capture"); with
    the claim's `analysis`, a negation inside what a negated verb of saying or thinking reports is not counted."""
    explicit = sum(1 for w in words if _is_negation(w) and (analysis is None or not _denied(analysis, w)))
    return explicit + sum(1 for w, after in zip(words, words[1:] + [None])
                          if w.lemma in NEGATING_VERBS and after is not None and after.norm == "to")


def _more_negations_in_one(a: Analysis, b: Analysis) -> bool:
    """Whether one claim holds more negations than the other: where each holds as many, a negation the word
    alignment places in other stretches ("I'm not going to pay" / "We won't pay") is one negation worded two
    ways, not a negation of what the other asserts."""
    return _negation_count(a.words, a) != _negation_count(b.words, b)


def _negated_in_content_one_side_reports(words: list[Word], analysis: Analysis, other: Analysis) -> bool:
    """Whether a negation of `words` negates what a verb of saying reports ("to announce that he will not seek a
    second term") where the other claim has that verb of saying but not the act negated ("to announce intentions
    on a second term"): one side tells what was said, the other only that it was; nothing is contradicted."""
    lemmas = {w.lemma for w in other.words}
    for negation in (w for w in words if _is_negation(w) and w.head >= 0):
        act = analysis.words[negation.head]
        saying = analysis.words[act.head] if act.head >= 0 else None
        if saying is not None and saying.lemma in _REPORTING and saying.lemma in lemmas and act.lemma not in lemmas:
            return True
    return False


def _is_negation(word: Word) -> bool:
    return word.norm in NEGATIONS or word.lemma in NEGATIONS


# Verbs that report what someone says or thinks: negated, they deny what they report rather than assert it.
_REPORTING = SPEECH_VERBS | {"think", "believe", "mean", "imply"}


def _denied(analysis: Analysis, negation: Word, steps: int = 4) -> bool:
    """A negation inside what a negated verb of saying or thinking reports: "I wasn't suggesting the president's
    not a Christian" denies that he is not one, and asserts no negation of its own."""
    words, node = analysis.words, negation.head
    for _ in range(steps):
        if node < 0:
            return False
        verb = words[node]
        if verb.lemma in _REPORTING and any(w.head == node and w is not negation and _is_negation(w) for w in words):
            return True
        node = verb.head if verb.head != node else -1
    return False


def _status_differences(a: Analysis, b: Analysis) -> list[Difference]:
    """One act told as expected on one side and as done on the other ("was expected to be indicted" / "has
    already been secretly indicted"): a prediction against the fact that settles or belies it."""
    expected_a, done_a = _act_stages(a)
    expected_b, done_b = _act_stages(b)
    found = []
    for lemma in sorted(expected_a.keys() & done_b.keys()):
        found.append(Difference("hedge", a.span_text(*expected_a[lemma]), b.span_text(*done_b[lemma])))
    for lemma in sorted(done_a.keys() & expected_b.keys()):
        found.append(Difference("hedge", a.span_text(*done_a[lemma]), b.span_text(*expected_b[lemma])))
    return found


_DONE_AUXILIARIES = {"have", "has", "had", "was", "were"}  # "has been indicted", "was indicted"


def _act_stages(analysis: Analysis) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """The acts a claim tells as expected and as done, by the verb's lemma, each with the words that tell it
    (from the word of expecting, or the first auxiliary, to the verb). Verbs of saying and negated verbs tell no
    act of the claim's own."""
    words = analysis.words
    children: dict[int, list[int]] = {}
    for k, word in enumerate(words):
        children.setdefault(word.head, []).append(k)
    expected: dict[str, tuple[int, int]] = {}
    done: dict[str, tuple[int, int]] = {}
    for k, verb in enumerate(words):
        if verb.pos != "VERB" or verb.lemma in SPEECH_VERBS or verb.lemma in EXPECTED_ACTS:
            continue
        if any(_is_negation(words[j]) for j in children.get(k, [])):
            continue
        helpers = [j for j in children.get(k, []) if j < k and words[j].pos in ("AUX", "PART")]
        governor = words[verb.head] if verb.head >= 0 else None
        if governor is not None and (governor.norm in EXPECTED_ACTS or governor.lemma in EXPECTED_ACTS) \
                and any(words[j].norm == "to" for j in helpers):
            expected.setdefault(verb.lemma, (min(verb.head, *helpers), k + 1))
        elif verb.tag == "VBD" and not helpers or verb.tag == "VBN" and helpers \
                and words[helpers[0]].norm in _DONE_AUXILIARIES:
            done.setdefault(verb.lemma, (min(helpers, default=k), k + 1))
    return expected, done


def _hedges(words: list[Word], analysis: Analysis) -> set[str]:
    """The hedges among words of `analysis`, every approximator ("roughly", "around 30") counted as the same one.
    A word bounding a figure ("roughly 35 percent" / "35 percent") is the figure check's to compare; one on a verb
    of saying ("Cheney reportedly said" / "Cheney said in a statement") tells where the outlet had the words
    from, and the words themselves are the quote check's to compare."""
    bounds = figure_bounds(analysis.text)
    found = set()
    for w in words:
        if any(start <= w.start < end for start, end in bounds) or _on_a_speech_verb(analysis, w):
            continue
        if w.lemma in APPROXIMATORS and (w.lemma in HEDGES or w.pos == "ADV"):
            found.add("approximately")
        elif w.lemma in HEDGES and w.pos not in ("NOUN", "PROPN"):  # "a law firm", "in full" are no hedge
            found.add(w.lemma)
    return found


# "Clinton urged Obama to listen" reports that she said he should: a modal of obligation on one side is the
# other's verb of urging, not a hedge.
_OBLIGATION = {"should", "must"}
_URGING = re.compile(r"(urge|press|ask|demand|implore|call)(s|es|d|ed|ing)?", re.I)


def _urged(hedges: set[str], other: Analysis) -> bool:
    return bool(hedges) and hedges <= _OBLIGATION and any(_URGING.fullmatch(w.norm) for w in other.words)


# "a 1-in-3 chance Republicans could lose" / "a 1-in-3 chance Republicans lose": where both claims give the odds
# of an act, a modal of possibility on it adds no doubt the odds do not already state.
_POSSIBILITY = {"could", "may", "might"}
_ODDS = {"chance", "odds", "probability", "likelihood", "possibility", "risk"}


def _odds_stated(hedges: set[str], a: Analysis, b: Analysis) -> bool:
    return bool(hedges) and hedges <= _POSSIBILITY and all(
        any(w.lemma in _ODDS or w.norm in _ODDS for w in claim.words) for claim in (a, b))


def _one_emphasis(hedges: set[str], qualifying_a: list[Word], qualifying_b: list[Word]) -> bool:
    """"vowing to strongly support" / "will always support": each side puts an emphatic on the word, and the
    hedges that differ are emphatics only: one emphasis worded two ways."""
    def emphatic(words: list[Word]) -> bool:
        return any(w.lemma in EMPHATICS or w.norm in EMPHATICS for w in words)

    return bool(hedges) and hedges <= EMPHATICS and emphatic(qualifying_a) and emphatic(qualifying_b)


def _qualifying(analysis: Analysis, first: int, last: int) -> list[Word]:
    """The words of a changed stretch that qualify a word outside it, which both claims share ("fully" in
    "fully supports" / "supports"): a hedge on a word only one claim has ("to partially privatize Social
    Security") belongs to a detail that claim adds."""
    return [w for w in analysis.words[first:last] if not w.punct and not first <= w.head < last]


def _on_a_speech_verb(analysis: Analysis, word: Word) -> bool:
    """Whether the word qualifies the verb that reports a statement. Words inside quotation marks are the
    speaker's own (and may be checked without the rest of their claim, so their heads are not looked up)."""
    return not word.quoted and word.head >= 0 and analysis.words[word.head].lemma in SPEECH_VERBS


# A U.S. attorney, a district attorney or a county attorney is the prosecutor of a district or county.
_PROSECUTING_OFFICE = {"us", "district", "county"}


def _titles(words: list[Word]) -> set[str]:
    """Core titles named by the words ("Sens." -> senator); rank words like "former" only qualify a title."""
    found = {"prosecutor" if w.lemma == "attorney" and k and words[k - 1].norm in _PROSECUTING_OFFICE
             else TITLE_ABBREVIATIONS.get(w.norm.rstrip("."), w.lemma) for k, w in enumerate(words)}
    return {t for t in found if t in TITLES and t not in GENERIC_TITLES and t not in TITLE_RANKS}


_JOINING_WORDS = {"the", "'s", "of", "and"}
_NOT_NAME_WORDS = _JOINING_WORDS | {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "miss", "mx."}


def _all_named(words: list[Word]) -> bool:
    """Every changed word belongs to a name (a few joining words aside)."""
    named = [w for w in words if w.norm not in _JOINING_WORDS]
    return bool(named) and all(w.entity in NAMED_LABELS or (not w.entity and w.pos == "PROPN") for w in named)


_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _namesake_differences(a: Analysis, b: Analysis) -> list[Difference]:
    """One person of a surname on each side, named with other given names ("Rep. Loretta Sanchez" /
    "Representative Linda T. Sánchez"): two people, or one of them misnamed. Read from the people the recogniser
    finds, not from the word alignment, which claims worded apart do not give. Left alone: a claim that names
    two people of one family or speaks of a relative ("her older sister"), where the other claim's namesake may
    be that relative, and a headline, whose capitals the recogniser takes for names."""
    if title_cased(a) or title_cased(b) or any(w.lemma in KIN for w in a.words + b.words):
        return []
    people_a, people_b = _people(a), _people(b)
    for given_a, surname_a, text_a in people_a:
        namesakes_a = [p for p in people_a if same_name(p[1], surname_a)]
        namesakes_b = [p for p in people_b if same_name(p[1], surname_a)]
        if len(namesakes_a) != 1 or len(namesakes_b) != 1:
            continue
        given_b, _, text_b = namesakes_b[0]
        if given_a and given_b and not any(same_name(x, y) for x in given_a for y in given_b):
            return [Difference("name", text_a, text_b)]
    return []


def _people(analysis: Analysis) -> list[tuple[list[str], str, str]]:
    """(given names, surname, as written) of each person the claim names, once each; the given names are
    empty where only a surname or initials are given ("Mr. Ryan", "J. Smith"), which any given name may fill."""
    people = {}
    for text in (text for label, text, _, _ in analysis.entities if label == "PERSON"):
        words = [w.strip(".,") for w in re.sub(r"[’']s$", "", text).split()]
        words = [w for w in words if w and w.lower() not in _NAME_SUFFIXES and not _is_title(w.lower())]
        if not words or not all(w[:1].isupper() for w in words):
            continue
        given = [w for w in words[:-1] if len(w) >= 2 and w.isalpha()]
        people.setdefault((tuple(given), words[-1]), text)
    return [(list(given), surname, text) for (given, surname), text in people.items()]


def _possessive_places(analysis: Analysis, words: list[Word]) -> bool | None:
    """Whether a place among `words` is written in the possessive in the claim ("Moscow's"); None: no place."""
    places = [w for w in words if w.entity in PLACE_LABELS]
    if not places:
        return None
    return any(_possessive_at(analysis, w.end) for w in places)


def _possessive_at(analysis: Analysis, end: int) -> bool:
    """Whether the word ending at `end` is written in the possessive ("Moscow" of "Moscow's")."""
    return any(w.tag == "POS" and w.start == end for w in analysis.words)


def _entity_words(words: list[Word], labels: set[str]) -> list[str]:
    """Words of named things; a proper noun spaCy left unlabelled ("the Cube") counts as a name. A title inside
    a name ("Senator Specter", "Sen. Specter") is compared as a title, not as a name, and an honorific ("Mrs.")
    as neither."""
    unlabelled_name = "PERSON" in labels
    return [w.norm for w in words if w.norm not in _NOT_NAME_WORDS and not _is_title(w.norm)
            and (w.entity in labels or unlabelled_name and not w.entity and w.pos == "PROPN")]


def _description_of_person(a_words: list[Word], b_words: list[Word]) -> bool:
    """One side describes a person by a group, a party with a home state, or a role ("the Republican candidate",
    "the South Carolina Republican", "the A.G.") where the other names a person ("Gowdy"): news refers to a
    person again by such a description; another way to refer, not another name."""
    def describes(words: list[Word]) -> bool:
        labels = {w.entity for w in words if w.entity}
        return "NORP" in labels and labels <= {"NORP", "GPE"} or bool(_titles(words)) and "PERSON" not in labels

    def names_a_person(words: list[Word]) -> bool:  # the recogniser takes a lone surname for an organisation too
        named = [w for w in words if w.norm not in _JOINING_WORDS]
        return any(w.entity == "PERSON" for w in named) or bool(named) and all(
            w.pos == "PROPN" and w.entity in ("", "PERSON", "ORG") for w in named)

    return describes(a_words) and names_a_person(b_words) or describes(b_words) and names_a_person(a_words)


def _party_and_place(a_words: list[Word], b_words: list[Word]) -> bool:
    """A party on one side, a place on the other: two ways news describes a politician ("Democratic Attorney
    General Richard Blumenthal" / "Connecticut Attorney General Richard Blumenthal"), not one name for another."""
    def party(words: list[Word]) -> bool:
        return any(w.norm.rstrip("s") in PARTIES for w in words)

    def place(words: list[Word]) -> bool:
        return any(w.entity in PLACE_LABELS for w in words)

    return party(a_words) and place(b_words) and not party(b_words) or \
        party(b_words) and place(a_words) and not party(a_words)


def title_cased(analysis: Analysis) -> bool:
    """A headline in Title Case: nearly all its longer words capitalised."""
    longer = [w.text for w in analysis.words if len(w.text) > 3 and w.text.isalpha()]
    return len(longer) >= 4 and sum(w[0].isupper() for w in longer) >= 0.8 * len(longer)


def _is_title(norm: str) -> bool:
    word = norm.rstrip(".")
    return word in TITLES or word in TITLE_ABBREVIATIONS


def _unmatched(names: list[str], others: list[str]) -> bool:
    """Some name word has no counterpart among the other claim's words. "China"/"Chinese" and
    "Kazakh"/"Kazakhstan" are one name and a word derived from it; "Organization"/"Organisation" are one
    spelling apart; "U.S." abbreviates "United States"."""
    initials = "".join(y[0] for y in others if y[:1].isalpha())
    return any(not any(same_name(x, y) for y in others) and not _abbreviates(x, initials) for x in names)


def _abbreviates(name: str, initials: str) -> bool:
    """ "U.S." / "United States", "UN" / "United Nations": the letters are the initials of the other's words."""
    letters = name.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and (len(letters) < len(name) or len(letters) <= 4) \
        and letters in initials


@lru_cache(maxsize=65_536)  # asked of the same names again and again: each pair's subjects, objects and places
def same_name(x: str, y: str) -> bool:
    x, y = (_unabbreviated(w.replace(".", "")) for w in (x, y))  # "F.B.I." / "FBI", "Ark." / "Arkansas"
    if x == y or _derived_name(x, y) or y in CAPITALS.get(x, ()) or x in CAPITALS.get(y, ()) \
            or _short_form(x, y):
        return True
    key_x, key_y = _transliteration_key(x), _transliteration_key(y)
    # Transliterations of one name differ in their vowels ("Muammar" / "Moammar"), not in their consonants
    # ("Austria" / "Australia" are two names).
    return fuzz.ratio(key_x, key_y) >= 82 and _consonants(key_x) == _consonants(key_y)


def _short_form(x: str, y: str) -> bool:
    """One given name is a short form of the other ("Mike" / "Michael", "Liz" / "Elizabeth"): one person's name
    written two ways. Read from the hand-curated English list of the nicknames package; each word of a name is
    compared on its own, so "Mike Pence" / "Michael Bloomberg" still differ by their surnames."""
    names = _given_names()
    x, y = x.lower(), y.lower()  # the package answers in lower case
    return y in names.nicknames_of(x) or x in names.nicknames_of(y)


@lru_cache(maxsize=1)
def _given_names():
    from nicknames import NickNamer

    return NickNamer()


def _consonants(key: str) -> str:
    return re.sub(r"[aeiouy\W]", "", key)


def _derived_name(x: str, y: str) -> bool:
    """One word derives from the other name: the name itself, or the name less its last letter, with an ending
    added ("Kazakh" / "Kazakhstan", "Russia" / "Russian", "China" / "Chinese", "Ukraine" / "Ukrainian"). Names
    that differ inside ("Slovakia" / "Slovenia", "Iran" / "Iraq") are two names."""
    shorter, longer = sorted((x, y), key=len)
    if len(shorter) < 4 or len(longer) < len(shorter) + 1:
        return False
    return longer.startswith(shorter) or (len(longer) >= len(shorter) + 2 and longer.startswith(shorter[:-1]))


def _unabbreviated(word: str) -> str:
    return STATE_NAMES.get(word) or PLACE_ABBREVIATIONS.get(word) or word


@lru_cache(maxsize=65_536)  # each word of a name is keyed against many others
def _transliteration_key(name: str) -> str:
    """Spellings of one name in Latin script ("al-Qaddafi", "Gadhafi"; "Muammar", "Moammar") come closer."""
    name = without_accents(name.lower())
    name = re.sub(r"^(?:al|el|ad|ash|as)-", "", name)
    name = name.replace("dh", "d").replace("kh", "k").replace("q", "g").replace("k", "g").replace("ph", "f")
    name = name.replace("z", "s")  # "Organization" / "Organisation"
    return re.sub(r"(.)\1", r"\1", name)


def _same_names(a_words: list[Word], b_words: list[Word]) -> bool:
    """The changed words are one name spelled two ways ("Muammar al-Qaddafi" / "Moammar Gadhafi"): a change of
    transliteration, not of wording."""
    def key(words: list[Word]) -> str:
        return " ".join(_transliteration_key(w.norm) for w in words if w.norm not in {"al", "el", "-"})

    capitalised = all(w.text[:1].isupper() or w.norm in {"al", "el"} or w.norm.startswith(("al-", "el-"))
                      for w in a_words + b_words)
    return bool(a_words and b_words) and capitalised and fuzz.ratio(key(a_words), key(b_words)) >= 82


def _entity_text(analysis: Analysis, words: list[Word], labels: set[str]) -> str:
    """The full entity spans that the changed words touch ("Kassym-Jomart Tokayev", "September 21, 2022")."""
    touched = [w for w in words if w.entity in labels or ("PERSON" in labels and not w.entity and w.pos == "PROPN")]
    spans = [(s, e) for label, _, s, e in analysis.entities if label in labels
             and any(s <= w.start < e for w in touched)]
    if not spans:
        return " ".join(w.text for w in touched)
    return analysis.text[min(s for s, _ in spans) : max(e for _, e in spans)]


def _quoted_on_both_sides(a: Analysis, b: Analysis, change: Change) -> bool:
    """True when the change lies inside quotation marks in both claims: the quoted wording itself differs."""
    return _quoted_at(a, change.a0, change.a1) and _quoted_at(b, change.b0, change.b1)


def _other_meaning(a_words: list[Word], b_words: list[Word]) -> bool:
    """The changed words say something else: not only another inflection ("pew" / "pews", "run" / "running"), an
    abbreviated title ("Senator" / "Sen.") or function words added or dropped ("that I" / "I"), which are how
    transcripts of one spoken sentence differ, or a word printed with letters starred out ("f***ing" /
    "fucking"). A negation always counts."""
    def meaning(words: list[Word]) -> set[str]:
        return {_meaning_key(w) for w in words
                if w.content and w.pos != "DET" or w.norm in NEGATIONS or w.lemma in NEGATIONS}

    return meaning(a_words) != meaning(b_words) and not _censored(a_words, b_words)


def _meaning_key(word: Word) -> str:
    """A word's meaning as far as transcripts go: "two" is "2", "Sen." is "senator", "running" is "run"."""
    value = number_value(word.norm)
    if value is not None:
        return f"{value:g}"
    return TITLE_ABBREVIATIONS.get(word.norm.rstrip("."), word.lemma)


def _quote_same_passage(a: Analysis, b: Analysis) -> bool:
    """The claims quote one passage: their quoted words, not only the words around them, largely overlap, and
    mostly in order, as they must for the quotations to be one passage worded two ways (as `_rewordings` asks of
    two quotations). Two different statements quoted in sentences that read alike ("the formation of a ... world
    order" / "the transformation of the architecture of ... world order"; "Hello, my name is the Republican Party
    and I have a problem" / "I have not heard people in the Republican Party admit yet that they have a
    problem") are not one quotation worded two ways."""
    quoted_a, quoted_b = [w for w in a.words if w.quoted], [w for w in b.words if w.quoted]
    if not _same_passage({w.lemma for w in quoted_a if w.content}, {w.lemma for w in quoted_b if w.content}):
        return False
    passage_a, passage_b = Analysis(a.text, quoted_a), Analysis(b.text, quoted_b)
    _, matches = align_words(passage_a, passage_b)
    return _shared_share(passage_a, passage_b, matches) >= NEAR_IDENTICAL


def _quoted_at(analysis: Analysis, first: int, last: int) -> bool:
    if first < last:
        return all(w.quoted for w in analysis.words[first:last] if not w.punct)
    before = next((w for w in reversed(analysis.words[:first]) if not w.punct), None)
    after = next((w for w in analysis.words[first:] if not w.punct), None)
    return before is not None and after is not None and before.quoted and after.quoted


def _unique(differences: list[Difference]) -> list[Difference]:
    """Each difference once: one that another of its kind shows in more words ("12 people" within "at least 12
    people", on both sides) is left out."""
    kept: list[Difference] = []
    for difference in differences:
        if not any(_within(difference, other) for other in differences if other is not difference) \
                and difference not in kept:
            kept.append(difference)
    return kept


def _within(inner: Difference, outer: Difference) -> bool:
    return inner.kind == outer.kind and (inner.a, inner.b) != (outer.a, outer.b) and bool(inner.a or inner.b) \
        and _has_words(outer.a, inner.a) and _has_words(outer.b, inner.b)


def _has_words(text: str, words: str) -> bool:
    """`words` stand in `text` as whole words ("12 people" in "at least 12 people", not "2" in "12")."""
    return not words or re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None
