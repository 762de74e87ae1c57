"""Profile photos: resized and re-encoded at build time, never served as uploaded.

Each original gives a small and a large WebP for the page and a JPEG for social cards
(Zalo and Facebook read JPEG everywhere). Re-encoding also drops EXIF data such as GPS
positions. Outputs are cached by the original's content hash, so a rebuild only reads
the originals; the cache lives outside `docs/` and outside the site.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from .generated import GeneratedFile
from .model import Exemplar

CACHE_DIR = Path(".site-cache") / "images"  # relative to the repository root; `.site-*` is git-ignored
SMALL_WIDTH, LARGE_WIDTH = 480, 1200
WEBP_QUALITY, JPEG_QUALITY = 80, 82
# Part of the cache key: change it whenever the encoding settings change.
RECIPE = f"v1 webp{WEBP_QUALITY} jpeg{JPEG_QUALITY}"


@dataclass(frozen=True)
class CachedFile(GeneratedFile):
    """A generated file already on disk: the build copies `path`, so thousands of photos
    are never held in memory at once. `content` stays empty."""

    path: Path | None = None


@dataclass(frozen=True)
class Rendition:
    src_uri: str  # where it is published, e.g. "anh/nguyen-van-a-3f2a9c1d-480.webp"
    width: int
    height: int
    path: Path  # the cached file


@dataclass(frozen=True)
class Photo:
    alt: str
    small: Rendition
    large: Rendition
    share: Rendition  # JPEG for Open Graph and Twitter cards

    def files(self) -> list[CachedFile]:
        return [CachedFile(r.src_uri, b"", path=r.path) for r in (self.small, self.large, self.share)]


def photo_of(exemplar: Exemplar, root: Path) -> Photo | None:
    if exemplar.photo is None:
        return None
    stat = exemplar.photo.stat()
    return _photo(exemplar.photo, stat.st_size, stat.st_mtime_ns, exemplar.slug, exemplar.photo_alt,
                  root / CACHE_DIR)


@lru_cache(maxsize=None)
def _photo(original: Path, size: int, mtime_ns: int, slug: str, alt: str, cache: Path) -> Photo:
    """Memoised per file version, so listings and profiles share one hashing pass."""
    data = original.read_bytes()
    digest = hashlib.sha256(RECIPE.encode() + data).hexdigest()[:32]
    cache.mkdir(parents=True, exist_ok=True)
    base = f"anh/{slug}-{digest[:8]}"
    targets = {"small": (SMALL_WIDTH, "webp"), "large": (LARGE_WIDTH, "webp"), "share": (LARGE_WIDTH, "jpg")}
    paths = {name: cache / f"{digest}-{width}.{ext}" for name, (width, ext) in targets.items()}
    if not all(p.is_file() for p in paths.values()):
        _encode(original, targets, paths)
    renditions = {}
    for name, (width, ext) in targets.items():
        with Image.open(paths[name]) as image:  # reads the header only
            renditions[name] = Rendition(f"{base}-{width}.{ext}" if ext == "webp" else f"{base}.{ext}",
                                         image.width, image.height, paths[name])
    return Photo(alt, **renditions)


def _encode(original: Path, targets: dict[str, tuple[int, str]], paths: dict[str, Path]) -> None:
    with Image.open(original) as opened:
        image = ImageOps.exif_transpose(opened)
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")  # JPEG has no transparency
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        else:
            image = image.convert("RGB")
        for name, (width, ext) in targets.items():
            resized = image
            if image.width > width:
                resized = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            options = ({"format": "WEBP", "quality": WEBP_QUALITY, "method": 6} if ext == "webp"
                       else {"format": "JPEG", "quality": JPEG_QUALITY, "optimize": True, "progressive": True})
            _write_atomically(paths[name], lambda stream: resized.save(stream, **options))


def _write_atomically(path: Path, write) -> None:
    """Concurrent builds may fill the same cache: never expose a half-written file."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def prune(cache: Path, used: set[Path], started: float) -> int:
    """Remove the renditions in `cache` that the build which started at `started` (a
    `time.time()`) did not use: old versions of changed or removed photos, which CI would
    otherwise carry from run to run. Files written since the build started are kept, in case
    another build is filling the same cache. Returns how many files were removed."""
    removed = 0
    try:
        entries = list(os.scandir(cache))
    except OSError:
        return 0
    for entry in entries:
        try:
            if Path(entry.path) in used or not entry.is_file() or entry.stat().st_mtime >= started:
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed

