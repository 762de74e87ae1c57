"""The MkDocs adapter (registered under `hooks:` in mkdocs.yml): the only module that imports MkDocs.

It stays thin so that moving to another generator is a small change:
- loads and validates the repository once per build and fails the build, with the
  validator's Vietnamese messages, if any profile is invalid;
- adds every file of `showcase.site.GENERATORS` in memory (never writes into docs/),
  with "edit this page" pointing at the profile's own source file;
- publishes generated pages outside the navigation (profiles, listings: nearly all of a
  large site) in a frame of the theme rendered once per kind of page (`showcase.frame`),
  one page at a time after MkDocs' own pages, and adds them to the sitemap;
- hands each rendered profile and movement page to the search index (Pagefind, its own
  process on the other core) while the rest of the site renders;
- dates every page from the content, so two builds of the same content are identical;
- under `mkdocs serve` (`make serve` adds `--dirty`), reads again only the profiles whose
  files changed (`repository.RecentLoads`), renders and writes again only the pages whose
  content changed since the previous build (`showcase.memo`) and keeps the search index of
  the first build;
- on `mkdocs build`, writes into a temporary sibling of `site/` and swaps it in only when
  the whole build succeeded: a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from showcase import collector, forks, images, page_store, preview, search, share_cards, sitemaps, urls
from showcase.federation import sites as federation_sites
from showcase.forks import Later
from showcase.frame import EDIT, Frame, edit_address, frame_folder, frame_key, marker
from showcase.editors import decap
from showcase.editors.registries import registries_of
from showcase.generated import GeneratedPage
from showcase.images import CachedFile
from showcase.memo import MEMO
from showcase.page_store import PageStore
from showcase.output import render
from showcase.problems import ProblemError
from showcase.repository import load_showcase, only
from showcase.search import BUNDLE, SearchIndexer, indexed_part, is_indexed
from showcase.site import GENERATORS, site_date
from showcase.templating import HTML, escaped, markdown_source

log = logging.getLogger("mkdocs.plugins.showcase")
PREVIEW_ENV = "SHOWCASE_PREVIEW"
EDITOR_PAGES = ("quy-tac-kiem-tra.md",)  # pages of docs/ for editors: out of the menu, with an edit link
FRAMES_ENV = "SHOWCASE_FRAMES"  # "0": every page through MkDocs, the reference the frames are tested against


class _Build:
    """State of the current command; MkDocs calls hooks as plain functions."""

    atomic = False  # build into a temporary directory and swap it in at the end
    serving = False  # `mkdocs serve`: errors show in the pages (showcase/preview.py) instead of stopping
    problems: list = []  # what the preview shows: the errors of this build
    showcase = None
    site_date: str = ""
    html: dict[str, str] = {}  # bodies of `format: html` pages, from on_page_markdown to on_page_content
    final_dir: Path | None = None  # where the site goes once the build succeeded
    temp_dir: Path | None = None
    succeeded = False
    indexer = None  # the search index, filled while pages render
    framed: list[GeneratedPage] = []  # pages published in a frame of the theme, after MkDocs' own
    images: set[Path] = set()  # re-encoded photos this build publishes (the rest of the cache is pruned)
    # Cached files (photos, share cards) the generators publish: a preview removes those of the
    # previous build that this one no longer publishes (a withdrawn profile's card and photo).
    cards: set[str] = set()
    previous_cards: set[str] = set()
    started = 0.0  # time.time() when the build started
    root: Path | None = None  # the repository
    env = nav = files = None  # what the theme needs to render a frame
    doc_pages: list | None = None  # files.documentation_pages(), once the files are final
    later: list = []  # (File, forks.Later): generated files whose content another core is making
    store: PageStore | None = None  # bodies of earlier builds (a full build only)
    stored: set[str] = set()  # the store's entries this build used: the others are removed


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` builds into its own temporary directory, and a --dirty build only
    # rewrites changed pages of the existing site: neither can go through a fresh directory.
    _Build.atomic = command == "build" and not dirty
    _Build.serving = command == "serve"


def on_config(config):
    share_cards.SITE_NAME, share_cards.SITE_DESCRIPTION = config.site_name, config.site_description or ""
    try:  # the other sites the search page searches too (mkdocs.yml `extra: tra_cuu_chung`)
        search.FEDERATED = federation_sites.parse_sites((config.extra or {}).get(federation_sites.KEY), config.site_url)
    except federation_sites.SiteError as exc:
        raise PluginError(str(exc)) from None
    # The home page's card (share_cards.with_cards), for pages that have none: the 404 page.
    config.extra["share_card"] = share_cards.escaped_meta(
        share_cards.card(_root(config), share_cards.SITE_DESCRIPTION or share_cards.SITE_NAME), config.site_url or "")
    if _Build.atomic:
        final = Path(config.site_dir).resolve()
        final.parent.mkdir(parents=True, exist_ok=True)
        _Build.final_dir = final
        _Build.temp_dir = Path(tempfile.mkdtemp(prefix=".site-build-", dir=final.parent))
        _Build.succeeded = False
        config.site_dir = str(_Build.temp_dir)
    return config


def on_pre_build(config) -> None:
    _Build.started = time.time()
    _Build.html.clear()  # left over if a previous `mkdocs serve` rebuild failed half-way
    root = _Build.root = _root(config)
    result = load_showcase(root, recent=None if _Build.atomic else MEMO.loads)
    _Build.problems = result.problems if _Build.serving else []
    if result.errors and not _Build.serving:
        raise PluginError("Nội dung chưa hợp lệ nên không dựng trang web. Sửa các lỗi sau rồi chạy lại:\n"
                          + render(result.problems, result.files, "text"))
    if result.errors:  # the preview stays up: each broken file's page shows its messages
        log.info("Nội dung có lỗi; bản xem trước bỏ qua các tệp có lỗi và hiện lỗi ngay trên trang của chúng:\n"
                 + render(result.problems, result.files, "text"))
    elif result.warnings:  # logged as info: a logged warning would fail the strict build
        log.info("Kết quả kiểm tra nội dung:\n" + render(result.warnings, result.files, "text"))
    _Build.showcase = result.showcase
    if result.showcase is None:  # criteria.yml cannot be read (preview only): the home page lists the errors
        _Build.site_date = "1970-01-01"
        _close_indexer()
        return
    _Build.site_date = site_date(result.showcase).isoformat()
    chosen = os.environ.get(PREVIEW_ENV)
    if chosen and not _Build.atomic:
        # `make preview FILE=...`: every file is validated, only the named profiles are built,
        # so that an editor sees a change within seconds in a repository of thousands.
        _Build.showcase = only(result.showcase, chosen.split(","))
        log.info(f"Xem trước {len(_Build.showcase.exemplars)} hồ sơ ({PREVIEW_ENV}={chosen}).")
    _close_indexer()  # left over if a previous `mkdocs serve` rebuild failed half-way
    if not _Build.atomic:
        MEMO.start(_Build.showcase)
    if _Build.atomic or MEMO.search_bundle is None:
        _Build.indexer = SearchIndexer(Path(config.site_dir) / BUNDLE)


def on_files(files, config):
    docs_prefix = Path(config.docs_dir).resolve().relative_to(_root(config)).as_posix()
    docs_dir = os.path.join(os.path.abspath(config.docs_dir), "")
    taken = {}
    for file in files:
        in_docs = (file.abs_src_path or "").startswith(docs_dir)
        taken[_uri_key(file.src_uri)] = taken[_uri_key(file.dest_uri)] = \
            (file.src_uri, f"{docs_prefix}/{file.src_uri}" if in_docs else None)
        if file.generated_by is None and file.is_documentation_page():
            # The "Sửa trang này" pencil only where editors look; readers never need it.
            file.edit_uri = f"{docs_prefix}/{file.src_uri}" if file.src_uri in EDITOR_PAGES else None
    in_nav = set(_nav_paths(config.nav or []))
    _Build.framed, _Build.images, _Build.later = [], set(), []
    _Build.previous_cards, _Build.cards = _Build.cards, set()
    with collector.paused():
        _generate(config, files, taken, in_nav)
    # A page alone in its folder gains nothing from a frame, and a frame cannot know where the
    # theme links to the page itself (the header's search form on the search page): MkDocs renders it.
    folders = Counter(frame_folder(p.url) for p in _Build.framed)
    for page in [p for p in _Build.framed if folders[frame_folder(p.url)] == 1]:
        files.append(_file(config, page))
    _Build.framed = [p for p in _Build.framed if folders[frame_folder(p.url)] > 1]
    return files


def _generate(config, files, taken: dict, in_nav: set) -> None:
    """Add what every generator yields: pages to be framed to `_Build.framed`, the rest to `files`."""
    frames = os.environ.get(FRAMES_ENV) != "0"
    generators = GENERATORS
    if _Build.serving:  # drafts and the messages of broken files: the preview only
        generators = (GENERATORS + (preview.draft_pages, lambda showcase, url: preview.problem_pages(_Build.problems))
                      if _Build.showcase is not None else (lambda showcase, url: preview.home_only(_Build.problems),))
    same_file: set[tuple[str, str]] = set()  # a cached file (a share card) yielded again for another page
    for generate in generators:
        try:
            for generated in share_cards.with_cards(generate(_Build.showcase, config.site_url or ""),
                                                    _Build.showcase.root if _Build.showcase else _Build.root,
                                                    config.site_url or ""):
                if isinstance(generated, CachedFile):
                    # Pages may share one card or photo (same content, same address): one file.
                    key = (generated.src_uri, str(generated.path))
                    if key in same_file:
                        continue
                    same_file.add(key)
                if _Build.problems:
                    generated = preview.with_home_banner(generated, _Build.problems)
                src_uri = _inside_site(generated.src_uri)
                framed = frames and isinstance(generated, GeneratedPage) and src_uri not in in_nav \
                    and generated.meta.get("title")
                file = None if framed else _file(config, generated)
                dest_uri = _inside_site(generated.dest_uri if framed else file.dest_uri)
                # Never two files for one address (one would silently replace the other), whether
                # both are generated or one is a hand-written page of docs/ (quyen-rieng-tu/).
                for uri in (src_uri, dest_uri):
                    clash = taken.get(_uri_key(uri))
                    if clash:
                        other, hand_written = clash
                        raise PluginError(
                            f"Trang tạo tự động `{dest_uri}` trùng với `{other}` (cùng một địa chỉ) nên không dựng "
                            "trang web. " + (f"Đổi tên hoặc xoá tệp {hand_written}." if hand_written else
                                             "Kiểm tra các mã trong criteria.yml, units.yml và tên tệp hồ sơ: "
                                             "hai mục không được trùng mã, kể cả khi chỉ khác chữ hoa, chữ thường."))
                if framed:
                    _Build.framed.append(generated)
                else:
                    files.append(file)
                    if isinstance(generated, CachedFile):
                        _Build.images.add(generated.path)
                        _Build.cards.add(src_uri)
                taken[_uri_key(src_uri)] = taken[_uri_key(dest_uri)] = (src_uri, None)
        except ProblemError as exc:  # a generator's own data file (e.g. calendar.yml) is wrong
            raise PluginError(render([exc.problem], 1, "text")) from None


def _inside_site(uri: str) -> str:
    """`uri`, a path in the site made from ids and file names, if it names a file inside site/;
    else the build stops before anything is written. Checked as text, without the disk: no
    empty, `.` or `..` part, no absolute path, backslash, drive letter or control character.
    Validation refuses such ids first (DH008, DH009, DH010); this is the last line."""
    parts = uri.split("/")
    if not uri or _UNSAFE_URI.search(uri) or any(part in ("", ".", "..") for part in parts):
        raise PluginError(f"Không ghi tệp `{uri!r}`: địa chỉ này nằm ngoài thư mục trang web (site/) hoặc không "
                          "hợp lệ, nên không dựng trang web. Kiểm tra các mã trong criteria.yml, units.yml và "
                          "tên tệp, tên thư mục trong exemplars/, movements/.")
    return uri


_UNSAFE_URI = re.compile(r"[\x00-\x1f\x7f\\:]")


def _uri_key(uri: str) -> str:
    # Case and Unicode form too: on macOS and Windows `Loai/` and `loai/` are the same folder.
    return unicodedata.normalize("NFC", uri).casefold()


def on_nav(nav, config, files):
    _Build.nav, _Build.files, _Build.doc_pages = nav, files, None
    return nav


def on_page_markdown(markdown, page, config, files):
    # Sitemap dates come from the content (a profile's publication date), never the clock.
    page.update_date = _update_date(page.meta)
    if page.meta.get("format") == HTML:
        # Finished HTML: Markdown would only re-parse it, at a cost that grows with the site.
        _Build.html[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html, page, config, files):
    return _Build.html.pop(page.file.src_uri, html)


def on_env(env, config, files):
    # MkDocs writes the static files next: the files made on another core must be ready.
    for file, later in _Build.later:
        file.content_bytes = later.result()
    _Build.later = []
    env.globals["sc_nav_cache"] = {}  # see overrides/main.html: one per build
    if not _Build.atomic:
        env.bytecode_cache = MEMO.template_code
    _Build.env = env
    return env


def on_page_context(context, page, config, nav):
    """A share card for a page MkDocs renders itself (docs/, the statistics page): generated
    pages have theirs (share_cards.with_cards); a frame's stand-in page is left alone."""
    if not page.meta.get("image") and marker(EDIT)[0] not in str(page.title):
        card = share_cards.card(_Build.root, str(page.title or ""))
        target = Path(config.site_dir) / card.src_uri
        if not target.exists():
            _link_or_copy(str(card.path), str(target))
        _Build.images.add(card.path)
        page.meta.update(share_cards.escaped_meta(card, config.site_url or ""))
    return context


