"""Lemmatizers and stemmers: ``lemmatize(word) -> str`` in lowercase, and ``signature()``.

- ``PymorphyLemmatizer``: Russian dictionary lemmas from pymorphy3 (``Ким Ир Сена`` → ``сена``
  word by word, ``пленума`` → ``пленум``). One ``MorphAnalyzer`` is shared by the process and
  built on the first call (it loads a ~15 MB dictionary); results are cached per unique word.
  The first parse is taken (pymorphy3 orders parses by probability). ``ё`` is folded to ``е`` so
  that texts with and without ``ё`` give the same lemmas.
- ``SnowballStemmer``: PyStemmer's Snowball stemmers (English, German, French, ... ~30
  languages); stems, not lemmas, which is what matching and queries need.
- ``LowercaseLemmatizer``: the fallback for languages with neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar, Protocol

from aligner.lang.splitters import _version

# Large enough for the vocabulary of a big corpus batch; each entry is two short strings.
_CACHE_WORDS = 1 << 18


class Lemmatizer(Protocol):
    """Maps one word to its lemma or stem."""

    def lemmatize(self, word: str) -> str: ...

    def signature(self) -> str: ...


@lru_cache(maxsize=1)
def _morph_analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=_CACHE_WORDS)
def _russian_lemma(word: str) -> str:
    parses = _morph_analyzer().parse(word)
    lemma = parses[0].normal_form if parses else word
    return lemma.replace("ё", "е")


@dataclass(frozen=True, slots=True)
class PymorphyLemmatizer:
    """Russian lemmas from pymorphy3."""

    #: ~80 µs a form in Python: worth a second process for a long text (``lemma_jobs``).
    pure_python: ClassVar[bool] = True

    def lemmatize(self, word: str) -> str:
        # ё is folded after parsing: pymorphy3 reads "всё" (весь) and "все" differently.
        return _russian_lemma(word.lower()) if word else word

    def signature(self) -> str:
        return f"pymorphy3-{_version('pymorphy3')}"


@lru_cache(maxsize=None)
def _stemmer(algorithm: str) -> Any:
    """PyStemmer's stemmer, or ``None`` when the installed PyStemmer lacks the algorithm
    (older releases have no Czech, Estonian, Persian, Polish, ...)."""
    import Stemmer

    if algorithm not in Stemmer.algorithms():
        return None
    return Stemmer.Stemmer(algorithm)


@dataclass(frozen=True, slots=True)
class SnowballStemmer:
    """A Snowball stemmer from PyStemmer, e.g. ``SnowballStemmer("english")``."""

    algorithm: str

    def lemmatize(self, word: str) -> str:
        stemmer = _stemmer(self.algorithm)
        return stemmer.stemWord(word.lower()) if stemmer is not None else word.lower()

    def signature(self) -> str:
        return f"snowball-{self.algorithm}-{_version('PyStemmer')}"


@dataclass(frozen=True, slots=True)
class LowercaseLemmatizer:
    """Lowercase only: for languages without a lemmatizer or stemmer."""

    def lemmatize(self, word: str) -> str:
        return word.lower()

    def signature(self) -> str:
        return "lowercase"
