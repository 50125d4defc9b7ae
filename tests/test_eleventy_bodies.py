"""Eleventy bodies as the live page shows them: a raw block around code, WebC's ``@`` attributes,
a site's own slug filter, a loop between a table's rows (render/rawcode.py, render/jsx.py,
read/eleventy.py, render/htmlblocks.py)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.sitepackages import markdown_traits
from stagemap.render.dialects import clean
from tests.conftest import write

ELEVENTY = 'export default function (config) { return { dir: { input: "src" } }; }\n'


def built(root: Path, page: str) -> str:
    """The body of ``page`` (an asset's id) as a build shows it."""
    assert CliRunner().invoke(cli, ["-C", str(root), "init"]).exit_code == 0
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "--as-of", "2026-12-06"]).exit_code == 0
    html = (root / f"site/assets/{page}.html").read_text()
    return html.partition('<div class="body">\n')[2].partition("\n</div>")[0]


RAW = (
    'The template writes:\n\n{% raw %}\n\n```html\n<img src="{{ photo }}">\n<p>{{ note }}</p>\n```\n\n'
    "{% endraw %}\n\nInline too: {% raw %}`{{ note }}`{% endraw %}, and here: `{{ note }}`.\n"
)


def test_a_raw_block_around_code_keeps_the_codes_outputs_as_written() -> None:
    """A public Eleventy site's docs show a template's code inside {% raw %}...{% endraw %} around
    the fence: the page showed the page's own values in it ('/img/dashboard.png'), as the fence's
    code was cleaned apart from the raw tags around it; a code span inside raw tags too. Outside
    raw, a value the page gives is still filled in, on Jekyll too."""
    params = {"photo": "/img/dashboard.png", "note": "Taken in spring."}
    assert clean(RAW, ".md", "eleventy", params) == (
        'The template writes:\n\n```html\n<img src="{{ photo }}">\n<p>{{ note }}</p>\n```\n\n\n'
        "Inline too: `{{ note }}`, and here: `Taken in spring.`.\n"
    )
    jekyll = RAW.replace("{{ note }}`.", "{{ page.note }}`.")
    assert clean(jekyll, ".md", "jekyll", {"note": "Taken in spring."}).endswith(
        "Inline too: `{{ note }}`, and here: `Taken in spring.`.\n"
    )