def on_post_page(output, page, config):
    if _Build.indexer:
        _Build.indexer.add("/" + page.url, output)
    return output


def on_post_build(config) -> None:
    _publish_framed(config)
    bundle = Path(config.site_dir) / BUNDLE
    indexer, _Build.indexer = _Build.indexer, None
    if indexer is None:
        # A rebuild of `mkdocs serve`: indexing every page again would take longer than the
        # rest of the rebuild; the preview keeps the index of its first build.
        if not bundle.exists() and MEMO.search_bundle is not None:  # `--dirty` keeps it in place
            shutil.copytree(MEMO.search_bundle, bundle)
        log.info("Tìm kiếm dùng chỉ mục của lần dựng đầu; dừng và chạy lại lệnh xem trước để cập nhật.")
    else:
        try:
            count = indexer.finish()
            log.info(f"Đã lập chỉ mục tìm kiếm: {count} trang.")
        except RuntimeError as exc:
            raise PluginError(f"Không lập được chỉ mục tìm kiếm ({exc}). Chạy lại lệnh dựng trang; nếu lỗi lặp "
                              "lại, cài lại môi trường bằng `make install`.") from None
        # The search page named the index's parts before they were written (search.search_page).
        if _Build.showcase and search.shard_count(count) != search.shard_count(search.indexed_pages(_Build.showcase)):
            raise PluginError(f"Chỉ mục tìm kiếm có {count} trang, khác số hồ sơ và phong trào công khai; trang "
                              "Tra cứu sẽ không tìm được hết. Đây là lỗi của chương trình dựng trang, không phải do "
                              "hồ sơ: báo cho người phụ trách kỹ thuật.")
        if not _Build.atomic:
            stash = tempfile.mkdtemp(prefix="showcase-search-")
            atexit.register(shutil.rmtree, stash, ignore_errors=True)  # when the preview server stops
            MEMO.search_bundle = Path(stash) / BUNDLE
            shutil.copytree(bundle, MEMO.search_bundle)
    _publish_editor(config)
    if not _Build.atomic:  # a preview writes over the previous build's files
        share_cards.remove(Path(config.site_dir), _Build.previous_cards - _Build.cards)
    _Build.succeeded = True


