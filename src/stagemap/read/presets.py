"""What each site generator's content usually looks like: the defaults a ``generator`` setting brings.

A preset gives the file endings of content files, the site's keys that stand for stagemap
fields (aliases), the keys the generator's own documentation uses (never reported as near
misses), the files that are listings or partials rather than pages, and those that are drafts
by their place. A project changes any of them with the ``extensions``, ``aliases``,
``known_keys``, ``non_assets`` and ``drafts`` settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model.library import FileFate
from ..model.settings import ReadRules
from .codepages import code_page_endings, code_page_reason
from .frontmatter import COMMENTED, JS, LEAD, META, NAMED, SYNTAXES, UNCLOSED
from .globs import GlobSet

GENERATORS = ("hugo", "jekyll", "docusaurus", "gatsby", "astro", "mkdocs", "eleventy")
"""The generators with a preset."""

_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("Title", "name", "linkTitle"),
    # When it last changed, then when it was published or written (Hugo, Jekyll, Astro's
    # blog, Starlight, AstroPaper, Docusaurus's ``last_update``, headless CMS exports).
    "updated": (
        "lastmod",
        "last_modified_at",
        "updatedDate",
        "updated_at",
        "updatedAt",
        "lastUpdated",
        "modDatetime",
        "last_update",
        "modified",
        "date",
        "pubDate",
        "pubDatetime",
        "published_at",
        "publishedAt",
        "created_at",
        "createdAt",
    ),
    "owner": ("author", "authors", "Author"),
    "summary": ("description", "excerpt", "Description", "subtitle"),
    "status": ("draft", "published"),
    "url": ("permalink",),
    "review_by": (),
    "publish_on": (),
}
"""Aliases every preset shares; a generator adds its own (`_OWN_ALIASES`)."""

_KNOWN = frozenset(
    {
        "aliases", "author", "authors", "categories", "date", "description", "draft",
        "excerpt", "image", "images", "keywords", "lang", "layout", "permalink", "published",
        "slug", "tags", "template", "toc", "type", "url", "weight",
    }
)  # fmt: skip
"""Keys so common across generators that every preset knows them."""

_OWN_KEYS: dict[str, frozenset[str]] = {
    "hugo": frozenset(
        {
            "Title", "build", "cascade", "expiryDate", "headless", "isCJKLanguage", "lastmod",
            "linkTitle", "markup", "menu", "menus", "outputs", "publishDate", "resources",
            "series", "sitemap", "translationKey",
        }
    ),
    "jekyll": frozenset({"last_modified_at", "redirect_from", "redirect_to", "sitemap"}),
    "docusaurus": frozenset(
        {
            "custom_edit_url", "displayed_sidebar", "hide_table_of_contents", "hide_title", "image", "last_update", "pagination_label", "pagination_next", "pagination_prev",
            "sidebar_class_name", "sidebar_custom_props", "sidebar_label", "sidebar_position",
            "toc_max_heading_level", "toc_min_heading_level", "unlisted", "wrapperClassName",
        }
    ),
    "gatsby": frozenset({"featuredImage", "path", "templateKey"}),
    "astro": frozenset(
        {"heroImage", "lastUpdated", "modDatetime", "pubDate", "pubDatetime", "publishDate", "updatedDate"}
    ),
    "mkdocs": frozenset({"hide", "icon", "search", "subtitle"}),
    "eleventy": frozenset(
        {
            "eleventyComputed", "eleventyExcludeFromCollections", "eleventyImport",
            "eleventyNavigation", "pagination", "permalinkBypassOutputDir", "renderData",
            "templateEngineOverride",
        }
    ),
}  # fmt: skip
"""Each generator's documented front matter keys, besides the common ones."""

_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "hugo": (".md", ".markdown", ".mmark", ".html"),
    "jekyll": (".md", ".markdown", ".html"),
    "docusaurus": (".md", ".mdx"),
    "gatsby": (".md", ".mdx", ".mmark"),
    "astro": (".md", ".mdx", ".markdown"),
    "mkdocs": (".md", ".markdown"),
    "eleventy": (".md", ".markdown", ".html", ".njk", ".liquid"),
}
"""File endings of content files per generator."""

