"""What a site's own markup does to its pages, seen on Eleventy and Gatsby sites: a paired
shortcode of the site's own (its text shown, a warning once a site that its markup is not),
markdown-it-attrs' attribute lists (never text), and an HTML comment between two blocks (which
parts them) (read/ownblocks.py, render/anchors.py, render/htmlcomments.py)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.ownblocks import first_own_blocks
from stagemap.read.sitepackages import MARKDOWN, markdown_traits
from stagemap.read.templateengines import with_engine
from stagemap.render import markdown
from stagemap.render.dialects import clean
from stagemap.render.shortcodes import SITE_PARAMS
from tests.conftest import write

ATTRS = {SITE_PARAMS: {MARKDOWN: ("markdown-it-attrs",)}}
"""The params of an Eleventy site whose Markdown has markdown-it-attrs."""


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_own_paired_shortcode_is_warned_once_a_site_at_its_first_use(tmp_path: Path) -> None:
    """lit.dev writes '{% aside "info" %}...{% endaside %}' some ninety times: a check said
    nothing of the box the site's code draws around that text, which the pages here leave out.
    Once for the site, at the first use (by file, then line); not Eleventy's Render plugin, nor
    an example in a raw block, nor a use in a Nunjucks comment."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": (
                'module.exports = () => ({ dir: { input: "src" }, markdownTemplateEngine: "njk" });\n'
            ),
            "src/a-start.md": (
                '---\ntitle: Start\n---\nIntro.\n\n{% raw %}{% aside "x" %}{% endaside %}{% endraw %}\n\n'
                '  {% aside "info" %}\nRead **this** first.\n{% endaside %}\n\n{# {% kbd %}Esc{% endkbd %} #}\n'
            ),
            "src/b-more.md": (
                '---\ntitle: More\n---\n{% aside "warn" %}\nAgain.\n{% endaside %}\n\n'
                'Press {% kbd %}Enter{% endkbd %}.\n\n{% renderTemplate "md" %}\n*Rendered.*\n{% endrenderTemplate %}\n'
            ),
        },
    )
    assert run(root, "init")[0] == 0
    _, _, err = run(root, "check")
    hint = (
        " (the site's code makes that text into markup of its own, such as a box, a label or a link, not known here; "
        "said once for the site, at its first use; 'lint: {own-block: false}' in stagemap.yml says it no more)"
    )
    assert [line for line in err.splitlines() if line.startswith("src/")] == [
        "src/a-start.md:8:3: warning: paired shortcode 'aside' is the site's own: what it holds is shown, not its markup"
        + hint,
        "src/b-more.md:8:7: warning: paired shortcode 'kbd' is the site's own: what it holds is shown, not its markup"
        + hint,
    ]
    # What it holds is on the page, as Markdown.
    project = stagemap.load_project(root)
    page = project.library.assets[0]
    params = with_engine(project.config.rules, page.path, page.extra)  # (Nunjucks, as the site says)
    assert markdown.render(clean(page.body, ".md", "eleventy", params)).html == (
        "<p>Intro.</p>\n<p>{% aside &quot;x&quot; %}{% endaside %}</p>\n<p>Read <strong>this</strong> first.</p>\n"
    )


def test_own_paired_shortcodes_are_found_once_each_a_bounded_number_of_names() -> None:
    assert first_own_blocks("{% note %}a{% endnote %} {% note %}b{% endnote %} {% lone %}") == {"note": 0}
    many = "".join(f"{{% n{i} %}}\n" for i in range(500)) + "".join(f"{{% endn{i} %}}\n" for i in range(500))
    assert len(first_own_blocks(many)) == 64


def test_markdown_it_attrs_lists_are_no_text_and_an_id_is_a_place_links_reach() -> None:
    """The GOV.UK Eleventy plugin's docs (it brings markdown-it-attrs): '{target=example}' after
    16 links and '{.red}' after a paragraph showed as written. A list after a link, an image,
    emphasis or a code span, or ending a paragraph, a heading or a list item, is the element's;
    within a paragraph the plugin reads none, and a site without it shows them all."""
    text = (
        "## Setting up{#setup}\n\nSee [the demo](/demo/){target=demo} and `npm`{.cmd}.\n\n"
        "A lead paragraph.{.lead}\n\n- One {.done}\n- Two\n\nMid {.x} line\nends {#end}\n\nBack to [setup](#setup).\n"
    )
    made = clean(text, ".md", "eleventy", ATTRS)
    assert markdown.render(made).html == (
        '<h2 id="h-setting-up">Setting up<span id="h-setup"></span></h2>\n'
        '<p>See <a href="/demo/">the demo</a> and <code>npm</code>.</p>\n<p>A lead paragraph.</p>\n'
        '<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n<p>Mid {.x} line\nends<span id="h-end"></span></p>\n'
        '<p>Back to <a href="#h-setup">setup</a>.</p>\n'
    )
    assert "{target=demo}" in clean(text, ".md", "eleventy") and "{.lead}" in clean(text, ".md", "eleventy")


