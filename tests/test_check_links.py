"""`stagemap check --links`: each link in a body that leads nowhere, at its place, as a warning;
the same links the built pages mark "Link target not found"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.render import deadlinks
from tests.conftest import QUIET_CONFIG, write

HEAD = "---\ntitle: {title}\nstages: [awareness]\nquestions: [problems]\n---\n"
FILES: dict[str, str | bytes] = {
    "stagemap.yml": QUIET_CONFIG,
    "content/costs.md": HEAD.format(title="What a missed call costs")
    + "See [the checklist](checklist.md) and [pricing](pricing.md).\n\n"
    + "![Chart](img/chart.png)\n\nAgain: [pricing](pricing.md), and [x](#costs) stays.\n\n## Costs\n\nHigh.\n",
    "content/checklist.md": HEAD.format(title="Checklist")
    + "Back to [costs](costs.md#costs), [the prices](costs.md#prices) and [here](#steps).\n",
}
HINT = "(point it at a content file, a page's route or a file in the site's static folders)"
PART_HINT = "(link to one of that page's headings, or leave out the '#' and what follows it)"


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_check_links_reports_each_dead_link_where_it_is_written(tmp_path: Path) -> None:
    root = write(tmp_path, FILES)
    code, out, err = run(root, "check", "--links")
    assert code == 0  # warnings: --strict fails on them
    assert err == (
        "content/checklist.md:6:47: warning: link to 'costs.md#prices' finds no heading 'prices' on"
        f" 'What a missed call costs' {PART_HINT}\n"
        f"content/checklist.md:6:75: warning: link to '#steps' finds no heading 'steps' on this page {PART_HINT}\n"
        f"content/costs.md:6:49: warning: link to 'pricing.md' leads nowhere {HINT}\n"
        f"content/costs.md:8:10: warning: link to 'img/chart.png' leads nowhere {HINT}\n"
        f"content/costs.md:10:18: warning: link to 'pricing.md' leads nowhere {HINT}\n"
    )
    assert out.startswith("Checked 2 files in content/ against the buyer-journey model")
    assert out.splitlines()[0].endswith(": 0 errors, 5 warnings.")
    assert run(root, "check", "--links", "--strict")[0] == 1
    # Without --links, bodies are not rendered and links are not looked at.
    assert run(root, "check") == (0, out.replace("0 errors, 5 warnings.", "no problems."), "")
    code, out, _ = run(root, "check", "--links", "--format", "json")
    problems = json.loads(out)["problems"]
    assert [(p["path"], p["line"], p["col"], p["code"]) for p in problems] == [
        ("content/checklist.md", 6, 47, "dead-part"),
        ("content/checklist.md", 6, 75, "dead-part"),
        ("content/costs.md", 6, 49, "dead-link"),
        ("content/costs.md", 8, 10, "dead-link"),
        ("content/costs.md", 10, 18, "dead-link"),
    ]


def test_check_links_finds_what_the_built_page_marks(tmp_path: Path) -> None:
    root = write(tmp_path, FILES)
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/costs.html").read_text()
    assert page.count('title="Link target not found: pricing.md"') == 2
    assert "[missing image: Chart]" in page
    # Once the page exists, neither marks it.
    write(
        root,
        {"content/pricing.md": HEAD.format(title="Pricing") + "Plans.\n", "content/img/chart.png": b"png"},
    )
    code, _, err = run(root, "check", "--links")
    assert code == 0 and "leads nowhere" not in err  # (the checklist's links to missing headings stay)
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    assert "Link target not found" not in (root / "site/assets/costs.html").read_text()


def test_a_dead_link_a_partial_brings_in_is_reported_where_the_partial_writes_it(tmp_path: Path) -> None:
    """Detox's docs (wix/Detox) import docs/guide/parts/_x.mdx into pages a folder up: its
    '../setup.md' and '../../img/x.png' were read from the page's folder, giving 20 false
    warnings at page:1 and 19 missing images, while a link that worked only from the page passed.
    Docusaurus compiles the partial as a file of its own: its file paths start from its folder."""
    settings = QUIET_CONFIG + "generator: docusaurus\nsources: [docs]\n"
    files: dict[str, str | bytes] = {
        "stagemap.yml": settings,
        "docusaurus.config.js": "module.exports = {url: 'https://x.example'};\n",
        "docs/guide/start.mdx": "---\ntitle: Start\n---\nimport Kit from './parts/_kit.mdx';\n\nFirst.\n\n<Kit />\n",
        "docs/guide/setup.md": "---\ntitle: Setup\n---\nSet up.\n",
        "docs/img/crate.png": b"png",
        "docs/guide/parts/_kit.mdx": (
            "---\nsidebar_label: Kit\n---\nOpen [setup](../setup.md) and ![crate](../../img/crate.png).\n"
            "Not [this](setup.md), nor [that][far] nor `[code](nowhere.md)`.\n\n[far]: ./far.md#top\n"
        ),
    }
    root = write(tmp_path, files)
    code, _, err = run(root, "check", "--links")
    assert code == 0
    shown = "(shown on docs/guide/start.mdx)"
    assert err == (
        f"docs/guide/parts/_kit.mdx:5:12: warning: link to 'setup.md' leads nowhere {shown} {HINT}\n"
        f"docs/guide/parts/_kit.mdx:7:8: warning: link to './far.md#top' leads nowhere {shown} {HINT}\n"
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/guide/start.html").read_text()
    assert '<a href="setup.html">setup</a>' in page and "missing image" not in page
    assert page.count("Link target not found") == 2


def test_a_partial_shown_on_many_pages_reports_its_dead_link_once(tmp_path: Path) -> None:
    """A review of the change above: a partial on 30 pages gave 30 warnings alike for its one
    link that leads nowhere; it is reported once, naming the pages that show it (how many, and
    the first three). And its 'src={require('./img/map.png').default}' was read from each
    page's folder, a missing image on each: a require() is written from the partial's folder."""
    page = "---\ntitle: {title}\n---\nimport Setup from '{up}_partials/_setup.mdx';\n{more}\n<Setup />\n"
    twice = "import Old from '{up}_partials/_old.mdx';\n\n<Old />\n"
    files: dict[str, str | bytes] = {
        "stagemap.yml": QUIET_CONFIG + "generator: docusaurus\nsources: [docs]\n",
        "docusaurus.config.js": "module.exports = {url: 'https://x.example'};\n",
        "docs/guide.md": "---\ntitle: Guide\n---\nRead on.\n",
        "docs/a/b/pond.mdx": page.format(title="Pond", up="../../", more=""),
        "docs/c/reed.mdx": page.format(title="Reed", up="../", more=twice.format(up="../")),
        "docs/c/weir.mdx": page.format(title="Weir", up="../", more=""),
        "docs/dam.mdx": page.format(title="Dam", up="./", more=twice.format(up="./")),
        "docs/eel.mdx": page.format(title="Eel", up="./", more=""),
        "docs/_partials/_setup.mdx": (
            "See the [guide](../guide.md), not [the pump](../pump.md).\n\n"
            "<img src={require('./img/map.png').default} alt=\"map\" />\n"
        ),
        "docs/_partials/_old.mdx": "Once [the sluice](./sluice.md).\n",
        "docs/_partials/img/map.png": b"png",
    }
    root = write(tmp_path, files)
    code, _, err = run(root, "check", "--links")
    assert code == 0
    assert err == (
        "docs/_partials/_old.mdx:1:19: warning: link to './sluice.md' leads nowhere"
        f" (shown on 2 pages: docs/c/reed.mdx and docs/dam.mdx) {HINT}\n"
        "docs/_partials/_setup.mdx:1:46: warning: link to '../pump.md' leads nowhere (shown on 5 pages:"
        f" docs/a/b/pond.mdx, docs/c/reed.mdx, docs/c/weir.mdx and 2 more) {HINT}\n"
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    pond = (root / "site/assets/a/b/pond.html").read_text()
    assert '<img src="../../../files/_partials/img/map.png" alt="map">' in pond
    assert "missing image" not in pond and pond.count("Link target not found") == 1


def test_check_links_says_the_same_on_one_processor_and_several(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files: dict[str, str | bytes] = {"stagemap.yml": QUIET_CONFIG}
    for n in range(90):  # enough for workers to share them (MIN_ITEMS)
        dead = f"[gone](gone-{n}.md)" if n % 7 == 0 else ""
        part = "nowhere" if n % 30 == 29 else "more"  # a heading of the next page, but for three
        files[f"content/page-{n:02d}.md"] = (
            HEAD.format(title=f"Page {n}")
            + f"To [next](page-{n + 1:02d}.md). {dead}\n\n## More\n\n[Its more](page-{(n + 1) % 90:02d}.md#{part}).\n"
        )
    root = write(tmp_path, files)
    said = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("STAGEMAP_WORKERS", workers)
        said[workers] = run(root, "check", "--links")
    assert said["1"] == said["2"]
    lines = said["2"][2].splitlines()
    # 13 dead links to pages never written, page-89's link to a page-90 that is not there, and
    # three links to a heading the next page does not have.
    assert len(lines) == 17
    assert lines[0] == f"content/page-00.md:6:31: warning: link to 'gone-0.md' leads nowhere {HINT}"
    assert lines[-2] == f"content/page-89.md:6:11: warning: link to 'page-90.md' leads nowhere {HINT}"
    assert lines[-1] == (
        f"content/page-89.md:10:12: warning: link to 'page-00.md#nowhere' finds no heading 'nowhere' on 'Page 0' {PART_HINT}"
    )


PLACES = """\
Read about gone.md first, then [x](gone.md).

