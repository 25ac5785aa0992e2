"""Each evidence source, pinned on small constructed cases."""

import numpy as np
import pytest

from aligner.align.driver import align_features
from aligner.align.embedding import encode_sentences
from aligner.align.features import build_side_features
from aligner.align.settings import GALE_CHURCH_PRIORS, AlignSettings

RNG = np.random.default_rng(3)
VOCAB = [f"w{k}" for k in range(400)]


def parallel_corpus(n: int):
    """n sentence pairs whose target words are a fixed 'translation' of the source words."""
    src, tgt = [], []
    for _ in range(n):
        words = list(RNG.choice(VOCAB, size=int(RNG.integers(6, 18))))
        src.append(words)
        tgt.append([f"t{w[1:]}" for w in words])
    return src, tgt


def side(sentences, anchors=None, editorial=None):
    lengths = [sum(len(w) + 1 for w in s) for s in sentences]
    return build_side_features(
        lengths,
        anchors or [()] * len(sentences),
        [0] * len(sentences),
        editorial or [False] * len(sentences),
        [tuple(s) for s in sentences],
    )


def beads(alignment):
    return [(b.src, b.tgt) for b in alignment.beads]


def test_an_omitted_block_becomes_deletions():
    src, tgt = parallel_corpus(120)
    del tgt[50:70]
    result = beads(align_features(side(src), side(tgt), AlignSettings(), GALE_CHURCH_PRIORS))
    deleted = [s[0] for s, t in result if s and not t]
    assert deleted == list(range(50, 70))
    assert ((tuple([49]), tuple([49])) in result) and ((tuple([70]), tuple([50])) in result)


def test_a_merged_pair_becomes_one_two_to_one_bead():
    src, tgt = parallel_corpus(80)
    tgt[30:32] = [tgt[30] + tgt[31]]
    result = beads(align_features(side(src), side(tgt), AlignSettings(), GALE_CHURCH_PRIORS))
    assert ((30, 31), (30,)) in result
    assert sum(1 for s, t in result if len(s) == 1 and len(t) == 1) == 78


def test_a_bracketed_translators_addition_stands_alone():
    src, tgt = parallel_corpus(40)
    tgt.insert(20, ["[Translator's", "note:", "tx", "ty]"])
    editorial = [k == 20 for k in range(len(tgt))]
    result = beads(align_features(side(src), side(tgt, editorial=editorial), AlignSettings(), GALE_CHURCH_PRIORS))
    assert ((), (20,)) in result
    assert ((20,), (21,)) in result


def test_shared_numbers_anchor_a_short_document():
    """Lengths alone cannot tell which of two equal-length sentences was dropped; numbers can."""
    sizes = [12, 30, 20, 20, 9, 25]
    src = [["word"] * k for k in sizes]
    tgt = [["text"] * k for k in (12, 30, 20, 9, 25)]
    src_anchors = [(f"num:{100 + k}",) for k in range(6)]
    tgt_anchors = [(f"num:{100 + k}",) for k in (0, 1, 3, 4, 5)]
    result = beads(align_features(side(src, src_anchors), side(tgt, tgt_anchors), AlignSettings(lexical="none"), GALE_CHURCH_PRIORS))
    assert ((2,), ()) in result


class KeyedEncoder:
    """A deterministic 'multilingual' encoder for the test: a sentence's vector is the sum of
    fixed random vectors of its words' stems, shared across the two 'languages'."""

    def __init__(self, dim: int = 64):
        self.dim = dim

    def encode(self, sentences):
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        for k, text in enumerate(sentences):
            for word in text.split():
                seed = abs(hash(word[1:])) % (2**32)
                out[k] += np.random.default_rng(seed).standard_normal(self.dim)
        return out


@pytest.mark.parametrize("with_embeddings", [False, True], ids=["lexicon only", "lexicon and embeddings"])
def test_embedding_hook_keeps_or_improves_the_alignment(with_embeddings):
    src, tgt = parallel_corpus(60)
    tgt[10:12] = [tgt[10] + tgt[11]]
    embeddings = None
    if with_embeddings:
        encoder = KeyedEncoder()
        embeddings = (encode_sentences(encoder, [" ".join(s) for s in src]), encode_sentences(encoder, [" ".join(t) for t in tgt]))
        assert np.allclose(np.linalg.norm(embeddings[0], axis=1), 1.0, atol=1e-5)
    result = beads(align_features(side(src), side(tgt), AlignSettings(), GALE_CHURCH_PRIORS, embeddings))
    assert ((10, 11), (10,)) in result
    assert sum(1 for s, t in result if len(s) == 1 and len(t) == 1) == 58