def _publish_editor(config) -> None:
    """The form editor at /bien-tap/ (showcase/editors/decap.py), when Decap CMS is installed."""
    if _Build.showcase is None:  # a preview of content that cannot be read: nothing to choose from
        return
    proxy = os.environ.get(decap.PROXY_ENV) or None  # `make edit`: decap-server on loopback
    # Under `make edit` the form's "view" links open the local preview, not the public site.
    site_url = f"http://{config.dev_addr.host}:{config.dev_addr.port}/" if proxy else config.site_url or ""
    settings = decap.decap_config(_Build.showcase.criteria, registries_of(_Build.showcase),
                                  decap.repository_of(config.repo_url, config.edit_uri), site_url,
                                  (config.extra or {}).get("bien_tap"), proxy)
    if not decap.write_editor(Path(config.site_dir), _Build.root, settings, proxy):
        log.info("Chưa cài Decap CMS (lệnh `npm ci`) nên không tạo trang biên tập /bien-tap/; các trang khác vẫn đủ.")


def on_build_error(error) -> None:
    # Also called when strict mode aborts after on_post_build.
    _Build.succeeded = False
    _close_indexer()


def _close_indexer() -> None:
    if _Build.indexer is not None:
        _Build.indexer.close()
        _Build.indexer = None


