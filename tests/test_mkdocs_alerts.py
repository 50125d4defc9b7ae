"""GitHub's alerts and markdown-callouts' callouts on an MkDocs site whose ``mkdocs.yml`` names
the plugin or extension that makes them admonitions (read/mkdocsalerts.py, render/mkdocscallouts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.mkdocsalerts import ALERTS, alert_syntaxes
from stagemap.render import markdown
from stagemap.render.dialects import clean
from stagemap.render.shortcodes import SITE_PARAMS
from tests.conftest import QUIET_CONFIG, write


def made(text: str, *syntaxes: str) -> str:
    """``text`` cleaned on an MkDocs site whose configuration turns on ``syntaxes``."""
    return clean(text, ".md", "mkdocs", {SITE_PARAMS: {ALERTS: tuple(sorted(syntaxes))}})


def test_gh_admonitions_alerts_are_admonitions() -> None:
    """Argo CD's docs (mkdocs-github-admonitions-plugin): 324 '> [!NOTE]' markers on 103 pages
    were shown as written in a quote, where the plugin makes each an admonition titled by its
    kind, or by the title after it; a kind it does not know, a marker with no line under it and
    one not at the line's start (in a list item, in a quote, in code) stay as written."""
    text = (
        "Before.\n> [!WARNING]\n> Drain the tank.\n>\n> See [valves](valves.md).\nAfter, apart.\n\n"
        "> [!caution] Mind *the* gap\n> Step up.\n\n> [!INFO]\n> Not a kind.\n\n> [!TIP]\n\n"
        "- Item\n\n  > [!NOTE]\n  > In the item.\n\n> > [!NOTE]\n> > Nested.\n\n```\n> [!NOTE]\n> Code.\n```\n"
    )
    assert made(text, "gh-admonitions") == (
        "Before.\n\n> **Warning**\n>\n> Drain the tank.\n>\n> See [valves](valves.md).\n\nAfter, apart.\n\n"
        "> **Mind *the* gap**\n>\n> Step up.\n\n> [!INFO]\n> Not a kind.\n\n> [!TIP]\n\n"
        "- Item\n\n  > [!NOTE]\n  > In the item.\n\n> > [!NOTE]\n> > Nested.\n\n```\n> [!NOTE]\n> Code.\n```\n"
    )
    # The HTML of an admonition written ``!!! warning``.
    alert = markdown.render(made("> [!WARNING]\n> Drain the tank.\n", "gh-admonitions")).html
    assert alert == markdown.render(clean("!!! warning\n    Drain the tank.\n", ".md", "mkdocs")).html
    assert alert == "<blockquote>\n<p><strong>Warning</strong></p>\n<p>Drain the tank.</p>\n</blockquote>\n"
    # Material alone shows the marker, as the site does without the plugin.
    assert made(text) == text


def test_github_callouts_alerts_take_no_title_and_need_text_under_them() -> None:
    """markdown-callouts' 'github-callouts' extension: the same five kinds, but a marker with text
    after it is none, nor is one right under a quoted line or with no text under it; blank quoted
    lines may come between, and up to three spaces before it."""
    text = (
        "> [!Important]\n>\n> Keep the key.\n\n> [!NOTE] A title\n> Text.\n\n> Said.\n> [!TIP]\n> Text.\n\n"
        "   > [!Caution]\n   > Hot.\n\n> [!WARNING]\n>\n\nApart.\n"
    )
    assert made(text, "github-callouts") == (
        "> **Important**\n>\n>\n> Keep the key.\n\n> [!NOTE] A title\n> Text.\n\n> Said.\n> [!TIP]\n> Text.\n\n"
        "   > **Caution**\n   >\n   > Hot.\n\n> [!WARNING]\n>\n\nApart.\n"
    )


