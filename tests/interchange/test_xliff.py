"""XLIFF 2.1: core structure and metadata; one language pair per file."""

from __future__ import annotations

import pytest

from aligner.errors import InputError
from aligner.interchange.formats import export_segments
from aligner.interchange.xliff import MDA_NS, XLIFF_NS, read_xliff
from tests.interchange.conftest import CABLE


def test_structure(tmp_path, sample_corpus):
    from defusedxml import ElementTree

    path = tmp_path / "cable.xlf"
    export_segments(sample_corpus, path, "xliff", doc_id=CABLE)
    root = ElementTree.parse(str(path)).getroot()
    assert root.tag == f"{{{XLIFF_NS}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "ru", "en")
    files = root.findall(f"{{{XLIFF_NS}}}file")
    assert [f.get("original") for f in files] == [f"{CABLE}/en"]
    units = files[0].findall(f"{{{XLIFF_NS}}}unit")
    segments = sample_corpus.read_segments(CABLE)
    assert len(units) == segments.height
    unit = units[0]
    meta = {m.get("type"): m.text for m in unit.iter(f"{{{MDA_NS}}}meta")}
    assert meta["bead"] == segments["bead"][0] and meta["seg_no"] == "0"
    segment = unit.find(f"{{{XLIFF_NS}}}segment")
    assert segment.get("state") == "translated"
    assert segment.find(f"{{{XLIFF_NS}}}source").text == segments["src_text"][0]
    assert segment.find(f"{{{XLIFF_NS}}}target").text == segments["tgt_text"][0]


def test_reader_takes_units_of_other_tools(tmp_path):
    path = tmp_path / "cat.xlf"
    path.write_text(
        f'<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="ru-RU" trgLang="en-GB"><file id="f1">'
        '<unit id="1"><segment state="final"><source>Пленум <pc id="1">открылся</pc>.</source>'
        '<target>The plenum <pc id="1">opened</pc>.</target></segment></unit></file></xliff>',
        encoding="utf-8",
    )
    (record,) = read_xliff(path).records
    assert (record.src_text, record.tgt_text) == ("Пленум открылся.", "The plenum opened.")
    assert (record.src_lang, record.tgt_lang, record.reviewed) == ("ru", "en", True)


def test_mixed_language_pairs_are_refused(tmp_path, sample_corpus):
    import polars as pl

    from aligner.interchange.xliff import write_xliff

    frame = pl.DataFrame({"src_lang": ["ru", "de"], "tgt_lang": ["en", "en"]})
    with pytest.raises(InputError, match="one language pair"):
        write_xliff(frame, tmp_path / "x.xlf")
