"""guess_language and check_language: swapped sides are caught, quotations and short texts are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.lang.detect import check_language, guess_language
from aligner.text.model import Text

RU = (
    "Сегодня, 23 сентября, состоялся Пленум ЦК Трудовой партии Кореи. Пленум открылся в 10 часов "
    "утра и закончил свою работу около 7 часов вечера. На пленуме присутствовали члены и кандидаты "
    "в члены ЦК, а также члены Центральной ревизионной комиссии. Мы с тов. Пэн Дэхуаем на пленуме "
    "не присутствовали, так как считали, что наше присутствие могло быть истолковано как давление."
)
EN = (
    "Today, 23 September, a plenum of the Korean Workers' Party CC was held. The plenum opened at "
    "10 in the morning and finished its work at about 7 in the evening. Members and candidate "
    "members of the CC were present at the plenum, and also the members of the Central Auditing "
    "Commission. Cde. Peng Dehuai and I did not attend, since we thought that our presence could "
    "be interpreted as pressure on the plenum."
)
EN_QUOTING_RUSSIAN = (
    "The Russian original calls the body Пленум ЦК and names Ким Ир Сен and Пэн Дэхуай; the "
    "translator kept the standard English forms. In the cable the word товарищ is rendered as "
    "Cde. throughout, and the plenum is the one that opened on the morning of the 23rd."
)
DE = (
    "Heute, am 23. September, fand das Plenum des ZK der Partei der Arbeit Koreas statt. Das "
    "Plenum wurde um 10 Uhr morgens eröffnet und beendete seine Arbeit gegen 7 Uhr abends. An dem "
    "Plenum nahmen die Mitglieder und Kandidaten des ZK teil, die sich mit der Frage befassten."
)
FR = (
    "Aujourd'hui, le 23 septembre, s'est tenu le plénum du CC du Parti du travail de Corée. Le "
    "plénum s'est ouvert à 10 heures du matin et a terminé ses travaux vers 7 heures du soir. Les "
    "membres et les candidats du CC étaient présents, ainsi que les membres de la commission."
)
ZH = "今天，九月二十三日，朝鲜劳动党中央委员会举行了全体会议。全会于上午十时开幕，晚上七时左右结束了工作。中央委员和候补中央委员出席了全会。"

GUESS_CASES = [
    ("Russian prose", RU, "ru"),
    ("English prose", EN, "en"),
    ("English quoting Russian words", EN_QUOTING_RUSSIAN, "en"),
    ("German prose", DE, "de"),
    ("French prose", FR, "fr"),
    ("Chinese", ZH, "zh"),
    ("too short", "Ким Ир Сен", None),
    ("numbers only", "1956 604 22.09.1956 " * 20, None),
    ("half Russian, half English", RU[:200] + " " + EN[:200], None),
    ("empty", "", None),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in GUESS_CASES],
                         ids=[c[0] for c in GUESS_CASES])
def test_guess_language(text: str, expected: str | None) -> None:
    assert guess_language(text) == expected


def _text(normalized: str, lang: str, name: str) -> Text:
    return Text(Path(name), lang, "utf-8", "", normalized)


SWAP_CASES = [
    ("Russian given as English", RU, "en", "ru.txt",
     "ru.txt: looks like Russian (ru), but was given as English (en): name its language with "
     "--src-lang/--tgt-lang, or check that the two files are not swapped"),
    ("English given as Russian", EN, "ru", "en.txt",
     "en.txt: looks like English (en), but was given as Russian (ru): name its language with "
     "--src-lang/--tgt-lang, or check that the two files are not swapped"),
    ("German given as English", DE, "en", "de.txt",
     "de.txt: looks like German (de), but was given as English (en): name its language with "
     "--src-lang/--tgt-lang, or check that the two files are not swapped"),
    ("Chinese given as English", ZH * 2, "en", "zh.txt",
     "zh.txt: looks like Chinese (zh), but was given as English (en): name its language with "
     "--src-lang/--tgt-lang, or check that the two files are not swapped"),
]


@pytest.mark.parametrize(("normalized", "lang", "name", "message"), [c[1:] for c in SWAP_CASES],
                         ids=[c[0] for c in SWAP_CASES])
def test_check_language_catches_swapped_files(normalized: str, lang: str, name: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        check_language(_text(normalized, lang, name))
    assert str(info.value) == message


ACCEPT_CASES = [
    ("Russian as Russian", RU, "ru"),
    ("English as English", EN, "en"),
    ("English quoting Russian words as English", EN_QUOTING_RUSSIAN, "en"),
    ("short Russian heading as English", "Совершенно секретно. Экз. № 2. Шифротелеграмма № 604", "en"),
    ("short English heading as Russian", "Top Secret. Copy No. 2. Ciphered telegram No. 604", "ru"),
    ("English given as Spanish (no Spanish profile: unknown, not flagged)", EN, "es"),
    ("Russian given as Serbian (written in two scripts: not flagged)", RU, "sr"),
    ("mixed halves", RU[:200] + " " + EN[:200], "en"),
]


@pytest.mark.parametrize(("normalized", "lang"), [c[1:] for c in ACCEPT_CASES],
                         ids=[c[0] for c in ACCEPT_CASES])
def test_check_language_accepts(normalized: str, lang: str) -> None:
    check_language(_text(normalized, lang, "side.txt"))
