"""TMX 1.4b: write segments as translation units; read a TMX from any tool.

Writing (valid against the TMX 1.4 DTD, ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``): the header names
``creationtool="aligner"``, ``segtype="sentence"``, ``datatype="plaintext"``, ``adminlang="en"``
and ``srclang`` = the source language (``*all*`` when documents of several source languages are
exported together). One ``tu`` per segment, with ``prop``s (user-defined types, ``x-`` prefixed
as TMX asks) and two ``tuv``s whose ``xml:lang`` are the document's languages, source first:

    x-doc-id, x-translation-id, x-generation, x-seg-no, x-bead, x-score, x-confidence, x-cost,
    x-flags (space-separated), x-src-sent-ids / x-tgt-sent-ids (space-separated numbers),
    x-src-terms / x-tgt-terms (JSON arrays: term ids may hold spaces), x-reviewed (true/false)

Props without a value (an empty list) are left out, except the sentence ids, whose absence
would read as "unknown". XML is built with ``xml.etree`` (it escapes), read with ``defusedxml``
(no entity expansion, no external DTD fetch).

Reading: the source language is the ``tu``'s ``srclang``, else the header's (unless
``*all*``); the target is the other ``tuv`` (with more than two, the one matching
``tgt_lang``). Inline codes (``bpt``, ``ept``, ``ph``, ``it``, ``ut``) hold native markup, not
text, and are dropped; ``hi`` and ``sub`` text is kept. Language codes are lowercased to their
primary subtag (``ru-RU`` → ``ru``), the form ``documents`` stores.
"""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from aligner import __version__
from aligner.errors import InputError
from aligner.interchange.records import (
    InterchangeFile,
    SegmentRecord,
    parse_bool,
    parse_id_list,
    parse_str_list,
    read_xml_root,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
#: Inline elements holding native codes rather than text.
CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut"})
ALL_LANGUAGES = "*all*"


class TmxFormat:
    name = "tmx"

    def write(self, frame: pl.DataFrame, path: Path) -> None:
        write_tmx(frame, path)

    def read(self, path: Path, tgt_lang: str | None = None) -> InterchangeFile:
        return read_tmx(path, tgt_lang)


def write_tmx(frame: pl.DataFrame, path: Path) -> None:
    """Write the export frame (``records.export_frame``) as TMX 1.4b."""
    src_langs = sorted(set(frame["src_lang"].to_list())) if frame.height else ["ru"]
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "aligner",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "aligner",
            "adminlang": "en",
            "srclang": src_langs[0] if len(src_langs) == 1 else ALL_LANGUAGES,
            "datatype": "plaintext",
            "creationdate": datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ"),
        },
    )
    body = ET.SubElement(root, "body")
    for row in frame.iter_rows(named=True):
        tu = ET.SubElement(body, "tu", tuid=f"{row['doc_id']}/{row['translation_id']}/{row['seg_no']}", srclang=row["src_lang"])
        for kind, value in _props(row):
            ET.SubElement(tu, "prop", type=kind).text = value
        for side in ("src", "tgt"):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: row[f"{side}_lang"]})
            ET.SubElement(tuv, "seg").text = row[f"{side}_text"]
    ET.indent(root, space=" ")
    body_xml = ET.tostring(root, encoding="unicode")
    try:
        path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{body_xml}\n', encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror or error}", path=path) from error


def _props(row: dict) -> list[tuple[str, str]]:
    props = [
        ("x-doc-id", row["doc_id"]),
        ("x-translation-id", row["translation_id"]),
        ("x-generation", str(row["generation"])),
        ("x-seg-no", str(row["seg_no"])),
        ("x-bead", row["bead"]),
        ("x-score", repr(row["score"])),
        ("x-confidence", repr(row["confidence"])),
        ("x-cost", repr(row["cost"])),
        ("x-src-sent-ids", " ".join(str(i) for i in row["src_sent_ids"] or ())),
        ("x-tgt-sent-ids", " ".join(str(i) for i in row["tgt_sent_ids"] or ())),
    ]
    if row["flags"]:
        props.append(("x-flags", " ".join(row["flags"])))
    for side in ("src", "tgt"):
        if row[f"{side}_terms"]:
            props.append((f"x-{side}-terms", json.dumps(list(row[f"{side}_terms"]), ensure_ascii=False)))
    props.append(("x-reviewed", "true" if row["reviewed"] else "false"))
    return props


