"""Each rule code: a failing fixture (code, file and line) and the passing fixture beside it.

The base repository in fixtures/repo is the passing fixture of every rule; rules with a
near miss worth guarding (a decision number that is no phone number, an allowed tag, a
new province name) carry it in that base, and the tests below name which.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from repo_fixture import Repo, line_of
from showcase.rules import CODES
from showcase.withdrawal import tombstone_text

A = "exemplars/nguyen-van-a.md"  # individual, photo, commendation, consent
H = "exemplars/htx-dong-tam.md"  # collective, two movements, province given by name
B = "exemplars/ho-ong-tran-van-b.md"  # household
M = "movements/nong-thon-moi.md"

# (code, file, old text, new text, text on the offending line or None)
EDITS = [
    ("DH003", A, "kind: individual", "kind: individual: x", "kind: individual: x"),
    ("DH003", A, "date: 2024-11-20", "date: 2024-02-30", "date: 2024-02-30"),
    ("DH003", A, "name: Nguyễn Văn A\n", "name: Nguyễn Văn A\n\tkind: x\n", None),
    ("DH003", A, "kind: individual", "kind: [individual", None),
    ("DH004", A, "field: agriculture\n", "field: agriculture\nfield: health\n", "field: health"),
    ("DH005", H, "criteria:\n  - innovation", "criteria: &c\n  - innovation\nsources: *c", "sources: *c"),
    ("DH007", H, "---\nname: Hợp tác xã Đồng Tâm\n", "---\n- name: Hợp tác xã Đồng Tâm\n---\n", None),
    ("DH101", H, "summary: Mô hình hợp tác xã ứng dụng chuyển đổi số trong tiêu thụ nông sản.\n", "", None),
    ("DH102", A, "summary:", "sumary:", "sumary:"),
    ("DH103", A, "year: 2024", "year: hai nghìn", "year: hai nghìn"),
    ("DH103", A, "featured: true", "featured: có", "featured: có"),
    ("DH103", A, "  - Năm 2024 thu nhập", "  - 42\n  - Năm 2024 thu nhập", "  - 42"),
    ("DH104", A, "field: agriculture", "field: agricultur", "field: agricultur"),
    ("DH104", A, "form: certificate-of-merit", "form: bang-khen", "form: bang-khen"),
    ("DH104", A, "  by: self", "  by: neighbour", "  by: neighbour"),
    ("DH104", M, "level: central", "level: national", "level: national"),
    ("DH105", H, "summary: Mô hình", "summary: " + "Rất dài " * 40 + "Mô hình", "summary: "),
    ("DH106", M, "", "", None),  # movement bodies are not checked for length: replaced below
    ("DH107", A, "year: 2024", "year: 1900", "year: 1900"),
    ("DH107", M, "end: 2025", "end: 2020", "end: 2020"),
    ("DH108", A, "published: 2025-01-15", "published: 2027-01-15", "published: 2027-01-15"),
    ("DH108", A, "date: 2024-11-20", "date: 2026-12-01", "date: 2026-12-01"),
    ("DH109", H, "criteria:\n  - innovation", "criteria: []", "criteria: []"),
    ("DH201", A, "  - nong-thon-moi", "  - nong-thon-moy", "  - nong-thon-moy"),
    ("DH202", A, "nominated_by: ubnd-xa-gia-vien", "nominated_by: ubnd-xa-khac", "nominated_by: ubnd-xa-khac"),
    ("DH203", H, "  - innovation", "  - sang-tao", "  - sang-tao"),
    ("DH204", H, "year: 2024", "year: 2023", "year: 2023"),
    ("DH205", A, "province: ninh-binh", "province: Sài Thành", "province: Sài Thành"),
    ("DH206", A, "province: ninh-binh", "province: Hà Nam", "province: Hà Nam"),
    ("DH301", A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\nSố căn cước 001234567890.", "001234567890"),
    ("DH302", A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\nLiên hệ 0912 345 678.", "0912 345 678"),
    ("DH302", A, "place: Thôn Đông, xã Gia Viễn", "place: Thôn Đông, ĐT +84912345678", "+84912345678"),
    ("DH303", B, "consent:\n  given: true\n  date: 2023-08-01\n  by: family\n", "", None),
    ("DH304", B, "  given: true", "  given: false", "  given: false"),
    ("DH305", A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\nNhà ở số nhà 12 phố Hoa.", "số nhà 12"),
    ("DH401", A, "photo: images/nguyen-van-a.png", "photo: images/khong-co.png", "photo: images/khong-co.png"),
    ("DH402", A, "photo: images/nguyen-van-a.png", "photo: ../criteria.yml", "photo: ../criteria.yml"),
    ("DH403", A, "photo: images/nguyen-van-a.png", "photo: images/anh.gif", "photo: images/anh.gif"),
    ("DH404", A, "photo_alt: Anh Nguyễn Văn A bên ruộng lúa\n", "", "photo: images"),
    ("DH405", A, "  - https://ninhbinh.gov.vn", "  - http://ninhbinh.gov.vn", "  - http://ninhbinh.gov.vn"),
    ("DH405", A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\n[Xem](javascript:alert(1))", "[Xem]"),
    ("DH406", A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\n<script>alert(1)</script>", "<script>"),
    ("DH406", A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\n<iframe src=\"https://x\"></iframe>", "<iframe"),
    ("DH406", A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\n<img src=\"a.png\" onerror=\"x()\">", "onerror"),
]
EDITS = [e for e in EDITS if e[0] != "DH106"]


@pytest.mark.parametrize("code, rel, old, new, needle", EDITS, ids=[f"{e[0]}-{i}" for i, e in enumerate(EDITS)])
def test_edit_is_rejected_with_code_and_line(tmp_path, code, rel, old, new, needle):
    repo = Repo(tmp_path)
    if code == "DH403":
        repo.write("exemplars/images/anh.gif", b"GIF89a")
    repo.replace(rel, old, new)
    result = repo.validate()
    hits = [p for p in result.problems if p.code == code and p.path == rel]
    assert hits, [f"{p.code} {p.path}:{p.line} {p.message}" for p in result.problems]
    if needle:
        assert hits[0].line == line_of(repo.read(rel), needle)
    assert all(p.message and p.hint and "không hiểu được" not in p.message for p in hits)  # worded in Vietnamese
    assert CODES[code].severity == hits[0].severity


def test_base_repository_is_the_passing_fixture(tmp_path):
    result = Repo(tmp_path).validate()
    assert result.problems == []
    assert sorted(result.showcase.exemplars) == ["ho-ong-tran-van-b", "htx-dong-tam", "nguyen-van-a"]


def test_passing_near_misses_are_in_the_base(tmp_path):
    repo = Repo(tmp_path)
    body = repo.read(A)
    # DH302/DH301: a decision number and a hotline are no personal phone or ID number.
    assert "Quyết định số 1234/QĐ-UBND" in body and "1900 1234" in body
    assert "thôn 5" in body  # DH305: a village number is no home address
    assert "<br>" in body  # DH406: allowed tag
    assert "province: Ninh Bình" in repo.read(H)  # DH205/DH206: the new name is accepted
    assert "province: Tỉnh Ninh Bình" in repo.read(B)
    assert repo.validate().problems == []


def test_dh001_file_not_utf8(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/latin1.md", "---\nname: Nguyễn\n---\n".encode("cp1258", errors="replace") + b"\xff\xfe")
    assert [p.code for p in repo.validate().problems if p.path == "exemplars/latin1.md"] == ["DH001"]


@pytest.mark.parametrize("name, content", [
    ("exemplars/upper.MD", "---\nname: X\n---\n"),
    ("exemplars/long.markdown", "---\nname: X\n---\n"),
    ("movements/notes.docx", "x"),
    ("exemplars/no-front-matter.md", "# Chỉ có nội dung\n"),
])
def test_dh002_files_that_would_be_ignored(tmp_path, name, content):
    repo = Repo(tmp_path)
    repo.write(name, content)
    assert "DH002" in [p.code for p in repo.validate().problems if p.path == name]


def test_dh002_photos_and_hidden_files_are_not_profiles(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/.gitkeep", "")
    repo.write("exemplars/images/other.webp", b"RIFF")
    assert repo.validate().problems == []


def test_dh003_unclosed_front_matter(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/open.md", "---\nname: X\n")
    assert [p.code for p in repo.validate().problems if p.path == "exemplars/open.md"] == ["DH003"]


def test_dh006_file_too_large(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/huge.md", repo.read(H) + "chữ " * 60_000)
    assert "DH006" in [p.code for p in repo.validate().problems if p.path == "exemplars/huge.md"]


def test_dh008_broken_criteria(tmp_path):
    repo = Repo(tmp_path)
    repo.replace("criteria.yml", "vocabularies:", "vocabularie:")
    result = repo.validate()
    assert [p.code for p in result.problems] == ["DH008"] and result.showcase is None


def test_dh009_unit_without_level(tmp_path):
    repo = Repo(tmp_path)
    repo.replace("units.yml", "level: local}", "}")
    codes = {(p.code, p.path) for p in repo.validate().problems}
    assert ("DH009", "units.yml") in codes and ("DH202", A) in codes


def test_dh010_file_name_with_tone_marks(tmp_path):
    repo = Repo(tmp_path)
    repo.file(H).rename(repo.file("exemplars/Hợp tác xã.md"))
    problems = [p for p in repo.validate().problems if p.code == "DH010"]
    assert problems and "hop-tac-xa.md" in problems[0].hint


def test_dh011_broken_calendar(tmp_path):
    repo = Repo(tmp_path)
    repo.write("calendar.yml", "events:\n  - date: 1948-06-11\n    name: Lời kêu gọi thi đua ái quốc\n")
    assert repo.validate().problems == []
    repo.write("calendar.yml", "events:\n  - date: 1948-06-11\n    ten: Lời kêu gọi\n")
    (hit,) = repo.validate().problems
    assert (hit.code, hit.path, hit.line) == ("DH011", "calendar.yml", 3)


def test_dh106_story_too_short(tmp_path):
    repo = Repo(tmp_path)
    text = repo.read(H)
    repo.write(H, text[: text.index("---", 4) + 4] + "\nNgắn quá.\n")
    hits = [p for p in repo.validate().problems if p.code == "DH106"]
    assert hits and hits[0].path == H and "2 từ" in hits[0].message


def test_dh108_applies_to_changed_files_only(tmp_path):
    repo = Repo(tmp_path)
    repo.replace(A, "published: 2025-01-15", "published: 2027-01-15")
    assert "DH108" in [p.code for p in repo.validate(targets=[A]).problems]
    assert repo.validate(targets=[H]).problems == []


def test_dh108_a_movement_may_be_planned_ahead(tmp_path):
    repo = Repo(tmp_path)
    repo.replace(M, "end: 2025", "end: 2030")
    assert repo.validate().problems == []


def test_dh207_duplicate_slug_in_subfolder(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/2023/htx-dong-tam.md", repo.read(H).replace("Đồng Tâm", "Đồng Tiến"))
    hits = [p for p in repo.validate().problems if p.code == "DH207"]
    assert [p.path for p in hits] == ["exemplars/2023/htx-dong-tam.md", H]
    assert H in hits[0].message and "exemplars/2023/htx-dong-tam.md" in hits[1].message


def test_dh208_same_person_twice(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/nguyen-van-a-2024.md", unicodedata.normalize("NFD", repo.read(A)).replace(
        "nominated_by: ubnd-xa-gia-vien", "nominated_by: so-noi-vu-ninh-binh"))
    hits = [p for p in repo.validate().problems if p.code == "DH208"]
    assert len(hits) == 1 and hits[0].path == "exemplars/nguyen-van-a.md"
    assert "nguyen-van-a-2024.md" in hits[0].message


def test_dh403_photo_too_large(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/images/nguyen-van-a.png", b"\x89PNG" + b"0" * 5_100_000)
    assert "DH403" in [p.code for p in repo.validate().problems]


def test_dh501_over_quota_names_every_file(tmp_path):
    repo = Repo(tmp_path)
    for n in range(3):
        repo.write(f"exemplars/htx-{n}.md", repo.read(H).replace("Đồng Tâm", f"Số {n}").replace(
            "so-noi-vu-ninh-binh", "ubnd-xa-gia-vien"))
    hits = [p for p in repo.validate().problems if p.code == "DH501"]
    files = sorted({p.path for p in hits})
    assert len(files) == 5 - 1  # nguyen-van-a (2024) + htx-0..2; ho-ong-tran-van-b is 2023
    assert all(all(f in p.message for f in files) for p in hits)
    assert "ubnd-xa-gia-vien" in hits[0].message and "2024" in hits[0].message


def test_dh501_within_quota_and_withdrawn_not_counted(tmp_path):
    repo = Repo(tmp_path)
    for n in range(3):
        repo.write(f"exemplars/htx-{n}.md", repo.read(H).replace("Đồng Tâm", f"Số {n}").replace(
            "so-noi-vu-ninh-binh", "ubnd-xa-gia-vien"))
    repo.write("exemplars/htx-0.md", tombstone_text(dt.date(2025, 3, 1)))
    assert repo.validate().problems == []


def test_dh502_unit_without_exemplar_is_a_warning(tmp_path):
    repo = Repo(tmp_path)
    repo.write("units.yml", repo.read("units.yml") + 'doan-thanh-nien: {name: "Tỉnh đoàn", level: province}\n')
    result = repo.validate()
    hits = [p for p in result.problems if p.code == "DH502"]
    assert len(hits) == 1 and "doan-thanh-nien" in hits[0].message and hits[0].line == 3
    assert not result.errors


def test_nfd_bom_and_crlf_file_is_accepted(tmp_path):
    repo = Repo(tmp_path)
    text = unicodedata.normalize("NFD", repo.read(A)).replace("\n", "\r\n")
    repo.write(A, b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = repo.validate()
    assert result.problems == []
    exemplar = result.showcase.exemplars["nguyen-van-a"]
    assert exemplar.name == unicodedata.normalize("NFC", "Nguyễn Văn A")
    assert exemplar.province.slug == "ninh-binh"


def test_withdrawn_profile_is_accepted_and_not_public(tmp_path):
    repo = Repo(tmp_path)
    repo.write(B, tombstone_text(dt.date(2024, 6, 1)))  # what scripts/withdraw.py writes (tests/test_withdrawal.py)
    result = repo.validate()
    assert result.problems == []
    assert "ho-ong-tran-van-b" not in result.showcase.exemplars
    assert result.showcase.withdrawn == {"ho-ong-tran-van-b": dt.date(2024, 6, 1)}


def test_near_miss_suggests_the_valid_value(tmp_path):
    repo = Repo(tmp_path)
    repo.replace(A, "field: agriculture", "field: Agricultre")
    (hit,) = [p for p in repo.validate().problems if p.code == "DH104"]
    assert "`agriculture`" in hit.hint


def test_old_province_names_the_new_one(tmp_path):
    repo = Repo(tmp_path)
    repo.replace(A, "province: ninh-binh", "province: Bà Rịa - Vũng Tàu")
    (hit,) = [p for p in repo.validate().problems if p.code == "DH206"]
    assert "Hồ Chí Minh" in hit.message and "ho-chi-minh" in hit.hint


def test_dh103_a_date_with_a_time_is_reported_not_compared(tmp_path):
    repo = Repo(tmp_path)
    repo.replace(A, "published: 2025-01-15", "published: 2025-01-15 08:30:00")
    repo.replace(A, "  date: 2024-10-02", "  date: 2024-10-02 08:30:00")
    hits = [(p.code, p.line) for p in repo.validate().problems]
    text = repo.read(A)
    assert hits == sorted([("DH103", line_of(text, "  date: 2024-10-02 08")), ("DH103", line_of(text, "published: "))],
                          key=lambda h: h[1])


def test_checking_some_files_keeps_broken_others_off_the_site(tmp_path):
    repo = Repo(tmp_path)
    repo.replace(B, "name: ", "ten: ")
    repo.replace("movements/chuyen-doi-so.md", "level: ", "levels: ")
    result = repo.validate(targets=[A])
    assert result.problems == []
    assert "ho-ong-tran-van-b" not in result.showcase.exemplars and "chuyen-doi-so" not in result.showcase.movements


def test_dh103_a_list_where_the_kind_is_is_reported_not_hashed(tmp_path):
    repo = Repo(tmp_path)
    repo.replace(A, "kind: individual", "kind: [individual]")
    assert [(p.code, p.line) for p in repo.validate().problems] == [("DH103", 3)]
