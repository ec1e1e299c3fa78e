"""Invariants, checked on generated articles (hypothesis): offsets slice back to every claim, every claim is in
exactly one group, an article compared with itself agrees everywhere, and the verdicts do not depend on the
order the sources are given in."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimdiff import compare
from claimdiff.ingest import IngestOptions, read_sources
from claimdiff.segment import segment
from conftest import HashingEncoder, has_finite_verb

NAMES = ["Maria Lopez", "the mayor", "Chen Wei", "the ministry", "Olga Petrova", "the council", "Ahmed Khan"]
VERBS = ["approved", "rejected", "announced", "delayed", "criticised", "funded", "opened", "closed"]
THINGS = ["the bridge", "a new budget", "the school", "three hospitals", "the port", "a tax on fuel", "the vote"]
WHEN = ["on Monday", "in March", "last year", "after a long debate", "", "in 2019", "by 42 votes to 17"]

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def sentences(draw) -> str:
    subject, verb, thing, when = (draw(st.sampled_from(options)) for options in (NAMES, VERBS, THINGS, WHEN))
    sentence = f"{subject} {verb} {thing} {when}".strip()
    sentence = sentence[0].upper() + sentence[1:]
    form = draw(st.sampled_from(["plain", "quote", "negated", "question"]))
    if form == "quote":
        return f"“{sentence}, and we are proud of it,” {draw(st.sampled_from(NAMES))} said."
    if form == "negated":
        return f"{sentence.replace(verb, 'did not ' + verb.rstrip('d').rstrip('e') + 'e', 1)}."
    return sentence + ("?" if form == "question" else ".")


@st.composite
def articles(draw) -> str:
    body = draw(st.lists(sentences(), min_size=2, max_size=8, unique=True))
    paragraphs, start = [], 0
    while start < len(body):
        size = draw(st.integers(1, 3))
        paragraphs.append(" ".join(body[start : start + size]))
        start += size
    title = draw(st.sampled_from(["City Hall Votes", "Budget News", "What Happened This Week"]))
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _files(texts: list[str], folder: Path) -> list[str]:
    paths = []
    for n, text in enumerate(texts):
        path = folder / f"source{n}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _compare(texts: list[str], order: list[int] | None = None):
    with tempfile.TemporaryDirectory() as folder:
        paths = _files(texts, Path(folder))
        order = order or list(range(len(paths)))
        return compare([paths[k] for k in order], encoder=HashingEncoder(), cache=False)


@SETTINGS
@given(st.one_of(articles(), st.text(min_size=1, max_size=400)))
def test_offsets_slice_back_to_every_claim(text):
    with tempfile.TemporaryDirectory() as folder:
        result = read_sources(_files([text], Path(folder)), IngestOptions(), has_finite_verb)
    for document in result.documents:
        for claim in segment(document):
            assert document.text[claim.start : claim.end] == claim.text
            assert claim.text == claim.text.strip() and claim.text


@SETTINGS
@given(st.lists(articles(), min_size=2, max_size=3))
def test_every_claim_is_in_exactly_one_group(texts):
    report = _compare(texts)
    grouped = [c for g in report.groups for c in g.claims]
    assert sorted(grouped) == sorted(c.id for c in report.claims)


@SETTINGS
@given(articles())
def test_an_article_compared_with_itself_agrees_everywhere(text):
    report = _compare([text, text])
    assert report.groups and {g.verdict for g in report.groups} == {"agree"}
    assert all(len({report.claim(c).source for c in g.claims}) == 2 for g in report.groups)


@SETTINGS
@given(st.lists(articles(), min_size=3, max_size=3), st.permutations([0, 1, 2]))
@example(["City Hall Votes\n\nMaria Lopez approved the bridge on Monday.\n\nMaria Lopez did not approve the bridge on "
          "Monday. The mayor approved the bridge on Monday?\n",
          "City Hall Votes\n\nMaria Lopez approved the bridge on Monday.\n\nMaria Lopez approved the bridge in March.\n",
          "City Hall Votes\n\nMaria Lopez approved the bridge on Monday. Maria Lopez approved the school on Monday.\n"],
         [1, 2, 0])
@example(["City Hall Votes\n\nMaria Lopez approved the bridge on Monday.\n\nMaria Lopez approved the bridge in March.\n\n"
          "Maria Lopez approved the bridge last year. Maria Lopez rejected the bridge on Monday.\n\nThe mayor approved the "
          "bridge on Monday. The mayor rejected the school in March. The mayor rejected the bridge on Monday.\n",
          "City Hall Votes\n\nMaria Lopez approved the bridge on Monday.\n\nMaria Lopez approved the school on Monday.\n\n"
          "Ahmed Khan did not rejecte the bridge.\n",  # one stem, "reject", in two words of different rarity
          "City Hall Votes\n\nMaria Lopez did not approve the bridge on Monday.\n\nMaria Lopez approved the bridge.\n"],
         [1, 0, 2])
def test_verdicts_do_not_depend_on_the_order_of_the_sources(texts, order):
    def outcome(report):
        return sorted((g.verdict, sorted((report.claim(c).source, report.claim(c).start) for c in g.claims))
                      for g in report.groups)

    assert outcome(_compare(texts)) == outcome(_compare(texts, order))


# Text as news writes figures and dates in English, Russian and Chinese, mixed with any characters.
FIGURE_PIECES = ["2,06,737", "60,000", "1 200", "2,5 млн", "250万", "5-10 acres", "20:00", "晚 8 点", "8 点半", "9 и 10",
                 "августа", "August 9-10", "9月8日", "two-thirds", "две трети", "Five Eyes", "Covid-19", "between",
                 "and", "to", "三分之二", "四名", "°F", "км", "–", ",", ".", " "]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(FIGURE_PIECES), st.text(max_size=6)), max_size=14),
       st.sampled_from(["en", "ru", "zh"]))
def test_figures_are_read_where_they_stand_in_any_text(pieces, language):
    from claimdiff.judge.crosslingual import cross_differences
    from claimdiff.language.numbers import read_dates, read_figures, read_spelled, read_times

    text = " ".join(pieces)
    for figure in read_figures(text, language) + read_spelled(text, language):
        assert text[figure.start : figure.start + len(figure.text)] == figure.text
    read_dates(text, language), read_times(text)
    assert cross_differences(text, language, text, language) == []  # a text never differs from itself
