"""DH401-DH406: photos, links and raw HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..load import Document
from ..problems import Problem
from .context import Context, problem

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
ALLOWED_TAGS = {"br", "sup", "sub", "abbr", "mark", "kbd", "small", "figure", "figcaption", "details",
                "summary", "u", "s", "b", "i", "em", "strong", "p", "span", "div", "table", "thead",
                "tbody", "tr", "th", "td", "ul", "ol", "li", "blockquote", "hr", "img", "a"}
_FENCED = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_EVENT_ATTR = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|<((?:https?|javascript|data|vbscript):[^>\s]+)>|\b(?:href|src)\s*=\s*[\"']?([^\"'\s>]+)",
                   re.IGNORECASE)
_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


def check_photo(doc: Document, ctx: Context) -> Iterator[Problem]:
    photo = doc.meta.get("photo")
    if not isinstance(photo, str) or not photo:
        return
    line = doc.line("photo")
    if not isinstance(doc.meta.get("photo_alt"), str) or not doc.meta["photo_alt"].strip():
        yield problem("DH404", doc, line, "Có ảnh nhưng thiếu mô tả ảnh `photo_alt`.",
                      "Thêm `photo_alt:` mô tả ngắn nội dung ảnh bằng tiếng Việt, ví dụ “Anh A bên vườn cam”.")
    exemplars_dir = (ctx.root / "exemplars").resolve()
    target = (doc.path.parent / photo).resolve()
    if photo.startswith(("/", "http:", "https:")) or not target.is_relative_to(exemplars_dir):
        yield problem("DH402", doc, line, f"Ảnh `{photo}` nằm ngoài thư mục exemplars/.",
                      "Chép ảnh vào exemplars/images/ và ghi đường dẫn tương đối, ví dụ `images/ten-anh.jpg`.")
        return
    if not target.is_file():
        yield problem("DH401", doc, line, f"Không tìm thấy ảnh `{photo}`.",
                      "Kiểm tra tên tệp ảnh (phân biệt chữ hoa, chữ thường) và đường dẫn so với tệp hồ sơ.")
        return
    limit = ctx.criteria.limits["photo_max_bytes"]
    size = target.stat().st_size
    if target.suffix.lower() not in PHOTO_SUFFIXES:
        yield problem("DH403", doc, line, f"Ảnh `{photo}` không phải JPEG, PNG hoặc WebP.",
                      "Lưu ảnh dưới dạng .jpg, .png hoặc .webp.")
    elif size > limit:
        yield problem("DH403", doc, line, f"Ảnh `{photo}` nặng {size / 1e6:.1f} MB, quá {limit / 1e6:.0f} MB.".replace(".", ",", 1),
                      "Thu nhỏ ảnh (chiều rộng khoảng 2000 điểm ảnh là đủ) rồi lưu lại.")


def check_links(doc: Document, ctx: Context) -> Iterator[Problem]:
    sources = doc.meta.get("sources")
    for index, url in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(url, str) and not url.startswith("https://"):
            yield _bad_link(doc, doc.line("sources", index), url)
    if ":" not in doc.body:  # every link worth refusing has a scheme
        return
    body = _strip_code(doc.body)
    for match in _LINK.finditer(body):
        url = next(g for g in match.groups() if g)
        if url.startswith("http://") or _UNSAFE_SCHEME.match(url):
            yield _bad_link(doc, doc.body_line + body.count("\n", 0, match.start()), url)


def check_html(doc: Document, ctx: Context) -> Iterator[Problem]:
    if "<" not in doc.body:
        return
    body = _strip_code(doc.body)
    for match in _TAG.finditer(body):
        tag, attrs = match.group(2).lower(), match.group(3)
        line = doc.body_line + body.count("\n", 0, match.start())
        if tag not in ALLOWED_TAGS:
            yield problem("DH406", doc, line, f"Thẻ HTML `<{tag}>` không được phép trong nội dung.",
                          "Dùng cú pháp Markdown; video, bản đồ nhúng không được đưa vào hồ sơ.")
        elif _EVENT_ATTR.search(attrs):
            yield problem("DH406", doc, line, f"Thẻ `<{tag}>` có thuộc tính sự kiện (`on…=`) chạy mã.",
                          "Xoá thuộc tính bắt đầu bằng `on` (onclick, onerror…).")


def _bad_link(doc: Document, line: int | None, url: str) -> Problem:
    return problem("DH405", doc, line, f"Liên kết không an toàn: `{url[:80]}`.",
                   "Chỉ dùng liên kết bắt đầu bằng `https://`; mở trang trong trình duyệt để lấy địa chỉ https.")


def _strip_code(body: str) -> str:
    """Code samples may show tags; blank them out but keep the line count."""
    if "```" in body or "~~~" in body:
        body = _FENCED.sub(lambda m: "\n" * m.group().count("\n"), body)
    return _INLINE_CODE.sub("", body) if "`" in body else body


def is_photo_file(path: Path) -> bool:
    return path.suffix.lower() in PHOTO_SUFFIXES
