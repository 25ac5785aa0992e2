"""``class_body`` turns code points into a regex class body matching exactly those code points."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.text.charclass import class_body

CASES = [
    ("empty", [], ""),
    ("single-ascii", [0x41], "\\u0041"),
    ("run-collapses-to-range", [0x41, 0x42, 0x43], "\\u0041-\\u0043"),
    ("unsorted-and-duplicates", [0x43, 0x41, 0x42, 0x41], "\\u0041-\\u0043"),
    ("gap-splits-ranges", [0x41, 0x43], "\\u0041\\u0043"),
    ("regex-metacharacters-escaped", [ord("]"), ord("^"), ord("-"), ord("\\")], "\\u002d\\u005c-\\u005e"),
    ("beyond-bmp-long-escape", [0x1F600], "\\U0001f600"),
    ("range-across-bmp-edge", [0xFFFF, 0x10000], "\\uffff-\\U00010000"),
]


@pytest.mark.parametrize(("code_points", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_class_body_cases(code_points, expected):
    assert class_body(code_points) == expected


@settings(max_examples=100, deadline=None)
@given(st.sets(st.integers(0, 0x10FFFF).filter(lambda cp: not 0xD800 <= cp <= 0xDFFF), min_size=1, max_size=40),
       st.lists(st.integers(0, 0x10FFFF).filter(lambda cp: not 0xD800 <= cp <= 0xDFFF), max_size=40))
def test_class_matches_exactly_its_code_points(members, probes):
    pattern = re.compile(f"[{class_body(members)}]")
    for cp in [*members, *probes, *(m + 1 for m in members if m < 0x10FFFF)]:
        assert (pattern.fullmatch(chr(cp)) is not None) == (cp in members)
