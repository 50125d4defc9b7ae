"""A Docusaurus site's ``:::kind`` blocks as its release reads them: Docusaurus 3 as
remark-directive does, a box for its keywords alone; Docusaurus 2 with a pattern of its own;
and the keywords a site's configuration adds."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagemap.read.docusaurusnotes import page_admonitions
from stagemap.read.sitepackages import MARKDOWN, markdown_traits
from stagemap.render.dialects import clean
from stagemap.render.shortcodes import SITE_PARAMS
from tests.test_init_sites import initialised, run

BODY = "Keep the kettle warm.\n"


def shown(opener: str, *found: str) -> str:
    return clean(f"{opener}\n{BODY}:::\n", ".md", "docusaurus", {SITE_PARAMS: {MARKDOWN: found}})


def traits(files: dict[str, str], page: str = "docs/brewing.md") -> tuple[str, ...]:
    """The site's traits as a page at ``page`` reads them."""
    found = markdown_traits("docusaurus", lambda name: files[name].encode() if name in files else None)
    return page_admonitions(found, page)


BOXED = "> **{}**\n>\n> Keep the kettle warm.\n"
PLAIN = "Keep the kettle warm.\n"
AS_WRITTEN = "{}\nKeep the kettle warm.\n:::\n"


@pytest.mark.parametrize(
    ("opener", "release3", "release2"),
    [
        (":::note", BOXED.format("Note"), BOXED.format("Note")),
        (":::note Brewing", BOXED.format("Note: Brewing"), BOXED.format("Note: Brewing")),
        (":::note[Brewing]", BOXED.format("Note: Brewing"), BOXED.format("Note: [Brewing]")),
        (':::note{title="Brewing"}', BOXED.format("Note: Brewing"), None),
        (":::note{title=Brewing}", BOXED.format("Note: Brewing"), None),
        (':::note[Label]{title="Brewing"}', BOXED.format("Note: Brewing"), None),
        ("::: note", AS_WRITTEN.format("::: note"), AS_WRITTEN.format("::: note")),
        (":::notes[Later]", "Later\n\n" + PLAIN, BOXED.format("Note: s[Later]")),
        (
            "  :::note",
            BOXED.format("Note").replace("> ", "  > ").replace(">\n", "  >\n"),
            AS_WRITTEN.format("  :::note"),
        ),
        (":::notes", PLAIN, BOXED.format("Note: s")),
        (":::Note", PLAIN, AS_WRITTEN.format(":::Note")),
        (":::steeping", PLAIN, AS_WRITTEN.format(":::steeping")),
        (":::notes Brewing", AS_WRITTEN.format(":::notes Brewing"), BOXED.format("Note: s Brewing")),
        (":::note-", AS_WRITTEN.format(":::note-"), BOXED.format("Note: -")),
        (":::note=x", AS_WRITTEN.format(":::note=x"), BOXED.format("Note: =x")),
        (":::note:", AS_WRITTEN.format(":::note:"), BOXED.format("Note: :")),
    ],
)
def test_an_opening_line_is_read_as_the_sites_release_reads_it(
    opener: str, release3: str, release2: str | None
) -> None:
    """Every ':::kind' line was a box of that kind: ':::notes' and ':::Note' showed a box
    labelled 'Notes' or 'Note', ':::notes Brewing' one labelled 'Notes: Brewing'. Docusaurus 3
    reads the line as remark-directive does and boxes its keywords alone (in their case): another
    kind is a directive nothing takes, its text shown plain; words after a name that is no
    keyword, or a name ending in '-', make no directive at all (text); a keyword's 'title'
    attribute is its title. Docusaurus 2 boxes a line starting with ':::' and a keyword, the rest
    of it the title (':::notes' is a note titled 's'); any other kind stays text. A 'title'
    attribute, quoted or not, wins over the label in brackets on Docusaurus 3 (its theme takes
    'props.title ?? label'); '::: note', a space after the colons, is no directive: text; another
    kind's label in brackets shows as a paragraph before what it holds (mdast-util-to-hast's div).
    Docusaurus 2 opens one at a line's start alone: '  :::note' is text there (in a list item,
    at the item's text, a box)."""
    assert shown(opener) == release3
    if release2 is not None:
        assert shown(opener, "docusaurus-2") == release2


