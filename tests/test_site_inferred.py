"""The built site shows a next step inferred from a page's links, marked as inferred, where the
page writes none; and its pages are rendered again when that step changes."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.analyse.coverage import analyse
from stagemap.analyse.site import plan_site
from stagemap.cli.app import cli
from stagemap.read.project import load_project
from stagemap.serve.preview import Preview
from tests.conftest import write
from tests.test_incremental import OLD, fresh_tree, tree

AS_OF = "2026-11-24"
DAY = dt.date(2026, 11, 24)
STARLIGHT = "import starlight from '@astrojs/starlight'\nexport default { integrations: [starlight({ title: 'Kites' })] }\n"
SETTINGS = (
    "name: Kites\nmodel: buyer-journey\ngenerator: astro\ncache: false\n"
    "sources:\n  - path: src/content/docs\n    url: /{entry}/\n"
)
DOCS = "src/content/docs/"


def page(title: str, stage: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\nstages: [{stage}]\n{extra}---\n\n{body}\n"


@pytest.fixture
def kites(tmp_path: Path) -> Path:
    """A small Starlight site: a splash page whose hero leads on, pages that end on a link, one
    that writes its next step, a draft, and a page with no link of the site's."""
    root = write(
        tmp_path / "kites",
        {
            "astro.config.mjs": STARLIGHT,
            "stagemap.yml": SETTINGS,
            DOCS + "index.mdx": page(
                "Kites",
                "awareness",
                "Kites for every wind.",
                "template: splash\nhero:\n  actions:\n    - text: Learn to launch\n      link: /guides/launch/\n",
            ),
            DOCS + "guides/launch.md": page("Launch", "exploration", "Hold on.", "next: guides/spools\n"),
            DOCS + "guides/spools.md": page(
                "Spools", "exploration", "Wind up, then [launch again](/guides/launch/)."
            ),
            DOCS + "guides/gusts.md": page(
                "Gusts", "evaluation", "Wait for calm; [spools](../spools/) help.", "status: draft\n"
            ),
            DOCS + "guides/calm.md": page(
                "Calm days", "evaluation", "No wind, no [kite](https://k.example/)."
            ),
        },
    )
    for path in root.rglob("*"):
        os.utime(path, ns=(OLD, OLD))
    return root


def build(project: Path, out: Path) -> None:
    args = ["-C", str(project), "build", "-o", str(out), "--as-of", AS_OF]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output


def next_step(out: Path, page_path: str) -> str:
    """The paragraph under the asset page's 'Next step for the buyer'."""
    html = (out / page_path).read_text(encoding="utf-8")
    found = re.search(r'<h2 id="next-step">Next step for the buyer</h2>\n(.*?)\n</section>', html, re.S)
    assert found, page_path
    return found.group(1)


def compare_note(tmp_path: Path, pages: dict[str, str]) -> str:
    """Build a Starlight site of ``pages`` and return the next-step note of its compare page."""
    root = write(tmp_path / "kites", {"astro.config.mjs": STARLIGHT, "stagemap.yml": SETTINGS, **pages})
    out = tmp_path / "site"
    build(root, out)
    return next_step(out, "assets/compare.html")


