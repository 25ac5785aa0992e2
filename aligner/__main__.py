"""``python -m aligner`` runs the same command-line app as ``aligner``."""

from aligner.cli.main import run

run()
