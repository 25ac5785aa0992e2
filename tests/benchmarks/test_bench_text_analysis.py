"""Speed of everything in `aligner align` around the bead search (issue #5), on the large dev pair.

The whole-process target (``test_bench_align.py``: <= 1.5 s median for the large dev pair,
5,295 x 5,305 sentences) leaves little for reading and text analysis, so each stage is timed
apart: reading and normalizing a side, name keys over a whole side, number tokens per sentence,
the per-side analysis (``SideAnalysis``: names, numbers, words) with its features, and the
segment rows (``build_segments``) of the gold alignment — independent of the search, so the
figures do not move when the aligner's scoring does.

Reference figures on the two-core development machine (one side, Russian): read 0.02-0.05 s,
name keys ~0.05 s (warm caches) to 0.1 s, ``SideAnalysis`` 0.15-0.2 s, ``build_segments``
0.15-0.2 s; before issue #5 they were 0.1 s, 1 s, 1.5 s and 1.1 s.

With benchmarks disabled (the normal run) each function runs once, as a test.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from aligner.align.beads import Alignment, Bead
from aligner.align.pipeline import SideAnalysis, build_segments
from aligner.align.settings import AlignSettings
from aligner.glossary import name_keys
from aligner.text.numbers import extract_numbers
from aligner.text.read import read_text
from aligner.text.segment import sentences_from_lines
from tests.conftest import DEV, needs_dev

LARGE = DEV / "bible-NT-large-perturbed+omission"
SIDES = (("ru.sents", "ru"), ("en.sents", "en"))


@lru_cache(maxsize=None)
def side(name: str, lang: str):
    text = read_text(LARGE / name, lang)
    return text, sentences_from_lines(text)


@needs_dev
@pytest.mark.parametrize(("name", "lang"), SIDES, ids=["ru", "en"])
def test_read_side(benchmark, name, lang):
    text = benchmark(read_text, LARGE / name, lang)
    assert text.normalized == side(name, lang)[0].normalized


@needs_dev
@pytest.mark.parametrize(("name", "lang"), SIDES, ids=["ru", "en"])
def test_name_keys_side(benchmark, name, lang):
    text, _ = side(name, lang)
    keys = benchmark(name_keys, text.normalized, lang)
    assert len(keys) > 5_000  # the New Testament is full of names


@needs_dev
@pytest.mark.parametrize(("name", "lang"), SIDES, ids=["ru", "en"])
def test_numbers_side(benchmark, name, lang):
    _, sentences = side(name, lang)
    tokens = benchmark(lambda: [extract_numbers(s.text, lang) for s in sentences])
    assert len(tokens) == len(sentences)
    assert lang == "ru" or sum(map(len, tokens)) > 0  # the English side has some


@needs_dev
@pytest.mark.parametrize(("name", "lang"), SIDES, ids=["ru", "en"])
def test_side_analysis_and_features(benchmark, name, lang):
    text, sentences = side(name, lang)
    features = benchmark(lambda: SideAnalysis(text, sentences, None, False).features())
    assert features.n == len(sentences)


@needs_dev
def test_build_segments_of_the_gold_alignment(benchmark):
    from aligner.interchange.beads import read_beads

    (src_text, src_sents), (tgt_text, tgt_sents) = (side(*s) for s in SIDES)
    src = SideAnalysis(src_text, src_sents, None, False)
    tgt = SideAnalysis(tgt_text, tgt_sents, None, False)
    beads = tuple(Bead(tuple(s), tuple(t), confidence=0.9) for s, t in read_beads(LARGE / "gold.align"))
    alignment = Alignment(beads, len(src_sents), len(tgt_sents))
    segments = benchmark(build_segments, src, tgt, alignment, AlignSettings())
    assert len(segments) == len(beads)
    assert sum(1 for s in segments if "omission" in s.flags) > 0
