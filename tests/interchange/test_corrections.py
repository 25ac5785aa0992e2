"""A reviewer's edited export applied as corrections; broken edits refused with nothing written."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import polars as pl
import pytest

from aligner.errors import CorpusError, InputError
from aligner.interchange.formats import export_segments, read_interchange
from aligner.interchange.importer import apply_import, import_file, plan_import
from aligner.store.edits import spread_text
from tests.interchange.conftest import CABLE


def corpus_files(path: Path) -> dict[str, int]:
    return {str(p.relative_to(path)): p.stat().st_size for p in sorted(path.rglob("*")) if p.is_file()}


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t"))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def ids(cell: str) -> list[int]:
    return json.loads(cell)


@pytest.fixture
def exported(tmp_path, sample_corpus) -> Path:
    path = tmp_path / "cable.tsv"
    export_segments(sample_corpus, path, "tsv", doc_id=CABLE)
    return path


SPREAD_CASES = [
    pytest.param(["Один.", "Два."], "Один. Два.", ["Один.", "Два."], id="unchanged"),
    pytest.param(["Один.", "Два."], "Одын. Два.", ["Одын.", "Два."], id="typo in the first"),
    pytest.param(["Один.", "Два."], "Один. Два, три.", ["Один.", "Два, три."], id="words added to the last"),
    pytest.param(["Cde. Mikoyan met.", "He left."], "Cde. A. I. Mikoyan met. He left.", ["Cde. A. I. Mikoyan met.", "He left."], id="initials inserted"),
    pytest.param(["A b c.", "D e.", "F."], "A b c.  D e. F!", ["A b c.", "D e.", "F!"], id="three sentences, spacing"),
]


@pytest.mark.parametrize(("parts", "new", "expected"), SPREAD_CASES)
def test_spread_text(parts, new, expected):
    assert spread_text(parts, new) == expected


def test_reviewers_edits_are_applied_in_one_commit_and_recorded(tmp_path, sample_corpus, exported):
    rows = read_rows(exported)
    before = sample_corpus.read_segments(CABLE)
    # Merge two neighbouring 1-1 rows.
    m = next(k for k in range(1, len(rows) - 1) if rows[k]["bead"] == rows[k + 1]["bead"] == "1-1")
    merged = dict(rows[m])
    for side in ("src", "tgt"):
        merged[f"{side}_sent_ids"] = json.dumps(ids(rows[m][f"{side}_sent_ids"]) + ids(rows[m + 1][f"{side}_sent_ids"]))
        merged[f"{side}_text"] = rows[m][f"{side}_text"] + " " + rows[m + 1][f"{side}_text"]
    # Split a 2-1 row into 1-1 and 1-0.
    s = next(k for k, r in enumerate(rows) if r["bead"] == "2-1")
    src_ids = ids(rows[s]["src_sent_ids"])
    stored_doc = sample_corpus.read_document(CABLE)
    first = {**rows[s], "src_sent_ids": json.dumps(src_ids[:1]), "src_text": stored_doc.src_sents[src_ids[0]].text}
    second = {**rows[s], "src_sent_ids": json.dumps(src_ids[1:]), "tgt_sent_ids": "[]",
              "src_text": stored_doc.src_sents[src_ids[1]].text, "tgt_text": ""}
    # Correct a target text and mark another row reviewed.
    t = next(k for k, r in enumerate(rows) if k not in (m, m + 1, s) and r["bead"] == "1-1" and "Kim Il Sung" in r["tgt_text"])
    rows[t] = {**rows[t], "tgt_text": rows[t]["tgt_text"].replace("Kim Il Sung", "Kim Il-sung")}
    r = next(k for k, row in enumerate(rows) if k not in (m, m + 1, s, t))
    rows[r] = {**rows[r], "reviewed": "yes"}
    edited = rows[:m] + [merged] + rows[m + 2 : s] + [first, second] + rows[s + 1 :] if m < s else None
    assert edited is not None, "the sample's first 2-1 bead comes after a mergeable pair"
    write_rows(exported, edited)

    version = sample_corpus.version
    (result,) = import_file(sample_corpus, exported, editor="anna")
    assert result.kind == "corrections"
    assert sample_corpus.version == version + 1  # one documents commit

    after = sample_corpus.read_segments(CABLE)
    assert after.height == before.height  # one merge (-1), one split (+1)
    kinds = dict(zip(after["seg_no"], after["bead"]))
    assert kinds[m] == "2-2"
    split = after.filter(pl.col("src_sent_ids") == [src_ids[1]])
    assert split["bead"].item() == "1-0" and split["confidence"].item() == 1.0
    assert any("Kim Il-sung" in text for text in after["tgt_text"])
    assert "Kim Il-sung" in sample_corpus.rebuild_text(CABLE, None, "tgt")
    assert after["reviewed"].sum() == before["reviewed"].sum() + 1
    # Everything else is as it was.
    untouched = after.filter(pl.col("seg_no") < min(m, t, r))
    assert untouched.equals(before.filter(pl.col("seg_no") < min(m, t, r)).with_columns(pl.lit(after["generation"][0]).alias("generation")))

    edits = sample_corpus.scan_edits().collect()
    assert set(edits["editor"]) == {"anna"}
    assert sorted(edits["action"]) == sorted(["import", "merge", "split", "text", "review"])
    text_edit = json.loads(edits.filter(pl.col("action") == "text")["detail"].item())
    assert "Kim Il Sung" in text_edit["before"] and "Kim Il-sung" in text_edit["after"]
    assert text_edit["row"] == f"row {edited.index(rows[t]) + 1}"


def _drop_sentence(rows):
    return rows[:3] + rows[4:]


def _repeat_row(rows):
    return rows[:4] + [rows[3]] + rows[4:]


def _id_beyond(rows):
    return rows[:-1] + [{**rows[-1], "tgt_sent_ids": json.dumps(ids(rows[-1]["tgt_sent_ids"]) + [999])}]


def _empty_text(rows):
    return rows[:2] + [{**rows[2], "src_text": "  "}] + rows[3:]


def _text_without_ids(rows):
    k = next(k for k, r in enumerate(rows) if r["tgt_sent_ids"] == "[]")
    return rows[:k] + [{**rows[k], "tgt_text": "An added sentence."}] + rows[k + 1 :]


def _stale(rows):
    return [{**r, "generation": str(int(r["generation"]) - 1)} for r in rows]


def _bad_flag(rows):
    return rows[:1] + [{**rows[1], "flags": '["omision"]'}] + rows[2:]


def _bad_reviewed(rows):
    return rows[:1] + [{**rows[1], "reviewed": "maybe"}] + rows[2:]


def _empty_row(rows):
    return rows[:1] + [{**rows[1], "src_sent_ids": "[]", "tgt_sent_ids": "[]", "src_text": "", "tgt_text": ""}] + rows[2:]


BROKEN = [
    pytest.param(_drop_sentence, r"row 4: source sentence 3 is missing before sentence 4", id="a sentence dropped"),
    pytest.param(_repeat_row, r"row 5: source sentence 3 is repeated or out of order", id="a row repeated"),
    pytest.param(_id_beyond, r"target sentence 999 does not exist", id="an id past the end"),
    pytest.param(_empty_text, r"row 3: the corrected source text leaves sentence 2 empty", id="a text emptied"),
    pytest.param(_text_without_ids, r"target text given for a side without sentences", id="a sentence added"),
    pytest.param(_stale, r"exported from version -?\d+, but document", id="exported from an older version"),
    pytest.param(_bad_flag, r"row 2: unknown flag 'omision'", id="a misspelt flag"),
    pytest.param(_bad_reviewed, r"row 2, column reviewed: expected true or false", id="reviewed not a boolean"),
    pytest.param(_empty_row, r"row 2: a segment needs at least one sentence", id="a row with no sentence"),
]


@pytest.mark.parametrize(("breaks", "message"), BROKEN)
def test_a_broken_edit_is_refused_and_nothing_is_written(tmp_path, sample_corpus, exported, breaks, message):
    write_rows(exported, breaks(read_rows(exported)))
    state = corpus_files(sample_corpus.path)
    with pytest.raises(InputError, match=message) as raised:
        import_file(sample_corpus, exported, editor="anna")
    assert raised.value.path == str(exported)
    assert corpus_files(sample_corpus.path) == state


def test_a_plan_made_stale_by_another_writer_is_refused(tmp_path, sample_corpus, exported, aligned_samples):
    rows = read_rows(exported)
    rows[0] = {**rows[0], "reviewed": "true"}
    write_rows(exported, rows)
    plan = plan_import(sample_corpus, read_interchange(exported))
    sample_corpus.write_document(aligned_samples[0])  # someone re-aligns meanwhile
    version = sample_corpus.version
    with pytest.raises(CorpusError, match="changed while this edit was prepared"):
        apply_import(sample_corpus, plan, editor="anna")
    assert sample_corpus.version == version


def test_doc_option_names_the_document_of_a_single_document_file(tmp_path, sample_corpus):
    path = tmp_path / "all.tsv"
    export_segments(sample_corpus, path, "tsv")
    with pytest.raises(InputError, match=re.escape("--doc names one document, the file holds 2")):
        plan_import(sample_corpus, read_interchange(path), doc_id="x")



try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    given = None

if given is not None:
    _sentence = st.text(alphabet="абвгдежзиклмнопрстуфхцчшщыэюяabcdefxyz.,", min_size=1, max_size=30).map(str.strip).filter(bool)

    @settings(max_examples=60, deadline=None)
    @given(texts=st.lists(_sentence, min_size=1, max_size=5), which=st.integers(min_value=0), where=st.integers(min_value=0))
    def test_spread_text_moves_only_the_edited_sentence(texts, which, where):
        # Real sentences differ from each other; identical ones ("a", "a", "a") make any split
        # of an edit at their boundary equally right, so each sentence carries its number.
        parts = [f"S{n}: {text}" for n, text in enumerate(texts)]
        assert spread_text(parts, " ".join(parts)) == parts
        k = which % len(parts)
        # An edit inside the sentence (not at its first character, where it could as well
        # belong to the end of the previous sentence).
        pos = 1 + where % len(parts[k])
        edited = list(parts)
        edited[k] = parts[k][:pos] + "Ж" + parts[k][pos:]
        assert spread_text(parts, " ".join(edited)) == edited
