"""Shared fixtures: where the bundled samples and the optional ../shared data live."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
GLOSSARIES = ROOT / "glossaries"
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"
TEXTBERG = SHARED / "eval" / "textberg-dev"
SCORE_PY = SHARED / "eval" / "score.py"

needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is absent (a fresh clone)")


@pytest.fixture
def sample_dirs() -> list[Path]:
    return sorted(p for p in CORPORA.iterdir() if (p / "gold.align").is_file())


@pytest.fixture
def glossary_path() -> Path:
    return GLOSSARIES / "soviet-korea-1956.tsv"

# Property tests draw the same examples on every run, so CI is reproducible: a failure found
# once is found again, and a green run stays green for the same code.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("reproducible", derandomize=True)
_hypothesis_settings.load_profile("reproducible")
