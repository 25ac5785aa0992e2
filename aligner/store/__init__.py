"""The corpus store: table schemas (``schema``), Delta table access (``delta``) and ``Corpus``.

Import ``aligner.store.corpus.Corpus`` (or ``aligner.Corpus``); this package imports nothing
heavy by itself.
"""
