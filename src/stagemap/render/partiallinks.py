"""File paths in a partial (`stagemap.render.partials`), written from its own folder.

Docusaurus compiles an imported Markdown file as a file of its own (as do the MDX of Gatsby and
Astro): a file path in it, ``[setup](../setup.md)`` or ``![map](../../img/map.png)``, names a file
from the partial's folder, whichever page shows it. `rebase` writes each such address as the
page's folder reaches the same file, so that the page resolves it as the live site does: in a
link, an image, a reference's definition, a ``src`` or ``href`` attribute and a ``require(...)``
(``src={require('./img/map.png').default}``), never in code.
An address that names no file stays as written: a URL path (``../setup``, which the site leaves
for the browser to resolve from the page's address), one from the site's root, a ``#part``, a
scheme. `written` turns an address back, to report a link that leads nowhere where the partial
writes it (`stagemap.render.deadlinks`), and `once_per_partial` makes the warnings of all the
pages that show one such link one.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from collections.abc import Iterable
from dataclasses import replace

from ..errors import Problem
from ..lazyre import lazy
from ..model.safelinks import is_relative
from .blocks import CODE_SPAN, hold_fences, put_fences_back

_DESTINATION = lazy(
    r"(\]\([ \t]*<?"  # [text](address  ![alt](address
    r"|^[ \t>]*\[(?!\^)[^\]\n]{1,999}\]:[ \t]*<?"  # [ref]: address (not a footnote's [^1]:)
    r"|\b(?:src|href)=[ \t]*\{?[ \t]*[\"'`]"  # src="address"  href={'address'}
    r"|\brequire\([ \t]*[\"'`])"  # src={require('./img/map.png').default}
    r"([^\s<>()\"'`{}]+)",
    re.M,
)


def rebase(text: str, partial: str, page: str) -> str:
    """Return ``text``, the body of the file at ``partial``, with each file path in it written
    from the folder of the file at ``page`` (both paths in the project)."""
    source, target = posixpath.dirname(partial), posixpath.dirname(page)
    if source == target or not _DESTINATION.search(text):
        return text
    held: dict[str, str] = {}
    body = hold_fences(text, held, deep=True)
    spans = [m.span() for m in CODE_SPAN.finditer(body)]  # in order, none inside another
    starts = [start for start, _ in spans]

    def move(match: re.Match[str]) -> str:
        at = bisect.bisect_right(starts, match.start()) - 1  # the last span starting here or before
        if at >= 0 and match.start() < spans[at][1]:
            return match.group()
        return match.group(1) + moved(match.group(2), source, target)

    return put_fences_back(_DESTINATION.sub(move, body), held)


def written(address: str, partial: str, page: str) -> str:
    """Return ``address``, as the page at ``page`` shows it, as the partial at ``partial`` writes it."""
    return moved(address, posixpath.dirname(page), posixpath.dirname(partial))


def moved(address: str, source: str, target: str) -> str:
    """Return ``address``, a file path from the folder ``source``, from the folder ``target``;
    an address that names no file (see the module docstring) as it is."""
    cut = min((i for i in (address.find("#"), address.find("?")) if i >= 0), default=len(address))
    path, rest = address[:cut], address[cut:]
    name = path.rpartition("/")[2]
    if path.startswith(("/", "@", "~")) or "." not in name.strip(".") or not is_relative(address):
        return address
    full = posixpath.normpath(posixpath.join("/", source, path))
    return posixpath.relpath(full, posixpath.join("/", target)) + rest


NAMED_PAGES = 3
"""The pages a warning about a partial's link names; of more, it says how many more."""


def once_per_partial(found: Iterable[tuple[str, Problem]]) -> list[Problem]:
    """Return the problems ``found`` on each page (its path, a problem), in order, with the
    warnings about one place in a partial (`stagemap.render.deadlinks`), one per page that shows
    it, made one, at the first one's turn, naming the pages (30 pages showing a partial's dead
    link gave 30 warnings alike)."""
    order: list[Problem | tuple[str, int, int, str]] = []
    partial: dict[tuple[str, int, int, str], tuple[Problem, list[str]]] = {}
    for page, problem in found:
        said = problem.message.removesuffix(shown_on(page))
        if problem.path == page or said == problem.message:
            order.append(problem)
            continue
        key = (problem.path, problem.line, problem.col, said)
        if key not in partial:
            partial[key] = (problem, [])
            order.append(key)
        partial[key][1].append(page)
    return [
        p if isinstance(p, Problem) else replace(partial[p][0], message=p[3] + shown_on(*partial[p][1]))
        for p in order
    ]


def shown_on(*pages: str) -> str:
    """What a warning about a partial's link says of the pages that show it."""
    if len(pages) == 1:
        return f" (shown on {pages[0]})"
    named = ", ".join(pages[:NAMED_PAGES])
    if len(pages) > NAMED_PAGES:
        return f" (shown on {len(pages)} pages: {named} and {len(pages) - NAMED_PAGES} more)"
    return f" (shown on {len(pages)} pages: {named.rpartition(', ')[0]} and {pages[-1]})"
