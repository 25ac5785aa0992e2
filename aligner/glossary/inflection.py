"""Russian glossary forms expanded into every inflected form, so that matching is a lookup.

A glossary says ``Ким Ир Сен``, ``Центральный Комитет``, ``пленум``, ``товарищ``; texts say
``Ким Ир Сеном``, ``Центрального Комитета``, ``на пленуме``, ``тов.``. ``inflect_form`` turns a
base form into all its case and number forms:

- Words pymorphy3 knows are inflected by pymorphy3 in every case (``nomn gent datv accs ablt
  loct`` plus ``gen2``/``loc2`` for the head noun) and in both numbers unless the noun is
  singular- or plural-only. Leading adjectives/participles agree with the first noun in
  nominative (the head): ``Центральный Комитет`` → ``Центральным Комитетом``; groups joined by
  ``и`` inflect together (``критика и самокритика``, ``Чрезвычайный и Полномочный Посол``);
  words after the head stay as written (``Трудовая партия Кореи`` → ``Трудовой партии Кореи``),
  except a personal name in apposition (``товарищ Ким Ир Сен`` → ``товарища Ким Ир Сена``).
  Leading numerals and dotted abbreviations stay too (``XX съезда КПСС``, ``г. Пхеньяне``).
- A form that starts with a verb (``исключить из партии``) gets every form of the verb,
  participles included (``исключён из партии``); the rest stays as written.
- Personal names: a run of capitalised words that contains a name pymorphy3 tags as such
  (``Name``/``Surn``/``Patr``) or a word it does not know (``Сен``, ``Дэхуай``, ``Пэн``), or any
  capitalised words of a ``person`` term. Two patterns are generated: only the last part
  declines, as Korean and Chinese names do in Russian (``Ким Ир Сена``, ``Пэн Дэхуая``), and every
  part declines, as Russian names do (``Анастаса Ивановича Микояна``).
- Foreign name parts are declined by ``FOREIGN_ENDINGS`` (by the final letter), never through
  pymorphy3's guesses: pymorphy3 reads ``Сен`` as a form of ``сено`` and ``Дэхуай`` as a place.
  Parts ending in a vowel other than ``а``/``я`` (``Ду``, ``Ли``, ``Мао``) are indeclinable.
- Abbreviations (``ЦК``, ``КПСС``), words with digits or a final dot stay as written.
- Conventional abbreviations of common words (``ABBREVIATIONS``: ``товарищ`` → ``тов.``,
  ``товарищи`` → ``тт.``, ``т.т.``) are added as alternatives in every form.

- A one-word inflected form that is also a function word (a preposition, conjunction,
  particle or interjection in pymorphy3's dictionary) is dropped: ``после`` is the locative of
  ``посол`` (``о после``) but in a text it is almost always the preposition "after", and a lone
  token cannot tell them apart. A form as written in the glossary is always kept, and inside a
  multiword form the other words disambiguate, so only lone inflections are affected.

Each form has a rank (``inflect_form_ranked``) so the matcher can prefer the term that writes
a form over one that only derives it. Capitalisation of each word is kept as in the glossary;
``ё``/``е`` folding and case folding happen later, in the matcher's keys. The expansion
over-generates on purpose (an extra form costs a dictionary entry; a missing one, a missed hit).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any

RANK_WRITTEN, RANK_INFLECTED, RANK_DERIVED = 0, 1, 2

# Cases every inflecting word is put in; gen2/loc2 (``в лесу``, ``много чаю``) only for the head
# noun, and only where pymorphy3 has a distinct form.
CASES: tuple[str, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")
HEAD_ONLY_CASES: tuple[str, ...] = ("gen2", "loc2")
_BASE_CASE = {"gen2": "gent", "loc2": "loct"}

NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
# Closed-class parts of speech: a lone inflected form spelled like one of these is not matched.
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})
_AGREEING_POS = frozenset({"ADJF", "PRTF"})
_VOWELS = "аеёиоуыэюя"
_INITIAL_RE = re.compile(r"^[^\W\d_][^\W\d_]?\.$")  # Н.  А.  Ye.
# Roman or Arabic numerals and dotted abbreviations that precede a phrase without agreeing.
_INVARIANT_RE = re.compile(r"^(?:[IVXLCDM]+|\d+(?:-[а-я]+)?|[^\W\d_]+\.)$")
_CONJUNCTIONS = frozenset({"и"})
_HUSHING = "жшчщц"

# Endings of foreign (non-Russian) masculine name parts by case, keyed by how the part ends.
# After a hushing consonant or ц the instrumental is spelled -ем when unstressed and -ом when
# stressed, so both are generated.
FOREIGN_ENDINGS: dict[str, dict[str, tuple[str, ...]]] = {
    # Сен → Сена, Сену, Сеном, Сене
    "consonant": {"gent": ("а",), "datv": ("у",), "accs": ("а",), "ablt": ("ом",), "loct": ("е",)},
    "hushing": {"gent": ("а",), "datv": ("у",), "accs": ("а",), "ablt": ("ом", "ем"), "loct": ("е",)},
    # Дэхуай → Дэхуая, Дэхуаю, Дэхуаем, Дэхуае (the й is replaced)
    "й": {"gent": ("я",), "datv": ("ю",), "accs": ("я",), "ablt": ("ем",), "loct": ("е",)},
    "ь": {"gent": ("я",), "datv": ("ю",), "accs": ("я",), "ablt": ("ем",), "loct": ("е",)},
    # Хва → Хвы, Хве, Хву, Хвой (the а is replaced)
    "а": {"gent": ("ы", "и"), "datv": ("е",), "accs": ("у",), "ablt": ("ой", "ей"), "loct": ("е",)},
    "я": {"gent": ("и",), "datv": ("е",), "accs": ("ю",), "ablt": ("ей",), "loct": ("е",)},
    # Russian-type surnames pymorphy3 does not know: Ковалёв → Ковалёвым
    "surname": {"gent": ("а",), "datv": ("у",), "accs": ("а",), "ablt": ("ым",), "loct": ("е",)},
}
_SURNAME_SUFFIXES = ("ов", "ев", "ёв", "ин", "ын")

# Conventional abbreviations of common words in Soviet documents, by (lemma, number): they
# stand for the word in any case. Single-letter ``т.`` is left out: it is also ``то есть``.
ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("товарищ", "sing"): ("тов.",),
    ("товарищ", "plur"): ("тов.", "тт.", "т.т."),
}


@functools.cache
def morph_analyzer() -> Any:
    """The shared pymorphy3 analyzer (loading its dictionaries takes ~0.1 s, so once)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@dataclass(frozen=True, slots=True)
