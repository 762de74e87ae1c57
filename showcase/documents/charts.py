"""Bar charts as PNG images for the Word report, drawn with Pillow (no plotting library).

The same figures as the SVG charts of the statistics page (`showcase.stats_pages`), drawn
as horizontal bars, largest on top. Vietnamese labels need a font with the Vietnamese
letters: the first of a few common system fonts that exists is used; without one, the
report simply has no chart images (its tables carry the same figures).
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .layout import clean

FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
WIDTH = 1600
ROW = 72
LABEL_WIDTH = 760
MAX_BARS = 15
BAR = (30, 136, 229)
TEXT = (33, 33, 33)
GRID = (210, 210, 210)


@lru_cache(maxsize=1)
def _font_path() -> str | None:
    return next((path for path in FONTS if Path(path).is_file()), None)


def bar_chart(title: str, bars: list[tuple[str, int]]) -> bytes | None:
    """A PNG of `bars` (label, count), or None without a usable font or without any count."""
    bars = [(label, n) for label, n in bars if n > 0][:MAX_BARS]
    path = _font_path()
    if not bars or path is None:
        return None
    return _draw(title, tuple(bars), path)


@lru_cache(maxsize=64)
def _draw(title: str, bars: tuple[tuple[str, int], ...], font_path: str) -> bytes:
    font = ImageFont.truetype(font_path, 36)
    bold = ImageFont.truetype(font_path, 38)
    top = 84
    height = top + ROW * len(bars) + 30
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 18), clean(title), font=bold, fill=TEXT)
    most = max(n for _, n in bars)
    span = WIDTH - LABEL_WIDTH - 120
    for index, (label, count) in enumerate(bars):
        y = top + index * ROW
        text = _fit(draw, clean(label), font, LABEL_WIDTH - 40)
        draw.text((LABEL_WIDTH - 20, y + ROW / 2), text, font=font, fill=TEXT, anchor="rm")
        length = max(4, round(span * count / most))
        draw.rectangle((LABEL_WIDTH, y + 10, LABEL_WIDTH + length, y + ROW - 10), fill=BAR)
        draw.text((LABEL_WIDTH + length + 12, y + ROW / 2), str(count), font=font, fill=TEXT, anchor="lm")
    draw.line((LABEL_WIDTH, top, LABEL_WIDTH, top + ROW * len(bars)), fill=GRID, width=2)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _fit(draw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip(" ,") + "…"
