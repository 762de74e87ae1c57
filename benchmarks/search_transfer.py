"""Bytes a reader's first search transfers, measured in headless Chromium over loopback.

The built site is served by `http.server` on 127.0.0.1 in a thread (no compression, like a
plain static host without gzip; Pagefind's chunks are compressed already, Material's
`search_index.json` is not, so its gzip size is reported beside it).

- Pagefind: open a profile page, then in the page
  `const pf = await import('<base>pagefind/pagefind.js'); await pf.options({noWorker: true});
   await pf.init();
   const r = await pf.search(query); await Promise.all(r.results.slice(0, 5).map(x => x.data()))`
  and sum every response whose URL contains `/pagefind/` (whatever the page itself loaded
  counts too: a reader pays for it).
- Material's lunr search: open a profile page, open the search box (`s` key), type the query,
  wait for results, and sum `search_index.json`, the search worker and the lunr language
  files (Material fetches the index as the page loads).
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".json": "application/json", ".pf_meta": "application/octet-stream",
                      ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream",
                      ".pf_filter": "application/octet-stream"}

    def log_message(self, *args) -> None:  # quiet
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # a closed tab is not an error
        pass


@contextmanager
def serve(root: Path, mounts: dict[str, Path] | None = None):
    """Serve `root` on 127.0.0.1:<free port>; `mounts` maps URL prefixes to other folders."""
    mounts = {k.strip("/"): Path(v) for k, v in (mounts or {}).items()}

    class Handler(_Handler):
        def translate_path(self, path):
            clean = path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
            for prefix, folder in mounts.items():
                if clean == prefix or clean.startswith(prefix + "/"):
                    rest = clean[len(prefix):].lstrip("/")
                    return str(folder / rest)
            return super().translate_path(path)

    server = _Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def available() -> str | None:
    """None when the browser measurement can run, else why not."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found (Debian package `chromium`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


def _sum(requests: list, match) -> dict:
    total, count, by_kind = 0, 0, {}
    for request in requests:
        url = request.url
        if not match(url):
            continue
        try:
            sizes = request.sizes()
            body = sizes["responseBodySize"]
            if body == 0:  # Chromium reports 0 for a worker's own script: take the body's length
                response = request.response()
                body = len(response.body()) if response else 0
            nbytes = body + sizes["responseHeadersSize"]
        except Exception:  # noqa: BLE001 - a request that failed has no sizes
            continue
        total += nbytes
        count += 1
        name = url.rsplit("/", 1)[-1].split("?")[0]
        kind = name.rsplit(".", 1)[-1] if "." in name else name
        entry = by_kind.setdefault(kind, {"requests": 0, "body_bytes": 0})
        entry["requests"] += 1
        entry["body_bytes"] += body
    return {"bytes": total, "requests": count, "by_kind": by_kind}


def pagefind_transfer(site: Path, page: Path, query: str, bundle: str = "pagefind",
                      mounts: dict[str, Path] | None = None, timeout_s: float = 120) -> dict:
    """First-query transfer with Pagefind's JS API; `bundle` is the bundle's URL path."""
    from playwright.sync_api import sync_playwright

    page_url = "/" + page.relative_to(site).as_posix()
    with serve(site, mounts) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(bypass_csp=True, service_workers="block")
            tab = context.new_page()
            finished: list = []
            tab.on("requestfinished", lambda request: finished.append(request))
            errors: list[str] = []
            tab.on("pageerror", lambda exc: errors.append(str(exc)))
            tab.goto(base + page_url, wait_until="load", timeout=timeout_s * 1000)
            start = time.perf_counter()
            result = tab.evaluate(
                """async ([bundle, query]) => {
                    const pf = await import(bundle + 'pagefind.js');
                    if (pf.options) await pf.options({noWorker: true});  // as the site's search page does
                    if (pf.init) await pf.init();
                    const r = await pf.search(query);
                    const data = await Promise.all(r.results.slice(0, 5).map(x => x.data()));
                    return {count: r.results.length, top: data.map(d => (d.meta && d.meta.title) || d.url)};
                }""", [f"/{bundle.strip('/')}/", query])
            elapsed = time.perf_counter() - start
            tab.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
            summary = _sum(finished, lambda url: f"/{bundle.strip('/')}/" in url)
            context.close()
        finally:
            browser.close()
    return {"engine": "pagefind", "query": query, "results": result["count"], "top": result["top"],
            "query_s": round(elapsed, 3), "page_errors": errors[:5], **summary}


