"""Pages kept between the builds of one long-running preview (`mkdocs serve`).

Saving one profile of 10,000 rebuilds the whole site; most pages come out as they were.
A page's body is a function of its template and its values, so the memo keys it by a
fingerprint of those: the profiles it shows are identified by a digest of their data,
the showcase-wide data (criteria, units, movements) and the templates by one digest for
the whole build. Only pages whose fingerprint changed are rendered again: the edited
profile, the listings that show it. A profile whose file is unchanged keeps its object
from one build to the next (`repository.RecentLoads`), and its digest with it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .generated import GeneratedPage
from .model import Exemplar, Movement, Showcase
from .repository import RecentLoads
from .templating import Lazy

TEMPLATES = Path(__file__).parent / "templates"
SHARED = 8  # lists longer than this are a listing's members, worth describing once


@dataclass
class Kept:
    """A page as the previous build left it."""

    fingerprint: bytes  # of what its body was rendered from
    body: str
    frame: object = None  # what the publisher derived from the body once (the kind of frame it needs)
    written: bytes = b""  # what the page on disk was made from: publisher's choice (frame and fingerprint)


class PageMemo:
    def __init__(self):
        self._pages: dict[str, Kept] = {}  # by url
        self._profiles: dict[int, tuple[object, bytes]] = {}  # id -> (profile, digest), kept across builds
        self._digests: dict[int, tuple[object, bytes]] = {}  # id -> (list, digest), for one build
        self._build = b""
        self.loads = RecentLoads()  # the profiles of the previous build, for `load_showcase`
        self.search_bundle: Path | None = None  # the search index of the first build, reused

    def start(self, showcase: Showcase) -> None:
        """A new build of `showcase`: pages of an earlier build stay valid only if the
        showcase-wide data and the templates are unchanged."""
        self._digests = {}
        current = {id(e) for e in showcase.exemplars.values()}
        self._profiles = {key: kept for key, kept in self._profiles.items() if key in current}
        build = _digest(repr((showcase.criteria, showcase.units, showcase.movements,
                              sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES.iterdir()))))
        if build != self._build:
            for kept in self._pages.values():
                kept.fingerprint = b""  # every body is rendered again; what was written stays known
            self._build = build

    def page(self, page: GeneratedPage) -> Kept:
        """The page's body, rendered again only if something it shows has changed."""
        fingerprint = _digest(repr((page.meta, page.edit_path)).encode() + self._fingerprint(page.inputs))
        kept = self._pages.get(page.url)
        if kept and kept.fingerprint == fingerprint:
            return kept
        self._pages[page.url] = fresh = Kept(fingerprint, page.render(), written=kept.written if kept else b"")
        return fresh

    def render(self, page: GeneratedPage) -> str:
        return self.page(page).body

    def forget_all_but(self, urls: set[str]) -> list[str]:
        """Pages of the previous build that this build no longer has (a profile was
        withdrawn, a listing shrank): their files must go."""
        gone = [url for url in self._pages if url not in urls]
        for url in gone:
            del self._pages[url]
        return gone

    def _fingerprint(self, value) -> bytes:
        if isinstance(value, (str, int, float, bool, type(None))):
            return repr(value).encode()
        if isinstance(value, Exemplar):  # the same object as last build if its file is unchanged
            key = id(value)
            if key not in self._profiles:
                self._profiles[key] = (value, _digest(repr(value)))  # kept alive: no id is reused
            return self._profiles[key][1]
        if isinstance(value, Movement) or (isinstance(value, (list, tuple)) and len(value) > SHARED):
            # Shared by many pages (the members of a listing): described once per build.
            key = id(value)
            if key not in self._digests:
                self._digests[key] = (value, _digest(self._describe(value)))  # kept alive: no id is reused
            return self._digests[key][1]
        return self._describe(value)

    def _describe(self, value) -> bytes:
        if isinstance(value, (Exemplar, Movement)):
            return repr(value).encode()
        if isinstance(value, Showcase):
            return b"showcase"  # its data is in the build's digest
        if isinstance(value, dict):
            return b"{" + b",".join(repr(k).encode() + b":" + self._fingerprint(v) for k, v in value.items()) + b"}"
        if isinstance(value, (list, tuple)):
            return b"[" + b",".join(self._fingerprint(v) for v in value) + b"]"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if value.__dataclass_params__.frozen:  # small values (a facet, a pager, a photo): their repr says it all
                return repr(value).encode()
            return type(value).__name__.encode() + self._describe(vars(value))
        if isinstance(value, Lazy):
            return value.function.__qualname__.encode() + self._fingerprint(value.args)
        if callable(value):  # helpers given to templates: labels, thumbnails, cards
            return getattr(value, "__qualname__", type(value).__qualname__).encode()
        return repr(value).encode()


def _digest(data: str | bytes) -> bytes:
    return hashlib.blake2b(data.encode() if isinstance(data, str) else data, digest_size=16).digest()


MEMO = PageMemo()  # lives as long as the process: `mkdocs serve` reloads the adapter, not this module
