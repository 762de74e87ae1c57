"""The form editor at /bien-tap/ in a real browser, against decap-server on loopback, as under
`make edit`: an editor creates an individual's profile through the form only (lists, a date,
a photo upload, a commendation, consent); the file written validates clean and its page is in
the site built next.

Skips on a developer's machine without Chromium or `npm ci`; fails in CI (CI=true).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from PIL import Image

from browser import CHROMIUM_ARGS, require
from conftest import build, make_site_tree
from showcase.editors.decap import BUNDLE, DIST, PROXY_ENV
from showcase.repository import load_showcase

ROOT = Path(__file__).resolve().parent.parent
DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
NAME, SLUG = "Nguyễn Thị Đào", "nguyen-thi-dao"
STORY = " ".join(["Chị Đào kiên trì chuyển đổi cây trồng, áp dụng kỹ thuật mới và hướng dẫn bà con trong thôn "
                  "cùng làm theo."] * 12)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("decap-server stopped: " + process.stdout.read().decode(errors="replace"))
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"decap-server did not listen on 127.0.0.1:{port}")


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """(site tree, base URL of its built site, decap-server port): the site built with the editor
    pointing at decap-server, which writes into the tree."""
    require(ROOT / DIST / BUNDLE, "Decap CMS (run `npm ci`)")
    require(DECAP_SERVER, "decap-server (run `npm ci`)")
    from browser import serve

    tree = make_site_tree(tmp_path / "repo")
    (tree / "node_modules").symlink_to(ROOT / "node_modules")
    port = _free_port()
    proxy = f"http://127.0.0.1:{port}/api/v1"
    monkeypatch.setenv(PROXY_ENV, proxy)
    result = build(tree)
    monkeypatch.delenv(PROXY_ENV)  # the test's own later build is the public one
    assert result.returncode == 0, result.stdout + result.stderr
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(tree),
           "LOG_LEVEL": "warn"}
    server = subprocess.Popen([str(DECAP_SERVER)], cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, server)
        with serve(tree / "site") as base:
            yield tree, base, port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _choose(page, field: str, text: str) -> None:
    """Pick the option whose label contains `text` in a drop-down (react-select) of the form."""
    control = page.locator(f"input[id^='{field}-field']").last
    control.fill(text)
    page.get_by_role("option", name=re.compile(re.escape(text), re.IGNORECASE)).first.wait_for()
    control.press("Enter")


def test_editor_creates_a_valid_profile_with_photo_through_the_form(editor, tmp_path):
    tree, base, port = editor
    photo = tmp_path / "anh dao.jpg"
    Image.new("RGB", (800, 600), (120, 160, 90)).save(photo, quality=85)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and "Content Security Policy" in msg.text
                and errors.append(msg.text))
        page.goto(base + "bien-tap/")
        page.get_by_role("button", name="Đăng nhập").click()  # the local backend asks for no account
        page.goto(base + "bien-tap/#/collections/exemplars/new")
        page.wait_for_selector("input[id^='name-field']")

        # The interface is Vietnamese, with the strings Decap's `vi` lacks completed.
        untranslated = page.evaluate("""() => {
            const en = CMS.getLocale('en'), vi = CMS.getLocale('vi'), out = [];
            (function walk(a, b, path) { for (const k in a) { const p = path ? path + '.' + k : k;
                if (typeof a[k] === 'object') walk(a[k], (b || {})[k], p);
                else if (!b || b[k] === undefined || (b[k] === a[k] && /[a-z]{3}/.test(a[k].replace(/%\\{\\w+\\}/g, ''))
                         && a[k] !== 'Markdown')) out.push(p); } })(en, vi, '');
            return out; }""")
        assert untranslated == []
        # Consent is never pre-filled.
        assert page.locator("input[id^='date-field']").first.input_value() == ""

        page.locator("input[id^='name-field']").fill(NAME)
        _choose(page, "kind", "Cá nhân")
        _choose(page, "category", "Điển hình tiên tiến")
        page.locator("textarea[id^='summary-field']").fill("Nông dân sản xuất giỏi, giúp nhiều hộ trong thôn thoát nghèo.")
        _choose(page, "field", "Nông nghiệp")
        page.locator("input[id^='year-field']").fill("2024")
        _choose(page, "nominated_by", "Sở Nông nghiệp và Môi trường")
        _choose(page, "province", "Ninh Bình")
        _choose(page, "movements", "nông thôn mới")
        _choose(page, "criteria", "xuất sắc")
        page.get_by_role("button", name="Thêm thành tích cụ thể").click()
        page.locator("input[id^='item-field']").last.fill("Năm 2024 thu nhập trang trại đạt 1,2 tỷ đồng.")
        page.get_by_role("button", name="Thêm khen thưởng").click()
        page.locator("input[id^='title-field']").fill("Bằng khen của Chủ tịch UBND tỉnh")
        _choose(page, "form", "Bằng khen")
        page.locator("input[id^='issuer-field']").fill("UBND tỉnh Ninh Bình")
        page.locator("input[id^='decision-field']").fill("Quyết định số 1234/QĐ-UBND")
        page.locator("input[id^='date-field']").first.fill("2024-11-20")  # the commendation's date picker
        page.get_by_role("button", name="Chọn một hình").click()
        page.locator("input[type=file]").set_input_files(str(photo))
        page.get_by_role("button", name="Lấy những cái đã chọn").click()
        page.locator("input[id^='photo_alt-field']").fill("Chị Nguyễn Thị Đào bên ruộng lúa")
        page.locator("[id^='given-field']").click()
        page.locator("input[id^='date-field']").nth(1).fill("2024-10-02")
        _choose(page, "by", "Chính người")
        page.locator("input[id^='published-field']").fill("2025-01-15")
        page.locator("[contenteditable=true]").last.click()
        page.keyboard.insert_text(STORY)
        page.get_by_role("button", name="Công bố").click()
        page.get_by_text("Công bố ngay").click()
        page.wait_for_url(f"**/entries/{SLUG}", timeout=20_000)
        browser.close()
    assert errors == []

    profile = tree / "exemplars" / f"{SLUG}.md"
    meta = yaml.safe_load(profile.read_text(encoding="utf-8").split("---")[1])
    assert meta["nominated_by"] == "so-nong-nghiep-thu-nghiem" and meta["province"] == "ninh-binh"
    assert meta["movements"] == ["nong-thon-moi"] and meta["field"] == "agriculture"
    assert str(meta["commendations"][0]["date"]) == "2024-11-20" and meta["commendations"][0]["form"] == \
        "certificate-of-merit"
    assert meta["consent"] == {"given": True, "date": meta["consent"]["date"], "by": "self"}
    assert str(meta["consent"]["date"]) == "2024-10-02"
    assert (tree / "exemplars" / meta["photo"]).is_file() and meta["photo"].startswith("images/")
    result = load_showcase(tree, targets=[f"exemplars/{SLUG}.md"])
    assert result.problems == [], [p.message for p in result.problems]

    built = build(tree)
    assert built.returncode == 0, built.stdout + built.stderr
    page_html = (tree / "site" / "dien-hinh" / SLUG / "index.html").read_text(encoding="utf-8")
    assert NAME in page_html and "Bằng khen của Chủ tịch UBND tỉnh" in page_html


def test_public_pages_never_load_the_editor(editor):
    tree, _, port = editor
    editor_page = (tree / "site" / "bien-tap" / "index.html").read_text(encoding="utf-8")
    assert "'unsafe-eval'" in editor_page and f"http://127.0.0.1:{port}" in editor_page
    for page in (tree / "site").rglob("*.html"):
        if page.parent.name != "bien-tap":
            text = page.read_text(encoding="utf-8")
            assert "decap-cms" not in text and "'unsafe-eval'" not in text, page


def test_make_edit_runs_decap_server_on_loopback_beside_the_preview(tmp_path):
    """scripts/edit.py (make edit) with a stand-in for the preview that asks decap-server who it is."""
    require(DECAP_SERVER, "decap-server (run `npm ci`)")
    repo = tmp_path / "repo"
    (repo / "node_modules").mkdir(parents=True)
    (repo / "node_modules" / ".bin").symlink_to(ROOT / "node_modules" / ".bin")
    port = _free_port()
    ask = ("import json, os, urllib.request; url = os.environ['" + PROXY_ENV + "'];"
           "req = urllib.request.Request(url, json.dumps({'action': 'info'}).encode(), {'Content-Type': 'application/json'});"
           "print(url, json.load(urllib.request.urlopen(req, timeout=10)))")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "edit.py"), "--decap-port", str(port), "--",
                          sys.executable, "-c", ask, "--dev-addr", f"127.0.0.1:{_free_port()}"],
                         cwd=repo, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"http://127.0.0.1:{port}/api/v1 {{'repo': 'repo', 'publish_modes': ['simple'], 'type': 'local_fs'}}" in out.stdout
    assert "/bien-tap/" in out.stdout and "Ctrl+C" in out.stdout
    with socket.socket() as probe:  # stopped together with the preview
        assert probe.connect_ex(("127.0.0.1", port)) != 0
