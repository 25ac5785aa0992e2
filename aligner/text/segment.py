"""Paragraph and sentence segmentation of a normalized text.

Paragraphs are blocks separated by blank lines, except that an editorial bracket spanning blank
lines (``[handwritten:\\n\\nTop Secret\\n\\nPriority]``) keeps its block whole. Sentences come
from the language registry's splitter (razdel for Russian, sentencex otherwise), run on one
paragraph at a time, and are then corrected by our own pass over each boundary:

- never inside an editorial bracket;
- removed after an abbreviation that never ends a sentence (``тов.``, ``Cde.``, ``т. е.``,
  ``i.e.``, ``Mr.``) and after an initial before a name (``А. И. Микоян``, ``A. Mikoyan``);
- removed after an abbreviation that may end a sentence (``hrs.``, ``и т.д.``, ``No.``,
  ``стр.``, ``Экз.``) when the next word starts in lowercase or with a digit, ``№`` or a
  Roman numeral;
- removed before a lowercase word after a period (``at 16.00 hrs. on 22 September``);
- after a year abbreviation (``1956 г.``, Russian ``г.``/``гг.``), set or removed by context: a
  new sentence starts when the next word is a capitalised function word (``В``, ``На``, ``Это``)
  or the sentence before the year already has two content words, and never before an acronym
  (``в 1956 г. ЦК КПСС ...``); ``г. Пхеньян`` (city) is an abbreviation that never ends one;
- added before editorial brackets that close a paragraph after a sentence end
  (``... work. [handwritten: signed]``): such brackets are a sentence of their own.

Conventions: ``Sentence.start``/``end`` are half-open offsets into ``Text.normalized``; every
sentence's text equals ``normalized[start:end]`` and has no surrounding whitespace; what lies
between sentences is whitespace only, so sentences and gaps rebuild the text exactly.
``sent_no`` counts from 0 over the whole side, ``para_no`` from 0 over its paragraphs.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from aligner.lang import Language, get_language
from aligner.text.editorial import find_editorial_spans
from aligner.text.model import Sentence, Span, Text

# A blank line (only non-newline whitespace on it) and whatever whitespace follows it.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")

# Characters that may open a sentence before its first letter, and close one after its period.
_OPENERS = "\"'«„“‘([{<—–-"
_CLOSERS = "\"'»”’)]}>"
_SENTENCE_END = re.compile(rf"[.!?…][{re.escape(_CLOSERS)}]*$")
# An initial: one letter and a period, after a space, an opener, another initial or the start.
_INITIAL = re.compile(rf"(?:^|(?<=[\s{re.escape(_OPENERS)}.]))([^\W\d_])\.$")
_STARTS_WITH_INITIAL = re.compile(r"([^\W\d_])\.")
_FIRST_WORD = re.compile(rf"[{re.escape(_OPENERS)}\s]*([^\W_][\w'’-]*)")
_ROMAN_START = re.compile(r"[IVXLCDM]+\b")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DIGITS = re.compile(r"\d")

# Content words before "<year> г." that make a capital after it start a new sentence
# ("Пленум состоялся в 1956 г. Микоян ..." splits; "В 1956 г. Микоян ..." does not).
_YEAR_PREFIX_WORDS = 2
# Characters on each side of a boundary that the rules read.
_CONTEXT_CHARS = 400


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside(spans: list[Span], starts: list[int], pos: int) -> bool:
    """``pos`` is strictly inside one of ``spans`` (sorted, non-overlapping)."""
    k = bisect.bisect_left(starts, pos) - 1
    return k >= 0 and spans[k].start < pos < spans[k].end


def split_paragraphs(normalized: str) -> tuple[Span, ...]:
    """Paragraph spans: blocks between blank lines, stripped of surrounding whitespace.

    A blank line inside an editorial bracket does not separate paragraphs.
    """
    brackets = list(find_editorial_spans(normalized))
    starts = [s.start for s in brackets]
    paragraphs: list[Span] = []
    pos = 0

    def add(start: int, end: int) -> None:
        start, end = _strip_span(normalized, start, end)
        if start < end:
            paragraphs.append(Span(start, end))

    for match in _BLANK_LINE.finditer(normalized):
        if _inside(brackets, starts, match.start()):
            continue
        add(pos, match.start())
        pos = match.end()
    add(pos, len(normalized))
    return tuple(paragraphs)


def _abbreviation_pattern(abbreviations: frozenset[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``abbreviations`` plus its period at the end of a string."""
    if not abbreviations:
        return None
    alternatives = []
    for abbr in sorted(abbreviations, key=len, reverse=True):
        parts = [re.escape(part.strip()) for part in abbr.split(".")]
        alternatives.append(r"\.\s*".join(parts))
    opener = re.escape(_OPENERS)
    return re.compile(rf"(?:^|(?<=[\s{opener}./]))(?:{'|'.join(alternatives)})\.$", re.IGNORECASE)


