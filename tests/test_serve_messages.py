"""`make build` and `make serve` speak Vietnamese: MkDocs' own lines are translated or kept for
developers in .site-cache/mkdocs.log, a busy port gets a message instead of a traceback, and
argparse's usage lines are Vietnamese in every script."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_site_tree
from showcase import serve

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ("Serving on", "Documentation built in", "Aborted with", "BuildError", "Traceback", "usage:", "error:",
           "INFO", "WARNING", "end of life", "Material for MkDocs", "Building documentation", "options:",
           "positional arguments", "show this help")


@pytest.mark.parametrize("english, expected", [
    ("Documentation built in 5.52 seconds", "5,52 giây"),
    ("[08:10:05] Serving on http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
    ("Aborted with a BuildError!", "Đã dừng"),
    ("Aborted with 2 warnings in strict mode!", "2 cảnh báo"),
    ("Detected file changes", "thay đổi"),
    ("Some message nobody translated", "mkdocs.log"),
])
def test_mkdocs_lines_in_vietnamese(english, expected):
    words = serve.vietnamese(english)
    assert expected in words and not any(e in words for e in ENGLISH)


def test_a_busy_port_gets_a_vietnamese_message_not_a_traceback(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "showcase.serve", "serve", "--port", str(port)], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and f"Cổng {port}" in out and f"PORT={port + 1}" in out
    assert not any(e in out for e in ENGLISH), out


def test_build_output_has_no_english(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    broken = root / "exemplars" / "nguyen-thi-lan.md"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("\nkind: ", "\nkind individual\nx: ", 1), encoding="utf-8")
    failed = subprocess.run([sys.executable, "-m", "showcase.serve", "build"], cwd=root, capture_output=True,
                            text=True, timeout=300)
    out = failed.stdout + failed.stderr
    assert failed.returncode == 1 and "DH003" in out and "Đã dừng dựng trang" in out
    assert not any(e in out for e in ENGLISH), out
    broken.write_text(good, encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "showcase.serve", "build"], cwd=root, capture_output=True,
                           text=True, timeout=300)
    out = built.stdout + built.stderr
    assert built.returncode == 0 and "Đã dựng xong trang web" in out and (root / "site" / "index.html").is_file()
    assert not any(e in out for e in ENGLISH), out


@pytest.mark.parametrize("script", ["validate.py", "fix.py", "withdraw.py", "report.py", "dossier.py", "new_profile.py"])
def test_every_script_speaks_vietnamese_in_help_and_bad_usage(script):
    for args in (["--help"], ["--khong-co"]):
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
        out = result.stdout + result.stderr
        assert "Cách dùng" in out and not any(e in out for e in ENGLISH), out
