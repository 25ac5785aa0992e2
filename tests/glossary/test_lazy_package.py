"""``aligner.glossary`` loads its modules on first use (issue #5): aligning without a glossary
needs only ``names``, yet every public name still resolves from the package."""

from __future__ import annotations

import subprocess
import sys

import pytest

import aligner.glossary as glossary


@pytest.mark.parametrize("name", glossary.__all__)
def test_every_public_name_resolves(name):
    value = getattr(glossary, name)
    assert value is getattr(sys.modules[f"aligner.glossary.{glossary._LAZY[name]}"], name)
    assert name in dir(glossary)


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        glossary.nope  # noqa: B018


def test_name_keys_alone_leaves_the_matcher_unloaded():
    code = (
        "import sys\n"
        "from aligner.glossary import name_keys\n"
        "name_keys('Ким Ир Сен', 'ru')\n"
        "print(','.join(m for m in ('aligner.glossary.match', 'aligner.glossary.readers',"
        " 'aligner.glossary.inflection', 'pymorphy3') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
