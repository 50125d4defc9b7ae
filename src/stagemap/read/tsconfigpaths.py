"""The import aliases an Astro site sets in its ``tsconfig.json`` (``compilerOptions.paths``).

Astro hands a page's Markdown images (``![Chart](@assets/chart.png)``) and the modules and
images its code imports (``import shot from '@assets/shot.png'``) to Vite as imports, and
resolves them with its own alias plugin (``vite-plugin-config-alias``, Astro 6 and earlier),
which reads the site's ``tsconfig.json`` (else ``jsconfig.json``):

- ``paths`` maps a pattern to targets: ``"@assets/*": ["src/assets/*"]`` makes
  ``@assets/blog/chart.png`` ``src/assets/blog/chart.png``; a pattern without ``*`` names one
  file (``"@config": ["src/config.ts"]``). The patterns are tried in the order the file writes
  them, each target in turn, the first that is a file winning, then the next pattern that
  matches (TypeScript's own checker tries only its best match: an exact pattern, else the
  longest part before the ``*``; where both name a file they can differ). Astro 7 resolves
  with Vite's ``resolve.tsconfigPaths`` first, as TypeScript does, then with that plugin:
  there TypeScript's pick comes first (`TYPESCRIPT_FIRST`).
- the targets are read from ``baseUrl`` (from the file that sets it), else from the folder of
  the file that sets ``paths``; Astro before 5.11.2 (package.json's ``astro``) reads no
  ``paths`` without a ``baseUrl``. ``${configDir}`` (TypeScript 5.5) is the folder of the
  site's own file, whichever file writes it.
- ``extends`` (a path, or a list of them, TypeScript 5) brings another file's options first,
  the file's own over them; the last of a list wins. A package's (``astro/tsconfigs/strict``)
  sets no paths and is not read: its folder, ``node_modules``, is not the site's.

The files are JSON with comments and trailing commas, as TypeScript reads them. They are read
once for as long as none of them (nor package.json) changes: a build asks for every page.
"""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..model.settings import Config
from .bounded import Unreadable, read_bounded
from .packageversions import installs

CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")
"""The files Astro reads its aliases from, the first found."""
_LARGEST = 256 * 1024
_DEEPEST = 8
"""The most files an ``extends`` chain is followed through."""
_NO_BASE = (5, 11)
"""The Astro release from which ``paths`` work without ``baseUrl`` (5.11.2, PR 14064)."""
_VITE_PATHS = (7, 0)
"""The Astro release that resolves aliases with Vite's own ``resolve.tsconfigPaths`` first (as
TypeScript does), its alias plugin only where that finds nothing."""
_CONFIG_DIR = "${configDir}"
PACKAGE = "package.json"
_JSONC = lazy(r"""("(?:[^"\\\n]|\\.)*"?)|//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/)?""")
"""A string (kept), or a comment: each read once, left to right (one never closed runs to the end)."""
_TRAILING = lazy(r"""("(?:[^"\\\n]|\\.)*"?)|,(?=\s*[}\]])""")
"""A string (kept), or a comma with nothing after it in its list."""

Alias = tuple[str, tuple[str, ...]]
"""A pattern of ``paths`` (``@assets/*``) and its targets, each a path in the project (``src/assets/*``)."""
TYPESCRIPT_FIRST: Alias = ("", ())
"""Leads the aliases of an Astro 7 site: the pattern TypeScript picks is tried first (`aliased`)."""
_READ: dict[tuple[str, str], tuple[tuple[Any, ...], tuple[str, ...], tuple[Alias, ...]]] = {}
"""The aliases of each site folder and project, with the files they were read from and their stamps."""


def site_aliases(config: Config) -> tuple[Alias, ...]:
    """Return the aliases of `path_aliases` on an Astro site (in its ``site_root``), none elsewhere."""
    if config.rules.generator != "astro":
        return ()
    site = config.root / config.rules.site_root if config.rules.site_root else config.root
    return path_aliases(site, config.root)


