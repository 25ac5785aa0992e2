"""Corpora for the exchange tests: two aligned samples (real pipeline output), built per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.align.pipeline import align_files
from aligner.glossary import load_glossary
from aligner.store.corpus import Corpus
from tests.conftest import CORPORA, GLOSSARIES

CABLE = "cable-1956-09-23-mikoyan"
MEMO = "memo-1956-10-05-ivanov-kim-il-sung"
#: The segment columns an export → import round trip must give back unchanged.
ROUND_TRIP_COLUMNS = [
    "doc_id", "translation_id", "seg_no", "src_text", "tgt_text", "src_sent_ids", "tgt_sent_ids", "bead",
    "score", "confidence", "cost", "src_terms", "tgt_terms", "src_lemmas", "tgt_stems", "flags", "reviewed",
]


@pytest.fixture(scope="session")
def aligned_samples():
    glossary = load_glossary(GLOSSARIES / "soviet-korea-1956.tsv")
    return [align_files(CORPORA / name / "ru.txt", CORPORA / name / "en.txt", glossary) for name in (CABLE, MEMO)]


@pytest.fixture
def sample_corpus(tmp_path: Path, aligned_samples) -> Corpus:
    corpus = Corpus.open(tmp_path / "corpus", create=True)
    corpus.write_documents(aligned_samples)
    return corpus
