"""The review and terminology HTML reports: marking, plot geometry, escaping, self-containedness."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from aligner.glossary import load_glossary
from aligner.interchange.html import alignment_plot, confidence_colour, render_review, render_term_report, write_html
from aligner.qa.divergence import Divergence
from aligner.qa.review import Marked, Review, ReviewSegment, build_review, mark_text
from aligner.qa.terms import check_terms
from aligner.store.corpus import Corpus
from tests.qa.samples import MEMO

MARK_CASES = [
    ("no spans", "Top Secret", [], (Marked("Top Secret"),)),
    ("one term inside", "Cde. Kim Il Sung said", [(5, 16, "kim-il-sung", "preferred")],
     (Marked("Cde. "), Marked("Kim Il Sung", "kim-il-sung", "preferred"), Marked(" said"))),
    ("term at both ends", "CC and CC", [(0, 2, "cc", "source"), (7, 9, "cc", "source")],
     (Marked("CC", "cc", "source"), Marked(" and "), Marked("CC", "cc", "source"))),
    ("overlapping span skipped", "decision", [(0, 8, "decision", "preferred"), (0, 8, "resolution", "variant")],
     (Marked("decision", "decision", "preferred"),)),
    ("empty text", "", [], (Marked(""),)),
]


@pytest.mark.parametrize(("text", "spans", "expected"), [c[1:] for c in MARK_CASES], ids=[c[0] for c in MARK_CASES])
def test_mark_text(text, spans, expected):
    assert mark_text(text, spans) == expected


def bead(seg_no, src, tgt, confidence=1.0):
    return SimpleNamespace(seg_no=seg_no, bead=f"{len(src)}-{len(tgt)}", confidence=confidence,
                           src_sent_ids=tuple(src), tgt_sent_ids=tuple(tgt))


def test_plot_draws_beads_omissions_and_additions_where_they_are():
    beads = [bead(0, [0], [0]), bead(1, [1, 2], [1], 0.0), bead(2, [3], []), bead(3, [], [2]), bead(4, [4], [3])]
    plot = alignment_plot(beads, n_src=5, n_tgt=4, size=100)  # 20 px per sentence
    marks = {m.seg_no: m for m in plot.marks}
    assert [m.kind for m in plot.marks] == ["bead", "bead", "omission", "addition", "bead"]
    assert (marks[1].x, marks[1].y, marks[1].width, marks[1].height) == (48, 48, 40, 20)
    assert marks[1].colour == confidence_colour(0.0) == "hsl(0, 65%, 40%)"
    assert marks[0].colour == "hsl(120, 65%, 40%)"
    # The omission lies on source sentence 3, at the edge after target sentence 1.
    assert (marks[2].x, marks[2].width, marks[2].y + marks[2].height / 2) == (88, 20, 68)
    # The addition lies on target sentence 2, at the edge after source sentence 3.
    assert (marks[3].y, marks[3].height, marks[3].x + marks[3].width / 2) == (68, 20, 108)


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def hostile_review():
    seg = ReviewSegment(
        seg_no=0, bead="1-1", confidence=0.2, src_sent_ids=(0,), tgt_sent_ids=(0,),
        src=(Marked(HOSTILE),), tgt=(Marked("a "), Marked(HOSTILE, 'x" onmouseover="alert(2)', "preferred")),
        divergences=(Divergence("d", "t", 0, "low_confidence", HOSTILE),), findings=(), term_ids=(),
    )
    return Review(doc_id=HOSTILE, translation_id="t", title=HOSTILE, date=None, archive_ref=None, src_lang="ru",
                  tgt_lang="en", signature=HOSTILE, n_src=1, n_tgt=1, segments=(seg,))


def test_document_text_never_injects_markup():
    html = render_review(hostile_review())
    assert "<script>alert" not in html and "<img" not in html and 'onmouseover="' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # the report's own filter script


def assert_self_contained(html: str) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?#)""", html), "only in-page links are allowed"
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "http://" not in html and "https://" not in html


@pytest.fixture(scope="module")
def review(qa_corpus, test_glossary_path):
    return build_review(Corpus.open(qa_corpus), MEMO, "en-draft", load_glossary(test_glossary_path))


def test_review_of_the_draft(review):
    assert review.other_glossary and review.glossary_name == "test-glossary.tsv"
    assert len(review.segments) == 31 and (review.n_src, review.n_tgt) == (31, 30)
    seg5 = review.segments[5]
    assert Marked("Nam Ir", "nam-il", "forbidden") in seg5.tgt
    assert Marked("Нам Ир", "nam-il", "source") in seg5.src
    assert [(f.term_id, f.kind) for f in seg5.findings] == [("nam-il", "forbidden")]
    assert "omission" in review.segments[15].kinds
    assert [t.term_id for t in review.terms] == [
        "choe-chang-ik", "cpsu-20th-congress", "factionalism", "kim-il-sung", "kwp", "nam-il", "pak-chang-ok",
        "party-aktiv", "top-secret",
    ]


def test_review_html_is_self_contained_and_links_terms(review, tmp_path):
    html = render_review(review)
    assert_self_contained(html)
    assert html.count('<tr class="seg"') == 31
    assert 'id="term-nam-il"' in html and 'href="#term-nam-il"' in html
    assert 'data-filter="omission" data-kinds="omission" aria-pressed="false">Omissions (1)</button>' in html
    assert html.count('<rect class="bead" data-kind="omission"') == 1
    write_html(html, tmp_path / "report.html")
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == html


def test_term_report_html(qa_corpus, test_glossary_path):
    glossary = load_glossary(test_glossary_path)
    report = check_terms(Corpus.open(qa_corpus), glossary)
    html = render_term_report(report, glossary)
    assert_self_contained(html)
    assert html.count('<tr class="finding"') == len(report.findings) == 24
    assert "Missing and forbidden (3)</button>" in html
    assert '<mark class="finding" data-term="nam-il"><a href="#term-nam-il">Nam Ir</a></mark>' in html
    assert "USSR Ambassador to the DPRK [signed] V. Ivanov" in html
