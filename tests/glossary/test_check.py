"""check_glossary: each kind of content problem, and a clean glossary."""

from __future__ import annotations

import pytest

from aligner.glossary import Glossary, Problem, Term, check_glossary, load_glossary

GOOD = Term("kim", "person", ("Ким Ир Сен",), ("Kim Il Sung",), ("Kim Il-song",), ("Kim Ir Sen",))

# (terms, expected (kind, term_id, severity) triples)
CASES = [
    ([GOOD], [], "clean"),
    ([GOOD, Term("kim", "person", ("Ким Ду Бон",), ("Kim Du-bong",))], [("duplicate_id", "kim", "error")], "duplicate id"),
    ([Term("", "other", ("пленум",), ("plenum",))], [("empty_field", "(no id)", "error")], "empty id"),
    ([Term("x", "other", (), ("plenum",))], [("empty_field", "x", "error")], "no Russian form"),
    ([Term("x", "other", ("пленум",), (), ("plena",))], [("empty_field", "x", "error")], "no preferred rendering"),
    ([Term("x", "party", ("пленум",), ("plenum",))], [("bad_category", "x", "error")], "unknown category"),
    ([Term("x", "other", ("пленм",), ("plenum",))], [("unknown_word", "x", "warning")], "typo pymorphy3 only guesses"),
    ([Term("x", "other", ("Plenum ЦК",), ("CC plenum",))], [("not_russian", "x", "error")], "Latin word in Russian"),
    ([Term("x", "other", ("Пленум CК",), ("CC plenum",))], [("mixed_script", "x", "error")], "Latin C in ЦК"),
    ([Term("x", "other", ("пленум",), ("plenum",), (), ("plenum",))],
     [("conflicting_renderings", "x", "error")], "approved and forbidden"),
    ([Term("x", "person", ("Ким Ир Сен",), ("Kim Il Sung",), (), ("Kim Il-sung",))],
     [("conflicting_renderings", "x", "error")], "forbidden indistinguishable from approved"),
    ([Term("sen", "person", ("Сен",), ("Sen",)), Term("seine", "place", ("Сена",), ("Seine",))],
     [("shared_form", "sen", "warning")], "two terms share inflected forms"),
    ([Term("comrade", "title", ("товарищ", "тов."), ("Cde.",)),
      Term("comrades", "title", ("товарищи", "т.т.", "тт."), ("Cdes.",))],
     [], "derived forms yield to written ones"),
    ([Term("comrade", "title", ("товарищ",), ("Cde.",)), Term("comrades", "title", ("товарищи",), ("Cdes.",))],
     [("shared_form", "comrade", "warning")], "both derive тов."),
    ([Term("x", "other", ("тов.", "т.т.", "XX съезд КПСС"), ("Cde.",))], [], "abbreviations and numerals"),
    ([Term("x", "document", ("§",), ("section",))], [("unmatchable_form", "x", "error")], "symbol-only form"),
    ([Term("x", "document", ("№",), ("No.",), ("Nº",))], [], "number sign is matchable"),
]


@pytest.mark.parametrize(("terms", "expected"), [c[:2] for c in CASES], ids=[c[2] for c in CASES])
def test_check(terms, expected):
    problems = check_glossary(Glossary.from_terms(terms))
    assert [(p.kind, p.term_id, p.severity) for p in problems] == expected
    assert all(isinstance(p, Problem) and p.message for p in problems)


def test_shared_form_names_the_forms():
    terms = [Term("sen", "person", ("Сен",), ("Sen",)), Term("seine", "place", ("Сена",), ("Seine",))]
    [problem] = check_glossary(Glossary.from_terms(terms))
    assert "'sen', 'seine'" in problem.message and "'сену'" in problem.message


def test_check_of_other_language_pair_skips_russian_checks():
    g = Glossary.from_terms([Term("cc", "organisation", ("Zentralkomiteee",), ("comité central",))], "de", "fr")
    assert check_glossary(g) == []


def test_bundled_glossary_has_no_errors(glossary_path):
    problems = check_glossary(load_glossary(glossary_path))
    assert [p for p in problems if p.severity == "error"] == []


def test_empty_glossary():
    assert check_glossary(Glossary.from_terms([])) == []
