"""What the learned judge reads of two claims.

Every feature is a property of the pair itself: its wording, its word-piece vectors, its named things, numbers
and negations, and, within a comparison of articles, the two articles the claims come from. Nothing depends on
the other articles compared beside them, so a link between two claims does not change when a third article is
added. The learned models (learned.py) decide what the features mean; benchmarks/train_judge.py fits them.

Word rarity is the English word frequency of `wordfreq` (a general corpus), not counts over the articles at
hand: "Putin" is a rare word even in a story where every sentence names him, which the article-level feature
`story_common` tells apart.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from claimdiff.embed.tokens import TokenStates
from claimdiff.judge.differences import (dates, places, same_name, title_cased, unmatched_figures,
                                         unmatched_places)
from claimdiff.judge.lexicon import NEGATIONS, PROSPECTIVE
from claimdiff.judge.values import DateParts, Quantity, quantities
from claimdiff.judge.words import Analysis, align_words, stem
from claimdiff.model import DIFFERENCE_KINDS

NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
STORY_COMMON = 0.15  # a word used by this share of two articles' claims is the story's, not a fact's
CLOSE_PIECE = 0.8  # word-piece vectors this alike stand for the same word in context
PHRASE_CAP = 3
MAX_RARITY = 8.0  # Zipf scale: a word never seen in the corpus

SAME_FEATURES = (
    "cosine",
    "pieces_mean_low", "pieces_mean_high", "pieces_p10_low", "pieces_p10_high", "pieces_min",
    "pieces_exact_low", "pieces_exact_high", "pieces_close_low", "pieces_close_high",
    "coverage_low", "coverage_high", "token_set", "phrases", "rarest_shared", "rarest_unshared",
    "story_common", "names_overlap", "names_conflict", "numbers_conflict", "numbers_agree", "dates_conflict",
    "places_conflict", "negation_mismatch", "prospective_mismatch", "same_predicate", "same_subject", "same_object",
    "words_low", "length_ratio", "quoted_low", "quoted_high", "speakers_differ", "heading", "caption",
)
# The kinds the typed checks name ("other" is what the judge shows when none does).
DIFFERENCE_FLAGS = tuple(kind for kind in DIFFERENCE_KINDS if kind != "other")
# Whether a detail conflicts is read from the pair alone: how common its words are in the two articles says
# whether two claims share a fact, not whether they disagree on it.
CONFLICT_FEATURES = tuple(f for f in SAME_FEATURES if f != "story_common") + tuple(
    f"found_{kind}" for kind in DIFFERENCE_FLAGS) + ("aligned_share", "changes", "longest_change", "replaced_content")
_STORY_COLUMN = SAME_FEATURES.index("story_common")


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """How informative a word is: 8 minus its Zipf frequency (the: 0.3, said: 2, Putin: 3.9, Samarkand: 5.7)."""
    from wordfreq import zipf_frequency

    return max(0.3, MAX_RARITY - zipf_frequency(word, "en"))


@dataclass
class ClaimView:
    """What pair features read of one claim, computed once per claim rather than once per pair."""

    analysis: Analysis
    tokens: TokenStates | None
    piece_vectors: np.ndarray | None  # the token vectors in float32, converted once rather than for every pair
    content: list[tuple[str, float]]  # (stem, rarity) of each content word
    total: float
    stems: set[str]
    content_stems: set[str]
    names: set[str]
    phrases: set[tuple[str, str]]
    negations: int
    quantities: list[Quantity]
    dates: list[DateParts]
    places: list[str]  # folded
    prospective: bool  # says an act is expected, planned or possible rather than done
    quoted: float  # share of the words inside quotation marks
    speaker: str | None
    heading: bool
    caption: bool
    lower: str
    folded: str  # the words alone, typography and spacing folded: copies of one claim read the same


def claim_view(analysis: Analysis, tokens: TokenStates | None = None, speaker: str | None = None,
               kind: str = "statement") -> ClaimView:
    words = [w for w in analysis.words if not w.punct]
    content = [(stem(w.lemma), rarity(w.lemma)) for w in words if w.content]
    piece_vectors = tokens.vectors.astype(np.float32) if tokens is not None else None
    return ClaimView(
        analysis, tokens, piece_vectors, content, sum(r for _, r in content), analysis.stems, analysis.content_stems,
        named_things(analysis), _phrases(analysis),
        sum(1 for w in words if w.norm in NEGATIONS or w.lemma in NEGATIONS), quantities(analysis.text),
        dates(analysis), places(analysis), any(w.lemma in PROSPECTIVE for w in words),
        sum(w.quoted for w in words) / max(1, len(words)), speaker, kind == "heading" or title_cased(analysis),
        kind == "caption", analysis.text.lower(), " ".join(w.norm for w in words),
    )


class StoryWords:
    """How many sentences of each article use each content word: what two articles' claims have in common as a
    story (the protagonists, the place) rather than as a fact. Counted by sentence, so that cutting a sentence
    into its statements does not make its words seem more or less common."""

    def __init__(self, sentences: list[tuple[str, int]], views: list[ClaimView]):
        """`sentences`: each claim's (article, sentence), claims of one sentence sharing it."""
        words: dict[tuple[str, int], set[str]] = {}
        for sentence, view in zip(sentences, views):
            words.setdefault(sentence, set()).update(view.content_stems)
        self.sentences: Counter = Counter(source for source, _ in words)  # by article
        self.uses: dict[str, Counter] = {}
        for (source, _), stems in words.items():
            self.uses.setdefault(source, Counter()).update(stems)

    def common_share(self, shared: set[str], weights: dict[str, float], source_a: str, source_b: str) -> float:
        """The share of the shared words' weight that falls on words common to the two articles."""
        total = sum(weights[s] for s in shared)
        if not total:
            return 1.0
        count = self.sentences[source_a] + (self.sentences[source_b] if source_b != source_a else 0)
        uses_a, uses_b = self.uses.get(source_a, Counter()), self.uses.get(source_b, Counter())
        common = sum(weights[s] for s in shared
                     if (uses_a[s] + (uses_b[s] if source_b != source_a else 0)) >= STORY_COMMON * count)
        return common / total


