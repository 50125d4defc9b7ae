"""Where a site's host files are (`stagemap.read.hostredirects` reads their rules), and reading
them, with a warning for each one the host would read but stagemap cannot.

A ``_redirects`` file is read in each folder the generator copies as it is
(`stagemap.model.settings.ReadRules.static_dirs`): on a Jekyll site only when its ``include``
names it (Jekyll leaves out a file whose name starts with ``_``), on an Eleventy site only when
its configuration copies it through (``addPassthroughCopy``) to the site's root, on an MkDocs
site in the folder its settings name as ``docs_dir`` (MkDocs copies every file there that is
not a page to the site it builds, which the host publishes); ``netlify.toml`` and
``vercel.json`` in the site's folder, else in the project's (the host reads one of each, in the
folder its dashboard says it builds from). A file is read only inside the project, its links
followed (a link out of it is not read).

Nothing is passed over in silence: a file there that is too large, a folder, a link out of the
project or to nothing (or in a folder that is a link out of it), or not a regular file gets a
warning at its first line (`host_problem`), as the host reads its rules and stagemap then checks
links without them; a line of a ``_redirects`` file that Netlify cannot read gets one at its
line and column (`host_line_problem`, `stagemap.read.hostlines`). A file that is not all UTF-8
is read as Netlify reads it: each byte that is not UTF-8 read as a replacement character (a
comment in Latin-1 leaves its rules as they are).
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import Problem
from ..lazyre import lazy
from ..paths import real
from .configfiles import site_config_data
from .docusaurus import without_comments
from .eleventy import CONFIG_FILES as ELEVENTY_FILES
from .eleventy import eleventy_folders
from .jekyll import jekyll_included
from .mkdocsettings import SETTINGS_FILES as MKDOCS_FILES
from .owned import NONBLOCK

REDIRECT_FILES = ("netlify.toml", "vercel.json")
"""The host files read in the project's folder and the site's, beside each ``_redirects``."""
LARGEST = 8 * 1024 * 1024
"""The largest host file read, in bytes, as for a content file: Netlify sets no limit in bytes,
and no real site's rules come near it (reading them stays linear in their size)."""
HOST_PROBLEM = "host-redirects"
"""The code of a warning about a host file that is not read."""
_PASSTHROUGH = lazy(r"""addPassthroughCopy\(\s*(?:(['"`])([^'"`\n]*)\1|\{([^{}]*)\})""")
_PAIR = lazy(r"""(['"`])([^'"`\n]*)\1\s*:\s*(['"`])([^'"`\n]*)\3""")
_UNREAD = "until then a link to a route its rules cover is checked as if it had none"


def redirects_files(
    root: Path, site: Path, static_dirs: tuple[str, ...], generator: str, every: bool = False
) -> list[Path]:
    """Return the ``_redirects`` files the generator publishes at the site's root, that are
    there (a link too, a folder of that name: `read_host_file` says why it is not read);
    ``every``: also where there is none yet, and on a Jekyll site whatever its ``include`` says."""
    if generator == "eleventy":
        return eleventy_copied(root, site, every)
    folders = [root / folder for folder in static_dirs if folder]
    if generator == "mkdocs":
        folders = _mkdocs_folders(root, site, folders)
    found = [folder / "_redirects" for folder in folders]
    if generator == "jekyll" and not every and "_redirects" not in jekyll_included(site):
        found = [f for f in found if f.parent.resolve() != site.resolve()]
    return [f for f in dict.fromkeys(found) if every or os.path.lexists(f)]


def host_files(root: Path, site_root: str, static_dirs: Iterable[str], generator: str) -> tuple[str, ...]:
    """Return the host's files that may be read (see `stagemap.read.hostredirects.host_rules`), relative to the project, for
    the preview to watch and a rebuild to notice: each ``_redirects`` and both settings files."""
    site = root / site_root if site_root else root
    places = (p + "/" if p else "" for p in dict.fromkeys(("", site_root)))
    names = [f"{p}{n}" for p in places for n in REDIRECT_FILES]
    copied = redirects_files(root, site, tuple(static_dirs), generator, every=True)
    inside = (p for p in copied if real(p).is_relative_to(real(root)))
    return (*names, *(posixpath.normpath(p.relative_to(root).as_posix()) for p in inside))


def _mkdocs_folders(root: Path, site: Path, folders: list[Path]) -> list[Path]:
    """Return ``folders`` (the static folders, MkDocs' preset ``docs`` among them) with the
    folder the MkDocs settings name as ``docs_dir`` in place of ``docs``, when they name another
    (relative to the settings file's folder, as MkDocs reads it)."""
    found = next((site / n for n in MKDOCS_FILES if (site / n).is_file()), None)
    data = site_config_data(found) if found is not None and _inside(found, root) else None
    named = data.get("docs_dir") if isinstance(data, Mapping) else None
    if not isinstance(named, str) or not named.strip():
        return folders
    docs = Path(posixpath.normpath((site / named.strip()).as_posix()))
    usual = Path(posixpath.normpath((site / "docs").as_posix()))
    return [*(f for f in folders if Path(posixpath.normpath(f.as_posix())) != usual), docs]


