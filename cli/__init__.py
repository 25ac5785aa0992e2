"""The ``aligner`` command-line app (installed as ``aligner.cli``)."""