_NON_ASSETS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "hugo": (
        ("listing", ("_index.md", "_index.*.md", "_index.html", "_index.*.html")),
        ("partial", ("/layouts/", "/archetypes/")),  # the site's own folders, not a section's of that name
        ("error-page", ("/404.md", "/404.html")),  # content/404.md: the page for an address with none
    ),
    "jekyll": (("partial", ("_includes/", "_layouts/")), ("error-page", ("404.html", "404.md"))),
    "docusaurus": (("partial", ("_*", "_*/")),),
    # src/pages/404.mdx (or 404/index.mdx): the page Gatsby builds as 404.html, for an address with none;
    # 500.* the same, as 500.html (its prod-404-500 plugin), for an error while rendering
    "gatsby": (
        ("snippet", ("snippets/",)),
        ("error-page", ("/404.*", "/404/index.*", "/500.*", "/500/index.*")),
    ),
    "astro": (("partial", ("src/components/", "src/layouts/")), ("error-page", ("404.md", "404.mdx"))),
    "mkdocs": (("snippet", ("includes/", "snippets/")), ("template", ("/templates/",))),
    "eleventy": (
        ("partial", ("_includes/", "_layouts/")),
        ("data", ("_data/",)),
        ("error-page", ("/404.md", "/404.html", "/404.njk", "/404.liquid")),
    ),
}
"""Files that are listings, partials or snippets by each generator's conventions."""

_BARE_PAGES = frozenset({"hugo", "docusaurus", "mkdocs", "eleventy"})
"""Generators that publish a Markdown file without front matter as a page, titled by its first
heading (MkDocs, Docusaurus: else by its name). Jekyll copies such a file as it is; Gatsby and
Astro sites usually need fields from every page."""

_DRAFTS: dict[str, tuple[str, ...]] = {"jekyll": ("_drafts/",)}
"""Folders whose files a generator builds only as drafts."""

_ROUTE_ROOTS: dict[str, tuple[str, ...]] = {
    "hugo": ("content",),
    "jekyll": (".", "_pages"),
    "docusaurus": (".", "src/pages"),
    "gatsby": ("content/pages", "content"),
    "astro": ("src/pages", "src/content"),
    "mkdocs": ("docs",),
    "eleventy": (".",),  # its input folder, which init names in urls.roots when it is another
}
"""Folders whose files a generator serves at their path (``content/blog/x.md`` is ``/blog/x/``)."""

_STATIC: dict[str, tuple[str, ...]] = {
    "hugo": ("static",),
    "jekyll": (".",),
    "docusaurus": ("static",),
    "gatsby": ("static",),
    "astro": ("public",),
    "mkdocs": ("docs",),
    "eleventy": (".",),  # what it copies as it is (passthrough) keeps its path under the input folder
}
"""Folders a generator copies to the site root as they are (``static/images/x.png`` is ``/images/x.png``)."""

DEFAULT_EXTENSIONS = (".md", ".markdown", ".mdx", ".mmark")
"""Content file endings when a generator preset is in use but none is named."""


def preset_extensions(generator: str) -> tuple[str, ...]:
    """Return the content file endings of ``generator`` (stagemap's own: .md and .markdown)."""
    if not generator:
        return (".md", ".markdown")
    return _EXTENSIONS.get(generator, DEFAULT_EXTENSIONS)


def preset_mdx(generator: str, extensions: tuple[str, ...]) -> tuple[str, ...]:
    """Return the endings of the content files ``generator`` reads as MDX (``extensions``: the
    content files' endings): every one on a Docusaurus site, else ``.mdx``."""
    return extensions if generator == "docusaurus" else (".mdx",)


_OWN_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "astro": {"updated": ("publishDate",)},
    "gatsby": {"url": ("path",)},
    "hugo": {
        "review_by": ("expiryDate", "unpublishdate"),
        "publish_on": ("publishDate", "pubdate", "published", "date"),
    },
    "jekyll": {"publish_on": ("date",)},
}
"""Aliases a generator adds after the shared ones: an Astro blog may date its posts by
``publishDate`` (Astro Cactus's collection schema requires it), the day it was published when
no later date is given; on Hugo that key says when a page goes up (``publish_on``). A Gatsby
page's ``path`` is its route (the starters make each page at it); only a value starting with
``/`` is read as one. Hugo leaves a
page off the site once its ``expiryDate`` (or ``unpublishdate``) has passed: it no longer
counts, as a page past its ``review_by``; and until its ``publishDate`` (else ``date``) has
come (``buildFuture``), as Jekyll a post dated ahead (``future``, see `postdates.document_dates`):
it does not count yet."""


_NO_ALIASES: dict[str, frozenset[str]] = {"mkdocs": frozenset({"title"})}
"""Fields a generator reads from their own key alone: MkDocs titles a page by ``title`` (a
meta-data line's key in any case), else by its first heading, never by ``Title:``, ``name`` or
``linkTitle`` in YAML (Knative's docs write ``Title:``)."""


def preset_aliases(generator: str) -> Mapping[str, tuple[str, ...]]:
    """Return the aliases of ``generator``; stagemap's own format has none."""
    if not generator:
        return {}
    own = _OWN_ALIASES.get(generator, {})
    alone = _NO_ALIASES.get(generator, frozenset())
    return {field: () if field in alone else (*keys, *own.get(field, ())) for field, keys in _ALIASES.items()}


