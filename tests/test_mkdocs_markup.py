"""MkDocs pages as Python-Markdown and its extensions show them: SuperFences' old ``tab="..."``
fences, admonitions titled by their kind, table cells read one at a time (a code span's ``|``,
a backtick left open), Material's icons that mark yes and no, an anchor around a link
(render/blocks.py, render/notes.py, render/tablerows.py, render/mkdocsyntax.py, render/elements.py)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.mkdocsnav import nav_titles
from stagemap.render import markdown
from stagemap.render.dialects import clean
from tests.conftest import QUIET_CONFIG, write


def page(text: str, generator: str = "mkdocs") -> str:
    """The HTML of ``text`` on a site of ``generator`` that shows no raw HTML."""
    return markdown.render(clean(text, ".md", generator, html=True)).html


def test_superfences_tab_fences_each_show_their_label() -> None:
    """Traefik's docs (pymdown-extensions 7.0, whose SuperFences still read ``tab="..."``):
    997 fences on 127 pages, ```` ```yaml tab="File (YAML)" ````, lost their label. Each block
    shows its tab's name in bold above it, apart from the next; an empty name is the language,
    as SuperFences names such a tab; in an admonition too; a page holding nothing else to
    rewrite is read all the same. On another generator the option means nothing."""
    text = (
        'Switch it on:\n\n```yaml tab="File (YAML)"\nfleet:\n  vans: 3\n```\n\n'
        "```toml tab='File (TOML)'\n[fleet]\n  vans = 3\n```\n\n"
        '```bash tab=""\n--fleet.vans=3\n```\n\n'
        '??? example "Both"\n\n    ```yaml tab="Docker"\n    labels: {}\n    ```\n'
    )
    assert clean(text, ".md", "mkdocs") == (
        'Switch it on:\n\n**File (YAML)**\n\n```yaml tab="File (YAML)"\nfleet:\n  vans: 3\n```\n\n'
        "**File (TOML)**\n\n```toml tab='File (TOML)'\n[fleet]\n  vans = 3\n```\n\n"
        '**bash**\n\n```bash tab=""\n--fleet.vans=3\n```\n\n\n'
        '> **Both**\n>\n> **Docker**\n>\n> ```yaml tab="Docker"\n> labels: {}\n> ```\n'
    )
    assert page('```yaml tab="On disk"\nvans: 3\n```\n') == (
        '<p><strong>On disk</strong></p>\n<pre><code class="language-yaml">vans: 3\n</code></pre>\n'
    )
    assert clean('!!! note\n    ```py title="van.py"\n    x\n    ```\n', ".md", "mkdocs") == (
        '> **Note**\n>\n> *van.py*\n>\n> ```py title="van.py"\n> x\n> ```\n'  # a title in one too
    )
    fences = text.split("??? ")[0].rstrip("\n") + "\n"
    assert clean(fences, ".md", "hugo") == fences


def test_admonitions_without_a_quoted_title_are_titled_by_their_kind() -> None:
    """Python-Markdown's admonition extension reads every word after ``!!!`` as a class, the
    first its kind, and titles a box with no quoted title by that kind capitalised: on the
    MkDocs sites looked at (Traefik's, NetBox's docs) ``!!! note Before you start`` and
    ``!!! Careful with ports`` showed as paragraphs, on 5 pages. pymdownx.details reads ``???``
    so too. A line with more than words on it stays a paragraph."""
    text = (
        "!!! note Before you start\n    Park the van.\n\n!!! Careful with ports\n\n    One van a bay.\n\n"
        "??? tip Open me\n    Hidden.\n\n!!! Big news, today\n"
    )
    assert clean(text, ".md", "mkdocs") == (
        "> **Note**\n>\n> Park the van.\n\n> **Careful**\n>\n> One van a bay.\n\n"
        "> **Tip**\n>\n> Hidden.\n\n!!! Big news, today\n"
    )
    assert clean("!!! Big news today\n", ".md", "hugo") == "!!! Big news today\n"  # MkDocs' alone


def test_table_code_span_keeps_its_pipe_in_its_cell() -> None:
    """Traefik's docs: ``| Either | `Path(^/(apple|pear)$)` |`` gave a cell '`Path(^/(apple'
    (GFM ends a cell at any bare ``|``), where Python-Markdown's tables extension leaves a pipe
    inside a code span in its cell. Its backticks pair as Python-Markdown pairs them, within
    the row; a pipe outside code still ends a cell, and other generators keep GFM's reading."""
    text = (
        "| Rule | Example |\n|------|---------|\n| Either | `Path(^/(apple|pear)$)` |\n"
        "| Open `tick | Two `` a|b `` |\n\nA `x|y` sentence.\n"
    )
    made = clean(text, ".md", "mkdocs")
    assert made == (
        "| Rule | Example |\n|------|---------|\n| Either | `Path(^/(apple\\|pear)$)` |\n"
        "| Open `tick | Two `` a\\|b `` |\n\nA `x|y` sentence.\n"
    )
    assert "<td><code>Path(^/(apple|pear)$)</code></td>" in markdown.render(made).html
    assert "<td>Two <code>a|b</code></td>" in markdown.render(made).html
    assert clean(text, ".md", "hugo") == text


def test_backtick_left_open_in_a_table_row_pairs_with_none_in_later_rows() -> None:
    """An options table on one of the MkDocs sites looked at (Traefik's, NetBox's docs): a cell
    'written as:`#rgb' left a backtick open; it paired with one rows below, so the raw HTML
    between was held as code: the later rows' ``<a id>`` anchors were lost (escaped tags on the
    page) and check --links warned of links to them. Each row is read on its own, as
    Python-Markdown and GFM read each cell; in a paragraph a code span still runs over lines."""
    text = (
        "| Name | Meaning |\n|------|---------|\n"
        '| <a id="opt-colour">`colour`</a> | Written as:`#rgb |\n'
        '| <a id="opt-size">`size`</a> | In points. |\n\nA `span over\ntwo lines` <b>here</b>.\n'
    )
    assert clean(text, ".md", "mkdocs", html=True) == (
        "| Name | Meaning |\n|------|---------|\n"
        "| \ue040opt-colour\ue041`colour` | Written as:`#rgb |\n"
        "| \ue040opt-size\ue041`size` | In points. |\n\nA `span over\ntwo lines` **here**.\n"
    )


def test_material_icons_marking_yes_no_or_none_show_those_marks() -> None:
    """A feature table of ``:material-check:`` and ``:material-close:`` icons (on the MkDocs
    sites looked at: Traefik's, NetBox's docs) showed empty cells: Material's, Octicons'
    and FontAwesome's check, close (x, xmark) and minus (dash) icons are ✓, ✗ and –, by the
    first word of their name; other icons, and brands' logos, are left out as before."""
    text = (
        "| Plan | Backups | Audit | Export |\n|---|---|---|---|\n"
        "| Free | :material-check: | :material-close: | :material-minus: |\n"
        "| Team | :octicons-check-16: | :octicons-x-16: | :fontawesome-solid-xmark: |\n\n"
        ":material-check-circle-outline: Done, :octicons-rocket-16: go, :fontawesome-brands-x-twitter: x.\n"
    )
    assert clean(text, ".md", "mkdocs") == (
        "| Plan | Backups | Audit | Export |\n|---|---|---|---|\n"
        "| Free | \u2713 | \u2717 | \u2013 |\n| Team | \u2713 | \u2717 | \u2717 |\n\n"
        "\u2713 Done, go, x.\n"
    )
    assert clean(text, ".md", "hugo") == text


def test_anchor_around_a_markdown_link_keeps_its_id_and_that_link() -> None:
    """A reference table on one of the MkDocs sites looked at (Traefik's, NetBox's docs):
    ``<a id="opt-path" href="#opt-path">[`Path(x)`](#rules)</a>`` showed '[' and '](#opt-path)'
    around the inner link. The anchor's id stays, and what it holds is shown as it is (a
    browser closes the outer link where the inner one opens); an anchor around text, or around
    an image, is still a link."""
    text = (
        '| Rule |\n|---|\n| <a id="opt-path" href="#opt-path">[`Path(x)`](#rules)</a> |\n\n'
        '<a href="/vans/">![A van](van.png)</a> <a id="fleet" href="#fleet">The fleet</a>\n'
    )
    assert clean(text, ".md", "mkdocs", html=True) == (
        "| Rule |\n|---|\n| \ue040opt-path\ue041[`Path(x)`](#rules) |\n\n"
        "[![A van](van.png)](/vans/) \ue040fleet\ue041[The fleet](#fleet)\n"
    )


def test_check_links_finds_the_anchors_of_every_table_row(tmp_path: Path) -> None:
    """The options table with a backtick left open (above): check --links warned that links to
    the ids of later rows found nothing."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: mkdocs\nsources: [docs]\n",
        "mkdocs.yml": "site_name: Vans\n",
        "docs/options.md": (
            "# Options\n\n| Name | Meaning |\n|------|---------|\n"
            '| <a id="opt-colour">`colour`</a> | Written as:`#rgb |\n'
            '| <a id="opt-size">`size`</a> | In points. |\n'
        ),
        "docs/index.md": "# Home\n\nSee [size](options.md#opt-size) and [weight](options.md#opt-weight).\n",
    }
    root = write(tmp_path, files)
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    assert [line.split(" (")[0] for line in result.stderr.splitlines() if "warning" in line] == [
        "docs/index.md:3:46: warning: link to 'options.md#opt-weight' finds no heading 'opt-weight' on 'Options'"
    ]


def test_an_admonition_or_tab_under_a_fence_in_a_list_item_is_one() -> None:
    """Uvicorn's settings.md: a list item holding a fenced command, then an admonition four
    spaces in, showed '<p>!!! note' raw: the text after the fence was read apart from the item
    above it, and the admonition taken for indented code. A content tab there too; an
    admonition four spaces in after a fence outside any list is still indented code."""
    text = (
        "1. **Shell**: start it.\n   ```bash\n   app serve\n   ```\n\n    !!! note\n        Keep it open.\n\n"
        '- Install it:\n  ```bash\n  app fetch\n  ```\n\n    === "pip"\n\n        Use pip.\n'
    )
    assert page(text) == (
        "<ol>\n<li>\n<p><strong>Shell</strong>: start it.</p>\n"
        '<pre><code class="language-bash">app serve\n</code></pre>\n'
        "<blockquote>\n<p><strong>Note</strong></p>\n<p>Keep it open.</p>\n</blockquote>\n</li>\n</ol>\n"
        "<ul>\n<li>\n<p>Install it:</p>\n"
        '<pre><code class="language-bash">app fetch\n</code></pre>\n'
        "<p><strong>pip</strong></p>\n<p>Use pip.</p>\n</li>\n</ul>\n"
    )
    alone = "Run:\n\n```bash\napp serve\n```\n\n    !!! note\n        Code, not a note.\n"
    assert "<pre><code>!!! note\n" in page(alone)


def test_autorefs_cross_references_link_to_the_page_of_their_reference(tmp_path: Path) -> None:
    """Pydantic's docs, as other mkdocstrings sites: mkdocs-autorefs links ``[`Field`][pydantic.fields.Field]``
    to the part of the reference mkdocstrings writes where a page says '::: pydantic.fields';
    stagemap showed its text alone, the link lost. The page whose reference's name is the longest dotted start of the label is
    linked, at that reference's anchor; a name no page references stays text."""
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: Tools\nsite_url: https://tools.example/\nplugins: [mkdocstrings]\n",
            "docs/api/demo.md": "# Demo\n\n::: demo\n",
            "docs/api/tool.md": "# Tool\n\n::: demo.tool\n",
            "docs/index.md": "# Home\n\nUse [`Hammer`][demo.tool.Hammer], [demo][] or [Saw][other.Saw].\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    check = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    assert "leads nowhere" not in check.output
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)]).exit_code == 0
    page = (out / "assets/index.html").read_text()
    assert (
        '<p>Use <a href="api/tool.html#h-demo.tool"><code>Hammer</code></a>, '
        '<a href="api/demo.html#h-demo">demo</a> or Saw.</p>'
    ) in page


