"""Photos: DH403 (a file that does not decode, or is too big), DH407 (GPS position in a committed
original), DH012 (a photo that is a symlink), `scripts/fix.py`, and what the build publishes.

Each failing fixture is named by its rule code; the passing near misses are real photos of
each accepted format, with the metadata that is allowed (orientation, colour profile).
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageOps
from PIL.PngImagePlugin import PngInfo

from conftest import build, make_site_tree
from repo_fixture import ROOT, Repo, line_of
from showcase import images, photo_metadata
from showcase.fix import main as fix_main
from showcase.problems import ProblemError
from showcase.rules import photos
from showcase.rules.catalog import CODES

A = "exemplars/nguyen-van-a.md"
OLD = "photo: images/nguyen-van-a.png"
SECRET_XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
              b' exif:GPSLatitude="20,15.0N" exif:GPSLongitude="105,58.0E" dc:creator="SECRET-XMP"/>'
              b'</rdf:RDF></x:xmpmeta>')
SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


# --- Making photos ----------------------------------------------------------------------


def picture(size=(320, 200), mode="RGB") -> Image.Image:
    image = Image.linear_gradient("L").resize(size).convert(mode)
    image.paste(Image.new(mode, (size[0] // 4, size[1] // 4), "red" if mode != "L" else 90), (8, 8))
    return image  # not symmetric: a lost orientation shows


def exif(gps: bool = True, orientation: int | None = None) -> Image.Exif:
    data = Image.Exif()
    data[0x013B] = "SECRET-EXIF artist"
    if orientation:
        data[0x0112] = orientation
    if gps:
        data.get_ifd(0x8825).update({1: "N", 2: (20.0, 15.0, 0.0), 3: "E", 4: (105.0, 58.0, 0.0)})
    return data


def encode(fmt: str, image: Image.Image | None = None, **options) -> bytes:
    out = io.BytesIO()
    (image or picture()).save(out, fmt, **options)
    return out.getvalue()


def jpeg_with_everything(gps: bool = True, orientation: int | None = 6) -> bytes:
    """EXIF (+GPS), XMP, ICC and a comment: what a phone and an editing program leave in a photo."""
    return encode("JPEG", exif=exif(gps, orientation), xmp=SECRET_XMP if gps else SECRET_XMP.replace(b"GPS", b"Geo"),
                  icc_profile=SRGB_ICC, comment=b"SECRET-COMMENT")


def png_with_everything(gps: bool = True) -> bytes:
    info = PngInfo()
    info.add_text("Comment", "SECRET-COMMENT")
    info.add_itxt("XML:com.adobe.xmp", SECRET_XMP.decode(), zip=True)  # compressed: must be read inflated
    return encode("PNG", exif=exif(gps, 3), icc_profile=SRGB_ICC, pnginfo=info)


def webp_with_everything(gps: bool = True) -> bytes:
    return encode("WEBP", exif=exif(gps, 8), icc_profile=SRGB_ICC, xmp=SECRET_XMP, quality=90)


def _chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG declaring width×height grey pixels, with the start of their (all-zero) data: ~30 KB."""
    data = zlib.compress(bytes(30_000_000), 9)
    return (photo_metadata.PNG_SIGNATURE + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))


def gif() -> bytes:
    return encode("GIF")


def pixels(data: bytes) -> tuple[bytes, bytes]:
    """Decoded pixels, as stored and as shown (turned upright)."""
    with Image.open(io.BytesIO(data)) as image:
        return image.tobytes(), ImageOps.exif_transpose(image).tobytes()


def with_photo(tmp_path: Path, name: str, data: bytes) -> Repo:
    repo = Repo(tmp_path)
    repo.write(f"exemplars/images/{name}", data)
    repo.replace(A, OLD, f"photo: images/{name}")
    return repo


def photo_problems(repo: Repo) -> list:
    return [p for p in repo.validate().problems if p.path == A]


# --- DH403: what does not decode is refused, in Vietnamese ------------------------------

