"""DH405-DH406: links and raw HTML (photos: photos.py).

Both rules read the story as the site publishes it: rendered by cmark-gfm, then tags and
addresses as a browser tokenizes them (entities decoded, tabs inside a scheme removed), held
against the sanitiser's own allowlist (showcase.markup). What the sanitiser would drop, the
validator refuses; in one pass, in time linear in the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..load import Document
from ..markup import ATTRIBUTES, EDITOR_TAGS, URL_ATTRIBUTES, URL_SCHEMES, render_markdown, scan_tags, url_scheme
from ..problems import Problem
from .context import Context, problem

MAX_REPORTED = 10  # per rule and file: the first ones show the editor what to fix everywhere
# What cmark itself writes besides the allowlist, all of it dropped by the sanitiser unseen:
# line marks (asked for here), a fenced block's language, a task list's box.
_CMARK_ATTRIBUTE = "data-sourcepos"
_CMARK_TASK_BOXES = ('<input type="checkbox" disabled="" />', '<input type="checkbox" checked="" disabled="" />')
_NEEDS_RENDERING = ("<", ":", "&", "%", "![")  # a body with none of these has no tag, image or scheme
# Quotes in quotes, lists in lists: thousands of levels render to megabytes of HTML and take the
# build tens of seconds. A line that opens that many levels starts with a long run of markers.
MAX_DEPTH = 24
_DEEP_START = re.compile(r"^[ \t>*+\-.)0-9]{48}", re.MULTILINE)
_VOID = frozenset({"br", "hr", "img", "input", "wbr"})
_SHOWN = str.maketrans({c: "?" for c in map(chr, [*range(32), 127, 96])})  # control characters, backtick


def check_links(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A source is a link (then https://) or a citation of a printed source, as plain text:
    "Báo Ninh Bình số 1234, ngày 12/4/2024, trang 3", "Quyết định số 123/QĐ-UBND ngày …"."""
    sources = doc.meta.get("sources")
    for index, url in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(url, str) and not url.startswith("https://") and looks_like_link(url):
            yield _bad_link(doc, doc.line("sources", index), url)
    yield from _report(doc, "DH405")


# What a reader's browser or the site would take for an address: a scheme, `www.`, or a domain
# name ("baoninhbinh.org.vn/bai-viet"). A citation has none ("Quyết định số 123/QĐ-UBND").
_LINK_LIKE = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*://|(?:javascript|vbscript|data|file|mailto|tel|ftp|blob|about)\s*:"
                        r"|www\.)|(?:^|[\s(\[<])(?:[a-z0-9-]+\.)+(?:vn|com|net|org|gov|edu|info|io|int|biz|asia|me)"
                        r"(?:[/:?#)\]>\s,;]|$)", re.IGNORECASE)


def looks_like_link(text: str) -> bool:
    return bool(_LINK_LIKE.search(text))


