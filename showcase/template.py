"""The editor's form (biểu mẫu): a commented profile that doubles as the field reference.

Generated from `showcase.fields` and `criteria.yml`, so that it lists exactly what the
validator accepts. `templates/exemplar.md` in the repository is this output, kept in step
by a test and `make generate`.
"""

from __future__ import annotations

import datetime as dt

from .criteria import Criteria
from .fields import ALWAYS, EXEMPLAR_FIELDS, PERSON, Field

PLACEHOLDER_NAME = "Họ và tên …"  # a blank, so that a copy of the template left unnamed is refused (DH111)
# Example text the template shows, which an editor must replace: the rule DH111
# (showcase/rules/placeholders.py) rejects a profile that still holds any of it, read from
# here so that the two cannot drift apart. Keyed by the path of the value ("commendations.title").
EXAMPLES = {
    "name": PLACEHOLDER_NAME,
    "summary": "Một, hai câu nêu bật thành tích tiêu biểu nhất (tối đa 300 ký tự).",
    "nominated_by": "ma-don-vi-trong-units-yml",
    "place": "Thôn …, xã …",
    "movements": "ten-tep-phong-trao",
    "achievements": "Kết quả cụ thể có số liệu (ví dụ năm 2024 giúp 20 hộ thoát nghèo).",
    "commendations.issuer": "UBND tỉnh …",
    "commendations.decision": "Quyết định số …/QĐ-UBND",
    "photo": "images/ten-anh.jpg",
    "photo_alt": "Mô tả ngắn nội dung ảnh",
    "sources": "https://…",
}
# Real values the template starts from, which may well be right: never rejected.
_DEFAULTS = {
    "category": "advanced-exemplar",
    "field": "agriculture",
    "province": "ninh-binh",
}
_COMMENDATION_EXAMPLE = {"title": "Bằng khen của Chủ tịch UBND tỉnh", "form": "certificate-of-merit",
                         "issuer": EXAMPLES["commendations.issuer"],
                         "decision": EXAMPLES["commendations.decision"], "date": "2024-11-20"}


def render_exemplar_template(criteria: Criteria, name: str = PLACEHOLDER_NAME, kind: str = "individual",
                             today: dt.date | None = None, category: str = "advanced-exemplar") -> str:
    today = today or dt.date.today()
    values = {**_DEFAULTS, **EXAMPLES, "name": name, "kind": kind, "category": category, "year": today.year,
              "published": today.isoformat()}
    lines = ["---",
             "# BIỂU MẪU HỒ SƠ ĐIỂN HÌNH. Dòng bắt đầu bằng # là ghi chú, có thể xoá.",
             "# Thay phần sau dấu hai chấm bằng thông tin thật; giữ nguyên tên trường (bên trái).",
             "# Kiểm tra: .venv/bin/python scripts/validate.py exemplars/<tên-tệp>.md"]
    for spec in EXEMPLAR_FIELDS:
        if spec.required == PERSON and kind not in ("individual", "household"):
            continue
        lines.append("")
        lines.extend(_comment(spec, criteria))
        lines.extend(_entry(spec, values, criteria, today))
    lines += ["---", "", "## Câu chuyện", "",
              f"<!-- Viết ít nhất {criteria.limits['body_min_words']} từ: hoàn cảnh, cách làm, kết quả cụ thể, "
              "sức lan tỏa. Trung thực, kiểm chứng được, tránh phô trương. Không ghi số căn cước, số điện thoại, "
              "thư điện tử, địa chỉ nhà riêng, thông tin sức khoẻ, tôn giáo, tài chính cá nhân. -->", ""]
    return "\n".join(lines)


def _comment(spec: Field, criteria: Criteria) -> list[str]:
    need = {ALWAYS: "bắt buộc", PERSON: "bắt buộc với cá nhân, hộ gia đình"}.get(spec.required, "không bắt buộc")
    out = [f"# {spec.help} ({need})."]
    if spec.vocabulary:
        out.append("#   Chọn một: " + "; ".join(f"{k} = {v}" for k, v in criteria.vocabularies[spec.vocabulary].items()))
    if spec.key == "criteria":
        out.extend(f"#   {c.id}: {c.wording}" for c in criteria.criteria.values())
    for sub in spec.subfields:
        choices = ""
        if sub.vocabulary:
            choices = " Chọn một: " + "; ".join(f"{k} = {v}" for k, v in criteria.vocabularies[sub.vocabulary].items())
        out.append(f"#   {sub.key}: {sub.help}.{choices}")
    return out


def _entry(spec: Field, values: dict, criteria: Criteria, today: dt.date) -> list[str]:
    key = spec.key
    if key == "movements":
        return ["movements:", f"  - {EXAMPLES['movements']}"]
    if key == "criteria":
        return ["criteria:", f"  - {next(iter(criteria.criteria))}"]
    if key == "achievements":
        return ["achievements:", f"  - {EXAMPLES['achievements']}"]
    if key == "commendations":
        first, *rest = _COMMENDATION_EXAMPLE.items()
        return ["# commendations:", f"#   - {first[0]}: {first[1]}", *(f"#     {k}: {v}" for k, v in rest)]
    if key == "consent":
        # Never filled in by a tool: only the editor knows that a signed consent exists. Left
        # empty, the profile fails validation (DH304, DH101) until they record it.
        return ["#   Để trống cho đến khi đơn vị đề xuất nhận được văn bản đồng ý có chữ ký; ngày ký không sau `published`.",
                "consent:", "  given:", "  date:", "  by:"]
    if key == "sources":
        return ["# sources:", f"#   - {EXAMPLES['sources']}"]
    if key in ("photo", "photo_alt", "status", "featured"):
        example = {"photo": EXAMPLES["photo"], "photo_alt": EXAMPLES["photo_alt"],
                   "status": "published", "featured": "false"}[key]
        return [f"# {key}: {example}"]
    value = values.get(key, "")
    if isinstance(value, str) and value and not value[0].isalnum():
        value = f'"{value}"'
    return [f"{key}: {value}"]
