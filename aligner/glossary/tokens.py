"""The glossary's own word tokenizer and case shapes, shared by glossary forms and texts.

Glossary forms and texts go through the same tokenizer, so both sides agree on what a token is:

- a token is a run of letters and digits; hyphens, spaces and punctuation separate tokens, so
  ``Kim Il-sung`` and ``Kim Il Sung`` give the same three tokens;
- letters joined by dots with no spaces (``т.т.``, ``C.C.``, ``U.S.S.R.``) are one token whose
  key drops the dots (``т.т.`` ≡ ``тт.``, ``C.C.`` ≡ ``CC``);
- an English possessive ``'s``/``’s`` is not a token (``Sung's`` → ``Sung``);
- the number sign ``№`` is a token of its own (``№ 604`` → ``№``, ``604``), so a glossary can
  list it; other symbols and punctuation are never tokens (``glossary check`` reports a form
  with no token at all, since it can never match).

Spans are half-open ``[start, end)`` character offsets. This module is deliberately small and
knows nothing of languages; the language registry (``aligner.lang``) has fuller tokenizers, but
the matcher needs exactly this one on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Dotted abbreviations first, then plain words (a word that is just "s" right after an
# apostrophe is an English possessive and is skipped), then the number sign, which Unicode
# counts as a symbol (So), not a letter.
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|(?!(?<=['’])[sS]\b)[^\W_]+|№")


def iter_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, token)`` for each token of ``text``, in order."""
    for match in TOKEN_RE.finditer(text):
        yield match.start(), match.end(), match.group()


def split_tokens(text: str) -> list[str]:
    """The tokens of ``text`` as strings (no spans)."""
    return TOKEN_RE.findall(text)


def fold_token(token: str) -> str:
    """Case-fold a token for matching: lower case, ``ё`` → ``е``, abbreviation dots removed."""
    folded = token.lower().replace("ё", "е")
    return folded.replace(".", "") if "." in folded else folded


def case_shape(token: str) -> str:
    """How a token is capitalised: ``upper`` (``ЦК``, ``C.C.``), ``title`` (``Сен``, ``А``),
    ``lower``, ``mixed`` (``McCarthy``) or ``none`` (digits only)."""
    if token.islower():
        return "lower"
    if token.isupper():
        letters = sum(ch.isalpha() for ch in token)
        return "upper" if letters > 1 else "title"
    if token.istitle():
        return "title"
    return "mixed" if any(ch.isalpha() for ch in token) else "none"


def is_abbreviation(token: str) -> bool:
    """True for a token written in capitals (``ЦК``, ``КПСС``, ``CC``, an initial ``И``).

    Such tokens are matched only with the same capitalisation, whatever the term says: ``CC`` is
    the Central Committee, ``cc`` a carbon copy.
    """
    return token.isupper()