def test_confidence_is_high_where_evidence_is_clear():
    src, tgt = parallel_corpus(60)
    alignment = align_features(side(src), side(tgt), AlignSettings(), GALE_CHURCH_PRIORS)
    assert all(0.5 <= b.confidence <= 1.0 for b in alignment.beads)
    assert np.mean([b.confidence for b in alignment.beads]) > 0.9


def test_a_name_repeated_on_both_sides_does_not_buy_a_merge():
    """A key held by two source and two target sentences counts once per source sentence, so
    merging the four sentences into a 2-2 bead earns nothing over the two 1-1 beads."""
    from aligner.align.scoring import AnchorIndex

    sentences = [["a"]] * 40
    anchors = [()] * 40
    anchors[10] = anchors[12] = ("name:makalu",)
    src = side(sentences, list(anchors))
    tgt = side(sentences, list(anchors))
    index = AnchorIndex(src, tgt, {"name": 0.6})
    one_one = index.llr(1, 1, 11, np.array([11]))[0] + index.llr(1, 1, 13, np.array([13]))[0]
    merged = index.llr(3, 3, 13, np.array([13]))[0]
    assert merged == pytest.approx(one_one)


def test_a_fragment_is_merged_with_its_sentence_rather_than_dropped():
    """A heading-like fragment ("Literatur :", its word unknown to the lexicon) joins the
    sentence its translation was fused into, instead of becoming a deletion: a cosine over one
    unit is no evidence against the merge."""
    src, tgt = parallel_corpus(120)
    src.insert(60, ["Literatur", ":"])
    tgt[60] = ["voir"] + tgt[60]
    result = beads(align_features(side(src), side(tgt), AlignSettings(), GALE_CHURCH_PRIORS))
    assert ((60, 61), (60,)) in result


@pytest.mark.parametrize(("n", "folds"), [(10, 2), (23, 2), (88, 4), (138, 5), (5295, 5)])
def test_lexicon_folds_grow_with_the_document(n, folds):
    from aligner.align.driver import lexicon_folds

    assert lexicon_folds(n) == folds


def test_training_pairs_are_the_inner_parts_of_long_runs_of_one_to_one_beads():
    from aligner.align.driver import training_pairs
    from aligner.align.scoring import BeadScorer

    src, tgt = parallel_corpus(26)
    del tgt[10:13]
    # Every pair shares a number, so each 1-1 bead is well evidenced, except one pair whose
    # target is replaced (no shared number): it breaks the second run into 2 + 10.
    src_numbers = [(f"num:{k}",) for k in range(26)]
    tgt_numbers = [n for k, n in enumerate(src_numbers) if not 10 <= k < 13]
    tgt_numbers[12] = ("num:999",)
    steps = [(1, 1)] * 10 + [(1, 0)] * 3 + [(1, 1)] * 13
    scorer = BeadScorer(side(src, src_numbers), side(tgt, tgt_numbers), GALE_CHURCH_PRIORS, {"num": 0.9})
    pairs = training_pairs(steps, scorer)
    # Long runs lose their ends (next to a gap a pass smears); the run of 2 is too short.
    assert pairs == [(i, i) for i in range(1, 9)] + [(17 + k, 14 + k) for k in range(8)]


def test_each_fold_of_the_lexicon_equals_training_without_that_fold():
    """One EM pass trains every fold; fold k's table must be Model 1 on the other folds' pairs."""
    from aligner.align.lexical import encode_side, train_model1, train_model1_folds

    src, tgt = parallel_corpus(60)
    sv, s_ids = encode_side(tuple(tuple(s) for s in src))
    tv, t_ids = encode_side(tuple(tuple(t) for t in tgt))
    fold = np.arange(60) * 3 // 60
    tables = train_model1_folds(s_ids, t_ids, len(sv), len(tv), fold, 3)
    for k, table in enumerate(tables):
        kept = [n for n in range(60) if fold[n] != k]
        alone = train_model1([s_ids[n] for n in kept], [t_ids[n] for n in kept], len(sv), len(tv))
        assert np.array_equal(table.indptr, alone.indptr)
        assert np.array_equal(table.targets, alone.targets)
        assert np.allclose(table.probs, alone.probs, rtol=1e-12)
