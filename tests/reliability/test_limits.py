"""Input size limits through the CLI: a file over ``--max-input-size`` is refused before it is
read, with one line naming the file, the limit and the option; the corpus is untouched."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import typer.main

from aligner.cli.main import app
from aligner.text.read import DEFAULT_MAX_INPUT_BYTES
from tests.cli.conftest import SAMPLE, assert_one_line_error, corpus_state, invoke

MB = 1024 * 1024


def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space (a hole), as a huge input would be."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


# (size of the source file, --max-input-size or None for the default, the limit the message names)
CASES = [
    pytest.param(DEFAULT_MAX_INPUT_BYTES + 1, None, "64.0 MB", id="just over the default 64 MB"),
    pytest.param(2 * 1024 * MB, None, "64.0 MB", id="a 2 GB file"),
    pytest.param(MB + 1, 1, "1.0 MB", id="just over a 1 MB limit"),
]


@pytest.mark.parametrize(("size", "limit", "named"), CASES)
def test_oversized_input_is_refused_before_reading(small_corpus, tmp_path, size, limit, named) -> None:
    big = _sparse(tmp_path / "big-ru.txt", size)
    before = corpus_state(small_corpus)
    options = [] if limit is None else ["--max-input-size", str(limit)]
    started = time.monotonic()
    result = invoke("align", big, SAMPLE / "en.txt", "--corpus", small_corpus, *options)
    # Refused from the file's size alone: reading 2 GB of zeros would take far longer.
    assert time.monotonic() - started < 5
    assert_one_line_error(result, "big-ru.txt", f"over the input size limit of {named}", "--max-input-size")
    assert corpus_state(small_corpus) == before


def test_the_target_side_is_limited_too(tmp_path) -> None:
    big = _sparse(tmp_path / "big-en.txt", 2 * MB)
    result = invoke("align", SAMPLE / "ru.txt", big, "--max-input-size", "1", "--beads-out", tmp_path / "x.align")
    assert_one_line_error(result, "big-en.txt", "1.0 MB", "--max-input-size")
    assert not (tmp_path / "x.align").exists()


def test_a_file_under_the_limit_is_read(tmp_path) -> None:
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--max-input-size", "1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert (SAMPLE / "ru.txt").stat().st_size < MB


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_invalid_limit_is_a_usage_error(tmp_path, value: str) -> None:
    result = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--max-input-size", value)
    assert result.exit_code == 2
    assert "--max-input-size" in result.stderr and "Traceback" not in result.stderr


def test_cli_default_matches_the_library() -> None:
    align = typer.main.get_command(app).commands["align"]
    default = next(p.default for p in align.params if p.name == "max_input_size")
    assert default * MB == DEFAULT_MAX_INPUT_BYTES
