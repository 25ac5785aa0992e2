"""A language added with one ``register_language`` entry works end to end through the CLI.

The entry's pieces each leave a trace: its abbreviations keep ``kam.``/``nr.`` inside sentences
(the library splitter alone breaks there), its month names turn ``23 september 1956`` into a date
anchor, its stopwords let the language guesser recognise it and catch a mislabelled side, and the
corpus records its code.
"""

from __future__ import annotations

import json

import polars as pl
import pytest

from aligner.lang import get_language, registered_codes
from aligner.lang.detect import guess_language
from aligner.text.numbers import extract_numbers
from tests.cli.conftest import assert_one_line_error, invoke

NL_PARAGRAPHS = (
    ("Verslag nr. 12 van de ambassade in Pyongyang.",
     "Op 23 september 1956 kwam het plenum van het Centraal Comité van de Koreaanse Arbeiderspartij bijeen.",
     "Het plenum werd om 10 uur geopend en duurde tot de avond."),
    ("Kam. Kim Il Sung opende de zitting met een korte toespraak.",
     "Daarna ontving kam. Kim Il Sung de delegatie van de Sovjet-Unie in zijn werkkamer.",
     "Het gesprek duurde twee uur en verliep in een vriendschappelijke sfeer."),
)
EN_PARAGRAPHS = (
    ("Report No. 12 of the embassy in Pyongyang.",
     "On 23 September 1956 the plenum of the Central Committee of the Korean Workers' Party met.",
     "The plenum was opened at 10 o'clock and lasted until the evening."),
    ("Cde. Kim Il Sung opened the session with a short speech.",
     "Afterwards Cde. Kim Il Sung received the delegation of the Soviet Union in his office.",
     "The talks lasted two hours and passed in a friendly atmosphere."),
)


def _write(path, paragraphs):
    path.write_text("\n\n".join(" ".join(p) for p in paragraphs) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def nl_en(tmp_path):
    folder = tmp_path / "verslag-12"
    folder.mkdir()
    return _write(folder / "nl.txt", NL_PARAGRAPHS), _write(folder / "en.txt", EN_PARAGRAPHS)


def test_one_entry_makes_a_full_language(dutch):
    assert "nl" in registered_codes()
    assert get_language("NL-be") is dutch
    # Its month names give a date anchor equal to the English one.
    assert extract_numbers(NL_PARAGRAPHS[0][1], "nl") == extract_numbers(EN_PARAGRAPHS[0][1], "en")
    assert guess_language(" ".join(NL_PARAGRAPHS[0] + NL_PARAGRAPHS[1])) == "nl"


def test_registered_language_aligns_and_is_stored(dutch, nl_en, tmp_path):
    nl, en = nl_en
    # The library splitter alone breaks after "nr." and "kam.": the entry's abbreviations repair it.
    raw = dutch.split_sentences(" ".join(NL_PARAGRAPHS[1]))
    assert len(raw) > len(NL_PARAGRAPHS[1])
    corpus = tmp_path / "corpus"
    result = invoke("align", nl, en, "--src-lang", "nl", "--tgt-lang", "en", "--corpus", corpus)
    assert result.exit_code == 0, result.stderr
    assert "6 nl / 6 en sentences" in result.stderr
    doc = pl.read_delta(str(corpus / "documents"))
    assert doc.select("doc_id", "src_lang", "tgt_lang").row(0) == ("verslag-12", "nl", "en")
    sentences = pl.read_delta(str(corpus / "sentences")).filter(pl.col("side") == "src").sort("sent_no")
    assert sentences["text"].to_list() == [s for p in NL_PARAGRAPHS for s in p]
    segments = pl.read_delta(str(corpus / "segments")).sort("seg_no")
    assert segments["src_sent_ids"].to_list() == [[i] for i in range(6)]
    assert segments["tgt_sent_ids"].to_list() == [[i] for i in range(6)]
    result = invoke("query", corpus, "--src", "Sovjet-Unie", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["src_sent_ids"], r["tgt_sent_ids"]) for r in rows] == [([4], [4])]


def test_registered_language_catches_a_mislabelled_side(dutch, nl_en):
    nl, en = nl_en
    result = invoke("align", nl, en, "--src-lang", "de", "--tgt-lang", "en")
    assert_one_line_error(result, "nl.txt", "looks like Dutch (nl)", "German (de)", "--src-lang")