def alias_files(site: Path, root: Path) -> tuple[str, ...]:
    """Return the files, relative to the project in ``root``, that the aliases of the site in
    ``site`` are read from or would be: its ``tsconfig.json`` and ``jsconfig.json`` and the
    files they extend (an edit to one changes what pages show)."""
    path_aliases(site, root)
    top = os.path.realpath(root)
    files = _READ[(os.path.realpath(site), top)][1]
    inside = (os.path.relpath(f, top).replace(os.sep, "/") for f in files if Path(f).is_relative_to(top))
    return tuple(f for f in inside if not f.endswith("/" + PACKAGE) and f != PACKAGE)


def target_folders(aliases: tuple[Alias, ...]) -> tuple[str, ...]:
    """Return the folders (or files) the targets of ``aliases`` name, paths in the project, each
    once: ``src/images`` for ``src/images/*``, ``.`` for ``*``."""
    found: list[str] = []
    for _, targets in aliases:
        for target in targets:
            head, star, _ = target.partition("*")
            found.append((head.rpartition("/")[0] or ".") if star else head)
    return tuple(dict.fromkeys(found))


def path_aliases(site: Path, root: Path) -> tuple[Alias, ...]:
    """Return the ``paths`` of the site in the folder ``site`` (see the module docstring), their
    targets as paths in the project in ``root`` (``/`` between parts; none outside it), in the
    order a specifier is tried against them: as the file writes them."""
    key = (os.path.realpath(site), os.path.realpath(root))
    held = _READ.get(key)
    if held is not None and _stamps(held[1]) == held[0]:
        return held[2]
    read: list[str] = [os.path.join(key[0], name) for name in (*CONFIG_NAMES, PACKAGE)]
    found = _aliases(Path(key[0]), key[1], read)
    files = tuple(dict.fromkeys(read))
    if len(_READ) >= 64:  # (a process that reads many sites: tests, a long serve)
        _READ.clear()
    _READ[key] = (_stamps(files), files, found)
    return found