HALF_JPEG = encode("JPEG", Image.effect_noise((400, 300), 60).convert("RGB"))
BAD_PHOTOS = [
    ("svg-saved-as-jpg", "anh.jpg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
     "SVG"),
    ("gif-renamed-png", "anh.png", gif(), "GIF"),
    ("html-renamed-webp", "anh.webp", b"<!DOCTYPE html><html><meta http-equiv=refresh content=0></html>", "HTML"),
    ("heic-renamed-jpg", "anh.jpg", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200), "HEIC"),
    ("png-decompression-bomb", "anh.png", png_bomb(), "30.000×30.000"),
    ("over-the-pixel-limit", "anh.png", png_bomb(9_000, 8_000), "9.000×8.000"),
    ("truncated-jpeg", "anh.jpg", HALF_JPEG[: len(HALF_JPEG) // 2], "bị hỏng"),
    ("truncated-png", "anh.png", encode("PNG", Image.effect_noise((300, 200), 60))[:-600], "bị hỏng"),
    ("truncated-webp", "anh.webp", encode("WEBP", Image.effect_noise((300, 200), 60).convert("RGB"))[:-300], "bị hỏng"),
    ("zero-bytes", "anh.jpg", b"", "rỗng"),
    ("png-named-jpg", "anh.jpg", encode("PNG"), "thực chất là ảnh PNG"),
    ("text-file", "anh.jpeg", "Ảnh sẽ gửi sau.".encode(), "không phải ảnh JPEG, PNG hay WebP"),
]


@pytest.mark.parametrize("name, data, needle", [case[1:] for case in BAD_PHOTOS], ids=[c[0] for c in BAD_PHOTOS])
def test_dh403_photo_that_does_not_decode(tmp_path, name, data, needle):
    repo = with_photo(tmp_path, name, data)
    result = repo.validate()
    hits = [p for p in result.problems if p.path == A]
    assert [p.code for p in hits] == ["DH403"], hits
    assert hits[0].line == line_of(repo.read(A), f"photo: images/{name}")
    assert needle in hits[0].message and f"images/{name}" in hits[0].message and hits[0].hint
    assert "nguyen-van-a" not in result.showcase.exemplars


def test_dh403_hint_gives_the_right_name_for_a_png_named_jpg(tmp_path):
    (hit,) = photo_problems(with_photo(tmp_path, "tran-thi-b.jpg", encode("PNG")))
    assert "`tran-thi-b.png`" in hit.hint


def test_dh403_size_message_keeps_the_file_name_and_uses_a_decimal_comma(tmp_path):
    repo = with_photo(tmp_path, "tran-thi-b.jpg", encode("JPEG", Image.effect_noise((500, 500), 80).convert("RGB")))
    repo.replace("criteria.yml", "photo_max_bytes:", "photo_max_bytes: 100000  #")
    size = repo.file("exemplars/images/tran-thi-b.jpg").stat().st_size
    (hit,) = photo_problems(repo)
    assert hit.code == "DH403" and "`images/tran-thi-b.jpg`" in hit.message
    assert f"nặng {size / 1e6:.1f}".replace(".", ",") + " MB, quá 0,1 MB" in hit.message


def test_dh403_near_miss_a_phone_photo_of_8_mb_is_accepted(tmp_path):
    phone = encode("JPEG", Image.effect_noise((3600, 2700), 70).convert("RGB"), quality=95)
    assert len(phone) > 8_000_000
    assert photo_problems(with_photo(tmp_path, "dien-thoai.jpg", phone)) == []


def test_megabytes_are_written_the_vietnamese_way():
    assert photos.megabytes(15_000_000) == "15" and photos.megabytes(5_150_000) == "5,2"


# --- Passing near misses: real photos with allowed metadata -----------------------------

GOOD_PHOTOS = [
    ("jpeg-orientation-only", "anh.jpg", lambda: encode("JPEG", exif=exif(gps=False, orientation=6))),
    ("jpeg-icc-and-comment", "anh.jpeg", lambda: jpeg_with_everything(gps=False)),
    ("jpeg-gps-ifd-without-position", "anh.jpg", lambda: encode("JPEG", exif=_gps_version_only())),
    ("jpeg-cmyk", "anh.jpg", lambda: encode("JPEG", picture(mode="CMYK"))),
    ("jpeg-grey", "anh.JPG", lambda: encode("JPEG", picture(mode="L"))),
    ("png", "anh.png", lambda: encode("PNG")),
    ("png-palette-transparent", "anh.png", lambda: encode("PNG", picture().convert("P"), transparency=0)),
    ("png-16-bit-grey", "anh.png", lambda: encode("PNG", picture(mode="I;16"))),
    ("png-rgba", "anh.png", lambda: encode("PNG", picture(mode="RGBA"))),
    ("webp", "anh.webp", lambda: encode("WEBP")),
    ("webp-lossless-alpha", "anh.webp", lambda: encode("WEBP", picture(mode="RGBA"), lossless=True)),
]


def _gps_version_only() -> Image.Exif:
    data = Image.Exif()
    data.get_ifd(0x8825)[0] = b"\x02\x02\x00\x00"  # some phones write the GPS block with location off
    return data


@pytest.mark.parametrize("name, make", [c[1:] for c in GOOD_PHOTOS], ids=[c[0] for c in GOOD_PHOTOS])
def test_dh403_dh407_near_miss_real_photos_pass_and_build(tmp_path, name, make):
    data = make()
    assert photo_problems(with_photo(tmp_path / "repo", name, data)) == []
    published = photos.load_photo(data)  # what the build decodes
    assert published.mode == "RGB" and not published.info


# --- DH407: a position in a committed original; scripts/fix.py removes it -------------

GPS_PHOTOS = [("jpeg", "anh.jpg", jpeg_with_everything), ("png", "anh.png", png_with_everything),
              ("webp", "anh.webp", webp_with_everything)]


@pytest.mark.parametrize("name, make", [c[1:] for c in GPS_PHOTOS], ids=[c[0] for c in GPS_PHOTOS])
def test_dh407_gps_in_the_original_then_fixed_losslessly(tmp_path, name, make, capsys):
    data = make()
    repo = with_photo(tmp_path, name, data)
    (hit,) = photo_problems(repo)
    assert hit.code == "DH407" and CODES["DH407"].severity == "error"
    assert hit.line == line_of(repo.read(A), f"photo: images/{name}")
    assert f"scripts/fix.py {A}" in hit.hint
    assert fix_main([str(repo.file(A)), "--root", str(repo.path)]) == 0
    assert "toạ độ GPS" in capsys.readouterr().out
    fixed = repo.file(f"exemplars/images/{name}").read_bytes()
    assert pixels(fixed) == pixels(data)  # the same pixels, the same way up
    for secret in (b"SECRET", b"GPS", b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x02"):
        assert secret not in fixed
    with Image.open(io.BytesIO(fixed)) as image:
        assert dict(image.getexif()) == {0x0112: image.getexif()[0x0112]} and image.info.get("icc_profile") == SRGB_ICC
    assert photo_problems(repo) == []
    assert fix_main(["--root", str(repo.path)]) == 0  # nothing left: the file is not rewritten
    assert repo.file(f"exemplars/images/{name}").read_bytes() == fixed


def test_dh407_position_only_in_xmp_or_in_an_appended_image(tmp_path):
    xmp_only = encode("JPEG", xmp=SECRET_XMP)
    assert [p.code for p in photo_problems(with_photo(tmp_path / "a", "anh.jpg", xmp_only))] == ["DH407"]
    # Phones append previews and depth maps after the end of the main image, with their own EXIF.
    appended = encode("JPEG") + encode("JPEG", exif=exif(gps=True))
    assert [p.code for p in photo_problems(with_photo(tmp_path / "b", "anh.jpg", appended))] == ["DH407"]
    assert not photo_metadata.has_location(photo_metadata.strip(appended))
    # ImageMagick keeps EXIF in a PNG text chunk, hex-encoded.
    raw = exif(gps=True).tobytes()[6:]
    info = PngInfo()
    info.add_text("Raw profile type exif", f"\nexif\n{len(raw):8d}\n{raw.hex()}\n", zip=True)
    magick = encode("PNG", pnginfo=info)
    assert [p.code for p in photo_problems(with_photo(tmp_path / "c", "anh.png", magick))] == ["DH407"]


def test_fix_script_exit_codes_and_messages(tmp_path):
    repo = with_photo(tmp_path, "anh.jpg", jpeg_with_everything())
    repo.write("exemplars/images/hong.jpg", HALF_JPEG[:100])
    script = [sys.executable, str(ROOT / "scripts" / "fix.py"), "--root", str(repo.path)]
    check = subprocess.run([*script, "--check", "exemplars/images/anh.jpg"], cwd=repo.path, capture_output=True, text=True)
    assert check.returncode == 1 and "còn toạ độ GPS" in check.stdout
    assert repo.file("exemplars/images/anh.jpg").read_bytes() == jpeg_with_everything()  # --check changes nothing
    damaged = subprocess.run([*script, "exemplars/images/hong.jpg"], cwd=repo.path, capture_output=True, text=True)
    assert damaged.returncode == 1 and "không sửa được" in damaged.stdout and "Traceback" not in damaged.stderr
    usage = subprocess.run([*script, "khong-co.jpg"], cwd=repo.path, capture_output=True, text=True)
    assert usage.returncode == 2 and "Lỗi cách dùng: không có tệp khong-co.jpg" in usage.stderr
    fixed = subprocess.run([*script, "exemplars/images/anh.jpg"], cwd=repo.path, capture_output=True, text=True)
    assert fixed.returncode == 0 and "đã xoá" in fixed.stdout
    assert photo_problems(repo) == []


def test_fix_refuses_to_write_through_a_symlink(tmp_path, capsys):
    repo = Repo(tmp_path)
    outside = tmp_path / "ngoai.jpg"
    outside.write_bytes(jpeg_with_everything())
    (repo.file("exemplars/images/lien-ket.jpg")).symlink_to(outside)
    assert fix_main(["--root", str(repo.path)]) == 1
    assert "liên kết tượng trưng" in capsys.readouterr().out
    assert outside.read_bytes() == jpeg_with_everything()


def test_pre_commit_cleans_staged_photos_before_validating():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    ids = [hook["id"] for hook in hooks]
    fix = hooks[0]
    assert fix["entry"].endswith("scripts/fix.py") and ids.index(fix["id"]) < ids.index("kiem-tra-ho-so")
    import re

    assert re.search(fix["files"], "exemplars/images/anh.JPG") and not re.search(fix["files"], "exemplars/a.md")


# --- DH012: a photo that is a symlink ---------------------------------------------------


def test_dh012_photo_is_a_symlink_even_inside_exemplars(tmp_path):
    repo = Repo(tmp_path)
    repo.file("exemplars/images/lien-ket.png").symlink_to(repo.file("exemplars/images/nguyen-van-a.png"))
    repo.replace(A, OLD, "photo: images/lien-ket.png")
    assert [p.code for p in photo_problems(repo)] == ["DH012"]


def test_dh012_photo_in_a_symlinked_folder(tmp_path):
    repo = Repo(tmp_path)
    (repo.file("exemplars/anh")).symlink_to(repo.file("exemplars/images"), target_is_directory=True)
    repo.replace(A, OLD, "photo: anh/nguyen-van-a.png")
    assert [p.code for p in photo_problems(repo)] == ["DH012"]


@pytest.mark.parametrize("value", ["../../../../etc/passwd", "/etc/hostname", "images/\0.png", "C:/anh.png",
                                   "images/" + "a" * 300 + ".png", "images", ".",
                                   "data:image/png;base64,iVBORw0KGgo=", "https://example.com/a.jpg"])
def test_dh401_dh402_odd_photo_paths_are_reported_never_raised(tmp_path, value):
    repo = Repo(tmp_path)
    repo.replace(A, OLD, f"photo: {value!r}".replace("'", '"').replace("\0", "\\0"))
    codes = {p.code for p in photo_problems(repo)} - {"DH110"}  # DH110: the NUL character itself
    assert codes in ({"DH401"}, {"DH402"}), codes


# --- Never a traceback: damaged bytes of every kind -------------------------------------

SAMPLES = [jpeg_with_everything(), png_with_everything(), webp_with_everything(), encode("JPEG", progressive=True)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLES), st.data())
def test_damaged_bytes_are_reported_never_raised(sample, data):
    cut = data.draw(st.integers(0, len(sample)))
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(sample) - 1), st.integers(0, 255)), max_size=4))
    damaged = bytearray(sample[:cut] if data.draw(st.booleans()) else sample)
    for index, value in flips:
        if index < len(damaged):
            damaged[index] = value
    damaged = bytes(damaged)
    for expected in ("JPEG", "PNG", "WEBP"):
        status, *_ = photos.inspect_bytes(damaged, expected)
        assert status in ("ok", "empty", "unknown", "mismatch", "pixels", "damaged")
    photo_metadata.has_location(damaged)
    try:
        cleaned = photo_metadata.strip(damaged)
    except photo_metadata.Damaged:
        return
    if photos.inspect_bytes(damaged, None)[0] == "ok" and photos.inspect_bytes(cleaned, None)[0] == "ok":
        assert not photo_metadata.has_location(cleaned)


