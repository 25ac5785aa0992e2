"""The bundled pairs in ``tests/data/pairs/`` are consistent: what the gold numbers is what the
segmenter finds, every sentence is in exactly one gold bead, and meta.json names the languages."""

from __future__ import annotations

import json

import pytest

from aligner.glossary import load_glossary
from aligner.interchange.beads import read_beads
from aligner.interchange.dataset import pair_languages
from aligner.text.read import read_text
from aligner.text.segment import segment_sentences
from tests.pairs.conftest import PAIRS

PAIR_LANGS = [("de-fr", "de", "fr"), ("zh-en", "zh", "en")]


@pytest.mark.parametrize(("pair", "src", "tgt"), PAIR_LANGS, ids=[p[0] for p in PAIR_LANGS])
def test_meta_names_the_languages(pair, src, tgt):
    meta = json.loads((PAIRS / pair / "meta.json").read_text(encoding="utf-8"))
    assert (meta["src_lang"], meta["tgt_lang"]) == (src, tgt)
    assert pair_languages(PAIRS / pair) == (src, tgt)


@pytest.mark.parametrize("side", [0, 1], ids=["source", "target"])
@pytest.mark.parametrize(("pair", "src", "tgt"), PAIR_LANGS, ids=[p[0] for p in PAIR_LANGS])
def test_segmenter_finds_the_gold_sentences(pair, src, tgt, side):
    lang = (src, tgt)[side]
    text = read_text(PAIRS / pair / f"{lang}.txt", lang)
    lines = (PAIRS / pair / f"{lang}.sents").read_text(encoding="utf-8").splitlines()
    assert [s.text for s in segment_sentences(text)] == lines


@pytest.mark.parametrize(("pair", "src", "tgt"), PAIR_LANGS, ids=[p[0] for p in PAIR_LANGS])
def test_gold_covers_each_sentence_once_in_order(pair, src, tgt):
    beads = read_beads(PAIRS / pair / "gold.align")
    for side, lang in enumerate((src, tgt)):
        n = len((PAIRS / pair / f"{lang}.sents").read_text(encoding="utf-8").splitlines())
        assert [i for bead in beads for i in bead[side]] == list(range(n))


def test_de_fr_glossary_loads_for_its_pair():
    glossary = load_glossary(PAIRS / "de-fr" / "glossary.tsv", "de", "fr")
    assert len(glossary.terms) == 8
    assert (glossary.src_lang, glossary.tgt_lang) == ("de", "fr")
