"""What the preview (`make serve`, `make edit`) shows and a build never publishes.

- A draft (`status: draft`) at its own address, under a "Bản nháp" banner.
- A profile or movement that has errors, at its own address: the validator's messages (file,
  line, how to fix) instead of the page, so that the rest of the site stays up while one file
  is being written. Mending the file brings the page back at the next rebuild.
- Errors in the shared files (criteria.yml, units.yml, calendar.yml, agency.yml, a movement):
  a banner on the home page listing them; if criteria.yml itself cannot be read, nothing can
  be built, and the home page is that list alone.

`make build` (`mkdocs build`) never comes here: any error stops it.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator

from markupsafe import Markup, escape

from . import site, urls
from .generated import GeneratedPage
from .hygiene import SLUG
from .load import stem
from .model import Showcase
from .problems import Problem

DRAFT_BANNER = Markup(
    '<div class="sc-preview-banner sc-draft" role="note"><p><strong>Bản nháp</strong>: hồ sơ này có '
    "<code>status: draft</code> nên chỉ hiện khi xem trước trên máy này; trang web công khai không có nó (không "
    "có trong danh sách, tìm kiếm, dữ liệu mở, thống kê, báo cáo). Khi đã sẵn sàng công bố, xoá dòng "
    "<code>status: draft</code>.</p></div>\n")
_SHOWN = 30  # problems listed on the home page's banner


def draft_pages(showcase: Showcase, site_url: str) -> Iterator:
    """The pages (and photos) of the drafts, as they will look once published, with the banner."""
    if not showcase.drafts:
        return
    as_published = {slug: dataclasses.replace(e, status="published") for slug, e in showcase.drafts.items()}
    for generated in site.profile_pages(dataclasses.replace(showcase, exemplars=as_published), site_url):
        yield _with_banner(generated, DRAFT_BANNER) if isinstance(generated, GeneratedPage) else generated


def problem_pages(problems: list[Problem]) -> Iterator[GeneratedPage]:
    """At the address of each profile or movement with errors, its messages."""
    by_url: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        if p.is_error and (url := _address(p.path)) is not None:
            by_url[url].append(p)  # two files may claim one address (DH207): one page lists both
    for url, found in sorted(by_url.items()):
        rel = ", ".join(dict.fromkeys(p.path for p in found))
        body = (f'<div class="sc-preview-banner sc-preview-errors" role="alert"><h1>Chưa hiện được trang này: '
                f'{escape(rel)} có {len(found)} lỗi</h1><p>Trang này chỉ có khi xem trước. Sửa các lỗi dưới đây rồi '
                "lưu tệp: trang tự tải lại và hiện hồ sơ.</p>" + _listing(found) + "</div>\n")
        title = f"Có lỗi: {rel}"
        yield GeneratedPage(url, {"title": title, "description": title, "hide": site.NO_TOC},
                            lambda body=body: body, found[0].path, ("problems", body))


def with_home_banner(generated, problems: list[Problem]):
    """The home page with the list of errors that keep files out of the preview, if any."""
    errors = [p for p in problems if p.is_error]
    if not errors or not isinstance(generated, GeneratedPage) or generated.url != urls.HOME:
        return generated
    return _with_banner(generated, home_banner(errors))


def home_banner(errors: list[Problem]) -> Markup:
    files = len({p.path for p in errors})
    more = len(errors) - _SHOWN
    return Markup(
        f'<div class="sc-preview-banner sc-preview-errors" role="alert"><h2>Xem trước: {len(errors)} lỗi trong {files} '
        "tệp</h2><p>Các tệp có lỗi chưa được đưa vào bản xem trước (hồ sơ có lỗi hiện thông báo lỗi ngay tại trang của "
        "nó). <code>make build</code> sẽ dừng cho đến khi sửa hết.</p>" + _listing(errors[:_SHOWN])
        + (f"<p>… và {more} lỗi khác: chạy <code>.venv/bin/python scripts/validate.py</code> để xem hết.</p>"
           if more > 0 else "") + "</div>\n")


def home_only(problems: list[Problem], site_url: str = "") -> Iterator[GeneratedPage]:
    """When nothing can be built (criteria.yml cannot be read): the list of errors at the home page."""
    body = home_banner([p for p in problems if p.is_error] or problems)
    yield GeneratedPage(urls.HOME, {"title": "Nội dung chưa hợp lệ", "hide": site.NO_TOC}, lambda: str(body), None,
                        ("problems", str(body)))


def _listing(problems: list[Problem]) -> str:
    items = []
    for p in problems:
        where = f"{p.path}, dòng {p.line}" if p.line else p.path
        hint = f'<br><span class="sc-preview-hint">Cách sửa: {escape(p.hint)}</span>' if p.hint else ""
        items.append(f"<li><strong>{escape(where)}</strong> ({escape(p.code)}): {escape(p.message)}{hint}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _address(rel: str) -> str | None:
    """The page address a file's profile or movement would have; None for other files."""
    folder, _, name = rel.partition("/")
    slug = stem(rel)
    if not rel.endswith(".md") or not SLUG.match(slug) or "/" in name and folder != "exemplars":
        return None
    if folder == "exemplars":
        return urls.profile(slug)
    if folder == "movements":
        return urls.movement(slug)
    return None


def _with_banner(generated: GeneratedPage, banner: Markup) -> GeneratedPage:
    render = generated.render
    return dataclasses.replace(generated, render=lambda: str(banner) + render(),
                               inputs=(generated.inputs, str(banner)))