def same_features(a: ClaimView, b: ClaimView, cosine: float, story: StoryWords | None = None,
                  sources: tuple[str, str] | None = None) -> list[float]:
    """The features of a pair, in the order of SAME_FEATURES; NaN where a feature says nothing (the trees send
    missing values down their own branch)."""
    forward, backward = _coverage(a, b), _coverage(b, a)
    weights = dict(a.content) | dict(b.content)
    shared = a.content_stems & b.content_stems
    unshared = (a.content_stems | b.content_stems) - shared
    rarest_shared = max((weights[s] for s in shared), default=0.0) / MAX_RARITY
    rarest_unshared = max((weights[s] for s in unshared), default=0.0) / MAX_RARITY
    story_common = story.common_share(shared, weights, *sources) if story and sources else math.nan
    names_a, names_b = a.names, b.names
    overlap = len(names_a & names_b) / min(len(names_a), len(names_b)) if names_a and names_b else math.nan
    conflict = float(bool(names_a - names_b) and bool(names_b - names_a)) if names_a and names_b else math.nan
    numbers_conflict, numbers_agree = _numbers(a.quantities, b.quantities)
    dates_conflict = (float(len(a.dates) == 1 and len(b.dates) == 1 and a.dates[0].conflicts(b.dates[0]))
                      if a.dates and b.dates else math.nan)
    places_swapped = float(len(unmatched_places(a.places, b.places)) == 1 == len(unmatched_places(b.places, a.places))) \
        if a.places and b.places else math.nan
    length_a, length_b = len(a.analysis.words), len(b.analysis.words)
    return [
        cosine, *_piece_features(a, b),
        min(forward, backward), max(forward, backward), fuzz.token_set_ratio(a.lower, b.lower) / 100.0,
        min(len(a.phrases & b.phrases), PHRASE_CAP) / PHRASE_CAP, rarest_shared, rarest_unshared, story_common,
        overlap, conflict, numbers_conflict, numbers_agree, dates_conflict, places_swapped,
        float(a.negations != b.negations),
        float(a.prospective != b.prospective), *_core_features(a.analysis.core, b.analysis.core),
        float(min(length_a, length_b)), min(length_a, length_b) / max(1, length_a, length_b),
        min(a.quoted, b.quoted), max(a.quoted, b.quoted), _speakers_differ(a.speaker, b.speaker),
        float(a.heading or b.heading), float(a.caption or b.caption),
    ]


def conflict_features(a: ClaimView, b: ClaimView, same: list[float], found_kinds: set[str]) -> list[float]:
    """The features of a pair already judged the same claim, for the question whether a detail conflicts:
    its SAME_FEATURES, the kinds of difference the typed checks found, and how the word alignment went."""
    changes, matches = align_words(a.analysis, b.analysis)
    shorter = max(1, min(sum(not w.punct for w in a.analysis.words), sum(not w.punct for w in b.analysis.words)))
    lengths = [max(_width(a.analysis, c.a0, c.a1), _width(b.analysis, c.b0, c.b1)) for c in changes]
    replaced = sum(1 for c in changes if _content_in(a.analysis, c.a0, c.a1) and _content_in(b.analysis, c.b0, c.b1))
    pair = same[:_STORY_COLUMN] + same[_STORY_COLUMN + 1 :]
    return [*pair, *(float(kind in found_kinds) for kind in DIFFERENCE_FLAGS),
            len(matches) / shorter, float(len(changes)), float(max(lengths, default=0)), float(replaced)]


