"""Every command, every kind of bad input: one clear ``Error:`` line naming what is wrong, exit 2,
no traceback, and a corpus left exactly as it was.

The commands are discovered from the typer app when the tests are collected, so a command added
later is covered without editing this file. Its parameters are filled by name from ``VALUES``
(valid inputs); each case then replaces one of them with a bad one. A command with a required
parameter that ``VALUES`` does not know fails ``test_every_required_parameter_has_a_value``: it is
never skipped silently. Where a bad value is in fact accepted by design (``import`` creates a
missing corpus), ``ACCEPTED`` says so, with the reason.

What counts as one line: click's usage errors print ``Usage:`` and ``Try ... for help.`` around
their ``Error:`` line; those two help lines are allowed, nothing else.
"""

from __future__ import annotations

import enum
import functools
import json
import shutil
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import filelock
import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from aligner.cli.main import app
from aligner.store.corpus import Corpus
from aligner.store.upgrade import MIGRATIONS
from tests.cli.conftest import GLOSSARY, SAMPLE, corpus_state, invoke
from tests.conftest import CORPORA
from tests.reliability.reliability_helpers import V0_TO_V1, make_v0_corpus
from tests.store.store_docs import make_document

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x01\x02"
DOC = "cable-604"


def leaf_commands() -> dict[str, object]:
    """``"corpus check"`` -> its click command, for every command of the app."""

    def walk(group, prefix: str) -> dict[str, object]:
        found = {}
        for name, command in group.commands.items():
            full = f"{prefix} {name}".strip()
            found.update(walk(command, full) if hasattr(command, "commands") else {full: command})
        return found

    return walk(typer.main.get_command(app), "")


COMMANDS = leaf_commands()


@pytest.fixture(autouse=True, scope="module")
def app_built_once():
    """Build the click command once for this module's ~200 runs: typer rebuilds the whole app
    from its functions on every ``CliRunner.invoke`` (about 80 ms each)."""
    command = typer.main.get_command(app)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda _app: command)
        yield


@dataclass(frozen=True)
class Param:
    """One parameter of a command: how to pass it, and what it is (from the function's type hints)."""

    name: str
    flag: str | None  # None for a positional argument
    kind: type
    required: bool
    minimum: float | None  # typer's min=, for numbers


@functools.cache
def params(command) -> list[Param]:
    hints = typing.get_type_hints(command.callback, include_extras=False)
    out = []
    for p in command.params:
        kind = hints.get(p.name, str)
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        if typing.get_origin(kind) in (typing.Union, types.UnionType) and args:
            kind = args[0]
        flag = None if not p.opts or not p.opts[0].startswith("-") else p.opts[0]
        out.append(Param(p.name, flag, kind, p.required, getattr(p, "min", None)))
    return out


# -- the valid inputs --------------------------------------------------------------------------


@dataclass
class Inputs:
    """Valid files and folders for the commands; ``tmp`` is the test's own folder.

    ``corpus`` is shared by the module's tests (each checks it is left unchanged); a test that
    changes a corpus on purpose works on ``copy_corpus()``.
    """

    tmp: Path
    corpus: Path
    export: Path
    accepted: Path

    def copy_corpus(self) -> Path:
        return Path(shutil.copytree(self.corpus, self.tmp / "corpus-copy"))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A corpus with two hand-made documents (version 1 of the first one superseded by version 2),
    a TSV export of it (valid ``import`` input), and an empty list of accepted findings."""
    root = tmp_path_factory.mktemp("every")
    corpus = Corpus.open(root / "corpus", create=True)
    corpus.write_document(make_document(DOC, tag="old"))
    corpus.write_documents([make_document(DOC), make_document("cable-605")])
    export = root / "export.tsv"
    result = invoke("export", corpus.path, "-o", export, "--format", "tsv", "--doc", DOC)
    assert result.exit_code == 0, result.stderr
    accepted = root / "accepted.tsv"
    accepted.write_text("doc_id\ttranslation_id\tseg_no\tterm_id\tkind\n", encoding="utf-8")
    return corpus.path, export, accepted


@pytest.fixture
def inputs(pristine, tmp_path: Path) -> Inputs:
    return Inputs(tmp_path, *pristine)


# Valid values by parameter name, or by "command:parameter" where a command differs.
VALUES: dict[str, Callable[[Inputs], object]] = {
    "corpus": lambda i: i.corpus,
    "src": lambda i: SAMPLE / "ru.txt",
    "tgt": lambda i: SAMPLE / "en.txt",
    "glossary": lambda i: GLOSSARY,
    "file": lambda i: GLOSSARY,
    "import:file": lambda i: i.export,
    "text_file": lambda i: SAMPLE / "ru.txt",
    "source": lambda i: GLOSSARY,
    "target": lambda i: i.tmp / "converted.tbx",
    "dataset": lambda i: CORPORA,
    "manifest": lambda i: _manifest(i),
    # A folder (no model ships with the project: only the bad values of --embedder are run).
    "embedder": lambda i: i.tmp,
    "statement": lambda i: "SELECT count(*) AS n FROM segments",
    "doc": lambda i: DOC,
    "version": lambda i: 1,
    "lang": lambda i: "ru",
    "output": lambda i: i.tmp / "out.txt",
    "export:output": lambda i: i.tmp / "out.tsv",
    "ignore": lambda i: i.accepted,
    "beads_out": lambda i: i.tmp / "out.align",
    "backup": lambda i: i.tmp / "backup",
    "pred_dir": lambda i: i.tmp / "pred",
}
def _manifest(inputs: Inputs) -> Path:
    """A valid align-batch manifest: one sample pair."""
    path = inputs.tmp / "manifest.csv"
    path.write_text(f"doc_id,src_path,tgt_path\nsample,{SAMPLE / 'ru.txt'},{SAMPLE / 'en.txt'}\n", encoding="utf-8")
    return path


#: Path parameters that name something the command writes (never read).
OUTPUTS = {"output", "beads_out", "target", "backup", "pred_dir"}
#: Path parameters that read a folder (the others read a file).
FOLDERS = {"dataset", "embedder"}


def value_for(command: str, param: Param, inputs: Inputs) -> object:
    make = VALUES.get(f"{command}:{param.name}", VALUES.get(param.name))
    if make is None:
        raise LookupError(f"no valid value for parameter {param.name!r} of `aligner {command}`: add one to VALUES")
    return make(inputs)


def command_line(command: str, inputs: Inputs, **replace: object) -> list[str]:
    """The command with its required parameters (and any in ``replace``) filled in."""
    line = command.split()
    for param in params(COMMANDS[command]):
        if param.name in replace:
            value = replace[param.name]
        elif param.required:
            value = value_for(command, param, inputs)
        else:
            continue
        if value is None:
            continue
        line += [str(value)] if param.flag is None else [param.flag, str(value)]
    return line


def assert_clean_error(result, *fragments: str) -> None:
    """Exit 2, exactly one ``Error`` line naming what it should, nothing else but click's help lines."""
    output = result.stderr + result.stdout
    assert result.exit_code == 2, (result.exit_code, output)
    assert "Traceback" not in output, output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.lstrip("│ ").startswith("Error")]
    others = [line for line in lines if line not in errors and not line.startswith(("Usage:", "Try '"))]
    assert len(errors) == 1 and not others, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], (fragment, errors[0])


