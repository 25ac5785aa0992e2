"""``aligner terms check`` and ``aligner terms discover`` on the QA sample corpus."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.conftest import assert_one_line_error, corpus_state, invoke
from tests.qa.samples import MEMO, RESOLUTION, qa_corpus, test_glossary_path  # noqa: F401
from tests.qa.test_term_check import EXPECTED_FINDINGS

DRAFT_FINDINGS = [f for f in EXPECTED_FINDINGS if f[:2] == (MEMO, "en-draft")]


@pytest.fixture
def unchanged(qa_corpus):
    before = corpus_state(qa_corpus)
    yield qa_corpus
    assert corpus_state(qa_corpus) == before


def check(corpus, glossary, *args):
    return invoke("terms", "check", corpus, "-g", glossary, *args)


def test_json_output_and_exit_1_on_forbidden(unchanged, test_glossary_path):
    result = check(unchanged, test_glossary_path, "--doc", MEMO, "--translation", "en-draft", "--format", "json")
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"summary", "findings", "inconsistent", "same_source_different_target"}
    found = [(f["doc_id"], f["translation_id"], f["seg_no"], f["term_id"], f["kind"], f["rendering"]) for f in data["findings"]]
    assert found == DRAFT_FINDINGS
    nam = next(f for f in data["findings"] if f["term_id"] == "nam-il")
    assert nam["tgt"][slice(*nam["tgt_spans"][0])] == "Nam Ir"
    assert nam["src"][slice(*nam["src_spans"][0])] == "Нам Ир"
    assert nam["expected"] == ["Nam Il"]
    assert data["summary"]["by_kind"]["forbidden"] == 2
    # Within the draft alone, two terms are rendered in two ways each.
    assert [(u["term_id"], u["rendering"], u["status"], u["count"]) for u in data["inconsistent"]] == [
        ("factionalism", "factionalism", "preferred", 1),
        ("factionalism", "fractionalism", "forbidden", 1),
        ("kwp", "KWP", "preferred", 4),
        ("kwp", "Korean Workers Party", "variant", 1),
    ]
    assert {d for u in data["inconsistent"] for d in u["documents"]} == {f"{MEMO}/en-draft"}
    assert result.stderr.splitlines() == [
        f"warning: 1 translation(s) were aligned with another glossary than {test_glossary_path.name} "
        f"({MEMO}/en-draft); the check uses {test_glossary_path.name}",
        "23 findings in 31 segments of 1 translation(s): missing 1, forbidden 2, variant 20, unexpected 0, "
        "inconsistent 2, same_source_different_target 0",
    ]


def test_clean_translation_exits_0(unchanged, test_glossary_path):
    result = check(unchanged, test_glossary_path, "--doc", MEMO, "--translation", "en", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["findings"] == [] and data["inconsistent"] == [] and data["same_source_different_target"] == []


def test_whole_corpus_lists_repeated_sentences(unchanged, test_glossary_path):
    data = json.loads(check(unchanged, test_glossary_path, "--format", "json").stdout)
    assert data["same_source_different_target"] == [
        {
            "src": "Посол СССР в КНДР [подпись] В. Иванов",
            "renderings": ["USSR Ambassador to the DPRK [signature] V. Ivanov", "USSR Ambassador to the DPRK [signed] V. Ivanov"],
            "documents": [f"{MEMO}/en", f"{MEMO}/en-draft", f"{RESOLUTION}/en"],
            "occurrences": [
                {"document": f"{MEMO}/en", "seg_no": 28, "tgt": "USSR Ambassador to the DPRK [signature] V. Ivanov"},
                {"document": f"{MEMO}/en-draft", "seg_no": 28, "tgt": "USSR Ambassador to the DPRK [signed] V. Ivanov"},
                {"document": f"{RESOLUTION}/en", "seg_no": 6, "tgt": "USSR Ambassador to the DPRK [signature] V. Ivanov"},
            ],
        }
    ]
    assert [(d["doc_id"], d["translation_id"], d["total"]) for d in data["summary"]["by_document"]] == [
        (MEMO, "en", 0), (MEMO, "en-draft", 23), (RESOLUTION, "en", 1),
    ]


def test_table_marks_the_term_in_both_texts(unchanged, test_glossary_path):
    result = check(unchanged, test_glossary_path, "--doc", MEMO, "--translation", "en-draft", "--format", "tsv")
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    nam = next(r for r in rows if r["term_id"] == "nam-il")
    assert nam["src"] == "На беседе присутствовал министр иностранных дел КНДР тов. ⟦Нам Ир⟧."
    assert nam["tgt"] == "The DPRK Minister of Foreign Affairs, Comrade ⟦Nam Ir⟧, was present at the conversation."
    assert list(rows[0]) == ["doc_id", "translation_id", "seg_no", "term_id", "kind", "rendering", "expected", "src", "tgt"]
    assert len(rows) == len(DRAFT_FINDINGS)


def test_reviewed_tsv_as_ignore_file_reports_clean(unchanged, test_glossary_path, tmp_path):
    accepted = tmp_path / "accepted.tsv"
    first = check(unchanged, test_glossary_path, "--translation", "en-draft", "--format", "tsv", "-o", accepted)
    assert first.exit_code == 1 and first.stdout == "" and accepted.is_file()
    second = check(unchanged, test_glossary_path, "--translation", "en-draft", "--ignore", accepted, "--format", "json")
    assert second.exit_code == 0, second.stderr
    assert json.loads(second.stdout)["summary"]["ignored"] == 23
    assert second.stderr.splitlines()[-1].endswith("; 23 accepted finding(s) left out")


def test_stale_accepted_findings_are_warned_about(unchanged, test_glossary_path, tmp_path):
    accepted = tmp_path / "accepted.tsv"
    accepted.write_text(f"{MEMO}\ten-draft\t99\tnam-il\tforbidden\n", encoding="utf-8")
    result = check(unchanged, test_glossary_path, "--translation", "en-draft", "--ignore", accepted)
    assert result.exit_code == 1
    assert f"warning: 1 accepted finding(s) in {accepted} match no finding (stale)" in result.stderr.splitlines()


def test_html_format_writes_a_report(unchanged, test_glossary_path, tmp_path):
    out = tmp_path / "terms.html"
    result = check(unchanged, test_glossary_path, "--translation", "en-draft", "--format", "html", "-o", out)
    assert result.exit_code == 1 and result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count('<tr class="finding"') == len(DRAFT_FINDINGS)


def test_bundled_glossary_gives_no_glossary_warning(unchanged):
    from tests.qa.samples import BUNDLED_GLOSSARY

    result = check(unchanged, BUNDLED_GLOSSARY, "--doc", MEMO, "--translation", "en", "--format", "json")
    assert not any(line.startswith("warning:") for line in result.stderr.splitlines())


def test_bad_ignore_file_is_one_line_error(unchanged, test_glossary_path, tmp_path):
    accepted = tmp_path / "accepted.tsv"
    accepted.write_text("doc_id\ttranslation_id\tseg_no\tterm_id\tkind\nmemo\ten\tx\tnam-il\tforbidden\n", encoding="utf-8")
    assert_one_line_error(check(unchanged, test_glossary_path, "--ignore", accepted), f"{accepted}:2", "seg_no")


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--doc", "nope"), ("no document 'nope'",)),
        (("--doc", MEMO, "--translation", "fr"), ("no translation 'fr'",)),
    ],
    ids=["unknown document", "unknown translation"],
)
def test_unknown_documents_are_one_line_errors(unchanged, test_glossary_path, args, fragments):
    assert_one_line_error(check(unchanged, test_glossary_path, *args), *fragments)


def test_missing_corpus_and_glossary(tmp_path, test_glossary_path, qa_corpus):
    assert_one_line_error(check(tmp_path / "none", test_glossary_path), "none")
    assert_one_line_error(check(qa_corpus, tmp_path / "none.tsv"), "none.tsv")


def test_glossary_is_required(qa_corpus):
    result = invoke("terms", "check", qa_corpus)
    assert result.exit_code == 2 and "--glossary" in result.stderr


def test_discover_writes_glossary_tsv(unchanged, test_glossary_path, tmp_path):
    out = tmp_path / "candidates.tsv"
    result = invoke("terms", "discover", unchanged, "-g", test_glossary_path, "--format", "tsv", "-o", out, "--limit", "5")
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:4] == ["id", "category", "ru", "en"]
    assert len(lines) == 6
    assert "dprk\tother\tКНДР\tDPRK" in "\n".join(lines)
    assert result.stderr.strip() == "5 candidate(s) with at least 2 shared segments"
    from aligner.glossary import load_glossary

    assert len(load_glossary(out).terms) == 5


def test_discover_json_rows(unchanged, test_glossary_path):
    result = invoke("terms", "discover", unchanged, "-g", test_glossary_path, "--format", "json", "--min-count", "3")
    rows = json.loads(result.stdout)
    assert rows and all(r["count"] >= 3 for r in rows)
    assert set(rows[0]) == {"category", "src", "tgt", "count", "src_count", "tgt_count", "dice", "examples"}
    ivanov = next(r for r in rows if r["tgt"] == "Ivanov")
    assert ivanov["category"] == "person" and ivanov["examples"][0] == f"{MEMO}/en#2"
