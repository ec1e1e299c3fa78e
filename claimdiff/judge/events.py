"""Do two articles report the same event? Their profiles and affinities, which the event gate (learned.py) reads.

Articles about look-alike events (two earthquakes, two arrests) read alike sentence by sentence; what sets them
apart is what each article is about as a whole: its named things, its wording and its mean claim embedding, and
the city it is set in (two summits of one organisation, a year and a thousand miles apart, share all the rest).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from claimdiff.judge.differences import PLACE_LABELS
from claimdiff.judge.features import named_things
from claimdiff.judge.learned import EventGate
from claimdiff.judge.lexicon import CITIES
from claimdiff.judge.words import Analysis, fold

MIN_PROFILE_CLAIMS, MIN_PROFILE_NAMES = 5, 3
# An article is set in a city it names as where things happen ("in Astana", "came to Astana") three times or more,
# in a fifth of its claims or more: a city named once in passing, or in one paragraph of a long article (the next
# stop of a trip), is not where its event happens. On ECB+ and BASIL this tells another occasion (a city where one
# article is set that the other never names) at 97% precision and never splits one story's articles apart.
SETTING_MENTIONS, SETTING_SHARE = 3, 0.2
LOCATIVE = frozenset({"in", "at", "to", "from", "near", "outside", "inside", "into", "across"})


@dataclass
class SourceProfile:
    """What a whole article is about: its named things, its wording and its mean claim embedding."""

    names: set[str]
    vector: np.ndarray
    claims: int
    terms: Counter  # how often the article uses each word (punctuation and stop words aside)
    places: set[str]  # every place it names (folded: "the U.S." -> "us")
    settings: set[str]  # the cities it is set in (see SETTING_MENTIONS)

    @property
    def telling(self) -> bool:
        """Long enough to tell which event it covers (a one-line summary is not)."""
        return self.claims >= MIN_PROFILE_CLAIMS and len(self.names) >= MIN_PROFILE_NAMES


def source_profiles(sources: list[str], analyses: list[Analysis], vectors: np.ndarray) -> dict[str, SourceProfile]:
    profiles = {}
    for source in dict.fromkeys(sources):
        members = [k for k, s in enumerate(sources) if s == source]
        names = set().union(*(named_things(analyses[k]) for k in members))
        mean = vectors[members].mean(axis=0)
        terms = Counter(w.norm for k in members for w in analyses[k].words if not (w.punct or w.stop))
        places, settings = _places_and_settings([analyses[k] for k in members])
        profiles[source] = SourceProfile(names, mean / (np.linalg.norm(mean) or 1.0), len(members), terms, places,
                                         settings)
    return profiles


def _places_and_settings(analyses: list[Analysis]) -> tuple[set[str], set[str]]:
    """The places an article names, and the cities it is set in."""
    places, locative, claims_naming = set(), Counter(), Counter()
    for analysis in analyses:
        named = set()
        for label, text, start, _ in analysis.entities:
            if label not in PLACE_LABELS:
                continue
            place = _place_name(text)
            named.add(place)
            before = next((w for w in reversed(analysis.words) if w.end <= start and not w.punct), None)
            if place in CITIES and before is not None and before.norm in LOCATIVE:
                locative[place] += 1
        places |= named
        claims_naming.update(named)
    settings = {city for city, count in locative.items()
                if count >= SETTING_MENTIONS and claims_naming[city] >= SETTING_SHARE * len(analyses)}
    return places, settings


def _place_name(text: str) -> str:
    name = fold(text).replace(".", "")
    return name[4:] if name.startswith("the ") else name


def occasions_apart(profiles: list[SourceProfile]) -> np.ndarray:
    """Which pairs of articles report different occasions, an (n, n) boolean array: one is set in a city the
    other never names (the summit in Astana and the summit in Samarkand)."""
    apart = np.zeros((len(profiles), len(profiles)), dtype=bool)
    for i, a in enumerate(profiles):
        if a.settings:  # few articles are set in a city: only their rows need reading
            for j, b in enumerate(profiles):
                if a.settings - b.places:
                    apart[i, j] = apart[j, i] = True
    return apart


def article_events(profiles: dict[str, SourceProfile], gate: EventGate) -> dict[str, int]:
    """The event each article reports, numbered, when they report more than one; {} when they report one. Two
    articles are on the same event as likely as the gate says, and not at all when their occasions are apart.
    Articles long enough to tell are grouped; a short one cannot found a group of its own but joins the group it
    is most likely to share its event with."""
    names = list(profiles)
    telling = np.array([profiles[s].telling for s in names])
    if telling.sum() < 2:
        return {}
    chosen = [profiles[s] for s in names]
    probability = np.where(occasions_apart(chosen), 0.0, gate.probabilities(source_affinities(chosen)))
    events = np.full(len(names), -1)
    events[telling] = gate.events_of(probability[np.ix_(telling, telling)])
    if len(set(events[telling])) < 2:
        return {}
    for k in np.flatnonzero(~telling):
        events[k] = max(set(events[telling]), key=lambda e: probability[k, telling & (events == e)].mean())
    return {source: int(event) for source, event in zip(names, events)}


AFFINITIES = ("shared_names", "embedding_cosine", "wording_cosine")


def source_affinities(profiles: list[SourceProfile]) -> np.ndarray:
    """How alike each pair of articles is, an (n, n, 3) array in the order of AFFINITIES: the share of their
    named things they have in common (Jaccard), the cosine of their mean claim embeddings, and the tf-idf cosine
    of their wording (a word's rarity measured over these articles)."""
    names = _bag_matrix([dict.fromkeys(p.names, 1) for p in profiles])
    terms = _bag_matrix([p.terms for p in profiles])
    shared = (names @ names.T).toarray()
    sizes = np.array([len(p.names) for p in profiles], float)
    union = sizes[:, None] + sizes[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    frequency = np.bincount(terms.indices, minlength=terms.shape[1])
    terms.data = (1.0 + np.log(terms.data)) * (np.log((1 + len(profiles)) / (1 + frequency)) + 1.0)[terms.indices]
    norms = np.sqrt(np.asarray(terms.multiply(terms).sum(axis=1)).ravel())
    wording = (terms @ terms.T).toarray() / np.maximum(np.outer(norms, norms), 1e-12)
    vectors = np.array([p.vector for p in profiles])
    return np.stack([jaccard, vectors @ vectors.T, wording], axis=2)


def _bag_matrix(bags: list[dict[str, int]]):
    """A sparse (bags x words) matrix of counts."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    data, columns, starts = [], [], [0]
    for bag in bags:
        for word, count in bag.items():
            columns.append(vocabulary.setdefault(word, len(vocabulary)))
            data.append(count)
        starts.append(len(columns))
    return csr_matrix((np.array(data, float), np.array(columns, np.int64), np.array(starts, np.int64)),
                      shape=(len(bags), len(vocabulary)))