def test_markdown_it_attrs_is_read_where_the_configuration_or_a_package_brings_it() -> None:
    """lit.dev requires markdown-it-attrs in its .eleventy.js; the GOV.UK plugin brings it."""

    def traits(files: dict[str, str]) -> tuple[str, ...]:
        return markdown_traits("eleventy", lambda name: files[name].encode() if name in files else None)

    assert "markdown-it-attrs" in traits(
        {".eleventy.js": "const attrs = require('markdown-it-attrs');\n", "package.json": "{}"}
    )
    assert "markdown-it-attrs" in traits(
        {
            "eleventy.config.js": "",
            "package.json": '{"dependencies": {"@x-govuk/govuk-eleventy-plugin": "^7"}}',
        }
    )
    assert "markdown-it-attrs" not in traits({".eleventy.js": "// markdown-it-attrs, one day\n"})


def test_a_comment_between_two_blocks_parts_them() -> None:
    """gatsby-starter-blog's first post puts '<!-- -->' between two indented code blocks, as
    CommonMark's spec does: dropped, it left blank lines, and the two became one block. A
    comment between a list and the next item parts two lists too; between paragraphs it is
    nothing."""
    code = "Paragraph:\n\n    Code\n\n<!-- -->\n\n    Paragraph:\n\n        Code\n"
    assert markdown.render(clean(code, ".md", "gatsby", html=True)).html == (
        "<p>Paragraph:</p>\n<pre><code>Code\n</code></pre>\n<pre><code>Paragraph:\n\n    Code\n</code></pre>\n"
    )
    assert markdown.render(clean("- a\n<!-- b -->\n- c\n", ".md", "eleventy")).html == (
        "<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>c</li>\n</ul>\n"
    )
    assert clean("One.\n\n<!-- note -->\n\nTwo.\n", ".md", "gatsby") == "One.\n\nTwo.\n"
    assert clean("<!-- top -->\n\n    code\n", ".md", "hugo") == "    code\n"


def test_the_own_block_warning_is_a_lint_rule_a_site_switches_off(tmp_path: Path) -> None:
    """A review of the Eleventy warnings: one paired shortcode ('{% aside "warn" %}') made
    'check --strict' fail on every Eleventy site, with no setting to silence a warning about
    stagemap's rendering rather than the content. 'lint: {own-block: false}' leaves it out."""
    root = write(
        tmp_path,
        {
            ".eleventy.js": "module.exports = {};\n",
            "notes/boxed.md": '---\ntitle: Boxed\n---\n{% callout "tip" %}Water the ferns.{% endcallout %}\n',
        },
    )
    assert run(root, "init")[0] == 0
    config = root / "stagemap.yml"
    config.write_text(config.read_text(encoding="utf-8") + "lint: {placeholder: false}\n", encoding="utf-8")
    code, _, err = run(root, "check", "--strict")
    assert (code, [line.partition(" (")[0] for line in err.splitlines() if "own" in line]) == (
        1,
        [
            "notes/boxed.md:4:1: warning: paired shortcode 'callout' is the site's own: what it holds is shown, not its markup"
        ],
    )
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "{placeholder: false}", "{placeholder: false, own-block: false}"
        ),
        encoding="utf-8",
    )
    code, _, err = run(root, "check", "--strict")
    assert (code, [line for line in err.splitlines() if "warning" in line]) == (0, [])


def test_no_own_block_is_named_in_a_verbatim_block() -> None:
    """A review of the Eleventy warnings: Nunjucks' '{% verbatim %}' (its raw) showing how to
    write a shortcode was warned about as a use of it."""
    text = "{% verbatim %}{% badge %}new{% endbadge %}{% endverbatim %}\n\n{% badge %}old{% endbadge %}\n"
    assert first_own_blocks(text) == {"badge": 61}
    assert first_own_blocks("{% verbatim %}\n{% badge %}new{% endbadge %}\n{% endverbatim %}\n") == {}


