"""A Docusaurus site's configuration (code, never run) says where its docs and blog are served."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import stagemap
from stagemap.read.docusaurus import (
    ContentFolder,
    client_redirects,
    content_folders,
    current_route,
    trailing_slash,
)
from tests.conftest import write
from tests.test_init_sites import initialised, run

PRESET = """// @ts-check
module.exports = {{
  title: 'Tidewater Docs',
  url: 'https://docs.tidewater.example',
  baseUrl: '/',
  {trailing}
  presets: [
    [
      'classic',
      ({{
        docs: {{
          sidebarPath: require.resolve('./sidebars.js'),
          {docs}
          remarkPlugins: [[somePlugin, {{path: 'not/the/docs'}}]],
        }},
        {blog}
        theme: {{customCss: require.resolve('./src/css/custom.css')}},
      }}),
    ],
  ],
  plugins: [{plugins}],
  themeConfig: ({{docs: {{sidebar: {{hideable: true}}}}, navbar: {{title: 'Docs'}}}}),
}};
"""


def config(trailing: str = "", docs: str = "", blog: str = "", plugins: str = "") -> str:
    return PRESET.format(trailing=trailing, docs=docs, blog=blog, plugins=plugins)


@pytest.mark.parametrize(
    ("code", "folders"),
    [
        (config(), [("docs", "docs", "docs"), ("blog", "blog", "blog")]),
        (
            config(docs="routeBasePath: '/',", blog="blog: false,"),
            [("docs", "docs", "")],
        ),
        (
            config(
                docs="path: 'guides', routeBasePath: 'help/guides',",
                blog="blog: {path: 'news', routeBasePath: 'news'},",
            ),
            [("docs", "guides", "help/guides"), ("blog", "news", "news")],
        ),
        (
            # A commented-out option is not the site's; a plugin instance adds a docs folder.
            config(
                docs="// routeBasePath: '/',",
                plugins="['@docusaurus/plugin-content-docs', {id: 'community', path: 'community', routeBasePath: 'community'}]",
            ),
            [
                ("docs", "docs", "docs"),
                ("blog", "blog", "blog"),
                ("docs", "community", "community", "community"),
            ],
        ),
        (
            # Seen by a review: '/*' in a string opened no comment; docs: false turns the
            # preset's docs off; a path worked out in code is unknown (kept, to be named), a route falls back.
            config(
                docs="include: ['**/*.md'], path: './guides', routeBasePath: `${base}`,",
                blog="blog: {include: ['**/*.md'], path: `${root}/news`},",
            ),
            [("docs", "guides", "docs"), ("blog", "${root}/news", "", "", True)],
        ),
        (
            "module.exports = {presets: [['classic', {docs: false, blog: false}]], plugins: ["
            "['@docusaurus/plugin-content-docs', {path: 'docs', routeBasePath: '/'}]]};",
            [("docs", "docs", "")],
        ),
        (
            # Quoted keys, a blog plugin of its own, a plugin named through require.resolve.
            'module.exports = {"presets": [["classic", {"docs": {"path": "guides", "routeBasePath": "/"}, '
            '"blog": false}]], plugins: [[require.resolve("@docusaurus/plugin-content-blog"), '
            '{id: "news", path: "news", routeBasePath: "news"}]]};',
            [("docs", "guides", ""), ("blog", "news", "news", "news")],
        ),
        (
            # Ory's site: no classic preset; its own docs plugin serves docs/ at the root.
            "module.exports = {presets: [['redocusaurus', {specs: []}]], plugins: ["
            "['@docusaurus/plugin-content-docs', {id: 'default', path: 'docs', routeBasePath: '/'}]]};",
            [("blog", "blog", "blog"), ("docs", "docs", "", "default")],
        ),
    ],
)
def test_content_folders_are_read_from_the_preset_and_plugins(
    code: str, folders: list[tuple[str, str, str]]
) -> None:
    assert content_folders(code) == tuple(ContentFolder(*f) for f in folders)


def test_trailing_slash_is_read_when_set() -> None:
    assert trailing_slash(config()) is None
    assert trailing_slash(config(trailing="trailingSlash: false,")) is False
    assert trailing_slash(config(trailing="trailingSlash: true,")) is True
    assert trailing_slash(config(trailing="// trailingSlash: false,")) is None
    assert trailing_slash("module.exports = {url: 'https://x.example', trailingSlash: false};") is False


def test_init_serves_docs_from_the_root_without_trailing_slashes_as_the_site_does(tmp_path: Path) -> None:
    code = config(trailing="trailingSlash: false,", docs="routeBasePath: '/',", blog="blog: false,")
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": code,
            "docs/index.md": "---\ntitle: Welcome\n---\nStart here.\n",
            "docs/02-setup/01-install.md": "---\ntitle: Install\n---\nInstall the app.\n",
            "docs/billing/plans.md": "---\ntitle: Plans\nslug: /pricing\n---\nThree plans.\n",
            "blog/2026-01-05-hello.md": "---\ntitle: Hello\n---\nNot published: the blog is off.\n",
            "src/pages/about.md": "---\ntitle: About\n---\nWho we are.\n",
        },
    )
    text = (root / "stagemap.yml").read_text()
    assert '  - path: docs\n    url: "/{doc}"\n  - path: src/pages\n    url: "/{path}"\n' in text
    assert "path: blog" not in text
    library = stagemap.load_project(root).library
    assert {a.path: a.url for a in library.assets} == {
        "docs/index.md": "https://docs.tidewater.example/",
        "docs/02-setup/01-install.md": "https://docs.tidewater.example/setup/install",
        "docs/billing/plans.md": "https://docs.tidewater.example/pricing",
        "src/pages/about.md": "https://docs.tidewater.example/about",
    }


def test_init_leaves_out_folders_outside_the_site_and_keeps_id_prefixes_unique(tmp_path: Path) -> None:
    """Seen by a review: '../docs' (a website/ folder beside the docs) stopped init with an
    error, and two plugins' folders named alike shared an id prefix."""
    code = (
        "module.exports = {\n  url: 'https://x.example',\n  presets: [['classic', {docs: {path: '../docs', "
        "routeBasePath: '/'}, blog: false}]],\n  plugins: [\n"
        "    ['@docusaurus/plugin-content-docs', {id: 'guides', path: 'guides', routeBasePath: 'guides'}],\n"
        "    ['@docusaurus/plugin-content-docs', {id: 'product-api', path: 'product/api', routeBasePath: 'api'}],\n"
        "    ['@docusaurus/plugin-content-docs', {path: 'sdk/api', routeBasePath: 'sdk'}],\n  ],\n};\n"
    )
    write(tmp_path, {"docs/a.md": "---\ntitle: Beside\n---\n"})
    root = initialised(
        tmp_path / "website",
        {
            "docusaurus.config.js": code,
            "guides/intro.md": "---\ntitle: Guides\n---\n",
            "product/api/intro.md": "---\ntitle: Product API\n---\n",
            "sdk/api/intro.md": "---\ntitle: SDK\n---\n",
        },
    )
    text = (root / "stagemap.yml").read_text()
    assert "../docs" not in text
    (root / "stagemap.yml").unlink()  # init again, to read what it says
    code_, out, err = run("init", str(root))
    assert (code_, err) == (0, "")
    assert (
        "Named in docusaurus.config.js but outside the site, not read: ../docs (a source must be inside"
        " the project: run 'stagemap init' in a folder that holds them and the site: it finds the site"
        " in its folder)\n"
    ) in out
    library = stagemap.load_project(root).library
    assert {a.id: a.url for a in library.assets} == {
        "intro": "https://x.example/guides/intro",
        "product-api/intro": "https://x.example/api/intro",
        "api/intro": "https://x.example/sdk/intro",
    }


