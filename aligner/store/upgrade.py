"""Schema upgrades of a corpus: a registry of migrations, a plan, and its application after a backup.

A corpus records its schema version in ``aligner-corpus.json``; ``Corpus.open`` refuses one
written with another version (a newer one: upgrade aligner; an older one: upgrade the corpus).
An older corpus is brought up to date only when asked, never silently: ``plan_upgrade(path)``
lists the migrations from its version to ``SCHEMA_VERSION`` and names the backup folder, and
``apply_upgrade(plan)`` copies the whole folder to that backup, then runs the migrations in
order under the writers' lock.

A ``Migration`` upgrades a corpus folder from ``from_version`` to ``from_version + 1`` by
rewriting its tables in place; register one with the ``migration`` decorator. The marker moves
to the next version only after a step has finished, so a step interrupted half way runs again
from the start: migrations must be safe to rerun (``add_missing_columns``, the building block
for the usual change, a column added to a table, is). If an upgrade fails, the backup holds the
corpus exactly as it was.

Schema 1 is the first schema that was ever written, so the registry is empty today: the
mechanism is exercised by the tests with a synthetic older corpus.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deltalake.exceptions import DeltaError

from aligner import __version__
from aligner.errors import CorpusError, SchemaVersionError
from aligner.store import delta
from aligner.store.corpus import FORMAT, LOCK_FILE, MARKER, Corpus
from aligner.store.schema import SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class Migration:
    """One step: rewrites a corpus folder's tables from ``from_version`` to ``from_version + 1``."""

    from_version: int
    description: str
    apply: Callable[[Path], None]

    @property
    def to_version(self) -> int:
        return self.from_version + 1


#: The registered migrations, by the version they upgrade from.
MIGRATIONS: dict[int, Migration] = {}


def migration(
    from_version: int, description: str, *, registry: dict[int, Migration] = MIGRATIONS
) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    """Register the decorated function (corpus folder -> None) as the step from ``from_version``.

    :raises ValueError: a step from ``from_version`` is already registered.
    """

    def register(apply: Callable[[Path], None]) -> Callable[[Path], None]:
        if from_version in registry:
            raise ValueError(f"a migration from schema version {from_version} is already registered")
        registry[from_version] = Migration(from_version, description, apply)
        return apply

    return register


@dataclass(frozen=True, slots=True)
class UpgradePlan:
    """What ``apply_upgrade`` will do: ``steps`` in order, after copying ``path`` to ``backup``.

    An up-to-date corpus has no steps and no backup.
    """

    path: Path
    from_version: int
    to_version: int
    steps: tuple[Migration, ...]
    backup: Path | None

    def describe(self) -> list[str]:
        """The plan as lines for people (what ``aligner corpus upgrade --dry-run`` prints)."""
        if not self.steps:
            return [f"{self.path}: schema version {self.from_version} is current; nothing to upgrade"]
        lines = [
            f"{self.path}: schema version {self.from_version} -> {self.to_version}",
            f"backup: {self.backup}",
        ]
        lines += [f"step {s.from_version} -> {s.to_version}: {s.description}" for s in self.steps]
        return lines


@dataclass(frozen=True, slots=True)
class UpgradeReport:
    """What ``apply_upgrade`` did."""

    path: Path
    from_version: int
    to_version: int
    steps_applied: int
    backup: Path | None


def read_schema_version(path: str | os.PathLike[str]) -> int:
    """The schema version recorded in a corpus folder, whether this aligner reads it or not.

    :raises CorpusError: the folder is not a corpus or its marker cannot be read.
    """
    root = Path(path)
    try:
        Corpus.open(root)
    except SchemaVersionError:
        # Corpus.open checked everything but the version; that is what we want to know.
        pass
    return json.loads((root / MARKER).read_text(encoding="utf-8"))["schema_version"]


def plan_upgrade(
    path: str | os.PathLike[str],
    *,
    backup: str | os.PathLike[str] | None = None,
    migrations: Mapping[int, Migration] | None = None,
    target: int = SCHEMA_VERSION,
) -> UpgradePlan:
    """Plan the upgrade of the corpus at ``path`` to schema ``target``; changes nothing.

    :param backup: where to copy the corpus first (default: a free sibling folder named
        ``<corpus>.schema-<version>-backup``, then ``...-backup-2``, ...); it must not exist.
    :param migrations: the registry to use (default: ``MIGRATIONS``).
    :raises SchemaVersionError: the corpus is newer than ``target``, or a step is missing.
    :raises CorpusError: not a corpus, or ``backup`` exists.
    """
    root = Path(path)
    registry = MIGRATIONS if migrations is None else migrations
    version = read_schema_version(root)
    if version > target:
        raise SchemaVersionError(
            f"the corpus has schema version {version}, newer than this aligner {__version__} "
            f"knows ({target}); upgrade aligner (pip install -U aligner)",
            path=root,
        )
    steps = []
    for step_from in range(version, target):
        if step_from not in registry:
            known = ", ".join(str(v) for v in sorted(registry)) or "none"
            raise SchemaVersionError(
                f"the corpus has schema version {version} and aligner {__version__} has no migration "
                f"from version {step_from} (it migrates from: {known}); use an aligner release that "
                "knows this version",
                path=root,
            )
        steps.append(registry[step_from])
    if not steps:
        return UpgradePlan(root, version, version, (), None)
    if backup is None:
        backup_path = _free_backup_path(root, version)
    else:
        backup_path = Path(backup)
        if backup_path.exists():
            raise CorpusError("the backup folder exists already; choose another with --backup", path=backup_path)
    return UpgradePlan(root, version, target, tuple(steps), backup_path)


