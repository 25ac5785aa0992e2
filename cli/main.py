"""The typer application: global options and the registry of command modules.

Each command module adds its commands to ``app`` (or a sub-app) when imported; heavy
libraries are imported inside command bodies so ``aligner --help`` stays fast.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from aligner import __version__
from aligner.cli import errors

app = typer.Typer(
    name="aligner",
    help="Align archival originals with their translations, check terms, query the corpus.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"aligner {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Align archival originals with their translations, check terms, query the corpus."""
    errors.DEBUG["enabled"] = debug
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(name)s: %(message)s")


# Command modules register themselves on `app`; importing them is cheap (no heavy imports).
from aligner.cli import commands  # noqa: E402,F401


def run() -> None:
    """Console-script entry point."""
    app()
