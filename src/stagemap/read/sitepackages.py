"""What an Astro, Eleventy, Docusaurus or Gatsby site's packages change in how its Markdown reads, from
its ``package.json`` and its configuration (code, never run).

None of these generators has a settings file for its Markdown: the packages a site installs,
and the calls (or, on Docusaurus, the remark plugins) its configuration names, decide. Four
things differ from CommonMark, each found by its package:

- Starlight's ``:::note`` asides come with ``@astrojs/starlight``; an Astro site without it
  makes a ``:::kind`` block only with a plugin that reads such blocks (remark-directive and a
  plugin of its own, say: `CONTAINER_PLUGINS`), whatever its kind is: every kind is a labelled
  quote there, not Starlight's four alone (`PLAIN_ASIDES`); with none, ``:::tip`` is text
  (`NO_ASIDES`).
- GitHub's alerts (``> [!NOTE]``) are a box on an Eleventy site that installs
  markdown-it-github-alerts, or the GOV.UK Eleventy plugin from its v8.0.0 on, which brings it
  (`GITHUB_ALERTS`); with markdown-it-attrs (the GOV.UK plugin brings it from v7.1.0 on) an attribute list after a link or at
  a block's end (``[demo](/x/){target=demo}``, ``Text.{.lead}``) is no text (`ATTRS`).
- On an Astro site, remark and rehype plugins the configuration loads (or package.json
  installs) do the same: GitHub's alerts are boxes with remark-github-admonitions-to-directives
  (capitals alone, as above), remark-github-blockquote-alert or rehype-github-alerts (any case:
  `ALERTS_ANY_CASE`); remark-directive reads ``::name{...}`` and ``:name[text]`` outside
  Starlight (`DIRECTIVES`, Starlight puts back what no plugin of its own takes); remark-math
  reads ``$...$`` and ``$$`` blocks as TeX (`MATH`: on Docusaurus and Gatsby too, named there
  as `_MATH_PLUGINS` says, on Docusaurus of a release that fits its own: `_math_fits`, on the pages
  of the content plugins that load it: `stagemap.read.docusaurusmath`, remark-math 2 and 3's rules: `MATH3`); Expressive Code (Starlight's, or
  astro-expressive-code) takes a file name in a comment atop a code block for its title
  (`EXPRESSIVE_CODE`).
- Eleventy 2.0 and later turn markdown-it's indented code off, unless the configuration
  replaces the library (``setLibrary("md", ...)``, markdown-it's own defaults then), or a
  plugin does (the GOV.UK plugin); a ``disable("code")`` anywhere turns it off too
  (`NO_INDENTED_CODE`).
- A Docusaurus site whose configuration names ``@docusaurus/remark-plugin-npm2yarn`` shows a
  ``bash npm2yarn`` code block once per package manager: npm's and Yarn's (`NPM2YARN`), and
  pnpm's too (`NPM2PNPM`) from the plugin's version 3 on (that of ``package.json``, else of
  ``@docusaurus/core``; none: the newest), or those its ``converters`` option names.
- A Docusaurus site's admonitions are the ``:::kind`` blocks of its keywords, its own and those
  its configuration adds, read as its release reads them (`stagemap.read.docusaurusnotes`).
- A Docusaurus site whose configuration names docusaurus-theme-github-codeblock shows a
  ``reference`` code block as lines of a file on GitHub (`GITHUB_CODEBLOCK`).
- Docusaurus 3.4 reads a doc's link in the Markdown tree (facebook/docusaurus#10168): only a
  path that ends in ``.md`` or ``.mdx`` is a doc's, where Docusaurus 2's pattern took
  ``x.md/#part`` for ``x.md#part`` (`MD_LINKS_AST`: ``@docusaurus/core`` of package.json is 3.4
  or later, a ``^3`` range or the newest; no version known: read as before 3.4).
- A Gatsby site whose configuration names gatsby-remark-images or gatsby-remark-copy-linked-files
  (or a theme, which brings them) finds a Markdown image or link from the root (``/pics/x.png``)
  in the page's folder first (`FILES_BESIDE`).

The traits reach the renderer in the site's params (`MARKDOWN`), as an MkDocs site's plugins
do (`stagemap.read.mkdocsalerts`); `stagemap.render.sitemarkdown` reads them there.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import Problem
from ..lazyre import lazy
from .astro import CONFIG_FILES as ASTRO_CONFIGS
from .astro import STARLIGHT
from .docusaurus import CONFIG_FILES as DOCUSAURUS_CONFIGS
from .docusaurusmath import MATH_IN, MATH_OFF, math_scope
from .docusaurusnotes import admonition_traits, page_admonitions
from .eleventy import CONFIG_FILES as ELEVENTY_CONFIGS
from .gatsby import CONFIG_FILES as GATSBY_CONFIGS
from .jsdata import blanked
from .packageversions import NEWEST as _NEWEST
from .packageversions import packages as _packages
from .packageversions import reaches as _reaches

MARKDOWN = "\0markdown"
"""The key under which the site's params hold its Markdown's traits (no key of a configuration
file can be this one)."""
PLAIN_ASIDES = "plain-asides"
NO_ASIDES = "no-asides"
GITHUB_ALERTS = "github-alerts"
NO_INDENTED_CODE = "no-indented-code"
ATTRS = "markdown-it-attrs"
ALERTS_ANY_CASE = "github-alerts-any-case"
DIRECTIVES = "directives"
MATH = "math"
MATH3 = "math-3"
"""remark-math 2 or 3 (Docusaurus 2's; a Gatsby site's MDX 1): its own rules for ``$`` within a paragraph (`_math_release3`)."""
EXPRESSIVE_CODE = "expressive-code"
OWN_SLUG = "own-slug"
"""An Eleventy site whose configuration adds a ``slugify`` or ``slug`` filter of its own: what a
permalink through it makes is not known here (`stagemap.read.eleventy.eleventy_permalink`)."""
PREMONITION = "premonition"
"""Jekyll's premonition plugin: a quote whose first line is ``type "Title"`` is a box. The kinds
of box the site adds in its ``premonition: types:`` come as traits ``premonition:<kind>``."""
NPM2YARN = "npm2yarn"
NPM2PNPM = "npm2pnpm"
GITHUB_CODEBLOCK = "github-codeblock"
"""A Docusaurus site whose configuration names docusaurus-theme-github-codeblock (or a fork of it
under a scope of its own): a ``reference`` code block shows lines of a file on GitHub."""
_CODEBLOCK_THEME = lazy(r"""(['"`])(?:@[\w.-]{1,100}/)?(?:docusaurus-)?theme-github-codeblock\1""")
MD_LINKS_AST = "md-links-ast"
"""A Docusaurus site of 3.4 or later: a doc's link is a path ending in its ending, nothing after it."""
FILES_BESIDE = "files-beside"
"""A Gatsby site's remark plugins look for a Markdown image or link from the root beside the page first."""
_REMARK_FILES = lazy(
    r"""(['"`])(?:gatsby-remark-images|gatsby-remark-copy-linked-files|gatsby-theme-[^'"`\s]+)\1"""
)
"""A Gatsby configuration's plugin that finds a Markdown file beside its page: gatsby-remark-images,
gatsby-remark-copy-linked-files, or a theme, whose own configuration (in node_modules, not read)
brings them as a rule (Carbon's gatsby-theme-carbon does)."""

PACKAGE = "package.json"
_CONFIGS = {
    "astro": ASTRO_CONFIGS,
    "eleventy": ELEVENTY_CONFIGS,
    "docusaurus": DOCUSAURUS_CONFIGS,
    "gatsby": GATSBY_CONFIGS,
}
STARLIGHT_PACKAGE = "@astrojs/starlight"
_GOVUK = "@x-govuk/govuk-eleventy-plugin"
_GOVUK_ALERTS = (8, 0)
"""The GOV.UK plugin's first release that brings markdown-it-github-alerts (v8.0.0)."""
_GOVUK_ATTRS = (7, 1)
"""The GOV.UK plugin's first release that brings markdown-it-attrs (v7.1.0; v7.0.0 has none)."""
_ASTRO_PLUGINS = {
    "remark-github-admonitions-to-directives": GITHUB_ALERTS,
    "remark-github-blockquote-alert": ALERTS_ANY_CASE,
    "rehype-github-alerts": ALERTS_ANY_CASE,
    "remark-directive": DIRECTIVES,
    "remark-math": MATH,
    "astro-expressive-code": EXPRESSIVE_CODE,
}
"""The plugins that change an Astro site's Markdown, and the trait each gives it."""
_MATH_PLUGINS = {
    "docusaurus": ("remark-math",),
    "gatsby": ("gatsby-remark-katex", "gatsby-remark-mathjax", "remark-math"),
}
"""The plugins that read remark-math's ``$...$`` and ``$$`` blocks on a Docusaurus or Gatsby site
(Gatsby's two for gatsby-transformer-remark load remark-math; gatsby-plugin-mdx takes it as is)."""
CONTAINER_PLUGINS = ("remark-directive", "remark-admonitions", "remark-containers", "remark-custom-container")
"""The remark plugins that read ``:::kind`` ... ``:::`` blocks (remark-directive gives them to the
site's own plugin, the others make them boxes)."""
_OWN_BOXES = lazy(
    r"""\bdirective\s*:\s*true\b"""
    r"""|(['"`])(?![^'"`\n]*\.(?:astro|[jt]sx|vue|svelte)\1)[^'"`\n]*(?:admonition|callout|aside)[^'"`\n]*\1""",
    re.I,
)
"""What else in an Astro configuration reads ``:::kind`` blocks: a Markdown processor's own
directives turned on (``features: {directive: true}``, as @astrojs/markdown-satteri has them),
or a plugin the site imports by such a name (``./src/plugins/admonitions``: astro-theme-cactus),
never a component (``./src/components/Callout.astro``, which astro-auto-import takes)."""
_OWN_LIBRARY = (_GOVUK,)
"""Plugins that set a Markdown library of their own (``setLibrary("md", ...)``), indented code on."""
_LARGEST = 1024 * 1024
"""A file larger than this is not read for these (no package.json or configuration is)."""

_SLUG_FILTER = lazy(r"""\.add(?:Nunjucks|Liquid|JavaScript)?Filter\(\s*(['"`])slug(?:ify)?\1""")
_IMPORTED = lazy(r"""(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)(['"`])(\.{1,2}/[^'"`\n]{1,200})\1""")
"""A module of the site's own a configuration imports (``import x from "./lib/filters.js"``, ``require("./x")``)."""
_SET_LIBRARY = lazy(r"""\.setLibrary\(\s*(['"`])md\1""")
_CODE_OFF = lazy(r"""\.(disable|enable)\(\s*(?:\[[^\]]*)?(['"`])code\2""")
"""markdown-it's ``disable("code")`` (or ``disable(["code", ...])``): no indented code, on any
version; its ``enable("code")`` (as Eleventy's docs show, in ``amendLibrary``): indented code
back on. The last one written wins."""
_NPM2YARN = lazy(r"""(['"`])@docusaurus/remark-plugin-npm2yarn\1""")
_CONVERTERS = lazy(r"""(?<![\w$])converters\s*:\s*\[([^\]]*)\]""")
_MAJOR = lazy(r"""^\s*(?:npm:@11ty/eleventy@)?[\^~>=v\s]*(\d+)""")


def site_markdown_files(generator: str) -> tuple[str, ...]:
    """Return the files `markdown_traits` reads for a ``generator`` site (Astro's, Eleventy's, Docusaurus's)."""
    configs = _CONFIGS.get(generator)
    return (PACKAGE, *configs) if configs else ()


def markdown_traits(
    generator: str, read: Callable[[str], bytes | Problem | None], folder: str = ""
) -> tuple[str, ...]:
    """Return, sorted, the traits of an Astro, Eleventy or Docusaurus site's Markdown in ``folder``
    (relative to the project; empty: its own), its files read with ``read`` (a name relative to
    the project -> its bytes, None when there is none): those of `PLAIN_ASIDES`, `NO_ASIDES`,
    `GITHUB_ALERTS`, `ATTRS`, `ALERTS_ANY_CASE`, `DIRECTIVES`, `MATH`, `EXPRESSIVE_CODE`,
    `NO_INDENTED_CODE`, `NPM2YARN`, `NPM2PNPM`, `GITHUB_CODEBLOCK`, `MD_LINKS_AST` and `FILES_BESIDE` that hold. A
    file that cannot be read is as if absent."""
    prefix = folder + "/" if folder else ""
    configs = _CONFIGS.get(generator, ())
    name, code = next(
        ((n, t) for n in configs for t in (_text(read(prefix + n)),) if t is not None), ("", None)
    )
    packages = _packages(_text(read(prefix + PACKAGE)))
    code = blanked(code) if code is not None else None
    traits: list[str] = []
    # (Starlight's integration may be set up in another module: package.json names it then.)
    starlight = STARLIGHT_PACKAGE in packages or (code is not None and STARLIGHT.search(code) is not None)
    if generator == "astro" and code is not None and not starlight:
        boxes = _named_plugin(CONTAINER_PLUGINS, code, packages) or bool(_OWN_BOXES.search(code or ""))
        traits.append(PLAIN_ASIDES if boxes else NO_ASIDES)
    if generator == "astro":
        traits += _astro_plugins(code or "", packages, starlight)
    if generator == "eleventy":
        govuk = packages.get(_GOVUK)  # (a version: the plugin brings alerts and attrs from one on)
        if "markdown-it-github-alerts" in packages or (_GOVUK in packages and _reaches(govuk, _GOVUK_ALERTS)):
            traits.append(GITHUB_ALERTS)
        if _named_plugin(("markdown-it-attrs",), code or "", packages) or (
            _named_plugin((_GOVUK,), code or "", packages) and _reaches(govuk, _GOVUK_ATTRS)
        ):
            traits.append(ATTRS)
        own = any(p in packages for p in _OWN_LIBRARY)
        if _without_indented_code(name, code or "", packages.get("@11ty/eleventy"), own):
            traits.append(NO_INDENTED_CODE)
        if code is not None and _own_slug(code, lambda n: _text(read(prefix + n))):
            traits.append(OWN_SLUG)
    if generator == "docusaurus" and code is not None and _NPM2YARN.search(code):
        traits += _package_managers(code, packages)
    if generator == "docusaurus":  # its admonitions' keywords, and its release (2 reads them its own way)
        traits += admonition_traits(code, packages, prefix)
    if generator == "docusaurus" and code is not None and _CODEBLOCK_THEME.search(code):
        traits.append(GITHUB_CODEBLOCK)
    if generator == "docusaurus" and _links_in_tree(packages.get("@docusaurus/core")):
        traits.append(MD_LINKS_AST)
    if generator == "gatsby" and code is not None and _REMARK_FILES.search(code):
        traits.append(FILES_BESIDE)
    if _named_plugin(_MATH_PLUGINS.get(generator, ()), code or "", packages) and _math_fits(
        generator, packages
    ):
        scope = math_scope(code, prefix) if generator == "docusaurus" and code is not None else None
        traits += [MATH] if scope is None else scope  # (Docusaurus: by content plugin, `math_scope`)
        traits += [MATH3] if _math_release3(generator, packages) else []
    return tuple(sorted(traits))


def page_markdown(site: Mapping[str, Any] | None, path: str) -> Mapping[str, Any] | None:
    """Return the site's params as the page at ``path`` (relative to the project) reads them: on a
    Docusaurus site whose content plugins load remark-math apart (`math_scope`), `MATH` where the
    plugin reading the page's folder (the deepest that holds it) loads it; and that plugin's
    admonition keywords (`stagemap.read.docusaurusnotes.page_admonitions`)."""
    traits = site.get(MARKDOWN, ()) if site else ()
    if site and (own := page_admonitions(traits, path)) != traits:  # (each plugin's admonitions too)
        site, traits = {**site, MARKDOWN: own}, own
    scoped = [
        (t.partition(":")[2], t.startswith(MATH_IN)) for t in traits if t.startswith((MATH_IN, MATH_OFF))
    ]
    if not site or not scoped:
        return site
    found = max(
        ((len(where), on) for where, on in scoped if path.startswith(where + "/")), default=(0, False)
    )
    return {**site, MARKDOWN: tuple(sorted({*traits, MATH}))} if found[1] else site


def _math_release3(generator: str, packages: dict[str, Any]) -> bool:
    """Whether the site reads ``$`` as remark-math 2 and 3 do (``$5 and $10`` is no math there):
    where package.json pins remark-math 2 or 3 on a Docusaurus or Gatsby site (whose MDX 1 and
    remark before micromark run it), else on a Docusaurus site older than 3 (only 3 works there,
    `_math_fits`). Gatsby's gatsby-remark-katex brings remark-math 1 up to its release 4 and 4
    from its 5 on, neither of which has those rules (1 pairs dollars as 4 does)."""
    if generator not in ("docusaurus", "gatsby"):
        return False
    math, core = packages.get("remark-math"), packages.get("@docusaurus/core")
    if math is not None:
        return _reaches(math, (2, 0), unknown=False) and not _reaches(math, (4, 0))
    return generator == "docusaurus" and core is not None and not _reaches(core, (3, 0))


def _astro_plugins(code: str, packages: dict[str, Any], starlight: bool) -> list[str]:
    """Return the traits the plugins of an Astro site give its Markdown: each plugin its
    configuration (``code``) imports or its ``packages`` name; remark-directive's only where
    Starlight is not, Expressive Code's wherever Starlight is (it brings it)."""
    found = {trait for name, trait in _ASTRO_PLUGINS.items() if _named_plugin((name,), code, packages)}
    return sorted((found - {DIRECTIVES}) | {EXPRESSIVE_CODE} if starlight else found)


def _math_fits(generator: str, packages: dict[str, Any]) -> bool:
    """Whether remark-math, as ``packages`` (package.json's) install it, reads math on the site:
    on Docusaurus its release must fit the MDX the site's own release parses with (remark-math 3 for
    Docusaurus 2, whose MDX 1 parses as remark did before micromark; 4 or later, a micromark
    extension, for Docusaurus 3: either on the other quietly reads nothing). A version not told: it fits."""
    math, core = packages.get("remark-math"), packages.get("@docusaurus/core")
    if generator != "docusaurus" or math is None or core is None:
        return True
    return _reaches(math, (4, 0)) == _reaches(core, (3, 0))


def _own_slug(code: str, read: Callable[[str], str | None]) -> bool:
    """Return whether an Eleventy configuration's ``code``, or a module of the site's it imports
    (a relative path, read with ``read``), adds a ``slugify`` or ``slug`` filter of its own."""
    if _SLUG_FILTER.search(code):
        return True
    for found in _IMPORTED.finditer(code):
        name = posixpath.normpath(found.group(2))
        for path in (name, name + ".js", name + ".cjs", name + ".mjs", name + "/index.js"):
            text = read(path) if not path.startswith("../") else None
            if text is not None:
                if _SLUG_FILTER.search(blanked(text)):
                    return True
                break
    return False


def jekyll_traits(config: Mapping[Any, Any]) -> tuple[str, ...]:
    """Return, sorted, the traits of a Jekyll site's Markdown from its ``_config.yml`` (``config``):
    `PREMONITION` where its ``plugins`` (or the older ``gems``) name premonition, with the kinds
    of box its ``premonition: types:`` add."""
    named = [config.get(key) for key in ("plugins", "gems")]
    if not any(isinstance(n, list) and PREMONITION in n for n in named):
        return ()
    given = config.get(PREMONITION)
    types = given.get("types") if isinstance(given, dict) else None
    kinds = {f"{PREMONITION}:{k}" for k in types if isinstance(k, str)} if isinstance(types, dict) else set()
    return tuple(sorted({PREMONITION, *kinds}))


def jekyll_markdown(config: Mapping[Any, Any]) -> dict[str, tuple[str, ...]]:
    """Return the params that carry a Jekyll site's Markdown traits (`jekyll_traits`): none when it has none."""
    traits = jekyll_traits(config)
    return {MARKDOWN: traits} if traits else {}


def _package_managers(code: str, packages: dict[str, Any]) -> list[str]:
    """Return the traits of the npm2yarn plugin's blocks: those its ``converters`` name, else
    Yarn's, and pnpm's from version 3 on (see the module docstring)."""
    named = _CONVERTERS.search(code)
    if named is not None:
        given = named.group(1)
        return [
            t for t, name in ((NPM2YARN, "'yarn'"), (NPM2PNPM, "'pnpm'")) if name in given.replace('"', "'")
        ]
    version = packages.get("@docusaurus/remark-plugin-npm2yarn", packages.get("@docusaurus/core"))
    major = _major(version)
    return [NPM2YARN, NPM2PNPM] if major is None or major >= 3 else [NPM2YARN]


def _named_plugin(names: tuple[str, ...], code: str, packages: dict[str, Any]) -> bool:
    """Return whether ``packages`` (package.json's) or the configuration's ``code`` (an import)
    names one of the plugins ``names``."""
    return any(n in packages or any(f"{q}{n}{q}" in code for q in "'\"`") for n in names)


def _without_indented_code(name: str, code: str, version: object, own: bool) -> bool:
    """Return whether markdown-it reads no indented code on an Eleventy site: its configuration
    (``name``, its ``code``) turns it off, or the default library of Eleventy 2.0 or later is in
    use (not when the configuration, or a plugin, ``own``, sets one). Where ``package.json``
    tells no version, a configuration named ``eleventy.config.*`` (a name 2.0 brought) says 2.0
    or later; ``.eleventy.js`` says nothing: indented code stays, as before 2.0."""
    switched = [found.group(1) for found in _CODE_OFF.finditer(code)]
    if switched:
        return switched[-1] == "disable"
    if own or _SET_LIBRARY.search(code):
        return False
    major = _major(version)
    return major >= 2 if major is not None else name.startswith("eleventy.config.")


def _links_in_tree(version: object) -> bool:
    """Whether ``@docusaurus/core`` at ``version`` (package.json's) reads a doc's links in the
    Markdown tree: 3.4 or later (`_reaches`); None or a version not read: no."""
    return _reaches(version, (3, 4), unknown=False)


def _major(version: object) -> int | None:
    """Return the major version a ``package.json`` range names (``^2.0.1``: 2), or None."""
    if not isinstance(version, str):
        return None
    if version.strip().lower() in _NEWEST:
        return 99
    found = _MAJOR.match(version)
    return int(found.group(1)) if found else None


def _text(data: bytes | Problem | None) -> str | None:
    if not isinstance(data, bytes) or len(data) > _LARGEST:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def liquid_values(data: dict[Any, Any], depth: int = 0) -> dict[str, Any]:
    """Return the text and number values of a configuration's mapping, in its maps too (four
    deep at most): what Liquid's ``site.x`` shows; a list, a date or a flag is left out."""
    found: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            found[str(key)] = value
        elif isinstance(value, dict) and depth < 4 and (inner := liquid_values(value, depth + 1)):
            found[str(key)] = inner
    return found