def test_the_keywords_a_configuration_adds_are_boxes(tmp_path: Path) -> None:
    """A site whose docs plugin adds a keyword (admonitions: {keywords: ['recipe']}) has
    ':::recipe' boxes on the live page, besides Docusaurus's own; with extendDefaults: false its
    own alone. Docusaurus 2 replaces the keywords with those given."""
    config = (
        "module.exports = {url: 'https://docs.kettleworks.example', presets: [['classic', {docs: {\n"
        "  admonitions: {keywords: ['recipe', 'pairing']%s},\n}}]]};\n"
    )
    found = traits({"docusaurus.config.js": config % ""})
    assert found == ("admonition:pairing", "admonition:recipe")
    assert shown(":::recipe Oolong", *found) == BOXED.format("Recipe: Oolong")
    assert shown(":::tip", *found) == BOXED.format("Tip")
    only = traits({"docusaurus.config.js": config % ", extendDefaults: false"})
    assert "own-admonitions" in only
    assert shown(":::tip", *only) == PLAIN
    assert shown(":::pairing", *only) == BOXED.format("Pairing")
    old = traits(
        {
            "docusaurus.config.js": config % "",
            "package.json": '{"dependencies": {"@docusaurus/core": "^2.4.1"}}',
        }
    )
    assert old == ("admonition:pairing", "admonition:recipe", "docusaurus-2", "own-admonitions")
    assert shown(":::tip", *old) == AS_WRITTEN.format(":::tip")
    assert shown(":::recipes", *old) == BOXED.format("Recipe: s")
    root = initialised(
        tmp_path / "site",
        {
            "docusaurus.config.js": config % "",
            "docs/brewing.md": (
                "---\ntitle: Brewing\n---\n:::recipe Oolong\nSteep twice.\n:::\n\n"
                ":::steeping\nAbout three minutes.\n:::\n"
            ),
        },
    )
    assert run("-C", str(root), "build", "-o", str(tmp_path / "out"))[0] == 0
    page = next((tmp_path / "out/assets").rglob("brewing*.html")).read_text(encoding="utf-8")
    assert "Recipe: Oolong" in page and "About three minutes." in page
    assert "Steeping" not in page and ":::" not in page


SHORTHAND = (
    "const admonitions = {keywords: ['recipe']};\n"
    "module.exports = {presets: [['classic', {docs: {sidebarPath: './sidebars.js', admonitions}}]]};\n"
)
SPREAD = (
    "const shared = require('./shared/admonitions');\n"
    "module.exports = {presets: [['classic', {docs: {admonitions: {...shared}}}]]};\n"
)
PER_PLUGIN = (
    "module.exports = {presets: [['classic', {\n  docs: {sidebarPath: './sidebars.js'},\n"
    "  blog: {admonitions: {keywords: ['recipe'], extendDefaults: false}},\n"
    "  pages: {admonitions: false},\n}]]};\n"
)


def test_keywords_set_apart_or_out_of_sight_are_still_read() -> None:
    """The keywords were read from a literal 'admonitions: {keywords: [...]}' alone: the shorthand
    of a 'const admonitions' gave none (':::recipe' shown plain, a box live), and keywords spread
    from a module of the site's were dropped. Now the shorthand and a name set in the file are
    read, and where they cannot be read every kind is a box, as before keywords were read."""
    assert shown(":::recipe", *traits({"docusaurus.config.js": SHORTHAND})) == BOXED.format("Recipe")
    spread = traits({"docusaurus.config.js": SPREAD})
    assert shown(":::recipe", *spread) == BOXED.format("Recipe")
    assert shown(":::tip", *spread) == BOXED.format("Tip")
    release2 = {
        "docusaurus.config.js": SPREAD,
        "package.json": '{"dependencies": {"@docusaurus/core": "2.4.3"}}',
    }
    assert shown(":::recipe", *traits(release2)) == BOXED.format("Recipe")
    named = SHORTHAND.replace("const admonitions", "const boxes").replace(
        "admonitions}", "admonitions: boxes}"
    )
    assert shown(":::recipe", *traits({"docusaurus.config.js": named})) == BOXED.format("Recipe")
    listed = "const extra = ['recipe'];\n" + SHORTHAND.replace("['recipe']", "extra")
    assert shown(":::recipe", *traits({"docusaurus.config.js": listed})) == BOXED.format("Recipe")
    elsewhere = (
        "const {docsOptions} = require('./shared/options');\n"
        "const blogOptions = {admonitions: {keywords: ['recipe']}, ...docsOptions};\n"
        "module.exports = {presets: [['classic', {docs: docsOptions}]]};\n"
    )
    assert shown(":::pairing", *traits({"docusaurus.config.js": elsewhere})) == BOXED.format("Pairing")
    unknown = SHORTHAND.replace("['recipe']", "[...more, 'recipe']")
    assert shown(":::pairing", *traits({"docusaurus.config.js": unknown})) == BOXED.format("Pairing")


