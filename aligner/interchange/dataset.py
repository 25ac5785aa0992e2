"""Evaluation datasets: a folder of pair folders, each with segment files and gold beads.

A pair folder holds ``<src>.sents`` and ``<tgt>.sents`` (one unit per line; ``ru``/``en`` by
default, otherwise named by ``meta.json``'s ``src_lang``/``tgt_lang``) and ``gold.align``.
Where ``<src>.txt``/``<tgt>.txt`` exist, their paragraph breaks are recovered: each ``.txt``
paragraph is its ``.sents`` lines joined by single spaces.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import InputError
from aligner.interchange.beads import BeadIds, read_beads
from aligner.text.model import Text


@dataclass(frozen=True, slots=True)
class EvalPair:
    """One document pair of a dataset, as pre-segmented texts (a line per unit)."""

    name: str
    src: Text
    tgt: Text
    gold: tuple[BeadIds, ...]


def pair_languages(folder: Path) -> tuple[str, str]:
    """``ru``/``en`` unless ``ru.sents`` is absent and ``meta.json`` names the languages."""
    meta = folder / "meta.json"
    if not (folder / "ru.sents").is_file() and meta.is_file():
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise InputError(f"cannot read meta.json: {error}", path=meta) from error
        if "src_lang" in data and "tgt_lang" in data:
            return str(data["src_lang"]), str(data["tgt_lang"])
    return "ru", "en"


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise InputError("no such file", path=path) from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read: {error}", path=path) from error


def paragraph_lengths(lines: list[str], txt: str) -> list[int] | None:
    """How many units each paragraph of ``txt`` holds, or None where they do not fit."""
    paragraphs = [p for p in txt.replace("\r\n", "\n").split("\n\n") if p.strip()]
    sizes, k = [], 0
    for para in paragraphs:
        target = " ".join(para.split("\n")).strip()
        joined, start = "", k
        while k < len(lines) and len(joined) < len(target):
            joined = lines[k] if k == start else joined + " " + lines[k]
            k += 1
        if joined != target:
            return None
        sizes.append(k - start)
    return sizes if k == len(lines) else None


def _side_text(folder: Path, lang: str, use_paragraphs: bool) -> Text:
    sents_path = folder / f"{lang}.sents"
    lines = _read_lines(sents_path)
    sizes = None
    txt_path = folder / f"{lang}.txt"
    if use_paragraphs and txt_path.is_file():
        sizes = paragraph_lengths(lines, txt_path.read_text(encoding="utf-8"))
    blocks, k = [], 0
    for size in sizes or [len(lines)]:
        blocks.append("\n".join(lines[k : k + size]))
        k += size
    normalized = "\n\n".join(blocks)
    raw = sents_path.read_bytes()
    return Text(sents_path, lang, "utf-8", hashlib.sha256(raw).hexdigest(), normalized)


def read_pair(folder: Path, use_paragraphs: bool = True) -> EvalPair:
    folder = Path(folder)
    src_lang, tgt_lang = pair_languages(folder)
    return EvalPair(
        name=folder.name,
        src=_side_text(folder, src_lang, use_paragraphs),
        tgt=_side_text(folder, tgt_lang, use_paragraphs),
        gold=tuple(read_beads(folder / "gold.align")),
    )


def iter_pairs(dataset: Path, use_paragraphs: bool = True) -> Iterator[EvalPair]:
    """Every pair folder (one holding ``gold.align``) under ``dataset``, sorted by name."""
    dataset = Path(dataset)
    if not dataset.is_dir():
        raise InputError("is not a folder of evaluation pairs", path=dataset)
    folders = sorted(p for p in dataset.iterdir() if (p / "gold.align").is_file())
    if not folders:
        raise InputError("holds no pair folders with gold.align", path=dataset)
    for folder in folders:
        yield read_pair(folder, use_paragraphs)