def preset_known_keys(generator: str) -> frozenset[str]:
    """Return the keys ``generator``'s sites use on their own account."""
    if not generator:
        return frozenset()
    return _KNOWN | _OWN_KEYS.get(generator, frozenset())


_OWN_STATUSES: dict[str, frozenset[str]] = {"mkdocs": frozenset({"new", "deprecated", "encrypted"})}
"""``status`` values a generator (or its usual theme) uses for itself: Material for MkDocs'
badges beside a page's title, which say nothing of whether the page may be sent."""


def preset_own_statuses(generator: str) -> frozenset[str]:
    """Return the ``status`` values the generator's pages use for themselves, not read as stagemap's."""
    return _OWN_STATUSES.get(generator, frozenset())


def preset_front_matter(generator: str, commented: bool = False) -> tuple[str, ...]:
    """Return the front matter syntaxes ``generator``'s pages are read with (see
    `stagemap.read.frontmatter`). A JSON object opening the file is front matter on Hugo only
    (and in stagemap's own format): elsewhere a page may open with an MDX comment
    (``{/* ... */}``), a Liquid or Nunjucks tag (``{% callout %}``) or a macro. MkDocs reads
    meta-data lines and YAML, never TOML; Eleventy YAML and JavaScript (``---js``: `JS`), and
    JSON or YAML under a fence naming it (``---json``: `NAMED`), as gray-matter reads them; Astro
    and Hugo allow blank lines before the opening fence (`LEAD`); Gatsby and Eleventy, which
    read front matter with gray-matter and render what it leaves, take a block never closed for
    the whole file (`UNCLOSED`; not Docusaurus: from 3 on its MDX compiler reads the whole file
    again, where such a block is no front matter); with ``commented`` (a site pinning a Hugo
    older than 0.123, `stagemap.read.hugopin`), Hugo reads a block inside an HTML comment too
    (`COMMENTED`)."""
    if not generator:
        return SYNTAXES
    if generator == "hugo":
        return (*SYNTAXES, LEAD, COMMENTED) if commented else (*SYNTAXES, LEAD)  # as its page lexer
    if generator == "mkdocs":
        return ("yaml", META)
    if generator == "astro":
        return ("yaml", "toml", LEAD)
    if generator == "gatsby":
        return ("yaml", "toml", UNCLOSED)  # (gray-matter's reading of a block never closed)
    return ("yaml", JS, NAMED, UNCLOSED) if generator == "eleventy" else ("yaml", "toml")


def preset_bare_pages(generator: str) -> bool:
    """Return whether ``generator`` publishes a content file without front matter as a page."""
    return generator in _BARE_PAGES


_BARE_BY_CODE = frozenset({"gatsby", "astro"})
"""Generators whose sites may make pages of Markdown files without front matter in their own
code (Gatsby's ``gatsby-node.js``, an Astro page rendering a folder's files); Jekyll never does:
it copies such a file as it is."""


def preset_bare_pages_by_code(generator: str) -> bool:
    """Return whether a ``generator`` site may make pages of content files without front matter in its code."""
    return generator in _BARE_BY_CODE


_UNPUBLISHED_KEYS: dict[str, tuple[str, ...]] = {"hugo": ("headless",)}
"""Front matter keys whose ``true`` makes a file no page at all (Hugo's headless bundle: its
text and resources are used by other pages)."""


def preset_unpublished_keys(generator: str) -> tuple[str, ...]:
    """Return the keys that, set to ``true``, make a file of ``generator``'s no page."""
    return _UNPUBLISHED_KEYS.get(generator, ())


def preset_redirect(generator: str, fm: Mapping[str, object]) -> bool:
    """Return whether the site serves a redirect in a page's place (Jekyll's ``redirect_to``,
    from jekyll-redirect-from): such a file is no page."""
    target = fm.get("redirect_to") if generator == "jekyll" else None
    return any(isinstance(t, str) and t.strip() for t in (target if isinstance(target, list) else [target]))


def preset_last_wins(generator: str) -> bool:
    """Return whether ``generator``'s YAML loader gives a key set twice its last value (Ruby's
    Psych for Jekyll, PyYAML for MkDocs), where the others' (js-yaml, Go's) stop the build."""
    return generator in ("jekyll", "mkdocs")


NOT_A_PAGE = "not a page"
"""The kind of non-asset a file is whose permalink makes a file of another kind (`preset_other_output`)."""
UNREAD_PAGE = "unread page"
"""The kind of non-asset a page is that the site makes of a template stagemap does not read
(`stagemap.model.settings.ReadRules.unread_pages`): a page of the site all the same, at its route."""


