"""Where the project's build spends its time: cProfile over `mkdocs build` on N synthetic profiles.

Usage: .venv/bin/python benchmarks/profile_build.py --size 1000 [--size 5000] [--validate] [--keep DIR]

Prints, per size: exclusive time by package (where the CPU goes), the cumulative time of the
build's phases (validation in `on_pre_build`, page generation in `on_files`, Markdown,
templates, writing), and the top functions. cProfile slows Python code down (about 1.5-2x),
so read shares, not absolute seconds; the benchmark (run.py) gives the real times.
"""

from __future__ import annotations

import argparse
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import measure  # noqa: E402
from benchmarks.run import BASELINE_CONFIG, copy_project, write_baseline  # noqa: E402
from benchmarks.synth import generate  # noqa: E402

PHASES = [  # (label, file suffix, function name): cumulative time of these frames
    ("validation: load_showcase (on_pre_build)", "showcase/repository.py", "load_showcase"),
    ("  YAML front-matter: parse_yaml", "showcase/load.py", "parse_yaml"),
    ("generated pages: on_files (all generators)", "showcase/mkdocs_hooks.py", "on_files"),
    ("  profile pages generator", "showcase/site.py", "profile_pages"),
    ("  browse listings generator", "showcase/site.py", "browse_pages"),
    ("  movement pages generator", "showcase/site.py", "movement_pages"),
    ("  Markdown of stories: render_story", "showcase/story.py", "render_story"),
    ("  showcase Jinja templates: templating.page", "showcase/templating.py", "page"),
    ("MkDocs: read + convert Markdown of every page (_populate_page)", "mkdocs/commands/build.py", "_populate_page"),
    ("  Markdown.convert", "markdown/core.py", "convert"),
    ("MkDocs: render theme template + write (_build_page)", "mkdocs/commands/build.py", "_build_page"),
    ("  Jinja Template.render", "jinja2/environment.py", "render"),
    ("  write_file", "mkdocs/utils/__init__.py", "write_file"),
    ("MkDocs: copy static files (File.copy_file)", "mkdocs/structure/files.py", "copy_file"),
    ("MkDocs: nav / files collection (get_files)", "mkdocs/structure/files.py", "get_files"),
    ("search plugin (lunr index)", "mkdocs/contrib/search/__init__.py", "on_page_context"),
    ("search plugin: write index (on_post_build)", "mkdocs/contrib/search/__init__.py", "on_post_build"),
    ("hooks: on_post_page (e.g. handing pages to Pagefind)", "showcase/mkdocs_hooks.py", "on_post_page"),
    ("hooks: on_post_build (e.g. Pagefind finishing, writing)", "showcase/mkdocs_hooks.py", "on_post_build"),
    ("plugins/hooks: on_post_build (all)", "mkdocs/plugins.py", "on_post_build"),
    ("subprocess waits (e.g. Pagefind)", "subprocess.py", "communicate"),
    ("subprocess waits (e.g. Pagefind)", "subprocess.py", "wait"),
]


def package_of(filename: str) -> str:
    path = filename.replace("\\", "/")
    if path.startswith("~") or path.startswith("<"):
        return "builtins / C"
    for marker in ("site-packages/", "dist-packages/"):
        if marker in path:
            return path.split(marker, 1)[1].split("/", 1)[0].replace(".py", "")
    if "/showcase/" in path:
        return "showcase"
    if "/lib/python3" in path:
        return "stdlib: " + path.rsplit("/lib/python3", 1)[1].split("/", 2)[1].replace(".py", "")
    return path.rsplit("/", 1)[-1]


def summarise(prof: Path, top: int = 25) -> str:
    stats = pstats.Stats(str(prof))
    raw = stats.stats  # {(file, line, func): (cc, nc, tt, ct, callers)}
    total = stats.total_tt
    by_package: dict[str, float] = defaultdict(float)
    for (filename, _, func), (_, _, tt, _, _) in raw.items():
        name = package_of(filename)
        if name == "builtins / C":
            name = f"C: {func.split(' of ')[0].strip('<>{}')[:60]}"
        by_package[name] += tt
    lines = [f"total profiled time {total:.1f} s", "", "exclusive time by package (top 18):"]
    for name, tt in sorted(by_package.items(), key=lambda kv: -kv[1])[:18]:
        lines.append(f"  {tt:7.2f} s {100 * tt / total:5.1f} %  {name}")
    lines += ["", "phases (cumulative, overlapping):"]
    seen = set()
    for label, suffix, func in PHASES:
        ct = sum(v[3] for (f, _, fn), v in raw.items() if fn == func and f.replace("\\", "/").endswith(suffix)
                 and (f, fn) not in seen)
        if ct:
            lines.append(f"  {ct:7.2f} s {100 * ct / total:5.1f} %  {label}")
    lines += ["", f"top {top} functions by exclusive time:"]
    ranked = sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]
    for (filename, lineno, func), (_, nc, tt, ct, _) in ranked:
        lines.append(f"  {tt:7.2f} s  {ct:7.2f} s cum  {nc:>9,}×  {package_of(filename)}:{func} "
                     f"({filename.rsplit('/', 1)[-1]}:{lineno})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, action="append", help="profiles (repeatable); default 1000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--validate", action="store_true", help="also profile scripts/validate.py alone")
    parser.add_argument("--baseline", action="store_true", help="also profile the plain Material build")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--keep", type=Path, help="keep the work directory here (for pstats/snakeviz)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="showcase-profile-"))
    work.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    try:
        for n in args.size or [1000]:
            base = work / f"n{n}"
            shutil.rmtree(base, ignore_errors=True)
            project = base / "project"
            copy_project(project)
            manifest = generate(project, n, seed=args.seed)
            jobs = [("project build", project, [py, "-m", "cProfile", "-o", str(base / "build.prof"), "-m", "mkdocs",
                                                "build", "--strict", "-d", str(base / "site")], base / "build.prof")]
            if args.validate:
                jobs.append(("validation alone", project, [py, "-m", "cProfile", "-o", str(base / "validate.prof"),
                                                           "scripts/validate.py"], base / "validate.prof"))
            if args.baseline:
                write_baseline(base / "baseline", manifest)
                assert (base / "baseline" / "mkdocs.yml").read_text(encoding="utf-8") == BASELINE_CONFIG
                jobs.append(("plain Material build", base / "baseline",
                             [py, "-m", "cProfile", "-o", str(base / "baseline.prof"), "-m", "mkdocs", "build",
                              "-d", str(base / "baseline-site")], base / "baseline.prof"))
            for label, cwd, cmd, prof in jobs:
                start = time.perf_counter()
                r = measure.run(cmd, cwd, base / f"{prof.stem}.log", sample=False)
                print(f"\n## N={n:,}: {label} under cProfile: {time.perf_counter() - start:.1f} s (rc={r.rc})")
                if r.rc:
                    print(r.tail(30))
                    continue
                print(summarise(prof, args.top))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
