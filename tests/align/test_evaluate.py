"""Our scorer agrees with ../shared/eval/score.py's definitions, on constructed and real cases."""

import importlib.util
import random

import pytest

from aligner.align.evaluate import count_hits, kind_confusion, scores
from tests.conftest import DEV, SCORE_PY, needs_dev

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,))]


@pytest.mark.parametrize(
    "pred, strict_f1, lax_f1",
    [
        pytest.param(GOLD, 1.0, 1.0, id="gold against itself"),
        pytest.param([((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,))], 0.632, 0.889, id="merge missed"),
        pytest.param([], 0.0, 0.0, id="empty prediction"),
    ],
)
def test_scores(pred, strict_f1, lax_f1):
    s = scores(count_hits(GOLD, pred))
    assert s.f1_strict == pytest.approx(strict_f1, abs=1e-3)
    assert s.f1_lax == pytest.approx(lax_f1, abs=1e-3)


def test_confusion_matches_gold_bead_to_predicted_kind():
    pred = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,))]
    confusion = kind_confusion(GOLD, pred)
    assert confusion[("2-1", "1-1")] == 1 and confusion[("1-0", "1-0")] == 1


def _reference():
    spec = importlib.util.spec_from_file_location("score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_dev
def test_agrees_with_shared_score_py_on_perturbed_dev_beads():
    """Random perturbations of dev gold beads are scored identically by both scorers."""
    ref = _reference()
    rng = random.Random(7)
    for pair in sorted(DEV.iterdir())[:6]:
        gold = ref.read_alignment(str(pair / "gold.align"))
        pred = list(gold)
        for _ in range(20):
            k = rng.randrange(len(pred) - 1)
            (s1, t1), (s2, t2) = pred[k], pred[k + 1]
            pred[k : k + 2] = [(s1 | s2, t1 | t2)]
        ours = count_hits([(tuple(sorted(s)), tuple(sorted(t))) for s, t in gold],
                          [(tuple(sorted(s)), tuple(sorted(t))) for s, t in pred])
        theirs = ref.count(gold, pred)
        assert ours.p_strict_hits == theirs["p_strict_hits"]
        assert ours.p_lax_hits == theirs["p_lax_hits"]
        assert ours.r_strict_hits == theirs["r_strict_hits"]
        assert ours.r_lax_hits == theirs["r_lax_hits"]
        assert ours.pred_beads == theirs["pred_beads"]
