"""Load a whole repository once: criteria, units, movements, exemplars; validate; enrich.

`load_showcase` is the one entry point for the validator script, the MkDocs adapter, the
reports and the tests. It never raises on bad content: problems come back as data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .calendar import load_calendar
from .criteria import Criteria, load_criteria
from .load import Document, load_markdown, load_yaml_file
from .model import Commendation, Consent, Exemplar, Movement, Showcase, Unit
from .problems import Problem, ProblemError
from .provinces import load_provinces
from .rules.context import Context, problem
from .rules.fields import check_exemplar_fields, check_movement_fields
from .rules.media import check_html, check_links, check_photo, is_photo_file
from .rules.privacy import check_consent, check_personal_data
from .rules.quota import check_quotas
from .rules.references import check_duplicates, check_exemplar_references
from .text import slugify

EXEMPLAR_RULES = (check_exemplar_fields, check_exemplar_references, check_personal_data, check_consent,
                  check_photo, check_links, check_html)
MOVEMENT_RULES = (check_movement_fields, check_personal_data, check_links, check_html)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Result:
    showcase: Showcase | None
    problems: list[Problem] = field(default_factory=list)
    files: int = 1  # profiles checked, with criteria.yml and units.yml

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load_showcase(root: Path, targets: list[str] | None = None, today: dt.date | None = None) -> Result:
    """Load and validate everything under `root`.

    `targets` (paths relative to root) limits the report to those files and applies the
    date rules ("not in the future") to them only; cross-file rules still see every file.
    """
    root = Path(root).resolve()
    today = today or dt.date.today()
    problems: list[Problem] = []
    try:
        criteria = load_criteria(root / "criteria.yml")
    except ProblemError as exc:
        return Result(None, [exc.problem])
    units, unit_lines = _load_units(root, criteria, problems)
    try:
        load_calendar(root)  # the site reads it too; an editor should hear of a mistake here first
    except ProblemError as exc:
        problems.append(exc.problem)
    limit = criteria.limits["file_max_bytes"]
    movement_paths = _profile_paths(root, "movements", problems)
    movements = [doc for path, rel in movement_paths if (doc := _load(path, rel, limit, problems))]
    exemplar_paths = _profile_paths(root, "exemplars", problems)
    ctx = Context(root, criteria, load_provinces(), units, {d.slug: d for d in movements}, {}, today,
                  set(targets) if targets is not None else None,
                  {"unit_lines": unit_lines,
                   "exemplar_paths": [rel for _, rel in exemplar_paths],
                   "movement_paths": [rel for _, rel in movement_paths]})
    for doc in movements:
        for rule in MOVEMENT_RULES:
            problems.extend(rule(doc, ctx))
    for doc, found in _load_and_check_exemplars(exemplar_paths, ctx, limit):
        problems.extend(found)
        if doc is not None:
            ctx.exemplars[doc.rel] = doc
    exemplars = list(ctx.exemplars.values())
    problems.extend(check_duplicates(ctx))
    problems.extend(check_quotas(ctx))
    if targets is not None:
        problems = [p for p in problems if p.path in ctx.targets]
    problems.sort(key=Problem.sort_key)
    failed = {p.path for p in problems if p.is_error}
    showcase = Showcase(root, criteria, ctx.provinces,
                        {uid: Unit(uid, e["name"], e["level"]) for uid, e in units.items()}, {}, {})
    for doc in movements:
        if doc.rel not in failed:
            showcase.movements[doc.slug] = _movement(doc)
    for doc in exemplars:
        if doc.rel not in failed:
            showcase.exemplars[doc.slug] = _exemplar(doc, ctx)
    return Result(showcase, problems, len(exemplar_paths) + len(movement_paths) + 2)


def _load_units(root: Path, criteria: Criteria, problems: list[Problem]) -> tuple[dict[str, dict], dict[str, int]]:
    path = root / "units.yml"
    if not path.is_file():
        problems.append(problem("DH009", "units.yml", None, "Không có tệp units.yml (danh sách đơn vị đề xuất).",
                                "Tạo tệp units.yml ở thư mục gốc, mỗi đơn vị một mục `mã: {name: …, level: …}`."))
        return {}, {}
    try:
        data, lines = load_yaml_file(path, "units.yml")
    except ProblemError as exc:
        problems.append(exc.problem)
        return {}, {}
    if not isinstance(data, dict):
        problems.append(problem("DH009", "units.yml", 1, "units.yml phải là danh sách `mã: {name: …, level: …}`.",
                                "Xem ví dụ ở đầu tệp units.yml."))
        return {}, {}
    levels = criteria.vocabularies["levels"]
    units = {}
    for uid, entry in data.items():
        line = lines.get((uid,))
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or entry.get("level") not in levels:
            problems.append(problem("DH009", "units.yml", line, f"Đơn vị `{uid}` cần có `name` và `level`.",
                                    "Ví dụ: `so-noi-vu-ninh-binh: {name: \"Sở Nội vụ tỉnh Ninh Bình\", level: province}`;"
                                    " `level` là một trong " + ", ".join(f"`{k}`" for k in levels) + "."))
            continue
        units[str(uid)] = entry
    return units, {str(k[0]): v for k, v in lines.items() if len(k) == 1}


def only(showcase: Showcase, paths: list[str]) -> Showcase:
    """The same showcase with only the profiles whose source files are named (for previews)."""
    wanted = {Path(p).as_posix() for p in paths}
    kept = {slug: e for slug, e in showcase.exemplars.items() if e.source in wanted or slug in wanted}
    return dataclasses.replace(showcase, exemplars=kept)


def _profile_paths(root: Path, folder: str, problems: list[Problem]) -> list[tuple[Path, str]]:
    """The profiles of a folder, sorted; files that would be silently ignored are reported."""
    base = root / folder
    found: list[tuple[Path, str]] = []
    if not base.is_dir():
        return found
    for path in sorted(base.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix != ".md":
            if folder == "exemplars" and is_photo_file(path):
                continue
            is_markdown = path.suffix.lower() in (".md", ".markdown", ".mdown", ".mkd")
            problems.append(problem(
                "DH002", rel, None,
                f"Tệp `{path.name}` sẽ bị bỏ qua: chỉ tệp đuôi `.md` (chữ thường) được đưa lên trang."
                if is_markdown else f"Tệp `{path.name}` không phải hồ sơ (.md) hay ảnh nên sẽ bị bỏ qua.",
                f"Đổi tên thành `{path.stem}.md`." if is_markdown else "Xoá tệp này hoặc chuyển ra ngoài thư mục."))
            continue
        if not SLUG.match(path.stem):
            problems.append(problem("DH010", rel, None, f"Tên tệp `{path.name}` phải viết không dấu, chữ thường, "
                                    "nối bằng gạch ngang.", f"Đổi tên thành `{slugify(path.stem) or 'ho-so'}.md`."))
        found.append((path, rel))
    return found


def _load(path: Path, rel: str, max_bytes: int, problems: list[Problem]) -> Document | None:
    try:
        return load_markdown(path, rel, max_bytes)
    except ProblemError as exc:
        problems.append(exc.problem)
        return None


# Loading and checking a profile needs no other profile: large repositories spread that
# work over every core; the rules across files (duplicates, quotas) run afterwards.
PARALLEL_FROM = 1500  # below this, starting worker processes costs more than it saves
BATCH = 250
_worker_ctx: Context | None = None


def _load_and_check_exemplars(paths: list[tuple[Path, str]], ctx: Context,
                              max_bytes: int) -> Iterator[tuple[Document | None, list[Problem]]]:
    workers = os.cpu_count() or 1
    if len(paths) < PARALLEL_FROM or workers < 2:
        yield from _check_batch(paths, ctx, max_bytes)
        return
    batches = [paths[i:i + BATCH] for i in range(0, len(paths), BATCH)]
    # "spawn": the caller may be a threaded process (mkdocs serve), where fork is unsafe.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_init_worker, initargs=(ctx,)) as pool:
        for results in pool.map(_check_batch_in_worker, batches, [max_bytes] * len(batches)):
            yield from results


def _init_worker(ctx: Context) -> None:
    global _worker_ctx
    _worker_ctx = ctx


def _check_batch_in_worker(paths: list[tuple[Path, str]], max_bytes: int):
    return list(_check_batch(paths, _worker_ctx, max_bytes))


def _check_batch(paths: list[tuple[Path, str]], ctx: Context, max_bytes: int):
    for path, rel in paths:
        found: list[Problem] = []
        doc = _load(path, rel, max_bytes, found)
        if doc is not None:
            for rule in EXEMPLAR_RULES:
                found.extend(rule(doc, ctx))
            doc.text = ""  # only the personal-data scan reads it; the site needs the body alone
        yield doc, found


def _movement(doc: Document) -> Movement:
    m = doc.meta
    return Movement(doc.slug, doc.rel, m["name"], m["launched_by"], m["level"], m["start"], m.get("end"),
                    list(m.get("legal_basis") or []), m["summary"], doc.body)


def _exemplar(doc: Document, ctx: Context) -> Exemplar:
    m = doc.meta
    consent = m.get("consent")
    photo = m.get("photo")
    return Exemplar(
        slug=doc.slug, source=doc.rel, name=m["name"].strip(), kind=m["kind"], category=m["category"],
        summary=m["summary"].strip(), field=m["field"], year=m["year"], nominated_by=m["nominated_by"],
        province=ctx.provinces.resolve(m["province"]), place=(m.get("place") or "").strip(),
        movements=list(m["movements"]), criteria=list(m["criteria"]), achievements=list(m["achievements"]),
        commendations=[Commendation(c["title"], c["form"], c["issuer"], c["decision"], c["date"])
                       for c in m.get("commendations") or []],
        photo=(doc.path.parent / photo).resolve() if photo else None, photo_alt=m.get("photo_alt") or "",
        consent=Consent(consent["given"], consent["date"], consent["by"]) if consent else None,
        sources=list(m.get("sources") or []), published=m["published"], status=m.get("status") or "published",
        featured=bool(m.get("featured")), body=doc.body)
