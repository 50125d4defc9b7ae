"""Files in the source folders that asset bodies may link to (images, PDFs): which, and their bytes.

The site copies such a file to ``files/PATH`` when a body links to it (``PATH`` relative to the
content folder, or to the project for a file of another source: `source_folders`). Only regular
files inside a source folder count (a link inside it may point anywhere in it, never outside),
hidden ones and Markdown files (those are assets) excepted, and none above `MAX_ATTACHMENT`.

Unless ``site.allow_html`` is on, a file a browser would run scripts in is never copied as
it is, whatever it holds (see `defused`): an HTML page gets a first line that forbids every
script in it, an SVG drawing is wrapped so that it is shown as a picture (browsers never run
scripts in pictures), and other XML (XHTML, XSLT, web archives) is shown as plain text.
"""

from __future__ import annotations

import base64
import html
import os
import re
from collections.abc import Iterable
from pathlib import Path

from ..lazyre import lazy
from ..model.settings import SIGNALS_DIR, Config, output_name
from ..paths import real
from .globs import GlobSet
from .sitedefaults import site_files
from .tsconfigpaths import site_aliases, target_folders

MAX_ATTACHMENT = 20 * 1024 * 1024
"""Files in the content folder bigger than this are not copied into the site."""


def linkable_files(content_dir: Path, excluded: GlobSet | None = None) -> frozenset[str]:
    """Return the paths, relative to ``content_dir`` with ``/``, of the files a body may link
    to; none that ``excluded`` leaves out (folders it leaves out are not walked)."""
    base = Path(os.path.realpath(content_dir))
    if not base.is_dir():
        return frozenset()
    found: set[str] = set()
    # The real folders on the way down to each folder walked: a folder link back up is a loop.
    chains: dict[str, frozenset[str]] = {str(base): frozenset({str(base)})}
    for folder, dirs, names in os.walk(base, followlinks=True):
        chain = chains.pop(folder)
        kept = []
        prefix = os.path.relpath(folder, base).replace(os.sep, "/")
        for name in sorted(dirs):
            real = os.path.realpath(os.path.join(folder, name))
            inside = name if prefix == "." else f"{prefix}/{name}"
            if excluded is not None and excluded.matches(inside + "/-") is not None:
                continue  # a folder its source leaves out (node_modules/)
            # A folder link is followed only when it stays inside the content folder.
            if not name.startswith(".") and real not in chain and Path(real).is_relative_to(base):
                chains[os.path.join(folder, name)] = chain | {real}
                kept.append(name)
        dirs[:] = kept
        for name in names:
            if name.startswith(".") or name.endswith((".md", ".markdown")):
                continue
            rel = name if prefix == "." else f"{prefix}/{name}"
            if excluded is not None and excluded.matches(rel) is not None:
                continue
            if _readable(base, rel) is not None:
                found.add(rel)
    return frozenset(found)


def source_folders(config: Config) -> tuple[tuple[str, Path, GlobSet], ...]:
    """Return the folders attachments are found in, each with the start of their keys
    (`stagemap.analyse.paths.link_key`) and what its source leaves out: the content folder
    (keys: paths in it), then each other source outside it (keys: ``/`` and the path in the
    project; a blog's images beside its posts), a source that is the project's own folder last
    (less the content folder in it, whose files have their keys already)."""
    content = real(config.content_dir)
    root = real(config.root)
    sources = config.all_sources
    first = next((s for s in sources if real(s.path) == content), None)
    found: list[tuple[str, Path, GlobSet]] = [("", content, GlobSet.of(first.exclude if first else ()))]
    whole: tuple[str, ...] | None = None  # the excludes of a source that is the project's own folder
    for source in sources:
        folder = real(source.path)
        if folder.is_relative_to(content) or not folder.is_relative_to(root):
            continue
        prefix = folder.relative_to(root).as_posix()
        if prefix == ".":  # the project's own folder (a Jekyll site's, its _posts the content folder)
            whole = source.exclude
        elif all(f"/{prefix}/" != p for p, _, _ in found):
            found.append((f"/{prefix}/", folder, GlobSet.of(source.exclude)))
    for folder in _beside(config):  # an Astro site's src/assets/, which its pages' images name
        if not any(folder.is_relative_to(held) for _, held, _ in found):
            found.append((f"/{folder.relative_to(root).as_posix()}/", folder, GlobSet.of(())))
    if whole is None:
        return tuple(found)
    # Less the other sources' folders (each walked on its own, with its own excludes) and
    # stagemap's own files: signals, templates, the settings and copies of them.
    others = [p for p, _, _ in found if p]
    others += [f"/{content.relative_to(root).as_posix()}/"] if content != root else []
    # Last: the other sources' keys start with their own folder.
    return (*found, ("/", root, GlobSet.of((*whole, *others, *_own_files(config)))))


