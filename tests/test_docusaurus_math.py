"""remark-math on a Docusaurus site as its release and its content plugins read it: remark-math 3
(Docusaurus 2's) reads ``$`` more strictly than 4 and later; each content plugin (docs, blog,
pages) loads remark plugins of its own; an unclosed ``$$`` block runs to the end; and the reading
takes time in step with the page, however its dollars are laid out."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from stagemap.read.sitepackages import MARKDOWN, markdown_traits, page_markdown
from stagemap.render.dialects import clean
from stagemap.render.remarkmath import remark_math
from stagemap.render.shortcodes import SITE_PARAMS
from tests.test_init_sites import initialised, run

SCOPED = (
    "const math = require('remark-math');\n"
    "module.exports = {\n  url: 'https://docs.harbourlight.example',\n"
    "  presets: [['classic', {docs: {remarkPlugins: [math]}, blog: {}}]],\n"
    "  plugins: [['@docusaurus/plugin-content-docs', {id: 'api', path: 'api', routeBasePath: 'api'}]],\n};\n"
)


def traits(files: dict[str, str]) -> tuple[str, ...]:
    return markdown_traits("docusaurus", lambda name: files[name].encode() if name in files else None)


def shown(text: str, *found: str) -> str:
    return clean(text, ".md", "docusaurus", {SITE_PARAMS: {MARKDOWN: ("math", *found)}})


@pytest.mark.parametrize(
    ("versions", "release3"),
    [
        ('"@docusaurus/core": "2.4.3", "remark-math": "3"', True),
        ('"@docusaurus/core": "^2.4.0"', True),  # (only remark-math 3 works on Docusaurus 2)
        ('"@docusaurus/core": "^3.6.0", "remark-math": "^6.0.0"', False),
        ('"remark-math": "^6"', False),
    ],
)
def test_the_release_of_remark_math_is_read(versions: str, release3: bool) -> None:
    config = "const math = require('remark-math');\nmodule.exports = {presets: [['classic', {docs: {remarkPlugins: [math]}}]]};\n"
    found = traits({"docusaurus.config.js": config, "package.json": f'{{"dependencies": {{{versions}}}}}'})
    assert ("math-3" in found) is release3


def test_prose_dollars_read_as_remark_math_3_reads_them() -> None:
    """Docusaurus 2 with remark-math 3: 'Plans cost $5 and $10 a month.' showed '5 and ' as code,
    where the live page shows the sentence: remark-math 3 opens no math before a space and closes
    none after one or before a digit. remark-math 4 and later
    read '$' as a code span's backtick: there it is math, as on the live page."""
    prose = "Plans cost $5 and $10 a month.\n\nSet $HOME and $PATH first.\n\nPay $ 5 or $12$3 now.\n"
    assert shown(prose, "math-3") == prose
    assert (
        shown(prose)
        == "Plans cost `5 and `10 a month.\n\nSet `HOME and `PATH first.\n\nPay ` 5 or `12$3 now.\n"
    )
    # (math over a line break is left as written: read by paragraphs, it ran into headings)
    assert shown("Drift $d_1 +\nd_2$ and $$w$$, \\$4 and $t$.\n", "math-3") == (
        "Drift $d_1 +\nd_2$ and `w`, \\$4 and `t`.\n"
    )
    assert shown("A $x\n\nb$ c\n", "math-3") == "A $x\n\nb$ c\n"  # (never past its paragraph)
    assert remark_math("$$ q_1\nq_2 $$\nafter\n", release3=True) == "```math\nq_1\nq_2\n```\nafter\n"


def test_an_unclosed_math_block_runs_to_the_end() -> None:
    """remark-math 3's block.js and the micromark extension (4 on) both run a '$$' block never
    closed to the end of the document, as a fenced code block: stagemap left it as written."""
    for release3 in (False, True):
        assert (
            remark_math("Intro.\n\n$$\nx_1\n\nmore $y$\n", release3)
            == "Intro.\n\n```math\nx_1\n\nmore $y$\n```\n"
        )


