"""Every promise of the privacy page (docs/quyen-rieng-tu.md), each checked by a test.

Each test's docstring starts with the promise it checks, quoted from the page; the first test
keeps the quotes and the page in step, so that rewording a promise means revisiting its test.
The site tests use the session's build of the fixture content (tests/conftest.py): a photo
with EXIF, XMP, an ICC profile and a JPEG comment (marked SECRET-), a withdrawn profile.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml
from PIL import Image

from repo_fixture import TODAY, Repo
from showcase import sitemaps
from showcase.criteria import load_criteria
from showcase.repository import load_showcase
from showcase.scaffold import create_profile
from showcase.templating import vi_date
from showcase.withdrawal import tombstone_text, withdraw

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "quyen-rieng-tu.md"
A = "exemplars/nguyen-van-a.md"  # individual with a photo and consent
M = "movements/nong-thon-moi.md"
SITE_WITHDRAWN = "pham-van-go"  # the site fixture's withdrawn profile
SITE_PHOTO = "nguyen-thi-lan"  # the site fixture's photo, with hidden data marked SECRET-


def _flat(text: str) -> str:
    return " ".join(text.split())


def _promise(test) -> str:
    match = re.match(r"\s*Promise: “(.+?)”", test.__doc__ or "", re.DOTALL)
    assert match, f"{test.__name__} quotes no promise"
    return _flat(match.group(1))


def _promise_tests() -> list:
    return [f for name, f in sorted(globals().items()) if name.startswith("test_promise_")]


def test_each_quoted_promise_is_on_the_privacy_page():
    page = _flat(PAGE.read_text(encoding="utf-8"))
    tests = _promise_tests()
    assert len(tests) >= 15
    for test in tests:
        assert _promise(test) in page, f"{test.__name__}: the page no longer says this"


# --- What is published ------------------------------------------------------------------

# The columns of the open data, by the page's list: name; kind, category, field, movements,
# year; province and place; unit; achievements, commendations, story summary, sources; photo;
# the page's address and date. A new column means reading the page again.
OPEN_DATA_FIELDS = {
    "name", "kind", "kind_label", "category", "category_label", "field", "field_label", "movements",
    "movement_names", "criteria", "year", "province", "province_name", "place", "nominated_by",
    "nominated_by_name", "achievements", "commendations", "summary", "sources", "photo", "photo_alt",
    "slug", "url", "published", "featured",
}


def test_promise_only_the_listed_information(built_site):
    """Promise: “trang web chỉ công bố những thông tin cần thiết để ghi nhận và nhân rộng gương điển hình”

    The open data carries the listed kinds of information and nothing else (no consent, no status)."""
    data = json.loads((built_site / "api" / "exemplars.json").read_text(encoding="utf-8"))
    rows = data["exemplars"]
    assert rows
    assert set().union(*(row.keys() for row in rows)) <= OPEN_DATA_FIELDS
    header = next(csv.reader(io.StringIO((built_site / "api" / "exemplars.csv").read_text(encoding="utf-8-sig"))))
    assert set(header) <= OPEN_DATA_FIELDS


# --- What is never published: refused by the validator ---------------------------------

# (what, text that must be refused) for each bullet of the page
NEVER = {
    "id": ["Số căn cước 001234567890.", "Số căn cước 0790 8500 1234.", "CCCD 079.085.001.234.",
           "Căn cước 079-085-001-234.", "CMND số 164 123 456.", "Hộ chiếu số C1234567."],
    "phone": ["Liên hệ 0912 345 678.", "Điện thoại (024) 3825 1234.", "Gọi (+84) 912 345 678.",
              "ĐT0912345678.", "Zalo0987654321.", "Xem https://zalo.me/0912345678 nhé.",
              "Số\u00a00912\u00a0345\u00a0678."],
    "email": ["Thư: nguyenvana@gmail.com.", "[Gửi thư](mailto:nguyenvana@gmail.com)"],
    "address": ["Nhà ở số nhà 12 phố Hoa.", "Số 12 đường Lê Lợi, phường Đông.", "Địa chỉ: ngõ 15 phố Huế."],
}
PLACES = ["profile", "movement", "units.yml", "calendar.yml"]


def _refused(repo: Repo, place: str, text: str) -> list:
    """Put `text` where a reader would see it in `place`, and return the errors on that file."""
    if place == "profile":
        repo.replace(A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\n" + text)
        rel = A
    elif place == "movement":
        body = repo.read(M)
        repo.write(M, body.rstrip("\n") + "\n\n" + text + "\n")
        rel = M
    elif place == "units.yml":
        units = yaml.safe_load(repo.read("units.yml"))
        first = next(iter(units))
        units[first]["name"] = units[first]["name"] + " " + text
        repo.write("units.yml", yaml.safe_dump(units, allow_unicode=True, sort_keys=False))
        rel = "units.yml"
    else:
        repo.write("calendar.yml", yaml.safe_dump(
            {"events": [{"date": dt.date(1948, 6, 11), "name": "Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc",
                         "note": text}]}, allow_unicode=True, sort_keys=False))
        rel = "calendar.yml"
    return [p for p in repo.validate().errors if p.path == rel]


def _check_never(tmp_path_factory, kind: str) -> None:
    failures = []
    for place in PLACES:
        for text in NEVER[kind]:
            repo = Repo(tmp_path_factory.mktemp("never"))
            if not _refused(repo, place, text):
                failures.append(f"{place}: {text!r}")
    assert not failures, "accepted: " + "; ".join(failures)


def test_never_base_repository_is_valid(tmp_path):
    repo = Repo(tmp_path)
    repo.write("calendar.yml", yaml.safe_dump(
        {"events": [{"date": dt.date(1948, 6, 11), "name": "Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc",
                     "note": "Quyết định số 1234/QĐ-UBND; tổng đài 1900 1234."}]}, allow_unicode=True))
    assert load_showcase(tmp_path, today=TODAY).errors == []


def test_promise_no_identity_numbers(tmp_path_factory):
    """Promise: “số định danh cá nhân, số căn cước, số chứng minh nhân dân, số hộ chiếu, kể cả khi viết tách
    bằng dấu cách, dấu chấm hay gạch ngang”

    In a profile, a movement, units.yml and calendar.yml: refused (an error, so never built)."""
    _check_never(tmp_path_factory, "id")


def test_promise_no_phone_numbers(tmp_path_factory):
    """Promise: “số điện thoại;”"""
    _check_never(tmp_path_factory, "phone")


def test_promise_no_email_addresses(tmp_path_factory):
    """Promise: “địa chỉ thư điện tử;”"""
    _check_never(tmp_path_factory, "email")


def test_promise_no_home_addresses(tmp_path_factory):
    """Promise: “địa chỉ nhà riêng (số nhà, ngõ, ngách, hẻm).”"""
    _check_never(tmp_path_factory, "address")


def test_promise_editors_are_told_about_sensitive_data():
    """Promise: “biểu mẫu hồ sơ và hướng dẫn đóng góp nhắc điều này”

    What no program can recognise (health, religion, personal finances) is in the template and in
    CONTRIBUTING.md's checklist."""
    for path in (ROOT / "templates" / "exemplar.md", ROOT / "CONTRIBUTING.md"):
        text = path.read_text(encoding="utf-8")
        for word in ("sức khoẻ", "tôn giáo", "tài chính cá nhân"):
            assert word in text, f"{path.name}: {word}"


