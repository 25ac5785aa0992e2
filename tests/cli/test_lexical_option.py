"""`--lexical prefix|sentencepiece|none` on `align`, `eval` and `align-batch` (issue #4): the
choice reaches the aligner (it is in the signature, and changes the beads as the library's
own call does), and a bad value is a usage error."""

import json
import shutil

import pytest

from aligner.align.pipeline import align_files
from aligner.align.settings import AlignSettings
from aligner.interchange.beads import read_beads
from aligner.store.corpus import Corpus
from tests.cli.conftest import invoke
from tests.conftest import CORPORA

CABLE = CORPORA / "cable-1956-09-23-mikoyan"
RESOLUTION = CORPORA / "resolution-1956-09-23-kwp-plenum"


@pytest.mark.parametrize("kind", ["prefix", "sentencepiece", "none"])
def test_align_uses_the_chosen_units(tmp_path, kind):
    out = tmp_path / "beads.align"
    result = invoke("align", CABLE / "ru.sents", CABLE / "en.sents", "--segmented", "--lexical", kind,
                    "--beads-out", out)
    assert result.exit_code == 0, result.stderr
    assert f"|lex:{kind}|" in result.stderr
    expected = align_files(CABLE / "ru.sents", CABLE / "en.sents", settings=AlignSettings(lexical=kind),
                           segmented=True, lemmas=False)
    assert read_beads(out) == [(b.src, b.tgt) for b in expected.alignment.beads]


def test_an_unknown_kind_is_a_usage_error():
    result = invoke("align", CABLE / "ru.sents", CABLE / "en.sents", "--lexical", "bpe")
    assert result.exit_code == 2 and "--lexical" in result.stderr


def test_eval_records_the_units_in_its_signature(tmp_path):
    shutil.copytree(CABLE, tmp_path / "dataset" / "cable")
    result = invoke("eval", tmp_path / "dataset", "--no-paragraphs", "--lexical", "sentencepiece", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert "|lex:sentencepiece|" in data["signature"] and set(data["documents"]) == {"cable"}


def test_align_batch_with_sentencepiece_stores_the_choice(tmp_path):
    manifest = tmp_path / "batch.csv"
    manifest.write_text(
        "doc_id,src_path,tgt_path\n"
        f"cable,{CABLE / 'ru.txt'},{CABLE / 'en.txt'}\n"
        f"resolution,{RESOLUTION / 'ru.txt'},{RESOLUTION / 'en.txt'}\n",
        encoding="utf-8",
    )
    corpus = tmp_path / "c"
    result = invoke("align-batch", manifest, "--corpus", corpus, "--workers", "1", "--lexical", "sentencepiece")
    assert result.exit_code == 0, result.stderr
    frame = Corpus.open(corpus).read_documents()
    assert frame.height == 2
    assert all("|lex:sentencepiece|" in s for s in frame["signature"].to_list())
    assert all(json.loads(s)["lexical"] == "sentencepiece" for s in frame["settings"].to_list())
