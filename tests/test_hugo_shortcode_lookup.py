"""Where Hugo 0.146's template system finds a page's own shortcodes (render/hugolookup.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from stagemap.read.project import load_project
from stagemap.render.hugolookup import all_folders, folders_for, page_path
from stagemap.serve.preview import Preview
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
    assert page_path(config, "content/manual/boil.md", "manual") == "manual/boil"
    assert page_path(config, "content/about.md", "manual") == "manual"
    assert page_path(config, "content/about/index.md", "manual") == "manual/about"
    assert page_path(config, "extra/steps/fill.md") == "guide/steps/fill"
    assert page_path(config, "elsewhere/fill.md") == ""
    # Only the site's language is a page's language (Hugo's own: en); v1.2 keeps its dot.
    assert page_path(config, "content/docs/v1.2.md") == "docs/v1.2"
    assert page_path(config, "content/docs/notes.de.md") == "docs/notes.de"
    assert page_path(config, "content/My Guides/Fill Up.md") == "my-guides/fill-up"
    # A type is not lower-cased: ``Docs`` is no folder of layouts/ (all lower case to Hugo).
    assert page_path(config, "content/v1/boil.md", "Docs") == "Docs/boil"
    # Manual/ and manual/ are one folder to Hugo (its paths are lower case): both are looked in.
    write(tmp_path, {"site/layouts/Manual/Boil/x.html": "", "site/layouts/manual/x.html": ""})
    assert list(folders_for(tmp_path, "site", "manual/boil")) == [
        "site/layouts/_default/shortcodes",
        "site/layouts/shortcodes",
        "site/layouts/_default/_shortcodes",
        "site/layouts/_shortcodes",
        "site/layouts/Manual/_shortcodes",
        "site/layouts/manual/_shortcodes",
        "site/layouts/Manual/Boil/_shortcodes",
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
        "layouts/_default/shortcodes",
        "layouts/shortcodes",
        "layouts/_default/_shortcodes",
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


def test_a_layouts_folder_is_found_by_its_name_as_hugo_makes_it_and_a_type_as_written(tmp_path: Path) -> None:
    """Hugo lower-cases every path and makes spaces hyphens, the folders of layouts/ too:
    layouts/Guides/_shortcodes/ serves content/Guides/, layouts/my-guides/_shortcodes/ serves
    content/My Guides/. A type is taken as written (``Docs``): no folder of layouts/ is named so
    to Hugo, and the root template shows. layouts/_default/_shortcodes/ and
    layouts/_default/shortcodes/ are root folders (Hugo takes ``_default`` off)."""
    files = {
        "layouts/_shortcodes/edition.html": "Kettle Basic\n",
        "layouts/_default/_shortcodes/size.html": "two litres\n",
        "layouts/_default/shortcodes/colour.html": "steel\n",
        "layouts/Guides/_shortcodes/edition.html": "Kettle Pro\n",
        "layouts/my-guides/_shortcodes/edition.html": "Kettle Max\n",
        "layouts/docs/_shortcodes/edition.html": "Kettle Docs\n",
        "content/Guides/fill.md": "---\ntitle: Fill\n---\n{{< edition >}}, {{< size >}}, {{< colour >}}.\n",
        "content/My Guides/pour.md": "---\ntitle: Pour\n---\n{{< edition >}}.\n",
        "content/docs/boil.md": "---\ntitle: Boil\ntype: Docs\n---\n{{< edition >}}.\n",
    }
    assert body(files, tmp_path, "content/docs/boil.md") == "\n<p>Kettle Basic.</p>\n\n"
    assets = tmp_path / "out/assets"
    assert "<p>Kettle Pro, two litres, steel.</p>" in next(assets.glob("guides-*/fill.html")).read_text()
    assert "<p>Kettle Max.</p>" in next(assets.glob("my-guides-*/pour.html")).read_text()


def test_a_template_named_for_a_language_serves_that_languages_pages_under_its_name(tmp_path: Path) -> None:
    """layouts/docs/_shortcodes/edition.en.html is the edition shortcode for the site's language
    (Hugo's own: en), over edition.html of the same folder; it was listed as a shortcode named
    "edition.en". One named for another language serves none of these pages."""
    files = {
        "layouts/_shortcodes/edition.html": "Kettle Basic\n",
        "layouts/docs/_shortcodes/edition.html": "Kettle\n",
        "layouts/docs/_shortcodes/edition.en.html": "Kettle Pro\n",
        "layouts/docs/_shortcodes/size.fr.html": "deux litres\n",
        "content/docs/boil.md": "---\ntitle: Boil\n---\n{{< edition >}}, {{< size >}}, {{< edition.en >}}.\n",
    }
    assert body(files, tmp_path, "content/docs/boil.md") == (
        "\n<p>Kettle Pro, <em>[size: shown on the live site]</em>, "
        "<em>[edition.en: shown on the live site]</em>.</p>\n\n"
    )


def test_the_preview_sees_a_shortcode_template_added_to_or_taken_from_any_folder(tmp_path: Path) -> None:
    """The preview watched only the templates pages already showed: a template added to a page
    path's folder (even a folder new to layouts/), or one taken away, went unseen until another
    edit."""
    files = {
        "hugo.toml": "baseURL = 'https://kettles.example/'\n",
        "stagemap.yml": SETTINGS,
        "layouts/_shortcodes/edition.html": "Kettle Basic\n",
        "content/manual/boil.md": "---\ntitle: Boil\n---\nThe {{< edition >}}.\n",
    }
    root = write(tmp_path / "site", files)
    preview = Preview(root, tmp_path / "served", as_of=dt.date(2026, 12, 1))
    served = tmp_path / "served/assets/manual/boil.html"
    try:
        assert not preview.rebuild().error
        assert "The Kettle Basic." in served.read_text()
        assert not preview.changed()
        write(root, {"layouts/manual/_shortcodes/edition.html": "Kettle Pro\n"})
        assert preview.changed()
        assert not preview.rebuild().error
        assert "The Kettle Pro." in served.read_text()
        (root / "layouts/manual/_shortcodes/edition.html").unlink()
        assert preview.changed()
        assert not preview.rebuild().error
        assert "The Kettle Basic." in served.read_text()
    finally:
        preview.stop()


CALLOUT = (
    '{{ $title := "Descaling tip" }}{{ $content := "Descale **monthly**." | markdownify }}\n'
    '{{ partial "widgets/callout" (dict "title" $title "content" $content) }}\n'
)


def test_a_callouts_words_are_read_as_go_and_hugo_read_them(tmp_path: Path) -> None:
    """A Go string's escapes are Go's (\\u00e9, \\x41, octal \\101, bytes making UTF-8 together;
    a raw string as written); a string not rendered through markdownify or RenderString is
    printed as text by the partial (html/template escapes it), so its Markdown and HTML show as
    written. A partial whose file is not named for a callout (cookie-notice, alertmanager/config)
    is no callout: its shortcode stays a placeholder."""
    files = {
        "layouts/_shortcodes/cafe.html": (
            '{{ $t := "Caf\\u00e9 \\x41\\101 \\xc3\\xa9" }}{{ $raw := `Keep \\n as **is**.` | markdownify }}\n'
            '{{ partial "alert.html" (dict "title" $t "content" $raw) }}\n'
        ),
        "layouts/_shortcodes/plain.html": (
            '{{ partial "components/alert" (dict "title" "Note" "text" "See [docs](/docs/) & <b>x</b>") }}\n'
        ),
        "layouts/_shortcodes/cookies.html": '{{ partial "cookie-notice" (dict "text" "We bake.") }}\n',
        "layouts/_shortcodes/rules.html": '{{ partial "alertmanager/config" (dict "text" "Route.") }}\n',
        "content/page.md": (
            "---\ntitle: Page\n---\n{{< cafe >}}\n\n{{< plain >}}\n\n{{< cookies >}}\n\n{{< rules >}}\n"
        ),
    }
    assert body(files, tmp_path) == (
        "\n<blockquote>\n<p><strong>Café AA é</strong></p>\n<p>Keep \\n as <strong>is</strong>.</p>\n"
        "</blockquote>\n<blockquote>\n<p><strong>Note</strong></p>\n"
        "<p>See [docs](/docs/) &amp; &lt;b&gt;x&lt;/b&gt;</p>\n</blockquote>\n"
        "<p><em>[cookies: shown on the live site]</em></p>\n<p><em>[rules: shown on the live site]</em></p>\n\n"
    )


def test_a_callout_within_a_line_a_cell_a_quote_or_a_list_item_stays_a_placeholder(tmp_path: Path) -> None:
    """A callout is a block: shown where the shortcode stands alone at the start of its line.
    In a table's cell, a block quote, indented under a list item or within words, the block
    would break what holds it (the table, the quote, the list): a placeholder stands there."""
    files = {
        "layouts/_shortcodes/descale.html": CALLOUT,
        "content/page.md": (
            "---\ntitle: Page\n---\n| Step | Note |\n|---|---|\n| Fill | {{< descale >}} |\n\n"
            "> Quoted.\n> {{< descale >}}\n\n- Boil.\n\n  {{< descale >}}\n\n- Pour.\n\nThen {{< descale >}}.\n"
        ),
    }
    made = body(files, tmp_path)
    assert made.count("<em>[descale: shown on the live site]</em>") == 4
    assert "<td><em>[descale: shown on the live site]</em></td>" in made
    assert "<li>\n<p>Pour.</p>\n</li>\n</ul>" in made
    assert "<strong>Descaling tip</strong>" not in made