def on_shutdown() -> None:
    temp, final = _Build.temp_dir, _Build.final_dir
    if temp is None:
        return
    _Build.temp_dir = None
    if not _Build.succeeded:
        shutil.rmtree(temp, ignore_errors=True)
        return
    os.chmod(temp, 0o755)  # mkdtemp creates it private; a web server must read the site
    trash = final.parent / TRASH
    trash.mkdir(exist_ok=True)
    previous = Path(tempfile.mkdtemp(dir=trash))
    if final.exists():
        os.replace(final, previous)  # onto the empty placeholder: two renames, no copying
    os.rename(temp, final)
    _empty_later(trash)
    log.info(f"Đã cập nhật trang web trong {final}")
    # A full build publishes every photo still in use: the other renditions in the cache are old.
    removed = images.prune(_Build.root / images.CACHE_DIR, _Build.images, _Build.started)
    if removed:
        log.info(f"Đã xoá {removed} ảnh cũ khỏi bộ nhớ đệm {images.CACHE_DIR}.")
    if _Build.store is not None:
        page_store.prune(_Build.root, _Build.stored, _Build.started)
        _Build.store, _Build.stored = None, set()


# Beside site/: the previous site, moved there when a build succeeds and deleted by a process
# of its own, so that the build does not wait for it (tens of thousands of files).
TRASH = ".site-old"


