"""The ``Language`` record: everything language-specific that the text and alignment stages use.

A ``Language`` bundles one sentence splitter, one word tokenizer, one lemmatizer (or stemmer)
and the word lists the merge pass, the number normalizer and the language guesser read. It
holds no state of its own: heavy libraries (razdel, sentencex, pymorphy3, PyStemmer) are
imported by its parts on first use, so building a ``Language`` is cheap.

Conventions: offsets are character offsets into the string passed in, spans half-open
``[start, end)``. Word lists are lowercase; an abbreviation is written without its final period
but with its inner ones (``"т.е"``, ``"i.e"``), and matches with or without spaces after the
inner periods (``т. е.``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from aligner.lang.lemmatizers import Lemmatizer
from aligner.lang.splitters import SentenceSplitter
from aligner.lang.tokenizers import Tokenizer

#: Scripts with upper and lower case: the merge pass reads capitals only in these.
CASED_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek", "Armn"})


@dataclass(frozen=True, slots=True)
class Language:
    """One language's segmentation, tokenization, lemmatization and word lists.

    :param code: ISO 639-1 code (``"ru"``), or ISO 639-3 where a language has no 639-1 code.
    :param script: ISO 15924 code of the usual script (``"Cyrl"``, ``"Latn"``, ``"Hani"``).
    :param abbreviations: abbreviations that never end a sentence (``тов``, ``cde``, ``mr``):
        a splitter boundary right after one is removed.
    :param final_abbreviations: abbreviations that may end a sentence (``etc``, ``hrs``,
        ``т.д``) or stand before a number (``No. 604``, ``p. 5``, ``Экз. № 1``): a boundary
        after one is removed only when what follows starts in lowercase, with a digit, ``№``
        or a Roman numeral.
    :param year_abbreviations: abbreviations of "year" written after a number (``1956 г.``):
        such a period ends a sentence only when a new sentence clearly starts after it.
    :param stopwords: very frequent function words, for language guessing and for telling a
        sentence start from a name after an initial.
    :param months: ``(form, month number)`` pairs, every inflected form in lowercase.
    :param roman_context: lowercase word stems after (or before) which a Roman numeral is read
        as a number (``съезд`` → ``XX съезд``); a word matches when it starts with the stem.
    :param time_words: lowercase words that mark ``16.00`` as a time of day (``hrs``, ``час``).
    :param ordinal_suffixes: lowercase suffixes that make a digit run an ordinal (``th``, ``го``).
    :param decimal_comma: the decimal mark is a comma (``2,5``) and a period or space groups
        thousands; otherwise the decimal mark is a period and a comma groups thousands.
    :param transliteration: lowercase letter → Latin string, for name keys; empty for Latin.
    """

    code: str
    name: str
    script: str
    splitter: SentenceSplitter
    tokenizer: Tokenizer
    lemmatizer: Lemmatizer
    abbreviations: frozenset[str] = frozenset()
    final_abbreviations: frozenset[str] = frozenset()
    year_abbreviations: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    months: tuple[tuple[str, int], ...] = ()
    roman_context: tuple[str, ...] = ()
    time_words: frozenset[str] = frozenset()
    ordinal_suffixes: tuple[str, ...] = ()
    decimal_comma: bool = True
    transliteration: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def is_cased(self) -> bool:
        """True when the script distinguishes capitals (Latin, Cyrillic, Greek, Armenian)."""
        return self.script in CASED_SCRIPTS

    def split_sentences(self, paragraph: str) -> list[tuple[int, int]]:
        """Sentence spans ``(start, end)`` within ``paragraph``, as the library splitter sees them.

        These are raw library boundaries; ``aligner.text.segment`` corrects them (archival
        abbreviations, initials, editorial brackets).
        """
        return self.splitter.split(paragraph, self.code)

    def splitter_signature(self) -> str:
        """Name and version of the sentence splitter, e.g. ``razdel-0.5.0``."""
        return self.splitter.signature()

    def tokenize(self, text: str) -> list[tuple[int, int, str]]:
        """Word tokens ``(start, end, token)``; punctuation and spaces are not tokens."""
        return self.tokenizer.tokenize(text)

    def words(self, text: str) -> list[str]:
        """The word tokens of ``text`` as strings (``tokenize`` without offsets, faster)."""
        words = getattr(self.tokenizer, "words", None)
        if words is None:
            return [token for _, _, token in self.tokenizer.tokenize(text)]
        return words(text)

    def lemmatize(self, word: str) -> str:
        """The lemma (Russian: pymorphy3) or stem (Snowball) of one word, in lowercase."""
        return self.lemmatizer.lemmatize(word)

    def lemmatizer_signature(self) -> str:
        """Name and version of the lemmatizer, e.g. ``pymorphy3-2.0.6``."""
        return self.lemmatizer.signature()

    def transliterate(self, text: str) -> str:
        """Latin transliteration of ``text`` (capitals kept); identity for Latin-script languages."""
        if not self.transliteration:
            return text
        table = _table(self.transliteration)
        out = []
        for ch in text:
            low = ch.lower()
            latin = table.get(low)
            if latin is None:
                out.append(ch)
            elif ch != low:
                out.append(latin[:1].upper() + latin[1:])
            else:
                out.append(latin)
        return "".join(out)


@lru_cache(maxsize=32)
def _table(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(pairs)
