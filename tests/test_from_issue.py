"""Proposals made with the issue form become profiles (scripts/from_issue.py,
showcase/editors/issue_form.py): bodies written exactly as GitHub renders the form, a photo
attachment fetched offline (the download is injected), Word-pasted text, hostile values."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from repo_fixture import Repo
from showcase import photo_metadata
from showcase.criteria import load_criteria
from showcase.editors import issue_form
from showcase.editors.issue_form import PhotoError, convert, download, sections
from showcase.editors.registries import load_registries
from test_photos import jpeg_with_everything

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "de-xuat-tu-issue.yml"
PHOTO_URL = "https://github.com/user-attachments/assets/3f2b8c1e-5a4d-4e7f-9b21-0c6d8e9fa123"
NBSP, ZWSP = "\u00a0", "\u200b"
STORY = ("Hợp tác xã được thành lập năm 2015 với 12 thành viên, đến nay đã có 85 hộ tham gia. Từ những "
         "ngày đầu còn khó khăn về vốn và kỹ thuật, ban quản trị đã mạnh dạn vay vốn, cử cán bộ đi học "
         "kinh nghiệm sản xuất lúa hữu cơ, liên kết với doanh nghiệp để bao tiêu sản phẩm. Nhờ vậy, năng "
         "suất tăng, giá bán ổn định, thu nhập của thành viên tăng gấp đôi so với trước khi tham gia. Hợp "
         "tác xã còn hỗ trợ giống, phân bón cho hộ khó khăn, tổ chức tập huấn miễn phí cho bà con trong "
         "xã, đóng góp xây dựng đường giao thông nội đồng và nhà văn hóa thôn. Những kết quả đó được chính "
         "quyền ghi nhận, trở thành mô hình để các địa phương trong tỉnh đến học tập, làm theo trong phong "
         "trào xây dựng nông thôn mới, góp phần nâng cao đời sống vật chất và tinh thần của nhân dân.")

# A collective, as GitHub renders the form: a photo dropped into its box (GitHub now inserts an
# <img> tag), `place` left empty, and text pasted from Word (no-break spaces, "•" bullets, an en
# dash, curly quotes, a zero-width space).
COLLECTIVE = f"""### Họ và tên cá nhân, tên tập thể, hoặc “Hộ ông/bà …”

Hợp tác xã{NBSP}Đồng{ZWSP} Xanh

### Loại điển hình

Tập thể (collective)

### Nhóm điển hình

Mô hình mới (new-model)

### Tóm tắt một, hai câu (tối đa 300 ký tự), hiện trong danh sách và khi chia sẻ

Hợp tác xã sản xuất lúa hữu cơ –{NBSP}liên kết 85 hộ, thu nhập thành viên tăng gấp đôi.

### Lĩnh vực

Nông nghiệp, nông thôn (agriculture)

### Năm được lựa chọn

2024

### Đơn vị đề xuất

UBND xã Gia Viễn (ubnd-xa-gia-vien)

### Tỉnh, thành phố (34 tỉnh, thành phố từ 1/7/2025)

Ninh Bình (ninh-binh)

### Xã, phường, thôn, cơ quan (tên tại thời điểm được công nhận)

_No response_

### Các phong trào thi đua

Cả nước chung sức xây dựng nông thôn mới (nong-thon-moi)

### Các tiêu chí lựa chọn đáp ứng

Thành tích xuất sắc, tiêu biểu (outstanding-achievement), Sáng tạo, sáng kiến (innovation)

### Thành tích cụ thể, kiểm chứng được (số liệu, ngày tháng)

•{NBSP}Năm 2024 doanh thu đạt 9,5 tỷ đồng.
•{NBSP}Liên kết tiêu thụ cho 85 hộ – giá ổn định 3 năm liền.
– Hỗ trợ giống cho 20 hộ khó khăn.

### Khen thưởng đã nhận

Bằng khen của Chủ tịch UBND tỉnh; Bằng khen; UBND tỉnh Ninh Bình; Quyết định số 1234/QĐ-UBND; 20/11/2024

### Ảnh

<img width="1024" height="768" alt="image" src="{PHOTO_URL}" />

### Mô tả ảnh bằng tiếng Việt cho người khiếm thị, bắt buộc khi có ảnh

Thành viên hợp tác xã “Đồng Xanh” thu hoạch lúa

### Đã có văn bản đồng ý công khai thông tin

_No response_

### Ngày ký văn bản đồng ý

_No response_

### Ai đồng ý công khai thông tin

_No response_

### Nguồn kiểm chứng: bài báo, văn bản chính thức (https://…)

- https://ninhbinh.gov.vn/tin-tuc/htx-dong-xanh

### Câu chuyện

{STORY}

### Xác nhận trước khi gửi

