"""The Pagefind binary, pinned: downloaded from the npm registry, checked, kept in the venv.

PyPI's `pagefind_bin` lags behind (1.5.2, whose chunking miscounts accented words: upstream
issue #1211, fixed in 1.6.0 by PR #1316). Pagefind's npm package ships its binary in one
package per platform; this fetches that package's tarball with the standard library (no
Node, no npm: `make build` must not need them), checks it against the sha512 `integrity`
npm's lock format records, and extracts the one binary into `<venv>/bin/`. The Python
client (`pagefind` on PyPI) runs it through `PAGEFIND_BINARY_PATH` (set by `use()`).

`python -m showcase.pagefind_binary` installs it (run by `make install`); a build whose
venv lacks it installs it first. To upgrade: change VERSION and each platform's line from
`npm view @pagefind/<platform>@<version> dist.tarball dist.integrity`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import platform
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

VERSION = "1.6.0"
# (system, machine) -> (npm tarball, its sha512 integrity as in a package-lock.json)
PINNED = {
    ("Linux", "x86_64"): (
        "https://registry.npmjs.org/@pagefind/linux-x64/-/linux-x64-1.6.0.tgz",
        "sha512-IbMSx/+Vr/Xk0TTBlLkjgK+rvnbOXGmmb2/MKxQu99AR5DsqQoV3NKEA9PQz2tAhuCZjeD5xJBp4w5N5DHIC7Q=="),
    ("Linux", "aarch64"): (
        "https://registry.npmjs.org/@pagefind/linux-arm64/-/linux-arm64-1.6.0.tgz",
        "sha512-SLB2I+XqCZma8NvIGIH8nyKblgKIxw5PmqsVtofWOKxNHhEtOEsddbqU+hsrNcT3EV0faM6UmKDHVIxcPYq29w=="),
    ("Darwin", "arm64"): (
        "https://registry.npmjs.org/@pagefind/darwin-arm64/-/darwin-arm64-1.6.0.tgz",
        "sha512-611gl64aqN12UcMyKPtZ8+vRWBKlJFSh2JgO8uScxa1Eyjo1dXz9r4wZuRno0yCUE/KN0FauEoKZ3KEwUYHCCg=="),
    ("Darwin", "x86_64"): (
        "https://registry.npmjs.org/@pagefind/darwin-x64/-/darwin-x64-1.6.0.tgz",
        "sha512-rd3ZbtuxyYqjASKZAPuIV7eeQQHJ7VYpoNKKG8CvglaD3g30eT5Nb7XGNLYwVReBsCccpkURwrGwWjSwr8nyQQ=="),
}
ALIASES = {"amd64": "x86_64", "arm64": "aarch64"}  # spellings of `platform.machine()` on Linux
MEMBER = "package/bin/pagefind_extended"  # the npm package's binary (the extended build)


class InstallError(RuntimeError):
    """Pagefind could not be installed; the message is for a developer, in Vietnamese and English."""


def path() -> Path:
    """Where the pinned binary lives: the running venv's bin folder."""
    return Path(sys.prefix) / "bin" / f"pagefind-{VERSION}"


def _pin() -> tuple[str, str]:
    system, machine = platform.system(), platform.machine()
    if system == "Linux":
        machine = ALIASES.get(machine, machine)
    try:
        return PINNED[(system, machine)]
    except KeyError:
        raise InstallError(
            f"Chưa có bản Pagefind {VERSION} được ghim cho máy {system}/{machine}: thêm dòng của nền tảng này "
            f"vào PINNED trong showcase/pagefind_binary.py (lệnh `npm view @pagefind/<nền tảng>@{VERSION} "
            f"dist.tarball dist.integrity`), hoặc đặt biến PAGEFIND_BINARY_PATH trỏ tới một tệp pagefind {VERSION}. "
            f"(No pinned Pagefind {VERSION} for {system}/{machine}.)") from None


def verify(data: bytes, integrity: str) -> bool:
    """Whether `data` has the npm `integrity` ("sha512-<base64>")."""
    algorithm, _, expected = integrity.partition("-")
    return algorithm == "sha512" and base64.b64encode(hashlib.sha512(data).digest()).decode() == expected


def install(target: Path | None = None, timeout: float = 120) -> Path:
    """Download, check and extract the pinned binary unless it is there already."""
    target = target or path()
    if target.is_file() and os.access(target, os.X_OK):
        return target
    url, integrity = _pin()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read()
    except (urllib.error.URLError, OSError) as exc:
        raise InstallError(
            f"Không tải được Pagefind {VERSION} từ {url} ({exc}). Kiểm tra kết nối mạng tới kho npm rồi chạy lại "
            f"`make install`; hoặc đặt biến PAGEFIND_BINARY_PATH trỏ tới một tệp pagefind {VERSION} có sẵn. "
            f"(Could not download Pagefind.)") from None
    if not verify(data, integrity):
        raise InstallError(
            f"Tệp tải về từ {url} không khớp mã kiểm tra sha512 đã ghim trong showcase/pagefind_binary.py: "
            f"không dùng tệp này. Tải lại sau; nếu vẫn sai, báo cho người quản trị kho mã. "
            f"(Checksum mismatch: the file was not used.)")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise InstallError(f"Gói {url} không có tệp {MEMBER}. (The package has no Pagefind binary.)")
        binary = member.read()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed: a build never sees half a binary.
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".pagefind-", delete=False) as out:
        out.write(binary)
    os.chmod(out.name, 0o755)
    os.replace(out.name, target)
    return target


def use() -> Path:
    """Point the Python client at the pinned binary (installing it if needed); an explicit
    PAGEFIND_BINARY_PATH wins."""
    chosen = os.environ.get("PAGEFIND_BINARY_PATH")
    if chosen:
        return Path(chosen)
    binary = install()
    os.environ["PAGEFIND_BINARY_PATH"] = str(binary)
    return binary


if __name__ == "__main__":
    try:
        print(f"Pagefind {VERSION}: {install()}")
    except InstallError as exc:
        sys.exit(str(exc))