class WordInfo:
    """How one word of a glossary form behaves.

    ``kind`` is ``fixed`` (never inflected), ``initial`` (``Н.``, ``Ye.``: part of a name,
    never inflected), ``common`` (pymorphy3 knows a nominative reading,
    in ``parse``), ``name`` (a pymorphy3 personal name, in ``parse``) or ``foreign`` (a
    capitalised word pymorphy3 does not know as a nominative: declined by ``FOREIGN_ENDINGS``);
    ``known`` says whether pymorphy3's dictionary has the word at all (``Нам`` is known as a
    pronoun, ``Сен`` is not).
    """

    text: str
    kind: str
    parse: Any = None
    known: bool = True

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def pos(self) -> str | None:
        return None if self.parse is None else self.parse.tag.POS


@functools.lru_cache(maxsize=20_000)
def analyse_word(word: str) -> WordInfo:
    """Classify one whitespace-separated word of a Russian glossary form."""
    if word[:1].isupper() and _INITIAL_RE.match(word):
        return WordInfo(word, "initial")
    letters = [ch for ch in word if ch.isalpha()]
    if not letters or any(ch.isdigit() for ch in word) or word.endswith("."):
        return WordInfo(word, "fixed")
    if word.isupper():  # ЦК, КПСС, an initial
        return WordInfo(word, "fixed")
    nominatives = [
        p for p in morph_analyzer().parse(word)
        if p.tag.case == "nomn" and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO", "NUMR")
    ]
    known = [p for p in nominatives if p.is_known]
    if word[:1].isupper():
        names = [p for p in known if NAME_TAGS & p.tag.grammemes]
        if names:
            # A masculine reading first: glossary names of this material are men's.
            names.sort(key=lambda p: (p.tag.gender != "masc", -p.score))
            return WordInfo(word, "name", names[0])
        # A capitalised word is a common word only when it is a nominative lemma of a noun
        # (or a plural noun, or an adjective): ``Чо`` is not ``что``, ``Сен`` is not ``сено``.
        commons = [p for p in known if _is_capitalised_common(word, p)]
        if not commons:
            return WordInfo(word, "foreign", None, is_known_word(word))
        return WordInfo(word, "common", _best(commons))
    if known:
        return WordInfo(word, "common", _best(known))
    if nominatives:  # pymorphy3's guess for a word it does not know; check_glossary flags it
        return WordInfo(word, "common", _best(nominatives))
    return WordInfo(word, "fixed")


