"""scripts/aggregate.py and showcase/federation: harvesting other sites' open data, refusing
what cannot be trusted, and writing the portal only inside its folder; the open-data schema;
the list of sites a site searches with its own (mkdocs.yml `extra: tra_cuu_chung`).

Browser behaviour (merged search, the portal's pages): tests/test_federation_browser.py.
"""

from __future__ import annotations

import copy
import functools
import http.server
import io
import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from browser import serving
from conftest import build, make_site_tree
from showcase.federation import aggregate, portal, records, sites
from showcase.federation.harvest import API, harvest
from showcase.opendata import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = [sys.executable, str(ROOT / "scripts" / "aggregate.py")]
HOME = "https://dienhinh.tinh-a.gov.vn/"


def record(**changes) -> dict:
    """One profile as a site publishes it (showcase/opendata.py `record`)."""
    slug = changes.pop("slug", "nguyen-van-an")
    base = {
        "slug": slug, "url": f"{HOME}dien-hinh/{slug}/", "name": "Nguyễn Văn An",
        "kind": "individual", "kind_label": "Cá nhân", "category": "advanced-exemplar",
        "category_label": "Điển hình tiên tiến", "field": "agriculture", "field_label": "Nông nghiệp",
        "year": 2024, "province": "dak-lak", "province_name": "Đắk Lắk", "place": "Xã Ea Kao",
        "nominated_by": "ubnd-xa-ea-kao", "nominated_by_name": "UBND xã Ea Kao", "movements": ["nong-thon-moi"],
        "movement_names": ["Cả nước chung sức xây dựng nông thôn mới"], "criteria": ["innovation"],
        "achievements": ["Năm 2024 trồng 5 ha cà phê hữu cơ."], "commendations": [],
        "summary": "Nông dân trồng cà phê hữu cơ, giúp 20 hộ thoát nghèo.", "published": "2025-01-15",
        "photo": None, "photo_alt": None, "sources": [], "featured": False,
    }
    base.update(changes)
    return base


def document(items: list, version=SCHEMA_VERSION, site: dict | None = None) -> dict:
    doc = {"schema_version": version, "site": site or {"name": "Điển hình tiên tiến tỉnh A", "url": HOME},
           "count": len(items), "exemplars": items}
    if version is None:
        del doc["schema_version"]
    return doc


def write(tmp_path: Path, doc, name: str = "a") -> Path:
    folder = tmp_path / name
    (folder / "api").mkdir(parents=True)
    text = doc if isinstance(doc, (str, bytes)) else json.dumps(doc, ensure_ascii=False)
    (folder / API).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


# --- Harvesting -------------------------------------------------------------------------


def test_a_site_folder_and_its_json_file_are_both_read(tmp_path):
    folder = write(tmp_path, document([record(), record(slug="le-thi-b", name="Lê Thị B")]))
    for source in (folder, folder / API):
        h = harvest(str(source))
        assert h.error is None and h.warnings == []
        assert h.site == records.SiteInfo("Điển hình tiên tiến tỉnh A", HOME)
        assert [r.slug for r in h.records] == ["nguyen-van-an", "le-thi-b"]
        assert h.records[0].province_name == "Đắk Lắk" and h.records[0].year == 2024


BAD_RECORDS = {
    "slug that climbs out": ({"slug": "../../etc", "url": f"{HOME}dien-hinh/x/"}, "mã hồ sơ"),
    "slug with a capital": ({"slug": "Nguyen"}, "mã hồ sơ"),
    "link to another site": ({"url": "https://lua-dao.example.com/dien-hinh/nguyen-van-an/"}, "không nằm trên trang"),
    "javascript link": ({"url": "javascript:alert(1)"}, "địa chỉ hồ sơ"),
    "plain http link": ({"url": "http://dienhinh.tinh-a.gov.vn/dien-hinh/nguyen-van-an/"}, "địa chỉ hồ sơ"),
    "the home page itself": ({"url": HOME}, "không nằm trên trang"),
    "name missing": ({"name": None}, "`name`"),
    "name as a list": ({"name": ["Nguyễn Văn An"]}, "`name`"),
    "bidi override in the name": ({"name": "Nguyễn \u202eVăn An"}, "U+202E"),
    "summary far too long": ({"summary": "x" * 5000}, "`summary` dài 5000"),
    "year as text": ({"year": "2024"}, "năm"),
    "year as a boolean": ({"year": True}, "năm"),
    "impossible date": ({"published": "2025-02-30"}, "ngày công bố"),
    "province not an id": ({"province": "<script>"}, "`province`"),
    "achievements not a list": ({"achievements": "Nhiều thành tích"}, "`achievements`"),
    "control character in an achievement": ({"achievements": ["a\x1bb"]}, "`achievements`"),
}


