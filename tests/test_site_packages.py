"""What an Astro, Eleventy or Docusaurus site's packages change in its Markdown: Starlight's asides,
GitHub's alerts, indented text that is no code, npm2yarn's blocks (read/sitepackages.py,
render/sitemarkdown.py, render/npm2yarn.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.sitepackages import MARKDOWN, markdown_traits
from stagemap.render import markdown
from stagemap.render.dialects import clean
from stagemap.render.npm2yarn import converted
from stagemap.render.shortcodes import SITE_PARAMS
from tests.conftest import QUIET_CONFIG, write

ASTRO = "import { defineConfig } from 'astro/config'\nexport default defineConfig({ site: 'https://x.example' })\n"
DIRECTIVE = "import remarkDirective from 'remark-directive'\n" + ASTRO
STARLIGHT = (
    "import { defineConfig } from 'astro/config'\nimport starlight from '@astrojs/starlight'\n"
    "export default defineConfig({ integrations: [starlight({ title: 'Docs' })] })\n"
)
NOTES = ":::warning\nBack up first.\n:::\n\n:::tip\nUse the dry run.\n:::\n\n:::section\nA wrapper.\n:::\n"


def traits(generator: str, files: dict[str, str]) -> tuple[str, ...]:
    return markdown_traits(generator, lambda name: files[name].encode() if name in files else None)


def made(text: str, generator: str, *found: str) -> str:
    """``text`` cleaned on a ``generator`` site whose packages give its Markdown the traits ``found``."""
    return clean(text, ".md", generator, {SITE_PARAMS: {MARKDOWN: found}} if found else None)


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_an_astro_site_without_starlight_boxes_every_kind_of_note() -> None:
    """A blog on Astro with remark-directive and its own callout plugin (no Starlight) wrote
    ':::warning' and ':::important': stagemap kept Starlight's four kinds alone, and showed those
    blocks' text with no label at all. Only a site with @astrojs/starlight reads them so."""
    assert traits("astro", {"astro.config.mjs": DIRECTIVE}) == ("directives", "plain-asides")
    assert traits("astro", {"astro.config.ts": STARLIGHT}) == ("expressive-code",)
    # Set up in a module of its own: package.json names it; no configuration read: as before.
    assert traits(
        "astro",
        {"astro.config.mjs": ASTRO, "package.json": '{"dependencies": {"@astrojs/starlight": "^0.30"}}'},
    ) == ("expressive-code",)
    assert traits(
        "astro", {"astro.config.mjs": "// import starlight from '@astrojs/starlight'\n" + DIRECTIVE}
    ) == ("directives", "plain-asides")
    assert traits("astro", {}) == ()
    assert made(NOTES, "astro", "plain-asides") == (
        "> **Warning**\n>\n> Back up first.\n\n> **Tip**\n>\n> Use the dry run.\n\n> **Section**\n>\n> A wrapper.\n"
    )
    assert made(NOTES, "astro") == "Back up first.\n\n> **Tip**\n>\n> Use the dry run.\n\nA wrapper.\n"
    held = ":::caution\n```sh\nrm -rf build\n```\n:::\n"  # (a block holding code is read on its own)
    assert made(held, "astro", "plain-asides") == "> **Caution**\n>\n> ```sh\n> rm -rf build\n> ```\n"


def test_a_built_astro_page_shows_its_notes_as_its_site_does(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG + "generator: astro\nsources: [src/content]\n",
            "astro.config.mjs": DIRECTIVE,
            "src/content/blog/first.md": "---\ntitle: First\n---\n\n:::important\nRead the notes.\n:::\n",
        },
    )
    assert run(root, "build", "--as-of", "2026-12-06")[0] == 0
    assert (
        "<blockquote>\n<p><strong>Important</strong></p>\n<p>Read the notes.</p>\n</blockquote>"
        in (root / "site/assets/blog/first.html").read_text()
    )
    write(root, {"astro.config.mjs": STARLIGHT})
    assert run(root, "build", "--as-of", "2026-12-06")[0] == 0
    page = (root / "site/assets/blog/first.html").read_text()
    assert "<p>Read the notes.</p>" in page and "Important" not in page


