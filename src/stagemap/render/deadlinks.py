"""Links in asset bodies that lead nowhere, as `check --links` reports them.

Each body is rendered as its page on the site renders it (`stagemap.render.site.asset_body`:
the same partials, dialects and link rules), so a link is reported here exactly when the
built page shows it as text marked "Link target not found". Each is placed where its address is
written (or percent-decoded) as a link's address (``](x.md``, ``[ref]: x.md``, ``href="x.md"``,
``ref "x.md"``) not yet claimed by an earlier link, never in code or (on a site read in place)
an HTML comment; a
reference used twice is placed at its definition for both; else where the address is written
at all; else at the body's first line: a link a partial or a shortcode brings in is not in the
file's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

from ..analyse.site import LinkPlan, plan_links
from ..errors import Problem
from ..model.library import Asset, Library
from ..model.settings import Config
from ..read.attachments import linkable, site_root_files
from .site import asset_body

HINT = "point it at a content file, a page's route or a file in the site's static folders"


def dead_links(config: Config, library: Library) -> tuple[Problem, ...]:
    """Return a warning for each link in the bodies of ``library``'s assets that leads nowhere."""
    links = link_plan(config, library)
    return tuple(p for item in library.assets for p in dead_in(config, links, item))


def link_plan(config: Config, library: Library) -> LinkPlan:
    """Return what the bodies of ``library`` need to resolve their links, as a build plans it."""
    return plan_links(
        config, library, linkable(config), site_root_files(config.root, config.rules.static_dirs)
    )


def dead_in(config: Config, links: LinkPlan, item: Asset) -> list[Problem]:
    """Return a warning for each link in ``item``'s body that leads nowhere."""
    broken = asset_body(config, links, item).rendered.broken
    # An HTML comment is shown as text (links in it working) only in stagemap's own format.
    comments = bool(config.rules.generator) or config.allow_html
    return placed(item, broken, comments=comments) if broken else []


def placed(item: Asset, broken: Iterable[str], *, comments: bool = True) -> list[Problem]:
    """Return a problem for each of ``item``'s ``broken`` links (in the order the page has
    them), at its place in the file (see the module docstring); ``comments``: HTML comments
    hide what they hold, as on a site read in place (stagemap's own format shows them)."""
    body = item.body
    code = _code_spans(body, comments)
    claimed: set[int] = set()
    problems = []
    for url in broken:
        # As the page has it, percent-decoded, and as Jekyll's {% link %} names it (from the site's root).
        texts = dict.fromkeys((url, unquote(url), *((url[1:],) if url.startswith("/") else ())))
        shown, index = _where(body, texts, code, claimed)
        line, col = item.body_line, 0
        if index >= 0:
            claimed.add(index)
            line += body.count("\n", 0, index)
            col = index - (body.rfind("\n", 0, index) + 1) + 1
        problems.append(
            Problem(item.path, line, col, "warning", f"link to '{shown}' leads nowhere", HINT, "dead-link")
        )
    return problems


_ADDRESS = (
    r"(?:\]\([ \t]*<?"  # [text](address  ![alt](address
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?"  # [ref]: address
    r"|\b[\w-]+=[ \t]*\{?[ \t]*[\"'`]?"  # href="address"  to={'address'}
    r"|\b(?:rel)?ref[ \t]+[\"'`]?"  # Hugo's {{< ref "address" >}}
    r"|\{%-?[ \t]*(?:link|post_url)[ \t]+)"  # Jekyll's {% link address %}
)
"""What comes before a link's address where it is written as one."""


def _where(
    body: str, texts: Iterable[str], code: list[tuple[int, int]], claimed: set[int]
) -> tuple[str, int]:
    """Return which of ``texts`` (an address as the page has it, then percent-decoded) is
    written in ``body`` outside ``code``, and where: as a link's address not ``claimed`` by
    another link, else as one claimed (a reference used twice), else anywhere; -1 when none
    is in the text outside code (a partial's or a shortcode's link)."""
    places: list[tuple[str, int]] = []
    anywhere: list[tuple[str, int]] = []
    for text in texts:
        end = rf"({re.escape(text)})(?=[)>\"'`}}\s#?]|$)"
        places += [
            (text, m.start(1))
            for m in re.finditer(_ADDRESS + end, body, re.M)
            if not _inside(m.start(1), code)
        ]
        if not anywhere:
            anywhere = [
                (text, m.start(1))
                for m in re.finditer(r"(?<![\w./-])" + end, body, re.M)
                if not _inside(m.start(1), code)
            ][:1]
    places.sort(key=lambda place: place[1])  # the first in the file, whichever way it is written
    free = [(text, i) for text, i in places if i not in claimed]
    found = free or places or anywhere
    return found[0] if found else (next(iter(texts)), -1)


def _code_spans(body: str, comments: bool) -> list[tuple[int, int]]:
    """Return the (start, end) of each fenced block, code span and (with ``comments``) HTML
    comment in ``body``: a link's address is never written there."""
    spans = [m.span() for m in _COMMENT.finditer(body)] if comments else []
    fence = ""
    start = offset = 0
    for line in body.splitlines(keepends=True):
        mark = _FENCE.match(line)
        if (
            fence
            and mark
            and mark.group(1)[0] == fence[0]
            and len(mark.group(1)) >= len(fence)
            and not line[mark.end() :].strip()
        ):
            spans.append((start, offset + len(line)))
            fence = ""
        elif not fence and mark:
            fence, start = mark.group(1), offset
        offset += len(line)
    if fence:
        spans.append((start, len(body)))
    spans += [m.span() for m in _CODE_SPAN.finditer(body) if not _inside(m.start(), spans)]
    return spans


def _inside(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= index < b for a, b in spans)


_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
