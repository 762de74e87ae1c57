"""Jinja2 rendering for generated pages: autoescaped templates, Vietnamese formats, links.

A generated page is YAML front-matter plus one HTML block. Material prints some
`page.meta` values (title, description) into the HTML unescaped, so every front-matter
string is HTML-escaped here, once, whatever it contains.
"""

from __future__ import annotations

import datetime as dt
import html
import json

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import search, urls
from .generated import GeneratedPage

HTML = "html"  # front-matter `format` of a page whose body is HTML, not Markdown

ENV = Environment(loader=PackageLoader("showcase", "templates"), autoescape=True, undefined=StrictUndefined,
                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def vi_date(value: dt.date) -> str:
    """12 tháng 4 năm 2024."""
    return f"{value.day} tháng {value.month} năm {value.year}"


def vi_number(value: int) -> str:
    """10.000: Vietnamese groups thousands with a dot."""
    return f"{value:,}".replace(",", ".")


ENV.globals["urls"] = urls
ENV.globals["search"] = search
ENV.filters["vi_date"] = vi_date
ENV.filters["vi_number"] = vi_number


def relative_url(target: str, here: str) -> str:
    """Link from the page at `here` (a directory URL, '' for home) to a site-relative `target`.

    What `posixpath.relpath` gives, without its path normalisation: it ran for every link of
    every page and was a tenth of the page generation."""
    here_parts = here.split("/")[:-1]
    target_parts = target.split("/")
    if target_parts[-1] == "":
        target_parts.pop()
    common = 0
    for a, b in zip(here_parts, target_parts):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here_parts) - common) + target_parts[common:]) or "."
    if target.endswith("/") or not target:
        return "./" if rel == "." else rel + "/"
    return rel


class Links:
    """Relative links from one page, so the site works under any path and from disk."""

    def __init__(self, here: str):
        self.here = here

    def __call__(self, target: str) -> str:
        return relative_url(target, self.here)


def front_matter(meta: dict) -> str:
    lines = ["---"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(escaped(value), ensure_ascii=False)}")
    lines += ["---", ""]
    return "\n".join(lines)


def escaped(value):
    """A front-matter value as the theme prints it: HTML-escaped text (dates in ISO form)."""
    if isinstance(value, (list, tuple)):
        return [escaped(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return html.escape(str(value))


class Lazy:
    """A template value computed only when its page is rendered (a story's HTML...)."""

    def __init__(self, function, *args):
        self.function, self.args = function, args

    def __call__(self):
        return self.function(*self.args)


def page(url: str, template: str, meta: dict, **context) -> GeneratedPage:
    """The page published at `url` ('dien-hinh/a/', '' for home; MkDocs directory URLs):
    `template` rendered with links relative to `url`, when the site asks for it."""
    def body() -> str:
        values = {key: value() if isinstance(value, Lazy) else value for key, value in context.items()}
        return ENV.get_template(template).render(link=Links(url), **values)

    return GeneratedPage(url, meta, body, None, (template, context))  # public pages carry no edit link


def markdown_source(generated: GeneratedPage) -> str:
    """The page as a Markdown file whose body is finished HTML (`format: html`): the site
    generator should publish the body as it is."""
    return front_matter({**generated.meta, "format": HTML}) + "\n" + generated.render()


def render(template: str, **context) -> str:
    return ENV.get_template(template).render(**context)
