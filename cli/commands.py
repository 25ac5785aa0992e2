"""Imports every command module so that each registers its commands on the app."""

from aligner.cli import align_cmd  # noqa: F401
