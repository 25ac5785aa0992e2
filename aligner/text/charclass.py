"""Regex character classes built from code points.

``re`` has no Unicode property classes (``\\p{M}``, ``\\p{Lu}``), so modules that need one list
its code points and turn them into a class body here. Conventions: the body has no brackets (the
caller wraps it in ``[...]``, possibly beside other items); consecutive code points collapse into
``a-b`` ranges; every code point is written as an escape (``\\uXXXX`` in the BMP, ``\\UXXXXXXXX``
beyond), so no character needs regex quoting.
"""

from __future__ import annotations

from collections.abc import Iterable


def _escape(cp: int) -> str:
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def class_body(code_points: Iterable[int]) -> str:
    """A regex character class body (no brackets) matching exactly ``code_points``.

    Order and duplicates in ``code_points`` do not matter; an empty input gives ``""``.
    """
    ranges: list[list[int]] = []
    for cp in sorted(set(code_points)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(_escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in ranges)