def test_an_astro_site_with_no_plugin_for_blocks_shows_their_colons_as_text() -> None:
    """A review's repro: an Astro blog with neither Starlight nor remark-directive shows ':::tip'
    and its closing ':::' as text on the live site (nothing reads them), where stagemap quoted
    the block with a label. A plugin that reads such blocks, remark-directive or another, in
    package.json or imported by the configuration, makes them boxes again."""
    assert traits("astro", {"astro.config.mjs": ASTRO}) == ("no-asides",)
    assert made(NOTES, "astro", "no-asides") == NOTES
    held = ":::caution\n```sh\nrm -rf build\n```\n:::\n"
    assert made(held, "astro", "no-asides") == held
    for package in ("remark-directive", "remark-admonitions", "remark-containers", "remark-custom-container"):
        files = {"astro.config.mjs": ASTRO, "package.json": json.dumps({"devDependencies": {package: "^1"}})}
        assert "plain-asides" in traits("astro", files)
    assert traits("astro", {"astro.config.mjs": "import x from 'remark-admonitions'\n" + ASTRO}) == (
        "plain-asides",
    )
    # Starlight's asides and a site with no configuration read are as before.
    assert made(NOTES, "astro") == "Back up first.\n\n> **Tip**\n>\n> Use the dry run.\n\nA wrapper.\n"


ALERTS = "> [!NOTE]\n> Read this first.\n\n> [!note]\n> Lower case.\n\n```md\n> [!TIP]\n> In code.\n```\n"


@pytest.mark.parametrize(
    "package",
    [
        '{"dependencies": {"markdown-it-github-alerts": "^1.0.0"}}',
        '{"devDependencies": {"@x-govuk/govuk-eleventy-plugin": "^8.0.0"}}',
    ],
)
def test_an_eleventy_site_with_github_alerts_shows_them_as_boxes(package: str) -> None:
    """The GOV.UK Eleventy plugin's own docs (it brings markdown-it-github-alerts): 19 of their 29
    pages showed '[!NOTE]' as written in a quote, where the live page shows a box titled 'Note'.
    The plugin reads the kind in capitals alone, as it does by default; a site without it shows
    the marker."""
    brought = ("markdown-it-attrs",) if "govuk" in package else ()  # (the plugin brings it too)
    assert traits("eleventy", {".eleventy.js": "module.exports = {}\n", "package.json": package}) == (
        "github-alerts",
        *brought,
    )
    assert made(ALERTS, "eleventy", "github-alerts") == (
        "> **Note**\n> Read this first.\n\n> [!note]\n> Lower case.\n\n```md\n> [!TIP]\n> In code.\n```\n"
    )
    assert made(ALERTS, "eleventy") == ALERTS
    none = '{"dependencies": {"markdown-it": "^14.0.0"}, "name": "markdown-it-github-alerts"}'
    assert traits("eleventy", {".eleventy.js": "", "package.json": none}) == ()
    assert traits("eleventy", {".eleventy.js": "", "package.json": "{not json"}) == ()


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("7.0.0", ()),
        ("~7.0.2", ()),
        ("^7.0.0", ("markdown-it-attrs",)),
        ("7.1.0", ("markdown-it-attrs",)),
        ("^7.3.0", ("markdown-it-attrs",)),
        (">=7.0.0 <7.1.0", ()),
        ("^8.0.0", ("github-alerts", "markdown-it-attrs")),
        ("8", ("github-alerts", "markdown-it-attrs")),
        ("latest", ("github-alerts", "markdown-it-attrs")),
        ("github:x-govuk/govuk-eleventy-plugin", ("github-alerts", "markdown-it-attrs")),
    ],
)
def test_the_govuk_plugin_brings_attrs_and_alerts_from_the_release_that_added_them(
    version: str, expected: tuple[str, ...]
) -> None:
    """The GOV.UK Eleventy plugin took markdown-it-attrs in at v7.1.0 and markdown-it-github-alerts
    at v8.0.0 (x-govuk/govuk-eleventy-plugin's history): a site pinned to v7.0.0 got both traits, and
    its '{.x}' text and '> [!NOTE]' quotes were read as lists and boxes it never makes. The declared
    range decides (a caret installs the newest release of its major; a version not read: the newest);
    a site naming either package itself has its trait whatever the plugin's version."""
    package = json.dumps({"dependencies": {"@x-govuk/govuk-eleventy-plugin": version}})
    assert traits("eleventy", {".eleventy.js": "module.exports = {}\n", "package.json": package}) == expected
    both = json.dumps(
        {
            "dependencies": {
                "@x-govuk/govuk-eleventy-plugin": "7.0.0",
                "markdown-it-attrs": "^4.1.0",
                "markdown-it-github-alerts": "^0.3.0",
            }
        }
    )
    assert traits("eleventy", {".eleventy.js": "", "package.json": both}) == (
        "github-alerts",
        "markdown-it-attrs",
    )


