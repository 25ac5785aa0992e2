"""``aligner align-batch``: align every pair of a manifest (or a corpora/-like folder) into a corpus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import EXIT_FINDINGS, reports_errors
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



@app.command("align-batch")
@reports_errors
def align_batch(
    manifest: Annotated[
        Path,
        typer.Argument(help="CSV/TSV manifest (doc_id, src_path, tgt_path, ...) or a folder laid out like corpora/.",
                       show_default=False),
    ],
    corpus: Annotated[Path, typer.Option("--corpus", help="Corpus folder to store the documents in.", show_default=False)],
    glossary: GlossaryOpt = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Processes to align with (default: all cores).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip documents already stored from the same files.")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); needs aligner[distributed]."),
    ] = None,
    segmented: Annotated[
        bool, typer.Option("--segmented", help="Inputs are one sentence per line (blank line = paragraph).")
    ] = False,
    src_lang: Annotated[str, typer.Option("--src-lang", help="Source language where the manifest names none.")] = "ru",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Target language where the manifest names none.")] = "en",
    max_bead: MaxBeadOpt = DEFAULT_MAX_BEAD,
    lexical: LexicalOpt = LexicalUnits.prefix,
    lock_timeout: LockTimeoutOpt = 30.0,
    max_input_size: MaxInputSizeOpt = DEFAULT_MAX_INPUT_MB,
    borrow: Annotated[
        bool,
        typer.Option("--borrow/--no-borrow", help="Small documents' lexicons also learn from the confident pairs "
                                                  "the corpus held when the batch started."),
    ] = True,
) -> None:
    """Align every document pair of a manifest into a corpus, on all cores.

    Failed documents are listed at the end (exit 1); the others are stored. Documents are
    committed in groups, so an interrupted batch keeps what it aligned: run it again with
    --resume to skip those.

    Example: aligner align-batch corpora/ --corpus my-corpus/ -g glossaries/soviet-korea-1956.tsv
    """
    if scheduler is not None and workers is not None:
        raise typer.BadParameter("give --workers or --scheduler, not both (a cluster has its own workers)",
                                 param_hint="--workers")
    from aligner.align.batch import align_batch as run_batch
    from aligner.align.batch import default_workers, read_manifest
    from aligner.align.beads import bead_types_up_to
    from aligner.align.settings import AlignSettings
    from aligner.glossary import load_glossary
    from aligner.store.corpus import Corpus

    # Validate everything before the corpus is opened for writing.
    items = read_manifest(manifest, src_lang, tgt_lang)
    gloss = load_glossary(glossary, src_lang, tgt_lang) if glossary is not None else None
    store = Corpus.open(corpus, create=True)
    types = bead_types_up_to(max_bead)
    with _ProgressBar(len(items)) as bar:
        report = run_batch(
            items, store, gloss, AlignSettings(bead_types=types, lexical=lexical.value),
            workers=workers or default_workers(), resume=resume, scheduler=scheduler, segmented=segmented,
            max_input_size=max_input_size * 1024 * 1024, lock_timeout=lock_timeout, progress=bar.update,
            borrow=borrow,
        )
    rate = report.sentences / report.seconds if report.seconds > 0 else 0.0
    note(
        f"aligned {report.aligned} documents ({report.sentences} sentences, {rate:.0f} sentences/s) in "
        f"{report.seconds:.1f} s; skipped {report.skipped} already stored; failed {len(report.failures)}; "
        f"stored in {corpus}"
    )
    if report.failures:
        rows = [{"doc_id": f.doc_id, "translation_id": f.translation_id, "error": f.error} for f in report.failures]
        render_rows(rows, ["doc_id", "translation_id", "error"], Format.table, title="failed documents", out=sys.stderr)
        raise typer.Exit(code=EXIT_FINDINGS)


class _ProgressBar:
    """A rich progress bar on stderr (documents done, sentences/s, ETA); silent off a terminal."""

    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from aligner.cli.output import _console

        console = _console(stderr=True)
        self.progress = Progress(
            TextColumn("aligning"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
            TextColumn("{task.fields[rate]} sentences/s"), TimeRemainingColumn(),
            console=console, disable=not console.is_terminal, transient=False,
        )
        self.task = self.progress.add_task("align", total=total, rate="0")

    def __enter__(self) -> _ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def update(self, state) -> None:
        task = self.progress.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{state.sentences / elapsed:.0f}" if elapsed > 0 else "0"
        self.progress.update(self.task, total=state.total + state.skipped, completed=state.done + state.skipped,
                             rate=rate)
