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
writes it (`stagemap.render.deadlinks`).
"""

from __future__ import annotations

import bisect
import posixpath
import re

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
