"""The content folders a Gatsby site names in its configuration, read without running it.

A Gatsby site reads files from the folders its ``gatsby-config.js`` gives the
``gatsby-source-filesystem`` plugin: each entry's ``options.path``. The configuration is code;
a path is read when it is written as a text, a template literal or a join of ``__dirname``
(or ``process.cwd()``) and texts: ``"./content/blog"``, ```${__dirname}/src/posts```,
``__dirname + "/src/posts"``, ``path.join(__dirname, "src", "posts")``. A path worked out
otherwise, one outside the site, a folder that is not there and one without a content file
(a source of images, say) are left out. Comments are left out; a string's insides are
never taken for the code's structure. Its pages' routes end in a slash unless it says
``trailingSlash: 'never'``; a file of ``src/pages`` that gatsby-plugin-mdx reads is a page even
without front matter (`page_creator_page`).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from pathlib import Path

from ..lazyre import lazy
from ..model.settings import ReadRules
from .jsdata import blanked, depths, object_entries, shaped
from .languages import DEEPEST
from .presets import preset_extensions

CONFIG_FILES = ("gatsby-config.js", "gatsby-config.ts", "gatsby-config.mjs")
"""The names of a Gatsby site's configuration."""
_PLUGIN = lazy(r"""\bresolve\s*:\s*(['"`])gatsby-source-filesystem\1""")
_KEY = lazy(r"""\s*(['"]?)([A-Za-z_$][\w$]*)\1\s*:\s*""")
"""An object's entry's key (quoted or not) and its colon."""
_TEXT = r"""(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\]*)`)"""
_HERE = r"(?:__dirname|process\.cwd\(\))"
_JOINED = lazy(
    rf"(?:(?:require\(\s*['\"]path['\"]\s*\)|[A-Za-z_$][\w$]*)\.)?(?:join|resolve)"
    rf"\(\s*{_HERE}((?:\s*,\s*{_TEXT})*)\s*,?\s*\)"
)
_PLUS = lazy(rf"{_HERE}\s*\+\s*{_TEXT}")
_PARTS = lazy(_TEXT)
_NEVER = lazy(r"""(?<![\w$])['"]?trailingSlash['"]?\s*:\s*(['"`])never\1""")


def source_folders(root: Path, code: str) -> list[tuple[str, str]]:
    """Return the folders (relative to the site ``root``) that ``code`` (a ``gatsby-config.js``)
    names as sources and that hold a content file, each with the URL pattern of its pages:
    ``/{path}/``, the route Gatsby's starters give a file (``createFilePath``) when the page
    has no ``path`` of its own."""
    return [(folder, "/{path}/") for folder in named_folders(root, code, preset_extensions("gatsby"))]


def page_creator_page(rel: str, rules: ReadRules) -> bool:
    """Whether the file at ``rel`` (relative to the project) is a page of a Gatsby site's
    ``src/pages`` in a format gatsby-plugin-mdx reads (``rules.mdx``): the page creator makes a
    page of it, with or without front matter, unless it passes it over (`_passed_over`)."""
    pages = posixpath.join(rules.site_root, "src/pages/") if rules.site_root else "src/pages/"
    return (
        rules.generator == "gatsby"
        and rel.startswith(pages)
        and rel.lower().endswith(rules.mdx)
        and not _passed_over(rel[len(pages) :])
    )


def _passed_over(sub: str) -> bool:
    """Whether gatsby-plugin-page-creator makes no page of the MDX file at ``sub`` (under
    ``src/pages``): its name starts with ``_``, ``.`` or ``template-`` (gatsby-page-utils'
    validatePath; the folders above it do not count, and its test patterns, ``__tests__/``
    and ``*.test.js``, name JavaScript and TypeScript files only)."""
    return sub.rpartition("/")[2].startswith(("_", ".", "template-"))


def without_trailing_slash(folders: dict[str, str], code: object) -> dict[str, str]:
    """Return the URL patterns of a Gatsby site's ``folders`` without their last slash when its
    configuration ``code`` says ``trailingSlash: 'never'`` (Gatsby then serves ``/x``, not ``/x/``)."""
    if not isinstance(code, str) or _NEVER.search(blanked(code)) is None:
        return folders
    return {folder: url.removesuffix("/") if url.endswith("}/") else url for folder, url in folders.items()}