def test_a_comment_in_a_hugo_code_shortcode_stays_as_written() -> None:
    """A review of the comment separator: in '{{< highlight md >}}' code a comment between a line
    and a list item became the separator's '[\ue042]: #' line on the page, where the live page
    shows the comment, which is code there. Outside the shortcode a comment still goes."""
    text = (
        "Before.\n\n{{< highlight md >}}\nA line\n\n<!-- kept note -->\n\n- an item\n{{< /highlight >}}\n\n"
        "{{< note >}}\n{{< code lang=html >}}\n<p>x</p>\n<!-- in code -->\n{{< /code >}}\n{{< /note >}}\n\n"
        "<!-- dropped -->\n\n- after\n"
    )
    assert markdown.render(clean(text, ".md", "hugo")).html == (
        '<p>Before.</p>\n<pre><code class="language-md">A line\n\n&lt;!-- kept note --&gt;\n\n- an item\n</code></pre>\n'
        "<blockquote>\n<p><strong>Note</strong></p>\n"
        '<pre><code class="language-html">&lt;p&gt;x&lt;/p&gt;\n&lt;!-- in code --&gt;\n</code></pre>\n</blockquote>\n'
        "<ul>\n<li>after</li>\n</ul>\n"
    )


def test_markdown_it_attrs_lists_are_read_as_the_plugin_reads_them() -> None:
    """A review against markdown-it-attrs' own rules (patterns.js, utils.js): a class with a '!'
    (GOV.UK's '{.govuk-!-font-size-48}'), a list of a key alone ('{name}', '{data-toggle}') at a
    block's end, a list after '_emphasis_' or '~~strikethrough~~' and one ending a table's cell
    showed as text, where the plugin takes them; a list after a ')' or ']' that closes no link
    ('f(x){.c}') and one before '2.' (a list not numbered from 1 goes on with the paragraph) were
    dropped, where the live page shows them."""
    text = (
        "Big text.{.govuk-!-font-size-48}\n\nReplace {name}\n\nA toggle\n{data-toggle}\n\n"
        "Some _soft_{.red} and ~~old~~{.gone} words.\n\n| a | b |\n| - | - |\n| c | d {#cell} |\n\n"
        "Call f(x){.c} mid line, [a][ref]{.r} too.\n\nMore text {.a}\n2. two\n\nLast {.z}\n1. one\n\n"
        "A snake_{x} here.\n\n[ref]: /ref/\n"
    )
    assert markdown.render(clean(text, ".md", "eleventy", ATTRS)).html == (
        "<p>Big text.</p>\n<p>Replace</p>\n<p>A toggle</p>\n<p>Some <em>soft</em> and <s>old</s> words.</p>\n"
        "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n"
        '<td>d<span id="h-cell"></span></td>\n</tr>\n</tbody>\n</table>\n'
        '<p>Call f(x){.c} mid line, <a href="/ref/">a</a> too.</p>\n<p>More text {.a}\n2. two</p>\n'
        "<p>Last</p>\n<ol>\n<li>one</li>\n</ol>\n<p>A snake_{x} here.</p>\n"
    )


def test_markdown_it_attrs_takes_no_liquid_tag_for_a_list() -> None:
    """A review (r5) of 74fb564, on an Eleventy site of its own with markdown-it-attrs: a tag
    ending a paragraph ('{% endraw %}', '{% include "note.njk" %}') was read as an attribute list
    and dropped, taking a raw block's example and an include's placeholder with it. Eleventy runs
    Liquid first: the plugin never sees a tag. On a page Liquid does not run on
    (templateEngineOverride: md), the plugin reads the tag as written, a list like any other."""
    text = 'Write {% raw %}{{ page.url }}{% endraw %}\n\nThen: {% include "tip.njk" %}\n\n[Home](/){% endraw %}\n'
    assert markdown.render(clean(text, ".md", "eleventy", ATTRS)).html == (
        "<p>Write {{ page.url }}</p>\n<p>Then: <em>[Included from tip.njk: shown on the live site]</em></p>\n"
        '<p><a href="/">Home</a></p>\n'
    )
    plain = {**ATTRS, "templateEngineOverride": "md"}
    assert markdown.render(clean('Then: {% include "tip.njk" %}\n', ".md", "eleventy", plain)).html == (
        "<p>Then:</p>\n"
    )


