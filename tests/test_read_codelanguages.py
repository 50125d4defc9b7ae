"""Gatsby and Astro sites in several languages, their languages named in the configuration's
code: a Gatsby i18n plugin's files named for their language (``index.es.md`` beside
``index.md``), Astro's ``i18n`` locales kept in folders named for them. The default language's
pages are read; the others' translate them and are not, so each page counts once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import stagemap
from stagemap.read.codelanguages import code_languages
from stagemap.read.docusauruslocales import locale_folders
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
    """A site with gatsby-plugin-i18n names its posts' translations as the plugin names its pages'
    (notes/boiling/index.es.md beside index.md): stagemap read all three files as assets with
    one title, so the coverage counted the page three times."""
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
    blog/en/ and blog/fr/ side by side, of the same names: each post was counted twice. guides/fr/, beside no
    folder of another language, is not a translation of anything here and is read."""
    config = "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n"
    files: dict[str, str | bytes] = {
        "astro.config.mjs": config,
        "src/pages/index.astro": "<h1>Kettles</h1>\n",
        "src/pages/fr/index.astro": "<h1>Bouilloires</h1>\n",
        "src/content/blog/en/steam.md": PAGE.format("Steam"),
        "src/content/blog/en/scale.md": PAGE.format("Scale"),
        "src/content/blog/fr/steam.md": PAGE.format("Vapeur"),
        "src/content/blog/fr/scale.md": PAGE.format("Tartre"),
        "src/content/guides/fr/only.md": PAGE.format("Seulement"),
    }
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert (
        "Other languages, not read (their pages translate these, at the same paths): src/content/blog/fr/"
        in out
    )
    assert [p for p, fate in read(root)[1] if fate == "excluded"] == [
        "src/content/blog/fr/scale.md",
        "src/content/blog/fr/steam.md",
    ]
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
            "plugins: [{resolve: 'gatsby-plugin-intl', options: {languages: LANGS, defaultLanguage: 'fr'}}]",
            FileLanguages("fr", (), any_named=True, twins_only=True),
        ),
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


ASTRO_I18N = (
    "import { defineConfig } from 'astro/config';\nexport default defineConfig({\n"
    "  i18n: { defaultLocale: 'en', locales: ['en', 'fr'] },\n});\n"
)


@pytest.mark.parametrize(
    "code",
    [
        "export default defineConfig({\n" + "  i18n: {\n" * 4000,
        "export default defineConfig({\n" + "  i18n: {\n" * 3000 + "  }\n" * 3000 + "})\n",
        "export default defineConfig({ i18n: {" + " locales: [" * 20000,
        "export default defineConfig({ i18n: {" + " defaultLocale," * 20000,
        "export default defineConfig({ i18n: { defaultLocale: 'en', locales: [{" + " path: 'x'," * 20000,
    ],
)
def test_a_hostile_configuration_is_read_in_one_pass(code: str) -> None:
    """Each ``i18n`` object, each ``locales`` and each ``defaultLocale`` had its braces counted
    again from the start of the configuration: 40 KB of ``i18n: {`` took minutes to read."""
    began = time.perf_counter()
    assert code_languages(Path("."), "astro", code) is None
    assert locale_folders(Path("."), code) == ()
    assert time.perf_counter() - began < 5


def test_a_locales_folder_is_looked_into_only_so_deep_and_never_through_a_link(tmp_path: Path) -> None:
    """Whether blog/fr/ held a page was asked of a walk that went to any depth (1,100 folders
    raised RecursionError) and followed a link out of the project, whose folder was then named
    among the other languages. guides/fr/, whose one page is deeper than folders are looked
    into for translations, is read."""
    root = write(
        tmp_path / "site",
        {
            "astro.config.mjs": ASTRO_I18N,
            "src/content/blog/en/steam.md": PAGE.format("Steam"),
            "src/content/blog/fr/vapeur.md": PAGE.format("Vapeur"),
            "src/content/notes/en/steam.md": PAGE.format("Steam notes"),
            "src/content/guides/en/pour.md": PAGE.format("Pouring"),
        },
    )
    deep = root / "src/content/guides/fr"
    deep.mkdir()
    for _ in range(1100):  # (pathlib's mkdir with parents calls itself once a folder)
        deep /= "d"
        deep.mkdir()
    (deep / "far.md").write_text(PAGE.format("Loin"))
    outside = write(tmp_path / "outside", {"secret.md": PAGE.format("Not the site's")})
    (root / "src/content/notes/fr").symlink_to(outside, target_is_directory=True)
    try:
        code, out, err = run("init", str(root))
    finally:  # (pytest's own removal of the folder would call itself once a folder too)
        (deep / "far.md").unlink()
        while deep != root / "src/content/guides/fr":
            deep.rmdir()
            deep = deep.parent
    assert (code, err) == (0, "")
    assert (
        "Other languages, not read (their pages translate these, at the same paths): src/content/blog/fr/"
    ) in out.splitlines()
    assert "notes/fr" not in "".join(line for line in out.splitlines() if line.startswith("Other languages"))


