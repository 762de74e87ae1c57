"""An editor's story (Markdown) turned into HTML that is safe to publish.

The validator already rejects scripts, frames and event handlers; the sanitiser here is
the second line of defence and the one that decides what reaches readers: an allowlist
of tags and attributes (nh3), links limited to https, mailto and relative paths.
"""

from __future__ import annotations

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

TAGS = {"p", "br", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "strong", "b", "em", "i", "u",
        "s", "sub", "sup", "small", "mark", "abbr", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
        "figure", "figcaption", "details", "summary", "span", "div", "code", "pre", "kbd"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align", "colspan", "rowspan"},
              "td": {"align", "colspan", "rowspan"}, "ol": {"start"}}
URL_SCHEMES = {"https", "mailto"}
# Removed with their content, not just unwrapped: text inside them is never meant for readers.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}
TOP_STORY_HEADING = 3  # the page has its h1 (the name) and h2 sections; a story starts below them


class _ShiftHeadings(Treeprocessor):
    """`#` and `##` in a story become h3, `###` h4 and so on, keeping the page outline valid."""

    def run(self, root):
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(max(int(element.tag[1]) + 1, TOP_STORY_HEADING), 6)}"


class _StoryExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_ShiftHeadings(md), "showcase_headings", 5)


# One converter, reset per story: building a Markdown instance costs more than converting.
_MARKDOWN = markdown.Markdown(extensions=[TableExtension(use_align_attribute=True), "sane_lists",
                                          _StoryExtension()])


def render_story(text: str) -> Markup:
    html = _MARKDOWN.reset().convert(text)
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                            clean_content_tags=DROP_WITH_CONTENT, link_rel="noopener noreferrer"))