def _empty_later(trash: Path) -> None:
    """Delete `trash` (what earlier builds left there too) in a process that outlives this one."""
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(trash)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(trash, ignore_errors=True)


def _publish_framed(config) -> None:
    """Write every framed page (and feed it to the search index), then the full sitemap.

    A full build shares the pages among forked copies of this process, one per core
    (`_publish_in_forks`). A preview (`mkdocs serve --dirty`) keeps the previous build's files:
    pages that come out the same are not written again, pages that no longer exist are removed."""
    # The pages of the search index first: Pagefind writes its bundle while the rest render.
    _Build.framed.sort(key=lambda page: not is_indexed(page))
    entries = [_SitemapEntry(config.site_url, generated.url, _update_date(generated.meta))
               for generated in _Build.framed]
    if _Build.atomic:
        _Build.store, _Build.stored = PageStore(_Build.root, _Build.showcase, _site_settings(config)), set()
    fork_from = int(os.environ.get(FORK_FROM_ENV) or FORK_FROM)
    workers = forks.workers() if _Build.atomic and len(_Build.framed) >= fork_from else 1
    if workers > 1:
        _publish_in_forks(config, workers)
        written = len(_Build.framed)
    else:
        written = _publish_here(config)
    _write_sitemap(config, entries)
    if _Build.framed:
        reused = f"; {_Build.store.hits} trang có sẵn từ lần dựng trước" if _Build.store else ""
        log.info(f"Đã tạo {len(_Build.framed)} trang theo khung giao diện{reused}"
                 + ("." if written == len(_Build.framed) else f", ghi lại {written} trang đã thay đổi."))
    _Build.framed = []


def _site_settings(config) -> str:
    """What of mkdocs.yml a generated page's body may show (page_store.PageStore)."""
    return repr((config.site_name, config.site_url, config.site_description, config.repo_url, config.edit_uri,
                 config.extra, search.FEDERATED))


# Below this many framed pages, forking the build costs more than sharing the pages saves.
FORK_FROM = 1000
FORK_FROM_ENV = "SHOWCASE_FORK_FROM"  # tests fork the small demo site too
_BATCH = 64  # pages a forked worker reports at once


