"""Find the article inside text pasted or extracted from a web page.

Text copied from a browser carries the page around the article: cookie and consent banners, comment forms,
newsletter prompts, "Previous Post / Next Post", breadcrumbs, photo credits and teasers for other articles.
HTML extractors (trafilatura) remove these from markup, but no maintained library does it for plain text, so
this module classifies lines by hand. It never edits the text: it returns the spans (blocks) that hold article
content, so claim offsets still point into the original text.

Rules are written to be conservative: a real sentence of the article must never be dropped, so a line is dropped
only on a clear sign (site furniture wording, a cookie banner addressing the reader, a headline-shaped teaser).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from claimdiff.language.detect import ENGLISH
from claimdiff.language.sentences import sentence_spans
from claimdiff.model import Block

# Whole lines that are site furniture: navigation, comment forms, sharing, newsletter prompts, bylines.
_FURNITURE = re.compile(
    r"""^(?:
        home\s*[»›>|/].* | .+\s[»›]\s.+                       # breadcrumbs
      | (?:previous|next|prev)\s+(?:post|article|story|page)s?\b.{0,3}
      | tags?\s*:.* | (?:this\s+article\s+was\s+)?filed\s+under\b.{0,80} | categor(?:y|ies)\s*:.*
      | leave\s+a\s+(?:reply|comment).* | your\s+email\s+address\s+will\s+not\s+be\s+published.*
      | required\s+fields\s+are\s+marked.* | (?:post|submit)\s+comment | cancel\s+reply
      | save\s+my\s+name.* | notify\s+me\s+of.* | \d*\s*comments? | (?:view|show|load)\s+comments?
      | don[’'`]?t\s+miss\b.{0,40} | (?:also\s+)?read\s+(?:more|next|also)\b.{0,3} | more\s+from\b.{0,60}
      | related(?:\s+(?:articles?|stories|coverage|posts?|reading|content))?\s*:?
      | recommended(?:\s+for\s+you)?\s*:? | most\s+(?:read|popular|viewed)\s*:? | trending(?:\s+now)?\s*:?
      | share(?:\s+(?:this|on|via).{0,30})?\s*:? | (?:follow|like)\s+us\b.{0,60} | print | email | advertisement
      | skip\s+to\s+(?:main\s+)?(?:content|navigation|search) | written\s+by\s*:?
      | (?:(?:site|main|mobile|primary|global|top|section)\s+){0,3}(?:navigation|menu)(?:\s+menu)?
      | (?:open|close|toggle)\s+(?:navigation|menu|search)                  # a site's menu labels
      | source\s*:\s*\S.{0,60} | (?:all\s+rights\s+reserved|©|copyright\b).{0,120}
      | (?:sign\s+up|subscribe)\b.{0,160}
      | .{0,80}\b(?:sign\s+up|subscribe|inbox|get|receive)\b.{0,60}\bnewsletters?\b.{0,80}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Cookie and consent banners speak to the reader ("we use cookies", "your browser"); an article about privacy
# law does not, which is how the two are told apart.
_CONSENT = re.compile(
    r"cookie|consent|opt[- ]?out|do not sell|personal (?:information|data)|privacy (?:policy|settings|controls|"
    r"request|choices|act)|tracking technolog|targeted (?:ads|advertising)|advertising partners|\bCCPA\b|\bGDPR\b",
    re.IGNORECASE,
)
_READER_VOICE = re.compile(r"\b(?:you|your|we|our|us|this (?:web)?site)\b", re.IGNORECASE)

# A photo credit ends a caption line or stands alone: "Photo: AP / Alamy", "... via Getty Images".
_CREDIT = re.compile(
    r"(?:^|(?<=[.!?”\"’)]\s))\s*(?:"
    r"(?:photo(?:graph)?s?|image|picture|credit|illustration|video|source)(?:\s+(?:by|credit))?\s*:\s*[^.!?]{2,120}"
    r"|[^.!?]{0,120}(?:getty\s+images|alamy|shutterstock|ap\s+photo|reuters\s*/|/\s*reuters|afp\s*/|/\s*afp"
    r"|/\s*ap\b|/\s*epa|epa\s*/|\bvia\s+\w+\s+images|\bhandout\b)[^.!?]{0,60}"
    r")$",
    re.IGNORECASE,
)

# Articles (opinion and analysis above all) close with a note on the author: "Thomas Corbett is a research analyst
# with BluePath Labs. His areas of focus include ..." A name, "is a/an" (a news subject is "the president of") and
# a contributor's role at an organisation, in the article's last paragraph.
_AUTHOR_NOTE = re.compile(
    r"^(?:[A-Z][\w.’'\-]+\s){1,3}[A-Z][\w’'\-]+,?\s(?:is|was)\s(?:a|an)\s[^.]{0,80}?\b(?:"
    r"analyst|fellow|journalist|writer|correspondent|reporter|editor|columnist|contributor|professor|researcher|"
    r"director|author|scholar|lecturer|consultant|associate|producer|commentator|historian"
    r")s?\b[^.]{0,120}\b(?:at|with|for|of|in)\b[^\n]{0,400}$"
)
_TERMINAL = re.compile(r"[.!?…:;][\s\"'”’»)\]]*$")
# A headline ends without a full stop, colon or comma, also inside closing quotes ('... Monday evening.”').
_CLAUSE_END = re.compile(r"[.:;,][\s\"'”’»)\]]*$")
# ... except the stop of an abbreviation: "... Bloomberg Tells U.S.", "... From the I.R.S.", "... Sr."
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}[\s\"'”’»)\]]*$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd)\.[\s\"'”’»)\]]*$")
MIN_PARAGRAPH_WORDS = 15
MAX_PARAGRAPHS_ABOVE_TITLE = 2  # captions above a headline; more paragraphs of prose are the article itself
NO_TITLE = -1
_WORD = re.compile(r"[^\W\d_][\w’'\-]*", re.UNICODE)
_FUNCTION_WORDS = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as",
    "is", "are", "was", "be", "into", "over", "its", "his", "her", "their", "so", "if", "that", "it", "up",
}


