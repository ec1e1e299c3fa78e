"""What one run shares between its stages, passed to them explicitly: the persistent cache (or none), the parser
with its memo of parses, and where warnings go. Nothing of a run is held in module state, so two runs in one
process (a test suite, a notebook) never see each other's settings or results."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.cache import Cache, Notify, cache_dir, code_identity, log_warning, read_through
from claimdiff.language.detect import ENCODER_LANGUAGES, detect_language
from claimdiff.language.parser import Parser, SpacyImport, import_spacy


@dataclass(frozen=True)
class Context:
    cache: Cache | None  # results kept between runs; None: everything is computed
    parser: Parser
    notify: Notify = log_warning  # the warnings sink: the CLI prints to stderr, a library caller's logging shows them
    models_dir: Path = field(default_factory=cache_dir)  # where converted models are kept, cached results or not

    @classmethod
    def create(cls, cache: bool = True, notify: Notify = log_warning, directory: Path | None = None,
               spacy_importer: SpacyImport = import_spacy) -> Context:
        """A fresh context; with `cache`, results are kept in `directory` (by default the user's cache directory,
        or $CLAIMDIFF_CACHE_DIR)."""
        directory = directory or cache_dir()
        store = Cache(directory, notify) if cache else None
        return cls(store, Parser(store, spacy_importer), notify, directory)

    def language_of(self, text: str) -> str:
        """The language of an article (language/detect.py), from the persistent cache where it has it: a warm
        run does not load the identifier's model."""
        store = self.cache.table("languages") if self.cache else None
        return read_through(store, [text], lambda t: hashlib.sha256(f"{code_identity()}|{t}".encode()).digest(),
                            lambda texts: [detect_language(t) for t in texts], str.encode, _language_code)[0]


def _language_code(blob: bytes) -> str | None:
    """A stored language, or None for a damaged entry (then it is detected again)."""
    code = blob.decode("ascii", "replace")
    return code if code in ENCODER_LANGUAGES else None
