"""Glossary data: terms, the glossary, hits in a text, problems found by ``check_glossary``.

Conventions:

- ``src``/``tgt`` are the glossary's two languages (``ru``/``en`` by default). A term has
  source forms (any of them may occur in a source text; Russian forms are inflected before
  matching) and target renderings in three tiers: ``tgt_preferred`` (what a translation should
  say), ``tgt_variants`` (also approved) and ``tgt_forbidden`` (deprecated or superseded).
- Several terms may share a source form; matching reports every one of them (see
  ``aligner.glossary.match``) and ``check_glossary`` warns about it.
- ``Hit`` spans are half-open ``[start, end)`` character offsets into the text given to
  ``match_terms``; ``Hit.form`` is the glossary form as written in the glossary (``Ким Ир Сен``),
  not the inflected spelling found in the text (that is ``text[start:end]``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any


class Category(str, Enum):
    """What kind of thing a term names."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PARTY_TERM = "party_term"
    TITLE = "title"
    PLACE = "place"
    DOCUMENT = "document"
    OTHER = "other"


CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
DEFAULT_CATEGORY = Category.OTHER.value


class Status(str, Enum):
    """Where a glossary form sits: a source form or one of the three target tiers."""

    SOURCE = "source"
    PREFERRED = "preferred"
    VARIANT = "variant"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry.

    :param src_forms: source-language forms as written in the glossary (base forms).
    :param tgt_preferred: preferred target renderings, best first.
    :param tgt_variants: other approved target renderings.
    :param tgt_forbidden: deprecated or superseded target renderings.
    :param case_sensitive: match every form with its capitalisation as written (abbreviations
        such as ``ЦК`` are matched as written even when this is false).
    """

    term_id: str
    category: str
    src_forms: tuple[str, ...]
    tgt_preferred: tuple[str, ...]
    tgt_variants: tuple[str, ...] = ()
    tgt_forbidden: tuple[str, ...] = ()
    case_sensitive: bool = False
    note: str = ""

    @property
    def tgt_approved(self) -> tuple[str, ...]:
        """Preferred renderings, then variants."""
        return self.tgt_preferred + self.tgt_variants

    def forms(self, side: str) -> tuple[tuple[str, Status], ...]:
        """Every glossary form of one side (``"src"`` or ``"tgt"``) with its status, in order."""
        if side == "src":
            return tuple((form, Status.SOURCE) for form in self.src_forms)
        if side == "tgt":
            return (
                tuple((form, Status.PREFERRED) for form in self.tgt_preferred)
                + tuple((form, Status.VARIANT) for form in self.tgt_variants)
                + tuple((form, Status.FORBIDDEN) for form in self.tgt_forbidden)
            )
        raise ValueError(f"side must be 'src' or 'tgt', not {side!r}")

    def status_of(self, form: str) -> Status | None:
        """The status of a target rendering as written in this term, or None."""
        for candidate, status in self.forms("tgt"):
            if candidate == form:
                return status
        return None


@dataclass(frozen=True, slots=True)
class Glossary:
    """A loaded glossary.

    :param source: the file it was read from (None when built in memory).
    :param sha256: hex SHA-256 of the file's bytes (of a canonical JSON dump when built in
        memory); ``signature()`` shows its first 8 digits.
    """

    terms: tuple[Term, ...]
    source: Path | None
    sha256: str
    src_lang: str = "ru"
    tgt_lang: str = "en"
    # One compiled matcher per language, built on first use (see aligner.glossary.match).
    _matchers: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_terms(
        cls, terms: tuple[Term, ...] | list[Term], src_lang: str = "ru", tgt_lang: str = "en"
    ) -> Glossary:
        """Build a glossary in memory; its hash is taken over the terms' content."""
        terms = tuple(terms)
        payload = json.dumps(
            [src_lang, tgt_lang, [_term_record(term) for term in terms]], ensure_ascii=False
        )
        return cls(terms, None, hashlib.sha256(payload.encode("utf-8")).hexdigest(), src_lang, tgt_lang)

    def signature(self) -> str:
        """``gloss:<first 8 hex digits of sha256>``, or ``gloss:none`` for an empty glossary."""
        return f"gloss:{self.sha256[:8]}" if self.terms else "gloss:none"

    def side_of(self, lang: str) -> str:
        """``"src"`` or ``"tgt"`` for a language code of this glossary."""
        if lang == self.src_lang:
            return "src"
        if lang == self.tgt_lang:
            return "tgt"
        raise ValueError(
            f"language {lang!r} is neither the glossary's source ({self.src_lang!r}) "
            f"nor its target ({self.tgt_lang!r})"
        )

    def term(self, term_id: str) -> Term | None:
        """The first term with this id, or None."""
        return next((term for term in self.terms if term.term_id == term_id), None)


def _term_record(term: Term) -> list[Any]:
    return [
        term.term_id, term.category, list(term.src_forms), list(term.tgt_preferred),
        list(term.tgt_variants), list(term.tgt_forbidden), term.case_sensitive, term.note,
    ]


@dataclass(frozen=True, slots=True)
class Hit:
    """A glossary term found in a text: ``text[start:end]`` is what the text says.

    :param lang: the language of the text (the glossary's source or target language).
    :param form: the glossary form that matched, as written in the glossary.
    """

    term_id: str
    lang: str
    start: int
    end: int
    form: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding of ``check_glossary``; ``severity`` is ``error`` (blocks) or ``warning``."""

    kind: str
    term_id: str
    message: str
    severity: str = "error"
