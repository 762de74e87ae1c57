"""DH201-DH208: movements, units, criteria, provinces, and files that clash."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterator
from functools import lru_cache

from ..hygiene import HIDDEN
from ..load import Document
from ..problems import Problem
from ..provinces import load_provinces
from ..text import nearest, slugify
from .context import Context, problem


def check_exemplar_references(doc: Document, ctx: Context) -> Iterator[Problem]:
    meta = doc.meta
    year = meta.get("year")
    for index, slug in _items(meta.get("movements")):
        movement = ctx.movements.get(slug)
        if movement is None:
            named = _by_label(slug, {s: m.meta.get("name") for s, m in ctx.movements.items()
                                     if isinstance(m.meta.get("name"), str)})
            yield problem("DH201", doc, doc.line("movements", index), f"Phong trào `{slug}` không có trong movements/.",
                          f"Viết mã (tên tệp trong movements/, không có đuôi .md): `{named}`." if named else
                          _suggest(slug, list(ctx.movements), "Tạo tệp movements/{}.md trước, hoặc sửa lại mã."
                                   .format(slug)))
            continue
        start, end = movement.meta.get("start"), movement.meta.get("end")
        if isinstance(year, int) and isinstance(start, int) and (
                year < start or (isinstance(end, int) and year > end)):
            span = f"{start} – {end if isinstance(end, int) else 'nay'}"
            yield problem("DH204", doc, doc.line("year"),
                          f"Năm {year} nằm ngoài thời gian của phong trào `{slug}` ({span}).",
                          "Kiểm tra lại năm lựa chọn, hoặc chọn phong trào đang diễn ra trong năm đó.")
    unit = meta.get("nominated_by")
    if isinstance(unit, str) and unit and unit not in ctx.units:
        yield problem("DH202", doc, doc.line("nominated_by"), f"Đơn vị `{unit}` không có trong units.yml.",
                      _suggest_unit(unit, ctx.units))
    for index, cid in _items(meta.get("criteria")):
        if cid not in ctx.criteria.criteria:
            named = _by_label(cid, {c.id: c.label for c in ctx.criteria.criteria.values()})
            yield problem("DH203", doc, doc.line("criteria", index), f"Tiêu chí `{cid}` không có trong criteria.yml.",
                          f"Tiêu chí “{ctx.criteria.criteria[named].label}” được ghi bằng mã `{named}`." if named else
                          _suggest(cid, list(ctx.criteria.criteria), ""))
    province = meta.get("province")
    if isinstance(province, (str, int)) and not isinstance(province, bool) and province != "" \
            and ctx.province(province) is None:
        former = ctx.provinces.former(str(province))
        if former:
            old, new = former
            yield problem("DH206", doc, doc.line("province"),
                          f"“{old}” là tên tỉnh trước ngày 1/7/2025; nay thuộc {new.full_name}.",
                          f"Sửa thành `province: {new.slug}` (hoặc “{new.name}”); giữ tên cũ trong `place` nếu cần.")
        else:
            names = {p.name: p for p in ctx.provinces.by_slug.values()}
            guess = nearest(str(province), list(names))
            yield problem("DH205", doc, doc.line("province"),
                          f"`{province}` không phải một trong 34 tỉnh, thành phố hiện nay.",
                          f"Có phải ý bạn là `{names[guess].slug}` ({guess})?" if guess else
                          "Dùng mã không dấu như `ninh-binh`, `ha-noi`, `ho-chi-minh`, hoặc tên như “Ninh Bình”.")


def check_duplicates(ctx: Context) -> Iterator[Problem]:
    """DH207 (same slug twice) and DH208 (the same person, collective or household twice)."""
    for folder, docs in (("exemplars", ctx.extra.get("exemplar_paths", [])),
                         ("movements", ctx.extra.get("movement_paths", []))):
        by_slug: dict[str, list[str]] = defaultdict(list)
        for rel in docs:
            by_slug[rel.rsplit("/", 1)[-1][:-3].lower()].append(rel)
        for slug, rels in by_slug.items():
            for rel in rels if len(rels) > 1 else ():
                others = ", ".join(r for r in rels if r != rel)
                yield problem("DH207", rel, None,
                              f"Tên tệp `{slug}` trùng với {others} (tên tệp phải duy nhất trong {folder}/).",
                              "Đổi tên tệp, ví dụ thêm tên xã hoặc năm: `nguyen-van-a-gia-vien.md`.")
    known = ctx.extra.get("identities", {})  # worked out with the file's other checks, and cached
    identities: dict[tuple, Document] = {}
    for doc in ctx.exemplars.values():
        key = known[doc.rel] if doc.rel in known else identity(doc.meta)
        if key is None:
            continue
        first = identities.setdefault(key, doc)
        if first is not doc:
            yield problem("DH208", doc, doc.line("name"),
                          f"“{doc.meta['name']}” đã có hồ sơ {first.rel} (cùng tên, loại, tỉnh và nơi).",
                          "Bổ sung thành tích vào hồ sơ đã có thay vì tạo hồ sơ mới; nếu là hai người khác nhau, "
                          "ghi rõ `place` để phân biệt.")


def identity(meta: dict) -> tuple | None:
    """Who a profile is about, for DH208: name, kind, province and place, compared as a reader
    would: without case, tone marks, punctuation, invisible characters or extra spaces, and the
    province by what it resolves to ("Ninh Bình", "ninh-binh", "Tỉnh Ninh Bình" are one)."""
    if not isinstance(meta.get("name"), str):
        return None
    kind = meta.get("kind")
    province = meta.get("province")
    return (_person_key(meta["name"]), kind if isinstance(kind, Hashable) else repr(kind),
            _province_key(type(province), province) if isinstance(province, Hashable) else repr(province),
            _person_key(str(meta.get("place") or "")))


@lru_cache(maxsize=1024)  # a few dozen values recur across thousands of profiles
def _province_key(kind: type, value) -> str:
    found = load_provinces().resolve(value) if kind in (str, int) else None
    return found.slug if found else _person_key(str(value))


# Compatibility decomposition (full-width letters, NFC or NFD input) then no combining marks:
# the tone marks and other diacritics. Done by regexes, not a loop over characters.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_LOOK_ALIKE_D = str.maketrans(dict.fromkeys("\u0110\u0111\u00d0\u00f0\u0189\u0256", "d"))
_NOT_WORD = re.compile(r"[\W_]+")


def _person_key(text: str) -> str:
    """'  Nguyễn  Văn\u200b A.' and 'nguyen-van-a' give the same key, 'nguyenvana': words are
    compared without what separates them, which no two different people's names differ by."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", HIDDEN.sub("", text)))
    return _NOT_WORD.sub("", text.translate(_LOOK_ALIKE_D).casefold())


