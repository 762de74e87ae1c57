"""Vietnamese search with Pagefind: what each page tells the index, and the index build.

Pagefind folds tone marks ("dien" finds "điển" once "đ" is dealt with) but not "đ", which
is a letter of its own. A profile's parts are indexed folded (`profile_index`), and the
search page folds the query, so "duc" and "Đức" both find "Đức"; words with "đ" in what is
indexed as shown (the name and summary meta, movement pages) get folded twins (`d_twins`).
Pages go to Pagefind while the site renders (SearchIndexer). Exact matches are put first in the browser (see overrides/assets/javascripts/tra-cuu.js),
comparing words with their tone mark moved to the end, so "hoà" and "hòa" are the same word.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import json
import multiprocessing
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from . import pagefind_binary
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
# The page templates that mark a part of the page for the index (`data-pagefind-body`): the
# site publishes their pages first, and Pagefind writes its bundle while the others render.
INDEXED_TEMPLATES = frozenset({"profile.html", "movement.html"})


def is_indexed(page: GeneratedPage) -> bool:
    template = page.inputs[0] if page.inputs else None  # (template, values) for `templating.page`
    return isinstance(template, str) and template in INDEXED_TEMPLATES


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def d_twins(*texts: str) -> str:
    """Folded copies of the words that contain đ/Đ: 'Đức Đắk' -> 'duc dak'."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text):
            if "đ" in word or "Đ" in word:
                seen.setdefault(fold(word), None)
    return " ".join(seen)


# What a profile is found by, and how much each part counts (Pagefind's `data-pagefind-weight`;
# a heading counts 7, plain text 1). Measured with benchmarks/relevance.py (demo content, and
# 150 queries drawn from 2,000 synthetic profiles): weighting the parts differently moved
# recall@10 and MRR by no more than the noise (±0.02), the browser's ranking of whole words
# and phrases decides; only the name, weighted as a title, came first more often. Labels,
# criteria wording, dates, decision numbers and links are left out: no query is answered by them.
WEIGHT = {
    "name": 7,
    "facts": 1,  # place, province, field, movements
    "summary": 1,
    "unit": 1,
    "commendations": 1,
    "achievements": 1,
    "story": 0.5,
}


def profile_index(showcase: Showcase, exemplar) -> list[tuple[float, str]]:
    """The hidden blocks of a profile page, (weight, words): per part its words folded (no
    tone marks, "đ" as "d"), in order (the search page ranks a query found as a phrase
    first), then a few words of its story (`story_words`). The text the page shows is not
    indexed, but for its title and summary meta. Folded, a word has one spelling, as the
    folded query; exact tone marks are ranked in the browser, on the name and the summary."""
    label = showcase.criteria.label
    movements = [showcase.movements[slug].name for slug in exemplar.movements if slug in showcase.movements]
    # The name and the summary are the page's title and summary meta, whose words Pagefind
    # indexes itself (tone marks folded, "đ" kept): only their "đ" words are added, folded.
    parts = [
        ("name", [d_twins(exemplar.name)]),
        ("facts", [exemplar.place, exemplar.province.name, label("fields", exemplar.field), *movements]),
        ("summary", [d_twins(exemplar.summary)]),
        ("unit", [showcase.units[exemplar.nominated_by].name]),
        ("commendations", [f"{c.title} {label('commendation_forms', c.form)} {c.issuer}"
                           for c in exemplar.commendations]),
        ("achievements", exemplar.achievements),
    ]
    seen = set(_WORD.findall(fold(f"{exemplar.name} {exemplar.summary}")))
    blocks = []
    for part, texts in parts:
        words = _WORD.findall(fold(" ".join(texts)))
        seen.update(words)
        if words and WEIGHT[part]:
            blocks.append((WEIGHT[part], " ".join(words)))
    story = story_words(exemplar.body, seen)
    if story and WEIGHT["story"]:
        blocks.append((WEIGHT["story"], " ".join(story)))
    return blocks


