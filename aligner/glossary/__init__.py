"""Glossary engine: terms in TSV/CSV/TBX, found in every inflected form in both languages.

Modules: ``model`` (Term, Glossary, Hit, Problem), ``readers`` (load/write TSV, CSV, TBX),
``tokens`` (the shared tokenizer), ``inflection`` (Russian forms via pymorphy3 and foreign-name
rules), ``forms`` (per-language expansion and keys), ``match`` (the token trie), ``names``
(phonetic name keys beyond the glossary), ``check`` (content validation).

pymorphy3, PyStemmer, anyascii, rapidfuzz and defusedxml are imported only when first needed.
"""

from aligner.glossary.check import check_glossary
from aligner.glossary.match import FormSet, compile_matcher, expand_terms, match_terms
from aligner.glossary.model import CATEGORIES, Category, Glossary, Hit, Problem, Status, Term
from aligner.glossary.names import NAME_MATCH_THRESHOLD, NameKey, name_keys, names_match, phonetic_key
from aligner.glossary.readers import FORMATS, glossary_format, load_glossary, write_glossary

__all__ = [
    "CATEGORIES",
    "FORMATS",
    "NAME_MATCH_THRESHOLD",
    "Category",
    "FormSet",
    "Glossary",
    "Hit",
    "NameKey",
    "Problem",
    "Status",
    "Term",
    "check_glossary",
    "compile_matcher",
    "expand_terms",
    "glossary_format",
    "load_glossary",
    "match_terms",
    "name_keys",
    "names_match",
    "phonetic_key",
    "write_glossary",
]
