"""German: sentencex sentences, Snowball stems, common abbreviations and month names."""

from __future__ import annotations

from aligner.lang.language import Language
from aligner.lang.lemmatizers import SnowballStemmer
from aligner.lang.splitters import SentencexSplitter
from aligner.lang.tokenizers import WordTokenizer

ABBREVIATIONS = frozenset(
    {
        "vgl", "z.b", "d.h", "bzw", "ca", "dr", "prof", "hr", "hrn", "fr", "gen", "genn", "str",
        "z.t", "i.a", "o.g", "sog", "ggf", "evtl", "u.u", "dgl", "st", "anm",
    }
)

FINAL_ABBREVIATIONS = frozenset(
    {"usw", "etc", "u.a", "u.ä", "jh", "std", "min", "mio", "mrd", "ff", "v.chr", "n.chr",
     # before a number
     "nr", "s", "bd", "abs", "art", "kap"}
)

STOPWORDS = frozenset(
    """
    der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an
    werden aus er hat dass daß sie nach wird bei einer um am sind noch wie einem über einen so
    zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei ihr wir ich ihm ihn
    ihre uns unser unsere diese dieser dieses dies kann können schon wenn doch da hier denn
    """.split()
)

_MONTHS = (
    ("januar", 1), ("jänner", 1), ("februar", 2), ("märz", 3), ("april", 4), ("mai", 5),
    ("juni", 6), ("juli", 7), ("august", 8), ("september", 9), ("oktober", 10),
    ("november", 11), ("dezember", 12),
    ("jan", 1), ("feb", 2), ("febr", 2), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("sept", 9), ("okt", 10), ("nov", 11), ("dez", 12),
)

LANGUAGE = Language(
    code="de",
    name="German",
    script="Latn",
    splitter=SentencexSplitter(),
    tokenizer=WordTokenizer(),
    lemmatizer=SnowballStemmer("german"),
    abbreviations=ABBREVIATIONS,
    final_abbreviations=FINAL_ABBREVIATIONS,
    stopwords=STOPWORDS,
    months=_MONTHS,
    roman_context=("parteitag", "kongress", "plenum", "tagung", "sitzung", "konferenz",
                   "jahrhundert", "band", "kapitel", "teil", "artikel", "abschnitt"),
    time_words=frozenset({"uhr", "std", "h"}),
    ordinal_suffixes=(),
    decimal_comma=True,
)
