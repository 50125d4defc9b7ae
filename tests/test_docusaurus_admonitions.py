"""A Docusaurus site's ``:::kind`` blocks as its release reads them: Docusaurus 3 as
remark-directive does, a box for its keywords alone; Docusaurus 2 with a pattern of its own;
and the keywords a site's configuration adds."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagemap.read.sitepackages import MARKDOWN, markdown_traits
from stagemap.render.dialects import clean
from stagemap.render.shortcodes import SITE_PARAMS
from tests.test_init_sites import initialised, run

BODY = "Keep the kettle warm.\n"


def shown(opener: str, *found: str) -> str:
    return clean(f"{opener}\n{BODY}:::\n", ".md", "docusaurus", {SITE_PARAMS: {MARKDOWN: found}})


def traits(files: dict[str, str]) -> tuple[str, ...]:
    return markdown_traits("docusaurus", lambda name: files[name].encode() if name in files else None)


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
    of it the title (':::notes' is a note titled 's'); any other kind stays text."""
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