def test_a_new_reference_re_renders_only_the_pages_whose_links_it_changes(tmp_path: Path) -> None:
    """Seen by a review of the autorefs reading: the site's whole map of references was part of
    every page's key, so writing one '::: x' re-rendered all 85 pages of a 36-page site. A page's
    key now holds where its own cross-references go: a new reference re-renders its page and the
    pages whose links it changes (and the lists that show the library)."""
    files = {
        "mkdocs.yml": "site_name: Tools\nsite_url: https://tools.example/\nplugins: [mkdocstrings]\n",
        "docs/api/tool.md": "# Tool\n\n::: demo.tool\n",
        "docs/index.md": "# Home\n\nUse [Saw][other.Saw].\n",
        "docs/hammer.md": "# Hammer\n\nUse [`Hammer`][demo.tool.Hammer].\n",
    }
    files |= {f"docs/p{i}.md": f"# Page {i}\n\nNo links.\n" for i in range(4)}
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    build = ["-C", str(root), "build", "-o", str(out), "--as-of", "2026-12-06"]
    assert CliRunner().invoke(cli, build).exit_code == 0
    before = _page_keys(root)
    write(root, {"docs/api/tool.md": "# Tool\n\n::: demo.tool\n\n::: other\n"})
    assert CliRunner().invoke(cli, build).exit_code == 0
    after = _page_keys(root)
    assert sorted(p for p in after if after[p] != before.get(p) and p.startswith("assets/")) == [
        "assets/api/tool.html",
        "assets/index.html",
    ]
    assert '<a href="api/tool.html#h-other">Saw</a>' in (out / "assets/index.html").read_text()


