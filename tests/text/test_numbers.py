"""extract_numbers: one token vocabulary for numbers, dates, document numbers and Roman numerals."""

from __future__ import annotations

import pytest

from aligner.text.numbers import extract_numbers, roman_value

# (id, Russian, English, shared tokens): both sides must give exactly these tokens.
PAIR_CASES = [
    ("full date", "22 сентября 1956 г.", "22 September 1956", ("1956-09-22",)),
    ("full date, month first in English", "22 сентября 1956 г.", "September 22, 1956", ("1956-09-22",)),
    ("day and month", "Сегодня, 22 сентября, состоялось", "Today, 22 September, there was", ("--09-22",)),
    ("ordinal day of month", "24-го сентября", "on the 24th of September", ("--09-24",)),
    ("month and year", "в сентябре 1956 г.", "in September 1956", ("1956-09",)),
    ("year alone", "в 1956 году", "in 1956", ("1956",)),
    ("year range", "в 1955–1956 гг.", "in 1955-1956", ("1955", "1956")),
    ("document number №/No.", "шифротелеграмма № 604", "cable No. 604", ("604",)),
    ("document number without period", "№ 604", "No 604", ("604",)),
    ("document number glued", "спецсообщения №604-609", "spets N604-609", ("604", "609")),
    ("leading zeros", "Экз. № 01", "Copy No. 1", ("1",)),
    ("Roman congress number", "XX съезд КПСС", "20th Congress of the CPSU", ("20",)),
    ("Roman on both sides", "XX съезда", "XX Party Congress", ("20",)),
    ("Roman plenum number", "IV пленум", "Plenum IV", ("4",)),
    ("thousands", "1 000 человек", "1,000 people", ("1000",)),
    ("thousands with a period in Russian", "1.000 человек", "1,000 people", ("1000",)),
    ("decimals", "в 2,5 раза", "2.5 times", ("2.5",)),
    ("time of day", "в 16.00 час.", "at 16.00 hrs.", ("16:00",)),
    ("time with a colon", "в 10:30", "at 10:30", ("10:30",)),
    ("numeric date", "22.09.1956", "22.09.1956", ("1956-09-22",)),
    ("Roman month date", "22.IX.56", "22 September 1956", ("1956-09-22",)),
    ("count", "всего 68 человек", "68 people in all", ("68",)),
    ("ordinal number", "23-го числа", "the 23rd", ("23",)),
    ("CC is not a Roman numeral", "проект решения пленума ЦК", "draft CC plenum decision", ()),
]


@pytest.mark.parametrize(("ru", "en", "tokens"), [c[1:] for c in PAIR_CASES],
                         ids=[c[0] for c in PAIR_CASES])
def test_russian_and_english_give_equal_tokens(ru: str, en: str, tokens: tuple[str, ...]) -> None:
    assert extract_numbers(ru, "ru") == tokens
    assert extract_numbers(en, "en") == tokens


# (id, text, language, tokens)
SINGLE_CASES = [
    ("several tokens in text order", "22 сентября 1956 г. в 10 часов, № 604", "ru",
     ("1956-09-22", "10", "604")),
    ("seed signature line", "MFA 23 September spets N604-609", "en", ("--09-23", "604", "609")),
    ("German date with ordinal period", "am 22. September 1956", "de", ("1956-09-22",)),
    ("German thousands", "1.000 Menschen", "de", ("1000",)),
    ("French date with 1er", "le 1er septembre 1956", "fr", ("1956-09-01",)),
    ("French article Le is not L = 50", "Le XXe congrès", "fr", ("20",)),
    ("French ordinal Ve", "le Ve congrès", "fr", ("5",)),
    ("English may is a verb in lowercase", "they may 5", "en", ("5",)),
    ("English May is a month", "May 5, 1956", "en", ("1956-05-05",)),
    ("pronoun I is not a numeral", "I attended the session", "en", ()),
    ("I before a counting noun is", "I Congress", "en", ("1",)),
    ("century", "XXI century", "en", ("21",)),
    ("Roman numeral without context", "Mr. X came", "en", ()),
    ("space groups only after 1-3 digits", "в 1956 году 200 человек", "ru", ("1956", "200")),
    ("space-grouped large number", "22 300 делегатов", "ru", ("22300",)),
    ("English comma list is not thousands", "1,2 and 3,45", "en", ("1", "2", "3", "45")),
    ("Arabic-Indic digits", "٣٤", "ar", ("34",)),
    ("fullwidth digits", "１９５６", "ja", ("1956",)),
    ("month without a number", "в сентябре", "ru", ()),
    ("Russian May forms", "9 мая 1956 г. и 1 мая", "ru", ("1956-05-09", "--05-01")),
    ("abbreviated month", "22 сент. 1956 г.", "ru", ("1956-09-22",)),
    ("impossible day falls back to plain numbers", "45 сентября", "ru", ("45",)),
    ("impossible numeric date", "45.13.1956", "ru", ("45.13", "1956")),
    ("no numbers", "Тов. Ким Ир Сен", "ru", ()),
]


@pytest.mark.parametrize(("text", "lang", "tokens"), [c[1:] for c in SINGLE_CASES],
                         ids=[c[0] for c in SINGLE_CASES])
def test_extract_numbers(text: str, lang: str, tokens: tuple[str, ...]) -> None:
    assert extract_numbers(text, lang) == tokens


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("XX", 20), ("XIV", 14),
                                                ("MCMLVI", 1956), ("IIII", None), ("IC", None),
                                                ("", None), ("ABC", None)])
def test_roman_value(numeral: str, value: int | None) -> None:
    assert roman_value(numeral) == value


def test_huge_digit_run_does_not_raise() -> None:
    # int() refuses strings over 4300 digits; tokens are built without it.
    assert extract_numbers("1" * 10_000, "en") == ("1" * 10_000,)