def test_each_content_plugin_reads_its_own_keywords() -> None:
    """The blog's 'admonitions: {keywords: ['recipe'], extendDefaults: false}' made ':::note' plain
    on docs pages too, and ':::recipe' a box there. Docusaurus normalises each content plugin's
    options apart: docs pages keep the default keywords, blog posts have 'recipe' alone, and a
    plugin with 'admonitions: false' has none (Docusaurus 3 still reads the directive: its text
    shows plain; Docusaurus 2 leaves the lines as written)."""
    files = {"docusaurus.config.js": PER_PLUGIN}
    docs, blog = traits(files, "docs/brewing.md"), traits(files, "blog/2024-05-01-oolong.md")
    assert shown(":::note", *docs) == BOXED.format("Note")
    assert shown(":::recipe", *docs) == PLAIN
    assert shown(":::note", *blog) == PLAIN
    assert shown(":::recipe", *blog) == BOXED.format("Recipe")
    assert shown(":::note", *traits(files, "src/pages/about.md")) == PLAIN
    old = {**files, "package.json": '{"dependencies": {"@docusaurus/core": "2.4.3"}}'}
    assert shown(":::note", *traits(old, "src/pages/about.md")) == AS_WRITTEN.format(":::note")
    assert shown(":::note", *traits(old, "docs/brewing.md")) == BOXED.format("Note")


def test_docusaurus_2_boxes_an_indented_opening_line_only_in_a_list_item() -> None:
    """Docusaurus 2's tokenizer opens an admonition only at the start of what it reads: the
    line's start, or in a list item the start of the item's text; stagemap boxed any line
    indented up to three spaces."""
    page = "- Steep\n\n  :::note\n  Keep it warm.\n  :::\n"
    old = {SITE_PARAMS: {MARKDOWN: ("docusaurus-2",)}}
    assert clean(page, ".md", "docusaurus", old) == "- Steep\n\n  > **Note**\n  >\n  > Keep it warm.\n"
    deeper = "- Steep\n\n   :::note\n   Keep it warm.\n   :::\n"
    assert clean(deeper, ".md", "docusaurus", old) == deeper


def test_a_site_in_a_subfolder_reads_the_keywords_of_a_folder_beside_it() -> None:
    """A site in 'website/' whose docs plugin reads '../docs' (Docusaurus resolves the path from
    the site's folder) had its keywords scoped to 'website/../docs', which no page's path starts
    with: ':::recipe' stayed text on docs pages, a box live. The folder is now normalised."""
    config = "module.exports = {presets: [['classic', {docs: {path: '../docs', " + (
        "admonitions: {keywords: ['recipe']}}}]]};\n"
    )
    files = {"website/docusaurus.config.js": config}
    found = markdown_traits(
        "docusaurus", lambda name: files[name].encode() if name in files else None, "website"
    )
    assert shown(":::recipe Oolong", *page_admonitions(found, "docs/brewing.md")) == BOXED.format(
        "Recipe: Oolong"
    )


def test_keywords_out_of_sight_keep_docusaurus_3_titles_after_the_name() -> None:
    """Where the keywords cannot be read every kind is boxed, but a title after the name was then
    read as for a kind that is no keyword: ':::tip Brewing' stayed text (live: a tip titled
    'Brewing', Docusaurus 3 turning the title into the directive's label)."""
    spread = traits({"docusaurus.config.js": SPREAD})
    assert shown(":::tip Brewing", *spread) == BOXED.format("Tip: Brewing")
    assert shown(":::recipe Oolong", *spread) == BOXED.format("Recipe: Oolong")
    assert shown(":::tip Brewing") == BOXED.format("Tip: Brewing")
    assert shown(":::steeping Later") == ":::steeping Later\nKeep the kettle warm.\n:::\n"


