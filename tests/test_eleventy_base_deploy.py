"""An Eleventy site's HTML base plugin, however the configuration names it (or the RSS plugin
adds it), and the path prefix of the run of Eleventy its deploy makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.eleventy import unread_page_endings
from stagemap.read.eleventybase import base_plugin
from stagemap.read.eleventylanguages import older_languages
from stagemap.read.eleventyprefix import path_prefix
from tests.conftest import write

HINT = "(point it at a content file, a page's route or a file in the site's static folders)"
RSS_TWO = '{"devDependencies": {"@11ty/eleventy": "^3.1.2", "@11ty/eleventy-plugin-rss": "^2.0.4"}}'
RSS_ONE = '{"devDependencies": {"@11ty/eleventy": "^2.0.1", "@11ty/eleventy-plugin-rss": "^1.2.0"}}'
ESM = "export default function (eleventyConfig) {\n%s}\n"
CJS = "module.exports = function (eleventyConfig) {\n%s};\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("code", "package", "added"),
    [
        (
            'const { EleventyHtmlBasePlugin: pluginHtmlBase } = require("@11ty/eleventy");\n'
            + CJS % "  eleventyConfig.addPlugin(pluginHtmlBase);\n",
            "",
            True,
        ),
        (
            'import { RenderPlugin, HtmlBasePlugin as prefixer } from "@11ty/eleventy";\n'
            + ESM % '  eleventyConfig.addPlugin(prefixer, { extensions: "html" });\n',
            "",
            True,
        ),
        (
            'import { EleventyHtmlBasePlugin as base, RenderPlugin } from "@11ty/eleventy";\n'
            + ESM % "  eleventyConfig.addPlugin(RenderPlugin);\n",
            "",
            False,
        ),
        (
            ESM
            % '  eleventyConfig.addPlugin(eleventyConfig.resolvePlugin("@11ty/eleventy/html-base-plugin"));\n',
            "",
            True,
        ),
        (
            ESM % '  const rebase = await eleventyConfig.resolvePlugin("@11ty/eleventy/html-base-plugin");\n'
            "  eleventyConfig.addPlugin(rebase);\n",
            "",
            True,
        ),
        (
            ESM
            % '  const r = eleventyConfig.resolvePlugin("@11ty/eleventy/render-plugin");\n  eleventyConfig.addPlugin(r);\n',
            "",
            False,
        ),
        (
            'import * as eleventy from "@11ty/eleventy";\n'
            + ESM % "  eleventyConfig.addPlugin(eleventy.HtmlBasePlugin);\n",
            "",
            True,
        ),
        (
            ESM % '  const { EleventyHtmlBasePlugin } = await import("@11ty/eleventy");\n'
            "  eleventyConfig.addPlugin(EleventyHtmlBasePlugin);\n",
            "",
            True,
        ),
        (
            'import { HtmlBasePlugin } from "@11ty/eleventy";\n'
            + ESM % "  // eleventyConfig.addPlugin(HtmlBasePlugin);\n",
            "",
            False,
        ),
        (
            'import pluginRss from "@11ty/eleventy-plugin-rss";\n'
            + ESM % "  eleventyConfig.addPlugin(pluginRss);\n",
            RSS_TWO,
            True,
        ),
        (
            'import pluginRss from "@11ty/eleventy-plugin-rss";\n'
            + ESM % "  eleventyConfig.addPlugin(pluginRss);\n",
            RSS_ONE,
            False,
        ),
        (
            'import pluginRss from "@11ty/eleventy-plugin-rss";\n'
            + ESM % "  eleventyConfig.addPlugin(pluginRss);\n",
            "",
            True,
        ),
        (
            'const { feedPlugin } = require("@11ty/eleventy-plugin-rss");\n'
            + CJS % '  eleventyConfig.addPlugin(feedPlugin, { collectionName: "posts" });\n',
            RSS_TWO,
            True,
        ),
        (
            'const rss = require("@11ty/eleventy-plugin-rss");\n'
            + CJS % "  eleventyConfig.addPlugin(rss.feedPlugin);\n",
            RSS_TWO,
            True,
        ),
        (CJS % '  eleventyConfig.addPlugin(require("@11ty/eleventy-plugin-rss"));\n', RSS_TWO, True),
        (
            'import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";\nimport nav from "@11ty/eleventy-navigation";\n'
            + ESM % '  eleventyConfig.addFilter("rfc", dateToRfc3339);\n  eleventyConfig.addPlugin(nav);\n',
            RSS_TWO,
            False,
        ),
    ],
)
def test_the_html_base_plugin_by_any_name(tmp_path: Path, code: str, package: str, added: bool) -> None:
    """The plugin was seen only as addPlugin(<...>HtmlBasePlugin): a renamed import (the name
    it binds to is followed to addPlugin), resolvePlugin's plugin, or the RSS plugin from 2.0
    (which adds it itself) was missed, and the site's links judged the wrong way round. An
    import alone, a commented-out addPlugin, RSS 1.x, or the RSS plugin's filters add nothing."""
    site = write(tmp_path, {"eleventy.config.js": code, **({"package.json": package} if package else {})})
    assert base_plugin(site, code) is added


