"""Two translations through the source pivot: row grouping, word diff, and the samples' differences."""

from __future__ import annotations

import pytest

from aligner.errors import CorpusError
from aligner.glossary import load_glossary
from aligner.qa.compare import compare_segments, compare_translations, pivot_groups, word_diff
from aligner.store.corpus import Corpus
from tests.qa.samples import MEMO, RESOLUTION


def segs(*beads):
    """Segment rows from ``(src_sent_ids, tgt_text)`` beads, numbered in order."""
    return [
        {"seg_no": k, "src_sent_ids": list(src), "tgt_sent_ids": [k] if tgt else [], "src_text": f"s{src}",
         "tgt_text": tgt, "tgt_terms": [], "flags": []}
        for k, (src, tgt) in enumerate(beads)
    ]


GROUP_CASES = [
    ("1-1 against 1-1", segs(([0], "a"), ([1], "b")), segs(([0], "a"), ([1], "b")), [((0,), (0,)), ((1,), (1,))]),
    ("2-1 in A against two 1-1 in B", segs(([0, 1], "ab"), ([2], "c")), segs(([0], "a"), ([1], "b"), ([2], "c")),
     [((0,), (0, 1)), ((1,), (2,))]),
    ("addition on a shared edge gets its own row", segs(([0], "a"), ([], "note"), ([1], "b")), segs(([0], "a"), ([1], "b")),
     [((0,), (0,)), ((1,), ()), ((2,), (1,))]),
    ("addition inside a merged row joins it", segs(([0, 1], "ab"), ([2], "c")), segs(([0], "a"), ([], "note"), ([1], "b"), ([2], "c")),
     [((0,), (0, 1, 2)), ((1,), (3,))]),
    ("additions of both at one edge share a row", segs(([0], "a"), ([], "x"), ([1], "b")), segs(([0], "a"), ([], "y"), ([1], "b")),
     [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
    ("addition before the first sentence", segs(([], "note"), ([0], "a")), segs(([0], "a")), [((0,), ()), ((1,), (0,))]),
    ("omission (1-0) keeps its row", segs(([0], "a"), ([1], ""), ([2], "c")), segs(([0], "a"), ([1], "b"), ([2], "c")),
     [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
]


@pytest.mark.parametrize(("a", "b", "expected"), [c[1:] for c in GROUP_CASES], ids=[c[0] for c in GROUP_CASES])
def test_pivot_groups(a, b, expected):
    groups = pivot_groups(a, b)
    assert [(tuple(s["seg_no"] for s in ga), tuple(s["seg_no"] for s in gb)) for ga, gb in groups] == expected


WORD_DIFF_CASES = [
    ("equal", "Top Secret", "Top Secret", (("equal", "Top Secret", "Top Secret"),)),
    ("a name respelled", "Cde. Kim Il Sung said", "Cde. Kim Il-song said",
     (("equal", "Cde. Kim", "Cde. Kim"), ("replace", "Il Sung", "Il-song"), ("equal", "said", "said"))),
    ("one side empty", "", "No reply.", (("insert", "", "No reply."),)),
]


@pytest.mark.parametrize(("a", "b", "expected"), [c[1:] for c in WORD_DIFF_CASES], ids=[c[0] for c in WORD_DIFF_CASES])
def test_word_diff(a, b, expected):
    assert word_diff(a, b) == expected


DIFFERENCE_CASES = [
    ("omission in B", segs(([0], "No reply.")), segs(([0], "")),
     [("omission", "B leaves source sentence(s) 0 untranslated; A translates them")]),
    ("addition in A", segs(([0], "a"), ([], "Nodong Sinmun is the organ of the KWP CC.")), segs(([0], "a")),
     [("addition", "A adds: Nodong Sinmun is the organ of the KWP CC.")]),
    ("long note merged into a bead", segs(([0], "He left. [Translator's note: he came back later.]")), segs(([0], "He left.")),
     [("addition", "A adds: [Translator's note: he came back later.]")]),
    ("the same note worded otherwise", segs(([0], "[handwritten: Reported to Cde. Gromyko]")),
     segs(([0], "[handwritten: Reported to Comrade Gromyko]")), []),
    ("wrong date", segs(([0], "from 25 September to 2 October")), segs(([0], "from 25 September to 12 October")),
     [("date_mismatch", "A only: --10-02; B only: --10-12; source has: -")]),
]


@pytest.mark.parametrize(("a", "b", "expected"), [c[1:] for c in DIFFERENCE_CASES], ids=[c[0] for c in DIFFERENCE_CASES])
def test_differences_without_glossary(a, b, expected):
    rows = compare_segments(a, b)
    assert [(d.kind, d.detail) for row in rows for d in row.differences] == expected


# The memo's two translations through the Russian, with the small test glossary: every difference.
EXPECTED_DIFFERENCES = [
    ((3,), "name_mismatch", "kim-il-sung (Ким Ир Сеном): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((4,), "name_mismatch", "kim-il-sung (Ким Ир Сена): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((5,), "name_mismatch", "nam-il (Нам Ир): en 'Nam Il', en-draft 'Nam Ir'"),
    ((6,), "name_mismatch", "kim-il-sung (Ким Ир Сен): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((7,), "date_mismatch", "en only: --10-02; en-draft only: --10-12; source has: --10-02"),
    ((7,), "term_mismatch", "party-aktiv (партийного актива): en 'Party aktiv', en-draft 'Party activists'"),
    ((10,), "name_mismatch", "choe-chang-ik (Чвэ Чан Ик): en 'Choe Chang-ik', en-draft 'Ch'oe Ch'ang-ik'"),
    ((10,), "name_mismatch", "pak-chang-ok (Пак Чан Ок): en 'Pak Chang-ok', en-draft 'Pak Ch'ang-ok'"),
    ((11,), "name_mismatch", "kim-il-sung (Ким Ир Сен): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((12,), "term_mismatch", "factionalism (фракционности): en 'factionalism', en-draft 'fractionalism'"),
    ((), "addition", "en adds: [Translator's note: Yun Gong-heum, So Hwi, and Ri Pil-gyu left for China after the "
                        "first day of the August plenum; the September plenum reinstated them in the Party.]"),
    ((13,), "name_mismatch", "kim-il-sung (Ким Ир Сен): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((15,), "omission", "en-draft leaves source sentence(s) 15 untranslated; en translates them"),
    ((16,), "name_mismatch", "kim-il-sung (Ким Ир Сен): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((18,), "name_mismatch", "kim-il-sung (Ким Ир Сен): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((18,), "name_mismatch", "choe-chang-ik (Чвэ Чан Ика): en 'Choe Chang-ik', en-draft 'Ch'oe Ch'ang-ik'"),
    ((18,), "name_mismatch", "pak-chang-ok (Пак Чан Ока): en 'Pak Chang-ok', en-draft 'Pak Ch'ang-ok'"),
    ((19,), "name_mismatch", "pak-chang-ok (Пак Чан Ок): en 'Pak Chang-ok', en-draft 'Pak Ch'ang-ok'"),
    ((19,), "name_mismatch", "choe-chang-ik (Чвэ Чан Ика): en 'Choe Chang-ik', en-draft 'Ch'oe Ch'ang-ik'"),
    ((20,), "name_mismatch", "kim-il-sung (Ким Ир Сена): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((20,), "name_mismatch", "choe-chang-ik (Чвэ Чан Ик): en 'Choe Chang-ik', en-draft 'Ch'oe Ch'ang-ik'"),
    ((21,), "name_mismatch", "kim-il-sung (Ким Ир Сен): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((23,), "name_mismatch", "kim-il-sung (Ким Ир Сен): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((24,), "term_mismatch", "kwp (Трудовая партия Кореи): en 'Korean Workers' Party', en-draft 'Korean Workers Party'"),
    ((24,), "term_mismatch", "cpsu-20th-congress (XX съезда КПСС): en '20th CPSU Congress', en-draft none"),
    ((25, 26), "name_mismatch", "kim-il-sung (Ким Ир Сена): en 'Kim Il Sung', en-draft 'Kim Il-song'"),
    ((27,), "omission", "en leaves source sentence(s) 27 untranslated; en-draft translates them"),
    ((27,), "number_mismatch", "en only: -; en-draft only: 1, 40; source has: 1, 40"),
]


@pytest.fixture(scope="module")
def comparison(qa_corpus, test_glossary_path):
    return compare_translations(Corpus.open(qa_corpus), MEMO, "en", "en-draft", load_glossary(test_glossary_path))


def test_differences_on_the_samples_are_exact(comparison):
    found = [(row.src_sent_ids, d.kind, d.detail) for row in comparison.rows for d in row.differences]
    assert found == EXPECTED_DIFFERENCES
    assert comparison.counts() == {
        "omission": 2, "addition": 1, "number_mismatch": 1, "date_mismatch": 1, "term_mismatch": 4, "name_mismatch": 19,
    }


def test_rows_cover_every_source_sentence_once(comparison):
    ids = [i for row in comparison.rows for i in row.src_sent_ids]
    assert ids == list(range(31))
    omitted = next(row for row in comparison.rows if row.src_sent_ids == (15,))
    assert (omitted.a, omitted.b) == ("No reply has yet been received from them.", "")
    assert omitted.word_diff == (("delete", "No reply has yet been received from them.", ""),)


def test_without_glossary_the_stored_terms_and_name_keys_are_compared(qa_corpus):
    comparison = compare_translations(Corpus.open(qa_corpus), MEMO, "en", "en-draft")
    kinds = {(row.src_sent_ids, d.kind) for row in comparison.rows for d in row.differences}
    assert {((7,), "date_mismatch"), ((15,), "omission"), ((27,), "omission"), ((3,), "name_mismatch")} <= kinds


def test_translations_of_different_originals_are_refused(qa_corpus):
    with pytest.raises(CorpusError, match="no translation 'en-draft'"):
        compare_translations(Corpus.open(qa_corpus), RESOLUTION, "en", "en-draft")
    with pytest.raises(ValueError, match="itself"):
        compare_translations(Corpus.open(qa_corpus), MEMO, "en", "en")


def test_translations_aligned_from_different_source_texts_are_refused(tmp_path):
    from aligner.align.pipeline import align_files

    (tmp_path / "ru.txt").write_text("Пленум открылся утром. Он закончился вечером.\n", encoding="utf-8")
    (tmp_path / "ru2.txt").write_text("Пленум открылся днем. Он закончился ночью.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The plenum opened in the morning. It ended in the evening.\n", encoding="utf-8")
    corpus = Corpus.open(tmp_path / "corpus", create=True)
    corpus.write_documents([
        align_files(tmp_path / "ru.txt", tmp_path / "en.txt", doc_id="x", translation_id="a", check_languages=False),
        align_files(tmp_path / "ru2.txt", tmp_path / "en.txt", doc_id="x", translation_id="b", check_languages=False),
    ])
    with pytest.raises(CorpusError, match="different source texts"):
        compare_translations(corpus, "x", "a", "b")
