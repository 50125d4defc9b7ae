"""The Hugo a site pins, where it says so: whether front matter in a leading HTML comment is read.

Hugo's page lexer once passed a ``<!--`` line opening a page and read the fenced block after
it, up to the ``-->`` (`stagemap.read.frontmatter.COMMENTED`); Hugo 0.123 (February 2024, "Make
HTML behave exactly like other content formats") dropped that, and for current Hugo such a page
has no front matter: the block is the text of an HTML comment, the page is published as it is.
So the block is read only on a site that builds with an older Hugo and says so in one of the
usual places, looked up in this order: netlify.toml's ``HUGO_VERSION`` (its
``[context.production.environment]``, which Netlify lets override its ``[build.environment]``,
then that; a deploy preview's or a branch's context builds no published site), a GitHub
workflow's ``hugo-version:`` or ``HUGO_VERSION:`` (not a ``${{ ... }}`` reference), a
``.hugo_version`` file, the configuration's ``module.hugoVersion.max``. The first one found
decides; one that is no version number (``latest``, peaceiris/actions-hugo's default) is the
current Hugo.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from . import frontmatter
from .configfiles import HUGO_NAMES, hugo_folder_settings, site_config_data
from .owned import owned_text, owned_toml, workflow_files

LAST_COMMENTED = (0, 122)
"""The last Hugo release (major, minor) whose page lexer reads front matter in an HTML comment."""
_VERSION = lazy(r"^\s*v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][\w.-]*)?\s*$")
"""A version as sites write it: ``0.111.3``, ``v0.111``, ``0.110.0-extended``."""
_WORKFLOW = lazy(r"(?m)^[ \t-]*(?:hugo-version|HUGO_VERSION)[ \t]*:[ \t]*['\"]?([^'\"\s#]+)")
"""A workflow's ``hugo-version: '0.111.3'`` (peaceiris/actions-hugo) or ``HUGO_VERSION: 0.111.3``."""
_MOST_BYTES = 256 * 1024
"""The largest file looked at for a version."""


def commented_hugo(project: Path, site_root: str = "") -> str:
    """Return the Hugo older than 0.123 the site in ``project`` (its folder ``site_root``) pins
    and where (``0.111.3 (netlify.toml)``), whose lexer reads front matter inside a leading HTML
    comment; empty when it pins none or a later one (current Hugo's reading)."""
    site = project / site_root if site_root else project
    for version, where in _pins(project, site):
        found = _VERSION.match(version)
        if found is None:  # ``latest``: the current Hugo
            return ""
        old = (int(found[1]), int(found[2])) <= LAST_COMMENTED
        return f"{version.strip().lstrip('v')} ({where})" if old else ""
    return ""


def commented_pages(files: Iterable[tuple[str, Path]]) -> tuple[str, ...]:
    """Return the paths (of ``(path, file)`` pairs) whose front matter sits inside an HTML comment
    opening the page, as Hugo before 0.123 reads it."""
    syntaxes = (*frontmatter.SYNTAXES, frontmatter.LEAD, frontmatter.COMMENTED)
    found = []
    for rel, path in files:
        try:
            with path.open("rb") as opened:
                split = frontmatter.split(opened.read(_MOST_BYTES), syntaxes)
        except (OSError, frontmatter.SplitProblem):
            continue
        if frontmatter.COMMENT_OPEN in split.text[: split.yaml_start]:
            found.append(rel)
    return tuple(found)


def _pins(project: Path, site: Path) -> Iterator[tuple[str, str]]:
    """Yield each Hugo version the site names, with the file naming it, in the order they count."""
    for folder in dict.fromkeys((site, project)):
        data = owned_toml(folder / "netlify.toml", _MOST_BYTES)
        production = _table(_table(data.get("context")).get("production")).get("environment")
        build = _table(data.get("build")).get("environment")
        for env in (_table(production), _table(build)):  # (previews do not build the site)
            if isinstance(env.get("HUGO_VERSION"), str):
                yield env["HUGO_VERSION"], _shown(folder / "netlify.toml", project)
    for path in workflow_files(project):
        given = (
            v for v in _WORKFLOW.findall(owned_text(path, _MOST_BYTES)) if not v.startswith("$")
        )  # ${{ env.X }}
        found = next(given, None)
        if found is not None:
            yield found, _shown(path, project)
    for folder in dict.fromkeys((site, project)):
        text = owned_text(folder / ".hugo_version", _MOST_BYTES).strip()
        if text:
            yield text, _shown(folder / ".hugo_version", project)
    name, config = _config(site)
    given = _key(_key(_key(config, "module"), "hugoVersion"), "max")
    if isinstance(given, str):
        yield given, _shown(site / name, project) + " module.hugoVersion.max"


def _config(site: Path) -> tuple[str, dict[str, Any]]:
    """Return the site's Hugo configuration file and its data."""
    folder = hugo_folder_settings(site)
    if folder is not None:
        return folder[0], folder[1]
    name = next((n for n in HUGO_NAMES if (site / n).is_file()), "")
    return name, _table(site_config_data(site / name)) if name else {}


def _key(table: Any, key: str) -> Any:
    """Return ``table``'s value under ``key`` in any case (Hugo's keys), None without one."""
    found = (v for k, v in _table(table).items() if str(k).lower() == key.lower())
    return next(found, None)


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _shown(path: Path, project: Path) -> str:
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else path.name