def apply_upgrade(plan: UpgradePlan, *, lock_timeout: float = 30.0) -> UpgradeReport:
    """Back the corpus up, then run the plan's steps in order, each followed by a marker update.

    Holds the writers' lock throughout, so no write lands between the backup and the upgrade.

    :raises CorpusError: the lock times out, the corpus changed version since the plan was
        made, or the backup cannot be written (the corpus is then untouched).
    """
    if not plan.steps:
        return UpgradeReport(plan.path, plan.from_version, plan.to_version, 0, None)
    assert plan.backup is not None
    # The lock and its timeout message are the store's own (a writer in this package).
    with Corpus(plan.path)._locked(lock_timeout):
        version = read_schema_version(plan.path)
        if version != plan.from_version:
            raise CorpusError(
                f"the corpus is at schema version {version}, not {plan.from_version} as planned; "
                "plan the upgrade again",
                path=plan.path,
            )
        _copy_backup(plan.path, plan.backup)
        for step in plan.steps:
            try:
                step.apply(plan.path)
                _write_marker_version(plan.path, step.to_version)
            except (OSError, DeltaError) as e:
                raise CorpusError(
                    f"the upgrade from schema version {step.from_version} to {step.to_version} failed "
                    f"({e}); the corpus is at version {read_schema_version(plan.path)}: run the upgrade "
                    f"again, or restore the backup {plan.backup}",
                    path=plan.path,
                ) from e
    return UpgradeReport(plan.path, plan.from_version, plan.to_version, len(plan.steps), plan.backup)


def add_missing_columns(table_path: Path, schema: Mapping[str, Any], defaults: Mapping[str, Any] | None = None) -> bool:
    """Give the table every column of ``schema`` it lacks, filled with ``defaults`` (else null).

    Every row is kept, live or not (history relies on old generations), in one overwrite commit;
    columns the table has beyond ``schema`` are kept after the others. A missing table or one
    that has every column is left alone.

    :param schema: a polars schema (column name -> dtype).
    :returns: True when the table was rewritten.
    """
    import polars as pl

    table = delta.load_table(table_path)
    if table is None:
        return False
    frame = pl.scan_delta(table).collect()
    missing = [name for name in schema if name not in frame.columns]
    if not missing:
        return False
    defaults = defaults or {}
    frame = frame.with_columns(pl.lit(defaults.get(name), dtype=schema[name]).alias(name) for name in missing)
    order = [*schema, *(name for name in frame.columns if name not in schema)]
    frame.select(order).write_delta(table, mode="overwrite", delta_write_options={"schema_mode": "overwrite"})
    return True


def _free_backup_path(root: Path, version: int) -> Path:
    base = root.with_name(f"{root.name}.schema-{version}-backup")
    candidate, n = base, 1
    while candidate.exists() or _partial(candidate).exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def _partial(backup: Path) -> Path:
    return backup.with_name(f".{backup.name}.partial")


def _copy_backup(root: Path, backup: Path) -> None:
    """Copy the corpus folder (not its lock file) to ``backup``, complete or not at all.

    The copy is made under a hidden temporary name and renamed when whole, so an interrupted
    backup is never mistaken for a good one.
    """
    if backup.exists():
        raise CorpusError("the backup folder exists already; choose another with --backup", path=backup)
    partial = _partial(backup)
    try:
        if partial.exists():
            shutil.rmtree(partial)  # left by an interrupted upgrade of ours
        shutil.copytree(root, partial, ignore=shutil.ignore_patterns(LOCK_FILE))
        os.replace(partial, backup)
    except OSError as e:
        raise CorpusError(f"cannot write the backup: {e.strerror or e}; the corpus is unchanged", path=backup) from e


def _write_marker_version(root: Path, version: int) -> None:
    """Set the marker's schema version (atomically, by rename), keeping its other keys."""
    marker = root / MARKER
    content = json.loads(marker.read_text(encoding="utf-8"))
    content.update({"format": FORMAT, "schema_version": version, "upgraded_by": f"aligner {__version__}"})
    tmp = root / f".{MARKER}.tmp"
    tmp.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, marker)
