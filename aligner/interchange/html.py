"""HTML reports: the review of one translation and the terminology check, one file each.

Rendered with Jinja2 from ``templates/`` (package data) with autoescaping on for every template:
text from documents and glossaries is always escaped, and no value is marked safe, so a
document cannot inject markup. A report is self-contained: inline CSS and JavaScript, an inline
SVG plot, no external resource of any kind, so it works offline and opens from a file.

The alignment plot puts source sentence indices across (x) and target sentence indices down
(y), both from 0. A bead is a rectangle over the sentences it holds, coloured by confidence
(hue 0 = red at confidence 0 to 120 = green at 1); an omission (n-0 bead) is a red bar on the
source sentences it leaves out, an addition (0-n) a blue bar on the target sentences it adds,
each drawn where the other side's text would have been. Each mark links to its segment row.

Filters: rows carry ``data-kinds`` (flag names and term-finding kinds); a filter button shows
the rows sharing one of its kinds (``FILTERS``), "All" shows every row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from aligner import __version__
from aligner.errors import InputError

#: Longest side of the plot's drawing area, in pixels.
PLOT_SIZE = 480
#: Room for the axis labels around the drawing area, in pixels.
PLOT_MARGIN = 28
#: Thinnest bar drawn for an omission or addition, in pixels (so a short one stays visible).
MIN_BAR = 4.0
OMISSION_COLOUR = "#111111"
ADDITION_COLOUR = "#1565c0"

#: (name, label, kinds) of the review's filter buttons; empty kinds = all rows.
FILTERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("all", "All", ()),
    ("omission", "Omissions", ("omission",)),
    ("addition", "Additions", ("addition",)),
    ("numbers", "Numbers and dates", ("number_mismatch", "date_mismatch")),
    ("terms", "Term issues", ("term_mismatch", "missing", "forbidden", "variant", "unexpected")),
    ("names", "Names", ("name_mismatch",)),
    ("editorial", "Editorial", ("editorial",)),
    ("length", "Length outliers", ("length_outlier",)),
    ("confidence", "Low confidence", ("low_confidence",)),
)

#: The terminology report's filter buttons.
TERM_FILTERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("all", "All", ()),
    ("blocking", "Missing and forbidden", ("missing", "forbidden")),
    ("missing", "Missing", ("missing",)),
    ("forbidden", "Forbidden", ("forbidden",)),
    ("variant", "Variants", ("variant",)),
    ("unexpected", "Unexpected", ("unexpected",)),
)


@dataclass(frozen=True, slots=True)
class Filter:
    """A filter button: ``count`` rows hold one of its ``kinds``."""

    name: str
    label: str
    kinds: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class PlotMark:
    """One bead drawn in the plot (pixel coordinates)."""

    seg_no: int
    kind: str
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass(frozen=True, slots=True)
class Plot:
    """The alignment plot's geometry."""

    width: int
    height: int
    left: int
    top: int
    inner_width: float
    inner_height: float
    marks: tuple[PlotMark, ...]


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("aligner.interchange", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def confidence_colour(confidence: float) -> str:
    """An HSL colour from red (0) to green (1)."""
    hue = round(120 * min(max(confidence, 0.0), 1.0))
    return f"hsl({hue}, 65%, 40%)"


def alignment_plot(segments: Sequence[Any], n_src: int, n_tgt: int, size: int = PLOT_SIZE) -> Plot:
    """The plot of one document's beads (``ReviewSegment``-like: ``seg_no``, ``bead``,
    ``confidence``, ``src_sent_ids``, ``tgt_sent_ids``)."""
    scale = size / max(n_src, n_tgt, 1)
    inner_w, inner_h = max(n_src, 1) * scale, max(n_tgt, 1) * scale
    left = top = PLOT_MARGIN
    marks = []
    src_at = tgt_at = 0  # sentences of each side before the current bead
    for seg in segments:
        src, tgt = seg.src_sent_ids, seg.tgt_sent_ids
        if src and tgt:
            kind, colour = "bead", confidence_colour(seg.confidence)
            x, w = left + min(src) * scale, len(src) * scale
            y, h = top + min(tgt) * scale, len(tgt) * scale
        elif src:
            kind, colour = "omission", OMISSION_COLOUR
            x, w = left + min(src) * scale, len(src) * scale
            h = max(MIN_BAR, scale / 2)
            y = top + tgt_at * scale - h / 2
        else:
            kind, colour = "addition", ADDITION_COLOUR
            y, h = top + min(tgt) * scale, len(tgt) * scale
            w = max(MIN_BAR, scale / 2)
            x = left + src_at * scale - w / 2
        src_at = max(src_at, max(src) + 1) if src else src_at
        tgt_at = max(tgt_at, max(tgt) + 1) if tgt else tgt_at
        title = f"segment {seg.seg_no}: {seg.bead}, confidence {seg.confidence:.2f}"
        marks.append(PlotMark(seg.seg_no, kind, round(x, 2), round(y, 2), round(w, 2), round(h, 2), colour, title))
    return Plot(
        width=int(left + inner_w + PLOT_MARGIN // 2) + 1,
        height=int(top + inner_h + PLOT_MARGIN // 2) + 1,
        left=left,
        top=top,
        inner_width=round(inner_w, 2),
        inner_height=round(inner_h, 2),
        marks=tuple(marks),
    )


def _filters(spec: Sequence[tuple[str, str, tuple[str, ...]]], row_kinds: Sequence[Sequence[str]]) -> list[Filter]:
    return [
        Filter(name, label, kinds, sum(1 for rk in row_kinds if not kinds or set(kinds) & set(rk)))
        for name, label, kinds in spec
    ]


def render_review(review: Any) -> str:
    """The review report of one translation (an ``aligner.qa.review.Review``) as an HTML page."""
    plot = alignment_plot(review.segments, review.n_src, review.n_tgt)
    filters = _filters(FILTERS, [s.kinds for s in review.segments])
    return _environment().get_template("report.html.j2").render(
        review=review, plot=plot, filters=filters, version=__version__
    )


def render_term_report(report: Any, glossary: Any) -> str:
    """A terminology check (an ``aligner.qa.terms.TermReport``) as an HTML page."""
    from aligner.qa.review import mark_text
    from aligner.qa.terms import FINDING_KINDS, document_name

    rows = [
        {
            "finding": f,
            "src": mark_text(f.src, [(s, e, f.term_id, "source") for s, e in f.src_spans]),
            "tgt": mark_text(f.tgt, [(s, e, f.term_id, f.kind) for s, e in f.tgt_spans]),
        }
        for f in report.findings
    ]
    used = Counter(f.term_id for f in report.findings) + Counter(u.term_id for u in report.inconsistent)
    terms = [t for t in (glossary.term(i) for i in sorted(used)) if t is not None]
    return _environment().get_template("terms.html.j2").render(
        summary=report.summary(),
        kinds=FINDING_KINDS,
        findings=rows,
        filters=_filters(TERM_FILTERS, [[f.kind] for f in report.findings]),
        inconsistent=report.inconsistent,
        same_source=report.same_source_different_target,
        other_glossary=[document_name(*key) for key in report.other_glossary],
        terms=terms,
        glossary_name=None if glossary.source is None else Path(glossary.source).name,
        version=__version__,
    )


def write_html(html: str, path: str | Path) -> None:
    """Write a rendered report (UTF-8).

    :raises InputError: the file cannot be written.
    """
    path = Path(path)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the report: {error.strerror or error}", path=path) from error
