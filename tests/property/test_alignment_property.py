"""Whatever the input, every sentence lands in exactly one bead and beads are monotonic."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.driver import align_features
from aligner.align.features import build_side_features
from aligner.align.settings import GALE_CHURCH_PRIORS, AlignSettings

WORDS = ["мир", "партия", "пленум", "peace", "party", "plenum", "1956", "ким", "kim", "x"]


def side(lengths, words_seed):
    rng = np.random.default_rng(words_seed)
    words = [tuple(rng.choice(WORDS, size=int(rng.integers(0, 6)))) for _ in lengths]
    anchors = [tuple(f"num:{w}" for w in ws if w.isdigit()) for ws in words]
    return build_side_features(lengths, anchors, [k // 5 for k in range(len(lengths))], [False] * len(lengths), words)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(1, 400), min_size=0, max_size=40),
    st.lists(st.integers(1, 400), min_size=0, max_size=40),
    st.integers(0, 1000),
)
def test_every_sentence_in_exactly_one_bead(src_lengths, tgt_lengths, seed):
    src, tgt = side(src_lengths, seed), side(tgt_lengths, seed + 1)
    alignment = align_features(src, tgt, AlignSettings(max_full=16, band=3), GALE_CHURCH_PRIORS)
    src_ids = [i for b in alignment.beads for i in b.src]
    tgt_ids = [j for b in alignment.beads for j in b.tgt]
    assert src_ids == list(range(len(src_lengths)))
    assert tgt_ids == list(range(len(tgt_lengths)))
    for bead in alignment.beads:
        assert 0.0 <= bead.confidence <= 1.0 and 0.0 <= bead.score <= 1.0