# --- Photos -----------------------------------------------------------------------------

def _published_images(site: Path) -> list[Path]:
    return [p for p in (site / "anh").rglob("*") if p.is_file()]


def test_promise_photos_are_re_encoded_without_hidden_data(built_site, site_root):
    """Promise: “Trang web không đăng ảnh gốc: ảnh được thu nhỏ và lưu lại khi dựng trang, không kèm dữ liệu ẩn
    của tệp ảnh (vị trí chụp, thông tin máy chụp, ghi chú).”

    The original is published nowhere; every published image (page and Open Graph renditions)
    has no EXIF, GPS, XMP or JPEG comment (COM): none of the original's SECRET- markers survive.
    (The COM segment is the work of the photos helper in showcase/images.py: this test fails
    until it lands.)"""
    original = (site_root / "exemplars" / "images" / f"{SITE_PHOTO}.jpg").read_bytes()
    assert b"SECRET-" in original  # the fixture does hold hidden data
    images = _published_images(built_site)
    assert any(p.name.startswith(SITE_PHOTO) and p.suffix == ".jpg" for p in images)  # the Open Graph JPEG
    for path in built_site.rglob("*"):
        if path.is_file():
            assert path.read_bytes() != original, f"{path} is the original photo"
    for path in images:
        data = path.read_bytes()
        assert b"SECRET-" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path
            for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"):
                assert key not in image.info, f"{path}: {key}"
            if image.format == "JPEG":
                assert not image.applist or all(marker not in ("APP1", "COM") for marker, _ in image.applist), path
        if data[:2] == b"\xff\xd8":
            assert b"\xff\xfe" not in _jpeg_headers(data), f"{path}: a COM segment"


