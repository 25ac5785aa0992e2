"""Names beyond the glossary: phonetic keys of capitalised names, comparable across scripts.

``Пэн Дэхуая`` and ``Peng Dehuai``, ``Чой Ен Ген`` and ``Choe Yong-geon`` get close keys with no
glossary entry. ``name_keys`` finds names in a text (runs of capitalised words joined by spaces
or hyphens: ``Kim Il-sung`` is one name; an apostrophe inside a word is part of it:
``Ch'oe Ch'ang-ik``, while a possessive ``'s`` is not) and keys them; ``names_match`` scores two
names or keys. A capitalised function word (not a title such as ``тов.``/``Cde.``) is a name
part when another name word follows it in the same run and it does not open a sentence (so a
sentence-initial ``Ли Пхиль Гю`` loses its ``Ли``, the price of safety): Korean surnames ``Ли``, ``Со``, ``Нам`` are spelled
like Russian ``ли``, ``со``, ``нам`` (``т.т. Со Хви и Ли Пхиль Гю``), while a sentence-initial
``По Ким Ир Сену`` or ``После Пленума`` stays a preposition.
Both are evidence for the aligner and candidates for the glossary, never trusted on their own.

A key is built per word and concatenated (so ``Kim Il Sung`` = ``Kim Il-sung`` = ``Kimilsung``):

1. a Cyrillic word loses a case ending when a consonant stem remains (``Сеном`` → ``Сен``,
   ``Дэхуая`` → ``Дэхуай``, ``Ивановым`` → ``Иванов``);
2. anyascii transliterates it and only ASCII letters are kept, lower-cased;
3. ``PHONETIC_RULES`` map spellings that transliteration systems disagree on to one
   (``kh``→``h``, ``ng``→``n``, ``eo``→``o``, ``ts``→``z``, ``zh``→``j``, ``r``→``l`` for Korean ㄹ,
   ...), doubled letters are merged, and each vowel run is cut to its first vowel (a leading
   ``y`` glide dropped: ``Yong``/``Ён`` → ``on``/``en``, ``Dehuai``/``Dekhuay`` → ``dehu``).
   The steps are applied until nothing changes, per word and then over the joined key, so
   keying a key gives the same key.

``names_match`` is the mean of two rapidfuzz similarities of the keys, both in [0, 1]:
Jaro-Winkler, which forgives transliteration noise but rewards a shared prefix (a Korean
surname: ``Ким Ду Бон`` vs ``Kim Il Sung``, ``Пак Чан Ок`` vs ``Pak Jeong-ae``), and normalized
Levenshtein, which punishes such different given names. On the name pairs in
``tests/glossary/test_names.py`` the mean puts every same-name pair at 0.79 or more and every
different-name pair at 0.69 or less; ``NAME_MATCH_THRESHOLD`` sits between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aligner.glossary.tokens import iter_tokens
from aligner.text.charclass import class_body

NAME_MATCH_THRESHOLD = 0.73

PHONETIC_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"), ("chzh", "j"), ("dzh", "j"), ("zh", "j"), ("tsz", "z"), ("ts", "z"),
    ("kh", "h"), ("ng", "n"), ("eo", "o"), ("ph", "p"), ("th", "t"), ("ch", "c"),
    ("sh", "s"), ("w", "v"), ("r", "l"), ("q", "k"), ("x", "s"),
)
_VOWEL_RUN = re.compile(r"y?[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")
_NON_LETTER = re.compile(r"[^a-z]+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# Russian case endings a foreign or Russian surname takes, longest first.
_RU_ENDINGS = ("ом", "ем", "ым", "ой", "ей", "а", "у", "е", "ы", "я", "ю")
_RU_SOFT_ENDINGS = frozenset({"я", "ю", "ем", "е", "ей"})  # Дэхуая, Дэхуаю, Дэхуаем → Дэхуай
_RU_VOWELS = "аеёиоуыэюя"
_MIN_STEM = 2
# A name word: letters, with apostrophes inside (Ch'oe, P'yongyang) but not a possessive 's.
NAME_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
# Punctuation that ends a sentence. A dot after a word of at most this many letters (``г.``,
# ``т.т.``) or after a stopword (``тов.``, ``Cdes.``) marks an abbreviation, not a sentence end.
_SENTENCE_END = ".!?…"
_ABBREVIATION_MAX_LETTERS = 2

# Capitalised words that are not names. Function words are capitalised at a sentence start; in
# mid-sentence before another name word they are names (Korean ``Ли``, ``Со``, ``Нам``; ``So``).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset(
        "в во на по к ко с со о об от до за из у при для без под над перед после между через "
        "и а но или да же ли не ни что как так так же это этот эта эти тот та те он она оно они "
        "мы я вы ты его ее её их мне нам нас вам вас им ему ей кто где когда если то вот все всё "
        "весь сегодня вчера завтра также кроме однако поэтому затем тогда там здесь один одна".split()
    ),
    "en": frozenset(
        "the a an in on at by to of for from with without about after before during between "
        "and or but nor so yet if then when while where as that this these those there here it "
        "its he she they we i you his her their our my your who which what today yesterday "
        "tomorrow also however therefore thus no".split()
    ),
}
# The register's capitalised titles, bodies, headings and dates: never names (these are
# glossary terms), wherever they stand.
REGISTER_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset(
        "товарищ товарищи тов тт посол председатель секретарь президиум пленум совет комиссия "
        "министр совершенно секретно срочно лично экз приложение копия".split()
    ),
    "en": frozenset(
        "korean koreans chinese soviet russian "
        "cde cdes comrade comrades mr mrs ambassador "
        "chairman secretary presidium plenum committee central party council ministers minister "
        "government top secret priority copy attachment january february march april may june "
        "july august september october november december monday tuesday wednesday thursday friday "
        "saturday sunday".split()
    ),
}
STOPWORDS: dict[str, frozenset[str]] = {
    lang: FUNCTION_WORDS[lang] | REGISTER_WORDS[lang] for lang in FUNCTION_WORDS
}


@dataclass(frozen=True, slots=True)
class NameKey:
    """A name found in a text: its phonetic key and its half-open character span."""

    key: str
    start: int
    end: int


@lru_cache(maxsize=1 << 16)
def phonetic_key(name: str) -> str:
    """The phonetic key of a name in any script (``Ким Ир Сена`` → ``kimilsen``)."""
    # Cached: a document repeats its names, and the aligner keys each name again when it
    # compares beads; the key is a pure function of the string.
    parts = []
    for _, _, token in iter_tokens(name):
        if _CYRILLIC.search(token):
            token = _strip_russian_ending(token)
        parts.append(_word_key(token))
    # Once more over the whole key, so that keying a key gives the same key.
    return _normalize("".join(parts))


@lru_cache(maxsize=1 << 16)
def names_match(a: str, b: str) -> float:
    """Similarity in [0, 1] of two names or keys (1 = same key); compare with
    ``NAME_MATCH_THRESHOLD``."""
    # Cached: the aligner compares the same few names of a document again and again.
    key_a, key_b = phonetic_key(a), phonetic_key(b)
    if not key_a or not key_b:
        return 0.0
    return key_similarity(key_a, key_b)


def key_similarity(key_a: str, key_b: str) -> float:
    """``names_match`` of two non-empty phonetic keys, such as ``NameKey.key``: keying a key
    gives the same key, so they are compared as they are (no keying, no cache)."""
    jaro_winkler, levenshtein = _similarities()
    return (jaro_winkler(key_a, key_b) + levenshtein(key_a, key_b)) / 2


@lru_cache(maxsize=1)
def _similarities():
    """rapidfuzz's normalized Jaro-Winkler and Levenshtein similarities, imported on first use."""
    from rapidfuzz.distance import JaroWinkler, Levenshtein

    return JaroWinkler.normalized_similarity, Levenshtein.normalized_similarity


