"""Whether a Hugo site's link render hook looks links up as pages, read as text (never run).

KEDA's and Harbor's docs have a ``render-link.html`` hook that hands a link's path to
``.Page.GetPage`` and writes the address of the page found: ``second`` on guide/first.md is
guide/second.md's page, which a browser would read as a folder of the page's own address.
The hook of the site's own ``layouts/`` wins over its theme's, Hugo 0.146's ``layouts/_markup/``
over the older ``layouts/_default/_markup/``.
"""

from __future__ import annotations

from ..lazyre import lazy
from ..model.settings import Config
from .bounded import TooLarge, Unreadable, read_bounded
from .hugothemes import site_themes

HOOKS = ("layouts/_markup/render-link.html", "layouts/_default/_markup/render-link.html")
"""Where a site or theme keeps its link render hook, the one Hugo prefers first."""
_GETPAGE = lazy(r"\.Page(?:Inner)?\.GetPage\b")
"""The page's own ``GetPage`` (``site.GetPage`` looks from the content folder alone)."""
MOST_HOOK = 20_000
"""Characters of a hook read at most."""


def getpage_links(config: Config) -> bool:
    """Whether the Hugo site of ``config`` looks its links up with ``.Page.GetPage`` (see the
    module docstring); False for other generators and sites with no such hook."""
    if config.rules.generator != "hugo":
        return False
    site = config.root / config.rules.site_root if config.rules.site_root else config.root
    for folder in (site, *(site / theme for theme in site_themes(site))):
        for hook in HOOKS:
            try:  # (never opened blindly: a pipe of that name would hang the run)
                text = read_bounded(folder / hook, MOST_HOOK).decode("utf-8", "replace")
            except TooLarge:
                return False  # a hook this large is not read: no lookup assumed
            except Unreadable:
                continue
            return _GETPAGE.search(text) is not None  # the first hook found is the one Hugo uses
    return False