@lru_cache(maxsize=64)
def _patterns(language: Language) -> tuple[re.Pattern[str] | None, ...]:
    year = year_end = None
    if language.year_abbreviations:
        abbrs = "|".join(re.escape(a) for a in sorted(language.year_abbreviations, key=len,
                                                       reverse=True))
        # "1956 г.", "1955-1956 гг.", "1956г."
        year_re = rf"(?<!\d)\d{{3,4}}(?:\s*[-–—]\s*\d{{2,4}})?\s*(?:{abbrs})\."
        year, year_end = re.compile(year_re), re.compile(year_re + "$")
    return (
        _abbreviation_pattern(language.abbreviations),
        _abbreviation_pattern(language.final_abbreviations),
        year,
        year_end,
    )


def _first_word(right: str) -> str:
    match = _FIRST_WORD.match(right)
    return match.group(1) if match else ""


def _continues(right: str) -> bool:
    """What follows starts in lowercase, with a digit, ``№``/``#`` or a Roman numeral."""
    body = right.lstrip(_OPENERS + " \n")
    if not body:
        return False
    first = body[0]
    return first.islower() or first.isdigit() or first in "№#" or bool(_ROMAN_START.match(body))


def _year_boundary(left: str, right: str, language: Language, year_start: int) -> bool:
    """Whether a sentence ends after ``<year> г.`` (``left`` ends with it, from ``year_start``)."""
    word = _first_word(right)
    if not word or not word[0].isupper():
        return False
    if len(word) > 1 and word.isupper():
        return False  # an acronym continues the sentence: "в 1956 г. ЦК КПСС принял ..."
    if word.lower() in language.stopwords:
        return True
    months = {form for form, _ in language.months}
    content = [
        w for w in _WORD.findall(left[:year_start])
        if w.lower() not in language.stopwords and w.lower() not in months
    ]
    return len(content) >= _YEAR_PREFIX_WORDS


def _keep_boundary(left: str, right: str, language: Language) -> bool:
    """Whether a splitter boundary between ``left`` (stripped) and ``right`` is a real one."""
    never_final, final, _year, year_end = _patterns(language)
    if year_end is not None:
        match = year_end.search(left)
        if match is not None:
            return _year_boundary(left, right, language, match.start())
    if not left.endswith("."):
        return True
    if never_final is not None and never_final.search(left):
        return False
    if final is not None and final.search(left) and _continues(right):
        return False
    if not language.is_cased:
        return True
    body = right.lstrip(_OPENERS + " \n")
    if body[:1].islower():
        return False
    initial = _INITIAL.search(left)
    if initial is not None and initial.group(1).isupper() and body[:1].isupper():
        next_initial = _STARTS_WITH_INITIAL.match(body)
        if next_initial is not None and next_initial.group(1).isupper():
            return False
        return _first_word(body).lower() in language.stopwords
    return True


