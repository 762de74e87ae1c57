"""Turn a proposal made with the issue form into exemplars/<slug>.md and its photo, validate it,
and print the answer to post on the issue (Markdown, Vietnamese).

Usage: python scripts/from_issue.py BODY.md [--root DIR] [--answer FILE] [--slug-file FILE]
BODY.md is the issue's body exactly as GitHub shows it ("-" reads it from standard input).
Exit status: 0 the profile was written (valid or not: the answer says), 1 nothing written, 2 bad usage.
The logic is in showcase/editors/issue_form.py; .github/workflows/de-xuat-tu-issue.yml runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase.cli import VietnameseParser  # noqa: E402
from showcase.criteria import load_criteria  # noqa: E402
from showcase.editors.issue_form import convert  # noqa: E402
from showcase.editors.registries import load_registries  # noqa: E402
from showcase.output import render  # noqa: E402
from showcase.problems import ProblemError  # noqa: E402

MAX_BODY = 200_000  # GitHub caps an issue body at 65,536 characters


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(description="Chuyển đề xuất (issue tạo bằng biểu mẫu) thành hồ sơ điển hình.")
    parser.add_argument("body", metavar="TỆP", help="nội dung issue (dạng GitHub hiển thị); - : đọc từ đầu vào")
    parser.add_root()
    parser.add_argument("--answer", metavar="TỆP", help="ghi câu trả lời (Markdown) vào tệp này")
    parser.add_argument("--slug-file", metavar="TỆP", help="ghi tên hồ sơ (không dấu) vào tệp này khi đã tạo")
    args = parser.parse_args(argv)
    root = parser.root(args)
    try:
        raw = sys.stdin.buffer.read(MAX_BODY) if args.body == "-" else Path(args.body).read_bytes()[:MAX_BODY]
    except OSError:
        parser.error(f"không đọc được tệp {args.body}")
    try:
        criteria = load_criteria(root / "criteria.yml")
    except ProblemError as exc:
        print(render([exc.problem], 1, "text"))
        return 1
    outcome, answer = convert(root, raw.decode("utf-8", errors="replace"), criteria, load_registries(root))
    print(answer, end="")
    if args.answer:
        Path(args.answer).write_text(answer, encoding="utf-8")
    if args.slug_file and outcome.ok:
        Path(args.slug_file).write_text(outcome.slug + "\n", encoding="utf-8")
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
