"""The alignment pipeline: files or texts in, an ``AlignedDocument`` out.

read → segment → glossary hits, numbers, names → per-sentence features → two-pass bead search
→ segments with terms, lemmas and flags. Only ``align_files`` touches the file system (through
``aligner.text.read``); everything after reading is a pure function of its inputs.
"""

from __future__ import annotations

import hashlib
import logging
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

from aligner.align.beads import Alignment
from aligner.align.borrow import BorrowSource, for_document
from aligner.align.document import AlignedDocument, DocumentMeta, Segment
from aligner.align.driver import align_features
from aligner.align.features import SideFeatures, build_side_features
from aligner.align.flags import BeadEvidence, compute_flags
from aligner.align.settings import GALE_CHURCH_PRIORS, AlignSettings
from aligner.align.signature import alignment_signature
from aligner.errors import InputError
from aligner.glossary.names import NAME_MATCH_THRESHOLD, key_similarity, name_keys
from aligner.lang.lemma_jobs import LemmaJobs
from aligner.text.model import Sentence, Text

log = logging.getLogger("aligner.align.pipeline")


def default_ids(src_path: Path, tgt_path: Path, src_lang: str) -> tuple[str, str]:
    """DESIGN.md defaults: ``corpora/cable-604/ru.txt`` → doc ``cable-604``; translation = target stem."""
    src_path, tgt_path = Path(src_path), Path(tgt_path)
    stem = src_path.stem
    parent = src_path.resolve().parent.name
    doc_id = parent if stem == src_lang and parent else stem
    return doc_id, tgt_path.stem


class SideAnalysis:
    """Everything the aligner and the store need from one side's sentences."""

    def __init__(self, text: Text, sentences: tuple[Sentence, ...], glossary, lemmas: bool,
                 lemma_jobs: LemmaJobs | None = None):
        """:param lemma_jobs: where lemmas are computed (``aligner.lang.lemma_jobs``; in-process
        by default); they are ready when ``lemmas`` is first read."""
        from aligner.lang import get_language
        from aligner.text.numbers import extract_numbers

        self.text, self.sentences = text, sentences
        lang = get_language(text.lang)
        self.language = lang
        self.tokens = [lang.words(s.text) for s in sentences]
        self._pending_lemmas = None
        self._lemmas: list[list[str]] = []
        if lemmas:  # started first: another process may work on them meanwhile
            self._pending_lemmas = (lemma_jobs or LemmaJobs(parallel=False)).submit(lang.lemmatizer, self.tokens)
        starts = [s.start for s in sentences]

        def owner(offset: int) -> int:
            return max(bisect_right(starts, offset) - 1, 0)

        self.terms: list[list[str]] = [[] for _ in sentences]
        self.hits = []
        if glossary is not None and text.lang in (glossary.src_lang, glossary.tgt_lang):
            from aligner.glossary import match_terms

            self.hits = match_terms(glossary, text.normalized, text.lang)
            for hit in self.hits:
                self.terms[owner(hit.start)].append(hit.term_id)
        self.names: list[list[str]] = [[] for _ in sentences]
        for key in name_keys(text.normalized, text.lang):
            self.names[owner(key.start)].append(key.key)
        self.numbers = [list(extract_numbers(s.text, text.lang)) for s in sentences]

    @property
    def lemmas(self) -> list[list[str]]:
        """Each sentence's lemmas (or stems), one per token; empty when not asked for."""
        if self._pending_lemmas is not None:
            self._lemmas, self._pending_lemmas = self._pending_lemmas(), None
        return self._lemmas

    def features(self) -> SideFeatures:
        anchors = [
            [f"num:{n}" for n in nums] + [f"term:{t}" for t in terms] + [f"name:{k}" for k in names]
            for nums, terms, names in zip(self.numbers, self.terms, self.names)
        ]
        return build_side_features(
            [s.proper_length for s in self.sentences],
            anchors,
            [s.para_no for s in self.sentences],
            [s.is_editorial for s in self.sentences],
            self.tokens,
        )


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _shared_names(src_names: list[str], tgt_names: list[str]) -> tuple[list[str], list[str]]:
    """Rewrite target name keys to the source key they match, so sets can be compared.

    The names are ``NameKey.key`` values: ``key_similarity`` is ``names_match`` for keys."""
    if not src_names:
        return src_names, list(tgt_names)
    out = []
    for t in tgt_names:
        best = max(src_names, key=lambda s: key_similarity(s, t))
        out.append(best if key_similarity(best, t) >= NAME_MATCH_THRESHOLD else t)
    return src_names, out


