"""What markup may reach a page, said once for the validator and the sanitiser, and how data
is escaped into a page.

- A story (the Markdown body of a profile or movement) is rendered by cmark-gfm, as GitHub
  shows it (`render_markdown`), then cleaned by nh3 with `TAGS`, `ATTRIBUTES` and
  `URL_SCHEMES` (`showcase.story`). The validator (DH405, DH406) reads the same rendered HTML
  with the same allowlist (`scan_tags`, `url_scheme`), so it refuses exactly what the
  sanitiser would silently drop. A story embeds no image: the profile's photo is `photo:`.
- Values from data files reach pages through one path: Jinja's autoescaping (templates,
  `templating.escaped` for front-matter) for HTML, and `markdown_text` for the few pages
  written in Markdown (statistics, calendar).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import unquote

import cmarkgfm
from cmarkgfm.cmark import Options

# --- Stories ---------------------------------------------------------------------------

TAGS = frozenset({"p", "br", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "strong", "b", "em", "i", "u",
                  "s", "sub", "sup", "small", "mark", "abbr", "a", "hr", "table", "thead", "tbody", "tr", "th",
                  "td", "figure", "figcaption", "details", "summary", "span", "div", "code", "pre", "kbd", "del"})
# `#` and `##` in a story become h3 and h4 (showcase.story), so an editor may write h1 and h2.
EDITOR_TAGS = TAGS | {"h1", "h2"}
ATTRIBUTES = {"a": frozenset({"href", "title"}), "abbr": frozenset({"title"}),
              "th": frozenset({"align", "colspan", "rowspan"}), "td": frozenset({"align", "colspan", "rowspan"}),
              "ol": frozenset({"start"})}
URL_SCHEMES = frozenset({"https", "mailto"})
URL_ATTRIBUTES = frozenset({"href"})  # the only allowed attribute holding an address
# GitHub's extensions but its tag filter, which shows <script> as text: raw HTML goes through
# (cmark's safe mode would drop <details>, <figure>...) and the allowlist alone decides what stays.
EXTENSIONS = ["table", "strikethrough", "autolink", "tasklist"]


def render_markdown(text: str, sourcepos: bool = False) -> str:
    """A story as cmark-gfm renders it, before sanitising; `sourcepos` marks blocks with their lines."""
    options = Options.CMARK_OPT_UNSAFE | (Options.CMARK_OPT_SOURCEPOS if sourcepos else 0)
    return cmarkgfm.markdown_to_html_with_extensions(text, options=options, extensions=EXTENSIONS)


# An HTML tokenizer's view of tags, in one pass: as in a browser (and in nh3's html5ever), a
# tag runs to its first `>` outside quotes, and a tag or comment left open at the end swallows
# the rest. Python's html.parser rescans unclosed tags (quadratic on `<a <a <a…`); this does not.
_SPACE = "\t\n\f\r "
_TOKEN = re.compile(r"<(?:(/?)([A-Za-z][^\t\n\f\r />]*)|!--|[!?/])")
_ATTR = re.compile(rf"[{_SPACE}/]*(?:(>)|([^{_SPACE}/>][^{_SPACE}/>=]*)"
                   rf"(?:[{_SPACE}]*=[{_SPACE}]*(?:\"([^\"]*)\"|'([^']*)'|([^{_SPACE}>]*)))?)")
_SOURCEPOS = re.compile(r"(\d+):")


class Tag:
    """A start or end tag found in HTML, with its attributes decoded as a browser reads them."""

    __slots__ = ("name", "attrs", "end", "start", "stop", "line")

    def __init__(self, name: str, attrs: list[tuple[str, str]], end: bool, start: int, stop: int, line: int):
        self.name, self.attrs, self.end, self.start, self.stop, self.line = name, attrs, end, start, stop, line


def scan_tags(markup: str) -> Iterator[Tag]:
    """Every tag of `markup` in order; `line` is the source line of cmark's enclosing block
    (`data-sourcepos`) plus the lines since, 1 when there is none."""
    pos, line, line_pos = 0, 1, 0
    search, match_attr, count = _TOKEN.search, _ATTR.match, markup.count
    while True:
        token = search(markup, pos)
        if token is None:
            return
        start = token.start()
        if token.group(2) is None:
            # A comment, `<!…>`, `<?…>` or `</…` that is no end tag: text no reader sees.
            close = markup.find("-->" if token.group() == "<!--" else ">", token.end())
            if close < 0:
                return
            pos = close + 1
            continue
        attrs, at = [], token.end()
        while True:
            attr = match_attr(markup, at)
            if attr is None:
                return  # the document ends inside the tag: a browser drops it and what follows
            at = attr.end()
            if attr.group(1):
                break
            value = next((v for v in attr.group(3, 4, 5) if v is not None), "")
            attrs.append((attr.group(2).lower(), html.unescape(value)))
        line += count("\n", line_pos, start)
        line_pos = start
        for key, value in attrs:
            if key == "data-sourcepos" and (found := _SOURCEPOS.match(value)):
                line = int(found.group(1))
        yield Tag(token.group(2).lower(), attrs, bool(token.group(1)), start, at, line)
        pos = at


_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in an attribute value already decoded from entities:
    tabs, newlines and other control characters inside it removed, percent-encoding undone
    (cmark encodes a tab as %09). None for a relative address."""
    text = _IGNORED_IN_SCHEME.sub("", unquote(value)) if "%" in value else _IGNORED_IN_SCHEME.sub("", value)
    found = _SCHEME.match(text)
    return found.group(1).lower() if found else None


# --- Data in Markdown pages -----------------------------------------------------------------

class Markdown(str):
    """Markdown written by the program (bold, code), put into a page as it is."""


_MD_INLINE = re.compile(r"[\\`*_\[\]{}|]")  # Python-Markdown's escapable characters that act inline
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_BLOCK_START = re.compile(r"[#+\-=>.:~!]|\d+[.)]")  # a list, heading, quote, rule or definition


def markdown_text(value: object) -> str:
    """`value` as literal text inside a Markdown line (a table cell, a list item): no markup,
    link, HTML, entity, attribute list (`{: …}`) or line break of its own survives."""
    if isinstance(value, Markdown):
        return value
    text = " ".join(str(value).split())
    if "&" in text:
        text = _MD_ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\g<0>", text)
    start = _MD_BLOCK_START.match(text)
    if start:  # only a leading digit run's last character needs it: `1986\.`
        cut = start.end() - 1
        mark = text[cut]
        text = text[:cut] + ("\\" + mark if mark in "#+-.!" else f"&#{ord(mark)};") + text[cut + 1:]
    return text
