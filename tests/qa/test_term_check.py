"""Term checks: the per-segment rules on small texts, then the exact findings on the samples."""

from __future__ import annotations

import pytest

from aligner import __version__
from aligner.errors import CorpusError
from aligner.glossary import Glossary, Term, load_glossary
from aligner.qa.terms import FindingKey, SegmentRow, check_segment, check_segments, check_terms
from aligner.store.corpus import Corpus
from tests.qa.samples import MEMO, RESOLUTION

GLOSSARY = Glossary.from_terms(
    [
        Term("kim-il-sung", "person", ("Ким Ир Сен",), ("Kim Il Sung",), ("Kim Il-song",), ("Kim Ir Sen",)),
        Term("plenum", "party_term", ("пленум",), ("plenum",)),
        Term("cc", "organisation", ("ЦК",), ("CC",), ("Central Committee",)),
        Term("cc-plenum", "party_term", ("Пленум ЦК",), ("CC plenum",), ("plenum of the CC",)),
        Term("decision", "party_term", ("решение",), ("decision",), ("resolution",)),
        Term("resolution-postanovlenie", "party_term", ("постановление",), ("resolution",), ("decision",)),
        Term("congress", "party_term", ("съезд",), ("congress",)),
        Term("cpsu", "organisation", ("КПСС",), ("CPSU",)),
        Term("cpsu-20th-congress", "party_term", ("XX съезд КПСС",), ("20th CPSU Congress",)),
        Term("kwp", "organisation", ("ТПК",), ("KWP",), (), ("WPK",)),
        Term("kwp-cc", "organisation", ("ЦК ТПК",), ("KWP CC",)),
    ]
)

SEGMENT_CASES = [
    ("preferred rendering", "Тов. Ким Ир Сен сказал.", "Cde. Kim Il Sung said.", set()),
    ("inflected source, variant rendering", "Посетил Ким Ир Сена.", "Visited Kim Il-song.",
     {("kim-il-sung", "variant", "Kim Il-song")}),
    ("forbidden rendering", "Ким Ир Сен сказал.", "Kim Ir Sen said.", {("kim-il-sung", "forbidden", "Kim Ir Sen")}),
    ("missing rendering", "Ким Ир Сен сказал.", "The Chairman said.", {("kim-il-sung", "missing", "")}),
    ("unexpected rendering", "Председатель сказал.", "Kim Il Sung said.", {("kim-il-sung", "unexpected", "Kim Il Sung")}),
    ("forbidden rendering without the source term", "Председатель сказал.", "Kim Ir Sen said.",
     {("kim-il-sung", "forbidden", "Kim Ir Sen")}),
    ("preferred beside a variant is no variant", "Ким Ир Сен и Ким Ир Сен.", "Kim Il Sung, or Kim Il-song.", set()),
    ("shared target span: решение as decision", "Решение принято.", "The decision was adopted.", set()),
    ("terms inside a longer source term are not unexpected", "XX съезд КПСС открылся.",
     "The Twentieth Congress of the CPSU opened.", set()),
    ("term rendered by its parts is not missing", "Пленум ЦК открылся.", "The CC held a plenum.", set()),
    ("term inside an editorial bracket is not unexpected", "Пленум открылся.",
     "The plenum opened. [Translator's note: Kim Il Sung spoke.]", set()),
    ("forbidden inside an editorial bracket is still forbidden", "Пленум открылся.",
     "The plenum opened. [Note: Kim Ir Sen spoke.]", {("kim-il-sung", "forbidden", "Kim Ir Sen")}),
    ("forbidden rendering of a term inside a longer source term", "ЦК ТПК заседал.", "The WPK CC met.",
     {("kwp", "forbidden", "WPK")}),
    ("empty target (omission)", "Ким Ир Сен сказал.", "", {("kim-il-sung", "missing", "")}),
]


@pytest.mark.parametrize(("src", "tgt", "expected"), [c[1:] for c in SEGMENT_CASES], ids=[c[0] for c in SEGMENT_CASES])
def test_check_segment_rules(src, tgt, expected):
    found = check_segment(GLOSSARY, src, tgt, "ru", "en").findings
    assert {(f.term_id, f.kind, f.rendering) for f in found} == expected
    assert len(found) == len(expected)  # at most one finding per term and kind


def test_finding_spans_point_at_both_occurrences():
    src, tgt = "Посетил Ким Ир Сена, затем Ким Ир Сеном.", "Visited Kim Il-song, then Kim Il-song."
    (finding,) = check_segment(GLOSSARY, src, tgt, "ru", "en").findings
    assert [src[s:e] for s, e in finding.src_spans] == ["Ким Ир Сена", "Ким Ир Сеном"]
    assert [tgt[s:e] for s, e in finding.tgt_spans] == ["Kim Il-song", "Kim Il-song"]
    assert finding.expected == ("Kim Il Sung",)


