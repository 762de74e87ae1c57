"""`scripts/fix.py`: remove the hidden data (GPS position, EXIF, XMP, comments) from committed photos.

The photos are changed in place and losslessly (`photo_metadata.strip`): the compressed
pixels are copied byte for byte; the orientation and colour profile are kept, so the photo
looks exactly as before. Run by the pre-commit hook on staged photos.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from . import photo_metadata
from .files import write_atomically
from .cli import VietnameseParser
from .load import load_markdown
from .problems import ProblemError
from .rules.photos import PHOTO_SUFFIXES, is_photo_file

PROFILE_MAX_BYTES = 1_000_000  # enough for any profile; validate.py applies the real limit


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(
        description="Xoá dữ liệu ẩn (toạ độ GPS, EXIF, XMP, ghi chú) khỏi ảnh gốc trong exemplars/, "
                    "giữ nguyên điểm ảnh, chiều xoay và hồ sơ màu.",
        epilog="Mã thoát: 0 xong (hoặc không có gì phải xoá), 1 có ảnh không sửa được, 2 sai cách dùng.")
    parser.add_argument("paths", nargs="*", metavar="TỆP",
                        help="ảnh hoặc hồ sơ .md (sửa ảnh của hồ sơ); mặc định: mọi ảnh trong exemplars/")
    parser.add_argument("--root", default=".", metavar="THƯ_MỤC", help="thư mục gốc của kho (mặc định: thư mục hiện tại)")
    parser.add_argument("--check", action="store_true",
                        help="chỉ báo ảnh nào còn dữ liệu ẩn, không sửa (mã thoát 1 nếu có)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if not (root / "exemplars").is_dir():
        parser.error(f"không thấy thư mục exemplars/ trong {root}; chạy lệnh từ thư mục gốc của kho hoặc dùng --root")
    failed = False
    photos: list[Path] = []
    if args.paths:
        for raw in args.paths:
            path = Path(os.path.abspath(raw))  # not resolved: a symlink must stay visible
            if not path.is_file():
                parser.error(f"không có tệp {raw}")
            if not path.resolve().is_relative_to(root):
                parser.error(f"tệp {raw} nằm ngoài kho {root}")
            if path.suffix == ".md":
                found, ok = _photo_of_profile(path, root)
                photos.extend(found)
                failed |= not ok
            elif is_photo_file(path):
                photos.append(path)
            else:
                parser.error(f"tệp {raw} không phải ảnh ({', '.join(PHOTO_SUFFIXES)}) hay hồ sơ .md")
    else:
        photos = sorted(p for p in (root / "exemplars").rglob("*") if is_photo_file(p) and p.is_file()
                        and not any(part.startswith(".") for part in p.relative_to(root).parts))
    changed = 0
    for photo in dict.fromkeys(photos):  # once each, in order
        result = fix_photo(photo, root, check=args.check)
        if result is None:
            failed = True
        else:
            changed += result
    verb = "còn dữ liệu ẩn" if args.check else "đã xoá dữ liệu ẩn"
    print(f"{len(dict.fromkeys(photos))} ảnh đã xem, {changed} ảnh {verb}.")
    return 1 if failed or (args.check and changed) else 0


def fix_photo(path: Path, root: Path, check: bool = False) -> bool | None:
    """Strip one photo in place: True if it changed (or would, with `check`), False if it had
    nothing to remove, None if it cannot be fixed (the reason is printed)."""
    shown = _shown(path, root)
    if path.is_symlink() or not path.resolve().is_relative_to((root / "exemplars").resolve()):
        print(f"{shown}: là liên kết tượng trưng (symlink) hoặc nằm ngoài exemplars/, không sửa. "
              "Chép chính tệp ảnh vào exemplars/images/.")
        return None
    try:
        data = path.read_bytes()
        before = photo_metadata.parse(data)
        cleaned = photo_metadata.strip(data)
    except OSError as exc:
        print(f"{shown}: không đọc được tệp ({exc.strerror or 'lỗi hệ thống'}).")
        return None
    except photo_metadata.Damaged:
        print(f"{shown}: không sửa được vì tệp không phải ảnh JPEG, PNG, WebP hoặc đã bị hỏng. "
              "Chép lại ảnh từ bản gốc, mở bằng phần mềm xem ảnh rồi lưu lại dưới dạng JPEG.")
        return None
    if cleaned is data:
        return False
    removed = _removed(data, before)
    if check:
        print(f"{shown}: còn {removed}.")
        return True
    try:
        write_atomically(path, cleaned, stat.S_IMODE(path.stat().st_mode))  # keeps the photo's permissions
    except OSError as exc:
        print(f"{shown}: không ghi được tệp ({exc.strerror or 'lỗi hệ thống'}).")
        return None
    print(f"{shown}: đã xoá {removed} (điểm ảnh giữ nguyên; {_count(len(data))} → {_count(len(cleaned))} byte).")
    return True


def _removed(data: bytes, parsed: photo_metadata.Parsed) -> str:
    what = []
    if photo_metadata.has_location(data):
        what.append("toạ độ GPS")
    if parsed.exif:
        what.append("EXIF (máy chụp, ngày giờ, ảnh thu nhỏ)")
    if parsed.text:
        what.append("dữ liệu ẩn khác (XMP, ghi chú, văn bản, dữ liệu thêm sau ảnh)")
    return ", ".join(what) or "dữ liệu ẩn"


def _photo_of_profile(path: Path, root: Path) -> tuple[list[Path], bool]:
    rel = _shown(path, root)
    try:
        doc = load_markdown(path, rel, PROFILE_MAX_BYTES)
    except ProblemError as exc:
        print(f"{rel}: không đọc được hồ sơ ({exc.problem.message}); chạy scripts/validate.py để xem lỗi.")
        return [], False
    photo = doc.meta.get("photo")
    if not isinstance(photo, str) or not photo or "\0" in photo:
        return [], True
    target = path.parent / photo
    exemplars = (root / "exemplars").resolve()
    try:
        inside = target.resolve().is_relative_to(exemplars) and target.is_file()
    except (OSError, RuntimeError):
        inside = False
    if not inside or not is_photo_file(target):
        print(f"{rel}: ảnh `{photo[:120]}` không phải tệp ảnh trong exemplars/; chạy scripts/validate.py để xem lỗi.")
        return [], False
    return [target], True


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Vietnamese thousands separator


def _shown(path: Path, root: Path) -> str:
    for candidate in (path, path.parent.resolve() / path.name):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return str(path)


if __name__ == "__main__":
    sys.exit(main())
