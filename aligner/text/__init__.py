"""Text handling: reading files (``read``: encodings, refusals), normalization (``normalize``),
editorial brackets (``editorial``), paragraph and sentence segmentation (``segment``), and the one
normalizer of numbers and dates (``numbers``). ``model`` holds the plain data (``Text``,
``Sentence``, ``Span``); offsets everywhere are half-open character offsets into
``Text.normalized``.
"""
