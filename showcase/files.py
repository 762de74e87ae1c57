"""Writing a file in one step: a reader, another build or an interrupted run never sees half of it."""

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
