"""The statistics page (`thong-ke/`): the report's figures, as static SVG charts and tables.

The page shows the latest selection year in the content, with the same `showcase.report`
figures as `scripts/report.py --year`, plus the number of profiles per year. Charts are
rendered at build time with pygal as standalone `.svg` files shown with `<img>`: no script
(pygal's tooltip script from a third-party host is disabled and its inline config script
removed), no comment carrying the build date and a fixed chart id, so that two builds of the
same content give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import pygal
import pygal.etree
from pygal.style import Style

from .documents.site import download_links
from .generated import GeneratedFile
from .model import Showcase
from .report import DIMENSIONS, Period, Row, build_report, markdown_table, render_markdown

# pygal switches to lxml when it is installed (python-docx needs it), and its output changes with
# it (the xml filter below no longer sees the scripts): keep the standard library's tree.
pygal.etree.etree.to_etree()
FOLDER = "thong-ke"
STYLE = Style(
    background="transparent", plot_background="transparent",
    # Mid-grey text and a blue that both read on Material's light and dark palettes.
    foreground="#6b7280", foreground_strong="#6b7280", foreground_subtle="#9ca3af",
    colors=("#1e88e5",), value_colors=("#6b7280",), opacity="0.9", opacity_hover="1",
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif",
    label_font_size=13, major_label_font_size=13, value_font_size=13, title_font_size=15,
)
LABEL_CHARS = 45  # longer unit or movement names are shortened on the chart; the table has them whole


def stats_files(showcase: Showcase, site_url: str) -> Iterator[GeneratedFile]:
    """Generator for the site: `thong-ke/index.md` and one SVG per chart."""
    public = showcase.public_exemplars()
    if not public:
        yield GeneratedFile(f"{FOLDER}/index.md", "# Thống kê\n\nChưa có hồ sơ điển hình nào được đăng.\n")
        return
    year = max(e.year for e in public)
    report = build_report(showcase, Period(year))
    for dim, heading in DIMENSIONS.items():
        yield GeneratedFile(f"{FOLDER}/{dim}.svg", bar_chart(dim, heading, report.tables[dim]))
    per_year = sorted(Counter(e.year for e in public).items())
    yield GeneratedFile(f"{FOLDER}/nam.svg", year_chart(per_year))

    def chart(dim: str) -> str:
        return f"![Biểu đồ số điển hình theo {DIMENSIONS[dim].lower()}, năm {year}]({dim}.svg)"

    page = render_markdown(report, title=f"Thống kê điển hình tiên tiến năm {year}", chart=chart)
    page += "\n".join([
        "", "## Số điển hình theo năm lựa chọn", "",
        "![Biểu đồ số điển hình theo năm lựa chọn](nam.svg)", "",
        markdown_table(["Năm", "Số điển hình"], per_year), "",
        "Số liệu lấy từ các hồ sơ đang đăng, cùng cách tính với báo cáo năm "
        f"(`scripts/report.py --year {year}`).", ""])
    page += download_links(showcase)  # the same report as Word and Excel (showcase.documents.site)
    yield GeneratedFile(f"{FOLDER}/index.md", page)


def bar_chart(chart_id: str, heading: str, rows: list[Row]) -> str:
    # pygal draws the first label at the bottom: reverse so the largest bar is on top, as in the table.
    return _bar_chart(chart_id, heading, tuple((_shorten(r.label), r.count) for r in reversed(rows)))


def year_chart(per_year: list[tuple[int, int]]) -> str:
    return _year_chart(tuple(per_year))


# A chart is a function of its numbers; a preview's rebuild after an edit that changes no count
# draws none again (pygal takes a tenth of a second per chart).
@lru_cache(maxsize=32)
def _bar_chart(chart_id: str, heading: str, bars: tuple[tuple[str, int], ...]) -> str:
    chart = _chart(pygal.HorizontalBar, chart_id, f"Số điển hình theo {heading.lower()}",
                   height=90 + 32 * max(len(bars), 1), max_value=max((n for _, n in bars), default=0))
    chart.x_labels = [label for label, _ in bars]
    chart.add(heading, [n for _, n in bars])
    return _render(chart)


@lru_cache(maxsize=8)
def _year_chart(per_year: tuple[tuple[int, int], ...]) -> str:
    chart = _chart(pygal.Bar, "nam", "Số điển hình theo năm lựa chọn", height=320,
                   max_value=max(n for _, n in per_year))
    chart.x_labels = [str(year) for year, _ in per_year]
    chart.add("Số điển hình", [n for _, n in per_year])
    return _render(chart)


def _chart(kind, chart_id: str, title: str, height: int, max_value: int):
    step = max(1, -(-max_value // 8))  # at most about 8 whole-number ticks
    chart = kind(js=[], style=STYLE, width=800, height=height, show_legend=False, print_values=True,
                 print_values_position="top",
                 y_labels=list(range(0, max_value + step + 1, step)), truncate_label=-1,
                 margin=12, spacing=12)
    chart.uuid = f"{FOLDER}-{chart_id}"  # pygal's default is a random uuid4 on every build
    chart.xml_filters.append(_clean(title))
    return chart


def _render(chart) -> str:
    return chart.render(is_unicode=True) + "\n"


def _clean(title: str):
    """An xml filter: drop scripts and comments, name the chart in its <title> (pygal writes "Pygal")."""
    def apply(root):
        for parent in root.iter():
            for child in list(parent):
                if not isinstance(child.tag, str) or child.tag.rsplit("}", 1)[-1] == "script":
                    parent.remove(child)
                elif child.tag.rsplit("}", 1)[-1] == "title" and parent is root:
                    child.text = title
        return root
    return apply


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip(" ,") + "…"
