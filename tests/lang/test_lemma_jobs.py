"""Lemmas from a second process (``aligner.lang.lemma_jobs``): the same lemmas as in-process,
a fallback when no process can run, and a caller's script is never run twice."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligner.align.pipeline import align_files
from aligner.lang import get_language, lemma_jobs
from aligner.lang.lemma_jobs import LemmaJobs
from tests.conftest import CORPORA, ROOT

SAMPLE = CORPORA / "cable-1956-09-23-mikoyan"
RUSSIAN = [["Товарищ", "Микоян", "прибыл", "в", "Пекин"], ["Пленума", "ЦК", "КПК", "не", "было"], []]


@pytest.fixture
def every_side_in_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lemma_jobs, "PARALLEL_FORMS", 1)
    monkeypatch.setattr(lemma_jobs, "_has_spare_core", lambda: True)


def test_lemmas_from_another_process_equal_those_made_here(every_side_in_a_process) -> None:
    lemmatizer = get_language("ru").lemmatizer
    with LemmaJobs() as jobs:
        lemmas = jobs.submit(lemmatizer, RUSSIAN)()
        assert [p.returncode for p in jobs._processes] == [0]  # the other process answered
    with LemmaJobs(parallel=False) as jobs:
        assert jobs.submit(lemmatizer, RUSSIAN)() == lemmas
    assert lemmas == [["товарищ", "микоян", "прибыть", "в", "пекин"], ["пленум", "цк", "кпк", "не", "быть"], []]


def test_a_failed_process_falls_back_to_this_one(every_side_in_a_process, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", str(ROOT / "no-such-python"))
    with LemmaJobs() as jobs:
        assert jobs.submit(get_language("ru").lemmatizer, RUSSIAN)()[1] == ["пленум", "цк", "кпк", "не", "быть"]


def _many_forms(n: int) -> list[list[str]]:
    return [[f"слово{k}", "Пленума"] for k in range(n)]


def test_an_error_stops_the_other_process(every_side_in_a_process) -> None:
    with pytest.raises(KeyboardInterrupt), LemmaJobs() as jobs:
        jobs.submit(get_language("ru").lemmatizer, _many_forms(20_000))
        while not jobs._processes:  # the thread starts it
            time.sleep(0.01)
        raise KeyboardInterrupt
    assert jobs._processes[0].returncode not in (None, 0)


def test_a_slow_process_is_stopped_and_the_lemmas_made_here(every_side_in_a_process,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lemma_jobs, "WAIT_SECONDS", 0.0)
    monkeypatch.setattr(lemma_jobs, "WAIT_SECONDS_PER_FORM", 0.0)
    with LemmaJobs() as jobs:
        lemmas = jobs.submit(get_language("ru").lemmatizer, _many_forms(20_000))()
    assert lemmas[0] == ["слово0", "пленум"]
    assert all(p.returncode not in (None, 0) for p in jobs._processes)


@pytest.mark.parametrize("module", ["aligner", "pymorphy3"])
def test_a_module_in_the_working_folder_cannot_take_a_real_one_s_place(
    module: str, every_side_in_a_process, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / f"{module}.py").write_text("raise SystemExit(3)\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with LemmaJobs() as jobs:
        jobs.submit(get_language("ru").lemmatizer, RUSSIAN)()
    assert [p.returncode for p in jobs._processes] == [0]


def test_no_process_without_a_python_to_start(every_side_in_a_process, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "")
    with LemmaJobs() as jobs:
        assert jobs.submit(get_language("ru").lemmatizer, RUSSIAN)()[1][0] == "пленум"
        assert jobs._threads is None


@pytest.mark.parametrize("lang", ["en", "de"])
def test_compiled_stemmers_and_short_sides_stay_in_process(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lemma_jobs, "_has_spare_core", lambda: True)
    with LemmaJobs() as jobs:
        jobs.submit(get_language(lang).lemmatizer, [["Words", "here"]] * 5000)
        jobs.submit(get_language("ru").lemmatizer, RUSSIAN)  # fewer forms than PARALLEL_FORMS
        assert jobs._threads is None


def test_aligned_segments_have_the_same_lemmas_either_way(every_side_in_a_process,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    parallel = align_files(SAMPLE / "ru.txt", SAMPLE / "en.txt")
    monkeypatch.setattr(lemma_jobs, "PARALLEL_FORMS", 10**9)
    here = align_files(SAMPLE / "ru.txt", SAMPLE / "en.txt")
    assert [s.src_lemmas for s in parallel.segments] == [s.src_lemmas for s in here.segments]
    assert any(s.src_lemmas for s in here.segments)


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(
        "from aligner.lang import lemma_jobs\n"
        "from aligner.align.pipeline import align_files\n"
        "lemma_jobs.PARALLEL_FORMS = 1\n"
        "lemma_jobs._has_spare_core = lambda: True\n"
        f"doc = align_files({str(SAMPLE / 'ru.txt')!r}, {str(SAMPLE / 'en.txt')!r})\n"
        "print('ran', sum(len(s.src_lemmas) > 0 for s in doc.segments) > 0)\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["ran True"]
