"""Create a new exemplar profile from the editor's template.

Usage: python scripts/new_profile.py "Nguyễn Văn A" --kind individual [--category new-model] [--root DIR]
Exit status: 0 created, 1 not created (the file exists, bad criteria.yml), 2 bad usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase.cli import VietnameseParser  # noqa: E402
from showcase.criteria import load_criteria  # noqa: E402
from showcase.output import render  # noqa: E402
from showcase.problems import ProblemError  # noqa: E402
from showcase.scaffold import ProfileExists, ScaffoldError, create_profile, next_steps  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(description="Tạo hồ sơ điển hình mới từ biểu mẫu, trong thư mục exemplars/.",
                     usage='%(prog)s "HỌ TÊN" --kind individual|collective|household '
                           '[--category NHÓM] [--root THƯ_MỤC]')
    parser.add_argument("name", help="họ tên cá nhân, tên tập thể hoặc “Hộ ông/bà …”, đặt trong ngoặc kép")
    parser.add_argument("--kind", required=True, help="loại: individual (cá nhân), collective (tập thể), "
                                                      "household (hộ gia đình)")
    parser.add_argument("--category", default="advanced-exemplar",
                        help="nhóm: advanced-exemplar (mặc định), new-model, new-factor, good-deed")
    parser.add_root()
    args = parser.parse_args(argv)
    root = parser.root(args)
    try:
        criteria = load_criteria(root / "criteria.yml")
    except ProblemError as exc:
        sys.stderr.write(render([exc.problem], 1, "text") + "\n")
        return 1
    try:
        path = create_profile(root, criteria, args.name, args.kind, args.category)
    except ProfileExists as exc:
        sys.stderr.write(f"Không tạo hồ sơ: {exc}\n")
        return 1
    except ScaffoldError as exc:
        parser.error(str(exc))
    print(next_steps(path.relative_to(root).as_posix(), args.kind))
    return 0


if __name__ == "__main__":
    sys.exit(main())
