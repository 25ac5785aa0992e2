"""The bundled samples: the aligner scored against their hand-made gold, and pinned beads.

These are the only gold data with glossary terms, inflected names and editorial brackets.
The pinned beads in tests/data/<sample>.align catch any silent change of behaviour; when a
change improves alignment, review the new beads against gold.align and re-pin them.
"""

import pytest

from aligner.align.evaluate import count_hits, scores
from aligner.align.pipeline import align_files
from aligner.glossary import load_glossary
from aligner.interchange.beads import read_beads
from tests.conftest import CORPORA, GLOSSARIES, ROOT

SAMPLES = sorted(p.name for p in CORPORA.iterdir() if (p / "gold.align").is_file())

#: Strict F1 floor per sample (the level reached when the sample was added).
STRICT_FLOOR = 0.85


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(GLOSSARIES / "soviet-korea-1956.tsv")


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_against_gold(name, glossary):
    folder = CORPORA / name
    doc = align_files(folder / "ru.txt", folder / "en.txt", glossary, lemmas=False)
    pred = [(b.src, b.tgt) for b in doc.alignment.beads]
    s = scores(count_hits(read_beads(folder / "gold.align"), pred))
    assert s.f1_strict >= STRICT_FLOOR
    assert s.f1_lax >= 0.95
    pinned = ROOT / "tests" / "data" / f"{name}.align"
    assert pred == read_beads(pinned), f"beads changed for {name}: review and re-pin {pinned}"
