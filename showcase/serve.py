"""`make build`, `make serve`: MkDocs run from Python, so that an editor reads no English.

`python -m mkdocs` prints MkDocs' own lines ("Serving on", "Documentation built in",
"Aborted with a BuildError!"), Material's notices, and a traceback when the port is taken,
before any hook of ours is loaded. Here MkDocs' commands are called as functions, its log
lines go through one handler that words them in Vietnamese (the English ones no editor needs
go to `.site-cache/mkdocs.log` for developers), a busy port is found before the server starts,
and any failure ends with one Vietnamese line and a non-zero status.

    python -m showcase.serve build            # mkdocs build --strict
    python -m showcase.serve serve [--port N | --dev-addr 127.0.0.1:N]  # mkdocs serve --dirty --no-strict
"""

from __future__ import annotations

import errno
import logging
import os
import re
import socket
import sys
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice about MkDocs 2.0, in English

from .cli import VietnameseParser  # noqa: E402

TECHNICAL_LOG = Path(".site-cache") / "mkdocs.log"
DEFAULT_PORT = 8000

# MkDocs' own messages -> Vietnamese (None: nothing an editor needs; kept in TECHNICAL_LOG only).
_MESSAGES = [
    (r"Building documentation\.\.\.", "Đang dựng trang web…"),
    (r"Building documentation to directory: (.+)", None),  # a temporary folder: the adapter says where it went
    (r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:.*",
     None),
    (r"Cleaning site directory", None),
    (r"A 'dirty' build is being performed.*", None),  # the preview's choice (showcase/mkdocs_hooks.py keeps it right)
    (r"The directory contains stale files\..*", None),
    (r"Documentation built in ([\d.]+) seconds", lambda m: f"Đã dựng xong trang web trong "
                                                            f"{m.group(1).replace('.', ',')} giây."),
    (r"(?:\[[\d:]+\] )?Serving on (\S+?)/?(?: and opening it in a browser)?",
     r"Bản xem trước đang chạy tại \1/ : mở địa chỉ này trong trình duyệt. Dừng bằng Ctrl+C."),
    (r"(?:\[[\d:]+\] )?Watching paths for changes: .*", None),
    (r"(?:\[[\d:]+\] )?Detected file changes", "Có tệp vừa thay đổi: đang dựng lại…"),
    (r"(?:\[[\d:]+\] )?Reloading (?:browsers|docs)(?:\.\.\.)?", "Đã dựng lại; trình duyệt tự tải lại trang."),
    (r"(?:\[[\d:]+\] )?Browser connected: (.+)", None),
    (r"Shutting down\.\.\.", "Đang dừng bản xem trước…"),
    (r"Aborted with a BuildError!", "Đã dừng dựng trang vì có lỗi (xem ở trên); trang web cũ được giữ nguyên."),
    (r"Aborted with (\d+) warnings? in strict mode!",
     r"Đã dừng dựng trang vì có \1 cảnh báo (xem ở trên); trang web cũ được giữ nguyên."),
    (r"Error building page '(.+?)': (.+)", r"Lỗi khi dựng trang \1 (chi tiết kỹ thuật: " + str(TECHNICAL_LOG) + ")."),
    (r"Config value '([^']+)': (.+)", r"Cấu hình mkdocs.yml, mục `\1`, không hợp lệ (chi tiết kỹ thuật: "
     + str(TECHNICAL_LOG) + ")."),
    (r"Aborted with \d+ configuration errors?!", "Đã dừng vì mkdocs.yml có lỗi cấu hình."),
]
_COMPILED = [(re.compile(f"^{pattern}$", re.DOTALL), words) for pattern, words in _MESSAGES]
_LEVELS = {logging.WARNING: "Cảnh báo: ", logging.ERROR: "Lỗi: ", logging.CRITICAL: "Lỗi: "}
_OURS = "mkdocs.plugins.showcase"  # the adapter's logger: already Vietnamese


def vietnamese(message: str, logger: str = "mkdocs") -> str | None:
    """MkDocs' line in Vietnamese; None when an editor need not see it. A line of the adapter is
    kept as it is; any other English line becomes a pointer to the technical log."""
    if logger.startswith(_OURS):
        return message
    for pattern, words in _COMPILED:
        found = pattern.match(message.strip())
        if found:
            if words is None:
                return None
            return words(found) if callable(words) else found.expand(words)
    if re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", message, re.IGNORECASE):
        return message  # a hook's or the validator's message, written in Vietnamese
    return f"MkDocs báo một thông tin kỹ thuật (bằng tiếng Anh), đã ghi vào {TECHNICAL_LOG}."


class VietnameseHandler(logging.Handler):
    """One line per record on stderr, in Vietnamese; every record, as written, in the technical log."""

    def __init__(self, root: Path):
        super().__init__(logging.INFO)
        self.log_path = root / TECHNICAL_LOG
        self.stream = sys.stderr

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            self._keep(record, message)
            words = vietnamese(message, record.name)
            if words:
                self.stream.write(_LEVELS.get(record.levelno, "") + words + "\n")
                self.stream.flush()
        except Exception:  # noqa: BLE001 - logging must never stop the preview
            pass

    def _keep(self, record: logging.LogRecord, message: str) -> None:
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.log_path, "a", encoding="utf-8") as log:
                log.write(f"{record.levelname} {record.name}: {message}\n")
        except OSError:
            pass


