"""Article text out of an HTML page, with trafilatura (maintained, and the best-scoring open extractor)."""

from __future__ import annotations

import re

_HTML_SNIFF = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|meta)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.match(text[:2000])) or text[:5000].lower().count("</p>") >= 3


def extract_article(html: str, url: str | None = None) -> tuple[str, str | None]:
    """Return (article text, title); the text is one paragraph per line. Empty text when nothing was found."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, deduplicate=True
    )
    if document is None:
        return "", None
    return (document.text or "").strip(), (document.title or None)
