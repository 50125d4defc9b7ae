"""The only code that writes files: atomic, and confined to the folder it is given."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..errors import StagemapError, UsageError

if TYPE_CHECKING:
    from ..model.settings import Config


class OutputError(StagemapError):
    """A file could not be written, or a path would leave the output folder."""


def check_output_dir(config: Config, out_dir: Path, *, verb: str = "build", example: str = "site") -> Path:
    """Return the resolved output folder, refusing one that would overlap the project's sources.

    A folder that is itself a symbolic link is refused: a cloned project could hold ``site``
    as a link to any folder of the user's. Giving the real path states the intent.
    """
    if out_dir.is_symlink():
        raise UsageError(
            f"refusing to {verb} into {out_dir}: it is a symbolic link to {os.path.realpath(out_dir)}; "
            "stagemap never writes through a link (give the folder's real path if you mean it)"
        )
    out = out_dir.resolve()
    root = config.root.resolve()
    for above in (out, *out.parents):
        if above.exists():
            if not above.is_dir():
                raise UsageError(f"refusing to {verb} into {out_dir}: {above} is a file, not a folder")
            break
    sources = [
        (root, "the project folder"),
        (config.content_dir.resolve(), "the content folder"),
        (config.templates_dir.resolve(), "the templates folder"),
        ((config.root / ".stagemap-cache").resolve(), "stagemap's cache folder"),
    ]
    for folder, name in sources:
        if folder.is_relative_to(out):
            what = "is" if folder == out else "contains"
            raise UsageError(
                f"refusing to {verb} into {out_dir}: it {what} {name} ({folder}); "
                f"choose a folder such as {example}/ inside the project"
            )
    for folder, name in sources[1:]:
        if out.is_relative_to(folder):
            raise UsageError(
                f"refusing to {verb} into {out_dir}: it is inside {name} ({folder}); "
                f"choose a folder such as {example}/ inside the project"
            )
    if out.exists() and not out.is_dir():
        raise UsageError(f"refusing to {verb} into {out_dir}: it is a file, not a folder")
    return out


def check_output_file(config: Config, path: Path, *, force: bool) -> Path:
    """Refuse to write one generated file over the project's sources, or over any file without ``force``."""
    target = Path(os.path.realpath(path))
    sources = [
        (config.content_dir.resolve(), "the content folder"),
        (config.templates_dir.resolve(), "the templates folder"),
        ((config.root / ".stagemap-cache").resolve(), "stagemap's cache"),
    ]
    for folder, name in sources:
        if target.is_relative_to(folder):
            raise UsageError(f"refusing to write {path}: it is inside {name} ({folder})")
    settings = config.config_path.resolve() if config.config_path else None
    in_project = target.is_relative_to(config.root.resolve())
    if target == settings or (in_project and target.suffix.lower() in (".yml", ".yaml")):
        raise UsageError(f"refusing to write {path}: a YAML file in the project may be its settings or model")
    if target.exists() and not force:
        raise UsageError(f"{path} already exists (use --force to overwrite it)")
    return target


def atomic_write(path: Path, data: bytes, *, durable: bool = True, within: Path | None = None) -> bool:
    """Write ``data`` to ``path`` atomically; return False if the bytes were already there.

    For people's own files (content, settings, a kit they named). A symlink is followed, so
    its target is replaced, not the link; with ``within``, a path whose target lies outside
    that folder is refused, so a link committed into a project cannot send an edit to a file
    elsewhere. The original file's permissions are kept; a new file gets the usual mode for
    the umask. ``durable`` also flushes the file and its folder to disk before returning.
    Built output that can be made again goes through `Stager` or `write_owned` instead.
    """
    target = Path(os.path.realpath(path))
    if within is not None and not target.is_relative_to(within.resolve()):
        raise OutputError(
            f"refusing to write {path}: it is a link to {target}, outside {within}; "
            "stagemap only edits files inside the project"
        )
    return _write_built(target, data, set(), _umask(), durable=durable, shown=str(path), follow=True)


OWNED_LIMIT = 256 * 1024 * 1024
"""The largest of stagemap's own files (cache, page record, manifest) it will read."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _link_refusal(path: Path | str) -> OutputError:
    return OutputError(
        f"refusing to write {path}: it is a symbolic link; stagemap never writes through a link "
        "at its own files (remove the link)"
    )


def _special_refusal(path: Path | str) -> OutputError:
    return OutputError(f"refusing to write {path}: it is not a regular file (remove it)")


def read_owned(path: Path, limit: int = OWNED_LIMIT) -> bytes | None:
    """Read one of stagemap's own files; None when absent, a link, not a regular file or too big.

    Such files (the parse cache, the page record, a manifest) may have been put there by
    anyone who could commit to the project, so a link or a device is never read: a link to
    ``/dev/zero`` would otherwise be read until memory runs out.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _open_folder(folder: Path) -> int:
    """Open ``folder`` for *at() calls, refusing a link or a non-folder at its last step."""
    try:
        return os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    except OSError as exc:
        if os.path.islink(folder):
            raise _link_refusal(folder) from None
        raise OutputError(f"cannot write into {folder}: {exc.strerror or exc}") from None


