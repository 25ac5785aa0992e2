"""Text normalization: one canonical form of a decoded text, which every span points into.

``normalize_text`` does, in order:

1. line breaks: CRLF, CR, NEL (U+0085), LS/PS (U+2028/9), VT and FF become ``\\n``;
2. invisible characters: control characters other than ``\\n`` and TAB are removed, TAB and
   every other space separator (NBSP, thin space, ...) become a plain space, and BOM / zero
   width space / word joiner (U+FEFF, U+200B, U+2060) and lone surrogates are removed. ZWJ and
   ZWNJ (U+200C/D) and bidirectional marks are kept: they carry meaning in Persian, Indic
   scripts and emoji, and they never break a sentence;
3. soft hyphens (U+00AD) are removed, joining a word broken across a line at one;
4. Unicode NFC;
5. words hyphenated across a line break are rejoined: ``комму-\\nнист`` → ``коммунист`` when
   the next line starts in lowercase, unless the pieces form a known compound
   (``self-\\ncriticism`` → ``self-criticism``, ``что-\\nто`` → ``что-то``), which keeps its
   hyphen and loses only the break; a break next to a digit (``1955-\\n1956``, ``5-\\nго``)
   keeps the hyphen too; a capital after the break (``Ким Ду-\\nБон``) marks a real compound
   and also keeps it;
6. trailing spaces on every line are removed, runs of blank lines become one blank line, and
   blank lines at the start and whitespace at the end of the text are removed.

The result is deterministic and idempotent: ``normalize_text(normalize_text(x)) ==
normalize_text(x)``. It leaves out what would lose information a reader needs: quotes, dashes,
letter case and ``ё`` are kept as written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from aligner.text.charclass import class_body

# Line separators other than \n (step 1). \r\n first so that it becomes one break.
_LINE_BREAKS = re.compile("\r\n|[\r\u0085\u2028\u2029\x0b\x0c]")

# Invisible characters removed outright (step 2): BOM/ZWNBSP, zero-width space, word joiner,
# Mongolian vowel separator (a format character since Unicode 6.3).
_INVISIBLE = frozenset("\ufeff\u200b\u2060\u180e")

_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ ]*\n[ ]*")

# A hyphen (ASCII, U+2010 hyphen, U+2011 non-breaking hyphen) between a letter or digit at the
# end of one line and a letter or digit at the start of the next. Lookarounds leave both words
# unconsumed so that a word broken twice (``a-\nb-\nc``) is handled in one pass.
_LINE_HYPHEN = re.compile(r"(?<=[^\W_])[-\u2010\u2011][ ]*\n[ ]*(?=[^\W_])")

_TRAILING_SPACES = re.compile(r"[ ]+(?=\n)|[ ]+\Z")
_BLANK_RUNS = re.compile(r"\n{3,}")

# Known compounds broken at their hyphen (step 5): the left piece is a whole first element...
_COMPOUND_LEFT = frozenset(
    {
        # English prefixes that always take a hyphen before a word
        "self", "non", "ex", "well", "anti", "semi", "quasi", "intra", "all", "half", "vice",
        # Russian: кое-что, кой-кто; во-первых ...; Russian "пол-" (пол-литра) is too ambiguous
        "кое", "кой",
    }
)
# ... or the right piece is a particle after a pronoun or adverb (что-то, кто-либо, как-нибудь).
_RU_PARTICLES = frozenset({"то", "либо", "нибудь", "таки"})
_RU_PRONOUN = re.compile(r"(?i)^(?:кт|чт|гд|куд|когд|как|чь|чей|чья|чье|почему|зачем|откуд|сколь)")
# по-русски, по-моему, во-первых.
_RU_PO = re.compile(
    r"(?i)^(?:\w+(?:ски|цки|ьи)|моему|твоему|своему|нашему|вашему|прежнему|видимому|новому|"
    r"другому|иному|старому|хорошему|всякому|разному|настоящему)$"
)
_RU_VO = re.compile(r"(?i)^(?:первых|вторых|третьих|четвертых|четвёртых|пятых|шестых)$")


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum()):
        start -= 1
    return text[start:end]


def _word_after(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _is_compound(left: str, right: str) -> bool:
    low_left, low_right = left.lower(), right.lower()
    if low_left in _COMPOUND_LEFT:
        return True
    if low_right in _RU_PARTICLES and _RU_PRONOUN.match(low_left):
        return True
    if low_left == "по" and _RU_PO.match(low_right):
        return True
    return low_left in ("во", "в") and bool(_RU_VO.match(low_right))


def _rejoin(match: re.Match[str]) -> str:
    text = match.string
    left_char, right_char = text[match.start() - 1], text[match.end()]
    hyphen = match.group()[0]
    if left_char.isdigit() or right_char.isdigit():
        return hyphen
    left = _word_before(text, match.start())
    right = _word_after(text, match.end())
    if _is_compound(left, right) or right_char.isupper():
        return hyphen
    if right_char.islower() and left_char.isalpha():
        return ""
    # Uncased scripts (CJK, Arabic, ...): a line-final hyphen tells nothing; leave it as written.
    return match.group()


def _build_table() -> dict[int, str | None]:
    """``str.translate`` table for step 2 (a C loop, fast on 64 MB inputs).

    Every control (Cc), surrogate (Cs) and space separator (Zs) code point lies in the BMP.
    """
    table: dict[int, str | None] = {ord(ch): None for ch in _INVISIBLE}
    for cp in range(0x10000):
        if cp == 0x0A:
            continue
        category = unicodedata.category(chr(cp))
        if cp == 0x09 or category == "Zs":
            table[cp] = " "
        elif category in ("Cc", "Cs"):
            table[cp] = None
    return table


@lru_cache(maxsize=1)
def _clean_tables() -> tuple[dict[int, str | None], re.Pattern[str]]:
    """The step-2 table and a pattern of the characters it changes, built together on first use.

    One cached function (not two module globals set in turn) so that a thread never sees the
    table without its pattern: documents are normalized in Dask worker threads.
    """
    table = _build_table()
    # The characters translate() would change (it maps the plain space to itself).
    pattern = re.compile(f"[{class_body(cp for cp in table if cp != 0x20)}]")
    return table, pattern


def _clean(text: str) -> str:
    table, to_clean = _clean_tables()
    # Most texts hold none of them: a regex search is far cheaper than translate's per-character
    # table lookups on a non-ASCII text.
    if to_clean.search(text) is None:
        return text
    return text.translate(table)


# A hyphen before a line break: without one there is nothing for ``_LINE_HYPHEN`` to rejoin.
_HYPHEN_BREAK = re.compile("[-\u2010\u2011][ ]*\n")


def _strip_trailing_spaces(text: str) -> str:
    if " \n" not in text and not text.endswith(" "):
        return text
    return _TRAILING_SPACES.sub("", text)


def _rejoin_lines(text: str) -> str:
    # A join can make a longer left word for the next break (``ко-\nе-\n...``), which may then
    # read as a compound; repeating until nothing changes keeps the function idempotent.
    if _HYPHEN_BREAK.search(text) is None:
        return text
    while True:
        joined = _LINE_HYPHEN.sub(_rejoin, text)
        if joined == text:
            return text
        text = joined


def normalize_text(raw: str) -> str:
    """The canonical form of a decoded text (see the module docstring for every step)."""
    text = _clean(_LINE_BREAKS.sub("\n", raw))
    if "\u00ad" in text:
        text = _SOFT_HYPHEN_BREAK.sub("", text).replace("\u00ad", "")
    text = unicodedata.normalize("NFC", text)
    text = _strip_trailing_spaces(text)
    text = _rejoin_lines(text)
    # Rejoining can bring a base letter next to a combining sequence: compose again.
    text = unicodedata.normalize("NFC", text)
    text = _strip_trailing_spaces(text)
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.lstrip("\n").rstrip()