# --- The cost: a photo is decoded once, then remembered ---------------------------------


def test_photo_results_are_remembered_on_disk_by_content(tmp_path, monkeypatch):
    repo = with_photo(tmp_path, "anh.jpg", jpeg_with_everything())
    assert [p.code for p in photo_problems(repo)] == ["DH407"]
    photos._memo.clear()  # a new process: only the disk cache is left
    monkeypatch.setattr(photos, "load_photo", lambda *a: pytest.fail("decoded again"))
    assert [p.code for p in photo_problems(repo)] == ["DH407"]
    monkeypatch.undo()
    repo.write("exemplars/images/anh.jpg", encode("JPEG"))  # new bytes: decoded again
    assert photo_problems(repo) == []
    photos._memo.clear()
    assert [p.code for p in load_without_cache(repo)] == []


def load_without_cache(repo: Repo) -> list:
    from showcase.repository import load_showcase

    return [p for p in load_showcase(repo.path, cache=False).problems if p.path == A]


# --- What the build publishes -----------------------------------------------------------


def _renditions(tmp_path: Path, data: bytes, name: str = "anh.jpg") -> images.Photo:
    original = tmp_path / name
    original.write_bytes(data)
    exemplar = SimpleNamespace(photo=original, slug="anh", photo_alt="Ảnh", source="exemplars/anh.md")
    return images.photo_of(exemplar, tmp_path)


