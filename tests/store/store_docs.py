"""Hand-built ``AlignedDocument`` values for the store tests (no alignment pipeline involved)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from aligner.align.beads import Alignment, Bead
from aligner.align.document import AlignedDocument, DocumentMeta, Segment
from aligner.store.corpus import Corpus
from aligner.text.model import Sentence, Span, Text

SRC_TEXT = (
    "  Шифротелеграмма № 604.\n\n"
    "Тов. Микоян А. И. встретился с Ким Ир Сеном 22 сентября 1956 г. "
    "Пэн Дэхуай присутствовал. [подпись неразборчива]\n"
)
SRC_SENTS = (
    "Шифротелеграмма № 604.",
    "Тов. Микоян А. И. встретился с Ким Ир Сеном 22 сентября 1956 г.",
    "Пэн Дэхуай присутствовал.",
    "[подпись неразборчива]",
)
TGT_TEXT = (
    "Ciphered telegram No. 604.\n\n"
    "Cde. A. I. Mikoyan met Kim Il Sung on 22 September 1956, Peng Dehuai being present. "
    "[illegible signature]  \n\n"
)
TGT_SENTS = (
    "Ciphered telegram No. 604.",
    "Cde. A. I. Mikoyan met Kim Il Sung on 22 September 1956, Peng Dehuai being present.",
    "[illegible signature]",
)
BEADS = (((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)))


def make_text(text: str, lang: str, path: str | None) -> Text:
    raw = text.encode("utf-8")
    return Text(
        path=None if path is None else Path(path),
        lang=lang,
        encoding="utf-8",
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        normalized=text,
    )


def locate_sentences(text: str, sents: tuple[str, ...], lang: str) -> tuple[Sentence, ...]:
    """Find each sentence in order; paragraphs are split by blank lines; brackets are editorial."""
    out = []
    pos = 0
    for k, sent in enumerate(sents):
        start = text.index(sent, pos)
        end = start + len(sent)
        para_no = len(re.findall(r"\n\s*\n", text[:start]))
        spans = tuple(Span(start + m.start(), start + m.end()) for m in re.finditer(r"\[[^\]]*\]", sent))
        out.append(Sentence(lang, para_no, k, start, end, sent, spans))
        pos = end
    return tuple(out)


def make_document(
    doc_id: str = "cable-604",
    translation_id: str = "en",
    *,
    src_text: str = SRC_TEXT,
    src_sents: tuple[str, ...] = SRC_SENTS,
    tgt_text: str = TGT_TEXT,
    tgt_sents: tuple[str, ...] = TGT_SENTS,
    beads: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] | None = BEADS,
    title: str | None = "Cable from Mikoyan",
    date: str | None = "1956-09-22",
    archive_ref: str | None = "АПРФ ф. 3 оп. 65 д. 776",
    settings: dict | None = None,
    tag: str = "",
) -> AlignedDocument:
    """A small aligned document; ``beads=None`` pairs sentences 1-1 and leaves the rest 1-0/0-1.

    ``tag`` goes into the segment data, so two writes of one key can be told apart.
    """
    return assemble(
        DocumentMeta(doc_id, translation_id, title, date, archive_ref),
        make_text(src_text, "ru", f"corpora/{doc_id}/ru.txt"),
        locate_sentences(src_text, src_sents, "ru"),
        make_text(tgt_text, "en", f"corpora/{doc_id}/{translation_id}.txt"),
        locate_sentences(tgt_text, tgt_sents, "en"),
        beads,
        settings={"band": 20, "bead_types": ["1-1", "2-1"], "seed": 12345} if settings is None else settings,
        tag=tag,
    )


def assemble(
    meta: DocumentMeta,
    src: Text,
    s_sents: tuple[Sentence, ...],
    tgt: Text,
    t_sents: tuple[Sentence, ...],
    beads: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] | None,
    *,
    settings: dict,
    tag: str = "",
) -> AlignedDocument:
    """An ``AlignedDocument`` with segments derived from ``beads`` (None: 1-1, then 1-0/0-1)."""
    if beads is None:
        n = min(len(s_sents), len(t_sents))
        pairs = [((i,), (i,)) for i in range(n)]
        pairs += [((i,), ()) for i in range(n, len(s_sents))]
        pairs += [((), (j,)) for j in range(n, len(t_sents))]
        beads = tuple(pairs)
    bead_objs = []
    segments = []
    for k, (si, ti) in enumerate(beads):
        score = 0.0 if not si or not ti else round(0.5 + 0.1 * (k % 5), 3)
        bead = Bead(si, ti, cost=1.25 * k, score=score, confidence=0.9 if score else 0.1)
        bead_objs.append(bead)
        flags = ("omission",) if not ti else ("addition",) if not si else ()
        if any(s_sents[i].editorial for i in si):
            flags += ("editorial",)
        segments.append(
            Segment(
                seg_no=k,
                src_sent_ids=si,
                tgt_sent_ids=ti,
                src_text=" ".join(s_sents[i].text for i in si),
                tgt_text=" ".join(t_sents[j].text for j in ti),
                bead=bead.kind,
                score=bead.score,
                confidence=bead.confidence,
                src_terms=("Ким Ир Сен",) if any("Ким" in s_sents[i].text for i in si) else (),
                tgt_terms=("Ким Ир Сен",) if any("Kim" in t_sents[j].text for j in ti) else (),
                src_lemmas=tuple(w.lower() for i in si for w in s_sents[i].text.split()[:3]) + (tag,) * bool(tag),
                tgt_stems=tuple(w.lower()[:5] for j in ti for w in t_sents[j].text.split()[:3]),
                flags=flags,
                reviewed=k == 0,
            )
        )
    return AlignedDocument(
        meta=meta,
        src=src,
        tgt=tgt,
        src_sents=s_sents,
        tgt_sents=t_sents,
        alignment=Alignment(tuple(bead_objs), len(s_sents), len(t_sents)),
        segments=tuple(segments),
        glossary_sha256="ab" * 32,
        settings=settings,
        signature="seg-src:razdel-0.5|beads:1-1,2-1|version:0.1.0",
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return Corpus.open(tmp_path / "corpus", create=True)