_BESIDE = {"astro": ("src/assets",)}
"""Folders of a generator's sites whose files pages name by a relative path though no source
holds them: Astro resolves a Markdown image from the page's own folder, and its sites keep
their images in ``src/assets/`` (``![Chart](../../assets/chart.png)``)."""


def _beside(config: Config) -> list[Path]:
    """Return the folders of `_BESIDE` this project has (under its site's folder), real paths."""
    site = config.root / config.rules.site_root if config.rules.site_root else config.root
    named = _BESIDE.get(config.rules.generator, ())
    folders = [real(site / name) for name in named if (site / name).is_dir()]
    return [folder for folder in folders if folder.is_relative_to(real(config.root))]


_VITE_TYPES = "apng png jpg jpeg jfif pjpeg pjp gif svg ico webp avif mp4 webm ogg mp3 wav flac aac opus"
VITE_ASSETS = tuple(
    f".{name}" for name in f"{_VITE_TYPES} woff woff2 eot ttf otf webmanifest pdf txt".split()
)
"""The files Vite imports as an address (its known asset types): images, media, fonts, PDFs."""


def imported_files(config: Config) -> frozenset[str]:
    """Return the files (paths in the project, ``/`` between parts) that an Astro site's pages may
    import through an alias of its ``tsconfig.json`` (`stagemap.read.tsconfigpaths`) and show
    by their address (`VITE_ASSETS`): those in the folders (or the files) its targets name
    (`alias_folders`), never in ``node_modules`` nor stagemap's own files. Only an import
    reaches them (a Markdown image, ``import shot from '@images/shot.png'``): a link to
    ``../../images/shot.png`` still names no file of the site."""
    root = real(config.root)
    found: set[str] = set()
    for folder in alias_folders(config):
        prefix = _rel(folder, root)
        if folder.is_file():
            found.update(
                [prefix] if folder.name.lower().endswith(VITE_ASSETS) and _readable(root, prefix) else []
            )
            continue
        left = GlobSet.of(
            ("node_modules/", *(_own_files(config) if folder == root else ()), *_built(config, folder))
        )
        for rel in linkable_files(folder, left):
            if rel.lower().endswith(VITE_ASSETS):
                found.add(rel if prefix == "." else f"{prefix}/{rel}")
    return frozenset(found)


def _built(config: Config, folder: Path) -> tuple[str, ...]:
    """Return globs (from ``folder``) of what builds write in it: stagemap's site and kits, and
    Astro's ``dist/`` (what a build copies there is no file a page imports, and would make the
    next build's key differ from this one's)."""
    site = config.root / config.rules.site_root if config.rules.site_root else config.root
    made = [config.root / output_name(config.rules.site_root, n) for n in ("site", "kits")] + [site / "dist"]
    return tuple(
        f"/{real(m).relative_to(folder).as_posix()}/" for m in made if real(m).is_relative_to(folder)
    )


def alias_folders(config: Config) -> tuple[Path, ...]:
    """Return the folders (or files) the targets of an Astro site's aliases name, inside the
    project and none inside another: ``src/images`` for ``"@images/*": ["src/images/*"]``."""
    root = real(config.root)
    named = [real(root / name) for name in target_folders(site_aliases(config))]
    inside = [folder for folder in dict.fromkeys(named) if folder.is_relative_to(root) and folder.exists()]
    return tuple(f for f in inside if not any(f != o and f.is_relative_to(o) for o in inside))


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _own_files(config: Config) -> tuple[str, ...]:
    """Return globs (from the project's folder) of stagemap's own files, never a site's: the
    stored signals, the templates, the settings and copies of them."""
    root, templates = real(config.root), real(config.templates_dir)
    ours = [f"/{SIGNALS_DIR}/", "/stagemap.yml*", "/stagemap.yaml*"]
    if templates.is_relative_to(root) and templates != root:
        ours.append(f"/{templates.relative_to(root).as_posix()}/")
    return tuple(ours)


JEKYLL_COPIED = ("assets/", "/README.md")
"""What init leaves out of a Jekyll site's pages that Jekyll copies to the site all the same."""


def served_files(config: Config) -> dict[str, tuple[str, str]]:
    """Return the files the site serves from its root (`site_root_files` of its static folders);
    of a static folder that is the project's own (Jekyll's), not stagemap's own files nor what
    a source of that folder leaves out (the site and kits stagemap writes there), but what
    Jekyll copies though init leaves it out of the pages (`JEKYLL_COPIED`: ``assets/``)."""
    root = real(config.root)
    own = next((s for s in config.all_sources if real(s.path) == root), None)
    left = own.exclude if own is not None else ()
    if config.rules.generator == "jekyll":  # read as no pages, yet copied to the site as they are
        left = tuple(e for e in left if e not in JEKYLL_COPIED)
    return site_root_files(config.root, config.rules.static_dirs, (*_own_files(config), *left))


