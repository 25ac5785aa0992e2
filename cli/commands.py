"""Imports every command module so that each registers its commands on the app."""

from aligner.cli import align_cmd, documents_cmd, eval_cmd  # noqa: F401
from aligner.cli import diff_cmd, report_cmd  # noqa: F401,E402
from aligner.cli.glossary_cmd import glossary_app  # noqa: E402
from aligner.cli.main import app  # noqa: E402
from aligner.cli.terms_cmd import terms_app  # noqa: E402

app.add_typer(glossary_app, name="glossary")
app.add_typer(terms_app, name="terms")
