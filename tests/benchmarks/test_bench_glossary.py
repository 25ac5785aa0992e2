"""Glossary matching speed: a 500-term glossary over seeded synthetic texts of growing size.

The target (issue #3) is at least 200,000 words/s on one core; ``extra_info["words_per_s"]``
records the figure for each size. Time per word must stay flat as the text grows (the matcher
is one trie walk per token, independent of the number of terms). Compiling the glossary (the
Russian inflection) is measured apart, once per glossary.
"""

from __future__ import annotations

import random

import pytest

from aligner.glossary import Glossary, Term, compile_matcher, expand_terms, match_terms

ADJECTIVES = (
    "центральный народный партийный советский государственный политический трудовой "
    "демократический главный новый старый первый второй внутренний внешний военный "
    "корейский китайский рабочий верховный временный особый общий местный районный"
).split()
NOUNS = (
    "комитет совет пленум президиум съезд отдел доклад проект вопрос план секретарь "
    "министр посол кабинет фронт союз народ орган суд штаб"
).split()
EN_ADJECTIVES = (
    "central people's party soviet state political labour democratic main new old first second "
    "internal external military korean chinese workers' supreme provisional special general local district"
).split()
EN_NOUNS = (
    "committee council plenum presidium congress department report draft question plan secretary "
    "minister ambassador cabinet front union people organ court staff"
).split()
FILLER_RU = (
    "и в на что с по к о не это был была было были он она они мы также который однако "
    "решение вопросу после перед тогда сказал заявил товарищи работа работы время году"
).split()
FILLER_EN = (
    "and in on that with by to of not this was were he she they we also which however "
    "decision question after before then said stated comrades work time year the a"
).split()
SIZES = (10_000, 40_000, 160_000)
TERM_SHARE = 0.08  # share of text positions that hold a glossary form, like our cables


def _glossary() -> Glossary:
    terms = []
    for i, (adjective, noun) in enumerate((a, n) for a in range(len(ADJECTIVES)) for n in range(len(NOUNS))):
        terms.append(
            Term(
                term_id=f"t{i:03d}",
                category="organisation",
                src_forms=(f"{ADJECTIVES[adjective]} {NOUNS[noun]}",),
                tgt_preferred=(f"{EN_ADJECTIVES[adjective]} {EN_NOUNS[noun]}",),
            )
        )
    return Glossary.from_terms(terms)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    g = _glossary()
    assert len(g.terms) == 500
    return g


def _text(glossary: Glossary, lang: str, words: int, seed: int) -> str:
    rng = random.Random(seed)
    filler = FILLER_RU if lang == "ru" else FILLER_EN
    forms = [form for s in expand_terms(glossary) if s.lang == lang for form in s.forms]
    out: list[str] = []
    count = 0
    while count < words:
        if rng.random() < TERM_SHARE:
            piece = rng.choice(forms)
        else:
            piece = rng.choice(filler)
        out.append(piece)
        count += piece.count(" ") + 1
    sentences = [" ".join(out[i : i + 20]).capitalize() + "." for i in range(0, len(out), 20)]
    return " ".join(sentences)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_bench_compile(benchmark, lang):
    matcher = benchmark.pedantic(lambda: compile_matcher(_glossary(), lang), rounds=1, iterations=1)
    assert matcher.size >= 500


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("words", SIZES)
def test_bench_match(benchmark, glossary, lang, words):
    compile_matcher(glossary, lang)  # built once, outside the timing
    text = _text(glossary, lang, words, seed=words)
    hits = benchmark(match_terms, glossary, text, lang)
    # The synthetic text holds glossary forms at about TERM_SHARE of positions.
    assert len(hits) > words * TERM_SHARE / 4
    if benchmark.stats is not None:
        benchmark.extra_info["words"] = words
        benchmark.extra_info["words_per_s"] = round(words / benchmark.stats.stats.mean)
