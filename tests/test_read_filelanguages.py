"""Sites whose files name their language before their ending (``setup.en.md``, ``setup.fr.md``):
MkDocs with the mkdocs-static-i18n plugin, and Hugo. The default language's files are the
pages, at the routes, ids and titles their names without the language give; the others'
translate them and are not read, as folders of translations are not."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import stagemap
from stagemap.read.filelanguages import FileLanguages, site_languages
from stagemap.read.languages import unsuffixed
from tests.conftest import write
from tests.test_init_sites import run

PLUGIN_0X = (
    "  - i18n:\n      default_language: en\n      languages:\n        en: English\n        fr: Français\n"
)
PLUGIN_1X = (
    "  - i18n:\n      docs_structure: suffix\n      languages:\n"
    "        - locale: fr\n          name: Français\n        - locale: en\n          default: true\n"
)
LANTERNS: dict[str, str | bytes] = {
    "docs/index.en.md": "# Welcome\n\nStart with [the setup](guide/setup.md).\n",
    "docs/index.fr.md": "# Bienvenue\n\nCommencez par [l'installation](guide/setup.md).\n",
    "docs/guide/setup.en.md": "Plug the lantern in.\n\nBack [home](../index.md).\n",
    "docs/guide/setup.fr.md": "Branchez la lanterne.\n",
    "docs/guide/wicks.md": "# Wicks\n\nTrim them short.\n",
}
"""An MkDocs site in English and French, one page (wicks) in no language's name."""
QUIET = "lint: {placeholder: false}\n"
"""Appended to what init writes: no warnings about the placeholder purpose and messages."""


def lanterns(folder: Path, plugin: str) -> Path:
    """Write the site with ``plugin`` (its entry under ``plugins``), run init there, quieten its lint."""
    config = (
        "site_name: Lanterns\nsite_url: https://lanterns.example/\n"
        "nav:\n  - Home: index.md\n  - Getting it running: guide/setup.md\n"
        f"plugins:\n  - search\n{plugin}"
    )
    root = write(folder, {"mkdocs.yml": config, **LANTERNS})
    code, _, err = run("init", str(root))
    assert (code, err) == (0, "")
    with (root / "stagemap.yml").open("a", encoding="utf-8") as settings:
        settings.write(QUIET)
    return root


@pytest.mark.parametrize("plugin", [PLUGIN_0X, PLUGIN_1X], ids=["0.x", "1.x"])
def test_an_mkdocs_site_translated_by_file_name_is_read_in_its_default_language(
    tmp_path: Path, plugin: str
) -> None:
    """MkDocs sites translated with mkdocs-static-i18n (``docs/index.en.md`` beside
    ``index.fr.md``) were read with every translation a page of its own: /guide/setup.en/ and
    /guide/setup.fr/, titled 'Setup.en' and 'Setup.fr' (from the file's name, past the nav's
    title), and the links written without a language (``guide/setup.md``) led nowhere."""
    root = lanterns(tmp_path, plugin)
    settings = (root / "stagemap.yml").read_text()
    assert "generator: mkdocs\n" in settings
    assert (
        "# mkdocs.yml names the languages of the files (x.en.md): the default one's\n"
        "# are the pages, served as x.md would be; the others' translate them (excluded below).\n"
        "default_language: en\n"
    ) in settings
    assert '  - path: docs\n    url: "/{path}/"\n    exclude: ["*.fr.*"]\n' in settings
    library = stagemap.load_project(root).library
    assert [(a.id, a.path, a.title, a.url) for a in library.assets] == [
        (
            "guide/setup",
            "docs/guide/setup.en.md",
            "Getting it running",
            "https://lanterns.example/guide/setup/",
        ),
        ("guide/wicks", "docs/guide/wicks.md", "Wicks", "https://lanterns.example/guide/wicks/"),
        ("index", "docs/index.en.md", "Home", "https://lanterns.example/"),
    ]
    assert run("-C", str(root), "check", "--links") == (
        0,
        "Checked 3 files in docs/ against the buyer-journey model (9 stages, 8 questions, 0 personas):"
        " no problems.\nNot read as assets: 2 of 5 files, on purpose\n  2 excluded by '*.fr.*'\n",
        "",
    )


def test_init_says_which_files_of_other_languages_it_leaves_out(tmp_path: Path) -> None:
    root = lanterns(tmp_path, PLUGIN_0X)
    (root / "stagemap.yml").unlink()
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[1:7] == [
        "Found a MkDocs site (mkdocs.yml); sources: docs/.",
        "Files under the sources: 5 (.md 5)",
        "Read as assets: 3, 3 of them without stages or questions",
        "Not read as assets: 2 of 5 files, on purpose",
        "  2 excluded by '*.fr.*'",
        "Outside the sources, not looked at: mkdocs.yml",
    ]
    assert (
        "Other languages, not read (their pages translate these, beside them, named for the language):"
        " docs/**/*.fr.*"
    ) in out.splitlines()