def _publish_in_forks(config, workers: int) -> None:
    """Render the framed pages in `workers` forked processes (page i in worker i mod workers).
    This process writes them, and hands what each gives the search index to Pagefind, in the
    pages' own order, so that two builds of the same content write the same index. One writer:
    two processes creating files in one folder wait on each other (5.6 s against 1.5 s for
    10,000 pages, ext4)."""
    framed, indexer, site_dir, store = _Build.framed, _Build.indexer, config.site_dir, _Build.store

    def job(index: int, count: int, send) -> None:
        frames: dict = {}
        batch = []
        for position in range(index, len(framed), count):
            generated = framed[position]
            key, body, stored = store.body(generated)
            html = _frame(config, frames, frame_key(generated, body)).fill(generated, body)
            batch.append((position, html.encode("utf-8", errors="xmlcharrefreplace"),
                          indexer and indexed_part(html), key, stored))
            if len(batch) == _BATCH:
                send(batch)
                batch = []
        send(batch)

    waiting: dict[int, tuple] = {}
    following = 0
    used = _Build.stored
    indexed = sum(map(is_indexed, framed))  # they come first

    def receive(batch) -> None:
        nonlocal following
        waiting.update((position, rest) for position, *rest in batch)
        while following in waiting:
            data, part, key, stored = waiting.pop(following)
            used.add(key)
            _Build.store.hits += stored
            generated = framed[following]
            _write_page(site_dir, generated.dest_uri, data)
            if indexer:
                indexer.add_part("/" + generated.url, part)
            following += 1
            if following == indexed and indexer:
                indexer.end()

    forks.in_forks(workers, job, receive)


def _write_page(site_dir: str, dest_uri: str, data: bytes) -> None:
    path = os.path.join(site_dir, dest_uri)
    try:
        file = open(path, "wb")
    except FileNotFoundError:  # the page's folder, made only when missing (once a profile)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        file = open(path, "wb")
    with file:
        file.write(data)


def _publish_here(config) -> int:
    """The framed pages, one after the other in this process; how many were written."""
    frames: dict = {}
    site_dir = Path(config.site_dir)
    written = 0
    for generated in _Build.framed:
        path = site_dir / generated.dest_uri
        kept = None if _Build.atomic else MEMO.page(generated)  # a preview keeps bodies between builds
        if kept:
            body = kept.body
        else:
            key, body, _ = _Build.store.body(generated)
            _Build.stored.add(key)
        if kept and kept.frame is None:
            kept.frame = frame_key(generated, body)
        frame = _frame(config, frames, kept.frame if kept else frame_key(generated, body))
        html = None
        stamp = frame.digest + kept.fingerprint if kept else None  # what a preview's page is made from
        # A preview's page made from the same frame and the same values is on disk already.
        if kept is None or kept.written != stamp or not path.exists():
            html = frame.fill(generated, body)
            _write_page(config.site_dir, generated.dest_uri, html.encode("utf-8", errors="xmlcharrefreplace"))
            written += 1
            if kept:
                kept.written = stamp
        if _Build.indexer:
            _Build.indexer.add("/" + generated.url, html or frame.fill(generated, body))
    if not _Build.atomic:
        for url in MEMO.forget_all_but({page.url for page in _Build.framed}):
            if _Build.files.get_file_from_path(url + "index.html") is None:  # not now a withdrawn profile's notice
                shutil.rmtree(site_dir / url, ignore_errors=True)
    return written


def _frame(config, frames: dict, key) -> Frame:
    if key not in frames:
        frames[key] = _render_frame(config, key)
    return frames[key]


def _doc_pages() -> list:
    """MkDocs' pages, listed once per build: every frame's context reads them (a list
    comprehension over every file of the site, 60,000 at 50,000 profiles)."""
    if _Build.doc_pages is None:
        _Build.doc_pages = _Build.files.documentation_pages()
    return _Build.doc_pages


