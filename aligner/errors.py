"""Errors a user can cause, each printed by the CLI as one line: ``PATH:LINE: message``.

Anything else (``ValueError`` for caller misuse, ``AssertionError`` for broken invariants) is a
bug and is left to propagate with its traceback.
"""

from __future__ import annotations

from pathlib import Path


class AlignerError(Exception):
    """A problem with the user's input or environment, reported as one line."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return where + self.message


class InputError(AlignerError):
    """An input text is missing, empty, binary, undecodable, in the wrong language or swapped."""


class GlossaryError(AlignerError):
    """A glossary file cannot be read (header, required column, encoding, XML)."""


class CorpusError(AlignerError):
    """A corpus folder is not a corpus, is locked by another writer, or lacks a document."""


class SchemaVersionError(CorpusError):
    """A corpus was written with a schema this version of the tool cannot read or write."""
