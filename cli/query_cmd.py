"""``aligner query``: a parallel concordance of the corpus (word, lemma, regex, term, flag, bead)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, DocFilter, FormatOpt, TranslationOpt
from aligner.cli.output import Format, note, render_rows

#: Characters of context shown on each side of a match.
DEFAULT_WIDTH = 40


@app.command()
@reports_errors
def query(
    corpus: CorpusArg,
    src: Annotated[
        str | None, typer.Option("--src", "--ru", help="Pattern in the source text (--ru on a Russian-English corpus).")
    ] = None,
    tgt: Annotated[
        str | None, typer.Option("--tgt", "--en", help="Pattern in the target text (--en on a Russian-English corpus).")
    ] = None,
    lemma: Annotated[
        bool, typer.Option("--lemma", help="Match every inflected form (source lemmas, target stems).")
    ] = False,
    regex: Annotated[bool, typer.Option("--regex", help="Patterns are regular expressions (default: literal).")] = False,
    case_sensitive: Annotated[bool, typer.Option("--case-sensitive", help="Match letter case exactly.")] = False,
    term: Annotated[str | None, typer.Option("--term", help="Segments holding this glossary term id.")] = None,
    flag: Annotated[str | None, typer.Option("--flag", help="Segments with this flag (e.g. omission).")] = None,
    doc: DocFilter = None,
    translation: TranslationOpt = None,
    bead: Annotated[str | None, typer.Option("--bead", help="Segments of this bead kind (e.g. 2-1).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many segments.")] = None,
    width: Annotated[int, typer.Option("--width", min=5, help="Context characters each side (table).")] = DEFAULT_WIDTH,
    fmt: FormatOpt = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Find aligned segments by word, lemma, regex, term, flag or bead; print a concordance.

    Example: aligner query my-corpus/ --ru пленум --lemma
    """
    if lemma and regex:
        raise typer.BadParameter("--lemma cannot be combined with --regex", param_hint="--lemma")
    if lemma and src is None and tgt is None:
        raise typer.BadParameter("--lemma needs a pattern (--src/--ru or --tgt/--en)", param_hint="--lemma")
    from aligner.query.concordance import MATCH_COLUMNS, concordance, kwic_lines
    from aligner.store.corpus import Corpus
    from aligner.store.schema import SEGMENTS_SCHEMA

    found = concordance(
        Corpus.open(corpus),
        src=src,
        tgt=tgt,
        lemma=lemma,
        regex=regex,
        case_sensitive=case_sensitive,
        term=term,
        flag=flag,
        bead=bead,
        doc_id=doc,
        translation_id=translation,
        limit=limit,
    )
    out = _open_output(output) if output is not None else sys.stdout
    try:
        if fmt is Format.table:
            _print_kwic(kwic_lines(found, width), width, out)
        else:
            render_rows(found.to_dicts(), [*SEGMENTS_SCHEMA, *MATCH_COLUMNS], fmt, out=out)
    finally:
        if output is not None:
            out.close()
    note(f"{found.height} segment(s)")


def _print_kwic(lines, width: int, out) -> None:
    """One line per match: ``doc/translation:seg  left MATCH right  | aligned``."""
    highlight = out is sys.stdout and out.isatty() and not os.environ.get("NO_COLOR")
    console = None
    if highlight:
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=True)
    for line in lines:
        ref = f"{line.doc_id}/{line.translation_id}:{line.seg_no}"
        left, right = line.left.rjust(width), line.right.ljust(width)
        if console is not None:
            from rich.text import Text

            console.print(Text.assemble(f"{ref}  {left}", (line.match, "bold red"), f"{right}  | {line.aligned}"))
        else:
            out.write(f"{ref}  {left}{line.match}{right}  | {line.aligned}\n")


def _open_output(path: Path):
    from aligner.errors import InputError

    try:
        return path.open("w", encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror or error}", path=path) from error
