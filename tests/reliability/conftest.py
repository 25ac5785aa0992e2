"""Fixtures for the reliability tests."""

from pathlib import Path

import pytest

from aligner.store.corpus import Corpus
from tests.store.store_docs import make_document


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A corpus holding one hand-made document (quick to build: no alignment, no glossary)."""
    corpus = Corpus.open(tmp_path / "corpus", create=True)
    corpus.write_document(make_document())
    return corpus.path
