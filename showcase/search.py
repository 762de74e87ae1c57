"""Vietnamese search with Pagefind: what each page tells the index, and the index build.

Pagefind folds tone marks ("dien" finds "điển" once "đ" is dealt with) but not "đ", which
is a letter of its own: every word with "đ" gets a folded twin in a hidden, low-weight
block, so "duc" finds "Đức" while "đức" still matches the page's own word first.
Exact matches are put first in the browser (see overrides/assets/javascripts/tra-cuu.js),
comparing words with their tone mark moved to the end, so "hoà" and "hòa" are the same word.
"""

from __future__ import annotations

import asyncio
import re
import unicodedata
from pathlib import Path

from .model import Exemplar, Movement, Showcase
from .text import fold

BUNDLE = "pagefind"
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


def exemplar_filters(exemplar: Exemplar, showcase: Showcase) -> list[tuple[str, str]]:
    """(filter key, Vietnamese value) pairs for one profile page."""
    criteria = showcase.criteria
    pairs = [
        ("type", PAGE_TYPE_EXEMPLAR),
        ("kind", criteria.label("kinds", exemplar.kind)),
        ("category", criteria.label("categories", exemplar.category)),
        ("field", criteria.label("fields", exemplar.field)),
        ("province", exemplar.province.name),
        ("year", str(exemplar.year)),
    ]
    pairs += [("movement", showcase.movements[m].name) for m in exemplar.movements if m in showcase.movements]
    return pairs


def movement_filters(movement: Movement) -> list[tuple[str, str]]:
    return [("type", PAGE_TYPE_MOVEMENT)]


def build_index(site_dir: Path) -> dict:
    """Index the built site (pages marked `data-pagefind-body`) into site_dir/pagefind."""
    return asyncio.run(_build_index(Path(site_dir)))


async def _build_index(site_dir: Path) -> dict:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(site_dir / BUNDLE), force_language="vi")
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir), glob="**/*.html")
        await index.write_files(output_path=str(site_dir / BUNDLE))
    return result


def search_page(showcase: Showcase, site_url: str):
    """The "Tra cứu" page: every profile with its filters, before any word is typed."""
    from html import escape
    import json

    from .generated import GeneratedFile

    filters = json.dumps(list(FILTER_LABELS.items()), ensure_ascii=False)
    count = len(showcase.public_exemplars())
    content = f"""---
title: Tra cứu
description: Tìm điển hình tiên tiến theo tên, nội dung, lĩnh vực, tỉnh, thành phố, phong trào và năm; gõ có dấu hoặc không dấu.
search_page: true
---

# Tra cứu điển hình

<div class="sc-search" data-sc-search data-bundle="../{BUNDLE}/" data-filters="{escape(filters)}" markdown="0">
<form class="sc-search__form" role="search" action="./" method="get">
<label class="md-visually-hidden" for="sc-q">Từ khoá tìm kiếm</label>
<input id="sc-q" name="q" type="search" autocomplete="off" enterkeyhint="search" placeholder="Ví dụ: nguyen van a, chuyển đổi số, dak lak">
<button type="submit">Tìm</button>
</form>
<div class="sc-search__filters" role="group" aria-label="Bộ lọc"></div>
<p class="sc-search__status" role="status" aria-live="polite">Có {count} hồ sơ. Đang tải bộ tra cứu…</p>
<ol class="sc-search__results"></ol>
<button class="sc-search__more" type="button" hidden>Xem thêm</button>
<noscript><p>Bộ tra cứu cần JavaScript. Có thể duyệt hồ sơ theo <a href="../linh-vuc/">lĩnh vực</a>, <a href="../tinh-thanh/">tỉnh, thành phố</a> hoặc <a href="../phong-trao/">phong trào</a>.</p></noscript>
</div>
"""
    yield GeneratedFile("tra-cuu/index.md", content)
