"""Fixtures of the QA tests: the shared sample corpus and the small test glossary."""

from tests.qa.samples import qa_corpus, test_glossary_path  # noqa: F401
