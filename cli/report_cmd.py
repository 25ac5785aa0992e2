"""``aligner report``: one self-contained HTML review of a stored translation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.cli.errors import reports_errors
from aligner.cli.main import app
from aligner.cli.options import CorpusArg, DocOpt, GlossaryOpt, TranslationOpt
from aligner.cli.output import note
from aligner.cli.terms_cmd import SrcLangOpt, TgtLangOpt


@app.command()
@reports_errors
def report(
    corpus: CorpusArg,
    doc: DocOpt,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write.", dir_okay=False, show_default=False)
    ],
    translation: TranslationOpt = None,
    glossary: GlossaryOpt = None,
    src_lang: SrcLangOpt = None,
    tgt_lang: TgtLangOpt = None,
) -> None:
    """Write an HTML review of a translation: side by side, badges, filters, alignment plot.

    The file is self-contained (no network, opens from disk). With --glossary, terms are
    highlighted and linked to their entries, and term findings are shown.

    Example: aligner report my-corpus/ --doc memo-1956-10-05-ivanov-kim-il-sung --translation en-draft -g glossaries/soviet-korea-1956.tsv -o report.html
    """
    from aligner.interchange.html import render_review, write_html
    from aligner.qa.review import build_review
    from aligner.store.corpus import Corpus

    store = Corpus.open(corpus)
    gloss = None
    if glossary is not None:
        from aligner.glossary import load_glossary

        default_src, default_tgt = store.languages(doc, translation)
        gloss = load_glossary(glossary, src_lang or default_src, tgt_lang or default_tgt)
    review = build_review(store, doc, translation, gloss)
    write_html(render_review(review), output)
    flagged = sum(1 for s in review.segments if s.kinds)
    note(f"wrote {output}: {len(review.segments)} segments of {doc}/{review.translation_id}, {flagged} with flags or term findings")
    if review.other_glossary:
        note(f"warning: {doc}/{review.translation_id} was aligned with another glossary than {glossary.name}")