def eleventy_copied(root: Path, site: Path, every: bool = False) -> list[Path]:
    """Return the ``_redirects`` file an Eleventy site's configuration copies to its root
    (``every``: also where there is none yet)."""
    code = None
    for name in ELEVENTY_FILES:
        text = read_host_file(site / name, root)
        if isinstance(text, str):
            code = text
            break
    if code is None or "_redirects" not in code:
        return []
    code = without_comments(code)
    given = eleventy_folders(code).input.strip("./")
    found: list[str] = []
    for call in _PASSTHROUGH.finditer(code):
        if call.group(2) is not None:
            path = posixpath.normpath(call.group(2)).lstrip("/")
            if path in ("_redirects", f"{given}/_redirects" if given else "_redirects"):
                found.append(path)
        else:
            pairs = _PAIR.finditer(call.group(3))
            found += [p.group(2) for p in pairs if p.group(4).strip("./") == "_redirects"]
    paths = (site / posixpath.normpath(p).lstrip("/") for p in found)
    return [p for p in dict.fromkeys(paths) if every or os.path.lexists(p)]


def settings_file(root: Path, site: Path, name: str) -> tuple[Path, str | Problem] | None:
    """Return the host's settings file ``name`` it reads and its text (or why it cannot be
    read): the host reads one, in the folder it builds from (Netlify's base directory, Vercel's
    root directory), which is set in its dashboard: the site's folder's where there is one, else
    the project's (None: none)."""
    for place in dict.fromkeys((site, root)):
        text = read_host_file(place / name, root)
        if text is not None:
            return place / name, text
    return None


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, its links followed, is in the folder ``root`` (the project)."""
    return real(path).is_relative_to(real(root))


def read_host_file(path: Path, root: Path) -> str | Problem | None:
    """Return the text of the host file at ``path`` (None: absent), or a warning saying why it
    is not read: a link out of the project in ``root`` or to nothing, a folder, not a regular
    file, too large, not UTF-8 (see the module docstring)."""
    if not os.path.lexists(path):
        return None
    found = real(path)
    if not found.is_relative_to(real(root)):
        return _outside(path, root)
    try:
        fd = os.open(found, os.O_RDONLY | NONBLOCK)
    except OSError as exc:
        missing = exc.errno == errno.ENOENT
        why = "a link to nothing" if missing else f"cannot open it: {exc.strerror}"
        return host_problem(path, root, why, "point the link at the file, or remove it")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return host_problem(path, root, "a folder, not a file", "the host reads a file of that name")
        if not stat.S_ISREG(info.st_mode):
            why, fix = "not a regular file (a pipe, device or socket)", "put the file itself in its place"
            return host_problem(path, root, why, fix)
        data = _read_to(fd, LARGEST + 1) if info.st_size <= LARGEST else b""
        if info.st_size > LARGEST or len(data) > LARGEST:
            size = f"larger than {LARGEST // 1024 // 1024} MiB"
            hint = "write fewer rules, with splats and placeholders"
            return host_problem(path, root, size, hint)
    except OSError as exc:
        return host_problem(path, root, f"cannot read it: {exc.strerror}", "check its permissions")
    finally:
        os.close(fd)
    return data.decode("utf-8-sig", "replace")


def _read_to(fd: int, most: int) -> bytes:
    """Return the bytes of the open file ``fd``, up to ``most`` (a read may come back short)."""
    chunks: list[bytes] = []
    got = 0
    while got < most and (chunk := os.read(fd, most - got)):
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _outside(path: Path, root: Path) -> Problem:
    """Return the warning that the host file at ``path`` is not read as it is out of the project
    in ``root``: a link itself, or in a folder that is one (which is named)."""
    inside = Path(os.path.normpath(path))
    folders = (p for p in reversed(inside.parents) if p != root and p.is_relative_to(root))
    folder = next((p for p in folders if os.path.islink(p)), None)
    if os.path.islink(path) or folder is None:
        why = "a link to a file outside the project" if inside.is_relative_to(root) else "outside the project"
        return host_problem(path, root, why, "copy the file into the project")
    named = Path(os.path.relpath(folder, root)).as_posix()
    why = f"its folder {named}/ is a link to a folder outside the project"
    return host_problem(path, root, why, f"copy that folder into the project in place of the link {named}")


def host_problem(path: Path, root: Path, why: str, fix: str, line: int = 1, col: int = 1) -> Problem:
    """Return the warning that the host file at ``path`` is not read, with why and how to fix it
    (at ``line`` and ``col``: where it says so, else its first line)."""
    rel = Path(os.path.relpath(path, root)).as_posix()
    hint = f"{fix}; {_UNREAD}" if fix else _UNREAD
    message = f"the host's redirects in {path.name} are not read: {why}"
    return Problem(rel, line, col, "warning", message, hint, HOST_PROBLEM)


def host_line_problem(
    path: Path,
    root: Path,
    why: str,
    fix: str,
    line: int,
    col: int,
    kept: bool | None = False,
    what: str = "",
) -> Problem:
    """Return the warning that a line of the host's file at ``path`` (``_redirects``,
    `stagemap.read.hostlines`), or ``what`` in it (a rule of ``netlify.toml`` or ``vercel.json``,
    `stagemap.read.hostsettings`), cannot be used, with why and how to fix it, at ``line`` and
    ``col``, saying what the host does: Netlify ignores it, Vercel will not deploy the site (its
    schema is broken), or, where ``kept``, the host applies it but stagemap cannot follow it;
    where ``kept`` is None (which of those is not known), only that stagemap does not follow it."""
    rel = Path(os.path.relpath(path, root)).as_posix()
    vercel = path.name == "vercel.json"
    subject = f"{what} in {path.name}" if what else f"a line of {path.name}"
    if kept is None:
        message = f"stagemap cannot follow {subject}"
    elif kept:
        message = f"{'Vercel' if vercel else 'Netlify'} applies {subject}, but stagemap cannot follow it"
    elif vercel:
        message = f"{subject} breaks Vercel's schema, so Vercel will not deploy the site"
    else:
        message = f"Netlify ignores {subject}"
    return Problem(rel, line, col, "warning", f"{message}: {why}", fix, HOST_PROBLEM)