@pytest.mark.parametrize("case", BAD_RECORDS)
def test_a_bad_record_is_dropped_with_a_warning_naming_it_and_the_rest_kept(tmp_path, case):
    changes, said = BAD_RECORDS[case]
    bad = record(**{"slug": "ho-so-xau", **changes})
    h = harvest(str(write(tmp_path, document([record(), bad, "không phải hồ sơ"]))))
    assert h.error is None
    assert [r.slug for r in h.records] == ["nguyen-van-an"]
    assert len(h.warnings) == 2
    assert h.warnings[0].startswith("hồ sơ thứ 2") and said in h.warnings[0] and "bỏ qua" in h.warnings[0]
    assert h.warnings[1].startswith("hồ sơ thứ 3: không phải một hồ sơ")


def test_the_same_profile_twice_is_kept_once(tmp_path):
    h = harvest(str(write(tmp_path, document([record(), record()]))))
    assert len(h.records) == 1 and "trùng địa chỉ với hồ sơ thứ 1" in h.warnings[0]


def test_unknown_fields_of_a_newer_minor_version_are_ignored(tmp_path):
    h = harvest(str(write(tmp_path, document([record(rating=5)], version="1.7"))))
    assert h.error is None and len(h.records) == 1


@pytest.mark.parametrize("version, said", [
    ("2.0", "khác phiên bản 1.x"),
    (None, "không ghi phiên bản cấu trúc"),
    (1, "không đúng dạng"),
    ("1", "không đúng dạng"),
    ("mot.hai", "không đúng dạng"),
])
def test_a_file_of_another_schema_version_is_refused_whole(tmp_path, version, said):
    h = harvest(str(write(tmp_path, document([record()], version=version))))
    assert h.records == [] and h.error and said in h.error


@pytest.mark.parametrize("content, said", [
    (b"\xff\xfe not utf-8", "UTF-8"),
    ("{\"schema_version\": ", "không phải JSON hợp lệ (dòng 1"),
    ("[" * 100_000 + "]" * 100_000, "lồng nhau quá sâu"),
    ("[]", "không phải dữ liệu mở"),
    (json.dumps({"schema_version": "1.0", "exemplars": []}), "thiếu mục `site`"),
    (json.dumps(document([], site={"name": "A", "url": "ftp://a.example/"})), "không phải địa chỉ trang web"),
    (json.dumps(document([], site={"name": "A\u200b", "url": HOME})), "ký tự ẩn"),
    (json.dumps({"schema_version": "1.0", "site": {"name": "A", "url": HOME}, "exemplars": {}}), "`exemplars`"),
])
def test_a_file_that_is_not_open_data_is_refused_in_vietnamese(tmp_path, content, said):
    h = harvest(str(write(tmp_path, content)))
    assert h.records == [] and h.error and said in h.error, h.error


def test_a_missing_folder_a_device_and_a_file_too_large_are_refused(tmp_path):
    assert "không thấy tệp" in harvest(str(tmp_path / "khong-co")).error
    assert "không thấy tệp" in harvest("/dev/zero").error  # a device never ends: never read
    folder = write(tmp_path, document([record()]))
    assert "lớn hơn" in harvest(str(folder), max_bytes=100).error


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_site_address_is_read_over_http_on_loopback(tmp_path):
    folder = write(tmp_path, document([record()]))
    with serving(functools.partial(Quiet, directory=str(folder))) as base:
        for source in (base, base + API):
            h = harvest(source)
            assert h.error is None and len(h.records) == 1


def test_an_unreachable_site_is_an_error_not_a_crash():
    h = harvest(f"http://127.0.0.1:{free_port()}/", timeout=5)
    assert h.records == [] and "không kết nối được" in h.error and "chạy lại lệnh sau" in h.error


def test_a_missing_file_on_a_site_says_the_http_status():
    with serving(functools.partial(Quiet, directory="/nonexistent-folder")) as base:
        assert "HTTP 404" in harvest(base).error


