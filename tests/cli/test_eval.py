import json
import shutil

from tests.cli.conftest import assert_one_line_error, invoke
from tests.conftest import CORPORA


def test_eval_on_bundled_samples(tmp_path):
    for sample in CORPORA.iterdir():
        if (sample / "gold.align").is_file():
            shutil.copytree(sample, tmp_path / sample.name)
    result = invoke("eval", tmp_path, "--format", "json", "--pred-dir", tmp_path / "pred")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["documents"]) == {p.name for p in CORPORA.iterdir() if (p / "gold.align").is_file()}
    assert data["micro"]["f1_strict"] > 0.8
    assert data["signature"].startswith("seg-src:lines|")
    assert len(list((tmp_path / "pred").glob("*.align"))) == len(data["documents"])


def test_eval_table(tmp_path):
    shutil.copytree(CORPORA / "cable-1956-09-23-mikoyan", tmp_path / "one")
    result = invoke("eval", tmp_path)
    assert result.exit_code == 0
    assert "MICRO" in result.stdout and "beads by type" in result.stdout


def test_eval_on_empty_folder(tmp_path):
    assert_one_line_error(invoke("eval", tmp_path), str(tmp_path))
