import pytest

from aligner.errors import InputError
from aligner.interchange.beads import parse_beads, read_beads, write_beads


def test_round_trip(tmp_path):
    beads = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((), (2,))]
    path = tmp_path / "x.align"
    write_beads(beads, path)
    assert path.read_text() == "[0]:[0]\n[1,2]:[1]\n[3]:[]\n[]:[2]\n"
    assert read_beads(path) == beads


def test_vecalign_score_field_and_comments_are_accepted():
    assert parse_beads("# c\n[0]:[0]:0.12\n\n[1, 2]:[ 1 ]\n") == [((0,), (0,)), ((1, 2), (1,))]


def test_bad_line_names_file_and_line():
    with pytest.raises(InputError) as info:
        parse_beads("[0]:[0]\n0-0\n", "p.align")
    assert str(info.value).startswith("p.align:2: ")