def _trailing_bracket_start(ptext: str, brackets: list[Span]) -> int | None:
    """Start of editorial brackets that close a paragraph right after a sentence end."""
    if not brackets or ptext[brackets[-1].end:].strip():
        return None
    k = len(brackets) - 1
    while k > 0 and not ptext[brackets[k - 1].end:brackets[k].start].strip():
        k -= 1
    start = brackets[k].start
    before = ptext[:start].rstrip()
    if before and _SENTENCE_END.search(before):
        return start
    return None


def _boundaries(ptext: str, language: Language, brackets: list[Span]) -> list[int]:
    """Sentence start offsets within one paragraph (never 0), after our corrections."""
    starts = [s.start for s in brackets]
    candidates: dict[int, str] = {}

    def add(pos: int, source: str) -> None:
        while pos < len(ptext) and ptext[pos].isspace():
            pos += 1
        if 0 < pos < len(ptext) and not _inside(brackets, starts, pos):
            candidates.setdefault(pos, source)

    for start, _end in language.split_sentences(ptext)[1:]:
        add(start, "splitter")
    year = _patterns(language)[2]
    if year is not None:
        for match in year.finditer(ptext):
            add(match.end(), "year")
    tail = _trailing_bracket_start(ptext, brackets)
    if tail is not None:
        candidates[tail] = "bracket"

    kept: list[int] = []
    current = 0
    for pos in sorted(candidates):
        # Every rule reads only near the boundary; bounded windows keep a huge paragraph linear.
        left = ptext[max(current, pos - _CONTEXT_CHARS):pos].strip()
        if not left:
            continue
        source = candidates[pos]
        right = ptext[pos:pos + _CONTEXT_CHARS]
        if source == "bracket" or _keep_boundary(left, right, language):
            kept.append(pos)
            current = pos
    return kept


def _sentence(text: Text, para_no: int, sent_no: int, start: int, end: int,
              brackets: tuple[Span, ...]) -> Sentence:
    inner = tuple(s for s in brackets if start <= s.start and s.end <= end)
    return Sentence(text.lang, para_no, sent_no, start, end, text.normalized[start:end], inner)


def segment_sentences(text: Text) -> tuple[Sentence, ...]:
    """Sentences of ``text.normalized``, per paragraph, with editorial bracket spans."""
    language = get_language(text.lang)
    normalized = text.normalized
    brackets = find_editorial_spans(normalized)
    sentences: list[Sentence] = []
    for para_no, para in enumerate(split_paragraphs(normalized)):
        ptext = normalized[para.start:para.end]
        local = [Span(s.start - para.start, s.end - para.start)
                 for s in brackets if para.start <= s.start and s.end <= para.end]
        cuts = [0, *_boundaries(ptext, language, local), len(ptext)]
        for a, b in zip(cuts, cuts[1:]):
            start, end = _strip_span(normalized, para.start + a, para.start + b)
            if start < end:
                sentences.append(_sentence(text, para_no, len(sentences), start, end, brackets))
    return tuple(sentences)


def sentences_from_lines(text: Text) -> tuple[Sentence, ...]:
    """Sentences of pre-segmented input: one per non-blank line; blank lines separate paragraphs.

    Editorial brackets are found within each line.
    """
    normalized = text.normalized
    sentences: list[Sentence] = []
    para_no = 0
    pending_break = False
    offset = 0
    for line in normalized.split("\n"):
        start, end = _strip_span(normalized, offset, offset + len(line))
        offset += len(line) + 1
        if start == end:
            pending_break = bool(sentences)
            continue
        if pending_break:
            para_no += 1
            pending_break = False
        brackets = tuple(Span(s.start + start, s.end + start)
                         for s in find_editorial_spans(normalized[start:end]))
        sentences.append(_sentence(text, para_no, len(sentences), start, end, brackets))
    return tuple(sentences)


def sentence_line(sentence: Sentence) -> str:
    """The sentence as one line of a ``.sents`` file: runs of whitespace become one space."""
    return " ".join(sentence.text.split())
