"""Which run of Eleventy builds the deployed site, and the ``--pathprefix`` it gives (patterns).

Eleventy's ``--pathprefix`` on the command line wins over the configuration's ``pathPrefix``
(its name in lower case alone, as its argument parser, minimist given ``pathprefix``, takes no
other: another case is an unknown option there). The run that counts is the one the deploy
makes, looked up in this order:

- the command a GitHub workflow deploying to GitHub Pages runs (``.github/workflows/*.yml``
  using ``actions/deploy-pages``, ``upload-pages-artifact``, ``actions-gh-pages`` or
  ``github-pages-deploy-action``; its steps' ``run``), then ``netlify.toml``'s
  ``[build] command``, then another workflow deploying the site (run on a push to ``main`` or
  ``master``, with a step publishing it: ``netlify deploy``, ``rsync``, an action doing so; a
  workflow testing pull requests never counts): the first that runs Eleventy (``npx
  @11ty/eleventy``) itself, or a ``package.json`` script that does (``npm run build-ghpages``,
  ``yarn build``, ``pnpm run build``; a script running another so, followed);
- else the ``build`` script (``npm run build``), when it runs Eleventy;
- else the first other script building the site with ``--pathprefix`` (eleventy-base-blog's
  ``build-ghpages``), but for those serving or watching it locally (``--serve``, ``--watch``,
  a script named ``start``, ``dev``, ``serve`` or ``watch``).

The run found decides: its ``--pathprefix``, or none (the configuration's prefix, or none, is
the one it uses). One the environment or the workflow gives (``--pathprefix=$PREFIX``,
``"${{ steps.pages.outputs.base_path }}"``, GitHub's Pages workflow) is not known: the
configuration's is then used. A step installing Eleventy (``npm install -g @11ty/eleventy``)
runs nothing; a line ending in ``\\`` goes on on the next.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from . import yamlsafe
from .owned import owned_text, owned_toml, read_owned, workflow_files

_ON_COMMAND_LINE = lazy(r"""--pathprefix(?:=|\s+)['"]?([^'"\s;&|]*)""")
"""Eleventy's command-line option, in lower case (see the module)."""
_ELEVENTY_RUN = lazy(r"(?:^|[\s;&|/])(?:@11ty/)?eleventy(?:@[\w.^~-]*)?(?:\s|$)")
"""A command running Eleventy (``eleventy``, ``npx @11ty/eleventy``, ``npx @11ty/eleventy@3.0.0``)."""
_INSTALL = lazy(
    r"(?:^|\s)(?:npm\s+(?:i|install|ci|add|update)|yarn\s+(?:global\s+)?add|pnpm\s+(?:add|install|i)"
    r"|bun\s+(?:add|install|i))(?:\s|$)"
)
"""A package manager installing Eleventy (``npm install -g @11ty/eleventy``), which runs nothing."""
_CONTINUED = lazy(r"\\\r?\n")
"""A shell line continued on the next (a backslash ending it)."""
_UNKNOWN = ("$", "%", "{")
"""What marks a value the environment or the workflow gives (``$PREFIX``, ``${{ ... }}``)."""
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
UNKNOWN = "\0unknown"
"""The prefix of a run given it by a variable (``--pathprefix=$PREFIX``,
``--pathprefix="${{ steps.pages.outputs.base_path }}"``): not known, the configuration's is used."""
_DEFAULT_BRANCHES = ("main", "master")
_DEPLOY_ACTION = lazy(r"deploy|publish|netlify|vercel|wrangler|cloudflare|firebase|surge|ftp|rsync|s3", re.I)
"""A step's action publishing a site (``nwtgck/actions-netlify``, ``cloudflare/wrangler-action``)."""
_DEPLOY_COMMAND = lazy(
    r"\b(?:netlify\s+deploy|vercel|wrangler|firebase\s+deploy|surge|rsync|scp|lftp|aws\s+s3\s+(?:sync|cp)"
    r"|gh-pages|npm\s+run\s+deploy)\b"
)
"""A step's command publishing a site."""
_MOST_BYTES = 256 * 1024
_DEEPEST = 4
"""How many scripts deep a script running another is followed."""


