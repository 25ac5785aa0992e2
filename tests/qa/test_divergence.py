"""Divergences of one translation: details explain the stored flags; --glossary recomputes terms."""

from __future__ import annotations

import pytest

from aligner.glossary import Glossary, Term, load_glossary
from aligner.qa.divergence import divergences_of_segments, find_divergences, one_side_only, proper_length
from aligner.store.corpus import Corpus
from tests.qa.samples import MEMO


def segment(seg_no, bead, src, tgt, flags, confidence=0.9, src_terms=(), tgt_terms=()):
    n_src, n_tgt = (int(n) for n in bead.split("-"))
    return {
        "doc_id": "d", "translation_id": "en", "seg_no": seg_no, "bead": bead, "src_text": src, "tgt_text": tgt,
        "src_sent_ids": list(range(n_src)), "tgt_sent_ids": list(range(n_tgt)), "confidence": confidence,
        "flags": list(flags), "src_terms": list(src_terms), "tgt_terms": list(tgt_terms),
    }


DETAIL_CASES = [
    ("omission: sentences and characters", segment(0, "1-0", "Ответа от них пока не получено.", "", ["omission"]),
     "omission", "untranslated: 1 source sentence(s), 31 characters"),
    ("addition: bracket characters not counted", segment(0, "0-1", "", "Nodong Sinmun is the organ of the KWP CC. [sic]", ["addition"]),
     "addition", "added: 1 target sentence(s), 42 characters"),
    ("wrong date in a range", segment(0, "1-1", "с 25 сентября по 2 октября", "from 25 September to 12 October", ["date_mismatch"]),
     "date_mismatch", "src only: --10-02; tgt only: --10-12"),
    ("wrong number", segment(0, "1-1", "всего 68 человек", "86 people in all", ["number_mismatch"]),
     "number_mismatch", "src only: 68; tgt only: 86"),
    ("editorial notes of both sides", segment(0, "1-1", "[подпись] В. Иванов", "[signature] V. Ivanov", ["editorial"]),
     "editorial", "notes: [подпись]; [signature]"),
    ("name on one side only", segment(0, "1-1", "Пэн Дэхуай согласился.", "Zhou Enlai agreed.", ["name_mismatch"]),
     "name_mismatch", "src only: Пэн Дэхуай; tgt only: Zhou Enlai"),
    ("same name in two scripts is no mismatch", segment(0, "1-1", "Пэн Дэхуаем и Ким Ду Боном", "Peng Dehuai and Zhou Enlai", ["name_mismatch"]),
     "name_mismatch", "src only: Ким Ду Боном; tgt only: Zhou Enlai"),
    ("stored term ids", segment(0, "1-1", "ТПК", "the Party", ["term_mismatch"], src_terms=["kwp"]),
     "term_mismatch", "src only: kwp"),
    ("low confidence", segment(0, "1-1", "а", "b", ["low_confidence"], confidence=0.134), "low_confidence", "confidence 0.13"),
]


@pytest.mark.parametrize(("seg", "kind", "detail"), [c[1:] for c in DETAIL_CASES], ids=[c[0] for c in DETAIL_CASES])
def test_detail_explains_the_flag(seg, kind, detail):
    (found,) = divergences_of_segments([seg], "ru", "en")
    assert (found.kind, found.detail) == (kind, detail)


def test_length_outlier_detail_gives_ratio_and_z():
    segs = [segment(k, "1-1", "Слово " * 10, "Word " * n, []) for k, n in enumerate((9, 10, 11, 10, 12, 10))]
    segs.append(segment(6, "1-1", "Слово " * 10, "Word " * 60, ["length_outlier"]))
    (found,) = divergences_of_segments(segs, "ru", "en")
    head, z = found.detail.split(" = ")
    assert head == "target/source length 5.00, robust z" and 3.5 < float(z) < 100


GLOSSARY = Glossary.from_terms([Term("kwp", "organisation", ("ТПК",), ("KWP",))])


def test_glossary_recomputes_only_the_term_flag():
    stale = segment(0, "1-1", "ЦК ТПК", "KWP CC", ["term_mismatch", "editorial"])
    fresh = segment(1, "1-1", "ЦК ТПК", "the Party CC", ["number_mismatch"])
    found = divergences_of_segments([stale, fresh], "ru", "en", GLOSSARY)
    assert [(d.seg_no, d.kind, d.detail) for d in found] == [
        (0, "editorial", "editorial sentence"),
        (1, "number_mismatch", ""),
        (1, "term_mismatch", "src only: kwp"),
    ]


ONE_SIDE_CASES = [
    ("equal multisets", ["1956", "604"], ["604", "1956"], ""),
    ("repeats count", ["68", "68"], ["68"], "src only: 68"),
    ("both sides", ["a"], ["b", "c"], "src only: a; tgt only: b, c"),
]


@pytest.mark.parametrize(("src", "tgt", "expected"), [c[1:] for c in ONE_SIDE_CASES], ids=[c[0] for c in ONE_SIDE_CASES])
def test_one_side_only(src, tgt, expected):
    assert one_side_only(src, tgt) == expected


def test_proper_length_leaves_out_brackets():
    assert proper_length("He asked [me] to tell") == len("He asked  to tell")


def test_draft_translation_divergences(qa_corpus, test_glossary_path):
    found = find_divergences(Corpus.open(qa_corpus), MEMO, "en-draft", load_glossary(test_glossary_path))
    kinds = {"omission", "addition", "date_mismatch", "number_mismatch", "term_mismatch"}
    assert [(d.seg_no, d.kind, d.detail) for d in found if d.kind in kinds] == [
        (7, "date_mismatch", "src only: --10-02; tgt only: --10-12"),
        (15, "omission", "untranslated: 1 source sentence(s), 31 characters"),
        (24, "term_mismatch", "src only: cpsu-20th-congress"),
    ]
    omission = next(d for d in found if d.kind == "omission")
    assert (omission.bead, omission.src, omission.tgt) == ("1-0", "Ответа от них пока не получено.", "")
