"""Load a whole repository once: criteria, units, movements, exemplars; validate; enrich.

`load_showcase` is the one entry point for the validator script, the MkDocs adapter, the
reports and the tests. It never raises on bad content: problems come back as data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import pickle
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import collector
from .cache import ValidationCache, digest, fingerprint, write_shard
from .criteria import Criteria, load_criteria
from .hygiene import HIDDEN_HINT, MAX_ID, SLUG, hidden_in_data, is_clean_name, shown, without_hidden
from .load import Document, decode, load_markdown, load_yaml_file, parse_markdown, read_bytes, stem
from .model import DRAFT, Commendation, Consent, Exemplar, Movement, Showcase, Unit
from .problems import Problem, ProblemError
from .provinces import load_provinces
from .rules.context import Context, problem
from .rules.fields import check_exemplar_dates, check_exemplar_fields, check_movement_fields
from .rules.media import check_html, check_links
from .rules.photos import check_photo, is_photo_file
from .rules.consent import check_consent, check_tombstone
from .rules.pasted import check_pasted
from .rules.placeholders import check_placeholders
from .rules.privacy import check_data, check_personal_data
from .rules.quota import check_quotas
from .rules.references import check_duplicates, check_exemplar_references, identity
from .text import slugify
from .withdrawal import WITHDRAWN, is_tombstone

# Rules over one profile. The first read the file and criteria.yml alone: their problems are
# cached with the file's digest (see cache.py). The others read more (other files, today, the
# photo on disk) and run on every profile every time.
FILE_RULES = (check_exemplar_fields, check_personal_data, check_consent, check_tombstone, check_placeholders,
              check_links, check_html, check_pasted)
LIVE_RULES = (check_exemplar_references, check_exemplar_dates, check_photo)
MOVEMENT_RULES = (check_movement_fields, check_personal_data, check_links, check_html, check_pasted)


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


def load_showcase(root: Path, targets: list[str] | None = None, today: dt.date | None = None,
                  cache: bool = True, recent: RecentLoads | None = None) -> Result:
    """Load and validate everything under `root`.

    `targets` (paths relative to root) limits the report to those files and applies the
    date rules ("not in the future") to them only; cross-file rules still see every file.
    `cache`: reuse and update the per-file results kept in `.site-cache/validation/`.
    `recent`: what the previous load in this process found (a preview server's rebuilds).
    """
    with collector.paused():
        return _load_showcase(Path(root).resolve(), targets, today or dt.date.today(), cache, recent)


class RecentLoads:
    """What the previous load of a long-running process (`mkdocs serve`) found per profile.

    A file whose status (size, change time, inode) is the same as then is neither read nor
    checked again, and keeps its `Exemplar` object: the preview's page memo recognises the
    pages made from it without describing it again. The rules that read other files or
    today's date still run on every profile, as in any load.
    """

    def __init__(self):
        self.fingerprint = b""
        self.files: dict[str, tuple[tuple, tuple, Exemplar | None]] = {}  # rel -> (status, entry, exemplar)

    def start(self, fingerprint: bytes) -> None:
        if fingerprint != self.fingerprint:  # criteria.yml or the code changed: every result may differ
            self.files.clear()
            self.fingerprint = fingerprint

    def entry(self, rel: str, status: tuple | None) -> tuple | None:
        kept = self.files.get(rel)
        return kept[1] if kept and status is not None and kept[0] == status else None

    def exemplar(self, rel: str, entry: tuple) -> Exemplar | None:
        kept = self.files.get(rel)
        return kept[2] if kept and kept[1] is entry else None


def _status(path: Path) -> tuple | None:
    """What changes when a file is written: taken before the file is read, so that a result is
    never kept under the status of a newer version."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def _load_showcase(root: Path, targets: list[str] | None, today: dt.date, cache: bool,
                   recent: RecentLoads | None) -> Result:
    problems: list[Problem] = []
    try:
        criteria = load_criteria(root / "criteria.yml")
    except ProblemError as exc:
        return Result(None, [exc.problem])
    # Labels and wordings reach every page; an error here stops the build (DH301-DH307).
    problems.extend(check_data(*load_yaml_file(root / "criteria.yml", "criteria.yml"), "criteria.yml"))
    units, unit_lines = _load_units(root, criteria, problems)
    _check_calendar(root, problems)
    _check_agency(root, problems)
    limit = criteria.limits["file_max_bytes"]
    movement_paths = _profile_paths(root, "movements", problems)
    movements = [doc for path, rel in movement_paths if (doc := _load(path, rel, limit, problems))]
    exemplar_paths = _profile_paths(root, "exemplars", problems)
    ctx = Context(root, criteria, load_provinces(), units, {d.slug: d for d in movements}, {}, today,
                  set(targets) if targets is not None else None,
                  {"unit_lines": unit_lines, "identities": {}, "photo_cache": cache,
                   "exemplar_paths": [rel for _, rel in exemplar_paths],
                   "movement_paths": [rel for _, rel in movement_paths]})
    for doc in movements:
        for rule in MOVEMENT_RULES:
            problems.extend(rule(doc, ctx))
    stamp = fingerprint(root) if cache or recent else b""
    store = ValidationCache(root, stamp) if cache else None
    if recent is not None:
        recent.start(stamp)
    statuses = {rel: _status(path) for path, rel in exemplar_paths} if recent is not None else {}
    entries = {}
    for doc, entry, found, identity in _load_and_check_exemplars(exemplar_paths, ctx, limit, store, recent,
                                                                  statuses):
        problems.extend(found)
        if doc is not None:
            entries[doc.rel] = entry
            ctx.exemplars[doc.rel] = doc
            ctx.extra["identities"][doc.rel] = identity
    exemplars = list(ctx.exemplars.values())
    problems.extend(check_duplicates(ctx))
    problems.extend(check_quotas(ctx))
    failed = {p.path for p in problems if p.is_error}  # all files: a broken one outside `targets` stays out too
    if targets is not None:
        problems = [p for p in problems if p.path in ctx.targets]
    problems.sort(key=Problem.sort_key)
    showcase = Showcase(root, criteria, ctx.provinces,
                        {uid: Unit(uid, e["name"], e["level"]) for uid, e in units.items()}, {}, {})
    for doc in movements:
        if doc.rel not in failed:
            showcase.movements[doc.slug] = _movement(doc)
    kept: dict[str, tuple] = {}
    for doc in exemplars:
        exemplar = None
        if doc.rel not in failed and is_tombstone(doc.meta):
            showcase.withdrawn[doc.slug] = doc.meta[WITHDRAWN]  # no Exemplar: a tombstone has no data
        elif doc.rel not in failed:
            entry = entries[doc.rel]
            exemplar = recent.exemplar(doc.rel, entry) if recent else None
            if exemplar is None:
                exemplar = _exemplar(doc, ctx)
                if recent is not None:
                    exemplar.derived = {}
            if exemplar.status == DRAFT:
                showcase.drafts[doc.slug] = exemplar
            else:
                showcase.exemplars[doc.slug] = exemplar
        if recent is not None:
            kept[doc.rel] = (statuses[doc.rel], entries[doc.rel], exemplar)
    if recent is not None:
        recent.files = kept
    return Result(showcase, problems, len(exemplar_paths) + len(movement_paths) + 2)


