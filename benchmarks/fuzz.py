"""Coverage-guided fuzzing (atheris) of ingest and segmentation: bytes in, a Document and its claims out.

    pip install atheris
    python benchmarks/fuzz.py                  # 10 minutes
    python benchmarks/fuzz.py -max_total_time=60 -dict=...   # any libFuzzer flag

Each input is read as a file would be (decoding, HTML extraction when it looks like HTML, finding the article),
then split into claims. A clean refusal (InputError: empty, binary, no article text, over a limit) is a correct
answer; any other exception, or a claim whose offsets do not slice back to its text, is a failure: libFuzzer
stops and writes the input to crash-*. Seeds: the seed articles and a small HTML page.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["claimdiff"]):
    from claimdiff.errors import InputError
    from claimdiff.ingest import IngestOptions, read_sources
    from claimdiff.language.parser import Parser
    from claimdiff.segment import segment

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = IngestOptions(max_chars=20_000)  # keeps each run short; the limit itself is one of the answers
PARSER = Parser()  # one for the whole fuzzing session: spaCy loads once
_folder = Path(tempfile.mkdtemp(prefix="claimdiff-fuzz-"))


def one_input(data: bytes) -> None:
    path = _folder / ("page.html" if data[:1] == b"<" else "article.txt")
    path.write_bytes(data)
    result = read_sources([str(path)], OPTIONS, PARSER.has_finite_verb)
    if not result.documents:
        assert result.errors, "no document and no error"
        return
    document = result.documents[0]
    for claim in segment(document, PARSER):
        assert document.text[claim.start : claim.end] == claim.text, (claim.start, claim.end, claim.text)


def _corpus() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="claimdiff-fuzz-corpus-"))
    for n, seed in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        (folder / f"seed{n}").write_bytes(seed.read_bytes()[:4000])
    (folder / "html").write_bytes(b"<html><head><title>T</title><script>x()</script></head><body><article><h1>Mayor "
                                  b"opens bridge</h1><p>The mayor opened the bridge on Tuesday, officials said.</p>"
                                  b"<p>\"It is a great day,\" she said.</p></article></body></html>")
    return folder


def main() -> None:
    argv = list(sys.argv)
    if not any(a.startswith("-max_total_time") for a in argv[1:]):
        argv.append("-max_total_time=600")
    if not any(not a.startswith("-") for a in argv[1:]):
        argv.append(str(_corpus()))
    argv.append("-rss_limit_mb=4096")
    atheris.Setup(argv, lambda data: _guarded(one_input, data))
    atheris.Fuzz()


def _guarded(function, data: bytes) -> None:
    try:
        function(data)
    except InputError:
        pass  # a clean refusal, with its message


if __name__ == "__main__":
    main()
