"""What validating each profile found, kept between runs in `.site-cache/validation/`.

A profile's entry (its front-matter, key lines, body, the problems of the rules that look
at the file alone, its identity for DH208) is reused when the file's bytes have the same
digest and nothing else those rules read has changed: criteria.yml, the code of the
`showcase` package, the versions of Python and PyYAML (the fingerprint). The rules that look
further (references to movements, units, criteria and provinces; dates against today; the
photo on disk) and the rules across files run every time, so a cached run reports exactly
what a cold one does.

Entries are kept in shards of a few hundred, each written atomically: editing one profile
rewrites one shard, not the whole cache. A shard that cannot be read, or is not ours, is
ignored (and removed); a cache that cannot be written is skipped. Shards are plain data:
unpickling refuses anything but the date and time types YAML produces.
"""

from __future__ import annotations

import collections
import hashlib
import io
import os
import pickle
import secrets
import sys
import tempfile
from pathlib import Path

import yaml

from . import load

FOLDER = Path(".site-cache") / "validation"  # relative to the repository root; `.site-*` is git-ignored
SUFFIX = ".pickle"
SHARD = 250  # entries per shard written
FORMAT = 1  # the layout of a shard and of an entry; the fingerprint covers the code that fills them
PACKAGE = Path(__file__).resolve().parent
_ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone"), ("datetime", "timedelta")}


def digest(raw: bytes) -> bytes:
    return hashlib.sha256(raw).digest()  # the fastest strong hash here (CPUs have SHA instructions)


def fingerprint(root: Path) -> bytes:
    """Everything besides the file itself that the cached rules read."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{sys.version}\0{yaml.__version__}\0{load.SafeLoader.__name__}\0".encode())
    files = [(p.relative_to(PACKAGE).as_posix(), p) for p in sorted(PACKAGE.rglob("*"))
             if p.suffix == ".py" or p.parent.name == "data"]
    for name, path in [*files, ("criteria.yml", Path(root) / "criteria.yml")]:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0missing"
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.digest()


class _DataUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not data")


class ValidationCache:
    """Entries by path relative to the root: (digest of the file's bytes, entry)."""

    def __init__(self, root: Path, fingerprint: bytes):
        self.folder = Path(root) / FOLDER
        self.fingerprint = fingerprint
        self._stored: dict[str, tuple[tuple, str]] = {}  # rel -> ((digest, entry), shard)
        self.shards: dict[str, int] = {}  # shard -> entries in it
        self.unusable: set[str] = set()  # shards that cannot be read or are not ours
        self.used: dict[str, tuple[tuple, str]] = {}  # the stored entries this run found current
        self.fresh: dict[str, tuple[bytes, tuple]] = {}  # entries made this run
        self.read = False  # the shards are read when first needed: a preview's rebuild needs none

    @property
    def stored(self) -> dict[str, tuple[tuple, str]]:
        if not self.read:
            self._read()
        return self._stored

    def _read(self) -> None:
        self.read = True
        try:
            names = sorted(n for n in os.listdir(self.folder) if n.endswith(SUFFIX) and not n.startswith("."))
        except OSError:
            return
        for name in names:
            try:
                layout, stamp, entries = _DataUnpickler(io.BytesIO((self.folder / name).read_bytes())).load()
                if layout != FORMAT or stamp != self.fingerprint or not isinstance(entries, dict):
                    raise ValueError(name)
            except Exception:  # noqa: BLE001 - a shard that cannot be read is no cache
                self.unusable.add(name)
                continue
            self.shards[name] = len(entries)
            for rel, stored in entries.items():
                self._stored[rel] = (stored, name)  # in two shards (two runs at once): one is left unused

    def lookup(self, path: Path, rel: str, max_bytes: int) -> tuple | None:
        """The entry stored for `rel` if the file still has the same bytes; None otherwise."""
        found = self.stored.get(rel)
        if found is None:
            return None
        try:
            stamp, entry = found[0]
            if not _is_entry(entry):
                return None
            raw = _read_whole(path, max_bytes)
        except (OSError, TypeError, ValueError):
            return None
        if raw is None or digest(raw) != stamp:
            return None
        self.used[rel] = found
        return entry

    def put(self, rel: str, stamp: bytes, entry: tuple) -> None:
        self.fresh[rel] = (stamp, entry)

    def target(self) -> tuple[Path, bytes]:
        """Where worker processes write their shards (see `write_shard`)."""
        return self.folder, self.fingerprint

    def adopt(self, shard: str, entries: dict[str, tuple[bytes, tuple]]) -> None:
        """Entries a worker made and wrote as `shard`: current, nothing left to write."""
        self.shards[shard] = len(entries)
        for rel, stored in entries.items():
            self.used[rel] = (stored, shard)

    def save(self) -> None:
        """Write the entries made this run, with those of shards that are no longer all current
        (a file changed or gone) or are too small to keep apart; then remove those shards.
        Shards never read this run (no lookup was made) are left as they are: the entries made
        are added beside them, and a later run that reads them all merges them."""
        current = collections.Counter(shard for _, shard in self.used.values())
        small = [name for name, size in self.shards.items() if size < SHARD // 2]
        intact = {name for name, size in self.shards.items()
                  if current[name] == size and not (len(small) > 1 and name in small)}
        entries = {rel: stored for rel, (stored, shard) in self.used.items() if shard not in intact}
        entries.update(self.fresh)
        obsolete = (set(self.shards) - intact) | self.unusable
        if not entries and not obsolete:
            return
        rels = list(entries)
        for start in range(0, len(rels), SHARD):
            if write_shard(self.target(), {rel: entries[rel] for rel in rels[start:start + SHARD]})[0] is None:
                return  # a read-only checkout validates as well, only not faster next time
        for name in obsolete:
            try:
                (self.folder / name).unlink(missing_ok=True)
            except OSError:
                pass


def _read_whole(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes in one read, or None (too large: the fresh check words it; changing while
    read): leaner than open(), and a read that is not the whole file is only a miss."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        if size > max_bytes:
            return None
        raw = os.read(fd, size + 1)
    finally:
        os.close(fd)
    return raw if len(raw) == size else None


def write_shard(target: tuple[Path, bytes], entries: dict[str, tuple[bytes, tuple]]) -> tuple[str | None, bytes]:
    """Write `entries` as a new shard: (its name, or None if it could not be written; its bytes,
    which a worker process sends as they are, so that they are pickled once)."""
    folder, stamp = target
    data = pickle.dumps((FORMAT, stamp, entries), protocol=pickle.HIGHEST_PROTOCOL)
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=".tmp-", delete=False) as file:
            temp = file.name
            file.write(data)
        name = f"{secrets.token_hex(8)}{SUFFIX}"
        os.replace(temp, folder / name)
        return name, data
    except OSError:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass
        return None, data


def _is_entry(entry) -> bool:
    """The shape the checks write (see repository._check_files): a damaged entry is a miss."""
    if not (isinstance(entry, tuple) and len(entry) == 6 and isinstance(entry[4], tuple)
            and all(isinstance(p, tuple) and len(p) == 6 for p in entry[4])):
        return False
    meta, lines, body, body_line, _, identity = entry
    if meta is None:
        return lines is None and body is None and body_line is None and identity is None
    return (isinstance(meta, dict) and isinstance(lines, dict) and isinstance(body, str)
            and isinstance(body_line, int) and (identity is None or isinstance(identity, tuple)))
