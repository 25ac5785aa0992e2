"""Concordance search over the live ``segments`` rows: word, lemma, term, flag and bead filters.

``concordance`` builds one lazy polars query over ``Corpus.scan_segments()``: every condition is
a filter the Parquet reader can push down, so a query reads only the columns it tests (and the
other columns of the rows that match), never the whole corpus, and never re-lemmatises it:
``--lemma`` compares the lemmas of the *pattern* (lemmatised here with the same
``aligner.lang`` lemmatizer/stemmer the aligner used) with the ``src_lemmas``/``tgt_stems``
lists stored at alignment time.

Conventions:

- A pattern is literal unless ``regex`` is set (then it is a Rust-``regex`` expression, the
  dialect polars runs). Matching ignores case unless ``case_sensitive`` is set.
- A lemma pattern of several words matches a segment whose lemma list holds every one of the
  pattern's lemmas (the list is a set per bead, so word order and adjacency are not checked).
- All conditions must hold (AND). Results are sorted by ``doc_id``, ``translation_id``,
  ``seg_no``; ``limit`` keeps the first rows in that order.
- ``match_side``/``match_start``/``match_end`` give the first match in each result row (half-
  open character offsets into that side's text; null where the query had no text pattern, or a
  lemma pattern whose words the text no longer shows).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import polars as pl

from aligner.errors import InputError
from aligner.query.selection import key_filter, select_documents
from aligner.store.corpus import Corpus
from aligner.store.schema import KEY, ROW_KEY, SEGMENTS_SCHEMA

Side = Literal["src", "tgt"]

#: The list column that holds each side's lemmas (source) or stems (target).
LEMMA_COLUMNS: dict[str, str] = {"src": "src_lemmas", "tgt": "tgt_stems"}
#: The documents column naming each side's language.
LANG_COLUMNS: dict[str, str] = {"src": "src_lang", "tgt": "tgt_lang"}
#: Columns added to the ``segments`` columns in a concordance result.
MATCH_COLUMNS = ("match_side", "match_start", "match_end")


@dataclass(frozen=True, slots=True)
class TextPattern:
    """One side's search pattern, as the user typed it."""

    side: Side
    text: str
    lemma: bool = False
    regex: bool = False
    case_sensitive: bool = False

    def regex_source(self) -> str:
        """The pattern as a Rust-regex expression (literal text escaped, ``(?i)`` for any case)."""
        body = self.text if self.regex else pl.escape_regex(self.text)
        return body if self.case_sensitive else f"(?i){body}"


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One concordance line: the match centred in its context, the aligned text beside it.

    ``side`` is the searched side (``"src"`` when the query had no text pattern); ``left`` and
    ``right`` are cut to the requested width (an ellipsis marks a cut); ``aligned`` is the other
    side's whole text.
    """

    doc_id: str
    translation_id: str
    seg_no: int
    bead: str
    side: Side
    left: str
    match: str
    right: str
    aligned: str


def concordance(
    corpus: Corpus,
    *,
    src: str | None = None,
    tgt: str | None = None,
    lemma: bool = False,
    regex: bool = False,
    case_sensitive: bool = False,
    term: str | None = None,
    flag: str | None = None,
    bead: str | None = None,
    doc_id: str | None = None,
    translation_id: str | None = None,
    limit: int | None = None,
) -> pl.DataFrame:
    """Live segments matching every given condition, with the first match's span.

    :param src: pattern searched in ``src_text`` (``--ru`` on a Russian-English corpus).
    :param tgt: pattern searched in ``tgt_text``.
    :param lemma: match the patterns' lemmas (source) or stems (target) against the stored lists.
    :param term: a glossary term id found on either side (``src_terms``/``tgt_terms``).
    :param flag: a flag from ``aligner.align.flags.FLAGS``.
    :param bead: a bead kind such as ``"2-1"``.
    :raises InputError: invalid regular expression, unknown flag or bead kind, a lemma pattern
        without words.
    :raises CorpusError: ``doc_id``/``translation_id`` name nothing stored.
    :raises ValueError: ``lemma`` with ``regex``, or a negative ``limit``.
    """
    if lemma and regex:
        raise ValueError("a lemma query cannot be a regular expression")
    if limit is not None and limit < 0:
        raise ValueError("limit must be zero or more")
    patterns = [
        TextPattern(side, text, lemma, regex, case_sensitive)
        for side, text in (("src", src), ("tgt", tgt))
        if text is not None
    ]
    documents = select_documents(corpus, doc_id, translation_id)
    frame = corpus.scan_segments()
    selected = key_filter(doc_id, translation_id)
    if selected is not None:
        frame = frame.filter(selected)
    lemma_sets: dict[Side, dict[str, tuple[str, ...]]] = {}
    for pattern in patterns:
        if pattern.lemma:
            lemma_sets[pattern.side] = _pattern_lemmas(pattern, _languages(documents, pattern.side))
            frame = _filter_lemmas(frame, documents, pattern.side, lemma_sets[pattern.side])
        else:
            frame = frame.filter(pl.col(f"{pattern.side}_text").str.contains(_checked_regex(pattern)))
    if term is not None:
        frame = frame.filter(pl.col("src_terms").list.contains(term) | pl.col("tgt_terms").list.contains(term))
    if flag is not None:
        frame = frame.filter(pl.col("flags").list.contains(_checked_flag(flag)))
    if bead is not None:
        frame = frame.filter(pl.col("bead") == _checked_bead(bead))
    order = [*KEY, "seg_no"]
    if limit is None:
        found = frame.sort(order).select(list(SEGMENTS_SCHEMA)).collect()
    else:
        found = _first_rows(corpus, frame, limit)
    return _with_match_spans(found, patterns, documents, lemma_sets)


def _first_rows(corpus: Corpus, frame: pl.LazyFrame, limit: int) -> pl.DataFrame:
    """The first ``limit`` matches, read in two passes.

    Decoding every column of every row group is most of a query's time, and matches are spread
    over all of them; so the first pass reads only the key columns (and those the conditions
    test), the second reads whole rows of the chosen keys, from the files whose ``doc_id``
    statistics can hold them. A page of results costs a fraction of the full result.
    """
    order = [*KEY, "seg_no"]
    keys = frame.select(*ROW_KEY, "seg_no").sort(order).head(limit).collect()
    if keys.height == 0:
        return pl.DataFrame(schema=SEGMENTS_SCHEMA)
    rows = corpus.scan_segments().filter(pl.col("doc_id").is_in(keys["doc_id"].unique().implode()))
    rows = rows.join(keys.lazy(), on=[*ROW_KEY, "seg_no"], how="semi")
    return rows.sort(order).select(list(SEGMENTS_SCHEMA)).collect()


def kwic_lines(
    frame: pl.DataFrame, width: int = 40
) -> list[KwicLine]:
    """Concordance lines for a ``concordance`` result: ``width`` characters of context a side."""
    if width < 1:
        raise ValueError("width must be positive")
    lines = []
    for row in frame.iter_rows(named=True):
        side: Side = row["match_side"] or "src"
        other = "tgt" if side == "src" else "src"
        text = row[f"{side}_text"]
        start, end = row["match_start"], row["match_end"]
        if start is None:
            start = end = 0
        left, match, right = text[:start], text[start:end], text[end:]
        lines.append(
            KwicLine(
                doc_id=row["doc_id"],
                translation_id=row["translation_id"],
                seg_no=row["seg_no"],
                bead=row["bead"],
                side=side,
                left=_cut_left(" ".join(left.split()) + (" " if left[-1:].isspace() else ""), width),
                match=match,
                right=_cut_right((" " if right[:1].isspace() else "") + " ".join(right.split()), width),
                aligned=row[f"{other}_text"],
            )
        )
    return lines


# -- conditions ----------------------------------------------------------------------------


def _checked_regex(pattern: TextPattern) -> str:
    """The pattern's regex, compiled once on an empty series so a bad one fails before any scan."""
    source = pattern.regex_source()
    try:
        pl.Series([""], dtype=pl.String).str.contains(source)
    except pl.exceptions.PolarsError as error:
        # polars' message: "regex parse error: <pattern> <caret> error: <reason> ... expression".
        reasons = [line.strip()[len("error:") :].strip() for line in str(error).splitlines() if line.strip().startswith("error:")]
        detail = reasons[0] if reasons else type(error).__name__
        raise InputError(f"invalid regular expression {pattern.text!r}: {detail}") from error
    return source


