"""The six-monthly or annual report on exemplars: Markdown or CSV, and Word and Excel documents.

Usage:
  python scripts/report.py --year 2024 | --half 2024-1 | --from 2024-03-01 --to 2024-05-31
         [--chot-so-lieu] [--csv] [--output FILE] [--docx FILE.docx] [--xlsx FILE.xlsx]
         [--ngay NGÀY] [--so SỐ] [--root DIR]
A profile counts in a period when its publication date (`published`) falls inside it, so the two
halves of a year add up to the year. Exit status: 0 written, 1 the repository or agency.yml cannot be
read or a file cannot be written, 2 bad usage. Profiles with errors are not counted; the report
lists them so that none is left out silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase.cli import VietnameseParser  # noqa: E402
from showcase.output import render  # noqa: E402
from showcase.periods import Period, parse_day  # noqa: E402
from showcase.problems import ProblemError  # noqa: E402
from showcase.report import build_report, render_csv, render_markdown  # noqa: E402
from showcase.repository import load_showcase  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(
        description="Báo cáo điển hình tiên tiến 6 tháng, cả năm hoặc một khoảng ngày: số lượng theo đơn vị, "
                    "lĩnh vực, phong trào, loại, nhóm, tỉnh, hình thức khen thưởng; so sánh với kỳ trước; "
                    "xuất Markdown, CSV, Word (.docx, thể thức Nghị định 30/2020/NĐ-CP) và Excel (.xlsx). "
                    "Một điển hình được tính vào kỳ có ngày đăng công khai của nó.",
        usage="%(prog)s --year NĂM | --half NĂM-1|NĂM-2 | --from NGÀY --to NGÀY [--chot-so-lieu] [--csv] "
              "[--output TỆP] [--docx TỆP.docx] [--xlsx TỆP.xlsx] [--ngay NGÀY] [--so SỐ] [--root THƯ_MỤC]")
    period = parser.add_mutually_exclusive_group(required=True)
    period.add_argument("--year", metavar="NĂM", help="cả năm, ví dụ 2024 (từ 01/01 đến 31/12)")
    period.add_argument("--half", metavar="NĂM-1|NĂM-2",
                        help="6 tháng: 2024-1 (6 tháng đầu năm) hoặc 2024-2 (6 tháng cuối năm)")
    period.add_argument("--from", dest="first", metavar="NGÀY", help="từ ngày (2024-03-01 hoặc 01/03/2024), cùng --to")
    parser.add_argument("--to", dest="last", metavar="NGÀY", help="đến ngày (tính cả ngày đó), cùng --from")
    parser.add_argument("--chot-so-lieu", dest="cutoff", action="store_true",
                        help="theo thời gian chốt số liệu của Nghị định 09/2019/NĐ-CP: 6 tháng từ 15/12 năm trước "
                             "đến 14/6; cả năm từ 15/12 năm trước đến 14/12")
    parser.add_argument("--csv", action="store_true",
                        help="xuất CSV (phân cách bằng dấu chấm phẩy, mở bằng Excel); khi ghi ra tệp có BOM UTF-8")
    parser.add_argument("--output", metavar="TỆP", help="ghi Markdown/CSV ra tệp thay vì in ra màn hình")
    parser.add_argument("--docx", metavar="TỆP.docx", help="ghi báo cáo Word theo thể thức Nghị định 30/2020/NĐ-CP")
    parser.add_argument("--xlsx", metavar="TỆP.xlsx", help="ghi bảng tính Excel: mỗi bảng số liệu một trang tính")
    parser.add_argument("--ngay", metavar="NGÀY", help="ngày ký văn bản (mặc định để trống để điền khi ký)")
    parser.add_argument("--so", metavar="SỐ", help="số văn bản (mặc định để trống để văn thư điền)")
    parser.add_root()
    args = parser.parse_args(argv)
    try:
        chosen = _period(parser, args)
        signed = parse_day(args.ngay) if args.ngay else None
    except ValueError as exc:
        parser.error(str(exc))
    if args.so is not None and (not args.so.strip() or len(args.so) > 20 or any(c in args.so for c in "/\n\r")):
        parser.error("--so là số văn bản, ví dụ 12 (không có dấu /, không quá 20 ký tự)")
    from showcase.documents.output import output_problem, write_atomic

    for target, suffix in ((args.docx, ".docx"), (args.xlsx, ".xlsx")):
        if target is not None and (why := output_problem(target, suffix)):
            parser.error(why)
    if args.output is not None and Path(args.output).is_dir():
        parser.error(f"{args.output} là một thư mục; hãy ghi rõ tên tệp.")
    root = parser.root(args)
    result = load_showcase(root)
    if result.showcase is None:
        sys.stderr.write(render(result.problems, 1, "text") + "\n")
        return 1
    report = build_report(result.showcase, chosen, result.problems)
    if report.excluded:
        sys.stderr.write(f"Chú ý: {len(report.excluded)} hồ sơ còn lỗi nên chưa được tính "
                         "(xem mục cuối báo cáo; chạy scripts/validate.py để sửa).\n")
    written: list[tuple[str, str]] = []
    try:
        if args.docx or args.xlsx:
            from showcase.documents.agency import load_agency
            from showcase.documents.report_docx import report_docx
            from showcase.documents.report_xlsx import report_xlsx

            try:
                agency = load_agency(root)
            except ProblemError as exc:
                sys.stderr.write(render([exc.problem], 1, "text") + "\n")
                return 1
            if not (root / "agency.yml").is_file():
                sys.stderr.write("Chú ý: chưa có agency.yml nên phần đầu văn bản dùng tên mẫu; "
                                 "sao chép agency.yml từ kho gốc và sửa theo cơ quan của bạn.\n")
            if args.docx:
                sys.stderr.write(f"Đang tạo báo cáo Word {chosen.label}…\n")
                write_atomic(args.docx, report_docx(report, agency, date=signed, number=args.so))
                written.append(("báo cáo Word", args.docx))
            if args.xlsx:
                sys.stderr.write(f"Đang tạo bảng tính Excel {chosen.label}…\n")
                write_atomic(args.xlsx, report_xlsx(report, agency))
                written.append(("bảng tính Excel", args.xlsx))
        if args.output or not (args.docx or args.xlsx):
            text = render_csv(report) if args.csv else render_markdown(report)
            if args.output:
                Path(args.output).write_text(text, encoding="utf-8-sig" if args.csv else "utf-8", newline="")
                written.append(("báo cáo CSV" if args.csv else "báo cáo Markdown", args.output))
            else:
                sys.stdout.write(text)
    except OSError as exc:
        sys.stderr.write(f"Không ghi được tệp {exc.filename or ''}: {exc.strerror or 'lỗi hệ thống'}.\n")
        return 1
    for what, where in written:
        sys.stderr.write(f"Đã ghi {what} {chosen.label} vào {where}.\n")
    return 0


def _period(parser: VietnameseParser, args) -> Period:
    if args.first is not None or args.last is not None:
        if args.first is None or args.last is None:
            parser.error("--from và --to phải đi cùng nhau, ví dụ --from 2024-03-01 --to 2024-05-31")
        if args.cutoff:
            parser.error("--chot-so-lieu dùng với --year hoặc --half, không dùng với --from/--to")
        return Period.between(parse_day(args.first), parse_day(args.last))
    chosen = Period.parse(args.year if args.year is not None else args.half, cutoff=args.cutoff)
    if args.year is not None and chosen.half is not None:
        parser.error("--year nhận một năm, ví dụ 2024; báo cáo 6 tháng dùng --half 2024-1")
    if args.half is not None and chosen.half is None:
        parser.error("--half cần dạng 2024-1 (6 tháng đầu năm) hoặc 2024-2 (6 tháng cuối năm); "
                     "báo cáo cả năm dùng --year 2024")
    return chosen


if __name__ == "__main__":
    sys.exit(main())
