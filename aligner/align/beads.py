"""Beads and alignments: the shapes every stage of alignment exchanges.

A bead pairs a run of source sentence numbers with a run of target sentence numbers (0-based,
``sent_no``); an empty side is the only representation of an omission (``1-0``) or an
addition (``0-1``). ``BEAD_TYPES`` is the inventory the search may use, as data.
"""

from __future__ import annotations

from dataclasses import dataclass

BeadType = tuple[int, int]


def bead_types_up_to(max_side: int, max_total: int | None = None) -> tuple[BeadType, ...]:
    """Every (n, m) with 1-0/0-1 and 1 <= n, m <= max_side and n + m <= max_total.

    ``max_total`` defaults to ``max(4, max_side + 1)``: a merge of many sentences on both sides
    (3-3, 4-4) is rare in real translations and, when allowed, swallows runs of 1-1 beads (on
    Text+Berg, ``--max-bead 4`` with every 4-x bead scored 0.816 strict F1, with n + m <= 5 0.821).
    """
    if max_side < 1:
        raise ValueError("max_side must be at least 1")
    if max_total is None:
        max_total = max(4, max_side + 1)
    out: list[BeadType] = [(1, 1), (1, 0), (0, 1)]
    for n in range(1, max_side + 1):
        for m in range(1, max_side + 1):
            if (n, m) == (1, 1) or n + m > max_total:
                continue
            out.append((n, m))
    return tuple(out)


#: Largest side of a bead by default (issue #4: "up to 3-1/1-3 and 2-2 at least").
DEFAULT_MAX_BEAD = 3

#: The default bead inventory, (n_src, n_tgt): 1-1, 1-0, 0-1, 1-2, 1-3, 2-1, 2-2, 3-1.
BEAD_TYPES: tuple[BeadType, ...] = bead_types_up_to(DEFAULT_MAX_BEAD)


def parse_bead_type(kind: str) -> BeadType:
    """``"2-1"`` -> ``(2, 1)``."""
    left, _, right = kind.partition("-")
    if not (left.isdigit() and right.isdigit()):
        raise ValueError(f"not a bead type: {kind!r} (expected like 2-1)")
    return int(left), int(right)


@dataclass(frozen=True, slots=True)
class Bead:
    """One aligned unit.

    :param cost: the search cost of this bead (lower is better; not comparable across documents).
    :param score: size-normalized similarity in [0, 1] (higher is better; 0 for 1-0/0-1).
    :param confidence: estimated probability in [0, 1] that the bead is right.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    cost: float = 0.0
    score: float = 0.0
    confidence: float = 0.0

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True, slots=True)
class Alignment:
    """Ordered beads; every sentence of each side appears exactly once, in order."""

    beads: tuple[Bead, ...]
    n_src: int
    n_tgt: int

    def __post_init__(self) -> None:
        check_coverage(self.beads, self.n_src, self.n_tgt)


def check_coverage(beads: tuple[Bead, ...] | list[Bead], n_src: int, n_tgt: int) -> None:
    """Raise ``ValueError`` unless beads cover ``range(n_src)``/``range(n_tgt)`` once, in order."""
    next_src = next_tgt = 0
    for bead in beads:
        if not bead.src and not bead.tgt:
            raise ValueError("a bead must have at least one sentence")
        for i in bead.src:
            if i != next_src:
                raise ValueError(f"source sentence {next_src} expected, got {i}")
            next_src += 1
        for j in bead.tgt:
            if j != next_tgt:
                raise ValueError(f"target sentence {next_tgt} expected, got {j}")
            next_tgt += 1
    if next_src != n_src or next_tgt != n_tgt:
        raise ValueError(f"beads cover {next_src}/{n_src} source and {next_tgt}/{n_tgt} target sentences")