@pytest.mark.parametrize("address, said", [
    ("http://dienhinh.example.gov.vn/", "dùng http://"),
    ("file:///etc/passwd", "không phải địa chỉ trang web"),
    ("https://user:pass@dienhinh.example.gov.vn/", "tên đăng nhập"),
    ("https://dienhinh.example.gov.vn/?q=1", "bỏ phần sau dấu ?"),
])
def test_addresses_other_than_https_or_loopback_are_refused_before_any_request(address, said):
    assert said in harvest(address).error


def test_a_redirect_to_an_address_that_is_not_allowed_is_not_followed():
    class Redirect(Quiet):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", "http://dienhinh.example.gov.vn/api/exemplars.json")
            self.end_headers()

    with serving(Redirect) as base:
        error = harvest(base).error
    assert "chuyển hướng tới một địa chỉ không được phép" in error and "dùng http://" in error


# --- The portal -------------------------------------------------------------------------


def portal_of(tmp_path, *docs) -> tuple[list, portal.Portal]:
    harvests = [harvest(str(write(tmp_path, doc, f"site-{i}"))) for i, doc in enumerate(docs)]
    return harvests, portal.gather(harvests)


def test_listings_are_paged_and_every_entry_links_back_to_its_home_site(tmp_path):
    many = [record(slug=f"ho-so-{i}", name=f"Hồ sơ số {i}") for i in range(portal.PAGE_SIZE + 5)]
    other = {"name": "Trang tỉnh B", "url": "https://b.example.gov.vn/tinh-b/"}
    b_record = record(slug="tran-thi-c", name="Trần Thị C", url="https://b.example.gov.vn/tinh-b/dien-hinh/tran-thi-c/",
                      field="environment", field_label="Tài nguyên, môi trường")
    _, p = portal_of(tmp_path, document(many), document([b_record], site=other))
    out = tmp_path / "portal"
    portal.write(p, out)
    site_a = out / "trang-web" / "dien-hinh-tien-tien-tinh-a"
    assert (site_a / "index.html").is_file() and (site_a / "trang-2" / "index.html").is_file()
    assert not (site_a / "trang-3").exists()
    assert (out / "linh-vuc" / "tai-nguyen-moi-truong" / "index.html").is_file()  # the label's slug, as the sites
    assert (out / "tinh-thanh" / "dak-lak" / "index.html").is_file()
    page_b = (out / "trang-web" / "trang-tinh-b" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://b.example.gov.vn/tinh-b/dien-hinh/tran-thi-c/"' in page_b
    assert 'href="https://b.example.gov.vn/tinh-b/"' in page_b  # its home page
    for page in out.rglob("*.html"):  # every profile link goes to a profile on its own site
        text = page.read_text(encoding="utf-8")
        for link in re.findall(r'class="sc-card__title"><a href="([^"]+)"', text):
            assert link.startswith((f"{HOME}dien-hinh/", "https://b.example.gov.vn/tinh-b/dien-hinh/")), (page, link)


def test_every_portal_page_has_the_policy_and_no_inline_script_or_style(tmp_path):
    _, p = portal_of(tmp_path, document([record()]))
    out = tmp_path / "portal"
    pages = portal.write(p, out)
    files = list(out.rglob("*.html"))
    assert len(files) == pages == 8  # home, search, three indexes, one listing each
    for page in files:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="vi"' in text
        assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' " \
               "'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:;" in text
        assert re.findall(r"<script(?![^>]*\bsrc=)", text) == [] and " style=" not in text and "<style" not in text
    assert (out / "pagefind" / "pagefind.js").is_file() and not (out / "pagefind" / "pagefind-ui.js").exists()
    script = (ROOT / "overrides" / "assets" / "javascripts" / "tra-cuu.js").read_bytes()
    assert (out / "assets" / "tra-cuu.js").read_bytes() == script  # the sites' own search page


def test_the_search_index_is_built_in_parts_of_bounded_size(tmp_path, monkeypatch):
    from showcase import search

    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    _, p = portal_of(tmp_path, document([record(slug=f"ho-so-{i}", name=f"Hồ sơ {i}") for i in range(5)]))
    out = tmp_path / "portal"
    portal.write(p, out)
    bundles = [out / "pagefind", out / "pagefind" / "shard-2", out / "pagefind" / "shard-3"]
    assert all((bundle / "pagefind-entry.json").is_file() for bundle in bundles)
    assert not (out / "pagefind" / "shard-4").exists()
    page = (out / "tra-cuu" / "index.html").read_text(encoding="utf-8")
    assert 'data-shards="[&#34;pagefind/shard-2/&#34;, &#34;pagefind/shard-3/&#34;]"' in page


def test_text_from_another_site_is_escaped(tmp_path):
    hostile = record(name="<img src=x onerror=alert(1)>", summary='"><script>alert(1)</script>',
                     field_label="<b>Nông nghiệp</b>")
    _, p = portal_of(tmp_path, document([hostile], site={"name": "<i>Tỉnh A</i>", "url": HOME}))
    out = tmp_path / "portal"
    portal.write(p, out)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<script>alert" not in text and "<b>" not in text and "<i>" not in text
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in home and "&lt;i&gt;Tỉnh A&lt;/i&gt;" in home


def test_nothing_is_written_outside_the_portal_folder(tmp_path):
    climbing = {"name": "../../../../etc/cron.d", "url": HOME}
    before = set(tmp_path.rglob("*"))
    harvests, p = portal_of(tmp_path, document([record(), record(slug="../../x", url=f"{HOME}../../x/")],
                                                 site=climbing))
    assert [r.slug for r in p.records] == ["nguyen-van-an"] and "mã hồ sơ" in harvests[0].warnings[0]
    out = tmp_path / "portal"
    portal.write(p, out)
    written = set(tmp_path.rglob("*")) - before
    assert all(out in path.parents or path == out for path in written
               if not path.is_relative_to(tmp_path / "site-0")), sorted(written)
    assert (out / "trang-web" / "etc-cron-d" / "index.html").is_file()  # the name's slug: a folder of its own
    for bad in ("../x/index.html", "/etc/x", "a/../../x", "trang-web/A B/index.html"):
        with pytest.raises(portal.PortalError):
            portal._write(out, bad, "x")


def test_the_portal_folder_is_replaced_only_if_this_command_wrote_it(tmp_path):
    _, p = portal_of(tmp_path, document([record()]))
    other = tmp_path / "tai-lieu"
    other.mkdir()
    (other / "bao-cao.docx").write_text("quan trọng", encoding="utf-8")
    with pytest.raises(portal.PortalError, match="đã có các tệp khác"):
        portal.write(p, other)
    assert [f.name for f in other.iterdir()] == ["bao-cao.docx"]
    (tmp_path / "mot-tep").write_text("x", encoding="utf-8")
    with pytest.raises(portal.PortalError, match="không phải một thư mục"):
        portal.write(p, tmp_path / "mot-tep")
    out = tmp_path / "portal"
    portal.write(p, out)
    (out / "cu.html").write_text("trang cũ", encoding="utf-8")
    portal.write(p, out)  # a portal of its own: replaced whole
    assert not (out / "cu.html").exists() and (out / "index.html").is_file() and (out / portal.MARKER).is_file()
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".portal-")]  # no temporary folder left