def test_a_docs_own_id_names_it_within_its_folder_as_docusaurus_does(tmp_path: Path) -> None:
    """Ory's docs (1,522 pages): 40 files say 'id: index' in as many folders; each id was read
    whole, so 224 pages were duplicates, left out of the checks and of the site. Docusaurus
    names such a doc by its folder and its id, after the source's prefix."""
    code = (
        "module.exports = {\n  url: 'https://x.example',\n  presets: [['classic', {docs: {routeBasePath: '/'}, "
        "blog: false}]],\n  plugins: [['@docusaurus/plugin-content-docs', {id: 'kiln', path: 'kiln', "
        "routeBasePath: 'kiln'}]]};\n"
    )
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": code,
            "docs/glaze/cache.md": "---\nid: cache\ntitle: Glaze cache\n---\nWhere glazes wait.\n",
            "docs/clay/cache.md": "---\nid: cache\ntitle: Clay cache\n---\nWhere clay rests.\n",
            "docs/top.md": "---\nid: start\ntitle: Start\n---\nBegin here.\n",
            "kiln/fire/cache.md": "---\nid: cache\ntitle: Kiln cache\n---\nWhere heat stays.\n",
        },
    )
    assert run("-C", str(root), "check")[0] == 0
    library = stagemap.load_project(root).library
    assert {a.id: a.url for a in library.assets} == {
        "clay/cache": "https://x.example/clay/cache",
        "glaze/cache": "https://x.example/glaze/cache",
        "start": "https://x.example/start",
        "kiln/fire/cache": "https://x.example/kiln/fire/cache",
    }