def assert_no_metadata(published: bytes) -> None:
    for secret in (b"SECRET", b"GPS", b"Exif", b"xmpmeta", b"ICC_PROFILE", b"ICCP", b"XMP "):
        assert secret not in published, secret
    parsed = photo_metadata.parse(published)
    assert parsed.exif == [] and parsed.text == [] and parsed.orientation == 1
    with Image.open(io.BytesIO(published)) as image:
        assert not image.getexif() and "icc_profile" not in image.info and "comment" not in image.info


@pytest.mark.parametrize("make", [jpeg_with_everything, png_with_everything, webp_with_everything])
def test_renditions_carry_no_metadata_at_all(tmp_path, make):
    data = make()
    photo = _renditions(tmp_path, data, "anh." + {"J": "jpg", "P": "png", "W": "webp"}[make.__name__[0].upper()])
    upright = photos.load_photo(data)
    for rendition in (photo.small, photo.large, photo.share):
        assert_no_metadata(rendition.path.read_bytes())
    for rendition in (photo.small, photo.large):
        assert (rendition.width > rendition.height) == (upright.width > upright.height)  # orientation applied
    assert (photo.share.width, photo.share.height) == images.SHARE_SIZE  # the share card is cut to its own size


def test_build_reports_a_photo_it_cannot_decode_in_vietnamese(tmp_path):
    """Validation saw another version of the file (or was skipped): the build still never raises."""
    with pytest.raises(ProblemError) as caught:
        _renditions(tmp_path, HALF_JPEG[:2000])
    assert caught.value.problem.code == "DH403" and caught.value.problem.path == "exemplars/anh.md"
    assert "bị hỏng" in caught.value.problem.message
    with pytest.raises(ProblemError):
        _renditions(tmp_path, png_bomb(), "bom.png")


