"""A proposal made with the GitHub issue form, turned into `exemplars/<slug>.md` and its photo.

`scripts/from_issue.py` is the command-line face; a workflow (.github/workflows/de-xuat-tu-issue.yml)
runs it when a member labels the issue, then opens a pull request and answers on the issue.

The issue body is hostile input (anyone can open an issue):
- it is read as GitHub renders a form (`### Label`, a blank line, the value, `_No response_` for
  an empty field); labels are matched against the form generated from the same field table
  (`showcase.guides.issue_form`), never used as keys;
- no value ever becomes a path: the file name is the slug of the name (`[a-z0-9-]`), the photo's
  name is that slug and an extension chosen from the photo's own bytes;
- the front-matter is written by `yaml.safe_dump`: no value can add a key or a tag;
- the photo is fetched only over https from GitHub's attachment hosts (redirects included), at
  most `photo_max_bytes`, and its metadata (GPS position, EXIF) is removed before it is written;
- consent is never written: the data contract says it is recorded by the editor who has seen the
  signed document. The proposer's statement (date and who signed, both checked against the
  vocabulary) is left as a YAML comment next to where the editor writes it.

Text pasted from Word is normalised the safe way: no-break and zero-width spaces, "•" and dash
bullets, runs of spaces; curly quotes and en dashes inside text are kept (they are text).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import photo_metadata
from ..criteria import Criteria
from ..fields import (DATE, EXEMPLAR_FIELDS, INT, RECORD, RECORD_LIST, SLUG_LIST, TEXT, TEXT_LIST, URL_LIST, Field)
from ..guides import issue_form
from ..pasting import INVISIBLE
from ..provinces import load_provinces
from ..text import fold, nfc, slugify
from .registries import Registries

NO_RESPONSE = "_No response_"
STORY, CONFIRM = "story", "confirm"
# Where a photo may come from: GitHub's attachment hosts (the form's "drop an image here").
ATTACHMENT = re.compile(r"https://(?:github\.com/user-attachments/assets/[0-9a-fA-F-]{36}"
                        r"|user-images\.githubusercontent\.com/[0-9]+/[\w.-]+"
                        r"|private-user-images\.githubusercontent\.com/[0-9]+/[\w.?=&%-]+)")
_ALLOWED_HOSTS = ("github.com", "user-images.githubusercontent.com", "private-user-images.githubusercontent.com",
                  "objects.githubusercontent.com")
_SPACES = re.compile("[ \t\u00a0\u202f\u2007\u2009\u3000]+")
_BULLET = re.compile(r"^\s*(?:[-*+•●▪◦·–—]|\d{1,3}[.)])\s+")
_CODE = re.compile(r"\(([a-z0-9]+(?:-[a-z0-9]+)*)\)")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}

Fetch = Callable[[str, int], bytes]  # (url, max bytes) -> the bytes; raises PhotoError


class PhotoError(Exception):
    """The attached photo could not be used; the message is for the editor, in Vietnamese."""


@dataclass
class Proposal:
    meta: dict
    body: str
    photo_url: str | None = None
    notes: list[str] = field(default_factory=list)  # what the editor must know or do, in Vietnamese
    consent_statement: str | None = None  # the YAML comment for the editor (see the module's docstring)


# --- Reading the body ----------------------------------------------------------------------------


def sections(body: str, labels: frozenset[str] | None = None) -> dict[str, str]:
    """`### Label` -> the text under it, as GitHub renders an issue form. With `labels`, a `### …`
    line that is not one of them is text of the current answer (a heading typed in the story)."""
    found: dict[str, str] = {}
    label, lines = None, []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.startswith("### ") and (labels is None or _clean_line(line[4:]) in labels):
            if label is not None:
                found.setdefault(label, "\n".join(lines).strip())
            label, lines = _clean_line(line[4:]), []
        elif label is not None:
            lines.append(line)
    if label is not None:
        found.setdefault(label, "\n".join(lines).strip())
    return {k: ("" if v == NO_RESPONSE else v) for k, v in found.items()}


def _clean_line(text: str) -> str:
    """One line as a person meant it: NFC, no zero-width characters, single ordinary spaces."""
    return _SPACES.sub(" ", INVISIBLE.sub("", unicodedata.normalize("NFC", text))).strip()


def _lines(text: str) -> list[str]:
    """The items of a list typed one per line, without bullets ("- ", "• ", "– ", "1. ")."""
    items = []
    for line in text.split("\n"):
        line = _BULLET.sub("", _clean_line(line))
        if line:
            items.append(line)
    return items


def read_proposal(body: str, criteria: Criteria, registries: Registries) -> Proposal:
    """The profile's values from an issue body; unknown labels are ignored."""
    form = issue_form(criteria, registries)
    by_label = {e["attributes"]["label"]: e["id"] for e in form["body"] if e["type"] != "markdown"}
    values = {by_label[label]: text for label, text in sections(body, frozenset(by_label)).items()
              if label in by_label}
    meta: dict = {}
    notes: list[str] = []
    proposal = Proposal(meta, "", notes=notes)
    for spec in EXEMPLAR_FIELDS:
        if spec.type == RECORD:  # consent: never written by a tool (see the module's docstring)
            proposal.consent_statement = _consent_statement(values, criteria, notes)
            continue
        raw = values.get(spec.key, "")
        if not raw.strip():
            continue
        if spec.key == "photo":
            match = ATTACHMENT.search(raw)
            if match:
                proposal.photo_url = match.group(0)
            else:
                notes.append("Ô “Ảnh” không có ảnh tải lên GitHub (kéo thả ảnh vào ô): hồ sơ được tạo chưa có ảnh.")
            continue
        value = _value(spec, raw, criteria, registries, notes)
        if value not in (None, "", []):
            meta[spec.key] = value
    proposal.body = _story(values.get(STORY, ""))
    return proposal


