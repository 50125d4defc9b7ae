"""Where Hugo 0.146's template system finds a page's own shortcodes (render/hugolookup.py)."""

from __future__ import annotations

from pathlib import Path

from stagemap.read.project import load_project
from stagemap.render.hugolookup import all_folders, folders_for, page_path
from tests.conftest import write
from tests.test_hugo_ownshortcodes import SETTINGS, body

FILES = {
    "layouts/shortcodes/size.html": "two litres\n",
    "layouts/_shortcodes/edition.html": "Kettle Basic\n",
    "layouts/manual/_shortcodes/edition.html": "Kettle Pro\n",
    "layouts/manual/recipes/_shortcodes/edition.html": "Kettle Pro, recipe book\n",
    "layouts/manual/_shortcodes/warranty.html": "five years\n",
    "layouts/manual/shortcodes/stray.html": "never read\n",
    "content/manual/boil.md": "---\ntitle: Boil\n---\n{{< edition >}} holds {{< size >}}, for {{< warranty >}}.\n",
    "content/manual/recipes/tea.md": "---\ntitle: Tea\n---\n{{< edition >}}; {{< stray >}}.\n",
    "content/v1/_index.md": "---\ntitle: Old manual\ncascade:\n  type: manual\n---\n",
    "content/v1/boil.md": "---\ntitle: Old boil\n---\n{{< edition >}}, {{< warranty >}}.\n",
    "content/news/launch.md": "---\ntitle: Launch\n---\n{{< edition >}} holds {{< size >}}, for {{< warranty >}}.\n",
}


def test_a_shortcode_folder_in_a_page_paths_folder_serves_the_pages_there_the_nearest_winning(
    tmp_path: Path,
) -> None:
    """Linkerd's docs write {{< production-note >}} on some 44 pages, a template of
    layouts/docs/_shortcodes/: since Hugo 0.146 a _shortcodes folder in any folder of layouts/
    serves the pages at that path and below (their type, set by a cascade, standing for their
    section), the nearest folder's template over the site's; stagemap read layouts/_shortcodes/
    and layouts/shortcodes/ alone and showed a placeholder. Other pages never see those
    templates, and a shortcodes folder (no underscore) below layouts/ is no shortcode folder."""
    assert (
        body(FILES, tmp_path, "content/manual/boil.md")
        == "\n<p>Kettle Pro holds two litres, for five years.</p>\n\n"
    )
    assert body({}, tmp_path, "content/manual/recipes/tea.md") == (
        "\n<p>Kettle Pro, recipe book; <em>[stray: shown on the live site]</em>.</p>\n\n"
    )
    assert body({}, tmp_path, "content/v1/boil.md") == "\n<p>Kettle Pro, five years.</p>\n\n"
    assert body({}, tmp_path, "content/news/launch.md") == (
        "\n<p>Kettle Basic holds two litres, for <em>[warranty: shown on the live site]</em>.</p>\n\n"
    )
    # A template added to such a folder later makes its pages again (and theirs alone).
    write(tmp_path / "site", {"layouts/news/_shortcodes/warranty.html": "two years\n"})
    assert body({}, tmp_path, "content/news/launch.md") == (
        "\n<p>Kettle Basic holds two litres, for two years.</p>\n\n"
    )
    assert (
        body({}, tmp_path, "content/manual/boil.md")
        == "\n<p>Kettle Pro holds two litres, for five years.</p>\n\n"
    )