# -- which parameters are what -------------------------------------------------------------


def path_params(command: str, *, role: str) -> list[Param]:
    """``role``: ``"input"`` (files or folders read) or ``"corpus"``."""
    found = []
    for param in params(COMMANDS[command]):
        if param.kind is not Path or param.name in OUTPUTS:
            continue
        if (param.name == "corpus") == (role == "corpus"):
            found.append(param)
    return found


def cases(role: str, kinds: Callable[[Param], list[str]]) -> list:
    return [
        pytest.param(command, param.name, kind, id=f"{command} {param.flag or param.name.upper()}: {kind}")
        for command in COMMANDS
        for param in path_params(command, role=role)
        for kind in kinds(param)
    ]


# (command, parameter, kind of bad value) -> why the command accepts it (the test checks it does).
ACCEPTED = {
    ("import", "corpus", "missing"): "import creates a missing corpus (like align --corpus)",
    ("align", "corpus", "missing"): "align --corpus creates a missing corpus",
    ("align-batch", "corpus", "missing"): "align-batch creates a missing corpus, like align --corpus",
    ("glossary match", "text_file", "empty"): "an empty text has no hits; nothing is stored",
    ("terms check", "ignore", "empty"): "an empty list of accepted findings is a valid one",
}


def assert_accepted(result, key: tuple[str, str, str]) -> None:
    output = result.stderr + result.stdout
    assert result.exit_code in (0, 1) and "Traceback" not in output, (ACCEPTED[key], result.exit_code, output)


def bad_input(inputs: Inputs, valid: Path, kind: str) -> Path:
    """A bad stand-in for ``valid`` (same extension, so the format is still recognised)."""
    name = f"bad-{kind.replace(' ', '-')}{valid.suffix if valid.is_file() else ''}"
    path = inputs.tmp / name
    if kind == "missing":
        return path
    if kind == "a folder":
        path.mkdir()
        (path / "x.txt").write_text("x", encoding="utf-8")
    elif kind == "a file":
        path.write_text("not a folder\n", encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"") if valid.is_file() else path.mkdir()
    elif kind == "binary (a PDF)":
        path.write_bytes(PDF)
    elif kind == "malformed table":
        path.write_text(MALFORMED_TSV, encoding="utf-8")
    return path


FILE_KINDS = ["missing", "a folder", "empty", "binary (a PDF)"]
FOLDER_KINDS = ["missing", "a file", "empty"]
#: For inputs that are tables (their valid value is a .tsv): no known header, a ragged row.
MALFORMED_TSV = "what\tever\nthis is\n\t\t\t\t\t\tnot a table\n"
TABLE_PARAMS = {"glossary", "ignore", "source"}


def file_kinds(param: Param) -> list[str]:
    if param.name in FOLDERS:
        return FOLDER_KINDS
    return FILE_KINDS + (["malformed table"] if param.name in TABLE_PARAMS | {"file"} else [])


