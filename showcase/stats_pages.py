"""The statistics page (`thong-ke/`): the report's figures, as tables a phone can read.

The page shows the latest selection year in the content, with the same `showcase.report`
figures as the annual report, plus the number of profiles per year. Each breakdown is one
accessible HTML table whose rows carry a bar (a chart and its table in one): labels wrap
instead of being cut, the text stays the size of the page's text on a phone, the colours
are the site's palette (light or dark, `data-md-color-scheme`), and nothing needs a script.

The Content-Security-Policy allows no inline style: bar lengths and alignment are classes
(`sc-w-0` ... `sc-w-100`, `sc-num`) of overrides/assets/stylesheets/thong-ke.css, which only
this page links (its `stats_page` meta, overrides/main.html). Python-Markdown's tables would
align columns with `style="text-align: right"`, so the tables are written here as HTML.
Headings stay Markdown so that they get anchors like any other page's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from markupsafe import escape

from .documents.site import download_links
from .generated import GeneratedFile
from .markup import markdown_text
from .model import Showcase
from .report import DIMENSIONS, Period, Report, below_title, build_report, summary_rows
from .templating import vi_number

FOLDER = "thong-ke"
# Front matter: the page's own stylesheet, and a description for shared links.
FRONT = ("---\nstats_page: true\n"
         "description: Số điển hình tiên tiến theo đơn vị đề xuất, lĩnh vực, phong trào, loại, nhóm và tỉnh, thành phố.\n"
         "---\n\n")


def stats_files(showcase: Showcase, site_url: str) -> Iterator[GeneratedFile]:
    """Generator for the site: `thong-ke/index.md`."""
    public = showcase.public_exemplars()
    if not public:
        yield GeneratedFile(f"{FOLDER}/index.md", FRONT + "# Thống kê\n\nChưa có hồ sơ điển hình nào được đăng.\n")
        return
    year = max(e.year for e in public)
    report = build_report(showcase, Period(year))
    per_year = sorted(Counter(e.year for e in public).items())
    page = FRONT + stats_markdown(report, year, per_year)
    page += download_links(showcase)  # the same report as Word and Excel (showcase.documents.site)
    yield GeneratedFile(f"{FOLDER}/index.md", page)


def stats_markdown(r: Report, year: int, per_year: list[tuple[int, int]]) -> str:
    """Markdown headings and paragraphs around HTML tables, in words for the public."""
    out = [f"# Thống kê điển hình tiên tiến năm {year}", "",
           f"Số liệu {r.period.label}, gồm {r.period.rule}. Không tính hồ sơ đã gỡ theo yêu cầu.", "",
           "## Tổng hợp", "",
           table(["Chỉ tiêu", "Số liệu"], summary_rows(r), numeric={1}), ""]
    if r.previous is not None:
        out += [f"## So sánh với {r.previous.period.label}", "",
                table(["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng, giảm"],
                      [[c.label, c.current, c.previous, c.change] for c in r.comparison()[:2]], numeric={1, 2}), ""]
    for dim, heading in DIMENSIONS.items():
        out += [f"## Theo {heading[0].lower() + heading[1:]}", "",
                bar_table(f"Số điển hình theo {heading.lower()}, năm {year}", heading,
                          [(row.label, row.count) for row in r.tables[dim]]), ""]
        if dim == "movement":
            out += ["Một điển hình có thể thuộc nhiều phong trào, nên tổng cột này có thể lớn hơn tổng số điển hình.",
                    ""]
    out += [f"## Đơn vị vượt hạn mức năm {year}", "",
            f"Mỗi đơn vị giới thiệu không quá {r.quota} điển hình một năm (tính theo năm lựa chọn).", ""]
    out += [table(["Đơn vị", "Số điển hình", "Điển hình"],
                  [[o.label, o.count, ", ".join(o.names)] for o in r.over_quota], numeric={1})
            if r.over_quota else "Không có đơn vị nào vượt hạn mức.", ""]
    out += [f"## {below_title(r)}", ""]
    out += ["\n".join(f"- {markdown_text(row.label)}" + (f": {row.count}" if r.minimum > 1 else "")
                      for row in r.below_minimum)
            if r.below_minimum else "Đơn vị nào cũng đã có điển hình.", ""]
    out += ["## Số điển hình theo năm lựa chọn", "",
            bar_table("Số điển hình theo năm được lựa chọn", "Năm", [(str(y), n) for y, n in per_year]), "",
            "Số liệu lấy từ các hồ sơ đang đăng, cùng cách tính với báo cáo năm của cơ quan.", ""]
    return "\n".join(out)


def table(headers: list[str], rows: Iterable[Iterable[object]], numeric: set[int] = frozenset()) -> str:
    """An HTML table (one block, no blank line: Markdown passes it through as it is); the
    `numeric` columns are aligned right by a class."""
    def cls(i: int) -> str:
        return ' class="sc-num"' if i in numeric else ""

    lines = ['<table class="sc-stats">', "<thead><tr>"
             + "".join(f'<th scope="col"{cls(i)}>{escape(h)}</th>' for i, h in enumerate(headers)) + "</tr></thead>",
             "<tbody>"]
    for row in rows:
        cells = [_cell(v) for v in row]
        lines.append("<tr>" + f'<th scope="row">{cells[0]}</th>'
                     + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(cells) if i) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def bar_table(caption: str, heading: str, rows: list[tuple[str, int]]) -> str:
    """A breakdown as a table whose count cells carry a bar as long as the count (in
    hundredths of the largest); the bar is decoration, the number is read."""
    top = max((n for _, n in rows), default=0) or 1
    lines = ['<table class="sc-stats sc-stats--bars">', f"<caption>{escape(caption)}</caption>",
             f'<thead><tr><th scope="col">{escape(heading)}</th><th scope="col" class="sc-num">Số điển hình</th>'
             "</tr></thead>", "<tbody>"]
    for label, count in rows:
        width = round(100 * count / top)
        lines.append(f'<tr><th scope="row">{escape(label)}</th><td class="sc-bars"><span class="sc-bar">'
                     f'<span class="sc-bar__fill sc-w-{width}"></span></span>'
                     f'<span class="sc-num">{_cell(count)}</span></td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _cell(value: object) -> str:
    # Names from data files are text, never Markdown or HTML; a blank line would end the block.
    if isinstance(value, int):
        return vi_number(value)
    return str(escape(" ".join(str(value).split())))
