"""``aligner align``: align one original with one translation."""
