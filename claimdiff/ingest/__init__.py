"""Ingest: turn source specs (paths, '-', URLs, directories) into Documents with their article blocks.

One question about a line needs a tagger (does it have a finite verb? A teaser headline does, a section heading
not): the caller passes the answer as `has_finite_verb`, so this stage loads no spaCy model of its own; and the
caller may pass `language_of`, which says what language an article is in (cached between runs by the pipeline).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from claimdiff.errors import InputError
from claimdiff.ingest.boilerplate import FiniteVerbTest, find_article
from claimdiff.ingest.decode import decode, mostly_unbroken
from claimdiff.ingest.fetch import fetch, is_url
from claimdiff.ingest.html import extract_article, looks_like_html
from claimdiff.language.detect import detect_language
from claimdiff.model import Document, shortest_distinct

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")
HTML_SUFFIXES = (".html", ".htm")


@dataclass
class IngestOptions:
    timeout: float = 20.0
    max_bytes: int = 20_000_000
    max_chars: int = 500_000  # of article text: a longer one takes minutes to parse, so it must be asked for
    stdin: object = None  # a binary stream; defaults to sys.stdin.buffer


@dataclass
class Ingested:
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def expand_specs(specs: list[str]) -> tuple[list[str], list[str]]:
    """Replace each directory by its article files (sorted). Returns (specs, errors)."""
    expanded, errors = [], []
    for spec in specs:
        if spec != "-" and not is_url(spec) and os.path.isdir(spec):
            files = sorted(str(p) for p in Path(spec).iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                errors.append(f"{spec}: directory has no {', '.join(ARTICLE_SUFFIXES)} files")
            expanded.extend(files)
        else:
            expanded.append(spec)
    return expanded, errors


def read_sources(specs: list[str], options: IngestOptions, has_finite_verb: FiniteVerbTest,
                 language_of: Callable[[str], str] = detect_language) -> Ingested:
    """Read every source it can; a source that fails becomes an error message and the others carry on."""
    specs, errors = expand_specs(specs)
    result = Ingested(errors=errors)
    used_ids: set[str] = set()
    for spec in specs:
        try:
            document = read_source(spec, options, has_finite_verb, language_of)
        except InputError as error:
            result.errors.append(str(error))
            continue
        document.id = _unique(document.id, used_ids)
        result.documents.append(document)
    # One id everywhere (text, JSON, claim ids), short where that is unambiguous: "000", not "000_9a46518b...".
    for document, short in zip(result.documents, shortest_distinct([d.id for d in result.documents])):
        document.id = short
    return result


def read_source(spec: str, options: IngestOptions, has_finite_verb: FiniteVerbTest,
                language_of: Callable[[str], str] = detect_language) -> Document:
    if spec == "-":
        stream = options.stdin or sys.stdin.buffer
        data = stream.read(options.max_bytes + 1)
        _check_size(len(data), options.max_bytes, "stdin")
        return _document("stdin", "-", "stdin", data, options, has_finite_verb, language_of, html_hint=False)
    if is_url(spec):
        fetched = fetch(spec, timeout=options.timeout, max_bytes=options.max_bytes)
        return _document(_url_id(spec), spec, "url", fetched.body, options, has_finite_verb, language_of,
                         html_hint=fetched.content_type != "text/plain",
                         declared=fetched.charset, url=fetched.final_url)
    if "://" in spec:
        raise InputError(f"{spec}: only http:// and https:// addresses can be fetched")
    path = Path(spec)
    data = _read_file(path, options.max_bytes)
    return _document(path.stem or path.name, spec, "text", data, options, has_finite_verb, language_of,
                     html_hint=path.suffix.lower() in HTML_SUFFIXES)


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        _check_size(size, max_bytes, str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None


def _check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise InputError(f"{name}: {size:,} bytes is over the {max_bytes:,}-byte limit (raise it with --max-bytes)")


def _document(id_: str, location: str, kind: str, data: bytes, options: IngestOptions,
              has_finite_verb: FiniteVerbTest, language_of: Callable[[str], str], html_hint: bool,
              declared: str | None = None, url: str | None = None) -> Document:
    if not data.strip():
        raise InputError(f"{location}: is empty")
    decoded = decode(data, location, declared=declared)
    text, title = decoded.text, None
    if looks_like_html(text) or (html_hint and "<" in text[:2000]):
        text, title = extract_article(text, url=url)
        kind = "url" if kind == "url" else "html"
        if not text:
            raise InputError(f"{location}: no article text found in the HTML")
    elif mostly_unbroken(text):  # checked on text, not on markup: a saved page carries its images as base64
        raise InputError(f"{location}: looks like encoded data (no words of any language in it), not an article")
    if len(text) > options.max_chars:
        raise InputError(f"{location}: {len(text):,} characters of text is over the {options.max_chars:,}-character "
                         "limit (raise it with --max-chars)")
    language = language_of(text)
    blocks, found_title = find_article(text, has_finite_verb, language)
    if not blocks:
        raise InputError(f"{location}: no article text found (only page furniture or boilerplate)")
    return Document(id=id_, location=location, kind=kind, title=title or found_title, text=text, blocks=blocks,
                    warnings=decoded.warnings, language=language)


def _url_id(url: str) -> str:
    slug = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    slug = re.sub(r"[^\w.-]+", "-", slug)
    return slug[:60] or "url"


def _unique(candidate: str, used: set[str]) -> str:
    name, n = candidate, 2
    while name in used:
        name = f"{candidate}-{n}"
        n += 1
    used.add(name)
    return name
