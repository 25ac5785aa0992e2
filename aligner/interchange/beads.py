"""Beads in Vecalign's text format: one bead per line, ``[0]:[0]``, ``[1,2]:[1]``, ``[3]:[]``.

Ids are 0-based sentence numbers (``sent_no``); this is how beads are exchanged with
``../shared/eval/score.py`` and other aligners. A third ``:``-separated field (Vecalign's
score) is accepted on reading and ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from aligner.errors import InputError

_BEAD_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::.*)?$")

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]


def format_bead(src: Iterable[int], tgt: Iterable[int]) -> str:
    return "[" + ",".join(map(str, src)) + "]:[" + ",".join(map(str, tgt)) + "]"


def write_beads(beads: Iterable[BeadIds], path: Path) -> None:
    """Write beads (source ids, target ids) to ``path``, one per line."""
    text = "".join(format_bead(s, t) + "\n" for s, t in beads)
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write beads: {error.strerror}", path=path) from error


def parse_beads(text: str, path: Path | str = "<beads>") -> list[BeadIds]:
    """Parse Vecalign-format beads; blank lines and ``#`` comments are skipped."""
    beads: list[BeadIds] = []
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _BEAD_LINE.match(line)
        if not match:
            raise InputError(f"not a bead (expected like [1,2]:[3]): {line.strip()!r}", path=path, line=line_no)
        src = tuple(int(x) for x in match.group(1).replace(" ", "").split(",") if x)
        tgt = tuple(int(x) for x in match.group(2).replace(" ", "").split(",") if x)
        if src or tgt:
            beads.append((src, tgt))
    return beads


def read_beads(path: Path) -> list[BeadIds]:
    """Read a Vecalign-format bead file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError("no such file", path=path) from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read beads: {error}", path=path) from error
    return parse_beads(text, path)
