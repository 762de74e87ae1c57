"""An editor's story (Markdown) turned into HTML that is safe to publish.

Markdown is read as GitHub reads it (cmark-gfm, the C library of GitHub's own renderer):
editors propose profiles by pull request, so the preview GitHub shows them is what the site
publishes, and it converts a story twenty times faster than Python-Markdown.

The validator already rejects scripts, frames and event handlers; the sanitiser here is
the second line of defence and the one that decides what reaches readers: an allowlist
of tags and attributes (nh3), links limited to https, mailto and relative paths.
"""

from __future__ import annotations

import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup

TAGS = {"p", "br", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "strong", "b", "em", "i", "u",
        "s", "sub", "sup", "small", "mark", "abbr", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
        "figure", "figcaption", "details", "summary", "span", "div", "code", "pre", "kbd", "del"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align", "colspan", "rowspan"},
              "td": {"align", "colspan", "rowspan"}, "ol": {"start"}}
URL_SCHEMES = {"https", "mailto"}
# Removed with their content, not just unwrapped: text inside them is never meant for readers.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}
TOP_STORY_HEADING = 3  # the page has its h1 (the name) and h2 sections; a story starts below them
# GitHub's extensions but its tag filter, which shows <script> as text: raw HTML goes through
# (cmark's safe mode would drop <details>, <figure>...) and nh3 alone decides what stays.
EXTENSIONS = ["table", "strikethrough", "autolink", "tasklist"]
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def _shift_heading(match: re.Match) -> str:
    """`#` and `##` in a story become h3, `###` h4 and so on, keeping the page outline valid."""
    return f"<{match[1]}h{min(max(int(match[2]) + 1, TOP_STORY_HEADING), 6)}"


def render_story(text: str) -> Markup:
    html = cmarkgfm.markdown_to_html_with_extensions(text, options=Options.CMARK_OPT_UNSAFE, extensions=EXTENSIONS)
    html = _HEADING_TAG.sub(_shift_heading, html).strip()
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                            clean_content_tags=DROP_WITH_CONTENT, link_rel="noopener noreferrer"))