def test_math_is_read_where_the_pages_content_plugin_loads_remark_math(tmp_path: Path) -> None:
    """Docusaurus loads remark plugins per content plugin. With remark-math under 'docs' alone (as
    Docusaurus's Math Equations page sets it), a blog post 'Plans cost $5 and $10 a month, or $20'
    showed '5 and ' as code where the live blog shows text; so did src/pages and another docs
    plugin instance. Now only the docs plugin's pages read math."""
    found = traits({"docusaurus.config.js": SCOPED})
    assert found == ("math-in:docs", "math-off:api", "math-off:blog", "math-off:src/pages")
    assert page_markdown({MARKDOWN: found}, "docs/a.md") == {MARKDOWN: ("math", *found)}
    for path in ("blog/a.md", "api/a.md", "src/pages/a.md"):
        assert page_markdown({MARKDOWN: found}, path) == {MARKDOWN: found}
    post = "---\ntitle: Plans\n---\nPlans cost $5 and $10 a month, or $20.\n"
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": SCOPED,
            "docs/drift.md": "---\ntitle: Drift\n---\nDrift is $d_1$.\n",
            "blog/2026-03-02-plans.md": post,
            "api/limits.md": "---\ntitle: Limits\n---\nLimits are $5 and $10.\n",
        },
    )
    assert run("-C", str(root), "build", "-o", str(tmp_path / "out"))[0] == 0
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "out/assets").rglob("*.html")}
    drift = next(t for n, t in pages.items() if "drift" in n)
    plans = next(t for n, t in pages.items() if "plans" in n)
    limits = next(t for n, t in pages.items() if "limits" in n)
    assert "<code>d_1</code>" in drift
    assert "Plans cost $5 and $10 a month, or $20." in plans and "<code>5" not in plans
    assert "Limits are $5 and $10." in limits


@pytest.mark.parametrize("release3", [False, True])
def test_hostile_dollars_take_time_in_step_with_the_page(release3: bool) -> None:
    """Each unclosed '$$' line looked for its closing line to the end again (100 KB: 39 s), and
    runs of dollars of many lengths on one line grew as n^1.5: both are read once now."""
    for body in (
        "$$ a\n" * 40_000,
        "".join("$" * (n % 60 + 1) + "a" for n in range(40_000)),
        "$5 " * 100_000,
    ):
        start = time.process_time()
        _ = remark_math(body, release3=True) if release3 else remark_math(body)
        clean(
            body,
            ".md",
            "docusaurus",
            {SITE_PARAMS: {MARKDOWN: ("math", "math-3") if release3 else ("math",)}},
        )
        assert time.process_time() - start < 10  # (2.7 to 3.8 s on a loaded machine; 39 s at 100 KB before)


def test_math_never_runs_into_a_heading_a_note_or_past_a_list_item() -> None:
    """A review of 7ac5602: inline math read by paragraphs ran from a line into the next one's
    heading, admonition fence or tab tag (the second of two notes was lost); a closing '$$' with
    a tab after it closed nothing, and a block never closed in a list item took the rest of the
    page. As micromark reads them: none of that is math, and a block never closed in a list item
    ends with the item (as fenced code does there)."""
    notes = ":::note\nStarter is $5.\n:::\n:::tip\nTeams pay $10.\n:::\n"
    assert remark_math(notes) == notes
    heading = "## Plans from $5\nThe team plan is $10 a month.\n"
    assert remark_math(heading) == heading
    assert remark_math("Text\n\n$$\nx\n$$\t\n\n## Later\n") == "Text\n\n```math\nx\n```\n\n## Later\n"
    listed = "- a\n\n  $$\n  x\n\nNext $y$ and more\n\n## Heading\n"
    assert remark_math(listed) == "- a\n\n  ```math\n  x\n  ```\n\nNext `y` and more\n\n## Heading\n"


def test_a_long_math_fence_line_costs_linear_time() -> None:
    """A review of 7ac5602: '$$' then 20,000 spaces and a dollar took 2.9 s (the fence pattern's
    spaces and meta overlapped); and '  $$ a' lines never closed, each looked ahead afresh."""
    start = resource.getrusage(resource.RUSAGE_SELF)
    remark_math("$$" + " " * 200_000 + "$\n")
    remark_math("  $$ a\n" * 50_000)
    remark_math("$$ a\n" * 50_000, release3=True)
    end = resource.getrusage(resource.RUSAGE_SELF)
    assert end.ru_utime + end.ru_stime - start.ru_utime - start.ru_stime < 5


