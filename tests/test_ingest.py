"""Ingest: decoding, HTML extraction, and what is article text versus page furniture."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from claimdiff.errors import InputError
from claimdiff.ingest import IngestOptions, read_source, read_sources
from claimdiff.ingest.boilerplate import find_article
from claimdiff.ingest.decode import decode, mostly_unbroken
from claimdiff.model import shortest_distinct
from conftest import SEEDS, has_finite_verb

CHINESE = "习近平同哈萨克斯坦总统托卡耶夫举行会谈。双方一致同意深化合作。"
RUSSIAN = "Председатель Госдумы заявил, что Китай понимает и поддерживает Россию по вопросам её жизненных интересов."

DECODE_CASES = [
    # (bytes, expected text, expected encoding prefix)
    ("plain ascii".encode(), "plain ascii", "utf-8"),
    ("curly “quotes” and — dashes".encode("utf-8"), "curly “quotes” and — dashes", "utf-8"),
    (codecs.BOM_UTF8 + "with BOM ’".encode("utf-8"), "with BOM ’", "utf-8-sig"),
    ("UTF-16 text, with BOM".encode("utf-16"), "UTF-16 text, with BOM", "utf-16"),
    ("UTF-16 little endian, no BOM".encode("utf-16-le"), "UTF-16 little endian, no BOM", "utf-16-le"),
    ("UTF-16 big endian, no BOM".encode("utf-16-be"), "UTF-16 big endian, no BOM", "utf-16-be"),
    (RUSSIAN.encode("cp1251"), RUSSIAN, ""),
    (RUSSIAN.encode("utf-8"), RUSSIAN, "utf-8"),
]


@pytest.mark.parametrize("text, encoded", [
    # Long runs without spaces that are language: Chinese, and links (a short article may end with a long one).
    (f"{CHINESE}\nhttps://www.example.com/news/2022/09/14/xi-tokayev-talks-in-astana-full-text.html", False),
    ("The council met on Monday.\nwww.example.com/news/archive/2022/the-council-met-on-monday-full-text-and-video",
     False),
    ("Kraftfahrzeug-Haftpflichtversicherung ist Pflicht, sagte der Sprecher des Verbandes.", False),
    ("TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsuIE1hbnkgaGFuZHMgbWFrZSBsaWdodCB3b3JrLiBNYW55IGhhbmRzIG1ha2U=\n"
     "IGxpZ2h0IHdvcmsuIE1hbnkgaGFuZHMgbWFrZSBsaWdodCB3b3JrLiBNYW55IGhhbmRzIG1ha2UgbGlnaHQgd29yay4=", True),
])
def test_encoded_data_is_told_from_language_by_its_unbroken_runs(text, encoded):
    assert mostly_unbroken(text) is encoded


@pytest.mark.parametrize("data, text, encoding", DECODE_CASES)
def test_decode(data, text, encoding):
    decoded = decode(data, "x.txt")
    assert decoded.text == text
    assert decoded.encoding.startswith(encoding)
    assert not decoded.warnings


def test_invalid_utf8_bytes_are_replaced_with_a_warning():
    data = ("Déjà vu: the président said “yes” to the ministère. " * 20).encode("utf-8")
    damaged = data[:50] + b"\xff" + data[50:]
    decoded = decode(damaged, "x.txt")
    assert decoded.encoding == "utf-8"
    assert "\ufffd" in decoded.text and "président" in decoded.text
    assert decoded.warnings and "x.txt" in decoded.warnings[0]


@pytest.mark.parametrize("data, words", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    (b"%PDF-1.7\n" + bytes(200), "PDF"),
    (b"text with\x00NUL bytes inside" * 3, "binary"),
])
def test_binary_input_is_refused(data, words):
    with pytest.raises(InputError, match=words):
        decode(data, "photo.png")


def test_cp1251_file_reads_like_its_utf8_copy(tmp_path):
    (tmp_path / "ru-cp1251.txt").write_bytes((RUSSIAN + "\n").encode("cp1251"))
    (tmp_path / "ru-utf8.txt").write_text(RUSSIAN + "\n", encoding="utf-8")
    result = read_sources([str(tmp_path / "ru-cp1251.txt"), str(tmp_path / "ru-utf8.txt")], IngestOptions(), has_finite_verb)
    assert not result.errors
    first, second = result.documents
    assert first.text == second.text


# Page furniture in the seed articles: none of it may be article text.
BOILERPLATE = [
    "This website uses cookies", "Accept Cookies", "Cookie Preferences", "Do Not Sell My Personal Information",
    "Save Settings", "Strictly Necessary Cookies", "California Consumer Privacy Act", "A cookie is a small piece",
    "Leave a Reply", "Leave a Comment", "Your email address will not be published", "Required fields are marked",
    "Previous Post", "Next Post", "Armenia and Azerbaijan agree on ceasefire", "Don't miss", "Don’t miss a story",
    "Sign up to the Behind the Headlines newsletter", "Home »", "Tags:", "Written by", "filed under",
    "Kremlin Press Office / Handout", "Getty Images", "Photo: Associated Press / Alamy", "Source: Defense One",
    "No tracking. No cookies", "Putin Hoped for a Swift Victory", "Russia’s invasion of Ukraine has cost it",
    "How Russia’s War on Ukraine Opened the Door", "Since Vladimir Putin’s invasion of Ukraine Central Asian",
    "Russia’s Red Line Warnings Were Bluffs", "Restrictions on how Ukraine uses weapons",
    "Returning to Putin’s Russia", "When Putin tried to mobilise an army", "China’s Xi visits Central Asia ahead",
    "Rapid loss of territory in Ukraine reveals", "Putin needs Xi Jinping's help more than ever",
    "China alarmed Quad", "China Russia Ukraine War",
    "Thomas Corbett is a research analyst", "His areas of focus include",  # the note on the author
]

# Real sentences next to that furniture: none may be lost.
ARTICLE_TEXT = {
    "000": ["Start with Sept. 7, when the No. 3 man", "Economically, Central Asia is already a major center",
            "But what was said and not said at the recent meetings"],
    "001": ["And it wasn’t just about losses in Ukraine", "Xi didn’t even use the word “Ukraine” in his remarks."],
    "002": ["Unable to achieve any of its strategic goals in Ukraine", "Last year China overtook Russia",
            "One thing is for certain: Putin used the summit in Astana"],
    "003": ["Their first face-to-face meeting since the war began", "Going into the talks, the Kremlin described",
            "“The question now is, as Russia’s military footprint possibly recedes in the region, will China’s grow?”"],
    "004": ["So far, Beijing has carefully avoided actions", "As a multilateral organization, the SCO is a much weaker",
            "“I think that’s what Beijing is worried about", "Growing anxiety", "An anti-Western world order?"],
}


def _kept_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    blocks, _ = find_article(text, has_finite_verb)
    return "\n".join(text[b.start : b.end] for b in blocks)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_boilerplate_is_dropped_and_article_kept(path):
    kept = _kept_text(path)
    for phrase in BOILERPLATE:
        assert phrase not in kept, phrase
    for sentence in ARTICLE_TEXT[path.name[:3]]:
        assert sentence in kept, sentence


@pytest.mark.parametrize("path, title", [
    ("000", "Putin’s Terrible, Horrible, No Good, Very Bad Week Looks Even Worse Through a China Lens"),
    ("001", "Putin’s Terrible, Horrible, No Good, Very Bad Week Looks Even Worse Through a China Lens"),
    ("002", "China Increases Influence in Russia’s Backyard as ‘Strategic Partnership’ is Tested"),
    ("003", "China’s Xi Jinping meets with Putin amid Russian military losses"),
    ("004", "Putin and Xi meeting: Russia's failure in Ukraine could derail their plans for a new world order"),
])
def test_seed_titles(path, title):
    document = read_source(str(next(SEEDS.glob(f"{path}_*.txt"))), IngestOptions(), has_finite_verb)
    assert document.title == title


def test_a_paragraph_of_two_sentences_is_not_the_headline():
    text = ("City Hall Votes\n\nMaria Lopez approved the bridge on Monday.\n\n"
            "Maria Lopez did not approve the bridge on Monday. The mayor approved the bridge on Monday?\n")
    blocks, title = find_article(text, has_finite_verb)
    assert title == "City Hall Votes"
    assert [b.role for b in blocks] == ["title", "body", "body"]


def test_a_quotation_ending_in_a_full_stop_is_not_the_headline():
    """An article pasted without its headline: a paragraph that is one quoted sentence is body text, and the
    paragraphs above it are not taken for captions."""
    text = ("The battle for control of the party moved into the open on Sunday as the chairman called his members.\n\n"
            "Mr. Steele has lost the backing of many top supporters, but he has not yet said whether he will run.\n\n"
            "“Thank you and I look forward to talking to you Monday evening.”\n\n"
            "The 168-member committee will elect a chairman during its meeting in January.\n")
    blocks, title = find_article(text, has_finite_verb)
    assert not title or title.startswith("The battle")
    assert "caption" not in [b.role for b in blocks]


@pytest.mark.parametrize("headline", [
    "Massachusetts Gov. Deval Patrick picks former staffer to fill Kerry's Senate seat",
    "Clinton Is 'Sane' And 'Competent,' Unlike Trump, Bloomberg Tells U.S.",
])
def test_a_sentence_of_names_is_not_the_headline(headline):
    """A sentence that lists people is capitalised as densely as a Title Case headline, but ends in a full stop;
    a headline may end in an abbreviation's."""
    text = (f"{headline}\n\nThe governor on Wednesday picked a former chief of staff to fill the open seat.\n\n"
            "Both parties will hold special-election primaries in mid May.\n\n"
            "Among the potential Democratic candidates are Reps. Stephen F. Lynch, Michael E. Capuano and Edward "
            "Markey.\n")
    blocks, title = find_article(text, has_finite_verb)
    assert title == headline
    assert [b.role for b in blocks] == ["title", "body", "body", "body"]


