"""`aligner corpus check|upgrade|vacuum|optimize`: outputs, exit codes, and one-line errors.

(Named ``test_corpus_cmd.py``: ``tests/store/test_corpus.py`` holds the module name ``test_corpus``.)
"""

from __future__ import annotations

import json
from pathlib import Path

import filelock
import polars as pl
import pytest
import typer.main

from aligner.cli.main import app
from aligner.store.corpus import DEFAULT_RETENTION_HOURS, Corpus
from aligner.store.upgrade import MIGRATIONS
from tests.cli.conftest import assert_one_line_error, corpus_state, invoke
from tests.reliability.reliability_helpers import (
    V0_TO_V1,
    data_files,
    edit_table,
    make_v0_corpus,
    reader_view,
    set_marker_version,
)
from tests.store.store_docs import make_document


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    store = Corpus.open(tmp_path / "corpus", create=True)
    store.write_document(make_document(tag="old"))
    store.write_document(make_document())
    store.write_document(make_document("cable-605"))
    return store.path


@pytest.fixture
def v0(tmp_path: Path) -> Path:
    return make_v0_corpus(tmp_path / "old-corpus")


def _lose_bead(path: Path) -> None:
    edit_table(path, "segments", lambda f: f.filter(~((pl.col("doc_id") == "cable-605") & (pl.col("seg_no") == 1))))


def test_check_sound_corpus(corpus: Path) -> None:
    result = invoke("corpus", "check", corpus)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"{corpus}: 2 documents, 0 problems\n"


def test_check_lists_problems_and_exits_1(corpus: Path) -> None:
    _lose_bead(corpus)
    result = invoke("corpus", "check", corpus, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"doc_id": "cable-605", "translation_id": "en", "table": "segments", "kind": "segment_numbering",
         "message": "seg_no are not 0..1: missing 1"},
        {"doc_id": "cable-605", "translation_id": "en", "table": "segments", "kind": "bead_coverage",
         "message": "src: beads do not cover sentences 0..3 once each in order: missing 1, 2"},
        {"doc_id": "cable-605", "translation_id": "en", "table": "segments", "kind": "bead_coverage",
         "message": "tgt: beads do not cover sentences 0..2 once each in order: missing 1"},
    ]
    assert result.stderr == f"{corpus}: 2 documents, 3 problems\n"


def test_check_as_tsv(corpus: Path) -> None:
    _lose_bead(corpus)
    result = invoke("corpus", "check", corpus, "--format", "tsv")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "doc_id\ttranslation_id\ttable\tkind\tmessage",
        "cable-605\ten\tsegments\tsegment_numbering\tseg_no are not 0..1: missing 1",
    ]


def test_upgrade_of_a_current_corpus_does_nothing(corpus: Path) -> None:
    before = corpus_state(corpus)
    for extra in ([], ["--dry-run"]):
        result = invoke("corpus", "upgrade", corpus, *extra)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == f"{corpus}: schema version 1 is current; nothing to upgrade\n"
    assert corpus_state(corpus) == before
    assert not list(corpus.parent.glob("*backup*"))


def test_upgrade_dry_run_then_upgrade(v0: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, V0_TO_V1)
    refused = invoke("show", v0, "--doc", "cable-604")
    assert_one_line_error(refused, str(v0), "schema version 0", f"aligner corpus upgrade {v0}")

    before = corpus_state(v0)
    backup = v0.with_name("old-corpus.schema-0-backup")
    dry = invoke("corpus", "upgrade", v0, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout == (
        f"{v0}: schema version 0 -> 1\nbackup: {backup}\n"
        "step 0 -> 1: add documents.src_encoding/tgt_encoding and segments.cost\n"
    )
    assert corpus_state(v0) == before and not backup.exists()

    done = invoke("corpus", "upgrade", v0)
    assert done.exit_code == 0, done.stderr
    assert done.stderr == f"upgraded {v0} from schema version 0 to 1 (1 step(s)); the old corpus is in {backup}\n"
    assert invoke("corpus", "check", v0).exit_code == 0
    assert invoke("show", v0, "--doc", "cable-604").exit_code == 0
    assert corpus_state(backup) == {k: v for k, v in before.items() if k != ".lock"}


def test_upgrade_to_a_chosen_backup(v0: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, V0_TO_V1)
    result = invoke("corpus", "upgrade", v0, "--backup", tmp_path / "saved")
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "saved" / "aligner-corpus.json").read_text(encoding="utf-8"))["schema_version"] == 0


@pytest.mark.parametrize(
    ("version", "fragments"),
    [
        pytest.param(0, ["has no migration from version 0"], id="no migration known"),
        pytest.param(2, ["schema version 2", "newer", "upgrade aligner"], id="corpus newer than the tool"),
    ],
)
def test_upgrade_refusals(v0: Path, version: int, fragments: list[str]) -> None:
    set_marker_version(v0, version)
    before = corpus_state(v0)
    assert_one_line_error(invoke("corpus", "upgrade", v0), str(v0), *fragments)
    assert corpus_state(v0) == before


def test_upgrade_never_overwrites_a_backup(v0: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, V0_TO_V1)
    (tmp_path / "saved").mkdir()
    result = invoke("corpus", "upgrade", v0, "--backup", tmp_path / "saved")
    assert_one_line_error(result, str(tmp_path / "saved"), "exists already", "--backup")


def test_vacuum_removes_old_versions_only(corpus: Path) -> None:
    before = (Corpus.open(corpus).version, reader_view(corpus))
    result = invoke("corpus", "vacuum", corpus, "--retention-hours", "0")
    assert result.exit_code == 0, result.stderr
    # the first write of cable-604 (4 + 3 sentences, 3 beads) was superseded
    assert result.stderr.startswith(f"{corpus}: removed 10 rows of old versions and ")
    assert (Corpus.open(corpus).version, reader_view(corpus)) == before
    again = invoke("corpus", "vacuum", corpus)
    assert again.stderr == f"{corpus}: removed 0 rows of old versions and 0 files\n"


def test_optimize_compacts_and_changes_nothing_readers_see(corpus: Path) -> None:
    before = reader_view(corpus)
    result = invoke("corpus", "optimize", corpus)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"{corpus}: compacted ")
    store = Corpus.open(corpus)
    assert reader_view(corpus) == before and store.check() == []
    for name in ("sentences", "segments"):
        assert len(data_files(corpus, name)) == 1
    assert invoke("corpus", "optimize", corpus).stderr == f"{corpus}: compacted 0 files into 0\n"


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["vacuum"], id="vacuum"),
        pytest.param(["optimize"], id="optimize"),
    ],
)
def test_maintenance_waits_for_the_lock_then_fails(corpus: Path, args: list[str]) -> None:
    before = corpus_state(corpus)
    with filelock.FileLock(str(corpus / ".lock")):
        result = invoke("corpus", *args, corpus, "--lock-timeout", "0.1")
    assert_one_line_error(result, str(corpus), "locked by another writer", "--lock-timeout")
    assert corpus_state(corpus) == before


@pytest.mark.parametrize("command", ["check", "upgrade", "vacuum", "optimize"])
def test_not_a_corpus(tmp_path: Path, command: str) -> None:
    assert_one_line_error(invoke("corpus", command, tmp_path / "nowhere"), "nowhere", "not an aligner corpus")


def test_retention_default_is_the_library_default() -> None:
    vacuum = typer.main.get_command(app).commands["corpus"].commands["vacuum"]
    assert next(p.default for p in vacuum.params if p.name == "retention_hours") == DEFAULT_RETENTION_HOURS
