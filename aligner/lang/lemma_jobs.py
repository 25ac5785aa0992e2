"""Lemmas of a side's word forms, from a second process while the alignment runs.

pymorphy3 parses about 12,000 Russian forms a second in pure Python, and a 5,000-sentence
document has some 14,000 distinct forms: a second of one core that the alignment, which needs
no lemmas, can overlap on another core (issue #5). Short sides, fast lemmatizers (Snowball is
compiled), one-core machines and processes that are themselves workers (a batch's or Dask's)
lemmatize in-process, and so does everything when the second process cannot run. The lemmas
are the same either way: the other process runs the same lemmatizer object on the same forms.

The second process is ``python -m aligner.lang.lemma_jobs``, fed a pickle on stdin, not a
multiprocessing child: those re-run the caller's ``__main__``, and a user's script without a
``__name__`` guard would align (and store) its documents twice.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from aligner.lang.lemmatizers import Lemmatizer

log = logging.getLogger("aligner.lang.lemma_jobs")

#: A side with fewer distinct forms is lemmatized in-process: starting an interpreter and
#: loading pymorphy3's dictionaries (~0.5 s of the other core) pays only above this.
PARALLEL_FORMS = 4_000

#: Priority of the second process below the aligner's: on two cores, the aligner's two
#: training threads would otherwise share them with it (0.15 s on the large dev pair).
LEMMA_NICENESS = 10

Lemmas = list[list[str]]


def lemmatize_forms(lemmatizer: Lemmatizer, forms: Sequence[str]) -> list[str]:
    """The lemma of each form, in order."""
    return [lemmatizer.lemmatize(form) for form in forms]


def _spare_core() -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2 and multiprocessing.parent_process() is None


class LemmaJobs:
    """Starts each side's lemmatization when its tokens are known and hands the lemmas over
    when they are first needed. Use as a context manager: leaving it waits for the second
    process, or stops it when an exception leaves (its lemmas will not be read)."""

    def __init__(self, parallel: bool = True) -> None:
        self.parallel = parallel
        self._threads: ThreadPoolExecutor | None = None
        self._processes: list[subprocess.Popen] = []

    def __enter__(self) -> LemmaJobs:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is not None:
            for process in self._processes:
                process.kill()
        if self._threads is not None:
            self._threads.shutdown(wait=True, cancel_futures=True)
            self._threads = None

    def submit(self, lemmatizer: Lemmatizer, tokens: Sequence[Sequence[str]]) -> Callable[[], Lemmas]:
        """A function returning each sentence's lemmas (one per token)."""
        forms = list(dict.fromkeys(w for toks in tokens for w in toks))
        if not self._worth_a_process(lemmatizer, forms):
            lemmas = _per_token(tokens, forms, lemmatize_forms(lemmatizer, forms))
            return lambda: lemmas
        if self._threads is None:
            # A thread only waits on the process (the GIL is free meanwhile).
            self._threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lemmas")
        future = self._threads.submit(self._in_other_process, lemmatizer, forms)
        return lambda: _per_token(tokens, forms, _result(future, lemmatizer, forms))

    def _in_other_process(self, lemmatizer: Lemmatizer, forms: list[str]) -> list[str]:
        package_root = str(Path(__file__).resolve().parents[2])
        pythonpath = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        process = subprocess.Popen(
            [sys.executable, "-m", "aligner.lang.lemma_jobs"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": pythonpath},
        )
        self._processes.append(process)
        out, err = process.communicate(pickle.dumps((lemmatizer, forms), protocol=pickle.HIGHEST_PROTOCOL))
        if process.returncode != 0:
            raise OSError(f"the lemma process failed ({process.returncode}): {err.decode(errors='replace')[-500:]}")
        lemmas = pickle.loads(out)
        if not isinstance(lemmas, list) or len(lemmas) != len(forms):
            raise OSError("the lemma process returned something else than one lemma per form")
        return lemmas

    def _worth_a_process(self, lemmatizer: Lemmatizer, forms: list[str]) -> bool:
        return (self.parallel and getattr(lemmatizer, "pure_python", False) and len(forms) >= PARALLEL_FORMS
                and _spare_core())


def _result(future: Future, lemmatizer: Lemmatizer, forms: list[str]) -> list[str]:
    try:
        return future.result()
    except (OSError, pickle.UnpicklingError, EOFError) as e:  # no second process here: lemmatize in this one
        log.debug("lemmatizing in-process: %s", e)
        return lemmatize_forms(lemmatizer, forms)


def _per_token(tokens: Sequence[Sequence[str]], forms: list[str], lemmas: list[str]) -> Lemmas:
    lemma_of = dict(zip(forms, lemmas))
    return [[lemma_of[w] for w in toks] for toks in tokens]


def main() -> None:
    """The second process: a pickled ``(lemmatizer, forms)`` on stdin, their lemmas on stdout."""
    if hasattr(os, "nice"):  # the alignment's own threads come first; the lemmas are read last
        os.nice(LEMMA_NICENESS)
    lemmatizer, forms = pickle.load(sys.stdin.buffer)
    sys.stdout.buffer.write(pickle.dumps(lemmatize_forms(lemmatizer, forms), protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    main()
