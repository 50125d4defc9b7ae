"""Which run of Eleventy builds the deployed site, and the ``--pathprefix`` it gives (patterns).

Eleventy's ``--pathprefix`` on the command line wins over the configuration's ``pathPrefix``
(its name in lower case alone, as its argument parser, minimist given ``pathprefix``, takes no
other: another case is an unknown option there). The run that counts is the one the deploy
makes, looked up in this order:

- the command a GitHub workflow deploying to GitHub Pages runs (``.github/workflows/*.yml``
  using ``actions/deploy-pages``, ``upload-pages-artifact``, ``actions-gh-pages`` or
  ``github-pages-deploy-action``; its steps' ``run``), then ``netlify.toml``'s
  ``[build] command``, then another workflow's: the first that runs Eleventy (``npx
  @11ty/eleventy``) itself, or a ``package.json`` script that does (``npm run build-ghpages``,
  ``yarn build``, ``pnpm run build``; a script running another so, followed);
- else the ``build`` script (``npm run build``), when it runs Eleventy;
- else the first other script building the site with ``--pathprefix`` (eleventy-base-blog's
  ``build-ghpages``), but for those serving or watching it locally (``--serve``, ``--watch``,
  a script named ``start``, ``dev``, ``serve`` or ``watch``).

The run found decides: its ``--pathprefix``, or none (the configuration's prefix, or none, is
the one it uses). One the environment gives (``--pathprefix=$PREFIX``) is not known.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from . import yamlsafe
from .owned import read_owned

_ON_COMMAND_LINE = lazy(r"""--pathprefix(?:=|\s+)(['"]?)([^'"\s;&|]*)\1""")
"""Eleventy's command-line option, in lower case (see the module)."""
_ELEVENTY_RUN = lazy(r"(?:^|[\s;&|/])(?:@11ty/)?eleventy(?:\s|$)")
"""A command running Eleventy (``eleventy``, ``npx @11ty/eleventy``)."""
_LOCAL_RUN = lazy(r"\s--(?:serve|watch)\b")
"""Eleventy run to serve or watch the site on the building machine, not to build it."""
_LOCAL_NAMES = ("start", "dev", "serve", "watch")
"""Names of the scripts that run the site locally (``dev:11ty`` too)."""
_NAME_PARTS = lazy(r"[:_-]")
_COMMANDS = lazy(r"&&|\|\||[;\n]")
"""What separates the commands of a script or a step."""
_SCRIPT_RUN = lazy(
    r"""^\s*(?:npm\s+run(?:-script)?|pnpm(?:\s+run)?|yarn(?:\s+run)?|bun\s+run)\s+([\w:.-]+)"""
)
"""A package manager running a script of ``package.json``."""
_PAGES_DEPLOY = (
    "actions/deploy-pages",
    "upload-pages-artifact",
    "actions-gh-pages",
    "github-pages-deploy-action",
)
"""What a workflow deploying to GitHub Pages uses."""
_MOST_WORKFLOWS = 50
_MOST_BYTES = 256 * 1024
_DEEPEST = 4
"""How many scripts deep a script running another is followed."""


@dataclass(frozen=True)
class PrefixSource:
    """The run of Eleventy that builds the deployed site."""

    script: str
    """The ``package.json`` script running it, or "" (the deploy's command runs it itself)."""
    prefix: str | None
    """Its ``--pathprefix`` ("" when the environment gives it), or None: it gives none."""
    runner: str
    """The file whose command runs it (``netlify.toml``, ``.github/workflows/pages.yml``), or ""."""


def prefix_source(site: Path, project: Path | None = None) -> PrefixSource | None:
    """Return the run of Eleventy building the site in the folder ``site`` (in the repository
    ``project``; None: ``site``) that is deployed, or None when none is found (see the module)."""
    scripts = _scripts(site)
    for runner, command in _deploys(site, project or site):
        found = _run_of(command, scripts, "", 0)
        if found is not None:
            return PrefixSource(found[0], found[1], runner)
    built = _run_of(scripts.get("build", ""), scripts, "build", 0) if "build" in scripts else None
    if built is not None:
        return PrefixSource(built[0], built[1], "")
    for name, run in scripts.items():
        if _NAME_PARTS.split(name)[0] in _LOCAL_NAMES or name == "build":
            continue
        found = _run_of(run, scripts, name, 0)
        if found is not None and found[1] is not None:
            return PrefixSource(found[0], found[1], "")
    return None


def _run_of(command: str, scripts: dict[str, str], name: str, depth: int) -> tuple[str, str | None] | None:
    """Return the script (``name`` for ``command`` itself) whose command runs Eleventy to build
    the site, first in ``command``'s order, with its ``--pathprefix`` (None: it gives none)."""
    for part in _COMMANDS.split(command):
        if _ELEVENTY_RUN.search(part) and not _LOCAL_RUN.search(part):
            found = _ON_COMMAND_LINE.search(part)
            if found is None:
                return name, None
            return name, "" if any(c in found.group(2) for c in "$%") else found.group(2)
        called = _SCRIPT_RUN.match(part)
        if called is not None and called.group(1) in scripts and depth < _DEEPEST:
            inner = _run_of(scripts[called.group(1)], scripts, called.group(1), depth + 1)
            if inner is not None:
                return inner
    return None


def _scripts(site: Path) -> dict[str, str]:
    """Return the scripts of the site's ``package.json``, by name, in its order."""
    data = read_owned(site / "package.json", 1024 * 1024)
    try:
        package = json.loads(data.decode("utf-8-sig")) if data else None
    except (UnicodeDecodeError, ValueError):
        return {}
    scripts = package.get("scripts") if isinstance(package, dict) else None
    if not isinstance(scripts, dict):
        return {}
    return {k: v for k, v in scripts.items() if isinstance(v, str)}


def _deploys(site: Path, project: Path) -> list[tuple[str, str]]:
    """Return the deploy's commands, each with its file, in the order they count (see the module)."""
    pages: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    workflows = project / ".github" / "workflows"
    names = sorted(workflows.glob("*.y*ml"))[:_MOST_WORKFLOWS] if workflows.is_dir() else []
    for path in names:
        text = _text(path)
        shown = path.relative_to(project).as_posix()
        runs = [(shown, run) for run in _step_runs(text)]
        (pages if any(used in text for used in _PAGES_DEPLOY) else others).extend(runs)
    netlify: list[tuple[str, str]] = []
    for folder in dict.fromkeys((site, project)):
        build = _toml(folder / "netlify.toml").get("build")
        command = build.get("command") if isinstance(build, dict) else None
        if isinstance(command, str) and not netlify:
            shown = (folder / "netlify.toml").relative_to(project).as_posix()
            netlify.append((shown, command))
    return pages + netlify + others


def _step_runs(text: str) -> list[str]:
    """Return the ``run`` of each step of each job of a workflow's ``text``, in order."""
    try:
        data = yamlsafe.load(text, last_wins=True, aliases=True).data
    except yamlsafe.YamlProblem:
        return []
    jobs = data.get("jobs") if isinstance(data, dict) else None
    runs = []
    for job in jobs.values() if isinstance(jobs, dict) else ():
        steps = job.get("steps") if isinstance(job, dict) else None
        for step in steps if isinstance(steps, list) else ():
            run = step.get("run") if isinstance(step, dict) else None
            runs += [run] if isinstance(run, str) else []
    return runs


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_text(path))
    except tomllib.TOMLDecodeError:
        return {}


def _text(path: Path) -> str:
    """Return a small text file's text, empty when it is not one (a link is not read)."""
    data = read_owned(path, _MOST_BYTES)
    try:
        return data.decode("utf-8-sig") if data is not None else ""
    except UnicodeDecodeError:
        return ""