def test_published_site_holds_no_hidden_photo_data(built_site, site_root):
    """Privacy page: “các thông tin ẩn trong tệp ảnh gốc (như vị trí chụp) bị loại bỏ”. The fixture's
    photo has EXIF, XMP, an ICC profile and a JPEG comment, each marked SECRET."""
    original = (site_root / "exemplars" / "images" / "nguyen-thi-lan.jpg").read_bytes()
    assert all(marker in original for marker in (b"SECRET-EXIF", b"SECRET-XMP", b"SECRET-COMMENT", b"ICC_PROFILE"))
    published = [p for p in (built_site / "anh").iterdir() if p.name.startswith("nguyen-thi-lan-")]
    assert {p.suffix for p in published} == {".jpg", ".webp"}
    for path in published:
        assert_no_metadata(path.read_bytes())


def test_build_with_an_undecodable_photo_fails_in_vietnamese(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    for path in (root / "exemplars").glob("truong-tieu-hoc-so-*.md"):
        path.unlink()  # a small site: only the photo matters here
    (root / "exemplars" / "images" / "nguyen-thi-lan.jpg").write_bytes(HALF_JPEG[:3000])
    result = build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "DH403" in output and "nguyen-thi-lan.jpg" in output and "bị hỏng" in output
    assert "Traceback" not in output and not (root / "site").exists()


def test_a_very_tall_photo_is_published_within_webp_limits(tmp_path):
    photo = _renditions(tmp_path, encode("PNG", picture((60, 20_000), "L")), "cao.png")
    assert photos.inspect_bytes(photo.small.path.read_bytes(), None)[0] == "ok"
    assert max(r.height for r in (photo.small, photo.large, photo.share)) <= images.MAX_HEIGHT