def test_an_asset_page_shows_the_step_inferred_from_its_links_as_inferred(
    kites: Path, tmp_path: Path
) -> None:
    """Starlight's own docs (its home page's hero action 'Get started') and SST's blog posts
    (each ending on a link into the docs): `report --format json` listed a next step inferred for
    each, while their asset pages said 'None set: buyers who read this have nowhere obvious to
    go', beside the hero's call to action. The inferred step is shown as a note with the command
    that writes it; a written step is shown as before, 'None set' only where nothing is
    inferred. A draft's page shows its inferred step too (the report counts eligible pages only)."""
    out = tmp_path / "site"
    build(kites, out)
    assert next_step(out, "assets/index.html") == (
        '<p class="note">Inferred from its links: <a href="guides/launch.html">Launch</a> (not written'
        " in the page; confirm with <code>stagemap tag src/content/docs/index.mdx --set"
        " next=guides/launch</code>). Call to action: \u201cLearn to launch\u201d.</p>"
    )
    assert next_step(out, "assets/guides/spools.html") == (
        '<p class="note">Inferred from its links: <a href="launch.html">Launch</a> (not written in the'
        " page; confirm with <code>stagemap tag src/content/docs/guides/spools.md --set"
        " next=guides/launch</code>).</p>"
    )
    assert next_step(out, "assets/guides/gusts.html") == (
        '<p class="note">Inferred from its links: <a href="spools.html">Spools</a> (not written in the'
        " page; confirm with <code>stagemap tag src/content/docs/guides/gusts.md --set"
        " next=guides/spools</code>).</p>"
    )
    assert next_step(out, "assets/guides/launch.html") == '<p><a href="spools.html">Spools</a></p>'
    assert next_step(out, "assets/guides/calm.html") == (
        "<p>None set: buyers who read this have nowhere obvious to go.</p>"
    )
    project = load_project(kites)
    report = analyse(project.config, project.library, DAY)
    assert report.inferred_next == (("guides/spools", "guides/launch"), ("index", "guides/launch"))


def test_a_step_inferred_to_a_stage_leads_to_the_stages_page(tmp_path: Path) -> None:
    """A link whose target is a stage's id is a step to that stage, as a written ``next`` naming
    one is: the note leads to the stage's page (same sites as above)."""
    assert compare_note(
        tmp_path,
        {DOCS + "compare.md": page("Compare kites", "exploration", "Then [weigh them up](evaluation).")},
    ) == (
        '<p class="note">Inferred from its links: move on to <a href="../stages/evaluation.html">Evaluating'
        " options</a> (not written in the page; confirm with <code>stagemap tag src/content/docs/compare.md"
        " --set next=evaluation</code>).</p>"
    )


def test_a_step_to_an_id_of_both_a_page_and_a_stage_leads_to_the_page(tmp_path: Path) -> None:
    """Reviewer r7's Docusaurus repro: docs/onboarding.md (id ``onboarding``, also a stage's id)
    and a page linking to it inferred ``onboarding``, which the note showed as the stage
    ('move on to Onboarding'), while a written ``next: onboarding`` leads to the page, as the
    asset page's written branch reads it. The page is now looked up first, the stage after."""
    pages = {
        DOCS + "evaluation.md": page("Weighing kites", "exploration", "Scales."),
        DOCS + "compare.md": page("Compare kites", "exploration", "Then [weigh them up](/evaluation/)."),
    }
    assert compare_note(tmp_path, pages) == (
        '<p class="note">Inferred from its links: <a href="evaluation.html">Weighing kites</a> (not written'
        " in the page; confirm with <code>stagemap tag src/content/docs/compare.md --set"
        " next=evaluation</code>).</p>"
    )


def test_the_command_quotes_an_id_with_a_space(tmp_path: Path) -> None:
    """Reviewer r7's Jekyll repro: the note's command for 'my guides/other.md', whose link leads
    to 'my guides/start here', quoted the path but not the id: ``--set next=my guides/start
    here`` set ``next`` to 'my guides/start' and took 'here' as another file. ``next=ID`` is
    now quoted as one argument where it needs to be."""
    root = write(
        tmp_path / "j",
        {
            "_config.yml": "title: Kites\n",
            "stagemap.yml": "name: Kites\nmodel: buyer-journey\ngenerator: jekyll\ncache: false\n"
            "sources:\n  - path: .\n    url: /{file}.html\n",
            "my guides/start here.md": page("Start here", "exploration", "Hello."),
            "my guides/other.md": page("Other", "exploration", 'Then <a href="start here.md">start</a>.'),
        },
    )
    out = tmp_path / "site"
    build(root, out)
    assert next_step(out, "assets/my-guides-d3571650/other.html") == (
        '<p class="note">Inferred from its links: <a href="start-here-e8605bad.html">Start here</a> (not written'
        " in the page; confirm with <code>stagemap tag &#39;my guides/other.md&#39; --set &#39;next=my"
        " guides/start here&#39;</code>).</p>"
    )