def test_init_reads_the_title_and_address_under_quoted_keys(tmp_path: Path) -> None:
    """pnpm's site writes its configuration's keys quoted, as JSON does: init found no title and
    no address, so every page was left without one until the user wrote them in by hand."""
    code = (
        'module.exports = {\n  "title": "Widgetry",\n  "url": "https://widgetry.example",\n'
        "  'baseUrl': '/help/',\n  presets: [['classic', {docs: {routeBasePath: '/'}, blog: false}]],\n};\n"
    )
    root = initialised(
        tmp_path / "site", {"docusaurus.config.js": code, "docs/spin.md": "---\ntitle: Spin\n---\n"}
    )
    text = (root / "stagemap.yml").read_text()
    assert "\nname: Widgetry\n" in text and "  base: https://widgetry.example/help/\n" in text
    assert [a.url for a in stagemap.load_project(root).library.assets] == [
        "https://widgetry.example/help/spin"
    ]


def test_init_names_the_folders_the_configuration_works_out_in_code(tmp_path: Path) -> None:
    """A docs path built in code (``${siteDir}/handbook``) was left out of the sources and of what
    init said: the site's docs went unread without a word."""
    code = (
        "const siteDir = __dirname;\nmodule.exports = {\n  url: 'https://x.example',\n"
        "  presets: [['classic', {docs: {path: `${siteDir}/handbook`}, blog: false}]],\n"
        "  plugins: [['@docusaurus/plugin-content-docs', {id: 'api', path: `${siteDir}/api`}]],\n};\n"
    )
    root = initialised(
        tmp_path / "site",
        {"docusaurus.config.js": code, "handbook/a.md": "---\ntitle: A\n---\n", "src/pages/x.md": "# X\n"},
    )
    (root / "stagemap.yml").unlink()  # init again, to read what it says
    code_, out, err = run("init", str(root))
    assert (code_, err) == (0, "")
    assert (
        "Named in docusaurus.config.js but worked out when the site is built, not read: ${siteDir}/handbook,"
        " ${siteDir}/api (list the folder under 'sources' in stagemap.yml to read it)\n"
    ) in out


@pytest.mark.parametrize(
    "name",
    [
        "content-docs",
        "@docusaurus/content-docs",
        "@docusaurus/plugin-content-docs",
        "docusaurus-plugin-content-docs",
    ],
)
def test_a_docs_plugin_named_by_a_shorthand_is_read(name: str) -> None:
    """React Native's site names its extra docs plugins 'content-docs', a shorthand Docusaurus
    resolves to @docusaurus/plugin-content-docs: their 25 pages were never read."""
    code = f"module.exports = {{ plugins: [['{name}', {{id: 'guides', path: 'guides', routeBasePath: '/guides'}}]] }};"
    assert content_folders(code)[2:] == (ContentFolder("docs", "guides", "guides", "guides"),)
    assert content_folders(code.replace(name, "content-docs-extra")) == content_folders("")


