"""A reader's first visit to each page type, cold, in headless Chromium at phone width: every
request the page makes (its scripts' fetches included), in bytes as stored and as sent with
gzip, the way GitHub Pages serves text. Served by benchmarks/lighthouse.py's server.

    .venv/bin/python -m benchmarks.page_loads site/
"""

from __future__ import annotations

import sys
from pathlib import Path

from .lighthouse import serve

PHONE = {"width": 390, "height": 844}
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _first(site: Path, folder: str, contains: str = "") -> str | None:
    for page in sorted((site / folder).glob("*/index.html")):
        if contains in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    return None


def page_types(site: Path, profile: Path | None = None) -> dict[str, str]:
    """Address of one page of each type the site has ('' is the home page)."""
    pages = {
        "home": "",
        "profile": (profile.parent.relative_to(site).as_posix() + "/" if profile
                    else _first(site, "dien-hinh", 'class="sc-profile"')),
        "movement": _first(site, "phong-trao"),
        "listing": _first(site, "linh-vuc"),
        "search": "tra-cuu/" if (site / "tra-cuu" / "index.html").is_file() else None,
        "statistics": "thong-ke/" if (site / "thong-ke" / "index.html").is_file() else None,
        "calendar": "lich/" if (site / "lich" / "index.html").is_file() else None,
        "404": "khong-co-trang-nay/",
    }
    return {name: url for name, url in pages.items() if url is not None}


def first_loads(site: Path, pages: dict[str, str]) -> dict[str, dict]:
    """{page type: {'url', 'requests', 'bytes' (as stored), 'gzip' (as sent), 'sitemap_fetched'}}."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for name, url in pages.items():
                context = browser.new_context(viewport=PHONE)  # a new context: nothing cached
                page = context.new_page()
                responses = []
                page.on("requestfinished", lambda request: responses.append(request))
                page.goto(base + url, wait_until="load")
                page.wait_for_load_state("networkidle")
                raw = sent = 0
                for request in responses:
                    response = request.response()
                    sent += request.sizes()["responseBodySize"]
                    raw += len(response.body()) if response else 0
                out[name] = {"url": url, "requests": len(responses), "bytes": raw, "gzip": sent,
                             "sitemap_fetched": any(r.url.endswith("sitemap.xml") for r in responses)}
                context.close()
        finally:
            browser.close()
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path("site")
    for name, entry in first_loads(site, page_types(site)).items():
        print(f"{name:11} /{entry['url']}: {entry['requests']} requests, {entry['bytes'] / 1024:,.0f} KB, "
              f"gzip {entry['gzip'] / 1024:,.0f} KB" + (" (sitemap.xml fetched!)" if entry["sitemap_fetched"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
