"""A language added in one entry: a Dutch ``Language`` registered for the test and removed after.

Dutch has no module in ``aligner/lang/``; without this entry it gets the generic one (sentencex,
Snowball, no abbreviations, no month names, no stopwords). ``kam.`` (kameraad, "comrade") is the
archival abbreviation the generic splitter breaks a sentence at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aligner.lang import Language, get_language, register_language, unregister_language
from aligner.lang.lemmatizers import SnowballStemmer
from aligner.lang.splitters import SentencexSplitter
from aligner.lang.tokenizers import WordTokenizer

PAIRS = Path(__file__).resolve().parent.parent / "data" / "pairs"

_MONTHS = tuple(
    (name, number)
    for number, name in enumerate(
        ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
         "september", "oktober", "november", "december"),
        start=1,
    )
)

DUTCH = Language(
    code="nl",
    name="Dutch",
    script="Latn",
    splitter=SentencexSplitter(),
    tokenizer=WordTokenizer(),
    lemmatizer=SnowballStemmer("dutch"),
    abbreviations=frozenset({"kam", "dhr", "mevr", "o.a"}),
    final_abbreviations=frozenset({"nr", "blz", "enz"}),
    stopwords=frozenset(
        """de het een en van in is dat op te zijn met voor niet aan er die door als ook bij
        werd worden wordt naar uit over om tot maar nog dan zich hij zij ze wij ik was waren
        heeft hebben had deze dit na""".split()
    ),
    months=_MONTHS,
    roman_context=("congres", "plenum", "eeuw", "hoofdstuk", "deel"),
    time_words=frozenset({"uur", "u"}),
    decimal_comma=True,
)


@pytest.fixture
def dutch() -> Iterator[Language]:
    """Dutch registered for one test: the one entry a new language needs."""
    register_language(DUTCH)
    try:
        yield get_language("nl")
    finally:
        unregister_language("nl")