def test_run_builds_from_the_sites_that_answer_and_names_the_others(tmp_path):
    folder = write(tmp_path, document([record(), record(slug="x", year="sai")]))
    down = f"http://127.0.0.1:{free_port()}/"
    err = io.StringIO()
    assert aggregate.run([str(folder), down], tmp_path / "portal", err=err, timeout=5) == 0
    said = err.getvalue()
    assert f"Không dùng được {down}: không kết nối được" in said
    assert "Cảnh báo: hồ sơ thứ 2 (x): năm (`year`) không phải một năm; bỏ qua hồ sơ này." in said
    assert f"Điển hình tiên tiến tỉnh A ({HOME}): 1 hồ sơ, bỏ qua 1 hồ sơ sai." in said
    assert "1 trang không đọc được" in said
    assert (tmp_path / "portal" / "index.html").is_file()
    err = io.StringIO()
    assert aggregate.run([down], tmp_path / "khong-co", err=err, timeout=5) == 1
    assert "Không đọc được hồ sơ nào nên không ghi" in err.getvalue() and not (tmp_path / "khong-co").exists()


@pytest.mark.parametrize("args, status, said", [
    ([], 2, "Lỗi cách dùng: thiếu tham số bắt buộc"),
    (["site"], 2, "thiếu tham số bắt buộc: --out"),
    (["site", "--out", "x", "--ten", "A\u202eB"], 2, "--ten là tên cổng"),
    (["https://lua-dao.example/", "--out", "x"], 1, "Không đọc được hồ sơ nào"),
])
def test_the_command_answers_in_vietnamese_without_a_traceback(tmp_path, args, status, said):
    result = subprocess.run(SCRIPT + args, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == status and said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "usage:" not in result.stderr


# --- The open-data schema ---------------------------------------------------------------


def test_a_built_site_publishes_versioned_open_data_matching_the_schema(built_site):
    data = json.loads((built_site / API).read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schema" / "exemplars-api.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert data["schema_version"] == SCHEMA_VERSION and data["site"] == {
        "name": "Điển hình tiên tiến", "url": "https://dienhinh.example.gov.vn/"}
    h = harvest(str(built_site))  # what the site writes, the portal reads, every profile
    assert h.error is None and h.warnings == [] and len(h.records) == data["count"] > 0
    stale = copy.deepcopy(data)
    del stale["schema_version"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(stale, schema)
    assert SCHEMA_VERSION in (ROOT / "schema" / "README.md").read_text(encoding="utf-8")


# --- Sites searched together (mkdocs.yml extra: tra_cuu_chung) ---------------------------


def test_the_site_list_accepts_https_and_loopback_sites():
    found = sites.parse_sites([{"name": "  Tỉnh   B ", "url": "https://B.example.gov.vn/dien-hinh"},
                               {"name": "Thử", "url": "http://127.0.0.1:8001/"},
                               {"name": "Máy này", "url": "http://localhost:9000/a/"}], "https://a.example.gov.vn/")
    assert [(s.name, s.url, s.origin) for s in found] == [
        ("Tỉnh B", "https://b.example.gov.vn/dien-hinh/", "https://b.example.gov.vn"),
        ("Thử", "http://127.0.0.1:8001/", "http://127.0.0.1:8001"),
        ("Máy này", "http://localhost:9000/a/", "http://localhost:9000")]
    assert sites.parse_sites(None) == () and sites.parse_sites([]) == ()


@pytest.mark.parametrize("raw, said", [
    ("https://b.example.gov.vn/", "cần một danh sách"),
    ([{"url": "https://b.example.gov.vn/"}], "thiếu tên trang"),
    ([{"name": "B", "url": "https://b.example.gov.vn/", "weight": 2}], "chỉ có hai mục"),
    ([{"name": "B"}], "thiếu địa chỉ"),
    ([{"name": "B", "url": "http://b.example.gov.vn/"}], "dùng http://, không mã hoá"),
    ([{"name": "B", "url": "javascript:alert(1)"}], "không phải địa chỉ trang web"),
    ([{"name": "B", "url": "https://b.example.gov.vn/ x"}], "có dấu cách"),
    ([{"name": "B", "url": "https://b.example.gov.vn'; script-src *"}], "có dấu cách"),
    ([{"name": "B", "url": "https://b.example.gov.vn;script-src:*/"}], "không hợp lệ"),
    ([{"name": "B", "url": "https://điểnhình.vn/"}], "xn--"),
    ([{"name": "B", "url": "https://a.example.gov.vn/"}], "là chính trang này"),
    ([{"name": "B", "url": "https://b.example.gov.vn/"}, {"name": "C", "url": "https://b.example.gov.vn"}],
     "đã có trong danh sách"),
    ([{"name": f"T{i}", "url": f"https://t{i}.example.gov.vn/"} for i in range(sites.MAX_SITES + 1)], "nhiều hơn"),
])
def test_a_wrong_site_list_says_what_to_fix(raw, said):
    with pytest.raises(sites.SiteError) as caught:
        sites.parse_sites(raw, "https://a.example.gov.vn/")
    assert said in str(caught.value) and str(caught.value).startswith("mkdocs.yml, mục extra → tra_cuu_chung")


def test_a_build_with_a_wrong_site_list_stops_with_a_vietnamese_message(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace(
        "extra:\n", "extra:\n  tra_cuu_chung: [{name: Tỉnh B, url: 'http://b.example.gov.vn/'}]\n", 1),
        encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "tra_cuu_chung, trang thứ 1: `http://b.example.gov.vn/` dùng http://" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