def test_a_pages_path_for_lookups_is_hugos_its_type_in_place_of_its_section(tmp_path: Path) -> None:
    """As Hugo's BaseReTyped: lower case, no ending or language, a bundle's folder, a mount's
    target in front; a type other than the section replaces it (a page at the top is the type
    alone, a bundle at the top goes under it)."""
    settings = SETTINGS.replace("sources:\n", "sources:\n  - path: extra\n    id: guide/\n")
    files = {
        "hugo.toml": "title = 'Kettles'\n",
        "stagemap.yml": settings,
        "content/a.md": "",
        "extra/b.md": "",
    }
    root = write(tmp_path / "site", files)
    config = load_project(root, bodies=False).config
    assert page_path(config, "content/Manual/Boil.en.md") == "manual/boil"
    assert page_path(config, "content/manual/kettle/index.md") == "manual/kettle"
    assert page_path(config, "content/manual/_index.md") == "manual"
    assert page_path(config, "content/_index.md") == ""
    assert page_path(config, "content/v1/boil.md", "Manual") == "manual/boil"
    assert page_path(config, "content/manual/boil.md", "manual") == "manual/boil"
    assert page_path(config, "content/about.md", "manual") == "manual"
    assert page_path(config, "content/about/index.md", "manual") == "manual/about"
    assert page_path(config, "extra/steps/fill.md") == "guide/steps/fill"
    assert page_path(config, "elsewhere/fill.md") == ""
    assert list(folders_for("site", "manual/boil")) == [
        "site/layouts/shortcodes",
        "site/layouts/_shortcodes",
        "site/layouts/manual/_shortcodes",
        "site/layouts/manual/boil/_shortcodes",
    ]


def test_every_shortcode_folder_of_the_site_is_listed_for_a_builds_key(tmp_path: Path) -> None:
    """A build skips its work when nothing changed: a template in any page path's folder counts,
    not those in the _partials or _markup folders, nor a folder of a shortcodes folder."""
    write(
        tmp_path,
        {
            "layouts/manual/recipes/_shortcodes/a.html": "x",
            "layouts/_partials/_shortcodes/b.html": "x",
            "layouts/_shortcodes/inner/_shortcodes/c.html": "x",
            "layouts/news/page.html": "x",
        },
    )
    assert all_folders(tmp_path, "") == [
        "layouts/shortcodes",
        "layouts/_shortcodes",
        "layouts/manual/recipes/_shortcodes",
    ]


def test_a_sites_own_shortcode_showing_a_callout_of_fixed_words_shows_it(tmp_path: Path) -> None:
    """Linkerd's {{< production-note >}} sets a title and a text (through markdownify) and hands
    them to the site's alert partial: nothing depends on the page, and the live page shows that
    callout, where stagemap showed a placeholder (Hugo's own docs pipe the text through
    RenderString in the dict). It is a block quote, the title in bold first; without a title,
    the text alone. A template with anything else (an argument, HTML of its
    own, a second partial) stays a placeholder, and so does the shortcode in code."""
    files = {
        "layouts/_shortcodes/descale.html": (
            '{{- /* A reminder on pages about water. */ -}}\n{{- $title := "Descaling tip" }}\n'
            '{{- $content := "Descale **monthly**: see [the guide](/care/)." | markdownify }}\n'
            '{{ partial "widgets/callout" (dict "kind" "info" "wide" true "title" $title "content" $content) }}\n'
        ),
        "layouts/_shortcodes/unplug.html": (
            '{{ $say := `Unplug it first.` }}\n{{ partial "alert.html"\n  (dict\n  "title" ""\n'
            '  "body" ($say | $.Page.RenderString)\n  )\n}}\n'
        ),
        "layouts/_shortcodes/asked.html": '{{ partial "alert" (dict "content" (.Get 0)) }}\n',
        "layouts/_shortcodes/boxed.html": '<div>{{ partial "alert" (dict "content" "Boxed.") }}</div>\n',
        "content/page.md": (
            "---\ntitle: Page\n---\nFill it.\n\n{{< descale >}}\n\n{{< unplug >}}\n\n"
            '{{< asked "Why?" >}}\n\n{{< boxed >}}\n\n```sh\nboil {{< descale >}}\n```\n'
        ),
    }
    assert body(files, tmp_path) == (
        "\n<p>Fill it.</p>\n<blockquote>\n<p><strong>Descaling tip</strong></p>\n"
        '<p>Descale <strong>monthly</strong>: see <a href="https://kettles.example/care/">the guide</a>.</p>\n'
        "</blockquote>\n<blockquote>\n<p>Unplug it first.</p>\n</blockquote>\n"
        "<p><em>[asked: shown on the live site]</em></p>\n<p><em>[boxed: shown on the live site]</em></p>\n"
        '<pre><code class="language-sh">boil [descale: shown on the live site]\n</code></pre>\n\n'
    )
