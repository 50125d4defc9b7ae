"""The template languages an Eleventy site makes pages of beyond those stagemap reads: Pug,
EJS, Handlebars, Mustache and HAML.

Eleventy 2 and earlier read them itself, among its default template formats (``.pug``, ``.ejs``,
``.hbs``, ``.mustache``, ``.haml``); Eleventy 3 moved each out to a plugin of its own
(``@11ty/eleventy-plugin-pug`` and its kin), so there only a site adding the plugin makes pages
of them. On Eleventy 2, a configuration naming its template formats (``templateFormats: ["md",
"pug"]``) makes pages of those alone (``"*"`` there names no language: Eleventy 2 copies such
files); each plugin adds its format (``addTemplateFormats("pug")``), and Eleventy 3 reads the
formats the configuration names and those added together, so the plugin's pages are made
whatever the configuration names (``"*"`` too, which Eleventy 3 reads as none of its own). Such
a page is a page of the site at its route, whose text stagemap does not read
(`stagemap.read.presets.unread_page`). A plugin counts where the configuration passes it to
``addPlugin`` (`stagemap.read.eleventybase.module_added`), not where it is only imported.
"""

from __future__ import annotations

from pathlib import Path

from .docusaurus import without_comments
from .eleventy import named_formats
from .eleventybase import module_added
from .owned import read_owned
from .packageversions import installs

_LANGUAGES = {
    "pug": "@11ty/eleventy-plugin-pug",
    "ejs": "@11ty/eleventy-plugin-ejs",
    "hbs": "@11ty/eleventy-plugin-handlebars",
    "mustache": "@11ty/eleventy-plugin-mustache",
    "haml": "@11ty/eleventy-plugin-haml",
}
"""Each language's ending (its short name), with the plugin that brings it back in Eleventy 3."""
_ELEVENTY = "@11ty/eleventy"


def older_languages(site: Path, code: str) -> tuple[str, ...]:
    """Return the endings (``.pug``) of the templates of these languages that the Eleventy site
    in the folder ``site`` (its configuration ``code``) makes pages of (see the module)."""
    plain = without_comments(code)
    package = read_owned(site / "package.json", 1024 * 1024)
    text = package.decode("utf-8", "replace") if package is not None else ""
    named = named_formats(plain)
    core = package is not None and _ELEVENTY in text and not installs(package, _ELEVENTY, (3, 0))
    found = []
    for ending, plugin in _LANGUAGES.items():
        if module_added(plain, plugin) or (
            core and (named is None or ending in named)
        ):  # (added, or Eleventy 2's own)
            found.append(f".{ending}")
    return tuple(found)