def named_folders(root: Path, code: str, extensions: Iterable[str]) -> list[str]:
    """Return the folders (relative to the site ``root``, ``/``-separated) that ``code`` (a
    ``gatsby-config.js``) names as sources of files and that hold a file ending in one of
    ``extensions``, in the order the configuration names them."""
    code = blanked(code)
    shape = shaped(code)
    depth = depths(shape)
    found: list[str] = []
    ends = tuple(extensions)
    base = root.resolve()
    for plugin in _PLUGIN.finditer(code):
        if shape[plugin.start()] != "r":
            continue  # inside a string
        options = _value(code, shape, _opening(shape, depth, plugin.start()), "options")
        path = _value(code, shape, options[0], "path") if options and shape[options[0]] == "{" else None
        folder = _folder(code[path[0] : path[1]].strip()) if path is not None else ""
        if folder and folder not in found and _holds(root / folder, base, ends):
            found.append(folder)
    return found


_MDX_PLUGIN = lazy(r"""\bresolve\s*:\s*(['"`])gatsby-plugin-mdx\1""")


def mdx_endings(code: str) -> tuple[str, ...]:
    """Return the file endings ``gatsby-plugin-mdx`` reads as MDX when ``code`` (a
    ``gatsby-config.js``) gives it ``extensions`` (``['.mdx', '.md']``): ``.md`` pages hold
    components then; () when it gives none (``.mdx`` alone)."""
    code = blanked(code)
    shape = shaped(code)
    depth = depths(shape)
    for plugin in _MDX_PLUGIN.finditer(code):
        if shape[plugin.start()] != "r":
            continue  # inside a string
        options = _value(code, shape, _opening(shape, depth, plugin.start()), "options")
        given = (
            _value(code, shape, options[0], "extensions") if options and shape[options[0]] == "{" else None
        )
        if given is not None:
            texts = ("".join(parts).strip().lower() for parts in _PARTS.findall(code[given[0] : given[1]]))
            return tuple(dict.fromkeys("." + t.lstrip(".") for t in texts if t.strip(".")))
    return ()


def _opening(shape: str, depth: list[int], at: int) -> int:
    """Return where the object literal holding ``at`` opens (its ``{``), or -1."""
    level = depth[at] - 1
    return next((i for i in range(at - 1, -1, -1) if shape[i] == "{" and depth[i] == level), -1)


def _value(code: str, shape: str, opening: int, key: str) -> tuple[int, int] | None:
    """Return where the value of the entry ``key`` of the object literal opening at ``opening``
    starts and ends (an entry of its own level only, not one of an object inside it), or None."""
    if opening < 0:
        return None
    for begin, end in object_entries(shape, opening):
        found = _KEY.match(code, begin, end)
        if found is not None and found.group(2) == key:
            return found.end(), end
    return None


def _folder(value: str) -> str:
    """Return the folder a ``path`` value names, relative to the site; empty when it is not known here."""
    joined = _JOINED.fullmatch(value)
    plus = _PLUS.fullmatch(value)
    if joined is not None:
        path = "/".join(
            next(p for p in part.groups() if p is not None) for part in _PARTS.finditer(joined.group(1))
        )
    elif plus is not None:
        path = next(p for p in plus.groups() if p is not None)
    else:
        text = _PARTS.fullmatch(value)
        if text is None:
            return ""
        path = next(p for p in text.groups() if p is not None)
        here = next((h for h in ("${__dirname}", "${process.cwd()}") if path.startswith(h)), "")
        if here:
            path = path[len(here) :]
        elif path.startswith("/"):
            return ""  # a folder elsewhere on the machine
    if "${" in path:
        return ""  # worked out in code
    folder = posixpath.normpath(path.strip().lstrip("/") or ".")
    return "" if folder == "." or folder == ".." or folder.startswith("../") else folder


def _holds(folder: Path, base: Path, ends: tuple[str, ...]) -> bool:
    """Whether ``folder`` is a folder inside ``base`` (the site, resolved: not through a link
    that leads out of it) holding a file ending in one of ``ends``, at any depth (not in
    ``node_modules``). A path the system refuses (too long, not allowed) holds none."""
    try:
        if not folder.is_dir() or not folder.resolve().is_relative_to(base):
            return False
    except (OSError, RuntimeError):  # a name too long, a loop of links
        return False
    for here, dirs, files in os.walk(folder):
        if any(name.lower().endswith(ends) for name in files):
            return True
        deep = os.path.relpath(here, folder).count(os.sep) + 1 >= DEEPEST  # (a walk that deep would fail)
        dirs[:] = [] if deep else [d for d in dirs if d != "node_modules" and not d.startswith(".")]
    return False
