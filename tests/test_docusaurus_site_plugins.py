"""What a Docusaurus (or Gatsby) site's plugins and themes change in its pages: remark-math's TeX,
docusaurus-theme-github-codeblock's ``reference`` blocks; and a doc's ``id`` with spaces in it."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

import stagemap
from stagemap.read.sitepackages import MARKDOWN, markdown_traits
from stagemap.render.dialects import clean
from stagemap.render.githubrefs import github_references
from stagemap.render.shortcodes import SITE_PARAMS
from tests.test_init_sites import initialised, run

MATH_CONFIG = (
    "const math = require('remark-math');\nconst katex = require('rehype-katex');\n"
    "module.exports = {\n  url: 'https://docs.tidewater.example',\n"
    "  presets: [['classic', {docs: {remarkPlugins: [math], rehypePlugins: [katex]}}]],\n};\n"
)
THEMED_CONFIG = (
    "module.exports = {\n  url: 'https://docs.tidewater.example',\n"
    "  presets: [['classic', {docs: {routeBasePath: '/'}, blog: false}]],\n"
    "  themes: ['docusaurus-theme-github-codeblock'],\n"
    "  themeConfig: {codeblock: {showGithubLink: true}},\n};\n"
)
KATEX_GATSBY = (
    "module.exports = {\n  plugins: [{\n    resolve: `gatsby-transformer-remark`,\n"
    "    options: {plugins: [{resolve: `gatsby-remark-katex`, options: {strict: `ignore`}}]},\n  }],\n};\n"
)


def package(core: str, math: str) -> str:
    return f'{{"dependencies": {{"@docusaurus/core": "{core}", "remark-math": "{math}"}}}}'


def traits(generator: str, files: dict[str, str]) -> tuple[str, ...]:
    return markdown_traits(generator, lambda name: files[name].encode() if name in files else None)


@pytest.mark.parametrize(
    ("generator", "files", "math"),
    [
        ("docusaurus", {"docusaurus.config.js": MATH_CONFIG}, True),  # (no versions told: it reads math)
        (
            "docusaurus",
            {"docusaurus.config.js": MATH_CONFIG, "package.json": package("^3.6.0", "^6.0.0")},
            True,
        ),
        ("docusaurus", {"docusaurus.config.js": MATH_CONFIG, "package.json": package("2.4.3", "3")}, True),
        # remark-math 3 reads nothing in Docusaurus 3's MDX, nor 6 in Docusaurus 2's: the TeX shows as written
        ("docusaurus", {"docusaurus.config.js": MATH_CONFIG, "package.json": package("^3.6.0", "3")}, False),
        ("docusaurus", {"docusaurus.config.js": MATH_CONFIG, "package.json": package("2.4.3", "^6")}, False),
        ("docusaurus", {"docusaurus.config.js": "// require('remark-math')\nmodule.exports = {};\n"}, False),
        ("gatsby", {"gatsby-config.js": KATEX_GATSBY}, True),
        (
            "gatsby",
            {"gatsby-config.js": "module.exports = {plugins: [`gatsby-transformer-remark`]};\n"},
            False,
        ),
    ],
)
def test_remark_math_is_read_where_the_site_loads_a_release_that_works(
    generator: str, files: dict[str, str], math: bool
) -> None:
    found = traits(generator, files)
    assert ("math" in found or any(t.startswith("math-in:") for t in found)) is math


@pytest.mark.parametrize("generator", ["docusaurus", "gatsby"])
def test_math_shows_as_tex_on_a_docusaurus_or_gatsby_site_that_loads_remark_math(generator: str) -> None:
    """A Docusaurus site's remark-math (and rehype-katex) draws '$...$' and '$$' blocks as
    formulas, as gatsby-remark-katex does on Gatsby: stagemap read them as Markdown only on
    Astro, so a '$$' block showed as a paragraph of raw TeX with its underscores and backslashes
    eaten. Now the TeX is code, as written, never in code; without the plugin, as before."""
    body = (
        "Drift is $d_1 = w\\;/\\;t$, and \\$5 is a price; `$x$` is code.\n\n"
        "$$\nd_1 \\\\ w_2\n$$\n\n```md\nand $z$\n```\n"
    )
    made = clean(body, ".md", generator, {SITE_PARAMS: {MARKDOWN: ("math",)}})
    assert made == (
        "Drift is `d_1 = w\\;/\\;t`, and \\$5 is a price; `$x$` is code.\n\n"
        "```math\nd_1 \\\\ w_2\n```\n\n```md\nand $z$\n```\n"
    )
    assert clean(body, ".md", generator) == body
    if generator == "docusaurus":  # (MDX: braces in math are TeX, no expression)
        assert clean("Wait $t_{calm}$ here.\n", ".mdx", generator, {SITE_PARAMS: {MARKDOWN: ("math",)}}) == (
            "Wait `t_{calm}` here.\n"
        )


def test_an_id_with_spaces_names_a_doc_as_docusaurus_does(tmp_path: Path) -> None:
    """A docs site's upgrade guides say 'id: "Tide 2.x upgrade"': Docusaurus takes any text
    without a slash for a doc's id (its sidebars name the doc so), but 'stagemap check' said "an
    'id' must be text without spaces" and exited 1 on a site that builds. Such an id is the
    asset's, after its folder: check passes, links reach its page (by file and by its address),
    a 'next' names it, list and tag select it; a 'next' of words naming nothing is still the
    site's own label, not a broken hand-off."""
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": (
                "module.exports = {\n  url: 'https://docs.tidewater.example',\n"
                "  presets: [['classic', {docs: {routeBasePath: '/'}, blog: false}]],\n};\n"
            ),
            "docs/tide/upgrade.md": "---\nid: Tide 2.x upgrade\ntitle: Moving to Tide 2\n---\nWhat changes.\n",
            "docs/tide/overview.md": (
                "---\ntitle: Tide overview\nnext: tide/Tide 2.x upgrade\n---\n"
                "See [the move](/tide/Tide%202.x%20upgrade) and [again](./upgrade.md).\n"
            ),
            "docs/start.md": "---\ntitle: Start\nnext: Read the overview first\n---\nBegin.\n",
            "docs/bad.md": '---\nid: "Tab\\there"\ntitle: Bad\n---\nA tab is no space.\n',
        },
    )
    code, _, err = run("-C", str(root), "check")
    assert "without spaces" in err and err.count("error:") == 1 and "docs/bad.md" in err
    (root / "docs/bad.md").unlink()
    code, _, err = run("-C", str(root), "check")
    assert code == 0, err
    assets = {a.id: a for a in stagemap.load_project(root).library.assets}
    assert set(assets) == {"start", "tide/overview", "tide/Tide 2.x upgrade"}
    assert assets["tide/overview"].next == "tide/Tide 2.x upgrade"
    assert not assets["start"].next
    assert run("-C", str(root), "build", "-o", str(tmp_path / "out"))[0] == 0
    page = next((tmp_path / "out/assets/tide").glob("tide-2-x-upgrade-*.html")).name
    overview = (tmp_path / "out/assets/tide/overview.html").read_text(encoding="utf-8")
    assert f'<a href="{page}">the move</a> and <a href="{page}">again</a>' in overview
    code, out, _ = run("-C", str(root), "list", "--where", "id=tide/Tide 2*", "--format", "paths")
    assert (code, out.splitlines()) == (0, [(root / "docs/tide/upgrade.md").as_posix()])
    assert (
        run("-C", str(root), "tag", "--where", "id=tide/Tide 2.x upgrade", "--add-stage", "evaluation")[0]
        == 0
    )
    assert "stages: [evaluation]\n" in (root / "docs/tide/upgrade.md").read_text(encoding="utf-8")


