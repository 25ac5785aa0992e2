"""Turn the library's ``AlignerError`` into one ``Error: ...`` line on stderr and exit code 2.

``--debug`` (a global option) lets the traceback through instead. Nothing else is caught:
anything that is not an ``AlignerError`` is a bug and must show its traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from aligner.errors import AlignerError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_FINDINGS = 1
EXIT_USAGE = 2

DEBUG = {"enabled": False}


def reports_errors(func: F) -> F:
    """Decorate a command so user errors print as one line with exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AlignerError as error:
            if DEBUG["enabled"]:
                raise
            print(f"Error: {error}", file=sys.stderr)
            raise typer.Exit(code=EXIT_USAGE) from None
        except BrokenPipeError:
            # `aligner show ... | head` closes the pipe early: end quietly.
            sys.stderr.close()
            raise typer.Exit(code=0) from None

    return wrapper  # type: ignore[return-value]
