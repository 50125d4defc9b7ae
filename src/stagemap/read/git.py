"""Read a project as it was at a git revision, with git plumbing only.

Nothing is checked out and nothing is written into the repository: commits and trees are
listed with ``git rev-parse``/``merge-base``/``log``/``ls-tree``, and file contents come from
one long-lived ``git cat-file --batch`` process. Parsed front matter is kept in memory by
blob id (and vocabulary), so a file that did not change between two revisions is parsed once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
import subprocess
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ..errors import ConfigError, Problem, StagemapError
from ..model.library import Asset, Library, Vocabulary
from ..model.settings import CONFIG_NAME, Config, Source
from . import yamlsafe
from .assets import cascaded, default_id, link, parse_asset, read_content, sort_out
from .cascade import with_cascades
from .gitplace import git_env, no_repository_above, rev_parse_lines
from .parse import Place
from .settings import config_from_data
from .sitedefaults import SiteDefaults, site_defaults
from .sources import Listing, Scan, ToRead, scan

Parsed = tuple[Asset | None, list[Problem]]
MAIN_BRANCHES = (
    "refs/remotes/origin/HEAD",
    "refs/heads/main",
    "refs/heads/master",
    "refs/remotes/origin/main",
    "refs/remotes/origin/master",
)
"""Where the main branch is looked for, in order, when no base revision is given."""
_BATCH = 256
"""Blob requests written to ``cat-file`` before reading the answers (small enough that the
requests fit in a pipe buffer while git is busy writing)."""


class GitError(StagemapError):
    """git is missing, the folder is not a repository, or a revision cannot be read."""


@dataclass(frozen=True, slots=True)
class Revision:
    """One commit, as named on the command line."""

    name: str
    """The name it was asked for by (``main``, ``HEAD~3``, a commit id)."""
    commit: str
    """The full commit id."""
    date: dt.date
    """The committer date, in the committer's time zone."""

    @property
    def short(self) -> str:
        """The first twelve characters of the commit id."""
        return self.commit[:12]