def test_topic_folders_named_like_languages_are_read_on_a_site_without_i18n(tmp_path: Path) -> None:
    """``it`` and ``hr`` are an IT department's and HR's pages, not Italian and Croatian: with no
    ``i18n`` in the configuration, services/it/ and services/hr/ were left out because ar/
    (Arabic, or accounts receivable) sits beside them. Only folders of the same pages are."""
    root = write(
        tmp_path,
        {
            "astro.config.mjs": "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n",
            "src/pages/it/index.astro": "<h1>IT</h1>\n",
            "src/pages/hr/index.astro": "<h1>People</h1>\n",
            "src/content/services/it/laptops.md": PAGE.format("Laptops"),
            "src/content/services/hr/hiring.md": PAGE.format("Hiring"),
            "src/content/services/finance/payroll.md": PAGE.format("Payroll"),
            "src/content/services/ar/invoices.md": PAGE.format("Invoices"),
        },
    )
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "Other languages" not in out
    assert [p for p, fate in read(root)[1] if fate == "excluded"] == []
    assert len(read(root)[0]) == 4


def test_a_default_language_written_as_code_is_never_left_out_whole(tmp_path: Path) -> None:
    """With ``langKeyDefault: languages.defaultLangKey`` and one page named for none beside its
    English and Portuguese files, every English page was left out with the Portuguese ones for
    that one twin. A language is taken for a translation only where most of its files are."""
    i18n = "  { resolve: 'gatsby-plugin-i18n', options: { langKeyDefault: languages.defaultLangKey } },\n"
    files = {"gatsby-config.js": "const languages = require('./languages')\n" + gatsby_config(i18n)}
    files |= {"content/notes/index.md": PAGE.format("Welcome")}
    for lang in ("en", "pt"):
        files |= {
            f"content/notes/{name}.{lang}.md": PAGE.format(f"{name} {lang}") for name in ("index", "pricing")
        }
        files |= {f"content/notes/security.{lang}.md": PAGE.format(f"security {lang}")}
    root = write(tmp_path, files)
    assert run("init", str(root))[0] == 0
    assets, others = read(root)
    assert len(assets) == 7
    assert [p for p, fate in others if fate == "excluded"] == []


def test_languages_listed_in_code_are_known_only_by_translations(tmp_path: Path) -> None:
    """gatsby-plugin-react-i18next's ``languages: Object.keys(...)`` lists no language stagemap can
    read: every code a file was named for was then taken for another language, as for
    gatsby-plugin-i18n, which lists none. Now only one whose files translate pages is:
    pour.fr.md beside pour.md is left out, kettle.nl.md, beside no page, is read."""
    i18n = (
        "  { resolve: 'gatsby-plugin-react-i18next',"
        " options: { defaultLanguage: 'en', languages: Object.keys(locales) } },\n"
    )
    root = write(
        tmp_path,
        {
            "gatsby-config.js": "const locales = require('./locales')\n" + gatsby_config(i18n),
            "content/notes/pour.md": PAGE.format("Pouring"),
            "content/notes/pour.fr.md": PAGE.format("Verser"),
            "content/notes/kettle.nl.md": PAGE.format("Waterkoker"),
        },
    )
    assert run("init", str(root))[0] == 0
    assert [p for p, fate in read(root)[1] if fate == "excluded"] == ["content/notes/pour.fr.md"]
