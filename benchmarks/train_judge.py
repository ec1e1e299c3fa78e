"""Train claimdiff's judge and write claimdiff/judge/judge.npz (and the token basis the judge's features read).

    python benchmarks/train_judge.py                    # the shipped model (3 to 15 minutes on 2 cores)
    python benchmarks/train_judge.py --hold-out-fold 2  # a model that never saw newspairs fold 2 (for the benchmark)

Reproducible: fixed seeds, deterministic trees. Public data only, read from ../shared/evaldata and never copied:

  same fact, graded (the `similarity` trees; soft targets on STS-B's 0-1 scale):
    STS-B train (score / 5), SICK TRAIN (relatedness), MRPC train paraphrases (0.85), newspairs stories
    (SAME 0.9, DIVERGE 0.75, CONTRADICT 0.7, RELATED 0.3, UNRELATED 0.05), SummEdits outside news (the original
    and the edited summary: consistent 0.9, not 0.75), edits of BASIL sentences made here (0.9 meaning kept,
    0.75 a fact changed), and each BASIL sentence with its nearest other sentence of its article (0.3: the
    same story, another fact);
  a detail conflicts (the `conflict` trees: the same fact, and a detail of it differs): newspairs (DIVERGE,
    CONTRADICT vs the rest: two claims of different facts conflict in nothing), the BASIL article neighbours,
    VitaminC synthetic (REFUTES vs SUPPORTS; the cases of fold 0 are never trained on), SummEdits outside news,
    SICK TRAIN (CONTRADICTION vs ENTAILMENT), the BASIL edits, and two reports of one fact worded apart
    (newspairs SAME pairs, MRPC paraphrases, STS-B pairs scored 4 and up) with, on one side, a detail both give
    changed, or an act both report negated, hedged or told as expected (these also teach the similarity: 0.75);
  same event (the event gate): ECB+ topics 1-22, as before.

Held out from everything here: STS-B dev, SICK TRIAL, SummEdits news, VitaminC fold 0, ECB+ topics 23 and up,
QAGS, WMT21. newspairs is folded by story (newspairs.fold_of): the benchmark trains a model per fold without it
and compares that fold's stories with it, so its newspairs figures are on stories the model never saw.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
import zipfile
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaldata  # noqa: E402
import newspairs  # noqa: E402

import bench  # noqa: E402
from claimdiff.cache import cache_dir  # noqa: E402
from claimdiff.embed import encode_with_tokens  # noqa: E402
from claimdiff.embed.tokens import BASIS_PATH, TokenBasis, fit_basis, load_basis, save_basis  # noqa: E402
from claimdiff.judge import UNNAMED_CONFLICT, ClaimInput, ClaimJudge  # noqa: E402
from claimdiff.judge.events import source_affinities, source_profiles  # noqa: E402
from claimdiff.judge.features import CONFLICT_FEATURES, SAME_FEATURES  # noqa: E402
from claimdiff.judge.learned import MODEL_PATH, EventGate, JudgeModel, trees_from_sklearn  # noqa: E402
from claimdiff.judge.lexicon import DETAIL_CLASSES, EXPECTED_ACTS, GENERIC_TITLES, TITLE_RANKS, TITLES  # noqa: E402
from claimdiff.language.speech import SPEECH_VERBS  # noqa: E402
from claimdiff.judge.words import analyse_many  # noqa: E402

SEED = 0
BASIS_DIMENSIONS = 128
GATE_CUT = 0.5  # articles are grouped by event while they are on average more likely the same event than not
VITAMINC_HELD_OUT = 0  # the VitaminC cases of this fold are never trained on (quality.py scores them)
NEWS_WEIGHT = 4.0  # newspairs rows count this much: they are the task itself, the other sets are broad support
# The flag threshold (see conflict_threshold) is chosen on every pair with a conflict label. Chosen on newspairs
# alone, it went up to 0.84 for a precision the model does not reach there and stopped flagging plain changes of a
# figure, a day or a place: the natural conflicts of newspairs are too few, 51, to choose it on. (Taking the lowest
# threshold within 0.002 of the best, 0.20, flagged 7 more newspairs pairs of held-out stories, none a conflict.)
THRESHOLDS = np.round(np.arange(0.05, 0.71, 0.05), 2)
# The pair sets' recipe: the features kept in the cache are reused while this and the claimdiff code are unchanged.
PAIRS_VERSION = 5
# The similarity is the average of several ensembles each fitted on random halves of the features: on newspairs
# stories held out, AUC 0.879 -> 0.884 and recall at precision 0.85 0.479 -> 0.491 against one ensemble on every
# feature; the same share fitted once gave 0.881 and recall between 0.469 and 0.498 by seed.
SIMILARITY_ENSEMBLES, SIMILARITY_FEATURE_SHARE = 5, 0.5
TREES = {"max_iter": 400, "learning_rate": 0.04, "max_leaf_nodes": 15, "min_samples_leaf": 40, "l2_regularization": 1.0,
         "random_state": SEED}
NEWS_GRADES = {"SAME": 0.9, "DIVERGE": 0.75, "CONTRADICT": 0.7, "RELATED": 0.3, "UNRELATED": 0.05}


@dataclass
class PairSet:
    """Sentence pairs of one data set with their targets (None where the set says nothing)."""

    name: str
    a: list[str] = field(default_factory=list)
    b: list[str] = field(default_factory=list)
    similarity: list[float | None] = field(default_factory=list)
    conflict: list[float | None] = field(default_factory=list)
    weight: float = 1.0
    stories: dict[str, list[tuple[str, str]]] | None = None  # newspairs: each story's (article, sentence) list
    story_of: list[str] = field(default_factory=list)
    articles: dict[str, list[str]] | None = None  # BASIL sentences: the article each pair is read in
    article_of: list[str] = field(default_factory=list)

    def add(self, a: str, b: str, similarity: float | None, conflict: float | None, story: str = "",
            article: str = "") -> None:
        self.a.append(a)
        self.b.append(b)
        self.similarity.append(similarity)
        self.conflict.append(conflict)
        self.story_of.append(story)
        self.article_of.append(article)


def pair_sets() -> list[PairSet]:
    """Every training pair; rows drawn from a newspairs story (its labelled pairs, edits of its sentences) carry
    the story, so that a model can be fitted without the stories of one fold (see `fit`)."""
    rng = random.Random(SEED)
    sets = [_sts(), _sick(), _mrpc(), _summedits_other(), _vitaminc(), _newspairs(), *_basil(rng)]
    # A generator of its own, so that adding a set leaves the pairs drawn before it as they were.
    return sets + [_edited_paraphrases(sets, rng), _negated_or_hedged_paraphrases(sets, random.Random(SEED + 1))]


def _sts() -> PairSet:
    out = PairSet("STS-B train")
    for p in evaldata.sts_benchmark("train"):
        out.add(p.a, p.b, p.score / 5, None)
    return out


def _sick() -> PairSet:
    out = PairSet("SICK TRAIN")
    for p in evaldata.sick(("TRAIN",)):
        conflict = {"CONTRADICTION": 1.0, "ENTAILMENT": 0.0}.get(p.label) if p.score >= 3.5 else None
        out.add(p.a, p.b, (p.score - 1) / 4, conflict)
    return out


def _mrpc() -> PairSet:
    out = PairSet("MRPC train paraphrases")
    lines = (evaldata.ROOT / "mrpc" / "msr_paraphrase_train.txt").read_text(encoding="utf-8-sig").splitlines()[1:]
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 5 and parts[0] == "1":
            out.add(parts[3], parts[4], 0.85, None)  # its non-paraphrases often report one fact, one with more detail
    return out


def _summedits_other() -> PairSet:
    out = PairSet("SummEdits outside news")
    for path in sorted((evaldata.ROOT / "summedits_other").glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            consistent = str(row["label"]) == "1"
            if row["summary"] != row["original_summary"]:
                out.add(row["original_summary"], row["summary"], 0.9 if consistent else 0.75, 0.0 if consistent else 1.0)
    return out


def vitaminc_rows() -> list[dict]:
    path = evaldata.ROOT / "vitaminc_synthetic" / "synthetic_test.jsonl"
    if not path.exists():
        raise evaldata.Missing(f"{path} not found")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def vitaminc_fold(case_id: str) -> int:
    return int(hashlib.sha256(case_id.encode()).hexdigest(), 16) % newspairs.FOLDS


def _vitaminc() -> PairSet:
    out = PairSet("VitaminC synthetic")
    for row in vitaminc_rows():
        if vitaminc_fold(row["case_id"]) != VITAMINC_HELD_OUT:
            out.add(row["claim"], row["evidence"], None, 1.0 if row["label"] == "REFUTES" else 0.0)
    return out


def _newspairs() -> PairSet:
    out = PairSet("newspairs", weight=NEWS_WEIGHT, stories={})
    files = newspairs.basil_files()
    rows = newspairs.pairs()
    articles: dict[str, set[str]] = {}
    for row in rows:
        articles.setdefault(row.triplet, set()).update((row.a_file, row.b_file))
    for row in rows:
        if row.triplet not in out.stories:
            out.stories[row.triplet] = [(name, s) for name in sorted(articles[row.triplet])
                                        for s in basil_sentences(files[name])]
        # Two claims that report different facts are no conflict, however their details differ.
        out.add(row.a, row.b, NEWS_GRADES[row.label], 1.0 if row.conflict else 0.0, row.triplet)
    return out


def basil_sentences(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [data.get("title", "")] + [s.strip() for paragraph in data.get("body-paragraphs", []) for s in paragraph
                                      if len(s.strip()) > 25]


# --- edits of BASIL sentences: a fact changed (conflict) or the meaning kept --------------------------------------

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_NUMBER = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w]|[.,]\d)")
_NEGATABLE = re.compile(r"\b(is|was|are|were|will|would|could|can|has|had|have|did|does)\b (?!not\b|n't)")
_NEGATED = re.compile(r"\b(is|was|are|were|will|would|could|can|has|had|have|did|does) not\b")
_SMALL = {str(k): w for k, w in enumerate("zero one two three four five six seven eight nine ten".split())}
EDITS_PER_KIND = 500
NEIGHBOURS = 3000
EDITED_PARAPHRASES = 3000
NEGATED_OR_HEDGED = 1000


def _basil(rng: random.Random) -> list[PairSet]:
    """Edited BASIL sentences, and each sentence with its nearest neighbour in its article, by story."""
    sentences = []
    for path in sorted((evaldata.ROOT / "basil" / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for paragraph in data.get("body-paragraphs", []):
            sentences += [(path.name, s.strip()) for s in paragraph if 60 <= len(s.strip()) <= 300]
    articles: dict[str, list[str]] = {}
    for article, text in sentences:
        articles.setdefault(article, []).append(text)
    rng.shuffle(sentences)
    sets = [_edits(sentences, rng), _neighbours(sentences, rng)]
    for pair_set in sets:
        pair_set.articles = articles
    return sets


def _edits(sentences: list[tuple[str, str]], rng: random.Random) -> PairSet:
    out = PairSet("BASIL edits")
    chosen = sentences[:12000]
    texts = [s for _, s in chosen]
    analyses = _analyse(texts)
    pools: dict[str, list[str]] = {"PERSON": [], "GPE": [], "ORG": []}
    for analysis in analyses:
        for label, text, _, _ in analysis.entities:
            if label in pools and len(text) > 3:
                pools[label].append(text)
        for w in analysis.words:
            if w.quoted and w.pos in ("VERB", "NOUN", "ADJ") and not w.stop:
                pools.setdefault(f"quoted {w.tag}", []).append(w.text)
    edits = [("number", 1.0, lambda s, a: _change_number(s, rng)), ("negation", 1.0, lambda s, a: _negate(s, rng)),
             ("name", 1.0, lambda s, a: _swap_entity(s, a.entities, pools, "PERSON", rng)),
             ("place", 1.0, lambda s, a: _swap_entity(s, a.entities, pools, "GPE", rng)),
             ("organisation", 1.0, lambda s, a: _swap_entity(s, a.entities, pools, "ORG", rng)),
             ("quoted word", 1.0, lambda s, a: _requote(s, a, pools, rng)),
             ("quote trimmed", 0.0, lambda s, a: _trim_quote(s, a, rng)),
             ("date", 1.0, lambda s, e: _swap_day(s, rng)), ("title", 1.0, lambda s, e: _swap_word(s, _TITLE_WORDS, rng)),
             ("hedge", 1.0, lambda s, e: _hedge(s, rng)),
             ("closed-class fact", 1.0, lambda s, e: _swap_word(s, _DETAIL_SETS, rng)),
             ("respelled number", 0.0, lambda s, e: _respell(s, rng)),
             ("rounded number", 0.0, lambda s, e: _round(s, rng)), ("clause left out", 0.0, lambda s, e: _drop(s, rng))]
    counts: dict[str, int] = {}
    for (article, text), analysis in zip(chosen, analyses):
        order = edits[:]
        rng.shuffle(order)
        order.sort(key=lambda edit: counts.get(edit[0], 0))  # the rarer kinds first, so each kind gets its share
        for kind, conflict, edit in order:
            if counts.get(kind, 0) >= EDITS_PER_KIND:
                continue
            edited = edit(text, analysis)
            if edited and edited != text:
                a, b = (text, edited) if rng.random() < 0.5 else (edited, text)
                out.add(a, b, 0.75 if conflict else 0.9, conflict, _story(article), article)
                counts[kind] = counts.get(kind, 0) + 1
                break
    print(f"  BASIL edits: {counts}", file=sys.stderr)
    return out


def _change_number(s: str, rng: random.Random) -> str | None:
    found = [m for m in _NUMBER.finditer(s) if not ("." not in m.group(1) and 1900 <= float(m.group(1).replace(",", "")) <= 2100)]
    if not found:
        return None
    match = rng.choice(found)
    raw = match.group(1)
    value = float(raw.replace(",", ""))
    new_value = value + rng.choice([-2, -1, 1, 2, 3]) if value < 10 and "." not in raw else value * rng.choice(
        [0.5, 0.7, 0.8, 0.9, 1.1, 1.2, 1.5, 2])
    if "." in raw:
        new = f"{new_value:.{len(raw.split('.')[1])}f}"
    else:
        new = f"{int(round(new_value)):,}" if "," in raw else str(int(round(new_value)))
    return None if new == raw or new_value <= 0 else s[: match.start(1)] + new + s[match.end(1) :]


def _respell(s: str, rng: random.Random) -> str | None:
    small = [m for m in _NUMBER.finditer(s) if m.group(1) in _SMALL]
    if small:
        m = rng.choice(small)
        return s[: m.start(1)] + _SMALL[m.group(1)] + s[m.end(1) :]
    m = re.search(r"(\d+(?:\.\d+)?) percent", s)
    return s[: m.start()] + m.group(1) + "%" + s[m.end() :] if m else None


def _round(s: str, rng: random.Random) -> str | None:
    found = [m for m in _NUMBER.finditer(s) if m.group(1).isdigit() and 20 <= int(m.group(1)) <= 999
             and not 1900 <= int(m.group(1)) <= 2100 and int(m.group(1)) % 10]
    if not found:
        return None
    m = rng.choice(found)
    value = int(m.group(1))
    rounded = int(round(value, -1))
    word = rng.choice(["about", "roughly", "some"]) if rounded != value else ""
    if rounded > value and rng.random() < 0.5:
        word = rng.choice(["nearly", "almost"])
    elif rounded < value and rng.random() < 0.5:
        word = "more than"
    return s[: m.start(1)] + f"{word} {rounded}" + s[m.end(1) :]


# Substitutes for edits that change a fact: one title for another, one member of a closed class of news facts
# for another (claimdiff/judge/lexicon.py lists them).
_TITLE_WORDS = [sorted(TITLES - TITLE_RANKS - GENERIC_TITLES)]
_DETAIL_SETS = [sorted(min(meaning) for meaning in meanings) for meanings in DETAIL_CLASSES.values()]
_HEDGED = re.compile(r"\b(will|is|was|has|have|had|are|were)\b (?!not\b)")
_HEDGES = {"will": ["may", "could", "might"], "is": ["is reportedly", "is likely"], "was": ["was reportedly",
           "was allegedly"], "has": ["has reportedly", "may have"], "have": ["have reportedly", "may have"],
           "had": ["had reportedly"], "are": ["are reportedly", "are likely"], "were": ["were reportedly"]}


def _swap_word(s: str, classes: list[list[str]], rng: random.Random) -> str | None:
    for words in rng.sample(classes, len(classes)):
        present = [w for w in words if re.search(rf"\b{re.escape(w)}\b", s)]
        if present:
            word = rng.choice(present)
            return re.sub(rf"\b{re.escape(word)}\b", rng.choice([w for w in words if w != word]), s, count=1)
    return None


def _hedge(s: str, rng: random.Random) -> str | None:
    """The same fact asserted with more or less certainty or force ("will" / "may", "was" / "was reportedly",
    "supports" / "fully supports")."""
    m = _HEDGED.search(s)
    if m and rng.random() < 0.6:
        return s[: m.start()] + rng.choice(_HEDGES[m.group(1)]) + s[m.end(1) :]
    verb = re.search(r"\b(?:supports?|backs?|opposes?|agrees?|understands?|accepts?|rejects?|denies|denied|"
                     r"supported|backed|opposed|agreed|accepted|rejected|condemned|condemns?)\b", s)
    return s[: verb.start()] + rng.choice(_INTENSIFIERS) + " " + s[verb.start() :] if verb else None


_INTENSIFIERS = ["fully", "strongly", "firmly", "partly", "largely", "tacitly", "reluctantly"]


def _quoted_words(analysis, tags: set[str] | None = None) -> list:
    return [w for w in analysis.words if w.quoted and w.pos in ("VERB", "NOUN", "ADJ") and not w.stop
            and (tags is None or w.tag in tags)]


def _requote(s: str, analysis, pools, rng: random.Random) -> str | None:
    """A word inside a quotation changed: the outlets quote different words."""
    words = _quoted_words(analysis)
    if not words:
        return None
    word = rng.choice(words)
    others = [x for x in pools.get(f"quoted {word.tag}", []) if x.lower() != word.text.lower()]
    return s[: word.start] + rng.choice(others) + s[word.end :] if others else None


def _trim_quote(s: str, analysis, rng: random.Random) -> str | None:
    """The quotation cut short, or its opening words left out: quoting less of the same words."""
    quoted = [w for w in analysis.words if w.quoted and not w.punct]
    if len(quoted) < 8:
        return None
    cut = quoted[len(quoted) // 2]
    if rng.random() < 0.5:
        return s[: cut.start].rstrip(" ,;") + "\u2026" + s[quoted[-1].end :]
    return s[: quoted[0].start] + "\u2026 " + s[cut.start :]


def _swap_day(s: str, rng: random.Random) -> str | None:
    found = [w for w in WEEKDAYS + MONTHS if re.search(rf"\b{w}\b", s)]
    if not found:
        return None
    word = rng.choice(found)
    pool = WEEKDAYS if word in WEEKDAYS else MONTHS
    return re.sub(rf"\b{word}\b", rng.choice([w for w in pool if w != word]), s, count=1)


def _negate(s: str, rng: random.Random) -> str | None:
    negated = _NEGATED.search(s)
    if negated and rng.random() < 0.4:
        return s[: negated.start()] + negated.group(1) + s[negated.end() :]
    m = _NEGATABLE.search(s)
    return s[: m.end(1)] + " not" + s[m.end(1) :] if m else None


def _swap_entity(s: str, entities, pools, label: str, rng: random.Random) -> str | None:
    mine = [e for e in entities if e[0] == label]
    if not mine or not pools[label]:
        return None
    _, text, start, end = rng.choice(mine)
    other = rng.choice(pools[label])
    return None if other.lower() == text.lower() or other in s else s[:start] + other + s[end:]


def _drop(s: str, rng: random.Random) -> str | None:
    """A clause after a comma left out: a detail one report gives and the other does not."""
    commas = [m.start() for m in re.finditer(r", ", s)]
    if not commas or '"' in s or "“" in s:
        return None
    k = rng.choice(commas)
    return s[:k] + "." if len(s[k + 2 :]) >= 15 and len(s[:k]) >= 40 else None


def _paraphrases(sets: list[PairSet]) -> list[tuple[str, str, str]]:
    """Two reports of one fact worded apart, with the story they come from: newspairs SAME pairs, MRPC
    paraphrases, STS-B pairs scored 4 and up."""
    sources = []
    for pair_set in sets:
        for k, (a, b) in enumerate(zip(pair_set.a, pair_set.b)):
            if pair_set.name == "newspairs" and pair_set.similarity[k] == NEWS_GRADES["SAME"] or \
                    pair_set.name in ("MRPC train paraphrases",) or \
                    pair_set.name == "STS-B train" and (pair_set.similarity[k] or 0) >= 0.8:
                sources.append((a, b, pair_set.story_of[k]))
    return sources


def _edited_paraphrases(sets: list[PairSet], rng: random.Random) -> PairSet:
    """Two reports of one fact worded apart, with a detail both give changed on one side: a conflict that
    word-by-word alignment cannot see."""
    out = PairSet("edited paraphrases")
    sources = _paraphrases(sets)
    rng.shuffle(sources)
    analyses = dict(zip([b for _, b, _ in sources], _analyse([b for _, b, _ in sources])))
    pools: dict[str, list[str]] = {"PERSON": [], "GPE": [], "ORG": []}
    for analysis in analyses.values():
        for label, text, _, _ in analysis.entities:
            if label in pools and len(text) > 3:
                pools[label].append(text)
    for analysis in analyses.values():
        for w in analysis.words:
            if w.quoted and w.pos in ("VERB", "NOUN", "ADJ") and not w.stop:
                pools.setdefault(f"quoted {w.tag}", []).append(w.text)
    for a, b, story in sources:
        edited = _edit_shared(a, b, analyses[b], pools, rng)
        if edited:
            out.add(a, edited, 0.75, 1.0, story)
            if story == "":
                out.add(a, b, None, 0.0, story)  # the pair as it was: one fact, nothing in conflict
        if len(out.a) >= EDITED_PARAPHRASES:
            break
    return out


def _edit_shared(a: str, b: str, analysis, pools, rng: random.Random) -> str | None:
    """b with a detail that a gives too changed: a figure, a day or month, a person, place or organisation."""
    numbers = [m for m in _NUMBER.finditer(b) if re.search(rf"(?<![\w.,]){re.escape(m.group(1))}(?![\w]|[.,]\d)", a)]
    days = [w for w in WEEKDAYS + MONTHS if re.search(rf"\b{w}\b", a) and re.search(rf"\b{w}\b", b)]
    entities = [e for e in analysis.entities if pools.get(e[0]) and e[1] in a]
    quoted = [w for w in _quoted_words(analysis) if w.text in a and _quoted_in(a, w.text)]
    choices = (["number"] if numbers else []) + (["day"] if days else []) + (["entity"] if entities else []) + (
        ["quote"] if quoted else [])
    if not choices:
        return None
    choice = rng.choice(choices)
    if choice == "number":
        match = rng.choice(numbers)
        changed = _change_number(match.group(1), rng)
        return b[: match.start(1)] + changed + b[match.end(1) :] if changed else None
    if choice == "day":
        word = rng.choice(days)
        pool = WEEKDAYS if word in WEEKDAYS else MONTHS
        return re.sub(rf"\b{word}\b", rng.choice([w for w in pool if w != word]), b, count=1)
    if choice == "quote":  # both quote the same words; one of them quotes one word otherwise, or adds one
        word = rng.choice(quoted)
        if rng.random() < 0.3 and word.pos == "VERB":
            return b[: word.start] + rng.choice(_INTENSIFIERS) + " " + b[word.start :]
        others = [x for x in pools.get(f"quoted {word.tag}", []) if x.lower() != word.text.lower()]
        return b[: word.start] + rng.choice(others) + b[word.end :] if others else None
    label, text, start, end = rng.choice(entities)
    other = rng.choice(pools[label])
    return None if other.lower() == text.lower() or other in a else b[:start] + other + b[end:]


def _negated_or_hedged_paraphrases(sets: list[PairSet], rng: random.Random) -> PairSet:
    """Two reports of one fact worded apart, with an act both report negated, asserted with less certainty, or
    told as expected rather than done, on one side ("was indicted" / "was not indicted", "will testify" / "may
    testify", "pleaded guilty" / "was expected to plead guilty"). The minimal edits of one sentence (`_edits`)
    teach the conflict model that a negation or a hedge matters in a sentence otherwise unchanged; these teach it
    that one matters as much between two outlets' wordings of the fact."""
    out = PairSet("negated or hedged paraphrases")
    sources = _paraphrases(sets)
    rng.shuffle(sources)
    sources = sources[: 6 * NEGATED_OR_HEDGED]  # enough for the count wanted: most fit none of the edits
    analyses = _analyse([b for _, b, _ in sources])
    for (a, b, story), analysis in zip(sources, analyses):
        shared = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", a)}
        edit = rng.choice([_negate_shared, _hedge_shared, _expect_shared])
        edited = edit(b, analysis, shared, rng)
        if edited:
            out.add(a, edited, 0.75, 1.0, story)
        if len(out.a) >= NEGATED_OR_HEDGED:
            break
    return out


def _shared_act(s: str, auxiliary: re.Pattern, shared: set[str]) -> re.Match | None:
    """The first auxiliary whose verb (the word after it) the other report uses too: an act both report."""
    for m in auxiliary.finditer(s):
        if re.search(r"(?:n[’']t|\bnot|\bnever|\bno)\s*$", s[: m.start()]):
            continue  # already negated ("don't have"): negating it again says nothing
        after = re.match(r"\s*([a-z]+)", s[m.end(1) :])  # a verb or adjective, not a name
        if not after or after.group(1) not in shared or after.group(1) in _FUNCTION_WORDS:
            continue
        if m.group(1) in ("has", "have", "had") and not re.search(r"(?:ed|en|wn)$", after.group(1)):
            continue  # "have" as the verb itself ("have access") is negated otherwise
        return m
    return None


def _negate_shared(s: str, analysis, shared: set[str], rng: random.Random) -> str | None:
    m = _shared_act(s, _NEGATABLE, shared)
    return s[: m.end(1)] + " not" + s[m.end(1) :] if m else None


def _hedge_shared(s: str, analysis, shared: set[str], rng: random.Random) -> str | None:
    m = _shared_act(s, _HEDGED, shared)
    return s[: m.start()] + rng.choice(_HEDGES[m.group(1)]) + s[m.end(1) :] if m else None


def _expect_shared(s: str, analysis, shared: set[str], rng: random.Random) -> str | None:
    """An act both report as done told as expected ("Jackson pleaded guilty" / "Jackson was expected to plead
    guilty"): a prediction against the fact that settles it."""
    words = analysis.words
    # Verbs with an auxiliary or a negation of their own already tell something other than the plain act done.
    qualified = {w.head for w in words if w.pos in ("AUX", "PART") or w.norm in ("not", "n't", "never")}
    for k, verb in enumerate(words):
        if verb.tag != "VBD" or verb.pos != "VERB" or k in qualified or verb.quoted \
                or verb.norm not in shared or verb.lemma in SPEECH_VERBS or k == 0:
            continue
        subject = words[k - 1]  # the subject just before the verb, so that the auxiliary agrees with it
        if subject.pos not in ("NOUN", "PROPN", "PRON"):
            continue
        plural = subject.tag in ("NNS", "NNPS") or subject.norm in ("they", "we", "others")
        auxiliary = f"{'were' if plural else 'was'} {rng.choice(sorted(EXPECTED_ACTS - {'expect'}))} to"
        return s[: verb.start] + f"{auxiliary} {verb.lemma}" + s[verb.end :]
    return None


# Words after an auxiliary that are no act of their own ("is the", "was in", "has been").
_FUNCTION_WORDS = {"the", "and", "that", "this", "these", "those", "for", "from", "with", "also", "been", "being",
                   "not", "now", "still", "expected", "set", "going", "about", "among", "one", "his", "her",
                   "their", "its", "our", "there", "here", "what", "which", "who", "all", "any", "some", "more"}


def _quoted_in(text: str, word: str) -> bool:
    """The word stands inside quotation marks in text too."""
    for match in re.finditer(r"[\"\u201c]([^\"\u201d]+)[\"\u201d]", text):
        if re.search(rf"\b{re.escape(word)}\b", match.group(1)):
            return True
    return False


def _neighbours(sentences: list[tuple[str, str]], rng: random.Random) -> PairSet:
    """Each sentence with its nearest other sentence of the same article: another fact of the same story."""
    out = PairSet("BASIL article neighbours")
    by_article: dict[str, list[str]] = {}
    for article, text in sentences:
        by_article.setdefault(article, []).append(text)
    encoder = bench.encoder()
    pairs = []
    for article in sorted(by_article):
        texts = by_article[article]
        if len(texts) < 3:
            continue
        vectors = encoder.encode(texts)
        similarity = vectors @ vectors.T
        np.fill_diagonal(similarity, -1)
        seen = set()
        for i, j in enumerate(similarity.argmax(axis=1)):
            # Near-identical sentences within one article restate one fact (a lede and its recap): not these.
            if similarity[i, j] < 0.85 and (min(i, j), max(i, j)) not in seen:
                seen.add((min(i, j), max(i, j)))
                pairs.append((texts[i], texts[j], article))
    rng.shuffle(pairs)
    for a, b, article in pairs[:NEIGHBOURS]:
        out.add(a, b, 0.3, 0.0, _story(article), article)
    return out


def _story(article_file: str) -> str:
    """The BASIL story (triplet id) of an article file name ("<triplet>_<n>.json")."""
    return article_file.rsplit("_", 1)[0]


# --- features ------------------------------------------------------------------------------------------------------

@dataclass
class Rows:
    same: np.ndarray
    conflict: np.ndarray
    similarity: np.ndarray  # target, NaN where none
    conflict_target: np.ndarray
    weight: np.ndarray
    news: np.ndarray  # True for newspairs rows
    story: np.ndarray  # the BASIL story a row is drawn from ("" elsewhere)

    def without_fold(self, fold: int | None) -> Rows:
        """The rows of every story but those of newspairs fold `fold` (all rows when None)."""
        if fold is None:
            return self
        keep = np.array([not s or newspairs.fold_of(s) != fold for s in self.story])
        return Rows(*(getattr(self, name)[keep] for name in self.__dataclass_fields__))


def featurize(sets: list[PairSet], encoder) -> Rows:
    same, conflict, sim_t, conf_t, weight, news, story = [], [], [], [], [], [], []
    for pair_set in sets:
        started = time.monotonic()
        judge, index = _judge_for(pair_set, encoder)
        for k, (a, b) in enumerate(zip(pair_set.a, pair_set.b)):
            i, j = index(k, a, b)
            features = judge.features(i, j)
            found = judge.differences(i, j) if pair_set.conflict[k] is not None else []
            same.append(features)
            conflict.append(judge.conflict_features(i, j, found) if pair_set.conflict[k] is not None
                            else [np.nan] * len(CONFLICT_FEATURES))
            sim_t.append(np.nan if pair_set.similarity[k] is None else pair_set.similarity[k])
            conf_t.append(np.nan if pair_set.conflict[k] is None else pair_set.conflict[k])
            weight.append(pair_set.weight)
            news.append(pair_set.stories is not None)
            story.append(pair_set.story_of[k])
        print(f"  {pair_set.name}: {len(pair_set.a)} pairs ({time.monotonic() - started:.0f} s)", file=sys.stderr,
              flush=True)
    return Rows(np.array(same), np.array(conflict), np.array(sim_t), np.array(conf_t), np.array(weight),
                np.array(news), np.array(story))


def _judge_for(pair_set: PairSet, encoder):
    """A judge over the set's sentences, and where each pair's sentences are in it. newspairs sentences are
    judged within their story's articles (the two articles' wording is a feature), BASIL sentences within their
    article; the others alone."""
    if pair_set.articles is not None:
        texts, sources, position = [], [], {}
        for article in dict.fromkeys(pair_set.article_of):
            for sentence in [*pair_set.articles[article], *(t for k, art in enumerate(pair_set.article_of)
                                                               if art == article for t in (pair_set.a[k], pair_set.b[k]))]:
                if (article, sentence) not in position:
                    position[(article, sentence)] = len(texts)
                    texts.append(sentence)
                    sources.append(article)
        judge = _judge(texts, sources, encoder)
        return judge, lambda k, a, b: (position[(pair_set.article_of[k], a)], position[(pair_set.article_of[k], b)])
    if pair_set.stories is None:
        texts = list(dict.fromkeys(t for pair in zip(pair_set.a, pair_set.b) for t in pair))
        position = {t: n for n, t in enumerate(texts)}
        return _judge(texts, None, encoder), lambda k, a, b: (position[a], position[b])
    texts, sources, position = [], [], {}
    for story, sentences in pair_set.stories.items():
        for article, sentence in sentences:
            position.setdefault((story, sentence), len(texts))
            if position[(story, sentence)] == len(texts):
                texts.append(sentence)
                sources.append(f"{story}/{article}")
    judge = _judge(texts, sources, encoder)
    return judge, lambda k, a, b: (position[(pair_set.story_of[k], a)], position[(pair_set.story_of[k], b)])


def _judge(texts: list[str], sources: list[str] | None, encoder) -> ClaimJudge:
    from claimdiff.pairs import speakers_of

    context = bench.context()
    analyses = _analyse(texts)
    vectors, tokens = encode_with_tokens(encoder, texts)
    # In chunks: the parses of a chunk are held while it is segmented.
    speakers = [s for start in range(0, len(texts), 4000) for s in speakers_of(texts[start : start + 4000], context)]
    claims = [ClaimInput(t, speaker=speakers[k], source=sources[k] if sources else None) for k, t in enumerate(texts)]
    return ClaimJudge(claims, vectors, tokens, model=_NO_MODEL, analyses=(analyses, analyses),
                      parser=context.parser, cache=context.cache)


def _analyse(texts: list[str]):
    out = []
    for start in range(0, len(texts), 8000):  # in chunks: the parse memo stays a bounded size
        out += analyse_many(texts[start : start + 8000], bench.context().parser, bench.context().cache)
    return out


class _NoModel:
    """Features need no model; the judge built for them never scores."""

    gate = None


_NO_MODEL = _NoModel()


# --- fitting -------------------------------------------------------------------------------------------------------

class AveragedTrees:
    """Several tree ensembles whose log-odds are averaged; each grows every tree from a random half of the
    features (SIMILARITY_FEATURE_SHARE), so that no one feature, cosine or a typed check, carries the score
    alone. The average of boosted ensembles is itself a sum of trees (learned.trees_from_sklearn flattens it)."""

    def __init__(self, estimators: list[HistGradientBoostingClassifier]):
        self.estimators = estimators

    def decision_function(self, x: np.ndarray) -> np.ndarray:
        return np.mean([estimator.decision_function(x) for estimator in self.estimators], axis=0)


def fit_similarity(rows: Rows) -> AveragedTrees:
    """Soft targets by weighting: each row once as a positive with weight t and once as a negative with 1 - t."""
    keep = ~np.isnan(rows.similarity)
    x, t, w = rows.same[keep], rows.similarity[keep], rows.weight[keep] / rows.weight[keep].mean()
    features = np.concatenate([x, x])
    labels = np.concatenate([np.ones(len(x)), np.zeros(len(x))])
    weights = np.concatenate([w * t, w * (1 - t)])
    return AveragedTrees([
        HistGradientBoostingClassifier(**TREES | {"max_features": SIMILARITY_FEATURE_SHARE, "random_state": SEED + k})
        .fit(features, labels, sample_weight=weights) for k in range(SIMILARITY_ENSEMBLES)])


def calibrate_similarity(rows: Rows) -> tuple[float, float]:
    """Scale and shift of the similarity trees' log-odds that make them the probability of the same fact on
    cross-outlet news (Platt scaling): fitted on the newspairs pairs, each scored by trees fitted without its
    story's fold. The soft targets of the broad sets put "roughly equivalent" at 0.5 on STS-B's scale, which on
    news lets many claims of one story that report different facts through."""
    fold = np.array([newspairs.fold_of(s) if s else -1 for s in rows.story])
    labelled = rows.news & ~np.isnan(rows.similarity)
    log_odds = np.full(len(fold), np.nan)
    for k in sorted(set(fold[labelled])):
        held = labelled & (fold == k)
        log_odds[held] = fit_similarity(rows.without_fold(k)).decision_function(rows.same[held])
    same = np.round(rows.similarity[labelled], 2) >= min(NEWS_GRADES[label] for label in newspairs.SAME_FACT)
    platt = LogisticRegression(C=100.0).fit(log_odds[labelled].reshape(-1, 1), same)
    return float(platt.coef_[0][0]), float(platt.intercept_[0])


def fit_conflict(rows: Rows, keep: np.ndarray | None = None) -> HistGradientBoostingClassifier:
    keep = ~np.isnan(rows.conflict_target) if keep is None else keep & ~np.isnan(rows.conflict_target)
    weights = rows.weight[keep] / rows.weight[keep].mean()
    return HistGradientBoostingClassifier(**TREES).fit(rows.conflict[keep], rows.conflict_target[keep],
                                                       sample_weight=weights)


def held_out_conflicts(rows: Rows) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair with a conflict label, scored by a conflict model that did not see it (cross-validation by story,
    else at random): the scores, whether a typed check names a difference, and whether a detail conflicts."""
    labelled = ~np.isnan(rows.conflict_target)
    shuffled = np.random.default_rng(SEED).integers(0, newspairs.FOLDS, len(rows.story))
    fold = np.array([newspairs.fold_of(s) if s else int(k) for s, k in zip(rows.story, shuffled)])
    held_out = np.full(len(rows.story), np.nan)
    for k in range(newspairs.FOLDS):
        held = labelled & (fold == k)
        held_out[held] = fit_conflict(rows, fold != k).predict_proba(rows.conflict[held])[:, 1]
    named = [k for k, name in enumerate(CONFLICT_FEATURES) if name.startswith("found_")]
    found = (np.nan_to_num(rows.conflict[labelled][:, named]) > 0).any(axis=1)
    return held_out[labelled], found, rows.conflict_target[labelled] > 0.5


def conflict_threshold(scores: np.ndarray, found: np.ndarray, truth: np.ndarray) -> float:
    """The flag threshold for the rule the judge applies (`ClaimJudge.judge`): a pair is flagged when a typed check
    names a difference and the conflict probability reaches the threshold, or when the probability reaches
    UNNAMED_CONFLICT. Chosen for balanced accuracy on every pair with a conflict label, each scored by a model
    that did not see it (held_out_conflicts)."""

    def balanced(threshold: float) -> float:
        flagged = (found & (scores >= threshold)) | (scores >= UNNAMED_CONFLICT)
        return 0.5 * ((flagged & truth).sum() / truth.sum() + (~flagged & ~truth).sum() / (~truth).sum())

    return float(max(THRESHOLDS, key=balanced))


def unnamed_bands(scores: np.ndarray, found: np.ndarray, truth: np.ndarray) -> list[tuple[float, int, float | None]]:
    """How often a conflict no typed check names is real, by band of held-out conflict probability (low end,
    pairs, share that conflict): what UNNAMED_CONFLICT (in claimdiff/judge/__init__.py) is read from, the lowest
    band from which each band is right at least four times in five; printed at each training to check it holds."""
    bands = []
    for low in np.round(np.arange(0.5, 1.0, 0.05), 2):
        band = ~found & (scores >= low) & ((scores < low + 0.05) | (low >= 0.95))  # the last band takes 1.0
        bands.append((float(low), int(band.sum()), round(float(truth[band].mean()), 3) if band.any() else None))
    return bands


def bands_text(bands: list) -> str:
    lines = [f"conflicts no check names, by held-out probability (UNNAMED_CONFLICT = {UNNAMED_CONFLICT}):"]
    lines += [f"  {low:.2f}-{low + 0.05:.2f}: {count:5d} pairs, right {share if share is None else f'{share:.3f}'}"
              for low, count, share in bands]
    return "\n".join(lines)


def train_event_gate(encoder) -> EventGate:
    """Same event or not, for every pair of articles within an ECB+ training topic, the articles of a topic
    compared together (as `compare` sees them)."""
    documents = {key: sentences for key, sentences in evaldata.ecb_documents().items()
                 if key[0] in evaldata.ECB_TRAIN_TOPICS}
    texts = [t for sentences in documents.values() for t in sentences]
    sources = [f"{topic}/{name}" for (topic, name), sentences in documents.items() for _ in sentences]
    vectors = encoder.encode(texts)
    profiles = source_profiles(sources, _analyse(texts), vectors)
    rows, same = [], []
    for topic in sorted({topic for topic, _ in documents}):
        names = [name for t, name in documents if t == topic]
        affinities = source_affinities([profiles[f"{topic}/{name}"] for name in names])
        for a, b in combinations(range(len(names)), 2):
            rows.append(affinities[a, b])
            same.append(names[a].endswith("ecbplus") == names[b].endswith("ecbplus"))
    model = LogisticRegression(C=10.0).fit(np.array(rows), np.array(same))
    return EventGate(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]), GATE_CUT)


def fit_token_basis() -> TokenBasis:
    """Principal directions of the default model's token vectors over STS-B and SICK training sentences."""
    from claimdiff.embed import DEFAULT_MODEL, resolve_model_path
    from claimdiff.embed.onnx_backend import OnnxEncoder

    identity = TokenBasis(np.zeros(384, np.float32), np.eye(384, dtype=np.float32), "identity")
    encoder = OnnxEncoder(DEFAULT_MODEL, resolve_model_path(DEFAULT_MODEL), basis=identity)
    texts = sorted({t for p in evaldata.sts_benchmark("train") for t in (p.a, p.b)})
    texts = random.Random(SEED).sample(texts, 3000)
    _, tokens = encoder.encode_with_tokens(texts)
    sample = np.concatenate([t.vectors.astype(np.float32) for t in tokens])
    return fit_basis(sample, BASIS_DIMENSIONS, f"{DEFAULT_MODEL} token basis {BASIS_DIMENSIONS}, STS-B train")


def build_rows() -> Rows:
    """The features of every training pair, kept in the cache directory for this very code and data (the
    benchmark fits a model per fold from them)."""
    digest = hashlib.sha256(f"pairs {PAIRS_VERSION}".encode())
    package = Path(__file__).resolve().parents[1] / "claimdiff"
    code = [path for path in sorted(package.rglob("*.py")) if path.name != "learned.py"]
    for path in [*code, BASIS_PATH]:  # not the model nor its reader: the features read neither
        digest.update(path.read_bytes())
    path = cache_dir() / f"training-rows-{digest.hexdigest()[:16]}.npz"
    try:
        with np.load(path) as data:
            return Rows(**{name: data[name] for name in Rows.__dataclass_fields__})
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:  # a killed run's half-written file
        print(f"training features in {path} unreadable ({error}): computed again", file=sys.stderr)
    rows = featurize(pair_sets(), bench.encoder())  # parses and vectors are kept in the cache between runs
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed into place: two benchmarks computing the same features at once (quality.py and
    # train_reader.py both call this) would otherwise interleave their writes into one damaged file.
    partial = path.with_name(f".{path.stem}.{os.getpid()}.npz")
    np.savez_compressed(partial, **{name: getattr(rows, name) for name in Rows.__dataclass_fields__})
    os.replace(partial, path)
    return rows


def fit(rows: Rows, gate: EventGate | None, info: dict, hold_out_fold: int | None = None) -> JudgeModel:
    """The judge fitted on `rows`, less the stories of newspairs fold `hold_out_fold`."""
    rows = rows.without_fold(hold_out_fold)
    similarity = fit_similarity(rows)
    conflict = fit_conflict(rows)
    calibration = calibrate_similarity(rows)
    held_out = held_out_conflicts(rows)
    threshold = conflict_threshold(*held_out)
    for estimator, x in ((similarity, rows.same), (conflict, rows.conflict)):
        sample = x[:: max(1, len(x) // 2000)]
        exported = trees_from_sklearn(estimator).predict(sample)
        assert np.allclose(exported, estimator.decision_function(sample), atol=1e-6), "tree export mismatch"
    info = info | {"conflict_threshold": threshold, "calibration": calibration,
                   "unnamed_bands": unnamed_bands(*held_out)}
    return JudgeModel(trees_from_sklearn(similarity), trees_from_sklearn(conflict), SAME_FEATURES, CONFLICT_FEATURES,
                      threshold, info, gate, calibration)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hold-out-fold", type=int, help="leave out the newspairs stories of this fold")
    parser.add_argument("--output", type=Path, help=f"default: {MODEL_PATH}")
    parser.add_argument("--refit-basis", action="store_true", help=f"fit the token basis again ({BASIS_PATH})")
    args = parser.parse_args()
    started = time.monotonic()
    if args.refit_basis or load_basis() is None:
        save_basis(fit_token_basis())
        print(f"token basis written to {BASIS_PATH}", file=sys.stderr)
    rows = build_rows()
    print(f"features of {len(rows.same)} pairs ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    gate = train_event_gate(bench.encoder())
    info = {"trained_on": [s for s in ("STS-B train", "SICK TRAIN", "MRPC train paraphrases", "SummEdits outside news",
                                       "VitaminC synthetic (folds 1-4)", "newspairs", "BASIL edits and neighbours",
                                       "paraphrases edited: a detail changed, an act negated, hedged or expected",
                                       "ECB+ topics 1-22 (event gate)")],
            "newspairs_fold_held_out": args.hold_out_fold, "seed": SEED, "trees": TREES,
            "similarity_ensembles": [SIMILARITY_ENSEMBLES, SIMILARITY_FEATURE_SHARE], "pairs": int(len(rows.same))}
    model = fit(rows, gate, info, args.hold_out_fold)
    output = args.output or MODEL_PATH
    model.save(output)
    print(bands_text(model.info["unnamed_bands"]), file=sys.stderr)
    print(f"wrote {output} ({output.stat().st_size / 1e3:.0f} kB), conflict threshold {model.conflict_threshold:.3f},"
          f" in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
