"""Glossary engine: terms in TSV/CSV/TBX, found in every inflected form in both languages.

Modules: ``model`` (Term, Glossary, Hit, Problem), ``readers`` (load/write TSV, CSV, TBX),
``tokens`` (the shared tokenizer), ``inflection`` (Russian forms via pymorphy3 and foreign-name
rules), ``forms`` (per-language expansion and keys), ``match`` (the token trie), ``names``
(phonetic name keys beyond the glossary), ``check`` (content validation).

pymorphy3, PyStemmer, anyascii, rapidfuzz and defusedxml are imported only when first needed,
and so are this package's own modules (module ``__getattr__``): aligning without a glossary
needs only ``names``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aligner.glossary.check import check_glossary
    from aligner.glossary.match import FormSet, compile_matcher, expand_terms, match_terms
    from aligner.glossary.model import CATEGORIES, Category, Glossary, Hit, Problem, Status, Term
    from aligner.glossary.names import NAME_MATCH_THRESHOLD, NameKey, name_keys, names_match, phonetic_key
    from aligner.glossary.readers import FORMATS, glossary_format, load_glossary, write_glossary

_LAZY = {
    "check_glossary": "check",
    "FormSet": "match",
    "compile_matcher": "match",
    "expand_terms": "match",
    "match_terms": "match",
    "CATEGORIES": "model",
    "Category": "model",
    "Glossary": "model",
    "Hit": "model",
    "Problem": "model",
    "Status": "model",
    "Term": "model",
    "NAME_MATCH_THRESHOLD": "names",
    "NameKey": "names",
    "name_keys": "names",
    "names_match": "names",
    "phonetic_key": "names",
    "FORMATS": "readers",
    "glossary_format": "readers",
    "load_glossary": "readers",
    "write_glossary": "readers",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aligner.glossary' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"aligner.glossary.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
