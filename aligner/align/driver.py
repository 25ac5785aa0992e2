"""From two sides' features to an Alignment: banded coarse-to-fine search and bead scores.

Small documents (both sides within ``settings.max_full`` sentences) are searched in full.
Longer ones are first aligned at a coarser resolution (runs of sentences merged, as in
Vecalign's recursive down-sampling), and the fine search runs in a band around that path;
if the fine path touches the band's edge the band is widened and the search repeated. Work is
O((n + m) * band), never n x m, for long documents.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping

import numpy as np

from aligner.align import search
from aligner.align.beads import Alignment, Bead, BeadType
from aligner.align.borrow import BorrowedPairs, words_of
from aligner.align.confidence import bead_confidences
from aligner.align.features import SideFeatures, coarsen
from aligner.align.scoring import BeadScorer
from aligner.align.settings import AlignSettings
from aligner.align.units import WordUnits, unit_model

log = logging.getLogger("aligner.align.driver")

#: Passes with a lexicon after the length-and-anchors pass; each retrains on the previous
#: pass's reliable beads (three recovered block omissions that two left smeared, issue #4).
LEXICAL_ROUNDS = 3

#: Lexical passes for a document searched coarse-to-fine (longer than ``max_full``): its first
#: lexicon already learns from thousands of pairs. On the large dev pair a second pass moved
#: strict F1 by 0.0001 and a third by 0.0004, each for as much time as the first (issue #5).
LONG_DOCUMENT_ROUNDS = 1

#: Most cross-fitted lexicons per document (training cost grows with folds - 1).
MAX_FOLDS = 5

#: Fewest source sentences per fold (see ``lexicon_folds``).
MIN_FOLD_SENTENCES = 20

#: How many times a band that the path touches is doubled before the path is accepted.
MAX_WIDENINGS = 3

#: Most sentences merged into one coarse unit per level of coarse-to-fine search (issue #5:
#: 100,000-sentence documents recurse through three levels with a band of 40 + 8 instead of
#: one level with a band of 40 + 100; documents up to 8,000 sentences are unaffected).
MAX_COARSEN = 8

ScorerFactory = Callable[[SideFeatures, SideFeatures, search.Band], BeadScorer]


def lexicon_folds(n: int) -> int:
    """How many cross-fitted lexicons a document of ``n`` source sentences gets: as many as
    keep ``MIN_FOLD_SENTENCES`` in each stretch, between 2 and ``MAX_FOLDS``.

    Each lexicon learns from the other stretches, so more folds mean more training data per
    lexicon (issue #4: 2 -> 5 folds took the large dev pair from 0.982 to 0.986 strict F1),
    but a stretch too short to hold a block omission's context makes the fold's calibration
    unreliable.
    """
    return int(min(MAX_FOLDS, max(2, n // MIN_FOLD_SENTENCES)))


def anchor_keep(settings: AlignSettings) -> dict[str, float]:
    """Probability that a translation keeps an anchor, per anchor namespace."""
    return {"num": settings.number_keep, "term": settings.term_keep, "name": settings.name_keep}


def find_path(
    src: SideFeatures,
    tgt: SideFeatures,
    settings: AlignSettings,
    make_scorer: ScorerFactory,
    guide: list[BeadType] | None = None,
) -> list[BeadType]:
    """The best sequence of bead steps for the two sides (coarse-to-fine for long documents).

    :param guide: a path from an earlier pass: a long document's band is then centred on it
        instead of on a new coarse search (widened like any band if the path touches its edge).
    """
    n, m = src.n, tgt.n
    types = settings.bead_types
    if n == 0 or m == 0:
        return [(1, 0)] * n + [(0, 1)] * m
    if max(n, m) <= settings.max_full:
        band = search.full_band(n, m)
        scorer = make_scorer(src, tgt, band)
        steps, _, _ = search.search(n, m, types, scorer, band, scorer.gap_extend_discount())
        return steps
    # Vecalign-like recursion: at most MAX_COARSEN sentences per coarse unit, so the band stays
    # narrow (its half-width grows with the factor) and a very long document gets more levels.
    factor = min(MAX_COARSEN, max(2, math.ceil(max(n, m) / (settings.max_full / 2))))
    if guide is not None:
        fine_nodes = search.path_nodes(guide)
    else:
        coarse_src, src_starts = coarsen(src, factor)
        coarse_tgt, tgt_starts = coarsen(tgt, factor)
        coarse_steps = find_path(coarse_src, coarse_tgt, settings, make_scorer)
        nodes = search.path_nodes(coarse_steps)
        src_at = np.append(src_starts, n)
        tgt_at = np.append(tgt_starts, m)
        fine_nodes = np.stack([src_at[nodes[:, 0]], tgt_at[nodes[:, 1]]], axis=1)
    # A previous pass's path is already close to the final one: half the band suffices
    # around it (issue #5; widened like any band if the path touches its edge).
    half = (settings.band // 2 if guide is not None else settings.band) + factor
    for _ in range(MAX_WIDENINGS + 1):
        band = search.band_around_path(fine_nodes, n, m, half)
        scorer = make_scorer(src, tgt, band)
        steps, _, touched = search.search(n, m, types, scorer, band, scorer.gap_extend_discount())
        if not touched:
            break
        log.info("path touched the band edge at half-width %d; widening", half)
        fine_nodes = search.path_nodes(steps)
        half *= 2
    return steps


def beads_from_steps(steps: list[BeadType], scorer: BeadScorer, confidences: list[float] | None = None) -> list[Bead]:
    """Turn search steps into Beads with a cost, a [0, 1] score and a confidence.

    ``score`` is the bead's evidence per sentence squashed to [0, 1] (0.5 = no better than
    unrelated sentences; 0 for insertions and deletions); ``confidence`` comes from
    ``aligner.align.confidence`` (0.5 where not computed).
    """
    confidences = confidences or [0.5] * len(steps)
    beads: list[Bead] = []
    i = j = 0
    # Scored in bulk, per bead type (a BeadScorer); the same values as scorer.score per bead.
    for (a, b), confidence, s in zip(steps, confidences, scorer.score_path(steps) if steps else ()):
        s = float(s)
        evidence = s - scorer.prior(a, b)
        beads.append(
            Bead(
                src=tuple(range(i, i + a)),
                tgt=tuple(range(j, j + b)),
                cost=-s,
                score=_sigmoid(evidence / (a + b)) if a and b else 0.0,
                confidence=confidence,
            )
        )
        i += a
        j += b
    return beads


def resolve_double_gaps(steps: list[BeadType], scorer: BeadScorer, types) -> list[BeadType]:
    """Re-search, without the block-omission discount, every stretch where the path drops
    sentences on both sides at the same place.

    An omission or an addition is one-sided; a run of deletions next to a run of insertions
    means the discount on long gaps outbid weakly evidenced pairs, so that stretch is aligned
    again as if gaps were isolated events.
    """
    out: list[BeadType] = []
    i = j = 0
    k = 0
    while k < len(steps):
        a, b = steps[k]
        if a and b:
            out.append((a, b))
            i, j, k = i + a, j + b, k + 1
            continue
        end = k
        while end < len(steps) and not (steps[end][0] and steps[end][1]):
            end += 1
        run = steps[k:end]
        n_sub = sum(x for x, _ in run)
        m_sub = sum(y for _, y in run)
        if n_sub and m_sub:
            i0, j0 = i, j

            def local_cost(a_: int, b_: int, i_: int, js: np.ndarray) -> np.ndarray:
                return scorer.cost(a_, b_, i_ + i0, js + j0)

            run, _, _ = search.search(n_sub, m_sub, types, local_cost, search.full_band(n_sub, m_sub))
        out.extend(run)
        i, j, k = i + n_sub, j + m_sub, end
    return out


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


def estimate_priors(steps: list[BeadType], base: Mapping[BeadType, float], strength: float = 20.0) -> dict[BeadType, float]:
    """Priors of the two-sided bead types from a pass's counts, smoothed towards ``base``.

    Insertions and deletions keep their base priors: a length-only pass cannot see them, and a
    pass that over-produces them would feed on its own mistakes; block omissions are handled
    by the gap-extension probability instead.
    """
    counts: dict[BeadType, int] = {}
    for step in steps:
        if step[0] and step[1]:
            counts[step] = counts.get(step, 0) + 1
    total = sum(counts.values())
    gap_mass = sum(p for t, p in base.items() if not (t[0] and t[1]))
    out = {t: p for t, p in base.items() if not (t[0] and t[1])}
    for t, p in base.items():
        if t[0] and t[1]:
            share = (counts.get(t, 0) + strength * p / (1 - gap_mass)) / (total + strength)
            out[t] = share * (1 - gap_mass)
    return out


def training_pairs(steps: list[BeadType], scorer: BeadScorer, min_run: int = 3) -> list[tuple[int, int]]:
    """(i, j) of well-evidenced 1-1 beads inside runs of at least ``min_run`` such beads.

    Long runs of 1-1 beads whose evidence beats "unrelated" (score above their prior) are where
    a pass is reliable; next to a gap (an omission, a merge) it smears, and a lexicon trained
    there learns wrong pairs (issue #4).
    """
    if not steps:
        return []
    arr = np.asarray(steps, dtype=np.int64).reshape(-1, 2)
    starts = np.cumsum(arr, axis=0) - arr
    good = (arr[:, 0] == 1) & (arr[:, 1] == 1) & (scorer.score_path(steps) > scorer.prior(1, 1))
    pairs: list[tuple[int, int]] = []
    # Runs of consecutive good beads: boundaries where ``good`` switches.
    edges = np.flatnonzero(np.diff(np.concatenate(([0], good.astype(np.int8), [0]))))
    for lo, hi in zip(edges[0::2].tolist(), edges[1::2].tolist()):
        if hi - lo < min_run:
            continue
        if hi - lo > 2 * min_run:
            lo, hi = lo + 1, hi - 1
        pairs.extend(zip(starts[lo:hi, 0].tolist(), starts[lo:hi, 1].tolist()))
    return pairs


def align_features(
    src: SideFeatures,
    tgt: SideFeatures,
    settings: AlignSettings,
    priors: Mapping[BeadType, float],
    embeddings: tuple[np.ndarray, np.ndarray] | None = None,
    units: WordUnits | None = None,
    borrowed: BorrowedPairs | None = None,
) -> Alignment:
    """Align two sides: a first pass on length and anchors, then passes with a lexicon learned
    from the previous pass's reliable runs of 1-1 beads (Moore 2002).

    :param embeddings: optional unit sentence embeddings of each side (``embedding.py``); their
        evidence is added in the lexical passes, calibrated on the same reliable beads.
    :param units: the lexicon's word units already trained (a batch's shared sentencepiece
        model); by default they are built from this document for ``settings.lexical``.
    :param borrowed: sentence pairs from the corpus the document joins (``borrow.py``): every
        round's lexicon also trains on them (a per-document sentencepiece model is then trained
        on their words too). The rounds and their calibration still need the document's own
        reliable pairs: without ten of them there is no lexical pass, borrowed or not.
    """
    from aligner.align.embedding import EmbeddingScorer, fit_embedding_evidence
    from aligner.align.lexical import LEXICAL_FLOOR, LexicalModel, LexicalScorer

    weights = anchor_keep(settings)

    def plain(s: SideFeatures, t: SideFeatures, band: search.Band) -> BeadScorer:
        return BeadScorer(s, t, priors, weights)

    steps = find_path(src, tgt, settings, plain)
    final = plain(src, tgt, search.full_band(0, 0))
    max_a = max(a for a, _ in settings.bead_types)
    max_b = max(b for _, b in settings.bead_types)
    rng = np.random.default_rng(settings.seed)
    priors_now = estimate_priors(steps, priors)
    long_document = max(src.n, tgt.n) > settings.max_full
    default_rounds = LONG_DOCUMENT_ROUNDS if long_document else LEXICAL_ROUNDS
    rounds = 0 if settings.lexical == "none" else settings.extra.get("rounds", default_rounds)
    b_src, b_tgt = words_of(borrowed)
    for _ in range(rounds):
        confident = training_pairs(steps, final)
        if len(confident) < 10:
            break
        units = unit_model(settings.lexical, [*src.words, *b_src], [*tgt.words, *b_tgt], seed=settings.seed,
                           trained=units)
        model = LexicalModel.train(src.words, tgt.words, confident, settings.extra.get("folds", lexicon_folds(src.n)),
                                    units=units, borrowed=borrowed)
        full_vecs = model.vectors(src.words, tgt.words)
        model.fit_evidence(full_vecs, confident, rng)
        emb_weights = fit_embedding_evidence(*embeddings, confident, rng) if embeddings is not None else None

        def lexical(s: SideFeatures, t: SideFeatures, band: search.Band, model=model, vecs=full_vecs,
                    priors_now=priors_now, emb_weights=emb_weights) -> BeadScorer:
            fine = s is src and t is tgt
            v = vecs if fine else model.vectors(s.words, t.words)
            lex = LexicalScorer(v, model.weights, band.lo, band.hi, max_a, max_b, LEXICAL_FLOOR)
            if fine and emb_weights is not None:
                emb = EmbeddingScorer(*embeddings, emb_weights, band.lo, band.hi, max_a, max_b)
                return BeadScorer(s, t, priors_now, weights, lambda a, b, i, js: lex(a, b, i, js) + emb(a, b, i, js))
            return BeadScorer(s, t, priors_now, weights, lex)

        # The previous pass's path guides the band (issue #5: no coarse search per round).
        steps = find_path(src, tgt, settings, lexical, guide=steps)
        final = lexical(src, tgt, scoring_band(steps, src.n, tgt.n, settings))
        steps = resolve_double_gaps(steps, final, settings.bead_types)
        priors_now = estimate_priors(steps, priors)
    band = scoring_band(steps, src.n, tgt.n, settings)
    confidences = bead_confidences(steps, src.n, tgt.n, settings.bead_types, final.cost, band)
    return Alignment(tuple(beads_from_steps(steps, final, confidences)), src.n, tgt.n)


def scoring_band(steps: list[BeadType], n: int, m: int, settings: AlignSettings) -> search.Band:
    """Where a finished path's beads and their neighbours may be re-scored: the whole grid for
    a small document, a band around the path for a long one (never n x m; half the search's
    band, as for a guided pass: the alternatives that decide a bead's confidence are near it)."""
    if max(n, m) <= settings.max_full:
        return search.full_band(n, m)
    return search.band_around_path(search.path_nodes(steps), n, m, settings.band // 2)
