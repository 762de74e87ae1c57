"""Run a command and measure it; sizes of a built site; the machine and the versions.

Memory is measured two ways, because they answer different questions:

- `tree_peak_mb`: the largest sum of resident memory (VmRSS) over the whole process tree,
  sampled from /proc every `interval` seconds. When the build runs the search indexer in a
  second process at the same time, this is what the machine must hold. Shared pages are
  counted once per process, so it over-estimates a little; short peaks between samples
  are missed.
- `maxrss_mb`: the largest resident set of any single process in the tree, exact, from the
  kernel: `/usr/bin/time -v` (Debian package `time`) when present, else
  `resource.getrusage(RUSAGE_CHILDREN)` in a fresh Python wrapper process.

The same samples also give each process's own peak (`processes`: pid, parent, kind such as
python/pagefind/chromium, peak MB, command line), so that a forked worker or Pagefind's
binary can be told apart from the build itself; `largest_by_kind` sums them up. Sampled, so
a process that lives less than `interval` seconds may be missing, and peaks are a lower
bound (the exact largest is `maxrss_mb`). The measuring wrapper (`time` or the Python one)
is left out.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

GNU_TIME = "/usr/bin/time"
PAGE = os.sysconf("SC_PAGE_SIZE")
_WRAPPER = (
    "import json, resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(json.dumps({'rc': rc, 'maxrss_kb': u.ru_maxrss, "
    "'cpu_s': u.ru_utime + u.ru_stime}))\n"
    "sys.exit(rc)\n"
)


@dataclass
class Run:
    cmd: list[str]
    rc: int
    wall_s: float
    maxrss_mb: float | None
    tree_peak_mb: float | None
    log: str  # path of the captured stdout+stderr
    memory_source: str = ""
    cpu_s: float | None = None  # user + system CPU time of the whole tree (less sensitive to a busy machine)
    processes: list[dict] = field(default_factory=list)  # each process's sampled peak, largest first

    def tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(Path(self.log).read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def _processes() -> dict[int, tuple[int, str, int, int]]:
    """{pid: (parent pid, name, start time, resident bytes)} of every process, from /proc/PID/stat."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        close = stat.rfind(b")")
        fields = stat[close + 2:].split()  # from field 3 (state) on; the name may hold spaces
        try:
            table[int(entry)] = (int(fields[1]), stat[stat.find(b"(") + 1:close].decode(errors="replace"),
                                 int(fields[19]), int(fields[21]) * PAGE)
        except (IndexError, ValueError):
            continue
    return table


def _tree(root: int, table: dict[int, tuple]) -> list[int]:
    """`root` and all its descendants that are in `table`."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, *_) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        if pid in table:
            found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def tree_rss_bytes(root: int) -> int:
    """Sum of resident memory of `root` and all its descendants."""
    table = _processes()
    return sum(table[pid][3] for pid in _tree(root, table))


def kind(name: str) -> str:
    """python3.11 -> python, pagefind_extended -> pagefind, chromium -> chromium."""
    match = re.match(r"[A-Za-z]+", name)
    return match.group(0).lower() if match else name


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace").strip()[:200]
    except OSError:
        return ""


class PeakTracker:
    """Each process's largest resident memory over successive samples of one process tree."""

    def __init__(self, root: int, skip_root: bool = True):
        self.root, self.skip_root = root, skip_root
        self.tree_peak = 0
        self._seen: dict[tuple[int, int], dict] = {}  # (pid, start time): a reused pid is another process

    def sample(self, table: dict[int, tuple[int, str, int, int]] | None = None) -> None:
        table = _processes() if table is None else table
        pids = _tree(self.root, table)
        self.tree_peak = max(self.tree_peak, sum(table[pid][3] for pid in pids))
        for pid in pids:
            if self.skip_root and pid == self.root:
                continue
            ppid, name, start, rss = table[pid]
            entry = self._seen.get((pid, start))
            if entry is None:
                entry = self._seen[(pid, start)] = {"pid": pid, "ppid": ppid, "name": "", "peak": 0, "cmd": ""}
            if entry["name"] != name:  # new, or it ran another program (exec)
                entry["name"], entry["cmd"] = name, _cmdline(pid)
            entry["peak"] = max(entry["peak"], rss)

    def processes(self) -> list[dict]:
        """[{pid, ppid, name (a kind: python, pagefind…), peak_mb, cmd}], largest first."""
        rows = [{"pid": e["pid"], "ppid": e["ppid"], "name": kind(e["name"]), "peak_mb": round(e["peak"] / 2**20, 1),
                 "cmd": e["cmd"]} for e in self._seen.values() if e["peak"]]
        return sorted(rows, key=lambda row: (-row["peak_mb"], row["pid"]))


