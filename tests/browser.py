"""Real-browser helpers: Debian's headless Chromium driven by Playwright, a local web server
for a built site, and axe-core accessibility checks.

Browser tests skip when /usr/bin/chromium is missing on a developer's machine, but fail in
CI (CI=true): there a missing browser must never pass silently.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE = {"width": 360, "height": 740}
BLOCKING_IMPACTS = ("serious", "critical")


def require(path: Path, what: str) -> None:
    if path.exists():
        return
    message = f"{what} not found at {path}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: browser tests may not be skipped)")
    pytest.skip(message)


@contextmanager
def launch() -> Iterator:
    """A headless Chromium; the caller opens pages with `new_page`."""
    require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL ('http://127.0.0.1:PORT/')."""
    with serving(functools.partial(_QuietHandler, directory=str(directory))) as base:
        yield base


@contextmanager
def serving(handler, port: int = 0) -> Iterator[str]:
    """Serve with `handler` (a request handler class) on 127.0.0.1 at `port` (0: a free one)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Page:
    """A browser tab at phone width that records console errors, page errors and failed requests."""

    def __init__(self, browser, viewport: dict = PHONE, axe: bool = False):
        self.context = browser.new_context(viewport=viewport)
        if axe:
            # An init script, not a <script> tag: the site's Content-Security-Policy blocks inline scripts.
            require(AXE, "axe-core (run `npm ci`)")
            self.context.add_init_script(path=str(AXE))
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("requestfailed", lambda req: self.errors.append(f"{req.url}: {req.failure}"))

    def goto(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response.status if response else '?'}"

    def axe_violations(self, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict]:
        """axe-core's violations of the given impacts on the current page (open it with `axe=True`)."""
        results = self.page.evaluate("async () => await axe.run(document)")
        return [v for v in results["violations"] if v["impact"] in impacts]

    def close(self) -> None:
        self.context.close()


def describe(violations: list[dict]) -> str:
    """One line per violation and offending element, for assertion messages."""
    return "\n".join(f"{v['impact']} {v['id']}: {v['help']} -> {node['target']}"
                     for v in violations for node in v["nodes"])
