"""Fetch an article by URL: only when the user gives one, http(s) only, with a timeout and a size limit."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from claimdiff import __version__
from claimdiff.errors import InputError

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass
class Fetched:
    body: bytes
    content_type: str
    charset: str | None
    final_url: str


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float = 20.0, max_bytes: int = 20_000_000) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": f"claimdiff/{__version__}", "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            header: Message = response.headers
            content_type = header.get_content_type()
            if content_type not in ACCEPTED_TYPES:
                raise InputError(f"{url}: content type {content_type} is not a web page or text")
            declared = header.get_param("charset")
            length = header.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: page is {int(length):,} bytes, over the {max_bytes:,}-byte limit")
            body = _read_bounded(response, url, max_bytes, time.monotonic() + timeout)
            return Fetched(body, content_type, declared if isinstance(declared, str) else None, response.geturl())
    except InputError:
        raise
    except urllib.error.HTTPError as error:
        raise InputError(f"{url}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, socket.timeout) or "timed out" in str(reason):
            raise InputError(f"{url}: timed out after {timeout:g} s") from None
        raise InputError(f"{url}: cannot fetch ({reason})") from None
    except (TimeoutError, socket.timeout):
        raise InputError(f"{url}: timed out after {timeout:g} s") from None
    except (OSError, ValueError) as error:
        raise InputError(f"{url}: cannot fetch ({error})") from None


def _read_bounded(response, url: str, max_bytes: int, deadline: float) -> bytes:
    """Read the body in chunks so a slow or endless stream stops at the size limit or the deadline."""
    chunks, size = [], 0
    while chunk := response.read(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: page is over the {max_bytes:,}-byte limit")
        if time.monotonic() > deadline:
            raise InputError(f"{url}: timed out while reading the page")
    return b"".join(chunks)
