"""Reading an input text file: checks, decoding and normalization into a ``Text``.

The only place in ``aligner.text`` that touches files. Refused, with an ``InputError`` naming
the file: a missing path, a directory, an unreadable file, a file over the size limit (the
message names ``--max-input-size``), an empty or whitespace-only file, a binary file (NUL bytes,
or the magic bytes of PDF, ZIP/.docx, PNG, JPEG, GIF, old MS Word, RTF, gzip), and bytes that no
supported encoding reads plausibly.

Decoding, in order: a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides; then strict UTF-8
(plain ASCII is UTF-8); then UTF-16 without a BOM when NUL bytes sit in every other position;
then the legacy 8-bit encodings of ``aligner.text.charset`` (cp1251, KOI8-R, cp866, cp1252),
scored for plausibility. The encoding name recorded in ``Text.encoding`` is Python's codec name
(``utf-8``, ``utf-8-sig``, ``utf-16-le``, ``cp1251``, ``koi8-r``, ...).
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from aligner.errors import InputError
from aligner.lang.registry import base_code, get_language
from aligner.text.charset import guess_legacy_encoding
from aligner.text.model import Text
from aligner.text.normalize import normalize_text

#: Largest input read by default: ~10,000 pages of plain text, far beyond any archival
#: document, and small enough that a mistaken path to a disk image fails fast.
DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024

# Byte order marks, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats users mistake for text, and what to call them.
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .zip file)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
)

_SAVE_AS_TEXT = "save it as plain text (UTF-8) first"

# UTF-16 without a BOM: share of NUL bytes among the odd (LE) or even (BE) positions from
# which the file may be UTF-16 (each ASCII character, spaces included, puts a NUL there; Cyrillic
# has 0x04 instead, so a Russian file needs the plausibility check below).
_UTF16_NUL_SHARE = 0.1
_UTF16_MAX_MEAN_COST = 10.0


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """Decode ``raw`` as BOM-less UTF-16 when NULs and plausibility say it is."""
    if len(raw) % 2:
        return None
    from aligner.text.charset import SAMPLE_BYTES, text_cost

    best: tuple[float, str, str] | None = None
    for encoding, positions in (("utf-16-le", raw[1::2]), ("utf-16-be", raw[0::2])):
        if positions.count(0) < _UTF16_NUL_SHARE * len(positions):
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        cost, units = text_cost(text[: SAMPLE_BYTES // 2])
        mean = cost / units if units else 0.0
        if mean <= _UTF16_MAX_MEAN_COST and (best is None or mean < best[0]):
            best = (mean, text, encoding)
    return None if best is None else (best[1], best[2])


def _binary_kind(raw: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    return None


def decode_bytes(raw: bytes, path: str | Path | None = None, *,
                 lang: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file: ``(text, encoding name)``.

    :param path: named in error messages.
    :param lang: the declared language; a non-Cyrillic one makes cp1252 the first legacy guess.
    :raises InputError: the bytes are binary or no supported encoding reads them plausibly.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as e:
                raise InputError(
                    f"starts with a {encoding} byte order mark but is not valid {encoding} "
                    f"(byte {len(bom) + e.start}); {_SAVE_AS_TEXT}",
                    path=path,
                ) from e
            if "\x00" in text:
                raise InputError(f"looks like a binary file, not text; {_SAVE_AS_TEXT}", path=path)
            return text, encoding
    kind = _binary_kind(raw)
    if kind is not None:
        raise InputError(f"looks like {kind}, not text; {_SAVE_AS_TEXT}", path=path)
    if b"\x00" in raw:
        decoded = _utf16_without_bom(raw)
        if decoded is not None:
            return decoded
        raise InputError(
            f"looks like a binary file (it contains NUL bytes), not text; {_SAVE_AS_TEXT}",
            path=path,
        )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    prefer_cyrillic = True
    if lang is not None:
        prefer_cyrillic = get_language(lang).script == "Cyrl"
    guess = guess_legacy_encoding(raw, prefer_cyrillic=prefer_cyrillic)
    if guess is None:
        raise InputError(
            f"cannot tell its encoding: it is not UTF-8 (invalid byte at offset "
            f"{utf8_error.start}) and does not read as cp1251, KOI8-R, cp866 or cp1252; "
            f"{_SAVE_AS_TEXT}",
            path=path,
        ) from utf8_error
    return guess.text, guess.encoding


def read_text(path: Path, lang: str, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> Text:
    """Read, check, decode and normalize one side of a document pair.

    :param lang: the declared language code (``ru``); stored on the ``Text`` as given in its
        base form (``en-GB`` → ``en``).
    :param max_bytes: refuse larger files (the CLI's ``--max-input-size``).
    :raises InputError: see the module docstring; the message names ``path``.
    """
    path = Path(path)
    code = base_code(lang)
    try:
        if path.is_dir():
            raise InputError("is a directory, not a text file", path=path)
        size = path.stat().st_size
    except FileNotFoundError as e:
        raise InputError("no such file", path=path) from e
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path=path) from e
    if size > max_bytes:
        raise InputError(
            f"is {_megabytes(size)}, over the input size limit of {_megabytes(max_bytes)}; "
            f"raise it with --max-input-size",
            path=path,
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path=path) from e
    if len(raw) > max_bytes:  # the file grew since stat()
        raise InputError(
            f"is over the input size limit of {_megabytes(max_bytes)}; "
            f"raise it with --max-input-size",
            path=path,
        )
    if not raw:
        raise InputError("is empty", path=path)
    text, encoding = decode_bytes(raw, path, lang=code)
    normalized = normalize_text(text)
    if not normalized.strip():
        raise InputError("is empty (it holds only whitespace or invisible characters)", path=path)
    return Text(
        path=path,
        lang=code,
        encoding=encoding,
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        normalized=normalized,
    )


def _megabytes(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size} bytes"
