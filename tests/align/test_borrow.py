"""Borrowed training pairs (issue #4): which corpus pairs a small document borrows, how its
lexicon trains on them, and that it aligns better for them."""

from __future__ import annotations

import polars as pl
import pytest

from aligner.align.borrow import (
    MIN_CONFIDENCE,
    BorrowedPairs,
    borrowed_pairs,
    for_document,
    qualifies,
)
from aligner.align.evaluate import count_hits, scores
from aligner.align.lexical import LexicalModel, fold_of
from aligner.align.pipeline import align_files
from aligner.align.settings import AlignSettings
from aligner.lang import get_language
from aligner.store.borrowing import even_sample, read_borrowed, select_borrowable
from aligner.store.corpus import Corpus
from tests.align.borrow_texts import lexicon, related_document, sentences, small_document, write_pair

# -- selection rules ----------------------------------------------------------------------

DOCUMENTS = pl.DataFrame(
    [("a", "en", "ru", "en"), ("a", "en-draft", "ru", "en"), ("b", "en", "ru", "en"), ("g", "fr", "de", "fr")],
    schema=["doc_id", "translation_id", "src_lang", "tgt_lang"], orient="row",
)


def segment(doc="b", translation="en", seg_no=0, bead="1-1", confidence=0.95, flags=(), reviewed=False,
            text="x"):
    return {"doc_id": doc, "translation_id": translation, "seg_no": seg_no, "src_text": f"ru {text}",
            "tgt_text": f"en {text}", "bead": bead, "confidence": confidence, "flags": list(flags),
            "reviewed": reviewed}


SELECTION_CASES = [
    ("confident 1-1 of the same language pair", segment(), True),
    ("exactly the confidence floor", segment(confidence=MIN_CONFIDENCE), True),
    ("below the confidence floor", segment(confidence=MIN_CONFIDENCE - 0.01), False),
    ("no confidence recorded", segment(confidence=None), False),
    ("confident but flagged low_confidence", segment(flags=["low_confidence"]), False),
    ("other flags do not matter", segment(flags=["number_mismatch"]), True),
    ("a reviewer accepted it, whatever its confidence", segment(confidence=0.2, flags=["low_confidence"],
                                                                 reviewed=True), True),
    ("a 2-1 bead", segment(bead="2-1"), False),
    ("a deletion", segment(bead="1-0"), False),
    ("another language pair", segment(doc="g", translation="fr"), False),
    ("a document no longer live", segment(doc="gone"), False),
    ("the document being aligned", segment(doc="a", translation="en"), False),
    ("another translation of that document", segment(doc="a", translation="en-draft"), True),
]


@pytest.mark.parametrize("row, kept", [c[1:] for c in SELECTION_CASES], ids=[c[0] for c in SELECTION_CASES])
def test_selection_rules(row, kept):
    frame = pl.LazyFrame([row], schema_overrides={"confidence": pl.Float64, "flags": pl.List(pl.String)})
    rows = select_borrowable(frame, DOCUMENTS, "ru", "en", exclude={("a", "en")})
    assert rows == ([((row["doc_id"], row["translation_id"]), row["src_text"], row["tgt_text"])] if kept else [])


def test_the_cap_takes_pairs_evenly_in_document_order():
    rows = [segment(doc=d, seg_no=k, text=f"{d}{k}") for d in ("b", "a") for k in range(50)]
    picked = select_borrowable(pl.LazyFrame(rows), DOCUMENTS, "ru", "en", limit=5)
    assert [s for _, s, _ in picked] == ["ru a0", "ru a25", "ru b0", "ru b24", "ru b49"]


@pytest.mark.parametrize("count, limit, expected", [
    (3, 5, [0, 1, 2]), (10, 4, [0, 3, 6, 9]), (100, 1, [0]), (7, 0, []), (0, 3, []),
], ids=["under the cap", "spread with both ends", "one", "none wanted", "none there"])
def test_even_sample(count, limit, expected):
    assert even_sample(count, limit) == expected