GENERATED = (
    "module.exports = {presets: [['classic', {docs: {\n"
    "  routeBasePath: 'admonitions',\n"
    "  async sidebarItemsGenerator({defaultSidebarItemsGenerator, ...args}) {\n"
    "    return defaultSidebarItemsGenerator(args);\n  },\n"
    "}, blog: {admonitions: {keywords: ['recipe']}}}]]};\n"
)


def test_a_spread_or_a_string_elsewhere_in_the_options_keeps_the_keywords() -> None:
    """A spread anywhere in a plugin's options (a sidebar generator's '{...args}') made every kind
    a box on its pages, and the word in 'routeBasePath: 'admonitions'' was read as the shorthand
    '{admonitions}': ':::steeping' was boxed, plain live. A spread is looked for at the options'
    own level (where it may set 'admonitions'), strings other than keys are skipped."""
    found = traits({"docusaurus.config.js": GENERATED})
    assert shown(":::steeping", *found) == PLAIN
    assert shown(":::tip", *found) == BOXED.format("Tip")
    assert shown(":::recipe", *traits({"docusaurus.config.js": GENERATED}, "blog/oolong.md")) == (
        BOXED.format("Recipe")
    )
    spread = GENERATED.replace("docs: {\n", "docs: {...sharedDocs,\n")
    assert shown(":::steeping", *traits({"docusaurus.config.js": spread})) == BOXED.format("Steeping")


@pytest.mark.parametrize(
    ("generator", "opener", "found"),
    [("docusaurus", ":::note", ()), ("astro", ":::note", ()), ("eleventy", "::: note", ())],
)
def test_a_block_closes_at_a_line_of_more_colons(generator: str, opener: str, found: tuple[str, ...]) -> None:
    """A ':::note' block closed only at a line of exactly three colons: one ended by '::::' took
    that line and everything below it into the box. micromark-extension-directive (Docusaurus 3,
    Starlight) and markdown-it-container (Eleventy) close a block at the first line of as many
    colons or more; nested in a block of four, a note left open ends with it."""
    params = {SITE_PARAMS: {MARKDOWN: found}}
    page = f"{opener}\nKeep the kettle warm.\n::::\n\nPour after.\n"
    assert clean(page, ".md", generator, params) == "> **Note**\n>\n> Keep the kettle warm.\n\nPour after.\n"
    coded = f"{opener}\nKeep the kettle warm.\n\n```sh\nbrew\n```\n::::\n\nPour after.\n"
    assert clean(coded, ".md", generator, params).endswith("> ```\n\nPour after.\n")
    outer = f"::::tip\nSteep first.\n\n{opener}\nKeep the kettle warm.\n::::\n\nPour after.\n"
    assert clean(outer, ".md", generator, params).endswith("> > Keep the kettle warm.\n\nPour after.\n")


def test_a_docusaurus_2_block_closes_at_three_colons_alone() -> None:
    """Docusaurus 2 reads its admonitions with a pattern of its own, whose block ends at a line of
    three colons: '::::' closes nothing there, so the note runs on to the page's end, and so does
    a block of math in it (remark-math 3's reading ended it at the '::::', as on Docusaurus 3)."""
    page = ":::note\nKeep the kettle warm.\n::::\n\nPour after.\n"
    boxed = "> **Note**\n>\n> Keep the kettle warm.\n> ::::\n>\n> Pour after.\n"
    assert clean(page, ".md", "docusaurus", {SITE_PARAMS: {MARKDOWN: ("docusaurus-2",)}}) == boxed
    math = {SITE_PARAMS: {MARKDOWN: ("docusaurus-2", "math", "math-3")}}
    shown_math = clean(":::note\n$$\nt = 4m\n::::\n\nPour after $t$.\n", ".md", "docusaurus", math)
    assert shown_math == "> **Note**\n>\n> ```math\n> t = 4m\n> ::::\n>\n> Pour after $t$.\n> ```\n"
