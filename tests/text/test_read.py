"""read_text / decode_bytes: encodings, refusals, and what a Text records."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.text.read import DEFAULT_MAX_INPUT_BYTES, decode_bytes, read_text

RU_SENTENCE = "Тов. Ким Ир Сен передал нам проект решения пленума ЦК."
RU_CABLE = "СЕКРЕТНО. ПХЕНЬЯН. ЦК КПСС. Тов. Микояну."
EN_SENTENCE = "Cde. Kim Il Sung passed us the draft CC plenum decision."

# (id, text, encoding used to write the bytes, expected Text.encoding)
ENCODING_CASES = [
    ("utf-8 Russian", RU_SENTENCE, "utf-8", "utf-8"),
    ("utf-8 with BOM", RU_SENTENCE, "utf-8-sig", "utf-8-sig"),
    ("utf-16 LE with BOM", RU_SENTENCE, "utf-16-le+bom", "utf-16-le"),
    ("utf-16 BE with BOM", RU_SENTENCE, "utf-16-be+bom", "utf-16-be"),
    ("utf-16 LE without BOM", RU_SENTENCE, "utf-16-le", "utf-16-le"),
    ("utf-32 with BOM", RU_SENTENCE, "utf-32", "utf-32-le"),
    ("cp1251 sentence", RU_SENTENCE, "cp1251", "cp1251"),
    ("koi8-r sentence", RU_SENTENCE, "koi8-r", "koi8-r"),
    ("cp866 sentence", RU_SENTENCE, "cp866", "cp866"),
    ("cp1251 all-capitals cable", RU_CABLE, "cp1251", "cp1251"),
    ("koi8-r all-capitals cable", RU_CABLE, "koi8-r", "koi8-r"),
    ("cp1251 short: Привет", "Привет", "cp1251", "cp1251"),
    ("koi8-r short: Привет", "Привет", "koi8-r", "koi8-r"),
    ("cp1251 short: съезд", "съезд", "cp1251", "cp1251"),
    ("cp1251 short: Совершенно секретно", "Совершенно секретно", "cp1251", "cp1251"),
    ("koi8-r short: Совершенно секретно", "Совершенно секретно", "koi8-r", "koi8-r"),
    ("cp1251 short: ЖУРНАЛ", "ЖУРНАЛ", "cp1251", "cp1251"),
    ("koi8-r short: ЖУРНАЛ", "ЖУРНАЛ", "koi8-r", "koi8-r"),
    ("cp1251 date line", "Пхеньян, 22 сентября 1956 г.", "cp1251", "cp1251"),
    ("koi8-r date line", "Пхеньян, 22 сентября 1956 г.", "koi8-r", "koi8-r"),
    ("cp1251 with № and guillemets", "Экз. № 2. Газета «Нодон синмун»", "cp1251", "cp1251"),
    ("cp1251 initials", "А. И. Микоян", "cp1251", "cp1251"),
    ("cp1251 with ё", "Ёлка и ёж", "cp1251", "cp1251"),
    ("koi8-r with ё", "Ёлка и ёж", "koi8-r", "koi8-r"),
    ("ascii English", EN_SENTENCE, "ascii", "utf-8"),
]


def _encode(text: str, how: str) -> bytes:
    if how.endswith("+bom"):
        codec = how[: -len("+bom")]
        bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
        return bom + text.encode(codec)
    return text.encode(how)


@pytest.mark.parametrize(
    ("text", "how", "expected"), [c[1:] for c in ENCODING_CASES], ids=[c[0] for c in ENCODING_CASES]
)
def test_read_text_decodes(tmp_path: Path, text: str, how: str, expected: str) -> None:
    raw = _encode(text, how)
    path = tmp_path / "ru.txt"
    path.write_bytes(raw)
    result = read_text(path, "ru")
    assert result.normalized == text
    assert result.encoding == expected
    assert result.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert result.lang == "ru"
    assert result.path == path


LATIN_CASES = [
    ("cp1252 German on the de side", "Größe für die Delegation, März 1956", "de"),
    ("cp1252 French on the fr side", "Ça va très bien, déjà en septembre", "fr"),
    ("cp1252 English with an accent", "The café near the embassy", "en"),
]


@pytest.mark.parametrize(("text", "lang"), [c[1:] for c in LATIN_CASES],
                         ids=[c[0] for c in LATIN_CASES])
def test_read_text_western_legacy(tmp_path: Path, text: str, lang: str) -> None:
    path = tmp_path / f"{lang}.txt"
    path.write_bytes(text.encode("cp1252"))
    result = read_text(path, lang)
    assert (result.normalized, result.encoding) == (text, "cp1252")


def test_stray_undefined_byte_after_the_sample_is_replaced(tmp_path: Path) -> None:
    # The sample picks cp1251; one 0x98 (undefined in cp1251) far after it must not turn the
    # whole document into KOI8-R mojibake.
    body = (RU_SENTENCE + "\n").encode("cp1251") * 2000 + b"\x98"
    path = tmp_path / "ru.txt"
    path.write_bytes(body)
    result = read_text(path, "ru")
    assert result.encoding == "cp1251"
    assert result.normalized.startswith(RU_SENTENCE)
    assert result.normalized.endswith("\ufffd")


def test_many_undefined_bytes_after_the_sample_change_the_encoding(tmp_path: Path) -> None:
    body = (RU_SENTENCE + "\n").encode("cp1251") * 2000 + b"\x98" * 1000
    path = tmp_path / "ru.txt"
    path.write_bytes(body)
    assert read_text(path, "ru").encoding != "cp1251"


def test_normalizes_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("комму-\r\nнист  \r\n\r\n\r\n\r\nконец\r\n".encode("cp1251"))
    assert read_text(path, "ru").normalized == "коммунист\n\nконец"


# (id, file bytes or None for "no file", message fragment)
REFUSAL_CASES = [
    ("missing file", None, "no such file"),
    ("empty file", b"", "is empty"),
    ("whitespace only", b"  \n\t\r\n  \n", "is empty"),
    ("control characters only", b"\x01\x02\x03\n", "is empty"),
    ("PDF", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "looks like a PDF file, not text"),
    ("docx (ZIP)", b"PK\x03\x04\x14\x00\x06\x00", "looks like a ZIP archive"),
    ("PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a PNG image"),
    ("old Word .doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "Microsoft Office"),
    ("RTF", b"{\\rtf1\\ansi Hello}", "RTF document"),
    ("NUL bytes", b"abc\x00\x01\x02\x03\xff\xfe\x00\x10", "contains NUL bytes"),
    ("random bytes", bytes(range(1, 256)) * 4, "cannot tell its encoding"),
    ("bad UTF-16 after its BOM", b"\xff\xfe\x00\xd8\x41\x00", "not valid utf-16-le"),
]


@pytest.mark.parametrize(("raw", "fragment"), [c[1:] for c in REFUSAL_CASES],
                         ids=[c[0] for c in REFUSAL_CASES])
def test_read_text_refuses(tmp_path: Path, raw: bytes | None, fragment: str) -> None:
    path = tmp_path / "en.txt"
    if raw is not None:
        path.write_bytes(raw)
    with pytest.raises(InputError) as info:
        read_text(path, "en")
    assert fragment in info.value.message
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ")


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path, "ru")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text("Привет", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        read_text(path, "ru")


def test_size_limit_names_the_option(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(InputError) as info:
        read_text(path, "ru", max_bytes=1000)
    assert "--max-input-size" in info.value.message
    assert "1000 bytes" in info.value.message
    assert read_text(path, "ru", max_bytes=2000).normalized == "x" * 2000


def test_default_limit_is_64_megabytes() -> None:
    assert DEFAULT_MAX_INPUT_BYTES == 64 * 1024 * 1024


def test_bad_language_code_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text("Привет", encoding="utf-8")
    with pytest.raises(InputError, match="unknown language code"):
        read_text(path, "русский")


def test_region_subtag_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text(EN_SENTENCE, encoding="utf-8")
    assert read_text(path, "en-GB").lang == "en"


def test_decode_bytes_returns_text_and_encoding() -> None:
    assert decode_bytes("Привет".encode("koi8-r"), "x.txt") == ("Привет", "koi8-r")
    assert decode_bytes(b"plain", None) == ("plain", "utf-8")
