"""Reproducibility signatures: ``key:value`` pairs joined by ``|``, version last (sacrebleu).

Two alignment figures are comparable only when their signatures are equal.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner import __version__
from aligner.align.settings import AlignSettings


def alignment_signature(
    src_splitter: str, tgt_splitter: str, glossary_signature: str, settings: AlignSettings, extra: Sequence[str] = ()
) -> str:
    """E.g. ``seg-src:razdel-0.5.0|seg-tgt:sentencex-1.0.32|gloss:1a2b3c4d|beads:...|version:0.2.0``.

    :param extra: more ``key:value`` parts of this alignment (``borrowed:<pairs>``), before the version.
    """
    parts = [f"seg-src:{src_splitter}", f"seg-tgt:{tgt_splitter}", glossary_signature, settings.signature(), *extra]
    return "|".join([*parts, f"version:{__version__}"])
