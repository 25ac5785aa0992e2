"""TMX 1.4b: valid against the DTD, the header and props as specified, files from other tools read."""

from __future__ import annotations

import pytest

from aligner.errors import InputError
from aligner.interchange.formats import export_segments
from aligner.interchange.importer import import_file
from aligner.interchange.tmx import read_tmx
from aligner.query.concordance import concordance
from aligner.store.corpus import Corpus
from tests.conftest import SHARED
from tests.interchange.conftest import CABLE

DTD = SHARED / "standards" / "tmx14.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.skipif(not DTD.is_file(), reason="../shared/standards/tmx14.dtd is absent")
def test_export_is_valid_against_the_tmx14_dtd(tmp_path, sample_corpus):
    etree = pytest.importorskip("lxml.etree")
    path = tmp_path / "all.tmx"
    export_segments(sample_corpus, path, "tmx")
    dtd = etree.DTD(str(DTD))
    document = etree.parse(str(path))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()


def test_header_tu_and_props(tmp_path, sample_corpus):
    from defusedxml import ElementTree

    path = tmp_path / "cable.tmx"
    export_segments(sample_corpus, path, "tmx", doc_id=CABLE)
    assert path.read_text(encoding="utf-8").splitlines()[1] == '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    root = ElementTree.parse(str(path)).getroot()
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert {k: header.get(k) for k in ("creationtool", "segtype", "o-tmf", "adminlang", "srclang", "datatype")} == {
        "creationtool": "aligner", "segtype": "sentence", "o-tmf": "aligner", "adminlang": "en", "srclang": "ru",
        "datatype": "plaintext",
    }
    assert header.get("creationtoolversion")
    units = root.findall("body/tu")
    segments = sample_corpus.read_segments(CABLE)
    assert len(units) == segments.height
    first = units[0]
    props = {p.get("type"): p.text for p in first.findall("prop")}
    row = segments.row(0, named=True)
    assert props["x-doc-id"] == CABLE and props["x-bead"] == row["bead"]
    assert float(props["x-confidence"]) == row["confidence"]
    assert props.get("x-flags", "").split() == list(row["flags"])
    assert [tuv.get(XML_LANG) for tuv in first.findall("tuv")] == ["ru", "en"]
    assert first.find("tuv/seg").text == row["src_text"]


FOREIGN_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
 <header creationtool="SomeCAT" creationtoolversion="9" segtype="sentence" o-tmf="cat" adminlang="en-US"
         srclang="ru-RU" datatype="plaintext"/>
 <body>
  <tu>
   <tuv xml:lang="ru-RU"><seg>Пленум ЦК <bpt i="1">&lt;b&gt;</bpt>открылся<ept i="1">&lt;/b&gt;</ept> утром.</seg></tuv>
   <tuv xml:lang="en-US"><seg>The CC plenum <hi>opened</hi> in the morning.</seg></tuv>
  </tu>
  <tu>
   <tuv xml:lang="en-US"><seg>The delegates of the plenums left.</seg></tuv>
   <tuv xml:lang="ru-RU"><seg>Делегаты пленумов уехали.</seg></tuv>
  </tu>
 </body>
</tmx>
"""


def test_tmx_from_another_tool_becomes_a_new_document(tmp_path):
    path = tmp_path / "from-cat.tmx"
    path.write_text(FOREIGN_TMX, encoding="utf-8")
    records = read_tmx(path).records
    assert [(r.src_lang, r.tgt_lang) for r in records] == [("ru", "en"), ("ru", "en")]
    assert records[0].src_text == "Пленум ЦК открылся утром."  # inline codes dropped
    assert records[0].tgt_text == "The CC plenum opened in the morning."  # <hi> text kept
    assert records[1].src_text == "Делегаты пленумов уехали."  # source found by language, not order
    corpus = Corpus.open(tmp_path / "corpus", create=True)
    (result,) = import_file(corpus, path, editor="tester")
    assert (result.doc_id, result.translation_id, result.kind, result.segments) == ("from-cat", "en", "new", 2)
    segments = corpus.read_segments("from-cat")
    assert segments["bead"].to_list() == ["1-1", "1-1"]
    assert segments["confidence"].to_list() == [1.0, 1.0]
    # Lemmas were computed on import, so lemma queries find the inflected form.
    assert concordance(corpus, src="пленум", lemma=True)["seg_no"].to_list() == [0, 1]
    assert concordance(corpus, tgt="plenum", lemma=True)["seg_no"].to_list() == [0, 1]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("<tmx><body><tu>", "not well-formed XML", id="truncated"),
        pytest.param("<xliff/>", "not a TMX file", id="other root"),
        pytest.param(
            '<tmx version="1.4"><header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>a</seg></tuv></tu></body></tmx>',
            "tu 1 has 1 tuv",
            id="one language",
        ),
        pytest.param(
            '<tmx version="1.4"><header srclang="de"/><body><tu><tuv xml:lang="ru"><seg>a</seg></tuv>'
            '<tuv xml:lang="en"><seg>b</seg></tuv></tu></body></tmx>',
            "no tuv in the source language 'de'",
            id="source language absent",
        ),
        pytest.param(
            '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><tmx>&b;</tmx>',
            "refused unsafe XML",
            id="entity expansion refused",
        ),
    ],
)
def test_unreadable_tmx_is_one_input_error(tmp_path, text, fragment):
    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=fragment):
        read_tmx(path)
