"""Corpus query speed: literal, regex, lemma, term and SQL queries over seeded synthetic corpora.

Targets (issue #7) on a corpus of 1,000,000 segments: a literal query ≤ 1 s and a lemma query ≤
2 s, median. The corpora are written through the real store (``Corpus.write_documents``, a batch
of documents per commit, as ``align-batch`` writes them), so the files, row groups and
transaction log are the ones users get. Sizes grow tenfold (10,000 → 100,000 → 1,000,000
segments) so a query that is not linear in the corpus shows it.

Building the 1,000,000-segment corpus takes a few minutes, so it is built only when benchmarks
are enabled (``pytest tests/benchmarks --benchmark-enable --benchmark-only``); the normal test run
(benchmarks disabled) builds a 2,000-segment corpus and runs each query once, as a test.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from aligner.align.beads import Alignment, Bead
from aligner.align.document import AlignedDocument, DocumentMeta, Segment
from aligner.lang import get_language
from aligner.query.concordance import concordance
from aligner.query.sql import run_sql
from aligner.store.corpus import Corpus
from aligner.text.model import Sentence, Text

FULL_SIZES = (10_000, 100_000, 1_000_000)
SMOKE_SIZES = (2_000,)
#: Segments per synthetic document: about a long memorandum.
SEGMENTS_PER_DOC = 1_000
#: Documents per ``write_documents`` call (one commit per table), as a batch import would do.
DOCS_PER_BATCH = 50
WORDS_PER_SENTENCE = (6, 18)

RU_LEMMAS = (
    "пленум комитет решение съезд президиум секретарь товарищ вопрос партия доклад делегация "
    "правительство посол министр совещание заседание резолюция сообщение телеграмма беседа "
    "армия народ страна республика положение работа руководство критика ошибка группа"
).split()
RU_OTHER = (
    "обсуждать принимать заявить сообщить партийный центральный народный корейский советский "
    "китайский трудовой новый важный"
).split()
RU_FILLER = "и в на что с по к о не это был также который однако после перед тогда".split()
EN_WORDS = (
    "plenum committee decision congress presidium secretary comrade question party report "
    "delegation government ambassador minister meeting session resolution message telegram "
    "conversation army people country republic situation work leadership criticism mistake group "
    "discussed adopted stated reported central korean soviet chinese labour new important"
).split()
EN_FILLER = "and in on that with by to of not this was also which however after before then the a".split()

#: The rare words the benchmark queries look for (about 1 segment in 300).
RARE_RU = "пленум"
RARE_EN = "plenum"
RARE_SHARE = 1 / 300
#: Concordance lines a terminal page shows.
PAGE = 100


def _benchmarks_enabled(config) -> bool:
    return not (config.getoption("benchmark_disable") and not config.getoption("benchmark_enable"))


def _ru_vocabulary() -> tuple[list[str], dict[str, str], list[str]]:
    """Inflected forms of the Russian words, their stored lemmas, and the rare word's forms."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    forms: list[str] = []
    for word in RU_LEMMAS + RU_OTHER:
        if word == RARE_RU:
            continue
        forms.extend(dict.fromkeys(f.word for f in morph.parse(word)[0].lexeme))
    rare = list(dict.fromkeys(f.word for f in morph.parse(RARE_RU)[0].lexeme))
    ru = get_language("ru")
    lemmas = {w: ru.lemmatize(w) for w in [*forms, *rare, *RU_FILLER]}
    return forms, lemmas, rare


