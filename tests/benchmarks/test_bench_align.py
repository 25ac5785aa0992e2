"""Alignment speed at growing document sizes, the whole `aligner align` process, `aligner --help`.

Targets (issue #5), on the two-core development machine: the large dev pair
(``bible-NT-large-perturbed+omission``, 5,295 x 5,305 sentences) aligned by
``aligner align --segmented --beads-out F`` as a whole process in <= 1.5 s median, and written
to a new corpus (``--corpus``, with lemmas and stems) in <= 4 s; a synthetic
100,000 x 100,000 sentence pair in <= 30 s and <= 1.5 GB peak memory, with time from 10,000 to
100,000 sentences growing at most 12x; ``aligner --help`` in <= 0.3 s.

The synthetic pairs are made from the dev pair's gold beads: cut into chapters of
``CHAPTER_BEADS`` beads, shuffled (seeded) and repeated up to the size, then perturbed as
translations are: a bead's target dropped now and then, and a block of target sentences
omitted every ``BLOCK_EVERY`` beads. Per-sentence features are computed once for the dev pair
and indexed, so the benchmark times the alignment (``align_features``), not text analysis.

Large sizes are built only when benchmarks are enabled (``pytest tests/benchmarks
--benchmark-enable --benchmark-only``); the normal run (benchmarks disabled) aligns one small
synthetic pair once, as a test. Everything needs ``../shared/eval/dev`` and skips without it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from functools import lru_cache

import numpy as np
import pytest

from aligner.align.driver import align_features
from aligner.align.features import SideFeatures, build_side_features
from aligner.align.settings import GALE_CHURCH_PRIORS, AlignSettings
from tests.conftest import DEV, needs_dev

LARGE = DEV / "bible-NT-large-perturbed+omission"
FULL_SIZES = (1_000, 10_000, 100_000)
SMOKE_SIZES = (600,)
CHAPTER_BEADS = 30
#: Share of beads whose target side is dropped (a one-sentence omission).
DROP_SHARE = 0.005
#: Every this many beads, a block of BLOCK_SIZE target sentences is omitted.
BLOCK_EVERY = 4_000
BLOCK_SIZE = 25



def _benchmarks_enabled(config) -> bool:
    return not (config.getoption("benchmark_disable") and not config.getoption("benchmark_enable"))


@lru_cache(maxsize=1)
def dev_sentences() -> tuple[SideFeatures, SideFeatures, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """The large dev pair's per-sentence features and its gold beads."""
    from aligner.align.pipeline import SideAnalysis
    from aligner.interchange.beads import read_beads
    from aligner.text.read import read_text
    from aligner.text.segment import sentences_from_lines

    sides = []
    for name, lang in (("ru.sents", "ru"), ("en.sents", "en")):
        text = read_text(LARGE / name, lang)
        sides.append(SideAnalysis(text, sentences_from_lines(text), None, False).features())
    gold = [(tuple(s), tuple(t)) for s, t in read_beads(LARGE / "gold.align")]
    return sides[0], sides[1], gold


def _pick(side: SideFeatures, ids: list[int]) -> SideFeatures:
    return build_side_features(
        [int(side.lengths[k]) for k in ids], [side.anchors[k] for k in ids], [0] * len(ids),
        [bool(side.editorial[k]) for k in ids], [side.words[k] for k in ids],
    )


def synthetic_pair(size: int, seed: int = 5) -> tuple[SideFeatures, SideFeatures]:
    """About ``size`` x ``size`` sentences of shuffled, repeated, perturbed dev chapters."""
    src, tgt, gold = dev_sentences()
    rng = np.random.default_rng(seed)
    chapters = [gold[k : k + CHAPTER_BEADS] for k in range(0, len(gold), CHAPTER_BEADS)]
    src_ids: list[int] = []
    tgt_ids: list[int] = []
    beads = 0
    while len(src_ids) < size:
        for c in rng.permutation(len(chapters)):
            for s, t in chapters[c]:
                beads += 1
                src_ids.extend(s)
                dropped = rng.random() < DROP_SHARE or (beads % BLOCK_EVERY) < BLOCK_SIZE
                if not dropped:
                    tgt_ids.extend(t)
            if len(src_ids) >= size:
                break
    return _pick(src, src_ids), _pick(tgt, tgt_ids)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@needs_dev
@pytest.mark.parametrize("index", range(len(FULL_SIZES)), ids=[f"{n:,}" for n in FULL_SIZES])
def test_align_synthetic_pair(benchmark, request, index):
    sizes = FULL_SIZES if _benchmarks_enabled(request.config) else SMOKE_SIZES
    if index >= len(sizes):
        pytest.skip("only the smallest size runs with benchmarks disabled")
    src, tgt = synthetic_pair(sizes[index])
    settings = AlignSettings()
    rounds = 3 if src.n < 50_000 else 1
    result = benchmark.pedantic(align_features, args=(src, tgt, settings, GALE_CHURCH_PRIORS), rounds=rounds,
                                iterations=1)
    benchmark.extra_info.update({"src_sentences": src.n, "tgt_sentences": tgt.n, "peak_rss_mb": round(_peak_rss_mb())})
    assert sum(len(b.src) for b in result.beads) == src.n
    assert sum(len(b.tgt) for b in result.beads) == tgt.n
    # The synthetic pair is mostly 1-1 beads of dev text: the aligner must find most of them.
    assert sum(1 for b in result.beads if len(b.src) == len(b.tgt) == 1) > 0.8 * min(src.n, tgt.n)


def _run(*args: str) -> subprocess.CompletedProcess:
    # Python's default: modules compiled once, to __pycache__ (the warm-up round writes them).
    # A sandbox may set PYTHONDONTWRITEBYTECODE, which recompiles every module of every run.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "aligner", *args], capture_output=True, text=True, env=env, check=True)


@needs_dev
def test_align_large_dev_pair_whole_process(benchmark, request, tmp_path):
    """`aligner align --segmented --beads-out F` on the large dev pair, a new process each round."""
    if not _benchmarks_enabled(request.config):
        pytest.skip("a benchmark only: tests/eval aligns this pair in the normal run")
    out = tmp_path / "large.align"
    benchmark.pedantic(_run, args=("align", "--segmented", str(LARGE / "ru.sents"), str(LARGE / "en.sents"),
                                   "--beads-out", str(out)), rounds=5, iterations=1, warmup_rounds=1)
    assert len(out.read_text(encoding="utf-8").splitlines()) > 5000


@needs_dev
def test_write_large_dev_pair_whole_process(benchmark, request, tmp_path):
    """`aligner align --segmented --corpus DIR` on the large dev pair: alignment, lemmas and
    stems, the corpus write; a new process and a new corpus each round."""
    if not _benchmarks_enabled(request.config):
        pytest.skip("a benchmark only: the store tests write corpora in the normal run")
    corpora = iter(range(100))

    def new_corpus():
        return ("align", "--segmented", str(LARGE / "ru.sents"), str(LARGE / "en.sents"),
                "--corpus", str(tmp_path / f"corpus-{next(corpora)}")), {}

    benchmark.pedantic(_run, setup=new_corpus, rounds=5, iterations=1, warmup_rounds=1)
    assert (tmp_path / "corpus-0" / "aligner-corpus.json").is_file()


def test_help_whole_process(benchmark):
    result = benchmark.pedantic(_run, args=("--help",), rounds=10, iterations=1, warmup_rounds=1)
    assert "align-batch" in result.stdout

