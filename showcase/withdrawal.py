"""Withdrawal of consent (Nghị định 13/2023/NĐ-CP, Article 12): a profile becomes a tombstone.

A tombstone is the profile's file, at the same path, holding only `status: withdrawn` and
`withdrawn: <date>`: nothing about the person. The site answers the profile's old address
with a short page saying the profile was withdrawn (no name), so that links already shared
do not break silently. The photo is deleted from the repository's current tree; what stays
in git history is for the agency to purge (see CONTRIBUTING.md).

`scripts/withdraw.py` is the command-line face of `withdraw`. This module is imported by the
rules too, so it stays light: no image library, no MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .files import write_atomically

WITHDRAWN = "withdrawn"
TOMBSTONE_KEYS = ("status", WITHDRAWN)  # the only keys a tombstone may hold
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 200
_PHOTO_LINE = re.compile(r"^photo:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


class WithdrawalError(Exception):
    """A withdrawal that cannot be carried out; the message is for the editor, in Vietnamese."""


def is_tombstone(meta: dict) -> bool:
    return meta.get("status") == WITHDRAWN


def tombstone_text(date: dt.date) -> str:
    """The whole file of a withdrawn profile."""
    return "\n".join([
        "---",
        "# Hồ sơ đã rút theo yêu cầu của người được nêu gương (Nghị định 13/2023/NĐ-CP).",
        "# Không ghi thêm thông tin nào vào tệp này: trang web chỉ báo hồ sơ đã được rút, không nêu tên.",
        f"status: {WITHDRAWN}",
        f"{WITHDRAWN}: {date.isoformat()}",
        "---",
        "",
    ])


@dataclass
class Outcome:
    rel: str  # the profile's path relative to the root
    already: bool = False  # it was a tombstone before: nothing changed
    deleted: list[str] = field(default_factory=list)  # photos removed (relative paths)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (photo, why it was not removed)
    cached: int = 0  # resized copies removed from the local build cache


def check_slug(slug: str) -> None:
    """A slug names a profile: no folders, no suffix, no way out of exemplars/."""
    if SLUG.fullmatch(slug) and len(slug) <= MAX_SLUG:
        return
    stem = slug.replace("\\", "/").rpartition("/")[2][:-3] if slug.endswith(".md") else ""  # a profile's path
    hint = f" Có phải ý bạn là `{stem}`?" if SLUG.fullmatch(stem) and len(stem) <= MAX_SLUG else ""
    raise WithdrawalError(f"`{slug}` không phải tên hồ sơ hợp lệ: ghi tên tệp hồ sơ không có đuôi .md, "
                          f"chữ thường không dấu nối bằng gạch ngang, ví dụ `nguyen-van-a`.{hint}")


def profiles(root: Path) -> list[Path]:
    """Every profile file under exemplars/, as the validator sees them (hidden files and
    symlinked folders left out)."""
    found = []
    base = root / "exemplars"
    for directory, dirs, files in os.walk(base):  # does not enter symlinked folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(directory) / name for name in sorted(files) if name.endswith(".md") and not name.startswith(".")]
    return found


def find_profile(root: Path, slug: str) -> Path:
    check_slug(slug)
    every = profiles(root)
    matches = [p for p in every if p.name == f"{slug}.md"]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(p.relative_to(root).as_posix() for p in matches)
        raise WithdrawalError(f"Có {len(matches)} tệp cùng tên `{slug}.md`: {listed}. Đổi tên cho khác nhau "
                              "(lỗi DH207 của scripts/validate.py) rồi chạy lại lệnh.")
    from .text import nearest  # difflib: only when the slug is not found

    guess = nearest(slug, [p.name[:-3] for p in every])
    raise WithdrawalError(f"Không có hồ sơ `{slug}` trong thư mục exemplars/."
                          + (f" Có phải ý bạn là `{guess}`?" if guess else
                             " Tên hồ sơ là tên tệp không có đuôi .md, cũng là phần cuối địa chỉ trang "
                             "(…/dien-hinh/TEN-HO-SO/)."))


def withdraw(root: Path, slug: str, date: dt.date) -> Outcome:
    """Turn the profile `slug` into a tombstone dated `date` and delete its photo."""
    root = Path(root).resolve()
    path = find_profile(root, slug)
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise WithdrawalError(f"Không đọc được tệp {rel}: {exc.strerror}.") from None
    meta = _meta(path, rel, text)
    outcome = Outcome(rel)
    if is_tombstone(meta) and isinstance(meta.get(WITHDRAWN), dt.date) and set(meta) <= set(TOMBSTONE_KEYS) \
            and "\n---\n" in text and not text.split("\n---\n", 1)[1].strip():
        outcome.already = True
        return outcome
    photo = meta.get("photo") if meta else _photo_from_text(text)
    write_atomically(path, tombstone_text(date).encode("utf-8"))  # first: a failure leaves the profile whole, with its photo
    if isinstance(photo, str) and photo.strip():
        _delete_photo(root, path, photo.strip(), outcome)
    return outcome


def _meta(path: Path, rel: str, text: str) -> dict:
    """The front-matter, or {} when it cannot be read (a broken profile can be withdrawn too)."""
    from .load import parse_markdown
    from .problems import ProblemError

    try:
        return parse_markdown(text.replace("\r\n", "\n"), path, rel).meta
    except (ProblemError, RecursionError):
        return {}


def _photo_from_text(text: str) -> str | None:
    match = _PHOTO_LINE.search(text)
    return match.group(1).strip("'\"") if match else None


def _delete_photo(root: Path, profile: Path, photo: str, outcome: Outcome) -> None:
    exemplars = root / "exemplars"
    # Lexically: a symlink inside exemplars/ is removed itself, never followed out.
    target = Path(os.path.normpath(profile.parent / photo))
    shown = target.relative_to(root).as_posix() if target.is_relative_to(root) else photo
    if not target.is_relative_to(exemplars) or target == exemplars:
        outcome.kept.append((photo, "nằm ngoài thư mục exemplars/, không tự xoá; kiểm tra và xoá bằng tay nếu "
                                    "đó là ảnh của người này"))
        return
    if not (target.is_file() or target.is_symlink()):
        outcome.kept.append((shown, "không có tệp này"))
        return
    users = _other_users(root, profile, target)
    if users:
        outcome.kept.append((shown, "còn được dùng trong " + ", ".join(users)))
        return
    outcome.cached = _forget_renditions(root, target)
    target.unlink()
    outcome.deleted.append(shown)


def _other_users(root: Path, profile: Path, target: Path) -> list[str]:
    """The other profiles whose `photo` is the same file."""
    users = []
    for other in profiles(root):
        if other == profile:
            continue
        try:
            text = other.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        if target.name not in text:  # most profiles: no need to parse
            continue
        meta = _meta(other, other.name, text)
        photo = meta.get("photo") if meta else _photo_from_text(text)
        if isinstance(photo, str) and Path(os.path.normpath(other.parent / photo.strip())) == target:
            users.append(other.relative_to(root).as_posix())
    return users


def _forget_renditions(root: Path, original: Path) -> int:
    """Remove the resized copies of `original` from the local build cache (`.site-cache/images`)."""
    from .images import CACHE_DIR, cache_digest  # Pillow: only when a photo is removed

    try:
        data = original.read_bytes()
    except OSError:
        return 0
    digest = cache_digest(data)
    removed = 0
    for cached in (root / CACHE_DIR).glob(f"{digest}-*"):
        try:
            cached.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def next_steps(outcome: Outcome, slug: str) -> str:
    """What the script printed, in Vietnamese: what it did and what the editor does next."""
    if outcome.already:
        return (f"Hồ sơ {outcome.rel} đã được rút từ trước (chỉ còn `status` và `withdrawn`); không thay đổi gì.\n"
                + HISTORY_NOTE)
    lines = [f"Đã rút hồ sơ {outcome.rel}: tệp chỉ còn `status: withdrawn` và ngày rút, không còn dữ liệu cá nhân."]
    lines += [f"Đã xoá ảnh {rel}." for rel in outcome.deleted]
    if outcome.cached:
        lines.append(f"Đã xoá {outcome.cached} bản ảnh thu nhỏ trong bộ nhớ đệm .site-cache/images/.")
    lines += [f"Chưa xoá ảnh {rel}: {why}." for rel, why in outcome.kept]
    lines += [
        f"Trang web sẽ trả lời địa chỉ cũ dien-hinh/{slug}/ bằng trang báo hồ sơ đã được rút (không nêu tên);",
        "hồ sơ không còn trong danh sách, tìm kiếm, nguồn tin, dữ liệu mở và sơ đồ trang.",
        "Việc tiếp theo:",
        f"  1. Kiểm tra: .venv/bin/python scripts/validate.py {outcome.rel}",
        "  2. Ghi nhận và gửi thay đổi (commit, pull request), ghi rõ “Rút hồ sơ theo yêu cầu”, không ghi tên.",
        "  3. Sau khi hợp nhất, trang web được dựng lại và đăng tự động.",
        HISTORY_NOTE,
    ]
    return "\n".join(lines)


HISTORY_NOTE = ("Lưu ý: các phiên bản cũ của tệp và ảnh vẫn còn trong lịch sử git của kho (và các bản sao, fork). "
                "Để xoá hẳn, làm theo mục “Rút hồ sơ” trong CONTRIBUTING.md.")
