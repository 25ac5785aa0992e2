"""The bulk list-column builders give exactly the series polars' plain conversion gives."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.store.columns import SEPARATOR, int_lists, int_ranges, string_lists

TEXT = st.text(alphabet=st.sampled_from(["a", "ж", " ", SEPARATOR, "\x00", "’"]), max_size=4)


@given(st.lists(st.lists(TEXT, max_size=4), max_size=12))
def test_string_lists_equal_the_plain_conversion(lists: list[list[str]]) -> None:
    want = pl.Series("x", lists, dtype=pl.List(pl.String))
    assert string_lists("x", lists).equals(want)


@pytest.mark.parametrize("lists", [[[""]], [["", ""]], [[], ["a"], []], [["a" + SEPARATOR + "b"]], [[SEPARATOR]], []])
def test_string_lists_edge_cases(lists: list[list[str]]) -> None:
    assert string_lists("x", lists).to_list() == lists


@given(st.lists(st.one_of(
    st.builds(lambda start, size: list(range(start, start + size)), st.integers(0, 10**6), st.integers(0, 4)),
    st.lists(st.integers(0, 20), max_size=4),
), max_size=12))
def test_int_ranges_equal_the_plain_conversion(runs: list[list[int]]) -> None:
    want = pl.Series("x", runs, dtype=pl.List(pl.Int32))
    assert int_ranges("x", runs, pl.Int32).equals(want)


@given(st.lists(st.lists(st.integers(-(2**62), 2**62), max_size=3), max_size=12))
def test_int_lists_equal_the_plain_conversion(lists: list[list[int]]) -> None:
    assert int_lists("x", lists, pl.Int64).equals(pl.Series("x", lists, dtype=pl.List(pl.Int64)))
