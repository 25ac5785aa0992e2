"""Imports every command module so that each registers its commands on the app."""

from aligner.cli import (  # noqa: F401
    align_cmd,
    corpus_cmd,
    diff_cmd,
    documents_cmd,
    eval_cmd,
    export_cmd,
    history_cmd,
    import_cmd,
    query_cmd,
    report_cmd,
    sql_cmd,
    stats_cmd,
)
from aligner.cli import batch_cmd  # noqa: F401,E402
from aligner.cli.glossary_cmd import glossary_app
from aligner.cli.main import app
from aligner.cli.terms_cmd import terms_app

app.add_typer(glossary_app, name="glossary")
app.add_typer(terms_app, name="terms")
