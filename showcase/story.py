"""An editor's story (Markdown) turned into HTML that is safe to publish.

Markdown is read as GitHub reads it (cmark-gfm, the C library of GitHub's own renderer):
editors propose profiles by pull request, so the preview GitHub shows them is what the site
publishes, and it converts a story twenty times faster than Python-Markdown.

The validator refuses whatever the sanitiser would remove (same rendering, same allowlist:
`showcase.markup`); the sanitiser here is the second line of defence and the one that
decides what reaches readers: an allowlist of tags and attributes (nh3), links limited to
https, mailto and relative paths, no images (a profile's photo is its `photo:` field).
"""

from __future__ import annotations

import re

import nh3
from markupsafe import Markup

# The allowlist is shared with the validator (DH405, DH406), which reads the same cmark output.
from .markup import ATTRIBUTES, TAGS, URL_SCHEMES, render_markdown

# Removed with their content, not just unwrapped: text inside them is never meant for readers.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}
TOP_STORY_HEADING = 3  # the page has its h1 (the name) and h2 sections; a story starts below them
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def _shift_heading(match: re.Match) -> str:
    """`#` and `##` in a story become h3, `###` h4 and so on, keeping the page outline valid."""
    return f"<{match[1]}h{min(max(int(match[2]) + 1, TOP_STORY_HEADING), 6)}"


def render_story(text: str) -> Markup:
    html = render_markdown(text)
    html = _HEADING_TAG.sub(_shift_heading, html).strip()
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                            clean_content_tags=DROP_WITH_CONTENT, link_rel="noopener noreferrer"))
