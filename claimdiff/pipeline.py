"""compare(): the whole pipeline, sources in, Report out. The CLI renders what this returns."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from claimdiff.align import align
from claimdiff.align.groups import report_groups, reported_claims
from claimdiff.cache import Notify, code_identity, log_warning, read_through
from claimdiff.context import Context
from claimdiff.embed import DEFAULT_BACKEND, DEFAULT_MODEL, Encoder, encode_with_tokens, load_multilingual_encoder, \
    resolve_model_path, vector_identity
from claimdiff.engines import open_engine
from claimdiff.errors import ClaimdiffError
from claimdiff.ingest import IngestOptions, read_sources
from claimdiff.judge import ClaimInput, ClaimJudge, SameFact, analyse_claims
from claimdiff.judge.learned import JudgeModel, load_model
from claimdiff.judge.reader import PairReader, ReaderWeights
from claimdiff.language.parser import SpacyImport, import_spacy
from claimdiff.model import DEFAULT_THRESHOLD, SUMMARY_ORDER, Claim, Difference, Document, Group, Pair, Report, \
    SeeAlso, SourceInfo
from claimdiff.language.detect import ENGLISH
from claimdiff.segment import segment_many

Progress = Callable[[str], None]
MAX_EVENTS_LISTED = 4  # a warning that sources report different events names this many groups at most


@dataclass(frozen=True)
class CompareOptions:
    """The settings of a comparison (frozen: the report kept in the cache is keyed by them)."""

    model: str = DEFAULT_MODEL
    backend: str = DEFAULT_BACKEND
    cache: bool = True  # keep claims, parses, vectors and reports between runs
    cluster: str | None = None  # a Dask scheduler address or "local": embed and search there (engines/dask.py)
    threshold: float = DEFAULT_THRESHOLD
    encoder: Encoder | None = None  # a ready encoder (tests pass a fake); else `model` is loaded
    cross_encoder: Encoder | None = None  # a ready multilingual encoder; else the bundled one, when needed
    judge_model: JudgeModel | None = None  # the learned judge; else the shipped one (benchmarks pass others)
    # The pair reader's weights (judge/reader.py, e.g. READER_PATH), asked where the trees are unsure; None (the
    # default): the trees decide alone. Measured, not yet switched on: see README, Quality.
    reader: Path | None = None
    ingest: IngestOptions = field(default_factory=IngestOptions)
    progress: Progress | None = None
    notify: Notify = log_warning  # where warnings go while the run goes on (the CLI prints them on stderr)
    spacy_importer: SpacyImport = import_spacy  # how spaCy is imported (the CLI keeps torch out of it)

    def context(self) -> Context:
        return Context.create(self.cache, self.notify, spacy_importer=self.spacy_importer)


def compare(sources: list[str], options: CompareOptions | None = None, **overrides) -> Report:
    """Compare the articles at `sources` (paths, '-', URLs, directories) claim by claim."""
    options = options or CompareOptions(**overrides)
    step = options.progress or (lambda message: None)
    same = SameFact(options.threshold)  # a bad threshold stops the run before anything is read
    context = options.context()
    step("reading sources")
    ingested = read_sources(sources, options.ingest, context.parser.has_finite_verb, context.language_of)
    if len(ingested.documents) < 2:
        problems = "; ".join(ingested.errors)
        raise ClaimdiffError(f"need at least two readable sources to compare{': ' + problems if problems else ''}")
    return compare_documents(ingested.documents, options, ingested.errors, context, same)


def compare_documents(documents: list[Document], options: CompareOptions, errors: list[str] | None = None,
                      context: Context | None = None, same: SameFact | None = None) -> Report:
    """The report on `documents`: read from the persistent cache when this very code and judge compared these
    very documents with these settings before (a warm re-run loads no model), else computed and kept."""
    context = context or options.context()
    same = same or SameFact(options.threshold)
    keep = context.cache is not None and options.encoder is None and options.cross_encoder is None \
        and options.judge_model is None and options.cluster is None
    if not keep:
        return _compare_documents(documents, options, errors, context, same)
    key = _report_key(documents, options, errors)
    return read_through(context.cache.table("reports"), [key], lambda k: k,
                        lambda keys: [_compare_documents(documents, options, errors, context, same)],
                        lambda report: json.dumps(asdict(report)).encode(), _report_from_json)[0]


def _report_key(documents: list[Document], options: CompareOptions, errors: list[str] | None) -> bytes:
    inputs = [(d.id, d.location, d.kind, d.title, d.text, [asdict(b) for b in d.blocks], d.warnings, d.language)
              for d in documents]
    settings = [encoder_identity(options.model, options.backend), options.threshold, list(errors or [])]
    if any(d.language != ENGLISH for d in documents):
        from claimdiff.embed.multilingual import multilingual_identity

        settings.append(multilingual_identity())
    key = [code_identity(), load_model().whole_identity, _reader_identity(options.reader), settings, inputs]
    return hashlib.sha256(json.dumps(key).encode()).digest()


def _reader_identity(path: Path | None) -> str | None:
    return ReaderWeights.load(path).digest if path is not None else None


def _pair_reader(path: Path | None, context: Context) -> PairReader | None:
    return PairReader(ReaderWeights.load(path), context.models_dir, context.notify) if path is not None else None


def encoder_identity(model: str, backend: str) -> str:
    """Names the encoder `load_encoder(model, backend)` gives (its weights and how they run), without loading it."""
    return vector_identity(model, resolve_model_path(model), backend)


def _report_from_json(blob: bytes) -> Report | None:
    """A kept report, or None for a damaged entry (then it is computed again)."""
    try:
        data = json.loads(blob)
        groups = [Group(**{**g, "pairs": [Pair(**{**p, "differences": [Difference(**d) for d in p["differences"]]})
                                          for p in g["pairs"]],
                           "see_also": [SeeAlso(**related) for related in g.get("see_also", [])]})
                  for g in data.pop("groups")]
        return Report(**{**data, "sources": [SourceInfo(**s) for s in data["sources"]],
                         "claims": [Claim(**c) for c in data["claims"]], "groups": groups})
    except (ValueError, TypeError, KeyError):
        return None


def _compare_documents(documents: list[Document], options: CompareOptions, errors: list[str] | None,
                       context: Context, same: SameFact) -> Report:
    step = options.progress or (lambda message: None)
    step("splitting claims")
    claims_by_document, parses = _claims_of(documents, context)
    claims = [claim for claims in claims_by_document for claim in claims]
    language_of = {d.id: d.language for d in documents}
    inputs = [ClaimInput(c.text, c.context, c.speaker if c.speaker_named else None, c.source, c.kind,
                         language_of[c.source], c.sentence) for c in claims]
    with open_engine(options.model, options.backend, context, options.cluster, options.encoder) as engine:
        step(f"embedding and parsing {len(claims)} claims")
        (vectors, tokens), analyses = _embed_while_parsing(engine.encoder, inputs, context, parses)
        cross_vectors = _multilingual_vectors(inputs, context, options.cross_encoder)
        step("aligning claims")
        judge = ClaimJudge(inputs, vectors, tokens, same, options.judge_model, analyses, context.parser,
                           context.cache, cross_vectors, _pair_reader(options.reader, context))
        index_groups, scores = align([c.source for c in claims], judge, engine.candidate_pairs)
    step("judging differences")
    groups = report_groups(index_groups, claims, judge, scores)
    claims = reported_claims(claims, groups)
    return Report(
        sources=[_source_info(d, claims) for d in documents],
        claims=claims,
        groups=groups,
        summary=_summary(documents, claims, groups),
        settings={"model": getattr(engine.encoder, "name", options.model), "backend": options.backend,
                  "threshold": same.threshold},
        warnings=[w for d in documents for w in d.warnings] + _copy_warnings(documents) + _event_warnings(judge),
        errors=list(errors or []),
        texts={d.id: d.text for d in documents},
    )


def _copy_warnings(documents: list[Document]) -> list[str]:
    """Sources with the same article text (one file given twice, or syndicated copy): every claim of one agrees
    with the other's, which says nothing about how outlets differ."""
    first_with: dict[str, str] = {}
    warnings = []
    for document in documents:
        wording = " ".join(document.text.split())
        if wording in first_with:
            warnings.append(f"{first_with[wording]} and {document.id} have the same text: their claims all agree")
        else:
            first_with[wording] = document.id
    return warnings


