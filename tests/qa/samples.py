"""The QA test corpus, built once per test process and shared read-only.

It holds the memo's two translations (``en``, the published one, and ``en-draft``, the second
translation with its realistic differences) and the resolution (which repeats the memo's
signature line), aligned with the bundled glossary. ``TEST_GLOSSARY`` is a small glossary
written out for the checks: tests pin what it finds, so they do not move when the bundled
glossary grows. Tests must not write to the shared corpus (CLI tests check it is unchanged).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPORA, GLOSSARIES

MEMO = "memo-1956-10-05-ivanov-kim-il-sung"
RESOLUTION = "resolution-1956-09-23-kwp-plenum"
BUNDLED_GLOSSARY = GLOSSARIES / "soviet-korea-1956.tsv"

TEST_GLOSSARY = """\
id\tcategory\tru\ten\ten_variants\ten_forbidden\tcase_sensitive\tnote
kim-il-sung\tperson\tКим Ир Сен\tKim Il Sung\tKim Il-sung|Kim Il-song\tKim Ir Sen\t\t
nam-il\tperson\tНам Ир\tNam Il\t\tNam Ir\t\t
choe-chang-ik\tperson\tЧвэ Чан Ик|Чой Чан Ик\tChoe Chang-ik\tCh'oe Ch'ang-ik|Choi Chang-ik\t\t\t
pak-chang-ok\tperson\tПак Чан Ок\tPak Chang-ok\tPak Ch'ang-ok\t\t\t
kwp\torganisation\tТрудовая партия Кореи|ТПК\tKWP|Korean Workers' Party\tKorean Worker's Party|Korean Workers Party\tWorkers Party of Korea\t\t
factionalism\tparty_term\tфракционность\tfactionalism\t\tfractionalism|fractionism\t\t
party-aktiv\tparty_term\tпартийный актив\tParty aktiv\tParty activists\t\t\t
cpsu-20th-congress\tparty_term\tXX съезд КПСС\t20th CPSU Congress\tTwentieth Congress of the CPSU\t\t\t
top-secret\tdocument\tсовершенно секретно\tTop Secret\t\t\t\t
"""

_BUILT: dict[str, Path] = {}


def build_qa_corpus(root: Path) -> Path:
    """Align the samples into a new corpus under ``root`` (once per process)."""
    if "corpus" not in _BUILT:
        from aligner.align.pipeline import align_files
        from aligner.glossary import load_glossary
        from aligner.store.corpus import Corpus

        glossary = load_glossary(BUNDLED_GLOSSARY)
        corpus = Corpus.open(root / "corpus", create=True)
        pairs = [(MEMO, "en.txt"), (MEMO, "en-draft.txt"), (RESOLUTION, "en.txt")]
        corpus.write_documents(
            [align_files(CORPORA / doc / "ru.txt", CORPORA / doc / tgt, glossary) for doc, tgt in pairs]
        )
        glossary_path = root / "test-glossary.tsv"
        glossary_path.write_text(TEST_GLOSSARY, encoding="utf-8")
        _BUILT["corpus"], _BUILT["glossary"] = corpus.path, glossary_path
    return _BUILT["corpus"]


@pytest.fixture(scope="session")
def qa_corpus(tmp_path_factory) -> Path:
    """The shared QA corpus (read-only)."""
    return build_qa_corpus(tmp_path_factory.mktemp("qa"))


@pytest.fixture(scope="session")
def test_glossary_path(qa_corpus) -> Path:
    """``TEST_GLOSSARY`` as a TSV file."""
    return _BUILT["glossary"]