def write_owned(folder: Path, name: str, data: bytes) -> bool:
    """Write stagemap's own file ``folder/name`` (cache, record, manifest); False if unchanged.

    Never through a link and never onto a special file: the folder is opened without
    following a link at its last step, and every later call is made relative to that open
    folder, so the file lands in the folder that was checked. A link or a special file at
    ``name`` is refused with `OutputError`, never replaced or followed.
    """
    if "/" in name or name in ("", ".", ".."):
        raise ValueError(f"not a plain file name: {name!r}")
    shown = folder / name
    dfd = _open_folder(folder)
    tmp = f".{name}.{os.getpid()}.tmp"
    try:
        try:
            info = os.stat(name, dir_fd=dfd, follow_symlinks=False)
        except FileNotFoundError:
            info = None
        mode = 0o666 & ~_umask()
        if info is not None:
            if stat.S_ISLNK(info.st_mode):
                raise _link_refusal(shown)
            if not stat.S_ISREG(info.st_mode):
                raise _special_refusal(shown)
            mode = stat.S_IMODE(info.st_mode)
            if info.st_size == len(data) and _same_bytes(dfd, name, data):
                return False
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=dfd)  # left over by a killed run
        fd = os.open(tmp, flags, 0o600, dir_fd=dfd)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
        return True
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dfd)
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        os.close(dfd)


def _same_bytes(dfd: int, name: str, data: bytes) -> bool:
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=dfd)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(len(data) + 1) == data
    finally:
        os.close(fd)


