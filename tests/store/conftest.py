"""Fixtures for the store tests: a fresh corpus per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.store.corpus import Corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return Corpus.open(tmp_path / "corpus", create=True)
