"""Links in asset bodies that lead nowhere, as `check --links` reports them.

Each body is rendered as its page on the site renders it (`stagemap.render.site.asset_body`:
the same partials, dialects and link rules), so a link is reported here exactly when the
built page shows it as text marked "Link target not found". Each is placed at the first place
in the file not yet claimed that holds its address as written (or percent-decoded), as a
link's address if it is one, else at the body's first line: a link a partial or a shortcode
brings in is not in the file's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

from ..analyse.site import LinkPlan, plan_links
from ..errors import Problem
from ..model.library import Asset, Library
from ..model.settings import Config
from ..read.attachments import linkable_files, site_root_files
from .site import asset_body

HINT = "point it at a content file, a page's route or a file in the site's static folders"


def dead_links(config: Config, library: Library) -> tuple[Problem, ...]:
    """Return a warning for each link in the bodies of ``library``'s assets that leads nowhere."""
    links = link_plan(config, library)
    return tuple(p for item in library.assets for p in dead_in(config, links, item))


def link_plan(config: Config, library: Library) -> LinkPlan:
    """Return what the bodies of ``library`` need to resolve their links, as a build plans it."""
    attachments = linkable_files(config.content_dir)
    return plan_links(config, library, attachments, site_root_files(config.root, config.rules.static_dirs))


def dead_in(config: Config, links: LinkPlan, item: Asset) -> list[Problem]:
    """Return a warning for each link in ``item``'s body that leads nowhere."""
    broken = asset_body(config, links, item).rendered.broken
    return placed(item, broken) if broken else []


def placed(item: Asset, broken: Iterable[str]) -> list[Problem]:
    """Return a problem for each of ``item``'s ``broken`` links, at its place in the file."""
    problems = []
    after: dict[str, int] = {}
    for url in broken:
        start = after.get(url, 0)
        index = _where(item.body, url, start)
        line, col = item.body_line, 0
        if index >= 0:
            after[url] = index + 1
            line += item.body.count("\n", 0, index)
            col = index - (item.body.rfind("\n", 0, index) + 1) + 1
        problems.append(
            Problem(item.path, line, col, "warning", f"link to '{url}' leads nowhere", HINT, "dead-link")
        )
    return problems


def _where(body: str, url: str, start: int) -> int:
    """Return where ``url`` is written in ``body`` from ``start``: first as a link's address
    (after ``(``, ``<``, a quote, a space, ``=`` or ``:``, before its end), else anywhere; -1
    when it is not in the text (a partial's or a shortcode's link)."""
    written = tuple(dict.fromkeys((url, unquote(url))))
    for text in written:
        found = re.compile(rf"(?<=[(<\"'\s=:]){re.escape(text)}(?=[)>\"'\s#?]|$)").search(body, start)
        if found is not None:
            return found.start()
    return next((i for i in (body.find(text, start) for text in written) if i >= 0), -1)
