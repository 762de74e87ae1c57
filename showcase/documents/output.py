"""Writing a document where the user asked: checked first, written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from ..files import write_atomically


def output_problem(target: str, suffix: str) -> str | None:
    """Why `target` cannot receive a `suffix` file, in Vietnamese; None when it can."""
    path = Path(target)
    if not target.strip():
        return "đường dẫn tệp ra đang để trống."
    if path.is_dir():
        return f"{target} là một thư mục; hãy ghi rõ tên tệp, ví dụ {Path(target) / ('bao-cao' + suffix)}."
    if path.suffix.lower() != suffix:
        return f"tệp ra {target} cần có đuôi {suffix}."
    if path.is_symlink():
        return f"{target} là liên kết tượng trưng (symlink); hãy chọn một tệp thường."
    if path.exists() and not path.is_file():
        return f"{target} không phải là một tệp thường."
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        return f"thư mục {parent} chưa có; hãy tạo thư mục trước hoặc chọn nơi khác."
    if not os.access(parent, os.W_OK):
        return f"không có quyền ghi vào thư mục {parent}."
    return None


def write_atomic(target: str, data: bytes) -> None:
    """Never a half-written document (showcase.files)."""
    write_atomically(Path(target), data)
