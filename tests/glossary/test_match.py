"""Term matching in Russian and English: inflections, abbreviations, variants, false friends."""

from __future__ import annotations

import pytest

from aligner.glossary import Glossary, Hit, Term, match_terms

# (text, [(term id, text span)]) — the span is what the text says at the hit.
RUSSIAN_CASES = [
    ("Ким Ир Сен передал проект", [("kim-il-sung", "Ким Ир Сен")], "name in nominative"),
    ("по просьбе Ким Ир Сена", [("kim-il-sung", "Ким Ир Сена")], "Сен genitive, not сено"),
    ("беседа с Ким Ир Сеном", [("kim-il-sung", "Ким Ир Сеном")], "Сен instrumental"),
    ("передать Ким Ир Сену", [("kim-il-sung", "Ким Ир Сену")], "Сен dative"),
    ("о Ким Ир Сене", [("kim-il-sung", "Ким Ир Сене")], "Сен locative"),
    ("Ким Ир-Сена", [("kim-il-sung", "Ким Ир-Сена")], "hyphenated spelling"),
    ("КИМ ИР СЕНА", [("kim-il-sung", "КИМ ИР СЕНА")], "capitals in a heading"),
    ("с Пэн Дэхуаем", [("peng-dehuai", "Пэн Дэхуаем")], "Дэхуай instrumental"),
    ("у Пэн Дэхуая", [("peng-dehuai", "Пэн Дэхуая")], "Дэхуай genitive"),
    ("товарищу Ким Ду Бону", [("comrade", "товарищу"), ("kim-du-bong", "Ким Ду Бону")], "Ду Бон dative"),
    ("с Чой Ен Геном", [("choe-yong-geon", "Чой Ен Геном")], "Ен Ген instrumental"),
    ("решение Пленума ЦК", [("cc-plenum", "Пленума ЦК")], "Пленум ЦК genitive, longest match"),
    ("на пленуме", [("plenum", "пленуме")], "пленум locative"),
    ("на двух пленумах", [("plenum", "пленумах")], "пленум plural"),
    ("тов. Пэн Дэхуай", [("comrade", "тов"), ("peng-dehuai", "Пэн Дэхуай")], "тов. for товарищ"),
    ("т.т. Ким Ир Сен", [("comrade", "т.т."), ("kim-il-sung", "Ким Ир Сен")], "т.т. for товарищи"),
    ("члены Центрального Комитета", [("cc", "Центрального Комитета")], "adjective agrees: genitive"),
    ("Центральным Комитетом", [("cc", "Центральным Комитетом")], "adjective agrees: instrumental"),
    ("президиума ЦК", [("presidium", "президиума"), ("cc", "ЦК")], "two terms side by side"),
    ("цк партии", [], "abbreviation matched as written: цк is not ЦК"),
    ("КПСС и ТПК", [("cpsu", "КПСС"), ("kwp", "ТПК")], "abbreviations as written"),
    ("Трудовой партии Кореи", [("kwp", "Трудовой партии Кореи")], "dependent genitive stays"),
    ("критики и самокритики", [("self-criticism", "критики и самокритики")], "coordinated nouns agree"),
    ("был исключен из партии", [("expel", "исключен из партии")], "verbal term: participle"),
    ("Париж стоит на Сене, Сена течёт", [], "false friend: Сена the river is not Сен"),
    ("сено и сена", [], "false friend: сено"),
    ("Ким Ир", [], "a part of a name is not the name"),
    ("ТОВАРИЩ", [("comrade", "ТОВАРИЩ")], "case-insensitive by default"),
    ("После беседы посол уехал", [("ambassador", "посол")], "preposition после is not a form of посол"),
    ("через неделю после пленума", [("plenum", "пленума")], "lower-case после is not посол either"),
    ("послу и посла", [("ambassador", "послу"), ("ambassador", "посла")], "посол dative and genitive"),
    ("Экз. № 2", [("copy-no", "Экз"), ("number-sign", "№")], "number sign is a token"),
    ("экз 2", [], "abbreviation written with a dot needs the dot"),
]

