"""Bodies of generated pages kept on disk between builds, in `.site-cache/pages/`.

CI builds the whole site on every push, but a pull request changes a few profiles: most of
the 12,700 pages of a 10,000-profile site come out exactly as the last build made them, and
rendering their bodies was the largest part of the build's CPU after Pagefind. A body is
a function of its template and its values (`memo.Describer`), the package's code (templates
included), the libraries that render it, the showcase-wide data (`Showcase.version`) and the
site's settings: the store keys each body by a digest of all of them, so an entry is either
what rendering would give now or never looked up again.

One file per entry, zlib-compressed, named by its key under a folder of its first two hex
digits; written by whichever process rendered the page (the forked workers), to a name of
its own and renamed into place, so that a reader never sees half an entry. A full build
removes the entries it did not use (`prune`), as the image cache does. An entry that cannot
be read or decompressed counts as missing; a store that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import os
import sys
import zlib
from importlib import metadata
from pathlib import Path

from .files import remove_unused
from .generated import GeneratedPage
from .memo import Describer
from .model import Showcase

FOLDER = Path(".site-cache") / "pages"  # relative to the repository root; `.site-*` is git-ignored
FORMAT = 1  # the layout of an entry
PACKAGE = Path(__file__).resolve().parent
# Libraries whose output is in a body: templates, escaping, Markdown, the story's sanitiser.
LIBRARIES = ("Jinja2", "MarkupSafe", "cmarkgfm", "nh3", "PyYAML")


def code_digest(libraries: tuple[str, ...] = LIBRARIES) -> bytes:
    """The package's code, templates and data, and the versions of what renders with them."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{sys.version}\0".encode())
    for name in libraries:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=?\0".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix != ".pyc":
            data = path.read_bytes()
            h.update(f"{path.relative_to(PACKAGE).as_posix()}\0{len(data)}\0".encode())
            h.update(data)
    return h.digest()


class PageStore:
    """`body(page)`: the page's body, from the store when an earlier build rendered the same."""

    def __init__(self, root: Path, showcase: Showcase, settings: str):
        """`settings`: whatever of the site's configuration reaches a body (its name, address...)."""
        self.folder = Path(root) / FOLDER
        self._salt = hashlib.blake2b(code_digest() + f"\0{showcase.version}\0{settings}".encode(),
                                     digest_size=16).digest()
        self._describe = Describer()
        self._describe.start(showcase)
        self.hits = 0  # bodies read from the store rather than rendered

    def key(self, page: GeneratedPage) -> str:
        text = page.url + "\0" + self._describe.page(page)
        return hashlib.blake2b(text.encode("utf-8", errors="surrogatepass"), digest_size=16,
                               key=self._salt).hexdigest()

    def body(self, page: GeneratedPage) -> tuple[str, str, bool]:
        """(the page's key, its body, whether it came from the store)."""
        key = self.key(page)
        path = self._path(key)
        try:
            with open(path, "rb") as file:
                body = zlib.decompress(file.read()).decode("utf-8")
            self.hits += 1
            return key, body, True
        except (OSError, zlib.error, UnicodeDecodeError):
            pass
        body = page.render()
        self._write(path, body)
        return key, body, False

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key[2:])

    def _write(self, path: str, body: str) -> None:
        data = zlib.compress(body.encode("utf-8", errors="surrogatepass"), 1)
        temp = f"{path}.{os.getpid()}.tmp"
        try:
            try:
                file = open(temp, "wb")
            except FileNotFoundError:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                file = open(temp, "wb")
            with file:
                file.write(data)
            os.replace(temp, path)
        except OSError:  # a full disk, a read-only checkout: the build goes on without the store
            try:
                os.unlink(temp)
            except OSError:
                pass


def prune(root: Path, used: set[str], started: float) -> int:
    """Remove the entries the build that started at `started` (a `time.time()`) did not use:
    bodies of pages since changed or removed. Entries written since it started are kept, in
    case another build is filling the same store. Returns how many were removed."""
    try:
        subfolders = [entry for entry in os.scandir(Path(root) / FOLDER) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    return sum(remove_unused(subfolder.path, lambda entry, prefix=subfolder.name: prefix + entry.name in used, started)
               for subfolder in subfolders)
