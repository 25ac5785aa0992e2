"""Word units of the learned lexicon (issue #4): prefixes and sentencepiece pieces behind one
interface, the lexicon's unit layer over them, alignment with either, and a batch's shared model."""

import pickle

import numpy as np
import pytest

from aligner.align import lexical
from aligner.align.batch import BatchItem, align_batch, train_batch_units
from aligner.align.evaluate import count_hits, scores
from aligner.align.pipeline import align_files
from aligner.align.settings import AlignSettings
from aligner.align.units import (
    LexicalUnits,
    PrefixUnits,
    SentencePieceUnits,
    WordUnits,
    unit_model,
)
from aligner.interchange.beads import read_beads
from aligner.store.corpus import Corpus
from tests.conftest import CORPORA

CABLE = CORPORA / "cable-1956-09-23-mikoyan"
RESOLUTION = CORPORA / "resolution-1956-09-23-kwp-plenum"

#: Russian forms of a few lemmas, used in varied sentences with an English rendering: enough
#: text for a unigram model to find what repeats (the forms alone, once each, would not show it).
LEMMAS = {
    "government": ["правительство", "правительства", "правительству", "правительством", "правительстве"],
    "delegation": ["делегация", "делегации", "делегацию", "делегацией", "делегаций", "делегациями"],
    "comrade": ["товарищ", "товарища", "товарищу", "товарищем", "товарищи", "товарищей", "товарищами"],
    "question": ["вопрос", "вопроса", "вопросу", "вопросом", "вопросе", "вопросы", "вопросов"],
    "decision": ["решение", "решения", "решению", "решением", "решении", "решений"],
}


def inflected_text() -> list[list[str]]:
    names = list(LEMMAS)
    sentences = []
    for k, (english, forms) in enumerate(LEMMAS.items()):
        for f, form in enumerate(forms):
            other = names[(k + f + 1) % len(names)]
            sentences.append(["по", "поводу", form, "и", LEMMAS[other][f % 5], "было", "сказано"])
            sentences.append(["the", english + ("s" if f % 2 else ""), "and", other, "were", "discussed"])
    return sentences


def sents(path) -> list[list[str]]:
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    "word, expected",
    [
        pytest.param("Послания", ("посла",), id="lowercased, cut to five characters"),
        pytest.param("мир", ("мир",), id="short word whole"),
        pytest.param("1956", ("1956",), id="digits are a word"),
        pytest.param("—", (), id="punctuation has no unit"),
        pytest.param("Ким-Ир-Сен", ("ким-и",), id="hyphenated name cut like a word"),
    ],
)
def test_prefix_units(word, expected):
    assert PrefixUnits().units(word) == expected


def test_prefix_vocabulary_encodes_as_before():
    # One unit per word, ids in order of first appearance, words without letters dropped: the
    # encoding the lexicon had before units became pluggable (pinned).
    vocab = lexical.Vocabulary()
    got = vocab.encode_sentences([["Правительство", ",", "правительства"], [], ["Мир", "—", "1956"], ["мир"]])
    assert [a.tolist() for a in got] == [[0, 0], [], [1, 2], [1]]
    assert vocab.ids == {"прави": 0, "мир": 1, "1956": 2}


@pytest.fixture(scope="module")
def pieces() -> SentencePieceUnits:
    return SentencePieceUnits.train(inflected_text())


def test_russian_inflections_share_a_piece(pieces):
    # The stem piece is common to the forms; a form the model keeps whole (the dictionary
    # form, one more) may not carry it.
    for forms in LEMMAS.values():
        units = [set(pieces.units(form)) for form in forms]
        best = max(sum(piece in u for u in units) for piece in set().union(*units))
        assert best >= len(forms) - 2, [pieces.units(form) for form in forms]
        assert all(len(u) <= 3 for u in units)  # stems, not letters


def test_a_word_may_give_several_units_and_the_vocabulary_keeps_them_in_order(pieces):
    words = [["Правительству", "товарищами", "—"], ["the", "governments"]]
    vocab = lexical.Vocabulary(pieces)
    encoded = vocab.encode_sentences(words)
    for sentence, ids in zip(words, encoded):
        expected = [vocab.ids[u] for w in sentence for u in pieces.units(w)]
        assert ids.tolist() == expected
    assert len(encoded[0]) > 2  # inflected forms are cut into a stem and more


def test_sentencepiece_training_is_deterministic_and_pickles_as_its_bytes(pieces):
    again = SentencePieceUnits.train(inflected_text())
    assert again.model_proto == pieces.model_proto and again == pieces
    copy = pickle.loads(pickle.dumps(pieces))
    assert copy == pieces and copy.units_of(["правительствами"]) == pieces.units_of(["правительствами"])
    assert len(pieces.model_proto) < 100_000  # no NFKC tables shipped with every model