@pytest.mark.parametrize("found", [(), ("math-3",)])
def test_a_math_block_never_closed_takes_the_code_fences_below_it(found: tuple[str, ...]) -> None:
    """A '$$' block never closed was read to the next code fence alone, the fence and what
    followed shown as code and text; one holding a fence line ended there, its closing '$$' then
    code to the end. micromark's math (flow) is concrete, as fenced code is, and remark-math 3's
    block.js eats lines to its closing one alike: a fence inside the block is TeX, the block runs
    to the end of the page; a '$$' inside fenced code is code."""
    unclosed = "Tide levels:\n\n$$\nh_t = a_0\n\n```js\nlet tide = 2\n```\n\nThen $w$ rises.\n"
    assert shown(unclosed, *found) == (
        "Tide levels:\n\n````math\nh_t = a_0\n\n```js\nlet tide = 2\n```\n\nThen $w$ rises.\n````\n"
    )
    holding = "Drift:\n\n$$\nd_1\n```\nd_2\n$$\n\nAfter $z$ it ebbs.\n"
    assert shown(holding, *found) == "Drift:\n\n````math\nd_1\n```\nd_2\n````\n\nAfter `z` it ebbs.\n"
    in_code = "```text\n$$\n```\n\nCharts cost $c$.\n"
    assert shown(in_code, *found) == "```text\n$$\n```\n\nCharts cost `c`.\n"


@pytest.mark.parametrize(
    ("versions", "release3"),
    [
        ('"remark-math": "^3.0.1"', True),  # (MDX 1's gatsby-plugin-mdx runs it)
        ('"remark-math": "2.0.1"', True),
        ('"gatsby-remark-katex": "^4.2.0"', False),  # (remark-math 1: no such rules)
        ('"gatsby-remark-katex": "^7.16.0"', False),  # (remark-math 4)
        ('"remark-math": "^5.1.1"', False),
    ],
)
def test_a_gatsby_site_pinning_remark_math_3_reads_its_dollars_so(versions: str, release3: bool) -> None:
    """remark-math 3's rules (no math opening before a space, none closing after one or before a
    digit) were read on Docusaurus 2 alone: a Gatsby site whose package.json pins remark-math 3
    showed 'Plans cost $5 and $10' with '5 and ' as code, where its live page shows the sentence.
    remark-math 2 has them too; gatsby-remark-katex brings remark-math 1 up to its release 4 and
    4 from its 5 on, neither with them. gatsby-plugin-mdx reads .mdx pages alone: a .md page goes
    through gatsby-remark-katex's remark-math (a review of ba35453: it read them by 3's rules)."""
    config = (
        "module.exports = {plugins: [`gatsby-remark-katex`,\n"
        "  {resolve: `gatsby-plugin-mdx`, options: {remarkPlugins: [require(`remark-math`)]}}]};\n"
    )
    files = {"gatsby-config.js": config, "package.json": f'{{"dependencies": {{{versions}}}}}'}
    found = markdown_traits("gatsby", lambda name: files[name].encode() if name in files else None)
    assert "math" in found and ("math-3" in found) is release3
    made = clean("Plans cost $5 and $10.\n", ".mdx", "gatsby", {SITE_PARAMS: {MARKDOWN: found}})
    assert made == ("Plans cost $5 and $10.\n" if release3 else "Plans cost `5 and `10.\n")
    # (a .md page is gatsby-transformer-remark's, its math gatsby-remark-katex's remark-math: 1 or 4)
    plain = clean("Plans cost $5 and $10.\n", ".md", "gatsby", {SITE_PARAMS: {MARKDOWN: found}})
    assert plain == "Plans cost `5 and `10.\n"


def test_a_math_block_ends_with_the_admonition_or_list_item_holding_it() -> None:
    """A review of ba35453: a '$$' block never closed inside ':::tip' took the admonition's closing
    ':::', the heading, the code and the link below it into the math (micromark-extension-directive
    checks the closing ':::' at each line before what the block holds; Docusaurus 2 collects the
    admonition's lines up to it); and one never closed in a list item reached past the item and
    across code fences to the next '$$', so a paragraph and a js block became TeX. Both end with
    what holds them, as on the live page; a closing line four spaces in closes nothing."""
    boxed = (
        ":::tip\n$$\\begin{aligned}\na &= b\n\\end{aligned}$$\n:::\n\n## Install\n\n"
        "```bash\nnpm i tide\n```\n\nSee [the guide](/guide/).\n"
    )
    out = shown(boxed)
    assert out.startswith("> **Tip**\n>\n> ```math\n> a &= b\n> \\end{aligned}$$\n> ```\n")
    assert out.endswith("## Install\n\n```bash\nnpm i tide\n```\n\nSee [the guide](/guide/).\n")
    listed = "- item\n  $$\n  x_1\n\nParagraph.\n\n```js\nlet a\n```\n\n$$\ny\n$$\n"
    assert shown(listed) == (
        "- item\n  ```math\n  x_1\n  ```\n\nParagraph.\n\n```js\nlet a\n```\n\n```math\ny\n```\n"
    )
    assert remark_math("$$\nx\n    $$\n") == "```math\nx\n    $$\n```\n"


def test_math_blocks_of_many_sizes_cost_near_linear_time() -> None:
    """A review of ba35453: the closing lines were listed afresh for each size of '$$' run opening
    a block, so a page of blocks of many sizes cost the sizes times its closing lines."""
    # (30,000 empty blocks then blocks of 1,500 sizes: 2.9 s of CPU before, 0.23 s now)
    page = "$$\n$$\n" * 30_000 + "".join(f"{'$' * k}\nx\n{'$' * k}\n" for k in range(3, 1500))
    start = time.process_time()
    out = remark_math(page + "$$\nend\n$$\n")
    assert out.endswith("```math\nx\n```\n```math\nend\n```\n")
    assert time.process_time() - start < 1.5


def test_math_is_read_in_a_folder_beside_a_site_in_a_subfolder() -> None:
    """A site in 'website/' loading remark-math for its docs at '../docs' scoped it to
    'website/../docs', which no page's path starts with: no math on docs pages. Normalised now."""
    config = (
        "const math = require('remark-math');\n"
        "module.exports = {presets: [['classic', {docs: {path: '../docs', remarkPlugins: [math]}}]]};\n"
    )
    files = {"website/docusaurus.config.js": config}
    site = {
        MARKDOWN: markdown_traits(
            "docusaurus", lambda name: files[name].encode() if name in files else None, "website"
        )
    }
    page = page_markdown(site, "docs/steeping.md")
    assert page is not None and "math" in page[MARKDOWN]


def test_a_math_block_may_open_a_list_item() -> None:
    """'- $$' was no opening line (a '$$' was read at a line's start alone), so the item's
    indented closing '$$' opened a block that took the rest of the item, prices and link and all,
    into the math. micromark reads the item's first line after its marker as any other: the block
    opens there and closes at its '$$' in the item's text; what follows stays text."""
    page = "- $$\n  x = 1\n  $$\n  Plans cost $5 a month.\n\n  See [pricing](/pricing/).\n"
    assert shown(page) == (
        "- ```math\n  x = 1\n  ```\n  Plans cost $5 a month.\n\n  See [pricing](/pricing/).\n"
    )
    assert shown("1. $$\n   a\n   $$\n2. Second\n") == "1. ```math\n   a\n   ```\n2. Second\n"
    assert shown("* $$\n  y\n\nAfter the list.\n") == "* ```math\n  y\n  ```\n\nAfter the list.\n"
    assert remark_math("1. $$\n   a\n   $$\n2. Second\n", release3=True) == (
        "1. ```math\n   a\n   ```\n2. Second\n"
    )


def test_a_math_block_in_a_nested_list_item_or_a_block_quote_is_math() -> None:
    """A '$$' block read at most three spaces in alone: one in a nested list item (four spaces in,
    at the item's text) and one in a block quote ('> $$') showed their dollars and TeX as text,
    where remark-math reads a block inside any list item or quote (a quote in an item, a quote
    in a quote too) and the live page shows the formula. A quote line without its marker ends
    the quote, and the block in it. MDX has no indented code: there a '$$' line at any
    indentation opens a block (micromark's math reads indentation as fenced code does); in a
    '.md' page read as CommonMark one four columns past what holds it stays code."""
    nested = "- Plans\n  - Yearly\n\n    $$\n    y = 12m\n    $$\n\n  Billed once.\n"
    assert shown(nested) == "- Plans\n  - Yearly\n\n    ```math\n    y = 12m\n    ```\n\n  Billed once.\n"
    quoted = "> Our rule:\n>\n> $$\n> y = 12m\n> $$\n\n```js\nlet plan = 'yearly'\n```\n"
    assert shown(quoted) == (
        "> Our rule:\n>\n> ```math\n> y = 12m\n> ```\n\n```js\nlet plan = 'yearly'\n```\n"
    )
    assert shown("- Plans\n\n  > $$\n  > y\n  > $$\n") == "- Plans\n\n  > ```math\n  > y\n  > ```\n"
    assert shown("> > $$\n> > y\n> > $$\n> Signed.\n") == "> > ```math\n> > y\n> > ```\n> Signed.\n"
    assert shown(">$$\n>y\nlater\n") == "> ```math\n> y\n> ```\nlater\n"
    deeper = "- Plans\n  - Yearly\n\n        $$\n        y = 12m\n        $$\n"
    assert shown(deeper) == "- Plans\n  - Yearly\n\n    ```math\n    y = 12m\n    ```\n"
    assert shown("Cost:\n\n    $$\n    y\n    $$\n") == "Cost:\n\n```math\ny\n```\n"
    gatsby = {SITE_PARAMS: {MARKDOWN: ("math",)}}
    assert clean(deeper, ".md", "gatsby", gatsby) == deeper
    assert clean("> $$\n> y\n> $$\n", ".md", "gatsby", gatsby) == "> ```math\n> y\n> ```\n"


def test_a_quote_holding_math_is_read_as_the_live_page_reads_it() -> None:
    """A quote holding '$$' was read on its own and marked again, but its lines lost their
    trailing spaces (a hard line break gone, inline '$$x$$' enough to trigger it); a quote opening
    a list item ('- > $$') was taken to start at its second line; one whose later lines put their
    '>' a space or two further in (CommonMark allows up to three) was split in two; and a tab after
    '>' was not read as the spaces it spans, so the block stayed text. On an MDX page a block four
    columns into a quote showed as code, its fence and all: MDX has no indented code."""
    broken = "> Seats at Tidewell cost  \n> $$s = 9n$$ a month\n"
    assert shown(broken) == "> Seats at Tidewell cost  \n> `s = 9n` a month\n"
    assert shown("- > $$\n  > s = 9n\n  > $$\n") == "- > ```math\n  > s = 9n\n  > ```\n"
    assert shown("1. > $$\n   > s\n   > $$\n\nAfter.\n") == "1. > ```math\n   > s\n   > ```\n\nAfter.\n"
    assert shown("> $$\n > s = 9n\n> $$\n") == "> ```math\n> s = 9n\n> ```\n"
    assert shown("- Seats\n\n  > $$\n   > s\n  > $$\n") == "- Seats\n\n  > ```math\n  > s\n  > ```\n"
    assert shown(">\t$$\n>\ts\n>\t$$\n") == ">   ```math\n>   s\n>   ```\n"
    deep = ">     $$\n>     s\n>     $$\n"  # (MDX: no indented code; the block moves to the quote's column)
    assert shown(deep) == "> ```math\n> s\n> ```\n"
    assert clean(deep, ".md", "docusaurus", {SITE_PARAMS: {MARKDOWN: ("math",)}}, mdx=False) == deep
    own = "- > Seats\n> $$\n> s\n> $$\n"  # (the second line's quote is one of its own, past the item)
    assert shown(own) == "- > Seats\n> ```math\n> s\n> ```\n"


def test_remark_math_3_keeps_a_quotes_lines_without_a_marker() -> None:
    """remark-parse 8 (remark-math 3, Docusaurus 2) keeps a line without '>' in the quote above it
    unless a blank line, a block that interrupts one (a '$$' line opening math) or, in a list, the
    next item comes first; micromark ends the quote, and a block of math in it, at such a line."""
    lazy = "> $$\n> a = b\nc = d\n> $$\n"
    assert shown(lazy, "docusaurus-2", "math-3") == "> ```math\n> a = b\n> c = d\n> ```\n"
    assert shown(lazy).startswith("> ```math\n> a = b\n> ```\nc = d\n")
    broken = "> $$\n> a\n$$\nb\n$$\n"
    assert shown(broken, "docusaurus-2", "math-3") == "> ```math\n> a\n> ```\n```math\nb\n```\n"
    listed = "- > $$\n  > a\n- b\n"  # (the next item is no line of the first's quote)
    assert shown(listed, "docusaurus-2", "math-3") == "- > ```math\n  > a\n  > ```\n- b\n"