@pytest.mark.parametrize(
    ("docs", "route"),
    [
        ("", "/docs/next/{doc}"),
        ("lastVersion: 'current',", "/docs/{doc}"),
        # pnpm's site builds no coming version: its docs/ is copied to the latest's folder (145 pages at /next/).
        ("includeCurrentVersion: false, lastVersion: '0.76',", "/docs/{doc}"),
    ],
)
def test_init_serves_the_docs_folder_as_next_when_the_site_has_released_versions(
    tmp_path: Path, docs: str, route: str
) -> None:
    """React Native's site has versions.json: docs/ is the coming version, at /docs/next/x, and
    /docs/x shows the latest release's copy in versioned_docs/ (227 pages had the wrong address).
    A plugin instance's versions are in its own <id>_versions.json."""
    plugins = "['content-docs', {id: 'guides', path: 'guides', routeBasePath: 'guides'}]"
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": config(docs=docs, blog="blog: false,", plugins=plugins),
            "versions.json": '["0.76", "0.75"]\n',
            "guides_versions.json": "[]\n",
            "docs/intro.md": "---\ntitle: Intro\n---\nThe coming version.\n",
            "versioned_docs/version-0.76/intro.md": "---\ntitle: Intro\n---\nThe latest release.\n",
            "guides/setup.md": "---\ntitle: Setup\n---\nNo release yet.\n",
        },
    )
    text = (root / "stagemap.yml").read_text()
    assert f'  - path: docs\n    url: "{route}"\n' in text
    library = stagemap.load_project(root).library
    assert {a.path: a.url for a in library.assets} == {
        "docs/intro.md": "https://docs.tidewater.example" + route.replace("{doc}", "intro"),
        "guides/setup.md": "https://docs.tidewater.example/guides/setup",
    }


def test_the_default_docs_instance_named_so_reads_versions_json(tmp_path: Path) -> None:
    """A review: ``docs: {id: 'default'}`` looked for default_versions.json; Docusaurus reads versions.json."""
    write(tmp_path, {"versions.json": '["1.0"]\n', "docs/intro.md": "# Intro\n"})
    (folder,) = content_folders(config(docs="id: 'default',", blog="blog: false,"))
    assert current_route(tmp_path, folder) == "docs/next"


@pytest.mark.parametrize(("trailing", "end"), [("", ""), ("trailingSlash: true,", "/")])
def test_a_docusaurus_page_has_no_last_slash_unless_the_site_asks_for_one(
    tmp_path: Path, trailing: str, end: str
) -> None:
    """Electron's and Redux's sites leave trailingSlash unset: Docusaurus links its pages with
    no last slash, so a relative link on '/blog/spring-launch' to './moving-over' is
    '/blog/moving-over'. Read as '/blog/spring-launch/', it went to a page not there."""
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": config(trailing=trailing),
            "blog/2026-03-01-spring-launch.md": "---\ntitle: Spring\nslug: spring-launch\n---\n[Move](./moving-over).\n",
            "blog/2026-03-02-moving-over.md": "---\ntitle: Moving\nslug: moving-over\n---\nText.\n",
        },
    )
    library = stagemap.load_project(root).library
    assert [a.url for a in library.assets] == [
        f"https://docs.tidewater.example/blog/spring-launch{end}",
        f"https://docs.tidewater.example/blog/moving-over{end}",
    ]
    assert run("-C", str(root), "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/2026-03-01-spring-launch.html").read_text()
    # With the slash, the link is /blog/spring-launch/moving-over: no page of the blog's (leads nowhere).
    moved = (
        '<a href="2026-03-02-moving-over.html">Move</a>'
        if not end
        else '<span class="broken-link" title="Link target not found: ./moving-over">Move</span>'
    )
    assert moved in page


def test_an_indented_line_of_an_mdx_page_is_no_code(tmp_path: Path) -> None:
    """Biome's home page (Starlight, MDX): Markdown indented inside a <div> was shown as code on 5
    blocks; MDX has no indented code, so the live page shows it as text. A Docusaurus page is
    MDX whatever its ending; fenced code stays code, indented or not."""
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": config(),
            "docs/hero.md": (
                '---\ntitle: Hero\n---\n<div class="hero">\n\n    **Kettles are quick** in [the guide](/guide/x).\n'
                "</div>\n\nText.\n\n    still text\n\n1. Step:\n\n    ```sh\n    kettle up\n    ```\n\n"
                "Then:\n\n    - one\n    - two\n"
            ),
        },
    )
    assert run("-C", str(root), "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/hero.html").read_text()
    body = page[page.index('<div class="body">') : page.index('<section class="next-step"')]
    assert body == (
        '<div class="body">\n<p><strong>Kettles are quick</strong> in '
        '<a href="https://docs.tidewater.example/guide/x">the guide</a>.</p>\n<p>Text.</p>\n<p>still text</p>\n'
        '<ol>\n<li>\n<p>Step:</p>\n<pre><code class="language-sh">kettle up\n</code></pre>\n</li>\n</ol>\n'
        "<p>Then:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n\n</div>\n"
        '<p class="note">Links in this asset to pages not in this library, sent to the public site: '
        "<code>/guide/x</code>.</p>\n"
    )


