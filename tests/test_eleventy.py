"""An Eleventy site read in place: init finds its input folder, pages keep their permalinks,
Liquid in Markdown reads as the live page shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import stagemap
from stagemap.cli.app import cli
from stagemap.read import yamlsafe
from stagemap.read.eleventy import EleventyFolders, eleventy_folders, eleventy_permalink
from stagemap.read.eleventydata import CODE, data_values
from stagemap.render.dialects import clean
from stagemap.render.liquid import liquid
from stagemap.render.liquidvars import shown_sets
from tests.conftest import write

CONFIG = """// Ferrydesk's site
module.exports = function (config) {
  config.addPassthroughCopy("src/images");
  /* dir: { input: "wrong" } in a comment is not read */
  return {
    markdownTemplateEngine: "liquid",
    dir: { input: "src", includes: "_parts", data: "_data", output: "public" },
  };
};
"""
OFFER = """---
title: Harbour crossings for crews
permalink: /crossings/
---
{% capture body %}
## Book a crew crossing

Seats for up to **twelve** engineers, booked the day before.
{% endcapture %}

<section class="band">
  <div class="inner">
    {{ body | markdownify }}
  </div>
</section>
"""
SITE: dict[str, str | bytes] = {
    ".eleventy.js": CONFIG,
    ".eleventyignore": "src/notes\nREADME.md\n",
    "README.md": "# Ferrydesk site\n",
    "package.json": "{}\n",
    "src/index.md": (
        "---\ntitle: Ferrydesk\n---\nFerries for field crews. See [crossings](/crossings/) and [seats](/news/crew-seats/).\n"
    ),
    "src/offer.md": OFFER,
    "src/about/team.md": "# Our team\n\nSix skippers. ![Boat](/images/boat.png)\n",
    "src/posts/2025-03-02-new-route.md": "---\ntitle: A new route\n---\nWe now sail to the north quay.\n",
    "src/retired.md": "---\ntitle: Old timetable\npermalink: false\n---\nGone.\n",
    "src/tagged.md": '---\ntitle: Café by tag\npermalink: "/{{ title | slugify }}/"\n---\nText.\n',
    "src/posts/2025-04-01-crew-seats.md": (
        '---\ntitle: Crew seats\npermalink: "/news/{{ page.fileSlug }}/"\n---\nMore seats.\n'
    ),
    "src/posts/yearly.md": "---\ntitle: Year\npermalink: \"/{{ page.date | date: '%Y' }}/\"\n---\nText.\n",
    "src/notes/plan.md": "---\ntitle: Plan\n---\nInternal.\n",
    "src/_parts/layout.njk": "<main>{{ content | safe }}</main>\n",
    "src/_data/site.json": '{"title": "Ferrydesk"}\n',
    "src/images/boat.png": b"\x89PNG\r\n",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_eleventy_folders_come_from_the_configurations_dir_settings() -> None:
    assert eleventy_folders(CONFIG) == EleventyFolders("src", "_parts", "", "_data", "public")
    assert eleventy_folders("module.exports = {};") == EleventyFolders()
    version3 = (
        'export const config = { dir: { input: "content", output: "dist" } };\n'
        "export default function (cfg) {\n  cfg.setInputDirectory('pages');\n"
        '  cfg.setIncludesDirectory("../parts");\n  // cfg.setDataDirectory("nope");\n}\n'
    )
    assert eleventy_folders(version3) == EleventyFolders("pages", "../parts", "", "_data", "dist")
    computed = "export default { dir: { input: `${root}/src`, output: 'dist/' } }"
    assert eleventy_folders(computed) == EleventyFolders(".", "_includes", "", "_data", "dist")
    assert EleventyFolders("src", "_parts", "layouts", "_data", "public").excludes() == (
        "/_parts/",
        "/layouts/",
        "/_data/",
    )
    assert EleventyFolders().excludes() == ("/_includes/", "/_data/", "/_site/")


def test_init_in_an_eleventy_site_reads_its_input_folder(tmp_path: Path) -> None:
    """An Eleventy site was taken for a stagemap library: 1,149 errors for 567 pages missing tags."""
    root = write(tmp_path / "ferry", SITE)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Wrote {root / 'stagemap.yml'}; nothing else was written."
    assert out.splitlines()[1:8] == [
        "Found an Eleventy site (.eleventy.js); sources: src/.",
        "Files under the sources: 12 (.md 9, .json 1, .njk 1, .png 1)",
        "Read as assets: 8, 8 of them without stages or questions",
        "Not read as assets: 4 of 12 files, on purpose",
        "  1 non-asset: not a content file by its ending",
        "  1 excluded by '/_data/'",
        "  1 excluded by '/_parts/'",
    ]
    assert out.splitlines()[8:10] == [
        "  1 excluded by '/notes'",  # .eleventyignore's src/notes
        "Outside the sources, not looked at: README.md, package.json",
    ]
    settings = (root / "stagemap.yml").read_text()
    assert "generator: eleventy\n" in settings
    assert (
        '  - path: src\n    url: "/{path}/"\n    exclude: ["/_parts/", "/_data/", "node_modules/", "/notes"]\n'
        in (settings)
    )
    assert "  roots: [src]\n  static: [src]\n" in settings
    library = stagemap.load_project(root).library
    # Without urls.base, a page's permalink is its url as written, any other page's path its route.
    assert {a.path: a.url or a.route for a in library.assets} == {
        "src/about/team.md": "/about/team/",
        "src/index.md": "/",
        "src/offer.md": "/crossings/",
        "src/posts/2025-03-02-new-route.md": "/posts/2025-03-02-new-route/",
        "src/posts/2025-04-01-crew-seats.md": "/news/crew-seats/",  # the file's slug, its date taken off
        "src/posts/yearly.md": "",  # worked out from what is not known here
        "src/retired.md": "",  # permalink: false: Eleventy writes no page
        "src/tagged.md": "/cafe-by-tag/",
    }
    assert {a.id: a.title for a in library.assets}["about/team"] == "Our team"
    code, out, err = run("-C", str(root), "check", "--links")
    assert "leads nowhere" not in err + out
    assert code == 0, err


def test_a_page_that_captures_its_text_shows_it_where_the_capture_is_output(tmp_path: Path) -> None:
    """18F's offering pages keep their Markdown in ``{% capture body %}`` and output it inside
    the layout's HTML: the page here was empty but for a placeholder."""
    root = write(tmp_path / "ferry", SITE)
    assert run("init", str(root))[0] == 0
    code, _, err = run("-C", str(root), "build", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    page = (tmp_path / "out/assets/offer.html").read_text()
    body = page[page.index('<div class="body">') : page.index("</div>", page.index('<div class="body">'))]
    assert body == (
        '<div class="body">\n<h2 id="h-book-a-crew-crossing">Book a crew crossing</h2>\n'
        "<p>Seats for up to <strong>twelve</strong> engineers, booked the day before.</p>\n\n"
    )


def test_liquid_captures_show_where_they_are_output_and_nowhere_else() -> None:
    text = (
        "{% capture intro %}\n    Hello **crew**.\n{% endcapture %}"
        "{% capture unused %}Never shown.{% endcapture %}\n"
        "<div>\n    {{ intro | markdownify }}\n</div>\n\nSaid: {{ intro | strip }}; {{ other }}\n"
    )
    assert liquid(text, {}) == (
        "\n<div>\n\n\nHello **crew**.\n\n\n</div>\n\n"
        "Said: Hello **crew**.; *\\[other: shown on the live site\\]*\n"
    )
    assert liquid('{% include "card.html", title: "x" %}', {}) == (
        "\n\n*\\[Included from card.html: shown on the live site\\]*\n\n"
    )


def test_init_warns_when_eleventy_would_publish_what_stagemap_writes(tmp_path: Path) -> None:
    """With the site's own folder as its input, Eleventy builds every page it does not ignore:
    the internal site and kits stagemap writes into site/ and kits/ would go out with it."""
    root = write(
        tmp_path / "root",
        {
            "eleventy.config.mjs": "export default function (config) {}\n",
            ".gitignore": "node_modules/\n/site/\n",
            "index.md": "---\ntitle: Home\n---\nHello.\n",
            "README.md": "# Read me\n",
        },
    )
    code, out, _ = run("init", str(root))
    assert code == 0
    assert (
        "Eleventy publishes every page its .eleventyignore and .gitignore do not name: add kits/ to"
        " .eleventyignore, or the site and kits stagemap writes there go out with your public site.\n"
    ) in out
    settings = (root / "stagemap.yml").read_text()
    assert (
        '  - path: .\n    url: "/{path}/"\n    exclude: ["/_includes/", "/_data/", "/_site/", "node_modules/",'
        ' "/README.md", "/package.json", "/package-lock.json", "/site/", "/kits/"]\n'
    ) in settings
    assert "roots:" not in settings
    (root / ".eleventyignore").write_text("kits\n")
    (root / "stagemap.yml").unlink()
    assert "publishes" not in run("init", str(root))[1]


def test_eleventyignore_lines_are_read_from_their_own_folder(tmp_path: Path) -> None:
    """A line of the input folder's .eleventyignore names a path there (``drafts`` is not
    ``blog/drafts``); one of the site's own folder starting ``**/`` reaches into the input folder."""
    root = write(
        tmp_path / "site",
        {
            "eleventy.config.js": 'module.exports = () => ({ dir: { input: "src" } });\n',
            ".eleventyignore": "**/*.draft.md\n*.md\n",
            "src/.eleventyignore": "drafts\n",
            "src/drafts/idea.md": "---\ntitle: Idea\n---\nNot yet.\n",
            "src/blog/drafts/index.md": "---\ntitle: On drafts\n---\nA post about drafts.\n",
            "src/blog/launch.draft.md": "---\ntitle: Launch\n---\nSoon.\n",
            "src/index.md": "---\ntitle: Home\n---\nHello.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    settings = (root / "stagemap.yml").read_text()
    assert 'exclude: ["/_includes/", "/_data/", "node_modules/", "**/*.draft.md", "/drafts"]' in settings
    assert sorted(a.path for a in stagemap.load_project(root).library.assets) == [
        "src/blog/drafts/index.md",
        "src/index.md",
    ]


def test_init_names_route_folders_from_the_project_when_the_site_is_in_a_folder(tmp_path: Path) -> None:
    """urls.roots and urls.static are read from the project: init wrote ``src`` for a site in
    website/, so a link to /app.env found a file at the repository's root."""
    root = write(
        tmp_path / "repo",
        {
            "website/eleventy.config.js": 'module.exports = () => ({ dir: { input: "src" } });\n',
            "website/src/index.md": "---\ntitle: Home\n---\nSee ![logo](/app.env).\n",
            "src/app.env": "SECRET=1\n",
        },
    )
    code, out, _ = run("init", str(root))
    assert code == 0, out
    settings = (root / "stagemap.yml").read_text()
    assert "site_root: website\n" in settings
    assert "  roots: [website/src]\n  static: [website/src]\n" in settings
    code, out, err = run("-C", str(root), "check", "--links")
    assert "website/src/index.md:4:13: warning: link to '/app.env' leads nowhere" in err


def test_eleventy_permalinks_are_worked_out_as_eleventy_makes_them_or_not_at_all() -> None:
    """A leading date comes off the file's name in fileSlug and filePathStem, and off an index
    page's folder; a slug this reading cannot be sure of (``&`` is ``and`` there, ``slug``
    keeps dots) gives no address rather than a wrong one; ``slugify`` writes ``ß`` as ``ss``."""
    cases = [
        ("/{{ page.filePathStem }}/", {}, "posts/2020-01-05-trip.md", "//posts/trip/"),
        ("/trips/{{ page.fileSlug }}/", {}, "posts/2020-01-05-trip/index.md", "/trips/trip/"),
        ("/{{- page.fileSlug -}}/", {}, "index.md", "//"),
        (
            "/blog/{{ title | slugify }}/",
            {"title": "Café déjà vu: part 2"},
            "a.md",
            "/blog/cafe-deja-vu-part-2/",
        ),
        ("/blog/{{ title | slugify }}/", {"title": "Stop & Go"}, "a.md", ""),
        ("/blog/{{ title | slugify }}/", {"title": "Straße"}, "a.md", "/blog/strasse/"),
        ("/blog/{{ title | slugify }}/", {"title": "Don't wait"}, "a.md", ""),
        ("/blog/{{ title | slug }}/", {"title": "v1.2 notes"}, "a.md", ""),
        ("/blog/{{ title | slug }}/", {"title": "Crew seats"}, "a.md", "/blog/crew-seats/"),
        ("/blog/{{ title | upcase }}/", {"title": "Crew"}, "a.md", ""),
        ("/{{" + " " * 5000 + "x/", {}, "a.md", ""),  # never closed: read once, not known
        # A pagination's later pages (ESLint's blog listing): the permalink is its first page's.
        (
            "blog{% if pagination.pageNumber > 0 %}/page/{{ pagination.pageNumber + 1 }}{% endif %}/",
            {},
            "b.html",
            "blog/",
        ),
        ("/x/{% if draft %}d/{% endif %}", {}, "a.md", ""),
        # A review: a part only the first page has is on the first page's permalink.
        ("/tags/{% if pagination.pageNumber == 0 %}all/{% endif %}", {}, "t.md", "/tags/all/"),
        ("/t/{% if pagination.pageNumber % 2 %}odd/{% endif %}", {}, "t.md", ""),
    ]
    for permalink, fm, sub, route in cases:
        assert eleventy_permalink(permalink, fm, sub) == route, permalink[:40]
    # Loose: a part worked out by a filter of the site's own stands as '*'.
    assert eleventy_permalink(
        "/blog/{{ page.date | ym }}/{{ page.fileSlug }}/", {}, "p/2017-03-31-v3.md", True
    ) == ("/blog/*/v3/")


def test_links_reach_pages_whose_permalink_a_filter_of_the_site_works_out(tmp_path: Path) -> None:
    """ESLint's site routes its 481 posts by 'blog/{{ page.date | blogPermalinkDate }}/{{
    page.fileSlug }}/index.html' and its blog listing by a pagination's permalink: every link to
    a post (36 in 28 posts) and to the listing led nowhere. A route with the post's first and
    last parts reaches it, unless two posts share them; a pagination's permalink is its first page's."""
    root = write(
        tmp_path,
        {
            ".eleventy.js": "module.exports = () => ({ dir: { input: 'src' } });\n",
            "stagemap.yml": "name: Ferrydesk\nmodel: buyer-journey\ngenerator: eleventy\nsources: [src]\n",
            "src/posts/posts.11tydata.json": '{"permalink": "news/{{ page.date | ym }}/{{ page.fileSlug }}/index.html"}\n',
            "src/posts/2024-04-10-april-notes.md": "---\ntitle: April notes\n---\nNotes.\n",
            "src/posts/2024-05-02-launch.md": (
                "---\ntitle: Launch\n---\nRead [April](/news/2024/04/april-notes/), the [news](/news/), the [home](/),"
                " [May](/news/2024/05/may-notes/) and [old](/old/2024/04/april-notes/).\n"
            ),
            "src/pages/archive.html": (
                '---\ntitle: News\npermalink: "news/{% if pagination.pageNumber > 0 %}page/'
                '{{ pagination.pageNumber + 1 }}/{% endif %}index.html"\n---\n<h1>News</h1>\n'
            ),
        },
    )
    code, _, err = run("-C", str(root), "check", "--links")
    assert code == 0 and [line.split(" (point")[0] for line in err.splitlines() if "src/" in line] == [
        "src/posts/2024-05-02-launch.md:4:84: warning: link to '/news/2024/05/may-notes/' leads nowhere",
        "src/posts/2024-05-02-launch.md:4:120: warning: link to '/old/2024/04/april-notes/' leads nowhere",
    ]
    library = stagemap.load_project(root).library
    assert [(a.id, a.url, a.route) for a in library.assets] == [
        ("pages/archive", "/news/", ""),
        ("posts/2024-04-10-april-notes", "", "/news/*/april-notes/"),
        ("posts/2024-05-02-launch", "", "/news/*/launch/"),
    ]


DATA_SITE: dict[str, str | bytes] = {
    "eleventy.config.js": "export default function () {\n  return { dir: { input: 'src' } };\n}\n",
    "stagemap.yml": (
        "name: Ferrydesk\nmodel: buyer-journey\ngenerator: eleventy\nsources: [src]\n"
        "urls:\n  base: https://ferry.example/\n"
        "rules:\n  - match: {tags: archive}\n    set: {stages: [awareness]}\n"
        "  - match: {tags: news}\n    add: {questions: [problems]}\n"
    ),
    # A folder's pages, routed and tagged by its directory data file (JSON).
    "src/posts/posts.json": '{\n  "permalink": "/news/{{ page.fileSlug }}/",\n  "tags": "news",\n  "layout": "post.njk"\n}\n',
    # A folder below: JavaScript, code never run, its plain values read.
    "src/posts/2024/2024.11tydata.js": (
        "const { DateTime } = require('luxon')\n"
        "module.exports = {\n"
        "  tags: ['archive'], // every post of the year\n"
        "  author: `Ana Ferreira`,\n"
        "  eleventyComputed: { year: (data) => DateTime.now().year },\n"
        "  permalink: (data) => `/old/${data.page.fileSlug}/`,\n"
        "}\n"
    ),
    "src/posts/2024/crossing.md": "---\ntitle: A new crossing\ntags: [launch]\n---\nText.\n",
    "src/posts/timetable.md": "---\ntitle: Timetable\n---\nText.\n",
    # A template data file gives one page its values; its own front matter still wins.
    "src/posts/timetable.11tydata.json": '{"title": "From data", "permalink": "/timetable/", "author": "Tom"}\n',
    # Not a data file: no page beside it, not named after its folder.
    "src/posts/routes.json": '{"permalink": "/wrong/"}\n',
}


def test_eleventy_data_files_route_and_tag_the_pages_beside_them(tmp_path: Path) -> None:
    """18F's posts take their permalink and layout from posts/posts.11tydata.js; stagemap read
    none of Eleventy's data files, so those pages had the address of their path."""
    root = write(tmp_path, DATA_SITE)
    library = stagemap.load_project(root).library
    assert [(a.id, a.title, a.url, a.owner, a.stages, a.questions) for a in library.assets] == [
        (
            "posts/2024/crossing",
            "A new crossing",
            "",  # the nearest permalink is worked out in code: no address rather than a wrong one
            "Ana Ferreira",
            ("awareness",),  # tags merged: launch, archive, news
            ("problems",),
        ),
        ("posts/timetable", "Timetable", "https://ferry.example/timetable/", "Tom", (), ("problems",)),
    ]
    crossing = library.assets[0]
    assert sorted(crossing.extra["tags"]) == ["archive", "launch", "news"]
    assert crossing.extra["layout"] == "post.njk"
    code, out, _ = run("-C", str(root), "report", "--explain", "awareness:problems", "--format", "json")
    assert code in (0, 1)
    explained = json.loads(out)["assets"][0]
    assert explained["stage_from"] == ["rule 1 (stagemap.yml:8): tags = archive -> stages: awareness"]
    # Changing a data file changes the pages it reaches at the next read (the parse cache knows).
    data = root / "src/posts/2024/2024.11tydata.js"
    data.write_text(data.read_text().replace("  permalink: (data) => `/old/${data.page.fileSlug}/`,\n", ""))
    (root / "src/posts/posts.json").write_text('{"permalink": "/stories/{{ page.fileSlug }}/"}\n')
    urls = [a.url for a in stagemap.load_project(root).library.assets]
    assert urls == ["https://ferry.example/stories/crossing/", "https://ferry.example/timetable/"]


def test_eleventy_data_files_read_only_plain_values_of_javascript() -> None:
    code = (
        "/* export default { wrong: 'x' } */\n"
        "const data = {\n"
        '  "quoted-key": "it\'s, fine", // a comment, with a comma\n'
        "  order: 3, ratio: 1.5, draft: false,\n"
        "  made: `x ${y}`, nested: { a: 1 }, mixed: ['a', b],\n"
        "  list: [\n    'one',\n    \"two\",\n  ],\n"
        "  run() { return 'no' },\n"
        "};\n"
        "if (process.env.X) { data.date = 'git Last Modified' }\n"
        "export default data;\n"
    )
    assert data_values(code.encode(), "a.11tydata.mjs") == [
        ("quoted-key", "it's, fine", 3),
        ("order", 3, 4),
        ("ratio", 1.5, 4),
        ("draft", False, 4),
        ("made", CODE, 5),  # a value is there, which only running the code gives
        ("nested", CODE, 5),
        ("mixed", CODE, 5),
        ("list", ["one", "two"], 6),
        ("run", CODE, 10),
    ]
    assert data_values(b"module.exports = function () { return {} }\n", "a.11tydata.js") == []
    assert data_values(b"module.exports = { a: 'never closed'\n", "a.11tydata.js") == []
    assert data_values(b'["not", "an object"]\n', "a.11tydata.json") == []
    assert data_values(b"{not json}\n", "a.json") == []


@pytest.mark.parametrize(
    ("code", "values"),
    [
        # A regular expression with a quote, and one after return.
        (
            "module.exports = {\n  slug: (d) => d.title.replace(/'/g, ''),\n  tags: ['news'],\n"
            "  clean(t) { return /\\/\\*/.test(t) },\n  layout: 'post.njk',\n}\n",
            [("slug", CODE, 2), ("tags", ["news"], 3), ("clean", CODE, 4), ("layout", "post.njk", 5)],
        ),
        # A definition inside a function is not the exported one; an export in a string is none.
        (
            "const fake = \"module.exports = { tags: 'fake' }\"\n"
            "function f() { const data = { tags: 'inner' } }\nconst data = { tags: 'outer' }\nexport default data\n",
            [("tags", "outer", 3)],
        ),
        # Escapes as JavaScript reads them.
        (
            "export default { title: 'caf\\u00e9 \\x41 \\u{1F600} it\\'s' }\n",
            [("title", "café A 😀 it's", 1)],
        ),
        # eleventyComputed's entries, one level down.
        (
            "module.exports = {\n  eleventyComputed: {\n    permalink: (d) => `/x/${d.page.fileSlug}/`,\n"
            "    title: 'Fixed',\n  },\n}\n",
            [("eleventyComputed", {"permalink": CODE, "title": "Fixed"}, 2)],
        ),
    ],
)
def test_eleventy_javascript_data_is_read_as_javascript_reads_it(code: str, values: list[object]) -> None:
    assert data_values(code.encode(), "x.11tydata.js") == values


def test_eleventy_json_data_gives_each_key_its_own_line() -> None:
    text = '{\n  "a": {"permalink": "/nested/"},\n  "permalink": "/top/",\n  "tags": ["x"], "tags": "y"\n}\n'
    assert data_values(text.encode(), "posts.json") == [
        ("a", {"permalink": "/nested/"}, 2),
        ("permalink", "/top/", 3),
        ("tags", "y", 4),
    ]


def test_eleventy_permalinks_worked_out_in_code_or_objects_give_what_eleventy_gives(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "stagemap.yml": "name: F\nmodel: buyer-journey\ngenerator: eleventy\nsources: [src]\n"
            "urls:\n  base: https://ferry.example/\n",
            "src/a/a.11tydata.js": "module.exports = { eleventyComputed: { permalink: (d) => '/x/' } }\n",
            "src/a/one.md": "---\ntitle: One\npermalink: /own/\n---\n",  # computed wins over its own
            "src/b/b.json": '{"eleventyComputed": {"permalink": "/b/{{ page.fileSlug }}/"}}\n',
            "src/b/two.md": "---\ntitle: Two\n---\n",
            "src/c/three.md": "---\ntitle: Three\npermalink:\n  build: /built/\n---\n",
            "src/c/four.md": "---\ntitle: Four\npermalink:\n  serverless: /live/\n---\n",
        },
    )
    assert {a.id: a.url for a in stagemap.load_project(root).library.assets} == {
        "a/one": "",
        "b/two": "https://ferry.example/b/two/",
        "c/four": "",
        "c/three": "https://ferry.example/built/",
    }


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="{}[]()'\"`/*,:;=\n abc$\\0123", max_size=120))
def test_eleventy_javascript_data_reading_never_fails(text: str) -> None:
    for prefix in ("module.exports = ", "export default ", "const d = ", ""):
        found = data_values((prefix + text).encode(), "x.11tydata.js")
        assert all(isinstance(key, str) and line >= 1 for key, _, line in found)


