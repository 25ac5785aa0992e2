"""Per-language glossary forms: which surface forms a glossary form stands for, and token keys.

Matching compares *keys*: a text token and a glossary token match when their keys are equal
and the language accepts the text word as the glossary word or one of its inflections
(``word_rank``). Every language folds case and ``ё``; then

- Russian (``ru``) expands each glossary form into all its inflected forms
  (``aligner.glossary.inflection``) and keys tokens by folding only;
- a language with a Snowball stemmer (PyStemmer: English, German, French, ...) keys tokens by
  their stem, so ``plenums``/``plenum``, ``Committees``/``Committee``, ``Workers'``/``Worker's``
  share a key. A stem is shared by derivations too (``interpreted``/``interpreter``,
  ``factionalism``/``faction``, ``reported``/``report``), so English (``EnglishForms``) accepts
  a text word with the glossary word's stem only when it is that word as written or the word
  plus a plural ending (``-s``, ``-es``, ``-y`` → ``-ies``; possessives are already dropped by
  the tokenizer); other Snowball languages accept any word with the stem. English glossary
  forms ending in Latin ``-um`` also get their ``-a`` plural (``plenum`` → ``plena``,
  ``presidium`` → ``presidia``), which no stemmer conflates;
- any other language keys tokens by folding only.

One ``LanguageForms`` object per language is built once (``forms_for``); adding a language is
a new entry in ``SNOWBALL_ALGORITHMS`` or one new class, not a new branch in the matcher.
"""

from __future__ import annotations

import functools
from typing import Any, Protocol

from aligner.glossary.inflection import RANK_INFLECTED, RANK_WRITTEN, inflect_form_ranked
from aligner.glossary.tokens import split_tokens

# ISO 639-1 code → PyStemmer (Snowball) algorithm name.
SNOWBALL_ALGORITHMS: dict[str, str] = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "et": "estonian", "eu": "basque",
    "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi", "hu": "hungarian",
    "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian", "ne": "nepali",
    "nl": "dutch", "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}

# Latin neuter plurals used in English translations of Soviet documents (plena, presidia,
# memoranda); a word must be at least this long so that ``drum``/``sum`` are left alone.
LATIN_UM_MIN_LENGTH = 5
ENGLISH_VOWELS = "aeiou"


class LanguageForms(Protocol):
    """What the matcher needs from a language."""

    lang: str
    # True when a key is the folded spelling itself, so equal keys never need ``word_rank``.
    exact_keys: bool

    def expand(self, form: str, category: str) -> dict[str, int]:
        """The surface forms a glossary form stands for, each with its rank
        (``inflection.RANK_*``: 0 = as written), the form itself first."""
        ...

    def keys(self, folded_tokens: list[str]) -> list[str]:
        """Match keys for case-folded tokens (``tokens.fold_token``), one per token."""
        ...

    def word_rank(self, text_word: str, glossary_word: str) -> int | None:
        """For two case-folded tokens with equal keys: ``RANK_WRITTEN`` when the text spells
        the glossary word, ``RANK_INFLECTED`` when it is an inflection of it, None when it is
        another word that merely shares the key (a derivation)."""
        ...


class RussianForms:
    """Russian: glossary forms are inflected up front, tokens are keyed by folding only."""

    exact_keys = True

    def __init__(self, lang: str = "ru"):
        self.lang = lang

    def expand(self, form: str, category: str) -> dict[str, int]:
        return inflect_form_ranked(form, category) or {form: RANK_WRITTEN}

    def keys(self, folded_tokens: list[str]) -> list[str]:
        return folded_tokens

    def word_rank(self, text_word: str, glossary_word: str) -> int | None:
        return RANK_WRITTEN  # equal keys are equal spellings


class StemmedForms:
    """A Snowball language: tokens are keyed by their stem."""

    exact_keys = False

    def __init__(self, lang: str, algorithm: str):
        import Stemmer

        self.lang = lang
        self._stemmer: Any = Stemmer.Stemmer(algorithm)

    def expand(self, form: str, category: str) -> dict[str, int]:
        return {form: RANK_WRITTEN}

    def keys(self, folded_tokens: list[str]) -> list[str]:
        return self._stemmer.stemWords(folded_tokens)

    def word_rank(self, text_word: str, glossary_word: str) -> int | None:
        return RANK_WRITTEN if text_word == glossary_word else RANK_INFLECTED


class EnglishForms(StemmedForms):
    """English: keyed by Snowball stem, but a word sharing the stem must be the glossary word
    or its plural (``plenums``, ``ministries``, ``congresses``), never a derivation
    (``interpreted`` is not ``interpreter``, ``factionalism`` not ``faction``, ``report`` not
    ``reported``)."""

    def __init__(self, lang: str = "en"):
        super().__init__(lang, SNOWBALL_ALGORITHMS["en"])

    def expand(self, form: str, category: str) -> dict[str, int]:
        expanded = {form: RANK_WRITTEN}
        expanded.update((plural, RANK_INFLECTED) for plural in _latin_plurals(form))
        return expanded

    def word_rank(self, text_word: str, glossary_word: str) -> int | None:
        if text_word == glossary_word:
            return RANK_WRITTEN
        if text_word in english_plurals(glossary_word):
            return RANK_INFLECTED
        return None


def english_plurals(word: str) -> tuple[str, ...]:
    """Regular plural spellings of an English (case-folded) word: ``+s``, ``+es``, and
    ``-y`` → ``-ies`` after a consonant (``ministry`` → ``ministries``)."""
    plurals = [word + "s", word + "es"]
    if len(word) > 2 and word.endswith("y") and word[-2] not in ENGLISH_VOWELS:
        plurals.append(word[:-1] + "ies")
    return tuple(plurals)


class PlainForms:
    """Any other language: tokens are keyed by folding only."""

    exact_keys = True

    def __init__(self, lang: str):
        self.lang = lang

    def expand(self, form: str, category: str) -> dict[str, int]:
        return {form: RANK_WRITTEN}

    def keys(self, folded_tokens: list[str]) -> list[str]:
        return folded_tokens

    def word_rank(self, text_word: str, glossary_word: str) -> int | None:
        return RANK_WRITTEN  # equal keys are equal spellings


def _latin_plurals(form: str) -> tuple[str, ...]:
    """``plenum`` → ``plena`` for the last word of an English form (the head noun)."""
    tokens = split_tokens(form)
    if not tokens:
        return ()
    last = tokens[-1]
    if len(last) >= LATIN_UM_MIN_LENGTH and last.lower().endswith("um") and last[:-2].isalpha():
        position = form.rfind(last)
        plural = last[:-2] + ("A" if last.isupper() else "a")
        return (form[:position] + plural + form[position + len(last):],)
    return ()


@functools.cache
def forms_for(lang: str) -> LanguageForms:
    """The ``LanguageForms`` for a language code (built once per process)."""
    if lang == "ru":
        return RussianForms(lang)
    if lang == "en":
        return EnglishForms(lang)
    algorithm = SNOWBALL_ALGORITHMS.get(lang)
    if algorithm is not None:
        return StemmedForms(lang, algorithm)
    return PlainForms(lang)
