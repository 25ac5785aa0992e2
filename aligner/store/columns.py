"""List columns built in bulk: polars converts Python lists one by one, which made list columns
most of the cost of turning a book-length document into rows (issue #5).

- ``string_lists``: each list joined with a separator in Python (one C call per row), split
  again by polars; lists the separator cannot carry take the plain conversion.
- ``int_ranges``: lists of consecutive integers (a bead's sentence ids) from their ends.
- ``int_lists``: other integer lists (mostly empty ones, such as editorial spans), as strings
  cast back in bulk.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import polars as pl

#: The ASCII unit separator: no word, lemma, term id or flag holds it, and the check below
#: falls back to the plain conversion when one does.
SEPARATOR = "\x1f"


def string_lists(name: str, lists: Sequence[Sequence[str]]) -> pl.Series:
    """A ``List(String)`` series equal to ``pl.Series(name, lists, dtype=pl.List(pl.String))``."""
    dtype = pl.List(pl.String)
    joined = [SEPARATOR.join(strings) for strings in lists]
    # The join is undone exactly unless a string holds the separator, or a list is just one
    # empty string (it would read back as an empty list).
    separators = sum(len(strings) - 1 for strings in lists if strings)
    if SEPARATOR.join(joined).count(SEPARATOR) != separators + max(len(joined) - 1, 0) or any(
        len(strings) == 1 and not strings[0] for strings in lists
    ):
        return pl.Series(name, [list(strings) for strings in lists], dtype=dtype)
    column = pl.Series(name, joined, dtype=pl.String)
    split = pl.when(column == "").then(pl.lit([], dtype=dtype)).otherwise(column.str.split(SEPARATOR))
    return pl.select(split.alias(name)).to_series()


def int_ranges(name: str, runs: Sequence[Sequence[int]], dtype: pl.DataType) -> pl.Series:
    """A ``List(dtype)`` series of ``runs``, each empty or consecutive increasing integers (any
    other list takes the plain conversion)."""
    starts = [run[0] if run else 0 for run in runs]
    ends = [run[-1] + 1 if run else 0 for run in runs]
    column = pl.select(
        pl.int_ranges(pl.Series(starts, dtype=pl.Int64), pl.Series(ends, dtype=pl.Int64), dtype=dtype).alias(name)
    ).to_series()
    given = np.fromiter(chain.from_iterable(runs), dtype=np.int64)
    if not np.array_equal(column.explode().drop_nulls().to_numpy(), given):
        return pl.Series(name, [list(run) for run in runs], dtype=pl.List(dtype))
    return column


def int_lists(name: str, lists: Sequence[Sequence[int]], dtype: pl.DataType) -> pl.Series:
    """A ``List(dtype)`` series equal to ``pl.Series(name, lists, dtype=pl.List(dtype))``."""
    return string_lists(name, [[str(x) for x in ints] for ints in lists]).cast(pl.List(dtype))