def test_eleventy_data_files_tags_are_explained_by_file_and_line(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "stagemap.yml": "name: F\nmodel: buyer-journey\ngenerator: eleventy\nsources: [src]\n",
            "src/posts/posts.json": '{\n  "tags": "news",\n  "stages": ["awareness"],\n  "questions": ["problems"]\n}\n',
            "src/posts/a.md": "---\ntitle: A\n---\nText.\n",
        },
    )
    for _ in range(2):  # read, then from the parse cache
        code, out, _ = run("-C", str(root), "report", "--explain", "awareness:problems")
        assert code == 0
        assert (
            "    stage from src/posts/posts.json:3 (data)\n    question from src/posts/posts.json:4 (data)\n"
            in out
        )


def test_a_nunjucks_example_kept_in_a_variable_is_shown_as_code_where_it_is_output() -> None:
    """Eleventy's docs keep each example in {% set codeBlock %}...{% endset %} and show it with
    {{ codeBlock | highlight("html") | safe }}: its text showed as prose (its links live, 7 false
    warnings) and the output as a placeholder, 170 times on 44 pages."""
    text = (
        'Intro.\n\n{%- set codeBlock %}{% raw %}\n<a href="/nowhere/">Home</a> {{ page.url }}\n'
        '{% endraw %}{%- endset %}\n{{ codeBlock | highlight("html") | safe }}\n\n'
        "{% set note %}Read **this**.{% endset %}\n{{ note | safe }}\n\n"
        "```njk\n{% set shown %}as written{% endset %}\n```\n"
    )
    assert clean(text, ".md", "eleventy", html=True) == (
        'Intro.\n\n```html\n<a href="/nowhere/">Home</a> {{ page.url }}\n```\n\n\n'
        "Read **this**.\n\n```njk\n{% set shown %}as written{% endset %}\n```\n"
    )


