"""Options shared by several commands, declared once (DESIGN.md: CORPUS, --doc, --translation,
--glossary/-g, --format, --output/-o)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.align.units import LexicalUnits
from aligner.cli.output import Format

CorpusArg = Annotated[Path, typer.Argument(help="Corpus folder (Delta Lake tables).", show_default=False)]
DocOpt = Annotated[str, typer.Option("--doc", help="Document id (the original).")]
DocFilter = Annotated[str | None, typer.Option("--doc", help="Only this document id.")]
TranslationOpt = Annotated[
    str | None, typer.Option("--translation", help="Translation id (may be left out when there is one).")
]
GlossaryOpt = Annotated[
    Path | None, typer.Option("--glossary", "-g", help="Glossary file (TSV, CSV or TBX).", dir_okay=False)
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
LockTimeoutOpt = Annotated[
    float, typer.Option("--lock-timeout", min=0, help="Seconds to wait for another writer of the corpus.")
]
MaxBeadOpt = Annotated[
    int,
    typer.Option("--max-bead", min=2, max=6, help="Largest number of sentences on one side of a bead."),
]
LexicalOpt = Annotated[
    LexicalUnits,
    typer.Option("--lexical", help="Units of the lexicon learned from the document: lowercased word prefixes, "
                                   "sentencepiece pieces, or none (length and anchors only)."),
]
#: Default limit on one input file (issue #8): 64 MB is about 300,000 sentences.
DEFAULT_MAX_INPUT_MB = 64
MaxInputSizeOpt = Annotated[int, typer.Option("--max-input-size", min=1, help="Largest input file, in MB.")]
