"""The form editor at /bien-tap/: Decap CMS's configuration, its page and its files.

The configuration is generated at every build from the data contract (`showcase.fields`),
`criteria.yml`, `units.yml`, `movements/` and the 34 provinces, so that every drop-down offers
exactly the codes the validator accepts (tests/test_editor_config.py fails when a key of the
contract has no widget). The CMS itself comes from the npm package `decap-cms` (pinned in
package-lock.json, with `decap-cms-app`) and is copied from node_modules into the site: never
from a CDN. A build without it leaves /bien-tap/ out.

The page is a standalone HTML file, not a page of the theme: the CMS needs a looser
Content-Security-Policy (`unsafe-eval` for the JSON Schema compiler that checks its own
configuration, inline styles for its CSS-in-JS) that the public pages must not get.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from ..criteria import Criteria
from ..fields import (ALWAYS, BOOL, DATE, EXEMPLAR_FIELDS, INT, RECORD, RECORD_LIST, SLUG_LIST, STATUSES, TEXT,
                      TEXT_LIST, URL_LIST, Field)
from ..provinces import load_provinces
from .registries import Registries

FOLDER = "bien-tap"  # the editor's address in the site
DIST = Path("node_modules") / "decap-cms" / "dist"
BUNDLE = "decap-cms.js"
ASSETS = Path(__file__).resolve().parent / "assets"
START_SCRIPT = "khoi-dong.js"  # registers the completed Vietnamese strings, then starts the CMS
PROXY_ENV = "SHOWCASE_DECAP_PROXY"  # `make edit`: decap-server's address, e.g. http://127.0.0.1:8081/api/v1

# The widget's label when the contract's help speaks of files and codes.
LABELS = {
    "name": "Tên điển hình",
    "summary": "Tóm tắt",
    "place": "Nơi công tác, sinh sống",
    "sources": "Nguồn kiểm chứng",
    "achievements": "Thành tích cụ thể",
    "nominated_by": "Đơn vị đề xuất",
    "province": "Tỉnh, thành phố",
    "movements": "Phong trào thi đua",
    "criteria": "Tiêu chí lựa chọn đáp ứng",
    "photo": "Ảnh",
    "photo_alt": "Mô tả ảnh",
    "consent": "Sự đồng ý công khai thông tin",
    "status": "Trạng thái",
    "featured": "Hiện trên trang chủ",
    "published": "Ngày đăng công khai",
    "year": "Năm được lựa chọn",
    "commendations.title": "Tên khen thưởng",
    "commendations.form": "Hình thức khen thưởng",
    "commendations.issuer": "Cơ quan khen thưởng",
    "commendations.decision": "Số quyết định",
    "commendations.date": "Ngày quyết định",
    "consent.given": "Đã có văn bản đồng ý",
    "consent.date": "Ngày ký văn bản đồng ý",
    "consent.by": "Ai đồng ý",
}
HINTS = {
    "nominated_by": "Chọn trong danh sách (units.yml). Đơn vị chưa có: nhờ cán bộ phụ trách thêm vào units.yml.",
    "movements": "Chọn một hoặc nhiều phong trào (thư mục movements/).",
    "photo": "Ảnh JPEG, PNG hoặc WebP; được lưu vào exemplars/images/ cùng lần lưu hồ sơ. "
             "Chỉ dùng ảnh được phép công bố.",
    "consent": "Bắt buộc với cá nhân và hộ gia đình. Chỉ điền khi đã nhận văn bản đồng ý có chữ ký; "
               "không điền sẵn, không đoán.",
    "consent.given": "Bật khi đã có văn bản đồng ý có chữ ký.",
    "sources": "Mỗi mục một nguồn: địa chỉ https://… (bài báo, văn bản trên mạng), hoặc trích dẫn báo in, "
               "văn bản giấy, ví dụ: Báo Ninh Bình số 1234, ngày 12/4/2024, trang 3.",
    "status": "“Bản nháp”: kiểm tra và xem trước, chưa đăng công khai. Bỏ trống: đăng công khai.",
}
STATUS_LABELS = {"draft": "Bản nháp (chưa đăng)", "published": "Đăng công khai"}
CONSENT_BY_LABELS = {"self": "Chính người được nêu gương", "family": "Gia đình",
                     "representative": "Người đại diện hợp pháp"}


@dataclass(frozen=True)
class Repository:
    """Where the GitHub backend commits: from mkdocs.yml's repo_url or edit_uri."""

    repo: str | None  # "owner/name"
    branch: str


_GITHUB = re.compile(r"^https://github\.com/([A-Za-z0-9-]+/[A-Za-z0-9._-]+?)(?:\.git)?(?:/(?:edit|blob|tree)/"
                     r"([A-Za-z0-9._/-]+?))?/?$")


def repository_of(repo_url: str | None, edit_uri: str | None) -> Repository:
    for url in (edit_uri, repo_url):
        match = _GITHUB.match(url or "")
        if match:
            branch = (match.group(2) or "main").split("/")[0]
            return Repository(match.group(1), branch)
    return Repository(None, "main")


