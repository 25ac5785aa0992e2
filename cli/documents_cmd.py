"""``aligner show``, ``aligner docs``, ``aligner rm``: look at and remove stored documents."""

from __future__ import annotations

from aligner.cli.align_cmd import SEGMENT_COLUMNS
from aligner.cli.errors import reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, DocOpt, FormatOpt, LockTimeoutOpt, TranslationOpt
from aligner.cli.output import Format, note, render_rows

DOCUMENT_COLUMNS = [
    "doc_id", "translation_id", "title", "date", "archive_ref", "src_lang", "tgt_lang",
    "n_src_sents", "n_tgt_sents", "generation", "created_at",
]


@app.command()
@reports_errors
def show(
    corpus: CorpusArg,
    doc: DocOpt,
    translation: TranslationOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Print a stored document's aligned segments side by side.

    Example: aligner show my-corpus/ --doc cable-1956-09-23-mikoyan
    """
    from aligner.store.corpus import Corpus

    store = Corpus.open(corpus)
    translation_id = store.resolve_translation(doc, translation)
    frame = store.read_segments(doc_id=doc, translation_id=translation_id)
    render_rows(frame.to_dicts(), SEGMENT_COLUMNS, fmt, title=f"{doc} / {translation_id}")


@app.command()
@reports_errors
def docs(corpus: CorpusArg, fmt: FormatOpt = Format.table) -> None:
    """List the documents and translations in a corpus.

    Example: aligner docs my-corpus/
    """
    from aligner.store.corpus import Corpus

    frame = Corpus.open(corpus).read_documents().sort("doc_id", "translation_id")
    columns = [c for c in DOCUMENT_COLUMNS if c in frame.columns]
    render_rows(frame.to_dicts(), columns, fmt)


@app.command()
@reports_errors
def rm(
    corpus: CorpusArg,
    doc: DocOpt,
    translation: TranslationOpt = None,
    lock_timeout: LockTimeoutOpt = 30.0,
) -> None:
    """Remove a document (or one of its translations) from a corpus.

    Example: aligner rm my-corpus/ --doc cable-1956-09-23-mikoyan --translation en
    """
    from aligner.store.corpus import Corpus

    store = Corpus.open(corpus)
    removed = store.remove_document(doc, translation, lock_timeout=lock_timeout)
    note(f"removed {removed} translation(s) of {doc} from {corpus}")
