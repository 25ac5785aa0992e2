"""Glossary files: TSV/CSV with language-coded columns, TBX 2008 and v3, round trips, bad input."""

from __future__ import annotations

import hashlib

import pytest

from aligner.errors import GlossaryError
from aligner.glossary import Glossary, Term, load_glossary, write_glossary

HEADER = "id\tcategory\tru\ten\ten_variants\ten_forbidden\tcase_sensitive\tnote\n"
KIM = "kim-il-sung\tperson\tКим Ир Сен\tKim Il Sung\tKim Il-sung|Kim Il-song\tKim Ir Sen\t\tChairman\n"
CC = "cc\torganisation\tЦК|Центральный Комитет\tCC\tCentral Committee\t\tyes\t\n"

KIM_TERM = Term(
    "kim-il-sung", "person", ("Ким Ир Сен",), ("Kim Il Sung",), ("Kim Il-sung", "Kim Il-song"), ("Kim Ir Sen",),
    False, "Chairman",
)
CC_TERM = Term("cc", "organisation", ("ЦК", "Центральный Комитет"), ("CC",), ("Central Committee",), (), True, "")


def _write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_tsv(tmp_path):
    path = _write(tmp_path, "g.tsv", HEADER + KIM + CC)
    glossary = load_glossary(path)
    assert glossary.terms == (KIM_TERM, CC_TERM)
    assert (glossary.source, glossary.src_lang, glossary.tgt_lang) == (path, "ru", "en")
    assert glossary.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert glossary.signature() == "gloss:" + glossary.sha256[:8]


def test_csv_with_quotes_bom_and_only_required_columns(tmp_path):
    content = '\ufeffID,RU,EN\nkim,"Ким Ир Сен","Kim Il Sung, Chairman"\n'
    glossary = load_glossary(_write(tmp_path, "g.csv", content))
    assert glossary.terms == (Term("kim", "other", ("Ким Ир Сен",), ("Kim Il Sung, Chairman",)),)


def test_any_language_pair(tmp_path):
    content = "id\tde\tfr\tfr_variants\tfr_forbidden\ncc\tZentralkomitee|ZK\tcomité central\tCC\tcomité centrale\n"
    glossary = load_glossary(_write(tmp_path, "g.tsv", content), "de", "fr")
    assert glossary.terms == (
        Term("cc", "other", ("Zentralkomitee", "ZK"), ("comité central",), ("CC",), ("comité centrale",)),
    )


def test_blank_and_comment_rows_are_skipped(tmp_path):
    glossary = load_glossary(_write(tmp_path, "g.tsv", HEADER + "\n# a comment\n" + KIM + "\t\t\t\n"))
    assert glossary.terms == (KIM_TERM,)


def test_header_only_is_an_empty_glossary(tmp_path):
    glossary = load_glossary(_write(tmp_path, "g.tsv", HEADER))
    assert glossary.terms == ()
    assert glossary.signature() == "gloss:none"


@pytest.mark.parametrize("suffix", [".tsv", ".csv", ".tbx"])
def test_round_trip(tmp_path, suffix):
    original = load_glossary(_write(tmp_path, "g.tsv", HEADER + KIM + CC))
    write_glossary(original, tmp_path / f"out{suffix}")
    again = load_glossary(tmp_path / f"out{suffix}")
    assert again.terms == original.terms


def test_tsv_written_as_read(tmp_path):
    path = _write(tmp_path, "g.tsv", HEADER + KIM + CC)
    write_glossary(load_glossary(path), tmp_path / "out.tsv")
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_bundled_glossary_round_trips_through_tbx(tmp_path, glossary_path):
    original = load_glossary(glossary_path)
    assert len(original.terms) >= 150
    write_glossary(original, tmp_path / "g.tbx")
    assert load_glossary(tmp_path / "g.tbx").terms == original.terms


TBX_2008 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="kim">
      <descrip type="subjectField">person</descrip>
      <note>Chairman of the KWP CC</note>
      <langSet xml:lang="ru-RU">
        <tig><term>Ким Ир Сен</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>Ким Ирсен</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="en-US">
        <tig><term>Kim Il-sung</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
        <tig><term>Kim Il Sung</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>Kim Ir Sen</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
        <tig><term>Kim Il-song</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="de"><tig><term>Kim Il-sung</term></tig></langSet>
    </termEntry>
    <termEntry id="plenum">
      <descrip type="subjectField">Party life</descrip>
      <langSet xml:lang="ru"><tig><term>пленум</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>plenum</term></tig><tig><term>plenary session</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="cc">
      <descrip type="subjectField">organisation</descrip>
      <note>case-sensitive</note>
      <langSec xml:lang="ru">
        <termSec><term>ЦК</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="en">
        <termSec><term>CC</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>Central Committee</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>C.C.</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_2008_keeps_every_synonym_and_status(tmp_path):
    glossary = load_glossary(_write(tmp_path, "g.tbx", TBX_2008))
    assert glossary.terms == (
        Term("kim", "person", ("Ким Ир Сен", "Ким Ирсен"), ("Kim Il Sung",), ("Kim Il-sung",),
             ("Kim Ir Sen", "Kim Il-song"), False, "Chairman of the KWP CC"),
        # No statuses: the first rendering is preferred; an unknown subject field goes to the note.
        Term("plenum", "other", ("пленум",), ("plenum",), ("plenary session",), (), False, "subject field: Party life"),
    )