def _setup_logging(root: Path) -> None:
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.handlers[:] = [VietnameseHandler(root)]
    logger.propagate = False
    for noisy in ("watchdog", "urllib3", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def port_problem(port: int, host: str = "127.0.0.1") -> str | None:
    """Why the preview cannot listen on `port`, in Vietnamese; None when it can."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview's own server does
        try:
            probe.bind((host, port))
        except OSError as exc:
            return busy_message(port) if exc.errno == errno.EADDRINUSE else (
                f"Không mở được cổng {port} trên máy này ({exc.strerror or 'lỗi hệ thống'}). "
                f"Thử một cổng khác: `make serve PORT={port + 1 if port < 65535 else 8001}`.")
    return None


def busy_message(port: int) -> str:
    return (f"Cổng {port} đang được một chương trình khác dùng, có thể là một bản xem trước (`make serve`) đang chạy "
            f"trong cửa sổ khác: nếu vậy, mở http://127.0.0.1:{port}/ trong trình duyệt. Nếu không, chạy bản xem trước "
            f"ở cổng khác: `make serve PORT={port + 1 if port < 65535 else 8001}`.")


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(prog="python -m showcase.serve",
                              description="Dựng trang web (build) hoặc mở bản xem trước trên máy này (serve).")
    parser.add_argument("command", choices=("build", "serve"), metavar="LỆNH",
                        help="build: dựng trang web vào site/; serve: bản xem trước tại http://127.0.0.1:CỔNG/")
    parser.add_argument("--port", default=os.environ.get("PORT") or str(DEFAULT_PORT), metavar="CỔNG",
                        help=f"cổng của bản xem trước (mặc định {DEFAULT_PORT})")
    parser.add_argument("--dev-addr", metavar="127.0.0.1:CỔNG",
                        help="như của mkdocs serve (scripts/edit.py đọc cổng ở đây); chỉ nghe trên 127.0.0.1")
    parser.add_argument("--config", default="mkdocs.yml", metavar="TỆP", help="tệp cấu hình (mặc định mkdocs.yml)")
    args = parser.parse_args(argv)
    if args.dev_addr:
        args.port = args.dev_addr.rpartition(":")[2]
    root = Path(args.config).resolve().parent
    if not Path(args.config).is_file():
        parser.error(f"không thấy {args.config}; chạy lệnh từ thư mục gốc của kho")
    _setup_logging(root)
    from mkdocs import exceptions

    try:
        if args.command == "build":
            from mkdocs.commands.build import build
            from mkdocs.config import load_config

            config = load_config(args.config, strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
            return 0
        try:
            port = int(args.port)
            if not 1 <= port <= 65535:
                raise ValueError
        except ValueError:
            parser.error(f"cổng `{args.port}` không hợp lệ: dùng một số từ 1024 đến 65535, ví dụ PORT=8001")
        if why := port_problem(port):
            sys.stderr.write(why + "\n")
            return 1
        from mkdocs.commands.serve import serve

        serve(config_file=args.config, livereload=True, build_type="dirty", dev_addr=f"127.0.0.1:{port}",
              strict=False)
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng.\n")
        return 0
    except exceptions.Abort as exc:
        sys.stderr.write((vietnamese(str(exc)) or "Đã dừng dựng trang vì có lỗi.") + "\n")
        return 1
    except exceptions.ConfigurationError as exc:
        _keep_technical(root, exc)
        sys.stderr.write(f"Tệp {args.config} có lỗi cấu hình; chi tiết kỹ thuật đã ghi vào {TECHNICAL_LOG}.\n")
        return 1
    except exceptions.MkDocsException as exc:  # a PluginError of the adapter: already Vietnamese
        sys.stderr.write((vietnamese(str(exc)) or "Đã dừng dựng trang vì có lỗi.") + "\n")
        return 1
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            sys.stderr.write(busy_message(int(args.port)) + "\n")
            return 1
        _keep_technical(root, exc)
        sys.stderr.write(f"Lỗi hệ thống khi dựng trang ({exc.strerror or type(exc).__name__}); chi tiết kỹ thuật đã "
                         f"ghi vào {TECHNICAL_LOG}.\n")
        return 1
    except Exception as exc:  # noqa: BLE001 - a defect of the program: one line, the traceback in the log
        _keep_technical(root, exc)
        sys.stderr.write(f"Lỗi ngoài dự kiến của chương trình dựng trang ({type(exc).__name__}), không phải do hồ sơ; "
                         f"chi tiết kỹ thuật đã ghi vào {TECHNICAL_LOG}. Chạy lại lệnh; nếu lỗi lặp lại, gửi tệp đó "
                         "cho người phụ trách kỹ thuật.\n")
        return 1


def _keep_technical(root: Path, exc: BaseException) -> None:
    import traceback

    try:
        path = root / TECHNICAL_LOG
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as log:
            log.write("".join(traceback.format_exception(exc)))
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
