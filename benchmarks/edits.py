"""Edited copies of real articles: does `compare` flag exactly the edits that change a fact?

    python benchmarks/edits.py [N]     # N BASIL articles (default 30), prints how many pass and what failed

Each article gets a copy with seven edits: a changed number, an inserted "not", a swapped name, a deleted
sentence and an inserted one (these five must be flagged: diverge, contradict, diverge, unique, unique), a verb
reworded outside quotes and two paragraphs swapped (these must agree, like everything else). The test suite runs
the same check on a few articles (tests/test_edits.py).
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaldata  # noqa: E402

INSERTED = "Officials said a second inquiry into the matter would open in the spring."
SWAP_NAME = "Ingrid Vasquez"
REWORDS = {" said ": " stated ", " told ": " informed ", " announced ": " declared ", " added ": " noted "}
_NUMBER = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d{1,3})(?![\w.,]?\d)")  # a count, not a year
_NEGATABLE = re.compile(r"\b(is|was|are|were|will|would|could|can|has|had|have)\b (?!not\b)")



@dataclass
class EditedArticle:
    original: str
    edited: str
    flagged: dict[str, str] = field(default_factory=dict)  # edit -> the sentence (as in its text) it touched
    kept: dict[str, str] = field(default_factory=dict)  # edits that must not be flagged


def make_edits(paragraphs: list[list[str]], seed: int) -> EditedArticle | None:
    """Apply the seven edits to a copy of an article given as paragraphs of sentences; None if it lacks the
    material (a number, a negatable verb, a name, a reportive verb, enough paragraphs)."""
    rng = random.Random(seed)
    copy = [list(p) for p in paragraphs]
    places = [(p, s) for p, paragraph in enumerate(copy) for s in range(len(paragraph)) if len(paragraph[s]) > 40]
    rng.shuffle(places)
    used: set[tuple[int, int]] = set()
    result = EditedArticle(_join(paragraphs), "")

    repeated = {s for s, n in Counter(s for paragraph in paragraphs for s in paragraph).items() if n > 1}

    def take(test) -> tuple[int, int] | None:
        # A sentence the article repeats is read once (ingest drops the repeat), so an edit of one of its copies
        # would leave the other to match the original: such sentences are not edited.
        for place in places:
            if place not in used and copy[place[0]][place[1]] not in repeated and test(copy[place[0]][place[1]]):
                used.add(place)
                return place
        return None

    def unquoted(sentence: str) -> bool:
        return not re.search(r"[\"“”]", sentence)

    steps = [
        ("number", lambda s: bool(_NUMBER.search(s)) and unquoted(s), _change_number),
        ("negation", lambda s: bool(_NEGATABLE.search(s)) and unquoted(s), _insert_not),
        ("name", lambda s: len(_people(s)) == 1 and unquoted(s), _swap_name),
        ("reworded", lambda s: any(k in s for k in REWORDS) and unquoted(s), _reword),
    ]
    for edit, test, change in steps:
        place = take(test)
        if place is None:
            return None
        before = copy[place[0]][place[1]]
        copy[place[0]][place[1]] = change(before)
        (result.kept if edit == "reworded" else result.flagged)[edit] = before if edit == "reworded" else before
    deleted = take(lambda s: True)
    if deleted is None:
        return None
    result.flagged["deleted"] = copy[deleted[0]][deleted[1]]
    copy[deleted[0]][deleted[1]] = ""
    host = rng.randrange(len(copy))
    copy[host].append(INSERTED)
    result.flagged["inserted"] = INSERTED
    untouched = [p for p in range(len(copy) - 1) if not any(q in used or q == deleted for q in
                 [(p, s) for s in range(len(copy[p]))] + [(p + 1, s) for s in range(len(copy[p + 1]))])]
    if not untouched:
        return None
    first = rng.choice(untouched)
    copy[first], copy[first + 1] = copy[first + 1], copy[first]
    result.kept["swapped paragraphs"] = " ".join(copy[first])
    result.edited = _join(copy)
    return result


def _join(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(s for s in p if s) for p in paragraphs if any(p)) + "\n"


def _change_number(sentence: str) -> str:
    match = _NUMBER.search(sentence)
    value = int(match.group(1).replace(",", ""))
    changed = value * 2 + 3
    text = f"{changed:,}" if "," in match.group(1) else str(changed)
    return sentence[: match.start(1)] + text + sentence[match.end(1) :]


def _insert_not(sentence: str) -> str:
    match = _NEGATABLE.search(sentence)
    return sentence[: match.end(1)] + " not" + sentence[match.end(1) :]


def _people(sentence: str) -> list[str]:
    """Full names of people (two words or more) the sentence mentions, by spaCy's entity recogniser."""
    entities = _names_parser().parse(sentence).ents
    return sorted({e.text for e in entities if e.label_ == "PERSON" and len(e.text.split()) >= 2})