# The story: Pagefind's memory grows by about 1 KB for each distinct word of each page (and 40
# KB a page), and the rest of the profile takes most of the budget at 10,000 profiles (under
# 1 GB for any process; 875-884 MB with 10 story words, benchmarks/README.md): a story adds at most STORY_WORDS words, the first ones that the rest of the profile
# does not have and that are not among the most common words of the site's stories (COMMON,
# counted on the demo content), so its own subject ("lò bánh mì", "mái tranh") is what it adds.
STORY_WORDS = 10
COMMON = frozenset("""
được và người của trong làm năm đồng là các những ngày ở dân động phong không để một trào công từ
nhà có thành nhiều vào học nước đến xã gia tỉnh với cao đầu đã số hộ chính việc hành nhân đua tổ thi
mới thể theo cho sinh tiêu khen cơ hình cách xây bộ tại trường vận hội sau văn chỉ cả trên nhận hợp
sản phát hơn từng hồ chủ quyết ban giữ thời khi viên dựng chuyển ra hoạch mỗi định đổi con chức trực
góp nhất cần đình hướng hóa giúp về địa ứng nghiệp bằng triển thủ toàn lớn cùng quan tiếp đều khai
truyền thị đó nhờ hàng đoàn trình sơ lại biểu cũng tham lần đi tập tác điều cán hiện tuyên kế phương
xuất nhỏ năng thường trước tự nội lập phần trung tâm bị tốt mặt mình mở kết khu vụ gương điểm tục phải
thưởng lên chung tháng khó như danh hoàn sở trợ hỗ đơn tạo còn tin mô kỹ rộng dẫn đưa cụ gắn thuộc
dụng ghi thực cuộc mục giai đặt đoạn câu tặng nhập gần hỏi giờ giao mạnh hiệu này thì mà nên rồi
vẫn đã đang sẽ chưa rất anh chị ông bà cô em họ ai gì nào đây kia ấy vì nếu nhưng hay hoặc bởi qua
""".split())


def story_words(body: str, indexed: set[str]) -> list[str]:
    """Up to STORY_WORDS folded words of a story (Markdown), in order, that are neither in
    `indexed` (folded) nor COMMON; `indexed` gains them."""
    words = []
    for match in _WORD.finditer(_URL.sub(" ", body) if "://" in body else body):  # stops at the tenth word
        word = match.group().lower()
        if word in COMMON or word.isdigit():
            continue
        folded = fold(word)
        if folded not in indexed:
            indexed.add(folded)
            words.append(folded)
            if len(words) == STORY_WORDS:
                break
    return words


_URL = re.compile(r"\w+://\S+")


# Pagefind holds every page of an index in memory until the bundle is written (about 75 KB a
# page: 3.9 GB at 50,000 profiles), and each page costs a little more than the one before
# (10,000 pages take 7.8 s, 50,000 take 51 s). A large site's index is cut into shards of at
# most this many pages, each its own Pagefind process and bundle (`shard_path`), written while
# the next is filled; the search page merges them (Pagefind's `mergeIndex`). Each shard costs
# a reader one more download of Pagefind's WebAssembly (55 KB) on the first search, so a site
# of up to this many profiles keeps one bundle.
SHARD_PAGES = 20_000
SHARD_FOLDER = "shard-{}"  # shards 2, 3... inside the first one's folder
SHARDS_FILE = "shards.json"  # in the first one's folder: the others, for other sites' search pages