<!-- old: [o](gone4.md) -->
Now [n](gone4.md) and `[c](gone5.md)` then [d](gone5.md)

```
[in](fence.md)
```
After [after](fence.md).

First [q](a.md#x) then [p](a.md). Sp [e](sp%C3%A9.md) and [f](spé.md).

Ref [x][r] and [y][r].

[r]: ref.md
"""


def test_each_dead_link_is_placed_at_its_address_not_at_a_mention_or_in_code(tmp_path: Path) -> None:
    """Seen by a review: the first place the address was written at all was taken, a mention
    in a sentence or a code span; two links sharing the start of an address shared a place."""
    root = write(tmp_path, {"stagemap.yml": QUIET_CONFIG, "content/t.md": HEAD.format(title="T") + PLACES})
    code, _, err = run(root, "check", "--links")
    assert code == 0
    places = [line.split(" (")[0] for line in err.splitlines()]
    assert places == [
        "content/t.md:6:36: warning: link to 'gone.md' leads nowhere",
        # An HTML comment is text in stagemap's own format: the link in it is one.
        "content/t.md:8:15: warning: link to 'gone4.md' leads nowhere",
        "content/t.md:9:9: warning: link to 'gone4.md' leads nowhere",
        "content/t.md:9:48: warning: link to 'gone5.md' leads nowhere",
        "content/t.md:14:15: warning: link to 'fence.md' leads nowhere",
        "content/t.md:16:11: warning: link to 'a.md#x' leads nowhere",
        "content/t.md:16:28: warning: link to 'a.md' leads nowhere",
        "content/t.md:16:42: warning: link to 'sp%C3%A9.md' leads nowhere",
        "content/t.md:16:63: warning: link to 'spé.md' leads nowhere",
        # A reference used twice: both at its definition.
        "content/t.md:20:6: warning: link to 'ref.md' leads nowhere",
        "content/t.md:20:6: warning: link to 'ref.md' leads nowhere",
    ]
    # On a site read in place, a comment hides its link: the next one is placed.
    settings = QUIET_CONFIG + "generator: hugo\nsources: [content]\n"
    write(root, {"stagemap.yml": settings})
    places = [line.split(" (")[0] for line in run(root, "check", "--links")[2].splitlines()]
    assert places[1:3] == [
        "content/t.md:9:9: warning: link to 'gone4.md' leads nowhere",
        "content/t.md:9:48: warning: link to 'gone5.md' leads nowhere",
    ]


def parts(root: Path) -> list[str]:
    """The dead-part warnings of ``check --links``, without their hint."""
    err = run(root, "check", "--links")[2]
    return [line.split(" (")[0] for line in err.splitlines() if "finds no heading" in line]


def test_links_to_a_heading_are_read_as_the_sites_generator_names_headings(tmp_path: Path) -> None:
    """Seen by a review: a Docusaurus heading's own id ({#start}) was shown as computed content
    and every link to it was reported; MkDocs' names (accents dropped, _1 for a second heading
    of a name), a heading whose name starts 'h-', and #top were reported too."""
    head = QUIET_CONFIG + "generator: GEN\nsources: [docs]\n"
    files = {
        "stagemap.yml": head.replace("GEN", "docusaurus"),
        "docs/a.md": "---\ntitle: A\n---\n## Getting started {#start}\n\n## H-1B visas\n\nText.\n",
        "docs/b.md": (
            "---\ntitle: B\n---\n[s](a.md#start) [v](a.md#h-1b-visas) [t](a.md#top) [u](#top)\n\n"
            "First [ok](a.md#start). Then [bad](a.md#intro). Self [s](#intro).\n"
        ),
    }
    root = write(tmp_path / "d", files)
    assert parts(root) == [
        "docs/b.md:6:36: warning: link to 'a.md#intro' finds no heading 'intro' on 'A'",
        "docs/b.md:6:58: warning: link to '#intro' finds no heading 'intro' on this page",
    ]
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/a.html").read_text()
    # (Docusaurus's explicit id is the heading's id: it makes none from the text then)
    assert '<h2 id="h-start">Getting started</h2>' in page
    assert "Computed content" not in page
    assert '<a href="a.html#top">t</a> <a href="#top">u</a>' in (root / "site/assets/b.html").read_text()
    files = {
        "stagemap.yml": head.replace("GEN", "mkdocs"),
        "mkdocs.yml": "site_name: M\n",
        "docs/a.md": "# A\n\n## Café crème\n\n## Install\n\n## Install\n",
        "docs/b.md": "# B\n\n[c](a.md#cafe-creme) [i](a.md#install_1) [n](a.md#n%C3%B6pe)\n",
    }
    root = write(tmp_path / "m", files)
    assert parts(root) == ["docs/b.md:3:46: warning: link to 'a.md#n%C3%B6pe' finds no heading 'nöpe' on 'A'"]
    files = {
        "stagemap.yml": head.replace("GEN", "hugo").replace("[docs]", "[content]"),
        "content/a.md": "---\ntitle: A\n---\n## Intro\n",
        "content/b.md": '---\ntitle: B\n---\nSee [s]({{< relref "a.md" >}}#nope).\n',
    }
    root = write(tmp_path / "h", files)
    assert parts(root) == [
        """content/b.md:4:9: warning: link to '{{< relref "a.md" >}}#nope' finds no heading 'nope' on 'A'"""
    ]
    # A reference to a missing part used twice: once, at its definition (the second was put at
    # the body's first line, with no column; then, twice at the definition: pnpm's release notes
    # counted one address to mend as two warnings).
    write(root, {"content/c.md": "---\ntitle: C\n---\nSee [n][tn].\n\nAgain [n][tn].\n\n[tn]: a.md#tails\n"})
    assert parts(root)[1:] == [
        "content/c.md:8:7: warning: link to 'a.md#tails' finds no heading 'tails' on 'A'"
    ]


