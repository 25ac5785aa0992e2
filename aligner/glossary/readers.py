"""Read and write glossary files: TSV, CSV and TBX, chosen by the file's extension.

Tabular files (``.tsv``: tab-separated, no quoting; ``.csv``: comma-separated, RFC 4180 quoting)
are UTF-8 (a BOM is allowed) with one header row naming columns, case-insensitively::

    id  category  <src>  <tgt>  <tgt>_variants  <tgt>_forbidden  case_sensitive  note

where ``<src>``/``<tgt>`` are language codes (``ru``, ``en``; ``de``, ``fr`` for a German-French
glossary). Only ``id``, ``<src>`` and ``<tgt>`` are required; other columns are ignored. Several
values in a cell are separated by ``|``. ``case_sensitive`` is ``yes``/``no`` (also ``true``,
``1``, ``y``, ...; empty = no). Blank rows and rows whose first cell starts with ``#`` are skipped.

TBX: TBX-Basic/TBX 2008 (``martif/text/body/termEntry/langSet/tig|ntig``) and TBX v3
(``tbx/text/body/conceptEntry/langSec/termSec``) are read; TBX v3 (TBX-Basic dialect) is
written. Administrative status maps to the glossary's tiers: preferred → preferred, admitted →
variants, deprecated/superseded → forbidden; a target term without status is a variant, or the
preferred rendering when its language section has no preferred term. Every source term is a
source form (the first is written as preferred, the others as admitted). ``subjectField`` holds
the category, entry-level ``note`` elements the note, and a note ``case-sensitive`` the flag
(TBX has no data category for it). XML is parsed with defusedxml: entity declarations (the
"billion laughs" attack) and external references are refused, not expanded.

Unreadable files raise ``GlossaryError`` naming the file and the line (or XML element);
readable files with odd content load, and ``check_glossary`` reports what is wrong.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Protocol
from xml.etree import ElementTree

from aligner.errors import GlossaryError
from aligner.glossary.model import CATEGORIES, DEFAULT_CATEGORY, Glossary, Term

SEPARATOR = "|"
TRUE_VALUES = frozenset({"yes", "y", "true", "t", "1", "x"})
FALSE_VALUES = frozenset({"", "no", "n", "false", "f", "0"})

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_SENSITIVE_NOTE = "case-sensitive"
# Administrative statuses (TBX-Basic ``administrativeStatus``, older ``normativeAuthorization``)
# by glossary tier; the ``-admn-sts`` suffix is optional on input.
PREFERRED_STATUSES = frozenset({"preferredterm", "standardizedterm", "legalterm", "regulatedterm", "preferred"})
ADMITTED_STATUSES = frozenset({"admittedterm", "admitted"})
FORBIDDEN_STATUSES = frozenset({"deprecatedterm", "supersededterm", "deprecated", "superseded"})
STATUS_TYPES = frozenset({"administrativeStatus", "normativeAuthorization"})


class GlossaryFormat(Protocol):
    """One file format: bytes in, terms out, and back."""

    name: str

    def read(self, data: bytes, path: Path, src_lang: str, tgt_lang: str) -> tuple[Term, ...]:
        """Parse a whole file; raise ``GlossaryError`` for what cannot be read."""
        ...

    def write(self, glossary: Glossary, path: Path) -> bytes:
        """Serialise a glossary; ``path`` is only for error messages."""
        ...


class TabularFormat:
    """TSV or CSV with a header row (see the module docstring)."""

    def __init__(self, name: str, delimiter: str):
        self.name = name
        self.delimiter = delimiter

    def _dialect(self) -> dict[str, object]:
        if self.delimiter == "\t":
            return {"delimiter": "\t", "quoting": csv.QUOTE_NONE, "lineterminator": "\n"}
        return {"delimiter": ",", "lineterminator": "\n"}

    def read(self, data: bytes, path: Path, src_lang: str, tgt_lang: str) -> tuple[Term, ...]:
        text = _decode(data, path)
        if not text.strip():
            raise GlossaryError(
                f"the file is empty: a glossary needs a header row (id, {src_lang}, {tgt_lang}, ...)",
                path=path, line=1,
            )
        reader = csv.reader(io.StringIO(text, newline=""), **self._dialect())  # type: ignore[arg-type]
        try:
            header = next(reader)
            columns = self._columns(header, path, src_lang, tgt_lang)
            terms = []
            for row in reader:
                if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                    continue
                if len(row) > len(header):
                    raise GlossaryError(
                        f"row has {len(row)} fields but the header has {len(header)}"
                        + (" (a tab inside a value?)" if self.delimiter == "\t" else ""),
                        path=path, line=reader.line_num,
                    )
                cells = {name: (row[i].strip() if i < len(row) else "") for name, i in columns.items()}
                terms.append(self._term(cells, path, reader.line_num, src_lang, tgt_lang))
        except csv.Error as error:
            raise GlossaryError(f"cannot parse {self.name}: {error}", path=path, line=reader.line_num) from error
        return tuple(terms)

    def _columns(self, header: list[str], path: Path, src_lang: str, tgt_lang: str) -> dict[str, int]:
        names = [name.strip().lower() for name in header]
        seen: set[str] = set()
        for name in names:
            if name and name in seen:
                raise GlossaryError(f"column {name!r} appears twice in the header", path=path, line=1)
            seen.add(name)
        missing = [name for name in ("id", src_lang, tgt_lang) if name not in seen]
        if missing:
            shown = ", ".join(repr(name) for name in names if name) or "nothing"
            hint = ""
            if len(names) == 1 and any(sep in names[0] for sep in ",;\t"):
                hint = f" (is this file really {self.name}? check its extension)"
            raise GlossaryError(
                f"header lacks required column(s) {', '.join(map(repr, missing))}; it has {shown}{hint}; "
                f"a glossary needs id, {src_lang} and {tgt_lang} (see --src-lang/--tgt-lang)",
                path=path, line=1,
            )
        return {name: index for index, name in enumerate(names) if name}

    @staticmethod
    def _term(cells: dict[str, str], path: Path, line: int, src_lang: str, tgt_lang: str) -> Term:
        flag = cells.get("case_sensitive", "").lower()
        if flag not in TRUE_VALUES and flag not in FALSE_VALUES:
            raise GlossaryError(
                f"case_sensitive must be yes or no (or empty), not {cells['case_sensitive']!r}",
                path=path, line=line,
            )
        return Term(
            term_id=cells["id"],
            category=cells.get("category", "") or DEFAULT_CATEGORY,
            src_forms=_split(cells[src_lang]),
            tgt_preferred=_split(cells[tgt_lang]),
            tgt_variants=_split(cells.get(f"{tgt_lang}_variants", "")),
            tgt_forbidden=_split(cells.get(f"{tgt_lang}_forbidden", "")),
            case_sensitive=flag in TRUE_VALUES,
            note=cells.get("note", ""),
        )

    def write(self, glossary: Glossary, path: Path) -> bytes:
        src, tgt = glossary.src_lang, glossary.tgt_lang
        out = io.StringIO(newline="")
        writer = csv.writer(out, **self._dialect())  # type: ignore[arg-type]
        writer.writerow(["id", "category", src, tgt, f"{tgt}_variants", f"{tgt}_forbidden", "case_sensitive", "note"])
        for term in glossary.terms:
            cells = [
                _single(term.term_id, term, path, self),
                _single(term.category, term, path, self),
                _join(term.src_forms, term, path, self),
                _join(term.tgt_preferred, term, path, self),
                _join(term.tgt_variants, term, path, self),
                _join(term.tgt_forbidden, term, path, self),
                "yes" if term.case_sensitive else "",
                _single(term.note, term, path, self),
            ]
            writer.writerow(cells)
        return out.getvalue().encode("utf-8")


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise GlossaryError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at column {column}); save the file as UTF-8",
            path=path, line=line,
        ) from error


def _split(cell: str) -> tuple[str, ...]:
    return tuple(value.strip() for value in cell.split(SEPARATOR) if value.strip())


def _single(value: str, term: Term, path: Path, fmt: TabularFormat) -> str:
    if fmt.delimiter == "\t" and any(ch in value for ch in "\t\n\r"):
        raise GlossaryError(
            f"term {term.term_id!r}: {value!r} has a tab or line break, which TSV cannot hold", path=path
        )
    return value


def _join(values: tuple[str, ...], term: Term, path: Path, fmt: TabularFormat) -> str:
    for value in values:
        if SEPARATOR in value:
            raise GlossaryError(
                f"term {term.term_id!r}: {value!r} contains {SEPARATOR!r}, which {fmt.name} uses between forms",
                path=path,
            )
        _single(value, term, path, fmt)
    return SEPARATOR.join(values)


class TbxFormat:
    """TBX 2008 (TBX-Basic) and TBX v3 in; TBX v3 (TBX-Basic dialect) out."""

    name = "TBX"

    def read(self, data: bytes, path: Path, src_lang: str, tgt_lang: str) -> tuple[Term, ...]:
        import defusedxml.ElementTree as SafeElementTree
        from defusedxml import DefusedXmlException

        try:
            root = SafeElementTree.fromstring(data)
        except ElementTree.ParseError as error:
            line, column = error.position
            reason = str(error).split(":")[0]
            raise GlossaryError(f"not well-formed XML: {reason} (column {column + 1})", path=path, line=line) from error
        except DefusedXmlException as error:
            raise GlossaryError(
                f"refused to read: the XML declares entities or external references ({error}); "
                "TBX files need neither",
                path=path,
            ) from error
        if _local(root.tag) not in ("martif", "tbx"):
            raise GlossaryError(
                f"not a TBX file: the root element is <{_local(root.tag)}>, not <martif> or <tbx>", path=path
            )
        entries = [el for el in root.iter() if _local(el.tag) in ("termEntry", "conceptEntry")]
        return tuple(
            _read_entry(entry, number, path, src_lang, tgt_lang) for number, entry in enumerate(entries, start=1)
        )

    def write(self, glossary: Glossary, path: Path) -> bytes:
        # The default namespace is declared as a plain attribute and tags are left unqualified,
        # so that ElementTree's global prefix registry is not touched.
        root = ElementTree.Element(
            "tbx", {"xmlns": TBX_NAMESPACE, "type": "TBX-Basic", "style": "dca", XML_LANG: glossary.src_lang}
        )
        header = ElementTree.SubElement(root, "tbxHeader")
        source_desc = ElementTree.SubElement(ElementTree.SubElement(header, "fileDesc"), "sourceDesc")
        ElementTree.SubElement(source_desc, "p").text = (
            f"Glossary {glossary.src_lang}-{glossary.tgt_lang} written by aligner"
        )
        body = ElementTree.SubElement(ElementTree.SubElement(root, "text"), "body")
        for term in glossary.terms:
            entry = ElementTree.SubElement(body, "conceptEntry", {"id": term.term_id})
            ElementTree.SubElement(entry, "descrip", {"type": "subjectField"}).text = term.category
            if term.note:
                ElementTree.SubElement(entry, "note").text = term.note
            if term.case_sensitive:
                ElementTree.SubElement(entry, "note").text = CASE_SENSITIVE_NOTE
            src_terms = [(form, "preferredTerm" if i == 0 else "admittedTerm") for i, form in enumerate(term.src_forms)]
            tgt_terms = (
                [(form, "preferredTerm") for form in term.tgt_preferred]
                + [(form, "admittedTerm") for form in term.tgt_variants]
                + [(form, "deprecatedTerm") for form in term.tgt_forbidden]
            )
            for lang, terms in ((glossary.src_lang, src_terms), (glossary.tgt_lang, tgt_terms)):
                if not terms:
                    continue
                section = ElementTree.SubElement(entry, "langSec", {XML_LANG: lang})
                for form, status in terms:
                    term_sec = ElementTree.SubElement(section, "termSec")
                    ElementTree.SubElement(term_sec, "term").text = form
                    note = ElementTree.SubElement(term_sec, "termNote", {"type": "administrativeStatus"})
                    note.text = f"{status}-admn-sts"
        ElementTree.indent(root)
        out = io.BytesIO()
        ElementTree.ElementTree(root).write(out, encoding="UTF-8", xml_declaration=True)
        return out.getvalue() + b"\n"


def _local(tag: object) -> str:
    """An element's name without its namespace."""
    return str(tag).rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, *names: str) -> list[ElementTree.Element]:
    return [child for child in element if _local(child.tag) in names]


