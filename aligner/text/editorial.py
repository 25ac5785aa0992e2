"""Editorial brackets: ``[...]`` spans added by a translator or archivist, not translation proper.

Examples: ``[handwritten: signed]``, ``[illegible signature]``, ``[inserted by hand: them]``,
``[to the]``, ``[We]``, ``[от руки: подпись]``. Brackets nest (``[handwritten: [illegible]]`` is
one span); only the outermost closed brackets are returned, so spans never overlap. An unclosed
``[`` is not a span (the seed document ends inside one), though closed brackets inside it still
are, and a ``]`` without an opener is ignored. A bracket longer than ``MAX_EDITORIAL_CHARS`` is
not taken as editorial either: it would more likely pair a stray ``[`` with a far-away ``]`` than
be a note.

Only square brackets count; round parentheses are ordinary text in our material.
"""

from __future__ import annotations

import re

from aligner.text.model import Span

#: Longest bracket taken as an editorial note, in characters. The longest in the seed document,
#: a handwritten authentication block over several lines, is under 200.
MAX_EDITORIAL_CHARS = 2000

_BRACKET = re.compile(r"[\[\]]")


def find_editorial_spans(text: str) -> tuple[Span, ...]:
    """Outermost closed ``[...]`` spans, sorted, with half-open offsets into ``text``."""
    if "[" not in text or "]" not in text:
        return ()
    closed: list[tuple[int, int]] = []
    opened: list[int] = []
    for match in _BRACKET.finditer(text):
        i = match.start()
        if match.group() == "[":
            opened.append(i)
        elif opened:
            start = opened.pop()
            if i + 1 - start <= MAX_EDITORIAL_CHARS:
                closed.append((start, i + 1))
    closed.sort()
    spans: list[Span] = []
    for start, end in closed:
        if spans and start < spans[-1].end:
            continue  # nested inside the previous outermost span
        spans.append(Span(start, end))
    return tuple(spans)
