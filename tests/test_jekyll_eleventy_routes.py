"""Pages of Jekyll and Eleventy sites that their generators write where stagemap did not look:
a permalink without an ending, paginated listings, error pages (analyse/routes.py,
read/presets.py, read/eleventy.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from stagemap.analyse.routes import Routes
from stagemap.cli.app import cli
from tests.conftest import write

HINT = "(point it at a content file, a page's route or a file in the site's static folders)"


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def nowhere(root: Path) -> list[str]:
    return [line for line in run(root, "check", "--links")[2].splitlines() if "leads nowhere" in line]


def test_a_jekyll_permalink_without_an_ending_is_written_to_its_html_file(tmp_path: Path) -> None:
    """KubeVirt's site (Jekyll): its labs collection's permalink is '/:collection/:path', with no
    ending, and Jekyll writes each lab to a .html file (a page's destination takes the output's
    ending); links to those files were reported as leading nowhere. A permalink ending in '/'
    is written to a folder's index.html: a link to its '.html' still leads nowhere."""
    root = write(
        tmp_path,
        {
            "_config.yml": "url: https://tea.example\n",
            "labs/brew.md": "---\ntitle: Brew\npermalink: /labs/brew\n---\nBoil.\n",
            "labs/cool.md": "---\ntitle: Cool\npermalink: /labs/cool/\n---\nWait.\n",
            "labs/serve.md": (
                "---\ntitle: Serve\npermalink: /labs/serve\n---\n"
                "After [brewing](/labs/brew.html) and [cooling](/labs/cool.html).\n"
            ),
        },
    )
    assert run(root, "init")[0] == 0
    assert nowhere(root) == [f"labs/serve.md:5:48: warning: link to '/labs/cool.html' leads nowhere {HINT}"]


def test_jekyll_paginate_makes_a_listing_of_the_index_in_its_paginate_paths_folder(tmp_path: Path) -> None:
    """KubeVirt's site (Jekyll, jekyll-paginate, paginate_path '/blogs/page:num'): blogs/index.html,
    the page the plugin makes a page of per five posts, was read as one asset. It is a listing,
    as jekyll-paginate-v2's and Eleventy's paginated pages are; the home page's index.html stays
    a page, and without 'paginate' so does the listing's."""
    root = write(
        tmp_path,
        {
            "_config.yml": 'url: https://tea.example\npaginate: 4\npaginate_path: "/journal/page:num"\n',
            "index.html": '---\ntitle: Home\n---\n<p>Read <a href="/journal/">the journal</a>.</p>\n',
            "journal/index.html": (
                "---\ntitle: Journal\n---\n{% for post in paginator.posts %}<p>{{ post.title }}</p>{% endfor %}\n"
            ),
            "_posts/2026-01-02-first-pot.md": "---\ntitle: First pot\n---\nBrewed.\n",
        },
    )
    assert run(root, "init")[0] == 0
    out = run(root, "check")[1]
    assert "  1 non-asset: listing by 'paginate: 4'\n" in out
    assert nowhere(root) == []
    write(root, {"_config.yml": "url: https://tea.example\n"})
    assert "listing" not in run(root, "check")[1]


ELEVENTY = 'export default function (config) { return { dir: { input: "src" } }; }\n'


def test_an_eleventy_page_written_at_404_is_the_error_page(tmp_path: Path) -> None:
    """A public Eleventy site keeps its not-found page under another name, with 'permalink:
    /404.html' (as Eleventy's docs write it): it was read as one of the site's pages, as the
    error-page globs name 404.md and the like by their path alone. Its permalink says what it is;
    '/404/' (the folder's index.html) too."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": ELEVENTY,
            "src/misc/notfound.md": "---\ntitle: Lost\npermalink: /404.html\n---\nNo page here.\n",
            "src/misc/missing.md": "---\ntitle: Missing\npermalink: /404/\n---\nNo page here either.\n",
            "src/index.md": "---\ntitle: Home\n---\nHello.\n",
        },
    )
    assert run(root, "init")[0] == 0
    out = run(root, "check")[1]
    assert "  1 non-asset: error-page by 'permalink: /404.html'\n" in out
    assert "  1 non-asset: error-page by 'permalink: /404/'\n" in out


def test_a_link_to_an_eleventy_listing_reaches_its_first_page(tmp_path: Path) -> None:
    """A public Eleventy site's paginated blog listing (its permalink the first page's address,
    its later pages '/blog/page-2/'): links to it were reported as leading nowhere once the
    template was read as a listing, its route taken from its file's path. Its permalink gives its
    first page's address, a template in it too. Where the pages of a pagination over a collection
    are not known, a link of the form its permalink gives them is taken to reach one, and check
    says once why they are not known, only where such a link is (tests/test_eleventy_paged.py)."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": ELEVENTY,
            "src/pages/journal.njk": (
                "---\ntitle: Journal\npagination:\n  data: collections.all\n  size: 5\n"
                "permalink: /journal/{% if pagination.pageNumber > 0 %}page-{{ pagination.pageNumber + 1 }}/"
                "{% endif %}\n---\n<h1>{{ title }}</h1>\n"
            ),
            "src/pages/topics.njk": (
                "---\ntitle: Topics\npagination:\n  data: collections\n  size: 1\n  alias: topic\n"
                "permalink: /topics/{{ topic }}/\n---\n<h1>{{ topic }}</h1>\n"
            ),
            "src/about.md": "---\ntitle: About\n---\nRead [the journal](/journal/) or [a topic](/topics/tea/).\n",
        },
    )
    assert run(root, "init")[0] == 0
    assert "listing by 'pagination: collections.all (first page at /journal/)'" in run(root, "check")[1]
    assert nowhere(root) == []
    said = run(root, "check", "--links")[2]
    assert (
        "src/pages/topics.njk:3:1: warning: the pages its pagination makes are not known here: it goes"
        " through the site's collections, which Eleventy gathers as it builds (a link to an address of"
        " the form /topics/*/ is taken to reach one of them, not checked; 'lint: {unknown-pages: false}'"
        " in stagemap.yml says it no more)"
    ) in said
    assert "journal.njk" not in said  # (no link reaches its later pages: nothing to say)


