"""`aligner glossary check|show|match|convert`: output, exit codes and bad input."""

from __future__ import annotations

import json

import pytest

from aligner.glossary import load_glossary
from tests.cli.conftest import GLOSSARY, assert_one_line_error, invoke

HEADER = "id\tcategory\tru\ten\ten_variants\ten_forbidden\tcase_sensitive\tnote\n"
ROWS = (
    "kim-il-sung\tperson\tКим Ир Сен\tKim Il Sung\tKim Il-sung\tKim Ir Sen\t\t\n"
    "cc-plenum\tparty_term\tПленум ЦК\tCC plenum\t\t\t\t\n"
    "comrade\ttitle\tтоварищ|тов.\tCde.\tComrade\t\t\t\n"
)


@pytest.fixture
def gloss(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


def _file(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- check ---------------------------------------------------------------------------------


def test_check_clean(gloss):
    result = invoke("glossary", "check", gloss)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"{gloss}: 3 terms, 0 errors, 0 warnings\n"


def test_check_lists_problems_and_exits_1(tmp_path):
    path = _file(
        tmp_path, "g.tsv",
        HEADER + ROWS + "comrade\ttitle\tтоварищи\tCdes.\t\t\t\t\n" + "x\tparty\tпленум\t\t\t\t\t\n",
    )
    result = invoke("glossary", "check", path, "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout == (
        "severity,kind,term_id,message\n"
        "error,duplicate_id,comrade,2 terms have the id 'comrade'\n"
        "error,empty_field,x,no preferred en rendering\n"
        "error,bad_category,x,"
        '"category \'party\' is not one of person, organisation, party_term, title, place, document, other"\n'
    )
    assert result.stderr == f"{path}: 5 terms, 3 errors, 0 warnings\n"


def test_check_warnings_pass(tmp_path):
    path = _file(tmp_path, "g.tsv", HEADER + "sen\tperson\tСен\tSen\t\t\t\t\nseine\tplace\tСена\tSeine\t\t\t\t\n")
    result = invoke("glossary", "check", path, "--format", "json")
    assert result.exit_code == 0
    [row] = json.loads(result.stdout)
    assert (row["severity"], row["kind"], row["term_id"]) == ("warning", "shared_form", "sen")


def test_check_empty_glossary_says_so(tmp_path):
    path = _file(tmp_path, "g.tsv", HEADER)
    result = invoke("glossary", "check", path)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"{path}: the glossary is empty (no terms)\n{path}: 0 terms, 0 errors, 0 warnings\n"


def test_check_bundled_glossary():
    result = invoke("glossary", "check", GLOSSARY)
    assert result.exit_code == 0, result.stdout
    assert ", 0 errors," in result.stderr


# --- show ----------------------------------------------------------------------------------


def test_show_one_term(gloss):
    result = invoke("glossary", "show", gloss, "--term", "kim-il-sung", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["lang"], r["status"], r["entry"]) for r in rows] == [
        ("ru", "source", "Ким Ир Сен"),
        ("en", "preferred", "Kim Il Sung"),
        ("en", "variant", "Kim Il-sung"),
        ("en", "forbidden", "Kim Ir Sen"),
    ]
    assert {"Ким Ир Сена", "Ким Ир Сеном", "Ким Ир Сену"} <= set(rows[0]["forms"])
    assert rows[1]["forms"] == ["Kim Il Sung"]


def test_show_all_terms_csv(gloss):
    result = invoke("glossary", "show", gloss, "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "term_id,lang,status,entry,forms"
    assert lines[-1] == "comrade,en,variant,Comrade,Comrade"
    assert "cc-plenum,ru,source,Пленум ЦК,\"Пленум ЦК, Пленума ЦК, Пленуму ЦК," in result.stdout


def test_show_unknown_term(gloss):
    assert_one_line_error(invoke("glossary", "show", gloss, "--term", "nobody"), str(gloss), "no term with id 'nobody'")


# --- match ---------------------------------------------------------------------------------


def test_match_russian_json(gloss, tmp_path):
    text = _file(tmp_path, "ru.txt", "Тов. Ким Ир Сен передал\nпроект решения Пленума ЦК\r\nс Ким Ир Сеном.\n")
    result = invoke("glossary", "match", gloss, text, "--lang", "ru", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"term_id": "comrade", "line": 1, "column": 1, "form": "тов."},
        {"term_id": "kim-il-sung", "line": 1, "column": 6, "form": "Ким Ир Сен"},
        {"term_id": "cc-plenum", "line": 2, "column": 16, "form": "Пленум ЦК"},
        {"term_id": "kim-il-sung", "line": 3, "column": 3, "form": "Ким Ир Сен"},
    ]
    assert result.stderr == f"{text}: 4 hits of 3 terms\n"


def test_match_english_csv(gloss, tmp_path):
    text = _file(tmp_path, "en.txt", "Cde. Kim Il-sung's request\nComrades and the CC plenum.\n")
    result = invoke("glossary", "match", gloss, text, "--lang", "en", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "term_id,line,column,form,text\n"
        "comrade,1,1,Cde.,Cde\n"
        "kim-il-sung,1,6,Kim Il-sung,Kim Il-sung\n"
        "comrade,2,1,Comrade,Comrades\n"
        "cc-plenum,2,18,CC plenum,CC plenum\n"
    )


def test_match_table(gloss, tmp_path):
    text = _file(tmp_path, "ru.txt", "Пленум ЦК\n")
    result = invoke("glossary", "match", gloss, text, "--lang", "ru")
    assert result.exit_code == 0
    assert "cc-plenum" in result.stdout and "Пленум ЦК" in result.stdout


def test_match_language_not_in_glossary(gloss, tmp_path):
    text = _file(tmp_path, "de.txt", "Zentralkomitee\n")
    result = invoke("glossary", "match", gloss, text, "--lang", "de")
    assert result.exit_code == 2
    assert "--lang" in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_match_missing_text_file(gloss, tmp_path):
    missing = tmp_path / "absent.txt"
    assert_one_line_error(invoke("glossary", "match", gloss, missing, "--lang", "ru"), str(missing))


# --- convert -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".tbx", ".csv", ".tsv"])
def test_convert(gloss, tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    result = invoke("glossary", "convert", gloss, out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote 3 terms to {out}\n"
    assert load_glossary(out).terms == load_glossary(gloss).terms


def test_convert_tbx_back_to_tsv_is_identical(gloss, tmp_path):
    assert invoke("glossary", "convert", gloss, tmp_path / "g.tbx").exit_code == 0
    assert invoke("glossary", "convert", tmp_path / "g.tbx", tmp_path / "back.tsv").exit_code == 0
    assert (tmp_path / "back.tsv").read_text(encoding="utf-8") == gloss.read_text(encoding="utf-8")


def test_convert_unknown_output_format(gloss, tmp_path):
    out = tmp_path / "out.xlsx"
    assert_one_line_error(invoke("glossary", "convert", gloss, out), str(out), "unknown glossary format '.xlsx'")
    assert not out.exists()


# --- bad glossaries, every command -----------------------------------------------------------

BAD = [
    ("g.tsv", "name\tru\ten\nx\tЦК\tCC\n", ":1: header lacks required column(s) 'id'", "wrong header"),
    ("g.tsv", "id\tru\nx\tЦК\n", ":1: header lacks required column(s) 'en'", "missing column"),
    ("g.tsv", (HEADER + ROWS).encode("utf-8") + "x\tЦК\n".encode("cp1251"), ":5: not valid UTF-8", "bad UTF-8"),
    ("g.tbx", "<martif><text><body><termEntry></body></text></martif>", ":1: not well-formed XML", "broken TBX"),
    ("g.tbx", '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><martif>&a;</martif>', "refused to read", "entity TBX"),
    ("g.tbx", "<glossary/>", "not a TBX file", "not TBX"),
    ("absent.tsv", None, "cannot read the glossary", "missing file"),
]
COMMANDS = [
    ("check",),
    ("show",),
    ("match", "TEXT", "--lang", "ru"),
    ("convert", "OUT"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize(("name", "content", "fragment"), [b[:3] for b in BAD], ids=[b[3] for b in BAD])
def test_bad_glossary(tmp_path, command, name, content, fragment):
    path = tmp_path / name if content is None else _file(tmp_path, name, content)
    text = _file(tmp_path, "ru.txt", "Ким Ир Сен\n")
    out = tmp_path / "out.tsv"
    args = [command[0], path, *[text if a == "TEXT" else out if a == "OUT" else a for a in command[1:]]]
    result = invoke("glossary", *args)
    assert_one_line_error(result, f"Error: {path}", fragment)
    assert not out.exists()


def test_help_has_examples():
    for command in ("check", "show", "match", "convert"):
        result = invoke("glossary", command, "--help")
        assert result.exit_code == 0
        assert "Example: aligner glossary " + command in result.stdout
