"""Across languages: which language a source is in, its sentences, figures and dates read in each language, and
a Russian readout, a Chinese readout and an English report of one meeting compared claim by claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.judge.crosslingual import cross_differences
from claimdiff.language.detect import detect_language
from claimdiff.language.numbers import read_dates, read_figures
from claimdiff.language.sentences import sentence_spans_in

READOUT = Path(__file__).resolve().parents[1] / "examples" / "readout"


@pytest.mark.parametrize("text, language", [
    ("Мэр открыл новый мост через реку в понедельник.", "ru"),
    ("市长周一为新大桥剪彩。", "zh"),
    ("The mayor opened the new bridge on Monday.", "en"),
    ("Xi, Putin meet in Samarkand", "en"),  # names alone read as Dutch as easily: English unless sure
])
def test_the_language_of_a_text(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text, language, count", [
    ("Он сказал, что всё решено. «Мы не можем ждать», — добавил он. В 2021 г. было 2,5 млн человек.", "ru", 3),
    ("他表示已经做出决定。“我们不能为此道歉。”双方同意扩大合作。", "zh", 3),
])
def test_sentences_of_other_languages_slice_back(text, language, count):
    spans = sentence_spans_in(text, language)
    assert len(spans) == count
    assert all(text[a:b] == text[a:b].strip() and text[a:b] for a, b in spans)


def test_a_figure_is_one_value_in_every_language():
    values = [[f.value for f in read_figures(text, language)] for text, language in (
        ("Losses reached 2.5 million dollars and 1,200 people left.", "en"),
        ("Потери составили 2,5 млн долларов, уехали 1 200 человек.", "ru"),
        ("损失达250万美元，1200人离开。", "zh"))]
    assert values[0] == values[1] == values[2] == [2_500_000, 1200]


def test_a_date_is_one_date_in_every_language():
    dates = [[(d.month, d.day) for d in read_dates(text, language)] for text, language in (
        ("They met on September 15.", "en"), ("Они встретились 15 сентября.", "ru"), ("他们于9月15日会面。", "zh"))]
    assert dates[0] == dates[1] == dates[2] == [(9, 15)]


def test_only_what_both_sides_give_and_differ_in_is_flagged():
    assert cross_differences("Trade grew to $117 billion.", "en", "Товарооборот достиг 117 млрд долларов.", "ru") == []
    assert [d.kind for d in cross_differences("代表团将访问4天。", "zh", "Делегация пробудет 5 дней.", "ru")] == ["number"]
    # A figure one side spells out is not read there: nothing is flagged on one side's figure alone.
    assert cross_differences("They stayed eight days.", "en", "Они пробыли 8 дней.", "ru") == []
    found = cross_differences("They met on September 7.", "en", "9月8日，他们会面。", "zh")
    assert [(d.kind, d.a, d.b) for d in found] == [("date", "September 7", "9月8日")]


def test_a_converted_measurement_is_one_value_and_a_changed_one_is_not():
    assert cross_differences("Temperatures rose above 90 degrees.", "en", "气温超 32.2 摄氏度。", "zh") == []
    assert cross_differences("The village is 5 miles away.", "en", "Деревня в 8 километрах.", "ru") == []
    assert [d.kind for d in cross_differences("The lake is 80 feet deep.", "en", "湖深72英尺。", "zh")] == ["number"]
    assert [d.kind for d in cross_differences("Above 99 degrees.", "en", "Выше 90 градусов.", "ru")] == ["number"]


@pytest.mark.parametrize("a, a_language, b, b_language", [
    # Indian digit grouping: 2,06,737 is 206,737.
    ("Tamil Nadu has reported 2,06,737 cases.", "en", "В Тамилнаде выявлено 206 737 случаев.", "ru"),
    # A translation into a language that writes decimals with a comma may keep the English "60,000".
    ("Cases topped 60,000 as 1,770 were added.", "en", "Случаи превысили 60,000, добавилось 1,770.", "ru"),
    # A range writes its unit once: 5-10 acres is 2-4 hectares.
    ("The fire grew from 5-10 acres to 250 acres.", "en", "过火面积已从约 2-4 公顷扩大至约 100 公顷。", "zh"),
    # "8 点" is a clock time, as "20:00" is.
    ("Площадь пожара по состоянию на 20:00.", "ru", "截至晚 8 点，过火面积。", "zh"),
    # A number word in a name is no count; nor is a fraction's numerator; nor the 19 of "Covid-19".
    ("Unlike the other Five Eyes countries, it may question people for 7 days.", "en",
     "与其他五眼联盟国家不同，它有权进行为期最高 7 天的询问。", "zh"),
    ("Закон был принят большинством в две трети, четверо депутатов были против.", "ru",
     "该法律以三分之二多数票通过，有四名议员投了反对票。", "zh"),
    ("Dexamethasone reduced deaths by a third in Covid-19 patients.", "en", "地塞米松可将新冠患者的死亡率降低三分之一。", "zh"),
    # A range of days writes its month once.
    ("Symptoms began between August 9-10.", "en", "Симптомы появились между 9 и 10 августа.", "ru"),
    ("Они проанализировали видео с 26 мая по 5 июня.", "ru", "他们分析了 5 月 26 日至 6 月 5 日期间的视频。", "zh"),
])
def test_one_figure_written_two_ways_is_not_flagged(a, a_language, b, b_language):
    assert cross_differences(a, a_language, b, b_language) == []


def test_a_changed_figure_beside_a_date_whose_day_it_equals_is_flagged():
    found = cross_differences("July 25: 212 people in 23 states.", "en", "25 июля: 212 человек в 25 штатах.", "ru")
    assert [(d.kind, d.b) for d in found] == [("number", "25 штатах")]


@pytest.fixture(scope="module")
def readout_report(real_encoder):
    from claimdiff import compare

    return compare([str(READOUT / name) for name in ("en.txt", "ru.txt", "zh.txt")], encoder=real_encoder,
                   cache=False)


@pytest.mark.model
def test_the_readouts_of_one_meeting_are_aligned_across_languages(readout_report):
    report = readout_report
    assert {s.id: s.language for s in report.sources} == {"en": "en", "ru": "ru", "zh": "zh"}
    by_id = {c.id: c for c in report.claims}
    three_way = [g for g in report.groups if len({by_id[c].source for c in g.claims}) == 3]
    assert len(three_way) >= 4  # the talks, the support, the trade figure, the stay: each told by all three
    talks = next(g for g in three_way if any("Volodin in Moscow" in by_id[c].text for c in g.claims))
    assert talks.verdict == "agree"  # the same date, September 8, in three languages


@pytest.mark.model
def test_a_changed_figure_is_flagged_across_languages_and_a_paraphrase_is_not(readout_report):
    report = readout_report
    by_id = {c.id: c for c in report.claims}
    stay = next(g for g in report.groups if any("5 days" in by_id[c].text for c in g.claims))
    assert stay.verdict == "diverge"
    shown = {(d.kind, d.a, d.b) for p in stay.pairs for d in p.differences}
    assert shown >= {("number", "5 days", "4天"), ("number", "5 дней", "4天")}  # each side in its language
    trade = next(g for g in report.groups if any("$117 billion" in by_id[c].text for c in g.claims))
    assert trade.verdict == "agree"  # $117 billion, 117 млрд долларов and 1170亿美元 are one figure


def test_an_english_only_run_never_loads_the_multilingual_encoder(monkeypatch, fake_encoder, seed_paths):
    import claimdiff.embed.multilingual as multilingual
    from claimdiff import compare

    def refuse(*args, **kwargs):
        raise AssertionError("the multilingual encoder was loaded for English sources")

    monkeypatch.setattr(multilingual.MultilingualEncoder, "__init__", refuse)
    report = compare(seed_paths[:2], encoder=fake_encoder, cache=False)
    assert {s.language for s in report.sources} == {"en"}