ENGLISH_CASES = [
    ("Cde. Kim Il Sung said", [("comrade", "Cde"), ("kim-il-sung", "Kim Il Sung")], "Cde. and name"),
    ("Comrade Kim Il-sung's request", [("comrade", "Comrade"), ("kim-il-sung", "Kim Il-sung")], "hyphen, possessive"),
    ("Comrades Peng Dehuai and Kim Du-bong", [("comrade", "Comrades"), ("peng-dehuai", "Peng Dehuai"), ("kim-du-bong", "Kim Du-bong")], "plural by stem"),
    ("the KWP CC presidium", [("kwp", "KWP"), ("cc", "CC"), ("presidium", "presidium")], "abbreviations"),
    ("the Central Committee decided", [("cc", "Central Committee")], "CC spelled out"),
    ("the Korean Workers' Party", [("kwp", "Korean Workers' Party")], "Workers'"),
    ("the Korean Worker's Party", [("kwp", "Korean Worker's Party")], "Worker's"),
    ("the Korean Workers Party", [("kwp", "Korean Workers Party")], "no apostrophe"),
    ("two plenums and three plena", [("plenum", "plenums"), ("plenum", "plena")], "plural, Latin plural"),
    ("the CC plenum opened", [("cc-plenum", "CC plenum")], "longest match"),
    ("see cc: archive", [], "lower-case cc is not CC"),
    ("the Workers Party of Korea", [("kwp", "Workers Party of Korea")], "forbidden renderings are matched too"),
    ("two plenums", [("plenum", "plenums")], "plural plenums"),
    ("three plena", [("plenum", "plena")], "Latin plural plena"),
    ("the plenum's decision", [("plenum", "plenum")], "possessive plenum's"),
    ("the ministries", [("ministry", "ministries")], "plural -y to -ies"),
    ("the interpreters", [("interpreter", "interpreters")], "plural of interpreter"),
    ("he interpreted it", [], "interpreted is not interpreter"),
    ("factionalism", [("factionalism", "factionalism")], "factionalism is not faction"),
    ("a faction", [("factional-group", "faction")], "faction as written"),
    ("the report", [("report", "report")], "report is not reported-to"),
    ("it was reported to Moscow", [("reported-to", "reported to")], "reported to as written"),
    ("corrected, correctly", [], "derivations of correct are not correct"),
    ("Copy No. 2", [("copy-no", "Copy"), ("number-sign", "No")], "No. with its dot"),
    ("No reply came", [], "No without a dot is not the number sign"),
    ("Cde Kim", [], "Cde. needs its dot"),
]


def _spans(text: str, hits: list[Hit]) -> list[tuple[str, str]]:
    return [(hit.term_id, text[hit.start : hit.end]) for hit in hits]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in RUSSIAN_CASES], ids=[c[2] for c in RUSSIAN_CASES])
def test_russian(glossary, text, expected):
    assert _spans(text, match_terms(glossary, text, "ru")) == expected


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in ENGLISH_CASES], ids=[c[2] for c in ENGLISH_CASES])
def test_english(glossary, text, expected):
    assert _spans(text, match_terms(glossary, text, "en")) == expected


def test_english_plural_goes_to_the_term_written_plural():
    """A plural is an inflection of the singular, so a term written in the plural wins it, and
    a singular never matches a term written only in the plural."""
    g = Glossary.from_terms([
        Term("comrade", "title", ("товарищ",), ("Comrade",)),
        Term("comrades", "title", ("товарищи",), ("Comrades",)),
    ])
    text = "Comrade Kim and Comrades Pak"
    assert _spans(text, match_terms(g, text, "en")) == [("comrade", "Comrade"), ("comrades", "Comrades")]


def test_other_stemmed_languages_still_match_by_stem():
    g = Glossary.from_terms([Term("cc", "organisation", ("Zentralkomitee",), ("comité central",))], "de", "fr")
    assert _spans("comités centraux", match_terms(g, "comités centraux", "fr")) == [("cc", "comités centraux")]


def test_hit_carries_language_and_glossary_form(glossary):
    text = "беседа с Ким Ир Сеном"
    assert match_terms(glossary, text, "ru") == [Hit("kim-il-sung", "ru", 9, 21, "Ким Ир Сен")]


def test_form_is_the_rendering_spelled_like_the_text(glossary):
    hits = match_terms(glossary, "Kim Il-sung and Kim Il Sung", "en")
    assert [h.form for h in hits] == ["Kim Il-sung", "Kim Il Sung"]


def test_forbidden_rendering_is_reported_as_such(glossary):
    [hit] = match_terms(glossary, "Kim Ir Sen arrived", "en")
    assert hit.form == "Kim Ir Sen"
    assert glossary.term(hit.term_id).status_of(hit.form).value == "forbidden"


def test_ё_and_е_are_the_same():
    g = Glossary.from_terms([Term("khrushchev", "person", ("Хрущёв",), ("Khrushchev",))])
    assert _spans("у Хрущева и Хрущёва", match_terms(g, "у Хрущева и Хрущёва", "ru")) == [
        ("khrushchev", "Хрущева"), ("khrushchev", "Хрущёва"),
    ]


