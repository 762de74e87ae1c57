"""What a civil servant at a Windows PC gets wrong in a profile, mostly by pasting from Word.

Each case breaks the fixture's profile of Nguyễn Văn A one way and says which rule must report
it and on which line (found by a piece of text on that line). Every message must be
Vietnamese: no word of libyaml's, PyYAML's or Python's English, and a hint never proposes a
different real value as if it were a typo (a different commune, someone else's file name).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from repo_fixture import Repo

FILE = "exemplars/nguyen-van-a.md"
NBSP, ZWSP = "\u00a0", "\u200b"
BODY_NEEDLE = "## Hành trình vượt khó"

# (id, edits (old, new) applied once each in order, expected code, text on the expected line or
# None for a file-level problem, a piece of text the message or hint must contain (or None)).
CASES = [
    ("tab_indent", [("  - nong-thon-moi", "\t- nong-thon-moi")], "DH003", "\t- nong-thon-moi", "Tab"),
    ("tab_after_key", [("kind: individual", "kind:\tindividual")], None, None, None),  # YAML allows it
    ("uneven_indent", [("  given: true", "   given: true")], "DH003", "  date: 2024-10-02", "thụt"),
    ("uneven_indent_later_key", [("  date: 2024-10-02", "   date: 2024-10-02")], "DH003", "   date: 2024-10-02",
     "thụt"),
    ("missing_colon", [("kind: individual", "kind individual")], "DH003", "kind individual", "`:`"),
    ("no_space_after_colon", [("kind: individual", "kind:individual")], "DH003", "kind:individual",
     "dấu cách"),
    ("equals_instead_of_colon", [("kind: individual", "kind = individual")], "DH003", "kind = individual", "`:`"),
    ("fullwidth_colon", [("kind: individual", "kind： individual")], "DH003", "kind： individual", "："),
    ("nbsp_after_colon", [("name: Nguyễn", f"name:{NBSP}Nguyễn")], "DH003", "name:", "--fix"),
    ("nbsp_indent", [("  - nong-thon-moi", f"{NBSP}{NBSP}- nong-thon-moi")], "DH003", "- nong-thon-moi", "--fix"),
    ("curly_quotes_with_colon", [("summary: Nông dân sản xuất giỏi, giúp 20 hộ trong thôn thoát nghèo.",
                                  "summary: “Nông dân: sản xuất giỏi”")], "DH003", "summary:", "--fix"),
    ("unquoted_colon", [("summary: Nông dân sản xuất giỏi,", "summary: Nông dân: sản xuất giỏi,")], "DH003",
     "summary:", "ngoặc kép"),
    ("unclosed_double_quote", [("summary: Nông dân", 'summary: "Nông dân')], "DH003", "summary:", "ngoặc kép"),
    ("unclosed_single_quote", [("place: Thôn Đông", "place: 'Thôn Đông")], "DH003", "place:", "ngoặc"),
    ("en_dash_bullets", [("  - nong-thon-moi", "  – nong-thon-moi")], "DH103", "– nong-thon-moi", "--fix"),
    ("bullet_dot_items", [("  - outstanding-achievement\n  - compassion",
                           "  • outstanding-achievement\n  • compassion")], "DH103", "• outstanding", "--fix"),
    ("dash_without_space", [("  - nong-thon-moi", "  -nong-thon-moi")], "DH103", "-nong-thon-moi", "- "),
    ("item_without_dash", [("  - nong-thon-moi", "  nong-thon-moi")], "DH103", "movements:", "- "),
    ("list_as_comma_text", [("criteria:\n  - outstanding-achievement\n  - compassion",
                             "criteria: outstanding-achievement, compassion")], "DH103", "criteria:", "- "),
    ("list_after_colon_same_line", [("movements:\n  - nong-thon-moi", "movements: - nong-thon-moi")], "DH003",
     "movements:", "- "),
    ("zero_width_in_name", [("name: Nguyễn Văn A", f"name: Nguyễn{ZWSP} Văn A")], "DH110", "name:", "--fix"),
    ("tcvn3_text", [("place: Thôn Đông, xã Gia Viễn", "place: Th«n §«ng, x· Gia ViÔn")], "DH112", "place:",
     "TCVN3"),
    ("vni_text", [("place: Thôn Đông, xã Gia Viễn", "place: Thoân Ñoâng, xaõ Gia Vieãn")], "DH112", "place:",
     "VNI"),
    ("hash_cuts_value", [("summary: Nông dân sản xuất giỏi,", "summary: Nông dân sản xuất giỏi #1 của thôn,")],
     "DH113", "summary:", "ngoặc kép"),
    ("hash_cuts_item", [("  - Hướng dẫn kỹ thuật cho 35 hộ", "  - Xếp hạng #1; hướng dẫn kỹ thuật cho 35 hộ")],
     "DH113", "Xếp hạng", "ngoặc kép"),
    ("vietnamese_label_field", [("field: agriculture", "field: Nông nghiệp")], "DH104", "field:", "`agriculture`"),
    ("vietnamese_label_no_tones", [("field: agriculture", "field: nong nghiep, nong thon")], "DH104", "field:",
     "`agriculture`"),
    ("vietnamese_label_kind", [("kind: individual", "kind: Cá nhân")], "DH104", "kind:", "`individual`"),
    ("vietnamese_label_category", [("category: advanced-exemplar", "category: Điển hình tiên tiến")], "DH104",
     "category:", "`advanced-exemplar`"),
    ("vietnamese_label_form", [("form: certificate-of-merit", "form: Bằng khen")], "DH104", "form:",
     "`certificate-of-merit`"),
    ("vietnamese_label_consent_by", [("by: self", "by: Bản thân")], "DH104", "by: Bản thân", "`self`"),
    ("capitalised_code", [("kind: individual", "kind: Individual")], "DH104", "kind:", "`individual`"),
    ("date_dmy", [("published: 2025-01-15", "published: 15/01/2025")], "DH103", "published:", "2025-01-15"),
    ("date_dmy_dots", [("published: 2025-01-15", "published: 15.01.2025")], "DH103", "published:", "2025-01-15"),
    ("date_single_digits", [("published: 2025-01-15", "published: 2025-1-5")], "DH103", "published:", "2025-01-05"),
    ("date_with_time", [("published: 2025-01-15", "published: 2025-01-15 08:30")], "DH103", "published:",
     "2025-01-15"),
    ("date_in_words", [("published: 2025-01-15", "published: ngày 15 tháng 01 năm 2025")], "DH103", "published:",
     "2025-01-15"),
    ("impossible_date", [("published: 2025-01-15", "published: 2025-02-30")], "DH003", "published:", "30"),
    ("year_quoted", [("year: 2024", 'year: "2024"')], "DH103", "year:", "ngoặc kép"),
    ("year_in_words", [("year: 2024", "year: năm 2024")], "DH103", "year:", "2024"),
    ("bool_co", [("featured: true", "featured: có")], "DH103", "featured:", "true"),
    ("bool_khong", [("featured: true", "featured: Không")], "DH103", "featured:", "false"),
    ("consent_given_co", [("given: true", "given: có")], "DH103", "given:", "true"),
    ("key_capitalised", [("name: Nguyễn", "Name: Nguyễn")], "DH102", "Name:", "`name`"),
    ("key_vietnamese", [("name: Nguyễn", "ten: Nguyễn")], "DH102", "ten:", "`name`"),
    ("key_vietnamese_tones", [("summary: Nông", "tóm_tắt: Nông")], "DH102", "tóm_tắt:", "`summary`"),
    ("key_with_space", [("photo_alt:", "photo alt:")], "DH102", "photo alt:", "`photo_alt`"),
    ("duplicate_key", [("year: 2024", "year: 2024\nyear: 2023")], "DH004", "year: 2023", None),
    ("unit_full_name", [("nominated_by: ubnd-xa-gia-vien", "nominated_by: UBND xã Gia Viễn")], "DH202",
     "nominated_by:", "`ubnd-xa-gia-vien`"),
    ("unit_other_commune", [("nominated_by: ubnd-xa-gia-vien", "nominated_by: ubnd-xa-gia-hung")], "DH202",
     "nominated_by:", "units.yml"),
    ("movement_with_extension", [("  - nong-thon-moi", "  - nong-thon-moi.md")], "DH201", "nong-thon-moi.md",
     "`nong-thon-moi`"),
    ("movement_by_name", [("  - nong-thon-moi", "  - Nông thôn mới")], "DH201", "Nông thôn mới",
     "`nong-thon-moi`"),
    ("criterion_by_label", [("  - compassion", "  - Nhân hậu, tương thân tương ái")], "DH203", "Nhân hậu",
     "`compassion`"),
    ("photo_backslash", [("photo: images/nguyen-van-a.png", "photo: images\\nguyen-van-a.png")], "DH401",
     "photo:", "/"),
    ("photo_windows_path", [("photo: images/nguyen-van-a.png",
                             'photo: "C:\\Users\\Lan\\Desktop\\anh.jpg"')], "DH003", "photo:", "ngoặc kép"),
    ("source_http", [("https://ninhbinh.gov.vn", "http://ninhbinh.gov.vn")], "DH405", "http://", "https://"),
    ("source_www", [("https://ninhbinh.gov.vn", "www.ninhbinh.gov.vn")], "DH405", "www.", "https://"),
    ("source_citation", [("  - https://ninhbinh.gov.vn/tin-tuc/nong-dan-san-xuat-gioi",
                          "  - Báo Ninh Bình số 1234, ngày 12/4/2024, trang 3")], None, None, None),
    ("word_fence_em_dash", [("---\nname:", "—\nname:")], "DH002", None, "—"),
    ("closing_fence_missing", [("featured: true\n---\n", "featured: true\n\n")], "DH003", None, "---"),
    ("body_before_front_matter", [("---\nname:", "Hồ sơ anh A\n---\nname:")], "DH002", None, "---"),
    ("fields_after_early_fence", [("---\nname:", "---\n---\nname:")], "DH002", None, "---"),
    ("bom_and_crlf", [("---\n", "\ufeff---\n")], None, None, None),
    ("value_starts_with_at", [("place: Thôn Đông", "place: @Thôn Đông")], "DH003", "place:", "ngoặc kép"),
    ("value_starts_with_backtick", [("place: Thôn Đông", "place: `Thôn Đông`")], "DH003", "place:", "ngoặc kép"),
    ("value_starts_with_star", [("name: Nguyễn Văn A", "name: *Nguyễn Văn A*")], "DH003", "name:", "ngoặc kép"),
    ("value_starts_with_percent", [("place: Thôn Đông", "place: %Thôn Đông")], "DH003", "place:", "ngoặc kép"),
    ("value_in_brackets", [("name: Nguyễn Văn A", "name: [Nguyễn Văn A]")], "DH103", "name:", "ngoặc"),
    ("summary_second_line_unindented", [("summary: Nông dân sản xuất giỏi, giúp 20 hộ trong thôn thoát nghèo.",
                                         "summary: Nông dân sản xuất giỏi,\ngiúp 20 hộ trong thôn thoát nghèo.")],
     "DH003", "giúp 20 hộ", "thụt"),
    ("empty_required_value", [("kind: individual", "kind:")], "DH101", None, "`kind`"),
    ("year_two_digits", [("year: 2024", "year: 24")], "DH107", "year:", "2024"),
    ("commendation_missing_dash", [("  - title: Bằng khen", "    title: Bằng khen")], "DH103", "commendations:",
     "- "),
    ("commendation_uneven", [("    form: certificate-of-merit", "   form: certificate-of-merit")], "DH003",
     "form:", "thụt"),
    ("year_with_separator", [("year: 2024", "year: 2.024")], "DH103", "year:", "2024"),
    ("star_bullets", [("  - nong-thon-moi", "  * nong-thon-moi")], "DH003", "* nong-thon-moi", "- "),
    ("numbered_items", [("  - outstanding-achievement\n  - compassion", "  1. outstanding-achievement\n  2. compassion")],
     "DH103", "1. outstanding", "- "),
    ("key_with_space_before_underscore", [("nominated_by:", "nominated by:")], "DH102", "nominated by:",
     "`nominated_by`"),
    ("key_capitalised_date", [("published: 2025", "Published: 2025")], "DH102", "Published:", "`published`"),
    ("date_slashes_ymd", [("published: 2025-01-15", "published: 2025/01/15")], "DH103", "published:", "2025-01-15"),
    ("date_impossible_dmy", [("published: 2025-01-15", "published: 31/02/2025")], "DH103", "published:", "Không có ngày"),
    ("bool_quoted_true", [("featured: true", 'featured: "true"')], "DH103", "featured:", "true"),
    ("commendation_dash_no_space", [("  - title: Bằng khen", "  -title: Bằng khen")], "DH003", "-title:", "- "),
    ("year_range", [("year: 2024", "year: 2024-2025")], "DH103", "year:", "2024"),
    ("unknown_field_label", [("field: agriculture", "field: Nông lâm ngư nghiệp")], "DH104", "field:",
     "agriculture"),
    ("uppercase_extension_hint", [], None, None, None),
]


_ENGLISH = re.compile(
    r"\b(found|expected|while|scanning|parsing|mapping|block|stream|token|character|could not|did not|"
    r"cannot|allowed|Traceback|Error|error|not|the|of|a single document|hexdecimal|escape|alias|anchor|"
    r"simple key|usage|line \d+|column \d+)\b")


def _mutated(repo: Repo, edits) -> str:
    text = repo.read(FILE)
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _english(text: str) -> list[str]:
    # Codes in backticks (field names, vocabulary codes) are the editor's own words, not English prose.
    return _ENGLISH.findall(re.sub(r"`[^`]*`", "", text))


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_editor_mistake(tmp_path, case):
    name, edits, code, line_needle, hint_piece = case
    repo = Repo(tmp_path)
    text = _mutated(repo, edits)
    repo.write(FILE, text)
    result = repo.validate([FILE])
    found = [p for p in result.problems if p.path == FILE]
    for p in found:
        assert not _english(p.message + " " + p.hint), (p, _english(p.message + " " + p.hint))
    if code is None:
        assert not [p for p in found if p.is_error], found
        return
    matching = [p for p in found if p.code == code]
    assert matching, f"{name}: expected {code}, got {[(p.code, p.line, p.message, p.hint) for p in found]}"
    if line_needle is not None:
        lines = text.lstrip("\ufeff").split("\n")
        expected = next(i for i, line in enumerate(lines, 1) if line_needle in line)
        assert any(p.line == expected for p in matching), \
            f"{name}: line {expected} expected, got {[(p.line, p.message) for p in matching]}"
    if hint_piece is not None:
        assert any(hint_piece in p.message + " " + p.hint for p in matching), \
            f"{name}: {hint_piece!r} not in {[(p.message, p.hint) for p in matching]}"


def test_dh202_another_commune_is_never_offered_as_a_correction(tmp_path):
    repo = Repo(tmp_path)
    for written in ("ubnd-xa-gia-hung", "ubnd-xa-gia-vinh", "ubnd-xa-yen-mo"):
        repo.write(FILE, _mutated(repo, [("nominated_by: ubnd-xa-gia-vien", f"nominated_by: {written}")]))
        hit = [p for p in repo.validate([FILE]).problems if p.code == "DH202"]
        assert hit and "Có phải" not in hit[0].hint and "units.yml" in hit[0].hint, hit
        repo = Repo(tmp_path)


def test_dh202_near_miss_a_typo_in_the_kind_of_body_or_the_full_name_is_corrected(tmp_path):
    for written in ("ubdn-xa-gia-vien", "UBND xã Gia Viễn", "ubnd_xa_gia_vien"):
        repo = Repo(tmp_path)
        repo.write(FILE, _mutated(repo, [("nominated_by: ubnd-xa-gia-vien", f"nominated_by: {written}")]))
        hit = [p for p in repo.validate([FILE]).problems if p.code == "DH202"]
        assert hit and "`ubnd-xa-gia-vien`" in hit[0].hint, hit
    repo = Repo(tmp_path)
    repo.write(FILE, _mutated(repo, [("nominated_by: ubnd-xa-gia-vien", "nominated_by: Sở Nội vụ tỉnh Ninh Bình")]))
    hit = [p for p in repo.validate([FILE]).problems if p.code == "DH202"]
    assert hit and "`so-noi-vu-ninh-binh`" in hit[0].hint, hit


def test_dh010_rename_hint_never_names_an_existing_file(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/Nguyễn Văn A.md", repo.read(FILE))
    hit = [p for p in repo.validate().problems if p.code == "DH010"]
    assert hit and "`nguyen-van-a-2.md`" in hit[0].hint, hit


def test_dh010_near_miss_a_free_name_is_proposed_as_it_is(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/Trần Thị B.md", repo.read(FILE))
    hit = [p for p in repo.validate().problems if p.code == "DH010"]
    assert hit and "`tran-thi-b.md`" in hit[0].hint, hit


def test_dh002_windows_hidden_second_extension(tmp_path):
    repo = Repo(tmp_path)
    repo.write("exemplars/tran-thi-b.md.txt", repo.read(FILE))
    hit = [p for p in repo.validate().problems if p.code == "DH002"]
    assert hit and "`tran-thi-b.md`" in hit[0].hint and "Windows" in hit[0].message, hit


def test_dh003_an_impossible_date_does_not_hide_the_files_other_errors(tmp_path):
    repo = Repo(tmp_path)
    repo.write(FILE, _mutated(repo, [("published: 2025-01-15", "published: 2025-02-30"),
                                     ("kind: individual", "kind: Cá nhân"), ("year: 2024", "year: năm 2024")]))
    codes = {p.code for p in repo.validate([FILE]).problems}
    assert {"DH003", "DH104", "DH103"} <= codes, codes


def test_dh405_an_offline_citation_is_accepted_and_shown_as_text(tmp_path):
    from showcase import site

    repo = Repo(tmp_path)
    citation = "Quyết định số 123/QĐ-UBND ngày 12/4/2024 của UBND tỉnh Ninh Bình"
    repo.write(FILE, _mutated(repo, [("  - https://ninhbinh.gov.vn/tin-tuc/nong-dan-san-xuat-gioi",
                                      f"  - {citation}\n  - https://ninhbinh.gov.vn/tin-tuc/nong-dan-san-xuat-gioi")]))
    result = repo.validate()
    assert not result.errors, result.errors
    pages = [g for g in site.profile_pages(result.showcase, "") if getattr(g, "url", "") == "dien-hinh/nguyen-van-a/"]
    html = pages[0].render()
    assert f"<li>{citation}</li>" in html
    assert '<a href="https://ninhbinh.gov.vn/tin-tuc/nong-dan-san-xuat-gioi"' in html


@pytest.mark.parametrize("source", ["http://baoninhbinh.org.vn/bai-viet", "www.baoninhbinh.org.vn/bai-viet",
                                    "Báo Ninh Bình (baoninhbinh.org.vn/bai-1)", "javascript:alert(1)",
                                    "ftp://example.vn/a"])
def test_dh405_anything_that_looks_like_a_link_must_be_https(tmp_path, source):
    repo = Repo(tmp_path)
    repo.write(FILE, _mutated(repo, [("https://ninhbinh.gov.vn/tin-tuc/nong-dan-san-xuat-gioi", source)]))
    assert [p.code for p in repo.validate([FILE]).errors] == ["DH405"]


def test_dh502_reminders_are_one_summary_line_in_text_output(tmp_path):
    from showcase.output import render

    repo = Repo(tmp_path)
    repo.write("units.yml", repo.read("units.yml") + "".join(
        f'don-vi-{n}: {{name: "Đơn vị {n}", level: local}}\n' for n in range(6)))
    result = repo.validate()
    assert len([p for p in result.problems if p.code == "DH502"]) == 6
    text = render(result.problems, result.files, "text")
    assert text.count("DH502") == 1 and "6 đơn vị" in text and "scripts/report.py" in text
    assert render(result.problems, result.files, "json").count('"DH502"') == 6


def test_a_draft_is_validated_kept_out_of_the_showcase_and_of_quotas(tmp_path):
    repo = Repo(tmp_path)
    repo.write(FILE, _mutated(repo, [("published: 2025-01-15", "published: 2025-01-15\nstatus: draft")]))
    for n in range(3):  # the unit's quota for 2024 (3) is full without the draft
        repo.write(f"exemplars/khac-{n}.md", _mutated(repo, [("name: Nguyễn Văn A", f"name: Người khác {n}"),
                                                              ("published: 2025-01-15\nstatus: draft",
                                                               "published: 2025-01-15")]))
    result = repo.validate()
    assert not result.errors, result.errors
    assert "nguyen-van-a" in result.showcase.drafts and "nguyen-van-a" not in result.showcase.exemplars
    assert all(e.slug != "nguyen-van-a" for e in result.showcase.public_exemplars())
    repo.write(FILE, _mutated(repo, [("kind: individual", "kind: Cá nhân")]))
    assert [p.code for p in repo.validate([FILE]).errors] == ["DH104"]  # a draft is validated all the same


def test_validate_fix_rewrites_what_word_pastes_and_nothing_else(tmp_path):
    import subprocess
    import sys

    repo = Repo(tmp_path)
    good = repo.read(FILE)
    pasted = _mutated(repo, [
        ("name: Nguyễn Văn A", f"name:{NBSP}Nguyễn{ZWSP} Văn A"),
        ("summary: Nông dân sản xuất giỏi, giúp 20 hộ trong thôn thoát nghèo.",
         "summary: “Nông dân: sản xuất giỏi, giúp 20 hộ trong thôn thoát nghèo.”"),
        ("  - outstanding-achievement\n  - compassion", "  • outstanding-achievement\n  – compassion"),
        ("published: 2025-01-15", "published: 15/01/2025"),
        ("  - nong-thon-moi", "\t- nong-thon-moi"),
        ("place: Thôn Đông, xã Gia Viễn", "place: “Thôn Đông”, xã Gia Viễn"),
    ])
    repo.write(FILE, pasted)
    out = subprocess.run([sys.executable, str(Path(__file__).resolve().parent.parent / "scripts" / "validate.py"),
                          "--fix", "--root", str(tmp_path), str(tmp_path / FILE)], capture_output=True, text=True)
    fixed = repo.read(FILE)
    assert "2025-01-15" in fixed and "dòng" in out.stdout, out.stdout
    assert fixed == good.replace("summary: Nông dân sản xuất giỏi, giúp 20 hộ trong thôn thoát nghèo.",
                                 'summary: "Nông dân: sản xuất giỏi, giúp 20 hộ trong thôn thoát nghèo."').replace(
        "place: Thôn Đông", "place: “Thôn Đông”"), fixed
    assert out.returncode == 0, out.stdout


def test_dh001_a_file_saved_as_utf16_by_notepad(tmp_path):
    repo = Repo(tmp_path)
    repo.write(FILE, repo.read(FILE).encode("utf-16"))
    hit = [p for p in repo.validate([FILE]).problems if p.code == "DH001"]
    assert hit and "UTF-16" in hit[0].message and "UTF-8" in hit[0].hint


def test_dh003_an_impossible_date_in_a_movement_is_said_once(tmp_path):
    """The date is kept as its text and checked no further: no DH103 beside the DH003."""
    import re

    from repo_fixture import Repo

    repo = Repo(tmp_path)
    rel = "movements/nong-thon-moi.md"
    repo.write(rel, re.sub(r"^start: .*$", "start: 2024-02-30", repo.read(rel), count=1, flags=re.M))
    assert [p.code for p in repo.validate().problems if p.path == rel] == ["DH003"]
