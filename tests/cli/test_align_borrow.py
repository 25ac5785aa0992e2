"""`aligner align --corpus` and `aligner align-batch`: small documents borrow the corpus's
confident pairs (issue #4), recorded in their settings and signature."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from aligner.interchange.beads import read_beads
from aligner.store.corpus import Corpus
from tests.align.borrow_texts import lexicon, related_document, small_document, write_pair
from tests.cli.conftest import invoke


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    """Three related documents and a small one (as ru.txt/en.txt, one sentence a line)."""
    root = tmp_path_factory.mktemp("texts")
    words = lexicon()
    for k in range(3):
        write_pair(root / "related" / f"rel{k}", *related_document(words, 60, seed=k), suffix=".txt")
    src, tgt, gold = small_document(words)
    write_pair(root / "small" / "small", src, tgt, suffix=".txt")
    return root, [(tuple(s), tuple(t)) for s, t in gold]


@pytest.fixture(scope="module")
def related_corpus(texts, tmp_path_factory):
    root, _ = texts
    corpus = tmp_path_factory.mktemp("corpus") / "c"
    result = invoke("align-batch", root / "related", "--corpus", corpus, "--segmented", "--workers", "1")
    assert result.exit_code == 0, result.stderr
    return corpus


def _stored(corpus, doc_id="small"):
    row = Corpus.open(corpus).read_documents().filter(doc_id=doc_id).row(0, named=True)
    return json.loads(row["settings"]), row["signature"]


def _align_small(texts, corpus, *options):
    root, _ = texts
    folder = root / "small" / "small"
    beads = corpus.parent / f"small{len(options)}.align"
    result = invoke("align", folder / "ru.txt", folder / "en.txt", "--segmented", "--corpus", corpus,
                    "--beads-out", beads, *options)
    assert result.exit_code == 0, result.stderr
    return result, read_beads(beads)


def test_a_small_document_borrows_the_corpus_pairs(texts, related_corpus, tmp_path):
    _, gold = texts
    corpus = tmp_path / "c"
    shutil.copytree(related_corpus, corpus)
    result, beads = _align_small(texts, corpus)
    settings, signature = _stored(corpus)
    assert settings["borrowed"] > 100
    assert f"|borrowed:{settings['borrowed']}|" in signature
    assert f"lexicon also trained on {settings['borrowed']} pairs borrowed from the corpus" in result.stderr
    assert beads == gold

    # Without borrowing the same document is misaligned (its own pairs teach nothing).
    result, beads = _align_small(texts, corpus, "--no-borrow")
    settings, signature = _stored(corpus)
    assert "borrowed" not in settings and "borrowed:" not in signature and "borrowed from" not in result.stderr
    assert beads != gold


def test_a_document_never_borrows_its_own_earlier_pairs(texts, tmp_path):
    corpus = tmp_path / "c"
    _align_small(texts, corpus)  # a new corpus: nothing to borrow
    assert "borrowed" not in _stored(corpus)[0]
    _align_small(texts, corpus)  # the corpus holds only this document
    assert "borrowed" not in _stored(corpus)[0]


def test_a_batch_borrows_from_the_corpus_as_it_was_when_it_started(texts, tmp_path):
    root, gold = texts
    corpus = tmp_path / "c"
    manifest = tmp_path / "batch.csv"
    rows = [f"rel{k},{root}/related/rel{k}/ru.txt,{root}/related/rel{k}/en.txt" for k in range(3)]
    manifest.write_text("doc_id,src_path,tgt_path\n" + "\n".join([*rows, f"small,{root}/small/small/ru.txt,"
                                                                   f"{root}/small/small/en.txt"]) + "\n")
    first = invoke("align-batch", manifest, "--corpus", corpus, "--segmented", "--workers", "1")
    assert first.exit_code == 0, first.stderr
    # The related documents were written before "small" was aligned, yet it did not borrow.
    assert "borrowed" not in _stored(corpus)[0]
    # Again, "small" with one related document, in two worker processes (the pairs are shipped
    # to each): both borrow the other related documents' pairs, never those of a document the
    # batch lists (so re-running a manifest gives what its first run gave).
    again = tmp_path / "again.csv"
    again.write_text("doc_id,src_path,tgt_path\n" + "\n".join([rows[0], f"small,{root}/small/small/ru.txt,"
                                                                f"{root}/small/small/en.txt"]) + "\n")
    second = invoke("align-batch", again, "--corpus", corpus, "--segmented", "--workers", "2")
    assert second.exit_code == 0, second.stderr
    settings, signature = _stored(corpus)
    assert settings["borrowed"] > 100 and "borrowed:" in signature
    stored = Corpus.open(corpus).read_alignment("small", "en")
    assert [(b.src, b.tgt) for b in stored.beads] == gold
    # Documents of 60 sentences borrow too, the same pairs.
    assert _stored(corpus, "rel0")[0]["borrowed"] == settings["borrowed"]
    assert all("borrowed" not in _stored(corpus, f"rel{k}")[0] for k in (1, 2))


def test_align_without_a_corpus_loads_no_corpus_libraries(texts):
    root, _ = texts
    folder = root / "small" / "small"
    code = (
        "import sys\n"
        "from aligner.cli.main import app\n"
        "try:\n"
        f"    app(['align', {str(folder / 'ru.txt')!r}, {str(folder / 'en.txt')!r}, '--segmented',"
        " '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('loaded:' + ','.join(m for m in ('polars', 'deltalake', 'aligner.store.corpus') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "loaded:"
