"""Accepted-findings files (``terms check --ignore``): what parses, and what is an error."""

from __future__ import annotations

import pytest

from aligner.errors import InputError
from aligner.qa.accepted import parse_accepted
from aligner.qa.terms import FindingKey

KEY = FindingKey("memo", "en-draft", 5, "nam-il", "forbidden")

PARSE_CASES = [
    ("header row, columns in order", "doc_id\ttranslation_id\tseg_no\tterm_id\tkind\nmemo\ten-draft\t5\tnam-il\tforbidden\n", {KEY}),
    ("no header: the first five columns", "memo\ten-draft\t5\tnam-il\tforbidden\n", {KEY}),
    ("header in another order, extra columns", "kind\tnote\tterm_id\tseg_no\ttranslation_id\tdoc_id\nforbidden\tok\tnam-il\t5\ten-draft\tmemo\n", {KEY}),
    ("comments, blank lines and a BOM", "\ufeff# reviewed 1 May\n\nmemo\ten-draft\t5\tnam-il\tforbidden\n\n", {KEY}),
    ("the tsv output of terms check, texts quoted over lines",
     'doc_id\ttranslation_id\tseg_no\tterm_id\tkind\trendering\texpected\tsrc\ttgt\n'
     'memo\ten-draft\t5\tnam-il\tforbidden\tNam Ir\tNam Il\t"На беседе\nприсутствовал ⟦Нам Ир⟧."\t"The ⟦Nam Ir⟧"\n', {KEY}),
    ("an empty file", "", set()),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PARSE_CASES], ids=[c[0] for c in PARSE_CASES])
def test_parse_accepted(text, expected):
    assert parse_accepted(text, "accepted.tsv") == expected


ERROR_CASES = [
    ("too few cells", "memo\ten-draft\t5\n", 1, "this row has 3 cell(s)"),
    ("seg_no not a number", "doc_id\ttranslation_id\tseg_no\tterm_id\tkind\nmemo\ten-draft\tfive\tnam-il\tforbidden\n", 2, "seg_no must be a whole number"),
    ("unknown kind", "# note\nmemo\ten-draft\t5\tnam-il\twrong\n", 2, "unknown kind 'wrong'"),
]


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES])
def test_parse_errors_name_file_and_line(text, line, message):
    with pytest.raises(InputError) as raised:
        parse_accepted(text, "accepted.tsv")
    assert raised.value.path == "accepted.tsv" and raised.value.line == line
    assert message in str(raised.value)
