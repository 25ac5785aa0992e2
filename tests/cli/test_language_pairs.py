"""Any language pair through the CLI: de-fr and zh-en texts aligned against gold, the script check
without --src-lang/--tgt-lang, ``eval`` on both dataset folder forms, and a de-fr corpus queried,
exported to TMX and checked against a de-fr glossary.

The pairs in ``tests/data/pairs/`` were written for these tests: ``de-fr`` has a merge (two German
sentences, one French) and an omission (a German sentence left untranslated), ``zh-en`` a split
(one Chinese sentence, two English). ``gold.align`` numbers the lines of the ``.sents`` files,
which are the sentences the segmenter finds in the ``.txt`` files (``tests/pairs/test_pair_data``).
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import polars as pl
import pytest

from aligner.align.evaluate import count_hits, scores
from aligner.interchange.beads import read_beads
from tests.cli.conftest import assert_one_line_error, corpus_state, invoke
from tests.pairs.conftest import PAIRS

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FLAG_KINDS = {"omission", "addition", "editorial", "number_mismatch", "date_mismatch", "term_mismatch",
              "name_mismatch", "length_outlier", "low_confidence"}

# (id, pair folder, src lang, tgt lang, the multi-sentence gold bead that must be found exactly)
PAIR_CASES = [
    ("German original, French translation: a 2-1 merge", "de-fr", "de", "fr", ((4, 5), (4,))),
    ("Chinese original, English translation: a 1-2 split", "zh-en", "zh", "en", ((7,), (7, 8))),
]
# Floors with a margin under what the aligner reaches on these texts (issue #9): lax 1.0 on both,
# strict 0.92 (de-fr: the omission is absorbed into its neighbour) and 1.0 (zh-en).
MIN_LAX_F1 = 0.9
MIN_STRICT_F1 = 0.8


@pytest.mark.parametrize(("pair", "src", "tgt", "bead"), [c[1:] for c in PAIR_CASES],
                         ids=[c[0] for c in PAIR_CASES])
def test_align_pair_against_gold(tmp_path, pair, src, tgt, bead):
    out = tmp_path / "pred.align"
    result = invoke("align", PAIRS / pair / f"{src}.txt", PAIRS / pair / f"{tgt}.txt",
                    "--src-lang", src, "--tgt-lang", tgt, "--beads-out", out)
    assert result.exit_code == 0, result.stderr
    gold = read_beads(PAIRS / pair / "gold.align")
    pred = read_beads(out)
    found = scores(count_hits(gold, pred))
    assert found.f1_lax >= MIN_LAX_F1, found
    assert found.f1_strict >= MIN_STRICT_F1, found
    assert tuple(map(tuple, bead)) in {(tuple(s), tuple(t)) for s, t in pred}
    n_src = len((PAIRS / pair / f"{src}.sents").read_text(encoding="utf-8").splitlines())
    n_tgt = len((PAIRS / pair / f"{tgt}.sents").read_text(encoding="utf-8").splitlines())
    assert f"{n_src} {src} / {n_tgt} {tgt} sentences" in result.stderr


# Without flags the pair is ru-en: a German or Chinese source contradicts it by its script alone.
NO_FLAG_CASES = [
    ("German source declared Russian by default", "de-fr", "de.txt", "fr.txt", "looks like German (de)"),
    ("Chinese source declared Russian by default", "zh-en", "zh.txt", "en.txt", "looks like Chinese (zh)"),
]


@pytest.mark.parametrize(("pair", "src", "tgt", "looks"), [c[1:] for c in NO_FLAG_CASES],
                         ids=[c[0] for c in NO_FLAG_CASES])
def test_script_contradicting_the_default_language_is_one_line(tmp_path, pair, src, tgt, looks):
    out = tmp_path / "pred.align"
    result = invoke("align", PAIRS / pair / src, PAIRS / pair / tgt, "--beads-out", out)
    assert_one_line_error(result, src, looks, "Russian (ru)", "--src-lang/--tgt-lang")
    assert not out.exists()


def test_swapped_de_fr_sides_are_one_line(tmp_path):
    result = invoke("align", PAIRS / "de-fr" / "fr.txt", PAIRS / "de-fr" / "de.txt", "--src-lang", "de",
                    "--tgt-lang", "fr", "--beads-out", tmp_path / "x.align")
    assert_one_line_error(result, "fr.txt", "looks like French (fr)", "German (de)", "swapped")
    assert not (tmp_path / "x.align").exists()


# ---------------------------------------------------------------- eval on both folder forms

RU_SENTS = ["Пленум открылся в 10 часов утра.", "На пленуме присутствовали члены ЦК.",
            "Мы с тов. Пэн Дэхуаем на пленуме не присутствовали.", "Заседание закончилось в 7 часов вечера."]
EN_SENTS = ["The plenum opened at 10 in the morning.", "Members of the CC were present at the plenum.",
            "Cde. Peng Dehuai and I did not attend the plenum.", "The session ended at 7 in the evening."]


def _ru_en_pair(folder):
    folder.mkdir(parents=True)
    (folder / "ru.sents").write_text("\n".join(RU_SENTS) + "\n", encoding="utf-8")
    (folder / "en.sents").write_text("\n".join(EN_SENTS) + "\n", encoding="utf-8")
    (folder / "gold.align").write_text("".join(f"[{i}]:[{i}]\n" for i in range(4)), encoding="utf-8")


def _copy_pair(name, folder, with_meta=True):
    folder.mkdir(parents=True)
    for path in (PAIRS / name).iterdir():
        if path.suffix in (".sents", ".align") or (with_meta and path.name == "meta.json"):
            shutil.copy(path, folder / path.name)


def test_eval_reads_both_folder_forms(tmp_path):
    dataset = tmp_path / "dataset"
    _ru_en_pair(dataset / "a-ru-en")
    _copy_pair("de-fr", dataset / "b-de-fr")
    _copy_pair("zh-en", dataset / "c-zh-en")
    result = invoke("eval", dataset, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    docs = data["documents"]
    assert sorted(docs) == ["a-ru-en", "b-de-fr", "c-zh-en"]
    # Each side is read from its own .sents file: the unit counts are those files' line counts.
    assert [docs[name]["gold_beads"] for name in sorted(docs)] == [4, 14, 10]
    assert docs["a-ru-en"]["f1_strict"] == pytest.approx(1.0)
    assert docs["b-de-fr"]["f1_lax"] >= MIN_LAX_F1
    assert docs["c-zh-en"]["f1_lax"] >= MIN_LAX_F1
    assert data["micro"]["f1_lax"] >= MIN_LAX_F1


def test_eval_table_on_a_meta_json_folder(tmp_path):
    _copy_pair("de-fr", tmp_path / "dataset" / "de-fr")
    result = invoke("eval", tmp_path / "dataset", "--max-bead", "3")
    assert result.exit_code == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "de-fr" in line)
    assert " 15 " in row and " 13 " in row  # 15 German and 13 French units
    assert "beads:1-1,1-0,0-1,1-2,1-3," in result.stderr


def test_eval_without_meta_json_names_the_missing_file(tmp_path):
    _copy_pair("de-fr", tmp_path / "dataset" / "de-fr", with_meta=False)
    assert_one_line_error(invoke("eval", tmp_path / "dataset"), "ru.sents")


# ---------------------------------------------------------------- a de-fr corpus

GLOSSARY = PAIRS / "de-fr" / "glossary.tsv"


@pytest.fixture(scope="module")
def de_fr_corpus(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("de-fr") / "corpus"
    result = invoke("align", PAIRS / "de-fr" / "de.txt", PAIRS / "de-fr" / "fr.txt", "--src-lang", "de",
                    "--tgt-lang", "fr", "-g", GLOSSARY, "--corpus", corpus)
    assert result.exit_code == 0, result.stderr
    return corpus


def test_de_fr_corpus_records_its_languages(de_fr_corpus):
    doc = pl.read_delta(str(de_fr_corpus / "documents"))
    assert doc.select("doc_id", "translation_id", "src_lang", "tgt_lang").rows() == [("de-fr", "fr", "de", "fr")]
    segments = pl.read_delta(str(de_fr_corpus / "segments"))
    # Lemmas and stems come from the Snowball German and French stemmers; the glossary's de/fr
    # columns gave term ids on both sides.
    plenum = segments.filter(pl.col("seg_no") == 1).row(0, named=True)
    assert {"plenum", "zentralkomite", "septemb"} <= set(plenum["src_lemmas"])
    assert {"plénum", "comit", "septembr"} <= set(plenum["tgt_stems"])
    assert "plenum" in plenum["src_terms"] and "plenum" in plenum["tgt_terms"]


QUERY_CASES = [
    ("literal German word, compounds included", ["--src", "Plenum"], [1, 2, 4, 6, 8]),
    ("literal German plural only", ["--src", "Genossen"], [4, 6]),
    ("German stem: every form of Genosse", ["--src", "Genossen", "--lemma"], [4, 5, 6, 7, 8]),
    ("French pattern", ["--tgt", "camarade"], [4, 5, 6, 7, 8]),
    ("German and French together", ["--src", "Kim Il Sung", "--tgt", "reçu"], [8]),
]


@pytest.mark.parametrize(("args", "seg_nos"), [c[1:] for c in QUERY_CASES], ids=[c[0] for c in QUERY_CASES])
def test_query_de_fr_corpus(de_fr_corpus, args, seg_nos):
    result = invoke("query", de_fr_corpus, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(row["seg_no"] for row in json.loads(result.stdout)) == seg_nos


def test_export_tmx_uses_the_document_languages(de_fr_corpus, tmp_path):
    out = tmp_path / "de-fr.tmx"
    result = invoke("export", de_fr_corpus, "-o", out)
    assert result.exit_code == 0, result.stderr
    root = ET.parse(out).getroot()
    assert root.find("header").get("srclang") == "de"
    units = root.findall("body/tu")
    assert len(units) == pl.read_delta(str(de_fr_corpus / "segments")).height
    assert {tu.get("srclang") for tu in units} == {"de"}
    langs = {tuple(tuv.get(XML_LANG) for tuv in tu.findall("tuv")) for tu in units}
    assert langs <= {("de", "fr"), ("de",)}  # an omission has no French side
    first = units[0].findall("tuv")
    assert first[0].findtext("seg").startswith("Bericht der Botschaft")
    assert first[1].findtext("seg").startswith("Rapport de l'ambassade")


def test_terms_check_with_a_de_fr_glossary(de_fr_corpus):
    before = corpus_state(de_fr_corpus)
    result = invoke("terms", "check", de_fr_corpus, "-g", GLOSSARY, "--src-lang", "de", "--tgt-lang", "fr",
                    "--format", "json")
    assert result.exit_code == 1, result.stderr  # a missing rendering is a finding
    data = json.loads(result.stdout)
    missing = [(f["term_id"], f["seg_no"]) for f in data["findings"] if f["kind"] == "missing"]
    # "Hilfe" is rendered "aide", not the glossary's "assistance".
    assert missing == [("help", 10)]
    assert all(f["doc_id"] == "de-fr" for f in data["findings"])
    assert not [f for f in data["findings"] if f["term_id"] in ("mikoyan", "kim-il-sung", "cpsu")]
    assert corpus_state(de_fr_corpus) == before


def test_terms_check_takes_the_languages_of_the_corpus(de_fr_corpus):
    """With no --src-lang/--tgt-lang, a de-fr corpus is checked with the glossary's de and fr columns."""
    result = invoke("terms", "check", de_fr_corpus, "-g", GLOSSARY, "--format", "json")
    assert "not the glossary's" not in result.stderr
    assert json.loads(result.stdout)["findings"], result.stderr


def test_terms_check_with_languages_the_glossary_lacks(de_fr_corpus):
    result = invoke("terms", "check", de_fr_corpus, "-g", GLOSSARY, "--src-lang", "ru", "--tgt-lang", "en")
    assert_one_line_error(result, "glossary.tsv")


def test_diff_on_a_de_fr_corpus(de_fr_corpus):
    result = invoke("diff", de_fr_corpus, "--doc", "de-fr", "-g", GLOSSARY, "--src-lang", "de",
                    "--tgt-lang", "fr", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and {r["doc_id"] for r in rows} == {"de-fr"}
    assert {r["kind"] for r in rows} <= FLAG_KINDS
    segments = pl.read_delta(str(de_fr_corpus / "segments")).sort("seg_no")
    for row in rows:
        stored = segments.row(row["seg_no"], named=True)
        assert (row["src"], row["tgt"], row["bead"]) == (stored["src_text"], stored["tgt_text"], stored["bead"])