def _value(spec: Field, raw: str, criteria: Criteria, registries: Registries, notes: list[str]):
    if spec.type == TEXT:
        text = _clean_line(" ".join(raw.split("\n")))
        if spec.vocabulary:
            return _code(text, criteria.vocabularies[spec.vocabulary])
        if spec.key == "nominated_by":
            return _code(text, dict((uid, name) for uid, name in registries.units))
        if spec.key == "province":
            province = load_provinces().resolve(_CODE.findall(text)[-1] if _CODE.findall(text) else text)
            return province.slug if province else text
        return text
    if spec.type == INT:
        text = _clean_line(raw)
        return int(text) if re.fullmatch(r"\d{4}", text) else text  # else the validator explains
    if spec.type == DATE:
        return _date(_clean_line(raw))
    if spec.type == SLUG_LIST:
        choices = (dict(registries.movements) if spec.key == "movements"
                   else {c.id: c.label for c in criteria.criteria.values()})
        codes = [c for c in _CODE.findall(raw) if c in choices]
        if codes:
            return list(dict.fromkeys(codes))
        return [_code(item, choices) for item in _lines(raw)]
    if spec.type in (TEXT_LIST, URL_LIST):
        return _lines(raw)
    if spec.type == RECORD_LIST:
        return _commendations(raw, spec, criteria, notes)
    return _clean_line(raw)


def _code(text: str, choices: dict[str, str]) -> str:
    """The code of a drop-down answer "Label (code)", or of a label typed by hand; else the text,
    for the validator to explain."""
    codes = [c for c in _CODE.findall(text) if c in choices]
    if codes:
        return codes[-1]
    if text in choices:
        return text
    wanted = fold(text)
    matches = [code for code, label in choices.items() if fold(str(label)) == wanted]
    return matches[0] if len(matches) == 1 else text


