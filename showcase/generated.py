"""A file the build generates in memory: a Markdown page or a static asset."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedFile:
    src_uri: str  # path inside the site's docs tree, e.g. "dien-hinh/nguyen-van-a.md", "api/exemplars.json"
    content: str | bytes
    edit_path: str | None = None  # repository-relative source file, for "edit this page"