def test_pairs_are_tokenized_like_the_aligners_features():
    ru, en = "Товарищ Микоян (А. И.) прибыл 22 сентября.", "Comrade Mikoyan arrived on 22 September."
    pairs = borrowed_pairs([(("d", "en"), ru, en)], "ru", "en")
    assert pairs.src_words == (tuple(get_language("ru").words(ru)),)
    assert pairs.tgt_words == (tuple(get_language("en").words(en)),)
    assert pairs.sources == (("d", "en"),)


PAIRS = BorrowedPairs((("а",), ("б",), ("в",)), (("a",), ("b",), ("c",)), (("x", "en"), ("y", "en"), ("x", "en")),
                      "ru", "en")


def test_exclude_leaves_out_several_documents_and_refuses_a_lone_key():
    rows = [segment(doc=d, translation=t, text=d + t) for d, t in (("a", "en"), ("a", "en-draft"), ("b", "en"))]
    picked = select_borrowable(pl.LazyFrame(rows), DOCUMENTS, "ru", "en", exclude=[("a", "en"), ("b", "en")])
    assert [key for key, _, _ in picked] == [("a", "en-draft")]
    with pytest.raises(TypeError, match="collection of"):
        select_borrowable(pl.LazyFrame(rows), DOCUMENTS, "ru", "en", exclude=("a", "en"))


DOCUMENT_CASES = [
    ("a small document borrows", dict(), 3),
    ("a long document does not", dict(n_src=5, n_tgt=5_000), None),
    ("no lexicon, nothing to borrow for", dict(lexical="none"), None),
    ("another language pair", dict(tgt_lang="fr"), None),
    ("the reader is called for a small document", dict(source=lambda key: PAIRS), 3),
    ("an empty corpus", dict(source=lambda key: None), None),
]


@pytest.mark.parametrize("changes, expected", [c[1:] for c in DOCUMENT_CASES], ids=[c[0] for c in DOCUMENT_CASES])
def test_which_documents_borrow(changes, expected):
    args = dict(source=PAIRS, key=("z", "en"), src_lang="ru", tgt_lang="en", n_src=30, n_tgt=29, lexical="prefix")
    args.update(changes)
    pairs = for_document(**args)
    assert (None if pairs is None else len(pairs)) == expected


def test_a_long_document_never_calls_the_reader():
    def reader(key):
        raise AssertionError("read for a document that does not qualify")

    assert for_document(reader, ("d", "en"), "ru", "en", 5_000, 5_000) is None
    assert qualifies(999, 10) and not qualifies(1_000, 10)


def test_the_reader_is_given_the_documents_key_and_the_pairs_are_shared_not_copied():
    asked = []
    pairs = for_document(lambda key: asked.append(key) or PAIRS, ("z", "en"), "ru", "en", 30, 29)
    assert asked == [("z", "en")] and pairs is PAIRS
    # A document whose corpus also holds others' pairs gets the one shared object (so the
    # lexicon trained on it is shared too: ``lexical.corpus_lexicon`` is identity-keyed).
    assert for_document(PAIRS, ("z", "en"), "ru", "en", 30, 29) is PAIRS


@pytest.mark.parametrize("source", [PAIRS, lambda key: PAIRS], ids=["pairs given", "pairs read"])
def test_pairs_holding_the_documents_own_are_refused(source):
    # Exclusion happens once, when reading (``exclude``): pairs that were not read so are a bug.
    with pytest.raises(ValueError, match="exclude"):
        for_document(source, ("x", "en"), "ru", "en", 30, 29)


def test_the_signature_records_the_borrowed_pairs():
    from aligner import __version__
    from aligner.align.settings import AlignSettings
    from aligner.align.signature import alignment_signature

    signature = alignment_signature("lines", "lines", "gloss:none", AlignSettings(), ("borrowed:12",))
    assert signature.endswith(f"|borrowed:12|version:{__version__}")
    assert "borrowed" not in alignment_signature("lines", "lines", "gloss:none", AlignSettings())


