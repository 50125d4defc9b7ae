"""Which content plugins of a Docusaurus site load remark-math.

Docusaurus gives each content plugin its own remark plugins: the docs plugin's options (the
classic preset's ``docs: {remarkPlugins: [math]}``, or each ``plugin-content-docs`` instance's),
the blog's and the pages plugin's (``src/pages``) apart. Its Math Equations page sets remark-math
under ``docs`` alone, and a blog post then shows ``$5 and $10`` as text. Read here, without
running anything: the names the configuration binds remark-math to (``const math =
require('remark-math')``, ``import math from 'remark-math'``), and whether each plugin's
``remarkPlugins`` or ``beforeDefaultRemarkPlugins`` (an array written there, or a ``const`` the
configuration sets to one) holds one of them or a ``require('remark-math')``.
"""

from __future__ import annotations

import posixpath
import re

from ..lazyre import lazy
from .docusaurus import content_folders, object_at, without_comments

MATH_IN = "math-in:"
"""A trait ``math-in:<folder>``: the content plugin reading that folder (relative to the
project) loads remark-math."""
MATH_OFF = "math-off:"
"""A trait ``math-off:<folder>``: the content plugin reading that folder does not."""
_BOUND = lazy(
    r"""(?:\bimport\s+([A-Za-z_$][\w$]*)\s+from\s*"""
    r"""|(?<![\w$.])(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*)"""
    r"""['"`]remark-math['"`]"""
)
"""A name the configuration binds remark-math to."""
_LISTS = lazy(
    r"""(?<![\w$])['"]?((?:beforeDefaultR|r)emarkPlugins)['"]?\s*(?::\s*(\[|[A-Za-z_$][\w$]*(?=\s*[,}\]])))?"""
)
"""An option naming a plugin's remark plugins: an array, a name set to one, or the shorthand."""
_PAGES = lazy(
    r"""(?:(?<![\w$])['"]?pages['"]?\s*:"""
    r"""|['"`](?:@docusaurus/(?:plugin-)?|docusaurus-plugin-)?content-pages['"`]\s*,)\s*\{"""
)
"""The pages plugin's options: the classic preset's ``pages: {...}``, or the plugin's own."""
_PAGES_PATH = lazy(r"""(?<![\w$])['"]?path['"]?\s*:\s*(['"`])([^'"`$\n]+)\1""")


def math_scope(code: str, prefix: str) -> list[str] | None:
    """Return, for a Docusaurus configuration's ``code`` that names remark-math, a `MATH_IN` or
    `MATH_OFF` trait for each content folder (its path after ``prefix``, the site's folder in the
    project, with its ``/``), the pages plugin's too; None where no plugin's options are seen to
    load it (set up in a way not read here: every page reads math, as before)."""
    code = without_comments(code)
    names = {name for found in _BOUND.finditer(code) for name in found.groups() if name}
    loads = [
        (placed(prefix, where), _loads_math(code, options, names)) for where, options in plugin_options(code)
    ]
    if not any(on for _, on in loads):
        return None
    return [(MATH_IN if on else MATH_OFF) + where for where, on in loads]


def placed(prefix: str, where: str) -> str:
    """Return a content plugin's folder ``where`` (relative to the site) relative to the project,
    the site being at ``prefix`` (its folder and a ``/``, or ""): normalised as Node's
    ``path.resolve`` reads it (``website/../docs`` is ``docs``), as the pages' paths are."""
    return posixpath.normpath(prefix + where)


def plugin_options(code: str) -> list[tuple[str, str]]:
    """Return each content plugin's folder (relative to the site) and options as written in a
    configuration's ``code`` (comments blanked): the docs and blog plugins' whose folder is known,
    then the pages plugin's (``src/pages`` unless its ``path`` says otherwise)."""
    places = [(f.path, f.options) for f in content_folders(code) if not f.computed]
    pages = _PAGES.search(code)
    options = object_at(code, pages.end() - 1) if pages else ""
    path = _PAGES_PATH.search(options)
    places.append((path.group(2).strip("/") if path else "src/pages", options))
    return places


def _loads_math(code: str, options: str, names: set[str]) -> bool:
    """Whether a plugin's ``options`` (in the configuration's ``code``) load remark-math, bound to ``names``."""
    for found in _LISTS.finditer(options):
        given = found.group(2) or found.group(1)
        if given == "[":
            listed = object_at(options, found.end() - 1)
        else:
            named = re.search(rf"(?<![\w$.])(?:const|let|var)\s+{re.escape(given)}\s*=\s*\[", code)
            listed = object_at(code, named.end() - 1) if named else ""
        if "remark-math" in listed or any(
            re.search(rf"(?<![\w$.]){re.escape(n)}(?![\w$])", listed) for n in names
        ):
            return True
    return False
