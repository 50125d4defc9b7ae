"""Whether an MkDocs site pins pymdown-extensions 8.0 or later: SuperFences' tabs are gone then.

SuperFences read a fence's ``tab="Title"`` as the title of a tab up to pymdown-extensions 7.x;
8.0 removed that feature, and an option it does not know makes SuperFences refuse the fence:
Python-Markdown then shows its lines as a paragraph holding inline code. A site that says which
release it installs says it in one of the usual files beside ``mkdocs.yml`` (`PIN_FILES`); the
first that names the package decides (else the first that names Material for MkDocs, which
requires it), as pip installs the newest release the requirement allows. Without one, the tabs
are taken as the site meant them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from ..errors import Problem
from ..lazyre import lazy

NO_LEGACY_TABS = "\0no-legacy-tabs"
"""The key under which the site's params say that its fences' ``tab="..."`` makes no tab (no key
of a configuration file can be this one)."""
PIN_FILES = (
    "requirements.txt",
    "requirements-docs.txt",
    "requirements_docs.txt",
    "docs-requirements.txt",
    "requirements-dev.txt",
    "requirements/docs.txt",
    "docs/requirements.txt",
    "pyproject.toml",
    "Pipfile",
)
"""The files, beside ``mkdocs.yml``, where a site pins its Python packages."""
FIRST_WITHOUT_TABS = 8
"""The first major release of pymdown-extensions without SuperFences' tabs."""
FIRST_MATERIAL_AFTER = 8
"""The first major release of Material for MkDocs that requires pymdown-extensions 9 or later
(Material 9 requires ``~=10``)."""
_REQUIREMENT = (
    r"""(?<![\w.-]){name}(?![\w.-])["']?[ \t]*(?:\[[^\]\n]*\][ \t]*)?"""
    r"""(?:=[ \t]*(?:\{{[^}}\n]*?version[ \t]*=[ \t]*)?["'])?([^"'#;\n]{{0,200}})"""
)
_PYMDOWN = lazy(_REQUIREMENT.format(name=r"pymdown[-_.]extensions"), re.I)
"""A requirement of the package and its releases: ``pymdown-extensions==9.1``, ``>=10``, ``~=8.2``,
``>=7,<8`` (pip), ``"pymdown-extensions>=10.0"`` (pyproject), ``pymdown-extensions = "^9.0"`` or
``{version = "^9"}`` (Poetry), ``pymdown-extensions = "==8.0"`` (Pipfile), or the name alone."""
_MATERIAL = lazy(_REQUIREMENT.format(name=r"mkdocs[-_.]material"), re.I)
"""A requirement of Material for MkDocs, written as `_PYMDOWN`'s."""
_CLAUSE = lazy(r"(===?|~=|>=|<=|!=|\^|~|>|<)[ \t]*v?(\d+)(?:\.(\d+))?")
_LARGEST = 256 * 1024


def legacy_tabs_gone(read: Callable[[str], bytes | Problem | None], folder: str = "") -> bool:
    """Return whether the MkDocs site in ``folder`` (relative to the project, empty: its own)
    installs pymdown-extensions `FIRST_WITHOUT_TABS` or later, its files read with ``read`` (a
    name relative to the project -> its bytes, None when there is none). The first file naming
    the package decides, else the first naming Material for MkDocs: pip installs the newest
    release a requirement allows, so only a pinned release (``==``, ``~=``, Poetry's ``^`` and
    ``~``) or an upper bound below 8 keeps the tabs; Material 8 or later, or Material with no
    upper bound, brings 9 or later."""
    prefix = folder + "/" if folder else ""
    texts = []
    for name in PIN_FILES:
        data = read(prefix + name)
        if isinstance(data, bytes) and len(data) <= _LARGEST:
            texts.append(data.decode("utf-8", "replace"))
    for pattern, first in ((_PYMDOWN, FIRST_WITHOUT_TABS), (_MATERIAL, FIRST_MATERIAL_AFTER)):
        found = next((m for t in texts if (m := pattern.search(t)) is not None), None)
        if found is not None:
            return _newest_major(found.group(1)) >= first
    return False


def _newest_major(spec: str) -> float:
    """Return the major release pip installs for a requirement's ``spec`` (``>=7,<8``: 7), the
    newest there is (infinite) where nothing bounds it above."""
    clauses = [(op, int(major), int(minor or 0)) for op, major, minor in _CLAUSE.findall(spec)]
    pinned = [major for op, major, _ in clauses if op in ("==", "===", "~=", "^", "~")]
    if pinned:
        return min(pinned)
    below = [major - (op == "<" and minor == 0) for op, major, minor in clauses if op in ("<", "<=")]
    return min(below) if below else math.inf