def make_owned_folder(folder: Path) -> Path:
    """Make stagemap's own folder ``folder`` (one level) unless it exists; refuse a link there."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except OSError as exc:
        raise OutputError(f"cannot make the folder {folder}: {exc.strerror or exc}") from None
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode):
        raise _link_refusal(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot use {folder}: it is not a folder (remove it)")
    return folder


def remove_owned_files(folder: Path, names: Iterable[str]) -> None:
    """Remove files stagemap wrote in ``folder`` (links themselves, never their targets)."""
    try:
        dfd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    except OSError:
        return
    try:
        for name in names:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=dfd)
    finally:
        os.close(dfd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def confined(root: Path, relative: str) -> Path:
    """Return ``root / relative``, refusing any path that leaves ``root`` or ends in a link.

    The folders on the way are resolved and must stay inside ``root``; the last step is not
    resolved, and a link there is refused: stagemap never writes through a link.
    """
    base = root.resolve()
    joined = base / relative
    parent = joined.parent.resolve()
    candidate = parent / joined.name
    if not candidate.is_relative_to(base) or candidate == base or joined.name in ("", ".", ".."):
        raise OutputError(f"refusing to write '{relative}': it is outside the output folder {root}")
    if os.path.islink(candidate):
        raise _link_refusal(candidate)
    return candidate


def write_tree(root: Path, files: dict[str, bytes]) -> list[str]:
    """Write ``{relative path: bytes}`` under ``root``; return the paths that changed.

    Output that can be rebuilt: written atomically but not flushed to disk one by one.
    """
    stager = Stager(root)
    return [rel for rel in sorted(files) if stager.put(rel, files[rel])]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_built(
    target: Path,
    data: bytes,
    made: set[str],
    mask: int,
    staged: list[tuple[str, str]] | None = None,
    *,
    durable: bool = False,
    shown: str | None = None,
    follow: bool = False,
) -> bool:
    """Write one file atomically: the single implementation behind every write.

    Skip identical bytes, keep an existing file's mode, temp file + rename; plain `os` calls,
    as a build makes thousands of them.

    ``made`` remembers folders already made and ``mask`` is the umask, both kept by the
    caller across calls. With ``staged``, the rename is left to the caller: (temp file,
    target) is appended. ``durable`` flushes the file and its folder to disk. ``shown`` is
    the path to name in errors (default: the target). Without ``follow`` (built output), a
    link or a special file at the target is refused, never read, followed or replaced.
    """
    path = str(target)
    name = shown or path
    folder = os.path.dirname(path)
    mode = 0o666 & ~mask
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | (0 if follow else _NOFOLLOW))
    except FileNotFoundError:
        fd = -1
    except OSError as exc:
        if not follow and os.path.islink(path):
            raise _link_refusal(name) from None
        raise OutputError(f"cannot read {name}: {exc.strerror}") from None
    try:
        if fd < 0:
            raise FileNotFoundError
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _special_refusal(name)
        mode = stat.S_IMODE(info.st_mode)
        if info.st_size == len(data):
            with os.fdopen(fd, "rb", closefd=False) as handle:
                if handle.read() == data:
                    return False
    except FileNotFoundError:
        if folder not in made:
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as exc:
                raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None
            made.add(folder)
    except OSError as exc:
        raise OutputError(f"cannot read {name}: {exc.strerror}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    tmp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileExistsError:  # left over by a killed run
            os.unlink(tmp)
            fd = os.open(tmp, flags, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, mode)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if staged is None:
            os.replace(tmp, path)
            if durable:
                _fsync_dir(Path(folder))
        else:
            staged.append((tmp, path))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None
        raise
    return True


def _fast_confined(base: Path, rel: str, parents: dict[str, Path | None]) -> Path | None:
    """Return ``base / rel`` when plainly inside ``base`` (parents resolved once), else None.

    None sends the caller to the full check of `confined`, which also refuses.
    """
    if not _plain_relative(rel):
        return None
    folder, _, name = rel.rpartition("/")
    if folder not in parents:
        resolved = Path(os.path.realpath(base / folder)) if folder else base
        parents[folder] = resolved if resolved.is_relative_to(base) else None
    parent = parents[folder]
    if parent is None:
        return None
    target = parent / name
    if os.path.islink(target):
        return None
    return target


MANIFEST = ".stagemap-manifest.json"
"""Lists the files stagemap wrote into an output folder, so a rebuild can remove stale ones."""


def check_manifest_kind(root: Path, kind: str) -> None:
    """Refuse a folder whose manifest says it holds another kind of output (a site, kits).

    Each command removes the files it wrote earlier that no longer belong; two commands
    sharing a folder would delete each other's files.
    """
    raw = read_owned(root / MANIFEST)
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return
    if isinstance(data, dict) and data.get("generator") == "stagemap":
        other = data.get("kind", "site")
        if other != kind:
            raise OutputError(
                f"{root} holds stagemap's {other} (listed in its {MANIFEST}); write the {kind} to another folder"
            )


def read_manifest(root: Path) -> set[str]:
    """Return the files a previous build recorded in ``root``; empty when there is no usable list.

    A manifest that is not stagemap's, or names a path that is absolute, climbs with ``..``
    or is otherwise not plain, is ignored entry by entry: it can never make us touch a file
    outside the folder.
    """
    raw = read_owned(root / MANIFEST)
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return set()
    if not isinstance(data, dict) or data.get("generator") != "stagemap":
        return set()
    files = data.get("files")
    if not isinstance(files, list):
        return set()
    return {f for f in files if isinstance(f, str) and _plain_relative(f)}


def _plain_relative(rel: str) -> bool:
    parts = rel.split("/")
    return (
        bool(rel)
        and rel != MANIFEST
        and "\\" not in rel
        and "\0" not in rel
        and not rel.startswith("/")
        and all(p not in ("", ".", "..") for p in parts)
    )


def sync_tree(
    root: Path, files: dict[str, bytes], keep: frozenset[str] = frozenset(), kind: str = "site"
) -> tuple[list[str], list[str]]:
    """Make ``root`` hold ``files``: write what changed, remove what an earlier build wrote.

    ``keep`` names files an earlier build wrote that stay as they are (reused pages): they
    stay listed in the manifest and are neither written nor removed. Returns
    ``(changed, removed)``. Files stagemap did not write (per the manifest) are never
    removed, and are not overwritten either: if one stands where a page must go, nothing is
    written and `OutputError` says which.
    """
    _make_root(root)
    check_manifest_kind(root, kind)
    owned = read_manifest(root)
    clashes = []
    for rel in sorted(files):
        if rel in owned:
            continue
        target = confined(root, rel)
        if target.is_dir():
            clashes.append(rel)
            continue
        try:
            if target.read_bytes() != files[rel]:
                clashes.append(rel)
        except FileNotFoundError:
            pass
        except OSError:
            clashes.append(rel)
    if clashes:
        shown = ", ".join(clashes[:3]) + (f" and {len(clashes) - 3} more" if len(clashes) > 3 else "")
        raise OutputError(
            f"{root} already holds files that stagemap did not write: {shown} "
            "(remove them or choose another output folder)"
        )
    changed = write_tree(root, files)
    keep = keep & owned
    removed = [rel for rel in sorted(owned - files.keys() - keep) if _remove_owned(root, rel)]
    _write_manifest(root, set(files) | keep, kind)
    return changed, removed


@dataclass(frozen=True, slots=True)
class Staged:
    """A page already written to a temporary file beside its target (None: bytes unchanged)."""

    tmp: str | None
    """The temporary file, renamed into place when the whole site is made."""
    path: str
    """The target file."""


class Stager:
    """Writes pages of one output folder to temporary files, in this process or a forked worker.

    Made before the page workers start, so that they inherit it: each worker then writes its
    own pages (in parallel, and without sending them back), and the caller renames them all
    into place once every page is made.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.base = root.resolve()
        self.parents: dict[str, Path | None] = {}
        self.made: set[str] = set()
        self.mask = _umask()

    def _target(self, rel: str) -> Path:
        return _fast_confined(self.base, rel, self.parents) or confined(self.root, rel)

    def write(self, rel: str, data: bytes) -> Staged:
        """Write a page to a temporary file beside its target; the caller renames it."""
        target = self._target(rel)
        staged: list[tuple[str, str]] = []
        _write_built(target, data, self.made, self.mask, staged)
        return Staged(staged[0][0], staged[0][1]) if staged else Staged(None, str(target))

    def put(self, rel: str, data: bytes) -> bool:
        """Write a file into place now; return False if its bytes were already there."""
        return _write_built(self._target(rel), data, self.made, self.mask)