def linkable(config: Config) -> frozenset[str]:
    """Return the keys of the files bodies may link to in every source folder (see
    `source_folders`): not those its source leaves out (installed packages, a site's output),
    nor the settings or the site's configuration files."""
    root = real(config.root)
    names = (
        "stagemap.yml",
        "stagemap.yaml",
        *site_files(config.rules.generator, config.rules.site_root, root),
    )
    never = {root / name for name in names}
    return frozenset(
        prefix + rel
        for prefix, folder, excluded in source_folders(config)
        for rel in linkable_files(folder, excluded)
        if folder / rel not in never
    )


def attachment_at(config: Config, key: str) -> tuple[Path, str]:
    """Return the folder holding the attachment with this key (see `linkable`) and its path there."""
    for prefix, folder, _ in source_folders(config):
        if prefix and key.startswith(prefix):
            return folder, key[len(prefix) :]
    if key.startswith("/"):  # a file an alias names, outside every source (`imported_files`)
        return config.root, key[1:]
    return config.content_dir, key


def site_root_files(
    root: Path, folders: Iterable[str], never: tuple[str, ...] = ()
) -> dict[str, tuple[str, str]]:
    """Return the files each static folder serves from the site root, by their path there.

    ``folders`` are relative to ``root`` (``static``, ``public``, ``.``); the first folder to
    hold a path wins, as when a generator merges them. Each folder is walked like a content
    folder (`linkable_files`): regular files inside it only, links never leading out of it;
    the project's own folder less the globs ``never``.
    """
    served: dict[str, tuple[str, str]] = {}
    base = Path(os.path.realpath(root))
    for folder in folders:
        where = Path(os.path.realpath(base / folder))
        if not where.is_relative_to(base):
            continue
        for rel in sorted(linkable_files(where, GlobSet.of(never) if never and where == base else None)):
            served.setdefault(rel, (folder, rel))
    return served


def read_attachment(content_dir: Path, rel: str, *, allow_html: bool = True) -> bytes | None:
    """Return the bytes to publish for the file at ``rel`` inside ``content_dir``, or None if it may not be copied.

    Without ``allow_html``, the bytes of a file that could run scripts are `defused`.
    """
    path = _readable(Path(os.path.realpath(content_dir)), rel)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if allow_html else defused(rel, data)


HTML_SUFFIXES = (".html", ".htm", ".shtml")
SVG_SUFFIXES = (".svg",)
XML_SUFFIXES = (".xhtml", ".xht", ".xml", ".xsl", ".xslt", ".svgz", ".mht", ".mhtml")
"""Other files a browser may run scripts in (as XHTML, through a style sheet, as an archive)."""

NO_SCRIPT = (
    b'<meta http-equiv="Content-Security-Policy" '
    b"content=\"script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'\">\n"
)
"""The first line of an attached HTML page: the browser then runs no script in it."""

_SIZE = lazy(r"\s(width|height|viewBox)\s*=\s*[\"']([0-9.,%\sa-z+-]{1,64})[\"']")
_SVG_START = lazy(r"<svg\b[^>]*>", re.IGNORECASE)


def defused(rel: str, data: bytes) -> bytes:
    """Return the bytes to publish for an attachment so that no script in it can run.

    HTML keeps its look (the policy line goes first, after a byte order mark if there is
    one, where browsers apply it to the whole page); SVG keeps its look (drawn as an image
    inside an SVG of the same size); other XML becomes an XML document holding the file's
    text. Any other file is returned as it is.
    """
    name = rel.lower()
    if name.endswith(HTML_SUFFIXES):
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        return bom + NO_SCRIPT + data[len(bom) :]
    if name.endswith(SVG_SUFFIXES):
        return _as_picture(data)
    if name.endswith(XML_SUFFIXES):
        text = html.escape(data.decode("utf-8", "replace"), quote=False)
        return f'<?xml version="1.0" encoding="utf-8"?>\n<text>{text}</text>\n'.encode()
    return data


def _as_picture(data: bytes) -> bytes:
    """Wrap an SVG drawing in an SVG that shows it as an image, with the same size when it says one."""
    start = _SVG_START.search(data[:65536].decode("utf-8", "replace"))
    sizes = dict(_SIZE.findall(start.group(0))) if start else {}
    attrs = "".join(f' {key}="{value.strip()}"' for key, value in sorted(sizes.items()))
    if "width" not in sizes and "height" not in sizes and "viewBox" not in sizes:
        attrs = ' width="300" height="150"'
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"{attrs}>'
        f'<image width="100%" height="100%" href="data:image/svg+xml;base64,{encoded}"/></svg>\n'
    ).encode()


def _readable(base: Path, rel: str) -> Path | None:
    path = real(base / rel)
    try:
        if not path.is_relative_to(base) or not path.is_file() or path.stat().st_size > MAX_ATTACHMENT:
            return None
    except OSError:
        return None
    return path
