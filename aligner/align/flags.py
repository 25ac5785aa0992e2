"""Per-bead divergence flags, computed at alignment time from the beads and their evidence.

The vocabulary (DESIGN.md) is fixed: ``FLAGS``. Number and date comparison uses the shared
normalisation of ``aligner.text.numbers`` (``22 сентября 1956 г.`` = ``22 September 1956``),
term comparison uses glossary term ids, names the transliteration keys.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

FLAGS = (
    "omission",
    "addition",
    "editorial",
    "number_mismatch",
    "date_mismatch",
    "term_mismatch",
    "name_mismatch",
    "length_outlier",
    "low_confidence",
)

#: Robust z-score (median/MAD of the document's own log length ratios) beyond which a bead's
#: length ratio is an outlier; 3.5 is Iglewicz & Hoaglin's customary cut-off.
LENGTH_OUTLIER_Z = 3.5


@dataclass(frozen=True, slots=True)
class BeadEvidence:
    """What a bead's sides hold, for flagging. Sequences are multisets (repeats count)."""

    kind: str
    src_len: int
    tgt_len: int
    src_numbers: Sequence[str]
    tgt_numbers: Sequence[str]
    src_terms: Sequence[str]
    tgt_terms: Sequence[str]
    src_names: Sequence[str]
    tgt_names: Sequence[str]
    editorial: bool
    only_editorial: bool
    confidence: float
    term_mismatch: bool | None = None  # decided by the glossary check when one is given


def is_date(token: str) -> bool:
    """Date tokens of ``extract_numbers`` carry dashes (``1956-09-22``, ``--09-22``)."""
    return "-" in token


def _differ(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two multisets differ (sorting beats counting for the few items of a bead)."""
    return bool(a or b) and sorted(a) != sorted(b)


def robust_log_ratios(evidence: Sequence[BeadEvidence]) -> list[float]:
    """Robust z-scores of log(target/source length) of the two-sided beads (0 elsewhere)."""
    values = [
        math.log(e.tgt_len / e.src_len) if e.src_len > 0 and e.tgt_len > 0 else None for e in evidence
    ]
    present = sorted(v for v in values if v is not None)
    if len(present) < 5:
        return [0.0] * len(values)
    median = present[len(present) // 2]
    mad = sorted(abs(v - median) for v in present)[len(present) // 2] or 1e-9
    return [0.0 if v is None else 0.6745 * (v - median) / mad for v in values]


def compute_flags(evidence: Sequence[BeadEvidence], low_confidence: float) -> list[tuple[str, ...]]:
    """Flags for each bead, in ``FLAGS`` order."""
    zscores = robust_log_ratios(evidence)
    out: list[tuple[str, ...]] = []
    for e, z in zip(evidence, zscores):
        flags: set[str] = set()
        two_sided = e.kind[0] != "0" and not e.kind.endswith("-0")
        if e.kind.endswith("-0"):
            flags.add("omission")
        if e.kind.startswith("0-"):
            flags.add("editorial" if e.only_editorial else "addition")
        if e.editorial:
            flags.add("editorial")
        if two_sided:
            src_dates = [t for t in e.src_numbers if is_date(t)]
            tgt_dates = [t for t in e.tgt_numbers if is_date(t)]
            if _differ(src_dates, tgt_dates):
                flags.add("date_mismatch")
            if _differ([t for t in e.src_numbers if not is_date(t)], [t for t in e.tgt_numbers if not is_date(t)]):
                flags.add("number_mismatch")
            mismatch = e.term_mismatch if e.term_mismatch is not None else set(e.src_terms) != set(e.tgt_terms)
            if mismatch:
                flags.add("term_mismatch")
            if set(e.src_names) != set(e.tgt_names):
                flags.add("name_mismatch")
            if abs(z) > LENGTH_OUTLIER_Z:
                flags.add("length_outlier")
        if e.confidence < low_confidence:
            flags.add("low_confidence")
        out.append(tuple(f for f in FLAGS if f in flags))
    return out