def _check_calendar(root: Path, problems: list[Problem]) -> None:
    """The site reads calendar.yml too; an editor should hear of a mistake here first."""
    from .calendar import load_calendar  # not at the top: worker processes import this module, without iCalendar

    try:
        if load_calendar(root):  # then the file exists and has the right shape: its words may still hide characters
            data, lines = load_yaml_file(root / "calendar.yml", "calendar.yml")
            problems.extend(check_data(data, lines, "calendar.yml"))  # names and notes reach lich.ics
            if hidden := hidden_in_data(data):
                problems.append(problem("DH011", "calendar.yml", lines.get(hidden[0]),
                                        f"Có {hidden[1]}.", HIDDEN_HINT))
    except ProblemError as exc:
        problems.append(exc.problem)


def _check_agency(root: Path, problems: list[Problem]) -> None:
    """agency.yml heads the office's documents (scripts/report.py --docx, the site's reports): DH013."""
    from .documents.agency import load_agency  # not at the top: worker processes need no python-docx

    try:
        load_agency(root)
    except ProblemError as exc:
        problems.append(exc.problem)


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
    # Unit names reach profile pages, feeds, open data and statistics: an error stops the build.
    problems.extend(check_data(data, lines, "units.yml"))
    levels = criteria.vocabularies["levels"]
    units = {}
    for uid, entry in data.items():
        line = lines.get((uid,))
        if not isinstance(uid, str) or not SLUG.match(uid) or len(uid) > MAX_ID:
            suggestion = slugify(str(uid))
            problems.append(
                problem("DH009", "units.yml", line, f"Mã đơn vị `{uid[:40]}…` dài quá {MAX_ID} ký tự.",
                        "Rút gọn mã, ví dụ `so-noi-vu-ninh-binh`.") if isinstance(uid, str) and SLUG.match(uid) else
                problem("DH009", "units.yml", line, f"Mã đơn vị `{shown(uid)}` phải viết không dấu, chữ thường, "
                        "nối bằng gạch ngang.", f"Đổi thành `{suggestion}` (và sửa theo ở các hồ sơ dùng mã cũ)."
                        if suggestion and len(suggestion) <= MAX_ID else "Đặt mã dạng `so-noi-vu-ninh-binh`."))
            continue
        if hidden := hidden_in_data(entry, (uid,)):
            problems.append(problem("DH009", "units.yml", lines.get(hidden[0], line),
                                    f"Đơn vị `{uid}` có {hidden[1]}.", HIDDEN_HINT))
            continue
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
    """The profiles of a folder, sorted; files that would be silently ignored, symlinks (which
    could publish a file from anywhere on the disk) and folder names that are not slugs are reported."""
    base = root / folder
    found: list[tuple[Path, str]] = []
    if os.path.islink(base):
        problems.append(_symlink_problem(folder, folder))
        return found
    if not base.is_dir():
        return found
    for parts, full, kind in _files_under(str(base)):
        rel = f"{folder}/{'/'.join(parts)}"
        name = parts[-1]
        if not is_clean_name(rel):  # never loaded: its name would reach messages, URLs and logs as it is
            clean = Path(without_hidden(name))
            suffix = clean.suffix.lower() if kind == FILE else ""
            suggestion = _free_name(Path(full).parent, slugify(clean.stem if suffix else clean.name) or "ho-so", suffix)
            problems.append(problem("DH010", shown(rel), None, f"Tên `{shown(name)}` có ký tự ẩn, ký tự điều khiển "
                                    "hoặc không phải UTF-8.", f"Đổi tên thành `{suggestion}`."))
            continue
        if kind == LINK:
            problems.append(_symlink_problem(rel, name))
            continue
        if kind == HIDDEN:
            problems.append(problem("DH002", rel, None, f"`{shown(name)}` bắt đầu bằng dấu chấm nên sẽ bị bỏ qua.",
                                    "Đổi tên bỏ dấu chấm ở đầu, hoặc xoá tệp nếu không cần."))
            continue
        if kind == OTHER:
            problems.append(problem("DH002", rel, None,
                                    f"`{shown(name)}` không phải tệp thông thường nên sẽ bị bỏ qua.",
                                    "Xoá mục này khỏi thư mục."))
            continue
        if kind == FOLDER:
            if not SLUG.match(name):
                problems.append(problem("DH010", rel, None, f"Tên thư mục `{shown(name)}` phải viết không dấu, chữ "
                                        "thường, nối bằng gạch ngang.",
                                        f"Đổi tên thành `{_free_name(Path(full).parent, slugify(name) or 'thu-muc', '')}`."))
            continue
        path = Path(full)
        if path.suffix != ".md":
            if folder == "exemplars" and is_photo_file(path):
                continue
            is_markdown = path.suffix.lower() in (".md", ".markdown", ".mdown", ".mkd")
            # Windows hides known extensions: "ho-so.md" saved by Notepad or Word is "ho-so.md.txt".
            doubled = path.suffix.lower() in (".txt", ".doc", ".docx", ".rtf") and Path(path.stem).suffix.lower() == ".md"
            stem_md = Path(path.stem).stem if doubled else path.stem
            problems.append(problem(
                "DH002", rel, None,
                f"Tệp `{shown(path.name)}` sẽ bị bỏ qua: chỉ tệp đuôi `.md` (chữ thường) được đưa lên trang."
                if is_markdown else
                f"Tệp `{shown(path.name)}` có hai đuôi: Windows đã thêm `{path.suffix}` sau `.md` (và ẩn nó đi), nên "
                "tệp bị bỏ qua." if doubled else
                f"Tệp `{shown(path.name)}` không phải hồ sơ (.md) hay ảnh nên sẽ bị bỏ qua.",
                f"Đổi tên thành `{_free_name(path.parent, stem_md, '.md')}`"
                + (" (trong Notepad: Lưu thành…, chọn “All files”, gõ tên có đuôi .md; trong Windows Explorer: bật "
                   "View → File name extensions để thấy đuôi thật)." if doubled else ".")
                if is_markdown or doubled else "Xoá tệp này hoặc chuyển ra ngoài thư mục."))
            continue
        if not SLUG.match(stem(rel)):
            problems.append(problem("DH010", rel, None, f"Tên tệp `{shown(path.name)}` phải viết không dấu, "
                                    "chữ thường, nối bằng gạch ngang (tên tệp thành địa chỉ trang của hồ sơ).",
                                    f"Đổi tên thành `{_free_name(path.parent, slugify(path.stem) or 'ho-so', '.md')}`."))
        found.append((path, rel))
    return found