def largest_by_kind(processes: list[dict]) -> dict[str, dict]:
    """{kind: {"peak_mb": the largest process's, "processes": how many}}, largest first."""
    out: dict[str, dict] = {}
    for row in processes:
        entry = out.setdefault(row["name"], {"peak_mb": 0.0, "processes": 0})
        entry["peak_mb"] = max(entry["peak_mb"], row["peak_mb"])
        entry["processes"] += 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["peak_mb"]))


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float):
        super().__init__(daemon=True)
        self.interval, self.tracker = interval, PeakTracker(pid)
        self.stop = threading.Event()

    @property
    def peak(self) -> int:
        return self.tracker.tree_peak

    def run(self) -> None:
        while not self.stop.is_set():
            self.tracker.sample()
            self.stop.wait(self.interval)


def run(cmd: list[str], cwd: Path, log: Path, env: dict | None = None, interval: float = 0.1,
        sample: bool = True) -> Run:
    """Run `cmd` to completion; wall time, peak memory, output captured in `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    stats = log.with_suffix(".rusage")
    if Path(GNU_TIME).exists():
        wrapped, source = [GNU_TIME, "-v", "-o", str(stats)] + cmd, "time -v"
    else:
        wrapped, source = [sys.executable, "-c", _WRAPPER, str(stats)] + cmd, "getrusage"
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})})
        sampler = _Sampler(proc.pid, interval) if sample else None
        if sampler:
            sampler.start()
        rc = proc.wait()
        wall = time.perf_counter() - start
        if sampler:
            sampler.stop.set()
            sampler.join()
    maxrss, cpu = _read_rusage(stats)
    return Run(cmd, rc, wall, maxrss, sampler.peak / 2**20 if sampler and sampler.peak else None,
               str(log), source, cpu, sampler.tracker.processes() if sampler else [])


def _read_rusage(path: Path) -> tuple[float | None, float | None]:
    """(peak RSS of the largest process in MB, CPU seconds of the tree) from `time -v` or the wrapper."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None, None
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if match:
        user = re.search(r"User time \(seconds\): ([\d.]+)", text)
        system = re.search(r"System time \(seconds\): ([\d.]+)", text)
        cpu = float(user.group(1)) + float(system.group(1)) if user and system else None
        return int(match.group(1)) / 1024, cpu
    try:
        data = json.loads(text)
        return data["maxrss_kb"] / 1024, data.get("cpu_s")
    except (ValueError, KeyError):
        return None, None


# --- Built sites --------------------------------------------------------------------------------

@dataclass
class SiteSize:
    bytes: int = 0
    files: int = 0
    html_pages: int = 0
    html_bytes: int = 0
    parts: dict = field(default_factory=dict)  # top-level folder -> {bytes, files}

    def as_dict(self) -> dict:
        return asdict(self)


def site_size(site: Path) -> SiteSize:
    size = SiteSize()
    for dirpath, _, filenames in os.walk(site):
        top = Path(dirpath).relative_to(site).parts
        part = top[0] if top else "(root files)"
        for name in filenames:
            nbytes = os.path.getsize(os.path.join(dirpath, name))
            size.bytes += nbytes
            size.files += 1
            entry = size.parts.setdefault(part, {"bytes": 0, "files": 0})
            entry["bytes"] += nbytes
            entry["files"] += 1
            if name.endswith(".html"):
                size.html_pages += 1
                size.html_bytes += nbytes
    ranked = sorted(size.parts.items(), key=lambda kv: -kv[1]["bytes"])
    size.parts = dict(ranked[:12])
    if len(ranked) > 12:  # e.g. one folder per page in the baseline
        size.parts["(other folders)"] = {"bytes": sum(v["bytes"] for _, v in ranked[12:]),
                                         "files": sum(v["files"] for _, v in ranked[12:]),
                                         "folders": len(ranked) - 12}
    return size


