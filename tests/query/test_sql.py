"""SQL over the live tables."""

from __future__ import annotations

import pytest

from aligner.errors import InputError
from aligner.query.sql import run_sql


def test_group_by_counts_every_live_segment(cable_corpus):
    frame = run_sql(cable_corpus, "SELECT bead, COUNT(*) AS n FROM segments GROUP BY bead ORDER BY n DESC")
    assert frame.columns == ["bead", "n"]
    assert frame["n"].sum() == cable_corpus.read_segments().height
    assert frame["bead"][0] == "1-1"


def test_join_of_documents_and_sentences(cable_corpus):
    frame = run_sql(
        cable_corpus,
        "SELECT d.src_lang, COUNT(*) AS n FROM sentences s JOIN documents d "
        "ON s.doc_id = d.doc_id AND s.translation_id = d.translation_id WHERE s.side = 'src' GROUP BY d.src_lang",
    )
    assert frame.to_dicts() == [{"src_lang": "ru", "n": cable_corpus.read_documents()["n_src_sents"].item()}]


def test_list_columns_are_queryable(cable_corpus):
    frame = run_sql(cable_corpus, "SELECT seg_no FROM segments WHERE array_contains(src_lemmas, 'пленум') ORDER BY seg_no")
    assert frame.height > 3


def test_edits_table_is_there_before_any_edit(cable_corpus):
    assert run_sql(cable_corpus, "SELECT COUNT(*) AS n FROM edits")["n"].item() == 0


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        pytest.param("SELECT nope FROM segments", "nope", id="unknown column"),
        pytest.param("SELECT * FROM nowhere", "nowhere", id="unknown table"),
        pytest.param("SELEC 1", "SQL", id="syntax"),
        pytest.param("   ", "empty", id="empty"),
    ],
)
def test_bad_sql_is_an_input_error(cable_corpus, query, fragment):
    with pytest.raises(InputError, match=fragment):
        run_sql(cable_corpus, query)
