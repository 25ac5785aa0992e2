"""The one normalizer of numbers, dates and document numbers, shared by anchors, flags and term checks.

``extract_numbers(text, lang)`` returns language-neutral tokens in text order, so that a
sentence and its translation give equal tokens:

| written | token |
| --- | --- |
| ``1 000``, ``1,000`` (en), ``1.000`` (ru/de/fr) | ``1000`` |
| ``2,5`` (ru/de/fr), ``2.5`` (en) | ``2.5`` |
| ``22 сентября 1956 г.``, ``22 September 1956``, ``September 22, 1956``, ``22.09.1956``, ``22.IX.56`` | ``1956-09-22`` |
| ``22 сентября``, ``22 September``, ``the 24th of September`` | ``--09-22`` |
| ``в сентябре 1956 г.``, ``September 1956`` | ``1956-09`` |
| ``1956 г.``, ``1956`` | ``1956`` |
| ``№ 604``, ``No. 604``, ``N604``, ``Nr. 604`` | ``604`` (a document number is its number) |
| ``XX съезд``, ``XX Congress``, ``20th Congress``, ``20-й съезд`` | ``20`` |
| ``16.00 hrs.``, ``в 16.00 час.``, ``16:00`` | ``16:00`` |

Rules: digits of any script count (``٣`` is 3); leading zeros are dropped (``№ 012`` = ``12``);
signs are ignored (``604-609`` is a range: ``604``, ``609``); ordinal suffixes are dropped
(``23rd``, ``23-го``, ``1er``); a Roman numeral is read only next to a word that counts things
(``съезд``, ``Congress``, ``century``, ...: ``Language.roman_context``) or as the month of a
date, so ``CC`` or the pronoun ``I`` never become numbers. A space groups thousands only after a
first group of 1-3 digits followed by groups of exactly three (``22 300`` is one number,
``1956 200`` two). Two-digit years (``22.IX.56``) are read as 19xx: our material is Soviet-era.
Dates use the month names of the text's language (``Language.months``); a language without
them gives plain numbers. Word numbers (``twenty``) are out of scope.

Never raises on any string: malformed dates fall back to their plain numbers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from aligner.lang import Language, get_language

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_SPACES = " \u00a0\u202f\u2009"
# Words that may stand between a Roman numeral and the noun it counts ("XX Party Congress").
_ROMAN_GAP_WORDS = 2


def _digits(run: str) -> str:
    """A digit run of any script as ASCII digits without leading zeros."""
    ascii_digits = "".join(str(unicodedata.digit(ch, 0)) for ch in run)
    return ascii_digits.lstrip("0") or "0"


def roman_value(token: str) -> int | None:
    """The value of a canonical uppercase Roman numeral (``XIV`` → 14), else ``None``."""
    if not token or len(token) > 15 or any(ch not in _ROMAN_VALUES for ch in token):
        return None
    total = 0
    for i, ch in enumerate(token):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(token) and _ROMAN_VALUES[token[i + 1]] > value:
            total -= value
        else:
            total += value
    return total if 0 < total < 4000 and _to_roman(total) == token else None


def _to_roman(value: int) -> str:
    out = []
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


class _Grammar:
    """The compiled patterns of one language."""

    def __init__(self, language: Language):
        self.language = language
        self.months = {form: number for form, number in language.months}
        forms = sorted(self.months, key=len, reverse=True)
        if language.code == "en":
            # "may" and "march" are verbs unless capitalized.
            alternatives = [rf"(?i:{re.escape(f)})" for f in forms if f not in ("may", "march")]
            alternatives += ["May", "MAY", "March", "MARCH"]
        else:
            alternatives = [rf"(?i:{re.escape(f)})" for f in forms]
        month = (r"(?<![^\W\d_])(?:" + "|".join(alternatives) + r")(?![^\W\d_])\.?"
                 if forms else r"(?!x)x")
        ordinal = "|".join(re.escape(s) for s in sorted(language.ordinal_suffixes, key=len,
                                                          reverse=True))
        day_suffix = rf"(?:-?(?:{ordinal})(?![^\W\d_]))?" if ordinal else ""
        of = r"(?:\s+(?i:of|de|du))?"
        year = r"(?P<y>\d{4})(?!\d)"
        day = r"(?<!\d)(?P<d>\d{1,2})(?!\d)"
        roman_month = "|".join(reversed(_ROMAN_MONTHS))
        self.date = re.compile(
            # 22 сентября 1956, 22. September 1956, the 24th of September 1956
            rf"{day}{day_suffix}\.?\s*{of}\s*(?P<m>{month}),?\s*{year}"
            # September 22, 1956
            rf"|(?P<m2>{month})\s*(?<!\d)(?P<d2>\d{{1,2}})(?!\d){day_suffix},?\s+(?P<y2>\d{{4}})(?!\d)"
            # 22.09.1956, 22/09/1956
            rf"|(?<!\d)(?P<d3>\d{{1,2}})[./](?P<mo3>\d{{1,2}})[./](?P<y3>\d{{4}})(?!\d)"
            # 22.IX.1956, 22.IX.56, 22/IX-56
            rf"|(?<!\d)(?P<d4>\d{{1,2}})[./ -](?P<rm4>{roman_month})[./ -](?P<y4>\d{{4}}|\d{{2}})(?!\d)"
            # 22 сентября, 22 September, 24th of September
            rf"|{day.replace('<d>', '<d5>')}{day_suffix}\.?\s*{of}\s*(?P<m5>{month})"
            # September 22
            rf"|(?P<m6>{month})\s*(?<!\d)(?P<d6>\d{{1,2}})(?!\d){day_suffix}"
            # сентябре 1956, September 1956
            rf"|(?P<m7>{month}),?\s*(?P<y7>\d{{4}})(?!\d)"
        )
        time_words = "|".join(re.escape(w) for w in sorted(language.time_words, key=len,
                                                             reverse=True))
        self.time = re.compile(
            r"(?<!\d)(?P<h>\d{1,2}):(?P<min>\d{2})(?!\d)"
            + (rf"|(?<!\d)(?P<h2>\d{{1,2}})\.(?P<min2>\d{{2}})\s*(?i:{time_words})(?![^\W\d_])"
               if time_words else "")
        )
        # Only I, V, X and L: congresses, plenums, sessions and centuries stay below 90, and
        # C, D, M would read "CC" (Central Committee) or "MD" as numbers.
        self.roman = re.compile(r"(?<![^\W\d_])(?P<r>[IVXL]+)(?:-?[^\W\d_]{1,3})?(?![^\W\d_])")
        thousands = "[" + _SPACES + (".]" if language.decimal_comma else ",]")
        # In a comma-decimal language a period followed by other than three digits is a decimal
        # point too (2.5 in a Russian text).
        decimal = r"(?:,|\.)" if language.decimal_comma else r"\."
        self.number = re.compile(
            rf"(?<!\d)(?:\d{{1,3}}(?:{thousands}\d{{3}}(?!\d))+|\d+)(?:{decimal}\d+)?"
        )
        self.thousands_chars = set(_SPACES) | ({"."} if language.decimal_comma else {","})
        self.decimal_char = "," if language.decimal_comma else "."
        self.words = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=64)
def _grammar(code: str) -> _Grammar:
    return _Grammar(get_language(code))


def _month(grammar: _Grammar, written: str) -> int | None:
    return grammar.months.get(written.rstrip(".").lower())


def _date_token(grammar: _Grammar, match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups["d"] is not None:
        day, month, year = int(groups["d"]), _month(grammar, groups["m"]), groups["y"]
    elif groups["m2"] is not None:
        day, month, year = int(groups["d2"]), _month(grammar, groups["m2"]), groups["y2"]
    elif groups["d3"] is not None:
        day, month, year = int(groups["d3"]), int(groups["mo3"]), groups["y3"]
    elif groups["d4"] is not None:
        day, month = int(groups["d4"]), _ROMAN_MONTHS.index(groups["rm4"]) + 1
        year = groups["y4"] if len(groups["y4"]) == 4 else "19" + groups["y4"]
    elif groups["d5"] is not None:
        day, month, year = int(groups["d5"]), _month(grammar, groups["m5"]), None
    elif groups["m6"] is not None:
        day, month, year = int(groups["d6"]), _month(grammar, groups["m6"]), None
    else:
        month, year = _month(grammar, groups["m7"]), groups["y7"]
        if month is None:
            return None
        return f"{_digits(year)}-{month:02d}"
    if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{_digits(year)}-{month:02d}-{day:02d}"


def _number_token(grammar: _Grammar, written: str) -> str:
    integer, fraction = written, ""
    last = written.rfind(grammar.decimal_char)
    if last != -1:
        integer, fraction = written[:last], written[last + 1:]
    elif grammar.language.decimal_comma and "." in written:
        # A period that does not group thousands (2.5 in a Russian text) is a decimal point.
        head, _, tail = written.rpartition(".")
        if len(tail) != 3:
            integer, fraction = head, tail
    integer = "".join(ch for ch in integer if ch not in grammar.thousands_chars)
    digits = _digits(integer)
    fraction = _digits(fraction[::-1])[::-1] if fraction else ""
    fraction = "" if fraction == "0" else fraction
    return f"{digits}.{fraction}" if fraction else digits


def _roman_in_context(grammar: _Grammar, text: str, match: re.Match[str]) -> bool:
    """A counting noun follows (through capitalized words: ``XX Party Congress``) or precedes.

    A lone ``I`` is read only right before its noun (``I Congress``): it is the English pronoun
    far more often than a numeral.
    """
    context = grammar.language.roman_context
    if not context:
        return False
    if match.group("r") == "L" and match.end() - match.start() > 1 and text[match.start() + 1] != "-":
        # "L" with letters glued on is the French article "Le", never "50th" in practice
        # (issue #9: "Le XXe congrès" read 50 and 20); "Ve", "Ier", "XXe" stay ordinals.
        return False

    def counts(word: str) -> bool:
        low = word.lower()
        return any(low.startswith(stem) for stem in context)

    after = grammar.words.findall(text, match.end(), min(len(text), match.end() + 80))
    for k, word in enumerate(after[: _ROMAN_GAP_WORDS + 1]):
        if counts(word):
            return True
        if not word[:1].isupper() or match.group("r") == "I":
            break
    if match.group("r") == "I":
        return False
    before = grammar.words.findall(text, max(0, match.start() - 40), match.start())
    return bool(before) and counts(before[-1])


# Every date, time and number pattern needs a decimal digit (``\d``), and the Roman pattern
# (``grammar.roman``, ``[IVXL]+``) needs one of ``IVXL``: a text with neither has no tokens, and
# a text without a digit (most sentences of a long text) needs only the Roman pattern. These
# checks save most of the cost.
_DIGIT = re.compile(r"\d")
_DIGIT_OR_ROMAN = re.compile(r"[\dIVXL]")


def extract_numbers(text: str, lang: str) -> tuple[str, ...]:
    """Normalized number, date and time tokens of ``text`` in text order (see module docstring)."""
    if _DIGIT_OR_ROMAN.search(text) is None:
        return ()
    has_digit = _DIGIT.search(text) is not None
    grammar = _grammar(get_language(lang).code)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in grammar.date.finditer(text) if has_digit else ():
        token = _date_token(grammar, match)
        if token is not None:
            found.append((match.start(), token))
            taken.append(match.span())
    for match in grammar.time.finditer(text) if has_digit else ():
        if not free(*match.span()):
            continue
        hour = match.group("h") or match.group("h2")
        minute = match.group("min") or match.group("min2")
        if int(hour) <= 24 and int(minute) <= 59:
            found.append((match.start(), f"{int(hour)}:{minute}"))
            taken.append(match.span())
    for match in grammar.roman.finditer(text):
        value = roman_value(match.group("r"))
        if value is not None and free(*match.span()) and _roman_in_context(grammar, text, match):
            found.append((match.start(), str(value)))
            taken.append(match.span())
    for match in grammar.number.finditer(text) if has_digit else ():
        if free(*match.span()):
            found.append((match.start(), _number_token(grammar, match.group())))
    found.sort(key=lambda item: item[0])
    return tuple(token for _, token in found)
