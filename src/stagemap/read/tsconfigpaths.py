"""The import aliases an Astro site sets in its ``tsconfig.json`` (``compilerOptions.paths``).

Astro hands a page's Markdown images (``![Chart](@assets/chart.png)``) and the modules and
images its code imports (``import shot from '@assets/shot.png'``) to Vite as imports, and
Vite resolves them with the site's ``tsconfig.json`` (else ``jsconfig.json``) as TypeScript
does:

- ``paths`` maps a pattern to folders, in order: ``"@assets/*": ["src/assets/*"]`` makes
  ``@assets/blog/chart.png`` ``src/assets/blog/chart.png``; a pattern without ``*`` names one
  file (``"@config": ["src/config.ts"]``). Where two patterns match, an exact one comes first,
  then the one with the longest part before its ``*``; the first target that is a file wins.
- the targets are read from ``baseUrl`` (from the file that sets it), else from the folder of
  the file that sets ``paths`` (TypeScript 4.1 and later).
- ``extends`` (a path, or a list of them, TypeScript 5) brings another file's options first,
  the file's own over them; the last of a list wins. A package's (``astro/tsconfigs/strict``)
  sets no paths and is not read: its folder, ``node_modules``, is not the site's.

The files are JSON with comments and trailing commas, as TypeScript reads them.
"""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..model.settings import Config
from .jsdata import blanked, shaped

CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")
"""The files Astro reads its aliases from, the first found."""
_LARGEST = 256 * 1024
_DEEPEST = 8
"""The most files an ``extends`` chain is followed through."""
_TRAILING = lazy(r",(?=\s*[}\]])")

Alias = tuple[str, tuple[str, ...]]
"""A pattern of ``paths`` (``@assets/*``) and its targets, each a path in the project (``src/assets/*``)."""


def site_aliases(config: Config) -> tuple[Alias, ...]:
    """Return the aliases of `path_aliases` on an Astro site (in its ``site_root``), none elsewhere."""
    if config.rules.generator != "astro":
        return ()
    site = config.root / config.rules.site_root if config.rules.site_root else config.root
    return path_aliases(site, config.root)


def path_aliases(site: Path, root: Path) -> tuple[Alias, ...]:
    """Return the ``paths`` of the site in the folder ``site`` (see the module docstring), their
    targets as paths in the project in ``root`` (``/`` between parts; none outside it), in the
    order a specifier is tried against them: exact patterns first, then the longest prefix."""
    config = next((site / name for name in CONFIG_NAMES if (site / name).is_file()), None)
    if config is None:
        return ()
    top = os.path.realpath(root)
    options = _options(config, set(), top)
    paths, base = options.get("paths"), options.get("base")
    if not isinstance(paths, dict) or not isinstance(base, str):
        return ()
    found: list[Alias] = []
    for pattern, targets in paths.items():
        if not isinstance(pattern, str) or pattern.count("*") > 1 or not isinstance(targets, list):
            continue
        inside = tuple(t for t in (_in_project(base, target, top) for target in targets) if t)
        if inside:
            found.append((pattern, inside))
    return tuple(sorted(found, key=_specific))


def _specific(alias: Alias) -> tuple[bool, int]:
    """The order TypeScript tries patterns in: exact ones, then the longest part before the ``*``."""
    pattern = alias[0]
    return "*" in pattern, -len(pattern.partition("*")[0])


def _in_project(base: str, target: object, top: str) -> str:
    """Return ``target`` read from the folder ``base`` as a path in the project at ``top``, or ""."""
    if not isinstance(target, str) or not target or target.count("*") > 1:
        return ""
    whole = posixpath.normpath(posixpath.join(base, target.replace("\\", "/")))
    rel = posixpath.relpath(whole, top.replace(os.sep, "/"))
    return "" if rel == ".." or rel.startswith("../") else rel


def _options(config: Path, seen: set[str], top: str) -> dict[str, Any]:
    """Return the ``paths`` of ``config`` and the folder they are read from (``base``), as its
    ``extends`` chain and its own options set them (see the module docstring); a file outside
    the project at ``top`` is not read."""
    real = os.path.realpath(config)
    if real in seen or len(seen) >= _DEEPEST:
        return {}
    seen.add(real)
    data = _read(config)
    out: dict[str, Any] = {}
    extends = data.get("extends")
    for parent in [extends] if isinstance(extends, str) else extends if isinstance(extends, list) else []:
        found = _extended(config.parent, parent)
        if found is not None and Path(os.path.realpath(found)).is_relative_to(top):
            out.update(_options(found, seen, top))
    options = data.get("compilerOptions")
    options = options if isinstance(options, dict) else {}
    here = os.path.realpath(config.parent).replace(os.sep, "/")
    if isinstance(options.get("baseUrl"), str):
        out["base_url"] = posixpath.normpath(posixpath.join(here, options["baseUrl"]))
    if isinstance(options.get("paths"), dict):
        out["paths"], out["paths_from"] = options["paths"], here
    if "paths" in out:
        out["base"] = out.get("base_url", out["paths_from"])
    return out


def _extended(folder: Path, name: object) -> Path | None:
    """Return the file an ``extends`` of a file in ``folder`` names, when it is a path (a
    package's is not read); ``.json`` is added where the name has no such ending."""
    if not isinstance(name, str) or not name.startswith(("./", "../", "/")):
        return None
    path = folder / name
    for tried in (path, path.with_name(path.name + ".json")):
        if tried.is_file():
            return tried
    return None


def _read(config: Path) -> dict[str, Any]:
    """Return the object a JSON file with comments and trailing commas holds ({}: none)."""
    try:
        if config.stat().st_size > _LARGEST:
            return {}
        text = config.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    code = blanked(text)
    commas = [m.start() for m in _TRAILING.finditer(shaped(code))]  # (not those inside strings)
    if commas:
        chars = list(code)
        for at in commas:
            chars[at] = " "
        code = "".join(chars)
    try:
        data = json.loads(code)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def aliased(aliases: tuple[Alias, ...], specifier: str) -> list[str]:
    """Return the paths in the project an import ``specifier`` may be, in the order they are
    tried (`path_aliases`): none when no pattern matches it, nor for a relative one (``./x``),
    which TypeScript reads from the importing file alone."""
    if specifier.startswith(("./", "../", "/")) or specifier in (".", ".."):
        return []
    found: list[str] = []
    for pattern, targets in aliases:
        head, star, tail = pattern.partition("*")
        if not star:
            if specifier == pattern:
                found += targets
            continue
        if len(specifier) > len(head) + len(tail) and specifier.startswith(head) and specifier.endswith(tail):
            middle = specifier[len(head) : len(specifier) - len(tail)]
            found += [posixpath.normpath(target.replace("*", middle)) for target in targets]
    return [path for path in dict.fromkeys(found) if path != ".." and not path.startswith(("../", "/"))]
