"""What the command-line scripts share: an argument parser that speaks Vietnamese."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# argparse words its messages through gettext (below); only "--a: không dùng được cùng với --b",
# made of two pieces, reads better turned round.
_MESSAGES = [(r"(\S+): không dùng được cùng với (\S+)", r"không dùng \1 cùng với \2")]


# Every string argparse prints itself (it looks them up through gettext when it prints them),
# so that `--help` and bad usage show no English: "usage:", section titles, the -h help.
_ARGPARSE = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tuỳ chọn",
    "optional arguments": "tuỳ chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số: %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "invalid choice: %(value)r (choose from %(choices)s)": "giá trị %(value)r không hợp lệ (chọn một trong: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "not allowed with argument %s": "không dùng được cùng với %s",
    "ignored explicit argument %r": "không nhận giá trị %r",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "ambiguous option: %(option)s could match %(matches)s": "tuỳ chọn %(option)s chưa rõ: có thể là %(matches)s",
    "unexpected option string: %s": "tuỳ chọn lạ: %s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}


def _vietnamese(message: str) -> str:
    return _ARGPARSE.get(message, message)


def _vietnamese_plural(singular: str, plural: str, count: int) -> str:
    return _vietnamese(singular if count == 1 else plural)


argparse._ = _vietnamese  # argparse calls these module globals when it prints, never at import
argparse.ngettext = _vietnamese_plural


# Placeholders `--help` shows for a value (argparse would print the English name in capitals).
_METAVARS = {"root": "THƯ_MỤC", "date": "NGÀY", "slug": "TÊN-HỒ-SƠ", "paths": "TỆP", "name": "TÊN", "kind": "LOẠI",
             "category": "NHÓM", "output": "TỆP", "file": "TỆP", "files": "TỆP", "port": "CỔNG", "unit": "MÃ_ĐƠN_VỊ",
             "year": "NĂM", "issue": "TỆP", "body": "TỆP"}


class VietnameseParser(argparse.ArgumentParser):
    """Bad usage prints the usage line and a Vietnamese message, and exits with status 2."""

    def add_argument(self, *args, **kwargs):
        if "metavar" not in kwargs and "choices" not in kwargs and kwargs.get("action") in (None, "store", "append"):
            name = kwargs.get("dest") or next((a.lstrip("-") for a in args if a.startswith("--")), args[0] if args else "")
            if name.replace("-", "_") in _METAVARS:
                kwargs["metavar"] = _METAVARS[name.replace("-", "_")]
        return super().add_argument(*args, **kwargs)

    def add_root(self) -> None:
        """`--root`: the repository's folder; `root(args)` reads it."""
        self.add_argument("--root", default=".", help="thư mục gốc của kho (mặc định: thư mục hiện tại)")

    def root(self, args: argparse.Namespace) -> Path:
        """The repository named by `--root`, or a usage error if it holds no criteria.yml."""
        root = Path(args.root).resolve()
        if not (root / "criteria.yml").is_file():
            self.error(f"không thấy criteria.yml trong {root}; chạy lệnh từ thư mục gốc của kho hoặc dùng --root")
        return root

    def error(self, message: str) -> None:
        for english, vietnamese in _MESSAGES:
            message = re.sub(f"^{english}$", vietnamese, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi cách dùng: {message}\n")