def test_a_draft_doc_has_no_address_as_the_production_build_leaves_it_out(tmp_path: Path) -> None:
    """Detox's docs (wix/Detox): a doc saying 'draft: true' got a public address on its asset
    page, while Docusaurus builds drafts only on its development server. An unlisted doc is
    built (only hidden from lists), so it keeps its address."""
    code = "module.exports = {\n  url: 'https://x.example',\n  presets: [['classic', {blog: false}]],\n};\n"
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": code,
            "docs/kiln.md": "---\ntitle: Kiln\n---\nHot.\n",
            "docs/glaze.md": "---\ntitle: Glaze\ndraft: true\n---\nNot yet.\n",
            "docs/clay.md": "---\ntitle: Clay\ndraft: 'true'\n---\nNot yet either.\n",
            "docs/slip.md": "---\ntitle: Slip\nunlisted: true\n---\nHidden, built.\n",
            "docs/wheel.md": "---\ntitle: Wheel\ndraft: false\n---\nBuilt.\n",
        },
    )
    library = stagemap.load_project(root).library
    assert {a.id: (a.url, a.status) for a in library.assets} == {
        "clay": ("", "draft"),
        "glaze": ("", "draft"),
        "kiln": ("https://x.example/docs/kiln", "published"),
        "slip": ("https://x.example/docs/slip", "published"),
        "wheel": ("https://x.example/docs/wheel", "published"),
    }
    assert run("-C", str(root), "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/glaze.html").read_text()
    assert "On the public site" not in page and "x.example/docs/glaze" not in page


def test_client_redirects_are_read_from_the_plugins_redirects_list_alone() -> None:
    """Ory's site lists its redirects in the plugin's options as written (Jest's site gives its
    options in parentheses after a type comment); a rule may give a list of routes to redirect
    from, keys may be quoted. Only the plugin's own 'redirects' list is read: not a 'redirects'
    key elsewhere in the configuration, not createRedirects (code), and no rule whose route is
    worked out in code; a 'to' may be another site's address."""
    plugins = (
        "[require.resolve('@docusaurus/plugin-client-redirects'), /** @type {Options} */ ({\n"
        "  fromExtensions: ['html'],\n"
        "  'redirects': [\n"
        "    {'from': ['/Old/Setup/', '/setup-guide'], 'to': '/docs/setup'},\n"
        "    {from: '/setup-guide', to: '/docs/other'},\n"
        "    {from: `/v${major}/intro`, to: '/docs/intro'},\n"
        "    {from: '/forum', to: 'https://forum.example'},\n"
        "  ],\n"
        "  createRedirects(path) { return [path + '/old']; },\n"
        "})], ['some-other-plugin', {redirects: [{from: '/a', to: '/b'}]}]"
    )
    assert client_redirects(config(plugins=plugins)) == {
        "old/setup": "/docs/setup",
        "setup-guide": "/docs/setup",
        "forum": "https://forum.example",
    }
    assert client_redirects(config(plugins="'client-redirects'")) == {}


