"""What the command-line scripts share: an argument parser that speaks Vietnamese."""

from __future__ import annotations

import argparse
import re
import sys

# argparse's own messages, in Vietnamese.
_MESSAGES = [
    (r"the following arguments are required: (.+)", r"thiếu tham số bắt buộc: \1"),
    (r"one of the arguments (.+) is required", r"cần một trong các tham số: \1"),
    (r"argument (\S+): not allowed with argument (\S+)", r"không dùng \1 cùng với \2"),
    (r"argument (\S+): expected one argument", r"\1 cần một giá trị"),
    (r"argument (\S+): invalid choice: (.+)", r"\1: giá trị không hợp lệ: \2"),
    (r"unrecognized arguments: (.+)", r"không hiểu tham số: \1"),
]


class VietnameseParser(argparse.ArgumentParser):
    """Bad usage prints the usage line and a Vietnamese message, and exits with status 2."""

    def error(self, message: str) -> None:
        for english, vietnamese in _MESSAGES:
            message = re.sub(f"^{english}$", vietnamese, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi cách dùng: {message}\n")
