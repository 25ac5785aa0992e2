"""``aligner import``: read a TMX/XLIFF/TSV/CSV/JSONL/Parquet file as new documents or corrections."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, GlossaryOpt, LockTimeoutOpt, TranslationOpt
from aligner.cli.output import Format, note, render_rows
from aligner.interchange.kinds import ExchangeFormat

PLAN_COLUMNS = ["doc_id", "translation_id", "kind", "segments", "changes"]


def _default_editor() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@app.command("import")
@reports_errors
def import_(
    corpus: CorpusArg,
    file: Annotated[Path, typer.Argument(help="The file to import.", dir_okay=False, show_default=False)],
    fmt: Annotated[
        ExchangeFormat | None, typer.Option("--format", help="File format (default: from the file's extension).")
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Import as this document id (a file of one document).")] = None,
    translation: TranslationOpt = None,
    src_lang: Annotated[str, typer.Option("--src-lang", help="Source language where the file does not say.")] = "ru",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Target language where the file does not say.")] = "en",
    glossary: GlossaryOpt = None,
    editor: Annotated[str | None, typer.Option("--editor", help="Who made the edits (default: your user name).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show what would change; write nothing.")] = False,
    lock_timeout: LockTimeoutOpt = 30.0,
) -> None:
    """Import a TMX (from any tool) as a new document, or a reviewer's edited export as corrections.

    Example: aligner import my-corpus/ cable-reviewed.tsv --editor anna
    """
    from aligner.interchange.formats import read_interchange
    from aligner.interchange.importer import apply_import, describe_plan, plan_import
    from aligner.store.corpus import Corpus

    gloss = None
    if glossary is not None:
        from aligner.glossary import load_glossary

        gloss = load_glossary(glossary)
    source = read_interchange(file, fmt)
    # A missing or empty folder is a corpus to create: everything is checked before it is made.
    exists = corpus.exists() and (not corpus.is_dir() or any(corpus.iterdir()))
    store = Corpus.open(corpus) if exists else None
    plan = plan_import(store, source, doc_id=doc, translation_id=translation, src_lang=src_lang, tgt_lang=tgt_lang, glossary=gloss)
    if dry_run:
        render_rows(describe_plan(plan), PLAN_COLUMNS, Format.tsv)
        return
    store = store or Corpus.open(corpus, create=True)
    results = apply_import(store, plan, editor=editor or _default_editor(), lock_timeout=lock_timeout)
    for r in results:
        where = f"generation {r.generation}" if r.generation is not None else "nothing written"
        note(f"{r.doc_id}/{r.translation_id}: {r.kind}, {r.segments} segment(s), {r.changes} change(s) ({where})")