def test_mkdocs_ids_of_attribute_lists_and_generated_references_are_anchors(tmp_path: Path) -> None:
    """Pydantic's and MkDocs' own docs: an id given inline (``**`locale`**{ #locale }``), under a
    paragraph without a colon (``{#para}``), on an empty link (``[](){#note}``, autorefs'), and the
    members of a ``::: package.module`` reference were all reported as finding no heading."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: mkdocs\nsources: [docs]\n",
        "mkdocs.yml": "site_name: M\n",
        "docs/a.md": (
            "# A\n\n* **`locale`**{ #locale }: the language.\n* **Plain**{#plain} too.\n\n"
            "A paragraph.\n{#para}\n\n[](){#note}\nNote.\n\n::: fernhill.jobs\n    options:\n      members: [Job]\n"
        ),
        "docs/b.md": (
            "# B\n\n[l](a.md#locale) [p](a.md#plain) [q](a.md#para) [n](a.md#note) [j](a.md#fernhill.jobs.Job) "
            "[m](a.md#fernhill.jobs) [x](a.md#fernhill.vans)\n"
        ),
    }
    root = write(tmp_path, files)
    assert parts(root) == [
        "docs/b.md:3:120: warning: link to 'a.md#fernhill.vans' finds no heading 'fernhill.vans' on 'A'"
    ]
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/a.html").read_text()
    assert '<li><strong><code>locale</code></strong>: the language.<span id="h-locale"></span></li>' in page
    assert '<li><strong>Plain</strong><span id="h-plain"></span> too.</li>' in page
    assert '<p>A paragraph.<span id="h-para"></span></p>' in page
    assert '<p><span id="h-note"></span>\nNote.</p>' in page
    assert '<p><span id="h-fernhill.jobs"></span></p>' in page


def test_links_to_dot_and_dot_dot_are_folders_as_with_a_slash(tmp_path: Path) -> None:
    """OpenTelemetry's docs link to ``..``: a browser goes up a folder, as for ``../``; it was
    reported as leading nowhere, like a file named with a dot."""
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: hugo\nsources: [content]\nurls: {base: 'https://d.example/', pattern: '/{path}/'}\n",
        "content/docs/guide/up.md": HEAD.format(title="Up")
        + "[a](..) [b](../) [c](.) [d](./) [e](.hidden)\n",
    }
    root = write(tmp_path, files)
    code, _, err = run(root, "check", "--links")
    assert code == 0 and [line for line in err.splitlines() if "leads nowhere" in line] == [
        f"content/docs/guide/up.md:6:37: warning: link to '.hidden' leads nowhere {HINT}"
    ]
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/docs/guide/up.html").read_text()
    assert (
        '<a href="https://d.example/docs/guide/">a</a> <a href="https://d.example/docs/guide/">b</a>' in page
    )
    assert '<a href="up.html">c</a> <a href="up.html">d</a>' in page


def test_a_link_to_a_listing_is_a_page_of_the_site_even_without_its_address(tmp_path: Path) -> None:
    """Kueue's site (Hugo, baseURL '/', so no urls.base): 518 of 555 warnings were links to its
    sections, each an _index.md the site serves. Such a link is no warning; the built page shows
    its text, marked as a page of the site, and a route that matches nothing is still broken."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [content]\nurls: {pattern: '/{path}/'}\n",
        "content/docs/_index.md": "---\ntitle: Docs\n---\nThe docs.\n",
        "content/docs/overview/_index.md": "---\ntitle: Overview\n---\nA long overview.\n",
        "content/docs/setup.md": HEAD.format(title="Setup")
        + "Read [the overview](/docs/overview), [this](../), [docs](/docs/) or [none](/docs/nope/).\n",
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == (
        f"content/docs/setup.md:6:76: warning: link to '/docs/nope/' leads nowhere {HINT}\n"
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/docs/setup.html").read_text()
    assert (
        'Read <span class="site-link" title="A page of the site, not in this library: /docs/overview">the overview'
        '</span>, <span class="site-link" title="A page of the site, not in this library: ../">this</span>'
    ) in page
    assert '<span class="broken-link" title="Link target not found: /docs/nope/">none</span>' in page
    # A review: a broken address was placed at an earlier link to the same address with a part.
    write(
        root,
        {"content/docs/pic.md": HEAD.format(title="Pic") + "See [list](/docs/#part) then ![pic](/docs/).\n"},
    )
    assert (
        f"content/docs/pic.md:6:37: warning: link to '/docs/' leads nowhere {HINT}\n"
        in run(root, "check", "--links")[2]
    )


def test_a_link_into_a_version_left_out_leads_to_a_page_of_the_site(tmp_path: Path) -> None:
    """Crossplane's docs (Hugo, baseURL '/') link from their latest version into older ones
    that init leaves out ({{<ref "/cli/v1.20/command-reference#beta-upgrade-check">}}): check
    --links said 4 such links lead nowhere, though the site publishes those pages. A page left
    out by a glob naming a version's folder, or a development copy's, has its route all the
    same; one left out by another glob, or a route no file has, is still reported."""
    settings = "generator: hugo\nsources: [{path: content, exclude: [/docs/v1.0/, /master/, /drafts/]}]\n"
    files = {
        "stagemap.yml": QUIET_CONFIG + settings + "urls: {pattern: '/{path}/'}\n",
        "content/docs/v1.0/_index.md": "---\ntitle: Version 1.0\n---\n",
        "content/docs/v1.0/setup.md": "---\ntitle: Setup\n---\n## Steps\n",
        "content/master/setup.md": "---\ntitle: Setup\n---\n## Steps\n",
        "content/drafts/plan.md": "---\ntitle: Plan\n---\nLater.\n",
        "content/docs/v1.1/setup.md": HEAD.format(title="Setup")
        + '[a](/docs/v1.0/setup/#steps) [b]({{< ref "/docs/v1.0/setup#steps" >}}) [c](/docs/v1.0)'
        ' [d]({{< relref "/docs/v1.0/setup.md" >}}) [e](../../v1.0/setup/) [f](/master/setup/)'
        " [g](/drafts/plan/) [h](/docs/v1.0/none/)\n",
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == (
        f"content/docs/v1.1/setup.md:6:177: warning: link to '/drafts/plan/' leads nowhere {HINT}\n"
        f"content/docs/v1.1/setup.md:6:196: warning: link to '/docs/v1.0/none/' leads nowhere {HINT}\n"
    )
    # With the site's address, such a link leads to the page there.
    write(
        root,
        {
            "stagemap.yml": QUIET_CONFIG
            + settings
            + "urls: {pattern: '/{path}/', base: 'https://k.example/'}\n"
        },
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    (page,) = (root / "site/assets/docs").glob("v1-1-*/setup.html")
    assert (
        '<p><a href="https://k.example/docs/v1.0/setup/#steps">a</a>'
        ' <a href="https://k.example/docs/v1.0/setup#steps">b</a> <a href="https://k.example/docs/v1.0">c</a>'
        ' <a href="https://k.example/docs/v1.0/setup/">d</a> <a href="https://k.example/docs/v1.0/setup/">e</a>'
        ' <a href="https://k.example/master/setup/">f</a>'
    ) in page.read_text()


def test_a_file_of_a_hugo_bundle_is_found_at_the_lower_cased_address_hugo_writes_it_at(
    tmp_path: Path,
) -> None:
    """Tekton's docs (Hugo) keep content/en/docs/Concepts/concept-runs.png beside the section's
    _index.md and link it as /docs/concepts/concept-runs.png, where Hugo 0.111.3 writes it (a
    bundle's files go under its page's lower-cased address, their own names as they are): check
    --links said it leads nowhere. A file in a folder that is no bundle is written at its path
    as it is; with disablePathToLower (no urls.lowercase) nothing is lower-cased."""
    settings = (
        QUIET_CONFIG + "generator: hugo\nsources: [content]\nurls: {pattern: '/{path}/', lowercase: true}\n"
    )
    files: dict[str, str | bytes] = {
        "stagemap.yml": settings,
        "content/docs/Guide/_index.md": "---\ntitle: Guide\n---\n",
        "content/docs/Guide/flow.png": b"\x89PNG",
        "content/docs/Guide/Parts/Deep.png": b"\x89PNG",
        "content/docs/Setup/index.md": HEAD.format(title="Setup") + "Set up.\n",
        "content/docs/Setup/img/Kettle.png": b"\x89PNG",
        "content/docs/Loose/pic.png": b"\x89PNG",
        "content/docs/Guide/usage.md": HEAD.format(title="Usage")
        + "![a](/docs/guide/flow.png) ![b](flow.png) ![c](/docs/setup/img/Kettle.png)"
        " ![d](/docs/loose/pic.png) ![e](/docs/guide/parts/Deep.png) ![f](/docs/guide/Flow.png)\n",
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == (
        f"content/docs/Guide/usage.md:6:81: warning: link to '/docs/loose/pic.png' leads nowhere {HINT}\n"
        f"content/docs/Guide/usage.md:6:107: warning: link to '/docs/guide/parts/Deep.png' leads nowhere {HINT}\n"
        f"content/docs/Guide/usage.md:6:140: warning: link to '/docs/guide/Flow.png' leads nowhere {HINT}\n"
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    (page,) = (root / "site/assets/docs").glob("guide*/usage.html")
    assert '<img src="../../../files/docs/Guide/flow.png" alt="a">' in page.read_text()
    write(root, {"stagemap.yml": settings.replace(", lowercase: true", "")})
    assert "link to '/docs/guide/flow.png' leads nowhere" in run(root, "check", "--links")[2]


def test_hugo_relative_aliases_and_sections_without_an_index_are_routes(tmp_path: Path) -> None:
    """rclone's docs (Hugo): storj.md says aliases: [tardigrade], which Hugo serves at /tardigrade/
    (a relative alias sits beside the page's own address: Hugo 0.111.3 put 'bee' of
    /docs/deep/b/ at /docs/deep/bee/), and content/commands/ has no _index.md, yet Hugo lists it
    at /commands/. check --links said links to both lead nowhere. Only a top folder is a
    section without an _index.md: /docs/deep/ stays broken, as does an alias read from the root."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [content]\nurls: {pattern: '/{path}/'}\n",
        "content/storage.md": HEAD.format(title="Storage").replace(
            "questions: [problems]\n", "questions: [problems]\naliases: [oldstore, ../attic/]\n"
        )
        + "Kept.\n",
        "content/commands/spool_copy.md": HEAD.format(title="Copy") + "Copies.\n",
        "content/docs/deep/knots.md": HEAD.format(title="Knots").replace(
            "questions: [problems]\n", "questions: [problems]\naliases: [loops]\n"
        )
        + "Tied.\n",
        "content/start.md": HEAD.format(title="Start")
        + "See [old](/oldstore/), [attic](/attic), [all](/commands/), [docs](/docs/),"
        " [loops](/docs/deep/loops/) and [not](/loops/), [deep](/docs/deep/).\n",
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == (
        f"content/start.md:6:113: warning: link to '/loops/' leads nowhere {HINT}\n"
        f"content/start.md:6:130: warning: link to '/docs/deep/' leads nowhere {HINT}\n"
    )


def test_a_link_written_with_the_sites_own_address_is_a_link_inside_the_site(tmp_path: Path) -> None:
    """jekyll-TeXt-theme's docs link their own pages by the site's whole address (41 links on 19
    pages): each stayed a link out, never checked, never led to the page here. A link starting
    with urls.base is read as a link from the site's root; another host's is left alone."""
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: hugo\nsources: [content]\nurls: {base: 'https://ex.example/', pattern: '/{path}/'}\n",
        "content/docs/other.md": HEAD.format(title="Other") + "## Setup\n\nText.\n",
        "content/docs/third.md": HEAD.format(title="Third")
        + "See [other](https://ex.example/docs/other/), [frag](https://ex.example/docs/other/#nope),"
        " [ok](https://ex.example/docs/other/#setup) and [out](https://ex.example.org/docs/other/).\n"
        "Old [report](https://ex.example/reports/2019.html).\n",  # a review: not broken, the live page
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == (
        "content/docs/third.md:6:53: warning: link to 'https://ex.example/docs/other/#nope' finds no heading"
        f" 'nope' on 'Other' {PART_HINT}\n"
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/docs/third.html").read_text()
    assert (
        '<p>See <a href="other.html">other</a>, <a href="other.html#h-nope">frag</a>, <a href="other.html#h-setup">ok</a>'
        ' and <a href="https://ex.example.org/docs/other/">out</a>.\nOld <a href="https://ex.example/reports/2019.html">report</a>.</p>'
    ) in page


def test_a_post_folder_named_with_a_date_and_two_hyphens_is_reached_by_its_slug(tmp_path: Path) -> None:
    """LekoArts' Gatsby themes name their posts' folders '2021-05-06--second-trip': 14 links to
    '/second-trip/' on its site led nowhere, where a folder with one hyphen was found."""
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: gatsby\nsources: [content/posts]\nurls: {roots: [content/posts]}\n",
        "content/posts/2021-03-04--first-trip/index.mdx": HEAD.format(title="First")
        + "Then [the second](/second-trip/) and [the third](/third-trip/).\n",
        "content/posts/2021-05-06--second-trip/index.mdx": HEAD.format(title="Second") + "Text.\n",
        "content/posts/2021-07-08-third-trip/index.mdx": HEAD.format(title="Third") + "Text.\n",
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == ""


def test_an_astro_page_reaches_an_image_in_src_assets_by_a_relative_path(tmp_path: Path) -> None:
    """Biome's blog and astro-nomy's releases name their images in src/assets/ from the page's
    folder ('../../assets/chart.png'), as Astro resolves them: 7 images were 'missing'. Astro's
    src/assets/ is a folder of files pages may name; a file not there is still missing."""
    files = {
        "astro.config.mjs": "export default defineConfig({\n  site: 'https://a.example',\n});\n",
        "src/assets/chart.png": b"\x89PNG\r\n",
        "src/content/blog/launch.md": "---\ntitle: Launch\n---\n![Sign-ups](../../assets/chart.png)\n\n![Gone](../../assets/none.png)\n",
    }
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert [line for line in run(root, "check", "--links")[2].splitlines() if "src/content" in line] == [
        f"src/content/blog/launch.md:6:9: warning: link to '../../assets/none.png' leads nowhere {HINT}"
    ]
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/blog/launch.html").read_text()
    assert '<img src="../../files/~/src/assets/chart.png" alt="Sign-ups">' in page
    assert (root / "site/files/~/src/assets/chart.png").read_bytes() == b"\x89PNG\r\n"


def test_a_link_to_a_part_of_a_page_a_component_makes_is_not_reported(tmp_path: Path) -> None:
    """Ory's API reference pages are made whole by a component (Redoc's <API url=... />): 8 links
    to their operations 'found no heading'. A page with no heading of its own and a component
    only the live site fills has parts not known here; a page with headings is still checked."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: docusaurus\nsources: [docs]\n",
        "docs/api.mdx": '---\ntitle: API\n---\n<API url="kettle.yaml" />\n',
        "docs/guide.md": "---\ntitle: Guide\n---\n## Setup\n\nSee [brew](api.mdx#tag/brew) and [nope](guide.md#nope).\n",
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == (
        f"docs/guide.md:6:41: warning: link to 'guide.md#nope' finds no heading 'nope' on this page {PART_HINT}\n"
    )


def test_a_relative_link_into_a_static_folder_leads_to_the_file_the_site_serves(tmp_path: Path) -> None:
    """React Native's posts show ``../static/blog/assets/x.png``: Docusaurus finds the file from
    the post; it was reported as leading nowhere (30 links) and left out of the built page."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: docusaurus\nsources: [blog]\n",
        "docusaurus.config.js": "module.exports = {url: 'https://d.example'};\n",
        "blog/2024-01-02-post.md": HEAD.format(title="Post")
        + "![Van](../static/img/van.png) [Gone](../static/img/gone.png)\n",
        "static/img/van.png": b"\x89PNG\r\n\x1a\n",
    }
    root = write(tmp_path, files)
    code, _, err = run(root, "check", "--links")
    assert (code, [line for line in err.splitlines() if "nowhere" in line]) == (
        0,
        [f"blog/2024-01-02-post.md:6:38: warning: link to '../static/img/gone.png' leads nowhere {HINT}"],
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/2024-01-02-post.html").read_text()
    assert '<img src="../public/img/van.png" alt="Van">' in page
    assert (root / "site/public/img/van.png").read_bytes() == b"\x89PNG\r\n\x1a\n"


def test_a_heading_holding_a_shortcode_gets_its_id_from_its_own_text(tmp_path: Path) -> None:
    """Docsy's docs: ``### {{% icon robot %}} Upgrading with AI?`` is #upgrading-with-ai on the
    live page (the icon makes no text); the placeholder's words were in the id here."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [content]\n",
        "content/a.md": "---\ntitle: A\n---\n### {{% icon robot %}} Upgrading with AI?\n\n[AI](#upgrading-with-ai)\n",
    }
    root = write(tmp_path, files)
    assert parts(root) == []
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    assert '<h3 id="h-upgrading-with-ai">' in (root / "site/assets/a.html").read_text()


DOCUSAURUS_PAGE = (
    "---\ntitle: Routes\n---\n\nimport useBaseUrl from '@docusaurus/useBaseUrl';\n\n"
    "Read [the intro](intro.md) first, not [this](./intro.md); [the news](2024-01-01-news.md).\n\n"
    "<img alt=\"Map\" src={useBaseUrl('img/map.png')} />\n\n"
    "<img alt=\"Shot\" src={require('./shot.png').default} />\n\n"
    "<img alt=\"Van\" src={require('@site/static/img/van.png').default} />\n\n"
    "<img alt=\"Chart\" src={require('@site/docs/img/chart.png').default} />\n\n"
    "![Chart](img/chart.png)\n"
)


@pytest.mark.parametrize("generator", ["docusaurus", "mkdocs"])
def test_check_links_finds_files_as_a_docusaurus_site_names_them(tmp_path: Path, generator: str) -> None:
    """Plausible's docs (Docusaurus) link to 'goal-conversions.md' from docs/custom-props/,
    which Docusaurus finds in docs/, and show images with src={useBaseUrl('img/x.png')}: 216
    warnings, of which one was a link that leads nowhere. A link starting with ./ or ../ is
    found beside the page only, and another generator finds none of them from the root."""
    config = {"docusaurus": "docusaurus.config.js", "mkdocs": "mkdocs.yml"}[generator]
    root = write(
        tmp_path,
        {
            config: "module.exports = {url: 'https://docs.example.com'};\n"
            if generator == "docusaurus"
            else "site_name: Ex\n",
            "docs/intro.md": "---\ntitle: Intro\n---\nHello.\n",
            "docs/guides/routes.md": DOCUSAURUS_PAGE,
            "docs/guides/shot.png": b"\x89PNG",
            "docs/img/chart.png": b"\x89PNG",
            "blog/2024-01-01-news.md": "---\ntitle: News\n---\nNews.\n",
            "static/img/map.png": b"\x89PNG",
            "static/img/van.png": b"\x89PNG",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    _, _, err = run(root, "check", "--links")
    dead = [line.split(": warning: ")[1] for line in err.splitlines() if ": warning: link" in line]
    if generator == "docusaurus":  # (a doc from its own folder or the site's; an image beside the page)
        assert dead == [
            f"link to './intro.md' leads nowhere {HINT}",
            f"link to '2024-01-01-news.md' leads nowhere {HINT}",
            f"link to 'img/chart.png' leads nowhere {HINT}",
        ]
    else:
        assert f"link to 'intro.md' leads nowhere {HINT}" in dead


def test_the_sites_home_is_no_route_of_a_docs_index(tmp_path: Path) -> None:
    """Babel's docs/index.md is served at /docs/: a link to '/#sponsors' (the home page's part)
    was checked against it and reported, and every link to '/' led to it."""
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: docusaurus\nsources: [{path: docs, url: '/docs/{doc}'}]\nurls: {base: 'https://b.example/'}\n",
        "docs/index.md": HEAD.format(title="What is it?") + "## Welcome\n\nText.\n",
        "docs/guide.md": HEAD.format(title="Guide")
        + "Back [home](/), to [supporters](/#supporters), [intro](/docs/).\n",
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == ""
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/guide.html").read_text()
    assert (
        '<p>Back <a href="https://b.example/">home</a>, to <a href="https://b.example/#supporters">supporters</a>,'
        ' <a href="index.html">intro</a>.</p>'
    ) in page


def test_a_relative_link_climbing_above_the_root_reaches_the_sites_files(tmp_path: Path) -> None:
    """KubeVirt's site (Jekyll): its home page's <img src="./../assets/images/x.svg"> was reported
    as leading nowhere, though a browser stays at the root on '..' there: /assets/images/x.svg,
    which the site serves. A file that is not there is still reported."""
    root = write(
        tmp_path,
        {
            "_config.yml": "title: R\nurl: https://r.example\n",
            "assets/logo.svg": "<svg/>",
            "index.html": '---\ntitle: Home\n---\n<img src="./../assets/logo.svg" alt="Logo">\n'
            '<img src="./../assets/none.svg" alt="None">\n',
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    code, _, err = run(root, "check", "--links")
    assert code == 0
    assert [line for line in err.splitlines() if "leads nowhere" in line] == [
        "index.html:5:11: warning: link to './../assets/none.svg' leads nowhere (point it at a content"
        " file, a page's route or a file in the site's static folders)"
    ]


DOCS_AND_BLOG = (
    QUIET_CONFIG
    + "generator: docusaurus\nsources: [{path: docs, url: '/docs/{doc}'}, {path: blog, url: '/blog/{post}'}]\n"
    + "urls: {base: 'https://k.example/'}\n"
)


def test_a_route_under_a_docusaurus_plugins_own_leads_nowhere_unless_the_plugin_makes_it(
    tmp_path: Path,
) -> None:
    """Testing Library's docs (Docusaurus, urls.base set): 'queries/byrole#hidden' and '/docs/faq'
    name no doc, yet went to the public site, unreported. The docs plugin answers every route
    under /docs, and the blog's under /blog: a route there that is no page leads nowhere, but
    for the pages the plugins make themselves (tags, categories, versions, a blog's pages and
    archive). A route outside them, or naming a file, still goes to the public site."""
    links = (
        "[a](tips#kept) [b](queries/byrole#hidden) [c](/docs/faq) [d](/docs/tags/setup)"
        " [e](/docs/category/guides) [f](/docs/next/tips) [g](/docs/2.x/tips) [h](/blog/page/2)"
        " [i](/blog/archive) [j](/blog/tags/news) [k](/blog/authors) [l](/blog/nothing)"
        " [m](/community/help) [n](/docs/files/sheet.pdf) [o](/blog/2024/05/01/launch)"
    )
    files = {
        "stagemap.yml": DOCS_AND_BLOG,
        "docs/tips.md": HEAD.format(title="Tips") + "## Kept\n\nText.\n",
        "docs/start.md": HEAD.format(title="Start") + links + "\n",
        "blog/2024-05-01-launch.md": HEAD.format(title="Launch") + "News.\n",
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == (
        f"docs/start.md:6:20: warning: link to 'queries/byrole#hidden' leads nowhere {HINT}\n"
        f"docs/start.md:6:47: warning: link to '/docs/faq' leads nowhere {HINT}\n"
        f"docs/start.md:6:229: warning: link to '/blog/nothing' leads nowhere {HINT}\n"
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/start.html").read_text()
    body = page.partition('<a href="tips.html#h-kept">a</a>')[2].partition("</p>")[0]
    sent = [link.split('"')[0] for link in body.split('href="https://k.example')[1:]]
    assert sent == [
        "/docs/tags/setup",
        "/docs/category/guides",
        "/docs/next/tips",
        "/docs/2.x/tips",
        "/blog/page/2",
        "/blog/archive",
        "/blog/tags/news",
        "/blog/authors",
        "/community/help",
        "/docs/files/sheet.pdf",
    ]


def test_a_slash_after_a_docs_ending_is_read_as_docusaurus_2_reads_it(tmp_path: Path) -> None:
    """Testing Library's docs (Docusaurus 2) link to 'dom-testing-library/api-debugging.mdx/#prettydom'
    from docs/vue-testing-library/api.mdx: Docusaurus 2's link pattern stops at the ending and
    finds the doc from the docs folder, but the link went to the public site as written (under
    the page's own route). It is read without the slash, beside the page and then from the docs
    folder; one naming no doc leads nowhere."""
    files = {
        "stagemap.yml": DOCS_AND_BLOG,
        "docs/api/debugging.md": HEAD.format(title="Debugging") + "## Pretty output\n\nText.\n",
        "docs/vue/api.md": HEAD.format(title="Vue")
        + "[a](api/debugging.md/#pretty-output) [b](../api/debugging.md/) [c](api/gone.md/#x)\n",
        "blog/news.md": HEAD.format(title="News") + "News.\n",
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == f"docs/vue/api.md:6:68: warning: link to 'api/gone.md/#x' leads nowhere {HINT}\n"
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/vue/api.html").read_text()
    assert (
        '<p><a href="../api/debugging.html#h-pretty-output">a</a> <a href="../api/debugging.html">b</a>'
        ' <span class="broken-link" title="Link target not found: api/gone.md/#x">c</span></p>'
    ) in page


def test_a_gatsby_image_from_the_root_is_found_beside_the_page_first(tmp_path: Path) -> None:
    """Carbon's site (Gatsby, MDX) writes image paths starting with '/' that name files in the
    page's own folder: gatsby-remark-images joins the page's folder and the path, leading slash
    and all, and stagemap reported 46 of them as leading nowhere. Such a file is looked for
    beside the page first; one not there is looked for in the static folder, then sent to the site."""
    root = write(
        tmp_path,
        {
            "gatsby-config.js": "module.exports = {siteMetadata: {siteUrl: 'https://g.example'},"
            " plugins: [{resolve: 'gatsby-theme-carbon', options: {}}]};\n",
            "src/pages/guide/setup.mdx": "---\ntitle: Setup\n---\n![Chart](/pics/chart.png) ![Logo](/logo.png)"
            " ![Gone](/pics/gone.png)\n",
            "src/pages/guide/pics/chart.png": b"\x89PNG",
            "static/logo.png": b"\x89PNG",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert "leads nowhere" not in run(root, "check", "--links")[2]
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/guide/setup.html").read_text()
    assert (
        '<p><img src="../../files/guide/pics/chart.png" alt="Chart"> <img src="../../public/logo.png" alt="Logo">'
        ' <img src="https://g.example/pics/gone.png" alt="Gone"></p>'
    ) in page


def test_the_pages_a_docusaurus_sites_files_say_its_plugins_make_are_reached(tmp_path: Path) -> None:
    """A review of the dead-route rule on a Docusaurus site: routes Docusaurus builds were reported
    as leading nowhere: released versions whose names are no numbers ('legacy', 'stable') or that
    a 'path' moves, generated category indexes ('_category_.json', sidebars.js), JavaScript pages
    in src/pages, and tags, pages, archive and authors moved by their options. They go to the
    public site; the usual places those options moved, a '_' page and a route no one makes still
    lead nowhere."""
    config = (
        "module.exports = {\n  url: 'https://k.example',\n  presets: [['classic', {\n"
        "    docs: {sidebarPath: './sidebars.js', lastVersion: 'current', tagsBasePath: 'topics',\n"
        "      versions: {current: {label: 'Next'}, '2024': {path: 'y2024'}}},\n"
        "    blog: {postsPerPage: 5, pageBasePath: 'p', archiveBasePath: 'all', authorsBasePath: 'people',"
        " tagsBasePath: 'labels'},\n  }]],\n};\n"
    )
    links = [
        "/docs/legacy/intro",
        "/docs/stable/intro",
        "/docs/y2024/intro",
        "/docs/topics/setup",
        "/docs/api-overview",
        "/docs/guides-overview",
        "/docs/playground",
        "/blog/p/2",
        "/blog/all",
        "/blog/people/jo",
        "/blog/labels/news",
        "/docs/tags/setup",
        "/blog/page/2",
        "/docs/_helper",
        "/docs/nothing",
    ]
    files = {
        "stagemap.yml": DOCS_AND_BLOG,
        "docusaurus.config.js": config,
        "versions.json": '["2024", "legacy", "stable"]\n',
        "sidebars.js": "module.exports = {main: [{type: 'category', label: 'Guides', items: ['start'],"
        " link: {type: 'generated-index', slug: '/guides-overview'}}]};\n",
        "docs/api/_category_.json": '{"label": "API", "link": {"type": "generated-index", "slug": "/api-overview"}}',
        "docs/api/calls.md": HEAD.format(title="Calls") + "Text.\n",
        "docs/start.md": HEAD.format(title="Start")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links)),
        "blog/2024-05-01-launch.md": HEAD.format(title="Launch") + "News.\n",
        "src/pages/docs/playground.js": "export default function Playground() { return null; }\n",
        "src/pages/docs/_helper.js": "export const helper = 1;\n",
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == (
        f"docs/start.md:28:6: warning: link to '/docs/tags/setup' leads nowhere {HINT}\n"
        f"docs/start.md:30:6: warning: link to '/blog/page/2' leads nowhere {HINT}\n"
        f"docs/start.md:32:6: warning: link to '/docs/_helper' leads nowhere {HINT}\n"
        f"docs/start.md:34:6: warning: link to '/docs/nothing' leads nowhere {HINT}\n"
    )


def test_a_docusaurus_versions_file_not_read_makes_any_route_under_the_docs_possible(tmp_path: Path) -> None:
    """A review of the dead-route rule: where a site has a versions file that does not read as a
    list of names, which versions Docusaurus builds is not known; a route under the docs that no
    page has is then no dead link."""
    files = {
        "stagemap.yml": DOCS_AND_BLOG,
        "docusaurus.config.js": "module.exports = {presets: [['classic', {docs: {lastVersion: 'current'}}]]};\n",
        "versions.json": "made by a script\n",
        "docs/start.md": HEAD.format(title="Start") + "[a](/docs/legacy/intro) [b](/docs/anything)\n",
        "blog/2024-05-01-launch.md": HEAD.format(title="Launch") + "News.\n",
    }
    _, _, err = run(write(tmp_path, files), "check", "--links")
    assert err == ""


@pytest.mark.parametrize(
    ("package", "read"),
    [
        (None, True),
        ('{"dependencies": {"@docusaurus/core": "2.4.3"}}', True),
        ('{"dependencies": {"@docusaurus/core": "~3.3.2"}}', True),
        ('{"dependencies": {"@docusaurus/core": "3.4.0"}}', False),
        ('{"dependencies": {"@docusaurus/core": "^3.1.0"}}', False),
        # Ranges as npm reads them (a last review): an upper bound decides, none is the newest.
        ('{"dependencies": {"@docusaurus/core": ">=3.1 <3.4"}}', True),
        ('{"dependencies": {"@docusaurus/core": ">=2.0.0"}}', False),
    ],
)
def test_a_slash_after_a_docs_ending_names_it_only_before_docusaurus_3_4(
    tmp_path: Path, package: str | None, read: bool
) -> None:
    """A review of the Testing Library change: 'x.md/#part' was read as 'x.md#part' on every
    Docusaurus site, but Docusaurus 3.4 (facebook/docusaurus#10168) reads a doc's links in the
    Markdown tree and takes only a path ending in '.md' or '.mdx' for a doc's: there the link
    leads to no page. Before 3.4, or with no version known, it names the doc as before."""
    files = {
        "stagemap.yml": DOCS_AND_BLOG,
        "docs/api/debugging.md": HEAD.format(title="Debugging") + "## Pretty output\n\nText.\n",
        "docs/vue/api.md": HEAD.format(title="Vue") + "[a](../api/debugging.md/#pretty-output)\n",
        "blog/news.md": HEAD.format(title="News") + "News.\n",
    }
    if package is not None:
        files["package.json"] = package
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == (
        ""
        if read
        else f"docs/vue/api.md:6:5: warning: link to '../api/debugging.md/#pretty-output' leads nowhere {HINT}\n"
    )


@pytest.mark.parametrize(
    ("plugins", "beside"),
    [("['gatsby-plugin-mdx', 'gatsby-remark-images']", True), ("['gatsby-plugin-mdx']", False)],
)
def test_a_gatsby_path_from_the_root_is_found_beside_the_page_only_as_its_plugins_read_it(
    tmp_path: Path, plugins: str, beside: bool
) -> None:
    """A review of the Carbon change: every Gatsby site looked for a path from the root in the
    page's folder first, though only gatsby-remark-images and gatsby-remark-copy-linked-files do
    so, and only for a Markdown image or link: an MDX page's <img src="/pics/chart.png" /> is a
    plain address, served from the static folder (told apart by the page: one that writes the
    path both ways has both read as Markdown's)."""
    root = write(
        tmp_path,
        {
            "gatsby-config.js": f"module.exports = {{siteMetadata: {{siteUrl: 'https://g.example'}}, plugins: {plugins}}};\n",
            "src/pages/guide/setup.mdx": "---\ntitle: Setup\n---\n![Chart](/pics/chart.png)\n",
            "src/pages/guide/drawn.mdx": '---\ntitle: Drawn\n---\n<img src="/pics/chart.png" alt="Drawn" />\n',
            "src/pages/guide/pics/chart.png": b"\x89PNG",
            "static/pics/chart.png": b"\x89PNG",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    first = "../../files/guide/pics/chart.png" if beside else "../../public/pics/chart.png"
    assert f'<p><img src="{first}" alt="Chart"></p>' in (root / "site/assets/guide/setup.html").read_text()
    drawn = (root / "site/assets/guide/drawn.html").read_text()
    assert '<p><img src="../../public/pics/chart.png" alt="Drawn"></p>' in drawn


def test_a_route_a_docusaurus_client_redirect_writes_is_a_link_to_its_target(tmp_path: Path) -> None:
    """typescript-eslint's and Ory's sites (Docusaurus) list moved pages' old routes in
    @docusaurus/plugin-client-redirects' 'redirects' (typescript-eslint's in an object set by
    name), and stagemap read none of them: a link to a 'from' route under the docs was reported
    as leading nowhere, and one elsewhere sent to the public site, though the site redirects
    both to a page stagemap has. Each 'from' (one or a list) is its 'to' now, on the built page
    too; a page's own route wins over a redirect at it, a 'to' no page has leads nowhere as
    before, and createRedirects, code, is not read."""
    config = (
        "const moved = {\n  // a rule in a comment: {from: '/docs/ignored', to: '/docs/intro'}\n"
        "  redirects: [\n    {from: '/docs/old-intro', to: '/docs/intro'},\n"
        "    {to: '/docs/guides/setup/', from: ['/install', '/docs/getting-started']},\n"
        "    {from: '/docs/tips', to: '/docs/intro'},\n    {from: '/docs/lost', to: '/docs/gone'},\n  ],\n"
        "  createRedirects(path) { return path.replace('/docs/', '/docs/v1/'); },\n};\n"
        "module.exports = {\n  url: 'https://k.example',\n"
        "  plugins: [['@docusaurus/plugin-client-redirects', moved]],\n};\n"
    )
    links = "/docs/old-intro /install /docs/getting-started#steps /docs/tips /docs/lost /docs/ignored"
    files = {
        "stagemap.yml": DOCS_AND_BLOG,
        "docusaurus.config.js": config,
        "docs/intro.md": HEAD.format(title="Intro") + "Text.\n",
        "docs/tips.md": HEAD.format(title="Tips") + "Text.\n",
        "docs/guides/setup.md": HEAD.format(title="Setup") + "## Steps\n\nText.\n",
        "docs/start.md": HEAD.format(title="Start")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split())),
        "blog/2024-05-01-launch.md": HEAD.format(title="Launch") + "News.\n",
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == (
        f"docs/start.md:14:5: warning: link to '/docs/lost' leads nowhere {HINT}\n"
        f"docs/start.md:16:5: warning: link to '/docs/ignored' leads nowhere {HINT}\n"
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/start.html").read_text()
    assert (
        '<p><a href="intro.html">0</a></p>\n<p><a href="guides/setup.html">1</a></p>\n'
        '<p><a href="guides/setup.html#h-steps">2</a></p>\n<p><a href="tips.html">3</a></p>\n'
    ) in page


def test_a_docusaurus_client_redirect_to_a_heading_or_another_site_is_followed(tmp_path: Path) -> None:
    """A review of the client redirects read for typescript-eslint's Docusaurus site (not mirrored
    here: a fixture): a redirect may lead to a heading of a page ({from: '/faq', to:
    '/docs/intro#faq'}) or to another site (https://...), and stagemap took the
    fragment for part of the route and reported a link to '/faq' as leading nowhere, and read no
    redirect to another site, so a link to its 'from' was sent to the public site. A link to a
    'from' now reaches the page and its part, checked like any link to a heading (the redirect's
    fragment wins over the link's, as the plugin forwards the link's only to a 'to' with none of
    its own), or the other site's address. A missing part is reported at the address written."""
    config = (
        "module.exports = {\n  url: 'https://k.example',\n  plugins: [['@docusaurus/plugin-client-redirects', {\n"
        "    redirects: [\n      {from: '/faq', to: '/docs/intro#faq'},\n"
        "      {from: '/docs/old-part', to: '/docs/intro#gone'},\n      {from: '/docs/moved', to: '/docs/intro'},\n"
        "      {from: ['/chat', '/docs/chat'], to: 'https://chat.example/rooms'},\n    ],\n  }]],\n};\n"
    )
    links = "/faq /faq#other /docs/old-part /docs/moved#faq /chat /docs/chat#x"
    files = {
        "stagemap.yml": DOCS_AND_BLOG,
        "docusaurus.config.js": config,
        "docs/intro.md": HEAD.format(title="Intro") + "## FAQ\n\nText.\n",
        "docs/start.md": HEAD.format(title="Start")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split())),
        "blog/2024-05-01-launch.md": HEAD.format(title="Launch") + "News.\n",
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert (
        err
        == f"docs/start.md:10:5: warning: link to '/docs/old-part' finds no heading 'gone' on 'Intro' {PART_HINT}\n"
    )
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/start.html").read_text()
    assert (
        '<p><a href="intro.html#h-faq">0</a></p>\n<p><a href="intro.html#h-faq">1</a></p>\n'
        '<p><a href="intro.html#h-gone">2</a></p>\n<p><a href="intro.html#h-faq">3</a></p>\n'
        '<p><a href="https://chat.example/rooms">4</a></p>\n<p><a href="https://chat.example/rooms#x">5</a></p>\n'
    ) in page


def test_a_docusaurus_client_redirect_at_a_route_the_site_has_is_not_written(tmp_path: Path) -> None:
    """Review of the client redirects read for typescript-eslint's and Ory's Docusaurus sites:
    with src/pages/community.js and a redirect from '/community' to '/docs/intro', a link to
    '/community' was built as a link to the intro, though Docusaurus leaves out a redirect at a
    route the site has (filterUnwantedRedirects) and serves the page; and a redirect from
    '/docs/api' was ignored because docs/api.md would be there but for its slug '/api-ref', so
    the link reached that page, which the site redirects away from. A redirect is now left out
    only at a page's own address or a page the site makes (a JavaScript page, a generated index)."""
    config = (
        "module.exports = {\n  url: 'https://k.example',\n  plugins: [['@docusaurus/plugin-client-redirects', {\n"
        "    redirects: [\n      {from: '/community', to: '/docs/intro'},\n"
        "      {from: '/docs/api', to: '/docs/intro'},\n      {from: '/docs/API-ref', to: '/docs/intro'},\n"
        "      {from: '/docs/gone', to: '/docs/api-ref'},\n    ],\n  }]],\n};\n"
    )
    links = "/community /docs/api /docs/api-ref /docs/gone"
    files = {
        "stagemap.yml": DOCS_AND_BLOG,
        "docusaurus.config.js": config,
        "src/pages/community.js": "export default function Community() {\n  return null;\n}\n",
        "docs/intro.md": HEAD.format(title="Intro") + "Text.\n",
        "docs/api.md": "---\ntitle: Reference\nslug: /api-ref\n---\nText.\n",
        "docs/start.md": HEAD.format(title="Start")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split())),
        "blog/2024-05-01-launch.md": HEAD.format(title="Launch") + "News.\n",
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == ""
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/start.html").read_text()
    assert (
        '<p><a href="https://k.example/community">0</a></p>\n<p><a href="intro.html">1</a></p>\n'
        '<p><a href="api.html">2</a></p>\n<p><a href="api.html">3</a></p>\n'
    ) in page


def test_a_missing_part_a_client_redirect_leads_to_shows_the_address_with_the_base_path(
    tmp_path: Path,
) -> None:
    """Review of the client redirects read under a base path (Detox's site, wix/Detox, is served
    under baseUrl '/Detox/' and redirects with the plugin, though to no page's part: a fixture
    here): of the warnings for a link whose redirect leads to a part its page lacks, the one for
    a link written with the base's path ('/guide/docs/old-part', as Docusaurus takes it too)
    showed '#gone' at no column, or, beside a link written without it, was not given at all, as
    the place of that address was looked for without the base's path. It is found with it or
    without it now, and shown as written (the base in its case)."""
    config = (
        "module.exports = {\n  url: 'https://k.example',\n  baseUrl: '/guide/',\n"
        "  plugins: [['@docusaurus/plugin-client-redirects', {\n"
        "    redirects: [{from: '/docs/old-part', to: '/docs/intro#gone'}],\n  }]],\n};\n"
    )
    links = "/docs/old-part /guide/docs/old-part/ /guide/docs/OLD-part?x=1"
    files = {
        "stagemap.yml": DOCS_AND_BLOG.replace("k.example/", "k.example/guide/"),
        "docusaurus.config.js": config,
        "docs/intro.md": HEAD.format(title="Intro") + "## FAQ\n\nText.\n",
        "docs/start.md": HEAD.format(title="Start")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split())),
        "blog/2024-05-01-launch.md": HEAD.format(title="Launch") + "News.\n",
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == "".join(
        f"docs/start.md:{line}:5: warning: link to '{link}' finds no heading 'gone' on 'Intro' {PART_HINT}\n"
        for line, link in zip((6, 8, 10), links.split(), strict=True)
    )


def test_a_docusaurus_sites_javascript_pages_are_reached_without_a_site_address(tmp_path: Path) -> None:
    """QuestDB's Docusaurus site builds its address in code (`url: `https://${domain}``), so it
    has no urls.base: its posts' links to '/get-questdb/' and '/enterprise/', pages of
    src/pages written in TypeScript, were reported as leading nowhere, though the routes of such
    pages are read (with an address they went to the public site). They lead to a page of the
    site, as a listing does; a route no page has, and a '_' file's, still lead nowhere."""
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: docusaurus\nsources: [{path: docs, url: '/docs/{doc}'}, {path: blog, url: '/blog/{post}'}]\n",
        "docusaurus.config.js": "const host = 'tides.example'\nmodule.exports = {url: `https://${host}`};\n",
        "docs/start.md": HEAD.format(title="Start")
        + "[Get it](/get-tides/) or [ask sales](/sales) or [see plans](/plans/yearly).\n\n"
        + "[Nothing](/nothing/) and [helper](/_helper).\n",
        "blog/2024-05-01-launch.md": HEAD.format(title="Launch") + "News.\n",
        "src/pages/get-tides.tsx": "export default function GetTides() { return null; }\n",
        "src/pages/sales/index.js": "export default function Sales() { return null; }\n",
        "src/pages/plans/yearly.jsx": "export default function Yearly() { return null; }\n",
        "src/pages/_helper.js": "export const helper = 1;\n",
    }
    _, _, err = run(write(tmp_path, files), "check", "--links")
    assert err == (
        f"docs/start.md:8:11: warning: link to '/nothing/' leads nowhere {HINT}\n"
        f"docs/start.md:8:35: warning: link to '/_helper' leads nowhere {HINT}\n"
    )


def test_braces_in_a_links_address_on_an_mdx_page_are_the_address_as_written(tmp_path: Path) -> None:
    """QuestDB's posts write `[join us]({@slackUrl@})`: the page showed the link's Markdown as
    text, a placeholder in its destination. MDX reads no expression in a link's address, so the
    live link leads to the braces as written: the page shows the link's text, the link leads
    nowhere, and check says why."""
    files = {
        "stagemap.yml": DOCS_AND_BLOG,
        "docusaurus.config.js": "module.exports = {url: 'https://k.example'};\n",
        "docs/start.md": HEAD.format(title="Start")
        + "Ask [the crew]({links.chat}/crew) or [us](/docs/start), {links.count} of us.\n",
        "blog/2024-05-01-launch.md": HEAD.format(title="Launch") + "News.\n",
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == (
        "docs/start.md:6:16: warning: link to '{links.chat}/crew' leads nowhere "
        "(no {...} is worked out in a link's address: write it out (MDX: or use <a href={...}>))\n"
    )
    code, _, _ = run(root, "build", "-o", str(tmp_path / "out"))
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert code == 0 and "](" not in page
    assert 'title="Link target not found: %7Blinks.chat%7D/crew">the crew</span>' in page


@pytest.mark.parametrize(
    ("url", "braces"),
    [
        ("/api/{version}/", True),
        ("{links.chat}", True),
        ("{{ site.url }}/x/", False),
        ("{% link a.md %}", False),
    ],
)
def test_the_braces_hint_is_for_braces_no_template_engine_reads(url: str, braces: bool) -> None:
    """Review R2 of 4480b0e: the hint named MDX on every site; it now holds on any, and a
    template engine's tags (Liquid's, Nunjucks') are no such braces."""
    assert bool(deadlinks._BRACES.search(url)) is braces