# The second translation of the memo against the small test glossary: every finding, exactly.
DRAFT = f"{MEMO}/en-draft"
EXPECTED_FINDINGS = [
    (MEMO, "en-draft", 3, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 4, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 5, "nam-il", "forbidden", "Nam Ir"),
    (MEMO, "en-draft", 6, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 7, "party-aktiv", "variant", "Party activists"),
    (MEMO, "en-draft", 10, "choe-chang-ik", "variant", "Ch'oe Ch'ang-ik"),
    (MEMO, "en-draft", 10, "pak-chang-ok", "variant", "Pak Ch'ang-ok"),
    (MEMO, "en-draft", 11, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 12, "factionalism", "forbidden", "fractionalism"),
    (MEMO, "en-draft", 13, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 16, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 18, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 18, "choe-chang-ik", "variant", "Ch'oe Ch'ang-ik"),
    (MEMO, "en-draft", 18, "pak-chang-ok", "variant", "Pak Ch'ang-ok"),
    (MEMO, "en-draft", 19, "pak-chang-ok", "variant", "Pak Ch'ang-ok"),
    (MEMO, "en-draft", 19, "choe-chang-ik", "variant", "Ch'oe Ch'ang-ik"),
    (MEMO, "en-draft", 20, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 20, "choe-chang-ik", "variant", "Ch'oe Ch'ang-ik"),
    (MEMO, "en-draft", 21, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 23, "kim-il-sung", "variant", "Kim Il-song"),
    (MEMO, "en-draft", 24, "kwp", "variant", "Korean Workers Party"),
    (MEMO, "en-draft", 24, "cpsu-20th-congress", "missing", ""),
    (MEMO, "en-draft", 25, "kim-il-sung", "variant", "Kim Il-song"),
    # The translator's added sentence "Nodong Sinmun is the organ of the KWP CC." (gold: []:[5]).
    (RESOLUTION, "en", 4, "kwp", "unexpected", "KWP"),
]

EXPECTED_INCONSISTENT = [
    ("choe-chang-ik", "Choe Chang-ik", "preferred", 8, (f"{MEMO}/en", f"{RESOLUTION}/en")),
    ("choe-chang-ik", "Ch'oe Ch'ang-ik", "variant", 4, (DRAFT,)),
    ("factionalism", "factionalism", "preferred", 4, (f"{MEMO}/en", DRAFT, f"{RESOLUTION}/en")),
    ("factionalism", "fractionalism", "forbidden", 1, (DRAFT,)),
    ("kim-il-sung", "Kim Il Sung", "preferred", 12, (f"{MEMO}/en", f"{RESOLUTION}/en")),
    ("kim-il-sung", "Kim Il-song", "variant", 11, (DRAFT,)),
    ("kwp", "KWP", "preferred", 12, (f"{MEMO}/en", DRAFT, f"{RESOLUTION}/en")),
    ("kwp", "Korean Workers' Party", "preferred", 6, (f"{MEMO}/en", f"{RESOLUTION}/en")),
    ("kwp", "Korean Workers Party", "variant", 1, (DRAFT,)),
    ("nam-il", "Nam Il", "preferred", 2, (f"{MEMO}/en", f"{RESOLUTION}/en")),
    ("nam-il", "Nam Ir", "forbidden", 1, (DRAFT,)),
    ("pak-chang-ok", "Pak Chang-ok", "preferred", 7, (f"{MEMO}/en", f"{RESOLUTION}/en")),
    ("pak-chang-ok", "Pak Ch'ang-ok", "variant", 3, (DRAFT,)),
    ("party-aktiv", "Party activists", "variant", 1, (DRAFT,)),
    ("party-aktiv", "Party aktiv", "preferred", 1, (f"{MEMO}/en",)),
]


@pytest.fixture(scope="module")
def report(qa_corpus, test_glossary_path):
    return check_terms(Corpus.open(qa_corpus), load_glossary(test_glossary_path))


def test_findings_on_the_samples_are_exact(report):
    found = [(f.doc_id, f.translation_id, f.seg_no, f.term_id, f.kind, f.rendering) for f in report.findings]
    assert found == EXPECTED_FINDINGS
    assert report.blocking


def test_the_published_translation_has_no_findings(qa_corpus, test_glossary_path):
    report = check_terms(Corpus.open(qa_corpus), load_glossary(test_glossary_path), doc_id=MEMO, translation_id="en")
    assert report.findings == () and not report.blocking
    assert report.documents == ((MEMO, "en"),)