@pytest.mark.parametrize(
    ("command", "name", "kind"), cases("input", file_kinds)
)
def test_bad_input_file(inputs: Inputs, command: str, name: str, kind: str) -> None:
    param = next(p for p in params(COMMANDS[command]) if p.name == name)
    valid = Path(str(value_for(command, param, inputs)))
    assert valid.is_dir() == (name in FOLDERS), f"{valid} is the valid {name}: FOLDERS is wrong"
    bad = bad_input(inputs, valid, kind)
    before = corpus_state(inputs.corpus)
    result = invoke(*command_line(command, inputs, **{name: bad}))
    if (command, name, kind) in ACCEPTED:
        assert_accepted(result, (command, name, kind))
        return
    assert_clean_error(result, bad.name)
    assert corpus_state(inputs.corpus) == before


def _corpus_of_other_things(inputs: Inputs) -> Path:
    folder = inputs.tmp / "letters"
    folder.mkdir()
    (folder / "letter.txt").write_text("Dear comrade,", encoding="utf-8")
    return folder


def _newer_corpus(inputs: Inputs) -> Path:
    corpus = inputs.copy_corpus()
    marker = corpus / "aligner-corpus.json"
    content = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps({**content, "schema_version": 99}), encoding="utf-8")
    return corpus


def _bad_marker(inputs: Inputs) -> Path:
    corpus = inputs.copy_corpus()
    (corpus / "aligner-corpus.json").write_text("{not json", encoding="utf-8")
    return corpus


CORPUS_KINDS: dict[str, tuple[Callable[[Inputs], Path], str]] = {
    "missing": (lambda i: i.tmp / "no-such-corpus", "no-such-corpus"),
    "a file": (lambda i: bad_input(i, i.corpus, "a file"), "bad-a-file"),
    "a folder of other things": (_corpus_of_other_things, "letters"),
    "newer schema": (_newer_corpus, "schema version 99"),
    "unreadable marker": (_bad_marker, "aligner-corpus.json"),
}


@pytest.mark.parametrize(("command", "name", "kind"), cases("corpus", lambda p: list(CORPUS_KINDS)))
def test_bad_corpus(inputs: Inputs, command: str, name: str, kind: str) -> None:
    make, named = CORPUS_KINDS[kind]
    bad = make(inputs)
    watched = [inputs.corpus, bad] if bad.is_dir() else [inputs.corpus]
    before = [corpus_state(path) for path in watched]
    result = invoke(*command_line(command, inputs, **{name: bad}))
    if (command, name, kind) in ACCEPTED:
        assert_accepted(result, (command, name, kind))
        return
    assert_clean_error(result, named)
    assert [corpus_state(path) for path in watched] == before


def lock_cases() -> list:
    return [
        pytest.param(command, id=command)
        for command in COMMANDS
        if any(p.name == "lock_timeout" for p in params(COMMANDS[command]))
    ]


# What a command that waits for the lock needs to have something to write.
WRITE_ARGS: dict[str, Callable[[Inputs], dict[str, object]]] = {
    "align": lambda i: {"corpus": i.corpus},
    "import": lambda i: {"doc": "imported-copy"},
    "corpus upgrade": lambda i: {"corpus": make_v0_corpus(i.tmp / "v0")},
}


@pytest.mark.parametrize("command", lock_cases())
def test_locked_corpus(inputs: Inputs, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, V0_TO_V1)  # what `corpus upgrade` of the v0 corpus runs
    extra = WRITE_ARGS.get(command, lambda i: {})(inputs)
    corpus = Path(str(extra.get("corpus", inputs.corpus)))
    before = corpus_state(corpus)
    with filelock.FileLock(str(corpus / ".lock")):
        result = invoke(*command_line(command, inputs, lock_timeout=0.05, **extra))
    assert_clean_error(result, str(corpus), "locked by another writer", "--lock-timeout")
    assert corpus_state(corpus) == before


def option_cases() -> list:
    found = []
    for command in COMMANDS:
        for param in params(COMMANDS[command]):
            if param.flag is None or param.kind is bool:
                continue
            if isinstance(param.kind, type) and issubclass(param.kind, enum.Enum):
                bad = "no-such-choice"
            elif param.kind in (int, float):
                bad = "many" if param.minimum is None else str(param.minimum - 1)
            else:
                continue
            found.append(pytest.param(command, param.flag, bad, id=f"{command} {param.flag} {bad}"))
    return found


@pytest.mark.parametrize(("command", "flag", "bad"), option_cases())
def test_invalid_option_value(inputs: Inputs, command: str, flag: str, bad: str) -> None:
    name = next(p.name for p in params(COMMANDS[command]) if p.flag == flag)
    before = corpus_state(inputs.corpus)
    result = invoke(*command_line(command, inputs, **{name: bad}))
    assert_clean_error(result, flag)
    assert corpus_state(inputs.corpus) == before


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_required_parameter_has_a_value(inputs: Inputs, command: str) -> None:
    command_line(command, inputs)  # raises LookupError naming the parameter when VALUES lacks one


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--debug", "docs", str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert type(result.exception).__name__ == "CorpusError"
