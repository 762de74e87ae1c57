"""Withdraw a profile when the person withdraws consent (Nghị định 13/2023/NĐ-CP).

Usage: python scripts/withdraw.py SLUG [--date YYYY-MM-DD] [--root DIR]
The profile file becomes a tombstone (`status: withdrawn` and the date, nothing personal),
its photo is deleted, and the site answers its old address with a short notice without the
name. Old versions stay in git history: see CONTRIBUTING.md to purge them.
Exit status: 0 withdrawn (or already), 1 not withdrawn (unknown profile, file error), 2 bad usage.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase.cli import VietnameseParser  # noqa: E402
from showcase.withdrawal import WithdrawalError, check_slug, next_steps, withdraw  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(
        description="Rút hồ sơ khi người được nêu gương (hoặc gia đình, người đại diện) rút lại sự đồng ý: "
                    "xoá dữ liệu cá nhân và ảnh khỏi kho, trang web báo hồ sơ đã được rút.",
        usage="%(prog)s TÊN-HỒ-SƠ [--date NĂM-THÁNG-NGÀY] [--root THƯ_MỤC]")
    parser.add_argument("slug", help="tên tệp hồ sơ không có đuôi .md, ví dụ nguyen-van-a "
                                     "(cũng là phần cuối địa chỉ trang …/dien-hinh/nguyen-van-a/)")
    parser.add_argument("--date", help="ngày nhận đề nghị rút, dạng NĂM-THÁNG-NGÀY (mặc định: hôm nay)")
    parser.add_root()
    args = parser.parse_args(argv)
    root = parser.root(args)
    today = dt.date.today()
    date = today
    if args.date is not None:
        try:
            date = dt.date.fromisoformat(args.date.strip())
        except ValueError:
            parser.error(f"--date `{args.date}` không phải ngày dạng NĂM-THÁNG-NGÀY, ví dụ {today.isoformat()}")
        if date > today:
            parser.error(f"--date {date.isoformat()} ở tương lai; ghi ngày nhận đề nghị rút (không sau hôm nay)")
    try:
        check_slug(args.slug)
    except WithdrawalError as exc:
        parser.error(str(exc))
    try:
        outcome = withdraw(root, args.slug, date)
    except WithdrawalError as exc:
        sys.stderr.write(f"Không rút được hồ sơ. {exc}\n")
        return 1
    except OSError as exc:
        sys.stderr.write(f"Không rút được hồ sơ: lỗi khi ghi tệp ({exc.strerror or exc}). "
                         "Kiểm tra quyền ghi trong thư mục exemplars/ rồi chạy lại lệnh.\n")
        return 1
    print(next_steps(outcome, args.slug))
    return 0


if __name__ == "__main__":
    sys.exit(main())