def test_a_webc_component_with_at_attributes_is_a_placeholder(tmp_path: Path) -> None:
    """A public Eleventy site writes its WebC components with props (<custom-youtube @slug="..."
    @label="...">): the page showed the tag as escaped text, '&lt;video-embed @id=...', as an
    attribute's name could not start with '@'. It is the component's placeholder now, as one
    with plain or ':' attributes is."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": ELEVENTY,
            "src/talk.md": (
                "---\ntitle: Talk\n---\nWatch it:\n\n<div>\n"
                '<video-embed @id="k7" @label="Why we moved"></video-embed>\n</div>\n\n'
                'Or: <video-embed :id="k7" label="In short"></video-embed>\n'
            ),
        },
    )
    assert built(root, "talk") == (
        "<p>Watch it:</p>\n<p><em>[video-embed: shown on the live site]</em></p>\n"
        "<p>Or: <em>[In short: shown on the live site]</em></p>\n"
    )


def test_a_sites_own_slugify_filter_gives_a_permalink_through_it_no_address(tmp_path: Path) -> None:
    """A public Eleventy site adds a 'slugify' filter of its own: with one that drops dots, a post titled 'Version 2.0 is out' under 'permalink: /news/{{ title | slugify }}/' got the
    address '/news/version-2-0-is-out/', where the site writes '/news/version-20-is-out/'. Where
    the configuration, or a module of the site's it imports, adds 'slugify' or 'slug', a
    permalink through it has no address known here, rather than a wrong one."""
    files = {
        "eleventy.config.js": 'import filters from "./config/filters.js";\n'
        "export default function (config) {\n  filters(config);\n"
        '  return { dir: { input: "src" } };\n}\n',
        "config/filters.js": "export default (config) => {\n"
        "  config.addFilter('slugify', (text) => own(text));\n};\n",
        "src/posts/posts.json": '{ "permalink": "/news/{{ title | slugify }}/" }\n',
        "src/posts/release.md": "---\ntitle: Version 2.0 is out\n---\nHere.\n",
        "src/about.md": "---\ntitle: About\npermalink: /{{ title | slugify }}/\n---\nUs.\n",
    }
    root = write(tmp_path / "own", files)
    read = lambda name: files[name].encode() if name in files else None  # noqa: E731
    assert "own-slug" in markdown_traits("eleventy", read)
    assert run_init(root)
    urls = {a.path: (a.url, a.route) for a in stagemap.load_project(root).library.assets}
    # No address claimed; the route Eleventy's own filter would make is one links reach the page
    # by (eleventy-excellent: 5 links to its posts were reported leading nowhere, its filter
    # making what Eleventy's does on its plain titles).
    assert urls == {
        "src/about.md": ("", "/about/"),
        "src/posts/release.md": ("", "/news/version-2-0-is-out/"),
    }
    plain = write(tmp_path / "plain", {**files, "config/filters.js": "export default () => {};\n"})
    assert run_init(plain)
    urls = {a.path: a.url for a in stagemap.load_project(plain).library.assets}
    assert urls == {"src/about.md": "/about/", "src/posts/release.md": "/news/version-2-0-is-out/"}


def run_init(root: Path) -> bool:
    return CliRunner().invoke(cli, ["-C", str(root), "init"]).exit_code == 0


ROWS = (
    "<h2>Plans</h2>\n<table>\n  <tr><th>Name</th><th>Code</th></tr>\n\n"
    "  {%- for plan in plans.items -%}\n  <tr>\n    <td>{{ plan.name }}</td>\n"
    "    <td><code>{{ plan.code | upper }}</code></td>\n  </tr>\n  {%- endfor -%}\n</table>\n\nAfter.\n"
)


def test_a_loop_between_a_tables_rows_is_the_loops_placeholder() -> None:
    """Travis CI's docs (Jekyll, osx.md: a row per image from the site's data) and
    eleventy-excellent's styleguide.njk write a {% for %} loop between the rows of an HTML
    table: the table was read without the loop's tags, one broken row of placeholders shown
    as the table. The tags are kept around the rows they stand between: the loop is read as
    one, its placeholder where its rows would be, a head row before it still a table."""
    assert clean(ROWS, ".njk", "eleventy", {}) == (
        "## Plans\n\n| Name | Code |\n|---|---|\n\n"
        "*\\[A list from the site's data: shown on the live site\\]*\n\nAfter.\n"
    )
    page = ROWS.removeprefix("<h2>Plans</h2>\n")
    assert clean(page, ".md", "jekyll", {}, html=True) == (
        "| Name | Code |\n|---|---|\n\n*\\[A list from the site's data: shown on the live site\\]*\n\nAfter.\n"
    )


def test_other_tags_between_a_tables_rows_leave_it_one_table() -> None:
    """A reviewer of the loop change above: any template tag between rows ({% if %}, {% endif %},
    {{ x }}) cut the table into one table per row, each row its own head. Only a loop's tags
    cut it; the rows around other tags stay one table, as before."""
    rows = (
        "<table>\n  <tr><th>Name</th><th>Cups</th></tr>\n  <tr><td>Green</td><td>1</td></tr>\n"
        "  {% if site.beta %}\n  <tr><td>Oolong</td><td>2</td></tr>\n  {% endif %}\n  {{ note }}\n"
        "  <tr><td>Black</td><td>3</td></tr>\n</table>\n\nAfter.\n"
    )
    table = "| Name | Cups |\n|---|---|\n| Green | 1 |\n| Oolong | 2 |\n| Black | 3 |\n\nAfter.\n"
    assert clean(rows, ".md", "jekyll", {}, html=True) == table
    assert clean(rows, ".njk", "eleventy", {}) == table
