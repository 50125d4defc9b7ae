"""Material for MkDocs' blog plugin: where a post is published, from ``mkdocs.yml``.

With ``plugins: [blog]`` the posts in ``docs/blog/posts/`` (the plugin's ``post_dir``, under
its ``blog_dir``) are not served at their path: each is at ``/blog/`` and its
``post_url_format`` (``{date}/{slug}`` by default), the date written in
``post_url_date_format`` (``yyyy/MM/dd``) from the post's ``date``, the slug its ``slug``, else
its title made a slug (lower case, only letters, digits, ``_`` and ``-``, spaces as the
``post_slugify_separator``), ``{categories}`` its first ``post_url_max_categories`` categories
made slugs, ``{file}`` its file's name; ``.html`` at the end with ``use_directory_urls: false``.

The blog's own ``index.md`` (in ``blog_dir``: the docs folder's ``index.md`` with ``blog_dir:
.``) is where the plugin lists the posts, a page at a time, below what the file says itself: a
listing, as Hugo's section pages are, unless the file holds a page of prose of its own
(`stagemap.read.blogindex`).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..lazyre import lazy

_PART = lazy(r"yyyy|yy|MM|M|dd|d")
_NOT_SLUG = lazy(r"[^\w\s-]")
_DAY = lazy(r"(\d{4})-(\d{2})-(\d{2})")


def blog_spec(data: Mapping[str, Any]) -> tuple[str, str] | None:
    """Return, from ``mkdocs.yml``'s settings, the folder of the blog's posts under the docs
    folder and how their addresses are made (as text, for a page's place), or None without the
    blog plugin."""
    plugins = data.get("plugins")
    found: Any = None
    for plugin in plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, dict) else []:
        if isinstance(plugin, str) and plugin.split("/")[-1] == "blog":
            found = {}
        elif isinstance(plugin, dict):
            found = next(
                (
                    v if isinstance(v, dict) else {}
                    for k, v in plugin.items()
                    if str(k).split("/")[-1] == "blog"
                ),
                found,
            )
    if found is None or found.get("enabled") is False:
        return None
    # As the plugin reads them: normalised (``./blog`` is ``blog``), ``.`` the docs folder itself.
    blog = posixpath.normpath(str(found.get("blog_dir", "blog")).strip("/") or ".")
    blog = "" if blog == "." else blog
    posts = posixpath.normpath(str(found.get("post_dir", "{blog}/posts")).replace("{blog}", blog).strip("/"))
    spec = {
        "blog": blog,
        "format": str(found.get("post_url_format", "{date}/{slug}")),
        "date": str(found.get("post_url_date_format", "yyyy/MM/dd")),
        "categories": found.get("post_url_max_categories", 1)
        if isinstance(found.get("post_url_max_categories", 1), int)
        else 1,
        "separator": str(found.get("post_slugify_separator", "-")),
        "html": data.get("use_directory_urls") is False,
    }
    return posts, json.dumps(spec, sort_keys=True)


def blog_route(spec_text: str, fm: Mapping[str, Any], sub: str) -> str:
    """Return the route of the post at ``sub`` (under the docs folder), whose front matter is ``fm``."""
    spec = json.loads(spec_text)
    when = _date(fm.get("date"))
    slug, title, given = fm.get("slug"), fm.get("title"), fm.get("categories")
    slug = slug if isinstance(slug, str) and slug.strip() else None
    title = title if isinstance(title, str) else ""
    categories: list[Any] = given if isinstance(given, list) else []
    names = {
        "date": _PART.sub(lambda m: _date_part(m.group(0), when), spec["date"]) if when else "",
        "slug": slug.strip() if slug else slugify(title, spec["separator"]),
        "categories": "/".join(slugify(str(c), spec["separator"]) for c in categories[: spec["categories"]]),
        "file": sub.rpartition("/")[2].rpartition(".")[0],
    }
    made = re.sub(r"\{(\w+)\}", lambda m: names.get(m.group(1), m.group(0)), spec["format"])
    route = "/".join(p for p in [spec["blog"], *made.split("/")] if p)
    return "/" + route + (".html" if spec["html"] else "/")


def slugify(text: str, separator: str = "-") -> str:
    """Return ``text`` as the blog plugin's default slug: lower case, letters, digits, ``_`` and ``-``."""
    text = unicodedata.normalize("NFC", text).lower()
    return separator.join(_NOT_SLUG.sub("", text).split())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dict):  # the plugin's date: {created: ..., updated: ...}
        return _date(value.get("created"))
    found = _DAY.match(value.strip()) if isinstance(value, str) else None
    try:
        return dt.date(*map(int, found.groups())) if found else None
    except ValueError:
        return None


def _date_part(code: str, when: dt.date) -> str:
    return {
        "yyyy": f"{when.year:04d}",
        "yy": f"{when.year % 100:02d}",
        "MM": f"{when.month:02d}",
        "M": str(when.month),
        "dd": f"{when.day:02d}",
        "d": str(when.day),
    }[code]
