"""Search relevance on the demo content: what the "Tra cứu" page shows for what readers type.

Queries (benchmarks/relevance_queries.yml) come in classes, by what the reader looks for: a
name, a place, a province, a field, words of the summary, an achievement, a commendation, a
movement, the nominating unit, words of the story. The oracle is computed from the profiles
themselves (exemplars/, loaded by the project's own loader): a query's relevant profiles are
the public ones whose field of that class holds every word of the query, compared without
tone marks. Movement pages are never relevant: they take a place in the list like any
other wrong answer.

The demo site is built (`mkdocs build --strict` into a temporary folder, or `--site DIR`
for one already built), served on 127.0.0.1, and each query is typed into the real page in
headless Chromium (`/tra-cuu/?q=...`): what is measured is what a reader sees, exact-word
ranking and the no-result rule included. Per class: recall@10 (the share of a query's
relevant profiles in the first ten results, out of at most ten), MRR (1 / rank of the first
relevant result, 0 if none is shown) and how many queries showed no result at all. The
`nonsense` queries must show none.

Run: `make bench` (after the build benchmark), or `.venv/bin/python benchmarks/relevance.py
[--site site/] [--json out.json] [--show]`.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search_transfer import ARGS, CHROMIUM, available, serve  # noqa: E402
from showcase.repository import load_showcase  # noqa: E402
from showcase.text import fold  # noqa: E402

QUERIES = ROOT / "benchmarks" / "relevance_queries.yml"
NONSENSE = "nonsense"
TOP = 10
DONE = "() => document.querySelector('[data-sc-search]').getAttribute('aria-busy') === 'false'"
_WORD = re.compile(r"\w+")


def _fields(showcase) -> dict:
    """Class -> function(profile) -> the text the oracle reads for that class."""
    label, units = showcase.criteria.label, showcase.units
    movements = {slug: m.name for slug, m in showcase.movements.items()}
    return {
        "name": lambda e: e.name,
        "place": lambda e: e.place,
        "province": lambda e: e.province.name,
        "field": lambda e: label("fields", e.field),
        "summary": lambda e: e.summary,
        "achievement": lambda e: " ".join(e.achievements),
        "commendation": lambda e: " ".join(f"{c.title} {label('commendation_forms', c.form)} {c.issuer}"
                                           for c in e.commendations),
        "movement": lambda e: " ".join(movements.get(slug, "") for slug in e.movements),
        "unit": lambda e: units[e.nominated_by].name,
        "story": lambda e: e.body,
    }


def words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def oracle(root: Path, queries: dict[str, list[str]]) -> dict[tuple[str, str], set[str]]:
    """(class, query) -> slugs of the relevant public profiles."""
    showcase = load_showcase(root, cache=False).showcase
    fields = _fields(showcase)
    unknown = set(queries) - set(fields) - {NONSENSE}
    if unknown:
        raise SystemExit(f"unknown query classes in {QUERIES.name}: {sorted(unknown)}")
    public = showcase.public_exemplars()
    texts = {cls: {e.slug: words(fn(e)) for e in public} for cls, fn in fields.items()}
    everything = set().union(*(w for t in texts.values() for w in t.values()))
    answers, bad = {}, []
    for cls, items in queries.items():
        for query in items:
            wanted = words(query)
            if cls == NONSENSE:
                if any(w.startswith(q) for q in wanted for w in everything):
                    bad.append(f"{cls}: “{query}” is in the content")
                answers[cls, query] = set()
                continue
            answers[cls, query] = {slug for slug, have in texts[cls].items() if wanted <= have}
            if not answers[cls, query]:
                bad.append(f"{cls}: no profile answers “{query}”")
    if bad:
        raise SystemExit("bad queries:\n  " + "\n  ".join(bad))
    return answers


def sample(root: Path, per_class: int, seed: int = 1) -> dict[str, list[str]]:
    """Queries made from the content itself, for a large (synthetic) repository: per class,
    `per_class` profiles drawn at random, each giving two or three consecutive words of its
    field of that class, without tone marks, as a reader would type them."""
    import random

    showcase = load_showcase(root, cache=False).showcase
    fields = _fields(showcase)
    rng = random.Random(seed)
    public = showcase.public_exemplars()
    queries: dict[str, list[str]] = {}
    for cls, fn in fields.items():
        chosen: list[str] = []
        for e in rng.sample(public, min(len(public), per_class * 3)):
            words = _WORD.findall(fold(fn(e)))
            if len(words) < 2:
                continue
            size = min(len(words), rng.choice((2, 3)))
            at = rng.randrange(len(words) - size + 1)
            query = " ".join(words[at:at + size])
            if not query.replace(" ", "").isdigit() and query not in chosen:
                chosen.append(query)
            if len(chosen) == per_class:
                break
        queries[cls] = chosen
    return queries


def build(root: Path, dest: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)], cwd=root,
                            capture_output=True, text=True, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode:
        raise SystemExit(f"the demo site did not build:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return dest


def ask(site: Path, queries: list[str]) -> dict[str, dict]:
    """What the "Tra cứu" page shows for each query: result slugs (profiles as their slug,
    other pages as their path) and the status line."""
    from playwright.sync_api import sync_playwright

    shown = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            tab = browser.new_page(viewport={"width": 360, "height": 740})
            for query in queries:
                tab.goto(f"{base}/tra-cuu/?q={quote(query)}")
                tab.wait_for_function(DONE, timeout=60_000)
                hrefs = tab.eval_on_selector_all(".sc-search__title", "els => els.map(e => e.href)")
                shown[query] = {
                    "results": [_slug(href, base) for href in hrefs],
                    "status": tab.locator(".sc-search__status").inner_text(),
                }
        finally:
            browser.close()
    return shown


def _slug(href: str, base: str) -> str:
    path = href[len(base):].strip("/") if href.startswith(base) else href
    return path.split("/", 1)[1] if path.startswith("dien-hinh/") else path


def score(queries: dict[str, list[str]], answers: dict, shown: dict) -> tuple[list[dict], list[dict]]:
    """Rows per class (and "all"), and one row per query."""
    per_query = []
    for cls, items in queries.items():
        for query in items:
            results = shown[query]["results"]
            relevant = answers[cls, query]
            row = {"class": cls, "query": query, "relevant": sorted(relevant), "shown": results[:TOP],
                   "count": len(results), "status": shown[query]["status"]}
            if cls != NONSENSE:
                top = results[:TOP]
                row["recall"] = len(relevant & set(top)) / min(len(relevant), TOP)
                first = next((i for i, slug in enumerate(results, 1) if slug in relevant), None)
                row["rr"] = 1 / first if first else 0.0
            per_query.append(row)
    rows = []
    for cls in [*queries, "all"]:
        if cls == NONSENSE:
            continue
        members = [r for r in per_query if r["class"] != NONSENSE and cls in (r["class"], "all")]
        rows.append({"class": cls, "queries": len(members),
                     "recall": sum(r["recall"] for r in members) / len(members),
                     "mrr": sum(r["rr"] for r in members) / len(members),
                     "zero": sum(1 for r in members if not r["count"])})
    nonsense = [r for r in per_query if r["class"] == NONSENSE]
    if nonsense:
        rows.append({"class": NONSENSE, "queries": len(nonsense), "recall": None, "mrr": None,
                     "zero": sum(1 for r in nonsense if not r["count"])})
    return rows, per_query


def table(rows: list[dict]) -> str:
    out = ["| class | queries | recall@10 | MRR | no result |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        if r["class"] == NONSENSE:
            out.append(f"| nonsense (must find nothing) | {r['queries']} | – | – | {r['zero']} of {r['queries']} |")
        else:
            name = f"**{r['class']}**" if r["class"] == "all" else r["class"]
            out.append(f"| {name} | {r['queries']} | {r['recall']:.2f} | {r['mrr']:.2f} | {r['zero']} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository whose content is judged (default: this one)")
    parser.add_argument("--site", type=Path, help="a site already built from that content (default: build one)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--sample", type=int, metavar="K",
                        help="instead of the query file: K queries per class drawn from the content (large sites)")
    parser.add_argument("--json", type=Path, help="write every query's results here")
    parser.add_argument("--show", action="store_true", help="print the queries that miss")
    args = parser.parse_args(argv)
    why_not = available()
    if why_not:
        print(f"relevance benchmark skipped: {why_not}")
        return 0
    queries = (sample(args.root, args.sample) if args.sample
               else yaml.safe_load(args.queries.read_text(encoding="utf-8")))
    answers = oracle(args.root, queries)
    with tempfile.TemporaryDirectory(prefix="showcase-relevance-") as tmp:
        site = args.site or build(args.root, Path(tmp) / "site")
        shown = ask(site, [q for items in queries.values() for q in items])
    rows, per_query = score(queries, answers, shown)
    source = (f"{args.sample} drawn per class" if args.sample else
              args.queries.relative_to(ROOT) if args.queries.is_relative_to(ROOT) else args.queries)
    print(f"### Search relevance on {'the demo content' if args.root == ROOT else args.root} "
          f"({len(per_query)} queries, {source})\n")
    print(table(rows))
    if args.show:
        print()
        for r in per_query:
            if r["class"] == NONSENSE and r["count"] or r["class"] != NONSENSE and (r["recall"] < 1 or r["rr"] < 1):
                print(f"- {r['class']} “{r['query']}”: recall {r.get('recall', 0):.2f}, rr {r.get('rr', 0):.2f}; "
                      f"relevant {r['relevant']}; shown {r['shown']}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "queries": per_query}, ensure_ascii=False, indent=2),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
