"""The sitemap index and its gzipped parts (showcase/sitemaps.py), alone and in the built demo site."""

from __future__ import annotations

import gzip
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT
from showcase import sitemaps, urls
from showcase.repository import load_showcase

SITE = "https://dienhinh.example.gov.vn/tinh/"
NS = {"s": sitemaps.NAMESPACE}


def entries(count: int) -> list[tuple[str, str | None]]:
    return [(f"{SITE}dien-hinh/ho-so-{i}/", f"2025-01-{i % 28 + 1:02d}") for i in range(count)]


def index_locs(site: Path) -> list[tuple[str, str | None]]:
    root = ET.parse(site / sitemaps.INDEX).getroot()
    assert root.tag == f"{{{sitemaps.NAMESPACE}}}sitemapindex"
    return [(s.findtext("s:loc", namespaces=NS), s.findtext("s:lastmod", namespaces=NS))
            for s in root.iterfind("s:sitemap", NS)]


def part(site: Path, number: int) -> ET.Element:
    return ET.fromstring(gzip.decompress((site / sitemaps.part_name(number)).read_bytes()))


def test_seven_addresses_at_three_per_part_make_three_parts(tmp_path):
    listed = entries(7)
    assert sitemaps.write(tmp_path, SITE, listed, max_urls=3) == 3
    assert index_locs(tmp_path) == [(f"{SITE}sitemap-1.xml.gz", "2025-01-03"),
                                    (f"{SITE}sitemap-2.xml.gz", "2025-01-06"),
                                    (f"{SITE}sitemap-3.xml.gz", "2025-01-07")]
    sizes = [len(part(tmp_path, n).findall("s:url", NS)) for n in (1, 2, 3)]
    assert sizes == [3, 3, 1]
    assert sitemaps.read(tmp_path) == listed  # every address once, in order, with its date
    assert not (tmp_path / sitemaps.part_name(4)).exists()


def test_a_part_also_ends_before_the_byte_limit(tmp_path):
    one = len(sitemaps.split(entries(1))[0][0])
    parts = sitemaps.split(entries(10), max_bytes=one + 120)  # room for two lines, not three
    assert [text.count("<url>") for text, _ in parts] == [2] * 5
    assert all(len(text.encode()) <= one + 120 for text, _ in parts)


def test_the_parts_are_valid_gzip_and_the_index_is_also_gzipped(tmp_path):
    sitemaps.write(tmp_path, SITE, entries(5), max_urls=2)
    for number in (1, 2, 3):
        data = (tmp_path / sitemaps.part_name(number)).read_bytes()
        assert data[:2] == b"\x1f\x8b"
        assert gzip.decompress(data).startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset ')
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()) == (tmp_path / "sitemap.xml").read_bytes()


def test_addresses_are_escaped_and_stripped_of_characters_xml_forbids(tmp_path):
    hostile = f"{SITE}a?b=1&c=<script>\"'\x00\x1f/"
    sitemaps.write(tmp_path, SITE, [(hostile, "2025-01-01"), (f"{SITE}x/", None)])
    text = gzip.decompress((tmp_path / "sitemap-1.xml.gz").read_bytes()).decode()
    assert "<script>" not in text and "&amp;c=&lt;script&gt;&quot;&#x27;/" in text
    assert sitemaps.read(tmp_path) == [(f"{SITE}a?b=1&c=<script>\"'/", "2025-01-01"), (f"{SITE}x/", None)]


def test_two_writes_of_the_same_entries_are_byte_for_byte_the_same(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    sitemaps.write(first, SITE, entries(9), max_urls=4)
    time.sleep(1.1)  # gzip's header would carry a different second
    sitemaps.write(second, SITE, entries(9), max_urls=4)
    names = sorted(p.name for p in first.iterdir())
    assert names == ["sitemap-1.xml.gz", "sitemap-2.xml.gz", "sitemap-3.xml.gz", "sitemap.xml", "sitemap.xml.gz"]
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def test_a_smaller_site_removes_the_parts_it_no_longer_needs(tmp_path):
    (tmp_path / "sitemap-x.xml.gz").write_bytes(b"not ours")
    sitemaps.write(tmp_path, SITE, entries(7), max_urls=2)
    assert sitemaps.write(tmp_path, SITE, entries(3), max_urls=2) == 2
    assert sorted(p.name for p in tmp_path.glob("sitemap-*")) == ["sitemap-1.xml.gz", "sitemap-2.xml.gz",
                                                                  "sitemap-x.xml.gz"]


def test_without_a_site_address_the_index_lists_nothing(tmp_path):
    sitemaps.write(tmp_path, "", [])
    assert index_locs(tmp_path) == []
    with pytest.raises(ValueError):
        sitemaps.write(tmp_path, "", entries(1))  # relative addresses are not allowed in a sitemap


def test_the_index_refuses_to_read_outside_its_folder(tmp_path):
    (tmp_path / sitemaps.INDEX).write_text(f'<sitemapindex xmlns="{sitemaps.NAMESPACE}"><sitemap>'
                                           f"<loc>{SITE}..</loc></sitemap></sitemapindex>")
    with pytest.raises(ValueError):
        sitemaps.read(tmp_path)


def test_a_hundred_thousand_addresses_fill_two_parts_of_the_protocols_fifty_thousand(tmp_path):
    # Not timed (tests never time anything): about 0.25 s on the 2-core machine.
    assert sitemaps.write(tmp_path, SITE, entries(100_000)) == 2
    assert [len(part(tmp_path, n).findall("s:url", NS)) for n in (1, 2)] == [50_000, 50_000]


def test_the_demo_sites_sitemap_lists_every_public_profile_and_no_withdrawn_one(demo_site):
    showcase = load_showcase(ROOT).showcase
    site_url = "https://dienhinh.example.gov.vn/"  # mkdocs.yml
    listed = dict(sitemaps.read(demo_site))
    assert len(listed) == len(sitemaps.read(demo_site))  # no address twice
    for e in showcase.public_exemplars():
        assert listed[urls.absolute(site_url, urls.profile(e.slug))] == e.published.isoformat()
    assert showcase.withdrawn
    for slug in showcase.withdrawn:
        assert not [loc for loc in listed if f"/{slug}/" in loc]
    assert urls.absolute(site_url, urls.ABOUT) in listed  # a page of docs/, through MkDocs
    assert [loc for loc, _ in index_locs(demo_site)] == [f"{site_url}sitemap-1.xml.gz"]