def _items(value) -> Iterator[tuple[int, str]]:
    if isinstance(value, list):
        yield from ((i, v) for i, v in enumerate(value) if isinstance(v, str))


# Words of a unit's name that say what kind of body it is, not where: a near miss may differ in
# these ("ubdn" for "ubnd"), never in the place ("gia-hung" is another commune than "gia-vien").
_UNIT_WORDS = frozenset("ubnd hdnd uy ban nhan dan xa phuong thi tran huyen quan tinh thanh pho tp so ban nganh "
                        "doan hoi cong an truong chi lien mat tran to quoc dang bo co quan".split())


def _by_label(value: str, labels: dict[str, str]) -> str | None:
    """The code written by its Vietnamese name or label, or with `.md` after it."""
    from .fields import by_label  # the same comparison as for vocabularies

    if value.endswith(".md") and value[:-3] in labels:
        return value[:-3]
    return by_label(value, labels)


def _suggest_unit(value: str, units: dict[str, dict]) -> str:
    """A unit id for what was written: the id of a unit written by its name ("UBND xã Gia Viễn"),
    or of a typo that keeps every place word; otherwise how to add the unit, never another place."""
    folded = slugify(value)
    for uid, entry in units.items():
        if folded == uid or folded == slugify(str(entry.get("name", ""))):
            return (f"{entry.get('name', uid)} có mã `{uid}` trong units.yml: viết mã, không viết tên: "
                    f"`nominated_by: {uid}`.")
    places = [w for w in folded.split("-") if w not in _UNIT_WORDS]
    for uid in units:
        if places and [w for w in uid.split("-") if w not in _UNIT_WORDS] == places \
                and _distance(folded, uid) <= 3:
            return f"Có phải ý bạn là `{uid}` ({units[uid].get('name', uid)})?"
    example = folded or "ma-don-vi"
    listed = ", ".join(f"`{uid}` ({units[uid].get('name', uid)})" for uid in sorted(units)[:8])
    return (f"Nếu đây là một đơn vị chưa có trong danh sách, thêm vào units.yml một dòng dạng "
            f"`{example}: {{name: \"Tên đầy đủ của đơn vị\", level: local}}` (level: central, province, local hoặc "
            f"agency); nếu không, dùng đúng mã của đơn vị trong units.yml" + (f", ví dụ {listed}" if listed else "")
            + (", …" if len(units) > 8 else "") + ".")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short ids only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _suggest(value: str, choices: list[str], fallback: str) -> str:
    guess = nearest(value, choices)
    if guess:
        return f"Có phải ý bạn là `{guess}`?"
    ordered = sorted(choices)
    listed = ", ".join(f"`{c}`" for c in ordered[:12]) + (", …" if len(ordered) > 12 else "")
    return f"{fallback} Các mã hiện có: {listed}.".strip() if ordered else fallback