def _term_mismatch(glossary, src_text: str, tgt_text: str, src_lang: str, tgt_lang: str) -> bool | None:
    """Whether the glossary check finds a term missing from, or unexpected in, the bead (the
    same judgement as ``aligner terms check``: shared renderings and nested terms count)."""
    if glossary is None or not src_text or not tgt_text:
        return None
    from aligner.qa.terms import check_segment

    found = check_segment(glossary, src_text, tgt_text, src_lang, tgt_lang).findings
    return any(f.kind in ("missing", "unexpected") for f in found)


def build_segments(
    src: SideAnalysis, tgt: SideAnalysis, alignment: Alignment, settings: AlignSettings, glossary=None
) -> tuple[Segment, ...]:
    """One ``Segment`` per bead, with joined texts, term ids, lemmas/stems and flags."""
    # Per-sentence facts are read once per side, and a bead's joined texts and term lists serve
    # both its evidence and its row.
    sides = []
    for side in (src, tgt):
        sents = side.sentences
        sides.append((
            [s.text for s in sents],
            [s.proper_length for s in sents],
            [bool(s.editorial) for s in sents],
            [s.is_editorial for s in sents],
        ))
    (s_texts, s_lens, s_brackets, s_only), (t_texts, t_lens, t_brackets, t_only) = sides
    src_lang, tgt_lang = src.text.lang, tgt.text.lang
    evidence = []
    joined = []
    for bead in alignment.beads:
        si, ti = bead.src, bead.tgt
        src_text = " ".join([s_texts[i] for i in si])
        tgt_text = " ".join([t_texts[j] for j in ti])
        src_terms = [t for i in si for t in src.terms[i]]
        tgt_terms = [t for j in ti for t in tgt.terms[j]]
        s_names, t_names = _shared_names([k for i in si for k in src.names[i]], [k for j in ti for k in tgt.names[j]])
        named = bool(s_names and t_names)
        evidence.append(
            BeadEvidence(
                kind=bead.kind,
                src_len=sum([s_lens[i] for i in si]),
                tgt_len=sum([t_lens[j] for j in ti]),
                src_numbers=[n for i in si for n in src.numbers[i]],
                tgt_numbers=[n for j in ti for n in tgt.numbers[j]],
                src_terms=src_terms,
                tgt_terms=tgt_terms,
                src_names=s_names if named else [],
                tgt_names=t_names if named else [],
                editorial=any(s_brackets[i] for i in si) or any(t_brackets[j] for j in ti),
                only_editorial=bool(si or ti) and all(s_only[i] for i in si) and all(t_only[j] for j in ti),
                confidence=bead.confidence,
                term_mismatch=_term_mismatch(glossary, src_text, tgt_text, src_lang, tgt_lang),
            )
        )
        joined.append((src_text, tgt_text, src_terms, tgt_terms))
    flags = compute_flags(evidence, settings.low_confidence)
    segments = []
    for seg_no, (bead, flag, (src_text, tgt_text, src_terms, tgt_terms)) in enumerate(
        zip(alignment.beads, flags, joined)
    ):
        segments.append(
            Segment(
                seg_no=seg_no,
                src_sent_ids=bead.src,
                tgt_sent_ids=bead.tgt,
                src_text=src_text,
                tgt_text=tgt_text,
                bead=bead.kind,
                score=bead.score,
                confidence=bead.confidence,
                src_terms=_unique(src_terms),
                tgt_terms=_unique(tgt_terms),
                src_lemmas=_unique([w for i in bead.src for w in src.lemmas[i]]) if src.lemmas else (),
                tgt_stems=_unique([w for j in bead.tgt for w in tgt.lemmas[j]]) if tgt.lemmas else (),
                flags=flag,
            )
        )
    return tuple(segments)


