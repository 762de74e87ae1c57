"""Hidden data in photo files (EXIF, GPS, XMP, comments, text chunks): find it, strip it losslessly.

Originals are committed to a public repository: the position a phone wrote into a photo is
public as soon as it is pushed. Stripping works on the container (JPEG segments, PNG chunks,
WebP RIFF chunks); the compressed pixels are copied byte for byte, never re-encoded.

Kept: what decoding and showing the pixels needs (JFIF and Adobe headers without thumbnails,
the ICC colour profile, PNG colour and animation chunks) and the orientation, rewritten as an
EXIF block holding nothing else. Everything else goes, including thumbnails (they may show
what was cropped) and data appended after the end of a JPEG (phones append depth maps and
previews that carry their own EXIF).
"""

from __future__ import annotations

import re
import struct
import warnings
import zlib
from dataclasses import dataclass, field

from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ORIENTATION = 0x0112
GPS_IFD = 0x8825
# GPSLatitude, GPSLongitude, GPSDestLatitude, GPSDestLongitude: an IFD with only a version is no position.
GPS_POSITION_TAGS = {0x0002, 0x0004, 0x0014, 0x0016}
_GPS_TEXT = re.compile(rb"GPS(?:Dest)?(?:Latitude|Longitude)|LocationCreated|LocationShown")
_XMP_ORIENTATION = re.compile(rb"tiff:Orientation(?:=\"|>)([1-8])")
# The next marker in entropy-coded data: 0xFF not followed by stuffing (00), a restart (D0-D7) or fill (FF).
_JPEG_MARKER = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
# PNG: critical chunks (upper-case first letter) are always kept; of the others, only these.
_PNG_KEPT = {b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD", b"pHYs", b"hIST",
             b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv", b"cLLi"}
_WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_TEXT_LIMIT = 1 << 20  # compressed text chunks are inflated this far, no further


class Damaged(ValueError):
    """The container cannot be walked: truncated, or not what its first bytes say."""


@dataclass
class Parsed:
    kind: str  # "JPEG", "PNG" or "WEBP"
    kept: list[bytes]  # the file without its metadata, in pieces
    exif: list[bytes] = field(default_factory=list)  # EXIF blocks removed (TIFF data, maybe "Exif\0\0" first)
    text: list[bytes] = field(default_factory=list)  # other blocks removed: XMP, comments, text, trailers
    orientation: int = 1
    insert_at: int = 1  # where in `kept` an orientation block goes


def kind_of(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(PNG_SIGNATURE):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def parse(data: bytes) -> Parsed:
    kind = kind_of(data)
    if kind is None:
        raise Damaged("not a JPEG, PNG or WebP file")
    parsed = {"JPEG": _jpeg, "PNG": _png, "WEBP": _webp}[kind](data)
    parsed.orientation = _orientation(parsed)
    return parsed


def strip(data: bytes) -> bytes:
    """`data` without metadata (see the module's docstring); the same bytes if there is none."""
    parsed = parse(data)
    kept = list(parsed.kept)
    if parsed.orientation != 1:
        kept.insert(parsed.insert_at, _orientation_block(parsed.kind, parsed.orientation))
    if parsed.kind == "WEBP":
        kept = _webp_finish(kept, parsed.orientation != 1)
    result = b"".join(kept)
    return data if result == data else result


def has_location(data: bytes) -> bool:
    """Whether the file's metadata holds a position (EXIF GPS, or GPS fields in XMP or text)."""
    try:
        parsed = parse(data)
        blocks_exif, blocks_text = parsed.exif, parsed.text
    except Damaged:  # still look: a damaged file may hold a readable position
        blocks_exif, blocks_text = [], [data]
    if any(_exif_has_gps(block) for block in blocks_exif):
        return True
    for block in blocks_text:
        if _GPS_TEXT.search(block):
            return True
        if block.startswith(b"Raw profile type"):  # ImageMagick keeps EXIF in a PNG text chunk, hex-encoded
            block = _raw_profile(block)
        # EXIF inside another block: an image appended after a JPEG, a PNG text chunk
        for match in list(re.finditer(rb"Exif\x00\x00", block))[:8]:
            if _exif_has_gps(block[match.start():]):
                return True
    return False


def _raw_profile(block: bytes) -> bytes:
    """The bytes of an ImageMagick "Raw profile type …" text: a name, a length, then hexadecimal digits."""
    lines = block.partition(b"\0")[2].split(b"\n")
    try:
        data = bytes.fromhex(b"".join(lines[3:]).decode("ascii"))
    except ValueError:
        return block
    return data if data.startswith(b"Exif\x00\x00") else b"Exif\x00\x00" + data


def _exif_has_gps(block: bytes) -> bool:
    exif = Image.Exif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's English warnings on damaged EXIF
            exif.load(block)
            return bool(GPS_POSITION_TAGS & set(exif.get_ifd(GPS_IFD)))
    except Exception:  # noqa: BLE001 - malformed EXIF: look for the GPS pointer itself
        return b"\x88\x25\x00\x04" in block or b"\x25\x88\x04\x00" in block


def _orientation(parsed: Parsed) -> int:
    """The orientation Pillow applies (`ImageOps.exif_transpose`): the first EXIF's, else XMP's."""
    if parsed.exif:
        exif = Image.Exif()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exif.load(parsed.exif[0])
                value = exif.get(ORIENTATION)
        except Exception:  # noqa: BLE001 - unreadable EXIF: Pillow applies no orientation either
            value = None
        if value is not None:
            return value if isinstance(value, int) and 1 <= value <= 8 else 1
    for block in parsed.text:
        if b"tiff:Orientation" in block and (match := _XMP_ORIENTATION.search(block)):
            return int(match[1])
    return 1


def _orientation_block(kind: str, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    tiff = exif.tobytes()  # b"Exif\0\0" + TIFF data
    if kind == "JPEG":
        return b"\xff\xe1" + struct.pack(">H", len(tiff) + 2) + tiff
    if kind == "PNG":
        return _png_chunk(b"eXIf", tiff[6:])
    return _riff_chunk(b"EXIF", tiff[6:])


# --- JPEG -------------------------------------------------------------------------------


def _jpeg(data: bytes) -> Parsed:
    parsed = Parsed("JPEG", [b"\xff\xd8"])
    n, pos = len(data), 2
    while True:
        if pos >= n or data[pos] != 0xFF:
            raise Damaged("JPEG ends before its end marker")
        while pos < n and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= n:
            raise Damaged("JPEG ends before its end marker")
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # end of image: anything after it is dropped
            parsed.kept.append(b"\xff\xd9")
            if pos < n:
                parsed.text.append(data[pos:])
            return parsed
        if marker in _JPEG_STANDALONE:
            parsed.kept.append(bytes((0xFF, marker)))
            continue
        if pos + 2 > n:
            raise Damaged("JPEG segment cut short")
        length = int.from_bytes(data[pos:pos + 2], "big")
        if length < 2 or pos + length > n:
            raise Damaged("JPEG segment cut short")
        payload = data[pos + 2:pos + length]
        segment = data[pos - 2:pos + length]
        pos += length
        _jpeg_segment(parsed, marker, payload, segment)
        if marker == 0xDA:  # start of scan: compressed data up to the next marker
            match = _JPEG_MARKER.search(data, pos)
            if match is None:
                raise Damaged("JPEG ends inside its image data")
            parsed.kept.append(data[pos:match.start()])
            pos = match.start()


def _jpeg_segment(parsed: Parsed, marker: int, payload: bytes, segment: bytes) -> None:
    if marker == 0xE0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14:
        # The JFIF header says how to read the pixels; its optional thumbnail goes.
        parsed.kept.append(segment if payload[12:14] == b"\0\0" and len(payload) == 14
                           else b"\xff\xe0\x00\x10" + payload[:12] + b"\0\0")
        if len(parsed.kept) == 2:
            parsed.insert_at = 2  # JFIF must stay the first segment
    elif marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
        parsed.exif.append(payload)
    elif marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00"):
        parsed.kept.append(segment)  # colours: without it a wide-gamut photo looks washed out
    elif marker == 0xEE and payload.startswith(b"Adobe"):
        parsed.kept.append(segment)  # tells the decoder which colour transform was used
    elif 0xE0 <= marker <= 0xEF or marker == 0xFE:  # other application segments, comments
        parsed.text.append(payload)
    else:
        parsed.kept.append(segment)


# --- PNG --------------------------------------------------------------------------------


def _png(data: bytes) -> Parsed:
    parsed = Parsed("PNG", [PNG_SIGNATURE])
    n, pos = len(data), len(PNG_SIGNATURE)
    while pos + 12 <= n:
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > n:
            break
        body = data[pos + 8:pos + 8 + length]
        if ctype[:1].isupper() or ctype in _PNG_KEPT:
            parsed.kept.append(data[pos:end])
        elif ctype == b"eXIf":
            parsed.exif.append(body)
        else:
            parsed.text.append(_png_text(ctype, body))
        pos = end
        if ctype == b"IHDR":
            parsed.insert_at = len(parsed.kept)  # eXIf must come before the image data
        if ctype == b"IEND":
            if pos < n:
                parsed.text.append(data[pos:])
            return parsed
    raise Damaged("PNG ends before its IEND chunk")


def _png_text(ctype: bytes, body: bytes) -> bytes:
    """The chunk's text as it would read, inflated if compressed (bounded: a chunk may be a bomb)."""
    try:
        if ctype == b"zTXt":
            keyword, _, rest = body.partition(b"\0")
            return keyword + b"\0" + _inflate(rest[1:])
        if ctype == b"iTXt":
            keyword, _, rest = body.partition(b"\0")
            if rest[:1] == b"\x01":
                _, _, tail = rest[2:].partition(b"\0")  # language tag
                _, _, text = tail.partition(b"\0")  # translated keyword
                return keyword + b"\0" + _inflate(text)
    except zlib.error:
        pass
    return body


def _inflate(data: bytes) -> bytes:
    return zlib.decompressobj().decompress(data, _TEXT_LIMIT)


def _png_chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


# --- WebP -------------------------------------------------------------------------------


def _webp(data: bytes) -> Parsed:
    parsed = Parsed("WEBP", [b""])  # the RIFF header is written by _webp_finish
    size = int.from_bytes(data[4:8], "little") + 8
    n, pos = min(len(data), size), 12
    if size > len(data):
        raise Damaged("WebP ends before its declared size")
    while pos + 8 <= n:
        fourcc = data[pos:pos + 4]
        length = int.from_bytes(data[pos + 4:pos + 8], "little")
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > n:
            raise Damaged("WebP chunk cut short")
        body = data[pos + 8:pos + 8 + length]
        if fourcc in _WEBP_KEPT:
            parsed.kept.append(data[pos:min(end, n)] + (b"\0" if end > n else b""))
        elif fourcc == b"EXIF":
            parsed.exif.append(body)
        else:
            parsed.text.append(body)
        pos = end
    if len(data) > size:
        parsed.text.append(data[size:])
    parsed.insert_at = len(parsed.kept)  # EXIF comes after the image data
    return parsed


def _webp_finish(kept: list[bytes], with_exif: bool) -> list[bytes]:
    """Set the extended header's EXIF and XMP flags to what is kept; add the RIFF header."""
    chunks = kept[1:]
    for index, chunk in enumerate(chunks):
        if chunk[:4] == b"VP8X" and len(chunk) >= 9:
            flags = (chunk[8] & ~0x0C) | (0x08 if with_exif else 0)
            chunks[index] = chunk[:8] + bytes((flags,)) + chunk[9:]
    body = b"WEBP" + b"".join(chunks)
    return [b"RIFF", struct.pack("<I", len(body)), body]


def _riff_chunk(fourcc: bytes, body: bytes) -> bytes:
    return fourcc + struct.pack("<I", len(body)) + body + (b"\0" if len(body) & 1 else b"")
