"""The lists an editor chooses from: units (`units.yml`) and movements (`movements/`).

Read leniently: an entry that cannot be read is left out here, and the validator reports it
with its own message. Ids that are not lower-case ASCII slugs are left out as well, so that a
choice offered to an editor is always one the validator accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..hygiene import MAX_ID, SLUG
from ..load import load_markdown, load_yaml_file
from ..problems import ProblemError

_MAX_BYTES = 200_000


@dataclass(frozen=True)
class Registries:
    units: tuple[tuple[str, str], ...]  # (id, Vietnamese name), in the file's order
    movements: tuple[tuple[str, str], ...]  # (slug, official name), by slug


def load_registries(root: Path) -> Registries:
    return Registries(tuple(_units(root)), tuple(_movements(root)))


def _units(root: Path) -> list[tuple[str, str]]:
    try:
        data, _ = load_yaml_file(root / "units.yml", "units.yml")
    except (ProblemError, OSError):
        return []
    if not isinstance(data, dict):
        return []
    return [(uid, " ".join(entry["name"].split())) for uid, entry in data.items()
            if isinstance(uid, str) and _is_id(uid) and isinstance(entry, dict)
            and isinstance(entry.get("name"), str) and entry["name"].strip()]


def _movements(root: Path) -> list[tuple[str, str]]:
    found = []
    folder = root / "movements"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        slug = path.stem
        if not _is_id(slug):
            continue
        try:
            name = load_markdown(path, f"movements/{path.name}", _MAX_BYTES).meta.get("name")
        except (ProblemError, OSError):
            continue
        if isinstance(name, str) and name.strip():
            found.append((slug, " ".join(name.split())))
    return found


def registries_of(showcase) -> Registries:
    """The same lists from a loaded, validated repository (`showcase.model.Showcase`)."""
    return Registries(tuple((uid, unit.name) for uid, unit in showcase.units.items()),
                      tuple(sorted((slug, m.name) for slug, m in showcase.movements.items())))


def _is_id(value: str) -> bool:
    """An id the validator accepts (hygiene.SLUG, at most MAX_ID): a choice offered is a valid one."""
    return bool(SLUG.match(value)) and len(value) <= MAX_ID
