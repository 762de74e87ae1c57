"""Consent (DH303, DH304, DH308) and the template's example text (DH111).

Consent is recorded by the editor, never by a tool: a new profile fails until it is. A
profile that still holds the template's example text is refused, whatever field holds it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from repo_fixture import TODAY, Repo, line_of
from showcase.criteria import load_criteria
from showcase.scaffold import create_profile
from showcase.template import EXAMPLES, render_exemplar_template

ROOT = Path(__file__).resolve().parent.parent
A = "exemplars/nguyen-van-a.md"  # individual, consent given 2024-10-02, published 2025-01-15
H = "exemplars/htx-dong-tam.md"  # collective: no consent needed
B = "exemplars/ho-ong-tran-van-b.md"  # household
STORY = " ".join(["Anh chuyển đổi cây trồng, liên kết với hợp tác xã và hướng dẫn kỹ thuật cho bà con trong thôn,"
                  " nhờ đó nhiều hộ có thu nhập ổn định và thoát nghèo bền vững."] * 8)


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path)


def hits(repo: Repo, code: str, rel: str) -> list:
    return [p for p in repo.validate().problems if p.code == code and p.path == rel]


def codes(repo: Repo, rel: str) -> list[str]:
    return sorted(p.code for p in repo.validate().problems if p.path == rel)


def set_value(repo: Repo, rel: str, path: tuple, value) -> None:
    """Set one front-matter value (a key path such as ("commendations", 0, "issuer"))."""
    text = repo.read(rel)
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    target = meta
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    repo.write(rel, "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body)


# --- Consent is never pre-filled --------------------------------------------------------


def test_template_and_new_profile_leave_consent_to_the_editor(repo):
    criteria = load_criteria(repo.file("criteria.yml"))
    template = (ROOT / "templates" / "exemplar.md").read_text(encoding="utf-8")
    path = create_profile(repo.path, criteria, "Lê Thị Ánh", "individual", today=TODAY)
    for text in (template, path.read_text(encoding="utf-8"), render_exemplar_template(criteria, kind="household")):
        consent = yaml.safe_load(text.split("---\n")[1])["consent"]
        assert consent == {"given": None, "date": None, "by": None}
        assert not re.search(r"^\s*given:\s*true", text, re.MULTILINE)


def test_dh304_new_profile_fails_until_the_editor_records_consent(repo):
    """A profile made by new_profile.py, with every other field filled in, fails on consent
    alone, with messages that say what to record; once recorded, it is valid."""
    criteria = load_criteria(repo.file("criteria.yml"))
    path = create_profile(repo.path, criteria, "Lê Thị Ánh", "individual", today=TODAY)
    rel = path.relative_to(repo.path).as_posix()
    text = path.read_text(encoding="utf-8")
    for old, new in ((EXAMPLES["summary"], "Nông dân sản xuất giỏi, giúp 12 hộ trong thôn thoát nghèo."),
                     (EXAMPLES["nominated_by"], "ubnd-xa-gia-vien"), (EXAMPLES["place"], "Thôn Tây, xã Gia Viễn"),
                     (EXAMPLES["movements"], "chuyen-doi-so"),
                     (EXAMPLES["achievements"], "Năm 2025 giúp 12 hộ thoát nghèo."),
                     ("-->\n", "-->\n\n" + STORY + "\n")):
        assert old in text
        text = text.replace(old, new)
    repo.write(rel, text)
    problems = [p for p in repo.validate().problems if p.path == rel]
    assert sorted(p.code for p in problems) == ["DH101", "DH101", "DH304"]  # given, date, by: one each
    given = next(p for p in problems if p.code == "DH304")
    assert given.line == line_of(text, "\n  given:") + 1
    assert "đang để trống" in given.message
    for needed in ("`given: true`", "`date:`", "`by:`", "văn bản đồng ý có chữ ký"):
        assert needed in given.hint
    assert {"`date`", "`by`"} == {re.search(r"`\w+`", p.message).group() for p in problems if p.code == "DH101"}

    repo.write(rel, text.replace("  given:\n  date:\n  by:\n", "  given: true\n  date: 2026-11-20\n  by: self\n"))
    assert [p for p in repo.validate().problems if p.path == rel] == []


def test_dh304_new_profile_script_says_consent_is_for_the_editor(repo):
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "new_profile.py"), "Lê Thị Ánh", "--kind", "individual"],
                         cwd=repo.path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "consent (sự đồng ý) để trống" in out.stdout and "văn bản đồng ý có chữ ký" in out.stdout
    assert yaml.safe_load(repo.read("exemplars/le-thi-anh.md").split("---\n")[1])["consent"]["given"] is None


# --- DH303, DH304 ----------------------------------------------------------------------


def test_dh303_missing_consent_says_what_to_record(repo):
    repo.replace(B, "consent:\n  given: true\n  date: 2023-08-01\n  by: family\n", "")
    (hit,) = hits(repo, "DH303", B)
    assert hit.line == line_of(repo.read(B), "kind: household")
    assert "`given: true`" in hit.hint and "`self`" in hit.hint
    assert codes(repo, B) == ["DH303"]  # not also "missing key" (DH101)


def test_dh303_empty_consent_key(repo):
    repo.replace(B, "consent:\n  given: true\n  date: 2023-08-01\n  by: family\n", "consent:\n")
    (hit,) = hits(repo, "DH303", B)
    assert hit.line == line_of(repo.read(B), "consent:")


@pytest.mark.parametrize("given", ["false", "\"true\"", "có", "1"])
def test_dh304_consent_not_given(repo, given):
    repo.replace(B, "  given: true", f"  given: {given}")
    (hit,) = hits(repo, "DH304", B)
    assert hit.line == line_of(repo.read(B), f"  given: {given}")


def test_dh303_collective_needs_no_consent_near_miss(repo):
    assert "consent" not in repo.read(H)
    assert codes(repo, H) == []


# --- DH308: consent after publication -------------------------------------------------


def test_dh308_consent_dated_after_publication(repo):
    repo.replace(A, "  date: 2024-10-02", "  date: 2025-02-01")
    (hit,) = hits(repo, "DH308", A)
    assert hit.line == line_of(repo.read(A), "  date: 2025-02-01")
    assert "2025-02-01" in hit.message and "2025-01-15" in hit.message


def test_dh308_consent_on_the_day_of_publication_is_accepted(repo):
    repo.replace(A, "  date: 2024-10-02", "  date: 2025-01-15")
    assert codes(repo, A) == []


# --- DH111: the template's example text -------------------------------------------------


def _example_paths() -> list[tuple[str, tuple, object]]:
    """Where each example of the template goes in profile A, and the value to put there."""
    cases = []
    for key, example in EXAMPLES.items():
        if key.startswith("commendations."):
            cases.append((key, ("commendations", 0, key.split(".")[1]), example))
        elif key in ("movements", "achievements", "sources"):
            cases.append((key, (key, 0), example))
        else:
            cases.append((key, (key,), example))
    return cases


def test_dh111_every_example_is_in_the_template():
    template = (ROOT / "templates" / "exemplar.md").read_text(encoding="utf-8")
    for example in EXAMPLES.values():
        assert example in template


@pytest.mark.parametrize("key, path, value", _example_paths(), ids=[c[0] for c in _example_paths()])
def test_dh111_example_left_in_a_field(repo, key, path, value):
    set_value(repo, A, path, value)
    found = hits(repo, "DH111", A)
    assert found, [f"{p.code} {p.message}" for p in repo.validate().problems]
    assert all("biểu mẫu" in p.message and p.hint for p in found)


@pytest.mark.parametrize("path, value", [
    (("summary",), "Một, hai câu nêu bật thành tích tiêu biểu nhất."),  # the bracket removed
    (("summary",), "MỘT, HAI CÂU NÊU BẬT THÀNH TÍCH TIÊU BIỂU NHẤT (tối đa 300 ký tự)"),
    (("summary",), "Mot, hai cau neu bat thanh tich tieu bieu nhat (toi da 300 ky tu)."),  # typed without tones
    (("achievements", 1), "Kết quả cụ thể có số liệu."),
    (("place",), "Thôn Đoài, xã …"),  # half filled
    (("place",), "Thôn ..., xã Gia Viễn"),
    (("photo_alt",), "Mô tả ngắn nội dung ảnh."),
    (("name",), "Hộ ông/bà …"),
])
def test_dh111_example_edited_a_little(repo, path, value):
    set_value(repo, A, path, value)
    assert hits(repo, "DH111", A)


def test_dh111_line_of_the_example(repo):
    repo.replace(A, "place: Thôn Đông, xã Gia Viễn", "place: Thôn …, xã …")
    (hit,) = hits(repo, "DH111", A)
    assert hit.line == line_of(repo.read(A), "place: Thôn …")


def test_dh111_example_in_the_story(repo):
    repo.replace(A, "## Hành trình vượt khó\n", "## Hành trình vượt khó\n\n" + EXAMPLES["achievements"] + "\n")
    (hit,) = hits(repo, "DH111", A)
    assert hit.line == line_of(repo.read(A), EXAMPLES["achievements"])


def test_dh111_untouched_new_profile_is_refused(repo):
    path = create_profile(repo.path, load_criteria(repo.file("criteria.yml")), "Lê Thị Ánh", "collective",
                          today=TODAY)
    rel = path.relative_to(repo.path).as_posix()
    keys = {p.message.split("`")[1] for p in hits(repo, "DH111", rel)}
    assert {"summary", "place", "achievements[1]", "nominated_by", "movements[1]"} <= keys


@pytest.mark.parametrize("path, value", [
    (("place",), "Thôn Xá, xã Gia Viễn"),  # folds to the words of "Thôn …, xã …"
    (("place",), "Xã Gia Viễn…"),
    (("summary",), "Nông dân giỏi trồng lúa, ngô, khoai… giúp 20 hộ thoát nghèo."),
    (("summary",), "Một, hai năm đầu khó khăn, nay thu nhập tối đa 300 triệu đồng."),
    (("achievements", 0), "Kết quả: 20 hộ thoát nghèo năm 2024, có số liệu của xã."),
    (("photo_alt",), "Ảnh chụp anh A đang mô tả cách làm"),
    (("commendations", 0, "title"), "Bằng khen của Chủ tịch UBND tỉnh"),  # a real title, also the template's
])
def test_dh111_near_misses_are_accepted(repo, path, value):
    set_value(repo, A, path, value)
    assert codes(repo, A) == []
