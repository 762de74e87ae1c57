"""Check profiles against the data contract and selection criteria.

Usage: python scripts/validate.py [PATH ...] [--format text|github|json] [--root DIR] [--no-cache] [--fix]
--fix first rewrites, in place, what pasting from Word breaks (showcase/pasting.py), printing each change.
Exit status: 0 valid (warnings allowed), 1 errors found, 2 bad usage.
Unchanged profiles are not checked again: their results are kept in .site-cache/validation/.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase.cli import VietnameseParser  # noqa: E402
from showcase.output import FORMATS, render  # noqa: E402
from showcase.repository import load_showcase  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(description="Kiểm tra hồ sơ điển hình và phong trào thi đua.")
    parser.add_argument("paths", nargs="*", metavar="TỆP", help="tệp cần kiểm tra (mặc định: toàn bộ kho)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="định dạng kết quả")
    parser.add_root()
    parser.add_argument("--no-cache", action="store_true",
                        help="kiểm tra lại mọi hồ sơ, không dùng kết quả đã lưu trong .site-cache/validation/")
    parser.add_argument("--fix", action="store_true",
                        help="trước khi kiểm tra, sửa tại chỗ các lỗi do chép từ Word (dấu cách đặc biệt, ký tự vô hình, "
                             "ngoặc kép cong, dấu đầu dòng, ngày viết NGÀY/THÁNG/NĂM); không đổi nội dung")
    args = parser.parse_args(argv)
    root = parser.root(args)
    targets = None
    if args.paths:
        targets = []
        for raw in args.paths:
            path = Path(raw).resolve()
            if not path.exists():
                parser.error(f"không có tệp {raw}")
            try:
                targets.append(path.relative_to(root).as_posix())
            except ValueError:
                parser.error(f"tệp {raw} nằm ngoài kho {root}")
    if args.fix:
        _fix(root, targets)
    result = load_showcase(root, targets=targets, cache=not args.no_cache)
    files = len(targets) if targets is not None else result.files
    sys.stdout.write(render(result.problems, files, args.format) + "\n")
    return 1 if result.errors else 0


def _fix(root: Path, targets: list[str] | None) -> None:
    from showcase.files import write_atomically
    from showcase.pasting import fix_text

    rels = targets if targets is not None else sorted(
        p.relative_to(root).as_posix() for folder in ("exemplars", "movements") if (root / folder).is_dir()
        for p in (root / folder).rglob("*.md") if p.is_file() and not p.is_symlink())
    for rel in rels:
        path = root / rel
        if path.suffix != ".md" or path.is_symlink() or not path.is_file():
            continue
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the validator says why
        newline = "\r\n" if "\r\n" in text else "\n"
        fixed, changes = fix_text(text.replace("\r\n", "\n"))
        if changes:
            write_atomically(path, fixed.replace("\n", newline).encode("utf-8"), stat.S_IMODE(path.stat().st_mode))
            sys.stdout.write("".join(f"{rel}: {change}\n" for change in changes))


if __name__ == "__main__":
    sys.exit(main())