def unread_page(rel: str, sub: str, rules: ReadRules, non_assets: Sequence[tuple[str, GlobSet]]) -> FileFate:
    """Return the fate of the file at ``sub`` (``rel`` from the project) whose ending is no
    content file's: an `UNREAD_PAGE` where the site makes a page of it (one of the rules'
    ``unread_pages`` endings, Eleventy's; a component in a Gatsby or Astro site's ``src/pages``:
    `stagemap.read.codepages`) and no ``non_assets`` glob names it (a component in the site's
    partials is no page), else not content."""
    code = code_page_endings(rules.generator, rules.site_root, rel)
    ending = next((e for e in (*rules.unread_pages, *code) if sub.lower().endswith(e)), "")
    if not ending:
        return FileFate(rel, "non-asset", "not content", "extensions", "not a content file by its ending")
    for kind, globs in non_assets:
        glob = globs.matches(sub)
        if glob is not None:
            return FileFate(rel, "non-asset", kind, glob.text, f"{kind} by '{glob.text}'")
    made = f"a page the site makes of its {ending} template"
    reason = code_page_reason(ending, sub) if ending in code else f"{made}, which stagemap does not read"
    return FileFate(rel, "non-asset", UNREAD_PAGE, "extensions", reason)


def preset_unrendered(generator: str, fm: Mapping[str, object]) -> bool:
    """Return whether a page's front matter says the generator renders no page of it: Hugo's
    ``build: {render: never}`` (``_build`` in older sites) or ``{render: link}`` (no page
    either, only an address for lists and menus to link to: a stub that points elsewhere),
    Jekyll's ``published: false``, Eleventy's ``permalink: false``, Docusaurus's ``draft: true``
    (a page the development server shows, the production build leaves out; Starlight's drafts:
    `starlight_draft`). It is read, but has no address."""
    if generator == "jekyll":
        return fm.get("published") is False
    if generator == "docusaurus":  # (its check takes "true" as true too)
        draft = fm.get("draft")
        return draft is True or (isinstance(draft, str) and draft.strip().lower() == "true")
    if generator == "eleventy":
        return fm.get("permalink") is False  # Eleventy writes no file of it
    if generator != "hugo":
        return False
    build = fm.get("build", fm.get("_build"))
    render = build.get("render") if isinstance(build, dict) else None
    return render in ("never", "link", False, "false")


def starlight_draft(generator: str, rel: str, fm: Mapping[str, object]) -> bool:
    """Return whether the page at ``rel`` is a draft of Starlight's docs (``draft: true`` in
    ``src/content/docs/``), which its production build leaves out. Astro itself has no drafts
    since 3.0: elsewhere only a site's own ``getCollection`` filter would leave one out (the
    blog template does not), so such a page keeps its address."""
    return generator == "astro" and fm.get("draft") is True and "/src/content/docs/" in "/" + rel


def preset_leaf_bundles(generator: str) -> bool:
    """Return whether ``generator`` makes a folder with an ``index`` page one page (Hugo's leaf
    bundle): the other content files in it, at any depth, are its resources, not pages."""
    return generator == "hugo"


def preset_cascade(generator: str) -> bool:
    """Return whether ``generator``'s section pages pass front matter down (Hugo's ``cascade``)."""
    return generator == "hugo"


def preset_drafts(generator: str) -> tuple[str, ...]:
    """Return the globs of files ``generator`` treats as drafts by their place."""
    return _DRAFTS.get(generator, ())


def preset_non_assets(generator: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return the (kind, globs) rules of ``generator``."""
    return _NON_ASSETS.get(generator, ())


def preset_route_roots(generator: str) -> tuple[str, ...]:
    """Return the folders ``generator`` serves at their path (none for stagemap's own format)."""
    return _ROUTE_ROOTS.get(generator, ())


def preset_static(generator: str) -> tuple[str, ...]:
    """Return the folders ``generator`` serves from the site root."""
    return _STATIC.get(generator, ())


_PAGE_ENDINGS = (".html", ".htm", ".md", ".mdx", ".markdown")


def site_own_next(value: object, spaces: bool = False) -> bool:
    """Whether a ``next`` on a site's page is the site's own pagination, not a hand-off: true or
    false, a mapping (Starlight's ``next: false``, ``{link, label}``), a label (words: no id holds
    a space, but where ``spaces``, on a site whose ids may, `stagemap.read.fields.spaced_ids`), a
    route or an address (``/docs/setup/``), a page's file (Gatsby docs' ``next: setup.html``): no
    asset or stage id is any of these."""
    if isinstance(value, bool | dict):
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    return (
        (len(text.split()) > 1 and not spaces)
        or text.startswith("/")
        or "://" in text
        or text.lower().endswith(_PAGE_ENDINGS)
    )