def shard_count(pages: int, shard_pages: int | None = None) -> int:
    return max(1, -(-pages // (shard_pages or SHARD_PAGES)))


def indexed_pages(showcase: Showcase) -> int:
    """How many pages the site gives its search index: every public profile, and each movement
    (its first page). The search page is written before the index: it counts the shards from this."""
    return len(showcase.public_exemplars()) + len(showcase.movements)


def shard_path(number: int) -> str:
    """Shard `number`'s folder, relative to the bundle ('' for the first)."""
    return "" if number == 1 else SHARD_FOLDER.format(number) + "/"


def further_shards(pages: int, shard_pages: int | None = None) -> list[str]:
    """The folders of an index of `pages` pages past its first, relative to the bundle."""
    return [shard_path(n) for n in range(2, shard_count(pages, shard_pages) + 1)]


def shard_bundles(pages: int) -> list[str]:
    """The same, relative to the site's root: what a search page merges (tra-cuu.js, `data-shards`)."""
    return [f"{BUNDLE}/{folder}" for folder in further_shards(pages)]


class SearchIndexer:
    """Feeds rendered pages to Pagefind while the rest of the site is still rendering.

    Pagefind's engine is a process of its own, and so is its client (`_feed`): the client's
    work for each page (encoding it, reading the reply) would otherwise wait for the
    interpreter lock that page rendering holds, which left Pagefind idle most of the build.
    Pages reach the client through a pipe, which also holds rendering back if indexing falls
    behind. Only the `data-pagefind-body` element of a page is sent (profiles, movements).
    `finish` writes the bundle to `output_dir`.
    """

    def __init__(self, output_dir: Path, shard_pages: int | None = None):
        self.output_dir = Path(output_dir)
        shard_pages = self._shard_pages = shard_pages or SHARD_PAGES
        context = multiprocessing.get_context("spawn")  # the caller may be threaded (mkdocs serve)
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_feed, args=(child, str(self.output_dir), shard_pages),
                                        name="pagefind-client", daemon=True)
        self._process.start()
        child.close()
        self._stopped = False  # the client went away (Pagefind crashed, was killed): `finish` says so
        self._ended = False  # `end`: every page was given

    def add(self, url: str, html: str) -> None:
        self.add_part(url, indexed_part(html))

    def add_part(self, url: str, body: str | None) -> None:
        """A page already cut down by `indexed_part` (by a forked worker: showcase/forks.py)."""
        if body and self._ended:
            raise ValueError(f"{url}: a page for the search index after its end")
        if body and not self._stopped:
            try:
                self._conn.send((url, body))
            except OSError:
                self._stopped = True

    def end(self) -> None:
        """No more pages: Pagefind writes the bundle while the site goes on with other pages."""
        if not self._ended and not self._stopped:
            try:
                self._conn.send(None)
            except OSError:
                self._stopped = True
        self._ended = True

    def finish(self) -> int:
        """Wait for every page, write the bundle; returns how many pages were indexed."""
        try:
            self.end()
            if self._stopped:
                raise EOFError
            status, detail = self._conn.recv()
        except (EOFError, OSError):
            status, detail = "error", "the indexing process stopped"
        finally:
            self.close()
        if status != "ok":
            raise RuntimeError(f"Pagefind: {detail}")
        shards = further_shards(detail, self._shard_pages)
        for folder in ["", *shards]:
            for name in UNUSED:
                (self.output_dir / folder / name).unlink(missing_ok=True)
        # For the sites that search this one with theirs (tra-cuu.js): its further parts.
        (self.output_dir / SHARDS_FILE).write_text(json.dumps(shards), encoding="utf-8")
        return detail

    def close(self) -> None:
        """Stop Pagefind; nothing more is written."""
        self._conn.close()  # the client reads the end of the pipe and stops
        self._process.join(timeout=60)
        if self._process.is_alive():
            self._process.kill()


IN_FLIGHT = 64  # pages handed to Pagefind and not yet answered: bounds the client's memory


def _feed(conn, output_dir: str, shard_pages: int) -> None:
    """The Pagefind client, in its own process: pages from `conn` until None, then the bundle."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="pagefind", daemon=True)
    thread.start()

    def call(coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result()

    open_services, writing = [], []  # writing: (service, future of its bundle written)
    try:
        pagefind_binary.use()  # the pinned binary, read by Pagefind's processes started here
        service, index = call(_open())
        open_services.append(service)
        in_flight: collections.deque = collections.deque()
        count = shard = 0
        while (message := conn.recv()) is not None:
            if count and count % shard_pages == 0:  # a new shard: the previous one is written meanwhile
                _drain(in_flight)
                shard += 1
                writing.append((service, _write_shard(index, output_dir, shard, loop)))
                service, index = call(_open())
                open_services.append(service)
                for done, future in writing:  # a written shard's process and memory go
                    if future.done() and done in open_services:
                        future.result()
                        call(done.close())
                        open_services.remove(done)
            url, body = message
            in_flight.append(asyncio.run_coroutine_threadsafe(index.add_html_file(content=body, url=url), loop))
            count += 1
            if len(in_flight) > IN_FLIGHT:
                in_flight.popleft().result()
        _drain(in_flight)
        writing.append((service, _write_shard(index, output_dir, shard + 1, loop)))
        for _, future in writing:
            future.result()
        conn.send(("ok", count))
    except (EOFError, OSError):
        pass  # the build stopped: nothing is written
    except pagefind_binary.InstallError as exc:
        conn.send(("error", str(exc)))
    except Exception as exc:  # reported by `finish` in the build's own process
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        for service in open_services:
            call(service.close())
        loop.call_soon_threadsafe(loop.stop)
        thread.join()


def _drain(in_flight: collections.deque) -> None:
    while in_flight:
        in_flight.popleft().result()


def _write_shard(index, output_dir: str, number: int, loop):
    """Start writing shard `number`'s bundle; the future of its completion."""
    path = Path(output_dir) / shard_path(number)
    return asyncio.run_coroutine_threadsafe(index.write_files(output_path=str(path)), loop)


async def _open():
    service = await _PromptService().launch()
    return service, await service.create_index(IndexConfig(force_language="vi"))


_IGNORED_ALL = re.compile(r'<(section|footer|aside)\b[^>]*\bdata-pagefind-ignore="all"[^>]*>.*?</\1>', re.DOTALL)


def indexed_part(html: str) -> str | None:
    """The `data-pagefind-body` element as a page of its own, without the parts marked
    `data-pagefind-ignore="all"`: Pagefind reads nothing else, and it keeps, until the
    bundle is written, memory in proportion to the HTML it was given (at 10,000 profiles,
    about 40 KB a page for the whole element: benchmarks/README.md). The same for a page
    and for its body alone, so that the index can be fed before the theme's frame exists."""
    marker = html.find("data-pagefind-body")
    if marker < 0:
        return None
    start = html.rfind("<", 0, marker)
    tag = html[start + 1:html.find(" ", start)]
    body = _IGNORED_ALL.sub("", html[start:_element_end(html, start, tag)])
    return f'<!doctype html><html lang="vi"><body>{body}</body></html>'


def _element_end(html: str, start: int, tag: str) -> int:
    """Where the element opened at `start` ends: after its own closing tag (elements of the
    same name may nest), or at the end of `html` if it is never closed."""
    depth = 0
    for found in re.finditer(rf"<(/?){re.escape(tag)}[\s>]", html[start:]):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            end = html.find(">", start + found.end() - 1)
            return end + 1 if end >= 0 else len(html)
    return len(html)


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


# Other agencies' sites searched together with this one (showcase/federation/sites.py): set by
# the adapter from mkdocs.yml `extra: tra_cuu_chung`, checked there.
FEDERATED: tuple = ()


def search_page(showcase: Showcase, site_url: str) -> Iterator[GeneratedPage]:
    """The "Tra cứu" page: every profile with its filters, before any word is typed."""
    from .share_cards import SITE_NAME
    from .templating import page  # templating imports this module for its constants

    public = showcase.public_exemplars()
    meta = {"title": "Tra cứu", "search_page": True, "hide": ["toc"],
            "description": "Tìm điển hình tiên tiến theo tên, nội dung, lĩnh vực, tỉnh, thành phố, phong trào, "
                           "năm; gõ có dấu hoặc không dấu đều được."}
    filters = list(FILTER_LABELS.items())
    sites = ""
    if FEDERATED:  # the page's Content-Security-Policy lets it fetch their indexes and photos (overrides/main.html)
        meta["federated_origins"] = " ".join(sorted({site.origin for site in FEDERATED}))
        filters.insert(0, ("site", "Trang web"))
        sites = json.dumps([{"name": site.name, "url": site.url} for site in FEDERATED], ensure_ascii=False)
    shards = shard_bundles(indexed_pages(showcase))
    yield page(SEARCH_URL, "search.html", meta, filters=json.dumps(filters, ensure_ascii=False), sites=sites,
               site_name=SITE_NAME, bundle=BUNDLE, count=len(public), shards=json.dumps(shards),
               shard_pages=SHARD_PAGES, latest=[_result(showcase, e) for e in public[:SEARCH_LATEST]])


# The newest profiles are in the page itself, drawn as the script draws a result: the page
# paints its list without waiting for Pagefind (issue 14). As many as the script's PAGE_SIZE.
SEARCH_LATEST = 20


def _result(showcase: Showcase, exemplar) -> dict:
    from .images import photo_of
    from .site import facets  # site imports this module

    values = {f.key: f.values[0].text for f in facets(showcase, exemplar) if f.values}
    photo = photo_of(exemplar, showcase.root)
    return {"slug": exemplar.slug, "title": exemplar.name, "summary": exemplar.summary,
            "tags": [values[k] for k in ("kind", "province", "year") if k in values],
            "thumb": photo and photo.small.src_uri, "thumb_alt": photo and photo.alt}