def read_tmx(path: Path, tgt_lang: str | None = None) -> InterchangeFile:
    """Translation units of a TMX file as records (props of ours read back where present).

    :raises InputError: not well-formed XML, not TMX, or a ``tu`` whose languages cannot be told.
    """
    root = read_xml_root(path)
    if root.tag != "tmx":
        raise InputError(f"not a TMX file (the root element is <{root.tag}>, not <tmx>)", path=path)
    header = root.find("header")
    header_src = base_lang(header.get("srclang")) if header is not None and header.get("srclang") else None
    if header_src == ALL_LANGUAGES:
        header_src = None
    records = []
    for number, tu in enumerate(root.iter("tu"), start=1):
        label = f"tu {number}"
        props = {p.get("type"): (p.text or "") for p in tu.findall("prop")}
        variants = [(base_lang(tuv.get(XML_LANG) or tuv.get("lang") or ""), _seg_text(tuv.find("seg"))) for tuv in tu.findall("tuv")]
        src_lang = base_lang(tu.get("srclang")) if tu.get("srclang") and tu.get("srclang") != ALL_LANGUAGES else header_src
        src, tgt = _pick_variants(variants, src_lang, tgt_lang and base_lang(tgt_lang), label, path)
        records.append(_record(label, src, tgt, props, path))
    return InterchangeFile(path, "tmx", tuple(records))


def base_lang(code: str) -> str:
    """``ru-RU`` → ``ru``; ``*all*`` stays."""
    return code if code == ALL_LANGUAGES else code.split("-")[0].split("_")[0].lower()


def _pick_variants(
    variants: list[tuple[str, str]], src_lang: str | None, tgt_lang: str | None, label: str, path: Path
) -> tuple[tuple[str, str], tuple[str, str]]:
    if len(variants) < 2:
        raise InputError(f"{label} has {len(variants)} tuv; a translation unit needs two languages", path=path)
    if src_lang is None:
        if len(variants) != 2:
            raise InputError(f"{label}: no srclang to tell the source among {len(variants)} tuv", path=path)
        return variants[0], variants[1]
    sources = [v for v in variants if v[0] == src_lang]
    targets = [v for v in variants if v[0] != src_lang and (tgt_lang is None or v[0] == tgt_lang)]
    if not sources:
        raise InputError(f"{label} has no tuv in the source language {src_lang!r}", path=path)
    if len(targets) != 1:
        langs = ", ".join(v[0] for v in variants)
        hint = "choose the target with --tgt-lang" if len(targets) > 1 else f"no target tuv (languages: {langs})"
        raise InputError(f"{label}: {hint}", path=path)
    return sources[0], targets[0]


def _seg_text(seg: ET.Element | None) -> str:
    """The text of a ``seg`` without inline native codes."""
    if seg is None:
        return ""
    parts: list[str] = []

    def walk(element: ET.Element, keep: bool) -> None:
        if keep and element.text:
            parts.append(element.text)
        for child in element:
            walk(child, keep and child.tag not in CODE_ELEMENTS or child.tag == "sub")
            if child.tail:
                parts.append(child.tail)

    walk(seg, True)
    return unicodedata.normalize("NFC", "".join(parts))


def _record(label: str, src: tuple[str, str], tgt: tuple[str, str], props: dict[str, str], path: Path) -> SegmentRecord:
    def ids(kind: str) -> tuple[int, ...] | None:
        return parse_id_list(props[kind], f"{label}, prop {kind}", path, None) if kind in props else None

    def number(kind: str, cast):
        if kind not in props:
            return None
        try:
            return cast(props[kind])
        except ValueError as error:
            raise InputError(f"{label}, prop {kind}: not a number: {props[ kind]!r}", path=path) from error

    def terms(kind: str) -> tuple[str, ...] | None:
        if kind in props:
            return parse_str_list(props[kind], f"{label}, prop {kind}", path, None)
        return () if "x-seg-no" in props else None  # ours leave empty lists out

    ours = "x-seg-no" in props
    return SegmentRecord(
        label=label,
        src_text=src[1],
        tgt_text=tgt[1],
        doc_id=props.get("x-doc-id") or None,
        translation_id=props.get("x-translation-id") or None,
        src_lang=src[0] or None,
        tgt_lang=tgt[0] or None,
        generation=number("x-generation", int),
        seg_no=number("x-seg-no", int),
        src_sent_ids=ids("x-src-sent-ids"),
        tgt_sent_ids=ids("x-tgt-sent-ids"),
        bead=props.get("x-bead") or None,
        score=number("x-score", float),
        confidence=number("x-confidence", float),
        cost=number("x-cost", float),
        src_terms=terms("x-src-terms"),
        tgt_terms=terms("x-tgt-terms"),
        flags=tuple(props["x-flags"].split()) if "x-flags" in props else (() if ours else None),
        reviewed=parse_bool(props["x-reviewed"], f"{label}, prop x-reviewed", path, None) if "x-reviewed" in props else None,
    )