# -- training ------------------------------------------------------------------------------

def sentences_of(words, seed):
    """One random sentence pair (eight words) of the invented word list."""
    import random

    return sentences(random.Random(seed).sample(words, 8))


def _document():
    """Twenty pairs: 'qqqqq'/'kkkkk' only in the first stretch (fold 0), the rest shared."""
    src = [["qqqqq" if k < 10 else "rrrrr", "common"] for k in range(20)]
    tgt = [["kkkkk" if k < 10 else "lllll", "gemein"] for k in range(20)]
    return src, tgt, [(k, k) for k in range(20)]


def _row(model: LexicalModel, table: int, unit: str) -> dict[int, float]:
    fwd = model.forward[table]
    u = model.src_vocab.ids[unit]
    lo, hi = fwd.indptr[u], fwd.indptr[u + 1]
    return dict(zip(fwd.targets[lo:hi].tolist(), fwd.probs[lo:hi].tolist()))


def test_borrowed_pairs_reach_every_fold_and_change_the_table():
    src, tgt, pairs = _document()
    borrowed = BorrowedPairs((("rrrrr", "qqqqq"),) * 5, (("lllll", "kkkkk"),) * 5, (("other", "en"),) * 5,
                             "ru", "en")
    alone = LexicalModel.train(src, tgt, pairs, folds=2)
    model = LexicalModel.train(src, tgt, pairs, folds=2, borrowed=borrowed)
    assert fold_of(20, 2).tolist() == [0] * 10 + [1] * 10
    kkkkk = model.tgt_vocab.ids["kkkkk"]
    # Alone, the lexicon for the first stretch never saw 'qqqqq'; borrowed, it learns it.
    assert _row(alone, 0, "qqqqq") == {}
    assert _row(model, 0, "qqqqq").get(kkkkk, 0.0) > 0.3
    assert _row(model, 1, "qqqqq").get(kkkkk, 0.0) > 0.3
    assert _row(model, 1, "rrrrr") != _row(alone, 1, "rrrrr")


def test_a_held_out_stretch_never_trains_on_its_own_pairs():
    src, tgt, pairs = _document()
    borrowed = BorrowedPairs((("common",),) * 5, (("gemein",),) * 5, (("other", "en"),) * 5, "ru", "en")
    model = LexicalModel.train(src, tgt, pairs, folds=2, borrowed=borrowed)
    # 'qqqqq' occurs only in the first stretch's own pairs, and not in the borrowed ones.
    assert _row(model, 0, "qqqqq") == {}
    assert _row(model, 1, "qqqqq")


def test_the_borrowed_model_is_learned_once_and_shared():
    from aligner.align import lexical

    src, tgt, pairs = _document()
    borrowed = BorrowedPairs((("common",),) * 5, (("gemein",),) * 5, (("other", "en"),) * 5, "ru", "en")
    first = LexicalModel.train(src, tgt, pairs, folds=2, borrowed=borrowed)
    shared = lexical._RECENT_LEXICONS[0][2]
    prior = lexical._RECENT_PRIORS[0][3]
    second = LexicalModel.train(src, tgt, pairs[:15], folds=2, borrowed=borrowed)  # a later round
    assert lexical._RECENT_PRIORS[0][3] is prior
    # Each model has its own vocabularies (a later projection may add units to one).
    assert first.src_vocab is not second.src_vocab and first.src_vocab.ids == second.src_vocab.ids
    other = [["common", "ttttt"]] * 4, [["gemein", "uuuuu"]] * 4
    LexicalModel.train(*other, [(k, k) for k in range(4)], folds=2, borrowed=borrowed)  # another document
    assert lexical._RECENT_LEXICONS[0][2] is shared


