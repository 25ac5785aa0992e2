"""``aligner history`` and ``aligner restore``: versions listed, an earlier one brought back."""

from __future__ import annotations

import csv
import io
import json

from aligner.store.corpus import Corpus
from tests.cli.conftest import assert_one_line_error, corpus_state, invoke

DOC = "cable-1956-09-23-mikoyan"


def _history(corpus):
    result = invoke("history", corpus, "--doc", DOC, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _edit(tmp_path, corpus):
    tsv = tmp_path / "review.tsv"
    assert invoke("export", corpus, "-o", tsv, "--doc", DOC).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(tsv.read_text(encoding="utf-8")), delimiter="\t"))
    rows[1] = {**rows[1], "tgt_text": rows[1]["tgt_text"] + " [sic]"}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    tsv.write_text(out.getvalue(), encoding="utf-8")
    assert invoke("import", corpus, tsv, "--editor", "anna").exit_code == 0


def test_history_lists_align_edit_and_restore(tmp_path, stored_corpus):
    original = Corpus.open(stored_corpus).read_segments(DOC)
    _edit(tmp_path, stored_corpus)
    history = _history(stored_corpus)
    assert [(h["action"], h["editor"], h["changes"], h["live"]) for h in history] == [
        ("align", None, 0, False),
        ("edit", "anna", 1, True),
    ]
    first = history[0]["version"]
    result = invoke("restore", stored_corpus, "--doc", DOC, "--version", first, "--editor", "bob")
    assert result.exit_code == 0, result.stderr
    restored = Corpus.open(stored_corpus).read_segments(DOC)
    assert restored["tgt_text"].equals(original["tgt_text"])
    history = _history(stored_corpus)
    assert [(h["action"], h["editor"], h["live"]) for h in history][-1] == ("restore", "bob", True)
    assert history[-1]["generation"] == history[0]["generation"]


def test_restore_errors_are_one_line(tmp_path, stored_corpus):
    before = corpus_state(stored_corpus)
    live = _history(stored_corpus)[-1]["version"]
    assert_one_line_error(invoke("restore", stored_corpus, "--doc", DOC, "--version", live), "is the live one already")
    assert_one_line_error(invoke("restore", stored_corpus, "--doc", DOC, "--version", 0), "was not stored at version 0")
    assert_one_line_error(invoke("history", stored_corpus, "--doc", "nope"), "no document 'nope'")
    assert corpus_state(stored_corpus) == before


def test_removed_document_has_history_and_comes_back(stored_corpus):
    assert invoke("rm", stored_corpus, "--doc", DOC).exit_code == 0
    history = _history(stored_corpus)
    assert [h["action"] for h in history] == ["align", "remove"]
    assert invoke("restore", stored_corpus, "--doc", DOC, "--version", history[0]["version"]).exit_code == 0
    assert Corpus.open(stored_corpus).read_segments(DOC).height == 35
