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
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from types import FunctionType, MethodType

import jinja2

from .generated import GeneratedPage
from .images import photo_of
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
        self._describe = Describer()  # its profiles' digests are kept across builds
        self._build = b""
        self.loads = RecentLoads()  # the profiles of the previous build, for `load_showcase`
        self.search_bundle: Path | None = None  # the search index of the first build, reused
        self.template_code = TemplateCode()

    def start(self, showcase: Showcase) -> None:
        """A new build of `showcase`: pages of an earlier build stay valid only if the
        showcase-wide data and the templates are unchanged."""
        self._describe.start(showcase)
        build = _digest(repr((showcase.version, sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES.iterdir()))))
        if build != self._build:
            for kept in self._pages.values():
                kept.fingerprint = b""  # every body is rendered again; what was written stays known
            self._build = build

    def page(self, page: GeneratedPage) -> Kept:
        """The page's body, rendered again only if something it shows has changed."""
        fingerprint = _digest(self._describe.page(page))
        kept = self._pages.get(page.url)
        if kept and kept.fingerprint == fingerprint:
            return kept
        self._pages[page.url] = fresh = Kept(fingerprint, page.render(), written=kept.written if kept else b"")
        return fresh

    def forget_all_but(self, urls: set[str]) -> list[str]:
        """Pages of the previous build that this build no longer has (a profile was
        withdrawn, a listing shrank): their files must go."""
        gone = [url for url in self._pages if url not in urls]
        for url in gone:
            del self._pages[url]
        return gone


class Describer:
    """Text that changes whenever a page's body would: what `describe(value)` returns for the
    values a template is given. Profiles are described by a digest of their data and photo,
    lists and movements shared by many pages once per build; the showcase itself by name only
    (its data is in `Showcase.version`, which the callers add), helpers by name (their code is
    the package's)."""

    def __init__(self):
        self._profiles: dict[int, tuple[object, str]] = {}  # id -> (profile, digest), kept across builds
        self._digests: dict[int, tuple[object, str]] = {}  # id -> (list or movement, digest), for one build
        self._root: Path | None = None

    def start(self, showcase: Showcase) -> None:
        """A new build: profiles whose object is new (their file changed) are described again."""
        self._digests = {}
        self._root = showcase.root
        current = {id(e) for e in showcase.exemplars.values()}
        self._profiles = {key: kept for key, kept in self._profiles.items() if key in current}

    def page(self, page: GeneratedPage) -> str:
        return repr((page.meta, page.edit_path)) + self(page.inputs)

    def __call__(self, value) -> str:
        """What decides how `value` looks on a page; run over every value of every page."""
        kind = type(value)
        if kind in _PLAIN:
            return repr(value)
        if kind is Exemplar:  # the same object as last build if its file is unchanged
            key = id(value)
            if key not in self._profiles:
                self._profiles[key] = (value, self._profile(value))  # kept alive: no id is reused
            return self._profiles[key][1]
        if kind is dict:
            return "{" + ",".join(f"{k!r}:{self(v)}" for k, v in value.items()) + "}"
        if kind is Lazy:
            return value.function.__qualname__ + self(value.args)
        if (kind is list or kind is tuple) and len(value) <= SHARED:
            return "[" + ",".join(map(self, value)) + "]"
        if kind is list or kind is tuple or kind is Movement:
            # Shared by many pages (the members of a listing, a movement): described once per build.
            key = id(value)
            if key not in self._digests:
                text = repr(value) if kind is Movement else "[" + ",".join(map(self, value)) + "]"
                self._digests[key] = (value, _digest(text).hex())  # kept alive: no id is reused
            return self._digests[key][1]
        if kind is Showcase:
            return "showcase"  # its data is in the build's digest
        if kind is MethodType or kind is FunctionType:  # helpers given to templates: labels, cards
            return value.__qualname__
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if value.__dataclass_params__.frozen:  # small values (a facet, a pager, a photo): their repr says it all
                return repr(value)
            return kind.__name__ + self(vars(value))
        if callable(value):  # helpers given to templates: labels, thumbnails, cards
            return getattr(value, "__qualname__", kind.__qualname__)
        return repr(value)

    def _profile(self, exemplar: Exemplar) -> str:
        if exemplar.photo is None or self._root is None:
            return _digest(repr(exemplar)).hex()
        # Not the photo's path, which names the checkout's folder (the description is the same
        # wherever the repository is), but its renditions, named by the photo's content: a
        # photo replaced under the same name changes the page's image addresses.
        photo = photo_of(exemplar, self._root)
        renditions = [(r.src_uri, r.width, r.height) for r in (photo.small, photo.large, photo.share)]
        return _digest(repr((dataclasses.replace(exemplar, photo=None), renditions))).hex()


_PLAIN = frozenset({str, int, float, bool, type(None), dt.date})


class TemplateCode(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process: MkDocs makes a new Jinja environment for
    every build, and compiling Material's templates again was a tenth of a preview's rebuild.
    Jinja compares each template's source with the checksum kept here, so an edit still shows."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _digest(data: str | bytes) -> bytes:
    return hashlib.blake2b(data.encode() if isinstance(data, str) else data, digest_size=16).digest()


MEMO = PageMemo()  # lives as long as the process: `mkdocs serve` reloads the adapter, not this module
