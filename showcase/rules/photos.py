"""DH401-DH404, DH407 (and DH012): a profile's photo is a real file inside exemplars/, opens, and
hides no position.

Every photo is opened and decoded in full with Pillow, as the build will: a file that only
looks like a photo (an SVG or a web page renamed `.jpg`, a GIF renamed `.png`), a truncated
JPEG or a decompression bomb (a small PNG that declares 30000×30000 pixels) is refused here,
in Vietnamese, instead of failing the build. Decoding a large photo takes a tenth of a second,
so each result is kept: in memory by file status, on disk (`.site-cache/photos/`) by the
digest of the photo's bytes, which survives a fresh checkout in CI.

`load_photo` is also what the build decodes originals with (showcase/images.py): one set of
limits for both.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import PIL
from PIL import Image, ImageCms, ImageFile, ImageOps

from .. import photo_metadata
from ..files import write_atomically
from ..load import Document
from ..problems import Problem
from .context import Context, problem

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
SUFFIX_KIND = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
KIND_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# Pillow's format names: phones write JPEGs with extra pictures inside (MPO).
PILLOW_KIND = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
# 64 million pixels: a 50- or 61-megapixel camera passes; decoded as RGB, at most ~200 MB.
# Above it a photo is refused before its pixels are decoded (Pillow's own limit is higher).
MAX_PIXELS = 64_000_000
CACHE_DIR = Path(".site-cache") / "photos"  # relative to the repository root; `.site-*` is git-ignored
_SOURCES = (Path(__file__), Path(photo_metadata.__file__))
# Part of the cache key: what decides a photo's result.
_VERSION = hashlib.sha256(b"".join(p.read_bytes() for p in _SOURCES)
                          + f"{PIL.__version__}\0{MAX_PIXELS}".encode()).digest()
_SRGB = ImageCms.createProfile("sRGB")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # https:, data:, file:, a Windows drive (C:)

ImageFile.LOAD_TRUNCATED_IMAGES = False  # deliberate (Pillow's default): a cut-off photo fails, never half-published


class PhotoError(Exception):
    """A photo Pillow cannot safely decode: `status` is one of the keys of `_MESSAGES`."""

    def __init__(self, status: str, detail: str = "", width: int = 0, height: int = 0):
        super().__init__(status, detail)
        self.status, self.detail, self.width, self.height = status, detail, width, height


def is_photo_file(path: Path) -> bool:
    return path.suffix.lower() in PHOTO_SUFFIXES


def load_photo(data: bytes, expected: str | None = None) -> Image.Image:
    """The photo's pixels, decoded in full, turned upright and flattened to sRGB without
    metadata, as the build publishes them; PhotoError if that is not possible."""
    if not data:
        raise PhotoError("empty")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's English warnings on odd metadata reach no editor
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=("JPEG", "PNG", "WEBP")) as opened:
                kind = PILLOW_KIND.get(opened.format or "")
                width, height = opened.size
                if kind is None:
                    raise PhotoError("unknown", sniff(data))
                if expected and kind != expected:
                    raise PhotoError("mismatch", kind)
                if width * height > MAX_PIXELS:
                    raise PhotoError("pixels", "", width, height)
                opened.verify()
            with Image.open(io.BytesIO(data), formats=("JPEG", "PNG", "WEBP")) as opened:
                opened.load()
                return _upright_srgb(opened)
        except PhotoError:
            raise
        except Image.UnidentifiedImageError:
            raise PhotoError("unknown", sniff(data)) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            width, height = _declared_size(data)
            raise PhotoError("pixels", "", width, height) from None
        except MemoryError:
            raise PhotoError("pixels") from None
        except Exception:  # noqa: BLE001 - any decoder failure is a damaged file to the editor
            raise PhotoError("damaged") from None


def _upright_srgb(opened: Image.Image) -> Image.Image:
    image = ImageOps.exif_transpose(opened)
    icc = opened.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK"):
        try:  # colours as the camera meant them, then the profile can go
            image = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _SRGB,
                                              outputMode="RGB")
        except Exception:  # noqa: BLE001 - a broken profile: the pixels as they are
            pass
    if image.mode in ("RGBA", "LA", "P", "PA") or (image.mode in ("L", "RGB", "I;16", "I") and "transparency" in image.info):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")  # JPEG has no transparency
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.info.clear()  # Pillow writes some of it back when saving (a JPEG's comment)
    return image


def _declared_size(data: bytes) -> tuple[int, int]:
    """Width and height a PNG header declares, for the message; (0, 0) for other files."""
    if data.startswith(photo_metadata.PNG_SIGNATURE) and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 0, 0


_MAGIC = [(b"GIF8", "GIF"), (b"BM", "BMP"), (b"%PDF", "PDF"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
          (b"PK\x03\x04", "ZIP (Word, Excel…)"), (b"\x00\x00\x01\x00", "ICO"), (b"8BPS", "Photoshop (PSD)")]


def sniff(data: bytes) -> str:
    """What a file that is no JPEG, PNG or WebP is, for the message ("" if not known)."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"):
            return "HEIC"
        return "AVIF" if brand in (b"avif", b"avis") else "video/MP4"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in head:
        return "SVG"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head:
        return "HTML"
    return ""