def test_markdown_it_github_alerts_take_a_title_and_work_in_list_items() -> None:
    """A review's repros: markdown-it-github-alerts reads '^\\[!(NOTE|...)\\]([^\\n\\r]*)' at the start
    of any quote's first paragraph, what follows the marker its title, and a quote in a list item
    is one too; stagemap used Hugo's rule (nothing after the marker), so '> [!NOTE] Custom title'
    and an alert indented in a numbered step stayed as written. The title is plain text (the
    plugin escapes it); lower case, a marker under a quoted line and one in code stay as written."""
    text = (
        "> [!NOTE] Custom title\n> body\n\n1. Step\n\n    > [!WARNING]\n    > Hot.\n\n"
        "> [!TIP]   *Not* emphasis  \n> x\n\n> Said.\n> [!TIP]\n> y\n\n> [!note] low\n> z\n\n"
        "Text.\n\n    > [!TIP]\n    > In code.\n"
    )
    assert made(text, "eleventy", "github-alerts") == (
        "> **Custom title**\n> body\n\n1. Step\n\n    > **Warning**\n    > Hot.\n\n"
        "> **\\*Not\\* emphasis**\n> x\n\n> Said.\n> [!TIP]\n> y\n\n> [!note] low\n> z\n\n"
        "Text.\n\n    > [!TIP]\n    > In code.\n"
    )
    # Eleventy 2.0 and later have no indented code: the quote is one, its alert labelled.
    assert made("Text.\n\n    > [!TIP]\n    > x\n", "eleventy", "github-alerts", "no-indented-code") == (
        "Text.\n\n> **Tip**\n> x\n"
    )
    # Hugo's rule stays Hugo's: a title after the marker is none there.
    assert made("> [!NOTE] Custom title\n> body\n", "hugo") == "> [!NOTE] Custom title\n> body\n"


@pytest.mark.parametrize(
    ("files", "indented_code"),
    [
        ({".eleventy.js": "", "package.json": '{"dependencies": {"@11ty/eleventy": "^2.0.1"}}'}, False),
        (
            {".eleventy.js": "", "package.json": '{"devDependencies": {"@11ty/eleventy": "3.0.0-alpha.5"}}'},
            False,
        ),
        ({".eleventy.js": "", "package.json": '{"devDependencies": {"@11ty/eleventy": "latest"}}'}, False),
        ({".eleventy.js": "", "package.json": '{"devDependencies": {"@11ty/eleventy": "~1.0.2"}}'}, True),
        ({".eleventy.js": ""}, True),  # no version told, an old name: as 1.0 read it
        ({"eleventy.config.js": ""}, False),  # a name Eleventy 2.0 brought
        ({"eleventy.config.mjs": 'export default (c) => { c.setLibrary("md", markdownIt()) }'}, True),
        (
            {
                "eleventy.config.mjs": "export default (c) => { c.setLibrary('md', markdownIt().disable('code')) }"
            },
            False,
        ),
        ({"eleventy.config.mjs": "export default (c) => {\n  // c.setLibrary('md', markdownIt())\n}"}, False),
        ({".eleventy.js": "c.amendLibrary('md', (md) => md.disable(['code', 'lheading']))"}, False),
        # Eleventy's docs' way back to indented code (a review found it read as off): the last one wins.
        ({"eleventy.config.js": 'c.amendLibrary("md", (mdLib) => mdLib.enable("code"))'}, True),
        ({"eleventy.config.js": 'md.disable("code"); md.enable("code"); md.disable("code")'}, False),
    ],
)
def test_eleventy_2_reads_indented_text_as_text(files: dict[str, str], indented_code: bool) -> None:
    """Eleventy 2.0 turned markdown-it's indented code off, unless the configuration sets its own
    library: a paragraph indented inside a <div> on such a site was shown as code."""
    assert ("no-indented-code" not in traits("eleventy", files)) is indented_code


