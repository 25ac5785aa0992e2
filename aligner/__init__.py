"""aligner: sentence alignment of archival originals with their translations.

The public API is loaded lazily so that ``import aligner.cli`` stays light (no polars, numpy
or pymorphy3 until a command needs them).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.2.0"

_LAZY = {
    "align_files": "aligner.align.pipeline",
    "align_texts": "aligner.align.pipeline",
    "load_glossary": "aligner.glossary",
    "Corpus": "aligner.store.corpus",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aligner' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
