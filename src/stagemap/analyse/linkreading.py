"""How a site's generator reads some links in a page's body, beyond the route rules of
`stagemap.analyse.routes` (`Routes.reading`).

- Docusaurus's docs and blog plugins answer every route below their own (``/docs``, ``/blog``):
  a route there that no page has leads nowhere, but for the pages the plugins make themselves
  (`stagemap.read.docusaurus.plugin_made`).
- Docusaurus 2 finds a doc from a link with a slash after its ending: its link pattern ends at
  ``.md`` (``api/x.md/#part`` is ``api/x.md#part``).
- Gatsby's gatsby-remark-images and gatsby-remark-copy-linked-files join the page's folder and a
  file's path, a leading slash and all: ``/pics/x.png`` is found beside the page first.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..model.settings import Config
from ..read.docusaurus import plugin_made, plugin_routes


@dataclass(frozen=True, slots=True)
class LinkReading:
    """What a site's generator does with some links that the route rules do not say."""

    owned: Mapping[str, str] = field(default_factory=dict)
    """On a Docusaurus site, the routes its docs and blog plugins answer all of, by kind
    (`stagemap.read.docusaurus.plugin_routes`)."""
    doc_slash: tuple[str, ...] = ()
    """The endings of the docs a relative link may name with a slash after them (Docusaurus's)."""
    files_beside: bool = False
    """A link from the site's root to a file that is no page is looked for beside the page first (Gatsby)."""
    pages: tuple[str, ...] = ()
    """The endings of the site's pages (and ``.html``): a link to one is no file for `files_beside`."""

    def as_read(self, path: str, here: str, names_file: Callable[[str], bool]) -> str:
        """Return a link's path as the site reads it (see the module docstring) on a page in the
        folder ``here``; ``names_file`` says whether a path (a folder's, joined) names a file."""
        bare = path.rstrip("/")
        if self.doc_slash and bare != path and path[:1] != "/" and bare.lower().endswith(self.doc_slash):
            return bare
        last = path.rpartition("/")[2].lower()
        other = "." in last and not last.endswith(self.pages)
        near = (
            self.files_beside and path[:1] == "/" and other and names_file(posixpath.join(here, "." + path))
        )
        return "." + path if near else path

    def unowned(self, key: str) -> bool:
        """Whether the route ``key`` (`stagemap.analyse.routes.route_key`) is below a route a
        plugin answers (`owned`) and none the plugin makes itself."""
        return plugin_made(key, self.owned) is False


def link_reading(config: Config) -> LinkReading:
    """Return how the site of ``config`` reads the links of `LinkReading`."""
    generator = config.rules.generator
    if generator == "docusaurus":
        owned = plugin_routes(s.url for s in config.all_sources)
        return LinkReading(owned, config.rules.extensions)
    if generator == "gatsby":
        return LinkReading(files_beside=True, pages=(*config.rules.extensions, ".html", ".htm"))
    return LinkReading()
