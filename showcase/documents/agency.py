"""`agency.yml`: who issues the office's documents (Nghị định 30/2020/NĐ-CP header data).

The file is untrusted input like every other: its shape is checked and any mistake is a
located DH013 problem in Vietnamese, never a traceback. Every text is one line, without
hidden characters, and of a length a document header can hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..hygiene import hidden_character
from ..load import load_yaml_file
from ..problems import Problem, ProblemError

FILE = "agency.yml"
CODE = "DH013"
HINT = "Mở agency.yml, sửa theo các chú thích ở đầu tệp (mỗi mục là một dòng chữ trong ngoặc kép)."
MAX_TEXT = 150
MAX_RECIPIENTS = 30
ABBREVIATION = re.compile(r"^[A-ZĐ0-9]+(?:[-.][A-ZĐ0-9]+)*$")
_TEXT_KEYS = {"superior": False, "issuer": True, "abbreviation": True, "place": True}
_SIGNER_KEYS = {"authority": False, "title": True, "name": False}
_ALL_KEYS = {*_TEXT_KEYS, "signer", "recipients"}


@dataclass(frozen=True)
class Signer:
    authority: str = ""  # "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"...: may be empty
    title: str = "GIÁM ĐỐC"
    name: str = ""


@dataclass(frozen=True)
class Agency:
    issuer: str  # "Sở Nội vụ"
    abbreviation: str  # "SNV", used in the symbol: "12/BC-SNV"
    place: str  # "Ninh Bình": the place written before the date
    superior: str = ""  # "Ủy ban nhân dân tỉnh Ninh Bình"
    signer: Signer = field(default_factory=Signer)
    recipients: tuple[str, ...] = ()


# When the repository has no agency.yml: an obvious placeholder, never a real body's name.
PLACEHOLDER = Agency(issuer="Tên cơ quan ban hành", abbreviation="CQ", place="Địa danh",
                     superior="Tên cơ quan chủ quản", signer=Signer("", "THỦ TRƯỞNG CƠ QUAN", ""),
                     recipients=("Như trên", "Lưu: VT"))


def load_agency(root: Path) -> Agency:
    """The agency of `root/agency.yml`; the placeholder when the file is absent; a located
    `ProblemError` (DH013) when it is wrong."""
    path = Path(root) / FILE
    if path.is_symlink():
        raise ProblemError(Problem(CODE, FILE, None, "agency.yml là liên kết tượng trưng (symlink), không đọc.",
                                   "Thay liên kết bằng một tệp agency.yml thật."))
    if not path.is_file():
        return PLACEHOLDER
    try:
        data, lines = load_yaml_file(path, FILE, max_bytes=100_000)
    except ProblemError as exc:  # YAML syntax, size, encoding: say which file and keep the line
        p = exc.problem
        raise ProblemError(Problem(CODE, FILE, p.line, p.message, p.hint or HINT)) from None

    def fail(message: str, *keys) -> ProblemError:
        line = None
        while keys and line is None:
            line = lines.get(tuple(keys))
            keys = keys[:-1]
        return ProblemError(Problem(CODE, FILE, line or 1, message, HINT))

    def text(value, required: bool, *where) -> str:
        name = ".".join(str(k) for k in where)
        if value is None or value == "":
            if required:
                raise fail(f"Thiếu mục `{name}` trong agency.yml.", *where)
            return ""
        if not isinstance(value, str):
            raise fail(f"Mục `{name}` phải là một dòng chữ (đặt trong ngoặc kép).", *where)
        value = " ".join(value.split())
        if hidden := hidden_character(value):
            raise fail(f"Mục `{name}` chứa {hidden}.", *where)
        if len(value) > MAX_TEXT:
            raise fail(f"Mục `{name}` dài {len(value)} ký tự, quá {MAX_TEXT} ký tự mà phần đầu văn bản chứa được.",
                       *where)
        return value

    if not isinstance(data, dict):
        raise fail("agency.yml cần các mục `issuer`, `abbreviation`, `place`, `signer`, `recipients`.")
    unknown = sorted(str(k) for k in data if k not in _ALL_KEYS)
    if unknown:
        raise fail(f"Mục `{unknown[0]}` không dùng được; chỉ có: {', '.join(sorted(_ALL_KEYS))}.", unknown[0])
    values = {key: text(data.get(key), required, key) for key, required in _TEXT_KEYS.items()}
    if not ABBREVIATION.match(values["abbreviation"]):
        raise fail("`abbreviation` là chữ viết tắt tên cơ quan, viết hoa, không dấu cách, ví dụ SNV hoặc UBND.",
                   "abbreviation")
    signer = data.get("signer")
    if signer is None:
        signer = {}
    if not isinstance(signer, dict):
        raise fail("`signer` gồm các mục `authority`, `title`, `name` (người ký).", "signer")
    unknown = sorted(str(k) for k in signer if k not in _SIGNER_KEYS)
    if unknown:
        raise fail(f"Mục `signer.{unknown[0]}` không dùng được; chỉ có: authority, title, name.", "signer", unknown[0])
    who = {key: text(signer.get(key), required, "signer", key) for key, required in _SIGNER_KEYS.items()}
    recipients = data.get("recipients")
    if recipients is None:
        recipients = []
    if not isinstance(recipients, list):
        raise fail("`recipients` (nơi nhận) là một danh sách, mỗi dòng bắt đầu bằng dấu gạch ngang.", "recipients")
    if len(recipients) > MAX_RECIPIENTS:
        raise fail(f"`recipients` có {len(recipients)} nơi nhận, nhiều hơn {MAX_RECIPIENTS}.", "recipients")
    names = tuple(text(item, True, "recipients", index).rstrip(";.") for index, item in enumerate(recipients))
    return Agency(values["issuer"], values["abbreviation"], values["place"], values["superior"],
                  Signer(who["authority"], who["title"], who["name"]), names)
