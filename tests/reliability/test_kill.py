"""A writer killed at any moment (SIGKILL) leaves the corpus as it was before or as it is after.

Each operation runs in a child process (``python -m aligner``, as scripts run it) on a fresh copy
of one corpus and is killed the instant a chosen step of its write shows on disk (the first
``sentences`` data file, its commit not yet made; a new ``segments`` commit, with ``documents``
not yet pointing at the new generation) or at a seeded random moment after its writing began.
One more run of the same command, never killed, gives the state after. Every killed corpus must
read exactly as before or as after, ``Corpus.check`` must find nothing, and the next write must
go through. Moments are few and runs go two at a time, to keep the file near 10 s on two cores.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from aligner.store.corpus import Corpus
from tests.cli.conftest import SAMPLE, invoke
from tests.reliability.reliability_helpers import reader_view, start_aligner
from tests.store.store_docs import make_document

SEED = 8
#: Random kills are at uniform moments within RANDOM_WINDOW seconds after the first data file
#: appears (before it the process only imports, reads and aligns: nothing on disk changes; a
#: write of the sample takes about 0.1-0.3 s, so some random kills land after it).
RANDOM_WINDOW = 0.3
#: Child processes run at once (the CI machine has two cores).
PARALLEL = 2
POLL_SECONDS = 0.001
RUN_TIMEOUT = 60.0

DOC = SAMPLE.name
# The base corpus holds the cable aligned from its gold segmentation; the killed `align`
# realigns it from the plain texts: other sentences and beads, so before and after differ.
ALIGN = ("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--corpus")


def _new_files(folder: Path, pattern: str) -> Callable[[], bool]:
    """A condition that turns true when ``folder`` holds more files matching ``pattern`` than now."""
    before = len(list(folder.glob(pattern)))
    return lambda: len(list(folder.glob(pattern))) > before


@dataclass(frozen=True)
class Operation:
    """A command that writes, the steps of its write to kill at, and how many random kills."""

    args: Callable[[Path], list]
    steps: dict[str, Callable[[Path], Callable[[], bool]]]  # the first step starts random moments
    random_kills: int
    changes_what_readers_see: bool = True


# `align` is the write the issue names that exists here; `corpus vacuum` deletes rows (readers
# see the same before and after). `rm` is one Delta commit, atomic by Delta's own design.
OPERATIONS = {
    "align": Operation(
        lambda corpus: [*ALIGN, corpus],
        {
            "sentences data file written": lambda c: _new_files(c / "sentences", "*.parquet"),
            "segments committed (documents not yet)": lambda c: _new_files(c / "segments" / "_delta_log", "*.json"),
        },
        random_kills=2,
    ),
    "corpus vacuum": Operation(
        lambda corpus: ["corpus", "vacuum", corpus, "--retention-hours", "0"],
        {"sentences rows deleted": lambda c: _new_files(c / "sentences" / "_delta_log", "*.json")},
        random_kills=1,
        changes_what_readers_see=False,
    ),
}


@dataclass
class Run:
    """A child process, killed ``delay`` seconds after ``condition`` holds (run to its end without one)."""

    label: str
    corpus: Path
    args: list
    condition: Callable[[], bool] | None = None
    delay: float = 0.0
    killed: bool = False


def _run_and_kill(runs: list[Run]) -> None:
    """Run each in a child process, ``PARALLEL`` at once, and SIGKILL each at its moment."""
    waiting, active = list(runs), {}
    deadline = time.monotonic() + RUN_TIMEOUT
    while waiting or active:
        while waiting and len(active) < PARALLEL:
            run = waiting.pop(0)
            active[id(run)] = (run, start_aligner(*run.args), [None])
        for key, (run, process, fired) in list(active.items()):
            if process.poll() is not None:
                del active[key]
                continue
            if fired[0] is None and run.condition is not None and run.condition():
                fired[0] = time.monotonic()
            if fired[0] is not None and time.monotonic() - fired[0] >= run.delay:
                process.kill()
                process.wait(RUN_TIMEOUT)
                run.killed = True
                del active[key]
        if time.monotonic() > deadline:
            for _, process, _ in active.values():
                process.kill()
            pytest.fail(f"the runs did not finish in {RUN_TIMEOUT} s")
        time.sleep(POLL_SECONDS)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A corpus holding the cable, and a second document with an older version of it."""
    path = tmp_path_factory.mktemp("kill") / "base"
    gold = ("align", SAMPLE / "ru.sents", SAMPLE / "en.sents", "--segmented", "--doc", DOC, "--translation", "en")
    result = invoke(*gold, "--corpus", path)
    assert result.exit_code == 0, result.stderr
    corpus = Corpus.open(path)
    corpus.write_document(make_document(tag="old"))
    corpus.write_document(make_document())  # supersedes the old one: rows for vacuum to delete
    return path


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_killed_writer_leaves_before_or_after(base: Path, tmp_path: Path, operation: str) -> None:
    spec = OPERATIONS[operation]
    before = reader_view(base)
    rng = random.Random(f"{SEED}-{operation}")
    first_step = next(iter(spec.steps.values()))
    moments = [(label, step, 0.0) for label, step in spec.steps.items()]
    moments += [
        (f"{delay:.3f} s after writing began", first_step, delay)
        for delay in (rng.uniform(0, RANDOM_WINDOW) for _ in range(spec.random_kills))
    ]
    # The first run is never killed: it gives the state after (from a child process like the
    # others, so the same code computes it even if the working tree changes meanwhile).
    runs = [Run("complete run", tmp_path / "done", spec.args(tmp_path / "done"))]
    shutil.copytree(base, runs[0].corpus)
    for k, (label, step, delay) in enumerate(moments):
        corpus = tmp_path / f"run-{k}"
        shutil.copytree(base, corpus)
        runs.append(Run(label, corpus, spec.args(corpus), step(corpus), delay))
    _run_and_kill(runs)

    complete = runs.pop(0)
    assert not complete.killed
    after = reader_view(complete.corpus)
    assert (after != before) == spec.changes_what_readers_see
    outcomes = []
    for run in runs:
        view = reader_view(run.corpus)
        state = "before" if view == before else "after" if view == after else "MIXED"
        outcomes.append((run.label, "killed" if run.killed else "finished", state, Corpus.open(run.corpus).check()))
    assert all(state != "MIXED" and problems == [] for _, _, state, problems in outcomes), outcomes
    assert any(run.killed for run in runs), outcomes

    # The lock of a killed writer is free at once, and the corpus takes the next write.
    corpus = Corpus.open(runs[0].corpus)
    corpus.write_document(make_document(tag="next"), lock_timeout=1.0)
    assert corpus.check() == []


def test_killed_creation_leaves_a_folder_the_next_write_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "new"
    run = Run("marker written", corpus, [*ALIGN, corpus], _new_files(tmp_path, "new/aligner-corpus.json"))
    _run_and_kill([run])
    assert run.killed
    result = invoke(*ALIGN, corpus)
    assert result.exit_code == 0, result.stderr
    assert Corpus.open(corpus).check() == []


@pytest.mark.parametrize(
    "leftover",
    [
        pytest.param([], id="empty folder (killed after mkdir)"),
        pytest.param([".aligner-corpus.json.tmp"], id="temporary marker (killed before its rename)"),
    ],
)
def test_interrupted_creation_is_not_mistaken_for_a_foreign_folder(tmp_path: Path, leftover: list[str]) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    for name in leftover:
        (folder / name).write_text('{"format": "aligner-corpus"', encoding="utf-8")
    Corpus.open(folder, create=True).write_document(make_document())
    assert Corpus.open(folder).check() == []