def name_keys(text: str, lang: str) -> list[NameKey]:
    """Keys of the capitalised names in ``text``, in order.

    A name is a run of capitalised words separated only by spaces or a hyphen (a word after a
    hyphen may be lower-case: ``Il-sung``). Words in capitals (``ЦК``, ``KWP``) and single
    letters are not names and end a run; so do words in ``STOPWORDS[lang]``, except a
    capitalised function word followed by a name word in the same run and not opening a
    sentence (``Со Хви``, ``Ли Пхиль Гю`` in mid-sentence).
    """
    stopwords = STOPWORDS.get(lang, frozenset())
    function_words = FUNCTION_WORDS.get(lang, frozenset())
    # Only a capitalised word can open a run, so while no run is open the scan jumps from one
    # capitalised token to the next (most tokens are lower-case words that change nothing);
    # inside a run it visits every token. Name-word tests are memoised per token.
    capitalised = _capitalised_token_re() if _BEYOND_BMP.search(text) is None else None
    is_name: dict[str, bool] = {}
    keys: list[NameKey] = []
    run: list[tuple[int, int, str]] = []
    pos = 0
    while True:
        scanner = NAME_TOKEN_RE if run or capitalised is None else capitalised
        current = scanner.search(text, pos)
        if current is None:
            break
        token = current.group()
        start, end = current.span()
        pos = end
        if not run and not token[0].isupper():
            continue
        joined = bool(run) and _joins(text[run[-1][1]:start])
        if joined and text[start - 1] == "-" and token[:1].islower():
            run.append((start, end, token))
            continue
        name = is_name.get(token)
        if name is None:
            name = is_name[token] = _is_name_token(token, stopwords)
        if not name and not (
            token.lower() in function_words
            and _is_name_token(token, frozenset())
            and _leads_name(text, start, end, NAME_TOKEN_RE.search(text, end), stopwords)
        ):
            _flush(run, keys)
            run = []
            continue
        if run and not joined:
            _flush(run, keys)
            run = []
        run.append((start, end, token))
    _flush(run, keys)
    return keys


