"""Plain data for read and segmented text.

Conventions: character offsets are into ``Text.normalized`` and spans are half-open
``[start, end)``; ``para_no`` and ``sent_no`` count from 0 per document side.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character span ``[start, end)`` in the normalized text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Text:
    """One side of a document pair after reading and normalization.

    :param encoding: the encoding the raw bytes were decoded with (``utf-8``, ``cp1251``, ...).
    :param raw_sha256: hex SHA-256 of the raw input bytes, before decoding.
    :param normalized: NFC text with ``\\n`` line endings and rejoined hyphenation; every
        sentence span points into it.
    """

    path: Path | None
    lang: str
    encoding: str
    raw_sha256: str
    normalized: str

    @property
    def text_sha256(self) -> str:
        """Hex SHA-256 of the UTF-8 normalized text (what ``sentences`` rebuilds)."""
        return hashlib.sha256(self.normalized.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its text is exactly ``normalized[start:end]``.

    :param editorial: spans (in normalized-text offsets) of editorial brackets inside it, such
        as ``[handwritten: signed]``: added by a translator or archivist, not translation proper.
    """

    lang: str
    para_no: int
    sent_no: int
    start: int
    end: int
    text: str
    editorial: tuple[Span, ...] = ()

    @property
    def is_editorial(self) -> bool:
        """True when the sentence is nothing but editorial brackets (and spaces/punctuation)."""
        if not self.editorial:
            return False
        rest = list(self.text)
        for span in self.editorial:
            for k in range(span.start - self.start, span.end - self.start):
                if 0 <= k < len(rest):
                    rest[k] = " "
        return not any(ch.isalnum() for ch in rest)

    @property
    def proper_length(self) -> int:
        """Characters outside editorial brackets: what the translation is measured by."""
        covered = sum(min(s.end, self.end) - max(s.start, self.start) for s in self.editorial)
        return max(0, (self.end - self.start) - max(0, covered))
