"""``aligner terms check|discover``: terminology of an aligned corpus against a glossary.

Registered on the main app by ``cli/commands.py`` (``app.add_typer(terms_app, name="terms")``).
``check`` exits 1 when ``missing`` or ``forbidden`` findings remain (a publication gate), 0
otherwise; data goes to stdout (or ``-o FILE``), the summary and warnings to stderr. In table,
CSV and TSV output the term is marked ``⟦…⟧`` in both texts; JSON gives plain texts with spans.
"""

from __future__ import annotations

import enum
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TextIO

import typer

from aligner.cli.errors import EXIT_FINDINGS, reports_errors
from aligner.cli.options import CorpusArg, DocFilter, TranslationOpt
from aligner.cli.output import Format, note, render_json, render_rows

terms_app = typer.Typer(
    help="Check a corpus's terminology against a glossary; mine candidate entries.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class CheckFormat(str, enum.Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    html = "html"


RequiredGlossaryOpt = Annotated[
    Path, typer.Option("--glossary", "-g", help="Glossary file (TSV, CSV or TBX).", dir_okay=False, show_default=False)
]
OptionalGlossaryOpt = Annotated[
    Path | None,
    typer.Option("--glossary", "-g", help="Glossary file: what it covers is not proposed again.", dir_okay=False),
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.", dir_okay=False)]
SrcLangOpt = Annotated[
    str | None,
    typer.Option("--src-lang", help="Source language code (the glossary's source column; default: the corpus')."),
]
TgtLangOpt = Annotated[
    str | None,
    typer.Option("--tgt-lang", help="Target language code (the glossary's target column; default: the corpus')."),
]

FINDING_COLUMNS = ["doc_id", "translation_id", "seg_no", "term_id", "kind", "rendering", "expected", "src", "tgt"]
JSON_FINDING_KEYS = [
    "doc_id", "translation_id", "seg_no", "term_id", "kind", "src", "tgt", "src_spans", "tgt_spans", "rendering", "expected",
]
INCONSISTENT_COLUMNS = ["term_id", "rendering", "status", "count", "documents"]
SAME_SOURCE_COLUMNS = ["src", "renderings", "documents"]
CANDIDATE_COLUMNS = ["category", "src", "tgt", "count", "src_count", "tgt_count", "dice", "examples"]
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


def emit(render: Callable[[TextIO], None], output: Path | None) -> None:
    """Run ``render`` on stdout, or on a buffer written to ``output`` (UTF-8) when given."""
    if output is None:
        render(sys.stdout)
        return
    from aligner.errors import InputError

    buffer = io.StringIO()
    render(buffer)
    try:
        output.write_text(buffer.getvalue(), encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror or error}", path=output) from error


def highlight(text: str, spans) -> str:
    """``text`` with each ``(start, end)`` span wrapped in ``⟦…⟧``."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out += [text[at:start], MARK_OPEN, text[start:end], MARK_CLOSE]
        at = end
    return "".join(out) + text[at:]


def _load_glossary(path: Path, src_lang: str, tgt_lang: str):
    from aligner.glossary import load_glossary

    glossary = load_glossary(path, src_lang, tgt_lang)
    if not glossary.terms:
        note(f"{path}: the glossary is empty (no terms)")
    return glossary


def _read_accepted(path: Path):
    from aligner.errors import InputError
    from aligner.qa.accepted import parse_accepted

    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise InputError(f"cannot read the accepted findings: {error.strerror or error}", path=path) from error
    except UnicodeDecodeError as error:
        raise InputError(f"the accepted findings are not UTF-8 ({error.reason})", path=path) from error
    return parse_accepted(text, path)


@terms_app.command("check")
@reports_errors
def check(
    corpus: CorpusArg,
    glossary: RequiredGlossaryOpt,
    doc: DocFilter = None,
    translation: TranslationOpt = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] = CheckFormat.table,
    output: OutputOpt = None,
    ignore: Annotated[
        Path | None,
        typer.Option(
            "--ignore",
            help="TSV of accepted findings (doc_id, translation_id, seg_no, term_id, kind) to leave out; "
            "the --format tsv output is such a file.",
            dir_okay=False,
        ),
    ] = None,
    src_lang: SrcLangOpt = None,
    tgt_lang: TgtLangOpt = None,
) -> None:
    """Check every aligned segment's terms against a glossary; exit 1 on missing or forbidden ones.

    Finds missing, forbidden, variant and unexpected renderings per segment, terms rendered in
    several ways across the corpus, and repeated source sentences translated differently.

    Example: aligner terms check my-corpus/ -g glossaries/soviet-korea-1956.tsv --doc memo-1956-10-05-ivanov-kim-il-sung
    """
    from aligner.qa.terms import check_terms, document_name
    from aligner.store.corpus import Corpus

    store = Corpus.open(corpus)
    default_src, default_tgt = store.languages(doc, translation)
    src_lang, tgt_lang = src_lang or default_src, tgt_lang or default_tgt
    gloss = _load_glossary(glossary, src_lang, tgt_lang)
    accepted = _read_accepted(ignore) if ignore is not None else frozenset()
    report = check_terms(store, gloss, doc_id=doc, translation_id=translation, accepted=accepted)
    if report.other_glossary:
        names = ", ".join(document_name(*key) for key in report.other_glossary)
        note(
            f"warning: {len(report.other_glossary)} translation(s) were aligned with another glossary than "
            f"{glossary.name} ({names}); the check uses {glossary.name}"
        )
    if report.skipped:
        names = ", ".join(document_name(*key) for key in report.skipped)
        note(f"warning: skipped {names}: their languages are not the glossary's ({src_lang}-{tgt_lang})")
    if report.unused_accepted:
        note(f"warning: {len(report.unused_accepted)} accepted finding(s) in {ignore} match no finding (stale)")
    emit(lambda out: _render_check(report, gloss, fmt, out), output)
    note(_summary_line(report))
    if report.blocking:
        raise typer.Exit(code=EXIT_FINDINGS)


def _render_check(report, glossary, fmt: CheckFormat, out: TextIO) -> None:
    if fmt is CheckFormat.html:
        from aligner.interchange.html import render_term_report

        out.write(render_term_report(report, glossary))
        return
    if fmt is CheckFormat.json:
        render_json(_check_json(report), out=out)
        return
    rows = [
        {
            **{c: getattr(f, c) for c in ("doc_id", "translation_id", "seg_no", "term_id", "kind", "rendering")},
            "expected": list(f.expected),
            "src": highlight(f.src, f.src_spans),
            "tgt": highlight(f.tgt, f.tgt_spans),
        }
        for f in report.findings
    ]
    if fmt in (CheckFormat.csv, CheckFormat.tsv):
        render_rows(rows, FINDING_COLUMNS, Format(fmt.value), out=out)
        return
    if rows:
        render_rows(rows, FINDING_COLUMNS, Format.table, title="findings", out=out)
    if report.inconsistent:
        render_rows(_inconsistent_rows(report), INCONSISTENT_COLUMNS, Format.table, title="inconsistent", out=out)
    if report.same_source_different_target:
        render_rows(
            _same_source_rows(report), SAME_SOURCE_COLUMNS, Format.table, title="same source, different target", out=out
        )


def _inconsistent_rows(report) -> list[dict]:
    return [{c: getattr(u, c) for c in INCONSISTENT_COLUMNS} for u in report.inconsistent]


def _same_source_rows(report) -> list[dict]:
    return [
        {
            "src": v.src,
            "renderings": list(v.renderings),
            "documents": list(v.documents),
            "occurrences": [{"document": d, "seg_no": s, "tgt": t} for d, s, t in v.occurrences],
        }
        for v in report.same_source_different_target
    ]


def _check_json(report) -> dict:
    return {
        "summary": report.summary(),
        "findings": [_finding_json(f) for f in report.findings],
        "inconsistent": [{**row, "documents": list(row["documents"])} for row in _inconsistent_rows(report)],
        "same_source_different_target": _same_source_rows(report),
    }


def _finding_json(finding) -> dict:
    row = {key: getattr(finding, key) for key in JSON_FINDING_KEYS}
    row["src_spans"] = [list(span) for span in finding.src_spans]
    row["tgt_spans"] = [list(span) for span in finding.tgt_spans]
    row["expected"] = list(finding.expected)
    return row


def _summary_line(report) -> str:
    summary = report.summary()
    counts = ", ".join(f"{kind} {n}" for kind, n in summary["by_kind"].items())
    line = f"{len(report.findings)} findings in {report.segments} segments of {len(report.documents)} translation(s): {counts}"
    if report.ignored:
        line += f"; {report.ignored} accepted finding(s) left out"
    return line


class DiscoverFormat(str, enum.Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


@terms_app.command("discover")
@reports_errors
def discover(
    corpus: CorpusArg,
    glossary: OptionalGlossaryOpt = None,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="Fewest segments a candidate pair must share.")
    ] = 2,
    doc: DocFilter = None,
    translation: TranslationOpt = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many candidates.")] = None,
    fmt: Annotated[
        DiscoverFormat,
        typer.Option("--format", help="table or json; tsv and csv write the glossary format, ready to merge."),
    ] = DiscoverFormat.table,
    output: OutputOpt = None,
    src_lang: SrcLangOpt = None,
    tgt_lang: TgtLangOpt = None,
) -> None:
    """Propose glossary entries for terms and names the glossary lacks, mined from aligned segments.

    Example: aligner terms discover my-corpus/ -g glossaries/soviet-korea-1956.tsv --format tsv -o candidates.tsv
    """
    from aligner.qa.discover import candidate_rows, candidates_glossary, discover_terms
    from aligner.store.corpus import Corpus

    store = Corpus.open(corpus)
    default_src, default_tgt = store.languages(doc, translation)
    src_lang, tgt_lang = src_lang or default_src, tgt_lang or default_tgt
    gloss = _load_glossary(glossary, src_lang, tgt_lang) if glossary is not None else None
    candidates = discover_terms(store, gloss, min_count, doc_id=doc, translation_id=translation)
    if limit is not None:
        candidates = candidates[:limit]
    if fmt in (DiscoverFormat.tsv, DiscoverFormat.csv):
        from aligner.glossary import glossary_format

        target = output or Path(f"candidates.{fmt.value}")
        data = glossary_format(Path(f"candidates.{fmt.value}")).write(
            candidates_glossary(candidates, src_lang, tgt_lang), target
        )
        emit(lambda out: out.write(data.decode("utf-8")), output)
    elif fmt is DiscoverFormat.json:
        emit(lambda out: render_json(candidate_rows(candidates), out=out), output)
    else:
        emit(lambda out: render_rows(candidate_rows(candidates), CANDIDATE_COLUMNS, Format.table, out=out), output)
    note(f"{len(candidates)} candidate(s) with at least {min_count} shared segments")