def _jpeg_headers(data: bytes) -> bytes:
    """The marker segments of a JPEG before its image data (where COM, APPn live)."""
    end = data.find(b"\xff\xda")  # start of scan
    return data[:end if end > 0 else len(data)]


def _gps_jpeg() -> bytes:
    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (20.0, 15.0, 0.0), 3: "E", 4: (105.0, 58.0, 0.0)})
    stream = io.BytesIO()
    image.save(stream, "JPEG", exif=exif)
    return stream.getvalue()


def test_promise_photos_with_a_location_are_refused(tmp_path):
    """Promise: “ảnh gốc còn ghi vị trí chụp (toạ độ GPS) bị chương trình kiểm tra từ chối”"""
    repo = Repo(tmp_path)
    data = _gps_jpeg()
    with Image.open(io.BytesIO(data)) as image:
        assert image.getexif().get_ifd(0x8825)  # the photo does carry a position
    repo.write("exemplars/images/gps.jpg", data)
    repo.replace(A, "photo: images/nguyen-van-a.png", "photo: images/gps.jpg")
    assert [p for p in repo.validate().errors if p.path == A]


# --- Consent ----------------------------------------------------------------------------


def test_promise_consent_is_recorded_by_the_editor_or_nothing_is_published(tmp_path):
    """Promise: “không công cụ nào điền thay, và hồ sơ chưa ghi nhận sự đồng ý không thể đưa lên trang web”

    new_profile.py leaves consent empty; a person's profile without consent, or with consent not
    given, is an error (and the build stops on any error)."""
    repo = Repo(tmp_path)
    path = create_profile(repo.path, load_criteria(repo.file("criteria.yml")), "Lê Thị Ánh", "household",
                          today=TODAY)
    consent = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["consent"]
    assert consent == {"given": None, "date": None, "by": None}
    cases = (("consent:\n  given: true\n  date: 2024-10-02\n  by: self\n", ""),
             ("  given: true", "  given: false"), ("  given: true", "  given:"))
    for number, (old, new) in enumerate(cases):
        repo = Repo(tmp_path / f"case-{number}")
        repo.replace(A, old, new)
        result = repo.validate()
        assert {p.code for p in result.errors if p.path == A} & {"DH303", "DH304"}
    from showcase import mkdocs_hooks  # the build refuses content with errors
    assert "result.errors" in Path(mkdocs_hooks.__file__).read_text(encoding="utf-8")


def test_promise_consent_not_after_publication(tmp_path):
    """Promise: “Ngày ký văn bản đồng ý không được sau ngày đăng hồ sơ.”"""
    repo = Repo(tmp_path)
    repo.replace(A, "  date: 2024-10-02", "  date: 2025-01-16")  # published 2025-01-15
    assert [p for p in repo.validate().errors if p.path == A and p.code == "DH308"]


