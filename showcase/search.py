"""Vietnamese search with Pagefind: what each page tells the index, and the index build.

Pagefind folds tone marks ("dien" finds "điển" once "đ" is dealt with) but not "đ", which
is a letter of its own: every word with "đ" gets a folded twin in a hidden block (weighted
as a title for title words, low for the rest), so "duc" finds "Đức" and "đức" still
matches the page's own word first. Pages go to Pagefind while the site renders (SearchIndexer).
Exact matches are put first in the browser (see overrides/assets/javascripts/tra-cuu.js),
comparing words with their tone mark moved to the end, so "hoà" and "hòa" are the same word.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import json
import multiprocessing
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from .generated import GeneratedPage
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


def d_twins(*texts: str) -> str:
    """Folded copies of the words that contain đ/Đ: 'Đức Đắk' -> 'duc dak'."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text):
            if "đ" in word or "Đ" in word:
                seen.setdefault(fold(word), None)
    return " ".join(seen)


def search_keywords(title: str, province: str, *texts: str) -> str:
    """The words a profile is found by besides its name: its province, then the words of
    `texts` (place, field) that neither the title nor an earlier text has, once each."""
    seen = {word.lower() for word in _WORD.findall(title)}
    words = []
    for index, text in enumerate((province, *texts)):
        for word in _WORD.findall(text):
            if word.lower() not in seen or index == 0:
                seen.add(word.lower())
                words.append(word)
    return " ".join(dict.fromkeys(words))


class SearchIndexer:
    """Feeds rendered pages to Pagefind while the rest of the site is still rendering.

    Pagefind's engine is a process of its own, and so is its client (`_feed`): the client's
    work for each page (encoding it, reading the reply) would otherwise wait for the
    interpreter lock that page rendering holds, which left Pagefind idle most of the build.
    Pages reach the client through a pipe, which also holds rendering back if indexing falls
    behind. Only the `data-pagefind-body` element of a page is sent (profiles, movements).
    `finish` writes the bundle to `output_dir`.
    """

    def __init__(self, output_dir: Path):
        self.output_dir = Path(output_dir)
        context = multiprocessing.get_context("spawn")  # the caller may be threaded (mkdocs serve)
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_feed, args=(child, str(self.output_dir)),
                                        name="pagefind-client", daemon=True)
        self._process.start()
        child.close()
        self._stopped = False  # the client went away (Pagefind crashed, was killed): `finish` says so

    def add(self, url: str, html: str) -> None:
        body = _indexed_part(html)
        if body and not self._stopped:
            try:
                self._conn.send((url, body))
            except OSError:
                self._stopped = True

    def finish(self) -> int:
        """Wait for every page, write the bundle; returns how many pages were indexed."""
        try:
            if self._stopped:
                raise EOFError
            self._conn.send(None)
            status, detail = self._conn.recv()
        except (EOFError, OSError):
            status, detail = "error", "the indexing process stopped"
        finally:
            self.close()
        if status != "ok":
            raise RuntimeError(f"Pagefind: {detail}")
        for name in UNUSED:
            (self.output_dir / name).unlink(missing_ok=True)
        return detail

    def close(self) -> None:
        """Stop Pagefind; nothing more is written."""
        self._conn.close()  # the client reads the end of the pipe and stops
        self._process.join(timeout=60)
        if self._process.is_alive():
            self._process.kill()


IN_FLIGHT = 64  # pages handed to Pagefind and not yet answered: bounds the client's memory
# Pagefind 1.5.2 cuts its index into chunks by counting unaccented word positions only; in
# Vietnamese, where most words carry a tone mark, its chunks came out up to thirty times the
# intended size, and a first query downloaded two of them (upstream issue #1211, fixed after
# 1.5.2 by PR #1316). A smaller count per chunk gives chunks nearer the intended size; much
# smaller ones (60) cost prefix matching: "nguyen van a" no longer found "Nguyễn Văn An".
# Revisit when upgrading Pagefind: with that fix this setting would make chunks too small.
CHUNK_SIZE_ENV = {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": "1000"}


def _feed(conn, output_dir: str) -> None:
    """The Pagefind client, in its own process: pages from `conn` until None, then the bundle."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="pagefind", daemon=True)
    thread.start()

    def call(coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result()

    service = None
    os.environ.update(CHUNK_SIZE_ENV)  # read by Pagefind's process, started here
    try:
        service, index = call(_open())
        in_flight: collections.deque = collections.deque()
        count = 0
        while (message := conn.recv()) is not None:
            url, body = message
            in_flight.append(asyncio.run_coroutine_threadsafe(index.add_html_file(content=body, url=url), loop))
            count += 1
            if len(in_flight) > IN_FLIGHT:
                in_flight.popleft().result()
        for future in in_flight:
            future.result()
        call(index.write_files(output_path=output_dir))
        conn.send(("ok", count))
    except (EOFError, OSError):
        pass  # the build stopped: nothing is written
    except Exception as exc:  # reported by `finish` in the build's own process
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        if service is not None:
            call(service.close())
        loop.call_soon_threadsafe(loop.stop)
        thread.join()


async def _open():
    service = await _PromptService().launch()
    return service, await service.create_index(IndexConfig(force_language="vi"))


def _indexed_part(html: str) -> str | None:
    """The `data-pagefind-body` element as a page of its own: Pagefind reads nothing else
    from it, and the site's header, sidebars and footer would only cost encoding time."""
    marker = html.find("data-pagefind-body")
    if marker < 0:
        return None
    start = html.rfind("<", 0, marker)
    tag = html[start + 1:html.find(" ", start)]
    end = html.rfind(f"</{tag}>")
    return f'<!doctype html><html lang="vi"><body>{html[start:end + len(tag) + 3]}</body></html>'


class _PromptService(PagefindService):
    """pagefind 1.5.2's client waits 0.1 s before reading each reply, which caps indexing at
    ten pages a second; this reads each reply as it arrives. Same protocol otherwise: base64
    JSON messages separated by commas."""

    async def _wait_for_responses(self) -> None:
        while True:
            output = await self._backend.stdout.readuntil(b",")
            response = json.loads(base64.b64decode(output[:-1]))
            if not response:
                continue
            message_id = response.get("message_id")
            payload = response["payload"]
            if message_id is None and payload.get("original_message"):  # a message it could not parse
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.get(message_id)
            if future is None or future.done():
                continue
            if payload["type"] == "Error":
                future.set_exception(RuntimeError(f"Pagefind: {payload.get('message')}"))
            else:
                future.set_result(payload)


def search_page(showcase: Showcase, site_url: str) -> Iterator[GeneratedPage]:
    """The "Tra cứu" page: every profile with its filters, before any word is typed."""
    from .templating import page  # templating imports this module for its constants

    yield page(SEARCH_URL, "search.html",
               {"title": "Tra cứu", "search_page": True, "hide": ["toc"],
                "description": "Tìm điển hình tiên tiến theo tên, nội dung, lĩnh vực, tỉnh, thành phố, phong trào, "
                               "năm; gõ có dấu hoặc không dấu đều được."},
               filters=json.dumps(list(FILTER_LABELS.items()), ensure_ascii=False),
               bundle=BUNDLE, count=len(showcase.public_exemplars()))
