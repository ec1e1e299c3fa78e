"""Writing reports: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from claimdiff.errors import ClaimdiffError


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: a report is never left half-written."""
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
        raise ClaimdiffError(f"-o {path}: cannot write ({error.strerror or error})") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