def test_an_mkdocs_site_with_a_folder_per_language_is_read_from_its_default_ones(tmp_path: Path) -> None:
    """With ``docs_structure: folder`` the plugin serves docs/en/ from the root and docs/fr/ under
    /fr/: the pages were read at /en/guide/setup/ and /fr/guide/setup/, each language counted."""
    config = (
        "site_name: L\nsite_url: https://l.example/\nplugins:\n  - i18n:\n      docs_structure: folder\n"
        "      languages:\n        - locale: en\n          default: true\n        - locale: fr\n"
    )
    files: dict[str, str | bytes] = {
        "mkdocs.yml": config,
        "docs/en/index.md": "# Home\n\nSee [the setup](guide/setup.md).\n",
        "docs/en/guide/setup.md": "# Setup\n",
        "docs/fr/index.md": "# Accueil\n",
        "docs/fr/guide/setup.md": "# Installer\n",
    }
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "Found a MkDocs site (mkdocs.yml); sources: docs/en/." in out.splitlines()
    assert "Other languages, not read (their pages translate these, at the same paths): docs/fr/" in out
    assert "default_language" not in (root / "stagemap.yml").read_text()
    library = stagemap.load_project(root).library
    assert [(a.id, a.url) for a in library.assets] == [
        ("guide/setup", "https://l.example/guide/setup/"),
        ("index", "https://l.example/"),
    ]


def test_a_hugo_sites_files_named_for_a_language_it_has_are_translations(tmp_path: Path) -> None:
    """Hugo serves content/about.fr.md at /fr/about/ on a site with a language 'fr', and
    contact.en.md at /contact/ (en the default): stagemap read them at /about.fr/ and
    /contact.en/. A name with a language the site has not (notes.de.md) is /notes.de/ (as
    Hugo 0.111 builds it), and a bundle's translated index.fr.md was read as a page of its own."""
    config = (
        "baseURL = 'https://h.example/'\ndefaultContentLanguage = 'en'\n"
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
    )
    page = "---\ntitle: {}\n---\nText.\n"
    files: dict[str, str | bytes] = {
        "hugo.toml": config,
        "content/about.md": page.format("About"),
        "content/about.fr.md": page.format("À propos"),
        "content/contact.en.md": page.format("Contact") + "See [about](about.md).\n",
        "content/notes.de.md": page.format("Notes"),
        "content/post/index.md": page.format("Post"),
        "content/post/index.fr.md": page.format("Billet"),
    }
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert (
        "Other languages, not read (their pages translate these, beside them, named for the language):"
        " content/**/*.fr.*"
    ) in out.splitlines()
    settings = (root / "stagemap.yml").read_text()
    assert "\ndefault_language: en\n" in settings
    assert '  - path: content\n    url: "/{path}/"\n    exclude: ["*.fr.*"]\n' in settings
    library = stagemap.load_project(root).library
    assert [(a.id, a.url) for a in library.assets] == [
        ("about", "https://h.example/about/"),
        ("contact", "https://h.example/contact/"),
        ("notes.de", "https://h.example/notes.de/"),
        ("post/index", "https://h.example/post/"),
    ]
    assert [(f.path, f.fate) for f in library.fates if f.fate != "asset"] == [
        ("content/about.fr.md", "excluded"),
        ("content/post/index.fr.md", "excluded"),
    ]


def test_a_site_without_files_named_for_a_language_gets_no_default_language(tmp_path: Path) -> None:
    """A Hugo site with languages in folders of their own (contentDir) writes what it wrote before."""
    config = "[languages.en]\ncontentDir = 'content/en'\n[languages.fr]\ncontentDir = 'content/fr'\n"
    files: dict[str, str | bytes] = {
        "hugo.toml": config,
        "content/en/a.md": "---\ntitle: A\n---\n",
        "content/fr/a.md": "---\ntitle: A\n---\n",
    }
    root = write(tmp_path, files)
    code, out, _ = run("init", str(root))
    assert code == 0
    assert "named for the language" not in out
    assert "default_language" not in (root / "stagemap.yml").read_text()


