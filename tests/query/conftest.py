"""A corpus holding the aligned cable sample (real lemmas and stems), built once per module."""

from __future__ import annotations

import pytest

from aligner.align.pipeline import align_files
from aligner.glossary import load_glossary
from aligner.store.corpus import Corpus
from tests.conftest import CORPORA, GLOSSARIES

CABLE = "cable-1956-09-23-mikoyan"


@pytest.fixture(scope="module")
def cable_corpus(tmp_path_factory) -> Corpus:
    glossary = load_glossary(GLOSSARIES / "soviet-korea-1956.tsv")
    doc = align_files(CORPORA / CABLE / "ru.txt", CORPORA / CABLE / "en.txt", glossary)
    corpus = Corpus.open(tmp_path_factory.mktemp("query") / "corpus", create=True)
    corpus.write_document(doc)
    return corpus
