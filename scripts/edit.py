"""`make edit`: the form editor on this computer.

Starts decap-server (npm, pinned in package-lock.json; bound to 127.0.0.1 only, so no other
computer can write into the repository) and the preview given after `--` (`make serve`'s command);
stops both together. The form at http://127.0.0.1:PORT/bien-tap/ then writes real files into
exemplars/, the preview rebuilds, and the validator's messages for the file appear in this
terminal and on the preview.

Usage: python scripts/edit.py [--decap-port 8081] -- python -m mkdocs serve --dev-addr 127.0.0.1:8000 ...
Exit status: 0 stopped by the editor (Ctrl+C), 1 could not start, 2 bad usage.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from showcase.cli import VietnameseParser  # noqa: E402
from showcase.editors.decap import PROXY_ENV  # noqa: E402

DECAP_SERVER = Path("node_modules") / ".bin" / "decap-server"


def _taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _preview_port(command: list[str]) -> int:
    for flag, value in zip(command, command[1:]):
        if flag in ("--dev-addr", "-a", "--port"):  # mkdocs serve's, or showcase/serve.py's
            return int(value.rpartition(":")[2])
    return 8000


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ours, serve = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    parser = VietnameseParser(description="Mở trang biên tập bằng biểu mẫu trên máy này (make edit).",
                              usage="%(prog)s [--decap-port CỔNG] -- LỆNH_XEM_TRƯỚC")
    parser.add_argument("--decap-port", type=int, default=8081, help="cổng của decap-server (mặc định 8081)")
    args = parser.parse_args(ours)
    if not serve:
        parser.error("thiếu lệnh xem trước sau dấu --")
    root = Path.cwd()
    server = root / DECAP_SERVER
    if not server.exists():
        print("Chưa cài trình biên tập (Decap CMS, decap-server). Cài Node.js (có lệnh npm) rồi chạy lại "
              "`make edit`: lệnh tự cài đúng phiên bản ghi trong package-lock.json.")
        return 1
    try:
        port = _preview_port(serve)
    except ValueError:
        parser.error("địa chỉ xem trước (--dev-addr) không hợp lệ")
    for busy in (p for p in (port, args.decap_port) if _taken(p)):
        print(f"Cổng {busy} trên máy này đang bận (có thể một lệnh `make serve` hoặc `make edit` khác đang chạy). "
              "Dừng chương trình đó (Ctrl+C trong cửa sổ của nó) rồi chạy lại.")
        return 1
    log = tempfile.NamedTemporaryFile(prefix="decap-server-", suffix=".log", delete=False)
    env = {**os.environ, "PORT": str(args.decap_port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}
    # Its own log (English) goes to a file; the editor reads only Vietnamese here.
    decap = subprocess.Popen([str(server)], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    preview = None
    try:
        deadline = time.monotonic() + 30
        while not _taken(args.decap_port):
            if decap.poll() is not None or time.monotonic() > deadline:
                print(f"Không khởi động được decap-server (nhật ký: {log.name}). Chạy `npm ci` rồi thử lại.")
                return 1
            time.sleep(0.2)
        print(f"Trang biên tập: http://127.0.0.1:{port}/bien-tap/ (bấm “Đăng nhập”, không cần tài khoản).\n"
              "Hồ sơ lưu từ biểu mẫu được ghi thẳng vào thư mục exemplars/ trên máy này; trang xem trước tự cập "
              f"nhật tại http://127.0.0.1:{port}/ và thông báo của trình kiểm tra hiện ở cửa sổ này.\n"
              "Dừng: bấm Ctrl+C.", flush=True)
        preview = subprocess.Popen(serve, cwd=root,
                                   env={**os.environ, PROXY_ENV: f"http://127.0.0.1:{args.decap_port}/api/v1"})
        try:
            preview.wait()
        except KeyboardInterrupt:
            pass
        return 0
    finally:
        for process in (preview, decap) if preview else (decap,):  # both stop together, whatever stops us
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a terminal or a test: stop both servers
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