def _page_keys(root: Path) -> dict[str, str]:
    """Return each page's key in the record of the project's one build folder."""
    (record,) = (root / ".stagemap-cache").glob("pages-*.json")
    return {path: entry[0] for path, entry in json.loads(record.read_text())["pages"].items()}


def test_table_in_indented_code_keeps_its_pipes_as_written() -> None:
    """A review of the change above: a page showing how to write a table, in indented code,
    showed 'a\\|b' in its code, a backslash the live page does not have (Python-Markdown's
    tables extension reads no table in code). Code is code four columns past the block that
    holds it: the page, an admonition, a list item's text; a table in an admonition or in a
    list item after a fence is still a table."""
    text = (
        "Write this:\n\n    | Rule | Example |\n    |------|---------|\n    | or   | `a|b`   |\n\n"
        "!!! note\n\n    | Rule | Example |\n    |------|---------|\n    | or   | `a|b`   |\n\n"
        "        | Rule | `a|b` |\n        |------|-------|\n\n"
        "1. Save it:\n\n    ```\n    x\n    ```\n\n    | Rule | Example |\n    |------|---------|\n"
        "    | or   | `a|b`   |\n"
    )
    made = clean(text, ".md", "mkdocs")
    assert made == (
        "Write this:\n\n    | Rule | Example |\n    |------|---------|\n    | or   | `a|b`   |\n\n"
        "> **Note**\n>\n> | Rule | Example |\n> |------|---------|\n> | or   | `a\\|b`   |\n>\n"
        ">     | Rule | `a|b` |\n>     |------|-------|\n\n"
        "1. Save it:\n\n    ```\n    x\n    ```\n\n    | Rule | Example |\n    |------|---------|\n"
        "    | or   | `a\\|b`   |\n"
    )
    html = markdown.render(made).html
    assert "<pre><code>| Rule | Example |\n|------|---------|\n| or   | `a|b`   |\n</code></pre>" in html
    assert html.count("<td><code>a|b</code></td>") == 2


