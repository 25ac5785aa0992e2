"""``aligner corpus check|upgrade|vacuum|optimize``: integrity, schema upgrades and maintenance.

The sub-app registers itself on the main app when this module is imported (``cli/commands.py``).
``check`` exits 1 when it finds problems; a folder that is not a corpus, a corpus of another
schema version or a lock that times out is one ``Error:`` line and exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import EXIT_FINDINGS, reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, FormatOpt, LockTimeoutOpt
from aligner.cli.output import Format, note, render_rows

corpus_app = typer.Typer(
    help="Check a corpus's integrity, upgrade its schema, reclaim space and compact it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(corpus_app, name="corpus")

PROBLEM_COLUMNS = ["doc_id", "translation_id", "table", "kind", "message"]

#: ``aligner.store.corpus.DEFAULT_RETENTION_HOURS`` (Delta's own default, a week), repeated here
#: because importing the store would load polars when the CLI starts (a test keeps them equal).
DEFAULT_RETENTION_HOURS = 168


@corpus_app.command("check")
@reports_errors
def check(corpus: CorpusArg, fmt: FormatOpt = Format.table) -> None:
    """Verify a corpus: texts rebuild from sentences, beads cover every sentence once, tables agree.

    Lists the problems found (one row each) and exits 1 when there are any.

    Example: aligner corpus check my-corpus/
    """
    from aligner.store.corpus import Corpus

    store = Corpus.open(corpus)
    problems = store.check()
    if problems:
        render_rows([{c: getattr(p, c) for c in PROBLEM_COLUMNS} for p in problems], PROBLEM_COLUMNS, fmt)
    documents = store.read_documents().height if not any(p.table == "documents" for p in problems) else None
    counted = "" if documents is None else f"{documents} documents, "
    note(f"{corpus}: {counted}{len(problems)} problems")
    if problems:
        raise typer.Exit(code=EXIT_FINDINGS)


@corpus_app.command("upgrade")
@reports_errors
def upgrade(
    corpus: CorpusArg,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the plan and change nothing.")] = False,
    backup: Annotated[
        Path | None,
        typer.Option("--backup", help="Copy the corpus here first (default: <corpus>.schema-<N>-backup beside it)."),
    ] = None,
    lock_timeout: LockTimeoutOpt = 30.0,
) -> None:
    """Upgrade a corpus written by an older aligner to the current schema, after a backup copy.

    Example: aligner corpus upgrade my-corpus/ --dry-run
    """
    from aligner.store.upgrade import apply_upgrade, plan_upgrade

    plan = plan_upgrade(corpus, backup=backup)
    if dry_run or not plan.steps:
        print("\n".join(plan.describe()))
        return
    report = apply_upgrade(plan, lock_timeout=lock_timeout)
    note(
        f"upgraded {corpus} from schema version {report.from_version} to {report.to_version} "
        f"({report.steps_applied} step(s)); the old corpus is in {report.backup}"
    )


@corpus_app.command("vacuum")
@reports_errors
def vacuum(
    corpus: CorpusArg,
    retention_hours: Annotated[
        int,
        typer.Option(
            "--retention-hours",
            min=0,
            help="Keep unreferenced data files younger than this (0 frees space at once, but may "
            "break a reader scanning the corpus right now).",
        ),
    ] = DEFAULT_RETENTION_HOURS,
    lock_timeout: LockTimeoutOpt = 30.0,
) -> None:
    """Delete superseded and abandoned versions of documents and free their files.

    This removes the history that `aligner history` and `aligner restore` use.

    Example: aligner corpus vacuum my-corpus/ --retention-hours 0
    """
    from aligner.store.corpus import Corpus

    report = Corpus.open(corpus).vacuum(retention_hours=retention_hours, lock_timeout=lock_timeout)
    note(f"{corpus}: removed {report.rows_removed} rows of old versions and {report.files_removed} files")


@corpus_app.command("optimize")
@reports_errors
def optimize(corpus: CorpusArg, lock_timeout: LockTimeoutOpt = 30.0) -> None:
    """Compact the many small data files that single writes leave into a few large ones.

    Example: aligner corpus optimize my-corpus/
    """
    from aligner.store.corpus import Corpus

    report = Corpus.open(corpus).optimize(lock_timeout=lock_timeout)
    note(f"{corpus}: compacted {report.files_removed} files into {report.files_added}")