def test_the_rss_plugin_adds_the_base_plugin(tmp_path: Path) -> None:
    """With the RSS plugin 2.x added (which adds the HTML base plugin), a link from the root is a
    route: '/logbook/tides/' (live /logbook/logbook/tides/, the page) was said to lead nowhere
    and '/logbook/crew/' (live /logbook/logbook/crew/, nothing) to reach crew.md."""
    config = (
        'import pluginRss from "@11ty/eleventy-plugin-rss";\n'
        + ESM % "  eleventyConfig.addPlugin(pluginRss);\n"
        + 'export const config = { dir: { input: "content" }, pathPrefix: "/logbook/" };\n'
    )
    site = write(
        tmp_path,
        {
            "eleventy.config.js": config,
            "package.json": RSS_TWO,
            "content/index.md": "---\ntitle: Heron Quay chandlery\n---\n[Tides](/logbook/tides/) and"
            " [old crew](/logbook/crew/).\n",
            "content/crew.md": "---\ntitle: Our riggers\n---\nThree of us.\n",
            "content/logbook/tides.md": "---\ntitle: Tide tables\n---\nLow at dawn.\n",
        },
    )
    assert run("init", str(site))[0] == 0
    _, _, err = run("-C", str(site), "check", "--links")
    assert err.count("leads nowhere") == 1, err
    assert f"content/index.md:4:41: warning: link to '/logbook/crew/' leads nowhere {HINT}\n" in err


BLOG = '{"scripts": {"build": "npx @11ty/eleventy", "build-ghpages": "npx @11ty/eleventy --pathprefix=/quay-notes/"}}'
PAGES_FLOW = (
    "name: Publish\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: npm ci\n      - run: |\n          npm run lint\n          npm run build-ghpages\n"
    "      - uses: actions/upload-pages-artifact@v3\n"
)


@pytest.mark.parametrize(
    ("files", "prefix"),
    [
        ({"package.json": BLOG}, ""),  # ('build' runs Eleventy: it decides)
        ({"package.json": BLOG, "netlify.toml": '[build]\n  command = "npm run build"\n'}, ""),
        ({"package.json": BLOG.replace('"build": "npx @11ty/eleventy", ', "")}, "/quay-notes/"),
        (
            {
                "package.json": BLOG,
                "netlify.toml": '[build]\ncommand = "npm run build"\n',
                ".github/workflows/pages.yml": PAGES_FLOW,
            },
            "/quay-notes/",
        ),
        (
            {
                "package.json": BLOG,
                "netlify.toml": '[build]\ncommand = "npx @11ty/eleventy --pathprefix=/net/"\n',
            },
            "/net/",
        ),
        (
            {
                "package.json": BLOG,
                ".github/workflows/pages.yml": PAGES_FLOW.replace("build-ghpages", "build"),
            },
            "",
        ),
        (
            {
                "package.json": BLOG,
                ".github/workflows/pages.yml": "# npm run build-ghpages\n"
                + PAGES_FLOW.replace("build-ghpages", "lint"),
            },
            "",
        ),
    ],
)
def test_the_deploys_run_of_eleventy_gives_the_prefix(
    tmp_path: Path, files: dict[str, str], prefix: str
) -> None:
    """The prefix came from any script with --pathprefix, though 'build' ran Eleventy without one:
    eleventy-base-blog's layout (build, and build-ghpages with the prefix) deployed by Netlify
    running 'npm run build' was given build-ghpages's prefix. Now the run the deploy makes
    decides (a GitHub Pages workflow's step, then netlify.toml's command), then 'build', then the
    other scripts; a script is followed where the deploy names it, a comment is no step."""
    code = ESM % ""
    root = write(tmp_path, {"eleventy.config.js": code, **files})
    assert path_prefix(root, code) == prefix