def test_unsuffixed_takes_off_the_default_language_only() -> None:
    assert unsuffixed("guide/setup.en.md", "en") == "guide/setup.md"
    assert unsuffixed("setup.EN.md", "en") == "setup.md"
    assert unsuffixed("guide/setup.fr.md", "en") == "guide/setup.fr.md"
    assert unsuffixed("guide/setup.md", "en") == "guide/setup.md"
    assert unsuffixed("guide/en.md", "en") == "guide/en.md"
    assert unsuffixed("guide/.en.md", "en") == "guide/.en.md"
    assert unsuffixed("guide/setup.en.md", "") == "guide/setup.en.md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PLUGIN_0X, FileLanguages("en", ("fr",))),
        (PLUGIN_1X, FileLanguages("en", ("fr",))),
        (
            "  - i18n:\n      default_language: en\n      languages: {de: Deutsch}\n",
            FileLanguages("en", ("de",)),
        ),
        ("  - i18n:\n      languages: [{locale: pt}, {locale: es}]\n", FileLanguages("pt", ("es",))),
        (
            "  - i18n:\n      docs_structure: folder\n      languages: [{locale: en}]\n",
            FileLanguages("en", (), True),
        ),
        ("  - i18n\n", None),
        ("  - search\n", None),
    ],
)
def test_site_languages_reads_the_plugins_settings(text: str, expected: FileLanguages | None) -> None:
    assert site_languages("mkdocs", yaml.safe_load("plugins:\n" + text)) == expected


def test_site_languages_reads_hugos_languages_but_those_in_folders_of_their_own() -> None:
    data = {
        "defaultContentLanguage": "FR",
        "languages": {"en": {}, "FR": {}, "de": {"contentDir": "content/de"}},
    }
    assert site_languages("hugo", data) == FileLanguages("fr", ("en",))
    assert site_languages("hugo", {"title": "No languages"}) is None


def test_default_language_setting_must_be_a_code(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "stagemap.yml": "name: X\ngenerator: mkdocs\ndefault_language: en.md\nsources: [docs]\n",
            "docs/a.md": "",
        },
    )
    code, _, err = run("-C", str(root), "check")
    assert code == 2
    assert "'default_language' must be a code (e.g. default_language: en)" in err


def test_the_default_languages_own_nav_titles_its_pages(tmp_path: Path) -> None:
    """The OpenAI Agents SDK's docs keep their navigation under the i18n plugin's languages, one
    nav each, and none at the top: 33 pages were titled by their first heading ('OpenAI Agents
    SDK') where the default language's nav titles them ('Intro'), as that build's nav."""
    settings = (
        "site_name: Lanterns\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - locale: en\n          default: true\n          nav:\n            - Start here: index.md\n"
        "            - Setup guide: setup.md\n        - locale: fr\n          nav:\n"
        "            - Accueil: index.md\n"
    )
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": settings,
            "docs/index.md": "# Welcome to the lanterns\n\nHello.\n",
            "docs/setup.md": "# Installing\n\nSteps.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert {a.path: a.title for a in library.assets} == {
        "docs/index.md": "Start here",
        "docs/setup.md": "Setup guide",
    }


def test_other_languages_folders_are_left_out_where_the_default_one_is_the_docs_root(tmp_path: Path) -> None:
    """The OpenAI Agents SDK's docs keep English at docs/ and each other language in docs/ja/,
    docs/ko/...: a declared language's folder was read as pages of the site (counted twice, at
    /fr/...) unless the twin-folder guess happened to find it; the plugin puts every file of
    docs/<locale>/ in that language, however many pages it has."""
    config = (
        "site_name: L\nsite_url: https://l.example/\nplugins:\n  - i18n:\n      docs_structure: folder\n"
        "      languages:\n        - locale: en\n          default: true\n        - locale: fr\n"
        "        - locale: de\n"
    )
    root = write(
        tmp_path,
        {
            "mkdocs.yml": config,
            "docs/index.md": "# Home\n",
            "docs/setup.md": "# Setup\n",
            "docs/fr/index.md": "# Accueil\n",
            "docs/fr/setup.md": "# Installer\n",
            "docs/frames/index.md": "# Frames\n",
        },
    )
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "Other languages, not read (their pages translate these, at the same paths): docs/fr/" in out
    library = stagemap.load_project(root).library
    assert [(a.id, a.url) for a in library.assets] == [
        ("frames/index", "https://l.example/frames/"),
        ("index", "https://l.example/"),
        ("setup", "https://l.example/setup/"),
    ]


def test_a_language_folder_both_readings_find_is_named_once(tmp_path: Path) -> None:
    """A regression check on the OpenAI Agents SDK's docs: init said 'docs/ja/, docs/ko/,
    docs/zh/, docs/ja/, docs/ko/, docs/zh/': the twin folders' guess and the i18n plugin's
    languages each named them."""
    config = (
        "site_name: L\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - locale: en\n          default: true\n        - locale: ja\n"
    )
    files: dict[str, str | bytes] = {"mkdocs.yml": config}
    for name in ("index", "guide", "setup"):
        files[f"docs/{name}.md"] = f"# {name}\n"
        files[f"docs/ja/{name}.md"] = f"# {name} (ja)\n"
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "Other languages, not read (their pages translate these, at the same paths): docs/ja/" in (
        out.splitlines()
    )