def test_markdown_it_attrs_list_after_an_address_in_parentheses_is_the_links() -> None:
    """A review (r5) of 74fb564: a list after a link to a Wikipedia article whose address holds
    parentheses ('/wiki/Lisp_(programming_language)') showed as text: the address was read
    without them. CommonMark allows balanced parentheses in an address (markdown-it to 32 deep;
    two here) and escaped ones."""
    text = (
        "See [Lisp](https://en.wikipedia.org/wiki/Lisp_(programming_language)){target=_blank} now.\n\n"
        "And [f](/a_(b_(c))_d/){.deep}, [g](/h\\(i/){.esc} and [j](/k_(l/){.open} too.\n"
    )
    assert markdown.render(clean(text, ".md", "eleventy", ATTRS)).html == (
        '<p>See <a href="https://en.wikipedia.org/wiki/Lisp_(programming_language)">Lisp</a> now.</p>\n'
        '<p>And <a href="/a_(b_(c))_d/">f</a>, <a href="/h(i/">g</a> and [j](/k_(l/){.open} too.</p>\n'
    )


def test_markdown_it_attrs_list_ending_an_item_before_the_next_numbered_item() -> None:
    """A review (r5) of 74fb564: in a numbered list, '{.done}' at the end of every item but the
    last showed as text: '2. Two' was taken for a line going on with the paragraph, which it is
    after a plain paragraph only. Less indented than the item's text, the next item ends the
    item before it (markdown-it's list rule), in a bulleted list and a nested one too."""
    text = (
        "1. Plan {.done}\n2. Build {#build}\n3. Ship {.x}\n\nThen:\n\n- Tea {.hot}\n2. Cake\n\nAnd:\n\n"
        "1. Outer\n   1. Inner {.in}\n2. Next\n\nPlain text {.a}\n2. goes on\n"
    )
    assert markdown.render(clean(text, ".md", "eleventy", ATTRS)).html == (
        '<ol>\n<li>Plan</li>\n<li>Build<span id="h-build"></span></li>\n<li>Ship</li>\n</ol>\n<p>Then:</p>\n'
        '<ul>\n<li>Tea</li>\n</ul>\n<ol start="2">\n<li>Cake</li>\n</ol>\n<p>And:</p>\n'
        "<ol>\n<li>Outer\n<ol>\n<li>Inner</li>\n</ol>\n</li>\n<li>Next</li>\n</ol>\n"
        "<p>Plain text {.a}\n2. goes on</p>\n"
    )


def test_markdown_it_attrs_list_after_a_bracket_or_emphasis_mark_as_commonmark_reads_them() -> None:
    """A review (r5) of 74fb564: with '[guide]: /guide/' defined, '[guide]{.x}' (a shortcut
    reference link) kept its list as text; 'snake_case_{.x}' lost it, where a '_' inside a word
    opens no emphasis, and '4 * 5 *{.x}' too, where a '*' after a space closes none. A ']'
    closes a link where the page defines its label (the text's, for '[guide]' and '[guide][]');
    a '_' or '*' where it can close emphasis that an earlier one can open (CommonMark's rules)."""
    text = (
        "Read [guide]{.x}, [Guide][]{.y}, [the guide][guide]{#g} and [other]{.z}.\n\n"
        "Use snake_case_{.x}, _one two_{.u}, _in_word_{.w} and __strong__{.s} here.\n\n"
        "So 4 * 5 *{.x} here.\n\nThen *a*{.a} and **b**{.b}.\n\nAnd c*{.c} too.\n\n[guide]: /guide/\n"
    )
    assert markdown.render(clean(text, ".md", "eleventy", ATTRS)).html == (
        '<p>Read <a href="/guide/">guide</a>, <a href="/guide/">Guide</a>, <a href="/guide/">the guide</a>'
        '<span id="h-g"></span> and [other]{.z}.</p>\n'
        "<p>Use snake_case_{.x}, <em>one two</em>, <em>in_word</em> and <strong>strong</strong> here.</p>\n"
        "<p>So 4 * 5 *{.x} here.</p>\n<p>Then <em>a</em> and <strong>b</strong>.</p>\n<p>And c*{.c} too.</p>\n"
    )