def test_an_inferred_next_step_follows_a_client_redirect(tmp_path: Path) -> None:
    """Review of the client redirects read for typescript-eslint's and Ory's Docusaurus sites:
    the built page followed a link to a redirected route to its target, but the report's inferred
    next steps did not: a page ending on '/docs/old-intro' (redirected to '/docs/intro') had none,
    one ending on '/docs/intro' had it. They follow the redirect now, but none at a route a page
    has ('/docs/tips'); one at the route a doc's file would have but for its slug ('/docs/reference'
    of a doc served at '/docs/api') leads where the site sends it, not to that doc."""
    plugins = (
        "['@docusaurus/plugin-client-redirects', {redirects: [\n"
        "  {from: '/docs/old-intro', to: '/docs/intro'},\n  {from: '/docs/tips', to: '/docs/intro'},\n"
        "  {from: '/docs/reference', to: '/docs/intro'},\n]}]"
    )
    page = "---\ntitle: {title}\nstages: [awareness]\n{more}---\n{body}\n"
    files = {
        "docusaurus.config.js": config(plugins=plugins),
        "sidebars.js": "module.exports = {};\n",
        "docs/intro.md": page.format(title="Intro", more="", body="Text."),
        "docs/tips.md": page.format(title="Tips", more="", body="Text."),
        "docs/reference.md": page.format(title="Reference", more="slug: /api\n", body="Text."),
        "docs/moved.md": page.format(title="Moved", more="", body="Read [on](/docs/old-intro)."),
        "docs/kept.md": page.format(title="Kept", more="", body="Read [on](/docs/tips)."),
        "docs/away.md": page.format(title="Away", more="", body="Read [on](/docs/reference)."),
    }
    root = initialised(tmp_path / "site", files)
    code, out, _ = run("-C", str(root), "report", "--format", "json")
    assert code == 0
    assert json.loads(out)["inferred_next"] == [
        {"asset": "away", "next": "intro"},
        {"asset": "kept", "next": "tips"},
        {"asset": "moved", "next": "intro"},
    ]


def test_an_inferred_next_step_follows_a_client_redirect_under_the_base_url(tmp_path: Path) -> None:
    """Detox's site (wix/Detox) is served under baseUrl '/Detox/' and redirects '/docs' with the
    client redirects plugin: an inferred next step compared the route a link reaches, the base's
    path in it ('/Detox/docs/old-intro' for a relative link), with the redirects' routes, which
    leave it out, and a route a redirect gave ('/docs/intro') with the pages' full paths, so a
    page ending on a redirected route had no next step. The base's path is taken off to look a
    redirect up and put back on the route it leads to; a link written with or without it alike."""
    plugins = (
        "['@docusaurus/plugin-client-redirects', {redirects: [\n"
        "  {from: '/docs/old-intro', to: '/docs/intro'},\n  {from: '/faq', to: '/docs/intro#faq'},\n]}]"
    )
    page = "---\ntitle: {title}\nstages: [awareness]\n---\n{body}\n"
    files = {
        "docusaurus.config.js": config(plugins=plugins).replace("baseUrl: '/'", "baseUrl: '/guide/'"),
        "sidebars.js": "module.exports = {};\n",
        "docs/intro.md": page.format(title="Intro", body="## FAQ\n\nText."),
        "docs/rooted.md": page.format(title="Rooted", body="Read [on](/docs/old-intro)."),
        "docs/based.md": page.format(title="Based", body="Read [on](/guide/docs/old-intro)."),
        "docs/near.md": page.format(title="Near", body="Read [on](old-intro)."),
        "docs/part.md": page.format(title="Part", body="Read [on](/faq)."),
    }
    root = initialised(tmp_path / "site", files)
    code, out, _ = run("-C", str(root), "report", "--format", "json")
    assert code == 0
    assert json.loads(out)["inferred_next"] == [
        {"asset": "based", "next": "intro"},
        {"asset": "near", "next": "intro"},
        {"asset": "part", "next": "intro"},
        {"asset": "rooted", "next": "intro"},
    ]


