"""``Corpus.check``: each kind of damage is found, named by table and document; sound corpora pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from aligner.store.check import KINDS, Problem
from aligner.store.corpus import Corpus
from tests.cli.conftest import corpus_state
from tests.reliability.reliability_helpers import data_files, edit_table
from tests.store.store_docs import make_document

A, B = "cable-604", "cable-605"


def _row(doc_id: str, side: str | None = None, number: int | None = None, column: str = "sent_no") -> pl.Expr:
    expr = pl.col("doc_id") == doc_id
    if side is not None:
        expr &= pl.col("side") == side
    if number is not None:
        expr &= pl.col(column) == number
    return expr


def _set(table: str, where: pl.Expr, **values):
    def change(path: Path) -> None:
        edit_table(
            path,
            table,
            lambda f: f.with_columns(
                pl.when(where).then(value).otherwise(pl.col(name)).alias(name) for name, value in values.items()
            ),
        )

    return change


def _drop(table: str, where: pl.Expr):
    return lambda path: edit_table(path, table, lambda f: f.filter(~where))


def _nothing(path: Path) -> None:
    pass


def _old_generations(path: Path) -> None:
    corpus = Corpus.open(path)
    corpus.write_document(make_document(A, tag="second"))  # the first write of A is superseded
    corpus.remove_document(B)  # B's rows stay, invisible


def _duplicate_documents_row(path: Path) -> None:
    edit_table(path, "documents", lambda f: pl.concat([f, f.filter(pl.col("doc_id") == A)]))


def _share_generation(path: Path) -> None:
    def change(f: pl.DataFrame) -> pl.DataFrame:
        generation = f.filter(pl.col("doc_id") == A)["generation"].item()
        return f.with_columns(pl.when(pl.col("doc_id") == B).then(generation).otherwise("generation").alias("generation"))

    edit_table(path, "documents", change)


def _swap_first_and_last_bead(path: Path) -> None:
    def change(f: pl.DataFrame) -> pl.DataFrame:
        first, last = [0], [3]
        ids = (
            pl.when(_row(A, None, 0, "seg_no")).then(pl.lit(last))
            .when(_row(A, None, 2, "seg_no")).then(pl.lit(first))
            .otherwise(pl.col("src_sent_ids"))
        )
        return f.with_columns(ids.cast(pl.List(pl.Int32)).alias("src_sent_ids"))

    edit_table(path, "segments", change)


def _delete_data_file(path: Path) -> None:
    data_files(path, "segments")[0].unlink()


def _truncate_data_file(path: Path) -> None:
    file = data_files(path, "sentences")[0]
    file.write_bytes(file.read_bytes()[:100])


def _garble_log(path: Path) -> None:
    last = sorted((path / "segments" / "_delta_log").glob("*.json"))[-1]
    last.write_text('{"add": {"path": ', encoding="utf-8")


def _drop_column(path: Path) -> None:
    edit_table(path, "sentences", lambda f: f.drop("gap"), new_schema=True)


def _remove_tables(path: Path) -> None:
    for name in ("documents", "sentences", "segments"):
        shutil.rmtree(path / name)


# (damage, the problems found as (kind, table, doc_id)): one row per phenomenon.
CASES = [
    pytest.param(_nothing, [], id="sound corpus"),
    pytest.param(_old_generations, [], id="superseded and removed documents' rows are no problem"),
    pytest.param(_remove_tables, [], id="tables missing (creation interrupted) read as empty"),
    pytest.param(
        _set("sentences", _row(A, "src", 2), text=pl.col("text").str.replace("Пэн", "Пен")),
        [("text_hash", "sentences", A)],
        id="sentence text altered, same length",
    ),
    pytest.param(
        _set("sentences", _row(A, "src", 1), start=pl.col("start") + 1, end=pl.col("end") + 1),
        [("span", "sentences", A)],
        id="sentence span shifted",
    ),
    pytest.param(
        _drop("sentences", _row(A, "tgt", 2)),
        [("sentence_count", "sentences", A), ("text_hash", "sentences", A)],
        id="last sentence row lost",
    ),
    pytest.param(
        _drop("sentences", _row(B, "src", 1)),
        [("sentence_count", "sentences", B), ("sentence_numbering", "sentences", B)],
        id="middle sentence row lost",
    ),
    pytest.param(
        _drop("segments", _row(A, None, 1, "seg_no")),
        [("segment_numbering", "segments", A), ("bead_coverage", "segments", A), ("bead_coverage", "segments", A)],
        id="bead lost",
    ),
    pytest.param(_set("segments", _row(B, None, 1, "seg_no"), bead=pl.lit("1-1")), [("bead_kind", "segments", B)], id="bead mislabeled"),
    pytest.param(_swap_first_and_last_bead, [("bead_coverage", "segments", A)], id="beads out of order"),
    pytest.param(_duplicate_documents_row, [("duplicate_document", "documents", A)], id="documents row duplicated"),
    pytest.param(
        _share_generation,
        [("shared_generation", "documents", None)]
        + [("sentence_count", "sentences", B), ("text_hash", "sentences", B)] * 2
        + [("bead_coverage", "segments", B)] * 2,
        id="two documents point at one generation",
    ),
    pytest.param(_delete_data_file, [("missing_file", "segments", None)], id="data file deleted"),
    pytest.param(_truncate_data_file, [("damaged_file", "sentences", None)], id="data file truncated"),
    pytest.param(_garble_log, [("unreadable_table", "segments", None)], id="transaction log garbled"),
    pytest.param(_drop_column, [("schema_mismatch", "sentences", None)], id="column dropped"),
]


@pytest.fixture
def two_documents(tmp_path: Path) -> Path:
    corpus = Corpus.open(tmp_path / "corpus", create=True)
    corpus.write_documents([make_document(A), make_document(B)])
    return corpus.path


@pytest.mark.parametrize(("damage", "expected"), CASES)
def test_check_finds_damage(two_documents: Path, damage, expected: list) -> None:
    damage(two_documents)
    before = corpus_state(two_documents)
    problems = Corpus.open(two_documents).check()
    assert sorted((p.kind, p.table, p.doc_id) for p in problems) == sorted(expected), problems
    assert all(p.kind in KINDS and p.message for p in problems)
    assert all(p.translation_id == ("en" if p.doc_id else None) for p in problems)
    assert corpus_state(two_documents) == before  # the check only reads


MESSAGES = [
    pytest.param(_drop("segments", _row(A, None, 1, "seg_no")), "src: beads do not cover sentences 0..3 once each in order: missing 1, 2", id="bead lost"),
    pytest.param(_swap_first_and_last_bead, "src: beads do not cover sentences 0..3 once each in order: out of order", id="beads out of order"),
    pytest.param(_drop("sentences", _row(B, "src", 1)), "src: 3 sentence rows, the documents row says 4", id="row lost"),
    pytest.param(_set("segments", _row(B, None, 1, "seg_no"), bead=pl.lit("1-1")), "segment 1: bead '1-1' holds 2-1 sentences", id="bead mislabeled"),
    pytest.param(_drop_column, "gap (missing, expected String)", id="column dropped"),
    pytest.param(_truncate_data_file, "the log says", id="data file truncated"),
]


@pytest.mark.parametrize(("damage", "fragment"), MESSAGES)
def test_messages_say_what_is_wrong(two_documents: Path, damage, fragment: str) -> None:
    damage(two_documents)
    messages = [p.message for p in Corpus.open(two_documents).check()]
    assert any(fragment in m for m in messages), messages


def test_problem_is_a_frozen_value() -> None:
    problem = Problem("span", "sentences", "x", A, "en")
    with pytest.raises(AttributeError):
        problem.kind = "other"  # type: ignore[misc]
    assert problem == Problem("span", "sentences", "x", A, "en")
