"""Command line: parse options, run the pipeline, render, set the exit status. The only module that prints.

Exit status follows diff: 0 no divergence, 1 divergences found, 2 usage or input error (one line on stderr,
no traceback unless --debug), 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from claimdiff import __version__
from claimdiff.model import DEFAULT_THRESHOLD

EXIT_OK, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 2, 3, 130  # 1 (divergences): Report.exit_status


class _OneLineErrors(TyperGroup):
    """Usage errors as one line on stderr ("claimdiff: error: ..."), exit 2, instead of a boxed usage screen."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, **extra)
        except typer.Abort:
            code = EXIT_INTERRUPTED
        except typer.TyperException as error:  # click's exceptions, as vendored by typer
            context = getattr(error, "ctx", None)
            if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
                typer.echo(context.get_help())
                code = EXIT_OK
            elif getattr(error, "exit_code", None) == EXIT_ERROR and hasattr(error, "format_message"):
                command = f" {context.info_name}" if context is not None and context.parent else ""
                typer.echo(f"claimdiff{command}: error: {error.format_message()}", err=True)
                code = EXIT_ERROR
            else:
                raise
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else EXIT_OK)


app = typer.Typer(
    cls=_OneLineErrors,
    name="claimdiff",
    help="Compare how several articles report the same event, claim by claim.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",  # a docstring's paragraph reads as one, however its source lines break
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"


class Backend(str, Enum):
    onnx = "onnx"
    torch = "torch"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimdiff {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Compare how several articles report the same event, claim by claim."""


# Options several commands share.
SOURCES_ARGUMENT = typer.Argument(..., help="Articles: text or HTML files, directories, '-' for stdin, "
                                  "http(s) URLs.", show_default=False, metavar="SOURCES...")
THRESHOLD_OPTION = typer.Option(DEFAULT_THRESHOLD, "--threshold", min=0.0, max=1.0, metavar="0-1",
                                 help="Similarity from which two claims count as the same claim.")
BACKEND_OPTION = typer.Option(Backend.onnx, "--backend",
                              help="Run the model in ONNX Runtime, int8 (fast), or torch, fp32.")
NO_CACHE_OPTION = typer.Option(False, "--no-cache",
                               help="Neither read nor write the cache (claims, parses, vectors, reports).")
TIMEOUT_OPTION = typer.Option(20.0, "--timeout", min=0.1, metavar="SECONDS",
                              help="Time allowed to fetch each URL.")
MAX_BYTES_OPTION = typer.Option(20_000_000, "--max-bytes", min=1, metavar="BYTES",
                                help="Largest source accepted.")
MAX_CHARS_OPTION = typer.Option(500_000, "--max-chars", min=1, metavar="CHARS",
                                 help="Longest article text accepted (a longer one takes minutes).")
DEBUG_OPTION = typer.Option(False, "--debug", help="Show tracebacks of errors.")


@app.command()
def compare(
    sources: list[str] = SOURCES_ARGUMENT,
    format: Format = typer.Option(Format.text, "--format", "-f", help="Report format: text, json, jsonl, markdown "
                                  "or html (one self-contained page)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically); "
                                          "'-' is standard output.", metavar="FILE"),
    only: Optional[str] = typer.Option(None, "--only", help="Show only these verdicts, comma-separated: "
                                       "agree, diverge, contradict, unique.", metavar="VERDICTS"),
    min_sources: int = typer.Option(1, "--min-sources", min=1, help="Show only groups found in at least N sources.",
                                    metavar="N"),
    threshold: float = THRESHOLD_OPTION,
    model: str = typer.Option("all-MiniLM-L6-v2", "--model", help="sentence-transformers model: name or local "
                              "path (the bundled all-MiniLM-L6-v2 by default; never downloaded).",
                              metavar="NAME_OR_PATH"),
    backend: Backend = BACKEND_OPTION,
    no_cache: bool = NO_CACHE_OPTION,
    cluster: Optional[str] = typer.Option(None, "--cluster", metavar="ADDRESS", help="Embed and search for "
                                          "candidates on a Dask cluster: a scheduler address, or 'local' for "
                                          "worker processes here (needs claimdiff[distributed])."),
    color: Color = typer.Option(Color.auto, "--color", help="Colour the terminal report (NO_COLOR is honoured)."),
    timeout: float = TIMEOUT_OPTION,
    max_bytes: int = MAX_BYTES_OPTION,
    max_chars: int = MAX_CHARS_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Split each article into claims, align the claims across all sources and label each group: agree,
    diverge (a number, date, name, title, place, quote, attribution or hedge differs), contradict or unique.

    Exit status: 0 no divergence, 1 divergences found, 2 usage or input error.
    """
    verdicts = _parse_only(only)
    output = None if output == Path("-") else output  # the usual name for standard output, as for sources
    _check_writable(output)
    code = _guarded(debug, lambda: _compare(sources, format, output, verdicts, min_sources, threshold, model,
                                           backend.value, not no_cache, cluster, color, timeout, max_bytes,
                                           max_chars))
    raise typer.Exit(code)


@app.command()
def judge(
    source: str = typer.Argument("-", help="JSON Lines file of pairs, one {\"id\", \"a\", \"b\"} per line; "
                                 "'-' (the default) reads standard input.", metavar="FILE"),
    threshold: float = THRESHOLD_OPTION,
    model: str = typer.Option("all-MiniLM-L6-v2", "--model", metavar="NAME_OR_PATH",
                              help="sentence-transformers model: name or local path."),
    backend: Backend = BACKEND_OPTION,
    no_cache: bool = NO_CACHE_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Judge claim pairs: for each input line, print one JSON line with same_claim, relation (agree, diverge,
    contradict, unrelated), similarity (0-1) and the typed differences.

    A malformed line is answered with an error object naming its line; the other lines are still judged, and
    the exit status is then 2.
    """
    raise typer.Exit(_guarded(debug, lambda: _judge(source, threshold, model, backend.value, not no_cache)))


@app.command()
def explore(
    sources: list[str] = SOURCES_ARGUMENT,
    threshold: float = THRESHOLD_OPTION,
    model: str = typer.Option("all-MiniLM-L6-v2", "--model", metavar="NAME_OR_PATH",
                              help="sentence-transformers model: name or local path."),
    backend: Backend = BACKEND_OPTION,
    no_cache: bool = NO_CACHE_OPTION,
    export_dir: Path = typer.Option(Path("."), "--export-dir", metavar="DIR",
                                    help="Where the e key writes the current view as Markdown."),
    timeout: float = TIMEOUT_OPTION,
    max_bytes: int = MAX_BYTES_OPTION,
    max_chars: int = MAX_CHARS_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Compare the sources, then explore the groups in a full-screen terminal app: filter by verdict and
    source, search, see each group's word diffs, open claims in their source paragraphs, export the view.
    Press ? inside for the keys, q to quit."""
    if not sys.stdout.isatty():
        _usage_error("explore needs a terminal; use compare --format json|markdown|html to write a report")
    if not export_dir.is_dir():
        _usage_error(f"--export-dir {export_dir}: not a folder")
    raise typer.Exit(_guarded(debug, lambda: _explore(sources, threshold, model, backend.value, not no_cache,
                                                       export_dir, timeout, max_bytes, max_chars)))


def _explore(sources, threshold, model, backend, cache, export_dir, timeout, max_bytes, max_chars) -> int:
    report = _compared(sources, threshold=threshold, model=model, backend=backend, cache=cache, timeout=timeout,
                       max_bytes=max_bytes, max_chars=max_chars)
    from claimdiff.explore import ExploreApp

    ExploreApp(report, export_dir=export_dir.resolve()).run()
    return report.exit_status(shown=[])  # browsing: only sources that could not be read count


cache_app = typer.Typer(help="The cache of claims, parses, vectors, reports and converted models "
                        "($CLAIMDIFF_CACHE_DIR, else the user cache directory).",
                        no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info_command() -> None:
    """Where the cache is, its size and how many entries it holds."""
    from claimdiff.cache import cache_info

    info = cache_info()
    print(f"directory: {info['directory']}")
    print(f"size: {info['bytes'] / 1e6:.1f} MB")
    for table, count in sorted(info["entries"].items()):
        print(f"{table}: {count} entries")
    if "error" in info:
        print(f"claimdiff: warning: {info['error']}", file=sys.stderr)


@cache_app.command("clear")
def cache_clear_command() -> None:
    """Remove the cache: stored embeddings and converted models (made again when next needed)."""
    from claimdiff.cache import cache_dir, clear_cache

    try:
        clear_cache()
    except OSError as error:
        print(f"claimdiff cache clear: error: {cache_dir()}: {error.strerror or error}", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    print(f"cleared {cache_dir()}")


def _judge(source: str, threshold: float, model: str, backend: str, cache: bool) -> int:
    import json

    from claimdiff.context import Context
    from claimdiff.embed import load_encoder
    from claimdiff.errors import InputError
    from claimdiff.judge import SameFact
    from claimdiff.pairs import judge_requests, parse_lines

    same = SameFact(threshold)
    try:
        stream = sys.stdin if source == "-" else open(source, encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(f"{source}: {error.strerror or error}") from None
    context = Context.create(cache, _warn, spacy_importer=import_spacy_without_torch)
    encoder = load_encoder(model, backend, context.cache, context.models_dir, context.notify)
    answered, failed_lines = 0, []
    with stream:
        for answer in judge_requests(parse_lines(stream), encoder, context, same):
            answered += 1
            if "error" in answer:
                failed_lines.append(answer["line"])
            sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if not failed_lines:
        return EXIT_OK
    shown = ", ".join(str(n) for n in failed_lines[:5]) + (", ..." if len(failed_lines) > 5 else "")
    noun = "line" if len(failed_lines) == 1 else "lines"
    print(f"claimdiff judge: {len(failed_lines)} of {answered} lines could not be read ({noun} {shown})",
          file=sys.stderr)
    return EXIT_ERROR


def _compare(sources, format, output, verdicts, min_sources, threshold, model, backend, cache, cluster, color,
             timeout, max_bytes, max_chars) -> int:
    report = _compared(sources, threshold=threshold, model=model, backend=backend, cache=cache, cluster=cluster,
                       timeout=timeout, max_bytes=max_bytes, max_chars=max_chars)
    groups = [g for g in report.groups if g.verdict in verdicts and _source_count(report, g) >= min_sources]
    _emit(report, groups, format, output, color)
    return report.exit_status(groups)


def _compared(sources, timeout: float, max_bytes: int, max_chars: int, **options):
    """Run the comparison with progress on stderr, and name there the sources that could not be read."""
    from claimdiff.ingest import IngestOptions
    from claimdiff.pipeline import CompareOptions, compare as run_compare

    err = _console(Color.auto, stderr=True)
    with _progress(err) as progress:
        report = run_compare(sources, CompareOptions(
            progress=progress, ingest=IngestOptions(timeout=timeout, max_bytes=max_bytes, max_chars=max_chars),
            notify=lambda message: err.print(f"claimdiff: {message}", markup=False, highlight=False),
            spacy_importer=import_spacy_without_torch, **options,
        ))
    for message in report.errors:
        err.print(f"claimdiff: error: {message}", markup=False, highlight=False)
    return report


def import_spacy_without_torch():
    """spaCy imported without letting its thinc layer import torch: seconds of start-up, and the bundled model
    needs only thinc's numpy ops. The program owns its process, so it may hide torch for that one import (a
    library call imports spaCy plainly); torch stays importable afterwards for the torch embedding backend."""
    if "torch" in sys.modules or "spacy" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` fails with ImportError meanwhile
    try:
        import spacy
    finally:
        del sys.modules["torch"]
    return spacy


def _warn(message: str) -> None:
    """Where the pipeline's warnings go while it runs: a line on stderr."""
    print(f"claimdiff: {message}", file=sys.stderr, flush=True)


def _source_count(report, group) -> int:
    sources = {c.id: c.source for c in report.claims}
    return len({sources[c] for c in group.claims})


def _emit(report, groups, format: Format, output: Optional[Path], color: Color) -> None:
    from claimdiff.files import write_atomically

    if format is Format.text:
        from claimdiff.render.text import render_text

        if output is None:
            render_text(report, groups, _console(color))
            return
        console = _console(Color.never, file=_Buffer())
        render_text(report, groups, console)
        write_atomically(output, console.file.getvalue())
        return
    text = _rendered(report, groups, format)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomically(output, text)


def _rendered(report, groups, format: Format) -> str:
    if format is Format.markdown:
        from claimdiff.render.markdown import render_markdown

        return render_markdown(report, groups)
    if format is Format.html:
        from claimdiff.render.html import render_html

        return render_html(report, groups)
    from claimdiff.render.json import render_json, render_jsonl

    return render_json(report, groups) if format is Format.json else render_jsonl(report, groups)


class _Buffer:
    """A text sink for rich that is not a terminal (no colour, no wrapping decisions from a tty)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def getvalue(self) -> str:
        return "".join(self.parts)


def _console(color: Color, stderr: bool = False, file=None):
    from rich.console import Console

    stream = file or (sys.stderr if stderr else sys.stdout)
    terminal = hasattr(stream, "isatty") and stream.isatty()
    options = {"file": stream, "highlight": False, "soft_wrap": not terminal}
    if color is Color.always:
        options.update(force_terminal=True, no_color=False)
    elif color is Color.never:
        options.update(no_color=True, color_system=None)
    return Console(**options)


class _progress:
    """Progress on stderr while the pipeline runs, only when stderr is a terminal."""

    def __init__(self, console) -> None:
        self.console = console
        self.status = None

    def __enter__(self):
        if self.console.is_terminal:
            self.status = self.console.status("reading sources", spinner="dots")
            self.status.start()
            return lambda message: self.status.update(message)
        return None

    def __exit__(self, *exc) -> None:
        if self.status is not None:
            self.status.stop()


def _parse_only(only: Optional[str]) -> set[str]:
    from claimdiff.model import VERDICTS

    allowed = set(VERDICTS)
    if only is None:
        return allowed
    chosen = {v.strip().lower() for v in only.split(",") if v.strip()}
    unknown = chosen - allowed
    if unknown or not chosen:
        _usage_error(f"--only {only}: choose among {', '.join(sorted(allowed))}")
    return chosen


def _check_writable(output: Optional[Path]) -> None:
    """Refuse an unwritable -o path before doing any work."""
    if output is None:
        return
    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir():
        _usage_error(f"-o {output}: is a directory")
    if not folder.is_dir():
        _usage_error(f"-o {output}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        _usage_error(f"-o {output}: permission denied")


def _usage_error(message: str) -> None:
    typer.echo(f"claimdiff: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _guarded(debug: bool, work) -> int:
    """Run `work`, turning errors into one line on stderr and an exit status."""
    from claimdiff.errors import ClaimdiffError

    try:
        return work()
    except ClaimdiffError as error:
        if debug:
            raise
        typer.echo(f"claimdiff: error: {error}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        typer.echo("claimdiff: interrupted", err=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_broken_pipe()
        return EXIT_OK
    except Exception as error:  # a bug: say so in one line; --debug shows the traceback
        if debug:
            raise
        typer.echo(f"claimdiff: internal error: {type(error).__name__}: {error} (run with --debug for details)",
                   err=True)
        return EXIT_INTERNAL


def _silence_broken_pipe() -> None:
    # The reader of our stdout went away (`claimdiff ... | head`): stop quietly, as Unix tools do.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    _set_up_process()
    app(prog_name="claimdiff")


def _set_up_process() -> None:
    """Settings the program makes for its own process (a library leaves them to its caller): Hugging Face
    libraries stay offline and quiet (claimdiff never downloads weights behind the user's back), and tokenizers
    run on one thread, as the parser's workers are forked."""
    for name, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
                        ("TRANSFORMERS_VERBOSITY", "error"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(name, value)


if __name__ == "__main__":
    main()
