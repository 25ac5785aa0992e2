"""Terminology consistency and divergence review over the aligned ``segments``.

Modules: ``terms`` (glossary findings per segment, inconsistent renderings, repeated sentences
translated differently: ``check_terms``), ``accepted`` (the accepted-findings list of
``terms check --ignore``), ``divergence`` (flags of one translation explained:
``find_divergences``), ``compare`` (two translations through the source: ``compare_translations``),
``discover`` (candidate glossary entries: ``discover_terms``), ``review`` (what the HTML report
shows: ``build_review``). Rendering lives in ``aligner.interchange.html``.

Nothing here prints, exits or writes files; findings are returned as data.
"""
