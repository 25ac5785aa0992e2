"""Fuzzing what the other property tests leave out: whole alignments of random texts (stored and
checked), and hostile or random XML given as a TBX glossary.

Reading, normalizing and segmenting random Unicode are fuzzed in ``tests/text``, glossary matching
in ``tests/glossary``, the bead search on random features in ``tests/property``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.align.document import DocumentMeta
from aligner.align.pipeline import align_texts
from aligner.errors import GlossaryError, InputError
from aligner.glossary import load_glossary
from aligner.store.corpus import Corpus
from aligner.text.model import Text
from aligner.text.normalize import normalize_text
from tests.conftest import GLOSSARIES

# Pieces of our material and of its accidents: names, Party terms, abbreviations, numbers, brackets,
# control characters, bidirectional marks, combining accents, CJK, emoji, long runs.
PIECES = st.sampled_from([
    "Тов. Ким Ир Сен", "ЦК КПСС", "пленум", "Пэн Дэхуай", "г.", "1956", "22 сентября", "А. И. Микоян",
    "Cde. Kim Il Sung", "CC CPSU", "plenum", "Peng Dehuai", "No. 604", "22 September", "XX",
    "[", "]", "[handwritten: signed]", "[подпись неразборчива]", ".", "!", "?", "…", " ", "\n", "\n\n",
    "\r\n", "\t", "-\n", "\u00ad", "\u200f", "\u202e", "\ufeff", "\x00", "\x1b", "\u0301", "中文。",
    "😀", "«", "»", "ааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа",
])
TEXTS = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=50).map("".join),
    st.text(max_size=200),
    st.text(alphabet="[] \n.", max_size=60),  # only brackets
    st.text(alphabet=st.characters(categories=["Lu", "Ll", "Zs"]), max_size=300),  # no punctuation
    st.text(alphabet="ab .", min_size=2000, max_size=4000),  # long, many short sentences
    st.text(alphabet="ab ", min_size=3000, max_size=5000),  # one very long line
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
GLOSSARY = load_glossary(GLOSSARIES / "soviet-korea-1956.tsv")


def _text(raw: str, lang: str) -> Text:
    return Text(None, lang, "utf-8", "", normalize_text(raw))


@pytest.fixture(scope="module")
def fuzz_corpus(tmp_path_factory) -> Corpus:
    return Corpus.open(tmp_path_factory.mktemp("fuzz") / "corpus", create=True)


@FUZZ
@given(src_raw=TEXTS, tgt_raw=TEXTS, segmented=st.booleans())
def test_align_texts_on_random_texts(fuzz_corpus: Corpus, src_raw: str, tgt_raw: str, segmented: bool) -> None:
    src, tgt = _text(src_raw, "ru"), _text(tgt_raw, "en")
    try:
        doc = align_texts(src, tgt, GLOSSARY, meta=DocumentMeta("fuzz", "en"), segmented=segmented, lemmas=False)
    except InputError as e:
        assert "has no sentences to align" in e.message
        return
    # every sentence in exactly one bead, in order, and segments agree with beads
    beads = doc.alignment.beads
    assert [i for b in beads for i in b.src] == list(range(len(doc.src_sents)))
    assert [j for b in beads for j in b.tgt] == list(range(len(doc.tgt_sents)))
    assert all(b.src or b.tgt for b in beads)
    assert [(s.src_sent_ids, s.tgt_sent_ids, s.bead) for s in doc.segments] == [(b.src, b.tgt, b.kind) for b in beads]
    assert all(0.0 <= s.score <= 1.0 and 0.0 <= s.confidence <= 1.0 for s in doc.segments)
    for text, sents in ((src, doc.src_sents), (tgt, doc.tgt_sents)):
        assert all(text.normalized[s.start : s.end] == s.text for s in sents)
    # and it stores, reads back equal, and passes the integrity check
    fuzz_corpus.write_document(doc)
    assert fuzz_corpus.read_document("fuzz", "en") == doc
    assert fuzz_corpus.check() == []


SECRET = "TOP-SECRET-FILE-CONTENT"


def _tbx(term: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<martif type="TBX"><text><body>'
        f'<termEntry id="t1"><langSet xml:lang="ru"><tig><term>{term}</term></tig></langSet>'
        f'<langSet xml:lang="en"><tig><term>cde</term></tig></langSet></termEntry></body></text></martif>'
    )


def _laughs(depth: int) -> str:
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{k} "{("&l" + str(k - 1) + ";") * 10}">' for k in range(1, depth))
    return f"<!DOCTYPE martif [{entities}]>"


REFUSED = "refused to read: the XML declares entities or external references"
# (hostile XML, what load_glossary says: a GlossaryError fragment, or None when it loads harmlessly)
HOSTILE = [
    pytest.param(_tbx("&l8;", _laughs(9)), REFUSED, id="billion laughs (nested entity expansion)"),
    pytest.param(
        _tbx("&big;" * 200, '<!DOCTYPE martif [<!ENTITY big "' + "x" * 50_000 + '">]>'), REFUSED, id="quadratic blowup"
    ),
    pytest.param(
        _tbx("&ext;", '<!DOCTYPE martif [<!ENTITY ext SYSTEM "file://{secret}">]>'), REFUSED, id="external entity (file)"
    ),
    pytest.param(
        _tbx("&ext;", '<!DOCTYPE martif [<!ENTITY ext SYSTEM "http://127.0.0.1:9/x">]>'),
        REFUSED,
        id="external entity (network)",
    ),
    pytest.param(
        _tbx("&pe;", '<!DOCTYPE martif [<!ENTITY % dtd SYSTEM "file://{secret}"> %dtd;]>'),
        REFUSED,
        id="external parameter entity",
    ),
    # The external DTD is never fetched, so the entity it defines is undefined.
    pytest.param(
        _tbx("&defined;", '<!DOCTYPE martif SYSTEM "file://{dtd}">'), "undefined entity", id="external DTD defining an entity"
    ),
    # XInclude is not processed: the element is ignored and the file never read.
    pytest.param(
        _tbx('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret}" parse="text"/>'),
        None,
        id="XInclude of a local file",
    ),
]


@pytest.mark.parametrize(("xml", "refusal"), HOSTILE)
def test_hostile_tbx_is_refused_or_harmless(tmp_path: Path, xml: str, refusal: str | None) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY defined "{SECRET}">', encoding="utf-8")
    path = tmp_path / "hostile.tbx"
    path.write_text(xml.replace("{secret}", str(secret)).replace("{dtd}", str(dtd)), encoding="utf-8")
    if refusal is not None:
        with pytest.raises(GlossaryError, match=refusal) as info:
            load_glossary(path)
        assert info.value.path == str(path) and SECRET not in str(info.value)
        return
    glossary = load_glossary(path)
    forms = [form for term in glossary.terms for form in (*term.src_forms, *term.tgt_preferred)]
    assert not any(SECRET in form for form in forms), forms


XML_PIECES = st.sampled_from([
    "<martif>", "</martif>", "<text>", "</text>", "<body>", "</body>", "<termEntry id='t'>", "</termEntry>",
    "<langSet xml:lang='ru'>", "<langSet xml:lang='en'>", "</langSet>", "<tig>", "</tig>", "<term>",
    "</term>", "<ntig>", "<termGrp>", "<termNote type='administrativeStatus'>", "deprecatedTerm-admn-sts",
    "</termNote>", "<tbx xmlns='urn:iso:std:iso:30042:ed-2'>", "<conceptEntry id='c'>", "<langSec xml:lang='ru'>",
    "<termSec>", "Ким Ир Сен", "Kim Il Sung", "&amp;", "&", "&#0;", "&#x41;", "<!--", "-->", "<![CDATA[x]]>",
    "<?xml version='1.0'?>", "<!DOCTYPE martif>", "\x00", "\ufeff", " ", "\n",
])


@settings(max_examples=150, deadline=None)
@given(xml=st.one_of(st.lists(XML_PIECES, max_size=40).map("".join), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_random_xml_as_tbx_raises_only_glossary_errors(tmp_path_factory, xml: str) -> None:
    path = tmp_path_factory.mktemp("tbx") / "g.tbx"
    path.write_bytes(xml.encode("utf-8", errors="surrogatepass"))
    try:
        glossary = load_glossary(path)
    except GlossaryError as e:
        assert e.path == str(path)
        return
    assert all(term.term_id for term in glossary.terms)