def test_nav_titles_pages_of_several_sections_share_name_their_section(tmp_path: Path) -> None:
    """The OpenAI Agents SDK's docs (MkDocs) title four pages 'Quickstart' and two 'Overview' in
    their nav, each under its own section: the lists, reports and site showed the same name for
    several assets. A nav title other pages share is qualified with the page's section,
    'Overview (Guides)'; where two pages share that too, with every section above it; a page
    at the nav's top keeps its title, as does one whose title no other page has (titles are
    compared ignoring case; a page the nav names twice is titled by its first entry alone)."""
    nav = (
        "nav:\n  - Overview: index.md\n  - Guides:\n      - overview: guides/index.md\n"
        "      - Radio:\n          - Quickstart: guides/radio.md\n      - Phone:\n"
        "          - Quickstart: guides/phone.md\n  - Reference:\n      - Overview: ref/index.md\n"
        "      - Radio:\n          - Quickstart: ref/radio.md\n          - Calls: ref/calls.md\n"
        "  - More:\n      - Calls: ref/calls.md\n"
    )
    files = {"mkdocs.yml": "site_name: Tools\nsite_url: https://tools.example/\n" + nav}
    pages = ("index", "guides/index", "guides/radio", "guides/phone", "ref/index", "ref/radio", "ref/calls")
    root = write(tmp_path / "site", files | {f"docs/{p}.md": "Text.\n" for p in pages})
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    listed = CliRunner().invoke(cli, ["-C", str(root), "list", "--format", "json"])
    assert {a["path"]: a["title"] for a in json.loads(listed.stdout)["assets"]} == {
        "docs/guides/index.md": "overview (Guides)",
        "docs/guides/phone.md": "Quickstart (Phone)",
        "docs/guides/radio.md": "Quickstart (Guides / Radio)",
        "docs/index.md": "Overview",
        "docs/ref/calls.md": "Calls",
        "docs/ref/index.md": "Overview (Reference)",
        "docs/ref/radio.md": "Quickstart (Reference / Radio)",
    }


