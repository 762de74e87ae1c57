"""The site's URL scheme: Vietnamese words, site-relative, MkDocs directory URLs.

Every generated link goes through here, so a path is spelled in one place.
"""

from __future__ import annotations

HOME = ""
MOVEMENTS = "phong-trao/"
CRITERIA = "tieu-chi/"
FEED = "feed.xml"
API_JSON = "api/exemplars.json"
API_CSV = "api/exemplars.csv"
# Hand-written pages in docs/ that generated pages link to.
PRIVACY = "quyen-rieng-tu/"
PROPOSE = "de-xuat-dien-hinh/"
ABOUT = "gioi-thieu/"


def paged(base: str, number: int) -> str:
    """Page 1 of a listing is its base URL; the next ones are 'trang-2/', 'trang-3/'..."""
    return base if number == 1 else f"{base}trang-{number}/"


def profile(slug: str) -> str:
    return f"dien-hinh/{slug}/"


def movement(slug: str, number: int = 1) -> str:
    return paged(f"{MOVEMENTS}{slug}/", number)


def browse(prefix: str, value: str | None = None, number: int = 1) -> str:
    """'linh-vuc/' (the index of a dimension) or 'linh-vuc/nong-nghiep/' and its pages
    (`value`: the slug of the label, `showcase.site.listing_slug`)."""
    return paged(f"{prefix}/{value}/" if value is not None else f"{prefix}/", number)


def absolute(site_url: str, url: str) -> str:
    """For feeds, open data and social cards, which need full addresses; `url` is site-relative."""
    base = site_url or "/"
    return (base if base.endswith("/") else base + "/") + url
