"""Russian: razdel sentences, pymorphy3 lemmas, and the word lists of Soviet-era archival prose.

Abbreviations come from what razdel and sentencex split wrongly in cables and memoranda
(``тов.``, ``т.т.``, ``Экз.``, ``Сов. секретно``) and from archival citations
(``ф. 3, оп. 14, д. 45, л. 12``). ``г.`` is not listed: it is a year after a number
(``1956 г.``, may end a sentence) and a city otherwise (``г. Пхеньян``, never ends one), which
``aligner.text.segment`` decides from context. Month names are listed in every case form.
Transliteration follows a simplified BGN/PCGN scheme (``Хрущёв`` → ``Khrushchev``).
"""

from __future__ import annotations

from aligner.lang.language import Language
from aligner.lang.lemmatizers import PymorphyLemmatizer
from aligner.lang.splitters import RazdelSplitter
from aligner.lang.tokenizers import WordTokenizer

ABBREVIATIONS = frozenset(
    {
        # people and titles: товарищ(и), господин, гражданин, генерал, профессор, академик, ...
        "тов", "т", "тт", "т.т", "г-н", "г-жа", "гр", "ген", "проф", "акад", "зам", "пред", "нач",
        "секр", "полк", "подп",
        # references: смотри, сравни, имени, улица, входящий/исходящий, совершенно
        # (Сов. секретно), остров, исполняющий обязанности
        "см", "ср", "им", "ул", "вх", "исх", "сов", "о", "и.о",
        # то есть, так как, так называемый, например
        "т.е", "т.к", "т.н", "напр",
    }
)

FINAL_ABBREVIATIONS = frozenset(
    {
        # и т.д., и т.п., и др., и пр.; век(а); час, минута; рубль, копейка; тысяча, миллион
        "т.д", "т.п", "др", "пр", "в", "вв", "ч", "час", "мин", "руб", "коп", "тыс", "млн", "млрд",
        # before a number: страница, экземпляр, фонд/опись/дело/лист, пункт, статья, рисунок,
        # таблица, том
        "стр", "с", "экз", "ф", "оп", "д", "л", "п", "пп", "ст", "рис", "табл",
    }
)

STOPWORDS = frozenset(
    """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее
    мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть
    был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть
    надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда
    кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас
    были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот
    через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед
    иногда лучше чуть том нельзя такой им более всегда конечно всю между это также которые
    который которых которая было
    """.split()
)

_MONTH_STEMS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6), ("июл", 7),
    ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
)
# Case endings of the month nouns: nominative, genitive, dative, instrumental (-ем/-ём),
# prepositional. "март"/"август" take hard endings; "май" is irregular (май, мая, маю, маем,
# мае), which the soft set below also produces from the stem "ма" + й/я/ю/ем/е.
_SOFT = ("ь", "я", "ю", "ем", "ём", "е")
_HARD = ("", "а", "у", "ом", "е")
_MAY = ("й", "я", "ю", "ем", "е")


def _month_forms() -> tuple[tuple[str, int], ...]:
    forms: list[tuple[str, int]] = []
    for stem, number in _MONTH_STEMS:
        endings = _MAY if stem == "ма" else _HARD if stem in ("март", "август") else _SOFT
        forms.extend((stem + ending, number) for ending in endings)
    # Abbreviated months as used in dates ("22 сент. 1956 г.").
    for abbr, number in (("янв", 1), ("фев", 2), ("февр", 2), ("апр", 4), ("авг", 8),
                         ("сент", 9), ("сен", 9), ("окт", 10), ("нояб", 11), ("дек", 12)):
        forms.append((abbr, number))
    return tuple(forms)


_TRANSLIT = (
    ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ё", "e"),
    ("ж", "zh"), ("з", "z"), ("и", "i"), ("й", "y"), ("к", "k"), ("л", "l"), ("м", "m"),
    ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("у", "u"),
    ("ф", "f"), ("х", "kh"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"), ("щ", "shch"), ("ъ", ""),
    ("ы", "y"), ("ь", ""), ("э", "e"), ("ю", "yu"), ("я", "ya"),
)

LANGUAGE = Language(
    code="ru",
    name="Russian",
    script="Cyrl",
    splitter=RazdelSplitter(),
    tokenizer=WordTokenizer(),
    lemmatizer=PymorphyLemmatizer(),
    abbreviations=ABBREVIATIONS,
    final_abbreviations=FINAL_ABBREVIATIONS,
    year_abbreviations=frozenset({"г", "гг"}),
    stopwords=STOPWORDS,
    months=_month_forms(),
    roman_context=("съезд", "пленум", "сесси", "конференц", "век", "созыв", "том", "глав",
                   "раздел", "част", "конгресс", "статья", "стать", "квартал", "класс",
                   "пятилет"),
    time_words=frozenset({"час", "часов", "часа", "ч", "мин"}),
    ordinal_suffixes=("го", "й", "е", "я", "ого", "ый", "ий", "ой", "ая", "ое", "ом", "ым", "х",
                      "ых", "м", "ю"),
    decimal_comma=True,
    transliteration=_TRANSLIT,
)