@lru_cache(maxsize=1)
def _names_parser():
    """A parser of the edits' own: each sentence is read alone, whatever else this process parsed before (a batch
    parse can tag a name a little differently), so the edits made do not depend on what ran earlier."""
    from claimdiff.language.parser import Parser

    return Parser()


def _swap_name(sentence: str) -> str:
    return sentence.replace(_people(sentence)[0], SWAP_NAME, 1)


def _reword(sentence: str) -> str:
    for old, new in REWORDS.items():
        if old in sentence:
            return sentence.replace(old, new, 1)
    return sentence


def basil_articles() -> list[tuple[str, list[list[str]]]]:
    """(name, paragraphs of sentences) for every BASIL article, in a fixed order."""
    import json

    folder = evaldata._folder("basil") / "articles"
    articles = []
    for path in sorted(folder.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [p for p in data.get("body-paragraphs", []) if p]
        if sum(len(p) for p in paragraphs) >= 12 and len(paragraphs) >= 6:
            articles.append((path.stem, paragraphs))
    return articles


def check(article: EditedArticle, encoder=None) -> list[str]:
    """Compare the article with its edited copy; return the problems (empty when exactly the edits are flagged)."""
    from claimdiff.model import Document
    from claimdiff.ingest.boilerplate import find_article
    import bench
    from claimdiff.pipeline import CompareOptions, compare_documents

    documents = []
    for name, text in (("original", article.original), ("edited", article.edited)):
        blocks, title = find_article(text, bench.context().parser.has_finite_verb)
        documents.append(Document(name, name, "text", title, text, blocks))
    report = compare_documents(documents, CompareOptions(encoder=encoder) if encoder else CompareOptions())
    claims = {c.id: c for c in report.claims}
    problems = []
    flagged_groups = [g for g in report.groups if g.verdict != "agree"]
    explained = set()
    for edit, sentence in article.flagged.items():
        expected = {"number": "diverge", "negation": "contradict", "name": "diverge", "deleted": "unique",
                    "inserted": "unique"}[edit]
        hits = [g for g in flagged_groups if any(_inside(claims[c], sentence, article) for c in g.claims)]
        if not any(g.verdict == expected for g in hits):
            problems.append(f"{edit} not flagged as {expected}: {sentence[:90]!r} "
                            f"(got {sorted({g.verdict for g in hits}) or 'agree'})")
        explained.update(g.id for g in hits)
    for group in flagged_groups:
        if group.id not in explained:
            texts = [claims[c].source + ": " + claims[c].text[:80] for c in group.claims]
            problems.append(f"unexpected {group.verdict}: {texts}")
    return problems


def _inside(claim, sentence: str, article: EditedArticle) -> bool:
    """Does the claim come from the sentence an edit touched (in either copy)?"""
    text = claim.text.strip()
    return text[:60] in sentence or sentence[:60] in text or (
        claim.source == "edited" and any(text[:40] in s for s in _edited_forms(sentence)))


def _edited_forms(sentence: str) -> list[str]:
    return [_change_number(sentence) if _NUMBER.search(sentence) else sentence,
            _insert_not(sentence) if _NEGATABLE.search(sentence) else sentence,
            _swap_name(sentence) if _people(sentence) else sentence]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    articles = basil_articles()
    chosen = random.Random(7).sample(articles, min(count, len(articles)))
    passed = tried = 0
    for name, paragraphs in chosen:
        article = make_edits(paragraphs, seed=7)
        if article is None:
            continue
        tried += 1
        problems = check(article)
        passed += not problems
        for problem in problems:
            print(f"{name}: {problem}")
    print(f"\n{passed} of {tried} edited articles flagged exactly their five edits")


if __name__ == "__main__":
    main()