class SyntheticWriter:
    """Seeded documents of ``SEGMENTS_PER_DOC`` beads (mostly 1-1, some 2-1 and 1-0)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ru_forms, self.ru_lemma, self.ru_rare = _ru_vocabulary()
        en = get_language("en")
        self.en_words = [w for w in EN_WORDS if w != RARE_EN]
        self.en_stem = {w: en.lemmatize(w) for w in [*EN_WORDS, *EN_FILLER, "plenums"]}

    def _sentence(self, forms, filler, rare: list[str] | None) -> tuple[str, list[str]]:
        rng = self.rng
        n = rng.randint(*WORDS_PER_SENTENCE)
        words = [rng.choice(forms) if rng.random() < 0.5 else rng.choice(filler) for _ in range(n)]
        if rare is not None:
            words[rng.randrange(n)] = rng.choice(rare)
        return " ".join(words).capitalize() + ".", words

    def document(self, doc_id: str, n_segments: int) -> AlignedDocument:
        rng = self.rng
        src_sents: list[Sentence] = []
        tgt_sents: list[Sentence] = []
        src_parts: list[str] = []
        tgt_parts: list[str] = []
        beads: list[Bead] = []
        segments: list[Segment] = []
        src_pos = tgt_pos = 0
        for seg_no in range(n_segments):
            roll = rng.random()
            n_src, n_tgt = (2, 1) if roll < 0.08 else (1, 0) if roll < 0.1 else (1, 1)
            rare = rng.random() < RARE_SHARE
            s_ids, t_ids, s_texts, t_texts, s_lem, t_stem = [], [], [], [], [], []
            for k in range(n_src):
                text, words = self._sentence(self.ru_forms, RU_FILLER, self.ru_rare if rare and k == 0 else None)
                start = src_pos + (1 if src_parts else 0)
                src_sents.append(Sentence("ru", 0, len(src_sents), start, start + len(text), text))
                src_parts.append(text)
                src_pos = start + len(text)
                s_ids.append(len(src_sents) - 1)
                s_texts.append(text)
                s_lem.extend(self.ru_lemma[w.lower()] for w in words)
            for _ in range(n_tgt):
                text, words = self._sentence(self.en_words, EN_FILLER, ["plenum", "plenums"] if rare else None)
                start = tgt_pos + (1 if tgt_parts else 0)
                tgt_sents.append(Sentence("en", 0, len(tgt_sents), start, start + len(text), text))
                tgt_parts.append(text)
                tgt_pos = start + len(text)
                t_ids.append(len(tgt_sents) - 1)
                t_texts.append(text)
                t_stem.extend(self.en_stem[w.lower()] for w in words)
            confidence = 0.1 if not t_ids else round(rng.uniform(0.3, 1.0), 3)
            bead = Bead(tuple(s_ids), tuple(t_ids), cost=1.0, score=confidence, confidence=confidence)
            beads.append(bead)
            flags = ("omission",) if not t_ids else ("low_confidence",) if confidence < 0.5 else ()
            segments.append(
                Segment(
                    seg_no=seg_no,
                    src_sent_ids=bead.src,
                    tgt_sent_ids=bead.tgt,
                    src_text=" ".join(s_texts),
                    tgt_text=" ".join(t_texts),
                    bead=bead.kind,
                    score=confidence,
                    confidence=confidence,
                    src_terms=("plenum",) if rare else (),
                    tgt_terms=("plenum",) if rare and t_ids else (),
                    src_lemmas=tuple(dict.fromkeys(s_lem)),
                    tgt_stems=tuple(dict.fromkeys(t_stem)),
                    flags=flags,
                )
            )
        src = _text(" ".join(src_parts), "ru")
        tgt = _text(" ".join(tgt_parts), "en")
        return AlignedDocument(
            meta=DocumentMeta(doc_id, "en"),
            src=src,
            tgt=tgt,
            src_sents=tuple(src_sents),
            tgt_sents=tuple(tgt_sents),
            alignment=Alignment(tuple(beads), len(src_sents), len(tgt_sents)),
            segments=tuple(segments),
            glossary_sha256=None,
            settings={"synthetic": True},
            signature="synthetic",
        )


def _text(normalized: str, lang: str) -> Text:
    return Text(None, lang, "utf-8", hashlib.sha256(normalized.encode()).hexdigest(), normalized)


def build_corpus(path: Path, n_segments: int, seed: int = 7) -> Corpus:
    """A corpus of ``n_segments`` segments in documents of ``SEGMENTS_PER_DOC``, written in batches."""
    corpus = Corpus.open(path, create=True)
    writer = SyntheticWriter(seed)
    per_doc = min(SEGMENTS_PER_DOC, n_segments)
    n_docs = n_segments // per_doc
    for first in range(0, n_docs, DOCS_PER_BATCH):
        batch = [writer.document(f"doc-{k:05d}", per_doc) for k in range(first, min(first + DOCS_PER_BATCH, n_docs))]
        corpus.write_documents(batch)
    return corpus


def _sizes(config) -> tuple[int, ...]:
    return FULL_SIZES if _benchmarks_enabled(config) else SMOKE_SIZES


def pytest_generate_tests(metafunc):
    if "corpus_size" in metafunc.fixturenames:
        metafunc.parametrize("corpus_size", _sizes(metafunc.config), scope="module")


@pytest.fixture(scope="module")
def bench_corpus(tmp_path_factory, corpus_size) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp(f"query-{corpus_size}") / "corpus", corpus_size)


def _record(benchmark, corpus_size: int, found) -> None:
    if benchmark.stats is not None:
        benchmark.extra_info["segments"] = corpus_size
        benchmark.extra_info["found"] = found.height


def test_bench_literal(benchmark, bench_corpus, corpus_size):
    found = benchmark(concordance, bench_corpus, src=RARE_RU)
    # Literal "пленум" is also the prefix of every inflected form of it.
    assert found.height > corpus_size * RARE_SHARE / 3
    assert all(RARE_RU in text.lower() for text in found["src_text"])
    _record(benchmark, corpus_size, found)


def test_bench_literal_first_page(benchmark, bench_corpus, corpus_size):
    """What a terminal shows: the first ``PAGE`` concordance lines (two passes, see ``_first_rows``)."""
    found = benchmark(concordance, bench_corpus, src=RARE_RU, limit=PAGE)
    assert found.equals(concordance(bench_corpus, src=RARE_RU).head(PAGE))
    _record(benchmark, corpus_size, found)


def test_bench_lemma_first_page(benchmark, bench_corpus, corpus_size):
    found = benchmark(concordance, bench_corpus, src="пленумами", lemma=True, limit=PAGE)
    assert found.equals(concordance(bench_corpus, src="пленумами", lemma=True).head(PAGE))
    _record(benchmark, corpus_size, found)


def test_bench_literal_target(benchmark, bench_corpus, corpus_size):
    found = benchmark(concordance, bench_corpus, tgt=RARE_EN)
    assert found.height > corpus_size * RARE_SHARE / 3
    _record(benchmark, corpus_size, found)


def test_bench_regex(benchmark, bench_corpus, corpus_size):
    found = benchmark(concordance, bench_corpus, src=r"\bпленум(а|е|ов)\b", regex=True)
    assert found.height > 0
    _record(benchmark, corpus_size, found)


def test_bench_lemma(benchmark, bench_corpus, corpus_size):
    found = benchmark(concordance, bench_corpus, src="пленумами", lemma=True)
    assert found.height > corpus_size * RARE_SHARE / 3
    _record(benchmark, corpus_size, found)


def test_bench_lemma_target(benchmark, bench_corpus, corpus_size):
    found = benchmark(concordance, bench_corpus, tgt="plenums", lemma=True)
    assert found.height > corpus_size * RARE_SHARE / 3
    _record(benchmark, corpus_size, found)


def test_bench_term_and_flag(benchmark, bench_corpus, corpus_size):
    found = benchmark(concordance, bench_corpus, term="plenum", flag="omission")
    assert all("omission" in flags for flags in found["flags"])
    _record(benchmark, corpus_size, found)


def test_bench_sql_group_by(benchmark, bench_corpus, corpus_size):
    frame = benchmark(run_sql, bench_corpus, "SELECT bead, COUNT(*) AS n FROM segments GROUP BY bead ORDER BY n DESC")
    assert frame["n"].sum() == corpus_size
    _record(benchmark, corpus_size, frame)
