"""``aligner align``: align one original with one translation, store it and/or write beads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import reports_errors
from aligner.cli.main import app
from aligner.align.beads import DEFAULT_MAX_BEAD
from aligner.align.units import LexicalUnits
from aligner.cli.options import (
    DEFAULT_MAX_INPUT_MB,
    GlossaryOpt,
    LexicalOpt,
    LockTimeoutOpt,
    MaxBeadOpt,
    MaxInputSizeOpt,
)
from aligner.cli.output import Format, note, render_rows

SEGMENT_COLUMNS = ["seg_no", "src_text", "tgt_text", "bead", "score", "confidence", "flags"]



@app.command()
@reports_errors
def align(
    src: Annotated[Path, typer.Argument(help="The original (source language) text file.", show_default=False)],
    tgt: Annotated[Path, typer.Argument(help="The translation (target language) text file.", show_default=False)],
    glossary: GlossaryOpt = None,
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Store the result in this corpus folder.")] = None,
    beads_out: Annotated[
        Path | None, typer.Option("--beads-out", help="Write beads in Vecalign format ([0]:[0]) to this file.")
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Document id (default: from the source path).")] = None,
    translation: Annotated[
        str | None, typer.Option("--translation", help="Translation id (default: the target file's stem).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Document title.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Document date (e.g. 1956-09-22).")] = None,
    archive_ref: Annotated[str | None, typer.Option("--archive-ref", help="Where the original is kept.")] = None,
    segmented: Annotated[
        bool, typer.Option("--segmented", help="Input is one sentence per line (blank line = paragraph).")
    ] = False,
    src_lang: Annotated[str, typer.Option("--src-lang", help="Source language (ISO 639-1).")] = "ru",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Target language (ISO 639-1).")] = "en",
    max_bead: MaxBeadOpt = DEFAULT_MAX_BEAD,
    lexical: LexicalOpt = LexicalUnits.prefix,
    lock_timeout: LockTimeoutOpt = 30.0,
    max_input_size: MaxInputSizeOpt = DEFAULT_MAX_INPUT_MB,
    fmt: Annotated[Format, typer.Option("--format", help="Format of the printed segments.")] = Format.table,
    embedder: Annotated[
        Path | None,
        typer.Option("--embedder", help="A local sentence-transformers model folder to add embedding evidence."),
    ] = None,
    borrow: Annotated[
        bool,
        typer.Option("--borrow/--no-borrow", help="A small document's lexicon also learns from the confident "
                                                  "pairs already in --corpus."),
    ] = True,
) -> None:
    """Align an original with its translation, sentence by sentence.

    Example: aligner align corpora/cable-1956-09-23-mikoyan/ru.txt corpora/cable-1956-09-23-mikoyan/en.txt -g glossaries/soviet-korea-1956.tsv --corpus my-corpus/
    """
    from aligner.align.beads import bead_types_up_to
    from aligner.align.pipeline import align_files
    from aligner.align.settings import AlignSettings
    from aligner.interchange.beads import write_beads

    # Validate everything before the corpus is opened for writing. The glossary readers, the
    # corpus (polars, deltalake) and the embedder are imported only when asked for.
    gloss = None
    if glossary is not None:
        from aligner.glossary import load_glossary

        gloss = load_glossary(glossary, src_lang, tgt_lang)
    encoder = None
    if embedder is not None:
        from aligner.align.embedding import load_embedder

        encoder = load_embedder(embedder)
    borrowed = None
    if corpus is not None:
        from aligner.store.corpus import Corpus

        Corpus.check_target(corpus)
        if borrow:
            from aligner.store.borrowing import borrow_source

            borrowed = borrow_source(corpus, src_lang, tgt_lang)
    types = bead_types_up_to(max_bead)
    doc_result = align_files(
        src,
        tgt,
        gloss,
        AlignSettings(bead_types=types, lexical=lexical.value),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        doc_id=doc,
        translation_id=translation,
        title=title,
        date=date,
        archive_ref=archive_ref,
        segmented=segmented,
        lemmas=corpus is not None,
        max_input_size=max_input_size * 1024 * 1024,
        embedder=encoder,
        # Beads alone (--beads-out, no corpus) need no segment rows: they cost a large share of the time.
        segments=corpus is not None or beads_out is None,
        borrowed=borrowed,
    )
    if beads_out is not None:
        write_beads(((b.src, b.tgt) for b in doc_result.alignment.beads), beads_out)
    if corpus is not None:
        Corpus.open(corpus, create=True).write_document(doc_result, lock_timeout=lock_timeout)
    if corpus is None and beads_out is None:
        rows = [{c: getattr(s, c) for c in SEGMENT_COLUMNS} for s in doc_result.segments]
        render_rows(rows, SEGMENT_COLUMNS, fmt, title=f"{doc_result.doc_id} / {doc_result.translation_id}")
    note(summary(doc_result, corpus, beads_out))


def summary(doc, corpus: Path | None, beads_out: Path | None) -> str:
    """The short report printed on stderr after aligning."""
    from collections import Counter

    beads = doc.alignment.beads
    kinds = Counter(b.kind for b in beads)
    if doc.segments:
        low = sum(1 for s in doc.segments if "low_confidence" in s.flags)
    else:  # only the beads were built: the flag's own rule (aligner.align.flags)
        low = sum(1 for b in beads if b.confidence < doc.settings["low_confidence"])
    by_type = ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    lines = [
        f"document {doc.doc_id}, translation {doc.translation_id}: "
        f"{len(doc.src_sents)} {doc.src.lang} / {len(doc.tgt_sents)} {doc.tgt.lang} sentences",
        f"beads: {len(beads)} ({by_type}); low confidence: {low}",
    ]
    if doc.settings.get("borrowed"):
        lines.append(f"lexicon also trained on {doc.settings['borrowed']} pairs borrowed from the corpus")
    if corpus is not None:
        lines.append(f"stored in {corpus}")
    if beads_out is not None:
        lines.append(f"beads written to {beads_out}")
    lines.append(f"signature: {doc.signature}")
    return "\n".join(lines)