@lru_cache(maxsize=1)
def _capitalised_token_re() -> re.Pattern[str]:
    """The tokens of ``NAME_TOKEN_RE`` that start with a capital, found by one search.

    A token starts at a letter that no letter precedes and that does not continue a word after
    an apostrophe (``Ch'oe``), unless it is a possessive ``S`` (``JOHN'S``); the rest of the
    match is ``NAME_TOKEN_RE``'s. Capitals are listed from the Basic Multilingual Plane only,
    so texts beyond it take the plain token scan.
    """
    capital = class_body(cp for cp in range(0x10000) if chr(cp).isupper() and _LETTER.fullmatch(chr(cp)))
    letter = _LETTER.pattern
    return re.compile(
        rf"[{capital}](?<!{letter}.)(?:(?<!{letter}['’].)|(?<=[sS])\b)"
        rf"{letter}*(?:['’](?![sS]\b){letter}+)*"
    )


def _leads_name(text: str, start: int, end: int, following: re.Match[str] | None, stopwords: frozenset[str]) -> bool:
    """Is the capitalised stopword at ``[start, end)`` the first part of a name: followed (the
    ``following`` token) by a name word in the same run, and not at the start of a sentence?"""
    if following is None:
        return False
    if not _joins(text[end:following.start()]) or not _is_name_token(following.group(), stopwords):
        return False
    return not _opens_sentence(text, start, stopwords)


def _opens_sentence(text: str, start: int, stopwords: frozenset[str]) -> bool:
    # Scans back from ``start`` instead of slicing the text before it: slicing made name
    # search quadratic in the text length.
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    if text[i - 1] not in _SENTENCE_END:
        return False
    if text[i - 1] != ".":
        return True
    while i > 0 and text[i - 1] in _SENTENCE_END:
        i -= 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
    word_end = i
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    word = "".join(ch for ch in text[i:word_end] if ch.isalpha()).lower()
    return not word or (len(word) > _ABBREVIATION_MAX_LETTERS and word not in stopwords)


def _joins(gap: str) -> bool:
    return gap == "-" or (gap.strip(" ") == "" and "\n" not in gap and len(gap) <= 2)


def _is_name_token(token: str, stopwords: frozenset[str]) -> bool:
    letters = token.replace("'", "").replace("’", "")
    if not token[:1].isupper() or not letters.isalpha() or len(letters) < 2:
        return False
    if token.isupper():
        return False
    return token.lower() not in stopwords


def _flush(run: list[tuple[int, int, str]], keys: list[NameKey]) -> None:
    if not run:
        return
    key = phonetic_key(" ".join(token for _, _, token in run))
    if key:
        keys.append(NameKey(key, run[0][0], run[-1][1]))


def _strip_russian_ending(word: str) -> str:
    low = word.lower()
    for ending in _RU_ENDINGS:
        if not low.endswith(ending) or len(low) - len(ending) < _MIN_STEM:
            continue
        stem = low[: -len(ending)]
        if stem[-1] in _RU_VOWELS:
            return word[: len(stem)] + "й" if ending in _RU_SOFT_ENDINGS else word
        if stem[-1] in "йь" or ending in ("я", "ю"):
            return word
        return word[: len(stem)]
    return word


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    from anyascii import anyascii

    return _normalize(_NON_LETTER.sub("", anyascii(word).lower()))


def _normalize(key: str) -> str:
    """Apply the phonetic rules until nothing changes."""
    while True:
        previous = key
        key = _DOUBLE.sub(r"\1", key)
        for old, new in PHONETIC_RULES:
            key = key.replace(old, new)
        key = _VOWEL_RUN.sub(_first_vowel, _DOUBLE.sub(r"\1", key))
        if key == previous:
            return key


def _first_vowel(match: re.Match[str]) -> str:
    run = match.group()
    return run[1] if run[0] == "y" and len(run) > 1 else run[0]
