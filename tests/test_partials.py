"""MDX's reusable content: an imported Markdown file shown where its component stands."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.render import partials
from stagemap.render.dialects import clean
from stagemap.serve.preview import Preview
from tests.conftest import write
from tests.test_incremental import OLD

CONFIG = """module.exports = {
  title: 'Tidewater Docs',
  url: 'https://docs.tidewater.example',
  baseUrl: '/',
  presets: [['classic', ({docs: {sidebarPath: require.resolve('./sidebars.js')}, blog: false})]],
};
"""
PAGE = """---
title: Send a quote
---
import NeedHelp from '@site/docs/\\_need-help.mdx';
import Steps from './_steps.md';
import Tabs from '@theme/Tabs';

Quotes go out from the job screen.

<Steps />

> <NeedHelp />

The crew sees the quote too. <NeedHelp /> stays a placeholder within a line.

<Missing />
"""


def site(tmp_path: Path) -> Path:
    return write(
        tmp_path / "site",
        {
            "docusaurus.config.js": CONFIG,
            "stagemap.yml": (
                "name: Tidewater\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: docusaurus\n"
                "sources:\n  - path: docs\n    url: /docs/{doc}\n"
                "urls:\n  base: https://docs.tidewater.example/\n"
                "rules:\n  - match: {path: '*.md'}\n    set: {stages: [adoption], questions: [risk]}\n"
            ),
            "docs/quotes/send.md": PAGE,
            "docs/quotes/_steps.md": "1. Open the job.\n2. Press **Quote**.\n\nimport Tip from '../_tip.md';\n\n<Tip />\n",
            "docs/_tip.md": "---\ndescription: a partial with front matter\n---\nTip: quotes keep for **30 days**.\n",
            "docs/_need-help.mdx": "### Need help?\n\nWrite to the support desk.\n",
        },
    )


def test_imports_name_files_in_the_project_relative_to_the_page_or_the_site() -> None:
    body = (
        "import A from './_a.md';\nimport B from \"../shared/_b.mdx\"\nimport C from '@site/docs/\\_c.mdx';\n"
        "import D from '@theme/Tabs';\nimport E from '../../../../outside.md';\nimport {F} from './_f.md';\n"
    )
    assert partials.imported(body, "docs/guides/page.md") == {
        "A": "docs/guides/_a.md",
        "B": "docs/shared/_b.mdx",
        "C": "docs/_c.mdx",
    }


def test_imports_written_on_one_line_each_name_their_file() -> None:
    """React Native's docs (Prettier-formatted) import two partials on one line: neither was shown;
    nor one whose statement Prettier wrapped ('import' at a line's end, its name on the next)."""
    body = (
        "import A from './_a.md'; import B from './_b.md';\nimport C from './_c.md';import D from './_d.md'\n"
        "  import E from './_e.md';\n\nconst x = 1; import F from './_f.md';\n\n"
        "import H from './_h.md'; import\nG from './_g.md';\n"
    )
    assert partials.imported(body, "docs/page.md") == {
        "A": "docs/_a.md",
        "B": "docs/_b.md",
        "C": "docs/_c.md",
        "D": "docs/_d.md",
        "E": "docs/_e.md",  # a line of the block of imports the first line starts
        "H": "docs/_h.md",
        "G": "docs/_g.md",
    }  # F: in a paragraph that starts with no import: text, as MDX reads it


def test_a_component_on_a_line_of_its_own_shows_its_file_and_that_files_own_partials(tmp_path: Path) -> None:
    root = site(tmp_path)
    body = (root / "docs/quotes/send.md").read_text().split("---\n", 2)[2]
    shown = partials.inline(body, "docs/quotes/send.md", root)
    # Each as a block of its own: blank lines around it (in the quote, quoted ones).
    assert (
        "screen.\n\n\n1. Open the job.\n2. Press **Quote**.\n\nimport Tip from '../_tip.md';\n\n\n"
        "Tip: quotes keep for **30 days**.\n\n\n"
    ) in shown
    assert "\n>\n> ### Need help?\n>\n> Write to the support desk.\n>\n" in shown
    assert "The crew sees the quote too. <NeedHelp /> stays" in shown and "\n<Missing />\n" in shown
    assert [path for path, _ in partials.shown(body, "docs/quotes/send.md", root)] == [
        "docs/_need-help.mdx",
        "docs/quotes/_steps.md",
        "docs/_tip.md",
    ]


def test_partials_leave_code_and_comments_alone_and_stand_as_blocks_of_their_own(tmp_path: Path) -> None:
    """Seen by a review: a partial was put into a code sample and into a commented-out line,
    ran on into the next line of text, and became code when its component was indented."""
    root = write(tmp_path / "site", {"docs/_a.md": "Partial A.\n"})
    page = (
        "import A from './_a.md';\n\n```mdx\nimport A from './_a.md'\n\n<A />\n```\n\n"
        "{/*\n<A />\n*/}\n\n<A />\nMore text after.\n\n    <A />\n"
    )
    assert partials.inline(page, "docs/page.mdx", root) == (
        "import A from './_a.md';\n\n```mdx\nimport A from './_a.md'\n\n<A />\n```\n\n"
        "{/*\n<A />\n*/}\n\n\nPartial A.\n\nMore text after.\n\n\nPartial A.\n\n"
    )
    crlf = "import A from './_a.md';\r\n\r\n```mdx\r\n<A />\r\n```\r\n\r\n<A />\r\n"
    assert partials.inline(crlf, "docs/page.mdx", root) == (
        "import A from './_a.md';\n\n```mdx\n<A />\n```\n\n\nPartial A.\n\n"
    )


def test_a_page_shows_its_partials_up_to_a_bound_however_they_nest(tmp_path: Path) -> None:
    """Seen by a review: four partials each using the next 30 times made 14.5 MB in 31 s."""
    files = {f"docs/_p{n}.md": f"import P from './_p{n + 1}.md';\n\n" + "<P />\n\n" * 30 for n in range(3)}
    files["docs/_p3.md"] = "x" * 10_000 + "\n"  # 30 x 30 x 30 of it would be 270 MB
    root = write(tmp_path / "site", files)
    shown = partials.inline("import P from './_p0.md';\n\n<P />\n", "docs/page.mdx", root)
    assert partials.MAX_SHOWN // 2 < len(shown) <= partials.MAX_SHOWN + 1_000
    assert "<P />" in shown  # the uses past the bound stay components (placeholders on the page)


def test_a_partial_never_shows_itself_nor_a_file_outside_the_project(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {
            "docs/_loop.md": "import Loop from './_loop.md';\n\nAgain.\n\n<Loop />\n",
            "docs/page.md": "import Loop from './_loop.md';\nimport Away from './_away.md';\n\n<Loop />\n\n<Away />\n",
        },
    )
    write(tmp_path, {"secret.md": "Not for the site.\n"})
    os.symlink(tmp_path / "secret.md", root / "docs/_away.md")
    shown = partials.inline((root / "docs/page.md").read_text(), "docs/page.md", root)
    assert shown.count("Again.") == 1 and "<Loop />" in shown
    assert "Not for the site" not in shown and "<Away />" in shown


def test_the_site_shows_partials_and_an_edited_partial_re_renders_its_pages(tmp_path: Path) -> None:
    root = site(tmp_path)
    out = tmp_path / "out"
    for tip in ("30 days", "60 days"):
        (root / "docs/_tip.md").write_text(f"---\ndescription: x\n---\nTip: quotes keep for **{tip}**.\n")
        result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        page = (out / "assets/quotes/send.html").read_text()
        assert f"Tip: quotes keep for <strong>{tip}</strong>." in page
        assert '<h3 id="h-need-help">Need help?</h3>' in page
        assert "[Missing: shown on the live site]" in page and "[NeedHelp: shown on the live site]" in page


def test_the_preview_re_renders_the_pages_showing_an_edited_partial(tmp_path: Path) -> None:
    root = site(tmp_path)
    preview = Preview(root, tmp_path / "served", as_of=dt.date(2026, 12, 1))
    try:
        assert not preview.rebuild().error
        page = tmp_path / "served/assets/quotes/send.html"
        assert "Write to the support desk." in page.read_text()
        # In the content folder, and outside it (where nothing else of the site changes).
        (root / "docs/_need-help.mdx").write_text("### Need help?\n\nCall the office.\n")
        assert not preview.rebuild().error
        assert "Call the office." in page.read_text()
        send = root / "docs/quotes/send.md"
        send.write_text(send.read_text() + "\nimport Shared from '@site/shared/_hours.md';\n\n<Shared />\n")
        os.utime(send, ns=(OLD, OLD))  # not changed of late: the preview keeps what it read of it
        write(root, {"shared/_hours.md": "Open from eight.\n"})
        assert not preview.rebuild().error
        assert "Open from eight." in page.read_text()
        write(root, {"shared/_hours.md": "Open from seven.\n"})
        assert not preview.rebuild().error
        assert "Open from seven." in page.read_text()
        # The same size and modification time (a copy keeping times): the content is read again.
        hours = root / "shared/_hours.md"
        stamp = hours.stat().st_mtime_ns
        hours.write_text("Open from three.\n")
        os.utime(hours, ns=(stamp, stamp))
        assert not preview.rebuild().error
        assert "Open from three." in page.read_text()
    finally:
        preview.stop()


def test_a_partial_reached_by_two_chains_is_shown_and_keyed_at_the_shorter(tmp_path: Path) -> None:
    """The page imports A (which shows X, which shows Y) and B (B, C, D, then X): Y is within
    four files of the page by A. The key's walk was depth first and the cache ignored depth."""
    root = site(tmp_path)

    def mdx(name: str, inner: str) -> str:
        return f"import {inner.upper()} from './_{inner}.md';\n\n<{inner.upper()} />\n"

    write(
        root,
        {
            "docs/quotes/_b.md": mdx("b", "c"),
            "docs/quotes/_c.md": mdx("c", "d"),
            "docs/quotes/_d.md": mdx("d", "x"),
            "docs/quotes/_a.md": mdx("a", "x"),
            "docs/quotes/_x.md": "X here.\n\n" + mdx("x", "y"),
            "docs/quotes/_y.md": "Y says hello.\n",
        },
    )
    for first, second in (("a", "b"), ("b", "a")):
        page = f"import A from './_a.md';\nimport B from './_b.md';\n\n<{first.upper()} />\n\n<{second.upper()} />\n"
        shown = partials.inline(page, "docs/quotes/page.mdx", root)
        assert "Y says hello." in shown, first
        keyed = [path for path, _ in partials.shown(page, "docs/quotes/page.mdx", root)]
        assert "docs/quotes/_y.md" in keyed, first


def test_a_partials_file_paths_are_written_from_the_pages_folder(tmp_path: Path) -> None:
    """Detox's docs (wix/Detox): docs/guide/parts/_x.mdx links '../setup.md', which Docusaurus
    reads from the partial's folder (it compiles the partial as a file of its own): shown on a
    page a folder up, it was read from there, as docs/setup.md."""
    root = write(
        tmp_path / "site",
        {
            "docs/guide/parts/_kit.mdx": (
                "import Deep from './more/_deep.md';\n\n"
                "See [setup](../setup.md#first), ![crate](../../img/crate.png) and [the route](../setup).\n"
                '<img src="./box.png" /> <a href="https://x.example/a.md">away</a> [top](/docs/a.md) [here](#kit)\n\n'
                "[far]: ./far.md\n[^1]: A note.\n\n`[code](code.md)`\n\n```md\n[fenced](fenced.md)\n```\n\n<Deep />\n"
            ),
            "docs/guide/parts/more/_deep.md": "Deeper: [back](../../setup.md).\n",
        },
    )
    shown = partials.inline("import Kit from './parts/_kit.mdx';\n\n<Kit />\n", "docs/guide/page.mdx", root)
    assert shown == (
        "import Kit from './parts/_kit.mdx';\n\n\n"
        "import Deep from './more/_deep.md';\n\n"
        "See [setup](setup.md#first), ![crate](../img/crate.png) and [the route](../setup).\n"
        '<img src="parts/box.png" /> <a href="https://x.example/a.md">away</a> [top](/docs/a.md) [here](#kit)\n\n'
        "[far]: parts/far.md\n[^1]: A note.\n\n`[code](code.md)`\n\n```md\n[fenced](fenced.md)\n```\n\n\n"
        "Deeper: [back](setup.md).\n\n"
    )
    assert (
        partials.inline("import Kit from './_kit.mdx';\n\n<Kit />\n", "docs/guide/parts/p.mdx", root).count(
            "(../setup.md#first)"
        )
        == 1
    )  # beside the partial: as written


def test_a_partial_shows_the_values_its_component_gives_it(tmp_path: Path) -> None:
    """Detox's docs (Docusaurus) show one partial on two pages, each naming its own section:
    <Location propertyName="..." ... /> and the partial writing {props.propertyName}; the value
    was not shown (the page read '[Computed content: shown on the live site]'). A value known
    as the page is written fills its place, in text and in an attribute; in code, where MDX reads
    braces as text, and where the component gives no such value, the partial stays as written."""
    root = write(
        tmp_path / "site",
        {
            "docs/parts/_where.mdx": (
                "Put the <code>{props.section}</code> block in <a href={props.file}>{ props.file }</a>.\n\n"
                "Run `widget check {props.section}` with {props.mode} and {props.level}.\n\n"
                "```sh\necho {props.section}\n```\n"
            ),
        },
    )
    page = (
        "import Where from './parts/_where.mdx';\n\n"
        "<Where section=\"colours\" file={'settings.yml'} level={3} mode={current} />\n"
    )
    assert partials.inline(page, "docs/colours.mdx", root) == (
        "import Where from './parts/_where.mdx';\n\n\n"
        'Put the <code>colours</code> block in <a href="settings.yml">settings.yml</a>.\n\n'
        "Run `widget check {props.section}` with {props.mode} and 3.\n\n"
        "```sh\necho {props.section}\n```\n\n"
    )


def test_a_value_given_over_several_lines_is_read_as_mdx_reads_it(tmp_path: Path) -> None:
    """A component's quoted value that runs over several lines (Prettier wraps long ones) filled
    nothing: the partial's {props.heading} showed as 'Computed content', where MDX takes the
    value whole, line endings in it and the spaces that start each next line out (the tag's own).
    In text it shows on one line, as the page's HTML does; a title or a link's address given so
    to an element is read alike, so '# Tides' on a next line starts no heading."""
    root = write(tmp_path / "site", {"docs/parts/_intro.mdx": "Read {props.heading} first.\n"})
    page = "import Intro from './parts/_intro.mdx';\n\n<Intro heading=\"Charts and\n    # tide tables\" />\n"
    assert partials.inline(page, "docs/harbour.mdx", root) == (
        "import Intro from './parts/_intro.mdx';\n\n\nRead Charts and # tide tables first.\n\n"
    )
    card = '<Card title="Moorings and\n  # berths">\nBook a berth.\n</Card>\n'
    assert clean(card, ".mdx", "docusaurus") == "**Moorings and # berths**\n\nBook a berth.\n"
    link = '<Link to="/harbour/\n    moorings/">Moorings</Link>\n'
    assert clean(link, ".mdx", "docusaurus") == "[Moorings](/harbour/moorings/)\n"


def test_a_long_run_of_letters_in_a_component_costs_linear_time() -> None:
    """A review of ba35453: '<Intro xxxx.../>' (20,000 letters) took 4.7 s to read for its
    values: a name was tried from each letter of the run, each tried to the run's end."""
    start = time.process_time()
    assert partials.with_props("Hi {props.who}", "<Intro " + "x" * 20_000 + ' who="Ada" />') == "Hi Ada"
    assert time.process_time() - start < 1
