"""The shared spaCy access: parsing in two workers stays light, and clauses reuse their sentence's parse."""

from __future__ import annotations

import subprocess
import sys

from claimdiff import nlp
from claimdiff.segment import segment
from claimdiff.model import Block, Document


def test_parsing_in_workers_does_not_import_torch():
    # Workers start only past PARALLEL_MIN_TEXTS; spaCy's thinc layer would import torch (seconds) if let.
    script = (
        "import sys\n"
        "from claimdiff import nlp\n"
        "texts = [f'Reporter number {k} wrote a story about the town council.' for k in range(400)]\n"
        "assert nlp._workers(len(texts)) == 2, 'expected two workers'\n"
        "assert len(nlp.parse_many(texts)) == 400\n"
        "print('torch' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_clauses_are_read_from_their_sentence_parse(monkeypatch):
    text = "The mayor opened the bridge on Monday, and the council approved a new budget of $4 million."
    document = Document(id="a", location="a", kind="text", title=None, text=text,
                        blocks=[Block(0, len(text))])
    claims = segment(document)
    assert len(claims) == 2
    parsed = []
    monkeypatch.setattr(nlp, "_parse_in_workers", lambda texts, workers: parsed.extend(texts) or [])
    monkeypatch.setattr(nlp.nlp(), "pipe", lambda texts, **kw: parsed.extend(texts) or [])
    second = nlp.parse(claims[1].text)
    assert parsed == []  # not parsed again
    assert second.text == claims[1].text
    assert [e.label_ for e in second.ents] == ["MONEY"]
    assert any(t.dep_ == "ROOT" and t.lemma_ == "approve" for t in second)
