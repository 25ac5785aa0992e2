"""The language registry: per-language sentence splitter, tokenizer, lemmatizer/stemmer,
abbreviations, stopwords, month names and transliteration; language guessing in ``detect``.

``get_language("ru")`` is the entry point. Heavy libraries load on first use.
"""

from __future__ import annotations

from aligner.lang.language import Language
from aligner.lang.registry import (
    get_language,
    language_name,
    register_language,
    registered_codes,
    unregister_language,
)

__all__ = [
    "Language",
    "get_language",
    "language_name",
    "register_language",
    "registered_codes",
    "unregister_language",
]
