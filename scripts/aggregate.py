"""An aggregate portal from many showcase sites' open data, without rebuilding any of them.

Usage: python scripts/aggregate.py SITE [SITE ...] --out DIR [--ten "TÊN CỔNG"]
A SITE is a built site's folder, its api/exemplars.json, a site's home address (https://…/) or the
file's address. The portal (listings by site, province and field linking back to each profile's home
site, and one search over all of them) is written into DIR, which must be empty, absent or a portal
written by this command before. Exit status: 0 written (sites that could not be read are skipped and
named), 1 nothing written, 2 bad usage. Logic: showcase/federation/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase.cli import VietnameseParser  # noqa: E402
from showcase.federation import aggregate, portal  # noqa: E402
from showcase.hygiene import hidden_character  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(
        description="Tạo cổng tổng hợp điển hình tiên tiến từ dữ liệu mở (api/exemplars.json) của nhiều trang web: "
                    "danh sách theo trang web, tỉnh, thành phố, lĩnh vực, mỗi hồ sơ dẫn về trang gốc, và một ô "
                    "tra cứu chung. Không cần dựng lại các trang đó.",
        usage="%(prog)s TRANG [TRANG ...] --out THƯ_MỤC [--ten TÊN]")
    parser.add_argument("sites", nargs="+", metavar="TRANG",
                        help="thư mục một trang đã dựng (ví dụ site/), tệp api/exemplars.json, hoặc địa chỉ "
                             "https://… của trang (hay của tệp đó)")
    parser.add_argument("--out", required=True, metavar="THƯ_MỤC",
                        help="thư mục ghi cổng tổng hợp: trống, chưa có, hoặc do chính lệnh này tạo lần trước "
                             "(khi đó được thay toàn bộ)")
    parser.add_argument("--ten", default=portal.TITLE, metavar="TÊN", help=f"tên cổng (mặc định: {portal.TITLE})")
    args = parser.parse_args(argv)
    title = " ".join(args.ten.split())
    if not title or len(title) > 100 or hidden_character(title):
        parser.error("--ten là tên cổng tổng hợp: một dòng chữ, không quá 100 ký tự")
    try:
        return aggregate.run(args.sites, Path(args.out), title)
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng; cổng tổng hợp cũ (nếu có) vẫn giữ nguyên.\n")
        return 1
    except Exception as exc:  # a defect of this program must not greet its user with a traceback
        sys.stderr.write(f"Lỗi ngoài dự kiến của chương trình ({type(exc).__name__}); cổng tổng hợp cũ (nếu có) "
                         "vẫn giữ nguyên. Chạy lại lệnh; nếu lỗi lặp lại, báo cho người phụ trách kỹ thuật.\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
