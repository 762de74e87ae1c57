"""The six-monthly or annual report on exemplars, as Markdown (default) or CSV.

Usage: python scripts/report.py --year 2024 | --half 2024-H1 [--csv] [--output FILE] [--root DIR]
Exit status: 0 written, 1 the repository cannot be read, 2 bad usage.
Profiles with errors are not counted; the report lists them so that none is left out silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase.cli import VietnameseParser  # noqa: E402
from showcase.output import render  # noqa: E402
from showcase.report import Period, build_report, render_csv, render_markdown  # noqa: E402
from showcase.repository import load_showcase  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(description="Báo cáo điển hình tiên tiến 6 tháng hoặc cả năm: số lượng theo đơn vị, "
                                 "lĩnh vực, phong trào, loại, nhóm, tỉnh; đơn vị vượt hạn mức, đơn vị chưa có "
                                 "điển hình; tỷ lệ do cơ sở đề xuất.",
                     usage="%(prog)s --year NĂM | --half NĂM-H1|NĂM-H2 [--csv] [--output TỆP] [--root THƯ_MỤC]")
    period = parser.add_mutually_exclusive_group(required=True)
    period.add_argument("--year", metavar="NĂM", help="cả năm, theo năm lựa chọn (`year`), ví dụ 2024")
    period.add_argument("--half", metavar="NĂM-H1|NĂM-H2",
                        help="6 tháng, theo ngày đăng (`published`): 2024-H1 (tháng 1-6), 2024-H2 (tháng 7-12)")
    parser.add_argument("--csv", action="store_true",
                        help="xuất CSV (mở bằng Excel); khi ghi ra tệp, CSV có BOM UTF-8 để Excel hiện đúng dấu")
    parser.add_argument("--output", metavar="TỆP", help="ghi ra tệp thay vì in ra màn hình")
    parser.add_argument("--root", default=".", help="thư mục gốc của kho (mặc định: thư mục hiện tại)")
    args = parser.parse_args(argv)
    try:
        chosen = Period.parse(args.year if args.year is not None else args.half)
    except ValueError as exc:
        parser.error(str(exc))
    if args.year is not None and chosen.half is not None:
        parser.error("--year nhận một năm, ví dụ 2024; báo cáo 6 tháng dùng --half 2024-H1")
    if args.half is not None and chosen.half is None:
        parser.error("--half cần dạng 2024-H1 hoặc 2024-H2; báo cáo cả năm dùng --year 2024")
    root = Path(args.root).resolve()
    if not (root / "criteria.yml").is_file():
        parser.error(f"không thấy criteria.yml trong {root}; chạy lệnh từ thư mục gốc của kho hoặc dùng --root")
    result = load_showcase(root)
    if result.showcase is None:
        sys.stderr.write(render(result.problems, 1, "text") + "\n")
        return 1
    report = build_report(result.showcase, chosen, result.problems)
    text = render_csv(report) if args.csv else render_markdown(report)
    if report.excluded:
        sys.stderr.write(f"Chú ý: {len(report.excluded)} hồ sơ còn lỗi nên chưa được tính "
                         "(xem mục cuối báo cáo; chạy scripts/validate.py để sửa).\n")
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8-sig" if args.csv else "utf-8", newline="")
        except OSError as exc:
            sys.stderr.write(f"Không ghi được tệp {args.output}: {exc.strerror}.\n")
            return 1
        sys.stderr.write(f"Đã ghi báo cáo {chosen.label} vào {args.output}.\n")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