def check_html(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from _report(doc, "DH406")


def _report(doc: Document, code: str) -> Iterator[Problem]:
    for found_code, offset, message, hint in _findings(doc.body):
        if found_code == code:
            yield problem(code, doc, doc.body_line + offset, message, hint)


@lru_cache(maxsize=4)  # check_links and check_html read the same body, one after the other
def _findings(body: str) -> tuple[tuple[str, int, str, str], ...]:
    """DH405 and DH406 findings of a story, read from the HTML that the site would sanitise
    (same cmark rendering, same allowlist: showcase.markup), as (code, line offset, message, hint).
    Code spans and blocks are text there, so tags shown in them are not refused."""
    if not any(mark in body for mark in _NEEDS_RENDERING) and not _DEEP_START.search(body):
        return ()
    html = render_markdown(body, sourcepos=True)
    found: dict[tuple[str, str], tuple[str, int, str, str]] = {}
    counts = {"DH405": 0, "DH406": 0}
    cursor = [0, 0]  # where the last raw tag was found in the body, and its line offset

    def add(code: str, tag, message: str, hint: str) -> None:
        if (code, message) in found or counts[code] >= MAX_REPORTED:
            return
        counts[code] += 1
        found[code, message] = (code, _offset(body, html[tag.start:tag.stop], tag.line, cursor), message, hint)

    depth = 0
    for tag in scan_tags(html):
        name = tag.name
        if name not in _VOID:
            depth += -1 if tag.end else 1
            if depth > MAX_DEPTH:
                add("DH406", tag, f"Nội dung lồng nhau quá sâu (hơn {MAX_DEPTH} tầng trích dẫn, danh sách "
                    "trong danh sách hoặc thẻ trong thẻ).",
                    "Viết lại đoạn này thành các đoạn văn hoặc một danh sách một tầng.")
                depth = -len(html)  # reported once
        if tag.end:
            if name not in EDITOR_TAGS and name not in ("img", "input"):
                add("DH406", tag, f"Thẻ HTML `<{_shown(name)}>` không được phép trong nội dung.", _TAG_HINT)
            continue
        if name == "img":
            add("DH406", tag, "Nội dung không được chèn ảnh (`<img>` hoặc `![…](…)`).",
                "Xoá ảnh khỏi nội dung; ảnh của hồ sơ khai ở trường `photo:` (kèm `photo_alt:`).")
            continue
        if name == "input" and html.startswith(_CMARK_TASK_BOXES, tag.start):
            continue
        if name not in EDITOR_TAGS:
            add("DH406", tag, f"Thẻ HTML `<{_shown(name)}>` không được phép trong nội dung.", _TAG_HINT)
            continue
        allowed = ATTRIBUTES.get(name, frozenset())
        for key, value in tag.attrs:
            if key == _CMARK_ATTRIBUTE or (name == "code" and key == "class" and value.startswith("language-")):
                continue
            if key not in allowed:
                add("DH406", tag, *_attribute_problem(name, key, allowed))
            elif key in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if scheme and scheme not in URL_SCHEMES and not _bare_www(html, tag, value):
                    add("DH405", tag, f"Liên kết không an toàn: `{_shown(value)}`.", _LINK_HINT)
    return tuple(found.values())


_TAG_HINT = "Dùng cú pháp Markdown; mã chạy, khung nhúng, video, bản đồ, biểu mẫu không được đưa vào hồ sơ."
_LINK_HINT = "Chỉ dùng liên kết bắt đầu bằng `https://`; mở trang trong trình duyệt để lấy địa chỉ https."


def _attribute_problem(tag: str, key: str, allowed: frozenset) -> tuple[str, str]:
    shown = _shown(key)
    if key.startswith("on"):
        return (f"Thẻ `<{tag}>` có thuộc tính sự kiện `{shown}` chạy mã.",
                f"Xoá thuộc tính `{shown}`: nội dung hồ sơ không được chạy mã.")
    if key == "style":
        return (f"Thẻ `<{tag}>` có thuộc tính `style` không được phép.",
                "Xoá thuộc tính `style`: trang dùng một cách trình bày chung; nhấn mạnh bằng **chữ đậm** "
                "hoặc *chữ nghiêng*.")
    keeps = ", ".join(f"`{a}`" for a in sorted(allowed))
    return (f"Thẻ `<{tag}>` có thuộc tính `{shown}` không được phép.",
            f"Xoá thuộc tính `{shown}`; " + (f"thẻ `<{tag}>` chỉ nhận {keeps}." if keeps
                                             else f"thẻ `<{tag}>` không nhận thuộc tính nào."))


def _bare_www(html: str, tag, href: str) -> bool:
    """`www.example.vn` written as text, which cmark links as http: the site shows it as text."""
    return href.startswith("http://www.") and html.startswith(href[7:] + "</a>", tag.stop)


def _offset(body: str, raw: str, rendered_line: int, cursor: list[int]) -> int:
    """Line offset in the body: where a raw tag is written (tags come in order, so the search
    goes on from the previous one), else the line cmark gives its block."""
    at = body.find(raw, cursor[0])
    if at < 0:
        return max(rendered_line - 1, 0)
    cursor[1] += body.count("\n", cursor[0], at)
    cursor[0] = at
    return cursor[1]


def _shown(text: str) -> str:
    """Part of an editor's text quoted in a message: short, one line, no backtick."""
    return text[:80].translate(_SHOWN) + ("…" if len(text) > 80 else "")


def _bad_link(doc: Document, line: int | None, url: str) -> Problem:
    text = url.strip()
    if text.lower().startswith("http://"):
        hint = f"Viết `https://{_shown(text[7:])}` (mở trang trong trình duyệt để chắc địa chỉ https chạy được)."
    elif text.lower().startswith("www."):
        hint = f"Thêm `https://` ở đầu: `https://{_shown(text)}`."
    else:
        hint = ("Liên kết phải bắt đầu bằng `https://`. Nếu đây là trích dẫn báo in, văn bản giấy, chỉ ghi tên, số, "
                "ngày, trang, không ghi địa chỉ trang web, ví dụ: Báo Ninh Bình số 1234, ngày 12/4/2024, trang 3.")
    return problem("DH405", doc, line, f"Nguồn `{_shown(url)}` là một liên kết nhưng không bắt đầu bằng `https://`.",
                   hint)