def test_markdown_it_attrs_reads_no_list_inside_a_paragraph_and_cuts_at_its_first_brace() -> None:
    """A review against markdown-it-attrs 5.0.1 run on the same text (patterns.js, utils.js): on
    an Eleventy site with the plugin, kramdown's and attr_list's rules still ran after its own,
    so a '{#id}' ending a line that a lazy continuation line goes on from, or on a line of its
    own inside a paragraph, was dropped for an anchor where the live page shows it as text; and a
    list alone in a paragraph, v8.dev's '{ #test.js }' (the plugin's empty paragraph with that
    id), was dropped with no anchor: three links to '#test.js' on its debug-arm page were
    reported as finding no heading. And the plugin reads a list after an inline element quotes
    and all ('{title="a {b} c"}') but cuts the text after it at the first '}': the rest shows."""
    text = (
        "Ask first {#ask}\nthen more.\n\n- Tea {#tea}\ngoes on lazily\n\nSome text\n{#mid}\nand more.\n\n"
        "Given a `test.js`:\n\n{ #test.js }\n\n## Setup {#setup}\nRight under it.\n\n"
        'See [it](/it/){title="a {b} c"} now, [that](/that/){#that data-x="p q"} too.\n'
    )
    assert markdown.render(clean(text, ".md", "eleventy", ATTRS)).html == (
        "<p>Ask first {#ask}\nthen more.</p>\n<ul>\n<li>Tea {#tea}\ngoes on lazily</li>\n</ul>\n"
        "<p>Some text\n{#mid}\nand more.</p>\n<p>Given a <code>test.js</code>:</p>\n"
        '<p><span id="h-test.js"></span></p>\n<h2 id="h-setup">Setup</h2>\n<p>Right under it.</p>\n'
        '<p>See <a href="/it/">it</a> c&quot;} now, <a href="/that/">that</a><span id="h-that"></span> too.</p>\n'
    )


def test_markdown_it_attrs_list_ending_a_setext_heading_or_a_heading_in_an_item() -> None:
    """A review of the plugin's own rules (218ccfb), checked against markdown-it-attrs 5.0.1
    run on the same text: its end-of-block rule reads the last text of any block, but only an
    ATX heading alone on its line was read as one, so '{#id}' ending a setext heading's text
    ('Install {#install}' over '=======', or on a line of its own above the '---'), ending an
    ATX heading in a list item or with closing '#'s, or ending a paragraph a thematic break
    ('***') ends, stayed as text: check --links said the links to them found no heading. Each
    is read as the plugin reads it (which gives an item's heading's id to the item)."""
    text = (
        "Getting started {#start}\n===============\n\nSome words.\n\nBefore you begin\n{#before}\n"
        "----------------\n\n- ## Pack the bag {#pack}\n  with a torch\n\n"
        "1. ### Count the tents {#count} ###\n   twice\n\n> #### Quoted {#aside}\n> still quoted\n\n"
        "Closing words {#closing}\n***\n\nNot a heading {#kept}\n    ===\n"
    )
    assert markdown.render(clean(text, ".md", "eleventy", ATTRS)).html == (
        '<h1 id="h-getting-started">Getting started<span id="h-start"></span></h1>\n<p>Some words.</p>\n'
        '<h2 id="h-before-you-begin">Before you begin\n<span id="h-before"></span></h2>\n'
        '<ul>\n<li>\n<h2 id="h-pack-the-bag">Pack the bag<span id="h-pack"></span></h2>\nwith a torch</li>\n'
        '</ul>\n<ol>\n<li>\n<h3 id="h-count-the-tents">Count the tents<span id="h-count"></span></h3>\n'
        'twice</li>\n</ol>\n<blockquote>\n<h4 id="h-quoted">Quoted<span id="h-aside"></span></h4>\n'
        '<p>still quoted</p>\n</blockquote>\n<p>Closing words<span id="h-closing"></span></p>\n<hr>\n'
        "<p>Not a heading {#kept}\n===</p>\n"
    )


def test_markdown_it_attrs_list_alone_in_indented_code_stays_code() -> None:
    """A review of 218ccfb: a list alone in a paragraph of its own was read with any indentation,
    so '    {#sample}' after a blank line, a line of an indented code block (the plugin leaves
    it there, as text), became an anchor, and a link to '#sample' reached it; and the list's
    indentation went with it, so '  {#packed}' in a list item ended the item ('then go.' left
    it). At most three spaces, kept: more make code, where the site's Markdown has indented code."""
    text = "An example:\n\n    {#sample}\n\n- Pack\n\n  {#packed}\n\n  then go.\n\n   {#three}\n"
    assert markdown.render(clean(text, ".md", "eleventy", ATTRS)).html == (
        "<p>An example:</p>\n<pre><code>{#sample}\n</code></pre>\n<ul>\n<li>\n<p>Pack</p>\n"
        '<p><span id="h-packed"></span></p>\n<p>then go.</p>\n<p><span id="h-three"></span></p>\n</li>\n</ul>\n'
    )
