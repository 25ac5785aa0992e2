"""English: sentencex sentences, Snowball (Porter 2) stems, and archival abbreviations.

Abbreviations come from translations of Soviet-era documents (``Cde.``/``Cdes.`` for
товарищ/товарищи, ``No.`` for №, ``hrs.`` for час.) and from ordinary English prose
(``Mr.``, ``p.``/``pp.``, ``cf.``, ``i.e.``, ``e.g.``). ``May`` and ``March`` are months only
when capitalized (``aligner.text.numbers`` reads month names case-sensitively for English).
"""

from __future__ import annotations

from aligner.lang.language import Language
from aligner.lang.lemmatizers import SnowballStemmer
from aligner.lang.splitters import SentencexSplitter
from aligner.lang.tokenizers import WordTokenizer

ABBREVIATIONS = frozenset(
    {
        # people and titles
        "cde", "cdes", "comr", "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "col", "lt",
        "capt", "maj", "sgt", "adm", "gov", "sen", "rep", "amb", "hon", "rev", "st", "mt",
        # references
        "cf", "i.e", "e.g", "viz", "approx", "ca", "vs", "encl", "ref", "dept", "attn",
    }
)

FINAL_ABBREVIATIONS = frozenset(
    {
        "hrs", "hr", "h", "etc", "a.m", "p.m", "inc", "ltd", "co", "corp", "jr", "sr", "ibid",
        "ff", "min", "al",
        # before a number ("he said no." ends a sentence; "No. 604" does not)
        "no", "nos", "nr", "p", "pp", "vol", "vols", "art", "arts", "ch", "chap", "fig", "sec",
        "para", "op", "tel",
    }
)

STOPWORDS = frozenset(
    """
    the of and to a in that is was he for it with as his on be at by i this had not are but
    from or have an they which one you were her all she there would their we him been has when
    who will more no if out so said what up its about into than them can only other new some
    could time these two may then do first any my now such like our over man me even most made
    after also did many before must through back years where much your way well down should
    because each just those people how too little state good very make world still own see men
    work long get here between both life being under never day same another know while last
    might us great old year off come since against go came right used take three
    """.split()
)

_MONTHS = (
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11),
    ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
)

LANGUAGE = Language(
    code="en",
    name="English",
    script="Latn",
    splitter=SentencexSplitter(),
    tokenizer=WordTokenizer(),
    lemmatizer=SnowballStemmer("english"),
    abbreviations=ABBREVIATIONS,
    final_abbreviations=FINAL_ABBREVIATIONS,
    stopwords=STOPWORDS,
    months=_MONTHS,
    roman_context=("congress", "plenum", "session", "conference", "century", "convocation",
                   "volume", "vol", "chapter", "part", "article", "section", "class",
                   "five-year", "quarter"),
    time_words=frozenset({"hrs", "hours", "hour", "hr", "h", "o'clock"}),
    ordinal_suffixes=("st", "nd", "rd", "th", "d"),
    decimal_comma=False,
)
