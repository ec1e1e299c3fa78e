"""URL sources, against a real HTTP server on localhost: pages are fetched, bad answers refused in bounded time."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import has_finite_verb
from claimdiff.ingest import IngestOptions, read_sources

PAGE = b"""<!doctype html><html><head><title>Storm floods town | Gazette</title></head><body>
<div id="consent">We use cookies on our site. <button>Accept</button></div>
<article><h1>Storm floods coastal town</h1>
<p>The storm flooded 300 homes in the coastal town of Dunmore on Sunday, officials said.</p>
<p>Emergency crews rescued 45 people from rooftops overnight, the fire service said.</p>
<p>The mayor declared a state of emergency on Monday morning.</p></article></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server expects
        if self.path == "/article":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100))
        elif self.path == "/huge":
            self._send(200, "text/html", b"<p>" + b"a" * 200_000 + b"</p>")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", PAGE)
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the size-limit and timeout tests make it)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_page_is_fetched_and_extracted(server):
    result = read_sources([f"{server}/article"], IngestOptions(), has_finite_verb)
    assert not result.errors
    (document,) = result.documents
    assert document.kind == "url"
    assert "rescued 45 people from rooftops" in document.text
    assert "cookies" not in document.text
    assert "Storm floods" in document.title


@pytest.mark.parametrize("path, message", [
    ("/image", "content type image/png"),
    ("/huge", "byte limit"),
    ("/missing", "HTTP 404"),
    ("/loop", "redirect"),
    ("/slow", "timed out"),
])
def test_bad_answers_are_refused_quickly(server, path, message):
    started = time.monotonic()
    result = read_sources([f"{server}{path}"], IngestOptions(timeout=1.0, max_bytes=100_000), has_finite_verb)
    assert time.monotonic() - started < 2.5
    assert result.documents == []
    assert len(result.errors) == 1 and message in result.errors[0], result.errors
    assert result.errors[0].startswith(f"{server}{path}")


def test_unreachable_host_is_refused():
    result = read_sources(["http://127.0.0.1:9/article"], IngestOptions(timeout=1.0), has_finite_verb)
    assert result.errors and "cannot fetch" in result.errors[0]