def _free_name(folder: Path, stem: str, suffix: str) -> str:
    """`stem + suffix`, or `stem-2 + suffix`... : a name no other file in `folder` has (compared
    without case, as on Windows and macOS), so that a rename hint never points at someone else's file."""
    try:
        taken = {name.casefold() for name in os.listdir(folder)}
    except OSError:
        taken = set()
    name, number = f"{stem}{suffix}", 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem}-{number}{suffix}"
    return name


def _symlink_problem(rel: str, name: str) -> Problem:
    return problem("DH012", rel, None, f"`{shown(name)}` là liên kết tượng trưng (symlink) nên không được đưa lên "
                   "trang: nó có thể trỏ tới một tệp bất kỳ trên máy.",
                   "Xoá liên kết và chép chính tệp (hoặc thư mục) vào đây.")


FILE, FOLDER, LINK, HIDDEN, OTHER = "file", "folder", "link", "hidden", "other"
# Never a profile nor a photo, never published: git's placeholder for an empty folder and the
# files macOS and Windows drop into folders an editor opens (.gitignore keeps them out of git).
KEPT_HIDDEN = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}


def _files_under(base: str) -> list[tuple[tuple[str, ...], str, str]]:
    """(parts below `base`, full path, kind) of every entry, sorted by parts; kind is FILE, or
    FOLDER, LINK (a symlink, never followed), HIDDEN (a name starting with a dot, not entered)
    or OTHER (a device, a pipe...) for the caller to report."""
    found = []
    pending = [((), base)]
    while pending:
        parts, directory = pending.pop()
        try:
            with os.scandir(directory) as scan:
                entries = list(scan)
        except OSError:
            continue
        for entry in entries:
            where = (*parts, entry.name)
            if entry.name in KEPT_HIDDEN:
                continue
            try:
                if entry.is_symlink():
                    kind = LINK
                elif entry.name.startswith("."):
                    kind = HIDDEN
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((where, entry.path))
                    kind = FOLDER
                elif entry.is_file(follow_symlinks=False):
                    kind = FILE
                else:
                    kind = OTHER
            except OSError:
                continue
            found.append((where, entry.path, kind))
    found.sort()
    return found


