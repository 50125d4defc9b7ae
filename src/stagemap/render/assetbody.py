"""An asset's body as its page on the site shows it: rendered with the site's own syntax read,
its links fit for the site (`stagemap.render.links.BodyLinks`), a first heading that repeats
its title left out. Nothing in it depends on the report, so a build may make it early (in a
worker, while the plan is made: `stagemap.write.ahead`), and `check --links` makes the same."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..analyse.site import LinkPlan
from ..analyse.unbuilt import HOST_SERVES
from ..model.library import Asset
from ..model.settings import Config
from ..read.mkdocsmacros import JINJA, NAV_TITLE, PAGE_TITLE
from ..read.mkdocsnav import WRITTEN_TITLES
from ..read.sitepackages import page_markdown
from ..read.templateengines import ENGINE, with_engine
from . import dialects, markdown, partials
from .esm import IMPORT_ALIASES
from .headingids import site_slugs
from .imgproc import BUNDLE, bundle_images
from .links import BodyLinks
from .liquidifs import OWN_TITLE
from .ownshortcodes import OWN_SHORTCODES
from .shortcodes import SITE_PARAMS


class Body(NamedTuple):
    """An asset's body as its page shows it (see `asset_body`)."""

    rendered: markdown.Rendered
    """The body's HTML, headings and broken links."""
    public: tuple[str, ...]
    """Links to the public site the body's routes became, in order."""
    linked: tuple[str, ...]
    """The ``files/...`` and ``public/...`` copies the body links to, sorted."""
    unbuilt: tuple[tuple[str, str], ...] = ()
    """Links to pages the live site does not build (drafts), each with what says so, in order
    (`stagemap.render.links.BodyLinks.unbuilt`): links here, leading nowhere there; and links to
    a route where the host serves an error, which `rendered` does not list as broken."""
    shaped: tuple[str, ...] = ()
    """The templates whose pages a link was taken to reach by their form alone (`BodyLinks.shaped`)."""

    def flat(self) -> tuple[Any, ...]:
        """Return the body as strings and tuples, which a worker hands over twice as fast as the objects."""
        made = self.rendered
        headings = tuple((h.level, h.id, h.text) for h in made.headings)
        return (made.html, headings, made.broken, self.public, self.linked, self.unbuilt, self.shaped)

    @classmethod
    def unflat(cls, parts: tuple[Any, ...]) -> Body:
        """Return the body `flat` gave ``parts`` of."""
        html, headings, broken, public, linked, unbuilt, shaped = parts
        rendered = markdown.Rendered(html, tuple(markdown.Heading(*h) for h in headings), broken)
        return cls(rendered, public, linked, unbuilt, shaped)


def asset_body(config: Config, links: LinkPlan, item: Asset, site: Mapping[str, Any] | None = None) -> Body:
    """Render an asset's body for its page: nothing in it depends on the report, so it may be made
    before. ``site``: the site's own params (`stagemap.model.library.Library.site_params`)."""
    rewrite = BodyLinks.of(links, item.id, item.body)
    suffix = "." + item.path.rpartition(".")[2] if "." in item.path.rpartition("/")[2] else ""
    body = item.body
    if partials.applies(item.path, config.rules, body):
        body = partials.inline_for(config, item.path, body, item.extra)
    # Hugo's param falls back to the site's; Liquid, Nunjucks or no engine runs (by the site's settings too)
    site = page_markdown(site, item.path)  # (Docusaurus: remark-math where the page's plugin loads it)
    params = with_engine(
        config.rules, item.path, {**item.extra, SITE_PARAMS: site} if site else item.extra, site
    )
    if params.get(ENGINE) == JINJA:  # (MkDocs' macros plugin: its ``page.title``, the nav's first)
        params = {**params, PAGE_TITLE: item.extra.get(NAV_TITLE) or item.title}
    # Jekyll's ``{{ page.title }}``, Eleventy's ``{{ title }}`` (stagemap's own format reads no params);
    # not for conditions: the title may be the first heading's, which the live page lacks. Not MkDocs'
    # macros plugin's bare ``{{ title }}``: only the front matter or the site's values give it.
    if config.rules.generator and "title" not in params and item.title and params.get(ENGINE) != JINJA:
        params = {**params, "title": item.title, OWN_TITLE: True}
    if own := partials.own_shortcodes(config, item.path, body, site, item.extra):
        params = {**params, OWN_SHORTCODES: own}
    if config.rules.generator == "hugo" and "imgproc" in body:  # Docsy's: an image of the page's bundle
        params = {**params, BUNDLE: bundle_images(links.sources[item.id], links.attachments)}
    mdx = item.path.lower().endswith(config.rules.mdx)
    if mdx and links.routes.reading.aliases:  # (an image imported by an alias: `with_imported_images`)
        params = {**params, IMPORT_ALIASES: links.routes.reading.aliases}
    text = dialects.clean(body, suffix, config.rules.generator, params, html=not config.allow_html, mdx=mdx)
    slugs = site_slugs(config) or markdown.slug  # as the site names its headings
    # An MkDocs nav's title as written, when the asset's title is it qualified with its section
    # (not when the page's own ``title`` stands instead): a body's first heading may repeat it.
    written = (site or {}).get(WRITTEN_TITLES, {}).get(item.path)
    title = (item.title, written) if written and item.title.startswith(f"{written} (") else item.title
    rendered = markdown.render(
        text, allow_html=config.allow_html, rewrite=rewrite, top=2, drop_title=title, slugs=slugs
    )
    served = {url for url, why in rewrite.unbuilt if why.startswith(HOST_SERVES)}  # (said there, once)
    if served:
        broken = tuple(url for url in rendered.broken if url not in served)
        rendered = markdown.Rendered(rendered.html, rendered.headings, broken)
    unbuilt, shaped = tuple(rewrite.unbuilt), tuple(dict.fromkeys(rewrite.shaped))
    return Body(rendered, tuple(rewrite.public), tuple(sorted(rewrite.linked)), unbuilt, shaped)
