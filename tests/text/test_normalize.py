"""normalize_text: line ends, invisible characters, hyphenation, blank lines, idempotence."""

from __future__ import annotations

import pytest

from aligner.text.normalize import normalize_text

CASES = [
    # line ends and spaces
    ("CRLF to LF", "a\r\nb", "a\nb"),
    ("lone CR to LF", "a\rb", "a\nb"),
    ("line and paragraph separators", "a\u2028b\u2029c\u0085d", "a\nb\nc\nd"),
    ("form feed is a line break", "a\x0cb", "a\nb"),
    ("tab to space", "a\tb", "a b"),
    ("no-break and thin spaces to space", "1\u00a0000 и 2\u202f000", "1 000 и 2 000"),
    ("trailing spaces stripped", "a  \nb \t\n", "a\nb"),
    ("leading blank lines and trailing whitespace removed", "\n\n  \nText\n\n\n", "Text"),
    ("indentation kept", "  indented\nline", "  indented\nline"),
    ("three blank lines collapse to one", "a\n\n\n\nb", "a\n\nb"),
    ("blank line with spaces counts as blank", "a\n   \n  \n\nb", "a\n\nb"),
    ("one blank line kept", "a\n\nb", "a\n\nb"),
    # invisible and control characters
    ("BOM removed", "\ufeffТекст", "Текст"),
    ("zero-width space removed", "ЦК\u200bКПСС", "ЦККПСС"),
    ("word joiner removed", "a\u2060b", "ab"),
    ("control characters removed", "a\x00b\x07c\x1bd\x7fe\x9ff", "abcdef"),
    ("lone surrogate removed", "a\ud800b", "ab"),
    ("ZWNJ kept (Persian)", "می\u200cخواهم", "می\u200cخواهم"),
    ("RTL mark kept", "\u200fשלום", "\u200fשלום"),
    # Unicode forms
    ("NFC composes й", "и\u0306", "й"),
    ("NFC composes é", "cafe\u0301", "café"),
    # hyphenation
    ("word broken across lines rejoined", "комму-\nнист", "коммунист"),
    ("English word rejoined", "con-\nference", "conference"),
    ("rejoined with spaces around the break", "комму-  \n   нист", "коммунист"),
    ("soft hyphen removed", "при\u00adвет", "привет"),
    ("soft hyphen at a line end joins", "комму\u00ad\nнист", "коммунист"),
    ("capital after the break keeps the compound", "Ким Ду-\nБон", "Ким Ду-Бон"),
    ("English compound self-criticism", "self-\ncriticism", "self-criticism"),
    ("English compound intra-Party", "intra-\nParty", "intra-Party"),
    ("Russian particle что-то", "что-\nто", "что-то"),
    ("Russian particle когда-нибудь", "когда-\nнибудь", "когда-нибудь"),
    ("просто is not a particle compound", "прос-\nто", "просто"),
    ("по-русски", "по-\nрусски", "по-русски"),
    ("политика is not по-", "по-\nлитика", "политика"),
    ("во-первых", "во-\nпервых", "во-первых"),
    ("кое-что", "кое-\nчто", "кое-что"),
    ("year range keeps its hyphen", "1955-\n1956", "1955-1956"),
    ("ordinal ending keeps its hyphen", "5-\nго", "5-го"),
    ("word broken twice", "ком-\nму-\nнист", "коммунист"),
    ("dash after a space is not a hyphenation", "Ким Ир Сен -\nпредседатель", "Ким Ир Сен -\nпредседатель"),
    ("hyphen before a blank line is kept", "комму-\n\nнист", "комму-\n\nнист"),
    ("unicode hyphen U+2010", "комму\u2010\nнист", "коммунист"),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("raw", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


def test_quotes_dashes_case_and_yo_are_kept() -> None:
    text = "«Правда» — ЦК КПСС: ёлка, “quoted” – dash"
    assert normalize_text(text) == text
