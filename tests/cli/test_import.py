"""``aligner import``: a new document from TMX, a reviewer's TSV applied, a broken one refused."""

from __future__ import annotations

import csv
import io
import json

from aligner.store.corpus import Corpus
from tests.cli.conftest import assert_one_line_error, corpus_state, invoke

DOC = "cable-1956-09-23-mikoyan"


def _rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t"))


def _write(path, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_tmx_into_a_new_corpus(tmp_path, stored_corpus):
    tmx = tmp_path / "cable.tmx"
    assert invoke("export", stored_corpus, "-o", tmx).exit_code == 0
    fresh = tmp_path / "fresh"
    result = invoke("import", fresh, tmx, "--editor", "anna")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"{DOC}/en: new, 35 segment(s), 0 change(s) (generation 0)\n"
    assert Corpus.open(fresh).read_segments(DOC)["src_text"].equals(Corpus.open(stored_corpus).read_segments(DOC)["src_text"])


def test_reviewed_tsv_is_applied_and_recorded(tmp_path, stored_corpus):
    tsv = tmp_path / "review.tsv"
    assert invoke("export", stored_corpus, "-o", tsv, "--doc", DOC).exit_code == 0
    rows = _rows(tsv)
    rows[3] = {**rows[3], "reviewed": "true"}
    rows[4] = {**rows[4], "tgt_text": rows[4]["tgt_text"].replace("plenum", "Plenum")}
    _write(tsv, rows)
    dry = invoke("import", stored_corpus, tsv, "--dry-run")
    assert dry.stdout == f'doc_id\ttranslation_id\tkind\tsegments\tchanges\n{DOC}\ten\tcorrections\t35\t"{{""review"": 1, ""text"": 1}}"\n'
    result = invoke("import", stored_corpus, tsv, "--editor", "anna")
    assert result.exit_code == 0, result.stderr
    segments = Corpus.open(stored_corpus).read_segments(DOC)
    assert segments["reviewed"].to_list()[3] is True
    assert "Plenum" in segments["tgt_text"].to_list()[4]
    edits = json.loads(invoke("sql", stored_corpus, "SELECT editor, action FROM edits ORDER BY action", "--format", "json").stdout)
    assert edits == [{"editor": "anna", "action": a} for a in ("import", "review", "text")]


def test_dropped_sentence_is_refused_with_nothing_written(tmp_path, stored_corpus):
    tsv = tmp_path / "review.tsv"
    assert invoke("export", stored_corpus, "-o", tsv, "--doc", DOC).exit_code == 0
    rows = _rows(tsv)
    _write(tsv, rows[:5] + rows[6:])
    before = corpus_state(stored_corpus)
    result = invoke("import", stored_corpus, tsv)
    assert_one_line_error(result, str(tsv), "row 6: source sentence 5 is missing before sentence 6")
    assert corpus_state(stored_corpus) == before


def test_unreadable_file(tmp_path, stored_corpus):
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx>", encoding="utf-8")
    assert_one_line_error(invoke("import", stored_corpus, bad), "bad.tmx", "not well-formed XML")
    assert_one_line_error(invoke("import", stored_corpus, tmp_path / "none.tsv"), "none.tsv", "no such file")
    assert not (tmp_path / "fresh").exists()
