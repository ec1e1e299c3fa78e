"""Article text out of an HTML page, with trafilatura (maintained, and the best-scoring open extractor)."""

from __future__ import annotations

import logging
import re

from claimdiff.quiet import quiet_logger

_HTML_SNIFF = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|meta)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.match(text[:2000])) or text[:5000].lower().count("</p>") >= 3


def extract_article(html: str, url: str | None = None) -> tuple[str, str | None]:
    """Return (article text, title); the text is one paragraph per line. Empty text when nothing was found."""
    import trafilatura

    with quiet_logger("trafilatura", logging.CRITICAL):  # its parse warnings are not the user's concern
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, deduplicate=True
        )
        text = (document.text or "").strip() if document is not None else ""
        title = (document.title or None) if document is not None else None
        if not text:
            # Pages too small or odd for the main extractor still have paragraphs: take its plain baseline.
            _, text, _ = trafilatura.baseline(html)
    return text.strip(), title