@pytest.mark.parametrize(
    "sentences",
    [
        pytest.param([], id="no text"),
        pytest.param([["—", "..."]], id="punctuation only"),
        pytest.param([["Да"]], id="one word"),
        pytest.param([["абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "abcdefghijklmnopqrstuvwxyz0123456789"]],
                     id="more characters than a small vocabulary"),
        pytest.param([["слово"] * 5000], id="a sentence longer than sentencepiece reads"),
    ],
)
def test_tiny_documents_train_a_usable_model(sentences):
    units = SentencePieceUnits.train(sentences)
    got = units.units_of(["Да", "слово", "—", "xyz"])
    assert got[2] == () and all(got[k] for k in (0, 1, 3))


def test_training_text_is_sampled_down_reproducibly():
    text = inflected_text() * 3
    small = SentencePieceUnits.train(text, max_sentences=40)
    assert small == SentencePieceUnits.train(text, max_sentences=40)
    assert small != SentencePieceUnits.train(text)


@pytest.mark.parametrize(
    "kind, expected",
    [
        pytest.param("prefix", PrefixUnits, id="prefix"),
        pytest.param(LexicalUnits.sentencepiece, SentencePieceUnits, id="sentencepiece"),
        pytest.param("none", type(None), id="none"),
    ],
)
def test_unit_model_factory(kind, expected):
    assert isinstance(unit_model(kind, [["Правительство"]], [["government"]]), expected)


def test_unit_model_takes_a_trained_model_of_its_kind(pieces):
    assert unit_model("sentencepiece", [["x"]], [["y"]], trained=pieces) is pieces
    assert isinstance(unit_model("prefix", trained=pieces), PrefixUnits)
    with pytest.raises(ValueError):
        unit_model("bpe")
    assert isinstance(pieces, WordUnits)


def gold_f1(folder, doc) -> float:
    gold = read_beads(folder / "gold.align")
    return scores(count_hits(gold, [(b.src, b.tgt) for b in doc.alignment.beads])).f1_strict


@pytest.fixture(scope="module")
def corpora_pieces() -> SentencePieceUnits:
    """One model over the bundled samples, as a batch of them trains it."""
    items = [BatchItem(f.name, "en", f / "ru.txt", f / "en.txt") for f in sorted(CORPORA.iterdir()) if f.is_dir()]
    return train_batch_units(items, AlignSettings(lexical="sentencepiece"))


def test_sentencepiece_alignment_reaches_the_prefix_score_on_a_sample(corpora_pieces):
    f1 = {}
    for kind in ("prefix", "sentencepiece", "none"):
        doc = align_files(CABLE / "ru.sents", CABLE / "en.sents", settings=AlignSettings(lexical=kind),
                          segmented=True, lemmas=False, units=corpora_pieces)
        f1[kind] = gold_f1(CABLE, doc)
    assert f1["prefix"] >= 0.9
    # The pieces' lexicon is real evidence: it beats length and anchors alone.
    assert f1["sentencepiece"] >= f1["prefix"] - 0.02 and f1["sentencepiece"] > f1["none"] + 0.05, f1


def test_given_units_are_the_ones_the_lexicon_uses(pieces):
    # A model passed in is used as is (it is loaded on first use), not retrained per document.
    given = SentencePieceUnits(pieces.model_proto)
    align_files(CABLE / "ru.sents", CABLE / "en.sents", settings=AlignSettings(lexical="sentencepiece"),
                segmented=True, lemmas=False, units=given)
    assert given._processor is not None


def test_a_batch_trains_one_model_and_every_document_uses_it(tmp_path):
    items = [BatchItem(f.name, "en", f / "ru.txt", f / "en.txt") for f in (CABLE, RESOLUTION)]
    settings = AlignSettings(lexical="sentencepiece")
    shared = train_batch_units(items, settings)
    assert isinstance(shared, SentencePieceUnits) and shared == train_batch_units(items, settings)
    assert train_batch_units(items, AlignSettings()) is None
    corpus = Corpus.open(tmp_path / "c", create=True)
    report = align_batch(items, corpus, settings=settings, lemmas=False)
    assert report.ok and report.aligned == 2
    def beads(alignment):
        return [(b.src, b.tgt, round(b.score, 6)) for b in alignment.beads]

    for folder in (CABLE, RESOLUTION):
        stored = beads(corpus.read_alignment(folder.name, "en"))
        with_shared = align_files(folder / "ru.txt", folder / "en.txt", settings=settings, lemmas=False, units=shared)
        own = align_files(folder / "ru.txt", folder / "en.txt", settings=settings, lemmas=False)
        assert stored == beads(with_shared.alignment)
        # (a document's own model gives other scores: the shared one is what was used)
        assert stored != beads(own.alignment)


def test_the_batch_model_reaches_dask_and_process_workers_as_bytes(pieces):
    # Workers get the model by pickling (processes, Dask's scatter): what arrives encodes alike.
    args = (None, AlignSettings(lexical="sentencepiece"), False, False, None, pieces)
    arrived = pickle.loads(pickle.dumps(args))[-1]
    words = ["правительствами", "delegations"]
    assert arrived.units_of(words) == pieces.units_of(words)
    assert np.array_equal(
        np.concatenate(lexical.Vocabulary(arrived).encode_sentences([words])),
        np.concatenate(lexical.Vocabulary(pieces).encode_sentences([words])),
    )


def test_a_dask_batch_ships_the_shared_model_to_its_workers(tmp_path):
    distributed = pytest.importorskip("distributed", reason="the 'distributed' extra is not installed")
    items = [BatchItem(f.name, "en", f / "ru.txt", f / "en.txt") for f in (CABLE, RESOLUTION)]
    settings = AlignSettings(lexical="sentencepiece")
    corpus = Corpus.open(tmp_path / "c", create=True)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = align_batch(items, corpus, settings=settings, scheduler=cluster.scheduler_address, lemmas=False)
    assert report.ok and report.aligned == 2
    shared = train_batch_units(items, settings)

    def beads(alignment):
        return [(b.src, b.tgt, round(b.score, 6)) for b in alignment.beads]

    stored = beads(corpus.read_alignment(CABLE.name, "en"))
    assert stored == beads(align_files(CABLE / "ru.txt", CABLE / "en.txt", settings=settings, lemmas=False,
                                       units=shared).alignment)
    assert stored != beads(align_files(CABLE / "ru.txt", CABLE / "en.txt", settings=settings, lemmas=False).alignment)