def test_an_article_pasted_without_its_headline_has_no_title_and_no_captions():
    """Paragraphs of prose come first: a later line that happens to look like a headline (short, no full stop)
    is not one, and what comes before it is body text, not photo captions."""
    body = "Democrats in the Senate hoping to pass bills in the lame-duck session were put on notice on Tuesday. "
    text = (f"{body}\n\n{body.replace('Tuesday', 'Wednesday')}\n\n{body.replace('Tuesday', 'Thursday')}\n\n"
            "This post has been revised to reflect the following correction:\n\nCorrection: December 1, 2010\n")
    blocks, title = find_article(text, has_finite_verb)
    assert title is None
    assert [b.role for b in blocks][:3] == ["body", "body", "body"]


def test_photo_credit_is_cut_but_caption_kept():
    text = ("Headline About The Summit Meeting Today\n\nLeaders pose at the summit in Astana on 3 July. "
            "Photo: Associated Press / Alamy\n\nThe summit opened on Tuesday with a speech by the host.\n")
    blocks, title = find_article(text, has_finite_verb)
    kept = [(text[b.start : b.end], b.role) for b in blocks]
    assert ("Leaders pose at the summit in Astana on 3 July.", "caption") in kept
    assert title == "Headline About The Summit Meeting Today"


def test_article_about_cookies_is_not_a_cookie_banner():
    text = ("Regulators Fine Tech Firm\n\nThe regulator said the company set tracking cookies without consent "
            "from users in 2022.\n\nThe fine was the largest under the privacy law.\n")
    kept = _kept_text_from(text)
    assert "tracking cookies without consent" in kept



