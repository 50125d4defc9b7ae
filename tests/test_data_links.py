"""Dead links a Jekyll page shows from its data files' values, and Liquid's comments around a
page's own links and links to headings (`stagemap.render.datalinks`, `stagemap.render.deadlinks.placed`,
`stagemap.render.deadlinks.missing_parts`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stagemap.read import sitedata, yamlsafe
from stagemap.read.racy import RACY_NS
from stagemap.render.dialects import clean
from tests.conftest import write
from tests.test_read_cascade import run

HINT = "(point it at a content file, a page's route or a file in the site's static folders)"
SITE = {
    "stagemap.yml": "name: Crumb\npurpose: Why.\ngenerator: jekyll\nsources: [guides]\nlint: {placeholder: false}\n",
    "_config.yml": "title: Crumb\n",
}


def dead(root: Path) -> str:
    code, _, err = run("-C", str(root), "check", "--links")
    assert code == 0
    return err


def test_a_value_holding_the_address_only_in_a_longer_one_takes_no_warning(tmp_path: Path) -> None:
    """A review of fe0a537 (Jekyll, a copy of Travis CI's snippets): the warning went to the
    first value shown whose text held the address anywhere, here inside a longer address that
    leads somewhere (/guides/ovens/proof/ holds /proof/), at that value's start. It goes to the
    value that writes it as a link's address."""
    root = write(tmp_path, {
        **SITE,
        "_data/ovens.yml": 'deck: "Read [the proofing notes](/guides/ovens/proof/) first."\nold: "Once [proof](/proof/)."\n',
        "guides/ovens/proof.md": "---\ntitle: Proof\n---\nRise.\n",
        "guides/bake.md": "---\ntitle: Bake\n---\n{{ site.data.ovens.deck }}\n\n{{ site.data.ovens.old }}\n",
    })  # fmt: skip
    assert (
        dead(root)
        == f"_data/ovens.yml:2:20: warning: link to '/proof/' leads nowhere (shown on guides/bake.md) {HINT}\n"
    )


def test_one_dead_address_in_two_values_on_a_page_is_two_warnings(tmp_path: Path) -> None:
    """A review of fe0a537: two values a page shows, each linking to the same address that leads
    nowhere, gave one warning (the first value's); each link gets its own, as in a page's text."""
    root = write(tmp_path, {
        **SITE,
        "_data/ovens.yml": 'rye: "Try [rye](/grain/) slowly"\nspelt: "And [spelt](/grain/) too"\n',
        "guides/bake.md": "---\ntitle: Bake\n---\n{{ site.data.ovens.rye }} and {{ site.data.ovens.spelt }}\n",
    })  # fmt: skip
    assert dead(root) == (
        f"_data/ovens.yml:1:17: warning: link to '/grain/' leads nowhere (shown on guides/bake.md) {HINT}\n"
        f"_data/ovens.yml:2:21: warning: link to '/grain/' leads nowhere (shown on guides/bake.md) {HINT}\n"
    )


@pytest.mark.parametrize(
    ("own", "expected"),
    [
        (
            "Also [ask](/bakers/help/).",
            "_data/notes.yml:1:24: warning: link to '/bakers/help/' leads nowhere"
            f" (shown on 2 pages: guides/a.md and guides/b.md) {HINT}\n"
            f"guides/b.md:4:12: warning: link to '/bakers/help/' leads nowhere {HINT}\n",
        ),
        (
            "Help moved from /bakers/help/ in spring.",
            "_data/notes.yml:1:24: warning: link to '/bakers/help/' leads nowhere"
            f" (shown on 2 pages: guides/a.md and guides/b.md) {HINT}\n",
        ),
    ],
)
def test_a_page_writing_a_values_address_too_keeps_its_own_warning(
    tmp_path: Path, own: str, expected: str
) -> None:
    """A review of fe0a537 (Travis CI's contact_enterprise_support snippet, shown on many pages):
    a page that also wrote the address gave its own link's warning twice, the second standing
    for the value's link, and the data file's warning left that page out; where the page
    wrote the address only in a sentence, the value's warning pointed at that sentence, no link.
    The page's own text is used only where it has a link not yet given a warning."""
    show = "{{ site.data.notes.ask }}\n"
    root = write(tmp_path, {
        **SITE,
        "_data/notes.yml": 'ask: "Questions? [Ask](/bakers/help/)."\n',
        "guides/a.md": f"---\ntitle: A\n---\n{show}",
        "guides/b.md": f"---\ntitle: B\n---\n{own}\n\n{show}",
    })  # fmt: skip
    assert dead(root) == expected


def test_a_data_file_is_parsed_once_for_all_pages_and_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review of fe0a537: each value with a dead link, on each page, read and parsed its whole
    data file again (4,000 keys, 870 KB, five pages of 400 values: 55 s, from 1.7 s). A file is
    parsed once to read the site's data and once to place links in it."""
    keys = [f"k{n}" for n in range(6)]
    pages = {
        f"guides/p{p}.md": f"---\ntitle: P{p}\n---\n"
        + "".join(f"{{{{ site.data.loaves.{k} }}}}\n\n" for k in keys)
        for p in range(4)
    }
    root = write(tmp_path, {
        **SITE,
        "_data/loaves.yml": "".join(f'{k}: "See [{k}](/gone-{k}/)"\n' for k in keys),
        **pages,
    })  # fmt: skip
    aged = (
        root / "_data/loaves.yml"
    ).stat().st_mtime_ns - 10 * RACY_NS  # (a file written just now is not kept)
    os.utime(root / "_data/loaves.yml", ns=(aged, aged))
    parses: list[str] = []
    load = yamlsafe.load

    def counted(text: str, **kwargs: object) -> yamlsafe.Loaded:
        if "gone-k0" in text:
            parses.append(text)
        return load(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(yamlsafe, "load", counted)
    monkeypatch.setattr(sitedata, "_PARSED", {}, raising=False)  # (none kept from other tests)
    lines = dead(root).splitlines()
    assert lines[0] == (
        "_data/loaves.yml:1:15: warning: link to '/gone-k0/' leads nowhere"
        f" (shown on 4 pages: guides/p0.md, guides/p1.md, guides/p2.md and 1 more) {HINT}"
    )
    assert len(lines) == len(keys)
    assert len(parses) == 2


def test_a_comment_holding_an_open_fence_leaves_the_links_after_it_placed(tmp_path: Path) -> None:
    """A review of fe0a537 (RevBayes' tutorials keep retired examples in {% comment %}): a dead
    link's place was looked for in the body with its comments in it, so a fence a comment opened
    and never closed made the rest of the page code, and the warning went to the page's first
    line with no column. Places are read with the comments blanked, lines kept."""
    root = write(tmp_path, {
        **SITE,
        "guides/knead.md": (
            "---\ntitle: Knead\n---\n{% comment %}\nOld way:\n\n```sh\nknead --by-hand\n{% endcomment %}\n\n"
            "See [the mixer notes](/mixergone/) first.\n"
        ),
    })  # fmt: skip
    assert dead(root) == f"guides/knead.md:11:23: warning: link to '/mixergone/' leads nowhere {HINT}\n"


@pytest.mark.parametrize("generator", ["jekyll", "eleventy"])
def test_a_comment_holding_an_open_fence_leaves_a_missing_heading_placed(
    tmp_path: Path, generator: str
) -> None:
    """RevBayes' tutorials (Jekyll) keep retired examples in {% comment %}, as an Eleventy page may
    too: a link to a heading
    another page lacks was placed by reading the body with its comments in it, so after a fence a
    comment opened the link was code, and the warning went to the page's first line with no
    column, saying '#no-such-step'. It is placed on the body with the comments blanked, as a dead
    link's warning is."""
    root = write(tmp_path, {
        **SITE,
        "stagemap.yml": SITE["stagemap.yml"].replace("jekyll", generator),
        "guides/rise.md": "---\ntitle: Rise\n---\n## Shape\n\nFold.\n",
        "guides/knead.md": (
            "---\ntitle: Knead\n---\n{% comment %}\nOld way:\n\n```sh\nknead --by-hand\n{% endcomment %}\n\n"
            "Then [let it rise](rise.md#no-such-step).\n"
        ),
    })  # fmt: skip
    assert dead(root) == (
        "guides/knead.md:11:20: warning: link to 'rise.md#no-such-step' finds no heading 'no-such-step'"
        " on 'Rise' (link to one of that page's headings, or leave out the '#' and what follows it)\n"
    )


def test_a_page_liquid_does_not_run_on_shows_its_tags_as_written() -> None:
    """A review of fe0a537: a Jekyll page about Liquid with render_with_liquid: false showed an
    empty code block where its example comment was, and its prose lost its tags; Jekyll shows
    such a page's tags as written, and so does Eleventy with templateEngineOverride: md.
    Where Liquid runs, the comment still goes."""
    body = (
        "Write {{ page.title }} like so:\n\n```liquid\n{% comment %}\nTODO: reword\n{% endcomment %}\n```\n"
    )
    shown = (
        "Write {{ page.title }} like so:\n\n```liquid\n{% comment %}\nTODO: reword\n{% endcomment %}\n```\n"
    )
    assert clean(body, ".md", "jekyll", {"title": "T", "render_with_liquid": False}) == shown
    assert clean(body, ".md", "eleventy", {"title": "T", "templateEngineOverride": "md"}) == shown
    assert clean(body, ".md", "jekyll", {"title": "T"}) == "Write T like so:\n\n```liquid\n\n```\n"


def test_a_page_liquid_does_not_run_on_has_its_dead_parts_warned(tmp_path: Path) -> None:
    """Reviewer r5 (/tmp/s35_r5_jk): on a Jekyll page with render_with_liquid: false, an
    include written in its text (shown as written there) still counted as one that may write
    headings, so a link to a part the page lacks went unwarned. Only where Liquid runs does
    such a tag stand for headings the live page may have."""
    page = "---\ntitle: Crust\n{}---\n# Crust\n\nAs in: {{% include steps.html %}}\n\nSee [the end](#no-such-part).\n"
    root = write(tmp_path, {
        **SITE,
        "_includes/steps.html": "<h2>Steps</h2>\n",
        "guides/crust.md": page.format("render_with_liquid: false\n"),
        "guides/crumb.md": page.format(""),
    })  # fmt: skip
    assert dead(root) == (
        "guides/crust.md:9:15: warning: link to '#no-such-part' finds no heading 'no-such-part' on this page"
        " (link to one of that page's headings, or leave out the '#' and what follows it)\n"
    )


def test_a_paired_shortcode_on_an_eleventy_page_liquid_does_not_run_on_is_no_warning(tmp_path: Path) -> None:
    """Reviewer r5 (/tmp/s35_r5_11ty): a page with templateEngineOverride: md, in its front matter
    or a data file above it, got the warning that a paired shortcode of the site's own loses its
    markup, though Eleventy shows its tags as written there (as the built page does). Only a page
    Liquid or Nunjucks runs over is warned."""
    block = "Before.\n\n{% tip %}Warm the oven first.{% endtip %}\n"
    root = write(tmp_path, {
        "stagemap.yml": "name: Crumb\npurpose: Why.\ngenerator: eleventy\nsources: [src]\nlint: {placeholder: false}\n",
        "eleventy.config.js": 'module.exports = () => ({ dir: { input: "src" } });\n',
        "src/a-plain.md": "---\ntitle: Plain\ntemplateEngineOverride: md\n---\n" + block,
        "src/b-kept/kept.md": "---\ntitle: Kept\n---\n" + block,
        "src/b-kept/b-kept.11tydata.json": '{"templateEngineOverride": "md"}\n',
        "src/c-run.md": "---\ntitle: Run\n---\n" + block,
    })  # fmt: skip
    _, _, err = run("-C", str(root), "check")
    assert [line.partition(" (")[0] for line in err.splitlines() if line.startswith("src/")] == [
        "src/c-run.md:6:1: warning: paired shortcode 'tip' is the site's own: what it holds is shown, not its markup"
    ]


def test_a_data_file_rewritten_keeping_its_size_and_time_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reviewer r5: the data files kept for the process (serve) were known by path, size and
    time of change only, so a file rewritten at the same size within the same tick of the clock
    (or given its old time back) showed its old text. The inode's time of change and the inode
    are part of the key now, and a file changed within RACY_NS is read but not kept."""
    root = write(tmp_path, {"_data/ovens.yml": 'deck: "[old](/a/)"\n'})
    data, at = root / "_data/ovens.yml", yamlsafe.Pos(1, 7, 6, 18)
    old = data.stat().st_mtime_ns - 10 * RACY_NS
    os.utime(data, ns=(old, old))
    monkeypatch.setattr(sitedata, "_PARSED", {}, raising=False)  # (none kept from other tests)
    assert sitedata.value_place(root, ["ovens", "deck"]) == ("_data/ovens.yml", 'deck: "[old](/a/)"\n', at)
    data.write_text('deck: "[new](/b/)"\n', encoding="utf-8")
    os.utime(data, ns=(old, old))  # the same size and time of change
    assert sitedata.value_place(root, ["ovens", "deck"]) == ("_data/ovens.yml", 'deck: "[new](/b/)"\n', at)
    kept = dict(sitedata._PARSED)
    data.write_text('deck: "[now](/c/)"\n', encoding="utf-8")  # changed just now: read, not kept
    assert sitedata.value_place(root, ["ovens", "deck"]) == ("_data/ovens.yml", 'deck: "[now](/c/)"\n', at)
    assert kept == sitedata._PARSED  # (the file changed just now is not among them)
