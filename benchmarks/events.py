"""How well compare tells articles on one event from articles on another: the event gate alone, and with the
occasion check (an article set in a city the other never names reports another occasion, events.py).

- ECB+: every pair of articles within a topic (each topic mixes two look-alike events); pairs placed right by the
  event grouping on the topics the gate was not trained on (23 and up), and how often the occasion check fires
  on pairs of one event and on pairs of look-alike events (all topics: the check is not trained).
- BASIL: one story's three articles compared alone (none should be split), and 400 random pairs of stories
  compared together (each story should be one event, the two apart); and the occasion check on the seeds.

Articles are split into claims as `compare` splits them. Prints its figures; not part of the test run.

    python benchmarks/events.py
"""

from __future__ import annotations

import itertools
import random
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

import bench
import evaldata
from claimdiff.ingest import IngestOptions, read_sources
from claimdiff.judge import ClaimInput, analyse_claims
from claimdiff.judge.events import article_events, occasions_apart, source_profiles
from claimdiff.judge.learned import load_model
from claimdiff.segment import segment_many

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MIXES = 400


def article_profiles(paths: list[Path]) -> dict[str, object]:
    """Each file's profile, keyed by its path, from the claims compare would split it into."""
    context = bench.context()
    documents = read_sources([str(p) for p in paths], IngestOptions(), context.parser.has_finite_verb,
                             context.language_of).documents
    claims = [c for claims in segment_many(documents, context.parser).claims for c in claims]
    location = {d.id: d.location for d in documents}
    _, analyses = analyse_claims([ClaimInput(c.text, c.context) for c in claims], context.parser, context.cache)
    vectors = bench.encoder().encode([c.text for c in claims])
    return source_profiles([location[c.source] for c in claims], analyses, vectors)


def sentence_profiles(documents: dict[tuple, list[str]]) -> dict[tuple, object]:
    """Profiles of articles given as sentences (ECB+), each sentence a claim."""
    keys = [key for key, sentences in documents.items() for _ in sentences]
    texts = [t for sentences in documents.values() for t in sentences]
    _, analyses = analyse_claims([ClaimInput(t) for t in texts], bench.context().parser, bench.context().cache)
    return source_profiles(keys, analyses, bench.encoder().encode(texts))


def events_of(profiles: list, gate, occasions: bool) -> list[int]:
    named = {str(k): p for k, p in enumerate(profiles)}
    if not occasions:  # the gate alone: no article is set in a city
        named = {k: replace(p, settings=set()) for k, p in named.items()}
    found = article_events(named, gate)
    return [found.get(str(k), 0) for k in range(len(profiles))]


def ecb(gate) -> None:
    documents = evaldata.ecb_documents()
    profiles = sentence_profiles(documents)
    topics = sorted({topic for topic, _ in documents})
    fired = {True: [0, 0], False: [0, 0]}  # same event -> [pairs, fired]
    for occasions in (False, True):
        right = pairs = 0
        for topic in topics:
            keys = [key for key in documents if key[0] == topic]
            plus = [name.endswith("ecbplus") for _, name in keys]
            chosen = [profiles[key] for key in keys]
            if occasions:
                apart = occasions_apart(chosen)
                for a, b in itertools.combinations(range(len(keys)), 2):
                    fired[plus[a] == plus[b]][0] += 1
                    fired[plus[a] == plus[b]][1] += bool(apart[a, b])
            if topic in evaldata.ECB_TRAIN_TOPICS:
                continue
            events = events_of(chosen, gate, occasions)
            for a, b in itertools.combinations(range(len(keys)), 2):
                right += (events[a] == events[b]) == (plus[a] == plus[b])
                pairs += 1
        label = "gate and occasion check" if occasions else "gate alone"
        print(f"ECB+ topics 23+, article pairs placed right ({label}): {right} of {pairs} ({right / pairs:.3f})")
    print(f"ECB+ occasion check fires on {fired[True][1]} of {fired[True][0]} pairs of one event and on "
          f"{fired[False][1]} of {fired[False][0]} pairs of look-alike events "
          f"(precision {fired[False][1] / max(1, fired[False][1] + fired[True][1]):.3f})")


def basil(gate) -> None:
    triplets = evaldata.basil_triplets()
    with tempfile.TemporaryDirectory() as folder:
        paths = {key: evaldata.write_basil_triplet(articles, Path(folder) / key) for key, articles in triplets.items()}
        profiles = article_profiles([p for ps in paths.values() for p in ps])
    stories = {key: [profiles[str(p)] for p in ps] for key, ps in paths.items()}
    keys = sorted(stories)
    mixes = random.Random(0).sample(list(itertools.combinations(keys, 2)), MIXES)
    for occasions in (False, True):
        split = sum(len(set(events_of(stories[k], gate, occasions))) > 1 for k in keys)
        apart = 0
        for first, second in mixes:
            events = events_of(stories[first] + stories[second], gate, occasions)
            n = len(stories[first])
            apart += len(set(events[:n])) == 1 and len(set(events[n:])) == 1 and events[0] != events[-1]
        label = "gate and occasion check" if occasions else "gate alone"
        print(f"BASIL ({label}): stories split apart {split} of {len(keys)}; "
              f"pairs of stories set apart exactly {apart} of {len(mixes)}")


def seeds(gate) -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    profiles = article_profiles(paths)
    chosen = [profiles[str(p)] for p in paths]
    for occasions in (False, True):
        label = "gate and occasion check" if occasions else "gate alone"
        print(f"seeds ({label}): events {events_of(chosen, gate, occasions)}; set in "
              f"{[sorted(p.settings) for p in chosen]}")


def main() -> None:
    gate = load_model().gate
    ecb(gate)
    basil(gate)
    seeds(gate)


if __name__ == "__main__":
    main()
