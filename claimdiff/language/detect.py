"""Which language an article is written in: py3langid (a small bundled model, 97 languages), on the article's
own text. claimdiff reads English fully (clauses, speakers, the learned judge); other languages the multilingual
encoder knows are split into sentences and compared by meaning, numbers and dates (see judge/crosslingual.py)."""

from __future__ import annotations

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


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in; English unless another is near certain."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return language if language == ENGLISH or probability >= MIN_CONFIDENCE else ENGLISH
