"""Bead costs: every piece of evidence as a log-likelihood ratio, summed, negated.

A bead's score is ``log P(type) + LLR_length + LLR_anchors + LLR_lexical + paragraph term``,
each LLR comparing "these sentences translate each other" with "these are unrelated
sentences" (Moore 2002). Insertions and deletions carry no evidence, only their prior, so a
block omission needs no tuned penalty: a 1-1 bead wins only when its evidence is better than
unrelated. The search minimises ``cost = -score``.

Conventions: as in ``search.py``, a bead (a, b) ending at node (i, j) covers source
sentences ``i-a .. i-1`` and target sentences ``j-b .. j-1``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from aligner.align.beads import BeadType
from aligner.align.features import SideFeatures
from aligner.align.settings import GALE_CHURCH_VARIANCE, RARE_BEAD_PRIOR

#: Student-t degrees of freedom for the length residual: translation length ratios have
#: heavy tails (a gloss, a dropped clause), and a Gaussian punishes them quadratically.
LENGTH_T_DOF = 4.0

#: Floor on the variance of the log length ratio (very long sentences are not that exact).
MIN_LOG_RATIO_VARIANCE = 0.004

#: Floor on the variance of unrelated sentences' log length ratio (a document whose
#: sentences all have one length would otherwise make length evidence infinite).
MIN_NULL_VARIANCE = 0.05

#: An anchor held by more than this share of a side's sentences says little about position.
MAX_ANCHOR_SHARE = 0.05

#: Probability that an omission or addition goes on for one more sentence: translators skip
#: whole passages, so once a gap is open, continuing it is as likely as closing it.
GAP_EXTEND_PROBABILITY = 0.5

#: Prior of an editorial-only sentence standing alone as an insertion or deletion.
EDITORIAL_ALONE_PRIOR = 0.5

#: Nats against a bead that merges an editorial-only sentence with others, or pairs one with
#: a sentence that is not a bracket: brackets are the archivist's, not the translation's.
EDITORIAL_MERGE_PENALTY = 6.0

#: Anchor namespaces whose keys count against a bead even when the other side of the document
#: never has them.
ONE_SIDED_NAMESPACES = frozenset({"num"})

#: Nats against a bead that breaks a paragraph on one side only (soft evidence).
PARAGRAPH_WEIGHT = 2.0

#: A lexical similarity: (a, b, i, j_nodes) -> log-likelihood ratios, like a cost function.
LexicalScore = Callable[[int, int, int, np.ndarray], np.ndarray]


@dataclass(frozen=True, slots=True)
class LengthModel:
    """Log length ratio statistics of one document pair."""

    log_ratio: float  # log(target chars / source chars) over the whole document
    src_log_mean: float
    src_log_var: float
    tgt_log_mean: float
    tgt_log_var: float
    scale: float  # target chars per source char

    @classmethod
    def fit(cls, src: SideFeatures, tgt: SideFeatures) -> LengthModel:
        ls, lt = np.log(src.lengths), np.log(tgt.lengths)
        ratio = float(max(tgt.lengths.sum(), 1.0) / max(src.lengths.sum(), 1.0))
        return cls(
            log_ratio=math.log(ratio),
            src_log_mean=float(ls.mean()) if ls.size else 0.0,
            src_log_var=float(ls.var()) if ls.size > 1 else 0.5,
            tgt_log_mean=float(lt.mean()) if lt.size else 0.0,
            tgt_log_var=float(lt.var()) if lt.size > 1 else 0.5,
            scale=ratio,
        )

    def llr(self, src_len: np.ndarray, tgt_len: np.ndarray, a: int, b: int) -> np.ndarray:
        """log p(lengths | translation) - log p(lengths | unrelated sentences)."""
        r = np.log(tgt_len) - np.log(src_len) - self.log_ratio
        mean_len = 0.5 * (src_len * self.scale + tgt_len)
        var = np.maximum(GALE_CHURCH_VARIANCE / (self.scale * mean_len), MIN_LOG_RATIO_VARIANCE)
        z2 = r * r / var
        nu = LENGTH_T_DOF
        log_t = (
            math.lgamma((nu + 1) / 2)
            - math.lgamma(nu / 2)
            - 0.5 * math.log(nu * math.pi)
            - 0.5 * np.log(var)
            - (nu + 1) / 2 * np.log1p(z2 / nu)
        )
        null_mean = (self.tgt_log_mean + math.log(b)) - (self.src_log_mean + math.log(a)) - self.log_ratio
        null_var = max(self.src_log_var + self.tgt_log_var, MIN_NULL_VARIANCE)
        log_null = -0.5 * math.log(2 * math.pi * null_var) - (r - null_mean) ** 2 / (2 * null_var)
        return log_t - log_null


class AnchorIndex:
    """Postings of anchor keys over target sentences, and the evidence each key gives.

    An anchor key (a normalised number, a glossary term id, a name key) found on both sides of
    a bead is evidence in proportion to its rarity: with ``p`` the chance that a translation
    keeps the anchor and ``r`` the share of sentences holding it, sharing it is
    ``log(p / r)`` nats more likely for a translation than for unrelated sentences, and finding
    it on one side only is ``log((1 - p) / (1 - r))``. Keys seen on one side of the document
    only (a name the translator spelled differently) say nothing and are ignored.
    """

    def __init__(self, src: SideFeatures, tgt: SideFeatures, keep: Mapping[str, float]):
        postings: dict[str, list[int]] = defaultdict(list)
        for j, keys in enumerate(tgt.anchors):
            for key in keys:
                postings[key].append(j)
        src_df: dict[str, int] = defaultdict(int)
        for keys in src.anchors:
            for key in keys:
                src_df[key] += 1
        cap_t = max(2, int(MAX_ANCHOR_SHARE * max(tgt.n, 1)))
        cap_s = max(2, int(MAX_ANCHOR_SHARE * max(src.n, 1)))
        self.postings = {
            k: np.asarray(v, dtype=np.int64)
            for k, v in postings.items()
            if len(v) <= cap_t and 0 < src_df.get(k, 0) <= cap_s and keep.get(k.split(":", 1)[0], 0.0) > 0
        }
        self.weight: dict[str, float] = {}
        self.miss: dict[str, float] = {}
        for k, post in self.postings.items():
            p = min(keep[k.split(":", 1)[0]], 0.99)
            share = math.sqrt((len(post) / max(tgt.n, 1)) * (src_df[k] / max(src.n, 1)))
            self.weight[k] = max(0.0, math.log(p / share))
            self.miss[k] = max(0.0, -math.log((1 - p) / max(1 - share, 1e-9)))
        # A number found on one side of the whole document only (the sentence holding it was
        # dropped, or the number was) still counts against any bead holding it: numbers are
        # normalised across languages, unlike name keys, whose spellings may differ.
        for keys in (*src.anchors, *tgt.anchors):
            for k in keys:
                namespace = k.split(":", 1)[0]
                if k not in self.miss and namespace in ONE_SIDED_NAMESPACES and keep.get(namespace, 0.0) > 0:
                    self.miss[k] = -math.log(1 - min(keep[namespace], 0.99))
        self.src_anchors = src.anchors
        tgt_miss = np.asarray([sum(self.miss.get(k, 0.0) for k in a) for a in tgt.anchors], dtype=np.float64)
        self.tgt_miss_cum = np.concatenate(([0.0], np.cumsum(tgt_miss)))
        self.src_miss = np.asarray([sum(self.miss.get(k, 0.0) for k in a) for a in src.anchors], dtype=np.float64)

    def llr(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        """Evidence of shared anchors minus that of anchors found on one side of the bead only."""
        out = np.zeros(j_nodes.size)
        if not self.postings or j_nodes.size == 0:
            return out
        j_lo, j_hi = int(j_nodes.min()) - b, int(j_nodes.max())
        # gain[t - j_lo], lost[t - j_lo]: evidence of the source run's anchors present in target
        # sentence t, and the miss penalties those shared anchors no longer pay (once per side).
        gain = np.zeros(j_hi - j_lo + 1)
        lost = np.zeros(j_hi - j_lo + 1)
        for s in range(i - a, i):
            for key in self.src_anchors[s]:
                post = self.postings.get(key)
                if post is None:
                    continue
                lo = np.searchsorted(post, j_lo)
                hi = np.searchsorted(post, j_hi, side="right")
                sel = post[lo:hi] - j_lo
                gain[sel] += self.weight[key]
                lost[sel] += 2 * self.miss[key]
        rel = j_nodes - j_lo
        gain_cum = np.concatenate(([0.0], np.cumsum(gain)))
        lost_cum = np.concatenate(([0.0], np.cumsum(lost)))
        shared = gain_cum[rel] - gain_cum[rel - b]
        relieved = lost_cum[rel] - lost_cum[rel - b]
        missing = float(self.src_miss[i - a : i].sum()) + (self.tgt_miss_cum[j_nodes] - self.tgt_miss_cum[j_nodes - b])
        return shared - np.maximum(missing - relieved, 0.0)


class BeadScorer:
    """Cost of every candidate bead from lengths, anchors, paragraphs, priors and a lexicon."""

    def __init__(
        self,
        src: SideFeatures,
        tgt: SideFeatures,
        priors: Mapping[BeadType, float],
        anchor_keep: Mapping[str, float],
        lexical: LexicalScore | None = None,
        length_model: LengthModel | None = None,
    ):
        self.src, self.tgt = src, tgt
        self.length = length_model or LengthModel.fit(src, tgt)
        self.src_cum = np.concatenate(([0.0], np.cumsum(src.lengths)))
        self.tgt_cum = np.concatenate(([0.0], np.cumsum(tgt.lengths)))
        self.log_prior = {t: math.log(max(p, 1e-9)) for t, p in priors.items()}
        self.anchors = AnchorIndex(src, tgt, anchor_keep)
        self.src_editorial = np.concatenate(([0], np.cumsum(src.editorial.astype(np.int64))))
        self.tgt_editorial = np.concatenate(([0], np.cumsum(tgt.editorial.astype(np.int64))))
        self.lexical = lexical
        self.use_paragraphs = src.has_paragraphs and tgt.has_paragraphs
        self.src_para = np.concatenate(([0], np.cumsum(src.para_start.astype(np.int64))))
        self.tgt_para = np.concatenate(([0], np.cumsum(tgt.para_start.astype(np.int64))))

    def prior(self, a: int, b: int) -> float:
        return self.log_prior.get((a, b), math.log(RARE_BEAD_PRIOR))

    def score(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        """Log-odds score of the beads (a, b) ending at (i, j_nodes); higher is better."""
        out = np.full(j_nodes.size, self.prior(a, b))
        ed_src = self.src_editorial[i] - self.src_editorial[i - a]
        ed_tgt = self.tgt_editorial[j_nodes] - self.tgt_editorial[j_nodes - b]
        if a == 0 or b == 0:
            # A sentence that is only an editorial bracket ([Translator's note: ...]) usually
            # stands alone: an insertion or deletion of one is as likely as not.
            return out + (ed_src + ed_tgt) * (math.log(EDITORIAL_ALONE_PRIOR) - self.prior(a, b))
        if a + b > 2:
            out -= EDITORIAL_MERGE_PENALTY * (ed_src + ed_tgt)
        else:
            out -= EDITORIAL_MERGE_PENALTY * np.abs(ed_src - ed_tgt)
        src_len = np.full(j_nodes.size, self.src_cum[i] - self.src_cum[i - a])
        tgt_len = self.tgt_cum[j_nodes] - self.tgt_cum[j_nodes - b]
        out += self.length.llr(src_len, tgt_len, a, b)
        out += self.anchors.llr(a, b, i, j_nodes)
        if self.lexical is not None:
            out += self.lexical(a, b, i, j_nodes)
        if self.use_paragraphs:
            out -= PARAGRAPH_WEIGHT * self._paragraph_mismatch(a, b, i, j_nodes)
        return out

    def gap_extend_discount(self) -> float:
        """Nats an insertion (deletion) costs less right after another: the prior of opening a
        gap is replaced by ``GAP_EXTEND_PROBABILITY`` of continuing one."""
        opening = -0.5 * (self.prior(1, 0) + self.prior(0, 1))
        return max(0.0, opening + math.log(GAP_EXTEND_PROBABILITY))

    def cost(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        return -self.score(a, b, i, j_nodes)

    def _paragraph_mismatch(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        # Paragraph breaks inside the bead (after its first sentence) on each side, and whether
        # the bead opens a paragraph on each side: a mismatch suggests a misplaced boundary.
        src_inside = self.src_para[i] - self.src_para[i - a + 1]
        tgt_inside = self.tgt_para[j_nodes] - self.tgt_para[j_nodes - b + 1]
        src_opens = self.src.para_start[i - a]
        tgt_opens = self.tgt.para_start[j_nodes - b]
        return np.abs(src_inside - tgt_inside) + 0.5 * (src_opens != tgt_opens)
