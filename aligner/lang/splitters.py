"""Sentence splitters: one class per library, all with ``split(paragraph, code)`` and ``signature()``.

``split`` returns ``(start, end)`` character spans within the paragraph, in order, as the
library reports them (spans may include or exclude surrounding spaces; callers only read the
start of each span after the first as a boundary). The libraries are imported on first use.

- razdel (Natasha project): rule-based Russian splitter, handles Russian abbreviations and
  initials well; used for ``ru``.
- sentencex (Wikimedia): rule-based splitter for ~300 languages with per-language abbreviation
  lists and a generic fallback for unknown codes; used for everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Protocol


class SentenceSplitter(Protocol):
    """Splits one paragraph into sentence spans."""

    def split(self, paragraph: str, code: str) -> list[tuple[int, int]]: ...

    def signature(self) -> str: ...


@lru_cache(maxsize=None)
def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True, slots=True)
class RazdelSplitter:
    """razdel's ``sentenize`` (Russian)."""

    def split(self, paragraph: str, code: str) -> list[tuple[int, int]]:
        from razdel import sentenize

        return [(s.start, s.stop) for s in sentenize(paragraph)]

    def signature(self) -> str:
        return f"razdel-{_version('razdel')}"


@dataclass(frozen=True, slots=True)
class SentencexSplitter:
    """sentencex's ``get_sentence_boundaries`` for the language code given."""

    def split(self, paragraph: str, code: str) -> list[tuple[int, int]]:
        from sentencex import get_sentence_boundaries

        return [
            (b["start_index"], b["end_index"])
            for b in get_sentence_boundaries(code, paragraph)
            if not b["is_paragraph_break"]
        ]

    def signature(self) -> str:
        return f"sentencex-{_version('sentencex')}"
