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
import gzip
import logging
import os
import re
import shutil
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
from mkdocs.utils import get_build_timestamp, write_file

from showcase import collector, images, preview, share_cards, urls
from showcase.frame import EDIT, Frame, edit_address, frame_folder, frame_key, marker
from showcase.editors import decap
from showcase.editors.registries import registries_of
from showcase.generated import GeneratedPage
from showcase.images import CachedFile
from showcase.memo import MEMO
from showcase.output import render
from showcase.problems import ProblemError
from showcase.repository import load_showcase, only
from showcase.search import BUNDLE, SearchIndexer
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


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` builds into its own temporary directory, and a --dirty build only
    # rewrites changed pages of the existing site: neither can go through a fresh directory.
    _Build.atomic = command == "build" and not dirty
    _Build.serving = command == "serve"


def on_config(config):
    share_cards.SITE_NAME, share_cards.SITE_DESCRIPTION = config.site_name, config.site_description or ""
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
    _Build.framed, _Build.images = [], set()
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
    _Build.nav, _Build.files = nav, files
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
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(card.path, target)
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
            log.info(f"Đã lập chỉ mục tìm kiếm: {indexer.finish()} trang.")
        except RuntimeError as exc:
            raise PluginError(f"Không lập được chỉ mục tìm kiếm ({exc}). Chạy lại lệnh dựng trang; nếu lỗi lặp "
                              "lại, cài lại môi trường bằng `make install`.") from None
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
    previous = Path(tempfile.mkdtemp(prefix=".site-old-", dir=final.parent))
    if final.exists():
        os.replace(final, previous)  # onto the empty placeholder: two renames, no copying
    os.rename(temp, final)
    shutil.rmtree(previous, ignore_errors=True)
    log.info(f"Đã cập nhật trang web trong {final}")
    # A full build publishes every photo still in use: the other renditions in the cache are old.
    removed = images.prune(_Build.root / images.CACHE_DIR, _Build.images, _Build.started)
    if removed:
        log.info(f"Đã xoá {removed} ảnh cũ khỏi bộ nhớ đệm {images.CACHE_DIR}.")


def _publish_framed(config) -> None:
    """Write every framed page (and feed it to the search index), then the full sitemap.

    A preview (`mkdocs serve --dirty`) keeps the previous build's files: pages that come out
    the same are not written again, pages that no longer exist are removed."""
    frames: dict = {}
    site_dir = Path(config.site_dir)
    entries = []
    written = 0
    for generated in _Build.framed:
        path = site_dir / generated.dest_uri
        kept = None if _Build.atomic else MEMO.page(generated)  # a preview keeps bodies between builds
        body = kept.body if kept else generated.render()
        if kept and kept.frame is None:
            kept.frame = frame_key(generated, body)
        frame = _frame(config, frames, kept.frame if kept else frame_key(generated, body))
        html = None
        stamp = frame.digest + kept.fingerprint if kept else None  # what a preview's page is made from
        # A preview's page made from the same frame and the same values is on disk already.
        if kept is None or kept.written != stamp or not path.exists():
            html = frame.fill(generated, body)
            write_file(html.encode("utf-8", errors="xmlcharrefreplace"), str(path))
            written += 1
            if kept:
                kept.written = stamp
        if _Build.indexer:
            _Build.indexer.add("/" + generated.url, html or frame.fill(generated, body))
        entries.append(_SitemapEntry(config.site_url, generated.url, _update_date(generated.meta)))
    if not _Build.atomic:
        for url in MEMO.forget_all_but({page.url for page in _Build.framed}):
            if _Build.files.get_file_from_path(url + "index.html") is None:  # not now a withdrawn profile's notice
                shutil.rmtree(site_dir / url, ignore_errors=True)
    _write_sitemap(config, entries)
    if frames:
        log.info(f"Đã tạo {len(_Build.framed)} trang theo {len(frames)} khung giao diện"
                 + ("." if written == len(_Build.framed) else f", ghi lại {written} trang đã thay đổi."))
    _Build.framed = []


def _frame(config, frames: dict, key) -> Frame:
    if key not in frames:
        frames[key] = _render_frame(config, key)
    return frames[key]


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
        context = get_context(_Build.nav, _Build.files.documentation_pages(), config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=_Build.nav)
        html = _Build.env.get_template("main.html").render(context)
    finally:
        page.active = False
        config._current_page = None
    return Frame(html, url)


class _SitemapEntry:
    """What MkDocs' sitemap template reads of a file: `file.page.canonical_url`..."""

    is_link = False

    def __init__(self, site_url: str | None, url: str, update_date: str):
        self.page = self
        self.canonical_url = urls.absolute(site_url, quote(url)) if site_url else None  # as MkDocs quotes its own
        self.abs_url = "/" + url
        self.update_date = update_date


def _write_sitemap(config, framed: list) -> None:
    """The theme's sitemap.xml again, now with the framed pages (MkDocs wrote it before them)."""
    files = [f for f in _Build.files.documentation_pages() if f.page is not None]
    for file in files:
        if file.page.markdown is None:  # a preview's rebuild skips the pages of docs/ it did not change
            file.page.update_date = _update_date(file.page.meta)
    files += framed
    context = get_context(_Build.nav, [], config)
    context["pages"] = files
    xml = _Build.env.get_template("sitemap.xml").render(context)
    path = Path(config.site_dir) / "sitemap.xml"
    write_file(xml.encode("utf-8"), str(path))
    with open(f"{path}.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, filename=f"{path}.gz", mode="wb",
                                                         mtime=get_build_timestamp(pages=[f.page for f in files])) as gz:
        gz.write(xml.encode("utf-8"))


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
        file = File.generated(config, generated.src_uri, abs_src_path=str(generated.path),
                              inclusion=InclusionLevel.NOT_IN_NAV)
    elif isinstance(generated, GeneratedPage):
        file = File.generated(config, generated.src_uri, content=markdown_source(generated),
                              inclusion=InclusionLevel.NOT_IN_NAV)
    else:
        file = File.generated(config, generated.src_uri, content=generated.content,
                              inclusion=InclusionLevel.NOT_IN_NAV)
    if generated.edit_path:
        file.edit_uri = edit_address(generated.edit_path)  # percent-encoded, as in a frame
    return file


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
