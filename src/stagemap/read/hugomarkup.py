"""Hugo's settings that change the ids a page has (whether its definition lists' terms get
ids) and how its links from the root are written (`root_links`).

- ``markup.goldmark.parser.autoDefinitionTermID`` (Hugo 0.144; off by default): each term of a
  definition list (a ``dt``) gets an id made from its text as a heading's is, numbered with the
  headings' in the page's order (a term ``Matchers`` above a heading ``## Matchers``: the term
  is ``#matchers``, the heading ``#matchers-1``).
- ``markup.goldmark.extensions.definitionList`` (on by default): with it off, Hugo reads no
  definition lists, and gives no term an id whatever the first says.

Hugo reads its keys in any case and a flag written as text (``"true"``) too; a later file
(``config/production/``'s) may turn either off again, so each is kept as the file gives it,
and `term_ids` tells what they make together.

- ``canonifyURLs`` and ``relativeURLs`` (both off by default): Hugo rewrites every link from the
  root in the pages it writes, absolute under the ``baseURL`` (its path put in front where the
  link lacks it), or relative to the page (read from the site's root, the path of the
  ``baseURL`` not added); with neither, a link is written as the page gives it (`root_links`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TERM_IDS = "\0term-ids"
"""The key under which a Hugo site's params hold its ``autoDefinitionTermID``."""
DEFINITION_LISTS = "\0definition-lists"
"""The key under which a Hugo site's params hold its ``definitionList`` extension's flag."""
CANONIFY = "\0canonify-urls"
"""The key under which a Hugo site's params hold its ``canonifyURLs``."""
RELATIVE = "\0relative-urls"
"""The key under which a Hugo site's params hold its ``relativeURLs``."""
_SETTINGS = {
    TERM_IDS: ("markup", "goldmark", "parser", "autodefinitiontermid"),
    DEFINITION_LISTS: ("markup", "goldmark", "extensions", "definitionlist"),
    CANONIFY: ("canonifyurls",),
    RELATIVE: ("relativeurls",),
}
"""Each setting's keys in Hugo's configuration, in lower case."""
EMBEDDED = "\0link-hook-embedded"
"""The key under which a Hugo site's params hold ``markup.goldmark.renderHooks.link.useEmbedded``
(the older ``enableDefault``: true is ``always``, false ``never``)."""
MULTILINGUAL = "\0multilingual"
"""The key under which a Hugo site's params hold whether it has more than one language."""
MODULES = "\0module-imports"
"""The key under which a Hugo site's params hold whether it imports Hugo modules (a theme's)."""
_HOOK = ("markup", "goldmark", "renderhooks", "link")
FLAGS = frozenset((*_SETTINGS, MULTILINGUAL, MODULES))


def markup_settings(config: Mapping[Any, Any]) -> dict[str, bool]:
    """Return what a Hugo configuration file (read as ``config``) says of `FLAGS`, each where
    it says anything."""
    found: dict[str, bool] = {}
    for flag, keys in _SETTINGS.items():
        given = hugo_key(config, keys)
        if given is not None:
            found[flag] = str(given).lower() == "true"
    return found | _hook_settings(config)


def _hook_settings(config: Mapping[Any, Any]) -> dict[str, Any]:
    """Return what a Hugo configuration file says of `EMBEDDED`, `MULTILINGUAL` and `MODULES`."""
    found: dict[str, Any] = {}
    embedded, default = hugo_key(config, (*_HOOK, "useembedded")), hugo_key(config, (*_HOOK, "enabledefault"))
    if embedded is not None:
        found[EMBEDDED] = str(embedded).lower()
    elif default is not None:
        found[EMBEDDED] = "always" if str(default).lower() == "true" else "never"
    languages = hugo_key(config, ("languages",))
    if isinstance(languages, Mapping):
        found[MULTILINGUAL] = len(languages) > 1
    imports = hugo_key(config, ("module", "imports"))
    if imports is not None:
        found[MODULES] = bool(imports)
    return found


def embedded_hook(site: Mapping[str, Any]) -> bool:
    """Whether Hugo's embedded link render hook, which looks a link up with ``GetPage`` and writes
    the address of the page it finds (the path of the ``baseURL`` in it), may write the links of
    a site whose params are ``site``: ``useEmbedded`` ``always`` or ``fallback``, or ``auto`` (the
    default since Hugo 0.123) on a site of more than one language; or a module's hook, whose files
    are not here."""
    given = str(site.get(EMBEDDED, "auto"))
    if site.get(MODULES) is True or given in ("always", "fallback"):
        return True
    return given == "auto" and site.get(MULTILINGUAL) is True


def hugo_key(data: Any, keys: tuple[str, ...]) -> Any:
    """Return the value of nested ``keys`` in Hugo's settings, matched without regard to case."""
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = next((v for k, v in data.items() if isinstance(k, str) and k.lower() == key), None)
    return data


def definition_lists_read(site: Mapping[str, Any] | None) -> bool:
    """Whether a Hugo site whose params are ``site`` reads definition lists (the default)."""
    return not isinstance(site, Mapping) or site.get(DEFINITION_LISTS) is not False


def term_ids(site: Mapping[str, Any] | None) -> bool:
    """Whether a Hugo site whose params are ``site`` gives its definition lists' terms ids."""
    return isinstance(site, Mapping) and site.get(TERM_IDS) is True and definition_lists_read(site)


AS_WRITTEN = "hugo-written"
"""Hugo writes a link from the root as the page gives it: under a ``baseURL`` with a path
(``https://example.org/docs/``), one reaches a page only with that path in it
(``/docs/guides/setup/``); one without it (``/guides/setup/``) leaves the site's folder on the
live host, but where the site's link render hook finds the page it names (`stagemap.read.linkhooks`)."""
CANONIFIED = "hugo-canonified"
"""``canonifyURLs``: a link from the root is made absolute under the ``baseURL``, its path put in
front where the link lacks it, so ``/guides/setup/`` and ``/docs/guides/setup/`` both reach the page."""


UNSURE = "hugo-unsure"
"""As `AS_WRITTEN`, where the path the site is served under live is not known for sure
(`stagemap.read.hugolive`, `embedded_hook`): a link without the path is read as a route."""


def root_links(site: Mapping[str, Any], overridden: bool = False) -> str:
    """Return how a Hugo site whose params are ``site`` writes its links from the root:
    `CANONIFIED`, `AS_WRITTEN`, or "" with ``relativeURLs``, which wins over ``canonifyURLs``:
    each such link is then made relative to the page, so it is read from the site's root as a
    route (``/docs/guides/setup/`` is that path twice, live); `UNSURE` where the deploy may serve
    it under another path (``overridden``: `stagemap.read.hugolive`) or a hook not read here may
    write its links (`embedded_hook`)."""
    if site.get(RELATIVE) is True:
        return ""
    if site.get(CANONIFY) is True:
        return CANONIFIED
    return UNSURE if overridden or embedded_hook(site) else AS_WRITTEN
