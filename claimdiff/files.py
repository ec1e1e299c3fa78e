"""Writing reports: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from claimdiff.errors import ClaimdiffError


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: a report is never left half-written. What is not a
    regular file (/dev/null, /dev/stdout, a named pipe) is written to as it is, since renaming over it would put a
    file in its place; a symbolic link is followed, so that the link stays."""
    if path.exists() and not path.is_file():
        _write_in_place(path, text)
        return
    path = path.resolve() if path.is_symlink() else path
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=f".{path.name}.",
                                             suffix=".tmp", delete=False)
        with handle:
            handle.write(text)
            os.chmod(handle.name, 0o666 & ~_umask())  # temporary files are private; a report is for sharing
        os.replace(handle.name, path)
    except OSError as error:
        if "handle" in locals() and os.path.exists(handle.name):
            os.unlink(handle.name)
        raise _cannot_write(path, error) from None


def _write_in_place(path: Path, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise _cannot_write(path, error) from None


def _cannot_write(path: Path, error: OSError) -> ClaimdiffError:
    return ClaimdiffError(f"-o {path}: cannot write ({error.strerror or error})")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
