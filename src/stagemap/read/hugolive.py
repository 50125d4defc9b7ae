"""Whether the path of a Hugo site's ``baseURL`` is surely the one it is served under live, read
as text (never run): `stagemap.read.hugomarkup.root_links` warns of a link from the root that
lacks the path only then.

It is not sure where:
- the site has a GitHub Pages ``CNAME`` file: Pages serves it at the domain's root, and Hugo's
  Pages workflow builds it with ``--baseURL`` set to that address;
- a deploy file gives the address at build time (``hugo --baseURL ...`` or ``-b``, or the
  ``HUGO_BASEURL`` variable: Netlify's, Vercel's, GitLab's files, GitHub workflows, scripts of
  ``package.json``): the path may be another one;
- Hugo's embedded link render hook may look links up as pages, or a module's
  (`stagemap.read.hugomarkup.embedded_hook`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..model.settings import ReadRules
from .eleventyprefix import PREFIX_LINKS
from .hugomarkup import AS_WRITTEN, UNSURE
from .owned import read_owned, workflow_files
from .siteaddress import pages_domain

DEPLOY_FILES = ("netlify.toml", "vercel.json", ".gitlab-ci.yml", "package.json")
"""Files of a repository or a site folder that may build it with another address."""
MOST_DEPLOY = 200_000
"""Bytes of a deploy file read at most (a larger one is taken to override: not sure)."""
_OVERRIDE = lazy(r"(?i:HUGO_BASEURL)|(?:\s|^)(?:--baseURL|-b)(?:[\s=]|$)")
"""A build setting the address: Hugo's flag or its environment variable (read in any case). A
``-b`` of another command in a file that builds with Hugo is taken for it too: not sure."""


def base_overridden(site: Path, root: Path) -> bool:
    """Whether the Hugo site in ``site`` (of the repository at ``root``) may be served under
    another path than its ``baseURL``'s: a ``CNAME`` file or a deploy setting the address. The
    files are read as the other deploy files are (`stagemap.read.owned`: no link followed); one
    that is there but cannot be read so (a link, over `MOST_DEPLOY` bytes) is taken to override."""
    if pages_domain(site, "hugo")[0]:
        return True
    for folder in dict.fromkeys((site, root)):
        for path in (*(folder / name for name in DEPLOY_FILES), *workflow_files(folder)):
            data = read_owned(path, MOST_DEPLOY)
            if data is None:
                if path.is_file():  # (a link, or too large: not sure)
                    return True
                continue
            text = data.decode("utf-8", "replace")
            if _OVERRIDE.search(text) and "hugo" in text.lower():  # (a file that builds with Hugo)
                return True
    return False


def with_live_path(params: Mapping[str, Any], root: Path, rules: ReadRules) -> Mapping[str, Any]:
    """Return a Hugo site's ``params`` with its links from the root read as `UNSURE` where they
    would be `AS_WRITTEN` but the live path is not sure (`base_overridden`); others' as they are."""
    if rules.generator != "hugo" or params.get(PREFIX_LINKS) != AS_WRITTEN:
        return params
    site = root / rules.site_root if rules.site_root else root
    return {**params, PREFIX_LINKS: UNSURE} if base_overridden(site, root) else params
