"""Alignment quality against gold beads: strict and lax precision, recall and F1.

The definitions are Vecalign's (Thompson & Koehn 2019), as ``../shared/eval/score.py``
implements them: precision over all predicted beads (insertions and deletions included),
recall over gold beads with both sides non-empty against predicted beads with both sides
non-empty; lax = the bead shares at least one (source, target) link with one reference bead.
Each document yields integer counts; micro figures come from summed counts, macro from the
mean of per-document figures (sacrebleu's sufficient statistics).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]
Key = tuple[frozenset[int], frozenset[int]]


@dataclass(frozen=True, slots=True)
class Counts:
    """Sufficient statistics of one document (or a sum of documents)."""

    pred_beads: int = 0
    p_strict_hits: int = 0
    p_lax_hits: int = 0
    gold_link_beads: int = 0
    r_strict_hits: int = 0
    r_lax_hits: int = 0
    gold_beads: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(asdict(self).values(), asdict(other).values())))


@dataclass(frozen=True, slots=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def _key(bead: BeadIds) -> Key:
    return frozenset(bead[0]), frozenset(bead[1])


def _hits(candidates: Sequence[Key], reference: Sequence[Key]) -> tuple[int, int]:
    """The one counting routine: strict and lax hits of candidates against a reference."""
    ref_set = set(reference)
    link_of = {(s, t) for src, tgt in reference for s in src for t in tgt}
    strict = lax = 0
    for src, tgt in candidates:
        if (src, tgt) in ref_set:
            strict += 1
            lax += 1
        elif any((s, t) in link_of for s in src for t in tgt):
            lax += 1
    return strict, lax


def count_hits(gold: Iterable[BeadIds], pred: Iterable[BeadIds]) -> Counts:
    """Counts for one document (duplicate beads count once, empty beads are ignored)."""
    g = sorted({_key(b) for b in gold if b[0] or b[1]}, key=_order)
    p = sorted({_key(b) for b in pred if b[0] or b[1]}, key=_order)
    p_strict, p_lax = _hits(p, g)
    g_links = [b for b in g if b[0] and b[1]]
    p_links = [b for b in p if b[0] and b[1]]
    r_strict, r_lax = _hits(g_links, p_links)
    return Counts(len(p), p_strict, p_lax, len(g_links), r_strict, r_lax, len(g))


def _order(key: Key) -> tuple:
    return (sorted(key[0]), sorted(key[1]))


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(c: Counts) -> Scores:
    ps, pl = _div(c.p_strict_hits, c.pred_beads), _div(c.p_lax_hits, c.pred_beads)
    rs, rl = _div(c.r_strict_hits, c.gold_link_beads), _div(c.r_lax_hits, c.gold_link_beads)
    return Scores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


def macro(all_scores: Sequence[Scores]) -> Scores:
    if not all_scores:
        return Scores(0, 0, 0, 0, 0, 0)
    fields = asdict(all_scores[0]).keys()
    return Scores(**{f: sum(getattr(s, f) for s in all_scores) / len(all_scores) for f in fields})


def bead_kind(bead: BeadIds) -> str:
    return f"{len(bead[0])}-{len(bead[1])}"


def kind_counts(beads: Iterable[BeadIds]) -> Counter[str]:
    return Counter(bead_kind(b) for b in beads)


def kind_confusion(gold: Iterable[BeadIds], pred: Iterable[BeadIds]) -> Counter[tuple[str, str]]:
    """(gold kind, predicted kind) for every gold bead, matched to the predicted bead holding its
    first sentence; ``"-"`` where no predicted bead holds it."""
    where: dict[tuple[str, int], BeadIds] = {}
    for bead in pred:
        for s in bead[0]:
            where[("s", s)] = bead
        for t in bead[1]:
            where[("t", t)] = bead
    out: Counter[tuple[str, str]] = Counter()
    for bead in gold:
        first = ("s", bead[0][0]) if bead[0] else ("t", bead[1][0])
        match = where.get(first)
        out[(bead_kind(bead), bead_kind(match) if match else "-")] += 1
    return out


@dataclass(frozen=True, slots=True)
class PairResult:
    name: str
    n_src: int
    n_tgt: int
    counts: Counts
    gold_kinds: dict[str, int]
    pred_kinds: dict[str, int]
    confusion: dict[tuple[str, str], int]
    predicted: tuple[BeadIds, ...]


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Per-document results and their micro/macro summaries."""

    pairs: tuple[PairResult, ...]
    signature: str

    @property
    def micro(self) -> Scores:
        total = Counts()
        for p in self.pairs:
            total = total + p.counts
        return scores(total)

    @property
    def macro(self) -> Scores:
        return macro([scores(p.counts) for p in self.pairs])

    def to_json_dict(self) -> dict:
        total_gold: Counter[str] = Counter()
        total_pred: Counter[str] = Counter()
        confusion: Counter[tuple[str, str]] = Counter()
        for p in self.pairs:
            total_gold.update(p.gold_kinds)
            total_pred.update(p.pred_kinds)
            confusion.update(p.confusion)
        return {
            "signature": self.signature,
            "documents": {
                p.name: {"src_units": p.n_src, "tgt_units": p.n_tgt, **asdict(p.counts), **asdict(scores(p.counts))}
                for p in self.pairs
            },
            "micro": asdict(self.micro),
            "macro": asdict(self.macro),
            "beads_by_type": {"gold": dict(sorted(total_gold.items())), "predicted": dict(sorted(total_pred.items()))},
            "confusion": [
                {"gold": g, "predicted": k, "count": c} for (g, k), c in sorted(confusion.items())
            ],
        }


def evaluate_pairs(pairs, settings=None, embedder=None) -> EvalReport:
    """Align every pair (pre-segmented, no glossary) and score it against its gold beads.

    :param embedder: an optional sentence encoder (``aligner.align.embedding``).
    """
    from aligner.align.document import DocumentMeta
    from aligner.align.pipeline import align_texts

    results = []
    signature = ""
    for pair in pairs:
        doc = align_texts(
            pair.src, pair.tgt, None, settings, meta=DocumentMeta(pair.name, pair.tgt.lang), segmented=True,
            lemmas=False, embedder=embedder,
        )
        signature = doc.signature
        pred = tuple((b.src, b.tgt) for b in doc.alignment.beads)
        results.append(
            PairResult(
                name=pair.name,
                n_src=len(doc.src_sents),
                n_tgt=len(doc.tgt_sents),
                counts=count_hits(pair.gold, pred),
                gold_kinds=dict(kind_counts(pair.gold)),
                pred_kinds=dict(kind_counts(pred)),
                confusion=dict(kind_confusion(pair.gold, pred)),
                predicted=pred,
            )
        )
    return EvalReport(tuple(results), signature)
