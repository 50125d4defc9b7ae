"""The modules of its own an Astro page's code imports, read one level deep.

A page that routes a collection may not call ``getCollection`` itself: astro-theme-cactus's
``src/pages/posts/[...slug].astro`` calls ``getAllPosts()``, imported from ``@/data/post``,
and that module calls ``getCollection('post')``. `stagemap.read.astro` reads such modules with
the page to find which collection it routes. A module named by an alias of the site's
``tsconfig.json`` (``@lib/posts``: `stagemap.read.tsconfigpaths`) is read where the alias
says; ``@/`` and ``~/``, which Astro's starters set there, name ``src/`` on a site that sets
neither.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..lazyre import lazy
from .tsconfigpaths import Alias, aliased, path_aliases

_IMPORT_PART = lazy(r"""\bimport\b|['"`;]""")
"""What an import is read by, left to right: its keyword, then the first quote (or ``;``) after it."""
_STRING = lazy(r"""(['"])([^'"\\\n]+)\1""")
_FROM = lazy(r"""\bfrom\s*$""")


def imports(code: str) -> list[str]:
    """Return what ``code`` imports (``import x from './a'``, ``import './b'``), in order: each
    ``import`` and the string after it (after spaces, or ``from``; no ``;`` nor other quote
    between), the code read once."""
    found: list[str] = []
    start = -1  # (where the text after the last ``import`` begins; -1: none is open)
    for part in _IMPORT_PART.finditer(code):
        if part.group() == "import":
            start = part.end()
            continue
        gap = code[start : part.start()] if start >= 0 else ""
        if start >= 0 and gap[:1].isspace() and (not gap.strip() or _FROM.search(gap[-64:])):
            string = _STRING.match(code, part.start())
            found += [string.group(2)] if string is not None else []
        start = -1
    return found


_SCRIPTS = ("", ".ts", ".js", ".mts", ".mjs")
"""The endings of a script module (none: written without one)."""
_TRIED = ("", ".ts", ".js", ".mts", ".mjs", "/index.ts", "/index.js")
"""What is tried after a module named without its ending, in the order a bundler tries them."""


def imported_code(root: Path, folder: Path, code: str, read: Callable[[Path], str | None]) -> str:
    """Return the code of the script modules a page (in ``folder``, its ``code``) imports, each
    after a line end, read with ``read``; components (``.astro``), packages and files outside
    the site in ``root`` are not read."""
    inside = root.resolve()
    found = []
    aliases: tuple[Alias, ...] | None = None  # (read at the first import that is not relative)
    for target in dict.fromkeys(imports(code)):
        if target.startswith(("./", "../")):
            bases = [folder / target]
        else:
            aliases = path_aliases(root, root) if aliases is None else aliases
            bases = [root / path for path in aliased(aliases, target)]
            bases += [root / "src" / target[2:]] if target[:2] in ("@/", "~/") else []
        for base in bases:
            module = _module(base, inside, read)
            if module is not None:
                found.append("\n" + module)
                break
    return "".join(found)


def _module(base: Path, inside: Path, read: Callable[[Path], str | None]) -> str | None:
    """Return the code of the script module at ``base`` (with an ending a bundler tries after
    it, where it has none), read with ``read``; None for another file, or one outside ``inside``."""
    if base.suffix not in _SCRIPTS:
        return None
    for ending in _TRIED if not base.suffix else ("",):
        path = Path(str(base) + ending)
        try:
            if not path.is_file() or not path.resolve().is_relative_to(inside):
                continue
        except (OSError, RuntimeError):  # a name too long for the system, a loop of links
            continue
        module = read(path)
        if module is not None:
            return module
    return None
