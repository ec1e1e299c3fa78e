"""Edited copies of real BASIL articles: compare flags exactly the edits that change a fact.

Each copy has a changed number, an inserted "not", a swapped name, a deleted and an inserted sentence (to be
flagged: diverge, contradict, diverge, unique, unique), a verb reworded outside quotes and two paragraphs swapped
(to agree, like everything else). Articles and edits come from fixed seeds; benchmarks/edits.py runs more.
"""

from __future__ import annotations

import random
import sys

import pytest

from conftest import EVALDATA, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
pytestmark = [pytest.mark.model, pytest.mark.skipif(not (EVALDATA / "basil").is_dir(), reason="no BASIL data")]

ARTICLES = 4


def _edited_articles():
    import edits

    chosen = random.Random(7).sample(edits.basil_articles(), 30)
    made = [(name, edits.make_edits(paragraphs, seed=7)) for name, paragraphs in chosen]
    return [(name, article) for name, article in made if article is not None][:ARTICLES]


@pytest.mark.parametrize("name, article", _edited_articles() if (EVALDATA / "basil").is_dir() else [],
                         ids=lambda value: value[:8] if isinstance(value, str) else "")
def test_exactly_the_edits_are_flagged(name, article):
    import edits

    assert edits.check(article) == []