def _text(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _read_entry(entry: ElementTree.Element, number: int, path: Path, src_lang: str, tgt_lang: str) -> Term:
    term_id = entry.get("id", "").strip()
    where = f"<{_local(entry.tag)}> #{number}" + (f" (id {term_id!r})" if term_id else "")
    category = DEFAULT_CATEGORY
    notes: list[str] = []
    case_sensitive = False
    for element in _children(entry, "descrip", "descripGrp", "note", "admin", "adminGrp"):
        if _local(element.tag) in ("descripGrp", "adminGrp"):
            element = next(iter(_children(element, "descrip", "admin", "note")), element)
        value = _text(element)
        if _local(element.tag) == "descrip" and element.get("type") == "subjectField":
            if value.lower() in CATEGORIES:
                category = value.lower()
            elif value:
                notes.append(f"subject field: {value}")
        elif _local(element.tag) == "note":
            if value.lower() == CASE_SENSITIVE_NOTE:
                case_sensitive = True
            elif value:
                notes.append(value)
    src_preferred: list[str] = []
    src_others: list[str] = []
    tiers: dict[str, list[str]] = {"preferred": [], "admitted": [], "forbidden": [], "unmarked": []}
    for section in _children(entry, "langSet", "langSec"):
        lang = section.get(XML_LANG) or section.get("lang")
        if not lang:
            raise GlossaryError(f"{where}: <{_local(section.tag)}> has no xml:lang", path=path)
        primary = lang.split("-")[0].split("_")[0].lower()
        if primary not in (src_lang, tgt_lang):
            continue
        for form, status in _section_terms(section):
            if primary == src_lang:
                # Preferred source forms first; every source form is matched alike.
                (src_preferred if status == "preferred" else src_others).append(form)
            else:
                tiers[status].append(form)
    preferred, variants = tiers["preferred"], tiers["admitted"] + tiers["unmarked"]
    if not preferred and tiers["unmarked"]:
        first = tiers["unmarked"][0]
        preferred, variants = [first], [v for v in variants if v is not first]
    return Term(
        term_id=term_id,
        category=category,
        src_forms=tuple(dict.fromkeys(src_preferred + src_others)),
        tgt_preferred=tuple(dict.fromkeys(preferred)),
        tgt_variants=tuple(dict.fromkeys(variants)),
        tgt_forbidden=tuple(dict.fromkeys(tiers["forbidden"])),
        case_sensitive=case_sensitive,
        note="; ".join(notes),
    )


def _section_terms(section: ElementTree.Element) -> list[tuple[str, str]]:
    """(term, tier) for each term container of a language section, in document order."""
    found = []
    for container in _children(section, "tig", "ntig", "termSec"):
        term_elements = [el for el in container.iter() if _local(el.tag) == "term"]
        if not term_elements:
            continue
        form = _text(term_elements[0])
        if not form:
            continue
        status = "unmarked"
        for note in container.iter():
            if _local(note.tag) == "termNote" and note.get("type") in STATUS_TYPES:
                value = _text(note).lower().removesuffix("-admn-sts")
                if value in PREFERRED_STATUSES:
                    status = "preferred"
                elif value in ADMITTED_STATUSES:
                    status = "admitted"
                elif value in FORBIDDEN_STATUSES:
                    status = "forbidden"
        found.append((form, status))
    return found


FORMATS: dict[str, GlossaryFormat] = {
    ".tsv": TabularFormat("TSV", "\t"),
    ".tab": TabularFormat("TSV", "\t"),
    ".csv": TabularFormat("CSV", ","),
    ".tbx": TbxFormat(),
}


def glossary_format(path: Path) -> GlossaryFormat:
    """The format for a file name, by extension.

    :raises GlossaryError: for an extension no format handles.
    """
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        suffix = Path(path).suffix or "(no extension)"
        raise GlossaryError(f"unknown glossary format {suffix!r}; use {known}", path=path)
    return fmt


def load_glossary(path: Path, src_lang: str = "ru", tgt_lang: str = "en") -> Glossary:
    """Read a TSV, CSV or TBX glossary (by extension) for the language pair ``src_lang``-``tgt_lang``.

    :raises GlossaryError: if the file is missing, unreadable, or not a glossary (wrong header,
        missing column, bad UTF-8, malformed or hostile XML).
    """
    path = Path(path)
    fmt = glossary_format(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"cannot read the glossary: {error.strerror or error}", path=path) from error
    terms = fmt.read(data, path, src_lang, tgt_lang)
    return Glossary(terms, path, hashlib.sha256(data).hexdigest(), src_lang, tgt_lang)


def write_glossary(glossary: Glossary, path: Path) -> None:
    """Write a glossary as TSV, CSV or TBX (by the extension of ``path``).

    :raises GlossaryError: for an unknown extension, a value the format cannot hold (``|`` in a
        form for TSV/CSV), or a file that cannot be written.
    """
    path = Path(path)
    data = glossary_format(path).write(glossary, path)
    try:
        path.write_bytes(data)
    except OSError as error:
        raise GlossaryError(f"cannot write the glossary: {error.strerror or error}", path=path) from error
