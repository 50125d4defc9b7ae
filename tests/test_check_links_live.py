"""`stagemap check --links` on pages whose site's templates write headings their text does not
show (`stagemap.render.liveparts`): a link to such a part is not reported, a link to a part no
template can write still is; and a link whose address holds Liquid is quoted as written."""

from __future__ import annotations

import time
from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import QUIET_CONFIG, write

JEKYLL_SETTINGS = QUIET_CONFIG + "generator: jekyll\nsources:\n  - path: .\n    url: /{path}/\n"
JEKYLL_SITE: dict[str, str | bytes] = {
    "stagemap.yml": JEKYLL_SETTINGS,
    "_config.yml": "title: Harbour\nbaseurl: /harbour\ndefaults:\n"
    "  - scope: {path: parts}\n    values: {layout: part}\n",
    "_layouts/part.html": '---\nlayout: base\n---\n<h2 id="{{ page.key }}-advice">Advice</h2>\n{{ content }}\n',
    "_layouts/base.html": '<main id="page-body">{{ content }}</main>\n',
    "_includes/crew.html": '<h3 id="{{ include.id }}">{{ include.label }}</h3>\n',
    "_includes/aside.html": '<p class="aside">{{ include.text }}</p>\n',
    # A layout of its own key: its ids are the page's value filled in.
    "parts/rope.md": "---\ntitle: Rope\nkey: rope\n---\n## Knots\n\nTie them.\n",
    # Each of these has a heading of its own, and a part only the live site writes.
    "parts/tides.md": "---\ntitle: Tides\n---\n## Times\n\n{% for t in site.data.tides %}\n"
    '<h2 id="{{ t.port | slugify }}">{{ t.port }}</h2>\n{% endfor %}\n',
    "parts/team.md": '---\ntitle: Team\n---\n## Who\n\n{% include crew.html id="deckhands" label="Deck" %}\n',
    "parts/feed.md": "---\ntitle: Feed\nlayout: none\n---\n## Latest\n\n{{ content }}\n",
    # Nothing here writes a heading: an aside, a list, a value the page sets, Liquid in code.
    "parts/quiet.md": "---\ntitle: Quiet\nlayout: none\nsummary: Calm water.\nnote: Low tide.\n---\n## Calm\n\n"
    '{% include aside.html text="Mind the gap" %}\n\n{% for p in site.pages %}\n- [{{ p.title }}]({{ p.url }})\n'
    "{% endfor %}\n\n{{ page.note }}\n\n{% if page.summary %}{{ page.summary }}{% endif %}\n\n"
    "```liquid\n{% include crew.html %}\n{% for x in y %}\n## {{ x }}\n{% endfor %}\n```\n\n"
    "{% raw %}\n{{ content }}\n{% endraw %}\n",
    "guide.md": "---\ntitle: Guide\n---\n## Start\n\n"
    "[a](parts/rope.md#rope-advice) [b](parts/rope.md#page-body) [c](parts/rope.md#sail-advice)"
    " [d](parts/rope.md#gone)\n\n"
    "[e](parts/tides.md#dover) [f](parts/team.md#deckhands) [g](parts/feed.md#today)"
    " [h](parts/quiet.md#mind-the-gap)\n\n"
    "[i]({{ site.baseurl}}/parts/rope/#gone-one) and [j]({{\nsite.baseurl }}/parts/rope/#gone-two).\n",
}


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def parts(root: Path) -> list[str]:
    """The dead-part warnings of ``check --links``, without their hint."""
    err = run(root, "check", "--links")[2]
    return [line.split(" (")[0] for line in err.splitlines() if "finds no heading" in line]


def test_parts_a_jekyll_sites_templates_write_are_not_reported(tmp_path: Path) -> None:
    """The U.S. Web Design System's Jekyll site: 25 of 28 'finds no heading' warnings were
    false. Its ids came from a {% for %} over the site's data, an include writing the heading,
    the page's layout (<h2 id="{{ page.key }}-guidance">, the layout named by the site's
    defaults) and a body that is {{ content }}, filled from fetched data. A layout's id is its
    pattern, the page's key filled in; a link to a part nothing there writes is still reported,
    on those pages and on one whose includes, loop and values write no heading."""
    root = write(tmp_path, JEKYLL_SITE)
    assert parts(root) == [
        "guide.md:6:65: warning: link to 'parts/rope.md#sail-advice' finds no heading 'sail-advice' on 'Rope'",
        "guide.md:6:96: warning: link to 'parts/rope.md#gone' finds no heading 'gone' on 'Rope'",
        "guide.md:8:85: warning: link to 'parts/quiet.md#mind-the-gap' finds no heading 'mind-the-gap' on 'Quiet'",
        "guide.md:10:5: warning: link to '{{ site.baseurl}}/parts/rope/#gone-one' finds no heading 'gone-one'"
        " on 'Rope'",
        "guide.md:10:53: warning: link to '{{ site.baseurl }}/parts/rope/#gone-two' finds no heading 'gone-two'"
        " on 'Rope'",
    ]