def test_indented_text_on_eleventy_2_is_a_paragraph() -> None:
    text = (
        '<div class="card">\n\n    Indented inside a card.\n\n</div>\n\nPlain.\n\n    Indented after a blank line.\n\n'
        "- An item\n\n    Its second paragraph.\n\n```\n    code in a fence\n```\n"
    )
    assert made(text, "eleventy", "no-indented-code") == (
        '<div class="card">\n\nIndented inside a card.\n\n</div>\n\nPlain.\n\nIndented after a blank line.\n\n'
        "- An item\n\n    Its second paragraph.\n\n```\n    code in a fence\n```\n"  # (the item's own)
    )
    assert made(text, "eleventy") == text
    html = markdown.render(made("Plain.\n\n    Indented.\n", "eleventy", "no-indented-code")).html
    assert html == "<p>Plain.</p>\n<p>Indented.</p>\n"


def test_a_built_eleventy_page_reads_its_sites_packages(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "eleventy.config.js": 'module.exports = () => ({ dir: { input: "src" } });\n',
            "package.json": '{"devDependencies": {"@11ty/eleventy": "^2.0.1", "markdown-it-github-alerts": "^1"}}\n',
            "src/setup.md": "---\ntitle: Setup\n---\n\n> [!TIP]\n> Open it.\n\n    Indented words.\n",
        },
    )
    assert run(root, "init")[0] == 0
    assert run(root, "build", "--as-of", "2026-12-06")[0] == 0
    page = (root / "site/assets/setup.html").read_text()
    assert (
        "<blockquote>\n<p><strong>Tip</strong>\nOpen it.</p>\n</blockquote>\n<p>Indented words.</p>" in page
    )
    write(root, {"package.json": '{"devDependencies": {"@11ty/eleventy": "^1.0.2"}}\n'})
    assert run(root, "build", "--as-of", "2026-12-06")[0] == 0
    page = (root / "site/assets/setup.html").read_text()
    assert "<p>[!TIP]\nOpen it.</p>" in page and "<pre><code>Indented words.\n</code></pre>" in page


