"""Matching never raises on random text and its hits are sorted, in bounds and disjoint."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.glossary import match_terms, name_keys
from tests.glossary.conftest import TERMS

PIECES = [form for term in TERMS for form in (*term.src_forms, *term.tgt_approved)] + [
    "Сена", "сено", "тов.", "т.т.", "Kim's", "-", " ", ".", "\n", "ЁЁ", "İstanbul", "ǅ", "\x00",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=20).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=texts, lang=st.sampled_from(["ru", "en"]))
def test_hits_are_sorted_disjoint_and_in_bounds(glossary, text, lang):
    hits = match_terms(glossary, text, lang)
    spans = sorted({(h.start, h.end) for h in hits})
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(h.lang == lang for h in hits)


@settings(max_examples=100, deadline=None)
@given(text=texts, lang=st.sampled_from(["ru", "en", "xx"]))
def test_name_keys_in_bounds(text, lang):
    for key in name_keys(text, lang):
        assert 0 <= key.start < key.end <= len(text) and key.key
