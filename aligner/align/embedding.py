"""Optional sentence-embedding evidence: the hook for users with a local multilingual encoder.

``--embedder PATH`` loads a sentence-transformers model folder with
``SentenceTransformer(PATH)`` (the optional extra ``aligner[embeddings]``); nothing is ever
downloaded (the Hugging Face hub is put offline before loading). Each sentence is encoded once;
a run of sentences is represented by the sum of its sentences' unit vectors, and a bead's
evidence is the cosine of its two runs, turned into nats by the same kind of balanced logistic
calibration as the lexicon's (confident pairs against shifted ones), so it needs no weight.
The default aligner uses no model: the accuracy figures in the README are for the default.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from aligner.align.lexical import MAX_LEXICAL_LLR, BandedDots, banded_columns, fit_logistic, run_norms
from aligner.errors import InputError


class SentenceEncoder(Protocol):
    """Anything with sentence-transformers' ``encode``: a list of texts to an (n, d) array."""

    def encode(self, sentences: list[str]) -> np.ndarray: ...


def load_embedder(path: Path) -> SentenceEncoder:
    """Load a local sentence-transformers model folder (never from the network)."""
    path = Path(path)
    if not path.is_dir():
        raise InputError("is not a sentence-transformers model folder", path=path)
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise InputError(
            "--embedder needs sentence-transformers: pip install 'aligner[embeddings]'", path=path
        ) from error
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        return SentenceTransformer(str(path), device="cpu")
    except (OSError, ValueError) as error:
        raise InputError(f"cannot load the sentence encoder: {error}", path=path) from error


def encode_sentences(encoder: SentenceEncoder, texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    vectors = np.asarray(encoder.encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def fit_embedding_evidence(
    src: np.ndarray, tgt: np.ndarray, pairs: Sequence[tuple[int, int]], rng: np.random.Generator
) -> np.ndarray:
    """Logistic weights (bias, slope) mapping a pair's cosine to nats."""
    if len(pairs) < 10:
        return np.zeros(2)
    i = np.asarray([p[0] for p in pairs])
    j = np.asarray([p[1] for p in pairs])
    shift = rng.integers(2, max(3, min(50, tgt.shape[0] // 2 + 3)), size=i.size) * rng.choice([-1, 1], size=i.size)
    neg = np.clip(j + shift, 0, tgt.shape[0] - 1)
    keep = neg != j
    pos_cos = np.einsum("ij,ij->i", src[i], tgt[j])
    neg_cos = np.einsum("ij,ij->i", src[i[keep]], tgt[neg[keep]])
    x = np.concatenate([pos_cos, neg_cos])[:, None]
    y = np.concatenate([np.ones(pos_cos.size), np.zeros(neg_cos.size)])
    return fit_logistic(x, y)


class EmbeddingScorer:
    """Embedding log-likelihood ratio of candidate beads inside a band (a ``LexicalScore``)."""

    def __init__(self, src: np.ndarray, tgt: np.ndarray, weights: np.ndarray, node_lo: np.ndarray,
                 node_hi: np.ndarray, max_src: int, max_tgt: int):
        lo, hi = banded_columns(src.shape[0], tgt.shape[0], node_lo, node_hi, max_src, max_tgt)
        self.dots = BandedDots(src, tgt, lo, hi)
        self.src_norms = run_norms(src, max_src)
        self.tgt_norms = run_norms(tgt, max_tgt)
        self.weights = weights

    def __call__(self, a: int, b: int, i: int, j_nodes: np.ndarray) -> np.ndarray:
        dot = np.zeros(j_nodes.size)
        for p in range(a):
            for q in range(b):
                dot += self.dots.get(i - 1 - p, j_nodes - 1 - q)
        cos = dot / np.maximum(self.src_norms[a - 1, i] * self.tgt_norms[b - 1, j_nodes], 1e-9)
        return np.clip(self.weights[0] + self.weights[1] * cos, -MAX_LEXICAL_LLR, MAX_LEXICAL_LLR)
