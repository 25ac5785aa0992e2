"""The language registry: ``get_language(code)`` returns the ``Language`` for an ISO code.

Russian, English, German and French have full entries (``aligner/lang/ru.py`` ...: abbreviations,
stopwords, month names). Any other well-formed code gets a generic entry: sentencex (which
covers ~300 languages and falls back to generic rules for the rest), a Snowball stemmer where
PyStemmer has one, otherwise lowercase; a character tokenizer for Chinese and Japanese. Adding a
full language is one entry: a module with a ``LANGUAGE`` and one line in ``_MODULES`` inside the
package, or, from outside it, one ``register_language(Language(...))`` call made before the code is
first used (the number and segmentation stages cache per code).

Codes are case-insensitive; a region or script subtag is dropped (``en-GB`` → ``en``).
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache

from aligner.errors import InputError
from aligner.lang.language import Language
from aligner.lang.lemmatizers import Lemmatizer, LowercaseLemmatizer, SnowballStemmer
from aligner.lang.splitters import SentencexSplitter
from aligner.lang.tokenizers import CjkTokenizer, Tokenizer, WordTokenizer

# Languages with a module of their own.
_MODULES = {
    "ru": "aligner.lang.ru",
    "en": "aligner.lang.en",
    "de": "aligner.lang.de",
    "fr": "aligner.lang.fr",
}

# PyStemmer's Snowball algorithms by ISO 639-1 code (PyStemmer 3.x ``Stemmer.algorithms()``).
SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}

# ISO 15924 script of languages not written in Latin (the default).
_SCRIPTS = {
    "ru": "Cyrl", "uk": "Cyrl", "be": "Cyrl", "bg": "Cyrl", "mk": "Cyrl", "sr": "Cyrl",
    "kk": "Cyrl", "ky": "Cyrl", "mn": "Cyrl", "tg": "Cyrl", "tt": "Cyrl", "ba": "Cyrl",
    "el": "Grek", "hy": "Armn", "ka": "Geor", "he": "Hebr", "yi": "Hebr", "ar": "Arab",
    "fa": "Arab", "ur": "Arab", "ps": "Arab", "hi": "Deva", "mr": "Deva", "ne": "Deva",
    "sa": "Deva", "bn": "Beng", "pa": "Guru", "gu": "Gujr", "ta": "Taml", "te": "Telu",
    "kn": "Knda", "ml": "Mlym", "si": "Sinh", "th": "Thai", "lo": "Laoo", "km": "Khmr",
    "my": "Mymr", "bo": "Tibt", "am": "Ethi", "zh": "Hani", "ja": "Jpan", "ko": "Kore",
}

# Languages written in one script only, so text in another script is not theirs. Languages
# written in two scripts (Serbian, Uzbek, Azerbaijani, Kazakh, ...) are left out on purpose.
_ONE_SCRIPT = frozenset(
    {"ru", "uk", "be", "bg", "mk", "el", "hy", "ka", "he", "ar", "fa", "hi", "th", "zh", "ja",
     "ko", "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "fi", "pl", "cs",
     "sk", "sl", "hu", "ro", "et", "lv", "lt", "ga", "ca", "eu", "is", "id", "vi"}
)

# English names for messages; codes not listed are shown as the code.
NAMES = {
    "ru": "Russian", "en": "English", "de": "German", "fr": "French", "uk": "Ukrainian",
    "be": "Belarusian", "bg": "Bulgarian", "sr": "Serbian", "pl": "Polish", "cs": "Czech",
    "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish",
    "fi": "Finnish", "hu": "Hungarian", "ro": "Romanian", "tr": "Turkish", "el": "Greek",
    "he": "Hebrew", "ar": "Arabic", "fa": "Persian", "hi": "Hindi", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "ka": "Georgian", "hy": "Armenian", "kk": "Kazakh",
    "mn": "Mongolian", "vi": "Vietnamese", "th": "Thai", "la": "Latin",
}

# Languages that write 2.5 and 1,000 (the rest write 2,5 and 1 000 / 1.000).
_DECIMAL_POINT = frozenset({"en", "zh", "ja", "ko", "he", "hi", "th", "ms", "tl", "ga", "mt"})

# Entries added at run time by ``register_language``; they take precedence over ``_MODULES``.
_REGISTERED: dict[str, Language] = {}

_CHARACTER_TOKENIZED = frozenset({"zh", "ja", "yue", "wuu"})

_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def base_code(code: str) -> str:
    """The lowercase primary subtag of a language tag (``en-GB`` → ``en``).

    :raises InputError: the tag is not an ISO 639 code (two or three letters, then subtags).
    """
    match = _CODE.match(code.strip()) if isinstance(code, str) else None
    if match is None:
        raise InputError(
            f"unknown language code {code!r}: expected an ISO 639-1 code such as 'ru' or 'en'"
        )
    return match.group(1).lower()


@lru_cache(maxsize=None)
def get_language(code: str) -> Language:
    """The registry entry for ``code`` (a full entry for ru/en/de/fr, a generic one otherwise).

    :raises InputError: ``code`` is not a well-formed language code.
    """
    base = base_code(code)
    if base in _REGISTERED:
        return _REGISTERED[base]
    module = _MODULES.get(base)
    if module is not None:
        return importlib.import_module(module).LANGUAGE
    return _generic(base)


def registered_codes() -> tuple[str, ...]:
    """Codes with a full entry (abbreviations, stopwords, month names), sorted."""
    return tuple(sorted(set(_MODULES) | set(_REGISTERED)))


def register_language(language: Language) -> None:
    """Add a full entry for ``language.code`` (one call adds a language to every stage).

    Register before the code is first used: stages that cache per code (number grammar) would
    otherwise keep the generic entry they saw first.

    :raises ValueError: the code is not a bare lowercase ISO 639 code, or already has a full entry.
    """
    code = language.code
    if not isinstance(code, str) or re.fullmatch(r"[a-z]{2,3}", code) is None:
        raise ValueError(f"register a bare lowercase ISO 639 code, not {code!r}")
    if code in _MODULES or code in _REGISTERED:
        raise ValueError(f"language {code!r} already has a full entry")
    _REGISTERED[code] = language
    get_language.cache_clear()


def unregister_language(code: str) -> None:
    """Remove an entry added by ``register_language`` (the generic entry serves the code again).

    :raises ValueError: ``code`` was not added by ``register_language``.
    """
    if code not in _REGISTERED:
        raise ValueError(f"language {code!r} was not added by register_language")
    del _REGISTERED[code]
    get_language.cache_clear()


def has_single_script(code: str) -> bool:
    """True when the language is written in one script only (so another script is not it)."""
    # A registered entry names one script, and is taken at its word.
    return code in _ONE_SCRIPT or code in _REGISTERED


def language_name(code: str) -> str:
    """English name of a language code for messages (``ru`` → ``Russian``), else the code."""
    if code in _REGISTERED:
        return _REGISTERED[code].name
    return NAMES.get(code, code)


def _generic(code: str) -> Language:
    algorithm = SNOWBALL.get(code)
    lemmatizer: Lemmatizer = SnowballStemmer(algorithm) if algorithm else LowercaseLemmatizer()
    tokenizer: Tokenizer = CjkTokenizer() if code in _CHARACTER_TOKENIZED else WordTokenizer()
    return Language(
        code=code,
        name=language_name(code),
        script=_SCRIPTS.get(code, "Latn"),
        splitter=SentencexSplitter(),
        tokenizer=tokenizer,
        lemmatizer=lemmatizer,
        decimal_comma=code not in _DECIMAL_POINT,
    )
