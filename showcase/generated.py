"""What the build generates in memory: static files, and pages rendered from templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .forks import Later


@dataclass(frozen=True)
class GeneratedFile:
    src_uri: str  # path inside the site's docs tree, e.g. "dien-hinh/nguyen-van-a.md", "api/exemplars.json"
    content: str | bytes | Later  # Later: being made on another core (the Word and Excel reports)
    edit_path: str | None = None  # repository-relative source file, for "edit this page"

    def data(self) -> str | bytes:
        """The content, once made."""
        return self.content.result() if isinstance(self.content, Later) else self.content


@dataclass(frozen=True)
class GeneratedPage:
    """A page of finished HTML published at `url` ('dien-hinh/a/', '' for home).

    The body is rendered only when asked for: a site of 10,000 profiles lists its pages
    first and renders them one by one, so that no more than one body is held at a time.
    `meta` holds the page's title, description, date...: plain values, escaped when printed.
    """

    url: str
    meta: dict
    render: Callable[[], str]
    edit_path: str | None = None
    inputs: tuple = ()  # what the body is rendered from (template, values): see showcase.memo

    @property
    def src_uri(self) -> str:
        return self.url + "index.md"

    @property
    def dest_uri(self) -> str:
        return self.url + "index.html"
