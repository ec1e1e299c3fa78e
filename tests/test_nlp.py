"""The spaCy parser: parsing in two workers stays light, and clauses come with their sentence's parse."""

from __future__ import annotations

import subprocess
import sys

from claimdiff.language import parser as parsing
from claimdiff.model import Block, Document
from claimdiff.segment import segment_many


def test_parsing_in_workers_under_the_cli_does_not_import_torch():
    # Workers start only past PARALLEL_MIN_TEXTS; spaCy's thinc layer would import torch (seconds) if let.
    script = (
        "import sys\n"
        "from claimdiff.cli import import_spacy_without_torch\n"
        "from claimdiff.language import parser\n"
        "texts = [f'Reporter number {k} wrote a story about the town council.' for k in range(400)]\n"
        "assert parser._workers(len(texts)) == 2, 'expected two workers'\n"
        "assert len(parser.Parser(importer=import_spacy_without_torch).parse_many(texts)) == 400\n"
        "print('torch' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_clauses_come_with_the_parse_of_their_sentence(monkeypatch):
    text = "The mayor opened the bridge on Monday, and the council approved a new budget of $4 million."
    document = Document(id="a", location="a", kind="text", title=None, text=text,
                        blocks=[Block(0, len(text))])
    parser = parsing.Parser()
    parsed = []
    real_pipe = parsing.nlp().pipe
    monkeypatch.setattr(parsing.nlp(), "pipe", lambda texts, **kw: parsed.extend(texts) or real_pipe(texts, **kw))
    segmented = segment_many([document], parser)
    claims = segmented.claims[0]
    assert len(claims) == 2 and parsed == [text]  # the sentence, parsed once
    second = segmented.parses[claims[1].text]
    assert second.text == claims[1].text
    assert [e.label_ for e in second.ents] == ["MONEY"]
    assert any(t.dep_ == "ROOT" and t.lemma_ == "approve" for t in second)


def test_two_parsers_share_no_parses():
    """A parser's memo is its own: one run's parses never reach another run."""
    first, second = parsing.Parser(), parsing.Parser()
    first.parse_many(["The council met on Monday."])
    assert first._docs and not second._docs


def test_each_document_gets_its_own_claims_whatever_its_id():
    """Documents are segmented in one batch; two with the same id (pairs judged by `claimdiff judge`) keep their
    own claims and speakers."""
    texts = ["“It is a hoax,” said Adam Smith, a lawyer.", "“It is a hoax,” said John Brown, a lawyer."]
    documents = [Document("pair", "pair", "stdin", None, t, [Block(0, len(t))]) for t in texts]
    claims = segment_many(documents, parsing.Parser()).claims
    assert [[c.text for c in found] for found in claims] != [[c.text for c in claims[1]]] * 2
    assert [next(c.speaker for c in found if c.speaker) for found in claims] == ["Adam Smith", "John Brown"]


def test_verbs_of_speech_are_written_in_the_forms_an_attribution_uses():
    from claimdiff.language.speech import SPEECH_VERB_FORMS

    assert {"said", "says", "told", "wrote", "admitted", "quipped", "replied", "denies", "recalled", "stresses"} \
        <= SPEECH_VERB_FORMS
    assert not {"sayed", "admited", "replyed", "stresss"} & SPEECH_VERB_FORMS