def test_a_nunjucks_variable_set_again_shows_at_each_output_the_value_set_last_before_it() -> None:
    """11ty's docs set codeBlock anew for each example of a page (92 of their pages do it more
    than once): every example showed the page's last one, the others lost. Nunjucks runs down
    the page, so each output shows the value set last before it; one before any set stays as
    written, as a capture's does."""
    text = (
        "{{ example | safe }}\n\n"
        "{% set example %}{% raw %}\ncrew: 4\n{% endraw %}{% endset %}\n"
        '{{ example | highlight("yaml") | safe }}\n\nThen the boat.\n\n'
        '{% set example %}{% raw %}\n{"boat": "Tern"}\n{% endraw %}{% endset %}\n'
        '{{ example | highlight("json") | safe }}\n\n'
        "And again: {{ example }}\n"
    )
    assert clean(text, ".md", "eleventy", html=True) == (
        "*\\[example | safe: shown on the live site\\]*\n\n```yaml\ncrew: 4\n```\n\n\nThen the boat.\n\n"
        '```json\n{"boat": "Tern"}\n```\n\n\nAnd again: {"boat": "Tern"}\n'
    )


def test_eleventys_bundles_go_to_the_pages_style_and_script_not_its_text() -> None:
    """Eleventy's site adds CSS to a page with {% css %}...{% endcss %}: it showed as a paragraph."""
    text = (
        "Intro.\n\n{% css %}\n.rota { color: teal; }\n{% endcss %}\n{%- js %}let vans = 3;{% endjs %}\nEnd.\n"
    )
    assert clean(text, ".md", "eleventy") == "Intro.\n\nEnd.\n"


