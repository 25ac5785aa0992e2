"""Schema upgrades: an older corpus is refused, planned, backed up, migrated step by step.

Schema 1 is the first schema ever written, so these tests use the synthetic "version 0" corpus
and migration of ``reliability_helpers``.
"""

from __future__ import annotations

import json
from pathlib import Path

import filelock
import polars as pl
import pytest

from aligner.errors import CorpusError, SchemaVersionError
from aligner.store.corpus import Corpus
from aligner.store.schema import SCHEMA_VERSION, SCHEMAS
from aligner.store.upgrade import (
    MIGRATIONS,
    Migration,
    add_missing_columns,
    apply_upgrade,
    migration,
    plan_upgrade,
    read_schema_version,
)
from tests.cli.conftest import corpus_state
from tests.reliability.reliability_helpers import V0_TO_V1, add_v1_columns, make_v0_corpus, set_marker_version
from tests.store.store_docs import make_document

@pytest.fixture
def v0_corpus(tmp_path: Path) -> Path:
    return make_v0_corpus(tmp_path / "corpus")


def test_older_corpus_is_refused_until_upgraded(v0_corpus: Path) -> None:
    with pytest.raises(SchemaVersionError, match=f"aligner corpus upgrade {v0_corpus}"):
        Corpus.open(v0_corpus)
    assert read_schema_version(v0_corpus) == 0


def test_plan_names_steps_and_backup_and_changes_nothing(v0_corpus: Path) -> None:
    before = corpus_state(v0_corpus)
    plan = plan_upgrade(v0_corpus, migrations={0: V0_TO_V1})
    assert (plan.from_version, plan.to_version, plan.steps) == (0, 1, (V0_TO_V1,))
    assert plan.backup == v0_corpus.with_name("corpus.schema-0-backup")
    assert plan.describe() == [
        f"{v0_corpus}: schema version 0 -> 1",
        f"backup: {plan.backup}",
        "step 0 -> 1: add documents.src_encoding/tgt_encoding and segments.cost",
    ]
    assert corpus_state(v0_corpus) == before
    assert not plan.backup.exists()


def test_apply_backs_up_then_migrates(v0_corpus: Path) -> None:
    before = corpus_state(v0_corpus)
    rows_before = pl.read_delta(str(v0_corpus / "segments")).height
    report = apply_upgrade(plan_upgrade(v0_corpus, migrations={0: V0_TO_V1}))
    assert (report.from_version, report.to_version, report.steps_applied) == (0, 1, 1)

    # the backup is the corpus exactly as it was (the lock file aside)
    assert {k: v for k, v in corpus_state(report.backup).items()} == {k: v for k, v in before.items() if k != ".lock"}
    assert read_schema_version(report.backup) == 0

    corpus = Corpus.open(v0_corpus)
    marker = json.loads((v0_corpus / "aligner-corpus.json").read_text(encoding="utf-8"))
    assert marker["schema_version"] == SCHEMA_VERSION and marker["upgraded_by"].startswith("aligner ")
    assert corpus.check() == []
    expected = make_document(tag="second")
    stored = corpus.read_document("cable-604")
    assert stored.segments == expected.segments and stored.src == expected.src and stored.tgt == expected.tgt
    assert [b.cost for b in stored.alignment.beads] == [None] * len(expected.alignment.beads)
    # every row is kept, the superseded generation's too
    assert pl.read_delta(str(v0_corpus / "segments")).height == rows_before

    again = plan_upgrade(v0_corpus, migrations={0: V0_TO_V1})
    assert again.steps == () and again.backup is None
    assert apply_upgrade(again).steps_applied == 0


def test_failed_step_keeps_the_old_version_and_can_run_again(v0_corpus: Path) -> None:
    def half_then_fail(root: Path) -> None:
        add_missing_columns(root / "segments", SCHEMAS["segments"])
        raise OSError(28, "No space left on device")

    plan = plan_upgrade(v0_corpus, migrations={0: Migration(0, "breaks", half_then_fail)})
    with pytest.raises(CorpusError) as info:
        apply_upgrade(plan)
    assert "No space left on device" in info.value.message and str(plan.backup) in info.value.message
    assert read_schema_version(v0_corpus) == 0
    assert plan.backup.is_dir()

    retry = plan_upgrade(v0_corpus, migrations={0: V0_TO_V1})
    assert retry.backup == v0_corpus.with_name("corpus.schema-0-backup-2")
    apply_upgrade(retry)
    assert Corpus.open(v0_corpus).check() == []


def test_steps_run_in_order_with_the_marker_moving_after_each(v0_corpus: Path) -> None:
    seen = []

    def record(label: str):
        def apply(root: Path) -> None:
            seen.append((label, read_schema_version(root)))
            if label == "0->1":
                add_v1_columns(root)

        return apply

    registry: dict[int, Migration] = {}
    migration(1, "second", registry=registry)(record("1->2"))
    migration(0, "first", registry=registry)(record("0->1"))
    plan = plan_upgrade(v0_corpus, migrations=registry, target=2)
    assert [s.description for s in plan.steps] == ["first", "second"]
    apply_upgrade(plan)
    assert seen == [("0->1", 0), ("1->2", 1)]
    assert read_schema_version(v0_corpus) == 2


@pytest.mark.parametrize(
    ("version", "registry", "fragment"),
    [
        pytest.param(0, {}, "has no migration from version 0", id="no migration for an old version"),
        pytest.param(SCHEMA_VERSION + 1, {0: V0_TO_V1}, "newer than this aligner", id="corpus newer than the tool"),
    ],
)
def test_refusals(v0_corpus: Path, version: int, registry: dict, fragment: str) -> None:
    set_marker_version(v0_corpus, version)
    with pytest.raises(SchemaVersionError, match=fragment) as info:
        plan_upgrade(v0_corpus, migrations=registry)
    assert info.value.path == str(v0_corpus)


def test_existing_backup_is_never_overwritten(v0_corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "keep").mkdir()
    with pytest.raises(CorpusError, match="backup folder exists already; choose another with --backup"):
        plan_upgrade(v0_corpus, backup=tmp_path / "keep", migrations={0: V0_TO_V1})


def test_locked_corpus_is_not_upgraded(v0_corpus: Path) -> None:
    plan = plan_upgrade(v0_corpus, migrations={0: V0_TO_V1})
    with filelock.FileLock(str(v0_corpus / ".lock")):
        with pytest.raises(CorpusError, match="locked by another writer"):
            apply_upgrade(plan, lock_timeout=0.05)
    assert not plan.backup.exists() and read_schema_version(v0_corpus) == 0


def test_registry_holds_only_real_steps() -> None:
    assert all(0 <= v < SCHEMA_VERSION and m.from_version == v for v, m in MIGRATIONS.items())
    with pytest.raises(ValueError, match="already registered"):
        migration(0, "twice", registry={0: V0_TO_V1})(add_v1_columns)


def test_not_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not an aligner corpus"):
        plan_upgrade(tmp_path / "nothing")