@dataclass
class _Line:
    start: int
    end: int
    text: str
    credited: bool = False  # a photo credit was cut from its end: the line is a caption

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


FiniteVerbTest = Callable[[str], bool]


def find_article(text: str, has_finite_verb: FiniteVerbTest,
                 language: str = ENGLISH) -> tuple[list[Block], str | None]:
    """Return the blocks of `text` that hold the article, and its title if one is recognisable.

    `has_finite_verb(line)` tells teaser headlines ("Xi visits Central Asia") from section headings
    ("Growing anxiety"): the run's parser answers it (language/parser.py). The rules read English page
    furniture; in another language every line is kept (see _lines_as_article).
    """
    if language != ENGLISH:
        return _lines_as_article(text)
    lines = [_trim_credit(line) for line in _lines(text)]
    lines = [line for line in lines if line is not None]
    kept: list[tuple[_Line, str]] = []
    seen: set[str] = set()
    in_banner = False
    after_teaser = False
    title_index = _title_index(lines)
    for index, line in enumerate(lines):
        in_banner = _in_consent_banner(line, in_banner)
        was_after_teaser, after_teaser = after_teaser, False
        key = _normalise(line.text)
        if in_banner or _is_furniture(line) or key in seen:
            continue
        if index < title_index:
            if len(line.words) <= 6:  # masthead, slogan or section tags above the headline
                continue
            role = "caption"
        elif index == title_index:
            role = "title"
        elif line.credited:
            role = "caption"
        elif kept and kept[-1][1] == "title":
            role = "body"  # the standfirst under the headline, even without a final full stop
        elif _is_section_question(line, has_finite_verb):
            role = "heading"
        elif _ends_sentence(line.text):
            if was_after_teaser and len(line.words) <= 60 and not line.text.rstrip("”\"’' ").endswith("."):
                continue  # the standfirst of a teased article ("... returned home. Why?")
            role = "body"
        elif _is_teaser_headline(line, has_finite_verb):
            after_teaser = True
            continue
        elif was_after_teaser and len(line.words) <= 60:
            continue  # the standfirst of a teased article, which has no final full stop
        else:
            role = "heading" if len(line.words) <= 10 else "body"
        seen.add(key)
        kept.append((line, role))
    _mark_captions(kept)
    while kept and kept[-1][1] == "body" and _AUTHOR_NOTE.match(kept[-1][0].text):
        kept.pop()  # a note on the author closing the article, not its content
    blocks = [Block(line.start, line.end, role) for line, role in kept]
    title = next((line.text for line, role in kept if role == "title"), None)
    return blocks, title


# Sentence-final punctuation of the scripts the multilingual encoder reads: Latin and Cyrillic, CJK, Arabic, Thai.
_ANY_TERMINAL = re.compile(r"[.!?…。！？؟]['\"”’»」』)\]\s]*$")
MAX_HEADING_CHARS = 80


