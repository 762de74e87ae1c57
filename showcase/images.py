"""Profile photos: resized and re-encoded at build time, never served as uploaded.

Each original gives a small and a large WebP for the page and a 1200×630 JPEG for social
cards (Zalo and Facebook read JPEG everywhere; `showcase.share_cards` draws the cards of
pages without a photo). Published files carry no metadata at all: no EXIF (GPS position,
camera, date), no XMP, no JPEG comment, no PNG text, no ICC profile (colours are converted
to sRGB first). Originals are decoded by `rules.photos.load_photo`,
with the validator's limits; a photo it cannot read stops the build with a Vietnamese
message, never a traceback. Outputs are cached by the original's content hash, so a
rebuild only reads the originals; the cache lives outside `docs/` and outside the site.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from .files import remove_unused, write_atomically
from .generated import GeneratedFile
from .model import Exemplar
from .problems import ProblemError
from .rules.context import problem
from .rules.photos import SUFFIX_KIND, PhotoError, describe, inspect_bytes, load_photo

CACHE_DIR = Path(".site-cache") / "images"  # relative to the repository root; `.site-*` is git-ignored
SMALL_WIDTH, LARGE_WIDTH = 480, 1200
MAX_HEIGHT = 4 * LARGE_WIDTH  # a very tall picture is shrunk too (WebP stops at 16383 pixels)
WEBP_QUALITY, JPEG_QUALITY = 80, 82
SHARE_SIZE = (1200, 630)  # Open Graph's recommended size: the share JPEG is cropped to it
# Part of the cache key: change it whenever the encoding settings change.
RECIPE = f"v3 srgb no-metadata h{MAX_HEIGHT} webp{WEBP_QUALITY} jpeg{JPEG_QUALITY} share{SHARE_SIZE}"


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
    try:
        stat = exemplar.photo.stat()
    except OSError:  # removed since validation
        raise ProblemError(problem("DH401", exemplar.source, None, f"Không tìm thấy ảnh `{exemplar.photo.name}`.",
                                   "Kiểm tra tên tệp ảnh và chạy lại scripts/validate.py.")) from None
    args = (exemplar.photo, stat.st_size, stat.st_mtime_ns, exemplar.slug, exemplar.photo_alt, root / CACHE_DIR,
            exemplar.source)
    photo = _photo(*args)
    # A long-running preview remembers photos between builds, but a full build run meanwhile
    # removes the renditions it did not publish (`prune`): they are made again, never left
    # missing (MkDocs would stop on a file it cannot copy). Checked when the cache folder changed.
    stamp = _folder_stamp(root / CACHE_DIR)
    if _verified.get(photo.small.path) != stamp:
        if not all(r.path.is_file() for r in (photo.small, photo.large, photo.share)):
            photo = _photo.__wrapped__(*args)
            stamp = _folder_stamp(root / CACHE_DIR)
        _verified[photo.small.path] = stamp
    return photo


_verified: dict[Path, int] = {}  # rendition -> the cache folder's change time when it was last seen on disk


def _folder_stamp(folder: Path) -> int:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return -1


def cache_digest(data: bytes) -> str:
    """The name stem of a photo's renditions in the cache: its bytes and the recipe."""
    return hashlib.sha256(RECIPE.encode() + data).hexdigest()[:32]


@lru_cache(maxsize=None)
def _photo(original: Path, size: int, mtime_ns: int, slug: str, alt: str, cache: Path, source: str) -> Photo:
    """Memoised per file version, so listings and profiles share one hashing pass."""
    try:
        data = original.read_bytes()
    except OSError:
        raise ProblemError(problem("DH401", source, None, f"Không đọc được ảnh `{original.name}`.",
                                   "Kiểm tra tên tệp ảnh và chạy lại scripts/validate.py.")) from None
    digest = cache_digest(data)
    cache.mkdir(parents=True, exist_ok=True)
    base = f"anh/{slug}-{digest[:8]}"
    targets = {"small": (SMALL_WIDTH, "webp"), "large": (LARGE_WIDTH, "webp"), "share": (LARGE_WIDTH, "jpg")}
    paths = {name: cache / f"{digest}-{width}.{ext}" for name, (width, ext) in targets.items()}
    if not all(p.is_file() for p in paths.values()):
        try:
            image = load_photo(data, SUFFIX_KIND.get(original.suffix.lower()))
        except PhotoError:
            raise ProblemError(_unreadable(data, original, source)) from None
        try:
            _encode(image, targets, paths)
        except Exception:  # noqa: BLE001 - an encoder's failure is reported like any photo problem
            raise ProblemError(problem(
                "DH403", source, None, f"Không tạo được bản thu nhỏ của ảnh `{original.name}` để đăng lên trang.",
                "Mở ảnh bằng phần mềm xem ảnh, lưu lại dưới dạng JPEG rồi dựng lại trang.")) from None
    renditions = {}
    for name, (width, ext) in targets.items():
        with Image.open(paths[name]) as image:  # reads the header only
            renditions[name] = Rendition(f"{base}-{width}.{ext}" if ext == "webp" else f"{base}.{ext}",
                                         image.width, image.height, paths[name])
    return Photo(alt, **renditions)


def _unreadable(data: bytes, original: Path, source: str):
    """The validator's words (DH403) for a photo the build cannot decode: validation saw another version."""
    found = inspect_bytes(data, SUFFIX_KIND.get(original.suffix.lower()))
    return problem("DH403", source, None, *describe(found, original.name, original.stem))


def _encode(image: Image.Image, targets: dict[str, tuple[int, str]], paths: dict[str, Path]) -> None:
    """`image`: upright sRGB pixels without metadata (`load_photo`)."""
    for name, (width, ext) in targets.items():
        resized = image
        scale = min(width / image.width, MAX_HEIGHT / image.height)
        if name == "share":  # the share card's own size (Facebook, Zalo), cut nearer the top, where faces are
            resized = ImageOps.fit(image, SHARE_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.3))
        elif scale < 1:
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            resized = image.resize(size, Image.Resampling.LANCZOS)
        resized.info.clear()  # nothing of the original's info may be written back (a JPEG's comment would be)
        options = ({"format": "WEBP", "quality": WEBP_QUALITY, "method": 6} if ext == "webp"
                   else {"format": "JPEG", "quality": JPEG_QUALITY, "optimize": True, "progressive": True})
        write_atomically(paths[name], lambda stream: resized.save(stream, **options))


def prune(cache: Path, used: set[Path], started: float) -> int:
    """Remove the renditions in `cache` that the build which started at `started` (a
    `time.time()`) did not use: old versions of changed or removed photos, which CI would
    otherwise carry from run to run. Returns how many files were removed."""
    return remove_unused(cache, lambda entry: Path(entry.path) in used, started)