def _is_capitalised_common(word: str, parse: Any) -> bool:
    if parse.tag.POS in _AGREEING_POS:
        return True
    if parse.tag.POS != "NOUN":
        return False
    return parse.tag.number == "plur" or _fold(parse.normal_form) == _fold(word)


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _best(parses: list[Any]) -> Any:
    # Prefer nouns and agreeing adjectives over pronouns/numerals, then pymorphy3's score.
    rank = {"NOUN": 0, "ADJF": 0, "PRTF": 1}
    return min(parses, key=lambda p: (rank.get(p.tag.POS, 2), -p.score))


def is_known_word(word: str) -> bool:
    """True when pymorphy3's dictionary has the word (in any reading)."""
    return bool(morph_analyzer().word_is_known(word.lower()))


def is_guessed_word(word: str) -> bool:
    """True when pymorphy3 reads the word only by guessing from its ending: neither the word
    nor a dictionary word it ends with (``шифро|телеграмма``) is in its dictionary."""
    parses = morph_analyzer().parse(word)
    if not parses:
        return True
    return not any(type(step[0]).__name__ == "DictionaryAnalyzer" for step in parses[0].methods_stack)


@dataclass(frozen=True, slots=True)
class _Plan:
    """Which words of a form inflect, and how.

    ``heads`` are the head nouns of coordinated groups (``критика и самокритика``), the first
    being the main head whose number sets the slots; ``agreeing`` pairs each agreeing
    adjective/participle with the index of its head (None in a form without a noun);
    ``names`` are the declinable parts of one personal-name run.
    """

    agreeing: tuple[tuple[int, int | None], ...] = ()
    heads: tuple[int, ...] = ()
    names: tuple[int, ...] = ()
    numbers: tuple[str, ...] = ()


_NO_PLAN = _Plan()


def inflect_form(form: str, category: str = "other") -> tuple[str, ...]:
    """Every inflected form of a Russian glossary form, the form itself first.

    :param category: the term's category; in a ``person`` term every capitalised run is a name.
    """
    return tuple(inflect_form_ranked(form, category))


def inflect_form_ranked(form: str, category: str = "other") -> dict[str, int]:
    """Every inflected form of a Russian glossary form with its rank, the form itself first.

    Ranks say how directly a form comes from the glossary: ``RANK_WRITTEN`` (the form as
    written), ``RANK_INFLECTED`` (a case form in the glossary form's own number), ``RANK_DERIVED``
    (the other number, or a conventional abbreviation). When two terms match the same text, the
    matcher keeps the better-ranked one: ``товарищам`` is the term written ``товарищи``, not the
    plural of a term written ``товарищ``.
    """
    words = tuple(form.split())
    if not words:
        return {}
    infos = [analyse_word(word) for word in words]
    results: dict[str, int] = {" ".join(words): RANK_WRITTEN}
    verb = _verb_parse(words[0])
    if verb is not None:
        # A verbal term (исключить из партии): every form of the verb, the rest as written.
        for inflected in _lexeme(verb):
            results.setdefault(" ".join((_restore_case(words[0], inflected.word), *words[1:])), RANK_INFLECTED)
        return _without_function_words(results)
    plan = _plan(infos, category)
    own_number = _own_number(infos, plan)
    slots = [(case, number) for number in plan.numbers for case in CASES]
    if plan.heads:
        slots += [(case, number) for number in plan.numbers for case in HEAD_ONLY_CASES]
    for case, number in slots:
        slot_rank = RANK_INFLECTED if number == own_number else RANK_DERIVED
        for declining_names in _name_patterns(plan.names):
            options = _slot_options(words, infos, plan, declining_names, case, number)
            if options is None:
                continue
            for combination in itertools.product(*options):
                text = " ".join(word for word, _ in combination)
                rank = max(slot_rank, *(word_rank for _, word_rank in combination))
                results[text] = min(rank, results.get(text, rank))
    return _without_function_words(results)


def _without_function_words(results: dict[str, int]) -> dict[str, int]:
    """Drop one-word inflected forms that are spelled like a function word (``после``)."""
    return {
        form: rank
        for form, rank in results.items()
        if rank == RANK_WRITTEN or " " in form or not is_function_word(form)
    }


@functools.lru_cache(maxsize=20_000)
def is_function_word(word: str) -> bool:
    """True when pymorphy3's dictionary reads the word as a preposition, conjunction, particle
    or interjection (``после``, ``или``, ``ли``), in any of its readings."""
    return any(p.is_known and p.tag.POS in FUNCTION_POS for p in morph_analyzer().parse(word.lower()))


def _own_number(infos: list[WordInfo], plan: _Plan) -> str:
    """The grammatical number the glossary form is written in."""
    if plan.heads:
        return infos[plan.heads[0]].parse.tag.number or "sing"
    if plan.agreeing:
        return infos[plan.agreeing[0][0]].parse.tag.number or "sing"
    return "sing"


def _verb_parse(word: str) -> Any:
    """pymorphy3's reading of a word as a known infinitive or finite verb, if that is its best."""
    if not word[:1].islower():
        return None
    parses = morph_analyzer().parse(word)
    best = parses[0] if parses else None
    if best is not None and best.is_known and best.tag.POS in ("INFN", "VERB"):
        return best
    return None


def _plan(infos: list[WordInfo], category: str) -> _Plan:
    """Find agreement groups and their heads, or a personal-name run."""
    person = category == "person"
    # Invariant modifiers before the phrase: XX съезд, г. Пхеньян, тов. Ким Ир Сен.
    index = 0
    while index < len(infos) - 1 and infos[index].kind == "fixed" and _INVARIANT_RE.match(infos[index].text):
        index += 1
    if _is_name_part(infos[index], person) and _name_run_is_name(infos, index, person):
        return _Plan(names=_declining(infos, _name_run(infos, index, person)), numbers=("sing",))
    agreeing: list[tuple[int, int | None]] = []
    heads: list[int] = []
    while True:
        group_start = len(agreeing)
        while index < len(infos):
            info = infos[index]
            if info.kind == "common" and info.pos in _AGREEING_POS:
                agreeing.append((index, None))
            elif not (_is_conjunction(info) and agreeing[group_start:] and index + 1 < len(infos)):
                break  # "и" may join adjectives: Чрезвычайный и Полномочный Посол
            index += 1
        if index < len(infos) and infos[index].kind in ("common", "name") and infos[index].pos == "NOUN":
            head = index
            heads.append(head)
            agreeing[group_start:] = [(i, head) for i, _ in agreeing[group_start:]]
            index += 1
        elif heads:
            del agreeing[group_start:]  # "и" followed by no noun group: leave it as written
            break
        else:
            break
        # Coordinated noun groups (критика и самокритика) inflect together.
        if index + 1 < len(infos) and _is_conjunction(infos[index]):
            index += 1
            continue
        break
    if not heads and not agreeing:
        return _NO_PLAN
    names: tuple[int, ...] = ()
    if heads and index < len(infos) and _is_name_part(infos[index], person):
        # A name in apposition (товарищ Ким Ир Сен) starts with a name or an unknown word; a
        # known word with no nominative reading is a dependent (партия Кореи).
        opener = infos[index]
        if person or opener.kind == "name" or (opener.kind == "foreign" and not opener.known):
            names = _declining(infos, _name_run(infos, index, person))
    numbers = _numbers(infos[heads[0]].parse if heads else infos[agreeing[0][0]].parse)
    if names:
        numbers = tuple(n for n in numbers if n == "sing") or numbers
    return _Plan(tuple(agreeing), tuple(heads), names, numbers)