def test_an_eleventy_readme_is_reached_at_its_own_route_not_its_folders(tmp_path: Path) -> None:
    """A reviewer of lit.dev's fix (Eleventy writes docs/README.md at /docs/README/, not at
    /docs/): the page's address moved, but its routes from its file (and a non-page file's,
    Routes.route_of) still made it /docs/, so a link to /docs/ reached it. Now only its own."""
    root = write(
        tmp_path,
        {
            "eleventy.config.mjs": "export default function (config) {}\n",
            "index.md": "---\ntitle: Home\n---\nSee [the docs](/docs/) and [the read-me](/docs/README/).\n",
            "docs/README.md": "---\ntitle: Read me\n---\nHello.\n",
        },
    )
    assert run(root, "init")[0] == 0
    assert nowhere(root) == [f"index.md:4:16: warning: link to '/docs/' leads nowhere {HINT}"]
    others = frozenset({"docs/README.md"})
    routes = Routes(roots=(".",), extensions=(".md",), others=others)
    assert routes.route_of("docs/README.md") == "/docs/"
    assert replace(routes, folder_named=True).route_of("docs/README.md") == "/docs/README/"


def test_eleventy_pages_made_of_webc_and_javascript_templates_are_pages_of_the_site(tmp_path: Path) -> None:
    """11ty's own site: its home page and docs landing page are WebC templates (the WebC plugin
    adds the format) and its activity page a JavaScript one (index.webc, docs/index.webc,
    firehose.11ty.js). Not read, they were counted as files that are not content, and every
    link to them was reported as leading nowhere. They are pages at their routes; a component
    in the includes folder is none, and without the plugin a .webc file is no template (a
    file the site copies, at best)."""
    config = (
        'import webc from "@11ty/eleventy-plugin-webc";\n'
        'export default function (config) { config.addPlugin(webc); return { dir: { input: "src" } }; }\n'
    )
    root = write(
        tmp_path,
        {
            "eleventy.config.js": config,
            "src/index.webc": "---\ntitle: Otterline\n---\n<h1>Otterline</h1>\n<otter-card></otter-card>\n",
            "src/guide/index.webc": "<h1>Start here</h1>\n",
            "src/feed.11ty.js": "export default function () { return '<p>All news</p>'; }\n",
            "src/_includes/otter-card.webc": "<div>An otter</div>\n",
            "src/about.md": (
                "---\ntitle: About\n---\nBack [home](/), [the guide](/guide/), [the feed](/feed/), "
                "[its file](guide/index.webc) or [gone](/otter-card/).\n"
            ),
        },
    )
    assert run(root, "init")[0] == 0
    out = run(root, "check")[1]
    assert "  2 non-asset: a page the site makes of its .webc template, which stagemap does not read\n" in out
    assert (
        "  1 non-asset: a page the site makes of its .11ty.js template, which stagemap does not read\n" in out
    )
    assert nowhere(root) == [f"src/about.md:4:98: warning: link to '/otter-card/' leads nowhere {HINT}"]
    write(
        root,
        {
            "eleventy.config.js": 'export default { templateFormats: ["md", "webc"], dir: { input: "src" } };\n'
        },
    )
    assert "of its .11ty.js template" not in run(root, "check")[1]
    write(root, {"eleventy.config.js": ELEVENTY})
    assert [line.split(" warning: ")[1].split(" (")[0] for line in nowhere(root)] == [
        "link to '/guide/' leads nowhere",
        "link to '/otter-card/' leads nowhere",
    ]