def test_an_eleventy_page_named_after_its_folder_is_that_folders_page(tmp_path: Path) -> None:
    """Eleventy writes src/notes/walrus/walrus.md at /notes/walrus/, as it does an index: it was
    '/notes/walrus/walrus/', and a link to '/notes/walrus/' went to the public site unchecked."""
    root = write(
        tmp_path / "site",
        {
            "eleventy.config.js": 'export const config = { dir: { input: "src" } };\n',
            "src/notes/walrus/walrus.md": "---\ntitle: Walrus\n---\nTusks.\n",
            "src/notes/walrus/seal.md": "---\ntitle: Seal\n---\nSee [the walrus](/notes/walrus/).\n",
            "src/notes/Otter/otter.md": "---\ntitle: Otter\n---\nNamed in another case: a page of its own.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert {a.path: a.route for a in library.assets} == {
        "src/notes/Otter/otter.md": "/notes/Otter/otter/",
        "src/notes/walrus/seal.md": "/notes/walrus/seal/",
        "src/notes/walrus/walrus.md": "/notes/walrus/",
    }
    _, out, err = run("-C", str(root), "check", "--links")
    assert "leads nowhere" not in err + out


def test_eleventy_leaves_out_what_its_configuration_ignores_and_its_error_page(tmp_path: Path) -> None:
    """ESLint's site adds src/content/drafts/ to eleventyConfig.ignores and has src/404.html:
    both were read as published assets. docs/settings.md named Eleventy's /404.html an error
    page, which the preset did not."""
    root = write(
        tmp_path,
        {
            ".eleventy.js": (
                "module.exports = (config) => {\n  // config.ignores.add('src/notes/');\n"
                "  if (process.env.PROD) config.ignores.add(\"src/drafts/\");\n  return { dir: { input: 'src' } };\n};\n"
            ),
            "src/drafts/idea.md": "---\ntitle: Idea\n---\nNot yet.\n",
            "src/notes/kept.md": "---\ntitle: Kept\n---\nRead.\n",
            "src/404.html": "---\ntitle: Not found\n---\n<p>Nothing here.</p>\n",
            "src/index.md": "---\ntitle: Home\n---\nHi.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    assert '"/drafts/"' in (root / "stagemap.yml").read_text()
    project = stagemap.load_project(root)
    assert sorted(a.path for a in project.library.assets) == ["src/index.md", "src/notes/kept.md"]
    assert {f.path: (f.fate, f.kind) for f in project.library.fates if f.fate != "asset"} == {
        "src/404.html": ("non-asset", "error-page"),
        "src/drafts/idea.md": ("excluded", ""),
    }


def test_a_front_matter_key_that_is_a_mapping_is_read_as_javascripts_yaml_reads_it(tmp_path: Path) -> None:
    """The A11Y Project's site has 'key: { { category } }' under eleventyNavigation (braces YAML
    reads as a mapping in a mapping's key): Eleventy builds the page, stagemap refused it with
    an error and check failed. js-yaml makes such a key the text '[object Object]'."""
    text = "title: Launch day\nmenu:\n  key: { { category } }\n? [a, b]\n: 1\n"
    assert yamlsafe.load(text).data == {
        "title": "Launch day",
        "menu": {"key": {"[object Object]": None}},
        "a,b": 1,
    }


TEMPLATE_PAGES: dict[str, str | bytes] = {
    "eleventy.config.js": 'export default function (config) { return { dir: { input: "site" } }; }\n',
    "site/index.njk": (
        "---\ntitle: Quayside lamps\n---\n{# for writers: keep the shop hours current #}\n"
        '{% set hours = "nine to five" %}\n<h1>{{ title }}</h1>\n'
        '<p>Open {{ hours }}. Read <a href="/visit/">how to find us</a>.</p>\n'
        "{% macro badge(x) %}<span>{{ x }}</span>{% endmacro %}\n"
        "<ul>{% for lamp in collections.lamps %}<li>{{ lamp.data.title }}</li>{% endfor %}</ul>\n"
    ),
    "site/visit.liquid": "---\ntitle: Visit us\n---\n<p>Two doors down from the chandler, {{ title }} on the map.</p>\n",
    "site/news/lamp-oil.md": "---\ntitle: Lamp oil\nshop: Quayside\n---\nBack [home](/) or [visit](/visit/). {{ shop }} sells it.\n",
    "site/feed.njk": "---\npermalink: /feed.xml\n---\n<feed>{% for n in collections.all %}<entry/>{% endfor %}</feed>\n",
    "site/robots.liquid": "---\npermalink: robots.txt\n---\nUser-agent: *\n",
    "site/404.njk": "---\ntitle: Lost\n---\n<p>No lamp here.</p>\n",
}


def test_eleventys_nunjucks_and_liquid_pages_are_read_as_pages_written_in_html(tmp_path: Path) -> None:
    """The A11Y Project's 29 pages written as .njk were not read (links to them were reported as
    leading nowhere); a template that writes a feed or robots.txt is no page; a page's own data is
    named as it is (``{{ title }}``, ``{{ shop }}``), a ``set`` text where it is output, and
    neither a Nunjucks comment nor a macro shows."""
    root = write(tmp_path / "lamps", TEMPLATE_PAGES)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[2:8] == [
        "Files under the sources: 6 (.njk 3, .liquid 2, .md 1)",
        "Read as assets: 3, 3 of them without stages or questions",
        "Not read as assets: 3 of 6 files, on purpose",
        "  1 non-asset: error-page by '/404.njk'",
        "  1 non-asset: not a page by 'permalink: /feed.xml'",
        "  1 non-asset: not a page by 'permalink: robots.txt'",
    ]
    library = stagemap.load_project(root).library
    assert {a.path: (a.title, a.route) for a in library.assets} == {
        "site/index.njk": ("Quayside lamps", "/"),
        "site/news/lamp-oil.md": ("Lamp oil", "/news/lamp-oil/"),
        "site/visit.liquid": ("Visit us", "/visit/"),
    }
    assert {f.path: f.reason for f in library.fates if f.kind == "not a page"} == {
        "site/feed.njk": "permalink: /feed.xml (the site writes a file of another kind from it (a feed, "
        "a sitemap, data), not a page)",
        "site/robots.liquid": "permalink: robots.txt (the site writes a file of another kind from it (a "
        "feed, a sitemap, data), not a page)",
    }
    code, out, err = run("-C", str(root), "check", "--links")
    assert "leads nowhere" not in err + out
    code, _, err = run("-C", str(root), "build", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")

    def body(page: str) -> str:
        text = (tmp_path / "out/assets" / page).read_text()
        start = text.index('<div class="body">')
        return text[start : text.index("</div>", start)]

    assert body("index.html") == (
        '<div class="body">\n<p>Open nine to five. Read <a href="visit.html">how to find us</a>.</p>\n'
        "<p><em>[A list from the site's data: shown on the live site]</em></p>\n\n"
    )
    assert "chandler, Visit us on the map." in body("visit.html")
    assert "Quayside sells it." in body("news/lamp-oil.html")


def test_a_text_a_page_sets_shows_where_it_is_output_in_liquid_and_nunjucks() -> None:
    assert liquid('{% assign crew = "six" %}A crew of {{ crew }}, {{ page.crew }}.', {}) == (
        "A crew of six, *\\[page.crew: shown on the live site\\]*."
    )
    assert liquid("{{ title }} and {{ page.title }}", {"title": "Ferries"}, bare=True) == (
        "Ferries and *\\[page.title: shown on the live site\\]*"
    )
    assert liquid("{{ title }} and {{ page.title }}", {"title": "Ferries"}) == (
        "*\\[title: shown on the live site\\]* and Ferries"
    )
    assert liquid("{# hidden #}## Stops {#stops}", {}, bare=True, engine="njk") == "## Stops {#stops}"


def test_a_sites_own_paired_tags_show_what_they_hold_code_as_code() -> None:
    """The Sass site writes 339 {% codeExample %} blocks on 58 pages, SCSS and then Sass split at
    '===': each SCSS half became a heading (96 on 42 pages), pushing the page's own headings a
    level down; prose indented inside nested tags became code."""
    text = (
        "Intro.\n\n{% codeExample 'widths' %}\n  @debug 2px + 3px; // 5px\n  ===\n  @debug 2px + 3px  // 5px\n"
        "{% endcodeExample %}\n\n{% signature %}\n  {% note %}\n    Prose in a note.\n  {% endnote %}\n"
        "{% endsignature %}\n\n{% if x %}kept{% endif %}, {% lonely %} alone.\n"
    )
    assert clean(text, ".md", "eleventy") == (
        "Intro.\n\n```\n@debug 2px + 3px; // 5px\n```\n\n```\n@debug 2px + 3px  // 5px\n```\n\n\n"
        "Prose in a note.\n\nkept,  alone.\n"
    )


def test_eleventy_yaml_data_files_route_the_pages_beside_them(tmp_path: Path) -> None:
    """The Sass site gives its 45 blog posts their permalink in blog.11tydata.yml (it registers
    YAML data with addDataExtension): stagemap gave them addresses the site does not have."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": (
                "module.exports = (c) => {\n  c.addDataExtension('yml, yaml', (t) => yaml.load(t));\n"
                "  return { dir: { input: 'src' } };\n};\n"
            ),
            "src/posts/posts.11tydata.yml": 'permalink: "/articles/{{ page.fileSlug }}/"\ntags: [news]\n',
            "src/posts/hello.md": "---\ntitle: Hello\n---\nText.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert [(a.path, a.url or a.route, a.extra.get("tags")) for a in library.assets] == [
        ("src/posts/hello.md", "/articles/hello/", ["news"])
    ]


def test_own_paired_tags_in_a_sentence_a_list_item_or_a_raw_block_keep_their_place() -> None:
    """A review of the sitting's change: {% kbd %}Ctrl{% endkbd %} in a sentence made four
    paragraphs, a block tag in a list item split the list, and tags shown in {% raw %} or
    hidden in {% comment %} were read; a Nunjucks comment around a tag showed."""
    assert clean(
        "Press {% kbd %}Ctrl{% endkbd %} + {% kbd %}C{% endkbd %} to copy.\n", ".md", "eleventy"
    ) == ("Press Ctrl + C to copy.\n")
    item = '1. Step one\n\n   {% callout "info" %}\n   Note **text**\n   {% endcallout %}\n\n   More.\n\n2. Two\n'
    assert clean(item, ".md", "eleventy") == "1. Step one\n\n   Note **text**\n\n   More.\n\n2. Two\n"
    raw = "Open with {% raw %}`{% callout %}`{% endraw %}.\n\n{% comment %}\n{% codeExample %}\na\n{% endcodeExample %}\n{% endcomment %}\nEnd.\n"
    assert clean(raw, ".md", "jekyll") == "Open with `{% callout %}`.\n\nEnd.\n"
    assert clean('Before {# {% include "old.njk" %} #} after.\n', ".njk", "eleventy") == "Before  after.\n"
    assert liquid('{% assign v = "one" %}{{ v }} {% assign v = "two" %}{{ v }}', {}) == (
        "*\\[v: shown on the live site\\]* *\\[v: shown on the live site\\]*"
    )


def test_a_link_to_a_file_a_template_writes_leads_somewhere(tmp_path: Path) -> None:
    """A review: links to /feed.json and /sitemap.xml, files the site's templates write, were
    reported as leading nowhere once those templates became non-assets."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": 'module.exports = () => ({ dir: { input: "src" } });\n',
            "src/feed.md": '---\npermalink: /feed.json\n---\n{"items": []}\n',
            "src/sitemap.njk": "---\npermalink: /sitemap.xml\n---\n<urlset/>\n",
            "src/index.md": "---\ntitle: Home\n---\n[feed](/feed.json), [map](/sitemap.xml), [gone](/gone/)\n",
        },
    )
    assert run("init", str(root))[0] == 0
    _, _, err = run("-C", str(root), "check", "--links")
    assert [line.split(" (")[0] for line in err.splitlines() if line.startswith("src/")] == [
        "src/index.md:4:49: warning: link to '/gone/' leads nowhere"
    ]


def test_eleventy_reads_only_the_template_formats_its_configuration_names(tmp_path: Path) -> None:
    """A review: with setTemplateFormats(["md", "njk"]), old.liquid was read as a page, which
    Eleventy leaves as it is."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": (
                'module.exports = function (c) {\n  c.setTemplateFormats(["md", "njk"]);\n'
                '  return { dir: { input: "src" } };\n};\n'
            ),
            "src/old.liquid": "---\ntitle: Old\n---\n<p>Old.</p>\n",
            "src/page.njk": "---\ntitle: Page\n---\n<p>Page.</p>\n",
            "src/copy.html": "---\ntitle: Copy\n---\n<p>Copy.</p>\n",
            "src/note.md": "---\ntitle: Note\n---\nText.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert sorted(a.path for a in library.assets) == ["src/note.md", "src/page.njk"]
    assert {f.path: f.rule for f in library.fates if f.fate == "excluded"} == {
        "src/copy.html": "*.html",
        "src/old.liquid": "*.liquid",
    }
    assert eleventy_folders("") == EleventyFolders()  # (no formats named: every page ending read)


def test_eleventy_a_readme_is_a_page_of_its_own_not_its_folders(tmp_path: Path) -> None:
    """lit.dev: docs/README.md was given its folder's address (/docs/), as an index; Eleventy
    makes only index.* and a file named after its folder stand for the folder: the read-me is
    at /docs/README/. stagemap's own format and other generators keep README as an index."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": "name: F\nmodel: buyer-journey\ngenerator: eleventy\n"
            'sources:\n  - path: src\n    url: "/{path}/"\n'
            "urls:\n  base: https://ferry.example/\n",
            "src/guide/README.md": "---\ntitle: Read me\n---\n",
            "src/guide/index.md": "---\ntitle: Guide\n---\n",
            "src/tips/tips.md": "---\ntitle: Tips\n---\n",
        },
    )
    assert {a.id: a.url for a in stagemap.load_project(root).library.assets} == {
        "guide/README": "https://ferry.example/guide/README/",
        "guide/index": "https://ferry.example/guide/",
        "tips/tips": "https://ferry.example/tips/",
    }


