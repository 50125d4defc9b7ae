"""Whether an MkDocs site pins pymdown-extensions 8.0 or later: SuperFences' tabs are gone then.

SuperFences read a fence's ``tab="Title"`` as the title of a tab up to pymdown-extensions 7.x;
8.0 removed that feature, and an option it does not know makes SuperFences refuse the fence:
Python-Markdown then shows its lines as a paragraph holding inline code. A site that says which
release it installs says it in one of the usual files beside ``mkdocs.yml`` (`PIN_FILES`); the
first that names the package decides. Without one, the tabs are taken as the site meant them.
"""

from __future__ import annotations

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
_PIN = lazy(
    r"""(?i)(?<![\w.-])pymdown[-_.]extensions["']?[ \t]*(?:\[[^\]\n]*\][ \t]*)?"""
    r"""(?:=[ \t]*(?:\{[^}\n]*?version[ \t]*=[ \t]*)?["']?)?[ \t]*(===?|~=|>=|\^|~|>)[ \t]*v?(\d+)"""
)
"""A requirement giving the package's lowest release: ``pymdown-extensions==9.1``, ``>=10``,
``~=8.2`` (pip), ``"pymdown-extensions>=10.0"`` (pyproject), ``pymdown-extensions = "^9.0"`` or
``{version = "^9"}`` (Poetry), ``pymdown-extensions = "==8.0"`` (Pipfile)."""
_NAMED = lazy(r"(?i)(?<![\w.-])pymdown[-_.]extensions(?![\w.-])")
_LARGEST = 256 * 1024


def legacy_tabs_gone(read: Callable[[str], bytes | Problem | None], folder: str = "") -> bool:
    """Return whether the MkDocs site in ``folder`` (relative to the project, empty: its own)
    pins pymdown-extensions at `FIRST_WITHOUT_TABS` or later, its files read with ``read`` (a
    name relative to the project -> its bytes, None when there is none)."""
    prefix = folder + "/" if folder else ""
    for name in PIN_FILES:
        data = read(prefix + name)
        if not isinstance(data, bytes) or len(data) > _LARGEST:
            continue
        text = data.decode("utf-8", "replace")
        pin = _PIN.search(text)
        if pin is not None:
            return int(pin.group(2)) >= FIRST_WITHOUT_TABS
        if _NAMED.search(text):
            return False  # named without a lowest release: whatever pip finds, not said
    return False