class Git:
    """The repository that holds a project folder, read through plumbing commands."""

    def __init__(self, project_root: Path) -> None:
        self.project_root = project_root.resolve()
        if no_repository_above(self.project_root):
            raise GitError(f"'{self.project_root}' is not inside a git repository")
        # One git process tells all four (the top's path may hold a line break: it is read last).
        asked = ("--show-toplevel", "--show-object-format", "--is-shallow-repository", "--verify")
        out = self._run("rev-parse", *asked, "--quiet", "HEAD", cwd=self.project_root, ok=(0, 1))
        top, fmt, shallow, head = rev_parse_lines(out)
        self.top = Path(top).resolve()
        rel = self.project_root.relative_to(self.top).as_posix()
        self.prefix = "" if rel == "." else rel + "/"
        """The project folder inside the repository, with a final ``/`` (empty at the top)."""
        self.object_format = fmt if fmt in ("sha1", "sha256") else "sha1"
        self.head = head  # (the commit checked out, its full id; None before the first commit)
        self.shallow = shallow == "true"  # (the repository holds only part of its history)
        self._batch: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Git:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the ``cat-file`` process, if one was started."""
        if self._batch is not None:
            assert self._batch.stdin is not None
            self._batch.stdin.close()
            self._batch.wait()
            if self._batch.stdout is not None:
                self._batch.stdout.close()
            self._batch = None

    # -- commands ---------------------------------------------------------------------------
    def _run(self, *args: str, cwd: Path | None = None, ok: Sequence[int] = (0,)) -> str:
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=cwd or self.top,
                capture_output=True,
                check=False,
                env=git_env(),
            )
        except FileNotFoundError:
            raise GitError("git is not installed (or not on PATH): reading revisions needs it") from None
        if done.returncode not in ok:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            if "not a git repository" in " ".join(message):
                raise GitError(f"'{cwd or self.top}' is not inside a git repository")
            raise GitError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
        return os.fsdecode(done.stdout)

    def resolve(self, name: str) -> Revision:
        """Return the commit a revision name points at; `GitError` when there is none."""
        if not name or name.startswith("-"):
            raise GitError(f"unknown revision '{name}'")
        out = self._run(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}", ok=(0, 1)
        )
        if not out.strip():
            raise GitError(f"unknown revision '{name}' (not a branch, tag or commit in this repository)")
        return self._revision(name, out.strip())

    def _revision(self, name: str, commit: str) -> Revision:
        date = self._run("show", "-s", "--format=%cs", commit).strip()
        return Revision(name, commit, dt.date.fromisoformat(date))

    def main_branch(self) -> str:
        """Return the name of the main branch (origin's HEAD, main or master)."""
        for ref in MAIN_BRANCHES:
            if self._run("rev-parse", "--verify", "--quiet", ref, ok=(0, 1)).strip():
                return ref.removeprefix("refs/heads/").removeprefix("refs/remotes/")
        raise GitError("cannot tell the main branch (no main, master or origin/HEAD); name the base revision")

    def merge_base(self, one: Revision, other: Revision) -> Revision:
        """Return the best common ancestor of two commits."""
        out = self._run("merge-base", one.commit, other.commit, ok=(0, 1)).strip()
        if out:
            return self._revision(f"merge-base({one.name}, {other.name})", out)
        if self.shallow:
            raise GitError(
                f"this is a shallow clone and the merge base of {one.name} and {other.name} is not in it "
                "(fetch more history, e.g. 'git fetch --unshallow', or name the base revision)"
            )
        raise GitError(f"{one.name} and {other.name} have no common history; name the base revision")

    def commits(self, spec: str | None, since: dt.date | None, until: dt.date | None) -> list[Revision]:
        """Return the first-parent commits of a range that touch the project folder, oldest first."""
        args = ["log", "--first-parent", "--reverse", "--format=%H %cs"]
        if since is not None:
            args.append(f"--since={since.isoformat()}T00:00:00")
        if until is not None:
            args.append(f"--until={until.isoformat()}T23:59:59")
        if spec is not None:
            for part in spec.replace("...", "..").split(".."):
                if part:
                    self.resolve(part)
        args += ["--end-of-options", spec or "HEAD", "--", self.prefix or "."]
        found: list[Revision] = []
        for line in self._run(*args).splitlines():
            commit, _, day = line.partition(" ")
            found.append(Revision(commit[:12], commit, dt.date.fromisoformat(day)))
        return found

    def tree(self, commit: str, folder: str) -> list[tuple[str, str]]:
        """Return (path from the top, blob id) of each regular file under ``folder`` at ``commit``."""
        args = ["ls-tree", "-r", "-z", "--full-tree", commit]
        if folder:
            args += ["--", folder]
        found: list[tuple[str, str]] = []
        under = folder + "/" if folder else ""
        for entry in self._run(*args).split("\0"):
            meta, _, path = entry.partition("\t")
            parts = meta.split(" ")
            # Links (120000) and submodules are skipped: a revision holds no file to follow.
            regular = len(parts) == 3 and parts[1] == "blob" and parts[0] in ("100644", "100755")
            if regular and path.startswith(under):
                found.append((path, parts[2]))
        return found

    # -- objects ----------------------------------------------------------------------------
    def _process(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._batch is None:
            self._batch = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.top,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=git_env(),
            )
        assert self._batch.stdin is not None and self._batch.stdout is not None
        return self._batch.stdin, self._batch.stdout

    def read(self, names: Iterable[str]) -> Iterator[tuple[str, str | None, bytes | None]]:
        """Yield (name, blob id, bytes) for each object name; None for names that do not exist.

        Names are blob ids or ``commit:path``; requests go out in batches so that a thousand
        blobs cost a few pipe round trips, not a thousand.
        """
        stdin, stdout = self._process()
        pending = list(names)
        for start in range(0, len(pending), _BATCH):
            chunk = pending[start : start + _BATCH]
            stdin.write(b"".join(os.fsencode(name) + b"\n" for name in chunk))
            stdin.flush()
            for name in chunk:
                header = stdout.readline().split()
                if len(header) != 3:
                    yield name, None, None
                    continue
                data = stdout.read(int(header[2]))
                stdout.read(1)
                blob = header[0].decode("ascii")
                yield name, blob, (data if header[1] == b"blob" else None)

    def blob_id(self, data: bytes) -> str:
        """Return the id git gives a blob with these bytes."""
        digest = hashlib.new(self.object_format)
        digest.update(b"blob %d\0" % len(data))
        digest.update(data)
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A project's settings and library at one revision (or in the work tree)."""

    revision: Revision | None
    """The commit, or None for the work tree."""
    config: Config
    """Settings as they were then."""
    library: Library
    """Assets and problems as they were then."""


class Revisions:
    """Reads snapshots of one project, reusing parsed files across revisions by blob id."""

    def __init__(self, git: Git, *, problems: bool = True) -> None:
        self.git = git
        self.problems = problems
        """Collect content problems as `load_library` does; without them, only the assets are
        linked (coverage needs no did-you-mean hints, which dominate the time of a revision
        with many broken next steps)."""
        self._parsed: dict[tuple[Vocabulary, str], dict[tuple[str, str, Place], Parsed]] = {}
        """Parsed files per vocabulary and reading rules, by (blob id, path shown, place)."""
        self._configs: dict[tuple[bytes, bytes | None], Config] = {}

    def at(self, revision: Revision) -> Snapshot | None:
        """Return the project at a commit, or None when stagemap.yml is not there."""
        config = self.config_at(revision)
        if config is None:
            return None
        return Snapshot(revision, config, self.library_at(revision, config))

    def config_at(self, revision: Revision) -> Config | None:
        """Build the settings from stagemap.yml (and its model file) as committed."""
        ((_, _, data),) = self.git.read([f"{revision.commit}:{self.git.prefix}{CONFIG_NAME}"])
        if data is None:
            return None
        settings = _yaml(data, f"{CONFIG_NAME} at {revision.name}")
        if settings is None:
            settings = {}
        if not isinstance(settings, dict):
            raise ConfigError(f"{CONFIG_NAME} at {revision.name}: settings must be 'key: value' lines")
        model_data: bytes | None = None
        model = settings.get("model")
        if isinstance(model, str) and model.endswith((".yml", ".yaml")):
            model_data = self._model_file(revision, model)
        key = (data, model_data)
        if key not in self._configs:
            if model_data is not None:
                settings = {**settings, "model": _yaml(model_data, f"{model} at {revision.name}")}
            try:
                self._configs[key] = config_from_data(self.git.project_root, settings)
            except ConfigError as exc:
                raise ConfigError(f"at {revision.name}: {exc}") from None
        return self._configs[key]

    def _model_file(self, revision: Revision, name: str) -> bytes:
        path = posixpath.normpath(self.git.prefix + name)
        if path.startswith("../") or posixpath.isabs(path):
            raise ConfigError(f"model file '{name}' at {revision.name} is outside the repository")
        ((_, _, data),) = self.git.read([f"{revision.commit}:{path}"])
        if data is None:
            raise ConfigError(f"cannot read model file '{name}' at {revision.name}: not in that commit")
        return data

    def library_at(self, revision: Revision, config: Config) -> Library:
        """Read the sources of a commit as the checkout's are read, parsing only blobs not seen
        before (a source outside the repository has no past: a problem at every revision)."""

        def lister(source: Source, root: Path) -> Listing | Problem:
            try:
                rel = source.path.relative_to(root).as_posix()
            except ValueError:
                return Problem(
                    source.path.as_posix(),
                    0,
                    0,
                    "error",
                    "source is outside the repository, so it has no history",
                    "read it from its own repository, or leave it out of 'sources'",
                    "source-outside",
                )
            folder = "" if rel == "." else rel
            under = (self.git.prefix + folder).rstrip("/")
            start = len(under) + 1 if under else 0
            return [
                ("file", blob, path[start:])
                for path, blob in self.git.tree(revision.commit, under)
                if not any(part.startswith(".") for part in path[start:].split("/"))
            ]

        found = scan(config, lister)
        committed = f"{revision.commit}:{self.git.prefix}"  # the site's configuration file, as committed
        rules = config.rules
        site = site_defaults(
            rules.generator, lambda n: next(self.git.read([committed + n]))[2], rules.site_root
        )
        if found.sections or site is not None:  # what Hugo's sections pass down, from their blobs
            blog = isinstance(site, SiteDefaults) and bool(site.blog)  # MkDocs' blog index too: a page?
            ask = [*found.sections, *(i for i in found.to_read if blog and i.sub.endswith("index.md"))]
            blobs = {name: data for name, _, data in self.git.read([s.path for s in ask])}
            found = with_cascades(found, lambda item: blobs.get(item.path), site, rules)
        cache = self._cache(config)
        needed = [item.path for item in found.to_read if self._key(item) not in cache]
        texts = {name: data for name, _, data in self.git.read(dict.fromkeys(needed))}
        return self._library(config, found, lambda item: texts.get(item.path) or b"")

    def worktree(self, config: Config) -> Snapshot:
        """Read the sources from disk as `load_library` sees them, writing no cache."""
        found = cascaded(config)
        datas = {item.rel: read_content(item.path, item.rel) for item in found.to_read}
        keyed = replace(
            found,
            to_read=tuple(
                replace(item, path=self.git.blob_id(data)) if isinstance(data, bytes) else item
                for item in found.to_read
                for data in (datas[item.rel],)
            ),
        )
        return Snapshot(None, config, self._library(config, keyed, lambda item: datas[item.rel]))

    def _cache(self, config: Config) -> dict[tuple[str, str, Place], Parsed]:
        # The rules hold dicts: their repr (stable, in the order read) stands for them.
        return self._parsed.setdefault((Vocabulary.of(config), repr(config.rules)), {})

    @staticmethod
    def _key(item: ToRead) -> tuple[str, str, Place]:
        return (item.path, item.rel, Place.of(item))

    def _library(self, config: Config, found: Scan, data: Callable[[ToRead], bytes | Problem]) -> Library:
        """Parse what ``found`` lists (``item.path``: a blob id) through the cache, then link."""
        vocab = Vocabulary.of(config)
        cache = self._cache(config)
        parsed: list[Parsed] = []
        for item in found.to_read:
            key = self._key(item)
            if key not in cache:
                got = data(item)
                if isinstance(got, Problem):
                    parsed.append((None, [got]))
                    continue
                asset, problems = parse_asset(item.rel, default_id(item), got, vocab, config.rules, key[2])
                # Coverage never needs the body; dropping it keeps a year of revisions small.
                cache[key] = (None if asset is None else replace(asset, body=""), problems)
            parsed.append(cache[key])
        kept, fates = sort_out(parsed, found, config.rules)
        return link(kept, vocab, fates, found.problems, config.rules.generator, report=self.problems)


def _yaml(data: bytes, where: str) -> Any:
    try:
        return yamlsafe.load(data.decode("utf-8-sig")).data
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read {where}: {exc}") from None
    except yamlsafe.YamlProblem as exc:
        raise ConfigError(f"{where}:{exc.line}:{exc.col}: {exc.message}") from None