def _load(path: Path, rel: str, max_bytes: int, problems: list[Problem]) -> Document | None:
    try:
        doc = load_markdown(path, rel, max_bytes)
    except ProblemError as exc:
        problems.append(exc.problem)
        return None
    problems.extend(doc.unreadable.values())
    return doc


# Loading and checking a profile needs no other profile: large repositories spread that
# work over every core; the rules across files (duplicates, quotas) run afterwards.
PARALLEL_FROM = 1500  # below this, starting worker processes costs more than it saves
BATCH = 250
START_METHOD: str | None = None  # None: "fork" where it is safe, else "spawn"
_worker_ctx: Context | None = None
_worker_cache: tuple | None = None  # where a worker writes its shard of the validation cache


def _load_and_check_exemplars(paths: list[tuple[Path, str]], ctx: Context, max_bytes: int,
                              store: ValidationCache | None, recent: RecentLoads | None,
                              statuses: dict[str, tuple | None]) -> list[tuple]:
    """Each profile's (document or None if it cannot be read, entry, problems, identity for
    DH208), in the order of `paths`."""
    checked: dict[str, tuple[tuple, tuple | None]] = {}  # rel -> (entry, live problems or None)
    missed = []
    # A preview's rebuild finds nearly every file as it was: the files it does not know (new,
    # or changed since) are checked afresh, without reading the whole cache from disk.
    rebuild = bool(recent and recent.files)
    for path, rel in paths:
        entry = recent.entry(rel, statuses[rel]) if recent else None
        if entry is None and store and not rebuild:
            entry = store.lookup(path, rel, max_bytes)
        if entry is None:
            missed.append(rel)
        else:
            checked[rel] = (entry, None)
    for rel, entry, live in _check_all(missed, ctx, max_bytes, store):
        checked[rel] = (entry, live)
    if store is not None:
        store.save()  # before any caller could touch the documents, which share the entries' values
    results = []
    for path, rel in paths:
        entry, live = checked[rel]
        meta, lines, body, body_line, found, identity = entry
        problems = [Problem(*row) for row in found]
        doc = None
        if meta is not None:
            doc = Document(path, rel, meta, body, body_line, lines)
            if live is None:
                live = [_row(p) for rule in LIVE_RULES for p in rule(doc, ctx)]
            problems.extend(Problem(*row) for row in live)
        results.append((doc, entry, problems, identity))
    return results


