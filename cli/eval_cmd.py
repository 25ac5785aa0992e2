"""``aligner eval``: align every pair of an evaluation dataset and score it against gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import reports_errors
from aligner.align.beads import DEFAULT_MAX_BEAD
from aligner.align.units import LexicalUnits
from aligner.cli.main import app
from aligner.cli.options import LexicalOpt, MaxBeadOpt
from aligner.cli.output import Format, note, render_json, render_rows


@app.command("eval")
@reports_errors
def eval_(
    dataset: Annotated[Path, typer.Argument(help="Folder of pair folders (.sents files and gold.align).")],
    fmt: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.table,
    paragraphs: Annotated[
        bool, typer.Option("--paragraphs/--no-paragraphs", help="Use paragraph breaks from .txt files.")
    ] = True,
    max_bead: MaxBeadOpt = DEFAULT_MAX_BEAD,
    lexical: LexicalOpt = LexicalUnits.prefix,
    pred_dir: Annotated[
        Path | None, typer.Option("--pred-dir", help="Also write each pair's beads to PRED_DIR/<pair>.align.")
    ] = None,
    embedder: Annotated[
        Path | None, typer.Option("--embedder", help="A local sentence-transformers model folder (optional evidence).")
    ] = None,
) -> None:
    """Align each pair of a dataset and print strict and lax precision, recall and F1.

    Example: aligner eval ../shared/eval/dev --format json
    """
    from aligner.align.beads import bead_types_up_to
    from aligner.align.evaluate import evaluate_pairs, scores
    from aligner.align.settings import AlignSettings
    from aligner.interchange.beads import write_beads
    from aligner.interchange.dataset import iter_pairs

    from aligner.align.embedding import load_embedder

    types = bead_types_up_to(max_bead)
    encoder = load_embedder(embedder) if embedder is not None else None
    settings = AlignSettings(bead_types=types, lexical=lexical.value)
    report = evaluate_pairs(iter_pairs(dataset, use_paragraphs=paragraphs), settings, encoder)
    if pred_dir is not None:
        pred_dir.mkdir(parents=True, exist_ok=True)
        for pair in report.pairs:
            write_beads(pair.predicted, pred_dir / f"{pair.name}.align")
    data = report.to_json_dict()
    if fmt is Format.json:
        render_json(data)
        return
    columns = ["pair", "src", "tgt", "gold", "pred", "P-str", "R-str", "F1-str", "P-lax", "R-lax", "F1-lax"]
    rows = []
    for pair in report.pairs:
        s = scores(pair.counts)
        rows.append(_row(pair.name, pair.n_src, pair.n_tgt, pair.counts.gold_beads, pair.counts.pred_beads, s))
    total_src = sum(p.n_src for p in report.pairs)
    total_tgt = sum(p.n_tgt for p in report.pairs)
    gold = sum(p.counts.gold_beads for p in report.pairs)
    pred = sum(p.counts.pred_beads for p in report.pairs)
    rows.append(_row("MICRO", total_src, total_tgt, gold, pred, report.micro))
    rows.append(_row("MACRO", None, None, None, None, report.macro))
    render_rows(rows, columns, fmt)
    kinds = sorted(set(data["beads_by_type"]["gold"]) | set(data["beads_by_type"]["predicted"]))
    render_rows(
        [{"bead": k, "gold": data["beads_by_type"]["gold"].get(k, 0), "predicted": data["beads_by_type"]["predicted"].get(k, 0)} for k in kinds],
        ["bead", "gold", "predicted"], fmt, title="beads by type",
    )
    render_rows(data["confusion"], ["gold", "predicted", "count"], fmt, title="bead type confusion (gold → predicted)")
    note(f"signature: {report.signature}")


def _row(name, n_src, n_tgt, gold, pred, s) -> dict:
    return {
        "pair": name, "src": n_src, "tgt": n_tgt, "gold": gold, "pred": pred,
        "P-str": s.precision_strict, "R-str": s.recall_strict, "F1-str": s.f1_strict,
        "P-lax": s.precision_lax, "R-lax": s.recall_lax, "F1-lax": s.f1_lax,
    }