@dataclass(frozen=True)
class PrefixSource:
    """The run of Eleventy that builds the deployed site."""

    script: str
    """The ``package.json`` script running it, or "" (the deploy's command runs it itself)."""
    prefix: str | None
    """Its ``--pathprefix`` (`UNKNOWN` when the environment or the workflow gives it), or None: it
    gives none."""
    runner: str
    """The file whose command runs it (``netlify.toml``, ``.github/workflows/pages.yml``), or ""."""
    pages: bool = False
    """Whether ``runner`` is a workflow publishing to GitHub Pages."""

    def served_by_pages(self) -> bool:
        """Whether GitHub Pages may serve the site: the deploy found publishes there, or no
        deploy was found (``build`` or another script decides)."""
        return self.pages or not self.runner


def prefix_source(site: Path, project: Path | None = None) -> PrefixSource | None:
    """Return the run of Eleventy building the site in the folder ``site`` (in the repository
    ``project``; None: ``site``) that is deployed, or None when none is found (see the module)."""
    scripts = _scripts(site)
    for runner, command, pages in _deploys(site, project or site):
        found = _run_of(command, scripts, "", 0)
        if found is not None:
            return PrefixSource(found[0], found[1], runner, pages)
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
    for part in _COMMANDS.split(_CONTINUED.sub(" ", command)):
        if _ELEVENTY_RUN.search(part) and not _LOCAL_RUN.search(part) and not _INSTALL.search(part):
            found = _ON_COMMAND_LINE.search(part)
            if found is None:
                return name, None
            return name, UNKNOWN if any(c in found.group(1) for c in _UNKNOWN) else found.group(1)
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


def _deploys(site: Path, project: Path) -> list[tuple[str, str, bool]]:
    """Return the deploy's commands, each with its file and whether it publishes to GitHub Pages,
    in the order they count (see the module)."""
    pages: list[tuple[str, str, bool]] = []
    others: list[tuple[str, str, bool]] = []
    for path in workflow_files(project):
        text = owned_text(path, _MOST_BYTES)
        shown = path.relative_to(project).as_posix()
        flow = _workflow(text)
        runs = [step["run"] for step in _steps(flow) if isinstance(step.get("run"), str)]
        if any(used in text for used in _PAGES_DEPLOY):
            pages += [(shown, run, True) for run in runs]
        elif _on_push(flow) and any(_deploys_elsewhere(step) for step in _steps(flow)):
            others += [(shown, run, False) for run in runs]
    netlify: list[tuple[str, str, bool]] = []
    for folder in dict.fromkeys((site, project)):
        build = owned_toml(folder / "netlify.toml", _MOST_BYTES).get("build")
        command = build.get("command") if isinstance(build, dict) else None
        if isinstance(command, str) and not netlify:
            shown = (folder / "netlify.toml").relative_to(project).as_posix()
            netlify.append((shown, command, False))
    return pages + netlify + others


def _workflow(text: str) -> dict[Any, Any]:
    """Return a workflow's settings ({} when it reads as none)."""
    try:
        data = yamlsafe.load(text, last_wins=True, aliases=True).data
    except yamlsafe.YamlProblem:
        return {}
    return data if isinstance(data, dict) else {}


def _steps(flow: dict[Any, Any]) -> list[dict[Any, Any]]:
    """Return each step of each job of the workflow ``flow``, in order."""
    jobs = flow.get("jobs")
    found = []
    for job in jobs.values() if isinstance(jobs, dict) else ():
        steps = job.get("steps") if isinstance(job, dict) else None
        found += [step for step in (steps if isinstance(steps, list) else ()) if isinstance(step, dict)]
    return found


def _on_push(flow: dict[Any, Any]) -> bool:
    """Whether the workflow ``flow`` runs on a push to the default branch (``main`` or
    ``master``; a push with no branches named, or a pattern, is taken as reaching it)."""
    on = flow.get("on")
    if on == "push" or (isinstance(on, list) and "push" in on):
        return True
    push = on.get("push", False) if isinstance(on, dict) else False
    if push is None or (isinstance(push, dict) and "branches" not in push):
        return True
    branches = push.get("branches") if isinstance(push, dict) else None
    named = branches if isinstance(branches, list) else [branches]
    return any(isinstance(b, str) and (b in _DEFAULT_BRANCHES or "*" in b) for b in named)


def _deploys_elsewhere(step: dict[Any, Any]) -> bool:
    """Whether a workflow's ``step`` deploys the site (an action or command publishing it)."""
    uses, run = step.get("uses"), step.get("run")
    if isinstance(uses, str) and _DEPLOY_ACTION.search(uses):
        return True
    return isinstance(run, str) and _DEPLOY_COMMAND.search(run) is not None
