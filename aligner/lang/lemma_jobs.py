"""Lemmas of a side's word forms, from a second process while the alignment runs.

pymorphy3 parses about 12,000 Russian forms a second in pure Python, and a 5,000-sentence
document has some 14,000 distinct forms: a second of one core that the alignment, which needs
no lemmas, can overlap on another core (issue #5). Short sides, fast lemmatizers (Snowball is
compiled), one-core machines, frozen applications and processes that are themselves workers
(a batch's or Dask's) lemmatize in-process, and so does everything when the second process
fails or takes too long. The lemmas are the same either way: the other process runs the same
lemmatizer object on the same forms.

The second process is a fresh ``python -P`` that imports only this module, fed a pickle on
stdin; not a multiprocessing child, which re-runs the caller's ``__main__`` (a user's script
without a ``__name__`` guard would align, and store, its documents twice), and with ``-P`` so
that a file in the user's working directory cannot shadow a module.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from aligner.lang.lemmatizers import Lemmatizer

log = logging.getLogger("aligner.lang.lemma_jobs")

#: A side with fewer distinct forms is lemmatized in-process: starting an interpreter and
#: loading pymorphy3's dictionaries (~0.5 s of the other core) pays only above this.
PARALLEL_FORMS = 4_000

#: Priority of the second process below the aligner's: on two cores, the aligner's two
#: training threads would otherwise share them with it (0.15 s on the large dev pair).
LEMMA_NICENESS = 10

#: How long the lemmas may keep the aligner waiting once it needs them: a start-up allowance
#: plus ten times pymorphy3's pace; then the process is stopped and this one lemmatizes.
WAIT_SECONDS = 30.0
WAIT_SECONDS_PER_FORM = 1e-3

#: Imports the package from where this process found it, unless Python finds it there already
#: (an installed package's folder is site-packages, which must not go before the standard library).
_BOOTSTRAP = (
    "import sys; root = sys.argv[1]; root in sys.path or sys.path.insert(0, root); "
    "from aligner.lang.lemma_jobs import main; main()"
)

Lemmas = list[list[str]]


def lemmatize_forms(lemmatizer: Lemmatizer, forms: Sequence[str]) -> list[str]:
    """The lemma of each form, in order."""
    return [lemmatizer.lemmatize(form) for form in forms]


def _has_spare_core() -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2 and multiprocessing.parent_process() is None


def _can_start_python() -> bool:
    return bool(sys.executable) and not getattr(sys, "frozen", False)


class LemmaJobs:
    """Starts each side's lemmatization when its tokens are known and hands the lemmas over
    when they are first needed. Use as a context manager: leaving it waits for the second
    process, or stops it when an exception leaves (its lemmas will not be read)."""

    def __init__(self, parallel: bool = True) -> None:
        self.parallel = parallel
        self._threads: ThreadPoolExecutor | None = None
        self._processes: list[subprocess.Popen] = []
        self._closing = False
        self._lock = threading.Lock()

    def __enter__(self) -> LemmaJobs:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is not None:
            self._stop()
        if self._threads is not None:
            self._threads.shutdown(wait=True, cancel_futures=True)
            self._threads = None

    def submit(self, lemmatizer: Lemmatizer, tokens: Sequence[Sequence[str]]) -> Callable[[], Lemmas]:
        """A function returning each sentence's lemmas (one per token)."""
        forms = list(dict.fromkeys(w for toks in tokens for w in toks))
        payload = self._payload(lemmatizer, forms)
        if payload is None:
            lemmas = _per_token(tokens, forms, lemmatize_forms(lemmatizer, forms))
            return lambda: lemmas
        if self._threads is None:
            # A thread only waits on the process (the GIL is free meanwhile).
            self._threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lemmas")
        future = self._threads.submit(self._in_other_process, payload, len(forms))
        return lambda: _per_token(tokens, forms, self._result(future, lemmatizer, forms))

    def _payload(self, lemmatizer: Lemmatizer, forms: list[str]) -> bytes | None:
        """The pickled job, or None when it is better done here."""
        if not (self.parallel and getattr(lemmatizer, "pure_python", False) and len(forms) >= PARALLEL_FORMS
                and _has_spare_core() and _can_start_python()):
            return None
        try:
            return pickle.dumps((lemmatizer, forms), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError) as e:
            log.info("lemmatizing in-process: the lemmatizer cannot be sent to another process (%s)", e)
            return None

    def _in_other_process(self, payload: bytes, n_forms: int) -> list[str]:
        package_root = str(Path(__file__).resolve().parents[2])
        with self._lock:
            if self._closing:
                raise OSError("the lemmas are no longer needed")
            process = subprocess.Popen(
                [sys.executable, "-P", "-c", _BOOTSTRAP, package_root],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            )
            self._processes.append(process)
        out, err = process.communicate(payload)
        if process.returncode != 0:
            raise OSError(f"the lemma process failed ({process.returncode}): {err.decode(errors='replace')[-500:]}")
        lemmas = pickle.loads(out)
        if not isinstance(lemmas, list) or len(lemmas) != n_forms:
            raise OSError("the lemma process returned something else than one lemma per form")
        return lemmas

    def _result(self, future: Future, lemmatizer: Lemmatizer, forms: list[str]) -> list[str]:
        try:
            return future.result(timeout=WAIT_SECONDS + WAIT_SECONDS_PER_FORM * len(forms))
        except FutureTimeout:
            self._stop()
            log.info("lemmatizing in-process: the lemma process took too long")
        except (OSError, pickle.UnpicklingError, EOFError) as e:
            log.info("lemmatizing in-process: %s", e)
        return lemmatize_forms(lemmatizer, forms)

    def _stop(self) -> None:
        with self._lock:
            self._closing = True
            for process in self._processes:
                process.kill()


def _per_token(tokens: Sequence[Sequence[str]], forms: list[str], lemmas: list[str]) -> Lemmas:
    lemma_of = dict(zip(forms, lemmas))
    return [[lemma_of[w] for w in toks] for toks in tokens]


def main() -> None:
    """The second process: a pickled ``(lemmatizer, forms)`` on stdin, their lemmas on stdout."""
    if hasattr(os, "nice"):  # the alignment's own threads come first; the lemmas are read last
        os.nice(LEMMA_NICENESS)
    lemmatizer, forms = pickle.load(sys.stdin.buffer)
    sys.stdout.buffer.write(pickle.dumps(lemmatize_forms(lemmatizer, forms), protocol=pickle.HIGHEST_PROTOCOL))
