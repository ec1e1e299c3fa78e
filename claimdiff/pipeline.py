"""compare(): the whole pipeline, sources in, Report out. The CLI renders what this returns."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Callable

from claimdiff.align import align
from claimdiff.candidates import candidate_pairs
from claimdiff.embed import (DEFAULT_BACKEND, DEFAULT_MODEL, Encoder, encode_with_tokens, load_encoder,
                             resolve_model_path, vector_identity)
from claimdiff.errors import ClaimdiffError
from claimdiff.ingest import IngestOptions, read_sources
from claimdiff.judge import DEFAULT_THRESHOLD, ClaimJudge, analyse_claims, relation_of
from claimdiff.judge.learned import JudgeModel
from claimdiff.nlp import in_one_process
from claimdiff.cache import code_identity, enable_persistent_cache, persistent_store, read_through
from claimdiff.model import SUMMARY_ORDER, VERDICTS, Claim, Difference, Document, Group, Pair, Report, SourceInfo
from claimdiff.segment import segment_many

Progress = Callable[[str], None]
MAX_EVENTS_LISTED = 4  # a warning that sources report different events names this many groups at most


@dataclass
class CompareOptions:
    model: str = DEFAULT_MODEL
    backend: str = DEFAULT_BACKEND
    cache: bool = True  # keep embeddings between runs
    cluster: str | None = None  # a Dask scheduler address or "local": embed and search there (distributed.py)
    threshold: float = DEFAULT_THRESHOLD
    encoder: Encoder | None = None  # a ready encoder (tests pass a fake); else `model` is loaded
    judge_model: JudgeModel | None = None  # the learned judge; else the shipped one (benchmarks pass others)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    progress: Progress | None = None


def compare(sources: list[str], options: CompareOptions | None = None, **overrides) -> Report:
    """Compare the articles at `sources` (paths, '-', URLs, directories) claim by claim."""
    options = options or CompareOptions(**overrides)
    step = options.progress or (lambda message: None)
    if not 0.0 <= options.threshold <= 1.0:
        raise ClaimdiffError(f"--threshold {options.threshold}: must be between 0 and 1")
    enable_persistent_cache(options.cache)
    step("reading sources")
    ingested = read_sources(sources, options.ingest)
    if len(ingested.documents) < 2:
        problems = "; ".join(ingested.errors)
        raise ClaimdiffError(f"need at least two readable sources to compare{': ' + problems if problems else ''}")
    return compare_documents(ingested.documents, options, errors=ingested.errors)


def compare_documents(documents: list[Document], options: CompareOptions, errors: list[str] | None = None) -> Report:
    """The report on `documents`: read from the persistent cache when this very code and judge compared these
    very documents with these settings before (a warm re-run loads no model), else computed and kept."""
    store = persistent_store("reports") if options.encoder is None and options.judge_model is None \
        and options.cluster is None else None
    if store is None:
        return _compare_documents(documents, options, errors)
    key = _report_key(documents, options, errors)
    return read_through(store, [key], lambda k: k, lambda keys: [_compare_documents(documents, options, errors)],
                        lambda report: json.dumps(asdict(report)).encode(), _report_from_json)[0]


def _report_key(documents: list[Document], options: CompareOptions, errors: list[str] | None) -> bytes:
    from claimdiff.judge.learned import load_model

    inputs = [(d.id, d.location, d.kind, d.title, d.text, [asdict(b) for b in d.blocks], d.warnings)
              for d in documents]
    settings = [encoder_identity(options.model, options.backend), options.threshold, list(errors or [])]
    return hashlib.sha256(json.dumps([code_identity(), load_model().identity, settings, inputs]).encode()).digest()


def encoder_identity(model: str, backend: str) -> str:
    """Names the encoder `load_encoder(model, backend)` gives (its weights and how they run), without loading it."""
    return vector_identity(model, resolve_model_path(model), backend)


def _report_from_json(blob: bytes) -> Report | None:
    """A kept report, or None for a damaged entry (then it is computed again)."""
    try:
        data = json.loads(blob)
        groups = [Group(**{**g, "pairs": [Pair(**{**p, "differences": [Difference(**d) for d in p["differences"]]})
                                          for p in g["pairs"]]}) for g in data.pop("groups")]
        return Report(**{**data, "sources": [SourceInfo(**s) for s in data["sources"]],
                         "claims": [Claim(**c) for c in data["claims"]], "groups": groups})
    except (ValueError, TypeError, KeyError):
        return None


def _compare_documents(documents: list[Document], options: CompareOptions, errors: list[str] | None) -> Report:
    step = options.progress or (lambda message: None)
    step("splitting claims")
    claims = [claim for claims in _claims_of(documents) for claim in claims]
    with _engine(options) as (encoder, find_candidates):
        step(f"embedding and parsing {len(claims)} claims")
        texts, match_texts = [c.text for c in claims], [c.context or c.text for c in claims]
        (vectors, tokens), analyses = _embed_while_parsing(encoder, texts, match_texts)
        step("aligning claims")
        sources = [c.source for c in claims]
        speakers = [c.speaker if c.speaker_named else None for c in claims]
        judge = ClaimJudge(texts, vectors, speakers, options.threshold, match_texts=match_texts, sources=sources,
                           analyses=analyses, kinds=[c.kind for c in claims], tokens=tokens,
                           model=options.judge_model)
        index_groups, scores = align(sources, judge, options.threshold, find_candidates)
    step("judging differences")
    groups = [_group(members, claims, judge, scores, options.threshold) for members in index_groups]
    groups = _ordered(groups, claims)
    return Report(
        sources=[_source_info(d, claims) for d in documents],
        claims=claims,
        groups=groups,
        summary=_summary(documents, claims, groups),
        settings={"model": getattr(encoder, "name", options.model), "backend": options.backend,
                  "threshold": options.threshold},
        warnings=[w for d in documents for w in d.warnings] + _event_warnings(judge),
        errors=list(errors or []),
        texts={d.id: d.text for d in documents},
    )


def _event_warnings(judge: ClaimJudge) -> list[str]:
    events = judge.event_groups()
    if len(events) < 2:
        return []
    shown = [", ".join(sorted(sources)) for sources in sorted(events, key=min)[:MAX_EVENTS_LISTED]]
    listed = " | ".join(shown) + (f" | and {len(events) - len(shown)} more" if len(events) > len(shown) else "")
    return [f"the sources seem to report {len(events)} different events ({listed}): claims are aligned only "
            "with claims of sources on the same event"]


def _embed_while_parsing(encoder: Encoder, texts: list[str], match_texts: list[str]):
    """The claims' vectors (with their token vectors) and their parses for the judge, computed at once: the
    encoder runs outside the GIL (ONNX Runtime, torch) in a second thread while spaCy parses here."""
    with ThreadPoolExecutor(1) as pool:
        embedding = pool.submit(encode_with_tokens, encoder, match_texts)
        with in_one_process():
            analyses = analyse_claims(texts, match_texts)
        return embedding.result(), analyses


@contextmanager
def _engine(options: CompareOptions):
    """The encoder and the candidate search: here, or on a Dask cluster."""
    if options.cluster is None:
        yield options.encoder or load_encoder(options.model, options.backend, options.cache), candidate_pairs
        return
    from claimdiff.distributed import candidate_search, cluster_client, dask_encoder

    with cluster_client(options.cluster) as client:
        yield (options.encoder or dask_encoder(client, options.model, options.backend, options.cache),
               candidate_search(client))


def _claims_of(documents: list[Document]) -> list[list[Claim]]:
    """Each document's claims, from the persistent cache when this very code has split this very text before."""
    store = persistent_store("claims")
    if store is None:
        return segment_many(documents)
    return read_through(store, documents, _document_key, segment_many,
                        lambda claims: json.dumps([asdict(c) for c in claims]).encode(), _claims_from_json)