def _checked_flag(flag: str) -> str:
    from aligner.align.flags import FLAGS

    if flag not in FLAGS:
        raise InputError(f"unknown flag {flag!r}; flags are: {', '.join(FLAGS)}")
    return flag


def _checked_bead(bead: str) -> str:
    from aligner.align.beads import parse_bead_type

    try:
        n_src, n_tgt = parse_bead_type(bead)
    except ValueError as error:
        raise InputError(f"{error}") from error
    return f"{n_src}-{n_tgt}"


def _languages(documents: pl.DataFrame, side: Side) -> list[str]:
    return sorted(set(documents[LANG_COLUMNS[side]].to_list()))


def _pattern_lemmas(pattern: TextPattern, languages: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Language code -> the pattern's lemmas (stems) in that language, in pattern order.

    :raises InputError: the pattern holds no word.
    """
    from aligner.lang import get_language

    out: dict[str, tuple[str, ...]] = {}
    for code in languages:
        language = get_language(code)
        words = [token for _, _, token in language.tokenize(pattern.text)]
        if not words:
            raise InputError(f"the lemma pattern {pattern.text!r} holds no word")
        out[code] = tuple(dict.fromkeys(language.lemmatize(w) for w in words))
    return out


def _filter_lemmas(
    frame: pl.LazyFrame, documents: pl.DataFrame, side: Side, lemmas: dict[str, tuple[str, ...]]
) -> pl.LazyFrame:
    """Keep rows whose lemma list holds every pattern lemma of their document's language."""
    column = pl.col(LEMMA_COLUMNS[side])

    def holds_all(items: tuple[str, ...]) -> pl.Expr:
        return pl.all_horizontal([column.list.contains(item) for item in items])

    if len(lemmas) <= 1:
        # The usual case (one language on this side): no join, a plain pushed-down filter.
        items = next(iter(lemmas.values()), ())
        return frame.filter(holds_all(items)) if items else frame.filter(pl.lit(False))
    lang = LANG_COLUMNS[side]
    languages = documents.lazy().select(*KEY, pl.col(lang).alias("_lang"))
    condition = pl.any_horizontal([(pl.col("_lang") == code) & holds_all(items) for code, items in lemmas.items()])
    return frame.join(languages, on=list(KEY), how="left").filter(condition).drop("_lang")


# -- match spans ---------------------------------------------------------------------------


def _with_match_spans(
    found: pl.DataFrame,
    patterns: list[TextPattern],
    documents: pl.DataFrame,
    lemma_sets: dict[Side, dict[str, tuple[str, ...]]],
) -> pl.DataFrame:
    """Add the first match's side and span (computed in Python on the found rows only)."""
    if not patterns:
        return found.with_columns(
            pl.lit(None, pl.String).alias("match_side"),
            pl.lit(None, pl.Int64).alias("match_start"),
            pl.lit(None, pl.Int64).alias("match_end"),
        )
    pattern = patterns[0]
    texts = found[f"{pattern.side}_text"].to_list()
    if pattern.lemma:
        langs = dict(
            zip(
                zip(documents["doc_id"], documents["translation_id"]),
                documents[LANG_COLUMNS[pattern.side]],
            )
        )
        keys = zip(found["doc_id"], found["translation_id"])
        spans = [
            _lemma_span(text, langs[key], lemma_sets[pattern.side][langs[key]])
            for text, key in zip(texts, keys)
        ]
    else:
        compiled = _python_regex(pattern)
        spans = [_regex_span(text, compiled) for text in texts]
    return found.with_columns(
        pl.lit(pattern.side, pl.String).alias("match_side"),
        pl.Series("match_start", [s[0] if s else None for s in spans], dtype=pl.Int64),
        pl.Series("match_end", [s[1] if s else None for s in spans], dtype=pl.Int64),
    )


def _python_regex(pattern: TextPattern):
    """Python's ``re`` for locating matches; None where Python cannot read a Rust regex."""
    import re

    flags = 0 if pattern.case_sensitive else re.IGNORECASE
    try:
        return re.compile(pattern.text if pattern.regex else re.escape(pattern.text), flags)
    except re.error:
        return None


def _regex_span(text: str, compiled) -> tuple[int, int] | None:
    if compiled is None:
        return None
    match = compiled.search(text)
    return None if match is None else (match.start(), match.end())


def _lemma_span(text: str, lang: str, lemmas: tuple[str, ...]) -> tuple[int, int] | None:
    """The first token of ``text`` whose lemma is one of ``lemmas``."""
    from aligner.lang import get_language

    language = get_language(lang)
    wanted = set(lemmas)
    for start, end, token in language.tokenize(text):
        if language.lemmatize(token) in wanted:
            return start, end
    return None


def _cut_left(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]


def _cut_right(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
