"""CLI test helpers: run the app in-process and snapshot a corpus to prove it is unchanged."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner.cli.main import app
from tests.conftest import CORPORA, GLOSSARIES

SAMPLE = CORPORA / "cable-1956-09-23-mikoyan"
GLOSSARY = GLOSSARIES / "soviet-korea-1956.tsv"


def invoke(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


def assert_one_line_error(result, *fragments: str) -> None:
    """Exit 2, exactly one stderr line starting with 'Error:', naming what it should, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert "Traceback" not in result.stderr + result.stdout


def corpus_state(path: Path) -> dict:
    """Every file under the corpus with its size: equal before and after means untouched."""
    return {str(p.relative_to(path)): p.stat().st_size for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture
def stored_corpus(tmp_path) -> Path:
    """A corpus holding the cable sample."""
    corpus = tmp_path / "corpus"
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "-g", GLOSSARY, "--corpus", corpus)
    assert result.exit_code == 0, result.stderr
    return corpus