def test_summary_counts_per_kind_and_document(report):
    summary = report.summary()
    assert summary["by_kind"] == {
        "missing": 1, "forbidden": 2, "variant": 20, "unexpected": 1, "inconsistent": 7,
        "same_source_different_target": 1,
    }
    per_doc = {(d["doc_id"], d["translation_id"]): (d["missing"], d["forbidden"], d["variant"], d["unexpected"])
               for d in summary["by_document"]}
    assert per_doc == {(MEMO, "en"): (0, 0, 0, 0), (MEMO, "en-draft"): (1, 2, 20, 0), (RESOLUTION, "en"): (0, 0, 0, 1)}
    assert summary["segments"] == report.segments > 80
    assert summary["signature"].startswith("gloss:") and summary["signature"].endswith(f"version:{__version__}")


def test_inconsistent_renderings_across_translations(report):
    rows = [(u.term_id, u.rendering, u.status, u.count, u.documents) for u in report.inconsistent]
    assert rows == EXPECTED_INCONSISTENT


def test_repeated_source_sentence_translated_differently(report):
    (variation,) = report.same_source_different_target
    assert variation.src == "Посол СССР в КНДР [подпись] В. Иванов"
    assert variation.renderings == (
        "USSR Ambassador to the DPRK [signature] V. Ivanov",
        "USSR Ambassador to the DPRK [signed] V. Ivanov",
    )
    assert variation.documents == (f"{MEMO}/en", DRAFT, f"{RESOLUTION}/en")


def test_documents_aligned_with_another_glossary_are_named(report):
    # The corpus was aligned with the bundled glossary, the check uses the test glossary.
    assert report.other_glossary == ((MEMO, "en"), (MEMO, "en-draft"), (RESOLUTION, "en"))


def test_accepted_findings_are_left_out_and_stale_ones_reported(qa_corpus, test_glossary_path):
    accepted = {
        FindingKey(MEMO, "en-draft", 5, "nam-il", "forbidden"),
        FindingKey(MEMO, "en-draft", 12, "factionalism", "forbidden"),
        FindingKey(MEMO, "en-draft", 24, "cpsu-20th-congress", "missing"),
        FindingKey(MEMO, "en-draft", 99, "nam-il", "forbidden"),
    }
    report = check_terms(Corpus.open(qa_corpus), load_glossary(test_glossary_path), doc_id=MEMO, accepted=accepted)
    assert report.ignored == 3 and not report.blocking
    assert report.unused_accepted == (FindingKey(MEMO, "en-draft", 99, "nam-il", "forbidden"),)
    assert {f.kind for f in report.findings} == {"variant"}


def test_unknown_document_is_a_corpus_error(qa_corpus, test_glossary_path):
    with pytest.raises(CorpusError, match="no document 'nope'"):
        check_terms(Corpus.open(qa_corpus), load_glossary(test_glossary_path), doc_id="nope")


SAME_SOURCE_CASES = [
    ("repeated in two documents, translated two ways",
     [("a", "en", 0, "Совершенно секретно", "Top Secret", (0,)), ("b", "en", 0, "Совершенно секретно", "Strictly Secret", (0,))],
     [("Совершенно секретно", ("Strictly Secret", "Top Secret"))]),
    ("repeated, translated alike", [("a", "en", 0, "Экз. № 1", "Copy No. 1", (0,)), ("b", "en", 0, "Экз. № 1", "Copy No. 1", (0,))], []),
    ("two translations of one place are not a repeat",
     [("a", "en", 0, "Совершенно секретно", "Top Secret", (0,)), ("a", "en-2", 0, "Совершенно секретно", "Strictly Secret", (0,))], []),
    ("line breaks and spaces do not count",
     [("a", "en", 0, "Посол СССР\nв КНДР", "Ambassador", (3,)), ("a", "en", 5, "Посол СССР в КНДР", "The Ambassador", (9,))],
     [("Посол СССР в КНДР", ("Ambassador", "The Ambassador"))]),
    ("an omission has no translation to compare",
     [("a", "en", 0, "Ответа нет.", "", (0,)), ("b", "en", 0, "Ответа нет.", "No reply.", (0,))], []),
]


@pytest.mark.parametrize(("rows", "expected"), [c[1:] for c in SAME_SOURCE_CASES], ids=[c[0] for c in SAME_SOURCE_CASES])
def test_same_source_different_target(rows, expected):
    report = check_segments([SegmentRow(*row) for row in rows], Glossary.from_terms([]))
    assert [(v.src, v.renderings) for v in report.same_source_different_target] == expected
