"""Alignment settings: every knob of the aligner in one frozen value, with its signature.

Knobs are in meaningful units: probabilities for bead priors, nats for evidence weights,
sentences for the band. Defaults come from the literature where one exists (Gale & Church
1993 for the length model and priors) and are never tuned to particular documents.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from aligner import __version__
from aligner.align.beads import BEAD_TYPES, BeadType

#: Gale & Church (1993), table 5: P(1-1) .89, P(1-0 or 0-1) .0099, P(2-1 or 1-2) .089, P(2-2) .011.
GALE_CHURCH_PRIORS: dict[BeadType, float] = {
    (1, 1): 0.89,
    (1, 0): 0.005,
    (0, 1): 0.005,
    (2, 1): 0.0445,
    (1, 2): 0.0445,
    (2, 2): 0.011,
}

#: Prior for a bead type Gale & Church did not list (3-1, 1-3, 2-3, ...), before re-estimation.
RARE_BEAD_PRIOR = 0.002

#: Gale & Church's variance of target characters per source character.
GALE_CHURCH_VARIANCE = 6.8


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """How to align.

    :param bead_types: the bead inventory, (n_src, n_tgt) pairs.
    :param max_full: documents with at most this many sentences a side are searched in full;
        longer ones in a band around a coarse path.
    :param band: half-width of that band, in sentences.
    :param number_keep: probability that a translation keeps a number or date (the evidence of
        a shared number follows from it and the number's rarity; see ``scoring.AnchorIndex``).
    :param term_keep: the same for a glossary term.
    :param name_keep: the same for a transliterated name key (keys of one name may differ).
    :param lexical: the second pass's word units: ``"prefix"`` (lowercased word prefixes),
        ``"sentencepiece"`` or ``"none"`` (length and anchors only).
    :param low_confidence: beads under this confidence are flagged ``low_confidence``.
    :param seed: seed of every random choice (recorded in the signature).
    :param extra: overrides for experiments, recorded in the signature: ``rounds`` (lexical
        passes, ``driver.LEXICAL_ROUNDS``; ``LONG_DOCUMENT_ROUNDS`` above ``max_full``
        sentences) and ``folds`` (cross-fitted lexicons, ``driver.lexicon_folds``).
    """

    bead_types: tuple[BeadType, ...] = BEAD_TYPES
    max_full: int = 2000
    band: int = 40
    number_keep: float = 0.9
    term_keep: float = 0.85
    name_keep: float = 0.6
    lexical: str = "prefix"
    low_confidence: float = 0.7
    seed: int = 12345
    extra: dict = field(default_factory=dict, compare=False)

    def signature(self) -> str:
        kinds = ",".join(f"{a}-{b}" for a, b in self.bead_types)
        base = f"beads:{kinds}|band:{self.band}|full:{self.max_full}|lex:{self.lexical}|seed:{self.seed}"
        # Experiment overrides (``extra``) change results: such a run never passes for a default one.
        overrides = ",".join(f"{k}={v}" for k, v in sorted(self.extra.items()))
        return f"{base}|extra:{overrides}" if overrides else base

    def to_json_dict(self) -> dict:
        data = asdict(self)
        data["bead_types"] = [f"{a}-{b}" for a, b in self.bead_types]
        data.pop("extra", None)
        data["aligner_version"] = __version__
        return data
