"""Gatsby and Astro sites in several languages, their languages named in the configuration's
code: a Gatsby i18n plugin's files named for their language (``index.es.md`` beside
``index.md``), Astro's ``i18n`` locales kept in folders named for them. The default language's
pages are read; the others' translate them and are not, so each page counts once."""

from __future__ import annotations

from pathlib import Path

import pytest

import stagemap
from stagemap.read.codelanguages import code_languages
from stagemap.read.filelanguages import FileLanguages
from tests.conftest import write
from tests.test_init_sites import run

PAGE = "---\ntitle: {}\n---\n\nText.\n"
SOURCES = "  {{ resolve: 'gatsby-source-filesystem', options: {{ path: `${{__dirname}}/content/notes`, name: 'notes' }} }},\n"


def gatsby_config(i18n: str) -> str:
    """A Gatsby configuration reading content/notes, with ``i18n`` in its plugins."""
    return (
        "module.exports = {\n  siteMetadata: { siteUrl: 'https://kettles.example' },\n  plugins: [\n"
        + SOURCES.format()
        + i18n
        + "  ],\n}\n"
    )


def read(root: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return the assets' (id, title) and the other files' (path, fate) of the site at ``root``."""
    library = stagemap.load_project(root).library
    others = [(f.path, f.fate) for f in library.fates if f.fate != "asset"]
    return [(a.id, a.title) for a in library.assets], others


def test_a_gatsby_site_translated_by_file_name_counts_each_page_once(tmp_path: Path) -> None:
    """gatsby-plugin-i18n serves notes/boiling/index.es.md at /es/notes/boiling/, beside
    index.md at /notes/boiling/: stagemap read all three files as assets with one title, so the
    coverage counted the page three times."""
    i18n = (
        "  { resolve: 'gatsby-plugin-i18n', options: { langKeyDefault: 'en', useLangKeyLayout: false } },\n"
    )
    root = write(
        tmp_path,
        {
            "gatsby-config.js": gatsby_config(i18n),
            "content/notes/boiling/index.md": PAGE.format("Boiling water"),
            "content/notes/boiling/index.es.md": PAGE.format("Hervir agua"),
            "content/notes/boiling/index.de.md": PAGE.format("Wasser kochen"),
            "content/notes/descaling.en.md": PAGE.format("Descaling"),
        },
    )
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert (
        "Other languages, not read (their pages translate these, beside them, named for the language):"
        " content/notes/**/*.de.*, content/notes/**/*.es.*"
    ) in out.splitlines()
    settings = (root / "stagemap.yml").read_text()
    assert '  - path: content/notes\n    url: "/{path}/"\n    exclude: ["*.de.*", "*.es.*"]\n' in settings
    assert "\ndefault_language: en\n" in settings
    assets, others = read(root)
    assert assets == [("boiling/index", "Boiling water"), ("descaling", "Descaling")]
    assert others == [
        ("content/notes/boiling/index.de.md", "excluded"),
        ("content/notes/boiling/index.es.md", "excluded"),
    ]


def test_a_default_language_worked_out_in_code_leaves_out_only_translations_of_pages(tmp_path: Path) -> None:
    """With ``langKeyDefault: site.lang`` the default is not known: a language counts as another
    one where a file of it sits beside the page it translates (index.fr.md beside index.md);
    kettle.nl.md, beside no page, may be the default's and is read as before."""
    i18n = "  { resolve: 'gatsby-plugin-i18n', options: { langKeyDefault: site.lang } },\n"
    root = write(
        tmp_path,
        {
            "gatsby-config.js": "const site = require('./site')\n" + gatsby_config(i18n),
            "content/notes/pour/index.md": PAGE.format("Pouring"),
            "content/notes/pour/index.fr.md": PAGE.format("Verser"),
            "content/notes/kettle.nl.md": PAGE.format("Waterkoker"),
        },
    )
    assert run("init", str(root))[0] == 0
    settings = (root / "stagemap.yml").read_text()
    assert "\ndefault_language:" not in settings
    assets, others = read(root)
    assert assets == [("kettle.nl", "Waterkoker"), ("pour/index", "Pouring")]
    assert others == [("content/notes/pour/index.fr.md", "excluded")]


def test_a_gatsby_site_without_an_i18n_plugin_reads_every_file(tmp_path: Path) -> None:
    """Without an i18n plugin Gatsby makes a page of index.es.md too (at /boiling/index.es/)."""
    root = write(
        tmp_path,
        {
            "gatsby-config.js": gatsby_config(""),
            "content/notes/boiling/index.md": PAGE.format("Boiling water"),
            "content/notes/boiling/index.es.md": PAGE.format("Hervir agua"),
        },
    )
    assert run("init", str(root))[0] == 0
    assert sorted(a for a, _ in read(root)[0]) == ["boiling/index", "boiling/index.es"]


def test_an_astro_sites_other_locales_folders_are_not_read(tmp_path: Path) -> None:
    """Astro's i18n keeps each locale in a folder named for it, in src/pages (anywhere there) and,
    as its recipe lays them out, in each content collection; a locale with a ``path`` in a
    folder of that name. stagemap read every one of them: blog/en/ and blog/fr/ are not twins
    of files in blog/, so the folders were not taken for translations."""
    config = (
        "import { defineConfig } from 'astro/config';\nexport default defineConfig({\n"
        "  site: 'https://kettles.example',\n"
        "  i18n: {\n    defaultLocale: 'en',\n"
        "    locales: ['en', 'fr', { path: 'espanol', codes: ['es', 'es-MX'] }],\n"
        "    routing: { prefixDefaultLocale: true },\n  },\n});\n"
    )
    root = write(
        tmp_path,
        {
            "astro.config.mjs": config,
            "src/content/blog/en/steam.md": PAGE.format("Steam"),
            "src/content/blog/fr/vapeur.md": PAGE.format("Vapeur"),
            "src/content/authors/fr/notes.yaml": "name: Anne\n",
            "src/pages/en/about.md": PAGE.format("About"),
            "src/pages/espanol/acerca.md": PAGE.format("Acerca"),
            "src/pages/help/fr/aide.md": PAGE.format("Aide"),
        },
    )
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert (
        "Other languages, not read (their pages translate these, at the same paths): "
        "src/content/blog/fr/, src/pages/espanol/, src/pages/help/fr/"
    ) in out.splitlines()
    assets, others = read(root)
    assert assets == [("blog/en/steam", "Steam"), ("pages/en/about", "About")]
    assert [p for p, fate in others if fate == "excluded"] == [
        "src/content/blog/fr/vapeur.md",
        "src/pages/espanol/acerca.md",
        "src/pages/help/fr/aide.md",
    ]


def test_an_astro_site_with_its_own_i18n_routes_its_other_languages_under_src_pages(tmp_path: Path) -> None:
    """A site doing its i18n in its own code (no ``i18n`` in the configuration) keeps the pages of
    its other languages in src/pages/fr/, its default's at the root, and its posts in
    blog/en/ and blog/fr/ side by side: each post was counted twice. guides/fr/, beside no
    folder of another language, is not a translation of anything here and is read."""
    config = "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n"
    files: dict[str, str | bytes] = {
        "astro.config.mjs": config,
        "src/pages/index.astro": "<h1>Kettles</h1>\n",
        "src/pages/fr/index.astro": "<h1>Bouilloires</h1>\n",
        "src/content/blog/en/steam.md": PAGE.format("Steam"),
        "src/content/blog/fr/steam.md": PAGE.format("Vapeur"),
        "src/content/guides/fr/only.md": PAGE.format("Seulement"),
    }
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert (
        "Other languages, not read (their pages translate these, at the same paths): src/content/blog/fr/"
        in out
    )
    assert [p for p, fate in read(root)[1] if fate == "excluded"] == ["src/content/blog/fr/steam.md"]
    other = write(tmp_path / "no-routes", {**files, "src/pages/fr/index.astro": ""})
    (other / "src/pages/fr/index.astro").unlink()  # no language routed under a folder: none known
    assert run("init", str(other))[0] == 0
    assert [p for p, fate in read(other)[1] if fate == "excluded"] == []


@pytest.mark.parametrize(
    ("generator", "code", "expected"),
    [
        (
            "gatsby",
            "plugins: [{ resolve: `gatsby-theme-i18n`, options: { defaultLang: `de`, locales: `de en pt` } }]",
            FileLanguages("de", ("en", "pt")),
        ),
        (
            "gatsby",
            "const DEFAULT = 'pt'\nplugins: [{resolve: 'gatsby-plugin-react-i18next',"
            " options: {defaultLanguage: DEFAULT, languages: ['pt', 'en']}}]",
            FileLanguages("pt", ("en",)),
        ),
        ("gatsby", "plugins: ['gatsby-plugin-i18n']", FileLanguages("en", (), any_named=True)),
        (
            "gatsby",
            "plugins: [{resolve: 'gatsby-plugin-intl', options: {languages: ['fr', 'en']}}]",
            FileLanguages("", ("fr", "en")),
        ),
        ("gatsby", "plugins: ['gatsby-plugin-mdx'] // gatsby-plugin-i18n later", None),
        (
            "astro",
            "export default { i18n: { locales: ['es', 'en', 'pt-br'], defaultLocale: 'es' } }",
            FileLanguages("es", ("en", "pt-br")),
        ),
        ("astro", "export default { i18n: { defaultLocale: process.env.L, locales: ['en', 'fr'] } }", None),
        (
            "astro",
            "export default { integrations: [sitemap({ i18n: { defaultLocale: 'en', locales: { en: 'en-US' } } })],"
            " i18n: { defaultLocale: 'de', locales: ['de', 'cat'] } }",
            FileLanguages("de", ("cat",)),
        ),
        ("astro", "export default { site: 'https://x.example' }", None),
    ],
)
def test_code_languages_reads_the_configuration(
    generator: str, code: str, expected: FileLanguages | None
) -> None:
    assert code_languages(Path("."), generator, code) == expected


def test_gatsby_theme_i18n_lists_its_locales_in_its_configuration_file(tmp_path: Path) -> None:
    write(tmp_path, {"i18n/config.json": '[{"code": "en", "name": "English"}, {"code": "it"}]'})
    code = "{ resolve: `gatsby-theme-i18n`, options: { configPath: require.resolve(`./i18n/config.json`) } }"
    assert code_languages(tmp_path, "gatsby", code) == FileLanguages("en", ("it",))