# --- The rule ---------------------------------------------------------------------------


def check_photo(doc: Document, ctx: Context) -> Iterator[Problem]:
    photo = doc.meta.get("photo")
    if not isinstance(photo, str) or not photo:
        return
    line = doc.line("photo")
    if not isinstance(doc.meta.get("photo_alt"), str) or not doc.meta["photo_alt"].strip():
        yield problem("DH404", doc, line, "Có ảnh nhưng thiếu mô tả ảnh `photo_alt`.",
                      "Thêm `photo_alt:` mô tả ngắn nội dung ảnh bằng tiếng Việt, ví dụ “Anh A bên vườn cam”.")
    shown = photo[:120]
    exemplars_dir = (ctx.root / "exemplars").resolve()
    written = Path(os.path.normpath(doc.path.parent / photo)) if "\0" not in photo else None
    try:
        target = written.resolve() if written is not None else None
    except (OSError, RuntimeError):  # a loop of links
        target = None
    if target is None or photo.startswith(("/", "\\")) or _SCHEME.match(photo) or not target.is_relative_to(exemplars_dir):
        yield problem("DH402", doc, line, f"Ảnh `{shown}` nằm ngoài thư mục exemplars/.",
                      "Chép ảnh vào exemplars/images/ và ghi đường dẫn tương đối, ví dụ `images/ten-anh.jpg`.")
        return
    if target != written:  # a link, or a folder on the way is one: its target may change unseen
        yield problem("DH012", doc, line, f"Ảnh `{shown}` là liên kết tượng trưng (symlink), không phải tệp ảnh thật.",
                      "Chép chính tệp ảnh vào exemplars/images/ thay cho liên kết, rồi ghi đường dẫn tới tệp đó.")
        return
    try:
        stat = target.stat()
        is_file = target.is_file()
    except OSError:
        is_file = False
    if not is_file:
        yield problem("DH401", doc, line, f"Không tìm thấy ảnh `{shown}`.", _missing_hint(photo))
        return
    expected = SUFFIX_KIND.get(target.suffix.lower())
    if expected is None:
        yield problem("DH403", doc, line, f"Ảnh `{shown}` không phải JPEG, PNG hoặc WebP (đuôi tệp `{target.suffix}`).",
                      "Mở ảnh bằng phần mềm xem ảnh rồi lưu lại (“Lưu thành…”) dưới dạng .jpg, .png hoặc .webp.")
        return
    limit = ctx.criteria.limits["photo_max_bytes"]
    if stat.st_size > limit:
        yield problem("DH403", doc, line, f"Ảnh `{shown}` nặng {megabytes(stat.st_size)} MB, quá {megabytes(limit)} MB.",
                      "Thu nhỏ ảnh (chiều rộng khoảng 2000 điểm ảnh là đủ) rồi lưu lại.")
        return
    status, detail, width, height, gps = inspect(target, stat, expected, ctx.root,
                                                ctx.extra.get("photo_cache", True))
    if status != "ok":
        yield problem("DH403", doc, line, *describe((status, detail, width, height, gps), shown, target.stem))
    elif gps:
        yield problem("DH407", doc, line, f"Ảnh `{shown}` còn toạ độ GPS (vị trí chụp) trong dữ liệu ẩn: "
                      "ai tải ảnh gốc từ kho cũng biết ảnh chụp ở đâu.",
                      f"Chạy `.venv/bin/python scripts/fix.py {doc.rel}` để xoá dữ liệu vị trí "
                      "(điểm ảnh giữ nguyên), rồi commit lại ảnh.")