def test_reference_code_blocks_link_to_the_file_where_the_theme_shows_them(tmp_path: Path) -> None:
    """docusaurus-theme-github-codeblock shows a '```js reference' block holding a GitHub file's
    address as the lines it names, fetched by the browser, titled with the file's path, with a
    link to GitHub: stagemap showed the address as code. It has no network: the block is its
    title over a link to the file, labelled with its name and lines; a block holding anything
    else stays code, and on a site without the theme every block does."""
    assert "github-codeblock" in traits("docusaurus", {"docusaurus.config.js": THEMED_CONFIG})
    assert "github-codeblock" not in traits("docusaurus", {"docusaurus.config.js": MATH_CONFIG})
    body = (
        "Set it up:\n```js reference\nhttps://github.com/tidewater/kit/blob/main/src/set_up.js#L10-L20\n```\n\n"
        '- Then:\n\n  ```yaml reference title="Defaults"\n'
        "  https://github.com/tidewater/kit/blob/v2/conf/base.yml#L4\n  ```\n\n"
        "```json reference\nhttps://github.com/tidewater/kit/blob/main/pkg.json\n```\n\n"
        "```js reference\nnot an address\n```\n\n```js\nhttps://github.com/tidewater/kit/blob/main/a.js\n```\n"
    )
    themed = {SITE_PARAMS: {MARKDOWN: ("github-codeblock",)}}
    assert clean(body, ".md", "docusaurus", themed) == (
        "Set it up:\n\n*src/set\\_up.js*\n\n"
        "[set\\_up.js, lines 10 to 20, on GitHub](https://github.com/tidewater/kit/blob/main/src/set_up.js#L10-L20)"
        "\n\n- Then:\n\n  *Defaults*\n\n"
        "  [base.yml, line 4, on GitHub](https://github.com/tidewater/kit/blob/v2/conf/base.yml#L4)\n\n"
        "*pkg.json*\n\n[pkg.json on GitHub](https://github.com/tidewater/kit/blob/main/pkg.json)\n\n"
        "```js reference\nnot an address\n```\n\n```js\nhttps://github.com/tidewater/kit/blob/main/a.js\n```\n"
    )
    shown = "````md\n```js reference\nhttps://github.com/tidewater/kit/blob/main/a.js\n```\n````\n"
    assert clean(shown, ".md", "docusaurus", themed) == shown  # (the syntax shown in a block: as written)
    assert clean(body, ".md", "docusaurus") == clean(body, ".md", "docusaurus", {SITE_PARAMS: {MARKDOWN: ()}})
    assert "```js reference\nhttps://" in clean(body, ".md", "docusaurus")


def test_reference_blocks_never_closed_are_read_once() -> None:
    """Each fenced block is read to its end once: a page of 200,000 'reference' fences never
    closed (or of fences that never close one another) takes a moment, not minutes."""
    for body in ("```js reference\n" * 200_000, "````x\n" * 200_000 + "reference\n"):
        start = time.process_time()
        assert github_references(body) == body
        assert time.process_time() - start < 5


def test_diff_reads_a_label_of_words_as_check_does(tmp_path: Path) -> None:
    """'stagemap diff' read each revision with its own copy of how assets are linked, which
    missed that a Docusaurus 'next' of several words naming nothing is the site's own label:
    giving two awareness docs 'next: Read the overview first' (check passes) made 'Next steps
    newly broken: 2' and a stuck point, exit 1 with --fail-on stuck."""
    docs = {
        f"docs/guide-{n}.md": f"---\ntitle: Guide {n}\nstages: [awareness]\n---\nA guide.\n"
        for n in range(12)
    }
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": (
                "module.exports = {\n  url: 'https://docs.tidewater.example',\n"
                "  presets: [['classic', {docs: {routeBasePath: '/'}, blog: false}]],\n};\n"
            ),
            **docs,
        },
    )
    env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "PATH": os.environ["PATH"]}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "site"]):
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
            cwd=root,
            env=env,
            check=True,
        )
    for n in (0, 1):
        page = root / f"docs/guide-{n}.md"
        page.write_text(page.read_text().replace("---\nA", "next: Read the overview first\n---\nA"))
    assert run("-C", str(root), "check")[0] == 0
    code, out, err = run("-C", str(root), "diff", "HEAD", "--fail-on", "stuck", "--fail-on", "broken")
    assert (code, err) == (0, ""), out
    assert "No change in coverage, next steps or assets." in out


