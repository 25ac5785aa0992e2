"""``aligner diff``: where a translation diverges from its original, or from another translation.

Exits 0 whatever it finds, unless ``--fail-on KIND,...`` names a kind that is found (exit 1),
for publication pipelines. Kinds are the flag names of ``aligner.align.flags.FLAGS``. In table
and CSV output, the word diff of two translations is written ``[-words only in A-]{+words only
in B+}``.
"""

from __future__ import annotations

from typing import Annotated, TextIO

import typer

from aligner.cli.errors import EXIT_FINDINGS, reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, DocOpt, FormatOpt, GlossaryOpt, TranslationOpt
from aligner.cli.output import Format, note, render_json, render_rows
from aligner.cli.terms_cmd import OutputOpt, SrcLangOpt, TgtLangOpt, emit

DIVERGENCE_COLUMNS = ["doc_id", "translation_id", "seg_no", "bead", "kind", "detail", "src", "tgt"]
PIVOT_COLUMNS = ["row_no", "src_sent_ids", "src", "a", "b", "differences", "word_diff"]


def _kinds(value: str | None) -> tuple[str, ...]:
    """The ``--fail-on`` list, checked against the flag vocabulary."""
    if not value:
        return ()
    from aligner.align.flags import FLAGS

    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in FLAGS]
    if unknown:
        raise typer.BadParameter(
            f"unknown kind(s) {', '.join(unknown)}; use {', '.join(FLAGS)}", param_hint="--fail-on"
        )
    return kinds


@app.command()
@reports_errors
def diff(
    corpus: CorpusArg,
    doc: DocOpt,
    translation: TranslationOpt = None,
    against: Annotated[
        str | None,
        typer.Option("--against", help="Another translation of the same document: compare it with --translation."),
    ] = None,
    glossary: GlossaryOpt = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Exit 1 when a divergence of these kinds exists (comma-separated flag names)."),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    src_lang: SrcLangOpt = None,
    tgt_lang: TgtLangOpt = None,
) -> None:
    """Show where a translation diverges from its original, or from another translation (--against).

    With --glossary, term mismatches are recomputed with that glossary (nothing is written).

    Example: aligner diff my-corpus/ --doc memo-1956-10-05-ivanov-kim-il-sung --translation en --against en-draft
    """
    kinds = _kinds(fail_on)
    if against is not None and translation is None:
        raise typer.BadParameter("--against needs --translation (the translation to compare)", param_hint="--against")
    if against is not None and against == translation:
        raise typer.BadParameter("compare two different translations", param_hint="--against")
    from aligner.store.corpus import Corpus

    store = Corpus.open(corpus)
    gloss = None
    if glossary is not None:
        from aligner.glossary import load_glossary

        default_src, default_tgt = store.languages(doc, translation)
        gloss = load_glossary(glossary, src_lang or default_src, tgt_lang or default_tgt)
    if against is None:
        found = _diff_one(store, doc, translation, gloss, fmt, output)
    else:
        found = _diff_two(store, doc, translation, against, gloss, fmt, output)
    failing = sorted(set(kinds) & found)
    if failing:
        note(f"failing: {', '.join(failing)} found (--fail-on)")
        raise typer.Exit(code=EXIT_FINDINGS)


def _diff_one(store, doc, translation, glossary, fmt, output) -> set[str]:
    from aligner.qa.divergence import find_divergences

    translation_id = store.resolve_translation(doc, translation)
    divergences = find_divergences(store, doc, translation_id, glossary)
    rows = [{c: getattr(d, c) for c in DIVERGENCE_COLUMNS} for d in divergences]
    emit(lambda out: render_rows(rows, DIVERGENCE_COLUMNS, fmt, title=f"{doc} / {translation_id}", out=out), output)
    from aligner.align.flags import FLAGS

    counts = {kind: n for kind in FLAGS if (n := sum(1 for d in divergences if d.kind == kind))}
    segments = len({d.seg_no for d in divergences})
    listed = ", ".join(f"{k} {n}" for k, n in counts.items()) or "none"
    note(f"{doc}/{translation_id}: {len(divergences)} divergence(s) in {segments} segment(s): {listed}")
    return set(counts)


def _diff_two(store, doc, a, b, glossary, fmt, output) -> set[str]:
    from aligner.qa.compare import compare_translations

    comparison = compare_translations(store, doc, a, b, glossary)
    emit(lambda out: _render_comparison(comparison, fmt, out), output)
    counts = comparison.counts()
    listed = ", ".join(f"{k} {n}" for k, n in counts.items() if n) or "none"
    changed = sum(1 for row in comparison.rows if row.differences)
    note(f"{doc}: {a} against {b}: {changed} of {len(comparison.rows)} rows differ: {listed}")
    return {k for k, n in counts.items() if n}


def _render_comparison(comparison, fmt: Format, out: TextIO) -> None:
    if fmt is Format.json:
        render_json(
            {
                "doc_id": comparison.doc_id,
                "a": comparison.a,
                "b": comparison.b,
                "counts": comparison.counts(),
                "rows": [
                    {
                        "row_no": r.row_no,
                        "src_sent_ids": list(r.src_sent_ids),
                        "src": r.src,
                        "a_seg_nos": list(r.a_seg_nos),
                        "a": r.a,
                        "b_seg_nos": list(r.b_seg_nos),
                        "b": r.b,
                        "differences": [{"kind": d.kind, "detail": d.detail} for d in r.differences],
                        "word_diff": [{"op": op, "a": wa, "b": wb} for op, wa, wb in r.word_diff],
                    }
                    for r in comparison.rows
                ],
            },
            out=out,
        )
        return
    rows = [
        {
            "row_no": r.row_no,
            "src_sent_ids": list(r.src_sent_ids),
            "src": r.src,
            "a": r.a,
            "b": r.b,
            "differences": "\n".join(f"{d.kind}: {d.detail}" for d in r.differences),
            "word_diff": word_diff_markup(r.word_diff),
        }
        for r in comparison.rows
    ]
    title = f"{comparison.doc_id}: a = {comparison.a}, b = {comparison.b}"
    render_rows(rows, PIVOT_COLUMNS, fmt, title=title, out=out)


def word_diff_markup(ops) -> str:
    """``[-removed-]{+added+}`` word-diff markup of ``(op, a_words, b_words)`` opcodes."""
    parts = []
    for op, a_words, b_words in ops:
        if op == "equal":
            parts.append(a_words)
            continue
        if a_words:
            parts.append(f"[-{a_words}-]")
        if b_words:
            parts.append(f"{{+{b_words}+}}")
    return " ".join(parts)
