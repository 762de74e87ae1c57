"""Editor-facing files derived from the data contract: the GitHub issue form for proposing an
exemplar without git, and the field tables in CONTRIBUTING.md.

Both come from `showcase.fields` and `criteria.yml`, like the template and the JSON Schema,
so that they list exactly what the validator accepts. `make generate` rewrites them
(`showcase.artefacts`); a test fails when a committed copy differs from what this module produces.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .criteria import Criteria
from .fields import (ALWAYS, BOOL, DATE, EXEMPLAR_FIELDS, INT, MOVEMENT_FIELDS, PERSON, RECORD, TEXT,
                     TYPE_NAMES, Field)
from .editors.registries import Registries, load_registries
from .provinces import load_provinces

ISSUE_FORM = ".github/ISSUE_TEMPLATE/de-xuat-dien-hinh.yml"
CONTRIBUTING = "CONTRIBUTING.md"
TABLES_START = "<!-- BẢNG TRƯỜNG: sinh tự động từ showcase/fields.py và criteria.yml bằng lệnh " \
               "`make generate`; không sửa tay phần này. -->"
TABLES_END = "<!-- HẾT BẢNG TRƯỜNG -->"

# Decided by the emulation office when it publishes, not by the proposer.
OFFICE_FIELDS = ("published", "status", "featured")
LONG_TEXT = ("summary", "photo")  # a text box rather than one line; photo: images are dropped into it
# Where the field's help speaks of files and codes, the form asks in plain words instead.
FORM_LABELS = {
    "nominated_by": "Đơn vị đề xuất",
    "province": "Tỉnh, thành phố (34 tỉnh, thành phố từ 1/7/2025)",
    "movements": "Các phong trào thi đua",
    "criteria": "Các tiêu chí lựa chọn đáp ứng",
    "photo": "Ảnh",
    "consent.given": "Đã có văn bản đồng ý công khai thông tin",
    "consent.date": "Ngày ký văn bản đồng ý",
    "consent.by": "Ai đồng ý công khai thông tin",
}
FORM_HINTS = {
    "summary": "Tối đa {summary_max_chars} ký tự.",
    "nominated_by": "Chọn trong danh sách đơn vị (units.yml). Đơn vị chưa có trong danh sách: ghi tên đầy đủ vào "
                    "phần Câu chuyện.",
    "movements": "Chọn một hoặc nhiều phong trào thi đua (thư mục movements/).",
    "achievements": "Mỗi dòng một thành tích, có số liệu, ngày tháng để kiểm chứng.",
    "commendations": "Mỗi dòng một khen thưởng: tên khen thưởng; hình thức; cơ quan khen thưởng; số quyết định; "
                     "ngày quyết định.",
    "photo": "Kéo thả ảnh vào ô này (JPEG, PNG, WebP). Chỉ gửi ảnh được phép sử dụng, công bố.",
    "sources": "Mỗi dòng một nguồn: địa chỉ https://… (bài báo, văn bản trên mạng) hoặc trích dẫn báo in, văn bản giấy "
               "(tên báo, số, ngày, trang; số, ngày quyết định).",
}
CONFIRMATIONS = (
    "Người được giới thiệu (hoặc gia đình, người đại diện) đã đồng ý công khai thông tin bằng văn bản; "
    "văn bản gửi riêng cho Phòng Thi đua - Khen thưởng, không đính kèm vào đây. Hồ sơ tập thể: đánh dấu ô này.",
    "Thông tin, số liệu đã được đối chiếu với nguồn (quyết định khen thưởng, báo cáo, bài báo), không phô trương.",
    "Ảnh gửi kèm (nếu có) được phép sử dụng và công bố.",
    "Đề xuất không có số căn cước, số điện thoại, địa chỉ nhà riêng của bất kỳ ai.",
)


# --- The issue form -----------------------------------------------------------------------


def issue_form(criteria: Criteria, registries: Registries | None = None) -> dict:
    """The form; `registries` (units, movements) make drop-downs of `nominated_by` and `movements`."""
    registries = registries or Registries((), ())
    body: list[dict] = [{"type": "markdown", "attributes": {"value": (
        "Biểu mẫu này dành cho người **không dùng git**: điền thông tin, bấm **Submit new issue**; "
        "Phòng Thi đua - Khen thưởng sẽ kiểm tra và chuyển thành hồ sơ trên trang web.\n\n"
        "**Lưu ý:** nội dung gửi ở đây ai cũng xem được. Không ghi số căn cước, số điện thoại, "
        "địa chỉ nhà riêng. Ô có dấu * là bắt buộc.")}}]
    for spec in EXEMPLAR_FIELDS:
        if spec.key in OFFICE_FIELDS:
            continue
        if spec.type == RECORD:
            body += [_element(sub, criteria, f"{spec.key}.{sub.key}", spec.required, registries)
                     for sub in spec.subfields]
        else:
            body.append(_element(spec, criteria, spec.key, spec.required, registries))
    body.append({"type": "textarea", "id": "story", "attributes": {
        "label": "Câu chuyện",
        "description": f"Ít nhất {criteria.limits['body_min_words']} từ: hoàn cảnh, cách làm, kết quả cụ thể, "
                       "sức lan tỏa. Trung thực, kiểm chứng được, tránh phô trương."},
        "validations": {"required": True}})
    body.append({"type": "checkboxes", "id": "confirm", "attributes": {
        "label": "Xác nhận trước khi gửi",
        "options": [{"label": text, "required": True} for text in CONFIRMATIONS]}})
    return {"name": "Đề xuất điển hình tiên tiến",
            "description": "Giới thiệu một cá nhân, tập thể hoặc hộ gia đình điển hình mà không cần dùng git.",
            "title": "[Đề xuất] ",
            "labels": ["de-xuat"],
            "body": body}


def _element(spec: Field, criteria: Criteria, path: str, required: str, registries: Registries) -> dict:
    """One form element for the field at `path` ("name", "consent.date")."""
    notes = [f"Trường `{path}` trong hồ sơ."]
    if required == PERSON:
        notes.append("Bắt buộc với cá nhân, hộ gia đình.")
    if path in FORM_HINTS:
        notes.append(FORM_HINTS[path].format(**criteria.limits))
    attributes: dict = {"label": FORM_LABELS.get(path, spec.help), "description": " ".join(notes)}
    choices = _choices(spec, criteria, registries)
    if choices:
        kind = "dropdown"
        attributes["options"] = choices
        if spec.key in ("criteria", "movements"):
            attributes["multiple"] = True
    elif spec.type in (TEXT, INT, DATE) and spec.key not in LONG_TEXT:
        kind = "input"
        placeholder = {INT: "2024", DATE: "2024-04-12"}.get(spec.type)
        if placeholder:
            attributes["placeholder"] = placeholder
    else:
        kind = "textarea"
    element = {"type": kind, "id": path.replace(".", "_"), "attributes": attributes}
    if required == ALWAYS:
        element["validations"] = {"required": True}
    return element


def _choices(spec: Field, criteria: Criteria, registries: Registries) -> list[str]:
    if spec.vocabulary:
        return [f"{label} ({key})" for key, label in criteria.vocabularies[spec.vocabulary].items()]
    if spec.key == "criteria":
        return [f"{c.label} ({c.id})" for c in criteria.criteria.values()]
    if spec.key == "province":
        return [f"{p.name} ({p.slug})" for p in sorted(load_provinces().by_slug.values(), key=lambda p: p.code)]
    if spec.key == "nominated_by":
        return [f"{name} ({uid})" for uid, name in registries.units]
    if spec.key == "movements":
        return [f"{name} ({slug})" for slug, name in registries.movements]
    if spec.type == BOOL:
        return ["Có (true)", "Không (false)"]
    return []


def render_issue_form(criteria: Criteria, registries: Registries | None = None) -> str:
    header = ("# Biểu mẫu đề xuất điển hình (GitHub issue form). Tệp sinh tự động từ showcase/fields.py,\n"
              "# criteria.yml, units.yml và movements/ bằng lệnh `make generate`: không sửa tay, sửa nguồn rồi chạy\n"
              "# lại lệnh.\n")
    return header + yaml.safe_dump(issue_form(criteria, registries), allow_unicode=True, sort_keys=False, width=110)


# --- The field tables in CONTRIBUTING.md --------------------------------------------------


def field_tables(criteria: Criteria) -> str:
    return "\n".join(["### Hồ sơ điển hình (`exemplars/…md`)", "", _table(EXEMPLAR_FIELDS, criteria), "",
                      "### Phong trào thi đua (`movements/…md`)", "", _table(MOVEMENT_FIELDS, criteria)])


def _table(fields: tuple[Field, ...], criteria: Criteria) -> str:
    rows = ["| Trường | Bắt buộc | Cách ghi | Ý nghĩa, giá trị hợp lệ |", "| --- | --- | --- | --- |"]
    for spec in fields:
        rows.append(_row(spec.key, spec, criteria, _required(spec.required)))
        rows += [_row(f"{spec.key}.{sub.key}", sub, criteria, f"Có, trong mỗi `{spec.key}`")
                 for sub in spec.subfields]
    return "\n".join(rows)


def _row(key: str, spec: Field, criteria: Criteria, required: str) -> str:
    meaning = spec.help
    if spec.vocabulary:
        meaning += ": " + "; ".join(f"`{k}` ({v})" for k, v in criteria.vocabularies[spec.vocabulary].items())
    elif spec.key == "criteria":
        meaning += ": " + "; ".join(f"`{c.id}` ({c.label})" for c in criteria.criteria.values())
    return f"| `{key}` | {required} | {TYPE_NAMES[spec.type]} | {meaning.replace('|', '/')} |"


def _required(required: str) -> str:
    return {ALWAYS: "Có", PERSON: "Có, với cá nhân và hộ gia đình"}.get(required, "Không")


# --- Writing ------------------------------------------------------------------------------


def guide_files(root: Path, criteria: Criteria) -> dict[str, str]:
    """Path -> the content it must have; CONTRIBUTING.md keeps its hand-written text around the tables."""
    guide = (root / CONTRIBUTING).read_text(encoding="utf-8")
    start, end = guide.find(TABLES_START), guide.find(TABLES_END)
    if start < 0 or end < start:
        raise ValueError(f"{CONTRIBUTING} thiếu hai dòng đánh dấu vị trí bảng trường:\n{TABLES_START}\n{TABLES_END}")
    tables = f"{TABLES_START}\n\n{field_tables(criteria)}\n\n"
    return {ISSUE_FORM: render_issue_form(criteria, load_registries(root)),
            CONTRIBUTING: guide[:start] + tables + guide[end:]}