_TEMP_NAME = re.compile(r"^\..+\.\d+\.tmp$")


def stager_for(root: Path) -> Stager | None:
    """Return a `Stager` for ``root``, or None when it holds files stagemap did not write.

    Holding a 10,000-page site in memory to check it first costs hundreds of megabytes, so
    when the folder holds nothing but what stagemap wrote (the usual case) pages are written
    as they are made, to temporary files renamed into place once all are made. When it holds
    other files, the pages must be gathered and checked by `sync_tree` before anything is
    written.
    """
    _make_root(root)
    check_manifest_kind(root, "site")
    return None if _foreign_files(root, read_manifest(root)) else Stager(root)


def _make_root(root: Path) -> None:
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the folder {root}: {exc.strerror or exc}") from None


def stream_tree(
    root: Path,
    pages: Iterable[tuple[str, bytes | Staged]],
    keep: Collection[str] = (),
    stager: Stager | None = None,
) -> tuple[list[str], list[str]]:
    """`sync_tree` for pages made one at a time (see `stager_for`); returns (changed, removed).

    A page comes as bytes or already `Staged` by a worker. If making a page fails, every
    temporary file is removed and the folder is left as it was. ``keep`` is read once the
    pages are done (the pages to reuse are found while making the others).
    """
    if stager is None:
        gathered = dict(pages)
        if any(isinstance(v, Staged) for v in gathered.values()):
            raise ValueError("pages staged without a stager")
        return sync_tree(root, cast(dict[str, bytes], gathered), frozenset(keep))
    owned = read_manifest(root)
    changed: list[str] = []
    written: set[str] = set()
    staged: list[tuple[str, str]] = []
    try:
        for rel, data in pages:
            item = data if isinstance(data, Staged) else stager.write(rel, data)
            if item.tmp is not None:
                staged.append((item.tmp, item.path))
                changed.append(rel)
            written.add(rel)
    except BaseException:
        # Workers may have staged pages whose results never arrived: every temporary file of
        # this naming in a folder that holds only stagemap's files is ours.
        for folder, _, names in os.walk(root):
            for name in names:
                if _TEMP_NAME.match(name):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(folder, name))
        for folder in sorted(stager.made, key=len, reverse=True):
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise
    for tmp, path in staged:
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    kept = frozenset(keep) & owned
    removed = [rel for rel in sorted(owned - written - kept) if _remove_owned(root, rel)]
    _write_manifest(root, written | kept)
    return sorted(changed), removed


def _write_manifest(root: Path, files: set[str], kind: str = "site") -> None:
    listing = {"generator": "stagemap", "kind": kind, "files": sorted(files)}
    write_owned(root, MANIFEST, (json.dumps(listing, indent=1) + "\n").encode("utf-8"))


def _foreign_files(root: Path, owned: set[str]) -> bool:
    """Return True if ``root`` holds a file (or link) that the manifest does not list."""
    base = str(root)
    for folder, dirs, names in os.walk(base):
        sub = os.path.relpath(folder, base).replace(os.sep, "/")
        prefix = "" if sub == "." else sub + "/"
        for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            rel = prefix + name
            if rel != MANIFEST and rel not in owned:
                return True
    return False


def _remove_owned(root: Path, rel: str) -> bool:
    """Remove one file an earlier build wrote, and folders it leaves empty. Never follows links."""
    base = root.resolve()
    path = base / rel
    parent = Path(os.path.realpath(path.parent))
    if not parent.is_relative_to(base):
        return False
    path = parent / path.name
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        return False
    try:
        path.unlink()
    except OSError as exc:
        raise OutputError(f"cannot remove {path}: {exc.strerror}") from None
    folder = parent
    while folder != base and folder.is_relative_to(base):
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
    return True
