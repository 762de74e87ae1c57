"""The 34 provinces and cities in force since 1 July 2025, and where the 63 old ones went."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .text import slugify

DATA = Path(__file__).parent / "data" / "provinces.yml"
_PREFIX = re.compile(r"^(tinh|thanh-pho|tp)-")


@dataclass(frozen=True)
class Province:
    slug: str
    code: int
    name: str
    type: str  # province | city

    @property
    def full_name(self) -> str:
        return f"{'Thành phố' if self.type == 'city' else 'Tỉnh'} {self.name}"


@dataclass(frozen=True)
class Provinces:
    by_slug: dict[str, Province]
    old_to_new: dict[str, tuple[str, str]]  # old slug -> (old name, new slug)

    def resolve(self, value: str | int) -> Province | None:
        """A province from its slug, code or Vietnamese name ('Ninh Bình', 'Tỉnh Ninh Bình', 37)."""
        if isinstance(value, int) and not isinstance(value, bool):
            return next((p for p in self.by_slug.values() if p.code == value), None)
        return self.by_slug.get(_key(str(value)))

    def former(self, value: str) -> tuple[str, Province] | None:
        """(old name, new province) when `value` names a province merged on 1 July 2025."""
        hit = self.old_to_new.get(_key(str(value)))
        return (hit[0], self.by_slug[hit[1]]) if hit else None


def _key(value: str) -> str:
    slug = _PREFIX.sub("", slugify(value))
    return {"tphcm": "ho-chi-minh", "hcm": "ho-chi-minh"}.get(slug, slug)


@lru_cache(maxsize=1)
def load_provinces() -> Provinces:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    by_slug = {slug: Province(slug, e["code"], e["name"], e["type"]) for slug, e in data.items()}
    old_to_new = {}
    for slug, entry in data.items():
        for old in entry["merged_from"]:
            old_to_new[_PREFIX.sub("", slugify(old))] = (old, slug)
    return Provinces(by_slug, old_to_new)