# --- The configuration -------------------------------------------------------------------------


def decap_config(criteria: Criteria, registries: Registries, repository: Repository, site_url: str,
                 auth: dict | None = None, proxy_url: str | None = None) -> dict:
    """Decap CMS's config.yml as a mapping. `proxy_url`: decap-server's address under `make edit`."""
    backend: dict = {"name": "github", "repo": repository.repo or "chua-khai-bao/kho-noi-dung",
                     "branch": repository.branch}
    for key in ("base_url", "auth_endpoint"):  # the OAuth proxy (CONTRIBUTING.md, "Biên tập bằng biểu mẫu")
        if (auth or {}).get(key):
            backend[key] = str(auth[key])
    backend["commit_messages"] = {
        "create": "Thêm hồ sơ {{slug}}", "update": "Sửa hồ sơ {{slug}}", "delete": "Xoá hồ sơ {{slug}}",
        "uploadMedia": "Thêm ảnh {{path}}", "deleteMedia": "Xoá ảnh {{path}}"}
    config: dict = {"backend": backend, "publish_mode": "editorial_workflow", "locale": "vi"}
    if proxy_url:
        config["local_backend"] = {"url": proxy_url}
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    config.update({
        "show_preview_links": True,
        # Top level: required by Decap; the collection's own folders below are the ones used.
        "media_folder": "exemplars/images",
        "public_folder": "images",
        # File names from the name without diacritics: "Nguyễn Thị Đào" -> nguyen-thi-dao.md.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_exemplars(criteria, registries)],
    })
    return config


def _exemplars(criteria: Criteria, registries: Registries) -> dict:
    return {
        "name": "exemplars",
        "label": "Hồ sơ điển hình",
        "label_singular": "hồ sơ điển hình",
        "description": "Mỗi hồ sơ là một tệp exemplars/<tên-không-dấu>.md. Ô nào không ghi “không bắt buộc” "
                       "thì phải điền. Hồ sơ được kiểm tra lại khi lưu, trước khi đăng.",
        "folder": "exemplars",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "delete": False,  # withdrawing a profile keeps a tombstone: scripts/withdraw.py
        "identifier_field": "name",
        "slug": "{{slug}}",
        # The photo goes next to the profile, in exemplars/images/, and is written `images/x.jpg`:
        # a path relative to the profile, as the validator expects.
        "media_folder": "images",
        "public_folder": "images",
        "preview_path": "dien-hinh/{{slug}}/",
        "editor": {"preview": False},  # the real preview is the site itself (make edit)
        "summary": "{{fields.name}} ({{fields.year}})",  # {{year}} alone is the date token of Decap
        "sortable_fields": ["name", "year", "published"],
        "fields": [_widget(spec, criteria, registries, spec.key) for spec in EXEMPLAR_FIELDS
                   if not (spec.key == "status" and not _statuses())]
        + [{"name": "body", "label": "Câu chuyện", "widget": "markdown",
            "hint": f"Ít nhất {criteria.limits['body_min_words']} từ: hoàn cảnh, cách làm, kết quả cụ thể, sức lan "
                    "tỏa. Không ghi số căn cước, số điện thoại, địa chỉ nhà riêng.",
            "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list",
                        "numbered-list"],
            "editor_components": [], "modes": ["rich_text", "raw"]}],
    }


def _statuses() -> list[str]:
    # `withdrawn` is never chosen in a form: scripts/withdraw.py writes the tombstone.
    return [s for s in ("draft", "published") if s in STATUSES]


def _widget(spec: Field, criteria: Criteria, registries: Registries, path: str) -> dict:
    widget: dict = {"name": spec.key, "label": LABELS.get(path) or _short(spec.help)}
    hint = HINTS.get(path) or (spec.help if widget["label"] != spec.help else None)
    if hint:
        widget["hint"] = hint
    widget["required"] = spec.required == ALWAYS
    options = _options(spec, criteria, registries)
    if options is not None:
        widget.update(widget="select", options=options)
        if spec.type == SLUG_LIST:
            widget.update(multiple=True, min=1)
    elif spec.type == TEXT:
        widget["widget"] = "text" if spec.key == "summary" else "string"
        if spec.key == "summary":
            limit = criteria.limits["summary_max_chars"]
            widget["pattern"] = [f"^[\\s\\S]{{1,{limit}}}$", f"Tối đa {limit} ký tự."]
        if spec.key == "photo":
            widget.update(widget="image", choose_url=False, media_library={"config": {"multiple": False}})
    elif spec.type == INT:
        widget.update(widget="number", value_type="int", min=criteria.limits["earliest_year"], step=1)
    elif spec.type == DATE:
        # A date picker storing YYYY-MM-DD, in UTC so that no time zone moves the day. No default:
        # a consent date is never pre-filled (and a default would add an empty item to lists).
        widget.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False,
                      picker_utc=True)
    elif spec.type == BOOL:
        widget["widget"] = "boolean"  # no default: `consent.given` is recorded by the editor
    elif spec.type in (TEXT_LIST, URL_LIST):
        # No pattern on sources: an offline citation is text; the validator judges links (https only).
        item = {"name": "item", "label": "Mục", "widget": "string"}
        widget.update(widget="list", field=item, min=1 if spec.required == ALWAYS else 0)
    elif spec.type == RECORD:
        widget.update(widget="object", collapsed=False,
                      fields=[_widget(sub, criteria, registries, f"{path}.{sub.key}") for sub in spec.subfields])
    elif spec.type == RECORD_LIST:
        widget.update(widget="list", label_singular="khen thưởng", summary="{{fields.title}} ({{fields.date}})",
                      fields=[_widget(sub, criteria, registries, f"{path}.{sub.key}") for sub in spec.subfields])
    return widget


