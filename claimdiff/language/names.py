"""Given names that tell a person's gender ("Joseph" is "he", "Susan" is "she"), read from given_names.txt
(written by benchmarks/build_given_names.py from published name-gender counts; the file says which): a reader
knows that "she said" is not Joseph's, and attribution should know it too.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Mapping


@lru_cache(maxsize=1)
def _pronouns() -> Mapping[str, str]:
    """Given name -> "he" or "she"; read once, on first use, and read-only."""
    text = (files("claimdiff.language") / "given_names.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return MappingProxyType({name: pronoun for name, pronoun in pairs})


def without_accents(text: str) -> str:
    """The text with its letters' accents dropped ("Sánchez" -> "Sanchez"), as names are often written both ways."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def pronoun_of_given_name(full_name: str) -> str | None:
    """"he" or "she" for a full name whose given name (its first word) one gender bears ("Joseph Crowley" is
    "he"); None for a one-word name, which may be a family name, and for names both genders bear."""
    words = full_name.split()
    if len(words) < 2:
        return None
    return _pronouns().get(without_accents(words[0]).lower())
