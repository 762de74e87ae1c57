"""Pages kept between the builds of one long-running preview (`mkdocs serve`).

Saving one profile of 10,000 rebuilds the whole site; most pages come out as they were.
A page's body is a function of its template and its values, so the memo keys it by a
fingerprint of those: the profiles it shows are identified by
a digest of their data, the showcase-wide data (criteria, units, movements) and the
templates by one digest for the whole build. Only pages whose fingerprint changed are
rendered again: the edited profile, the listings that show it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from .generated import GeneratedPage
from .model import Exemplar, Movement, Showcase
from .templating import Lazy

TEMPLATES = Path(__file__).parent / "templates"
SHARED = 8  # lists longer than this are a listing's members, worth describing once


class PageMemo:
    def __init__(self):
        self._bodies: dict[str, tuple[bytes, str]] = {}  # url -> (fingerprint, body)
        self._written: dict[str, bytes] = {}  # url -> digest of the page as last written
        self._digests: dict[int, tuple[object, bytes]] = {}  # id -> (object, digest), for one build
        self._build = b""
        self.search_bundle: Path | None = None  # the search index of the first build, reused

    def start(self, showcase: Showcase) -> None:
        """A new build of `showcase`: pages of an earlier build stay valid only if the
        showcase-wide data and the templates are unchanged."""
        self._digests = {}
        build = _digest(repr((showcase.criteria, showcase.units, showcase.movements,
                              sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES.iterdir()))))
        if build != self._build:
            self._bodies.clear()
            self._build = build

    def render(self, page: GeneratedPage) -> str:
        """The page's body, rendered again only if something it shows has changed."""
        fingerprint = _digest(repr(page.meta).encode() + self._fingerprint(page.inputs))
        kept = self._bodies.get(page.url)
        if kept and kept[0] == fingerprint:
            return kept[1]
        body = page.render()
        self._bodies[page.url] = (fingerprint, body)
        return body

    def unchanged(self, url: str, html: str) -> bool:
        """Whether `html` is what was written for `url` last time (and remember it)."""
        digest = _digest(html)
        same = self._written.get(url) == digest
        self._written[url] = digest
        return same

    def forget_all_but(self, urls: set[str]) -> list[str]:
        """Pages of the previous build that this build no longer has (a profile was
        withdrawn, a listing shrank): their files must go."""
        gone = [url for url in self._written if url not in urls]
        for url in gone:
            del self._written[url]
            self._bodies.pop(url, None)
        return gone

    def _fingerprint(self, value) -> bytes:
        if isinstance(value, (str, int, float, bool, type(None))):
            return repr(value).encode()
        if isinstance(value, (Exemplar, Movement)) or (isinstance(value, (list, tuple)) and len(value) > SHARED):
            # Shared by many pages (a profile, the members of a listing): described once per build.
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