def test_init_names_the_deploy_that_runs_the_script(tmp_path: Path) -> None:
    """init says which file's command runs the script whose --pathprefix gives the prefix."""
    site = write(
        tmp_path,
        {
            "eleventy.config.js": ESM % "",
            "package.json": BLOG,
            "netlify.toml": '[build]\ncommand = "npm run build"\n',
            ".github/workflows/pages.yml": PAGES_FLOW,
            "index.md": "---\ntitle: Quay notes\n---\nMoored.\n",
        },
    )
    assert run("init", str(site))[0] == 0
    text = (site / "stagemap.yml").read_text()
    assert (
        "# eleventy.config.js gives no address; the site is served under a path prefix (--pathprefix in the build-ghpages"
        " script of package.json, which .github/workflows/pages.yml runs):\n"
    ) in text
    assert "  base: /quay-notes/  #" in text


@pytest.mark.parametrize(
    ("code", "endings"),
    [
        (
            'import pug from "@11ty/eleventy-plugin-pug";\n' + ESM % "  eleventyConfig.addPlugin(pug);\n",
            (".pug",),
        ),
        ('import pug from "@11ty/eleventy-plugin-pug";\n' + ESM % "", ()),
        (ESM % '  // eleventyConfig.addPlugin(require("@11ty/eleventy-plugin-ejs"));\n', ()),
        (CJS % '  eleventyConfig.addPlugin(require("@11ty/eleventy-plugin-ejs"));\n', (".ejs",)),
    ],
)
def test_a_language_plugin_counts_where_it_is_added(
    tmp_path: Path, code: str, endings: tuple[str, ...]
) -> None:
    """On Eleventy 3 a language plugin only imported (or named in a comment) makes no pages: its
    name in the code made stagemap count its templates as pages."""
    site = write(tmp_path, {"package.json": '{"devDependencies": {"@11ty/eleventy": "^3.1.0"}}'})
    assert older_languages(site, code) == endings


def test_templateformats_star_makes_no_javascript_pages() -> None:
    """Eleventy 3 drops '*' from the template formats (keeping those plugins add): it was read as
    naming .11ty.js, whose templates were counted as pages."""
    assert ".11ty.js" not in unread_page_endings('module.exports = { templateFormats: "*" };\n')
    assert ".11ty.js" in unread_page_endings('module.exports = { templateFormats: ["md", "11ty.js"] };\n')


RIGGING = (
    '{"scripts": {"build": "eleventy", "build-ghpages": "eleventy --pathprefix=/rigging/",'
    ' "build:preview": "eleventy --pathprefix=/preview/"}}'
)
STEPS = "name: Pages\non: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n%s"


