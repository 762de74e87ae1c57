"""The MkDocs adapter (registered under `hooks:` in mkdocs.yml): the only module that imports MkDocs.

It stays thin so that moving to another generator is a small change:
- loads and validates the repository once per build and fails the build, with the
  validator's Vietnamese messages, if any profile is invalid;
- adds every file of `showcase.site.GENERATORS` in memory (never writes into docs/),
  with "edit this page" pointing at the profile's own source file;
- hands each rendered profile and movement page to the search index (Pagefind, its own
  process on the other core) while the rest of the site renders;
- dates every page from the content, so two builds of the same content are identical;
- on `mkdocs build`, writes into a temporary sibling of `site/` and swaps it in only when
  the whole build succeeded: a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from showcase.images import CachedFile
from showcase.output import render
from showcase.problems import ProblemError
from showcase.repository import load_showcase, only
from showcase.search import BUNDLE, SearchIndexer
from showcase.site import GENERATORS, site_date
from showcase.templating import HTML

log = logging.getLogger("mkdocs.plugins.showcase")
PREVIEW_ENV = "SHOWCASE_PREVIEW"


class _Build:
    """State of the current command; MkDocs calls hooks as plain functions."""

    atomic = False  # build into a temporary directory and swap it in at the end
    showcase = None
    site_date: str = ""
    html: dict[str, str] = {}  # bodies of `format: html` pages, from on_page_markdown to on_page_content
    final_dir: Path | None = None  # where the site goes once the build succeeded
    temp_dir: Path | None = None
    succeeded = False
    indexer = None  # the search index, filled while pages render


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` builds into its own temporary directory, and a --dirty build only
    # rewrites changed pages of the existing site: neither can go through a fresh directory.
    _Build.atomic = command == "build" and not dirty


def on_config(config):
    if _Build.atomic:
        final = Path(config.site_dir).resolve()
        final.parent.mkdir(parents=True, exist_ok=True)
        _Build.final_dir = final
        _Build.temp_dir = Path(tempfile.mkdtemp(prefix=".site-build-", dir=final.parent))
        _Build.succeeded = False
        config.site_dir = str(_Build.temp_dir)
    return config


def on_pre_build(config) -> None:
    _Build.html.clear()  # left over if a previous `mkdocs serve` rebuild failed half-way
    root = _root(config)
    result = load_showcase(root)
    if result.errors:
        raise PluginError("Nội dung chưa hợp lệ nên không dựng trang web. Sửa các lỗi sau rồi chạy lại:\n"
                          + render(result.problems, result.files, "text"))
    if result.warnings:  # logged as info: a logged warning would fail the strict build
        log.info("Kết quả kiểm tra nội dung:\n" + render(result.warnings, result.files, "text"))
    _Build.showcase = result.showcase
    _Build.site_date = site_date(result.showcase).isoformat()
    preview = os.environ.get(PREVIEW_ENV)
    if preview and not _Build.atomic:
        # `make preview FILE=...`: every file is validated, only the named profiles are built,
        # so that an editor sees a change within seconds in a repository of thousands.
        _Build.showcase = only(result.showcase, preview.split(","))
        log.info(f"Xem trước {len(_Build.showcase.exemplars)} hồ sơ ({PREVIEW_ENV}={preview}).")
    _close_indexer()  # left over if a previous `mkdocs serve` rebuild failed half-way
    _Build.indexer = SearchIndexer(Path(config.site_dir) / BUNDLE)


def on_files(files, config):
    docs_prefix = Path(config.docs_dir).resolve().relative_to(_root(config)).as_posix()
    taken = {}
    for file in files:
        taken[file.src_uri] = taken[file.dest_uri] = file
        if file.generated_by is None and file.is_documentation_page():
            file.edit_uri = f"{docs_prefix}/{file.src_uri}"  # edit_uri in mkdocs.yml is the repository root
    for generate in GENERATORS:
        try:
            for generated in generate(_Build.showcase, config.site_url or ""):
                file = _file(config, generated)
                clash = taken.get(file.src_uri) or taken.get(file.dest_uri)
                if clash:
                    raise PluginError(f"Trang tạo tự động `{file.dest_uri}` trùng với `{clash.src_uri}`. "
                                      "Đổi tên hoặc xoá tệp đó trong thư mục docs/.")
                taken[file.src_uri] = taken[file.dest_uri] = file
                files.append(file)
        except ProblemError as exc:  # a generator's own data file (e.g. calendar.yml) is wrong
            raise PluginError(render([exc.problem], 1, "text")) from None
    return files


def on_page_markdown(markdown, page, config, files):
    # Sitemap dates come from the content (a profile's publication date), never the clock.
    page.update_date = str(page.meta.get("updated") or _Build.site_date)
    if page.meta.get("format") == HTML:
        # Finished HTML: Markdown would only re-parse it, at a cost that grows with the site.
        _Build.html[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html, page, config, files):
    return _Build.html.pop(page.file.src_uri, html)


def on_env(env, config, files):
    env.globals["sc_nav_cache"] = {}  # see overrides/main.html: one per build
    return env


def on_post_page(output, page, config):
    _Build.indexer.add("/" + page.url, output)
    return output


def on_post_build(config) -> None:
    indexer, _Build.indexer = _Build.indexer, None
    log.info(f"Đã lập chỉ mục tìm kiếm: {indexer.finish()} trang.")
    _Build.succeeded = True


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


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _file(config, generated) -> File:
    # Generated pages stay out of the navigation: nav lists sections, never profiles.
    if isinstance(generated, CachedFile):
        file = File.generated(config, generated.src_uri, abs_src_path=str(generated.path),
                              inclusion=InclusionLevel.NOT_IN_NAV)
    else:
        file = File.generated(config, generated.src_uri, content=generated.content,
                              inclusion=InclusionLevel.NOT_IN_NAV)
    if generated.edit_path:
        file.edit_uri = generated.edit_path
    return file