def align_texts(
    src: Text,
    tgt: Text,
    glossary=None,
    settings: AlignSettings | None = None,
    *,
    meta: DocumentMeta,
    segmented: bool = False,
    lemmas: bool = True,
    embedder=None,
    units=None,
    segments: bool = True,
    borrowed: BorrowSource | None = None,
) -> AlignedDocument:
    """Align two read texts. ``segmented``: each line is a sentence, a blank line a paragraph.

    :param embedder: an optional sentence encoder (``aligner.align.embedding``) whose cosines
        are added as evidence.
    :param units: the lexicon's word units trained before (``aligner.align.units``, e.g. one
        sentencepiece model for a whole batch); default: built from this document.
    :param segments: build the per-bead ``Segment`` rows (texts, terms, lemmas, flags). False
        skips them and leaves ``AlignedDocument.segments`` empty, for callers that need only
        the beads (``aligner align --beads-out`` without a corpus); the alignment is the same.
    :param borrowed: training pairs from the corpus the document joins (``aligner.align.borrow``),
        or a function reading them; used only by a document that qualifies (``borrow.qualifies``),
        never its own pairs (``meta``'s key), and recorded as ``borrowed: <pairs>`` in ``settings``
        and the signature.
    """
    from aligner.lang import get_language
    from aligner.text.segment import segment_sentences, sentences_from_lines

    settings = settings or AlignSettings()
    split = sentences_from_lines if segmented else segment_sentences
    src_sents, tgt_sents = split(src), split(tgt)
    for text, sents in ((src, src_sents), (tgt, tgt_sents)):
        if not sents:
            raise InputError("has no sentences to align", path=text.path)
    with LemmaJobs() as lemma_jobs:
        # Lemmas go only into segment rows.
        src_side = SideAnalysis(src, src_sents, glossary, lemmas and segments, lemma_jobs)
        tgt_side = SideAnalysis(tgt, tgt_sents, glossary, lemmas and segments, lemma_jobs)
        embeddings = None
        if embedder is not None:
            from aligner.align.embedding import encode_sentences

            embeddings = (
                encode_sentences(embedder, [s.text for s in src_sents]),
                encode_sentences(embedder, [s.text for s in tgt_sents]),
            )
        pairs = for_document(borrowed, (meta.doc_id, meta.translation_id), src.lang, tgt.lang, len(src_sents),
                             len(tgt_sents), settings.lexical)
        alignment = align_features(src_side.features(), tgt_side.features(), settings, GALE_CHURCH_PRIORS,
                                   embeddings, units, pairs)
        built = build_segments(src_side, tgt_side, alignment, settings, glossary) if segments else ()
    gloss_sig = glossary.signature() if glossary is not None else "gloss:none"
    splitter = "lines" if segmented else None
    signature = alignment_signature(
        splitter or get_language(src.lang).splitter_signature(),
        splitter or get_language(tgt.lang).splitter_signature(),
        gloss_sig,
        settings,
        _signature_parts(units, pairs),
    )
    extra = {} if pairs is None else {"borrowed": len(pairs)}
    return AlignedDocument(
        meta=meta,
        src=src,
        tgt=tgt,
        src_sents=src_sents,
        tgt_sents=tgt_sents,
        alignment=alignment,
        segments=built,
        glossary_sha256=glossary.sha256 if glossary is not None else None,
        settings={**settings.to_json_dict(), "segmented": segmented, "embedder": embedder is not None, **extra},
        signature=signature,
    )


def _signature_parts(units, pairs) -> tuple[str, ...]:
    """What else decides this document's beads: a sentencepiece model trained elsewhere (a
    batch's shared one), pairs borrowed from a corpus."""
    parts = []
    proto = getattr(units, "model_proto", None)
    if proto:
        parts.append(f"units:{hashlib.sha256(proto).hexdigest()[:8]}")
    if pairs is not None:
        parts.append(f"borrowed:{len(pairs)}")
    return tuple(parts)


def align_files(
    src_path: Path,
    tgt_path: Path,
    glossary=None,
    settings: AlignSettings | None = None,
    *,
    src_lang: str = "ru",
    tgt_lang: str = "en",
    doc_id: str | None = None,
    translation_id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    archive_ref: str | None = None,
    segmented: bool = False,
    lemmas: bool = True,
    check_languages: bool = True,
    max_input_size: int | None = None,
    embedder=None,
    units=None,
    segments: bool = True,
    borrowed: BorrowSource | None = None,
) -> AlignedDocument:
    """Read, check and align an original and its translation (``units``, ``segments``,
    ``borrowed``: see ``align_texts``)."""
    from aligner.lang.detect import check_language
    from aligner.text.read import read_text

    kwargs = {} if max_input_size is None else {"max_bytes": max_input_size}
    src = read_text(Path(src_path), src_lang, **kwargs)
    tgt = read_text(Path(tgt_path), tgt_lang, **kwargs)
    if check_languages:
        check_language(src)
        check_language(tgt)
    default_doc, default_translation = default_ids(Path(src_path), Path(tgt_path), src_lang)
    meta = DocumentMeta(
        doc_id=doc_id or default_doc,
        translation_id=translation_id or default_translation,
        title=title,
        date=date,
        archive_ref=archive_ref,
    )
    return align_texts(
        src, tgt, glossary, settings, meta=meta, segmented=segmented, lemmas=lemmas, embedder=embedder,
        units=units, segments=segments, borrowed=borrowed,
    )
