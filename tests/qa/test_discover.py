"""Mining candidate glossary entries: names by phonetic key, terms by Dice over segments."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from aligner.glossary import Glossary, Term, glossary_format, load_glossary
from aligner.qa.discover import candidates_glossary, discover_in_segments, discover_terms
from aligner.store.corpus import Corpus


@dataclass(frozen=True)
class Seg:
    where: tuple[str, int]
    src: str
    tgt: str
    place: object = None


NAME_SEGMENTS = [
    Seg(("cable/en", 7), "Мы с Пэн Дэхуаем на пленуме не присутствовали.", "Peng Dehuai and I did not attend."),
    Seg(("cable/en", 29), "Пэн Дэхуай летит вместе с нами.", "Peng Dehuai is flying with us."),
    Seg(("memo/en", 3), "Посетил посольство.", "I visited the Embassy."),
]
PLAN_SEGMENTS = [
    Seg(("a/en", 0), "Пятилетний план выполнен досрочно.", "The five-year plan was fulfilled ahead of schedule."),
    Seg(("a/en", 1), "Рабочие обсудили пятилетний план.", "The workers discussed the five-year plan."),
    Seg(("b/en", 0), "Новый пятилетний план утвержден.", "A new five-year plan was approved."),
]
PENG = Glossary.from_terms([Term("peng-dehuai", "person", ("Пэн Дэхуай",), ("Peng Dehuai",))])

DISCOVER_CASES = [
    ("a name in two segments, nominative spelling shown", NAME_SEGMENTS, None, 2,
     [("person", "Пэн Дэхуай", "Peng Dehuai", 2)]),
    ("too few segments for min_count", NAME_SEGMENTS, None, 3, []),
    ("what the glossary covers is not proposed", NAME_SEGMENTS, PENG, 2, []),
    ("a two-word term, the longest n-gram wins", PLAN_SEGMENTS, None, 2,
     [("other", "пятилетний план", "five-year plan", 3)]),
    ("one translation per source place counts once",
     [Seg(("a/en", 0), "Пятилетний план выполнен.", "The five-year plan is fulfilled.", place=("a", (0,))),
      Seg(("a/en-2", 0), "Пятилетний план выполнен.", "The five-year plan is done.", place=("a", (0,)))], None, 2, []),
]


@pytest.mark.parametrize(("segments", "glossary", "min_count", "expected"), [c[1:] for c in DISCOVER_CASES],
                         ids=[c[0] for c in DISCOVER_CASES])
def test_discover_in_segments(segments, glossary, min_count, expected):
    found = discover_in_segments(segments, "ru", "en", glossary, min_count)
    assert [(c.category, c.src, c.tgt, c.count) for c in found] == expected


def test_examples_name_document_and_segment():
    (candidate,) = discover_in_segments(NAME_SEGMENTS, "ru", "en", None, 2)
    assert candidate.examples == (("cable/en", 7), ("cable/en", 29))
    assert candidate.dice == 1.0


def test_min_count_must_be_positive():
    with pytest.raises(ValueError):
        discover_in_segments(NAME_SEGMENTS, "ru", "en", None, 0)


def test_candidates_round_trip_through_the_glossary_format(tmp_path):
    candidates = discover_in_segments(NAME_SEGMENTS + PLAN_SEGMENTS, "ru", "en", None, 2)
    glossary = candidates_glossary(candidates)
    path = tmp_path / "candidates.tsv"
    path.write_bytes(glossary_format(path).write(glossary, path))
    loaded = load_glossary(path)
    assert [(t.term_id, t.category, t.src_forms, t.tgt_preferred) for t in loaded.terms] == [
        ("five-year-plan", "other", ("пятилетний план",), ("five-year plan",)),
        ("peng-dehuai", "person", ("Пэн Дэхуай",), ("Peng Dehuai",)),
    ]
    assert loaded.terms[1].note == "discovered: 2 segments, Dice 1.00; e.g. cable/en#7, cable/en#29"


def test_discover_on_the_samples(qa_corpus, test_glossary_path):
    found = discover_terms(Corpus.open(qa_corpus), load_glossary(test_glossary_path), 2)
    pairs = {(c.category, c.src, c.tgt) for c in found}
    assert {("person", "Иванов", "Ivanov"), ("other", "КНДР", "DPRK"), ("other", "члены партии", "Party members")} <= pairs
    # Covered by the test glossary: never proposed again.
    assert not any(c.tgt in ("Kim Il Sung", "Kim Il-song", "Nam Il", "KWP") for c in found)
    assert [c.dice for c in found] == sorted((c.dice for c in found), reverse=True)
