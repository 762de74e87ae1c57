"""Create a new exemplar profile from the editor's template (biểu mẫu).

`scripts/new_profile.py` is the command-line face of this module; everything it checks and
writes is here, so that tests and other tools can call it directly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .criteria import Criteria
from .template import render_exemplar_template
from .text import nfc, slugify


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message is for the editor, in Vietnamese."""


class ProfileExists(ScaffoldError):
    """The profile file is already there: it is never overwritten."""


def profile_path(root: Path, name: str) -> Path:
    slug = slugify(nfc(name))
    if not slug:
        raise ScaffoldError(f"Không tạo được tên tệp từ “{name}”: tên phải có ít nhất một chữ cái hoặc chữ số.")
    return root / "exemplars" / f"{slug}.md"


def create_profile(root: Path, criteria: Criteria, name: str, kind: str,
                   category: str = "advanced-exemplar", today: dt.date | None = None) -> Path:
    """Write `exemplars/<slug>.md` and return its path; never overwrites an existing file."""
    name = " ".join(nfc(name).split())
    for value, vocabulary, what in ((kind, "kinds", "Loại điển hình"), (category, "categories", "Nhóm điển hình")):
        choices = criteria.vocabularies[vocabulary]
        if value not in choices:
            listed = "; ".join(f"{k} ({v})" for k, v in choices.items())
            raise ScaffoldError(f"{what} `{value}` không có trong criteria.yml. Chọn một trong: {listed}.")
    path = profile_path(root, name)
    if path.exists():
        rel = path.relative_to(root).as_posix()
        raise ProfileExists(
            f"Đã có tệp {rel}; không ghi đè để tránh mất nội dung.\n"
            f"→ Nếu đó là cùng một người, tập thể: mở và sửa tệp {rel}.\n"
            f"→ Nếu là người khác trùng tên: thêm nơi ở hoặc đơn vị vào tên, "
            f"ví dụ “{name} Gia Viễn”, rồi chạy lại lệnh.")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_exemplar_template(criteria, name=name, kind=kind, today=today or dt.date.today(),
                                    category=category)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    return path


def next_steps(rel: str, kind: str | None = None) -> str:
    """What the editor does after the file exists, in order."""
    consent = []
    if kind in ("individual", "household"):
        consent = ["     - consent (sự đồng ý) để trống: chỉ ghi `given: true`, `date:` (ngày ký) và `by:` (người ký) "
                   "khi đơn vị đã nhận văn bản đồng ý có chữ ký. Chưa ghi thì hồ sơ chưa hợp lệ."]
    return "\n".join([
        f"Đã tạo {rel} từ biểu mẫu.",
        "Việc tiếp theo:",
        f"  1. Mở {rel}, thay phần sau dấu hai chấm bằng thông tin thật. Dòng bắt đầu bằng # là hướng dẫn.",
        "     - Thay mọi câu mẫu (tóm tắt, nơi công tác, thành tích…): hồ sơ còn câu mẫu bị từ chối.",
        "     - nominated_by: mã đơn vị trong units.yml; movements: tên tệp trong thư mục movements/ (không có .md).",
        *consent,
        "     - Viết câu chuyện bên dưới dòng --- cuối cùng; không ghi số căn cước, số điện thoại, địa chỉ nhà riêng.",
        f"  2. Kiểm tra: .venv/bin/python scripts/validate.py {rel}",
        "  3. Xem trước: make serve, rồi mở http://127.0.0.1:8000 trong trình duyệt.",
        "  4. Gửi đề xuất (pull request) theo hướng dẫn trong CONTRIBUTING.md.",
    ])