@pytest.mark.parametrize(
    ("steps", "config", "prefix"),
    [
        (
            "      - run: npm install -g @11ty/eleventy\n      - run: npm run build-ghpages\n"
            "      - uses: peaceiris/actions-gh-pages@v4\n",
            "",
            "/rigging/",
        ),
        (
            "      - run: yarn global add @11ty/eleventy\n      - run: pnpm add -D @11ty/eleventy\n"
            "      - run: npx @11ty/eleventy@3.0.0 --pathprefix=/sails/\n"
            "      - uses: actions/upload-pages-artifact@v3\n",
            "",
            "/sails/",
        ),
        (
            "      - run: |\n          npm ci\n          npx @11ty/eleventy \\\n            --pathprefix=/sails/\n"
            "      - uses: actions/upload-pages-artifact@v3\n",
            "",
            "/sails/",
        ),
        (
            "      - id: pages\n        uses: actions/configure-pages@v5\n"
            '      - run: npx @11ty/eleventy --pathprefix="${{ steps.pages.outputs.base_path }}"\n'
            "      - uses: actions/upload-pages-artifact@v3\n",
            '  pathPrefix: "/rigging/",\n',
            "/rigging/",
        ),
        (
            "      - run: npx @11ty/eleventy --pathprefix=/${{ matrix.lang }}/\n"
            "      - uses: actions/upload-pages-artifact@v3\n",
            "",
            "",
        ),
    ],
)
def test_the_deploys_run_is_not_an_install_and_reads_the_whole_command(
    tmp_path: Path, steps: str, config: str, prefix: str
) -> None:
    """A step installing Eleventy (npm install -g @11ty/eleventy) was taken for the deploy's run,
    so the step running build-ghpages after it was never read; `npx @11ty/eleventy@3.0.0` was no
    run, nor one whose --pathprefix is on the line after a backslash. A prefix the workflow gives
    (${{ ... }}) was taken as none; the configuration's is used instead."""
    code = ESM % "" + (f"export const config = {{\n{config}}};\n" if config else "")
    root = write(
        tmp_path,
        {"eleventy.config.js": code, "package.json": RIGGING, ".github/workflows/pages.yml": STEPS % steps},
    )
    assert path_prefix(root, code) == prefix


def test_init_says_the_workflows_prefix_is_a_variable(tmp_path: Path) -> None:
    """init says the deploy's --pathprefix is a variable and the configuration's prefix is used."""
    steps = (
        '      - run: npx @11ty/eleventy --pathprefix="${{ steps.pages.outputs.base_path }}"\n'
        "      - uses: actions/deploy-pages@v4\n"
    )
    site = write(
        tmp_path,
        {
            "eleventy.config.js": ESM % "" + 'export const config = { pathPrefix: "/rigging/" };\n',
            ".github/workflows/pages.yml": STEPS % steps,
            "index.md": "---\ntitle: Gull Rock rigging\n---\nSplices.\n",
        },
    )
    assert run("init", str(site))[0] == 0
    text = (site / "stagemap.yml").read_text()
    assert (
        "(pathPrefix in eleventy.config.js; the --pathprefix .github/workflows/pages.yml gives is a variable,"
        " not known here):\n"
    ) in text, text
    assert "  base: /rigging/  #" in text


PREVIEW = '{"scripts": {"build": "eleventy", "build:preview": "eleventy --pathprefix=/preview/"}}'
FLOW = "name: Site\non: %s\njobs:\n  site:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci && npm run build:preview\n%s"


@pytest.mark.parametrize(
    ("flow", "prefix"),
    [
        (FLOW % ("pull_request", ""), ""),
        (FLOW % ("[push, pull_request]", ""), ""),
        (FLOW % ("pull_request", "      - run: rsync -a _site/ deploy@boathouse.example:/srv/www\n"), ""),
        (FLOW % ("\n  push:\n    branches: [feature]", "      - uses: nwtgck/actions-netlify@v3\n"), ""),
        (
            FLOW % ("\n  push:\n    branches: [main]", "      - uses: nwtgck/actions-netlify@v3\n"),
            "/preview/",
        ),
        (FLOW % ("push", "      - run: rsync -a _site/ deploy@boathouse.example:/srv/www\n"), "/preview/"),
    ],
)
def test_only_a_workflow_that_deploys_comes_before_build(tmp_path: Path, flow: str, prefix: str) -> None:
    """A workflow checking pull requests (npm run build:preview) beat the build script. Now a
    workflow not publishing to GitHub Pages counts only where it runs on a push to the default
    branch and has a step deploying the site; else 'build' decides."""
    code = ESM % ""
    root = write(
        tmp_path, {"eleventy.config.js": code, "package.json": PREVIEW, ".github/workflows/ci.yml": flow}
    )
    assert path_prefix(root, code) == prefix