def _width(analysis: Analysis, first: int, last: int) -> int:
    return sum(1 for w in analysis.words[first:last] if not w.punct)


def _content_in(analysis: Analysis, first: int, last: int) -> bool:
    return any(w.content for w in analysis.words[first:last])


def _core_features(a: tuple[str, str, str], b: tuple[str, str, str]) -> list[float]:
    """Whether the two facts have one predicate, one subject, one object (NaN where a claim names none): the
    same act by the same actor on the same thing, rather than two acts of one story."""
    return [float(x == y or same_name(x, y)) if x and y else math.nan for x, y in zip(a, b)]


def _piece_features(a: ClaimView, b: ClaimView) -> list[float]:
    """Late interaction over word-piece vectors: how well each piece of one claim finds its counterpart in the
    other (mean, 10th percentile and worst of the best matches), how many match exactly or closely."""
    if a.tokens is None or b.tokens is None or not len(a.tokens.ids) or not len(b.tokens.ids):
        return [math.nan] * 9
    similarity = a.piece_vectors @ b.piece_vectors.T
    best_a, best_b = similarity.max(axis=1), similarity.max(axis=0)
    mean_a, mean_b = _mean(best_a), _mean(best_b)
    low_a, low_b = _percentile_10(best_a), _percentile_10(best_b)
    # Which pieces of each appear in the other: a claim has tens of pieces, where comparing all against all is
    # many times faster than np.isin's sorting.
    equal = a.tokens.ids[:, None] == b.tokens.ids[None, :]
    exact_a, exact_b = _mean(equal.any(axis=1)), _mean(equal.any(axis=0))
    close_a, close_b = _mean(best_a > CLOSE_PIECE), _mean(best_b > CLOSE_PIECE)
    return [min(mean_a, mean_b), max(mean_a, mean_b), min(low_a, low_b), max(low_a, low_b),
            float(min(best_a.min(), best_b.min())), min(exact_a, exact_b), max(exact_a, exact_b),
            min(close_a, close_b), max(close_a, close_b)]


def _mean(values: np.ndarray) -> float:
    """What `values.mean()` gives, without its overhead, which dominates for a few tens of values asked of
    every candidate pair: a float32 sum divided in float32, booleans counted and divided in float64."""
    if values.dtype == np.bool_:
        return float(np.count_nonzero(values) / len(values))
    return float(values.sum() / np.float32(len(values)))


def _percentile_10(values: np.ndarray) -> float:
    return float(np.partition(values, (len(values) - 1) // 10)[(len(values) - 1) // 10])


def _coverage(a: ClaimView, b: ClaimView) -> float:
    """The share of a's content (weighted by rarity) that b says too, by lemma or shared stem."""
    if not a.total:
        return 0.0
    return sum(weight for word_stem, weight in a.content if word_stem in b.stems) / a.total


def _numbers(a: list[Quantity], b: list[Quantity]) -> tuple[float, float]:
    """Whether the figures of a kind both claims give conflict (a figure on each side with no counterpart it
    agrees with: one stands where the other was) or agree (NaN: nothing to compare). A figure only one claim
    gives is a detail the other leaves out."""
    conflict = agree = math.nan
    for family in {q.family for q in a if q.family} & {q.family for q in b if q.family}:
        of_a, of_b = [q for q in a if q.family == family], [q for q in b if q.family == family]
        alone_a, alone_b = unmatched_figures(of_a, of_b)
        if alone_a and alone_b:
            conflict = 1.0
        if len(alone_a) < len(of_a):
            agree = 1.0
    if math.isnan(conflict) and not math.isnan(agree):
        conflict = 0.0
    return conflict, agree


def _speakers_differ(a: str | None, b: str | None) -> float:
    if not a or not b:
        return math.nan
    last_a, last_b = a.lower().split()[-1], b.lower().split()[-1]
    return 0.0 if last_a == last_b or last_a in b.lower() or last_b in a.lower() else 1.0


def named_things(analysis: Analysis) -> set[str]:
    return {w.lemma for w in analysis.words if w.entity in NAMED or (w.pos == "PROPN" and not w.punct)}


_PHRASE_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def _phrases(analysis: Analysis) -> set[tuple[str, str]]:
    """Consecutive content words, skipping function words and adverbs ("understands and fully supports")."""
    stems = [stem(w.lemma) for w in analysis.words if w.content and w.pos in _PHRASE_POS and not w.framing]
    return set(zip(stems, stems[1:]))


__all__ = ["SAME_FEATURES", "CONFLICT_FEATURES", "ClaimView", "StoryWords", "claim_view", "same_features",
           "conflict_features", "named_things", "rarity"]
