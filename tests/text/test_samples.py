"""The bundled sample documents: our segmenter reproduces each hand-made ``.sents`` file."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.text.read import read_text
from aligner.text.segment import segment_sentences, sentence_line

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
SIDES = sorted(
    (folder, sents.stem)
    for folder in CORPORA.iterdir() if folder.is_dir()
    for sents in folder.glob("*.sents")
    if (folder / f"{sents.stem}.txt").exists()
) if CORPORA.is_dir() else []


@pytest.mark.skipif(not SIDES, reason="no sample documents in corpora/")
@pytest.mark.parametrize(("folder", "lang"), SIDES, ids=[f"{f.name}/{lang}" for f, lang in SIDES])
def test_segmenter_reproduces_gold_sentences(folder: Path, lang: str) -> None:
    text = read_text(folder / f"{lang}.txt", lang)
    ours = [sentence_line(s) for s in segment_sentences(text)]
    gold = (folder / f"{lang}.sents").read_text(encoding="utf-8").splitlines()
    assert ours == gold
