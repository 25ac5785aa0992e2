"""Helpers for the reliability tests: what a reader sees of a corpus, direct table edits that
simulate damage, and the aligner run in a child process (as scripts run it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polars as pl

from aligner.store.corpus import Corpus
from aligner.store.schema import SCHEMAS
from aligner.store.upgrade import Migration, add_missing_columns
from tests.store.store_docs import make_document

#: The command line of the tool in a child process (``python -m aligner`` runs the same app).
ALIGNER = (sys.executable, "-m", "aligner")
ROOT = Path(__file__).resolve().parents[2]


def run_aligner(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the aligner to completion in a child process; stdout and stderr captured as text."""
    return subprocess.run(
        [*ALIGNER, *(str(a) for a in args)], capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=child_env()
    )


def start_aligner(*args: str | Path) -> subprocess.Popen[str]:
    """Start the aligner in a child process (stdout and stderr piped)."""
    return subprocess.Popen(
        [*ALIGNER, *(str(a) for a in args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=child_env(),
    )


def child_env() -> dict[str, str]:
    # NO_COLOR keeps messages plain; the Rust libraries print no backtraces into stderr we check.
    return {**os.environ, "NO_COLOR": "1", "RUST_BACKTRACE": "0"}


def reader_view(path: Path) -> dict[str, object]:
    """What a reader sees: the live documents (without write times) and their sentences and beads.

    Generation ids and times are left out, so two writes of the same content compare equal.
    Three reading calls, each consistent on its own: use it on a corpus nobody is writing.
    """
    corpus = Corpus.open(path)
    documents = corpus.read_documents().drop("generation", "created_at")
    sentences = corpus.scan_sentences().drop("generation").sort("doc_id", "translation_id", "side", "sent_no")
    segments = corpus.scan_segments().drop("generation").sort("doc_id", "translation_id", "seg_no")
    return {
        "documents": documents.to_dicts(),
        "sentences": sentences.collect().to_dicts(),
        "segments": segments.collect().to_dicts(),
    }


def edit_table(
    corpus: Path, name: str, change: Callable[[pl.DataFrame], pl.DataFrame], *, new_schema: bool = False
) -> None:
    """Replace every row of one table with ``change(rows)`` in one commit (damage made on purpose).

    :param new_schema: allow ``change`` to drop or retype columns.
    """
    path = str(corpus / name)
    rows = change(pl.read_delta(path))
    options = {"schema_mode": "overwrite"} if new_schema else None
    rows.write_delta(path, mode="overwrite", delta_write_options=options)


def data_files(corpus: Path, name: str) -> list[Path]:
    """The live Parquet files of one table, as its Delta log names them."""
    from deltalake import DeltaTable

    return sorted(Path(uri.removeprefix("file://")) for uri in DeltaTable(str(corpus / name)).file_uris())


# A synthetic "version 0" corpus: schema 1 is the first schema ever written, so the upgrade
# mechanism is tested on a version 1 corpus whose marker says 0 and whose tables lack columns
# version 1 has (``segments.cost``, ``documents.src_encoding``/``tgt_encoding``), with a
# migration that adds them.
V0_DROPPED = {"documents": ["src_encoding", "tgt_encoding"], "segments": ["cost"]}


def add_v1_columns(root: Path) -> None:
    """The synthetic migration 0 -> 1."""
    for name in V0_DROPPED:
        add_missing_columns(root / name, SCHEMAS[name], {"src_encoding": "utf-8", "tgt_encoding": "utf-8"})


V0_TO_V1 = Migration(0, "add documents.src_encoding/tgt_encoding and segments.cost", add_v1_columns)


def set_marker_version(root: Path, version: int) -> None:
    marker = root / "aligner-corpus.json"
    content = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps({**content, "schema_version": version}), encoding="utf-8")


def make_v0_corpus(path: Path) -> Path:
    """A "version 0" corpus holding the hand-made cable, written twice (a superseded generation)."""
    corpus = Corpus.open(path, create=True)
    corpus.write_document(make_document())
    corpus.write_document(make_document(tag="second"))
    for name, columns in V0_DROPPED.items():
        edit_table(corpus.path, name, lambda f, c=columns: f.drop(c), new_schema=True)
    set_marker_version(corpus.path, 0)
    return corpus.path
