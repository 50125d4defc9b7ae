"""Pages a site's generator reads but leaves out of its production build: a link to one works
in stagemap's own site, which builds every asset, and leads nowhere on the live site.

- Hugo: ``draft: true`` (the key in any case, ``"true"`` too), built only with ``--buildDrafts``;
- Jekyll: ``published: false``, built only with ``--unpublished``;
- Docusaurus: ``draft: true`` (docs, blog posts and pages: only the development server shows
  them; ``unlisted: true`` is built, only left out of lists and the sitemap);
- Astro Starlight: ``draft: true`` in ``src/content/docs/`` (`stagemap.read.presets.starlight_draft`);
- Eleventy, which has no drafts of its own: ``permalink: false``, which writes no file (the
  page's text may still show in other pages, through a collection);
- any generator: a draft by its place, a ``drafts`` glob (Jekyll's ``_drafts/``, MkDocs'
  ``draft_docs``, built by ``mkdocs serve`` only);
- any generator, on a given day: a page whose ``publish_on`` has not come (`init` sets the
  alias where the site does not build pages dated ahead), and on Hugo one past its
  ``expiryDate``: not on the live site built that day.

A stagemap library read without a generator builds every asset on its own site: none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.library import Asset
from ..model.settings import Config
from ..read.globs import GlobSet
from ..read.hostrule import HTML_ONLY
from ..read.presets import preset_unrendered, starlight_draft
from ..read.sectionpages import BUILDS_DRAFTS

NO_FILE = "permalink: false"
"""Why an Eleventy page is not built: no draft, a page whose text other pages may show."""


def unbuilt_pages(
    config: Config,
    assets: Iterable[Asset],
    site: Mapping[str, Any] | None = None,
    as_of: dt.date | None = None,
) -> dict[str, str]:
    """Return the assets the site's production build leaves out, by id, each with what says so
    as the file or the settings write it (``draft: true``, ``published: false``, ``drafts: _drafts/``).

    ``site``: the site's params; no page its front matter keeps out when the configuration has
    the build take those too (Hugo's ``buildDrafts``, Jekyll's ``unpublished``, which leaves
    ``_drafts/`` out still: `stagemap.read.sectionpages.drafts_built`).
    """
    generator = config.rules.generator
    if not generator:
        return {}
    built = bool(site and site.get(BUILDS_DRAFTS))
    places = _Places(config)
    day = as_of or dt.date.today()
    found = {}
    for asset in assets:
        why = _said(generator, asset) if asset.extra and not built else ""
        why = why or places.draft(asset.path) or _dated(generator, asset, day)
        if why:
            found[asset.id] = why
    return found


SCHEDULED = "on the site from "
"""How a page whose day has not come is said (its ``publish_on``, from the site's own date key)."""
_EXPIRY = frozenset({"expirydate", "unpublishdate"})


def _dated(generator: str, asset: Asset, day: dt.date) -> str:
    """Return why a page is not on the live site on ``day`` by its dates, or "": its ``publish_on``
    (a site's ``publishDate`` or a post's date, where `init` found the site does not build pages
    dated ahead) still to come, or, on Hugo, its ``expiryDate`` passed."""
    if asset.is_scheduled(day):
        return f"{SCHEDULED}{asset.publish_on}"
    keys = asset.extra if generator == "hugo" else {}
    expiry = next((str(k) for k in keys if str(k).lower() in _EXPIRY), "")
    return f"{expiry}: {asset.extra[expiry]}" if expiry and asset.is_stale(day) else ""


def _said(generator: str, asset: Asset) -> str:
    """Return what ``asset``'s front matter says that keeps it out of the build, or ""."""
    extra = asset.extra
    if generator == "hugo":
        key, value = next(((k, v) for k, v in extra.items() if str(k).lower() == "draft"), ("", None))
        written = f'{key}: "{value}"' if isinstance(value, str) else f"{key}: true"  # (as the file says it)
        return written if str(value).lower() == "true" else ""
    if generator == "astro":
        return "draft: true" if starlight_draft(generator, asset.path, extra) else ""
    if generator not in ("docusaurus", "jekyll", "eleventy") or not preset_unrendered(generator, extra):
        return ""
    return {"docusaurus": "draft: true", "jekyll": "published: false"}.get(generator, NO_FILE)


class _Places:
    """The ``drafts`` globs of a site's settings, matched under each of its sources."""

    def __init__(self, config: Config) -> None:
        self.globs = GlobSet.of(config.rules.drafts)
        self.folders: list[str] = []
        for source in config.all_sources if config.rules.drafts else ():
            try:
                self.folders.append(source.path.relative_to(config.root).as_posix())
            except ValueError:
                continue

    def draft(self, path: str) -> str:
        """Return ``drafts: GLOB`` for the file at ``path`` (from the project) a glob matches, or ""."""
        for folder in self.folders:
            if folder in ("", "."):
                sub = path
            elif path.startswith(folder + "/"):
                sub = path[len(folder) + 1 :]
            else:
                continue
            found = self.globs.matches(sub)
            if found is not None:
                return f"drafts: {found.text}"
        return ""


def is_draft(why: str) -> bool:
    """Whether a page left out for ``why`` (`unbuilt_pages`) is a draft, shown nowhere on the live
    site: its own links to other such pages are not reported (Eleventy's ``permalink: false``
    page may be shown inside another)."""
    return why != NO_FILE


DRAFT_LINK = "draft-link"
"""The code of a warning about a link to a page the live site does not build."""
HOST_SERVES = "\0host serves "
"""Before the status of the error a rule of the host's serves where a link leads, as what says
a link leads nowhere on the live site (`unbuilt_said`; `stagemap.read.hostrule.HostRule.error`)."""


HOST_AWAY = "\0away "
"""After `HOST_SERVES`, before the address of a page and where a forced rule of the host's
there sends a link to the page's file, a NUL between (``/pens/``, ``/shop/pens/``): no page
here is there, and the site has no address to send the link to
(`stagemap.render.routelinks.RouteLinks._hosted`)."""


OUTSIDE_PREFIX = "\0outside "
"""After `HOST_SERVES`, before the path prefix an Eleventy site is served under (``/handbook/``)
where no HTML base plugin puts it in front of links from the root: a link from the root without
it (``/about/``) leaves the site's folder on the live site (`stagemap.render.links.BodyLinks`)."""


OUTSIDE_BASE = "\0outside-base "
"""As `OUTSIDE_PREFIX`, for a Hugo site whose ``baseURL`` has a path (``/docs/``), which Hugo
puts in no link written from the root (`stagemap.read.hugomarkup.AS_WRITTEN`)."""


def unbuilt_said(why: str) -> tuple[str, str, str]:
    """Return what a warning about a link to a page left out for ``why`` says of it, its hint
    and its code."""
    if why.startswith(HOST_SERVES + HTML_ONLY):
        at = why.removeprefix(HOST_SERVES + HTML_ONLY)
        said = f"leads nowhere on Vercel, which serves that page at {at} only (vercel.json sets no cleanUrls)"
        return said, f'link to {at}, or set "cleanUrls": true in vercel.json', "dead-link"
    if why.startswith(HOST_SERVES + HOST_AWAY):
        at, _, to = why.removeprefix(HOST_SERVES + HOST_AWAY).partition("\0")
        said = f"leads to '{to}', where a forced rule of the host's (a redirect or a rewrite) at its"
        said += f" page's address '{at}' sends it"
        hint = "no page read here is there, nor can the site's address (urls.base) tell what is: "
        return said, hint + "link to the page the rule leads to, or change the rule", "dead-link"
    if why.startswith(HOST_SERVES + OUTSIDE_PREFIX):
        prefix = why.removeprefix(HOST_SERVES + OUTSIDE_PREFIX)
        said = f"leads outside the site, which is served under {prefix} (its path prefix, which"
        said += " no HTML base plugin adds to links from the root)"
        return said, f"start the link with {prefix}, or write it through the url filter", "dead-link"
    if why.startswith(HOST_SERVES + OUTSIDE_BASE):
        prefix = why.removeprefix(HOST_SERVES + OUTSIDE_BASE)
        said = f"leads outside the site, which is served under {prefix} (the path of its baseURL, which"
        said += " Hugo does not put in front of a link written from the root)"
        return said, f"start the link with {prefix}, or link to the page's file with relref", "dead-link"
    if why.startswith(HOST_SERVES):
        status = why.removeprefix(HOST_SERVES)
        said = f"leads to a route where the host serves an error ({status}: a rule of its redirects)"
        return said, "link to a page no such rule covers, or change the rule", "dead-link"
    if why.startswith(SCHEDULED):
        said = f"leads to a page not on the live site before {why.removeprefix(SCHEDULED)}"
        return said, "link to it once it is published, or to another page until then", DRAFT_LINK
    if why.lower().startswith(tuple(_EXPIRY)):
        said = f"leads to a page the live site no longer has ({why})"
        return said, "link to another page, or move its expiryDate on", DRAFT_LINK
    if not is_draft(why):
        said = f"leads to a page the site writes no file for ({why})"
        return said, "give it a permalink, or link to another page", DRAFT_LINK
    if why.startswith("drafts: "):
        fix = f"take it out of the site's drafts ('{why.removeprefix('drafts: ')}')"
    else:
        fix = f"take '{why}' out of its front matter"
    said = f"leads to a draft the site does not build ({why})"
    return said, f"to publish it, {fix}; else link to another page", DRAFT_LINK


def unbuilt_in(reading: Mapping[str, str], asset_id: str) -> Mapping[str, str]:
    """Return the pages a link on ``asset_id``'s page is checked against (``reading``, those of
    `unbuilt_pages`): none on a draft the site does not build itself."""
    why = reading.get(asset_id)
    return {} if why is not None and is_draft(why) else reading