def _document_key(document: Document) -> bytes:
    blocks = [(b.start, b.end, b.role) for b in document.blocks]
    return hashlib.sha256(json.dumps([code_identity(), document.id, document.text, blocks]).encode()).digest()


def _claims_from_json(blob: bytes) -> list[Claim] | None:
    try:
        return [Claim(**fields) for fields in json.loads(blob)]
    except (ValueError, TypeError):
        return None  # a damaged entry: split again


def _group(members: list[int], claims: list[Claim], judge: ClaimJudge, scores: dict, threshold: float) -> Group:
    pairs = []
    for x, i in enumerate(members):
        for j in members[x + 1 :]:
            if claims[i].source == claims[j].source:
                continue
            similarity = scores.get((i, j)) if (i, j) in scores else judge.similarity(i, j)
            if similarity < threshold:
                continue  # grouped through other claims; only confirmed links are reported as pairs
            judgement = judge.judge(i, j, similarity)
            pairs.append(Pair(claims[i].id, claims[j].id, judgement.relation, judgement.similarity,
                              judgement.differences))
    if len({claims[i].source for i in members}) < 2:
        verdict = "unique"
    else:
        verdict = relation_of([d for p in pairs for d in p.differences])
    return Group(id="", verdict=verdict, claims=[claims[i].id for i in members], pairs=pairs)


def _ordered(groups: list[Group], claims: list[Claim]) -> list[Group]:
    position = {c.id: n for n, c in enumerate(claims)}
    source_of = {c.id: c.source for c in claims}
    rank = {verdict: n for n, verdict in enumerate(VERDICTS)}
    groups.sort(key=lambda g: (rank[g.verdict], -len({source_of[c] for c in g.claims}), position[g.claims[0]]))
    for n, group in enumerate(groups, 1):
        group.id = f"g{n}"
    return groups


def _source_info(document: Document, claims: list[Claim]) -> SourceInfo:
    carries_text = document.kind != "text"
    return SourceInfo(
        id=document.id, location=document.location, kind=document.kind, title=document.title,
        claims=sum(1 for c in claims if c.source == document.id), text=document.text if carries_text else None,
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
