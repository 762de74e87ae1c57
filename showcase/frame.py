"""Publishing thousands of pages in the theme's page frame without rendering the theme each time.

The theme's page template (Material's, with its header, sidebars and footer) costs more
than the profile inside it. Pages outside the navigation that sit in the same folder share
all of it but a few values: title, description, address, edit link, content. So the site
generator renders its template once for a stand-in page whose values are markers, the
output is cut at the markers into a `Frame`, and each page is the frame with its own values
put back. `frame_key` says which pages can share a frame; the adapter renders one per key.
A test builds the site both ways and compares every page byte for byte.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import quote

from .generated import GeneratedPage
from .templating import escaped

# Private-use characters: no template filter changes them and no content contains them.
OPEN, CLOSE = "\ue000", "\ue001"
_SLOT = re.compile(OPEN + "([^" + CLOSE + "]*)" + CLOSE)
URL, EDIT, CONTENT = "url", "edit", "content"
H1 = "<h1"  # Material adds the page title as <h1> when the content has none
NOT_PRINTED = ("hide",)  # meta the theme reads for its logic (hidden sidebars), kept as it is


def marker(name: str) -> str:
    return f"{OPEN}{name}{CLOSE}"


@dataclass(frozen=True)
class FrameKey:
    """What decides the theme's output around a page's values."""

    folder: str  # the URL without its last part: links to other pages are relative to it
    meta_keys: tuple[str, ...]  # meta with a value: the theme prints optional tags only for those
    hide: tuple[str, ...]
    has_edit: bool
    has_h1: bool

    def stand_in_url(self) -> str:
        """A URL in the pages' folder, whose last part is a marker."""
        return f"{self.folder}{marker(URL)}/"

    def stand_in_meta(self) -> dict:
        return {**{key: marker(key) for key in self.meta_keys}, **({"hide": list(self.hide)} if self.hide else {})}

    def stand_in_content(self) -> str:
        return marker(CONTENT + H1 if self.has_h1 else CONTENT)


def frame_key(page: GeneratedPage, body: str) -> FrameKey:
    meta_keys = tuple(sorted(k for k, v in page.meta.items() if v not in (None, "", []) and k not in NOT_PRINTED))
    return FrameKey(frame_folder(page.url), meta_keys, tuple(page.meta.get("hide") or ()), bool(page.edit_path),
                    H1 in body)


def frame_folder(url: str) -> str:
    """'linh-vuc/nong-nghiep/2/' -> 'linh-vuc/nong-nghiep/'."""
    return url[:url.rstrip("/").rfind("/") + 1]


def edit_address(path: str | None) -> str:
    """A source file's path as it goes into the "edit this page" link (after the edit_uri)."""
    return quote(path) if path else ""


class Frame:
    """The theme's output for a stand-in page, cut at its markers."""

    def __init__(self, html: str, stand_in_url: str):
        # The page's address reaches the output percent-encoded (canonical link, og:url).
        html = html.replace(quote(stand_in_url), marker(URL))
        parts = _SLOT.split(html)
        self.literals = parts[0::2]
        self.slots = [CONTENT if slot == CONTENT + H1 else slot for slot in parts[1::2]]
        if CONTENT not in self.slots:
            raise ValueError("the theme's page template does not print the page content")
        self.digest = hashlib.blake2b(html.encode(), digest_size=16).digest()  # a preview compares frames by it

    def fill(self, page: GeneratedPage, body: str) -> str:
        values = {key: escaped(value) for key, value in page.meta.items()}
        # Addresses percent-encoded as MkDocs does for its own pages (no quote, `<` or `&` left to
        # break out of an attribute), whatever a file or folder is called.
        values.update({URL: quote(page.url), EDIT: edit_address(page.edit_path), CONTENT: body})
        out = [self.literals[0]]
        for slot, literal in zip(self.slots, self.literals[1:]):
            out.append(values[slot])
            out.append(literal)
        return "".join(out)
