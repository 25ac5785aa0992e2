import json

from tests.cli.conftest import assert_one_line_error, invoke

DOC = "cable-1956-09-23-mikoyan"


def test_show_prints_segments_side_by_side(stored_corpus):
    result = invoke("show", stored_corpus, "--doc", DOC, "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "seg_no\tsrc_text\ttgt_text\tbead\tscore\tconfidence\tflags"
    assert lines[1].startswith("0\t")


def test_show_json_has_segment_keys(stored_corpus):
    rows = json.loads(invoke("show", stored_corpus, "--doc", DOC, "--format", "json").stdout)
    assert [r["seg_no"] for r in rows] == list(range(len(rows)))


def test_show_table_names_document(stored_corpus):
    result = invoke("show", stored_corpus, "--doc", DOC)
    assert result.exit_code == 0
    assert f"{DOC} / en" in result.stdout


def test_show_unknown_document(stored_corpus):
    assert_one_line_error(invoke("show", stored_corpus, "--doc", "nope"), "nope")


def test_show_on_a_folder_that_is_not_a_corpus(tmp_path):
    assert_one_line_error(invoke("show", tmp_path, "--doc", DOC), str(tmp_path))
