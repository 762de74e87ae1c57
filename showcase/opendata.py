"""Feeds and open data: an Atom feed of new profiles, every public profile as JSON and CSV.

One `record` per profile feeds both data files, so they list the same public fields.
Consent details and the story are never part of it.

`api/exemplars.json` is a versioned interface that other sites read (scripts/aggregate.py,
showcase/federation/): its shape is `schema/exemplars-api.schema.json`, documented in
`schema/README.md`. Adding a field is a minor version (readers ignore what they do not know);
removing or changing one is a major version, which readers of the old major refuse.
"""

from __future__ import annotations

import csv
import io
import json

from . import share_cards, urls
from .generated import GeneratedFile
from .hygiene import spreadsheet_safe, xml_safe
from .images import Photo
from .model import Exemplar, Showcase
from .templating import render

FEED_SIZE = 50
SCHEMA_VERSION = "1.0"  # of api/exemplars.json: "major.minor", see schema/README.md
CSV_COLUMNS = ("slug", "url", "name", "kind", "kind_label", "category", "category_label", "field", "field_label",
               "year", "province", "province_name", "place", "nominated_by", "nominated_by_name", "movements",
               "movement_names", "criteria", "achievements", "commendations", "summary", "published", "photo",
               "photo_alt", "sources", "featured")
CSV_LINES = {"achievements", "commendations"}  # one item per line inside the cell; other lists use "; "


def feed(showcase: Showcase, public: list[Exemplar], site_url: str) -> GeneratedFile:
    entries = [(e, urls.absolute(site_url, urls.profile(e.slug)), showcase.units[e.nominated_by].name)
               for e in public[:FEED_SIZE]]
    content = render("feed.xml", entries=entries, updated=public[0].published if public else None,
                     home=urls.absolute(site_url, urls.HOME), self_url=urls.absolute(site_url, urls.FEED),
                     label=showcase.criteria.label)
    # Validation refuses control characters (DH110); should one get through, a feed reader
    # would refuse the whole feed: it is dropped here.
    return GeneratedFile(urls.FEED, xml_safe(content))


def open_data_rows(showcase: Showcase, e: Exemplar, photo: Photo | None, site_url: str) -> tuple[str, str]:
    """A profile's line of the JSON file and of the CSV file (kept with the profile in a preview)."""
    def make() -> tuple[str, str]:
        row = record(showcase, e, photo, site_url)
        out = io.StringIO()
        csv.writer(out).writerow([_cell(key, row[key]) for key in CSV_COLUMNS])
        return json.dumps(row, ensure_ascii=False), out.getvalue()

    return e.derive(("open-data", showcase.version, site_url, photo), make)


def exemplars_json(lines: list[str], site_url: str = "") -> GeneratedFile:
    # One profile per line: readable, diffable, and written by json's C encoder (indent= is pure Python).
    body = ",\n".join(lines)
    # Who publishes the data: a portal that gathers many sites' files names and links each site.
    site = json.dumps({"name": share_cards.SITE_NAME, "url": urls.absolute(site_url, urls.HOME) if site_url else None},
                      ensure_ascii=False)
    return GeneratedFile(urls.API_JSON, f'{{"schema_version": "{SCHEMA_VERSION}", "site": {site}, '
                                        f'"count": {len(lines)}, "exemplars": [\n{body}\n]}}\n')


def exemplars_csv(lines: list[str]) -> GeneratedFile:
    out = io.StringIO()
    out.write("\ufeff")  # Excel only reads UTF-8 (Vietnamese) correctly with the byte-order mark
    csv.writer(out).writerow(CSV_COLUMNS)
    out.writelines(lines)
    return GeneratedFile(urls.API_CSV, out.getvalue())


def record(showcase: Showcase, e: Exemplar, photo: Photo | None, site_url: str) -> dict:
    label = showcase.criteria.label
    return {
        "slug": e.slug,
        "url": urls.absolute(site_url, urls.profile(e.slug)),
        "name": e.name,
        "kind": e.kind, "kind_label": label("kinds", e.kind),
        "category": e.category, "category_label": label("categories", e.category),
        "field": e.field, "field_label": label("fields", e.field),
        "year": e.year,
        "province": e.province.slug, "province_name": e.province.name,
        "place": e.place,
        "nominated_by": e.nominated_by, "nominated_by_name": showcase.units[e.nominated_by].name,
        "movements": e.movements,
        "movement_names": [showcase.movements[m].name for m in e.movements],
        "criteria": e.criteria,
        "achievements": e.achievements,
        "commendations": [{"title": c.title, "form": c.form, "form_label": label("commendation_forms", c.form),
                           "issuer": c.issuer, "decision": c.decision,
                           "date": c.date.isoformat() if c.date else None} for c in e.commendations],
        "summary": e.summary,
        "published": e.published.isoformat(),
        "photo": urls.absolute(site_url, photo.large.src_uri) if photo else None,
        "photo_alt": photo.alt if photo else None,
        "sources": e.sources,
        "featured": e.featured,
    }


def _cell(key: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        items = [_commendation(v) if isinstance(v, dict) else str(v) for v in value]
        value = ("\n" if key in CSV_LINES else "; ").join(items)
    return spreadsheet_safe(str(value))


def _commendation(c: dict) -> str:
    return ", ".join(part for part in (c["title"], c["decision"], c["date"]) if part)