def _date(text: str):
    """A date; day/month/year (the Vietnamese order) is read too. Else the text, for the validator."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DMY.match(text)
    if match:
        try:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    return text


def _commendations(raw: str, spec: Field, criteria: Criteria, notes: list[str]) -> list[dict]:
    found = []
    keys = [sub.key for sub in spec.subfields]
    for number, line in enumerate(_lines(raw), 1):
        parts = [_clean_line(p) for p in line.split(";")]
        if len(parts) != len(keys) or not all(parts):
            notes.append(f"Dòng khen thưởng thứ {number} (“{line[:80]}”) không đủ {len(keys)} phần cách nhau bằng "
                         "dấu chấm phẩy (tên; hình thức; cơ quan khen thưởng; số quyết định; ngày quyết định), nên "
                         "chưa đưa vào hồ sơ. Cán bộ bổ sung vào mục `commendations`.")
            continue
        item = dict(zip(keys, parts))
        item["form"] = _code(item["form"], criteria.vocabularies["commendation_forms"])
        item["date"] = _date(item["date"])
        found.append(item)
    return found


def _consent_statement(values: dict, criteria: Criteria, notes: list[str]) -> str | None:
    given = values.get("consent_given", "")
    if "(true)" not in given:
        return None
    date = _date(_clean_line(values.get("consent_date", "")))
    by = _code(_clean_line(values.get("consent_by", "")), criteria.vocabularies["consent_by"])
    # Only checked values reach the comment: a date, and a code of the vocabulary.
    said = []
    if isinstance(date, dt.date):
        said.append(f"ngày {date.isoformat()}")
    if by in criteria.vocabularies["consent_by"]:
        said.append(f"người đồng ý: {by}")
    notes.append("Người đề xuất cho biết đã có văn bản đồng ý công khai thông tin"
                 + (f" ({', '.join(said)})" if said else "") + ". Cán bộ xem văn bản gốc rồi mới ghi mục `consent` "
                 "(bỏ dấu # ở bốn dòng gợi ý trong hồ sơ).")
    lines = ["# Sự đồng ý: cán bộ ghi sau khi xem văn bản gốc có chữ ký (bỏ dấu # ở bốn dòng dưới).",
             "# consent:", "#   given: true",
             f"#   date: {date.isoformat() if isinstance(date, dt.date) else 'NĂM-THÁNG-NGÀY'}",
             f"#   by: {by if by in criteria.vocabularies['consent_by'] else 'CHỌN self, family HOẶC representative'}"]
    return "\n".join(lines)


def _story(raw: str) -> str:
    """The story: paragraphs kept, Word's spaces and bullets made Markdown."""
    out = []
    for line in raw.replace("\r\n", "\n").split("\n"):
        clean = _clean_line(line)
        if _BULLET.match(INVISIBLE.sub("", unicodedata.normalize("NFC", line.replace("\u00a0", " ")))):
            clean = "- " + _BULLET.sub("", clean)
        out.append(clean)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


# --- The photo -----------------------------------------------------------------------------------


