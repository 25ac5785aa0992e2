"""Property: a store write then read returns equal data and rebuilds both texts exactly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_docs import assemble, make_text

from aligner.align.document import DocumentMeta
from aligner.store.corpus import Corpus
from aligner.text.model import Sentence, Span

# Sentence texts are any Unicode (no surrogates: they cannot be UTF-8); gaps are whitespace-ish.
sentence_text = st.text(min_size=1, max_size=30)
gap_text = st.text(alphabet=" \n\t\u00a0\u2028", max_size=4)
parts = st.lists(st.tuples(gap_text, sentence_text), max_size=6)
ident = st.text(min_size=1, max_size=12)


def build_side(pieces: list[tuple[str, str]], tail: str, lang: str) -> tuple:
    text = ""
    sents = []
    for k, (gap, sent) in enumerate(pieces):
        text += gap
        start = len(text)
        text += sent
        spans = (Span(start, start + 1),) if sent.startswith("[") else ()
        sents.append(Sentence(lang, text[:start].count("\n\n"), k, start, len(text), sent, spans))
    text += tail
    return make_text(text, lang, None), tuple(sents)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    doc_id=ident,
    translation_id=ident,
    title=st.none() | st.text(max_size=20),
    src=parts,
    tgt=parts,
    src_tail=gap_text,
    tgt_tail=st.text(max_size=5),
)
def test_write_read_round_trip(
    tmp_path: Path, doc_id, translation_id, title, src, tgt, src_tail, tgt_tail
) -> None:
    if not src and not tgt:
        src = [("", "x")]  # a bead needs a sentence
    src_text, src_sents = build_side(src, src_tail, "ru")
    tgt_text, tgt_sents = build_side(tgt, tgt_tail, "en")
    doc = assemble(
        DocumentMeta(doc_id, translation_id, title, None, None),
        src_text,
        src_sents,
        tgt_text,
        tgt_sents,
        None,
        settings={"title": title},
    )
    corpus = Corpus.open(tmp_path / "property-corpus", create=True)  # shared by the examples
    corpus.write_document(doc)
    assert corpus.read_document(doc_id, translation_id) == doc
    assert corpus.rebuild_text(doc_id, translation_id, "src") == src_text.normalized
    assert corpus.rebuild_text(doc_id, translation_id, "tgt") == tgt_text.normalized
