"""Read the training pairs a small document borrows from a corpus (rules: ``aligner.align.borrow``)."""

from __future__ import annotations

from aligner.align.borrow import MAX_BORROWED_PAIRS, BorrowedPairs, DocKey, borrowed_pairs, select_borrowable
from aligner.store.corpus import Corpus


def read_borrowed(
    corpus: Corpus,
    src_lang: str,
    tgt_lang: str,
    *,
    exclude: DocKey | None = None,
    limit: int = MAX_BORROWED_PAIRS,
) -> BorrowedPairs:
    """The corpus's borrowable pairs for documents of ``src_lang``-``tgt_lang``, tokenized, at
    most ``limit``, none of document ``exclude`` (``(doc_id, translation_id)``), as the corpus
    reads now (a corpus without documents of the pair costs one small read)."""
    documents = corpus.read_documents()
    rows = select_borrowable(corpus.scan_segments(), documents, src_lang, tgt_lang, exclude=exclude, limit=limit)
    return borrowed_pairs(rows, src_lang, tgt_lang)
