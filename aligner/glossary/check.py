"""Validate a glossary's content: findings are returned as data, never raised.

Errors (``glossary check`` exits 1 on any):

- ``duplicate_id``: two terms share an id;
- ``empty_field``: a term with no id, no source form or no preferred target rendering;
- ``bad_category``: a category outside ``model.CATEGORIES``;
- ``not_russian``: a word of a Russian form with letters but none Cyrillic (``Plenum``), other
  than an abbreviation or Roman numeral in capitals: pymorphy3 cannot parse it;
- ``unmatchable_form``: a form with no token at all (only symbols or punctuation, such as ``§``
  or ``—``; the number sign ``№`` is a token): it can never match any text;
- ``mixed_script``: a word mixing Latin and Cyrillic letters (``CК`` with a Latin C never matches);
- ``conflicting_renderings``: a rendering both approved and forbidden in one term, or a forbidden
  rendering the matcher cannot tell from an approved one (``Kim Il-sung`` vs ``Kim Il Sung``).

Warnings (reported, not blocking):

- ``unknown_word``: a lower-case word of a Russian form that pymorphy3 reads only by guessing
  from its ending (a typo such as ``пленм``, or a rare word such as ``яньаньская``): its
  inflections are guessed. Capitalised unknown words are foreign name parts, declined by rule.

- ``shared_form``: two terms match the same source text equally directly (``Сену`` is a form of
  both ``Сен`` and ``Сена``); matching reports both terms there. (A form written in one term
  and only derived in another, such as ``товарищам`` for ``товарищи`` and ``товарищ``, goes to
  the first and is not reported.)
"""

from __future__ import annotations

import re
from collections import Counter

from aligner.glossary.match import compile_matcher
from aligner.glossary.model import CATEGORIES, Glossary, Problem, Term
from aligner.glossary.tokens import split_tokens

_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
WARNING = "warning"
# Shared-form warnings listed per pair of terms, with at most this many example forms.
SHARED_FORM_EXAMPLES = 3


def check_glossary(glossary: Glossary) -> list[Problem]:
    """Content problems of a glossary, errors first in term order, then warnings."""
    problems: list[Problem] = []
    counts = Counter(term.term_id for term in glossary.terms)
    reported: set[str] = set()
    for term in glossary.terms:
        if counts[term.term_id] > 1 and term.term_id not in reported:
            reported.add(term.term_id)
            problems.append(
                Problem("duplicate_id", term.term_id, f"{counts[term.term_id]} terms have the id {term.term_id!r}")
            )
        problems += _check_term(term, glossary)
    problems += _shared_forms(glossary)
    return problems


def _check_term(term: Term, glossary: Glossary) -> list[Problem]:
    found = []
    label = term.term_id or "(no id)"
    if not term.term_id:
        found.append(Problem("empty_field", label, "the term has no id"))
    if not term.src_forms:
        found.append(Problem("empty_field", label, f"no {glossary.src_lang} form"))
    if not term.tgt_preferred:
        found.append(Problem("empty_field", label, f"no preferred {glossary.tgt_lang} rendering"))
    if term.category not in CATEGORIES:
        found.append(
            Problem("bad_category", label, f"category {term.category!r} is not one of {', '.join(CATEGORIES)}")
        )
    for form in term.src_forms + term.tgt_approved + term.tgt_forbidden:
        if form.strip() and not split_tokens(form):
            found.append(
                Problem("unmatchable_form", label, f"{form!r} has no letters or digits and can never match a text")
            )
        for word in split_tokens(form):
            if _LATIN.search(word) and _CYRILLIC.search(word):
                found.append(Problem("mixed_script", label, f"{form!r}: {word!r} mixes Latin and Cyrillic letters"))
    if glossary.src_lang == "ru":
        found += _unknown_words(term, label)
    found += _conflicts(term, label, glossary)
    return found


def _unknown_words(term: Term, label: str) -> list[Problem]:
    from aligner.glossary.inflection import is_guessed_word

    found = []
    for form in term.src_forms:
        for word in form.split():
            word = word.strip("()[]«»\"',;:!?")
            if not word or "." in word or not any(ch.isalpha() for ch in word):
                continue  # abbreviations (тов., т.т.) and numbers are matched as written
            if not _CYRILLIC.search(word):
                if not word.isupper():
                    found.append(Problem("not_russian", label, f"{form!r}: {word!r} has no Cyrillic letters"))
            elif word[:1].islower() and is_guessed_word(word):
                found.append(
                    Problem(
                        "unknown_word", label,
                        f"{form!r}: pymorphy3 does not know {word!r}; its inflections are guessed (a typo?)",
                        WARNING,
                    )
                )
    return found


def _conflicts(term: Term, label: str, glossary: Glossary) -> list[Problem]:
    found = []
    approved = set(term.tgt_approved)
    for form in term.tgt_forbidden:
        if form in approved:
            found.append(Problem("conflicting_renderings", label, f"{form!r} is both approved and forbidden"))
    matcher = compile_matcher(glossary, glossary.tgt_lang)
    approved_keys = {tuple(matcher.key_tokens(split_tokens(form))): form for form in term.tgt_approved}
    for form in term.tgt_forbidden:
        twin = approved_keys.get(tuple(matcher.key_tokens(split_tokens(form))))
        if twin is not None and twin != form:
            found.append(
                Problem(
                    "conflicting_renderings", label,
                    f"forbidden {form!r} matches the same text as approved {twin!r}; the check cannot tell them apart",
                )
            )
    return found


def _shared_forms(glossary: Glossary) -> list[Problem]:
    matcher = compile_matcher(glossary, glossary.src_lang)
    examples: dict[tuple[str, ...], list[str]] = {}
    for keys, ends in matcher.sequences():
        # Only ties at the best rank stay ambiguous when matching (see match._accept).
        ranks = {term_id: min(entry[3] for entry in entries) for term_id, entries in ends.items()}
        best = min(ranks.values())
        term_ids = tuple(term_id for term_id, rank in ranks.items() if rank == best)
        if len(term_ids) > 1:
            examples.setdefault(term_ids, []).append(" ".join(keys))
    problems = []
    for term_ids, forms in examples.items():
        shown = ", ".join(repr(form) for form in forms[:SHARED_FORM_EXAMPLES])
        more = f" and {len(forms) - SHARED_FORM_EXAMPLES} more" if len(forms) > SHARED_FORM_EXAMPLES else ""
        problems.append(
            Problem(
                "shared_form", term_ids[0],
                f"terms {', '.join(map(repr, term_ids))} share {glossary.src_lang} form(s) {shown}{more}; "
                "matching reports all of them",
                WARNING,
            )
        )
    return problems
