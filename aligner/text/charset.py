"""Guessing the legacy 8-bit encoding of a text that is not UTF-8.

Russian archival texts come as cp1251 (Windows), KOI8-R (Unix, e-mail) or cp866 (DOS); Western
texts as cp1252. Every byte decodes in most of these, so the choice is by plausibility: each
candidate decoding gets a cost (lower is better), in nats, summed over units:

- a word of Cyrillic letters costs ``-ln p(b | a)`` for each letter bigram (word start and end
  as ``^``/``$``), from a Russian bigram model (``_COSTS``); a wrong decoding scrambles the
  alphabet, so its bigrams are improbable, and the model tells all-capitals text (common in
  cables: ``СЕКРЕТНО``) from its KOI8-R/cp1251 mirror image (``уелтефоп``), which is lowercase;
- a word with an impossible case pattern (``пРИВЕТ``: cp1251 read as KOI8-R), a word mixing
  Cyrillic and Latin letters (``fьr``), a word of accented Latin letters only (``Ïðèâåò``:
  Russian read as cp1252), and a non-ASCII symbol other than common punctuation (box drawing,
  ``®``, ``¤``, control characters) cost ``UNLIKELY``;
- a Latin word with ASCII letters costs ``LATIN`` per letter, as plausible Western text.

Candidates are tried most common first (``CANDIDATES``) and a later one must cost at least
``PRIOR_NATS`` less to win, so that a few ambiguous words keep the common encoding. A text of at
least ``MIN_UNITS`` units whose best mean cost exceeds ``MAX_MEAN_COST`` is undecodable.

charset-normalizer was tried and left out: on short Russian texts it answers big5, cp932 or
shift_jis for cp1251 and KOI8-R input.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

#: Legacy encodings tried, most common first.
CANDIDATES = ("cp1251", "koi8-r", "cp1252", "cp866")
#: A later candidate must cost this many nats less than the best so far (prior odds ~400:1).
PRIOR_NATS = 6.0
#: Cost of a unit no correct decoding produces (an unseen bigram costs about as much).
UNLIKELY = 15.0
#: Cost per letter of a plausible Latin word (near the mean cost of a Russian bigram).
LATIN = 7.0
#: Undecodable: at least this many units and a best mean cost above this (random bytes cost
#: ~14; real Russian text ~7, all-capitals cables ~7.5, texts of acronyms ~9).
MIN_UNITS = 30
MAX_MEAN_COST = 11.0
#: Bytes scored per candidate: plenty of evidence, and cheap on a 64 MB input.
SAMPLE_BYTES = 64 * 1024
#: Share of bytes undefined in the chosen encoding (after the sample) that is replaced.
MAX_UNDEFINED_SHARE = 1e-4

logger = logging.getLogger("aligner.text.charset")

# Bigram costs of Russian: row = first symbol in _ROWS, column = second symbol in _COLUMNS,
# each a hex digit: round(-ln((count + 0.5) / total)), capped at 15. Counted over the words of
# the Russian texts in ../shared/eval/dev (Synodal Bible and the UDHR, 1.06 million bigrams,
# "ё" read as "е"); "^" is a word start, "$" a word end.
_ROWS = "^абвгдежзийклмнопрстуфхцчшщъыьэюя"
_COLUMNS = "абвгдежзийклмнопрстуфхцчшщъыьэюя$"
_COSTS = (
    "654555664d565454645586759cfff796f",
    "97577776876566a7666aa7b779ffff774",
    "899fb6fd7fc7b95f6af7fbffcaa6aff78",
    "5c9b85f86fa7985976a7f9bb7cf68ff75",
    "7fcd68ff7fc8f85f7cf8fffbbfffffff7",
    "5b7fa5fc6f97c66a7996fc8b9cb78ff77",
    "c6656777867555985559979778ffff884",
    "7bfc76cf6fbdf8cfadf9fffaffffbfff9",
    "587978ca9fb7978f8cf8ffcfdfa79ff86",
    "87686686676556787558967878ffff764",
    "ffff7fffffffb9dff77fffaf9fffffff5",
    "5f9ff89f6ff8f85f7977fdffbfffffff6",
    "5fc9b68f5f99a85cf7d7bbfacff76f775",
    "7fddf6fc6fa8b66db9f6afdbfdf79ff85",
    "5ff8a5ff5faff65fd997bc9af9f67fa76",
    "86555667767665a75559a8a779fffc784",
    "6ffff6ff7fb7fa595a97cfcfbdfaaff8a",
    "598985895f9aa859b886babb9df78f877",
    "696c85bc6f6677669856c89a9fc76fa66",
    "5f6f95ff6f99b8486797ba88bac75ff85",
    "d8776978c9887af8a67fc7c778ffff795",
    "8ffff8ff8ffcffafbbfbbffffffdfffcb",
    "8f9ffaff8ff9cb6f7af9cfffcfffffff5",
    "7fbff7ffbfffff9ffff9fffffff9ffff8",
    "6ffff6ff6fbaf8bfaf68ffffafff9fffa",
    "7ffff6ff6fb7f89ffff9ffcfffff8fff9",
    "8fdff7ff7ffffaffcff9ffffffffbfffc",
    "fffffbffcffffffffffffffffffffffaf",
    "fa7ba7cac79777fa988ff7f87cffffcf5",
    "ffdba9facf8f88fff79fffbf9affff895",
    "ffcffffffffcdcfcff7fdfffffffffffc",
    "f8fc8fbdfffcfaffda8ffffaf7ffffbf6",
    "ff8b98a8ba8778ffb86ff9a9c7ffff995",
)
# Bigrams frequent in modern political prose but rare in the Bible, with costs estimated
# from their share in a sample of Soviet-era memoranda: организация, делегация (ци, ац),
# съезд, объявить (съ, ъе, бъ), информация, реформа (нф, фо, рм), агент (нт).
_MODERN = {"ци": 7.0, "ац": 7.0, "съ": 8.0, "ъе": 7.0, "ъя": 9.0, "бъ": 8.0, "нт": 7.0,
           "рг": 8.0, "нф": 9.0, "фо": 8.0, "рм": 8.0}
_COST = {
    a + b: min(float(int(_COSTS[i][j], 16)), _MODERN.get(a + b, UNLIKELY))
    for i, a in enumerate(_ROWS)
    for j, b in enumerate(_COLUMNS)
}
# Non-ASCII punctuation that correct Russian and Western texts use; any other non-ASCII
# symbol (®, ¢, ¥, ¤, a lone diaeresis, box drawing, ...) marks a wrong decoding.
_PUNCTUATION = frozenset("«»„“”‘’‚—–…№•·°§\u00a0\u00ad")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One decoding of the bytes with its total cost (nats) over ``units`` units."""

    encoding: str
    text: str
    cost: float
    units: int

    @property
    def mean_cost(self) -> float:
        return self.cost / self.units if self.units else 0.0


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _case_ok(word: str) -> bool:
    """``word``, ``Word`` and ``WORD`` are plausible; ``wORD`` or ``WoRd`` are not."""
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def _words(text: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch.isalpha():
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def text_cost(text: str) -> tuple[float, int]:
    """Total cost in nats and number of units of a decoded text (see the module docstring)."""
    cost = 0.0
    units = 0
    for word in _words(text):
        cyrillic = sum(1 for ch in word if _is_cyrillic(ch))
        if cyrillic == len(word) and _case_ok(word):
            low = "^" + word.lower().replace("ё", "е") + "$"
            for a, b in zip(low, low[1:]):
                cost += _COST.get(a + b, UNLIKELY)
                units += 1
        elif cyrillic:
            cost += UNLIKELY * len(word)  # odd case pattern, or Cyrillic mixed with Latin
            units += len(word)
        elif word.isascii() or (any(ch.isascii() for ch in word) and _case_ok(word)):
            cost += LATIN * len(word)  # Congress, für, café
            units += len(word)
        else:
            cost += UNLIKELY * len(word)  # Ïðèâåò: accented Latin letters only
            units += len(word)
    for ch in text:
        if not ch.isascii() and not ch.isalpha() and not ch.isspace() and ch not in _PUNCTUATION:
            cost += UNLIKELY
            units += 1
    return cost, units


def _choose(sample: bytes, order: tuple[str, ...]) -> Candidate | None:
    best: Candidate | None = None
    for encoding in order:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidate = Candidate(encoding, text, *text_cost(text))
        if best is None or best.cost - candidate.cost >= PRIOR_NATS:
            best = candidate
    return best


def guess_legacy_encoding(raw: bytes, prefer_cyrillic: bool = True) -> Candidate | None:
    """The most plausible legacy decoding of ``raw``, or ``None`` when none is plausible.

    Candidates are scored on the first ``SAMPLE_BYTES`` bytes; the winner must then decode the
    whole input (cp1251 leaves 0x98 undefined, cp1252 five bytes). A stray undefined byte (at
    most ``MAX_UNDEFINED_SHARE`` of all) becomes U+FFFD, with a warning logged, rather than
    turning the whole text into another encoding's mojibake; more, and the next one is tried.

    :param prefer_cyrillic: the text's language is written in Cyrillic (the default, for our
        Russian originals); otherwise cp1252 is tried first.
    """
    order = CANDIDATES if prefer_cyrillic else ("cp1252", "cp1251", "koi8-r", "cp866")
    sample = raw[:SAMPLE_BYTES]
    while order:
        best = _choose(sample, order)
        if best is None or (best.units >= MIN_UNITS and best.mean_cost > MAX_MEAN_COST):
            return None
        if len(raw) == len(sample):
            return best
        text = raw.decode(best.encoding, errors="replace")
        # No byte decodes to U+FFFD in these codecs, so each one marks an undefined byte.
        undefined = text.count("\ufffd")
        if undefined <= MAX_UNDEFINED_SHARE * len(raw):
            if undefined:
                logger.warning("%d bytes undefined in %s replaced by U+FFFD", undefined,
                               best.encoding)
            return Candidate(best.encoding, text, best.cost, best.units)
        order = tuple(e for e in order if e != best.encoding)
    return None
