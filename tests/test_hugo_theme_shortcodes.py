"""A Hugo site's shortcodes from the themes in its themes/ folder (render/hugolookup.py,
read/hugothemes.py): Hugo looks in the site's own layouts/ first, then in each theme's, in the
order the configuration's ``theme`` names them."""

from __future__ import annotations

from pathlib import Path

from stagemap.read.hugothemes import site_themes
from stagemap.render.hugolookup import folders_for, watched_folders
from tests.conftest import write
from tests.test_hugo_ownshortcodes import body

PAGE = "---\ntitle: Page\n---\n{{< yes >}} {{< plan >}}, {{< warranty >}}, {{< extra >}}.\n"


def test_a_themes_shortcodes_are_read_after_the_sites_own_the_first_theme_winning(tmp_path: Path) -> None:
    """Jaeger's docs name three themes (theme: [docsy-overrides, docsy, basetheme]) and write
    {{< check_yes >}} and {{< check_no >}} 86 times in their feature tables: the templates, in
    themes/basetheme/layouts/shortcodes/, are Hugo's emojify of a check mark and a cross, which
    the live page shows, but stagemap read the site's own layouts/ alone and showed a
    placeholder for each. A theme's template is read as the site's own is; the site's wins over
    a theme's, a theme named earlier over a later one; a module's path and a theme whose folder
    is not there (a submodule not checked out) are passed over."""
    files = {
        "hugo.toml": (
            "baseURL = 'https://kettles.example/'\n"
            "theme = ['tweaks', 'github.com/acme/hugo-kiln', 'absent', 'base']\n"
        ),
        "themes/base/layouts/shortcodes/yes.html": '{{ emojify ":white_check_mark:" }}\n',
        "themes/base/layouts/shortcodes/plan.html": "Kettle Basic\n",
        "themes/base/layouts/shortcodes/warranty.html": "one year\n",
        "themes/tweaks/layouts/_shortcodes/plan.html": "Kettle Plus\n",
        "layouts/shortcodes/warranty.html": "three years\n",
        "content/page.md": PAGE,
    }
    assert body(files, tmp_path) == (
        "\n<p>\u2705 Kettle Plus, three years, <em>[extra: shown on the live site]</em>.</p>\n\n"
    )
    # A template added to a theme later makes the page again.
    write(tmp_path / "site", {"themes/base/layouts/shortcodes/extra.html": "a spare lid"})
    assert body({}, tmp_path) == "\n<p>\u2705 Kettle Plus, three years, a spare lid.</p>\n\n"


def test_a_theme_is_looked_for_in_the_folder_themesdir_names(tmp_path: Path) -> None:
    """``themesDir`` moves the themes' folder (one theme named as text): its templates are read
    there, and the preview watches its layouts/."""
    files = {
        "hugo.toml": "baseURL = 'https://kettles.example/'\nthemesDir = 'design/themes'\ntheme = 'plain'\n",
        "design/themes/plain/layouts/shortcodes/plan.html": "Kettle Basic\n",
        "themes/plain/layouts/shortcodes/plan.html": "never read: themesDir says where themes are\n",
        "content/page.md": "---\ntitle: Page\n---\nThe {{< plan >}}.\n",
    }
    assert body(files, tmp_path) == "\n<p>The Kettle Basic.</p>\n\n"
    assert list(folders_for(tmp_path, "site", ""))[:2] == [
        "site/design/themes/plain/layouts/_default/shortcodes",
        "site/design/themes/plain/layouts/shortcodes",
    ]
    assert watched_folders("hugo", "site", tmp_path) == ("site/layouts", "site/design/themes/plain/layouts")


def test_imports_and_the_themes_own_themes_are_read_in_hugos_order(tmp_path: Path) -> None:
    """Hugo collects a site's ``module.imports`` before its ``theme`` (decodeConfig), an import's
    path being a folder of themesDir (``path = "kiln-extras"``), and follows each module's own
    ``theme`` depth first (collect.go, addAndRecurse): here kiln-extras, then tweaks, then base,
    which tweaks names in its own hugo.toml (as Jaeger's docsy-overrides names docsy). Only the
    site's own templates were read with a theme's own ``theme``, and an import was missed."""
    files = {
        "hugo.toml": (
            "baseURL = 'https://kettles.example/'\ntheme = 'tweaks'\n"
            "[[module.imports]]\npath = 'kiln-extras'\n[[module.imports]]\npath = 'switched-off'\ndisable = true\n"
        ),
        "themes/kiln-extras/layouts/shortcodes/plan.html": "Kettle Max\n",
        "themes/switched-off/layouts/shortcodes/yes.html": "never read: the import is disabled\n",
        "themes/tweaks/hugo.toml": "theme = 'base'\n",
        "themes/tweaks/layouts/shortcodes/plan.html": "Kettle Plus\n",
        "themes/tweaks/layouts/shortcodes/warranty.html": "two years\n",
        "themes/base/layouts/shortcodes/yes.html": "Yes\n",
        "themes/base/layouts/shortcodes/warranty.html": "one year\n",
        "themes/base/layouts/shortcodes/extra.html": "a spare lid\n",
        "content/page.md": PAGE,
    }
    assert body(files, tmp_path) == "\n<p>Yes Kettle Max, two years, a spare lid.</p>\n\n"


def test_a_vendored_module_is_read_from_the_vendor_folder_first(tmp_path: Path) -> None:
    """``hugo mod vendor`` keeps a module's files in _vendor/<its path>/, listed in
    _vendor/modules.txt, where Hugo looks first: such a module's templates are in the
    repository, though its path names no folder of themes/."""
    files = {
        "hugo.toml": "baseURL = 'https://kettles.example/'\ntheme = ['github.com/acme/kiln-theme', 'plain']\n",
        "_vendor/modules.txt": "# github.com/acme/kiln-theme v1.4.0\n# plain v0.0.0\n",
        "_vendor/github.com/acme/kiln-theme/layouts/shortcodes/plan.html": "Kettle Basic\n",
        "_vendor/plain/layouts/shortcodes/yes.html": "Yes\n",
        "themes/plain/layouts/shortcodes/yes.html": "never read: the vendored copy comes first\n",
        "content/page.md": "---\ntitle: Page\n---\n{{< yes >}}, the {{< plan >}}.\n",
    }
    assert body(files, tmp_path) == "\n<p>Yes, the Kettle Basic.</p>\n\n"


def test_a_theme_named_later_or_checked_out_later_is_read(tmp_path: Path) -> None:
    """The themes were kept while the site's folder and main file stayed the same: a theme named
    in config/_default/hugo.toml, or a theme's folder brought by ``git submodule update`` later,
    was never read (the preview did not watch for it either)."""
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "baseURL = 'https://kettles.example/'\n",
            "config/_default/hugo.toml": "theme = 'base'\n",
            "themes/base/layouts/shortcodes/plan.html": "Kettle Basic\n",
            "themes/spare/layouts/shortcodes/plan.html": "Kettle Spare\n",
        },
    )
    assert site_themes(root) == ("themes/base",)
    (root / "config/_default/hugo.toml").write_text("theme = ['later', 'spare']\n")
    assert site_themes(root) == ("themes/spare",)
    assert watched_folders("hugo", "site", tmp_path) == (
        "site/layouts",
        "site/themes/later/layouts",
        "site/themes/spare/layouts",
    )
    write(root, {"themes/later/layouts/shortcodes/plan.html": "Kettle Plus\n"})
    assert site_themes(root) == ("themes/later", "themes/spare")
