"""``aligner glossary check|show|match|convert``: validate, inspect, apply and convert glossaries.

Registered on the main app by ``cli/commands.py`` with ``app.add_typer(glossary_app,
name="glossary")``. A glossary that cannot be read is one ``Error:`` line and exit 2 (from the
library's ``GlossaryError``); ``check`` exits 1 when it finds errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import EXIT_FINDINGS, reports_errors
from aligner.cli.output import Format, note, render_rows

glossary_app = typer.Typer(
    help="Validate, inspect, apply and convert glossaries (TSV, CSV, TBX).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

GlossaryArg = Annotated[
    Path, typer.Argument(help="Glossary file: .tsv, .csv or .tbx.", show_default=False, dir_okay=False)
]
SrcLangOpt = Annotated[str, typer.Option("--src-lang", help="Source language code (the glossary's source column).")]
TgtLangOpt = Annotated[str, typer.Option("--tgt-lang", help="Target language code (the glossary's target column).")]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]

PROBLEM_COLUMNS = ["severity", "kind", "term_id", "message"]
FORM_COLUMNS = ["term_id", "lang", "status", "entry", "forms"]
HIT_COLUMNS = ["term_id", "line", "column", "form"]
# Table and CSV output also show the text as found; JSON keeps exactly HIT_COLUMNS.
HIT_TABLE_COLUMNS = [*HIT_COLUMNS, "text"]


def _load(path: Path, src_lang: str, tgt_lang: str):
    from aligner.glossary import load_glossary

    glossary = load_glossary(path, src_lang, tgt_lang)
    if not glossary.terms:
        note(f"{path}: the glossary is empty (no terms)")
    return glossary


@glossary_app.command("check")
@reports_errors
def check(
    file: GlossaryArg,
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
    fmt: FormatOpt = Format.table,
) -> None:
    """Validate a glossary: duplicate ids, empty fields, unparsable Russian, conflicting renderings.

    Exits 1 when it finds errors; warnings (shared forms, guessed words) are listed but pass.

    Example: aligner glossary check glossaries/soviet-korea-1956.tsv
    """
    from aligner.glossary import check_glossary

    glossary = _load(file, src_lang, tgt_lang)
    problems = check_glossary(glossary)
    errors = [p for p in problems if p.severity == "error"]
    if problems:
        render_rows([_as_row(p) for p in problems], PROBLEM_COLUMNS, fmt)
    note(f"{file}: {len(glossary.terms)} terms, {len(errors)} errors, {len(problems) - len(errors)} warnings")
    if errors:
        raise typer.Exit(code=EXIT_FINDINGS)


def _as_row(problem) -> dict[str, str]:
    return {column: getattr(problem, column) for column in PROBLEM_COLUMNS}


@glossary_app.command("show")
@reports_errors
def show(
    file: GlossaryArg,
    term: Annotated[str | None, typer.Option("--term", help="Only the term with this id.")] = None,
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
    fmt: FormatOpt = Format.table,
) -> None:
    """Show every form each term will match, in both languages.

    Example: aligner glossary show glossaries/soviet-korea-1956.tsv --term kim-il-sung
    """
    from aligner.glossary import expand_terms

    glossary = _load(file, src_lang, tgt_lang)
    rows = [
        {"term_id": s.term_id, "lang": s.lang, "status": s.status.value, "entry": s.entry, "forms": list(s.forms)}
        for s in expand_terms(glossary, term)
    ]
    if rows or fmt is not Format.table:
        render_rows(rows, FORM_COLUMNS, fmt)


@glossary_app.command("match")
@reports_errors
def match(
    file: GlossaryArg,
    text_file: Annotated[Path, typer.Argument(help="Text file to search.", show_default=False, dir_okay=False)],
    lang: Annotated[str, typer.Option("--lang", help="Language of the text: the source or target language code.")],
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
    fmt: FormatOpt = Format.table,
) -> None:
    """Find every glossary term in a text file; line and column are 1-based.

    Example: aligner glossary match glossaries/soviet-korea-1956.tsv corpora/cable-1956-09-23-mikoyan/ru.txt --lang ru
    """
    if lang not in (src_lang, tgt_lang):
        raise typer.BadParameter(
            f"must be {src_lang!r} or {tgt_lang!r} (the glossary's languages)", param_hint="--lang"
        )
    from aligner.glossary import match_terms

    glossary = _load(file, src_lang, tgt_lang)
    text = _read_text_file(text_file, lang)
    hits = match_terms(glossary, text, lang)
    rows = _hit_rows(text, hits)
    render_rows(rows, HIT_COLUMNS if fmt is Format.json else HIT_TABLE_COLUMNS, fmt)
    note(f"{text_file}: {len(hits)} hits of {len({h.term_id for h in hits})} terms")


def _read_text_file(path: Path, lang: str) -> str:
    """The file's text with line ends as ``\\n`` and nothing else changed, so that line and
    column point into the file as an editor shows it."""
    from aligner.errors import InputError
    from aligner.text.read import decode_bytes

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from error
    text, _ = decode_bytes(raw, path, lang=lang) if raw else ("", "utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _hit_rows(text: str, hits) -> list[dict[str, object]]:
    import bisect

    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    rows = []
    for hit in hits:
        line = bisect.bisect_right(line_starts, hit.start)
        column = hit.start - line_starts[line - 1] + 1
        rows.append(
            {"term_id": hit.term_id, "line": line, "column": column, "form": hit.form, "text": text[hit.start:hit.end]}
        )
    return rows


@glossary_app.command("convert")
@reports_errors
def convert(
    source: Annotated[Path, typer.Argument(help="Glossary to read (.tsv, .csv, .tbx).", show_default=False)],
    target: Annotated[Path, typer.Argument(help="Glossary to write (.tsv, .csv, .tbx).", show_default=False)],
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
) -> None:
    """Convert a glossary between TSV, CSV and TBX (formats chosen by extension).

    Example: aligner glossary convert glossaries/soviet-korea-1956.tsv /tmp/soviet-korea-1956.tbx
    """
    from aligner.glossary import glossary_format, write_glossary

    glossary_format(target)  # an unknown output extension fails before anything is read
    glossary = _load(source, src_lang, tgt_lang)
    write_glossary(glossary, target)
    note(f"wrote {len(glossary.terms)} terms to {target}")