def test_promise_consent_itself_is_not_published(built_site, site_root):
    """Promise: “trang web không công bố nội dung văn bản, ngày ký hay người ký”

    The date of no consent is on the profile's page or in its open data row; no column or key of
    the open data holds consent (test_promise_only_the_listed_information)."""
    showcase = load_showcase(site_root, cache=False).showcase
    json_rows = {r["slug"]: json.dumps(r, ensure_ascii=False) for r in
                 json.loads((built_site / "api" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]}
    csv_rows = {r["slug"]: ",".join(r.values()) for r in
                csv.DictReader(io.StringIO((built_site / "api" / "exemplars.csv").read_text(encoding="utf-8-sig")))}
    checked = 0
    for e in showcase.public_exemplars():
        if e.consent is None:
            continue
        page = (built_site / "dien-hinh" / e.slug / "index.html").read_text(encoding="utf-8")
        if e.consent.date not in {e.published, *(c.date for c in e.commendations)}:  # else it is shown for them
            for where in (page, json_rows[e.slug], csv_rows[e.slug]):
                assert e.consent.date.isoformat() not in where and vi_date(e.consent.date) not in where, e.slug
            checked += 1
    assert checked


def test_promise_right_to_withdraw(tmp_path):
    """Promise: “Người đã đồng ý có quyền rút lại sự đồng ý bất cứ lúc nào.”

    Any profile can be withdrawn with one command, whatever state it is in (here: a broken one)."""
    repo = Repo(tmp_path)
    repo.replace(A, "kind: individual", "kind: [individual")
    withdraw(repo.path, "nguyen-van-a", TODAY)
    assert repo.read(A) == tombstone_text(TODAY)
    assert repo.validate().errors == []


# --- Withdrawal ---------------------------------------------------------------------------


def test_promise_withdrawn_file_holds_nothing_personal(tmp_path):
    """Promise: “tệp hồ sơ trong kho dữ liệu chỉ còn ngày rút, không còn thông tin nào về người được giới thiệu;
    ảnh gốc của hồ sơ bị xoá khỏi kho”

    Also the tooling side of “Chậm nhất trong 72 giờ kể từ khi nhận được đề nghị hợp lệ, hồ sơ được rút”:
    one command, whose result is valid and published by the next build (the time limit itself is
    the agency's)."""
    repo = Repo(tmp_path)
    assert repo.file("exemplars/images/nguyen-van-a.png").exists()
    withdraw(repo.path, "nguyen-van-a", dt.date(2025, 6, 1))
    text = repo.read(A)
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta == {"status": "withdrawn", "withdrawn": dt.date(2025, 6, 1)}
    assert "Nguyễn" not in text and "Gia Viễn" not in text
    assert not repo.file("exemplars/images/nguyen-van-a.png").exists()
    assert repo.validate().errors == []


def _site_files(site: Path):
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            yield path.relative_to(site).as_posix(), gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_promise_withdrawn_profile_is_off_the_site(built_site):
    """Promise: “hồ sơ không còn trên trang web: không còn trang hồ sơ, không có trong các danh sách, kết quả tìm
    kiếm, nguồn tin, dữ liệu mở và sơ đồ trang”

    No file of the site names its address, but its own notice: no listing, search index (Pagefind),
    feed, JSON, CSV or sitemap. (tests/test_withdrawal.py withdraws a profile with a name and a photo.)"""
    for rel, data in _site_files(built_site):
        if rel != f"dien-hinh/{SITE_WITHDRAWN}/index.html":
            assert SITE_WITHDRAWN.encode() not in data, rel
    sitemap = " ".join(loc for loc, _ in sitemaps.read(built_site))
    assert "dien-hinh/" in sitemap and SITE_WITHDRAWN not in sitemap


def test_promise_old_address_shows_a_notice_without_the_name(built_site):
    """Promise: “địa chỉ cũ của trang hồ sơ chỉ hiện thông báo hồ sơ đã được rút, không nêu tên”

    The notice is the same page for every withdrawn profile: it cannot name anyone."""
    from showcase.site import withdrawn_pages

    notice = (built_site / "dien-hinh" / SITE_WITHDRAWN / "index.html").read_text(encoding="utf-8")
    assert "Hồ sơ này đã được rút" in notice

    class Stub:
        withdrawn = {"mot-nguoi-khac": dt.date(2020, 1, 1)}

    (other,) = list(withdrawn_pages(Stub(), ""))
    assert other.content == notice


def test_promise_search_engines_are_asked_not_to_keep_the_notice(built_site):
    """Promise: “Máy tìm kiếm được yêu cầu không lưu trang thông báo này.”"""
    notice = (built_site / "dien-hinh" / SITE_WITHDRAWN / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="robots" content="noindex[^"]*">', notice)


def test_promise_purging_history_is_documented():
    """Promise: “cơ quan quản lý viết lại lịch sử của kho để xoá các phiên bản đó và đề nghị GitHub xoá các bản
    lưu tạm”

    CONTRIBUTING.md tells the repository's administrator how, step by step."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Rút hồ sơ"):]
    section = section[:section.index("\n## ", 5)]
    for needle in ("scripts/withdraw.py", "git filter-repo", "--invert-paths", "bfg --delete-files", "Zalo",
                   "git push --force", "GitHub Support", "pull request", "fork", "Actions", ".site-cache"):
        assert needle in section, needle


def test_promise_address_can_go_too(tmp_path):
    """Promise: “Nếu người đề nghị muốn, cơ quan xoá cả địa chỉ này; khi đó địa chỉ cũ báo không tìm thấy
    trang.”

    Without the withdrawn file, nothing is published at the old address."""
    from showcase.site import GENERATORS

    repo = Repo(tmp_path)
    repo.write(A, tombstone_text(dt.date(2025, 6, 1)))
    repo.file("exemplars/images/nguyen-van-a.png").unlink()
    kept = repo.validate().showcase
    assert "nguyen-van-a" in kept.withdrawn
    repo.file(A).unlink()
    gone = repo.validate().showcase
    assert gone.withdrawn == {}
    outputs = {getattr(f, "src_uri", "") for g in GENERATORS for f in g(gone, "") if g.__name__ != "calendar_files"}
    assert not any("nguyen-van-a" in uri for uri in outputs)


# --- No tracking ---------------------------------------------------------------------------


class _Resources(HTMLParser):
    """Every address a page makes the browser load or send to."""

    LOADS = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "srcset"),
             ("source", "src"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
             ("object", "data"), ("form", "action")}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.csp: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") in ("canonical", "alternate"):
            return  # addresses of this site for readers and feeds, never fetched by the page
        for name, value in attrs:
            if (tag, name) in self.LOADS and value:
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()] if "srcset" in name \
                    else [value]
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(values.get("content") or "")


def test_promise_no_third_party_code_fonts_or_trackers(built_site):
    """Promise: “Trang web không dùng cookie, không dùng công cụ thống kê, quảng cáo, phông chữ hay mã của bên
    thứ ba.”

    Every page loads only the site's own files, under a Content-Security-Policy that allows
    nothing else; no script of the site touches cookies; no analytics or web fonts are configured."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    assert config["theme"].get("font") is False
    assert not {"analytics", "consent"} & set(config.get("extra") or {})
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            assert not re.match(r"(?i)^(?:[a-z][a-z0-9+.-]*:)?//", url) or url.startswith("data:"), f"{page}: {url}"
        assert parser.csp, f"{page}: no Content-Security-Policy"
        for policy in parser.csp:
            assert "http" not in policy and "*" not in policy, f"{page}: {policy}"
    for script in list(built_site.rglob("*.js")) + list((ROOT / "overrides").rglob("*.js")):
        assert "document.cookie" not in script.read_text(encoding="utf-8", errors="replace"), script


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may use !!python/name or !ENV tags: read them as plain values."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def test_promise_only_the_colour_scheme_is_stored(built_site):
    """Promise: “Trình duyệt chỉ lưu lựa chọn giao diện sáng hoặc tối của bạn, ngay trên máy của bạn.”

    The theme stores other things only when features this site does not use are on (a repository
    link, versions, an announcement bar, linked content tabs); the site's own scripts store nothing."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    assert not config.get("repo_url")  # "__source": the repository's stars, fetched and kept
    assert not (config.get("extra") or {}).get("version")  # "__outdated"
    assert "content.tabs.link" not in (config["theme"].get("features") or [])  # "__tabs"
    assert not list((ROOT / "overrides").rglob("*announce*"))
    assert "block announce" not in (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    for script in (ROOT / "overrides").rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        if script.name == "material-base.js":  # the theme's helpers, moved out of an inline script
            continue
        assert "localStorage" not in text and "sessionStorage" not in text and "indexedDB" not in text, script

