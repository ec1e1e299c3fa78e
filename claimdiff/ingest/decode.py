"""Bytes to text: BOMs, UTF-8, UTF-16 and legacy single-byte encodings (cp1251 Russian sources are common)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from claimdiff.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of formats people drop into a folder of articles by mistake.
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document (save it as text or HTML first)",
    b"PK\x03\x04": "a ZIP archive or Office document (save it as text or HTML first)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
    b"RIFF": "a media file",
    b"\xd0\xcf\x11\xe0": "an old Office document (save it as text or HTML first)",
}

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Decode `data` read from `name`; `declared` is an encoding announced by HTTP or HTML, tried after BOMs.
    Bytes that decode to no language (no words, mostly replaced or control characters) are refused."""
    decoded = _decode(data, name, declared)
    if not reads_as_language(decoded.text):
        raise InputError(f"{name}: looks like a binary file (no words of any language in it), not an article")
    return decoded


# Scripts written without spaces between words: each character counts as a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
LONGEST_WORD = 30  # letters; longer runs of one script are not words of a language (German compounds included)
_LINK = re.compile(r"://|^www\.|\w@\w")
LONGEST_TOKEN = 40  # characters between spaces: a word with its punctuation (links aside)


def reads_as_language(text: str) -> bool:
    """Whether most letters (or most letter runs) of `text` form words: runs of a plausible length that are not
    one letter repeated. Random bytes decoded in some encoding give long letter soup, one repeated letter or no
    letters at all."""
    if text.count("\ufffd") > max(3, len(text) // 20):
        return False
    runs = _LETTER_RUNS.findall(text)
    letters = sum(len(run) for run in runs)
    if letters == 0:
        return not text.strip()  # an empty text is another error, named where it is read
    words = [run for run in runs
             if _UNSPACED.search(run) or (len(run) <= LONGEST_WORD and (len(run) < 4 or len(set(run)) > 1))]
    # By letters or by count: one long compound among short words is still language.
    return sum(len(w) for w in words) >= 0.5 * letters or len(words) >= 0.5 * len(runs)


def mostly_unbroken(text: str) -> bool:
    """Whether most of `text` is runs without spaces longer than any word with its punctuation: languages written
    with spaces break every few letters, base64 does not. Runs holding a script written without spaces (Chinese,
    Japanese, Thai) are language whatever their length; links and e-mail addresses are left out of the count (a
    short article may end with a long link)."""
    tokens = [token for token in text.split() if not _LINK.search(token)]
    unbroken = sum(len(token) for token in tokens if len(token) > LONGEST_TOKEN and not _UNSPACED.search(token))
    return unbroken > 0.5 * sum(len(token) for token in tokens)


def _decode(data: bytes, name: str, declared: str | None) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding, name)
    _refuse_binary(data, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_with(data, utf16, name)
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes), not an article")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared and _known_encoding(declared) and not declared.lower().replace("-", "").startswith("utf8"):
        return _decode_with(data, declared, name)
    if _mostly_utf8(data):
        return _decode_with(data, "utf-8", name)
    return _decode_with(data, _guess_legacy(data, name), name)


def _decode_with(data: bytes, encoding: str, name: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    warnings = []
    bad = text.count("\ufffd")
    if bad:
        warnings.append(f"{name}: {bad} invalid byte sequence(s) in {encoding} replaced with \ufffd")
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise InputError(f"{name}: looks like a binary file (many control characters), not an article")
    return Decoded(text, encoding, warnings)


def _refuse_binary(data: bytes, name: str) -> None:
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{name}: this is {what}, not an article")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of a Latin or Cyrillic script has a NUL in every other byte; that is its fingerprint."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 with a few damaged sequences, rather than a legacy encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return multibyte >= 2 * bad and bad <= max(3, len(data) // 200)


def _guess_legacy(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise InputError(f"{name}: cannot tell the text encoding; this does not look like an article")
    # Several code pages often read a short text equally well (French as cp1250 or cp1252): among those tied
    # with the best, take the most widely used.
    tied = [m.encoding for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return min(tied, key=lambda e: _COMMON_LEGACY.index(e) if e in _COMMON_LEGACY else len(_COMMON_LEGACY))


_COMMON_LEGACY = ["cp1252", "latin_1", "cp1251", "koi8_r", "iso8859_15", "cp1250", "iso8859_2", "cp1253", "cp1254",
                  "cp1257", "cp1256", "cp1255"]


def _known_encoding(name: str) -> bool:
    try:
        codecs.lookup(name)
        return True
    except LookupError:
        return False
