"""What one run shares between its stages, passed to them explicitly: the persistent cache (or none), the parser
with its memo of parses, and where warnings go. Nothing of a run is held in module state, so two runs in one
process (a test suite, a notebook) never see each other's settings or results."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.cache import Cache, Notify, cache_dir, log_warning
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
