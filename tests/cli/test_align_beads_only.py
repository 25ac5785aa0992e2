"""`aligner align --beads-out` without a corpus does only what the beads need (issue #5).

It builds no segment rows and loads no corpus libraries, yet reports the same summary as a run
that builds everything; the library's ``segments=False`` gives the same alignment.
"""

from __future__ import annotations

import json
import subprocess
import sys

from aligner.align.pipeline import align_files
from aligner.interchange.beads import read_beads
from tests.cli.conftest import SAMPLE, invoke


def _summary_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("document ", "beads: ", "signature: "))]


def test_beads_only_summary_equals_the_full_summary(tmp_path):
    out = tmp_path / "x.align"
    beads_only = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--beads-out", out)
    full = invoke("align", SAMPLE / "ru.txt", SAMPLE / "en.txt", "--format", "json")
    assert beads_only.exit_code == 0, beads_only.stderr
    assert full.exit_code == 0, full.stderr
    assert _summary_lines(beads_only.stderr) == _summary_lines(full.stderr)
    # The sample has low-confidence beads, so the count from the beads is really compared.
    assert "low confidence: 0" not in beads_only.stderr
    rows = json.loads(full.stdout)
    assert [f"{len(s)}-{len(t)}" for s, t in read_beads(out)] == [r["bead"] for r in rows]


def test_library_without_segments_aligns_the_same():
    full = align_files(SAMPLE / "ru.sents", SAMPLE / "en.sents", segmented=True)
    bare = align_files(SAMPLE / "ru.sents", SAMPLE / "en.sents", segmented=True, segments=False)
    assert bare.segments == ()
    assert bare.alignment == full.alignment
    assert (bare.signature, bare.settings) == (full.signature, full.settings)
    assert [s.bead for s in full.segments] == [b.kind for b in bare.alignment.beads]


def test_beads_only_leaves_corpus_libraries_unloaded(tmp_path):
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from aligner.cli.main import app\n"
        f"r = CliRunner().invoke(app, ['align', {str(SAMPLE / 'ru.sents')!r}, {str(SAMPLE / 'en.sents')!r},"
        f" '--segmented', '--beads-out', {str(tmp_path / 'x.align')!r}])\n"
        "assert r.exit_code == 0, r.stderr\n"
        "print(','.join(m for m in ('polars', 'deltalake', 'pymorphy3', 'aligner.store.corpus') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