def test_callouts_paragraphs_starting_with_a_kind_are_admonitions() -> None:
    """markdown-callouts' 'callouts' extension: a paragraph starting 'NOTE: ' (any word in
    capitals) is an admonition of that kind, titled by bold text opening it (its full stop
    dropped); a quoted line starting so too ('>? WARNING:', a collapsible one), which ends the
    quote above it. Not within a paragraph, nor without the space after the colon."""
    text = (
        "NOTE: **Mind the gap.** Step up\nand over.\n\n## Tanks\nTODO: drain them.\n\n"
        "Text first.\nNOTE: not one.\n\n> Said.\n>? WARNING: hot\n> water.\n\nURL:https://x.example/\n\n***\nTIP: after a rule.\n"
    )
    assert made(text, "callouts") == (
        "> **Mind the gap**\n>\n> Step up\n> and over.\n\n## Tanks\n\n> **Todo**\n>\n> drain them.\n\n"
        "Text first.\nNOTE: not one.\n\n> Said.\n\n> **Warning**\n>\n> hot\n> water.\n\nURL:https://x.example/\n\n***\n\n> **Tip**\n>\n> after a rule.\n"
    )
    assert made("NOTE: Alone.\n", "callouts") == "> **Note**\n>\n> Alone.\n"
    assert made("NOTE: Alone.\n", "github-callouts") == "NOTE: Alone.\n"


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("plugins:\n  - search\n  - gh-admonitions\n", ("gh-admonitions",)),
        ("plugins:\n  search: {}\n  gh-admonitions: {}\n", ("gh-admonitions",)),
        ("plugins:\n  - gh-admonitions:\n      enabled: false\n", ()),
        (
            "markdown_extensions:\n  - callouts:\n      strip_period: false\n  - github-callouts\n",
            ("callouts", "github-callouts"),
        ),
        (
            "markdown_extensions:\n  markdown_callouts.github_callouts: {}\n  toc: {permalink: true}\n",
            ("github-callouts",),
        ),
        ("markdown_extensions: [admonition, pymdownx.details]\nplugins: [search]\n", ()),
    ],
)
def test_alert_syntaxes_are_read_from_mkdocs_yml(config: str, expected: tuple[str, ...]) -> None:
    """Each form MkDocs reads: a list of names or of mappings with options, a mapping of names."""
    assert alert_syntaxes(yaml.safe_load(config)) == expected


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_built_page_shows_the_alerts_the_sites_plugin_makes(tmp_path: Path) -> None:
    """Argo CD's docs name 'gh-admonitions' in mkdocs.yml's plugins: their alerts showed the
    marker; the built page shows the admonition, and check --links reads the links and
    headings inside it as anywhere else."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: mkdocs\nsources: [docs]\n",
        "mkdocs.yml": "site_name: Tanks\nplugins:\n  - search\n  - gh-admonitions\n",
        "docs/a.md": "# A\n\n> [!IMPORTANT]\n> ### Refill\n> Read [the valves](valves.md) first.\n",
        "docs/b.md": "# B\n\n[r](a.md#refill) [n](a.md#drain)\n",
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert [line.split(" (")[0] for line in err.splitlines()] == [
        "docs/a.md:5:21: warning: link to 'valves.md' leads nowhere",
        "docs/b.md:3:22: warning: link to 'a.md#drain' finds no heading 'drain' on 'A'",
    ]
    assert run(root, "build", "--as-of", "2026-12-06")[0] == 0
    page = (root / "site/assets/a.html").read_text()
    assert "<blockquote>\n<p><strong>Important</strong></p>\n<h3" in page
    assert "[!IMPORTANT]" not in page
    write(root, {"mkdocs.yml": "site_name: Tanks\nplugins:\n  - search\n"})  # Material alone
    assert run(root, "build", "--as-of", "2026-12-06")[0] == 0
    assert "<p>[!IMPORTANT]</p>" in (root / "site/assets/a.html").read_text()


def test_callouts_in_list_items_and_admonitions_are_admonitions() -> None:
    """A review's repros: markdown-callouts' extensions are Python-Markdown block processors, so a
    list item's blocks and an admonition's are read as the page's are: '- NOTE: inside item' is
    an admonition in the item, 'WARNING:' in a '!!! note' a box in the box, and a GitHub callout
    indented in an item one in the item; stagemap left all three as written."""
    assert made("- NOTE: inside item\n- second\n", "callouts") == (
        "- > **Note**\n  >\n  > inside item\n- second\n"
    )
    assert made("1. One\n2. TIP: **Mind it.** Then go\n   on.\n3. Three\n", "callouts") == (
        "1. One\n2. > **Mind it**\n   >\n   > Then go\n   > on.\n3. Three\n"
    )
    assert made("- item\n\n    NOTE: Indented.\n\n- next\n", "callouts") == (
        "- item\n\n    > **Note**\n    >\n    > Indented.\n\n- next\n"
    )
    assert made("!!! note\n    WARNING: inner text\n", "callouts") == (
        "> **Note**\n>\n> > **Warning**\n> >\n> > inner text\n"
    )
    assert made("- item\n\n    > [!NOTE]\n    > body\n", "github-callouts") == (
        "- item\n\n    > **Note**\n    >\n    > body\n"
    )
    assert made("!!! tip\n    > [!CAUTION]\n    > Hot.\n", "github-callouts") == (
        "> **Tip**\n>\n> > **Caution**\n> >\n> > Hot.\n"
    )
    # Not at a block's start (an item's lazy line), in indented code, or the plugin's syntax.
    for text, syntax in [
        ("- item\n  NOTE: more of it\n", "callouts"),
        ("Text.\n\n    NOTE: code\n", "callouts"),
        ("- item\n\n    > [!NOTE] Titled\n    > body\n", "github-callouts"),
        ("- item\n\n  > [!NOTE]\n  > In the item.\n", "gh-admonitions"),
        ("- NOTE: inside item\n", "gh-admonitions"),
    ]:
        assert made(text, syntax) == text
