"""Tests of the glossary engine (aligner.glossary)."""
