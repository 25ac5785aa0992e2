"""``aligner history`` and ``aligner restore``: a document's versions, and bringing one back."""

from __future__ import annotations

from typing import Annotated

import typer

from aligner.cli.errors import reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, DocOpt, FormatOpt, LockTimeoutOpt, TranslationOpt
from aligner.cli.output import Format, note, render_rows


@app.command()
@reports_errors
def history(corpus: CorpusArg, doc: DocOpt, translation: TranslationOpt = None, fmt: FormatOpt = Format.table) -> None:
    """List the corpus versions that changed a document (aligned, imported, edited, restored, removed).

    Example: aligner history my-corpus/ --doc cable-1956-09-23-mikoyan
    """
    from aligner.store.corpus import Corpus
    from aligner.store.history import HISTORY_COLUMNS, read_history

    frame = read_history(Corpus.open(corpus), doc, translation)
    render_rows(frame.to_dicts(), list(HISTORY_COLUMNS), fmt)


@app.command()
@reports_errors
def restore(
    corpus: CorpusArg,
    doc: DocOpt,
    version: Annotated[int, typer.Option("--version", min=0, help="The corpus version to bring back (see history).")],
    translation: TranslationOpt = None,
    editor: Annotated[str | None, typer.Option("--editor", help="Who restores (default: your user name).")] = None,
    lock_timeout: LockTimeoutOpt = 30.0,
) -> None:
    """Bring back the version a document had at an earlier corpus version (one commit, recorded).

    Example: aligner restore my-corpus/ --doc cable-1956-09-23-mikoyan --version 1
    """
    from aligner.cli.import_cmd import _default_editor
    from aligner.store.corpus import Corpus
    from aligner.store.history import restore_version

    store = Corpus.open(corpus)
    generation = restore_version(store, doc, version, translation, editor=editor or _default_editor(), lock_timeout=lock_timeout)
    note(f"restored {doc} to its version of corpus version {version} (generation {generation}); corpus version now {store.version}")