@pytest.mark.parametrize("label", ["Site Mobile Navigation", "Main menu", "Toggle navigation", "Skip to navigation"])
def test_a_site_menu_label_is_furniture(label):
    """A page copied whole carries its menu's labels between the headline and the story."""
    text = (f"William Cowan Named Interim Senator in Massachusetts\n\n{label}\n\n"
            "Gov. Deval Patrick on Wednesday appointed William Cowan to serve as an interim senator.\n\n"
            "The navigation of the bill through the Senate menu of amendments took weeks.\n")
    kept = _kept_text_from(text)
    assert label not in kept
    assert "appointed William Cowan" in kept and "took weeks" in kept

def _kept_text_from(text: str) -> str:
    blocks, _ = find_article(text, has_finite_verb)
    return "\n".join(text[b.start : b.end] for b in blocks)


def test_html_page_gives_article_text_and_title(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("""<!doctype html><html><head><title>Mayor wins | Daily News</title>
<script>var tracking = "The mayor lost";</script><style>p {color: red}</style></head><body>
<nav><a href="/">Home</a> » <a href="/city">City</a></nav>
<div class="cookie-banner">This website uses cookies to improve your experience. <button>Accept Cookies</button></div>
<article><h1>Mayor wins second term</h1>
<p>The mayor won a second term on Tuesday with 61 percent of the vote, officials said.</p>
<p>“We did it together,” said Jane Doe, the mayor, at a rally in the city centre.</p>
<p>Turnout was 48 percent, the highest since 1998, according to the election office.</p></article>
<section class="comments"><h3>Leave a Reply</h3><p>Your email address will not be published.</p></section>
<footer>© 2024 Daily News. All rights reserved.</footer></body></html>""", encoding="utf-8")
    document = read_source(str(page), IngestOptions(), has_finite_verb)
    assert document.kind == "html"
    assert "61 percent of the vote" in document.text
    assert "Turnout was 48 percent" in document.text
    for furniture in ("var tracking", "color: red", "Accept Cookies", "Leave a Reply", "All rights reserved"):
        assert furniture not in document.text
    assert document.title and "Mayor wins" in document.title


def test_directory_expands_to_article_files(tmp_path):
    for name in ("b.txt", "a.md", "c.html", "notes.docx", "image.png"):
        (tmp_path / name).write_text("Some Headline For A Test\n\nThe council approved the budget on Monday.\n")
    result = read_sources([str(tmp_path)], IngestOptions(), has_finite_verb)
    assert [Path(d.location).name for d in result.documents] == ["a.md", "b.txt", "c.html"]


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    ("", "is empty"),
    ("   \n\n  ", "is empty"),
])
def test_unreadable_sources_are_named_in_the_error(tmp_path, content, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_text(content)
    result = read_sources([str(path)], IngestOptions(), has_finite_verb)
    assert result.documents == []
    assert len(result.errors) == 1
    assert str(path) in result.errors[0] and message in result.errors[0]


def test_url_argument_must_be_http():
    result = read_sources(["file:///etc/passwd", "ftp://example.com/a.txt"], IngestOptions(), has_finite_verb)
    assert len(result.errors) == 2
    assert all("only http:// and https://" in e for e in result.errors)


def test_stdin_source(tmp_path):
    import io

    stream = io.BytesIO("A Headline From Standard Input\n\nThe bridge reopened on Friday after repairs.\n".encode())
    document = read_source("-", IngestOptions(stdin=stream), has_finite_verb)
    assert document.kind == "stdin" and document.id == "stdin"
    assert "The bridge reopened on Friday" in document.text


def test_duplicate_stems_get_distinct_ids(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    for folder in ("x", "y"):
        (tmp_path / folder / "story.txt").write_text("A Story Headline Here Today\n\nThe ferry sank near the pier.\n")
    result = read_sources([str(tmp_path / "x" / "story.txt"), str(tmp_path / "y" / "story.txt")], IngestOptions(), has_finite_verb)
    assert [d.id for d in result.documents] == ["story", "story-2"]


def test_offsets_point_into_document_text():
    for path in sorted(SEEDS.glob("*.txt")):
        document = read_source(str(path), IngestOptions(), has_finite_verb)
        original = path.read_text(encoding="utf-8")
        assert document.text == original
        for block in document.blocks:
            assert re.sub(r"\s+", " ", document.text[block.start : block.end]).strip()


@pytest.mark.parametrize("names, ids", [
    (["000_9a46518befece4f6", "001_aae4767c6d9cdfdd"], ["000", "001"]),
    # Words every name begins with tell nothing apart: files of one story named by outlet.
    (["2013_11c9f251_FOX", "2013_11c9f251_HPO", "2013_11c9f251_NYT"], ["FOX", "HPO", "NYT"]),
    (["www.nytimes.com", "www.foxnews.com"], ["nytimes", "foxnews"]),
    (["story1_fox", "story1_nyt", "story2_fox"], ["story1_fox", "story1_nyt", "story2_fox"]),
    (["report", "report-2"], ["report", "report-2"]),
    (["stdin"], ["stdin"]),
])
def test_source_ids_are_the_shortest_parts_that_tell_them_apart(names, ids):
    assert shortest_distinct(names) == ids
