"""The enriched model: Exemplar, Movement, Unit, built from validated documents.

Raw front-matter stays in `load.Document`; these objects hold the values every output
(pages, listings, search, feeds, open data, reports) needs, resolved once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .criteria import Criteria
from .provinces import Province, Provinces

WITHDRAWN = "withdrawn"
DRAFT = "draft"  # validated, previewed by `make serve`, never published


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    level: str


@dataclass(frozen=True)
class Commendation:
    title: str
    form: str
    issuer: str
    decision: str
    date: dt.date | None


@dataclass(frozen=True)
class Consent:
    given: bool
    date: dt.date | None
    by: str


@dataclass
class Movement:
    slug: str
    source: str  # path relative to the repository root
    name: str
    launched_by: str
    level: str
    start: int
    end: int | None
    legal_basis: list[str]
    summary: str
    body: str

    def covers(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)

    @property
    def span(self) -> str:
        return f"{self.start} – {self.end if self.end is not None else 'nay'}"


@dataclass
class Exemplar:
    slug: str
    source: str
    name: str
    kind: str
    category: str
    summary: str
    field: str
    year: int
    nominated_by: str
    province: Province
    place: str
    movements: list[str]
    criteria: list[str]
    achievements: list[str]
    commendations: list[Commendation]
    photo: Path | None  # absolute path of the original image
    photo_alt: str
    consent: Consent | None
    sources: list[str]
    published: dt.date
    status: str
    featured: bool
    body: str
    # Values computed from the profile once (see `derive`); a preview keeps them, with the
    # profile, while its file is unchanged. None: not kept (a one-off build).
    derived: dict | None = field(default=None, repr=False, compare=False)

    @property
    def is_public(self) -> bool:
        return self.status not in (WITHDRAWN, DRAFT)

    def derive(self, key: tuple, make):
        """`make()`, a value computed from this profile and whatever else `key` names (the
        showcase's version...), reused while the key is the same. key[0] names the purpose."""
        if self.derived is None:
            return make()
        kept = self.derived.get(key[0])
        if kept is None or kept[0] != key:
            kept = self.derived[key[0]] = (key, make())
        return kept[1]


@dataclass
class Showcase:
    """Everything the site and reports need, loaded and validated once."""

    root: Path
    criteria: Criteria
    provinces: Provinces
    units: dict[str, Unit]
    movements: dict[str, Movement]
    exemplars: dict[str, Exemplar] = field(default_factory=dict)  # withdrawn ones included
    # Withdrawn profiles (tombstones, see showcase/withdrawal.py): slug -> date of withdrawal.
    # Nothing else is known of them; the site answers their old address with a short notice.
    withdrawn: dict[str, dt.date] = field(default_factory=dict)
    # Drafts (`status: draft`): valid profiles kept out of everything published (pages, listings,
    # search, feeds, open data, statistics, reports); only the preview shows them (showcase/preview.py).
    drafts: dict[str, Exemplar] = field(default_factory=dict)
    _public: tuple = field(default=(None, None), init=False, repr=False, compare=False)
    _version: str = field(default="", init=False, repr=False, compare=False)

    @property
    def version(self) -> str:
        """A digest of the showcase-wide data (criteria, units, movements) every page may show."""
        if not self._version:
            self._version = hashlib.blake2b(repr((self.criteria, self.units, self.movements)).encode(),
                                            digest_size=16).hexdigest()
        return self._version

    def public_exemplars(self) -> list[Exemplar]:
        """Published profiles, newest first; a withdrawn profile is never among them."""
        # Every generator asks; a loaded showcase does not change, so the order is found once.
        key = (id(self.exemplars), len(self.exemplars))
        if self._public[0] != key:
            self._public = (key, sorted((e for e in self.exemplars.values() if e.is_public),
                                        key=lambda e: (-e.published.toordinal(), e.slug)))
        return list(self._public[1])

    def exemplars_of(self, movement: str) -> list[Exemplar]:
        return [e for e in self.public_exemplars() if movement in e.movements]