def test_initials_with_and_without_spaces():
    g = Glossary.from_terms([Term("mikoyan", "person", ("А. И. Микоян",), ("A. I. Mikoyan",))])
    text = "А. И. Микояна и А.И. Микояну"
    assert _spans(text, match_terms(g, text, "ru")) == [("mikoyan", "А. И. Микояна"), ("mikoyan", "А.И. Микояну")]
    assert _spans("A.I. Mikoyan", match_terms(g, "A.I. Mikoyan", "en")) == [("mikoyan", "A.I. Mikoyan")]


def test_river_and_name_part_both_in_the_glossary():
    """With Сена (the river) in the glossary too: the longer name wins where it fits, the river
    is found alone, and a form both share is reported for both terms."""
    g = Glossary.from_terms([
        Term("kim-il-sung", "person", ("Ким Ир Сен",), ("Kim Il Sung",)),
        Term("seine", "place", ("Сена",), ("Seine",)),
        Term("sen", "person", ("Сен",), ("Sen",)),
    ])
    assert _spans("Ким Ир Сена", match_terms(g, "Ким Ир Сена", "ru")) == [("kim-il-sung", "Ким Ир Сена")]
    assert _spans("на Сене", match_terms(g, "на Сене", "ru")) == [("seine", "Сене"), ("sen", "Сене")]
    assert _spans("Сеной", match_terms(g, "Сеной", "ru")) == [("seine", "Сеной")]
    assert _spans("Сеном", match_terms(g, "Сеном", "ru")) == [("sen", "Сеном")]


def test_written_form_beats_derived_form_of_another_term():
    g = Glossary.from_terms([
        Term("comrade", "title", ("товарищ", "тов."), ("Cde.",)),
        Term("comrades", "title", ("товарищи", "т.т."), ("Cdes.",)),
    ])
    text = "тов. Ким, товарищам, т.т. Пак, товарища"
    assert _spans(text, match_terms(g, text, "ru")) == [
        ("comrade", "тов"), ("comrades", "товарищам"), ("comrades", "т.т."), ("comrade", "товарища"),
    ]


def test_case_sensitive_term():
    g = Glossary.from_terms([Term("pravda", "document", ("Правда",), ("Pravda",), case_sensitive=True)])
    assert _spans("в газете Правда", match_terms(g, "в газете Правда", "ru")) == [("pravda", "Правда")]
    assert match_terms(g, "это правда", "ru") == []
    assert match_terms(g, "it is pravda", "en") == []


def test_other_language_pair():
    g = Glossary.from_terms(
        [Term("cc", "organisation", ("Zentralkomitee",), ("comité central",))], src_lang="de", tgt_lang="fr"
    )
    assert _spans("im Zentralkomitees", match_terms(g, "im Zentralkomitees", "de")) == [("cc", "Zentralkomitees")]
    assert _spans("Les comités centraux", match_terms(g, "Les comités centraux", "fr")) == [("cc", "comités centraux")]


def test_whole_document_hits_sorted_without_overlap(glossary):
    text = " ".join(["Тов. Ким Ир Сен передал проект решения Пленума ЦК Трудовой партии Кореи."] * 2000)
    hits = match_terms(glossary, text, "ru")
    assert len(hits) == 2000 * 4
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:]))


def test_matcher_is_compiled_once(glossary):
    from aligner.glossary import compile_matcher

    assert compile_matcher(glossary, "ru") is compile_matcher(glossary, "ru")


def test_language_outside_the_glossary(glossary):
    with pytest.raises(ValueError, match="'de'"):
        match_terms(glossary, "Zentralkomitee", "de")


def test_empty_glossary_and_empty_text(glossary):
    empty = Glossary.from_terms([])
    assert match_terms(empty, "Ким Ир Сен", "ru") == []
    assert match_terms(glossary, "", "ru") == []
    assert empty.signature() == "gloss:none"
    assert glossary.signature() == f"gloss:{glossary.sha256[:8]}"


def test_every_expanded_form_matches_its_term(glossary):
    """Forms and texts go through one tokenizer and one key function: whatever ``expand_terms``
    (what ``glossary show`` prints) promises is found, as one hit over the whole form."""
    from aligner.glossary import expand_terms

    for form_set in expand_terms(glossary):
        for form in form_set.forms:
            hits = match_terms(glossary, form, form_set.lang)
            assert form_set.term_id in {h.term_id for h in hits}, (form_set.term_id, form)
            hit = next(h for h in hits if h.term_id == form_set.term_id)
            assert form[hit.start : hit.end].rstrip(".") == form.rstrip(".")
