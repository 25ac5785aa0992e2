"""Find glossary terms in a text: a token trie over pre-expanded forms, longest match first.

How it works:

1. Compile (once per glossary and language, cached on the ``Glossary``): every glossary form
   of that side is expanded (``forms.LanguageForms.expand``: Russian inflections, English Latin
   plurals), tokenized (``tokens``) and keyed (fold, then stem for Snowball languages); the key
   sequences go into a trie of nested dicts. Each trie end holds, per term id, the glossary
   forms that end there with their capitalisation constraints: a token written in capitals in
   the glossary (``ЦК``, ``CC``) must be in capitals in the text, and every token of a
   ``case_sensitive`` term must have its glossary capitalisation (``tokens.case_shape``);
   a token written with an abbreviation dot (``No.``, ``Cde.``, ``тов.``, ``A.I.``) must have
   the dot in the text too (``No reply`` is not the number sign ``No.``).
2. Match: the text is tokenized and keyed in bulk (one ``lower()`` over all tokens, one
   ``stemWords`` call), then scanned left to right; only tokens whose key starts some form
   are looked at. From such a token the trie is walked as far as it goes and the longest end
   whose constraints hold wins; the scan resumes after it (no overlaps). Where keys are stems
   (English), each text word must also be the glossary word or an inflection of it
   (``forms.LanguageForms.word_rank``): a shared stem alone is not enough. Cost is one dict
   lookup per token plus the walks, independent of the number of terms.

When several terms share the winning span, the terms whose form there is more direct win (a
form as written in the glossary beats an inflection, an inflection in the written number beats
the other number or an abbreviation: see ``inflection.inflect_form_ranked``; an English plural
of a glossary word ranks as an inflection, so ``Comrades`` goes to a term written
``Comrades`` before one written ``Comrade``); if that leaves
several (``Сену`` is both ``Сен`` and ``Сена``), one hit per term is returned: ambiguity is
reported, not hidden. Hits come sorted by start, then glossary order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aligner.errors import GlossaryError
from aligner.glossary.forms import LanguageForms, forms_for
from aligner.glossary.model import Glossary, Hit, Status, Term
from aligner.glossary.tokens import TOKEN_RE, case_shape, fold_token, is_abbreviation, split_tokens

_END = None  # trie key under which a node keeps what ends there

# (token offset within the form, required case shape or DOTTED)
Constraints = tuple[tuple[int, str], ...]
# (glossary form as written, constraints, the surface form folded, rank, the surface form's
# folded tokens); several per term may end at one trie node (``Kim Il Sung`` and
# ``Kim Il-sung`` share keys).
Entry = tuple[str, Constraints, str, int, tuple[str, ...]]
# A constraint saying the text token must end in, or be followed by, an abbreviation dot.
DOTTED = "dotted"


@dataclass(frozen=True, slots=True)
class FormSet:
    """The surface forms one glossary form stands for.

    :param entry: the glossary form as written; ``forms`` starts with it.
    :param status: ``source``, or ``preferred``/``variant``/``forbidden`` for target renderings.
    :param ranks: for each form, how directly it comes from the entry (0 = as written).
    """

    term_id: str
    lang: str
    status: Status
    entry: str
    forms: tuple[str, ...]
    ranks: tuple[int, ...]


def expand_term(term: Term, lang: str, side: str) -> list[FormSet]:
    """Every glossary form of one side of a term, expanded into the forms it will match."""
    forms = forms_for(lang)
    result = []
    for entry, status in term.forms(side):
        expanded = _with_joined_initials(forms.expand(entry, term.category))
        result.append(FormSet(term.term_id, lang, status, entry, tuple(expanded), tuple(expanded.values())))
    return result


# Spaced initials before another initial: "Н. С. Хрущев" is also written "Н.С. Хрущев".
_SPACED_INITIAL = re.compile(r"(?<!\S)([^\W\d_]\.)\s+(?=[^\W\d_]\.)")


def _with_joined_initials(forms: dict[str, int]) -> dict[str, int]:
    result = dict(forms)
    for form, rank in forms.items():
        result.setdefault(_SPACED_INITIAL.sub(r"\1", form), rank)
    return result


def expand_terms(glossary: Glossary, term_id: str | None = None) -> list[FormSet]:
    """Expanded forms of every term (or of the terms with ``term_id``), source side first.

    :raises GlossaryError: if ``term_id`` is given and no term has it.
    """
    terms = [t for t in glossary.terms if term_id is None or t.term_id == term_id]
    if term_id is not None and not terms:
        raise GlossaryError(f"no term with id {term_id!r}", path=glossary.source)
    result: list[FormSet] = []
    for term in terms:
        result += expand_term(term, glossary.src_lang, "src")
        result += expand_term(term, glossary.tgt_lang, "tgt")
    return result


class Matcher:
    """A compiled trie for one language of one glossary (build with ``compile_matcher``)."""

    def __init__(self, lang: str, forms: LanguageForms):
        self.lang = lang
        self._forms = forms
        self._root: dict[Any, Any] = {}
        self.size = 0  # number of distinct (key sequence, term, glossary form) entries

    def add(self, term: Term, form_set: FormSet) -> None:
        """Add every surface form of one glossary form of ``term``."""
        for surface, rank in zip(form_set.forms, form_set.ranks, strict=True):
            tokens = split_tokens(surface)
            if not tokens:
                continue
            folded = [fold_token(token) for token in tokens]
            keys = self._forms.keys(folded)
            constraints: Constraints = tuple(
                (offset, case_shape(token))
                for offset, token in enumerate(tokens)
                if term.case_sensitive or is_abbreviation(token)
            ) + tuple((offset, DOTTED) for offset in _dotted_offsets(surface))
            node = self._root
            for key in keys:
                node = node.setdefault(key, {})
            ends: dict[str, list[Entry]] = node.setdefault(_END, {})
            entries = ends.setdefault(term.term_id, [])
            entry = (form_set.entry, constraints, _fold_span(surface), rank, tuple(folded))
            if entry not in entries:
                entries.append(entry)
                self.size += 1

    def key_tokens(self, tokens: list[str]) -> list[str]:
        """Match keys of raw tokens."""
        return self._forms.keys([fold_token(token) for token in tokens])

    def sequences(self) -> list[tuple[tuple[str, ...], dict[str, list[Entry]]]]:
        """Every key sequence in the trie with what ends there (for checks and tests)."""
        found = []
        stack: list[tuple[tuple[str, ...], dict[Any, Any]]] = [((), self._root)]
        while stack:
            prefix, node = stack.pop()
            for key, child in node.items():
                if key is _END:
                    found.append((prefix, child))
                else:
                    stack.append(((*prefix, key), child))
        return sorted(found, key=lambda item: item[0])

    def find(self, text: str) -> list[Hit]:
        """Every hit in ``text``; spans are character offsets into ``text``."""
        root = self._root
        if not root or not text:
            return []
        matches = list(TOKEN_RE.finditer(text))
        if not matches:
            return []
        words = [m.group() for m in matches]
        # One lower() over all tokens at once; \x1f never occurs inside a token.
        folded = "\x1f".join(words).lower().replace("ё", "е")
        if "." in folded:
            folded = folded.replace(".", "")
        folded_words = folded.split("\x1f")
        keys = self._forms.keys(folded_words)
        spelled = None if self._forms.exact_keys else self._forms.word_rank
        count = len(keys)
        hits: list[Hit] = []
        next_free = 0
        for i in [i for i, key in enumerate(keys) if key in root]:
            if i < next_free:
                continue
            node = root[keys[i]]
            j = i + 1
            ends = []
            while True:
                end = node.get(_END)
                if end is not None:
                    ends.append((j, end))
                if j == count:
                    break
                node = node.get(keys[j])
                if node is None:
                    break
                j += 1
            for j, end in reversed(ends):
                start, stop = matches[i].start(), matches[j - 1].end()
                accepted = _accept(end, matches, i, _fold_span(text[start:stop]), folded_words, spelled)
                if accepted:
                    hits += [Hit(term_id, self.lang, start, stop, form) for term_id, form in accepted]
                    next_free = j
                    break
        return hits


def _accept(
    end: dict[str, list[Entry]],
    matches: list[Any],
    i: int,
    span: str,
    folded_words: list[str],
    word_rank: Callable[[str, str], int | None] | None,
) -> list[tuple[str, str]]:
    """The (term id, glossary form) pairs whose constraints hold at token i.

    With ``word_rank`` (stemmed keys), every text word must be its glossary word or an
    inflection of it, and an inflection makes the form rank at least ``RANK_INFLECTED``.
    Only the terms with the best (lowest) rank there are kept. Of a term's glossary forms that
    fit, the best-ranked wins, and among those the one spelled like the text (``Kim Il-sung``
    in the text reports the glossary's ``Kim Il-sung``, not ``Kim Il Sung``), else the first.
    """
    candidates = []
    for term_id, entries in end.items():
        fitting = []
        for order, (form, constraints, surface, rank, words) in enumerate(entries):
            if not all(_holds(matches[i + offset], shape) for offset, shape in constraints):
                continue
            if word_rank is not None:
                spelling = _spelling_rank(words, folded_words, i, word_rank)
                if spelling is None:
                    continue
                rank = max(rank, spelling)
            fitting.append((rank, surface != span, order, form))
        if fitting:
            best = min(fitting)
            candidates.append((best[0], term_id, best[3]))
    if not candidates:
        return []
    best_rank = min(rank for rank, _, _ in candidates)
    return [(term_id, form) for rank, term_id, form in candidates if rank == best_rank]


def _spelling_rank(
    words: tuple[str, ...], folded_words: list[str], i: int, word_rank: Callable[[str, str], int | None]
) -> int | None:
    """The worst ``word_rank`` of the text words from token i against a form's words, or None
    when one of them is not its glossary word at all."""
    worst = 0
    for offset, word in enumerate(words):
        rank = word_rank(folded_words[i + offset], word)
        if rank is None:
            return None
        worst = max(worst, rank)
    return worst


def _holds(match: Any, shape: str) -> bool:
    """Does a text token (a regex match over the text) meet one constraint?"""
    if shape == DOTTED:
        return match.group().endswith(".") or match.string.startswith(".", match.end())
    return case_shape(match.group()) == shape


def _dotted_offsets(surface: str) -> list[int]:
    """Offsets of the tokens of a glossary form written with an abbreviation dot after them
    (``No.``, ``тов.``, the initials of ``A. I. Mikoyan``; ``т.т.`` keeps its dots inside)."""
    return [
        offset
        for offset, match in enumerate(TOKEN_RE.finditer(surface))
        if match.group().endswith(".") or surface.startswith(".", match.end())
    ]


def _fold_span(text: str) -> str:
    """A span's text folded for comparing spellings: case, ``ё``, runs of spaces."""
    return " ".join(text.lower().replace("ё", "е").split())


def compile_matcher(glossary: Glossary, lang: str) -> Matcher:
    """The matcher for one language of a glossary, built on first use and cached on it.

    :raises ValueError: if ``lang`` is neither the glossary's source nor target language.
    """
    cached = glossary._matchers.get(lang)
    if cached is not None:
        return cached
    side = glossary.side_of(lang)
    matcher = Matcher(lang, forms_for(lang))
    for term in glossary.terms:
        for form_set in expand_term(term, lang, side):
            matcher.add(term, form_set)
    glossary._matchers[lang] = matcher
    return matcher


def match_terms(glossary: Glossary, text: str, lang: str) -> list[Hit]:
    """Every glossary term in ``text`` (a sentence or a whole document), sorted by start.

    :param lang: the text's language: the glossary's ``src_lang`` or ``tgt_lang``.
    :returns: hits with half-open character spans into ``text``; longest match wins, hits do
        not overlap, and a span shared by several terms gives one hit per term.
    :raises ValueError: if ``lang`` is not one of the glossary's languages.
    """
    return compile_matcher(glossary, lang).find(text)
