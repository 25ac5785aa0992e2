"""Opening and creating corpora: the marker file, refusals and schema versions; empty reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from aligner import __version__
from aligner.errors import CorpusError, SchemaVersionError
from aligner.store.corpus import Corpus
from aligner.store.schema import DOCUMENTS_SCHEMA, SCHEMA_VERSION, SEGMENTS_SCHEMA, SENTENCES_SCHEMA
from store_docs import make_document


def _missing(tmp: Path) -> Path:
    return tmp / "new" / "corpus"


def _empty(tmp: Path) -> Path:
    (tmp / "empty").mkdir()
    return tmp / "empty"


CREATE_CASES = [
    pytest.param(_missing, id="missing folder (parents made)"),
    pytest.param(_empty, id="existing empty folder"),
]


@pytest.mark.parametrize("where", CREATE_CASES)
def test_create(tmp_path: Path, where) -> None:
    path = where(tmp_path)
    corpus = Corpus.open(path, create=True)
    marker = json.loads((path / "aligner-corpus.json").read_text(encoding="utf-8"))
    assert marker == {"format": "aligner-corpus", "schema_version": SCHEMA_VERSION, "created_by": f"aligner {__version__}"}
    assert corpus.version == 0
    assert Corpus.open(path).path == path
    assert Corpus.open(str(path), create=True).version == 0


def _file(tmp: Path) -> Path:
    (tmp / "notes.txt").write_text("x", encoding="utf-8")
    return tmp / "notes.txt"


def _other_folder(tmp: Path) -> Path:
    (tmp / "texts").mkdir()
    (tmp / "texts" / "ru.txt").write_text("Текст.", encoding="utf-8")
    return tmp / "texts"


NOT_A_CORPUS = [
    pytest.param(_missing, False, "no such folder", id="missing folder without create"),
    pytest.param(_empty, False, "the folder is empty", id="empty folder without create"),
    pytest.param(_other_folder, False, "holds other things", id="folder of other files"),
    pytest.param(_other_folder, True, "refusing to create", id="create into a non-empty folder"),
    pytest.param(_file, False, "is a file", id="a file"),
    pytest.param(_file, True, "is a file", id="a file with create"),
]


@pytest.mark.parametrize(("where", "create", "detail"), NOT_A_CORPUS)
def test_not_a_corpus(tmp_path: Path, where, create: bool, detail: str) -> None:
    path = where(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(CorpusError) as info:
        Corpus.open(path, create=create)
    err = info.value
    assert type(err) is CorpusError
    assert err.path == str(path)
    assert str(err).startswith(f"{path}: not an aligner corpus (no aligner-corpus.json); ")
    assert detail in err.message
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def _write_marker(tmp: Path, content: str) -> Path:
    path = tmp / "c"
    path.mkdir()
    (path / "aligner-corpus.json").write_text(content, encoding="utf-8")
    return path


BAD_MARKERS = [
    pytest.param("{not json", "cannot read the corpus marker", id="malformed JSON"),
    pytest.param('{"format": "something-else", "schema_version": 1}', "not an aligner corpus marker", id="other format"),
    pytest.param('["aligner-corpus"]', "not an aligner corpus marker", id="not an object"),
    pytest.param('{"format": "aligner-corpus"}', "no integer schema_version", id="no schema version"),
    pytest.param('{"format": "aligner-corpus", "schema_version": "1"}', "no integer schema_version", id="version as string"),
]


@pytest.mark.parametrize(("content", "message"), BAD_MARKERS)
def test_bad_marker(tmp_path: Path, content: str, message: str) -> None:
    path = _write_marker(tmp_path, content)
    with pytest.raises(CorpusError, match=message) as info:
        Corpus.open(path)
    assert info.value.path == str(path / "aligner-corpus.json")


SCHEMA_VERSIONS = [
    pytest.param(SCHEMA_VERSION + 1, [f"schema version {SCHEMA_VERSION + 1}", "newer", "upgrade aligner"], id="newer"),
    pytest.param(
        SCHEMA_VERSION - 1, [f"schema version {SCHEMA_VERSION - 1}", "older", "aligner corpus upgrade"], id="older"
    ),
]


@pytest.mark.parametrize(("version", "words"), SCHEMA_VERSIONS)
def test_schema_version_mismatch(tmp_path: Path, version: int, words: list[str]) -> None:
    path = _write_marker(tmp_path, json.dumps({"format": "aligner-corpus", "schema_version": version}))
    for create in (False, True):
        with pytest.raises(SchemaVersionError) as info:
            Corpus.open(path, create=create)
        assert info.value.path == str(path)
        for word in words:
            assert word in info.value.message


EMPTY_READS = [
    pytest.param(lambda c: c.read_documents(), DOCUMENTS_SCHEMA, id="read_documents"),
    pytest.param(lambda c: c.read_segments(), SEGMENTS_SCHEMA, id="read_segments"),
    pytest.param(lambda c: c.scan_segments().collect(), SEGMENTS_SCHEMA, id="scan_segments"),
    pytest.param(lambda c: c.scan_sentences().collect(), SENTENCES_SCHEMA, id="scan_sentences"),
]


def _tables_missing(tmp: Path) -> Corpus:
    """A marker but no tables yet (a creation interrupted after the marker)."""
    corpus = Corpus.open(tmp / "c", create=True)
    for name in ("documents", "sentences", "segments"):
        shutil.rmtree(tmp / "c" / name)
    return corpus


EMPTY_CORPORA = [
    pytest.param(lambda tmp: Corpus.open(tmp / "c", create=True), 0, id="fresh corpus"),
    pytest.param(_tables_missing, -1, id="tables missing"),
]


@pytest.mark.parametrize(("make", "version"), EMPTY_CORPORA)
@pytest.mark.parametrize(("read", "schema"), EMPTY_READS)
def test_empty_corpus_reads(tmp_path: Path, make, version: int, read, schema: pl.Schema) -> None:
    corpus = make(tmp_path)
    frame = read(corpus)
    assert frame.height == 0
    assert frame.schema == schema
    assert corpus.version == version
    assert not corpus.has_document("cable-604")


@pytest.mark.parametrize(("make", "version"), EMPTY_CORPORA)
def test_first_write_completes_an_empty_corpus(tmp_path: Path, make, version: int) -> None:
    corpus = make(tmp_path)
    doc = make_document()
    corpus.write_document(doc)
    assert corpus.version == version + 1
    assert corpus.read_document("cable-604") == doc


def test_unknown_document_on_empty_corpus(corpus: Corpus) -> None:
    with pytest.raises(CorpusError, match="no document 'cable-604' in this corpus") as info:
        corpus.resolve_translation("cable-604")
    assert info.value.path == str(corpus.path)