def test_a_documents_share_of_the_borrowed_model_keeps_its_probabilities(monkeypatch):
    from aligner.align import lexical

    words = lexicon(60, seed=2)
    borrowed = borrowed_pairs([(("d", "en"), *sentences_of(words, k)) for k in range(40)], "ru", "en")
    src, tgt = related_document(words[:30], 12, seed=5)
    src, tgt = [s.split() for s in src], [t.split() for t in tgt]

    def tables(kept: int) -> dict[tuple[str, str], float]:
        monkeypatch.setattr(lexical, "PRIOR_TRANSLATIONS", kept)
        lexical._RECENT_LEXICONS.clear()
        lexical._RECENT_PRIORS.clear()
        model = LexicalModel.train(src, tgt, [(k, k) for k in range(12)], folds=2, borrowed=borrowed)
        names, targets = list(model.src_vocab.ids), list(model.tgt_vocab.ids)
        table = model.forward[0]
        return {(names[u], targets[t]): p for u in range(len(names))
                for t, p in zip(table.targets[table.indptr[u]:table.indptr[u + 1]].tolist(),
                                table.probs[table.indptr[u]:table.indptr[u + 1]].tolist())}

    # Links to units the document lacks are cut to the TOP_TRANSLATIONS largest per word, the
    # rest of their count sunk: the tables are those of every link kept.
    full, cut = tables(10**6), tables(lexical.TOP_TRANSLATIONS)
    assert len(cut) > 100 and cut.keys() == full.keys()
    assert list(cut.values()) == pytest.approx([full[key] for key in cut])
    # Fewer, and a word's table has room for more of the document's own units.
    assert tables(1).keys() != full.keys()


# -- alignment -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def related_corpus(tmp_path_factory):
    """A corpus of three related documents (the same invented vocabulary)."""
    tmp = tmp_path_factory.mktemp("related")
    words = lexicon()
    corpus = Corpus.open(tmp / "corpus", create=True)
    docs = []
    for k in range(3):
        src, tgt = related_document(words, 60, seed=k)
        docs.append(align_files(*write_pair(tmp / f"rel{k}", src, tgt), segmented=True, lemmas=False,
                                doc_id=f"rel{k}"))
    corpus.write_documents(docs)
    return corpus, words


@pytest.mark.parametrize("lexical", ["prefix", "sentencepiece"])
def test_a_small_document_aligns_better_with_the_corpus_model(related_corpus, tmp_path, lexical):
    corpus, words = related_corpus
    settings = AlignSettings(lexical=lexical)
    src, tgt, gold = small_document(words)
    paths = write_pair(tmp_path / "small", src, tgt)
    borrowed = read_borrowed(corpus, "ru", "en", exclude={("small", "en")})
    alone = align_files(*paths, None, settings, segmented=True, lemmas=False, doc_id="small")
    helped = align_files(*paths, None, settings, segmented=True, lemmas=False, doc_id="small", borrowed=borrowed)

    def f1(doc):
        return scores(count_hits(gold, [(b.src, b.tgt) for b in doc.alignment.beads])).f1_strict

    # Its own pairs teach its cross-fitted lexicon nothing (each word occurs once), and length
    # cannot tell which sentence of the even stretch is missing; the corpus's lexicon can.
    assert f1(alone) < 0.9 < f1(helped)
    if lexical == "prefix":
        assert f1(helped) == 1.0
    assert helped.settings["borrowed"] == len(borrowed) > 100
    assert f"|borrowed:{len(borrowed)}|" in helped.signature
    assert "borrowed" not in alone.settings and "borrowed:" not in alone.signature


def test_the_corpus_lexicon_is_found_by_the_pairs_identity_and_equal_units():
    from aligner.align.lexical import corpus_lexicon
    from aligner.align.units import PrefixUnits

    first = corpus_lexicon(PAIRS, PrefixUnits())
    assert corpus_lexicon(PAIRS, PrefixUnits()) is first  # each document's own, equal, units object
    copy = BorrowedPairs(PAIRS.src_words, PAIRS.tgt_words, PAIRS.sources, "ru", "en")
    assert corpus_lexicon(copy, PrefixUnits()) is not first