def overview_note(out: Path) -> str:
    """The note under the overview's dead ends, or '' without one."""
    found = re.search(r'<p class="note">Of these, .*?</p>', (out / "index.html").read_text(encoding="utf-8"))
    return found.group(0) if found else ""


def test_the_overview_says_how_many_dead_ends_link_on(kites: Path, tmp_path: Path) -> None:
    """The overview listed Starlight's home page and SST's posts among the assets with 'no next
    step at all' (the report's dead ends count written steps only, and still do) and said nothing
    of the steps their links give; it now says how many of them have one."""
    out = tmp_path / "site"
    build(kites, out)
    assert overview_note(out) == (
        '<p class="note">Of these, 2 link on to another asset or a stage: their pages show that as'
        " a next step inferred from their links, to confirm with <code>stagemap tag FILE --set"
        " next=ID</code>.</p>"
    )
    project = load_project(kites)
    assert analyse(project.config, project.library, DAY).dead_ends == (
        "guides/calm",
        "guides/spools",
        "index",
    )


def test_the_overviews_count_is_worked_out_once_in_the_plan(kites: Path) -> None:
    """The overview counted its dead ends with a step by looking each inferred step up in the
    tuple of dead ends, in the template: 0.52 s at 10,000 assets. The plan now holds the count,
    made with a set, and the overview shows it (its text as in the test above)."""
    project = load_project(kites)
    report = analyse(project.config, project.library, DAY)
    plan = plan_site(project.config, project.library, report, generator="test")
    assert plan.inferred_dead_ends == 2


def _edit(root: Path, name: str, find: str, put: str, step: int) -> None:
    path = root / DOCS / name
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, put, 1), encoding="utf-8")
    os.utime(path, ns=(OLD + step, OLD + step))  # a new time even within the clock's resolution


@pytest.mark.parametrize("way", ["serve", "build"])
def test_pages_are_rendered_again_when_their_inferred_step_changes(
    kites: Path, tmp_path: Path, way: str
) -> None:
    """An asset page's key held the front matter of the asset its written next step names, not
    of the one its links lead to: with that step now shown (Starlight's home page leads to its
    'Getting Started'), an edit to the target's title would have left the old title on the
    pages whose step is inferred to it, in an incremental build and in `serve`. A step that
    moves (another last link), goes (its target now a draft) or comes back renders the page
    again, and the overview's count with it (after a body edit too); the result is a fresh build's."""
    out = tmp_path / "out"
    preview = Preview(kites, out, as_of=DAY) if way == "serve" else None

    def again() -> None:
        if preview is None:
            build(kites, out)
        else:
            assert not preview.rebuild().error

    again()
    _edit(kites, "guides/launch.md", "title: Launch", "title: Launching", 1)
    again()
    assert '<a href="launch.html">Launching</a>' in next_step(out, "assets/guides/spools.html")
    assert '<a href="guides/launch.html">Launching</a>' in next_step(out, "assets/index.html")
    _edit(kites, "guides/spools.md", "(/guides/launch/)", "(../calm/)", 2)
    again()
    assert '<a href="calm.html">Calm days</a>' in next_step(out, "assets/guides/spools.html")
    _edit(kites, "guides/calm.md", "stages: [evaluation]\n", "stages: [evaluation]\nstatus: draft\n", 3)
    again()
    assert next_step(out, "assets/guides/spools.html") == (
        "<p>None set: buyers who read this have nowhere obvious to go.</p>"
    )
    assert "Of these, 1 links on to another asset or a stage: its page shows" in overview_note(out)
    _edit(kites, "guides/calm.md", "status: draft\n", "", 4)
    again()
    assert '<a href="calm.html">Calm days</a>' in next_step(out, "assets/guides/spools.html")
    assert "Of these, 2 link on" in overview_note(out)
    _edit(kites, "guides/spools.md", "[launch again](../calm/)", "launch again", 5)  # the body alone
    again()
    assert "None set" in next_step(out, "assets/guides/spools.html")
    assert "Of these, 1 links on" in overview_note(out)
    if preview is not None:
        preview.stop()
    assert tree(out) == fresh_tree(kites, tmp_path)