def test_a_body_whose_first_heading_is_not_its_nav_title_moves_under_the_pages_own(tmp_path: Path) -> None:
    """The OpenAI Agents SDK's sessions/index.md is 'Overview' in the nav and starts '# Sessions'.
    The built page's one first-level heading is the asset's title: the body's '# Sessions' is
    a second-level heading under it and the headings below it move a level down with it; a
    first heading that is the title is left out, its headings at their levels."""
    files = {
        "mkdocs.yml": "site_name: Tools\nsite_url: https://tools.example/\n"
        "nav:\n  - Overview: sessions.md\n  - Plain: plain.md\n",
        "docs/sessions.md": "# Sessions\n\n## Start\n\nText.\n\n### Detail\n\nText.\n",
        "docs/plain.md": "# Plain\n\n## Part\n\nText.\n",
    }
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)]).exit_code == 0
    sessions = (out / "assets/sessions.html").read_text()
    assert '<h1 id="title">Overview</h1>' in sessions
    assert '<h2 id="h-sessions">Sessions</h2>\n<h3 id="h-start">Start</h3>' in sessions
    assert '<h4 id="h-detail">Detail</h4>' in sessions
    plain = (out / "assets/plain.html").read_text()
    assert '<div class="body">\n<h2 id="h-part">Part</h2>' in plain


def test_nav_titles_pages_of_one_section_share_stay_as_written(tmp_path: Path) -> None:
    """Review of the qualified nav titles (made for the OpenAI Agents SDK's MkDocs docs) found
    two pages titled 'Examples' under one 'API' section both renamed 'Examples (API)': naming
    the section they share tells them apart no better. A title is qualified only where the pages
    sharing it are in different sections (compared ignoring case), and with the full path of
    sections only where pages still sharing the qualified title are in different places."""
    nav = (
        "nav:\n  - API:\n      - Examples: api/a.md\n      - examples: api/b.md\n"
        "  - Guides:\n      - Radio:\n          - Setup: guides/radio.md\n          - Setup: guides/more.md\n"
        "  - Tools:\n      - Radio:\n          - Setup: tools/radio.md\n"
        "  - Help:\n      - Install: help/install.md\n  - help:\n      - Install: help/again.md\n"
    )
    files = {"mkdocs.yml": "site_name: Tools\nsite_url: https://tools.example/\n" + nav}
    pages = ("api/a", "api/b", "guides/radio", "guides/more", "tools/radio", "help/install", "help/again")
    root = write(tmp_path / "site", files | {f"docs/{p}.md": "Text.\n" for p in pages})
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    listed = CliRunner().invoke(cli, ["-C", str(root), "list", "--format", "json"])
    assert {a["path"]: a["title"] for a in json.loads(listed.stdout)["assets"]} == {
        "docs/api/a.md": "Examples",
        "docs/api/b.md": "examples",
        "docs/guides/more.md": "Setup (Guides / Radio)",
        "docs/guides/radio.md": "Setup (Guides / Radio)",
        "docs/help/again.md": "Install",
        "docs/help/install.md": "Install",
        "docs/tools/radio.md": "Setup (Tools / Radio)",
    }
    written = nav_titles(yaml.safe_load(nav), "mkdocs.yml", nav)[1]  # (what a body's heading may repeat)
    assert written == {
        "docs/guides/radio.md": "Setup",
        "docs/guides/more.md": "Setup",
        "docs/tools/radio.md": "Setup",
    }