def dir_bytes(path: Path) -> tuple[int, int]:
    total = count = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            total += os.path.getsize(os.path.join(dirpath, name))
            count += 1
    return total, count


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])


def page_weight(site: Path, page: Path) -> dict:
    """Bytes of one page's HTML plus the local CSS and JS it references (raw and gzip -6).

    External references (for example Google Fonts) are listed, not counted.
    """
    html = page.read_bytes()
    parser = _Refs()
    parser.feed(html.decode("utf-8", errors="replace"))
    result = {"page": page.relative_to(site).as_posix(), "html": len(html), "html_gzip": _gz(html),
              "css": 0, "css_gzip": 0, "js": 0, "js_gzip": 0, "files": 1, "external": []}
    for kind, refs in (("css", parser.css), ("js", parser.js)):
        for ref in refs:
            if re.match(r"^(?:[a-z]+:)?//", ref):
                result["external"].append(ref)
                continue
            target = _resolve(site, page, ref)
            if target and target.is_file():
                data = target.read_bytes()
                result[kind] += len(data)
                result[kind + "_gzip"] += _gz(data)
                result["files"] += 1
    result["total"] = result["html"] + result["css"] + result["js"]
    result["total_gzip"] = result["html_gzip"] + result["css_gzip"] + result["js_gzip"]
    return result


def _resolve(site: Path, page: Path, ref: str) -> Path | None:
    ref = ref.split("#")[0].split("?")[0]
    if not ref:
        return None
    target = (site / ref.lstrip("/")) if ref.startswith("/") else (page.parent / ref)
    try:
        target = target.resolve()
        target.relative_to(site.resolve())
    except (OSError, ValueError):
        return None
    return target


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def gzip_size(path: Path) -> int:
    return _gz(path.read_bytes())


def find_pages(site: Path, slugs: list[str]) -> dict[str, Path]:
    """The built page of each profile, wherever the site puts it (…/<slug>/index.html or <slug>.html)."""
    wanted, found = set(slugs), {}
    for dirpath, dirnames, filenames in os.walk(site):
        dirnames[:] = [d for d in dirnames if d != "pagefind"]
        here = Path(dirpath)
        if here.name in wanted and "index.html" in filenames:
            found.setdefault(here.name, here / "index.html")
        for name in filenames:
            if name.endswith(".html") and name[:-5] in wanted:
                found.setdefault(name[:-5], here / name)
    return found


def find_page(site: Path, slug: str) -> Path | None:
    return find_pages(site, [slug]).get(slug)


# --- Machine and versions ---------------------------------------------------------------------------

def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem_gb = round(kb / 2**20, 1)
    except (OSError, AttributeError):
        pass
    return {"nproc": os.cpu_count(), "memory_gb": mem_gb, "cpu": cpu, "kernel": platform.release(),
            "python": platform.python_version()}


def versions() -> dict:
    out = {}
    for dist in ("mkdocs", "mkdocs-material", "pagefind", "pagefind_bin", "Markdown", "pymdown-extensions",
                 "Jinja2", "PyYAML", "playwright"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    try:  # the binary the build runs (showcase/pagefind_binary.py), not the Python client's version
        from showcase import pagefind_binary
        out["pagefind"] = pagefind_binary.VERSION
    except ImportError:
        pass
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        out["chromium"] = subprocess.run([chromium, "--version"], capture_output=True, text=True,
                                         timeout=30).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        out["chromium"] = None
    try:
        import yaml
        out["libyaml"] = bool(getattr(yaml, "__with_libyaml__", False))
    except ImportError:
        pass
    return out


def git_state(repo: Path) -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                                  timeout=30).stdout.rstrip("\n")
        except (OSError, subprocess.SubprocessError):
            return ""

    status = git("status", "--porcelain")
    return {"commit": git("rev-parse", "--short", "HEAD").strip() or None,
            "branch": git("rev-parse", "--abbrev-ref", "HEAD").strip(),
            "subject": git("log", "-1", "--format=%s").strip(),
            "uncommitted": [line[3:] for line in status.splitlines()]}