def _check_all(rels: list[str], ctx: Context, max_bytes: int, store: ValidationCache | None) -> list[tuple]:
    """(rel, entry, live problems) of each file, checked afresh; the entries go to the store."""
    workers = os.cpu_count() or 1
    if len(rels) < PARALLEL_FROM or workers < 2:
        results = _check_files(rels, ctx, max_bytes)
        for rel, stamp, entry, _ in results:
            if store is not None and stamp is not None:
                store.put(rel, stamp, entry)
        return [(rel, entry, live) for rel, _, entry, live in results]
    import multiprocessing  # not at the top: a run with everything cached starts no process
    from concurrent.futures import ProcessPoolExecutor

    batches = [rels[i:i + BATCH] for i in range(0, len(rels), BATCH)]
    # The workers need neither the other profiles nor the lists of every path.
    worker_ctx = dataclasses.replace(ctx, exemplars={}, extra={"photo_cache": ctx.extra["photo_cache"]})
    cache_target = store.target() if store else None
    results = []
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(_start_method()),
                             initializer=_init_worker, initargs=(worker_ctx, cache_target)) as pool:
        for shard, data, live, unstored in pool.map(_check_batch_in_worker, batches, itertools.repeat(max_bytes)):
            entries = pickle.loads(data)[2]  # from our own worker
            if store is not None and shard is not None:
                store.adopt(shard, entries)
            elif store is not None:
                for rel, (stamp, entry) in entries.items():
                    store.put(rel, stamp, entry)
            results += [(rel, entry, live[rel]) for rel, (_, entry) in entries.items()]
            results += unstored
    return results