def test_a_body_whose_first_heading_is_its_nav_title_as_written_drops_it(tmp_path: Path) -> None:
    """Review of the qualified nav titles (made for the OpenAI Agents SDK's MkDocs docs, whose
    realtime and voice sections each have a 'Quickstart'): a body starting '# Quickstart' under
    'Quickstart (Voice)' showed that heading again as an <h2> below the page's own <h1>, and every
    heading under it a level down ('## Install' an <h3>), where before the qualifying the first
    heading was left out. A first heading that is the nav's title as written is left out too,
    by either renderer; one that says something else still moves under the page's own."""
    files = {
        "mkdocs.yml": "site_name: Tools\nsite_url: https://tools.example/\n"
        "nav:\n  - Realtime:\n      - Quickstart: realtime/quickstart.md\n"
        "  - Voice:\n      - Quickstart: voice/quickstart.md\n",
        "docs/voice/quickstart.md": "# Quickstart\n\nStart talking.\n\n## Install\n\nText.\n",
        "docs/realtime/quickstart.md": "# First steps\n\nStart streaming.\n\n## Install\n\nText.\n",
    }
    # (A page titled in its own front matter shows that title: its '# Quickstart' stays.)
    files["docs/agents/quickstart.md"] = "---\ntitle: Agents in a minute\n---\n# Quickstart\n\nText.\n"
    files["mkdocs.yml"] += "  - Agents:\n      - Quickstart: agents/quickstart.md\n"
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    for renderer in ("compiled", "python"):
        out = tmp_path / renderer
        env = {"STAGEMAP_MARKDOWN": renderer}
        assert CliRunner(env=env).invoke(cli, ["-C", str(root), "build", "-o", str(out)]).exit_code == 0
        voice = (out / "assets/voice/quickstart.html").read_text()
        assert '<h1 id="title">Quickstart (Voice)</h1>' in voice
        assert '<div class="body">\n<p>Start talking.</p>\n<h2 id="h-install">Install</h2>' in voice
        realtime = (out / "assets/realtime/quickstart.html").read_text()
        assert '<h2 id="h-first-steps">First steps</h2>' in realtime
        assert '<h3 id="h-install">Install</h3>' in realtime
        agents = (out / "assets/agents/quickstart.html").read_text()
        assert '<h1 id="title">Agents in a minute</h1>' in agents
        assert '<div class="body">\n<h2 id="h-quickstart">Quickstart</h2>' in agents


def test_titles_pages_the_nav_does_not_list_share_name_their_folders(tmp_path: Path) -> None:
    """The OpenAI Agents SDK's docs (MkDocs) list one 'Items' reference page in their nav, and
    keep three more pages whose heading is 'Items' (ref/realtime/, ref/run_internal/,
    ref/extensions/experimental/codex/) and two 'Logger', two 'Config' out of it: the nav's
    titles were told apart, these 42 were not, and lists showed the same name for several. A
    page the nav does not list whose title another page has is qualified as a nav title is,
    its folders standing for sections, named as MkDocs names a folder's section ('run_internal':
    'Run internal'); a page at the docs folder's top, and pages of one folder, keep theirs. A
    page the nav lists with no title (Material for MkDocs' '- changelog/index.md' under
    'Changelog', which shares 'Changelog' with its insiders' one) is in the nav's sections. The
    built page leaves out a first heading that repeats the title as the page wrote it."""
    nav = "nav:\n  - Home: index.md\n  - Reference:\n      - Items: ref/items.md\n  - News:\n      - log/index.md\n"
    files = {
        "mkdocs.yml": "site_name: Tools\nsite_url: https://tools.example/\n" + nav,
        "docs/index.md": "# Home\n\nText.\n",
        "docs/ref/items.md": "Text.\n",
        "docs/ref/realtime/items.md": "# Items\n\n## Kinds\n\nText.\n",
        "docs/ref/run_internal/items.md": "---\ntitle: items\n---\nText.\n",
        "docs/extra/realtime/items.md": "# Items\n\nText.\n",
        "docs/notes.md": "# Items\n\nText.\n",
        "docs/drafts/a.md": "# Draft\n\nText.\n",
        "docs/drafts/b.md": "# Draft\n\nText.\n",
        "docs/log/index.md": "# Log\n\nText.\n",
        "docs/extra/log.md": "# Log\n\nText.\n",
    }
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    listed = CliRunner().invoke(cli, ["-C", str(root), "list", "--format", "json"])
    assert {a["path"]: a["title"] for a in json.loads(listed.stdout)["assets"]} == {
        "docs/drafts/a.md": "Draft",
        "docs/drafts/b.md": "Draft",
        "docs/extra/log.md": "Log (Extra)",
        "docs/extra/realtime/items.md": "Items (Extra / Realtime)",
        "docs/index.md": "Home",
        "docs/log/index.md": "Log (News)",
        "docs/notes.md": "Items",
        "docs/ref/items.md": "Items",
        "docs/ref/realtime/items.md": "Items (Ref / Realtime)",
        "docs/ref/run_internal/items.md": "items (Run internal)",
    }
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)]).exit_code == 0
    page = (out / "assets/ref/realtime/items.html").read_text()
    assert '<h1 id="title">Items (Ref / Realtime)</h1>' in page
    assert '<div class="body">\n<h2 id="h-kinds">Kinds</h2>' in page
