"""Share cards (Open Graph / Twitter images, 1200×630 JPEG) and the site's icons.

A link shared on Zalo or Facebook shows the page's `og:image`. A profile with a photo shares
its photo, cropped to the card (`showcase.images`); every other page, and a profile without a
photo, gets a card drawn here: a kicker (the profile's category...), the page's title and the
site's name. The text is drawn with Source Sans Pro, shipped by the `font-source-sans-pro`
package (SIL Open Font License, full Vietnamese coverage), so that a fresh machine draws the
same card as a developer's, whatever fonts the system has.

Cards, like photos, are cached by content under `.site-cache/images`: a rebuild only hashes
the text and checks that the file is there. The background (colours, logo, site name) is
drawn once per build; a card costs its title and one JPEG encoding.

The icons (favicon, apple-touch-icon, header logo) are all made from one square PNG,
`LOGO_SOURCE`: an agency replaces that one file.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import font_source_sans_pro
from PIL import Image, ImageDraw, ImageFont

from .generated import GeneratedPage
from .files import write_atomically
from .images import CACHE_DIR, CachedFile
from .urls import absolute

WIDTH, HEIGHT = 1200, 630
JPEG_QUALITY = 85
FOLDER = "anh/the"  # where cards are published
LOGO_SOURCE = Path("overrides") / "assets" / "images" / "logo.png"  # relative to the repository root
# Where the icons made from it are published: mkdocs.yml's theme.logo and theme.favicon name LOGO_48.
LOGO_48 = "assets/images/logo-48.png"
APPLE_TOUCH = "apple-touch-icon.png"  # iOS also asks for it at the root
FAVICON_ICO = "favicon.ico"
SITE_NAME = "Điển hình tiên tiến"  # mkdocs.yml's site_name; set by the adapter at each build
SITE_DESCRIPTION = ""  # mkdocs.yml's site_description: the home page's card; set by the adapter

_FONTS = Path(font_source_sans_pro.font_directory)
BOLD, SEMIBOLD = _FONTS / "SourceSansPro-Bold.ttf", _FONTS / "SourceSansPro-Semibold.ttf"
# Colours of the site's light palette (overrides/assets/stylesheets/showcase.css).
PAPER, INK, RED, DARK_RED = "#fbf7f2", "#1f1f1f", "#a3221c", "#7d1712"
MARGIN, TITLE_TOP, FOOTER_TOP = 84, 150, 500
KICKER_STEP = 62  # the kicker line above the title
TITLE_SIZES = (76, 68, 60, 54, 48)  # the largest that fits in MAX_LINES
MAX_LINES = 4
# Part of every cache key: change it whenever the drawing changes.
RECIPE = f"card v3 {WIDTH}x{HEIGHT} q{JPEG_QUALITY} 420 font{BOLD.stat().st_size}"
_PAGER = re.compile(r" \(trang \d+/\d+\)$")  # showcase.site._paged_title: every page of a listing shares a card


@dataclass(frozen=True)
class Card:
    src_uri: str
    path: Path
    alt: str

    def file(self) -> CachedFile:
        return CachedFile(self.src_uri, b"", path=self.path)

    def meta(self, site_url: str) -> dict:
        """The page meta that overrides/main.html prints as og:image and twitter:image."""
        return {"image": absolute(site_url, self.src_uri), "image_alt": self.alt,
                "image_width": WIDTH, "image_height": HEIGHT}


def _cache_path(root: Path, title: str, kicker: str) -> tuple[str, str, Path]:
    title = _PAGER.sub("", title.strip()) or SITE_NAME
    digest = hashlib.sha256("\x00".join((RECIPE, _logo_digest(root), SITE_NAME, kicker, title)).encode()).hexdigest()[:32]
    return title, digest, root / CACHE_DIR / f"card-{digest}.jpg"


# Drawing a card takes about 4 ms of CPU (text and JPEG): 40 s for 10,000 profiles without a
# photo on a first build. The missing ones are drawn first on every core; below this many, the
# workers would cost more than they save.
PARALLEL_FROM = 200


def prepare(root: Path, cards: Iterable[tuple[str, str]]) -> int:
    """Draw the missing cards of (title, kicker) pairs ahead, on every core; returns how many."""
    missing = {}
    for title, kicker in cards:
        title, _, path = _cache_path(root, title, kicker)
        if path not in missing and not path.is_file():
            missing[path] = (title, kicker)
    if len(missing) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return 0  # card() draws them one by one
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    (root / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    jobs = [(path, title, kicker, SITE_NAME, root) for path, (title, kicker) in missing.items()]
    # "fork" only where no other thread runs (mkdocs serve has several): "spawn" there.
    method = "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"
    with ProcessPoolExecutor(os.cpu_count(), mp_context=multiprocessing.get_context(method)) as pool:
        list(pool.map(_draw_to, jobs, chunksize=64))
    return len(jobs)


def _draw_to(job: tuple) -> None:
    path, title, kicker, site_name, root = job
    data = draw(title, kicker, site_name, root, _logo_digest(root))
    write_atomically(path, data)


def card(root: Path, title: str, kicker: str = "", name: str = "") -> Card:
    """The card of a page titled `title` (a listing's later pages share the first page's).
    `name` (a profile's slug) makes the published file name readable."""
    title, digest, path = _cache_path(root, title, kicker)
    logo = _logo_digest(root)
    cache = root / CACHE_DIR
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        data = draw(title, kicker, SITE_NAME, root, logo)
        write_atomically(path, data)
    stem = (name or "trang")[:60]
    alt = f"{kicker}: {title}" if kicker else title
    return Card(f"{FOLDER}/{stem}-{digest[:8]}.jpg", path, f"{alt} ({SITE_NAME})" if title != SITE_NAME else alt)


def draw(title: str, kicker: str, site_name: str, root: Path, logo: str) -> bytes:
    """The card's JPEG; `logo`: the digest of the logo under `root` ('' for none)."""
    size, lines = _fit(title)
    font = _font(BOLD, size)
    step = round(size * 1.18)
    # The kicker and the title, centred in the space above the footer.
    height = (KICKER_STEP if kicker else 0) + step * len(lines)
    y = max(TITLE_TOP - KICKER_STEP, (TITLE_TOP - KICKER_STEP + FOOTER_TOP - height) // 2)
    image = _with_kicker(site_name, root, logo, kicker, y).copy()
    if kicker:
        y += KICKER_STEP
    for line in lines:
        _line(image, (MARGIN, y), line, font, INK)
        y += step
    out = io.BytesIO()
    # No metadata: Pillow writes only the JFIF header. Half-resolution colour (4:2:0) encodes in
    # half the time of 4:4:4; the red kicker stays legible.
    image.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=2)
    return out.getvalue()


@lru_cache(maxsize=64)
def _with_kicker(site_name: str, root: Path, logo: str, kicker: str, y: int) -> Image.Image:
    """The background with a kicker (a category) at height `y`: a few of them make every card."""
    image = _background(site_name, root, logo)
    if kicker:
        image = image.copy()
        _line(image, (MARGIN, y), kicker.upper(), _font(SEMIBOLD, 32), RED)
    return image


def _line(image: Image.Image, xy: tuple[int, int], text: str, font: ImageFont.FreeTypeFont, colour: str) -> None:
    """`ImageDraw.text` for one line, pasted word by word from `_word`: a site's names share
    their words (Nguyễn, Văn, Thị...), each drawn once. Words start at whole pixels."""
    x, y = xy
    space = font.getlength(" ")
    for word in text.split(" "):
        if word:
            mask, left, top = _word(font, word)
            image.paste(colour, (round(x) + left, y + top), mask)
        x += _length(font, word) + space


@lru_cache(maxsize=8192)
def _word(font: ImageFont.FreeTypeFont, word: str) -> tuple[Image.Image, int, int]:
    """A word's coverage mask, and where it goes from the pen position (the font's bounding box)."""
    left, top, right, bottom = font.getbbox(word)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(mask).text((-left, -top), word, font=font, fill=255)
    return mask, left, top


@lru_cache(maxsize=8192)
def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    return font.getlength(text)


def _fit(title: str) -> tuple[int, list[str]]:
    width = WIDTH - 2 * MARGIN
    room = FOOTER_TOP - TITLE_TOP - 20
    for size in TITLE_SIZES:
        lines = _wrap(title, _font(BOLD, size), width)
        if len(lines) <= MAX_LINES and len(lines) * size * 1.18 <= room:
            return size, lines
    size = TITLE_SIZES[-1]
    font = _font(BOLD, size)
    lines = _wrap(title, font, width)
    kept = min(len(lines), MAX_LINES, int(room // (size * 1.18)))
    last = lines[kept - 1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    return size, lines[:kept - 1] + [last.rstrip(" ,;:") + "…"]


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
        while font.getlength(line) > width and len(line) > 1:  # one word wider than the card
            cut = len(line) - 1
            while cut > 1 and font.getlength(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines or [""]


@lru_cache(maxsize=32)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@lru_cache(maxsize=4)
def _background(site_name: str, root: Path, digest: str) -> Image.Image:
    """What every card of a build shares: paper, a red band, the logo and the site's name."""
    logo = _square(root / LOGO_SOURCE, 72) if digest else None
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    ink = ImageDraw.Draw(image)
    ink.rectangle((0, 0, 23, HEIGHT), fill=RED)
    ink.rectangle((MARGIN, FOOTER_TOP + 14, WIDTH - MARGIN, FOOTER_TOP + 16), fill="#e4d9cf")
    x = MARGIN
    if logo is not None:
        image.paste(logo, (x, FOOTER_TOP + 40), logo)
        x += logo.width + 24
    name = site_name
    font = _font(SEMIBOLD, 38)
    while font.getlength(name) > WIDTH - MARGIN - x and len(name) > 1:
        name = name[:-2].rstrip() + "…"
    ink.text((x, FOOTER_TOP + 48), name, font=font, fill=DARK_RED)
    return image


@lru_cache(maxsize=4)
def _logo_digest(root: Path) -> str:
    """The logo's content hash ('' without a logo); read once per build and process."""
    try:
        return hashlib.sha256((root / LOGO_SOURCE).read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def _square(source: Path, size: int) -> Image.Image:
    """The logo, fitted into a transparent square of `size` pixels."""
    with Image.open(source) as original:
        logo = original.convert("RGBA")
    logo.thumbnail((size, size), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    square.paste(logo, ((size - logo.width) // 2, (size - logo.height) // 2), logo)
    return square


def escaped_meta(card: Card, site_url: str) -> dict:
    """`Card.meta` for a page whose meta the theme prints as it is (a page of docs/)."""
    return {key: html.escape(str(value)) for key, value in card.meta(site_url).items()}


def remove(site_dir: Path, stale: set[str]) -> None:
    """Cards a previous build published that this one does not (a preview writes over the
    previous site: a withdrawn profile's card would stay)."""
    for uri in stale:
        (site_dir / uri).unlink(missing_ok=True)


# --- The site's icons -----------------------------------------------------------------------


def icon_files(showcase, site_url: str):
    """Generator for the site: favicon.ico, apple-touch-icon.png and the header logo, made from
    LOGO_SOURCE and cached by its content. Without that file, the theme's own icons stay."""
    root = showcase.root
    digest = _logo_digest(root)
    if not digest:
        return
    cache = root / CACHE_DIR
    outputs = {LOGO_48: f"logo-{digest}-48.png", APPLE_TOUCH: f"logo-{digest}-180.png",
               FAVICON_ICO: f"logo-{digest}.ico"}
    paths = {uri: cache / name for uri, name in outputs.items()}
    if not all(p.is_file() for p in paths.values()):
        cache.mkdir(parents=True, exist_ok=True)
        source = root / LOGO_SOURCE
        logo48 = _square(source, 48)
        write_atomically(paths[LOGO_48], lambda s: logo48.save(s, "PNG", optimize=True))
        # iOS draws a transparent icon on black: put it on white, with a margin, as Apple asks.
        touch = Image.new("RGB", (180, 180), "white")
        inner = _square(source, 152)
        touch.paste(inner, (14, 14), inner)
        write_atomically(paths[APPLE_TOUCH], lambda s: touch.save(s, "PNG", optimize=True))
        big = _square(source, 64)
        write_atomically(paths[FAVICON_ICO], lambda s: big.save(s, "ICO", sizes=[(16, 16), (32, 32), (48, 48)]))
    for uri, path in paths.items():
        yield CachedFile(uri, b"", path=path)


# --- Every page gets a card -----------------------------------------------------------------


def with_cards(generated: Iterable, root: Path, site_url: str) -> Iterator:
    """A generator's output, each page without an image given the card of its title (the card's
    file first: pages that share a card yield it each, the adapter publishes it once). The home
    page's card reads the site's description."""
    for item in generated:
        if isinstance(item, GeneratedPage) and not item.meta.get("image"):
            title = item.meta.get("title") or SITE_DESCRIPTION or SITE_NAME
            made = card(root, str(title))
            yield made.file()
            item.meta.update(made.meta(site_url))
        yield item