def _is_conjunction(info: WordInfo) -> bool:
    return info.text.lower() in _CONJUNCTIONS


def _is_name_part(info: WordInfo, person: bool) -> bool:
    """Could this word be part of a personal name? A known word with no nominative reading
    (``Министров``, ``Кореи``) is one only in a ``person`` term (``Нам Ир``)."""
    if not info.capitalised or info.kind == "fixed":
        return False
    if info.kind == "foreign":
        return person or not info.known
    return info.kind in ("name", "initial") or person or info.pos == "NOUN"


def _declining(infos: list[WordInfo], run: tuple[int, ...]) -> tuple[int, ...]:
    """The parts of a name run that decline: all but initials."""
    return tuple(i for i in run if infos[i].kind != "initial")


def _name_run(infos: list[WordInfo], start: int, person: bool) -> tuple[int, ...]:
    end = start
    while end < len(infos) and _is_name_part(infos[end], person):
        end += 1
    return tuple(range(start, end))


def _name_run_is_name(infos: list[WordInfo], start: int, person: bool) -> bool:
    run = _name_run(infos, start, person)
    return bool(run) and (person or any(infos[i].kind in ("name", "foreign") for i in run))


def _numbers(parse: Any) -> tuple[str, ...]:
    grammemes = parse.tag.grammemes
    if "Sgtm" in grammemes or "Fixd" in grammemes:
        return ("sing",)
    if "Pltm" in grammemes or parse.tag.number == "plur":
        return ("plur",)
    return ("sing", "plur")