def _start_method() -> str:
    # "fork" starts a worker in milliseconds, without importing anything again; it is unsafe
    # in a threaded process (mkdocs serve), and not offered or not safe off Linux: "spawn" there.
    if START_METHOD:
        return START_METHOD
    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"


def _init_worker(ctx: Context, cache_target: tuple | None) -> None:
    global _worker_ctx, _worker_cache
    _worker_ctx, _worker_cache = ctx, cache_target


def _check_batch_in_worker(rels: list[str], max_bytes: int) -> tuple:
    """(shard written or None, its bytes, live problems by rel, results not to cache): the worker
    writes its own shard of the cache, and the parent reads the same bytes, pickled once."""
    results = _check_files(rels, _worker_ctx, max_bytes)
    entries = {rel: (stamp, entry) for rel, stamp, entry, _ in results if stamp is not None}
    if _worker_cache is None:
        shard, data = None, pickle.dumps((None, None, entries), protocol=pickle.HIGHEST_PROTOCOL)
    else:
        shard, data = write_shard(_worker_cache, entries)
    live = {rel: found for rel, stamp, _, found in results if stamp is not None}
    return shard, data, live, [(rel, entry, found) for rel, stamp, entry, found in results if stamp is None]


def _check_files(rels: list[str], ctx: Context, max_bytes: int) -> list[tuple]:
    """(rel, digest or None, entry, live problems) per profile; plain data, cheap to send and to cache.

    entry: (meta, lines, body, body_line, problems of FILE_RULES, identity for DH208), or (None,
    None, None, None, (the problem,), None) when the file cannot be loaded. The digest is None
    when the problem is not in the bytes (unreadable, too large): such a result is not cached.
    """
    results = []
    for rel in rels:
        path = ctx.root / rel
        stamp = None
        try:
            raw = read_bytes(path, rel, max_bytes)
            stamp = digest(raw)
            doc = parse_markdown(decode(raw, rel), path, rel)
        except ProblemError as exc:
            results.append((rel, stamp, (None, None, None, None, (_row(exc.problem),), None), ()))
            continue
        found = tuple(_row(p) for rule in FILE_RULES for p in rule(doc, ctx))
        if doc.unreadable:  # an impossible date: DH003 (the field rules check it no further)
            found = tuple(map(_row, doc.unreadable.values())) + found
        doc.text = ""  # only the personal-data scan reads it
        live = tuple(_row(p) for rule in LIVE_RULES for p in rule(doc, ctx))
        entry = (doc.meta, doc.lines, doc.body, doc.body_line, found, identity(doc.meta))
        results.append((rel, stamp, entry, live))
    return results


def _row(p: Problem) -> tuple:
    return (p.code, p.path, p.line, p.message, p.hint, p.severity)


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
        province=ctx.province(m["province"]), place=(m.get("place") or "").strip(),
        movements=list(m["movements"]), criteria=list(m["criteria"]), achievements=list(m["achievements"]),
        commendations=[Commendation(c["title"], c["form"], c["issuer"], c["decision"], c["date"])
                       for c in m.get("commendations") or []],
        photo=(doc.path.parent / photo).resolve() if photo else None, photo_alt=m.get("photo_alt") or "",
        consent=Consent(consent["given"], consent["date"], consent["by"]) if consent else None,
        sources=list(m.get("sources") or []), published=m["published"], status=m.get("status") or "published",
        featured=bool(m.get("featured")), body=doc.body)
