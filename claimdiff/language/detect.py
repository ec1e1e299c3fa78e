"""Which language an article is written in: py3langid (a small bundled model, 97 languages), on the article's
own text. claimdiff reads English fully (clauses, speakers, the learned judge); other languages the multilingual
encoder knows are split into sentences and compared by meaning, numbers and dates (see judge/crosslingual.py)."""

from __future__ import annotations

import re
from functools import lru_cache

ENGLISH = "en"
SAMPLE_CHARS = 5000  # enough to tell a language; the start of an article is representative of it
# Another language than English is taken only when the identifier is this sure of it: a short text of names
# ("Xi, Putin meet in Samarkand") reads as Dutch as easily as English, and English is read more fully.
MIN_CONFIDENCE = 0.9
# The languages of the multilingual encoder (Universal Sentence Encoder multilingual v3): in other languages its
# vectors do not place a sentence beside its translation.
ENCODER_LANGUAGES = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr",
                               "zh"})
NAMES = {"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French", "it": "Italian",
         "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian",
         "th": "Thai", "tr": "Turkish", "zh": "Chinese"}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Chosen among the languages claimdiff can compare: a short English text is not taken for Javanese.
    identifier.set_languages(sorted(ENCODER_LANGUAGES))
    return identifier


# Running English text has about a third of its words among the 50 most common English words (wordfreq's list:
# "the", "of", "and", ...), other languages' text under a tenth: above this share the identifier (0.8 s and 100 MB
# to load) is not needed.
COMMON_ENGLISH_SHARE = 0.2
MIN_WORDS_TO_TELL = 20
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in; English unless another is near certain."""
    sample = text[:SAMPLE_CHARS]
    if _reads_as_english(sample):
        return ENGLISH
    language, probability = _identifier().classify(sample)
    return language if language == ENGLISH or probability >= MIN_CONFIDENCE else ENGLISH


def _reads_as_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS_TO_TELL:
        return False
    return sum(word in _common_english() for word in words) / len(words) >= COMMON_ENGLISH_SHARE


@lru_cache(maxsize=1)
def _common_english() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list(ENGLISH, 50))