def test_webc_components_the_plugin_ignores_are_no_pages(tmp_path: Path) -> None:
    """Review R3 of f27aad0: the WebC plugin adds its ``components`` glob to Eleventy's ignores
    (by default ``_components/**/*.webc``), so a component kept outside the includes folder is
    no page, and a link to its route leads nowhere."""
    config = (
        'import webc from "@11ty/eleventy-plugin-webc";\n'
        "export default function (config) {\n"
        '  config.addPlugin(webc, { components: "src/_components/**/*.webc" });\n'
        '  return { dir: { input: "src" } };\n}\n'
    )
    root = write(
        tmp_path,
        {
            "eleventy.config.js": config,
            "src/index.webc": "<h1>Otterline</h1>\n<otter-card></otter-card>\n",
            "src/_components/otter-card.webc": "<div>An otter</div>\n",
            "src/about.md": "---\ntitle: About\n---\nBack [home](/) or [the card](/_components/otter-card/).\n",
        },
    )
    assert run(root, "init")[0] == 0
    out = run(root, "check")[1]
    assert "  1 non-asset: a page the site makes of its .webc template, which stagemap does not read\n" in out
    assert [line.split(" warning: ")[1].split(" (")[0] for line in nowhere(root)] == [
        "link to '/_components/otter-card/' leads nowhere"
    ]


def test_eleventy_2_makes_pages_of_pug_and_its_other_own_languages(tmp_path: Path) -> None:
    """A small Eleventy 2 site wrote one page in Pug (src/pug.pug) and linked to it from its home
    page: counted as 'not a content file by its ending', the link was reported as leading
    nowhere. Eleventy 2 reads Pug, EJS, Handlebars, Mustache and HAML itself; Eleventy 3 moved each
    to a plugin, so there a .pug file is a page only where the configuration adds that plugin,
    and a configuration naming its template formats makes pages of those alone."""
    files = {
        "eleventy.config.js": ELEVENTY,
        "package.json": '{"devDependencies": {"@11ty/eleventy": "^2.0.1"}}',
        "src/lanterns.pug": "h1 Lanterns\n",
        "src/ropes.hbs": "<h1>Ropes</h1>\n",
        "src/index.md": "---\ntitle: Harbour shop\n---\nSee [lanterns](/lanterns/) and [ropes](/ropes/).\n",
    }
    root = write(tmp_path, files)
    assert run(root, "init")[0] == 0
    out = run(root, "check")[1]
    assert "  1 non-asset: a page the site makes of its .pug template, which stagemap does not read\n" in out
    assert "  1 non-asset: a page the site makes of its .hbs template, which stagemap does not read\n" in out
    assert nowhere(root) == []
    write(root, {"package.json": '{"devDependencies": {"@11ty/eleventy": "^3.0.0"}}'})
    assert [line.split(" warning: ")[1].split(" (")[0] for line in nowhere(root)] == [
        "link to '/lanterns/' leads nowhere",
        "link to '/ropes/' leads nowhere",
    ]
    plugin = 'import pug from "@11ty/eleventy-plugin-pug";\n' + ELEVENTY.replace(
        "{ return", "{ config.addPlugin(pug); return"
    )
    write(root, {"eleventy.config.js": plugin})
    assert [line.split(" warning: ")[1].split(" (")[0] for line in nowhere(root)] == [
        "link to '/ropes/' leads nowhere"
    ]
    write(root, {"package.json": '{"devDependencies": {"@11ty/eleventy": "2.0.1"}}'})
    write(
        root,
        {"eleventy.config.js": 'export default { templateFormats: ["md", "hbs"], dir: { input: "src" } };\n'},
    )
    assert [line.split(" warning: ")[1].split(" (")[0] for line in nowhere(root)] == [
        "link to '/lanterns/' leads nowhere"
    ]


def test_eleventy_3_makes_a_language_plugins_pages_whatever_formats_the_configuration_names(
    tmp_path: Path,
) -> None:
    """Each of Eleventy 3's language plugins adds its format (addTemplateFormats('pug')), and
    Eleventy 3 makes pages of the formats the configuration names and those added together: a
    site naming ["md", "njk"] and adding the Pug plugin makes a page of src/charts.pug, which
    stagemap counted as 'not a content file by its ending' (a link to it leading nowhere).
    Eleventy 2's own languages still follow the formats named ('*' naming none of them)."""
    config = (
        'module.exports = (config) => { config.addPlugin(require("@11ty/eleventy-plugin-pug"));'
        ' config.setTemplateFormats(["md", "njk"]); return { dir: { input: "src" } }; };\n'
    )
    files = {
        ".eleventy.js": config,
        "package.json": '{"devDependencies": {"@11ty/eleventy": "^3.0.0"}}',
        "src/charts.pug": "h1 Charts\n",
        "src/index.md": "---\ntitle: Chandlery\n---\nSee [the charts](/charts/).\n",
    }
    root = write(tmp_path, files)
    assert run(root, "init")[0] == 0
    out = run(root, "check")[1]
    assert "  1 non-asset: a page the site makes of its .pug template, which stagemap does not read\n" in out
    assert nowhere(root) == []
    write(root, {".eleventy.js": 'module.exports = { templateFormats: "*", dir: { input: "src" } };\n'})
    write(root, {"package.json": '{"devDependencies": {"@11ty/eleventy": "2.0.1"}}'})
    assert [line.split(" warning: ")[1].split(" (")[0] for line in nowhere(root)] == [
        "link to '/charts/' leads nowhere"
    ]