def test_an_address_made_from_an_id_with_spaces_is_percent_encoded(tmp_path: Path) -> None:
    """A doc whose id holds spaces got the address '.../tide/Tide 2.x upgrade': a kit's Markdown
    link with a space in it is text, not a link, and the CSV and JSON 'url' held it too. Docusaurus
    serves it at '%20'; so is it given now, and an address already encoded stays as written."""
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": (
                "module.exports = {\n  url: 'https://docs.tidewater.example',\n"
                "  presets: [['classic', {docs: {routeBasePath: '/'}, blog: false}]],\n};\n"
            ),
            "docs/tide/upgrade.md": (
                "---\nid: Tide 2.x upgrade\ntitle: Moving to Tide 2\n---\nWhat changes.\n"
            ),
            "docs/tide/faq.md": "---\ntitle: Tide FAQ\nslug: /tide/common%20questions\n---\nAnswers.\n",
        },
    )
    assets = {a.id: a for a in stagemap.load_project(root).library.assets}
    assert assets["tide/Tide 2.x upgrade"].url == "https://docs.tidewater.example/tide/Tide%202.x%20upgrade"
    assert assets["tide/faq"].url == "https://docs.tidewater.example/tide/common%20questions"
    code, out, err = run("-C", str(root), "list", "--format", "json")
    assert code == 0, err
    assert '"url": "https://docs.tidewater.example/tide/Tide%202.x%20upgrade"' in out


def test_reference_blocks_read_the_address_as_the_theme_does() -> None:
    """The theme's parseReference takes the file's path without its query and a line's number
    without its column: '?plain=1' stayed code and '#L10C3-L20C5' too. A title with spaces
    around it became '* Setup *' (a list item, not a title); lines backwards ('#L20-L10') were
    labelled as lines the live page never shows; a path holding '(' and '<' broke the link."""
    themed = {SITE_PARAMS: {MARKDOWN: ("github-codeblock",)}}
    body = (
        "```md reference\nhttps://github.com/tidewater/kit/blob/main/README.md?plain=1#L10-L20\n```\n\n"
        '```js reference title=" Setup "\nhttps://github.com/tidewater/kit/blob/main/set.js#L10C3-L20C5\n```\n\n'
        "```js reference\nhttps://github.com/tidewater/kit/blob/main/b.js#L20-L10\n```\n\n"
        "```md reference\nhttps://github.com/tidewater/kit/blob/main/docs/(draft)<b>.md\n```\n"
    )
    assert clean(body, ".md", "docusaurus", themed) == (
        "*README.md*\n\n[README.md, lines 10 to 20, on GitHub]"
        "(https://github.com/tidewater/kit/blob/main/README.md?plain=1#L10-L20)\n\n"
        "*Setup*\n\n[set.js, lines 10 to 20, on GitHub](https://github.com/tidewater/kit/blob/main/set.js#L10C3-L20C5)\n\n"
        "*b.js*\n\n[b.js on GitHub](https://github.com/tidewater/kit/blob/main/b.js#L20-L10)\n\n"
        "*docs/(draft)\\<b\\>.md*\n\n"
        "[(draft)\\<b\\>.md on GitHub](https://github.com/tidewater/kit/blob/main/docs/%28draft%29%3Cb%3E.md)\n"
    )