def test_an_astro_draft_has_no_address(tmp_path: Path) -> None:
    """SST's docs (Starlight): pages saying 'draft: true' got a public address, linked from their
    asset pages, while Starlight leaves drafts out of the production build. A review: Astro has
    no drafts since 3.0, and its blog template builds a 'draft: true' post: outside Starlight's
    src/content/docs such a page keeps its address."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG
            + "generator: astro\nsources:\n  - path: src/content/docs\n    url: /{path}/\n"
            + "urls:\n  base: https://x.example/\n",
            "astro.config.mjs": STARLIGHT,
            "src/content/docs/ready.md": "---\ntitle: Ready\n---\nOut.\n",
            "src/content/docs/wip.md": "---\ntitle: Work in progress\ndraft: true\n---\nNot yet.\n",
        },
    )
    code, out, _ = run(root, "list", "--format", "json")
    assert code == 0
    assert [(a["id"], a["status"], a["url"]) for a in json.loads(out)["assets"]] == [
        ("ready", "published", "https://x.example/ready/"),
        ("wip", "draft", ""),
    ]
    write(root, {"src/content/blog/later.md": "---\ntitle: Later\ndraft: true\n---\nSoon.\n"})
    write(
        root,
        {
            "stagemap.yml": (root / "stagemap.yml")
            .read_text()
            .replace(
                "sources:\n",
                "sources:\n  - path: src/content/blog\n    url: /blog/{path}/\n    id: blog/\n",
                1,
            )
        },
    )
    code, out, _ = run(root, "list", "--format", "json")
    assert {a["id"]: a["url"] for a in json.loads(out)["assets"]}[
        "blog/later"
    ] == "https://x.example/blog/later/"


NPM2YARN_CONFIG = (
    "module.exports = {\n  url: 'https://v.example',\n  presets: [['classic', {docs: {\n"
    "    remarkPlugins: [[require('@docusaurus/remark-plugin-npm2yarn'), {sync: true}]],\n  }}]],\n};\n"
)
INSTALL = "Install it:\n\n```bash npm2yarn\nnpm install --save-dev acme-vue\n```\n"


@pytest.mark.parametrize(
    ("files", "found"),
    [
        ({"docusaurus.config.js": NPM2YARN_CONFIG}, ("npm2pnpm", "npm2yarn")),  # no version: the newest
        (
            {
                "docusaurus.config.js": NPM2YARN_CONFIG,
                "package.json": '{"dependencies": {"@docusaurus/core": "2.4.3"}}',
            },
            ("docusaurus-2", "npm2yarn"),
        ),
        (
            {
                "docusaurus.config.ts": NPM2YARN_CONFIG.replace("{sync: true}", "{converters: ['pnpm']}"),
                "package.json": '{"dependencies": {"@docusaurus/core": "2.4.3"}}',
            },
            ("docusaurus-2", "npm2pnpm"),
        ),
        ({"docusaurus.config.js": NPM2YARN_CONFIG.replace("npm2yarn", "other")}, ()),
    ],
)
def test_docusaurus_npm2yarn_shows_a_block_per_package_manager(
    files: dict[str, str], found: tuple[str, ...]
) -> None:
    """Testing Library's docs (Docusaurus 2) name @docusaurus/remark-plugin-npm2yarn in
    docusaurus.config.js: each '```bash npm2yarn' block is tabs on the live site (npm and Yarn;
    pnpm too from the plugin's version 3 on), and stagemap showed npm's command alone."""
    assert traits("docusaurus", files) == found
    blocks = {
        "npm2yarn": "**Yarn**\n\n```bash\nyarn add --dev acme-vue\n```",
        "npm2pnpm": "**pnpm**\n\n```bash\npnpm add --save-dev acme-vue\n```",
    }
    shown = [
        "**npm**\n\n```bash\nnpm install --save-dev acme-vue\n```",
        *(blocks[t] for t in sorted(found, reverse=True) if t in blocks),
    ]
    expected = "Install it:\n\n" + "\n\n".join(shown) + "\n" if found else INSTALL
    assert made(INSTALL, "docusaurus", *found) == expected


@pytest.mark.parametrize(
    ("npm", "yarn", "pnpm"),
    [
        ("npm install", "yarn install", "pnpm install"),
        ("npm i -g serve", "yarn global add serve", "pnpm add -g serve"),
        ("npm install --save 'a b' -E", "yarn add 'a b' --exact", "pnpm add 'a b' -E"),
        ("npm uninstall old --save-dev", "yarn remove old --dev", "pnpm remove old --save-dev"),
        ("npm run build", "yarn build", "pnpm run build"),
        ("npm run install", "yarn run install", "pnpm run install"),
        ("npm test -- --watch", "yarn test --watch", "pnpm test --watch"),
        ("npm init vite@latest app", "yarn create vite app", "pnpm create vite app"),
        ("npm ls a b --depth=0", 'yarn list --pattern "a|b" --depth=0', "pnpm ls a b --depth 0"),
        ("cd site && npm install left-pad", "cd site && yarn add left-pad", "cd site && pnpm add left-pad"),
        ("npx make-app here", "yarn dlx make-app here", "pnpm dlx make-app here"),
        ("npm ci", "npm ci\n# couldn't auto-convert command", "npm ci\n# couldn't auto-convert command"),
    ],
)
def test_npm2yarn_converts_commands_as_npm_to_yarn_does(npm: str, yarn: str, pnpm: str) -> None:
    """The plugin converts with the npm-to-yarn package (3.0): its rules, not a guess (Testing
    Library's 'npm install --save-dev' is Yarn's 'yarn add --dev', pnpm's flag as written)."""
    assert (converted(npm, "yarn"), converted(npm, "pnpm")) == (yarn, pnpm)


def test_an_astro_site_whose_processor_reads_directives_boxes_its_blocks() -> None:
    """A regression check on astro-theme-cactus: its configuration turns on a Markdown
    processor's own directives (features: {directive: true}) and imports its own admonitions
    plugin (./src/plugins/admonitions): its ':::note' boxes showed as raw text once a known
    container plugin was required. Either says the blocks are read."""
    for config in (
        "export default { markdown: { processor: satteri({ features: { directive: true } }) } };\n",
        'import { admonitions } from "./src/plugins/admonitions";\nexport default {};\n',
    ):
        assert traits("astro", {"astro.config.mjs": config}) == ("plain-asides",), config
    # A component named so is no plugin (astro-auto-import takes components: a review).
    auto = 'export default { integrations: [AutoImport({ imports: ["./src/components/Callout.astro"] })] };\n'
    assert traits("astro", {"astro.config.mjs": auto}) == ("no-asides",)


def test_npm2yarn_tabs_stand_apart_from_the_paragraph_above() -> None:
    """A regression check on Testing Library's docs: an 'or' line right above a '```bash npm2yarn'
    fence became 'or **npm**', one paragraph: a fence ends the paragraph above it, a label line
    does not. A blank line is put between them where none stands."""
    text = "or\n```bash npm2yarn\nnpm install x\n```\n"
    assert made(text, "docusaurus", "npm2yarn").startswith("or\n\n**npm**\n\n```bash\n")