def _lines_as_article(text: str) -> tuple[list[Block], str | None]:
    """Every line of an article in a language other than English, none dropped (the furniture rules know English
    wording only): the first line is its title when it reads as one (short, no final full stop), later short lines
    without one are headings."""
    blocks = []
    for index, line in enumerate(_lines(text)):
        if not any(ch.isalnum() for ch in line.text):
            continue
        headline = len(line.text) <= MAX_HEADING_CHARS and not _ANY_TERMINAL.search(line.text)
        role = ("title" if index == 0 else "heading") if headline else "body"
        blocks.append(Block(line.start, line.end, role))
    title = next((text[b.start : b.end] for b in blocks if b.role == "title"), None)
    return blocks, title


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with their offsets, stripped of surrounding whitespace."""
    lines = []
    for match in re.finditer(r"[^\n\r]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        lines.append(_Line(start, start + len(stripped), stripped))
    return _join_wrapped(lines, text)


def _join_wrapped(lines: list[_Line], text: str) -> list[_Line]:
    """Hard-wrapped text (a paragraph broken into lines of ~70 characters) is joined back into paragraphs."""
    if len(lines) < 4:
        return lines
    mid_sentence_breaks = sum(
        1 for a, b in zip(lines, lines[1:]) if not _ends_sentence(a.text) and b.text[:1].islower()
    )
    if mid_sentence_breaks < len(lines) / 4:
        return lines
    joined = [lines[0]]
    for line in lines[1:]:
        previous = joined[-1]
        gap = text[previous.end : line.start]
        if gap.count("\n") <= 1 and not _ends_sentence(previous.text) or (gap.count("\n") <= 1 and line.text[:1].islower()):
            joined[-1] = _Line(previous.start, line.end, text[previous.start : line.end])
        else:
            joined.append(line)
    return joined


def _trim_credit(line: _Line) -> _Line | None:
    """Cut a trailing photo credit; a line that is only a credit disappears."""
    match = _CREDIT.search(line.text)
    if not match or len(match.group().split()) > 20:
        return line
    cut = match.start()
    if cut == 0:
        return None
    kept = line.text[:cut].rstrip()
    return _Line(line.start, line.start + len(kept), kept, credited=True)


def _in_consent_banner(line: _Line, in_banner: bool) -> bool:
    """A banner starts at a consent line in the reader's voice and runs while lines stay short or on topic."""
    words = len(line.words)
    consent = bool(_CONSENT.search(line.text))
    if consent and (words <= 8 or _READER_VOICE.search(line.text)):
        return True
    if in_banner:
        return words <= 8 or consent or bool(_READER_VOICE.search(line.text) and re.search(
            r"browser|device|ads\b|advertis|track|setting|preferen", line.text, re.IGNORECASE))
    return False


def _is_furniture(line: _Line) -> bool:
    text = line.text
    if not any(ch.isalnum() for ch in text) or len(text) <= 2:
        return True
    return len(line.words) <= 30 and bool(_FURNITURE.match(text))


def _title_index(lines: list[_Line]) -> int:
    """The headline: the first Title Case line near the top, else the first headline-shaped line. A headline ends
    without a full stop: a sentence that lists names ("... are Reps. Stephen F. Lynch, Michael E. Capuano and
    Edward Markey.") is capitalised as densely, and is body text."""
    head = [(i, line) for i, line in enumerate(lines[:10]) if not _is_furniture(line)
            and not _in_consent_banner(line, False)]
    for i, line in head:
        if _is_title_case(line) and (len(line.words) >= 6 or _has_lowercase_word(line)) \
                and not (_CLAUSE_END.search(line.text) and not _ABBREVIATION_END.search(line.text)):
            return i
    paragraphs_passed = 0
    for i, line in head:
        if len(line.words) >= 4 and not _CLAUSE_END.search(line.text) and _one_sentence(line.text):
            return i
        if _ends_sentence(line.text) and len(line.words) >= MIN_PARAGRAPH_WORDS:
            paragraphs_passed += 1
            if paragraphs_passed > MAX_PARAGRAPHS_ABOVE_TITLE:
                return NO_TITLE  # body text already: the article was pasted without its headline
    return head[0][0] if head else 0


def _one_sentence(text: str) -> bool:
    """A headline is one sentence: a paragraph of two that happens to end in "?" is not one."""
    return len(sentence_spans(text)) <= 1


def _is_teaser_headline(line: _Line, has_finite_verb) -> bool:
    """A line without a final full stop that reads as a headline: an article teaser, not a section heading."""
    words = line.words
    if not 5 <= len(words) <= 25:
        return False
    return _is_title_case(line) or has_finite_verb(line.text)


def _is_section_question(line: _Line, has_finite_verb) -> bool:
    """Subheads are often short verbless questions, such as "An anti-Western world order?"."""
    return line.text.endswith("?") and len(line.words) <= 8 and not has_finite_verb(line.text)


def _is_title_case(line: _Line) -> bool:
    content = [w for w in line.words if w.lower() not in _FUNCTION_WORDS]
    if len(content) < 3:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.8


def _has_lowercase_word(line: _Line) -> bool:
    return any(w.islower() for w in line.words)


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def _mark_captions(kept: list[tuple[_Line, str]]) -> None:
    """Lines above the headline are captions when they read as sentences; short ones without a full stop are
    headings (a kicker or section name)."""
    for index, (line, role) in enumerate(kept):
        if role == "caption" and not _ends_sentence(line.text):
            kept[index] = (line, "heading")


def _normalise(text: str) -> str:
    """Typography-blind key, so a repeated caption or headline with other quote marks counts as the same line."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"[“”«»„]", '"', text)
    return re.sub(r"\W+", " ", text).strip()
