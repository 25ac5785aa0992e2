"""Name keys beyond the glossary: the same name across scripts scores above the threshold,
different names below; names are found as runs of capitalised words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.glossary import NAME_MATCH_THRESHOLD, NameKey, name_keys, names_match, phonetic_key

# (Russian in some case, English) — one person or place each.
SAME = [
    ("Ким Ир Сен", "Kim Il Sung"),
    ("Ким Ир Сена", "Kim Il Sung's"),
    ("Ким Ир Сеном", "Kim Il-sung"),
    ("Пэн Дэхуай", "Peng Dehuai"),
    ("Пэн Дэхуаем", "Peng Dehuai"),
    ("Чой Ен Ген", "Choe Yong-geon"),
    ("Цой Чан Ик", "Choe Chang-ik"),
    ("Чвэ Чан Ик", "Choe Chang-ik"),
    ("Ким Ду Бон", "Kim Du-bong"),
    ("Ким Чан Ман", "Kim Chang-man"),
    ("Нам Ир", "Nam Il"),
    ("Ши Чжэ", "Shi Zhe"),
    ("Ивановым", "Ivanov"),
    ("Микояну", "Mikoyan"),
    ("Пхеньян", "Pyongyang"),
    ("Хрущёва", "Khrushchev"),
    ("Мао Цзэдун", "Mao Zedong"),
    ("Чжоу Эньлай", "Zhou Enlai"),
    ("Пак Чан Ок", "Pak Chang-ok"),
    ("Ли Сан Чо", "Ri Sang-jo"),
    ("Юн Гон Хым", "Yun Gong-heum"),
    ("Со Хви", "So Hwi"),
    ("Дэн Сяопин", "Deng Xiaoping"),
    ("Пак Ден Ай", "Pak Jeong-ae"),
    ("Чвэ Чан Ик", "Ch'oe Ch'ang-ik"),
]
DIFFERENT = [
    ("Ким Ду Бон", "Kim Il Sung"),
    ("Пак Чан Ок", "Pak Jeong-ae"),
    ("Пономаренко", "Pyongyang"),
    ("Пак Ден Ай", "Pak Chang-ok"),
    ("Микоян", "Kim Du-bong"),
    ("Пэн Дэхуай", "Pyongyang"),
    ("Нам Ир", "Kim Il"),
]


@pytest.mark.parametrize(("ru", "en"), SAME, ids=[f"{r} ~ {e}" for r, e in SAME])
def test_same_name(ru, en):
    assert names_match(ru, en) >= NAME_MATCH_THRESHOLD


@pytest.mark.parametrize(("ru", "en"), DIFFERENT, ids=[f"{r} !~ {e}" for r, e in DIFFERENT])
def test_different_names(ru, en):
    assert names_match(ru, en) < NAME_MATCH_THRESHOLD


# (text, lang, [(key, text at span)])
FIND = [
    ("Cde. Kim Il Sung passed [us] the draft.", "en", [("kimilsun", "Kim Il Sung")], "title skipped"),
    ("Cdes. Kim Du-bong, Choe Yong-geon and Nam Il", "en",
     [("kimdubon", "Kim Du-bong"), ("conon", "Choe Yong-geon"), ("namil", "Nam Il")], "hyphens join, commas split"),
    ("the KWP CC Presidium and the Korean side", "en", [], "abbreviations and register words"),
    ("Peng Dehuai's request", "en", [("pendehu", "Peng Dehuai")], "possessive"),
    ("Тов. Ким Ир Сен передал. В беседе с т.т. Пэн Дэхуаем", "ru",
     [("kimilsen", "Ким Ир Сен"), ("pendehu", "Пэн Дэхуаем")], "Russian, sentence-initial В skipped"),
    ("ЦК ТПК и Пхеньяна", "ru", [("penan", "Пхеньяна")], "abbreviations are not names"),
    ("Ким Ир Сен\nПэн Дэхуай", "ru", [("kimilsen", "Ким Ир Сен"), ("pendehu", "Пэн Дэхуай")], "line break splits"),
    ("Cdes. Ch'oe Ch'ang-ik and Pak Ch'ang-ok", "en",
     [("cocanik", "Ch'oe Ch'ang-ik"), ("pakcanok", "Pak Ch'ang-ok")], "apostrophe inside a name"),
    ("т.т. Юн Кон Хыма, Со Хви и Ли Пхиль Гю", "ru",
     [("unkonhym", "Юн Кон Хыма"), ("sohvi", "Со Хви"), ("lipilgu", "Ли Пхиль Гю")],
     "stopword spelled like a Korean surname"),
    ("Cdes. So Hwi and Ri Pil-gyu", "en", [("sohvi", "So Hwi"), ("lipilgu", "Ri Pil-gyu")],
     "English stopword So as a surname after Cdes."),
    ("По Ким Ир Сену. После Пленума", "ru", [("kimilsen", "Ким Ир Сену"), ("plenum", "Пленума")],
     "sentence-initial stopword stays a stopword"),
    ("Ли", "ru", [], "a lone stopword is not a name"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), [f[:3] for f in FIND], ids=[f[3] for f in FIND])
def test_name_keys(text, lang, expected):
    keys = name_keys(text, lang)
    assert all(isinstance(k, NameKey) for k in keys)
    assert [(k.key, text[k.start : k.end]) for k in keys] == expected


def test_keys_are_shared_across_scripts():
    ru = {k.key for k in name_keys("Ким Ду Бон и Пэн Дэхуаем", "ru")}
    en = {k.key for k in name_keys("Kim Du-bong and Peng Dehuai", "en")}
    assert ru == en == {"kimdubon", "pendehu"}


def test_empty_and_nameless():
    assert names_match("", "Kim") == 0.0
    assert name_keys("", "en") == []
    assert name_keys("and the 1956 plenum", "en") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_keying_a_key_changes_nothing(name):
    key = phonetic_key(name)
    assert phonetic_key(key) == key
    assert key == "" or names_match(key, name) == pytest.approx(1.0)
