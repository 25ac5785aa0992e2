"""French: sentencex sentences, Snowball stems, common abbreviations and month names."""

from __future__ import annotations

from aligner.lang.language import Language
from aligner.lang.lemmatizers import SnowballStemmer
from aligner.lang.splitters import SentencexSplitter
from aligner.lang.tokenizers import WordTokenizer

ABBREVIATIONS = frozenset(
    {
        "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "cf", "c.-à-d", "c.-a-d", "cam",
        "gén", "col", "ex", "env", "réf", "ste", "st",
    }
)

FINAL_ABBREVIATIONS = frozenset(
    {"etc", "h", "min", "av. j.-c", "apr. j.-c", "ss", "sq",
     # before a number
     "n", "no", "p", "pp", "art", "chap", "vol"}
)

STOPWORDS = frozenset(
    """
    de la le et les des en un une du est que à qui dans pour par sur au il ne pas plus ce se
    qu sont avec elle ou son sa ses mais nous vous ils elles leur leurs été être a aux cette ces
    comme tout fait y on dont même aussi bien sans peut entre deux très après avant je tu lui
    """.split()
)

_MONTHS = (
    ("janvier", 1), ("février", 2), ("fevrier", 2), ("mars", 3), ("avril", 4), ("mai", 5),
    ("juin", 6), ("juillet", 7), ("août", 8), ("aout", 8), ("septembre", 9), ("octobre", 10),
    ("novembre", 11), ("décembre", 12), ("decembre", 12),
    ("janv", 1), ("févr", 2), ("fév", 2), ("avr", 4), ("juil", 7), ("sept", 9), ("oct", 10),
    ("nov", 11), ("déc", 12),
)

LANGUAGE = Language(
    code="fr",
    name="French",
    script="Latn",
    splitter=SentencexSplitter(),
    tokenizer=WordTokenizer(),
    lemmatizer=SnowballStemmer("french"),
    abbreviations=ABBREVIATIONS,
    final_abbreviations=FINAL_ABBREVIATIONS,
    stopwords=STOPWORDS,
    months=_MONTHS,
    roman_context=("congrès", "plénum", "plenum", "session", "conférence", "siècle", "tome",
                   "chapitre", "partie", "article", "section"),
    time_words=frozenset({"h", "heures", "heure"}),
    ordinal_suffixes=("er", "re", "e", "ème", "eme", "nd", "nde"),
    decimal_comma=True,
)