def test_init_names_a_docusaurus_sites_other_locales_as_other_languages(tmp_path: Path) -> None:
    """Volcano's site (volcano-sh/website) lists 'zh-Hans' beside 'en' in i18n.locales and keeps
    its Chinese docs and posts in i18n/zh-Hans/ (docusaurus-plugin-content-docs/current/,
    docusaurus-plugin-content-blog/, and translated older versions): init said only 'Outside the
    sources, not looked at: ... i18n/', as of any folder it knew nothing of. Each locale but the
    default that the configuration lists and that has its folder (under i18n.path, when set) is
    named as another language, not read, as Hugo's are: a page counts once, not once per
    language. The translations' folder leaves that line when those are all it holds."""
    i18n = "i18n: {defaultLocale: 'en', locales: ['en', 'fr', 'pt-BR']},\n  // i18n: {locales: ['es']}\n"
    files = {
        "docusaurus.config.js": config().replace("baseUrl: '/',", "baseUrl: '/',\n  " + i18n),
        "sidebars.js": "module.exports = {};\n",
        "docs/intro.md": "---\ntitle: Intro\n---\nText.\n",
        "i18n/fr/docusaurus-plugin-content-docs/current/intro.md": "---\ntitle: Introduction\n---\nTexte.\n",
        "i18n/fr/docusaurus-plugin-content-docs/current.json": "{}\n",
        "i18n/fr/docusaurus-plugin-content-blog/2024-05-01-launch.md": "---\ntitle: Lancement\n---\nTexte.\n",
        "i18n/fr/code.json": "{}\n",
        "i18n/pt-BR/docusaurus-plugin-content-docs/current/intro.md": "---\ntitle: Início\n---\nTexto.\n",
    }
    root = write(tmp_path / "site", files)
    code, out, _ = run("init", str(root))
    assert code == 0
    assert (
        "Outside the sources, not looked at: docusaurus.config.js, sidebars.js\n"
        "Other languages, not read (their pages translate these, at the same paths): i18n/fr/, i18n/pt-BR/\n"
    ) in out
    code, out, _ = run("-C", str(root), "list", "--format", "paths")
    assert (code, out) == (0, f"{root / 'docs/intro.md'}\n")
    # A folder of a locale the configuration does not list, or the default's, is not a translation
    # the site builds: the translations' folder stays among what is not looked at.
    (root / "stagemap.yml").unlink()
    write(root, {"i18n/es/code.json": "{}\n", "i18n/en/code.json": "{}\n"})
    code, out, _ = run("init", str(root))
    assert (
        "Outside the sources, not looked at: docusaurus.config.js, i18n/, sidebars.js\n"
        "Other languages, not read (their pages translate these, at the same paths): i18n/fr/, i18n/pt-BR/\n"
    ) in out


@pytest.mark.parametrize(
    ("before", "i18n", "named"),
    [
        ("const defaultLocale = 'en';\n", "i18n: {defaultLocale, locales: ['en', 'fr']},", "i18n/fr/"),
        ('const MAIN = "en";\n', "i18n: {defaultLocale: MAIN, locales: ['en', 'fr']},", "i18n/fr/"),
        ("", "i18n: {defaultLocale: process.env.LOCALE ?? 'en', locales: ['en', 'fr']},", ""),
        ("let defaultLocale = pick();\n", "i18n: {defaultLocale, locales: ['en', 'fr']},", ""),
    ],
)
def test_init_names_no_locale_for_the_default_it_cannot_tell(
    tmp_path: Path, before: str, i18n: str, named: str
) -> None:
    """A review of the Docusaurus locales (Volcano's site, volcano-sh/website, showed them): with
    'defaultLocale' given by a constant ('const defaultLocale = ...' then '{defaultLocale,
    locales}') or worked out in code ('process.env.X ?? ...'), no default was known, and the
    default's own folder, i18n/en/ (write-translations makes one for the theme's words), was
    named as another language and left out of what is outside the sources. A constant's string
    names the default; a default the code works out names no locale: i18n/ stays outside."""
    files = {
        "docusaurus.config.js": before + config().replace("baseUrl: '/',", "baseUrl: '/',\n  " + i18n),
        "sidebars.js": "module.exports = {};\n",
        "docs/intro.md": "---\ntitle: Intro\n---\nText.\n",
        "i18n/en/code.json": "{}\n",
        "i18n/fr/docusaurus-plugin-content-docs/current/intro.md": "---\ntitle: Introduction\n---\nTexte.\n",
    }
    code, out, _ = run("init", str(write(tmp_path / "site", files)))
    assert code == 0
    others = f"Other languages, not read (their pages translate these, at the same paths): {named}\n"
    assert out[out.index("Outside the sources") : out.index("Next: ")] == (
        "Outside the sources, not looked at: docusaurus.config.js, i18n/, sidebars.js\n"
        + (others if named else "")
    )