class _OnlyGitHub(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not _allowed(newurl):
            raise PhotoError("Ảnh được chuyển tới một địa chỉ ngoài GitHub nên không tải.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _allowed(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "https" and parts.hostname in _ALLOWED_HOSTS


def download(url: str, max_bytes: int) -> bytes:
    """The attachment's bytes, over https from GitHub only, at most `max_bytes`."""
    if not _allowed(url):
        raise PhotoError("Ảnh không nằm trên GitHub nên không tải.")
    opener = urllib.request.build_opener(_OnlyGitHub)
    request = urllib.request.Request(url, headers={"User-Agent": "dien-hinh-tien-tien/from_issue"})
    try:
        with opener.open(request, timeout=30) as response:
            data = response.read(max_bytes + 1)
    except PhotoError:
        raise
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise PhotoError(f"Không tải được ảnh ({getattr(exc, 'code', '') or 'lỗi mạng'}).") from None
    if len(data) > max_bytes:
        raise PhotoError(f"Ảnh lớn hơn {max_bytes // 1_000_000} MB.")
    return data


# --- Writing ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    ok: bool  # a profile was written
    slug: str | None
    written: list[str]  # repository-relative paths
    notes: list[str]


def write_proposal(root: Path, proposal: Proposal, criteria: Criteria, fetch: Fetch = download) -> Outcome:
    notes = list(proposal.notes)
    name = proposal.meta.get("name", "")
    slug = slugify(nfc(name))[:80].strip("-") if isinstance(name, str) else ""
    if not slug:
        return Outcome(False, None, [], notes + ["Đề xuất chưa có tên điển hình (ô đầu tiên), nên chưa tạo được hồ sơ."])
    profile = root / "exemplars" / f"{slug}.md"
    if profile.exists():
        return Outcome(False, slug, [], notes + [
            f"Đã có hồ sơ exemplars/{slug}.md; không ghi đè. Nếu là cùng một người, tập thể: cán bộ sửa hồ sơ đó. "
            "Nếu là người khác trùng tên: sửa tên trong đề xuất, thêm nơi ở hoặc đơn vị, rồi gắn nhãn lại."])
    written = []
    meta = dict(proposal.meta)
    if proposal.photo_url:
        try:
            data = photo_metadata.strip(fetch(proposal.photo_url, criteria.limits["photo_max_bytes"]))
            suffix = _SUFFIX[photo_metadata.kind_of(data)]
        except photo_metadata.Damaged:
            notes.append("Tệp đính kèm ở ô “Ảnh” không phải ảnh JPEG, PNG hay WebP: hồ sơ được tạo chưa có ảnh.")
        except PhotoError as exc:
            notes.append(f"{exc} Hồ sơ được tạo chưa có ảnh; cán bộ thêm ảnh vào exemplars/images/ sau.")
        else:
            photo = root / "exemplars" / "images" / f"{slug}{suffix}"
            if photo.exists():
                notes.append(f"Đã có ảnh exemplars/images/{photo.name}; không ghi đè, hồ sơ được tạo chưa có ảnh.")
            else:
                photo.parent.mkdir(parents=True, exist_ok=True)
                photo.write_bytes(data)
                written.append(f"exemplars/images/{photo.name}")
                meta["photo"] = f"images/{photo.name}"
    # The contract's order, then what the office decides (status: the proposal is a draft until reviewed).
    ordered = {spec.key: meta[spec.key] for spec in EXEMPLAR_FIELDS if spec.key in meta}
    front = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    if proposal.consent_statement:
        front += proposal.consent_statement + "\n"
    front += f"published: {dt.date.today().isoformat()}  # cán bộ sửa thành ngày đăng công khai\n"
    profile.parent.mkdir(parents=True, exist_ok=True)
    with profile.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(f"---\n{front}---\n\n{proposal.body}")
    written.insert(0, f"exemplars/{slug}.md")
    return Outcome(True, slug, written, notes)


# --- The answer on the issue ----------------------------------------------------------------------


def convert(root: Path, body: str, criteria: Criteria, registries: Registries,
            fetch: Fetch = download) -> tuple[Outcome, str]:
    """Write the profile of an issue body and validate it: (outcome, the Markdown answer to post)."""
    from ..output import render  # not at the top: keeps this module light for the form generator
    from ..repository import load_showcase

    outcome = write_proposal(root, read_proposal(body, criteria, registries), criteria, fetch)
    lines = []
    if not outcome.ok:
        lines.append("Chưa tạo được hồ sơ từ đề xuất này:")
    else:
        rel = outcome.written[0]
        result = load_showcase(root, targets=[rel])
        mine = [p for p in result.problems if p.path in outcome.written]
        errors = [p for p in mine if p.is_error]
        photo = f" và ảnh `{outcome.written[1]}`" if len(outcome.written) > 1 else ""
        if errors:
            lines.append(f"Đã tạo hồ sơ `{rel}`{photo}, nhưng trình kiểm tra còn báo {len(errors)} lỗi. Cán bộ "
                         "sửa các lỗi dưới đây trong pull request (bấm “Files changed”, rồi biểu tượng bút chì) "
                         "trước khi hợp nhất:")
        else:
            lines.append(f"Đã tạo hồ sơ `{rel}`{photo}; trình kiểm tra không báo lỗi. Cán bộ xem lại nội dung "
                         "trong pull request trước khi hợp nhất (hợp nhất là đăng công khai).")
        if mine:
            lines.append(_fenced(render(mine, 1, "text")))
    if outcome.notes:
        lines.append("\n".join(f"- {note}" for note in outcome.notes))
    return outcome, "\n\n".join(lines) + "\n"


def _fenced(text: str) -> str:
    """A code block that no quoted value can close (a fence longer than any run of backticks)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"
