"""DH301, DH302, DH305, DH306, DH307: personal data, however it is written, from every file.

Each hostile string is placed at once in a profile's body, a profile's front-matter value, a
movement, a unit's name in units.yml and an event's note in calendar.yml (and some in a
criteria.yml label): each place must fail with the string's code at the string's line, with
the number masked in the message. Near misses must pass, in the scanner and in a repository.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build, make_site_tree
from repo_fixture import Repo, line_of
from showcase.rules import CODES
from showcase.rules.privacy import KINDS, find_personal_data, mask

A = "exemplars/nguyen-van-a.md"
M = "movements/nong-thon-moi.md"
NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"

HOSTILE = [
    # DH301: citizen ID (12 digits) and CMND (9 digits), however separated
    ("DH301", "0790 8500 1234"),
    ("DH301", "079.085.001.234"),
    ("DH301", "079-085-001-234"),
    ("DH301", "079–085–001–234"),  # en dash
    ("DH301", f"0790{NBSP}8500{NBSP}1234"),
    ("DH301", f"079{NNBSP}085{NNBSP}001{NNBSP}234"),
    ("DH301", "001234567890"),
    ("DH301", "CCCD: ０７９０８５００１２３４"),  # full-width digits
    ("DH301", "CMND 164 123 456"),
    ("DH301", "số chứng minh 164.123.456"),
    ("DH301", "164 123 456"),
    ("DH301", "0 7 9 0 8 5 0 0 1 2 3 4"),
    # DH302: phone numbers
    ("DH302", "(024) 3825 1234"),
    ("DH302", "(+84) 912 345 678"),
    ("DH302", "ĐT0912345678"),
    ("DH302", "ĐT:0912345678"),
    ("DH302", "Zalo0987654321"),
    ("DH302", "https://zalo.me/0912345678"),
    ("DH302", "[Gọi](tel:+84912345678)"),
    ("DH302", "tel:+84912345678"),
    ("DH302", f"0912{NBSP}345{NBSP}678"),
    ("DH302", f"0912{NNBSP}345{NNBSP}678"),
    ("DH302", f"0912{THIN}345{THIN}678"),
    ("DH302", "84-912-345-678"),
    ("DH302", "0912.345.678"),
    ("DH302", "0912–345–678"),
    ("DH302", "０９１２３４５６７８"),
    ("DH302", "𝟎𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖"),  # "fancy text" digits pasted from social media
    ("DH302", "+84 24 3825 1234"),
    ("DH302", "0084 912 345 678"),
    ("DH302", "0912 - 345 - 678"),
    ("DH302", "0912_345_678"),
    ("DH302", "Liên hệ 0912345678, 0987654321"),
    ("DH302", "&#48;912345678"),  # a character reference shows a plain number
    ("DH302", "0912<b>345</b>678"),
    ("DH302", "0912\u200b345\u200b678"),  # zero-width spaces
    ("DH302", "https://zalo.me/%30912345678"),
    ("DH302", "Tel: (028) 3822 1234"),
    ("DH302", "0236 3 123 456"),
    ("DH302", "09 12 34 56 78"),
    ("DH302", "(+84)912345678"),
    ("DH302", "0912/345/678"),
    ("DH302", "0912 / 345 / 678"),
    ("DH302", "024/3825/1234"),
    ("DH302", "+84912/345/678"),
    # DH305: home addresses
    ("DH305", "số nhà: 15"),
    ("DH305", "số nhà 15"),
    ("DH305", "Số 12 đường Lê Lợi"),
    ("DH305", "SỐ NHÀ 15"),
    ("DH305", "nhà số 5"),
    ("DH305", "ngõ 3"),
    ("DH305", "Ngõ số 7"),
    ("DH305", "ngách 4"),
    ("DH305", "hẻm 5"),
    ("DH305", "kiệt 6"),
    ("DH305", "12/3 đường Trần Phú"),
    ("DH305", "12 phố Hàng Bạc"),
    ("DH305", "căn hộ 1203"),
    ("DH305", "hẻm 12/5"),
    ("DH305", "Địa chỉ: 15 Lê Lợi"),
    ("DH305", "thường trú tại 12 Lê Lợi"),
    # … and with no "số nhà" or "đường": where someone lives, or before a commune or ward
    ("DH305", "sống tại 15 Lê Lợi"),
    ("DH305", "Gia đình ngụ tại 27B Trần Hưng Đạo"),
    ("DH305", "nhà ở 12/3 Nguyễn Huệ"),
    ("DH305", "cư trú ở 8 Hai Bà Trưng"),
    ("DH305", "15 Lê Lợi, phường Bến Nghé"),
    ("DH305", "42 Phan Đình Phùng, xã Tân Phú"),
    ("DH305", "SỐNG TẠI 15 LÊ LỢI"),
    ("DH305", "sống tại 15 Le\u0302 Lợi"),
    # DH306: e-mail addresses and mailto: links
    ("DH306", "nguyenvana@gmail.com"),
    ("DH306", "mailto:a@b.vn"),
    ("DH306", "[Thư](mailto:nguyenvana@gmail.com)"),
    ("DH306", "mailto:nguyenvana%40gmail.com"),
    ("DH306", "nguyenvana(at)gmail.com"),
    ("DH306", "nguyenvana [at] gmail.com"),
    ("DH306", "nguyenvana＠gmail.com"),
    ("DH306", "nguyenvana&#64;gmail.com"),
    ("DH306", "nguyenvana (a còng) gmail.com"),
    ("DH306", "Nguyen.Van.A@Gmail.com.vn"),
    ("DH306", "nguyenvana at gmail dot com"),
    ("DH306", "nguyen.van.a AT gmail DOT com DOT vn"),
    ("DH306", "lan.nguyen a còng yahoo chấm com"),
    ("DH306", "nguyenvana at gmail.com"),
    ("DH306", "nguyenvana@gmail dot com"),
    ("DH306", "nguyenvana at gmail (dot) com"),
    # DH307: passport numbers
    ("DH307", "hộ chiếu C1234567"),
    ("DH307", "C1234567"),
    ("DH307", "B 1234567"),
    ("DH307", "Hộ chiếu số: c1234567"),
]

NEAR_MISSES = [
    "Quyết định số 1234/QĐ-UBND",
    "Nghị quyết số 12/2024/NQ-HĐND",
    "Quyết định số 123456789/QĐ-UBND",
    "đường dây nóng 1900 1234",
    "tổng đài 1800 1234",
    "thôn 5", "tổ 3", "khu phố 2", "xóm 6", "ấp 4",
    "năm 2024", "giai đoạn 2021 - 2025", "2016-2020",
    "1.200.000.000 đồng", "250.000.000 đồng", "350 000 000 đ", "2,5 tỷ đồng", "120.000.000.000 đồng",
    "186 hộ", "1.500 lượt", "ngày 20/11/2024", "2024-11-20", "tăng 15%", "120 ha", "35 tấn",
    "mã số thuế 0312345678", "MST: 0312345678",
    "các tổ 01, 02, 03, 04, 05, 06",
    "năm 2019, 2020, 2021, 2022",
    "Năm 2019<br>2020<br>2021",
    "thành phố Hà Nội", "cả nước có 34 tỉnh, thành phố", "làm 3 đường giao thông nông thôn",
    "cách 2 km", "con hẻm nhỏ", "ngõ xóm", "kiệt sức",
    "https://baochinhphu.vn/tin-102241120093015123.htm",
    "Kết luận số 12 của Bộ Chính trị",
    "@nguyenvana trên mạng xã hội", "email của xã",
    "Tổ 1234567", "tại 3 xã", "đội số 5", "Chỉ thị số 05-CT/TW",
    "https://baomoi.vn/tin-post123456789.html", "https://example.vn/tin/123456789.html",
    "ngày 09/12/2024", "01/02/2024", "Quyết định 0345/QĐ-UBND", "số 0345/2024/QĐ-UBND", "05/2025/NĐ-CP",
    "tỷ lệ 09/10", "đạt 012/100 điểm", "2024/12/09",
    "Lan at Hà Nội", "họp at the office", "chấm điểm thi đua", "Hội đồng chấm giải", "gặp at 9 giờ",
    "trường a còng", "look at this",
    "Năm 2015 Lê Lợi", "năm 1418 Lê Lợi, Thanh Hóa", "tại 2 Trường Tiểu học Kim Đồng", "tại 3 Hội nghị",
    "đạt 15 Huy chương Vàng", "Trong 3 Năm Liền, xã đạt chuẩn", "gồm 5 Hợp tác xã, xã Tân Phú",
    "có 2 Anh hùng Lao động, xã Tân Phú", "ở 3 xã Tân Phú",
]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _placed(tmp_path, text: str) -> tuple[Repo, dict[str, int]]:
    """A repository with `text` in five places; the line of each place."""
    repo = Repo(tmp_path)
    quoted = json.dumps(text, ensure_ascii=False)  # a YAML double-quoted string
    repo.replace(A, "## Hành trình vượt khó", f"## Hành trình vượt khó\n\nDòng thử {text} hết.")
    repo.replace(A, "place: Thôn Đông, xã Gia Viễn", f"place: {json.dumps('Thôn Đông ' + text, ensure_ascii=False)}")
    repo.replace(M, "Phong trào được phát động trên cả nước.", f"Phong trào được phát động, liên hệ {text} nhé.")
    repo.write("units.yml", repo.read("units.yml") + f"don-vi-thu: {{name: {quoted}, level: local}}\n")
    repo.write("calendar.yml", "events:\n  - date: 1945-09-02\n    name: Quốc khánh\n"
                               f"    note: {json.dumps('Ghi chú ' + text + ' hết', ensure_ascii=False)}\n")
    lines = {A: line_of(repo.read(A), "Dòng thử"), f"{A} front-matter": line_of(repo.read(A), "place:"),
             M: line_of(repo.read(M), "liên hệ"), "units.yml": line_of(repo.read("units.yml"), "don-vi-thu"),
             "calendar.yml": line_of(repo.read("calendar.yml"), "note:")}
    return repo, lines


@pytest.mark.parametrize("code, text", HOSTILE, ids=[f"{c}-{i}" for i, (c, _) in enumerate(HOSTILE)])
def test_dh301_dh302_dh305_dh306_dh307_hostile_text_fails_in_every_file(tmp_path, code, text):
    repo, lines = _placed(tmp_path, text)
    problems = repo.validate().problems
    for place, line in lines.items():
        path = place.split(" ")[0]
        hits = [p for p in problems if p.code == code and p.path == path and p.line == line]
        assert hits, (place, line, [f"{p.code} {p.path}:{p.line} {p.message}" for p in problems])
        for hit in hits:
            assert hit.severity == CODES[code].severity == "error"
            assert hit.hint and "•" in hit.message
            digits = _digits(text)
            if len(digits) >= 7:  # the number is masked: a CI log never shows it whole
                assert digits not in _digits(hit.message + hit.hint)
            if "@" in text:
                assert text.split("@")[0][-6:] + "@" not in hit.message


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_dh301_dh302_dh305_dh306_dh307_near_miss_is_not_personal_data(text):
    assert find_personal_data(text) == []


def test_dh301_dh302_dh305_near_misses_pass_in_a_repository(tmp_path):
    repo = Repo(tmp_path)
    body = "\n\n".join(f"Đoạn {i}: {text}." for i, text in enumerate(NEAR_MISSES))
    repo.replace(A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\n" + body)
    repo.replace("units.yml", "UBND xã Gia Viễn", "UBND xã Gia Viễn (trụ sở: thôn 5, đường dây nóng 1900 1234)")
    repo.write("calendar.yml", "events:\n  - date: 1945-09-02\n    name: Quốc khánh\n"
                               "    note: Quyết định số 1234/QĐ-UBND, đường dây nóng 1900 1234\n")
    assert repo.validate().problems == []


def test_dh301_citizen_id_in_a_criteria_label(tmp_path):
    repo = Repo(tmp_path)
    text = repo.read("criteria.yml")
    label = re.search(r"^(\s+label: )(.+)$", text, re.MULTILINE)
    repo.write("criteria.yml", text.replace(label.group(0), f"{label.group(1)}{label.group(2)} 079.085.001.234", 1))
    hits = [p for p in repo.validate().problems if p.code == "DH301" and p.path == "criteria.yml"]
    assert [p.line for p in hits] == [line_of(repo.read("criteria.yml"), "079.085.001.234")]


def test_dh302_phone_hidden_by_a_yaml_escape_in_front_matter(tmp_path):
    repo = Repo(tmp_path)
    repo.replace(A, "place: Thôn Đông, xã Gia Viễn", 'place: "Thôn Đông, \\u0030912345678"')
    hits = [p for p in repo.validate().problems if p.code == "DH302" and p.path == A]
    assert [p.line for p in hits] == [line_of(repo.read(A), "place:")]


def test_dh302_phone_in_a_file_name(tmp_path):
    repo = Repo(tmp_path)
    rel = "exemplars/lien-he-0912345678.md"
    repo.write(rel, repo.read(A).replace("name: Nguyễn Văn A", "name: Nguyễn Văn Ba"))
    assert "DH302" in [p.code for p in repo.validate().problems if p.path == rel]


def test_dh302_phone_in_units_yml_keeps_failing_when_profiles_are_cached(tmp_path):
    repo = Repo(tmp_path)
    assert repo.validate().problems == []  # fills the validation cache
    repo.write("units.yml", repo.read("units.yml").replace("UBND xã Gia Viễn", "UBND xã Gia Viễn ĐT 0912 345 678"))
    result = repo.validate()
    assert [(p.code, p.path, p.line) for p in result.errors] == [("DH302", "units.yml", 2)]


def test_dh302_phone_in_a_unit_name_stops_publication(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    units = (root / "units.yml").read_text(encoding="utf-8")
    name = re.search(r'name: "([^"]+)"', units).group(1)
    (root / "units.yml").write_text(units.replace(name, f"{name} (Zalo0912345678)", 1), encoding="utf-8")
    result = build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "DH302" in output and "units.yml" in output
    assert "0912345678" not in output  # masked in the build's log too
    assert not (root / "site" / "index.html").exists()


# Pieces of hostile and ordinary text, shuffled: the scanner never raises and reports lines that exist.
PIECES = st.sampled_from([*"0123456789 .-–()+@/:,_*\n\\", "\u00a0", "\u202f", "\u200b", "０", "𝟗", "số nhà ",
                          "ngõ ", "đường ", "Lê ", "(at)", "[at]", "&#48;", "&amp;", "%30", "<b>", "</b>", "C", "a",
                          "đồng", "CMND ", "mã số thuế ", "https://", "www.", "mailto:", ".vn", "tel:"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_dh301_dh302_dh305_dh306_dh307_scanner_never_raises(text):
    for finding in find_personal_data(text):
        assert finding.kind in KINDS
        assert 1 <= finding.line <= text.count("\n") + 1
        assert finding.text and mask(finding)
