"""Batch alignment speed: ``align_batch`` over many short document pairs into a new corpus.

Issue #5's benchmark: 1,000 pairs of about 60 sentences, all cores, written in groups with
``Corpus.write_documents``. The pairs are cut from the large dev pair's gold beads (a chapter
of ``SENTENCES`` beads each, one target sentence dropped in every tenth pair) and written as
one-sentence-per-line files, aligned with ``segmented=True``.

The 1,000 pairs are written and aligned only when benchmarks are enabled (``pytest
tests/benchmarks --benchmark-enable --benchmark-only``); the normal run aligns four pairs in
this process, once. Needs ``../shared/eval/dev`` and skips without it.
"""

from __future__ import annotations

import itertools
from pathlib import Path


from aligner.align.batch import BatchItem, align_batch, default_workers
from aligner.interchange.beads import read_beads
from aligner.store.corpus import Corpus
from tests.conftest import DEV, needs_dev

LARGE = DEV / "bible-NT-large-perturbed+omission"
SENTENCES = 60
FULL_PAIRS = 1_000
SMOKE_PAIRS = 4

pytestmark = needs_dev


def _benchmarks_enabled(config) -> bool:
    return not (config.getoption("benchmark_disable") and not config.getoption("benchmark_enable"))


def write_pairs(folder: Path, count: int) -> list[BatchItem]:
    """``count`` document folders of about ``SENTENCES`` sentence pairs each."""
    ru = (LARGE / "ru.sents").read_text(encoding="utf-8").splitlines()
    en = (LARGE / "en.sents").read_text(encoding="utf-8").splitlines()
    gold = list(read_beads(LARGE / "gold.align"))
    chapters = [gold[k : k + SENTENCES] for k in range(0, len(gold) - SENTENCES, SENTENCES)]
    items = []
    for number, chapter in zip(range(count), itertools.cycle(chapters)):
        doc = folder / f"doc-{number:05d}"
        doc.mkdir(parents=True)
        src = [ru[s] for bead_src, _ in chapter for s in bead_src]
        tgt = [en[t] for k, (_, bead_tgt) in enumerate(chapter) for t in bead_tgt if not (number % 10 == 0 and k == 7)]
        (doc / "ru.txt").write_text("\n".join(src) + "\n", encoding="utf-8")
        (doc / "en.txt").write_text("\n".join(tgt) + "\n", encoding="utf-8")
        items.append(BatchItem(doc.name, "en", doc / "ru.txt", doc / "en.txt"))
    return items


def test_align_batch(benchmark, request, tmp_path):
    full = _benchmarks_enabled(request.config)
    items = write_pairs(tmp_path / "docs", FULL_PAIRS if full else SMOKE_PAIRS)
    workers = default_workers() if full else 1
    rounds = iter(range(100))

    def fresh_corpus():
        return (Corpus.open(tmp_path / f"corpus-{next(rounds)}", create=True),), {}

    def run(corpus):
        return align_batch(items, corpus, workers=workers, segmented=True, lemmas=False)

    report = benchmark.pedantic(run, setup=fresh_corpus, rounds=1, iterations=1)
    benchmark.extra_info.update({"pairs": len(items), "workers": workers, "sentences": report.sentences})
    assert report.ok and report.aligned == len(items)