def _stamps(files: tuple[str, ...]) -> tuple[Any, ...]:
    found: list[Any] = []
    for name in files:
        try:
            info = os.stat(name)
        except OSError:
            found.append(None)
            continue
        found.append((info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
    return tuple(found)


def _aliases(site: Path, top: str, read: list[str]) -> tuple[Alias, ...]:
    """`path_aliases` read from the files, each file read added to ``read``."""
    config = next((site / name for name in CONFIG_NAMES if (site / name).is_file()), None)
    if config is None or not Path(os.path.realpath(config)).is_relative_to(top):
        return ()
    here = os.path.realpath(site).replace(os.sep, "/")
    options = _options(config, read, top, here)
    paths, base = options.get("paths"), options.get("base")
    if not isinstance(paths, dict) or not isinstance(base, str):
        return ()
    if "base_url" not in options and not installs(_bytes(site / PACKAGE), "astro", _NO_BASE):
        return ()  # (Astro before 5.11.2 reads paths only beside a baseUrl)
    found: list[Alias] = [TYPESCRIPT_FIRST] if installs(_bytes(site / PACKAGE), "astro", _VITE_PATHS) else []
    for pattern, targets in paths.items():
        if not isinstance(pattern, str) or pattern.count("*") > 1 or not isinstance(targets, list):
            continue
        inside = tuple(t for t in (_in_project(base, target, top, here) for target in targets) if t)
        if inside:
            found.append((pattern, inside))
    return tuple(found) if any(targets for _, targets in found) else ()


def _in_project(base: str, target: object, top: str, here: str) -> str:
    """Return ``target`` read from the folder ``base`` as a path in the project at ``top``
    (``${configDir}``: ``here``), or ""."""
    if not isinstance(target, str) or not target or target.count("*") > 1:
        return ""
    target = here + target[len(_CONFIG_DIR) :] if target.startswith(_CONFIG_DIR) else target
    whole = posixpath.normpath(posixpath.join(base, target.replace("\\", "/")))
    rel = posixpath.relpath(whole, top.replace(os.sep, "/"))
    return "" if rel == ".." or rel.startswith("../") else rel


def _options(config: Path, read: list[str], top: str, here: str) -> dict[str, Any]:
    """Return the ``paths`` of ``config`` and the folder they are read from (``base``), as its
    ``extends`` chain and its own options set them (see the module docstring); a file outside
    the project at ``top`` is not read. ``here``: the folder of the site's own file."""
    real = os.path.realpath(config)
    if real in read[len(CONFIG_NAMES) + 1 :] or len(read) > _DEEPEST + len(CONFIG_NAMES) + 1:
        return {}
    read.append(real)
    data = _read(config)
    out: dict[str, Any] = {}
    extends = data.get("extends")
    for parent in [extends] if isinstance(extends, str) else extends if isinstance(extends, list) else []:
        found = _extended(config.parent, parent, here)
        if found is not None and Path(os.path.realpath(found)).is_relative_to(top):
            out.update(_options(found, read, top, here))
    options = data.get("compilerOptions")
    options = options if isinstance(options, dict) else {}
    folder = os.path.realpath(config.parent).replace(os.sep, "/")
    base_url = options.get("baseUrl")
    if isinstance(base_url, str):
        base_url = here + base_url[len(_CONFIG_DIR) :] if base_url.startswith(_CONFIG_DIR) else base_url
        out["base_url"] = posixpath.normpath(posixpath.join(folder, base_url))
    if isinstance(options.get("paths"), dict):
        out["paths"], out["paths_from"] = options["paths"], folder
    if "paths" in out:
        out["base"] = out.get("base_url", out["paths_from"])
    return out


def _extended(folder: Path, name: object, here: str) -> Path | None:
    """Return the file an ``extends`` of a file in ``folder`` names, when it is a path (a
    package's is not read); ``.json`` is added where the name has no such ending."""
    if isinstance(name, str) and name.startswith(_CONFIG_DIR):
        name = here + name[len(_CONFIG_DIR) :]
    if not isinstance(name, str) or not name.startswith(("./", "../", "/")):
        return None
    path = folder / name
    for tried in (path, path.with_name(path.name + ".json")):
        if tried.is_file():
            return tried
    return None


def _bytes(path: Path) -> bytes | None:
    """Return the bytes of the regular file at ``path`` up to `_LARGEST` (a FIFO, a device or a
    larger file: None, read no further than that: `read_bounded`)."""
    try:
        return read_bounded(path, _LARGEST)
    except Unreadable:
        return None


def _read(config: Path) -> dict[str, Any]:
    """Return the object a JSON file with comments and trailing commas holds ({}: none)."""
    data = _bytes(config)
    try:
        text = data.decode("utf-8-sig") if data is not None else ""
    except UnicodeDecodeError:
        return {}
    blank = lambda m: m.group(1) or " " * len(m.group())  # noqa: E731 (a string kept, else spaces)
    code = _TRAILING.sub(blank, _JSONC.sub(blank, text)) if "/" in text or "," in text else text
    try:
        found = json.loads(code)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def aliased(aliases: tuple[Alias, ...], specifier: str) -> list[str]:
    """Return the paths in the project an import ``specifier`` may be, in the order they are
    tried (`path_aliases`): none when no pattern matches it, nor for a relative one (``./x``),
    which is read from the importing file alone."""
    if specifier.startswith(("./", "../", "/")) or specifier in (".", ".."):
        return []
    written = [(pattern, _matched(pattern, targets, specifier)) for pattern, targets in aliases]
    found = [path for _, paths in written for path in paths]
    if aliases[:1] == (TYPESCRIPT_FIRST,):  # (exact, else the longest part before the '*')
        best = sorted(
            (("*" in p, -len(p.partition("*")[0]), paths) for p, paths in written if paths), key=_rank
        )
        found = [*(best[0][2] if best else []), *found]
    return [path for path in dict.fromkeys(found) if path != ".." and not path.startswith(("../", "/"))]


def _rank(entry: tuple[bool, int, list[str]]) -> tuple[bool, int]:
    return entry[0], entry[1]


def _matched(pattern: str, targets: tuple[str, ...], specifier: str) -> list[str]:
    """The paths ``targets`` make of ``specifier`` where ``pattern`` matches it (none: it does not)."""
    head, star, tail = pattern.partition("*")
    if not star:
        return list(targets) if specifier == pattern and pattern else []
    if len(specifier) > len(head) + len(tail) and specifier.startswith(head) and specifier.endswith(tail):
        middle = specifier[len(head) : len(specifier) - len(tail)]
        return [posixpath.normpath(target.replace("*", middle)) for target in targets]
    return []
