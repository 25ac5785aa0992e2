"""XLIFF 2.1: one ``file`` per document, one ``unit`` per segment.

Written: ``<xliff version="2.1" srcLang=".." trgLang="..">`` in the XLIFF 2 core namespace
(``urn:oasis:names:tc:xliff:document:2.0``, which 2.1 keeps); each ``file`` has ``id="f<k>"``
and ``original="<doc_id>/<translation_id>"``; each ``unit`` has ``id="u<seg_no>"`` and one
``segment`` (``state="reviewed"`` for reviewed segments, else ``"translated"``) with
``source``/``target`` (``xml:space="preserve"``). The segment facts a CAT tool does not know
(document, generation, sentence ids, bead, scores, flags, terms) go in the Metadata module
(``mda:metadata`` / ``mda:metaGroup category="aligner"`` / ``mda:meta type="..."``), which
conforming tools keep and otherwise ignore. One file holds one language pair: documents with
different pairs must be exported separately.

Read: every ``unit``'s segments (sources joined by a space, targets likewise; inline codes
dropped, their text kept only for ``mrk``/``pc``), metadata read back where present.
"""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import polars as pl

from aligner.errors import InputError
from aligner.interchange.records import (
    InterchangeFile,
    SegmentRecord,
    parse_bool,
    parse_id_list,
    parse_str_list,
    read_xml_root,
)

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
VERSION = "2.1"
#: Inline elements whose content is text (``mrk`` annotations, ``pc`` paired codes).
TEXT_INLINES = frozenset({"mrk", "pc"})


def _q(name: str, ns: str = XLIFF_NS) -> str:
    return f"{{{ns}}}{name}"


class XliffFormat:
    name = "xliff"

    def write(self, frame: pl.DataFrame, path: Path) -> None:
        write_xliff(frame, path)

    def read(self, path: Path) -> InterchangeFile:
        return read_xliff(path)


def write_xliff(frame: pl.DataFrame, path: Path) -> None:
    """Write the export frame (``records.export_frame``) as XLIFF 2.1.

    :raises InputError: the frame mixes language pairs (one XLIFF file holds one pair).
    """
    pairs = sorted(set(zip(frame["src_lang"].to_list(), frame["tgt_lang"].to_list())))
    if len(pairs) > 1:
        listed = ", ".join(f"{s}-{t}" for s, t in pairs)
        raise InputError(f"XLIFF holds one language pair, these documents have {listed}; export them one at a time with --doc", path=path)
    src_lang, tgt_lang = pairs[0] if pairs else ("ru", "en")
    ET.register_namespace("", XLIFF_NS)
    ET.register_namespace("mda", MDA_NS)
    root = ET.Element(_q("xliff"), {"version": VERSION, "srcLang": src_lang, "trgLang": tgt_lang})
    for k, ((doc_id, translation_id), part) in enumerate(
        frame.group_by(["doc_id", "translation_id"], maintain_order=True), start=1
    ):
        file = ET.SubElement(root, _q("file"), {"id": f"f{k}", "original": f"{doc_id}/{translation_id}"})
        first = part.row(0, named=True)
        _metadata(file, [("doc_id", doc_id), ("translation_id", translation_id), ("generation", str(first["generation"]))])
        for row in part.iter_rows(named=True):
            unit = ET.SubElement(file, _q("unit"), {"id": f"u{row['seg_no']}"})
            _metadata(unit, _unit_meta(row))
            state = "reviewed" if row["reviewed"] else "translated"
            segment = ET.SubElement(unit, _q("segment"), {"id": f"s{row['seg_no']}", "state": state})
            ET.SubElement(segment, _q("source"), {XML_SPACE: "preserve"}).text = row["src_text"]
            ET.SubElement(segment, _q("target"), {XML_SPACE: "preserve"}).text = row["tgt_text"]
    ET.indent(root, space=" ")
    try:
        ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror or error}", path=path) from error


def _metadata(parent: ET.Element, items: list[tuple[str, str]]) -> None:
    group = ET.SubElement(ET.SubElement(parent, _q("metadata", MDA_NS)), _q("metaGroup", MDA_NS), {"category": "aligner"})
    for kind, value in items:
        ET.SubElement(group, _q("meta", MDA_NS), {"type": kind}).text = value


def _unit_meta(row: dict) -> list[tuple[str, str]]:
    return [
        ("seg_no", str(row["seg_no"])),
        ("bead", row["bead"]),
        ("score", repr(row["score"])),
        ("confidence", repr(row["confidence"])),
        ("cost", repr(row["cost"])),
        ("src_sent_ids", " ".join(str(i) for i in row["src_sent_ids"] or ())),
        ("tgt_sent_ids", " ".join(str(i) for i in row["tgt_sent_ids"] or ())),
        ("flags", " ".join(row["flags"] or ())),
        ("src_terms", json.dumps(list(row["src_terms"] or ()), ensure_ascii=False)),
        ("tgt_terms", json.dumps(list(row["tgt_terms"] or ()), ensure_ascii=False)),
        ("reviewed", "true" if row["reviewed"] else "false"),
    ]


def read_xliff(path: Path) -> InterchangeFile:
    """The units of an XLIFF 2.x file as records.

    :raises InputError: not well-formed XML or not XLIFF 2.
    """
    root = read_xml_root(path)
    if root.tag != _q("xliff"):
        raise InputError(f"not an XLIFF 2 file (root element {root.tag})", path=path)
    src_lang = (root.get("srcLang") or "").split("-")[0].lower() or None
    tgt_lang = (root.get("trgLang") or "").split("-")[0].lower() or None
    records = []
    number = 0
    for file in root.iter(_q("file")):
        file_meta = _read_meta(file)
        original = (file.get("original") or "").split("/")
        for unit in file.iter(_q("unit")):
            number += 1
            label = f"unit {number}"
            meta = _read_meta(unit)
            segments = unit.findall(_q("segment"))
            source = " ".join(_inline_text(s.find(_q("source"))) for s in segments).strip()
            target = " ".join(_inline_text(s.find(_q("target"))) for s in segments).strip()
            states = {s.get("state") for s in segments}
            records.append(
                _record(label, source, target, meta, file_meta, original, src_lang, tgt_lang, states, path)
            )
    return InterchangeFile(path, "xliff", tuple(records))


def _read_meta(element: ET.Element) -> dict[str, str]:
    """The ``mda:meta`` values directly under ``element``'s own ``mda:metadata``."""
    metadata = element.find(_q("metadata", MDA_NS))
    if metadata is None:
        return {}
    return {m.get("type"): (m.text or "") for m in metadata.iter(_q("meta", MDA_NS))}


def _inline_text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        local = child.tag.rsplit("}", 1)[-1]
        if local in TEXT_INLINES:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return unicodedata.normalize("NFC", "".join(parts))


def _record(label, source, target, meta, file_meta, original, src_lang, tgt_lang, states, path) -> SegmentRecord:
    def number(kind: str, cast):
        if not meta.get(kind):
            return None
        try:
            return cast(meta[kind])
        except ValueError as error:
            raise InputError(f"{label}, meta {kind}: not a number: {meta[kind]!r}", path=path) from error

    ours = "seg_no" in meta
    reviewed = parse_bool(meta["reviewed"], f"{label}, meta reviewed", path, None) if "reviewed" in meta else None
    if reviewed is None and states & {"reviewed", "final"}:
        reviewed = True
    return SegmentRecord(
        label=label,
        src_text=source,
        tgt_text=target,
        doc_id=file_meta.get("doc_id") or (original[0] if len(original) == 2 and original[0] else None),
        translation_id=file_meta.get("translation_id") or (original[1] if len(original) == 2 and original[1] else None),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        generation=int(file_meta["generation"]) if file_meta.get("generation", "").isdigit() else None,
        seg_no=number("seg_no", int),
        src_sent_ids=parse_id_list(meta["src_sent_ids"], f"{label}, meta src_sent_ids", path, None) if "src_sent_ids" in meta else None,
        tgt_sent_ids=parse_id_list(meta["tgt_sent_ids"], f"{label}, meta tgt_sent_ids", path, None) if "tgt_sent_ids" in meta else None,
        bead=meta.get("bead") or None,
        score=number("score", float),
        confidence=number("confidence", float),
        cost=number("cost", float),
        src_terms=parse_str_list(meta["src_terms"], f"{label}, meta src_terms", path, None) if "src_terms" in meta else None,
        tgt_terms=parse_str_list(meta["tgt_terms"], f"{label}, meta tgt_terms", path, None) if "tgt_terms" in meta else None,
        flags=tuple(meta["flags"].split()) if "flags" in meta else (() if ours else None),
        reviewed=reviewed,
    )