def test_a_paginated_template_is_a_listing_not_one_page(tmp_path: Path) -> None:
    """hylia's tags.njk and lit.dev's api.html: a template with pagination was one published
    asset without an address, counted as coverage, its body placeholders; Eleventy makes a page
    per item or group of items of it. jekyll-paginate-v2's pagination: {enabled: true} likewise."""
    root = write(
        tmp_path / "garden",
        {
            "eleventy.config.js": 'export default function (config) { return { dir: { input: "src" } }; }\n',
            "src/notes/first.md": "---\ntitle: First note\ntags: [garden]\n---\nSeeds.\n",
            "src/topics.njk": "---\ntitle: Topic archive\npagination:\n  data: collections\n  size: 1\n"
            "  alias: topic\npermalink: /topics/{{ topic }}/\n---\n<h2>{{ topic }}</h2>\n",
            "src/about.njk": "---\ntitle: About\npagination: 3\n---\n<p>Us.</p>\n",
        },
    )
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[3:6] == [
        "Read as assets: 2, 2 of them without stages or questions",
        "Not read as assets: 1 of 3 files, on purpose",
        "  1 non-asset: listing by 'pagination: collections'",
    ]
    library = stagemap.load_project(root).library
    assert [a.path for a in library.assets] == ["src/about.njk", "src/notes/first.md"]
    jekyll = write(
        tmp_path / "blog",
        {
            "_config.yml": "title: Blog\n",
            "blog/index.md": "---\ntitle: Blog\npagination:\n  enabled: true\n---\nPosts.\n",
            "about.md": "---\ntitle: About\npagination:\n  enabled: false\n---\nUs.\n",
        },
    )
    assert run("init", str(jekyll))[0] == 0
    fates = {f.path: (f.fate, f.kind) for f in stagemap.load_project(jekyll).library.fates}
    assert (fates["blog/index.md"], fates["about.md"]) == (("non-asset", "listing"), ("asset", ""))


def test_an_output_after_a_set_on_its_own_indented_line_shows_the_value() -> None:
    """Review R3 of f27aad0: a set and its output on one indented line (in a list item) left the
    output as written, as the value was looked for before the line's indentation."""
    text = '- Item\n  {% set x %}let a = 1;{% endset %}{{ x | highlight("js") | safe }}\n'
    assert "```js\nlet a = 1;\n```" in shown_sets(text)