_MESSAGES = {
    "empty": ("Tệp ảnh `{photo}` rỗng (0 byte).",
              "Chép lại tệp ảnh từ bản gốc (máy ảnh, điện thoại)."),
    "unknown": ("Tệp `{photo}` không phải ảnh JPEG, PNG hay WebP{detail}, dù đuôi tệp là ảnh.",
                "Mở ảnh bằng phần mềm xem ảnh rồi lưu lại (“Lưu thành…”) dưới dạng JPEG; đổi đuôi tệp "
                "không đổi được định dạng. Ảnh HEIC của iPhone: chia sẻ ảnh, chọn “Tuỳ chọn” > “Tương thích nhất”."),
    "mismatch": ("Ảnh `{photo}` thực chất là ảnh {detail}, không đúng với đuôi tệp.",
                 "Đổi tên tệp thành `{stem}{suffix}` và sửa dòng `photo:` theo tên mới."),
    "pixels": ("Ảnh `{photo}` có quá nhiều điểm ảnh{detail}, quá giới hạn {max} triệu điểm ảnh "
               "(có thể là tệp cố ý làm treo máy).",
               "Thu nhỏ ảnh (chiều rộng khoảng 2000 điểm ảnh là đủ) rồi lưu lại."),
    "damaged": ("Không mở được ảnh `{photo}`: tệp bị hỏng hoặc chép chưa hết.",
                "Chép lại ảnh từ bản gốc (máy ảnh, điện thoại), mở thử bằng phần mềm xem ảnh rồi lưu lại."),
}


def describe(result: tuple, shown: str, stem: str) -> tuple[str, str]:
    """The message and hint for what `inspect_bytes` found wrong with the photo `shown`."""
    status, detail = result[0], result[1]
    message, hint = _MESSAGES.get(status, _MESSAGES["damaged"])
    return (message.format(photo=shown, detail=detail, max=MAX_PIXELS // 1_000_000),
            hint.format(stem=stem, suffix=KIND_SUFFIX.get(detail, "")))


def megabytes(size: int) -> str:
    """5_100_000 -> "5,1"; 15_000_000 -> "15" (Vietnamese decimal comma)."""
    text = f"{size / 1e6:.1f}"
    return text.removesuffix(".0").replace(".", ",")


# --- Inspecting a photo, remembered -------------------------------------------------------

_memo: dict[tuple, tuple] = {}


def inspect(path: Path, stat: os.stat_result, expected: str, root: Path, persist: bool = True) -> tuple:
    """(status, detail, width, height, has GPS) of the photo at `path`; status "ok" if it decodes."""
    key = (str(path), expected, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    found = _memo.get(key)
    if found is None:
        found = _memo[key] = _inspect_file(path, expected, root, persist)
    return found


def _inspect_file(path: Path, expected: str, root: Path, persist: bool) -> tuple:
    try:
        data = path.read_bytes()
    except OSError:
        return ("damaged", "", 0, 0, False)
    name = hashlib.sha256(_VERSION + expected.encode() + data).hexdigest()
    stored = root / CACHE_DIR / name[:2] / name
    if persist:
        try:
            found = tuple(json.loads(stored.read_bytes()))
            if len(found) == 5:
                return found
        except (OSError, ValueError, TypeError):
            pass
    found = inspect_bytes(data, expected)
    if persist:
        _store(stored, json.dumps(found).encode())
    return found


def inspect_bytes(data: bytes, expected: str | None) -> tuple:
    try:
        load_photo(data, expected)
    except PhotoError as exc:
        detail = exc.detail
        if exc.status == "unknown":
            detail = f" mà là tệp {detail}" if detail else ""
        elif exc.status == "pixels":
            detail = f" ({exc.width:,}×{exc.height:,})".replace(",", ".") if exc.width and exc.height else ""
        return (exc.status, detail, exc.width, exc.height, False)
    return ("ok", "", 0, 0, photo_metadata.has_location(data))


def _store(path: Path, data: bytes) -> None:
    """Atomically, so that worker processes and concurrent runs never read half a result."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError:  # a read-only checkout validates as well, only not faster next time
        pass


def _missing_hint(photo) -> str:
    """What to write for a photo path that names no file, from how it is written."""
    text = str(photo)
    if "\\" in text:
        fixed = text.replace("\\", "/")
        return (f"Đường dẫn ảnh dùng dấu gạch chéo `/` (không dùng `\\` như trên Windows): viết `photo: {fixed}`; "
                "ảnh đặt trong thư mục exemplars/images/.")
    if text.startswith("exemplars/"):
        return (f"Đường dẫn tính từ thư mục của hồ sơ (exemplars/), không ghi `exemplars/` ở đầu: "
                f"`photo: {text[len('exemplars/'):]}`.")
    return ("Kiểm tra tên tệp ảnh (phân biệt chữ hoa, chữ thường; đuôi .jpg khác .jpeg) và đường dẫn tính từ thư mục "
            "exemplars/, ví dụ `images/ten-anh.jpg`; ảnh phải được thêm vào kho cùng với hồ sơ.")
