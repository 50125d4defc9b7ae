"""Where a Hugo site's content is: its content folder, the folders its configuration mounts into
it, and its other languages' folders.

Hugo reads ``content/`` (``contentDir``), or the folders ``module.mounts`` mount at ``content``:
a mount's ``target`` may be a folder inside it (Jaeger's docs mount ``content/docs/v2`` at
``content/docs``: its ``2.20/faq.md`` is served at ``/docs/2.20/faq/``), and its ``files``
(Hugo 0.153 and later: globs, ``! `` in front of those that leave files out), or the older
``includeFiles`` and ``excludeFiles``, say which of its files Hugo reads; a mount of content,
into a folder of it too, replaces Hugo's own mount of ``content/``. Each mounted folder of the
default language is a source of its own, its route and ids those of where it is mounted; the
files its globs leave out are the source's excludes. Other languages' folders are named, not
read.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .globs import expanded
from .versions import is_development


@dataclass(frozen=True, slots=True)
class Mount:
    """A folder Hugo reads content from."""

    source: str
    """The folder, relative to the site, ``/``-separated."""
    target: str
    """Where in the content it is mounted (``docs`` for ``content/docs``; empty: the content itself)."""
    lang: str
    """Its language (lower case); empty: every language's, or the default's."""
    exclude: tuple[str, ...] = ()
    """What its ``files`` (or ``includeFiles`` and ``excludeFiles``) leave out, as gitignore-style
    globs under it."""
    configured: bool = False
    """One of ``module.mounts`` (not a language's ``contentDir``)."""


def content_mounts(data: dict[str, Any]) -> list[Mount]:
    """Return each content mount of ``module.mounts`` (at ``content`` or a folder in it) and each
    language's ``contentDir``, in the order the configuration gives them."""
    found: list[Mount] = []
    module = data.get("module")
    mounts = module.get("mounts") if isinstance(module, dict) else None
    for mount in mounts if isinstance(mounts, list) else []:
        if not isinstance(mount, dict) or not isinstance(mount.get("source"), str):
            continue
        target = str(mount.get("target", "")).strip("/")
        if target != "content" and not target.startswith("content/"):
            continue
        sites = mount.get("sites")
        matrix = sites.get("matrix") if isinstance(sites, dict) else None
        langs = matrix.get("languages") if isinstance(matrix, dict) else None
        lang = mount.get("lang") or (langs[0] if isinstance(langs, list) and langs else "")
        within = target.removeprefix("content").strip("/")
        globs = _mount_excludes(mount)
        found.append(Mount(mount["source"].strip("/"), within, str(lang).lower(), globs, configured=True))
    languages = data.get("languages")
    for lang, settings in languages.items() if isinstance(languages, dict) else ():
        if isinstance(settings, dict) and isinstance(settings.get("contentDir"), str):
            found.append(Mount(settings["contentDir"].strip("/"), "", str(lang).lower()))
    return found


NEGATION = "! "
"""What Hugo puts in front of a glob of a mount's ``files`` that leaves files out (a ``!`` and a space)."""


def _mount_excludes(mount: dict[str, Any]) -> tuple[str, ...]:
    """Return what a mount leaves out of its folder, as gitignore-style excludes anchored at it.

    Hugo 0.153 reads a mount's ``files`` (a glob or a list of them) in order and takes, for a
    file or a folder it walks into, the first glob that matches it: one with ``! `` in front
    leaves it out (a folder, with all it holds), another keeps it; where none matches, the file
    is kept unless the list has a glob that keeps files, which then keeps those it matches
    alone. The older ``includeFiles`` come after ``files``, then the ``excludeFiles`` with ``! ``
    in front (modules/config.go, FilesToFilter); Hugo read the inclusions first before 0.153 too.
    The excludes say the same with the last matching line winning: the list backwards, each glob
    that keeps files taken back with ``!``, under ``/**`` when one keeps files. (Hugo does not
    walk into a folder that no glob keeping files reaches, ``docs/`` for ``**.md``, and a glob
    keeping a folder, ``docs/*``, lets it walk in without keeping the files there; here the
    files in such folders are read as the globs match them.)"""
    given = (
        [(one, False) for one in _strings(mount.get("files"))]
        + [(one, False) for one in _strings(mount.get("includeFiles"))]
        + [(one, True) for one in _strings(mount.get("excludeFiles"))]
    )
    found: list[list[str]] = []
    keeps = False
    for text, out in given:
        if text.startswith(NEGATION):
            text, out = text.removeprefix(NEGATION).strip(), True
            if not text:
                continue
        keeps = keeps or not out
        found.append([("" if out else "!") + one for one in _globs(text)])
    return (("/**",) if keeps else ()) + tuple(one for globs in reversed(found) for one in globs)


def _strings(value: Any) -> list[str]:
    """Return a setting of one glob or a list of them as a list of texts."""
    given = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [g.strip() for g in given if isinstance(g, str) and g.strip()]


def _globs(glob: str) -> list[str]:
    """Return one of Hugo's globs (under the mounted folder) as gitignore-style globs anchored at
    the folder, matching what Hugo's (gobwas') glob matches: ``docs/v2/**`` is ``/docs/v2/**``;
    braces stand for each of their choices (``*.{md,mdx}``); a part starting with ``**`` crosses
    folders (``docs/**.md`` is ``/docs/**/*.md``), and a ``**`` part between two others stands
    for one folder at least (``**/*.draft.md`` is ``/*/**/*.draft.md``: Hugo matches the glob
    ``/**/*.draft.md`` against ``/launch.draft.md``, which has no second ``/``). A glob ending
    in ``/`` matches nothing (Hugo matches files' and folders' paths, none ending so)."""
    found = []
    for one in expanded(glob):
        parts = one.strip("/").split("/")
        if one.endswith("/") or not parts[0]:
            continue
        last = len(parts) - 1
        found.append(
            "/"
            + "/".join(
                ("*/**" if i < last else p) if p == "**" else "**/*" + p[2:] if p.startswith("**") else p
                for i, p in enumerate(_any_case(part) for part in parts)
            )
        )
    return found


def _any_case(part: str) -> str:
    """Return a part of a glob matching names in any case, as Hugo matches its globs (it lower-
    cases the glob and the path, hglob's GetGlob: ``! readme.md`` leaves out ``README.md``): each
    letter as the set of its two cases (``[rR]``), a set with its letters' other case too
    (``[a-c]`` is ``[a-cA-C]``)."""
    out, at = [], 0
    while at < len(part):
        char = part[at]
        end = part.find("]", at + 2) if char == "[" else -1
        negated = part[at + 1 : at + 2] in ("!", "^")
        if end > at + 1 + negated:
            inner = part[at + 1 + negated : end]
            out.append(part[at : at + 1 + negated] + inner + _other_case(inner) + "]")
            at = end + 1
            continue
        lower, upper = char.lower(), char.upper()
        out.append(f"[{lower}{upper}]" if lower != upper and len(lower) == len(upper) == 1 else char)
        at += 1
    return "".join(out)


def _other_case(inner: str) -> str:
    """Return the other case of a set's letters and ranges of letters (``a-c0-9x`` gives ``A-CX``)."""
    out, at = [], 0
    while at < len(inner):
        step = 3 if at + 2 < len(inner) and inner[at + 1] == "-" else 1
        item = inner[at : at + step]
        if item[0].isalpha() and item[-1].isalpha() and item.swapcase() != item:
            out.append(item.swapcase())
        at += step
    return "".join(out)


def hugo_sources(root: Path, data: dict[str, Any]) -> list[tuple[str, str, tuple[str, ...], str]]:
    """Return a Hugo site's content folders as (folder, URL pattern, excludes, id prefix): the
    default language's mounts (those mounted in a folder of the content first, each routed and
    its ids named under it), else ``contentDir`` (``content``); served from the root unless
    ``defaultContentLanguageInSubdir``."""
    default = str(data.get("defaultContentLanguage") or "en").lower()
    lead = f"/{default}" if data.get("defaultContentLanguageInSubdir") is True else ""
    mounts = content_mounts(data)
    own = [m for m in mounts if m.lang in ("", default) and (root / m.source).is_dir()]
    whole = next((m for m in own if not m.target), None)
    # Mounts of content (even into a folder of it) replace Hugo's own mount of content/.
    if whole is None and not any(m.configured for m in mounts):
        folder = str(data.get("contentDir") or "content").strip("/")
        whole = Mount(folder, "", default) if (root / folder).is_dir() else None
    inner = sorted((m for m in own if m.target), key=lambda m: (-m.target.count("/"), m.target))
    found = [(m.source, f"{lead}/{m.target}/{{path}}/", m.exclude, m.target + "/") for m in inner]
    if whole is not None:
        found.append((whole.source, f"{lead}/{{path}}/", whole.exclude, ""))
    return found


def hugo_translations(root: Path, data: dict[str, Any], read: set[str]) -> tuple[str, ...]:
    """Return the folders of a Hugo site's other languages, not read (``read``: the folders read):
    their pages translate the default language's, under the same paths (so the same asset ids)."""
    return tuple(
        dict.fromkeys(
            f"{m.source}/"
            for m in content_mounts(data)
            if m.source not in read and (root / m.source).is_dir()
        )
    )


def development_mounts(sources: Sequence[Any], read: Collection[str]) -> tuple[str, ...]:
    """Return the folders of ``sources`` (`stagemap.read.detect.FoundSource`) that are a development
    copy of versioned docs, mounted beside the released versions: Jaeger mounts
    ``content/docs/v2/_dev`` at ``content/docs/2.dev`` and ``content/docs/v2`` at ``content/docs``,
    whose ``2.20/`` is the version read (``read``: the version folders read, from the site's
    root, with a final ``/``). Such a mount is named for a development copy where it is mounted
    (`stagemap.read.versions.is_development`: ``2.dev``, ``next``, ``v3-next``) and another
    source mounted where it sits holds a version read; read too, each of its pages would count
    twice, once as the release's and once as the coming release's. Each with a final ``/``."""
    found: list[str] = []
    for source in sources:
        above, _, last = source.id_prefix.rstrip("/").rpartition("/")
        if not last or not is_development(last):
            continue
        parent = f"{above}/" if above else ""
        if any(
            other.id_prefix == parent and v.startswith(f"{other.path}/") for other in sources for v in read
        ):
            found.append(f"{source.path}/")
    return tuple(found)


def without_development_mounts(
    root: Path, sources: Sequence[Any], versions: tuple[str, ...], read: Collection[Path]
) -> tuple[tuple[Any, ...], tuple[str, ...], tuple[str, ...]]:
    """Return ``sources`` without their `development_mounts` (``read``: the version folders read),
    ``versions`` (the folders not read, from the site's root) with them, and them alone."""
    dev = development_mounts(sources, [p.relative_to(root).as_posix() + "/" for p in read])
    return tuple(s for s in sources if f"{s.path}/" not in dev), (*versions, *dev), dev
