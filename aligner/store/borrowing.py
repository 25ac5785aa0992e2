"""Select and read the training pairs a small document borrows from a corpus (rules:
``aligner.align.borrow``).

Conventions: ``exclude`` is a collection of ``(doc_id, translation_id)`` keys whose pairs are
never read (the one place documents are left out); the selection is deterministic for a
corpus version (``(doc_id, translation_id, seg_no)`` order, an even sample of at most
``limit``).
"""

from __future__ import annotations

import os
from collections.abc import Collection
from typing import TYPE_CHECKING

from aligner.align.borrow import (
    MAX_BORROWED_PAIRS,
    MIN_CONFIDENCE,
    BorrowedPairs,
    BorrowSource,
    DocKey,
    borrowed_pairs,
)
from aligner.store.corpus import MARKER, Corpus

if TYPE_CHECKING:
    import polars as pl


def even_sample(count: int, limit: int) -> list[int]:
    """Indices of at most ``limit`` of ``count`` items, evenly spread, first and last included."""
    if count <= limit:
        return list(range(count))
    if limit <= 1:
        return [0] if limit == 1 else []
    return [round(k * (count - 1) / (limit - 1)) for k in range(limit)]


def _keys_frame(keys: Collection[DocKey]) -> pl.DataFrame:
    import polars as pl

    keys = list(keys)
    # A lone key passed where a collection of keys belongs would be read as two bad keys.
    if any(not (isinstance(k, tuple) and len(k) == 2) for k in keys):
        raise TypeError("exclude takes a collection of (doc_id, translation_id) keys")
    return pl.DataFrame({"doc_id": [d for d, _ in keys], "translation_id": [t for _, t in keys]},
                        schema={"doc_id": pl.String, "translation_id": pl.String})


def select_borrowable(
    segments: pl.LazyFrame,
    documents: pl.DataFrame,
    src_lang: str,
    tgt_lang: str,
    *,
    exclude: Collection[DocKey] = (),
    limit: int = MAX_BORROWED_PAIRS,
) -> list[tuple[DocKey, str, str]]:
    """``(doc key, source text, target text)`` of the borrowable pairs (``aligner.align.borrow``),
    none of the documents in ``exclude``.

    :param segments: live ``segments`` rows (``Corpus.scan_segments``).
    :param documents: live ``documents`` rows (``Corpus.read_documents``).
    """
    import polars as pl

    docs = documents.filter((pl.col("src_lang") == src_lang) & (pl.col("tgt_lang") == tgt_lang))
    excluded = _keys_frame(exclude)
    if not excluded.is_empty():
        docs = docs.join(excluded, on=["doc_id", "translation_id"], how="anti")
    if docs.is_empty():
        return []
    confident = (pl.col("confidence") >= MIN_CONFIDENCE) & ~pl.col("flags").list.contains("low_confidence")
    rows = (
        segments.join(docs.lazy().select("doc_id", "translation_id"), on=["doc_id", "translation_id"], how="semi")
        .filter((pl.col("bead") == "1-1") & (confident.fill_null(False) | pl.col("reviewed").fill_null(False)))
        .select("doc_id", "translation_id", "seg_no", "src_text", "tgt_text")
        .sort("doc_id", "translation_id", "seg_no")
        .collect()
    )
    keep = even_sample(rows.height, limit)
    picked = rows[keep] if len(keep) < rows.height else rows
    # One key object per document, not one per pair (the pairs are shipped to batch workers).
    keys: dict[DocKey, DocKey] = {}
    return [
        (keys.setdefault((d, t), (d, t)), s, g)
        for d, t, s, g in picked.select("doc_id", "translation_id", "src_text", "tgt_text").iter_rows()
    ]


def read_borrowed(
    corpus: Corpus,
    src_lang: str,
    tgt_lang: str,
    *,
    exclude: Collection[DocKey] = (),
    limit: int = MAX_BORROWED_PAIRS,
) -> BorrowedPairs:
    """The corpus's borrowable pairs for documents of ``src_lang``-``tgt_lang``, tokenized, at
    most ``limit``, none of the documents in ``exclude`` (``(doc_id, translation_id)`` keys), as
    the corpus reads now (a corpus without documents of the pair costs one small read)."""
    documents = corpus.read_documents()
    rows = select_borrowable(corpus.scan_segments(), documents, src_lang, tgt_lang, exclude=exclude, limit=limit)
    return borrowed_pairs(rows, src_lang, tgt_lang)


def borrow_source(corpus_path: str | os.PathLike[str], src_lang: str, tgt_lang: str, *,
                  exclude: Collection[DocKey] = ()) -> BorrowSource:
    """A reader for ``align_files(borrowed=...)``: called with a qualifying document's key, it
    reads the pairs of the corpus at ``corpus_path`` leaving out that document and ``exclude``;
    none while the folder holds no corpus yet (one the alignment is about to create). The
    corpus is opened only when a document qualifies."""
    excluded = frozenset(exclude)
    _keys_frame(excluded)  # a bad ``exclude`` is reported now, not after the alignment began

    def read(key: DocKey) -> BorrowedPairs | None:
        if not os.path.isfile(os.path.join(corpus_path, MARKER)):
            return None
        return read_borrowed(Corpus.open(corpus_path), src_lang, tgt_lang, exclude=excluded | {key})

    return read
