"""Markup injected into pages (issue 11): what passes validation is published as text.

- DH405/DH406: the validator refuses every link and tag that the sanitiser would drop
  (entities, tabs in a scheme, reference links, quoted `>` in a tag, `style`, images), in
  time linear in the body; ordinary stories still pass.
- One escaping path: a site built from data files full of hostile values (units, movements,
  criteria labels, calendar events, profile fields) holds no element or attribute that the
  theme does not produce for the same site with clean values, and shows the values as text.
- Addresses (page URL, edit link) and CI annotations cannot be broken out of.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, build
from repo_fixture import Repo, line_of
from showcase.frame import Frame, marker
from showcase.generated import GeneratedPage
from showcase.markup import ATTRIBUTES, TAGS, Markdown, markdown_text, scan_tags, url_scheme
from showcase.output import render
from showcase.problems import Problem
from showcase.report import markdown_table
from showcase.story import render_story

A = "exemplars/nguyen-van-a.md"
STORY = "## Hành trình vượt khó"
SITE_FIXTURE = ROOT / "tests" / "fixtures" / "site"


def story_problems(tmp_path, text: str, code: str) -> list[Problem]:
    repo = Repo(tmp_path)
    repo.replace(A, STORY, f"{STORY}\n\n{text}")
    hits = [p for p in repo.validate().problems if p.code == code and p.path == A]
    for p in hits:  # located on the line of the offending text, worded for an editor
        first = line_of(repo.read(A), text.splitlines()[0])
        assert first <= p.line <= first + text.count("\n"), (p.line, p.message)
        assert p.message and p.hint
    return hits


def passes(tmp_path, text: str) -> bool:
    repo = Repo(tmp_path)
    repo.replace(A, STORY, f"{STORY}\n\n{text}")
    return not [p for p in repo.validate().problems if p.code in ("DH405", "DH406")]


# --- DH405: links ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "[Xem](java&#x09;script:alert(1))",  # a tab written as an entity inside the scheme
    "[Xem](&#106;avascript:alert(1))",
    '<a href="&#106avascript:alert(1)">Xem</a>',  # an entity without its semicolon
    '<a href="java&#x0A;script:alert(1)">Xem</a>',
    '<a href="  JaVaScRiPt:alert(1)">Xem</a>',
    "[Xem][nguon]\n\n[nguon]: javascript:alert(1)",  # reference-style
    "<javascript:alert(1)>",  # autolink
    "[Xem](vbscript:msgbox(1))",
    "[Xem](data:text/html;base64,PHNjcmlwdD4=)",
    "[Xem](http://ninhbinh.gov.vn)",
    "<a href='java%09script:alert(1)'>Xem</a>",
])
def test_dh405_unsafe_link_bypasses(tmp_path, text):
    assert story_problems(tmp_path, text, "DH405")


@pytest.mark.parametrize("text", [
    "[Cổng thông tin](https://ninhbinh.gov.vn/tin-tuc?id=1&amp;p=2)",
    "[Xem][nguon]\n\n[nguon]: https://ninhbinh.gov.vn",
    "<https://ninhbinh.gov.vn>",
    '<a href="https://ninhbinh.gov.vn" title="Cổng thông tin">Cổng</a>',
    "Trang www.ninhbinh.gov.vn có tin.",  # bare text: shown as text, not refused
    "Ghi chú: `javascript:alert(1)` là ví dụ trong mã, không phải liên kết.",
    "```\n[Xem](javascript:alert(1))\n```",
    "[Mục dưới](#ket-qua) và [trang khác](../phong-trao/)",
])
def test_dh405_near_misses_pass(tmp_path, text):
    assert passes(tmp_path, text)


def test_dh405_sources_must_be_https(tmp_path):
    repo = Repo(tmp_path)
    repo.replace(A, "  - https://ninhbinh.gov.vn", "  - javascript:alert(1)")
    assert [p.code for p in repo.validate().problems if p.path == A] == ["DH405"]


# --- DH406: raw HTML ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    '<a title=">" onclick="alert(1)">Xem</a>',  # a quoted `>` hid the handler from a regex
    "<a title='>' onmouseover=alert(1) href=\"https://x.vn\">Xem</a>",
    '<span style="position:fixed;top:0">Che trang</span>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "<div>\n<a/onclick=alert(1)>Xem</a>\n</div>",  # `/` separates attributes in a browser
    '<img src="anh.png" alt="Ảnh">',  # a story embeds no image
    "![Ảnh](images/nguyen-van-a.png)",
    "![Ảnh][anh]\n\n[anh]: images/nguyen-van-a.png",
    '<p class="x">Đoạn</p>',  # not on the sanitiser's allowlist either
    '<a href="https://x.vn" target="_blank">Xem</a>',
    "<svg><script>alert(1)</script></svg>",
    "<form action=https://evil.example><input name=q></form>",
    "<STYLE>body{display:none}</STYLE>",
])
def test_dh406_markup_the_sanitiser_would_drop(tmp_path, text):
    assert story_problems(tmp_path, text, "DH406")


@pytest.mark.parametrize("text", [
    "dòng <br> ngắt, <b>đậm</b>, <abbr title=\"Ủy ban nhân dân\">UBND</abbr>, H<sub>2</sub>O",
    "<details>\n<summary>Chi tiết</summary>\n\nNội dung.\n\n</details>",
    "<table><tr><td align=\"right\" colspan=\"2\">1</td></tr></table>",
    "Mã `<img src=x onerror=alert(1)>` trong mã chỉ là chữ.",
    "```html\n<script>alert(1)</script>\n```",
    "- [x] việc đã làm\n- [ ] việc chưa làm",
    "# Tiêu đề\n\n## Mục",
    "So sánh: 3 < 5 và 7 > 2; a <b c.",
])
def test_dh406_near_misses_pass(tmp_path, text):
    assert passes(tmp_path, text)


@pytest.mark.parametrize("text", [
    ">" * 60_000 + " trích dẫn",  # quotes in quotes: megabytes of HTML, a build of tens of seconds
    "> " * 30_000 + "x",
    "- " * 30_000 + "x",  # lists in lists on one line
    "".join("  " * i + "- mục\n" for i in range(200)),  # lists in lists by indentation
])
def test_dh406_nesting_too_deep(tmp_path, text):
    (hit,) = story_problems(tmp_path, text, "DH406")
    assert "lồng nhau quá sâu" in hit.message


@pytest.mark.parametrize("text", [
    "> Trích dẫn\n>\n> > trong trích dẫn",
    "".join("  " * i + "- mục\n" for i in range(6)),
    "-" * 60,  # a long rule, not a nesting
])
def test_dh406_nesting_near_misses_pass(tmp_path, text):
    assert passes(tmp_path, text)


def test_dh406_what_passes_is_what_the_sanitiser_keeps():
    """The shared allowlist: every allowed tag and attribute survives nh3 as written."""
    table = str(render_story('<table><thead><tr><th align="1" colspan="1" rowspan="1">x</th></tr></thead>'
                             '<tbody><tr><td align="1" colspan="1" rowspan="1">x</td></tr></tbody></table>'))
    assert all(f"<{tag}" in table for tag in ("table", "thead", "tbody", "tr", "th", "td")), table
    assert table.count('align="1" colspan="1" rowspan="1"') == 2, table
    # Headings move one level down; table parts need their table (above).
    for tag in sorted(TAGS - {"br", "hr", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}):
        attrs = " ".join(f'{a}="1"' for a in sorted(ATTRIBUTES.get(tag, ())) if a != "href")
        html = str(render_story(f"<div><{tag} {attrs}>x</{tag}></div>"))
        assert f"<{tag}" in html, tag
        for attr in ATTRIBUTES.get(tag, ()):
            if attr != "href":
                assert f'{attr}="1"' in html, (tag, attr)


@pytest.mark.parametrize("body", [
    "<a " * 65000,  # 190 KB: a quadratic regex took 40 s on this
    "[" * 100000,
    "](" * 50000,
    "<" * 200000,
    "`" * 100000,
    "<!--" * 50000,
    '<div title="' + "<a " * 60000,
    "<a\n" * 60000,
    "![x](javascript:1) " * 10000,
    "<b style=x>" * 20000,
    "```\n" * 50000,
    "&#" * 100000,
    "> " * 20000 + ":",
])
def test_dh405_dh406_pathological_bodies_finish(tmp_path, body):
    """Linear time: each of these is validated in well under a second (see the report);
    the alarm only stops a hang."""
    repo = Repo(tmp_path)
    repo.replace(A, STORY, f"{STORY}\n\n{body}")
    signal.alarm(10)
    try:
        repo.validate(targets=[A])
    finally:
        signal.alarm(0)


def test_scan_tags_reads_tags_as_a_browser_does():
    tags = list(scan_tags('<a title=">" onclick=x>t</a><b\tstyle=\'y\'/><p data-sourcepos="7:1-7:3">'))
    assert [(t.name, t.attrs, t.end) for t in tags] == [
        ("a", [("title", ">"), ("onclick", "x")], False), ("a", [], True), ("b", [("style", "y")], False),
        ("p", [("data-sourcepos", "7:1-7:3")], False)]
    assert tags[-1].line == 7
    assert list(scan_tags('text <a title="never closed')) == []  # a browser drops an unclosed tag
    assert [t.name for t in scan_tags("<!-- <script> --><i>")] == ["i"]


@pytest.mark.parametrize("value, scheme", [
    ("java\tscript:x", "javascript"), (" \x01JAVASCRIPT:x", "javascript"), ("java%0Ascript:x", "javascript"),
    ("https://x.vn", "https"), ("mailto:a@b.vn", "mailto"), ("../a/", None), ("#muc", None), ("a/b:c", None),
])
def test_url_scheme_as_a_browser_reads_it(value, scheme):
    assert url_scheme(value) == scheme


# --- One escaping path for Markdown pages --------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    '<meta http-equiv=refresh content="0;url=https://evil.example/">',
    '"><img src=x onerror=alert(1)>',
    "[bấm](javascript:alert(1))",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
    "| ô | bảng |",
    "*nghiêng* _gạch_ `mã` **đậm** ~~gạch~~",
    'Tên {: onclick="alert(1)" }',
    "&#106;avascript:alert(1) &lt;b&gt; &amp;",
    "# Tiêu đề",
    "- mục\n\n1. số",
    "<!-- chú thích",
    "\\*thoát\\*",
    "!!! note \"hộp\"",
    "[TOC]",
]
SITE_EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]  # mkdocs.yml's markdown_extensions


class _Page(HTMLParser):
    """Tags, attributes and text of a page."""

    def __init__(self):
        super().__init__()
        self.tags: set[tuple[str, str | None]] = set()
        self.equiv: set[str] = set()
        self.urls: list[str] = []
        self.scripts: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add((tag, None))
        for key, value in attrs:
            self.tags.add((tag, key))
            if key in ("href", "src", "action", "content") and value:
                self.urls.append(value)
        values = dict(attrs)
        if tag == "meta" and "http-equiv" in values:
            self.equiv.add(values["http-equiv"].lower())
        if tag == "script":
            self.scripts.add(values.get("src") or values.get("type") or "inline")

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def md_tags(html: str) -> set[str]:
    return {t.name for t in scan_tags(html)}


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_text_is_text_in_a_table_and_a_list(value):
    source = markdown_table(["Tên", "Số"], [[value, 1]]) + "\n\n- " + markdown_text(value) + "\n"
    html = markdown.markdown(source, extensions=SITE_EXTENSIONS)
    assert md_tags(html) <= {"table", "thead", "tbody", "tr", "th", "td", "ul", "li"}, html
    page = _Page()
    page.feed(html)
    shown = " ".join(value.split())
    assert "".join(page.text).count(shown) == 2, html


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&#;[]()!*_`|{}:\\-+.=~/\"' \n\tajs0129")), max_size=40))
def test_markdown_text_never_makes_markup(value):
    html = markdown.markdown(markdown_table(["Tên"], [[value]]), extensions=SITE_EXTENSIONS)
    assert md_tags(html) <= {"table", "thead", "tbody", "tr", "th", "td"}, (value, html)
    page = _Page()
    page.feed(html)
    page.close()
    cell = "".join(page.text[page.text.index("Tên") + 1:]).strip()
    assert cell == " ".join(value.split()), (value, html)


def test_program_markdown_is_kept():
    assert markdown_table(["Ngày"], [[Markdown("**1/1**")]]).endswith("| **1/1** |")


# --- The site built from hostile data files ------------------------------------------------

def _tree(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "criteria.yml"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    (dest / "showcase").symlink_to(ROOT / "showcase")
    shutil.copytree(SITE_FIXTURE, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    return dest


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar


CALENDAR_DATES = ["1948-06-11", "1945-09-02", "2025-10-20", "1930-02-03"]


def _calendar(names: list[str], notes: list[str]) -> str:
    lines = ["events:"]
    for index, (date, name, note) in enumerate(zip(CALENDAR_DATES, names, notes)):
        lines += [f"  - date: {date}", f"    name: {_q(name)}", f"    note: {_q(note)}"]
        if index == 2:
            lines.append("    yearly: false")
    return "\n".join(lines) + "\n"


def _make_hostile(root: Path) -> None:
    """Every data value a reader sees carries markup; ids stay slugs (DH008...)."""
    units = root / "units.yml"
    text = units.read_text(encoding="utf-8")
    for index, name in enumerate(re.findall(r'name: "([^"]*)"', text)):
        text = text.replace(f'name: "{name}"', f"name: {_q(HOSTILE[index % len(HOSTILE)] + ' ' + name)}")
    # A unit with no profile: listed on the statistics page (units below the minimum).
    text += f"don-vi-moi: {{name: {_q('- ' + HOSTILE[1] + ' [x](javascript:alert(1))')}, level: local}}\n"
    units.write_text(text, encoding="utf-8")
    for index, path in enumerate(sorted((root / "movements").glob("*.md"))):
        text = path.read_text(encoding="utf-8")
        name = re.search(r"^name: (.*)$", text, re.M).group(1)
        path.write_text(text.replace(f"name: {name}", f"name: {_q(HOSTILE[(index + 3) % len(HOSTILE)] + ' ' + name)}", 1),
                        encoding="utf-8")
    criteria = root / "criteria.yml"
    text = criteria.read_text(encoding="utf-8")
    for index, (key, label) in enumerate(re.findall(r"^    ([a-z-]+): (.+)$", text, re.M)):
        text = text.replace(f"    {key}: {label}", f"    {key}: {_q(label + ' ' + HOSTILE[index % len(HOSTILE)])}", 1)
    for index, label in enumerate(re.findall(r"^    label: (.+)$", text, re.M)):
        text = text.replace(f"    label: {label}\n", f"    label: {_q(HOSTILE[(index + 5) % len(HOSTILE)] + ' ' + label)}\n", 1)
    criteria.write_text(text, encoding="utf-8")
    (root / "calendar.yml").write_text(_calendar(
        [f"{HOSTILE[i]} Ngày {i}" for i in (0, 1, 3, 7)],
        ["Ghi chú\nBEGIN:VEVENT\nSUMMARY:giả;mạo,\\n", HOSTILE[2], HOSTILE[8], HOSTILE[5]]), encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    clean = _tree(tmp_path_factory.mktemp("clean") / "repo")
    (clean / "calendar.yml").write_text(_calendar([f"Ngày lễ {i}" for i in range(4)], ["Ghi chú"] * 4),
                                        encoding="utf-8")
    hostile = _tree(tmp_path_factory.mktemp("hostile") / "repo")
    _make_hostile(hostile)
    for root in (clean, hostile):
        result = build(root)
        assert result.returncode == 0, result.stdout + result.stderr
    return clean / "site", hostile / "site"


def test_hostile_data_adds_no_element_or_attribute(sites):
    clean, hostile = sites
    allowed, equiv, scripts = set(), set(), set()
    for path in clean.rglob("*.html"):
        page = parse(path)
        allowed |= page.tags
        equiv |= page.equiv
        scripts |= page.scripts
    assert equiv == {"content-security-policy"}
    pages = sorted(hostile.rglob("*.html"))
    assert len(pages) >= len(list(clean.rglob("*.html")))
    for path in pages:
        page = parse(path)
        assert page.tags <= allowed, f"{path}: {sorted(page.tags - allowed)}"
        assert page.equiv <= equiv, f"{path}: <meta http-equiv> {page.equiv}"
        assert page.scripts <= scripts, f"{path}: {page.scripts - scripts}"
        for url in page.urls:
            assert url_scheme(url) not in ("javascript", "vbscript", "data"), f"{path}: {url}"


@pytest.mark.parametrize("url", ["thong-ke/", "lich/", "tieu-chi/", "phong-trao/", "dien-hinh/nguyen-thi-lan/",
                                 "linh-vuc/"])
def test_hostile_values_are_shown_as_text(sites, url):
    _, hostile = sites
    text = " ".join(" ".join(parse(hostile / url / "index.html").text).split())
    shown = [value for value in HOSTILE if " ".join(value.split()) in text]
    assert len(shown) >= 2, (url, shown)
    assert "7*7" not in text or "{{ 7*7 }}" in text  # shown as written: no template ran on it


def test_hostile_values_on_the_statistics_and_calendar_pages(sites):
    _, hostile = sites
    stats = " ".join(" ".join(parse(hostile / "thong-ke" / "index.html").text).split())
    for value in (HOSTILE[1], HOSTILE[0], HOSTILE[3], "- " + HOSTILE[1] + " [x](javascript:alert(1))"):
        assert " ".join(value.split()) in stats, value
    calendar = " ".join(" ".join(parse(hostile / "lich" / "index.html").text).split())
    for index in (0, 1, 3, 7):
        assert f"{' '.join(HOSTILE[index].split())} Ngày {index}" in calendar


def test_feeds_and_charts_stay_well_formed(sites):
    _, hostile = sites
    ET.parse(hostile / "feed.xml")
    for chart in (hostile / "thong-ke").glob("*.svg"):
        for element in ET.parse(chart).getroot().iter():
            assert not element.tag.endswith("}script") and element.tag != "script", chart
            assert not any(key.lower().startswith("on") for key in element.attrib), chart
    ics = (hostile / "lich.ics").read_bytes().decode("utf-8")
    lines = ics.replace("\r\n ", "").split("\r\n")  # unfold
    assert sum(line == "BEGIN:VEVENT" for line in lines) == len(CALENDAR_DATES)
    assert not any(line.startswith("SUMMARY:giả") for line in lines)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", ics)


# --- Addresses and CI logs -------------------------------------------------------------------

def test_frame_quotes_the_page_address_and_the_edit_link():
    stand_in = f"dien-hinh/{marker('url')}/"
    theme = (f'<link rel="canonical" href="https://x.vn/{quote(stand_in)}">'
             f'<a href="https://github.com/o/r/edit/main/{marker("edit")}">Sửa trang này</a>{marker("content")}')
    frame = Frame(theme, stand_in)
    page = GeneratedPage('dien-hinh/a"><script>/', {}, lambda: "", 'exemplars/x"><img src=x onerror=alert(1)>/a.md')
    html = frame.fill(page, "<p>nội dung</p>")
    assert "<script>" not in html and "<img" not in html
    tags = list(scan_tags(html))
    assert [t.name for t in tags] == ["link", "a", "a", "p", "p"]
    assert [key for t in tags for key, _ in t.attrs] == ["rel", "href", "href"]
    assert "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/a.md" in html


def test_github_annotations_cannot_start_a_command():
    problem = Problem("DH405", "exemplars/a,b:c.md", 3, "Giá trị `x\n::error file=evil.md::giả mạo`\r%0A",
                      "Sửa\n::warning::x", "error")
    out = render([problem], 1, "github").splitlines()
    assert len(out) == 2 and out[0].startswith("::error file=exemplars/a%2Cb%3Ac.md,line=3,title=DH405::")
    assert "%250A" in out[0]  # a literal `%0A` in a value stays text
    text = render([problem], 1, "text").splitlines()
    assert not any(line.startswith("::") for line in text) and len(text) == 3
