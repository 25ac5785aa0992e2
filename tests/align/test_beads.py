import pytest

from aligner.align.beads import BEAD_TYPES, Alignment, Bead, bead_types_up_to, parse_bead_type


@pytest.mark.parametrize(
    "beads, n, m, ok",
    [
        pytest.param([Bead((0,), (0,)), Bead((1, 2), (1,))], 3, 2, True, id="1-1 then 2-1"),
        pytest.param([Bead((0,), ()), Bead((), (0,))], 1, 1, True, id="deletion and insertion"),
        pytest.param([Bead((1,), (0,)), Bead((0,), (1,))], 2, 2, False, id="crossing beads"),
        pytest.param([Bead((0,), (0,))], 2, 1, False, id="a source sentence left out"),
        pytest.param([Bead((), ())], 0, 0, False, id="an empty bead"),
    ],
)
def test_alignment_checks_coverage(beads, n, m, ok):
    if ok:
        assert Alignment(tuple(beads), n, m).beads[0].kind in {"1-1", "1-0"}
    else:
        with pytest.raises(ValueError):
            Alignment(tuple(beads), n, m)


def test_bead_inventory_is_data():
    every = bead_types_up_to(3, max_total=6)
    assert (1, 3) in every and (3, 2) in every and (3, 3) in every
    types = bead_types_up_to(3)
    assert (1, 3) in types and (3, 1) in types and (2, 2) in types
    assert (3, 2) not in types and (2, 3) not in types, "n + m <= max(4, max side + 1) by default"
    assert (2, 3) in bead_types_up_to(4) and (4, 1) in bead_types_up_to(4) and (3, 3) not in bead_types_up_to(4)
    assert BEAD_TYPES == types
    assert types[:3] == ((1, 1), (1, 0), (0, 1))
    assert parse_bead_type("2-1") == (2, 1)
    with pytest.raises(ValueError):
        parse_bead_type("two-one")
