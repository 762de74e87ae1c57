"""A unit's nomination dossier for one year, as one Word document: a cover letter to the agency and a
"báo cáo tóm tắt thành tích" per exemplar (at most the quota, three by default).

Usage: python scripts/dossier.py --unit ID --year NĂM --output TỆP.docx [--ngay NGÀY] [--root DIR]
Exit status: 0 written, 1 a profile of the unit is not valid, nothing to send, or a file cannot be
read or written, 2 bad usage. A profile with errors is refused with the validator's messages.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase.cli import VietnameseParser  # noqa: E402
from showcase.output import render  # noqa: E402
from showcase.periods import Period, parse_day  # noqa: E402
from showcase.problems import ProblemError  # noqa: E402
from showcase.repository import load_showcase  # noqa: E402
from showcase.text import nearest  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(
        description="Hồ sơ giới thiệu điển hình tiên tiến của một đơn vị trong một năm: công văn giới thiệu "
                    "và báo cáo tóm tắt thành tích của từng điển hình, trong một tệp Word (.docx).",
        usage="%(prog)s --unit MÃ_ĐƠN_VỊ --year NĂM --output TỆP.docx [--ngay NGÀY] [--root THƯ_MỤC]")
    parser.add_argument("--unit", required=True, metavar="MÃ_ĐƠN_VỊ", help="mã đơn vị trong units.yml")
    parser.add_argument("--year", required=True, metavar="NĂM", help="năm lựa chọn, ví dụ 2025")
    parser.add_argument("--output", required=True, metavar="TỆP.docx", help="tệp Word sẽ ghi")
    parser.add_argument("--ngay", metavar="NGÀY", help="ngày ký công văn (mặc định để trống để điền khi ký)")
    parser.add_root()
    args = parser.parse_args(argv)
    try:
        period = Period.parse(args.year)
        signed = parse_day(args.ngay) if args.ngay else None
    except ValueError as exc:
        parser.error(str(exc))
    if period.half is not None:
        parser.error("--year nhận một năm, ví dụ 2025")
    from showcase.documents.output import output_problem, write_atomic

    if why := output_problem(args.output, ".docx"):
        parser.error(why)
    root = parser.root(args)
    sys.stderr.write("Đang kiểm tra hồ sơ…\n")
    result = load_showcase(root)
    showcase = result.showcase
    if showcase is None:
        sys.stderr.write(render(result.problems, 1, "text") + "\n")
        return 1
    if args.unit not in showcase.units:
        guess = nearest(args.unit, list(showcase.units))
        parser.error(f"không có đơn vị mã “{args.unit}” trong units.yml"
                     + (f"; có phải ý bạn là {guess} ({showcase.units[guess].name})?" if guess else ""))
    from showcase.documents.agency import load_agency
    from showcase.documents.dossier import dossier_docx, unit_nominations

    try:
        agency = load_agency(root)
    except ProblemError as exc:
        sys.stderr.write(render([exc.problem], 1, "text") + "\n")
        return 1
    unit_name = showcase.units[args.unit].name
    found = unit_nominations(showcase, result.problems, args.unit, period.year)
    if found.refused:
        files = len({p.path for p in found.refused})
        sys.stderr.write(render(found.refused, files, "text") + "\n")
        sys.stderr.write(f"Chưa tạo hồ sơ: {files} hồ sơ của {unit_name} năm {period.year} còn lỗi; "
                         "sửa theo hướng dẫn trên rồi chạy lại.\n")
        return 1
    if not found.exemplars:
        sys.stderr.write(f"{unit_name} chưa có điển hình nào được lựa chọn năm {period.year}: không có gì để gửi.\n")
        return 1
    sys.stderr.write(f"Đang tạo hồ sơ {len(found.exemplars)} điển hình của {unit_name}…\n")
    try:
        write_atomic(args.output, dossier_docx(showcase, agency, args.unit, period.year, found.exemplars, signed))
    except OSError as exc:
        sys.stderr.write(f"Không ghi được tệp {args.output}: {exc.strerror or 'lỗi hệ thống'}.\n")
        return 1
    sys.stderr.write(f"Đã ghi hồ sơ giới thiệu năm {period.year} của {unit_name} vào {args.output}.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