def _render_frame(config, key) -> Frame:
    """The theme's page template, rendered as MkDocs would for a page with these kinds of values."""
    url = key.stand_in_url()
    file = File.generated(config, url + "index.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
    file.edit_uri = marker(EDIT) if key.has_edit else None
    page = Page(None, file, config)
    page.markdown, page.meta, page.content, page.toc = "", key.stand_in_meta(), key.stand_in_content(), get_toc([])
    page.active = True
    config._current_page = page
    try:
        context = get_context(_Build.nav, _doc_pages(), config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=_Build.nav)
        html = _Build.env.get_template("main.html").render(context)
    finally:
        page.active = False
        config._current_page = None
    return Frame(html, url)


class _SitemapEntry:
    """A framed page's line of the sitemap: its full address (None without a site_url) and date."""

    __slots__ = ("loc", "update_date")

    def __init__(self, site_url: str | None, url: str, update_date: str):
        self.loc = urls.absolute(site_url, quote(url)) if site_url else None  # as MkDocs quotes its own
        self.update_date = update_date


def _write_sitemap(config, framed: list) -> None:
    """The sitemap index and its gzipped parts (showcase/sitemaps.py), in place of the theme's
    single sitemap.xml that MkDocs wrote before the framed pages existed. Like MkDocs, it lists
    no page without a site_url: a sitemap needs full addresses."""
    entries = []
    for file in _Build.files.documentation_pages():
        page = file.page
        if page is None or not page.canonical_url:
            continue
        if page.markdown is None:  # a preview's rebuild skips the pages of docs/ it did not change
            page.update_date = _update_date(page.meta)
        entries.append((page.canonical_url, page.update_date))
    entries += [(entry.loc, entry.update_date) for entry in framed if entry.loc]
    sitemaps.write(Path(config.site_dir), config.site_url or "", entries)


def _update_date(meta: dict) -> str:
    # Sitemap dates come from the content (a profile's publication date), never the clock.
    return str(escaped(meta["updated"]) if meta.get("updated") else _Build.site_date)


def _nav_paths(items) -> list[str]:
    """Every page path named in mkdocs.yml's nav."""
    paths = []
    for item in items:
        if isinstance(item, str):
            paths.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                paths.extend(_nav_paths(value) if isinstance(value, list) else [value])
    return paths


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _file(config, generated) -> File:
    # Generated pages stay out of the navigation: nav lists sections, never profiles.
    if isinstance(generated, CachedFile):
        file = _LinkedFile.generated(config, generated.src_uri, abs_src_path=str(generated.path),
                                     inclusion=InclusionLevel.NOT_IN_NAV)
    elif isinstance(generated, GeneratedPage):
        file = File.generated(config, generated.src_uri, content=markdown_source(generated),
                              inclusion=InclusionLevel.NOT_IN_NAV)
    elif isinstance(generated.content, Later):  # being made on another core: waited for in on_env
        file = File.generated(config, generated.src_uri, content=b"", inclusion=InclusionLevel.NOT_IN_NAV)
        _Build.later.append((file, generated.content))
    else:
        file = File.generated(config, generated.src_uri, content=generated.content,
                              inclusion=InclusionLevel.NOT_IN_NAV)
    if generated.edit_path:
        file.edit_uri = edit_address(generated.edit_path)  # percent-encoded, as in a frame
    return file


class _LinkedFile(File):
    """A file of the image cache (a photo's rendition, a share card), published as a hard link
    to the cached file: the same bytes at a fraction of a copy's cost (10,000 cards). The
    cache is only ever replaced by renaming a new file over it, never written in place, so
    the site's file cannot change with it. A copy where linking is not possible."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        _link_or_copy(self.abs_src_path, self.abs_dest_path)


def _link_or_copy(source: str, target: str) -> None:
    for _ in range(3):
        try:
            os.link(source, target)
            return
        except FileExistsError:  # a preview's previous file: replaced, never written into
            os.unlink(target)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
        except OSError:  # another file system, or no hard links there
            break
    if os.path.lexists(target):  # it may be a link to the cache: a copy must not write into it
        os.unlink(target)
    shutil.copyfile(source, target)


# --- Never a traceback ----------------------------------------------------------------------
# A defect of this program (not of the content) must not greet an editor with a Python
# traceback: every hook turns an unexpected exception into one Vietnamese line, and keeps the
# traceback for developers in a file under .site-cache/.
CRASH_LOG = ".site-cache/loi-dung-trang.log"


def _never_a_traceback(hook):
    import functools
    import traceback

    from mkdocs.exceptions import MkDocsException

    @functools.wraps(hook)
    def guarded(*args, **kwargs):
        try:
            return hook(*args, **kwargs)
        except MkDocsException:
            raise
        except Exception as exc:
            where = Path(_Build.root or Path.cwd()) / CRASH_LOG
            try:
                where.parent.mkdir(parents=True, exist_ok=True)
                where.write_text(traceback.format_exc(), encoding="utf-8")
                kept = f" Chi tiết kỹ thuật đã được ghi vào `{CRASH_LOG}`."
            except OSError:
                kept = ""
            raise PluginError(f"Lỗi ngoài dự kiến của chương trình dựng trang ({type(exc).__name__}), không phải do "
                              f"hồ sơ.{kept} Chạy lại lệnh; nếu lỗi lặp lại, gửi tệp đó cho người phụ trách kỹ "
                              "thuật.") from None
    return guarded


for _name, _hook in list(globals().items()):
    if _name.startswith("on_") and callable(_hook):
        globals()[_name] = _never_a_traceback(_hook)
