"""Russian form expansion: which inflected forms a glossary form stands for, and which not."""

from __future__ import annotations

import pytest

from aligner.glossary.inflection import (
    RANK_DERIVED,
    RANK_INFLECTED,
    RANK_WRITTEN,
    analyse_word,
    decline_foreign,
    inflect_form,
    inflect_form_ranked,
)

# (glossary form, category, forms that must be generated, forms that must not)
CASES = [
    ("Ким Ир Сен", "person", ["Ким Ир Сена", "Ким Ир Сену", "Ким Ир Сеном", "Ким Ир Сене"], ["Ким Ир Сено", "Ким Ир Сеной"],
     "Korean name: last part declines, Сен is not сено"),
    ("Ким Ир Сен", "other", ["Ким Ир Сена", "Ким Ир Сеном"], [], "a name without the person category"),
    ("Пэн Дэхуай", "person", ["Пэн Дэхуая", "Пэн Дэхуаю", "Пэн Дэхуаем", "Пэн Дэхуае"], ["Пэн Дэхуайа"], "-й name"),
    ("Ду Бон", "person", ["Ду Бона", "Ду Боном"], ["Ду Бон Ду", "Дуа Бона"], "Ду is indeclinable"),
    ("Ен Ген", "person", ["Ен Гена", "Ен Геном"], [], "Ген as a name part"),
    ("Нам Ир", "person", ["Нам Ира", "Нам Иром"], [], "Нам is not the pronoun мы"),
    ("Мао Цзэдун", "person", ["Мао Цзэдуна", "Мао Цзэдуном"], ["Мао Цзэдуне Мао"], "Chinese name"),
    ("А. И. Микоян", "person", ["А. И. Микояна", "А. И. Микояном"], [], "initials stay"),
    ("Анастас Иванович Микоян", "person", ["Анастаса Ивановича Микояна", "Анастасом Ивановичем Микояном"], [],
     "Russian name: every part declines"),
    ("Фурцева", "person", ["Фурцевой", "Фурцеву"], ["Фурцевым"], "feminine surname"),
    ("Центральный Комитет", "organisation",
     ["Центрального Комитета", "Центральным Комитетом", "Центральному Комитету", "Центральные Комитеты"],
     ["Центральный Комитета", "Центрального Комитет"], "adjective agrees with the head"),
    ("Трудовая партия Кореи", "organisation", ["Трудовой партии Кореи", "Трудовую партию Кореи"],
     ["Трудовой партии Корее", "Трудовая партия Корее"], "dependent genitive stays"),
    ("Совет Министров СССР", "organisation", ["Совета Министров СССР", "Советом Министров СССР"],
     ["Совет Министрова СССР"], "capitalised genitive is not a name"),
    ("Пленум ЦК", "party_term", ["Пленума ЦК", "Пленуме ЦК", "Пленумов ЦК"], [], "abbreviation stays"),
    ("ЦК КПСС", "organisation", [], ["ЦКа КПСС"], "abbreviations only"),
    ("пленум", "party_term", ["пленума", "пленуме", "пленумы", "пленумах"], [], "plural forms too"),
    ("Москва", "place", ["Москвы", "Москве", "Москвой"], ["Москвы Москвы"], "singular-only place"),
    ("Первый секретарь", "title", ["Первого секретаря", "Первым секретарём"], ["Первый секретаря"], "animate accusative"),
    ("товарищ", "title", ["тов.", "товарища", "товарищи", "т.т.", "тт."], ["т."], "conventional abbreviations"),
    ("товарищ Ким Ир Сен", "person", ["товарища Ким Ир Сена", "тов. Ким Ир Сену"], [], "apposition"),
    ("тов. Ким Ир Сен", "person", ["тов. Ким Ир Сена"], [], "leading abbreviation stays"),
    ("XX съезд КПСС", "other", ["XX съезда КПСС", "XX съезде КПСС"], [], "leading Roman numeral stays"),
    ("Чрезвычайный и Полномочный Посол", "title", ["Чрезвычайного и Полномочного Посла"], [], "coordinated adjectives"),
    ("критика и самокритика", "party_term", ["критики и самокритики", "критикой и самокритикой"], [], "coordinated nouns"),
    ("исключить из партии", "party_term", ["исключен из партии", "исключили из партии"], [], "verb forms"),
    ("Северо-Восточный Китай", "place", ["Северо-Восточного Китая"], [], "hyphenated capitals kept"),
]


@pytest.mark.parametrize(("form", "category", "present", "absent"), [c[:4] for c in CASES], ids=[c[4] for c in CASES])
def test_inflect_form(form, category, present, absent):
    forms = inflect_form(form, category)
    folded = {f.replace("ё", "е") for f in forms}
    assert forms[0] == form
    for expected in present:
        assert expected.replace("ё", "е") in folded, (expected, forms)
    for unexpected in absent:
        assert unexpected not in forms


# (word, foreign-name case, expected)
FOREIGN = [
    ("Сен", "gent", ("Сена",), "consonant"),
    ("Сен", "ablt", ("Сеном",), "consonant instrumental"),
    ("Дэхуай", "datv", ("Дэхуаю",), "й replaced"),
    ("Пхиль", "gent", ("Пхиля",), "soft sign replaced"),
    ("Ду", "gent", ("Ду",), "final vowel: indeclinable"),
    ("Хва", "gent", ("Хвы", "Хви"), "final а"),
    ("Чжоу", "ablt", ("Чжоу",), "final у: indeclinable"),
    ("Ковалёв", "ablt", ("Ковалёвым",), "Russian-type surname"),
    ("Ли", "datv", ("Ли",), "final и: indeclinable"),
    ("Сен", "nomn", ("Сен",), "nominative unchanged"),
]


@pytest.mark.parametrize(("word", "case", "expected"), [c[:3] for c in FOREIGN], ids=[c[3] for c in FOREIGN])
def test_decline_foreign(word, case, expected):
    assert decline_foreign(word, case) == expected


@pytest.mark.parametrize(
    ("word", "kind"),
    [("Сен", "foreign"), ("Дэхуай", "foreign"), ("Ким", "name"), ("Комитет", "common"), ("ЦК", "fixed"),
     ("тов.", "fixed"), ("Н.", "initial"), ("Чо", "foreign"), ("пленум", "common")],
    ids=["Сен unknown", "Дэхуай guessed as place", "Ким surname", "common noun", "abbreviation",
         "dotted abbreviation", "initial", "Чо is not что", "lower-case noun"],
)
def test_analyse_word(word, kind):
    assert analyse_word(word).kind == kind


def test_ranks():
    ranks = inflect_form_ranked("товарищ")
    assert ranks["товарищ"] == RANK_WRITTEN
    assert ranks["товарища"] == RANK_INFLECTED
    assert ranks["товарищам"] == RANK_DERIVED
    assert ranks["тов."] == RANK_DERIVED
    assert inflect_form_ranked("товарищи")["товарищам"] == RANK_INFLECTED


def test_empty_form():
    assert inflect_form("   ") == ()