def test_tbx_v3(tmp_path):
    glossary = load_glossary(_write(tmp_path, "g.tbx", TBX_V3))
    assert glossary.terms == (
        Term("cc", "organisation", ("ЦК",), ("CC",), ("Central Committee",), ("C.C.",), True, ""),
    )


def test_tbx_statuses_survive_export(tmp_path):
    glossary = load_glossary(_write(tmp_path, "g.tbx", TBX_2008))
    write_glossary(glossary, tmp_path / "out.tbx")
    text = (tmp_path / "out.tbx").read_text(encoding="utf-8")
    assert text.count("deprecatedTerm-admn-sts") == 2
    assert text.count("preferredTerm-admn-sts") == 4  # two entries, one per language each
    assert 'xmlns="urn:iso:std:iso:30042:ed-2"' in text
    assert load_glossary(tmp_path / "out.tbx").terms == glossary.terms


def test_tbx_escapes_markup_characters(tmp_path):
    term = Term("amp", "other", ("<Ким & Пак>",), ('"Kim" & <Pak>',), note="a < b & c")
    write_glossary(Glossary.from_terms([term]), tmp_path / "g.tbx")
    assert load_glossary(tmp_path / "g.tbx").terms == (term,)


# (file name, content, message fragment, line)
BAD = [
    ("g.tsv", "name\tru\ten\nx\tЦК\tCC\n", "lacks required column(s) 'id'", 1, "wrong header"),
    ("g.tsv", "id\tru\nx\tЦК\n", "'en'", 1, "missing language column"),
    ("g.tsv", "id,ru,en\nx,ЦК,CC\n", "is this file really TSV", 1, "CSV named .tsv"),
    ("g.tsv", "id\tid\tru\ten\n", "appears twice", 1, "duplicate column"),
    ("g.tsv", HEADER + KIM + "x\tother\tЦК\tCC\t\t\tmaybe\t\n", "case_sensitive must be yes or no", 3, "bad flag"),
    ("g.tsv", HEADER + KIM + "x\tother\tЦК\tCC\t\t\t\tnote\textra\n", "9 fields but the header has 8", 3, "extra field"),
    ("g.tsv", "", "the file is empty", 1, "empty file"),
    ("g.tsv", (HEADER + KIM).encode("utf-8") + "ЦК\tCC\n".encode("cp1251"), "not valid UTF-8", 3, "bad UTF-8"),
    ("g.tbx", "<martif><text><body><termEntry></body></text></martif>", "not well-formed XML", 1, "malformed XML"),
    ("g.tbx", "<glossary/>", "root element is <glossary>", None, "not TBX"),
    ("g.tbx", "<martif><text><body><termEntry id='x'><langSet><tig><term>a</term></tig></langSet>"
     "</termEntry></body></text></martif>", "<langSet> has no xml:lang", None, "langSet without language"),
    ("g.xlsx", "", "unknown glossary format '.xlsx'", None, "unknown extension"),
]


@pytest.mark.parametrize(("name", "content", "fragment", "line"), [b[:4] for b in BAD], ids=[b[4] for b in BAD])
def test_unreadable_glossary(tmp_path, name, content, fragment, line):
    path = _write(tmp_path, name, content)
    with pytest.raises(GlossaryError) as error:
        load_glossary(path)
    assert fragment in error.value.message
    assert error.value.path == str(path)
    assert error.value.line == line


def test_missing_file(tmp_path):
    with pytest.raises(GlossaryError, match="cannot read the glossary"):
        load_glossary(tmp_path / "absent.tsv")


def test_entity_expansion_is_refused(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']><martif><text><body><termEntry id="x"><langSet xml:lang="ru"><tig><term>&i;</term></tig>'
        "</langSet></termEntry></body></text></martif>"
    )
    with pytest.raises(GlossaryError, match="refused to read"):
        load_glossary(_write(tmp_path, "bomb.tbx", bomb))


def test_separator_inside_a_form_cannot_be_written_as_tsv(tmp_path):
    glossary = Glossary.from_terms([Term("x", "other", ("a|b",), ("c",))])
    with pytest.raises(GlossaryError, match="contains '\\|'"):
        write_glossary(glossary, tmp_path / "g.tsv")
    write_glossary(glossary, tmp_path / "g.tbx")  # TBX holds it
    assert load_glossary(tmp_path / "g.tbx").terms == glossary.terms