def lunr_transfer(site: Path, page: Path, query: str, timeout_s: float = 180) -> dict:
    """First-query transfer of Material's built-in (lunr) search."""
    from playwright.sync_api import sync_playwright

    page_url = "/" + page.relative_to(site).as_posix()

    def is_search(url: str) -> bool:
        return "search_index.json" in url or "/workers/search" in url or "/lunr/" in url

    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context()
            tab = context.new_page()
            finished: list = []
            # Requests of the page and of its search worker (reported on the context).
            context.on("requestfinished", lambda request: finished.append(request))
            tab.goto(base + page_url, wait_until="load", timeout=timeout_s * 1000)
            start = time.perf_counter()
            tab.keyboard.press("s")
            tab.locator("input.md-search__input").fill(query)
            answered, count, meta = True, 0, ""
            try:
                # The result line leaves "Initializing search" once the index is built and the
                # query has run: "# tài liệu liên quan" or "Không tìm thấy tài liệu liên quan".
                tab.wait_for_function(
                    """() => { const m = document.querySelector('.md-search-result__meta');
                               const t = m ? m.textContent.trim() : '';
                               return t && !/Initializing|Nhập để bắt đầu|Đang khởi tạo/.test(t); }""",
                    timeout=timeout_s * 1000)
                count = tab.locator(".md-search-result__item").count()
                meta = tab.locator(".md-search-result__meta").inner_text()
            except Exception:  # noqa: BLE001 - no answer within the time: report the bytes anyway
                answered = False
            elapsed = time.perf_counter() - start
            tab.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
            summary = _sum(finished, is_search)
            context.close()
        finally:
            browser.close()
    return {"engine": "lunr (Material)", "query": query, "answered": answered, "results_shown": count,
            "result_line": meta, "query_s": round(elapsed, 3), **summary}


SEARCH_PAGE_QUERIES = ("nguyen van", "nong thon moi", "giay khen")  # issue 13's budget: ≤ 250 KB each


def search_page_transfer(site: Path, query: str, timeout_s: float = 120) -> dict:
    """A cold phone visit to the "Tra cứu" page with `query` in its address: everything the
    page transfers until its first results are shown. `bytes` counts the search itself, as
    `pagefind_transfer` does: every response under `/pagefind/` (Pagefind's script,
    WebAssembly, metadata, index chunks, fragments); `script_bytes` the page's own tra-cuu.js;
    `page_bytes` every response, the HTML, styles and Material's scripts included."""
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    done = "() => document.querySelector('[data-sc-search]').getAttribute('aria-busy') === 'false'"
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                          service_workers="block")
            tab = context.new_page()
            finished: list = []
            tab.on("requestfinished", lambda request: finished.append(request))
            start = time.perf_counter()
            tab.goto(f"{base}/tra-cuu/?q={quote(query)}", wait_until="load", timeout=timeout_s * 1000)
            tab.wait_for_function(done, timeout=timeout_s * 1000)
            elapsed = time.perf_counter() - start
            count = tab.locator(".sc-search__title").count()
            status = tab.locator(".sc-search__status").inner_text()
            urls = [r.url for r in finished]
            search = _sum(finished, lambda url: "/pagefind/" in url)
            script = _sum(finished, lambda url: url.split("?")[0].endswith("/tra-cuu.js"))
            page = _sum(finished, lambda url: True)
            context.close()
        finally:
            browser.close()
    return {"engine": "search page", "query": query, "shown": count, "status": status, "query_s": round(elapsed, 3),
            "sitemap_fetched": any(u.split("?")[0].endswith("/sitemap.xml") for u in urls),
            **search, "script_bytes": script["bytes"], "page_bytes": page["bytes"], "page_requests": page["requests"]}
