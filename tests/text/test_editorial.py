"""find_editorial_spans: square-bracket notes, nesting, unbalanced brackets."""

from __future__ import annotations

import pytest

from aligner.text.editorial import MAX_EDITORIAL_CHARS, find_editorial_spans

# (id, text, expected bracket texts)
CASES = [
    ("handwritten signature", "[handwritten: signed] A. Mikoyan", ["[handwritten: signed]"]),
    ("inserted words", "[to the] CPSU CC", ["[to the]"]),
    ("illegible signature", "on 22 September [illegible signature]", ["[illegible signature]"]),
    ("inserted by hand", "adopting [inserted by hand: them] on", ["[inserted by hand: them]"]),
    ("Russian от руки", "[от руки: подпись] А. Микоян", ["[от руки: подпись]"]),
    ("subject supplied", "[We] met in a small group", ["[We]"]),
    ("several in one sentence", "passed [us] the draft [handwritten: decision]",
     ["[us]", "[handwritten: decision]"]),
    ("spans blank lines", "[handwritten:\n\nTop Secret\n\nPriority]\n\nText",
     ["[handwritten:\n\nTop Secret\n\nPriority]"]),
    ("nested is one span", "a [handwritten: [illegible] signed] b", ["[handwritten: [illegible] signed]"]),
    ("unclosed is not a span", "22 September 1956 [handwritten: Authenticated", []),
    ("closed inside an unclosed one still counts",
     "[handwritten: Authenticated\n\non 22 September [illegible signature]\n\nMFA",
     ["[illegible signature]"]),
    ("stray closing bracket ignored", "text] more [note]", ["[note]"]),
    ("no brackets", "plain text", []),
    ("empty brackets", "a [] b", ["[]"]),
    ("parentheses are not editorial", "(handwritten: signed)", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_editorial_spans(text: str, expected: list[str]) -> None:
    spans = find_editorial_spans(text)
    assert [text[s.start:s.end] for s in spans] == expected
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_overlong_bracket_is_not_editorial() -> None:
    text = "[" + "x" * MAX_EDITORIAL_CHARS + "] [short]"
    spans = find_editorial_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["[short]"]