def test_a_key_the_page_lacks_is_nothing_in_its_layouts_ids(tmp_path: Path) -> None:
    """Jekyll shows a page value that is not there as nothing: the layout's id is '-advice'."""
    files = {
        **JEKYLL_SITE,
        "parts/bare.md": "---\ntitle: Bare\n---\nText.\n",
        "guide.md": "---\ntitle: Guide\n---\n[a](parts/bare.md#-advice) [b](parts/bare.md#x-advice)\n",
    }
    root = write(tmp_path, files)
    assert parts(root) == [
        "guide.md:4:32: warning: link to 'parts/bare.md#x-advice' finds no heading 'x-advice' on 'Bare'"
    ]


ELEVENTY_SITE: dict[str, str | bytes] = {
    ".eleventy.js": 'module.exports = () => ({ dir: { input: "src", layouts: "_layouts" } });\n',
    "stagemap.yml": QUIET_CONFIG + "generator: eleventy\nsources: [src]\n",
    "src/_layouts/members.liquid": '<section id="{{ module }}-members">{{ content }}</section>\n',
    "src/_includes/badge.liquid": '<span class="badge">{{ text }}</span>\n',
    # The site's own paired tag writes an anchor for each function it describes.
    "src/docs/map.md": "---\ntitle: Map\n---\n## Functions\n\n{% function 'map.get($map, $key)' %}\n"
    "Returns the value at a key.\n{% endfunction %}\n",
    "src/docs/list.md": "---\ntitle: List\nlayout: members.liquid\nmodule: list\n---\n## Use\n",
    "src/docs/plain.md": "---\ntitle: Plain\n---\n## Use\n\n{% if beta %}Beta.{% endif %} {% render 'badge', text: 'new' %}\n",
    "src/docs/index.md": "---\ntitle: Docs\n---\n[a](map.md#map-get) [b](list.md#list-members)"
    " [c](list.md#gone) [d](plain.md#gone)\n",
}


def test_anchors_an_eleventy_sites_own_tag_or_layout_writes_are_not_reported(tmp_path: Path) -> None:
    """The Sass site (Eleventy): about 115 of 134 'finds no heading' warnings were false, anchors
    its own paired Liquid tag {% function %} writes (129 uses on 8 pages). A block tag of the
    site's own may write headings; a layout in the configured layouts folder writes its ids;
    Liquid's own blocks and a rendered file writing no heading leave a page checked."""
    root = write(tmp_path, ELEVENTY_SITE)
    assert parts(root) == [
        "src/docs/index.md:4:51: warning: link to 'list.md#gone' finds no heading 'gone' on 'List'",
        "src/docs/index.md:4:69: warning: link to 'plain.md#gone' finds no heading 'gone' on 'Plain'",
    ]


def test_a_hugo_shortcode_of_the_sites_own_writing_headings_hides_the_pages_parts(tmp_path: Path) -> None:
    """A Hugo site's own shortcode whose template writes an id (<h3 id="{{ .Get 0 }}">) makes
    parts not known here; one writing no heading (a badge) leaves its page checked."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [content]\n",
        "hugo.toml": 'title = "Quay"\n',
        "layouts/shortcodes/member.html": '<h3 id="{{ .Get 0 }}">{{ .Get 0 }}</h3>\n',
        "layouts/shortcodes/badge.html": '<span class="badge">{{ .Get 0 }}</span>\n',
        "content/api.md": '---\ntitle: API\n---\n## Members\n\n{{< member "moor" >}}\n',
        "content/tag.md": '---\ntitle: Tag\n---\n## Own\n\nSince {{< badge "v2" >}}.\n',
        "content/links.md": "---\ntitle: Links\n---\n[a](api.md#moor) [b](tag.md#gone)\n",
    }
    root = write(tmp_path, files)
    assert parts(root) == [
        "content/links.md:4:22: warning: link to 'tag.md#gone' finds no heading 'gone' on 'Tag'"
    ]


def test_liquid_left_open_is_read_in_bounded_time(tmp_path: Path) -> None:
    """Thousands of loops, raw blocks and tags of the site's own never closed, and of closings
    never opened, are looked at in bounded time."""
    body = "## End\n\n" + "{% for x in y %}\n{% raw %}\n{% endcustom %}\n- {{ x }}\n" * 3000
    files = {
        **JEKYLL_SITE,
        "parts/open.md": "---\ntitle: Open\nlayout: none\n---\n" + body,
        "guide.md": "---\ntitle: Guide\n---\n[a](parts/open.md#gone)\n",
    }
    root = write(tmp_path, files)
    started = time.monotonic()
    assert parts(root) == [
        "guide.md:4:5: warning: link to 'parts/open.md#gone' finds no heading 'gone' on 'Open'"
    ]
    assert time.monotonic() - started < 10