def _event_warnings(judge: ClaimJudge) -> list[str]:
    events = judge.event_groups()
    if len(events) < 2:
        return []
    shown = [", ".join(sorted(sources)) for sources in sorted(events, key=min)[:MAX_EVENTS_LISTED]]
    listed = " | ".join(shown) + (f" | and {len(events) - len(shown)} more" if len(events) > len(shown) else "")
    return [f"the sources seem to report {len(events)} different events ({listed}): claims are aligned only "
            "with claims of sources on the same event"]


def _embed_while_parsing(encoder: Encoder, inputs: list[ClaimInput], context: Context, parses: dict):
    """The English claims' vectors (with their token vectors) and the claims' parses for the judge, computed at
    once: the encoder runs outside the GIL (ONNX Runtime, torch) in a second thread while spaCy parses here.
    Claims in other languages get zero rows: the judge reads them on the multilingual vectors."""
    english = [k for k, c in enumerate(inputs) if c.language == ENGLISH]
    with ThreadPoolExecutor(1) as pool:
        embedding = pool.submit(encode_with_tokens, encoder, [inputs[k].match_text or inputs[k].text for k in english])
        with context.parser.in_one_process():
            analyses = analyse_claims(inputs, context.parser, context.cache, parses)
        vectors, tokens = embedding.result()
    if len(english) == len(inputs):
        return (vectors, tokens), analyses
    every = np.zeros((len(inputs), vectors.shape[1]), dtype=np.float32)
    every[english] = vectors
    every_tokens: list = [None] * len(inputs)
    for k, states in zip(english, tokens):
        every_tokens[k] = states
    return (every, every_tokens), analyses