def _short(help_text: str) -> str:
    """A label from the contract's help: its first clause, without the examples."""
    return re.split(r"[,:(]| ví dụ", help_text, maxsplit=1)[0].strip().rstrip(".") or help_text


def _options(spec: Field, criteria: Criteria, registries: Registries) -> list[dict] | None:
    """Drop-down choices: a Vietnamese label, the code stored in the file; None: not a drop-down."""
    if spec.vocabulary == "consent_by" and spec.vocabulary in criteria.vocabularies:
        labels = criteria.vocabularies[spec.vocabulary]
        return [{"label": CONSENT_BY_LABELS.get(k, v), "value": k} for k, v in labels.items()]
    if spec.vocabulary:
        return [{"label": label, "value": key} for key, label in criteria.vocabularies[spec.vocabulary].items()]
    if spec.key == "criteria":
        return [{"label": c.label, "value": c.id} for c in criteria.criteria.values()]
    if spec.key == "province":
        return [{"label": p.full_name, "value": p.slug}
                for p in sorted(load_provinces().by_slug.values(), key=lambda p: p.code)]
    if spec.key == "nominated_by":
        return [{"label": name, "value": uid} for uid, name in registries.units]
    if spec.key == "movements":
        return [{"label": name, "value": slug} for slug, name in registries.movements]
    if spec.key == "status":
        return [{"label": STATUS_LABELS[s], "value": s} for s in _statuses()]
    return None


def render_config(config: dict) -> str:
    header = ("# Cấu hình trang biên tập /bien-tap/ (Decap CMS), sinh tự động khi dựng trang từ showcase/fields.py,\n"
              "# criteria.yml, units.yml và movements/ (showcase/editors/decap.py): không sửa tay.\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=110)


# --- The page and its files --------------------------------------------------------------------


def content_security_policy(proxy_url: str | None) -> str:
    connect = ["'self'", "blob:", "data:", "https://api.github.com"]  # blob: the photo before it is saved
    if proxy_url:
        connect.append(_origin(proxy_url))
    return "; ".join([
        "default-src 'self'",
        # Decap checks its configuration with a JSON Schema compiler that builds functions at run time.
        "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",  # CSS-in-JS
        "img-src 'self' data: blob: https://avatars.githubusercontent.com https://*.githubusercontent.com",
        "connect-src " + " ".join(connect),
        "frame-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


def _origin(url: str) -> str:
    match = re.match(r"^(https?://[^/]+)", url)
    return match.group(1) if match else "'none'"


def page_html(proxy_url: str | None) -> str:
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{escape(content_security_policy(proxy_url), quote=False)}">
<meta name="referrer" content="same-origin">
<meta name="robots" content="noindex, nofollow">
<title>Biên tập hồ sơ điển hình</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>Trang biên tập cần bật JavaScript trong trình duyệt.</noscript>
<script src="{START_SCRIPT}"></script>
<script src="{BUNDLE}"></script>
</body>
</html>
"""


def cms_files(root: Path) -> list[Path]:
    """The CMS's own files in node_modules: the bundle, its chunks (loaded on demand next to it),
    its WebAssembly and its licence notice; [] when the package is not installed."""
    dist = root / DIST
    if not (dist / BUNDLE).is_file():
        return []
    return sorted(p for p in dist.iterdir()
                  if p.is_file() and (p.name.endswith("." + BUNDLE) or p.name == BUNDLE
                                      or p.suffix == ".wasm" or p.name == BUNDLE + ".LICENSE.txt"))


def write_editor(site_dir: Path, root: Path, config: dict, proxy_url: str | None) -> bool:
    """Write /bien-tap/ into `site_dir`; False (nothing written) when Decap CMS is not installed."""
    files = cms_files(root)
    if not files:
        return False
    target = site_dir / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        dest = target / path.name
        # A preview rebuilds often: copy the 10 MB of the CMS only when it changed.
        if not dest.exists() or dest.stat().st_size != path.stat().st_size \
                or dest.stat().st_mtime_ns < path.stat().st_mtime_ns:
            shutil.copy2(path, dest)
    (target / "index.html").write_text(page_html(proxy_url), encoding="utf-8")
    (target / "config.yml").write_text(render_config(config), encoding="utf-8")
    shutil.copyfile(ASSETS / START_SCRIPT, target / START_SCRIPT)
    return True
