"""Vietnamese search with Pagefind: what each page tells the index, and the index build.

Pagefind folds tone marks ("dien" finds "điển" once "đ" is dealt with) but not "đ", which
is a letter of its own: every word with "đ" gets a folded twin in a hidden, low-weight
block, so "duc" finds "Đức" while "đức" still matches the page's own word first.
Exact matches are put first in the browser (see overrides/assets/javascripts/tra-cuu.js),
comparing words with their tone mark moved to the end, so "hoà" and "hòa" are the same word.
"""

from __future__ import annotations

import asyncio
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from .generated import GeneratedFile
from .model import Showcase
from .text import fold

BUNDLE = "pagefind"
# Pagefind also writes its ready-made interfaces; the "Tra cứu" page has its own, so these go.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
SEARCH_URL = "tra-cuu/"
# Filter keys are stable ASCII ids; the page shows their Vietnamese labels.
FILTER_LABELS = {
    "kind": "Loại",
    "category": "Nhóm",
    "field": "Lĩnh vực",
    "province": "Tỉnh, thành phố",
    "movement": "Phong trào",
    "year": "Năm",
}
PAGE_TYPE_EXEMPLAR = "Điển hình"
PAGE_TYPE_MOVEMENT = "Phong trào"
_WORD = re.compile(r"\w+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def d_twins(*texts: str) -> str:
    """Folded copies of the words that contain đ/Đ: 'Đức Đắk' -> 'duc dak'."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text):
            if "đ" in word or "Đ" in word:
                seen.setdefault(fold(word), None)
    return " ".join(seen)


def tone_key(word: str) -> str:
    """A word with its tone mark moved to the end: 'hoà' and 'hòa' both give 'hoa\u0300'.

    Mirrors `toneKey` in tra-cuu.js, which ranks exact matches first.
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(ch for ch in decomposed if ch in _TONES)
    base = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", base) + tones


def build_index(site_dir: Path) -> dict:
    """Index the built site (pages marked `data-pagefind-body`) into site_dir/pagefind."""
    return asyncio.run(_build_index(Path(site_dir)))


async def _build_index(site_dir: Path) -> dict:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language="vi")
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir), glob="**/*.html")
        await index.write_files(output_path=str(site_dir / BUNDLE))
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    return result


def search_page(showcase: Showcase, site_url: str) -> Iterator[GeneratedFile]:
    """The "Tra cứu" page: every profile with its filters, before any word is typed."""
    from .templating import page  # templating imports this module for its constants

    yield page(SEARCH_URL, "search.html",
               {"title": "Tra cứu", "search_page": True, "hide": ["toc"],
                "description": "Tìm điển hình tiên tiến theo tên, nội dung, lĩnh vực, tỉnh, thành phố, phong trào, "
                               "năm; gõ có dấu hoặc không dấu đều được."},
               filters=json.dumps(list(FILTER_LABELS.items()), ensure_ascii=False),
               bundle=BUNDLE, count=len(showcase.public_exemplars()))