def _multilingual_vectors(inputs: list[ClaimInput], context: Context, encoder: Encoder | None) -> np.ndarray | None:
    """Every claim in the multilingual encoder's space, when a claim is in another language than English (an
    English-only run never loads it)."""
    if all(c.language == ENGLISH for c in inputs):
        return None
    encoder = encoder or load_multilingual_encoder(context.cache)
    return encoder.encode([c.match_text or c.text for c in inputs])


def _claims_of(documents: list[Document], context: Context) -> tuple[list[list[Claim]], dict[str, object]]:
    """Each document's claims, from the persistent cache when this very code has split this very text before,
    and the parses of the claims split now (by text)."""
    parses: dict[str, object] = {}

    languages = sorted({d.language for d in documents})

    def split(todo: list[Document]) -> list[list[Claim]]:
        segmented = segment_many(todo, context.parser, whole_sentences=languages != [ENGLISH])
        parses.update(segmented.parses)
        return segmented.claims

    store = context.cache.table("claims") if context.cache else None
    # English articles are split further when all sources are English (segment_many): part of the key.
    claims = read_through(store, documents, lambda document: _document_key(document, languages), split,
                          lambda found: json.dumps([asdict(c) for c in found]).encode(), _claims_from_json)
    return claims, parses


def _document_key(document: Document, languages: list[str]) -> bytes:
    blocks = [(b.start, b.end, b.role) for b in document.blocks]
    key = [code_identity(), document.id, document.text, blocks, document.language]
    if languages != [ENGLISH]:
        key.append(languages)  # an English-only run keeps the key it always had
    return hashlib.sha256(json.dumps(key).encode()).digest()


def _claims_from_json(blob: bytes) -> list[Claim] | None:
    try:
        return [Claim(**fields) for fields in json.loads(blob)]
    except (ValueError, TypeError):
        return None  # a damaged entry: split again


def _source_info(document: Document, claims: list[Claim]) -> SourceInfo:
    carries_text = document.kind != "text"
    return SourceInfo(
        id=document.id, location=document.location, kind=document.kind, title=document.title,
        claims=sum(1 for c in claims if c.source == document.id), text=document.text if carries_text else None,
        language=document.language,
    )


def _summary(documents: list[Document], claims: list[Claim], groups: list[Group]) -> dict:
    verdicts = Counter(g.verdict for g in groups)
    differences = Counter(d.kind for g in groups for p in g.pairs for d in p.differences)
    return {
        "sources": len(documents),
        "claims": len(claims),
        "groups": len(groups),
        "verdicts": {v: verdicts.get(v, 0) for v in SUMMARY_ORDER},
        "differences": dict(sorted(differences.items())),
        "claims_per_source": {d.id: sum(1 for c in claims if c.source == d.id) for d in documents},
    }