def _name_patterns(names: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Which name parts decline: the last only, and all of them (one pattern for one part)."""
    if not names:
        return [()]
    if len(names) == 1:
        return [names]
    return [names[-1:], names]


def _slot_options(
    words: tuple[str, ...],
    infos: list[WordInfo],
    plan: _Plan,
    declining_names: tuple[int, ...],
    case: str,
    number: str,
) -> list[tuple[tuple[str, int], ...]] | None:
    """The alternatives (word, rank) for each word in one case and number, or None if the slot
    is empty."""
    options: list[tuple[tuple[str, int], ...]] = [((word, RANK_WRITTEN),) for word in words]
    base_case = _BASE_CASE.get(case, case)
    for position, index in enumerate(plan.heads):
        head = infos[index]
        inflected = _inflect(head.parse, case if position == 0 else base_case, number)
        if position == 0 and (
            inflected is None
            or (case in HEAD_ONLY_CASES and inflected == _inflect(head.parse, base_case, number))
        ):
            return None
        if inflected is not None:  # a singular-only second head stays as written
            options[index] = _with_abbreviations(head, _restore_case(head.text, inflected), number)
    for index, head_index in plan.agreeing:
        animacy = None if head_index is None else infos[head_index].parse.tag.animacy
        word = _inflect_agreeing(infos[index].parse, base_case, number, animacy)
        if word is None:
            return None
        options[index] = ((_restore_case(infos[index].text, word), RANK_WRITTEN),)
    if number == "sing":
        for index in declining_names:
            options[index] = tuple((part, RANK_WRITTEN) for part in _decline_name_part(infos[index], base_case))
    elif declining_names:
        return None
    return options


def _inflect(parse: Any, case: str, number: str) -> str | None:
    inflected = _inflect_parse(parse, frozenset({case, number}))
    if inflected is None and number == parse.tag.number:
        inflected = _inflect_parse(parse, frozenset({case}))
    return None if inflected is None else inflected.word


@functools.lru_cache(maxsize=50_000)
def _inflect_parse(parse: Any, grammemes: frozenset[str]) -> Any:
    """``parse.inflect(grammemes)`` with the lexeme built once per word, not once per call
    (building it is most of pymorphy3's inflection cost). Same choice rule as pymorphy3: the
    form with the required grammemes that keeps most of the others."""
    lexeme = _lexeme(parse)
    candidates = [form for form in lexeme if grammemes <= form.tag.grammemes]
    if not candidates:
        fixed = parse.tag.fix_rare_cases(grammemes)
        candidates = [form for form in lexeme if fixed <= form.tag.grammemes]
    if not candidates:
        return None
    wanted = parse.tag.updated_grammemes(grammemes)
    return max(
        candidates,
        key=lambda form: len(wanted & form.tag.grammemes) - 0.1 * len(wanted ^ form.tag.grammemes),
    )


@functools.lru_cache(maxsize=20_000)
def _lexeme(parse: Any) -> tuple[Any, ...]:
    return tuple(parse.lexeme)


def _inflect_agreeing(parse: Any, case: str, number: str, animacy: str | None) -> str | None:
    # A masculine or plural adjective's accusative follows the head noun's animacy (Первого
    # секретаря, первый пленум); feminine and neuter ones have one accusative.
    if case == "accs" and animacy is not None and (number == "plur" or parse.tag.gender == "masc"):
        inflected = _inflect_parse(parse, frozenset({case, number, animacy}))
        if inflected is not None:
            return inflected.word
    return _inflect(parse, case, number)


def _decline_name_part(info: WordInfo, case: str) -> tuple[str, ...]:
    if info.kind in ("name", "common") and info.parse is not None:
        word = _inflect(info.parse, case, "sing")
        return (_restore_case(info.text, word),) if word is not None else (info.text,)
    return decline_foreign(info.text, case)


def decline_foreign(word: str, case: str) -> tuple[str, ...]:
    """A foreign masculine name part in one case (``Сен``, ``gent`` → ``Сена``).

    Parts ending in a vowel other than ``а``/``я`` are indeclinable and come back unchanged.
    """
    if case == "nomn":
        return (word,)
    low = word.lower()
    last = low[-1:]
    if last == "й" or last == "ь":
        stem, endings = word[:-1], FOREIGN_ENDINGS[last]
    elif last in ("а", "я"):
        stem, endings = word[:-1], FOREIGN_ENDINGS[last]
    elif last in _VOWELS or not last.isalpha():
        return (word,)
    elif low.endswith(_SURNAME_SUFFIXES) and len(low) > 4:
        stem, endings = word, FOREIGN_ENDINGS["surname"]
    elif last in _HUSHING:
        stem, endings = word, FOREIGN_ENDINGS["hushing"]
    else:
        stem, endings = word, FOREIGN_ENDINGS["consonant"]
    if last == "а" and stem[-1:].lower() in "гкхжшчщ":
        return (stem + "и",) if case == "gent" else tuple(stem + e for e in endings[case])
    return tuple(stem + ending for ending in endings[case])


def _with_abbreviations(info: WordInfo, inflected: str, number: str) -> tuple[tuple[str, int], ...]:
    abbreviations = ABBREVIATIONS.get((info.parse.normal_form, number), ())
    return ((inflected, RANK_WRITTEN), *((abbreviation, RANK_DERIVED) for abbreviation in abbreviations))


def _restore_case(original: str, word: str) -> str:
    """Give an inflected (lower-case) word the capitalisation of the glossary's word, part by
    part for hyphenated words (``Северо-Восточный`` → ``Северо-Восточного``)."""
    if "-" in original:
        originals, parts = original.split("-"), word.split("-")
        if len(originals) == len(parts):
            return "-".join(_restore_case(o, p) if o else p for o, p in zip(originals, parts, strict=True))
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