- [X] Người được giới thiệu (hoặc gia đình, người đại diện) đã đồng ý công khai thông tin bằng văn bản.
- [X] Thông tin, số liệu đã được đối chiếu với nguồn.
"""


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path)


def photo_fetch(data: bytes):
    calls = []

    def fetch(url: str, max_bytes: int) -> bytes:
        calls.append((url, max_bytes))
        return data

    fetch.calls = calls
    return fetch


def run(repo: Repo, body: str, fetch=None):
    criteria = load_criteria(repo.path / "criteria.yml")
    return convert(repo.path, body, criteria, load_registries(repo.path), fetch or photo_fetch(jpeg_with_everything()))


def front(repo: Repo, rel: str) -> dict:
    return yaml.safe_load(repo.read(rel).split("\n---\n")[0].removeprefix("---\n"))


def test_sections_read_as_github_renders_a_form():
    found = sections(COLLECTIVE)
    assert found["Loại điển hình"] == "Tập thể (collective)"
    assert found["Xã, phường, thôn, cơ quan (tên tại thời điểm được công nhận)"] == ""  # _No response_
    assert found["Câu chuyện"] == STORY


def test_collective_with_photo_and_word_text_becomes_a_valid_profile(repo):
    fetch = photo_fetch(jpeg_with_everything())
    outcome, answer = run(repo, COLLECTIVE, fetch)
    assert outcome.ok and outcome.slug == "hop-tac-xa-dong-xanh"
    assert outcome.written == ["exemplars/hop-tac-xa-dong-xanh.md", "exemplars/images/hop-tac-xa-dong-xanh.jpg"]
    assert fetch.calls == [(PHOTO_URL, 15_000_000)]
    meta = front(repo, "exemplars/hop-tac-xa-dong-xanh.md")
    assert meta["name"] == "Hợp tác xã Đồng Xanh"  # no-break and zero-width spaces gone
    assert meta["summary"] == "Hợp tác xã sản xuất lúa hữu cơ – liên kết 85 hộ, thu nhập thành viên tăng gấp đôi."
    assert meta["achievements"] == ["Năm 2024 doanh thu đạt 9,5 tỷ đồng.",
                                    "Liên kết tiêu thụ cho 85 hộ – giá ổn định 3 năm liền.",
                                    "Hỗ trợ giống cho 20 hộ khó khăn."]
    assert meta["criteria"] == ["outstanding-achievement", "innovation"]
    assert meta["nominated_by"] == "ubnd-xa-gia-vien" and meta["movements"] == ["nong-thon-moi"]
    assert meta["commendations"] == [{"title": "Bằng khen của Chủ tịch UBND tỉnh", "form": "certificate-of-merit",
                                      "issuer": "UBND tỉnh Ninh Bình", "decision": "Quyết định số 1234/QĐ-UBND",
                                      "date": dt.date(2024, 11, 20)}]
    assert meta["photo"] == "images/hop-tac-xa-dong-xanh.jpg" and "place" not in meta and "consent" not in meta
    assert meta["photo_alt"] == "Thành viên hợp tác xã “Đồng Xanh” thu hoạch lúa"
    photo = repo.file("exemplars/images/hop-tac-xa-dong-xanh.jpg").read_bytes()
    # Position, camera data, XMP gone (only the orientation is kept, so the photo looks the same).
    assert not photo_metadata.has_location(photo) and b"SECRET" not in photo and photo_metadata.strip(photo) is photo
    result = repo.validate(targets=["exemplars/hop-tac-xa-dong-xanh.md"], today=dt.date.today())
    assert result.problems == [], [p.message for p in result.problems]
    assert "trình kiểm tra không báo lỗi" in answer


def test_individual_consent_is_left_for_the_editor_and_messages_are_vietnamese(repo):
    body = (COLLECTIVE.replace("Hợp tác xã\u00a0Đồng\u200b Xanh", "Trần Thị Hoa")
            .replace("Tập thể (collective)", "Cá nhân (individual)")
            .replace("### Đã có văn bản đồng ý công khai thông tin\n\n_No response_",
                     "### Đã có văn bản đồng ý công khai thông tin\n\nCó (true)")
            .replace("### Ngày ký văn bản đồng ý\n\n_No response_", "### Ngày ký văn bản đồng ý\n\n02/10/2024")
            .replace("### Ai đồng ý công khai thông tin\n\n_No response_",
                     "### Ai đồng ý công khai thông tin\n\nBản thân (self)"))
    outcome, answer = run(repo, body)
    assert outcome.ok
    text = repo.read("exemplars/tran-thi-hoa.md")
    assert "consent" not in front(repo, "exemplars/tran-thi-hoa.md")  # never written by a tool
    assert "# consent:\n#   given: true\n#   date: 2024-10-02\n#   by: self\n" in text
    assert "Không hợp lệ" in answer and "consent" in answer and "văn bản gốc" in answer
    assert "Traceback" not in answer and "Error" not in answer


def test_field_left_empty_gives_the_validators_message(repo):
    body = COLLECTIVE.replace("### Lĩnh vực\n\nNông nghiệp, nông thôn (agriculture)", "### Lĩnh vực\n\n_No response_")
    outcome, answer = run(repo, body)
    assert outcome.ok and "field" not in front(repo, "exemplars/hop-tac-xa-dong-xanh.md")
    assert "exemplars/hop-tac-xa-dong-xanh.md:" in answer and "`field`" in answer and "Cách sửa" in answer


def test_photo_that_cannot_be_fetched_leaves_a_profile_without_photo(repo):
    def fails(url, max_bytes):
        raise PhotoError("Không tải được ảnh (404).")

    outcome, answer = run(repo, COLLECTIVE, fails)
    assert outcome.ok and outcome.written == ["exemplars/hop-tac-xa-dong-xanh.md"]
    assert "photo" not in front(repo, "exemplars/hop-tac-xa-dong-xanh.md")
    assert "Không tải được ảnh (404)." in answer


def test_photo_link_outside_github_is_never_fetched(repo):
    fetch = photo_fetch(jpeg_with_everything())
    outcome, answer = run(repo, COLLECTIVE.replace(PHOTO_URL, "https://evil.example/a.jpg"), fetch)
    assert fetch.calls == [] and outcome.ok and "không có ảnh tải lên GitHub" in answer


@pytest.mark.parametrize("url", ["http://github.com/user-attachments/assets/x", "https://evil.example/a.jpg",
                                 "https://github.com.evil.example/a", "file:///etc/passwd"])
def test_download_refuses_other_hosts(url):
    with pytest.raises(PhotoError):
        download(url, 1000)


def test_not_an_image_attachment_is_reported(repo):
    outcome, answer = run(repo, COLLECTIVE, photo_fetch(b"<html>not a photo</html>"))
    assert outcome.ok and "không phải ảnh JPEG, PNG hay WebP" in answer


def test_hostile_values_never_become_paths_or_keys(repo):
    body = (COLLECTIVE.replace("Hợp tác xã\u00a0Đồng\u200b Xanh", "../../etc/passwd\nfeatured: true")
            .replace("Thành viên hợp tác xã “Đồng Xanh” thu hoạch lúa", "x\n---\nstatus: withdrawn\n!!python/object:os.system"))
    outcome, _ = run(repo, body)
    assert outcome.ok and outcome.slug == "etc-passwd-featured-true"
    meta = front(repo, "exemplars/etc-passwd-featured-true.md")
    assert meta["name"] == "../../etc/passwd featured: true" and "featured" not in meta and "status" not in meta
    assert meta["photo_alt"] == "x --- status: withdrawn !!python/object:os.system"
    assert sorted(p.name for p in (repo.path / "exemplars").iterdir() if p.suffix == ".md")[0] != "passwd"


def test_a_heading_typed_in_the_story_stays_in_the_story(repo):
    outcome, _ = run(repo, COLLECTIVE.replace(STORY, "### Hành trình vượt khó\n\n" + STORY))
    assert outcome.ok
    assert repo.read("exemplars/hop-tac-xa-dong-xanh.md").endswith("### Hành trình vượt khó\n\n" + STORY + "\n")


def test_existing_profile_is_never_overwritten(repo):
    run(repo, COLLECTIVE)
    before = repo.read("exemplars/hop-tac-xa-dong-xanh.md")
    outcome, answer = run(repo, COLLECTIVE)
    assert not outcome.ok and "không ghi đè" in answer
    assert repo.read("exemplars/hop-tac-xa-dong-xanh.md") == before


def test_proposal_without_a_name_writes_nothing(repo):
    outcome, answer = run(repo, COLLECTIVE.replace("Hợp tác xã\u00a0Đồng\u200b Xanh", "_No response_"))
    assert not outcome.ok and outcome.written == [] and "chưa có tên" in answer


def test_script_prints_the_answer_and_writes_the_slug(repo, tmp_path):
    # The photo box holds no attachment here: the script never goes to the network in tests.
    body = tmp_path / "issue.md"
    body.write_text(COLLECTIVE.replace(PHOTO_URL, "(chưa có ảnh)"), encoding="utf-8")
    slug, answer = tmp_path / "slug.txt", tmp_path / "answer.md"
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "from_issue.py"), str(body), "--root", str(repo.path),
                          "--answer", str(answer), "--slug-file", str(slug)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert slug.read_text() == "hop-tac-xa-dong-xanh\n" and out.stdout == answer.read_text(encoding="utf-8")
    assert "Đã tạo hồ sơ `exemplars/hop-tac-xa-dong-xanh.md`" in out.stdout


def test_answer_code_block_cannot_be_closed_by_a_value():
    assert issue_form._fenced("a ``` b ```` c").startswith("`````text\n")


# --- The workflow ------------------------------------------------------------------------------


def test_workflow_is_valid_yaml_with_official_actions_and_write_access_only_in_its_job():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert triggers == {"issues": {"types": ["labeled"]}}
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert "duyet-de-xuat" in job["if"]
    for step in job["steps"]:
        assert ("uses" in step) != ("run" in step)
        if "uses" in step:
            assert step["uses"].startswith("actions/"), step["uses"]
        else:
            # The issue's text reaches the script through the environment, never pasted into a command.
            assert "github.event.issue.body" not in step["run"] and "github.event.issue.title" not in step["run"]
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "scripts/from_issue.py" in text and "Closes #" in text
