"""``read_borrowed``: the pairs a small document borrows, read from a real corpus."""

from __future__ import annotations

import pytest

from aligner.align.borrow import MIN_CONFIDENCE
from aligner.align.pipeline import align_files
from aligner.lang import get_language
from aligner.store.borrowing import read_borrowed
from tests.conftest import CORPORA

CABLE = CORPORA / "cable-1956-09-23-mikoyan"
MEMO = CORPORA / "memo-1956-10-05-ivanov-kim-il-sung"


def _aligned(folder, **kwargs):
    return align_files(folder / "ru.txt", folder / "en.txt", lemmas=False, **kwargs)


@pytest.fixture
def two_documents(corpus):
    corpus.write_documents([_aligned(CABLE), _aligned(MEMO)])
    return corpus


def _expected(corpus, keys):
    segments = corpus.read_segments()
    rows = segments.filter((segments["bead"] == "1-1") & (segments["confidence"] >= MIN_CONFIDENCE))
    ru, en = get_language("ru"), get_language("en")
    return [
        (tuple(ru.words(r["src_text"])), tuple(en.words(r["tgt_text"])))
        for r in rows.iter_rows(named=True)
        if (r["doc_id"], r["translation_id"]) in keys and "low_confidence" not in r["flags"]
    ]


def test_reads_the_live_confident_pairs_tokenized_as_features(two_documents):
    pairs = read_borrowed(two_documents, "ru", "en")
    keys = {(CABLE.name, "en"), (MEMO.name, "en")}
    assert set(pairs.sources) == keys
    assert list(zip(pairs.src_words, pairs.tgt_words)) == _expected(two_documents, keys)
    assert len(pairs) > 40


def test_leaves_out_the_document_being_aligned(two_documents):
    pairs = read_borrowed(two_documents, "ru", "en", exclude={(CABLE.name, "en")})
    assert set(pairs.sources) == {(MEMO.name, "en")}


def test_a_rewritten_document_lends_only_its_live_generation(two_documents):
    before = len(read_borrowed(two_documents, "ru", "en", exclude={(CABLE.name, "en")}))
    # The memo again, now from its .sents files: the old generation's rows stay on disk.
    two_documents.write_document(align_files(MEMO / "ru.sents", MEMO / "en.sents", segmented=True, lemmas=False,
                                             doc_id=MEMO.name, translation_id="en"))
    pairs = read_borrowed(two_documents, "ru", "en", exclude={(CABLE.name, "en")})
    assert len(pairs) == len(_expected(two_documents, {(MEMO.name, "en")}))
    assert 0 < len(pairs) <= before + 5


@pytest.mark.parametrize("languages, limit, expected", [
    (("ru", "en"), 7, 7),
    (("de", "fr"), 5_000, 0),
    (("en", "ru"), 5_000, 0),
], ids=["capped", "another language pair", "the pair reversed"])
def test_cap_and_language_pair(two_documents, languages, limit, expected):
    pairs = read_borrowed(two_documents, *languages, limit=limit)
    assert len(pairs) == expected
    assert (pairs.src_lang, pairs.tgt_lang) == languages


def test_an_empty_corpus_lends_nothing(corpus):
    assert len(read_borrowed(corpus, "ru", "en")) == 0


def test_borrow_source_reads_only_when_called_and_leaves_out_the_document(two_documents, tmp_path):
    from aligner.store.borrowing import borrow_source

    read = borrow_source(two_documents.path, "ru", "en")
    assert set(read((CABLE.name, "en")).sources) == {(MEMO.name, "en")}
    assert set(read(("other", "en")).sources) == {(CABLE.name, "en"), (MEMO.name, "en")}
    also = borrow_source(two_documents.path, "ru", "en", exclude={(MEMO.name, "en")})
    assert len(also((CABLE.name, "en"))) == 0
    # A folder the alignment will make a corpus of has nothing to lend yet.
    assert borrow_source(tmp_path / "new", "ru", "en")(("d", "en")) is None
    with pytest.raises(TypeError):
        borrow_source(two_documents.path, "ru", "en", exclude=(CABLE.name, "en"))
