"""Files of the build and its caches: written in one step (a reader, another build or an
interrupted run never sees half of one), and removed once no build uses them."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], object], mode: int = 0o644) -> None:
    """Write `data` (bytes, or a function writing to a binary stream) into a temporary file beside
    `path`, then rename it over `path`: a symlink standing at `path` is replaced, never its target.
    `mode`: the permissions of the new file (mkstemp's own are 0600)."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                data(stream)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_unused(folder: str | Path, used: Callable[[os.DirEntry], bool], started: float) -> int:
    """Remove the files directly in `folder` that `used` does not claim, but those written since
    `started` (a `time.time()`: the build's start), in case another build is filling the same
    cache. Returns how many were removed; what cannot be listed or removed is left."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    removed = 0
    for entry in entries:
        try:
            if used(entry) or not entry.is_file() or entry.stat().st_mtime >= started:
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed
