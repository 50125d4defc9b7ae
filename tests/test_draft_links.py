"""Links to pages the site's generator reads but leaves out of its production build (drafts):
stagemap's own site builds them, the live site does not, so `check --links` warns of each link
to one (code `draft-link`), saying what keeps the page out and how to publish it, and the built
page lists them. One fixture per generator; each generator's rule is checked against its own
documentation or source (`stagemap.analyse.unbuilt`)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import QUIET_CONFIG, write

FIX = "(to publish it, take '{}' out of its front matter; else link to another page)"
DRAFT = "leads to a draft the site does not build ({}) " + FIX
"""What a warning says of a link to a page that front matter keeps out (``draft: true``)."""
HUGO_SETTINGS = QUIET_CONFIG + "generator: hugo\nsources:\n  - path: content\n    url: /{path}/\n"
HUGO: dict[str, str | bytes] = {
    "stagemap.yml": HUGO_SETTINGS,
    "hugo.toml": "baseURL = 'https://tea.example/'\ntitle = 'Tea'\n",
    "content/docs/kettle.md": (
        "---\ntitle: Kettle\n---\nHeat it, then read [brewing](/docs/brewing/), [cups](../cups/),\n"
        "[brewing again](brewing.md#timing) and [storing](/docs/storing/).\n"
    ),
    "content/docs/brewing.md": (
        "---\ntitle: Brewing\ndraft: true\n---\nSee [storing](/docs/storing/).\n\n## Timing\n\nThree minutes.\n"
    ),
    "content/docs/storing.md": "---\ntitle: Storing\nDraft: true\n---\nKeep it dry.\n",
    "content/docs/cups.md": "---\ntitle: Cups\ndraft: false\n---\nAny cup.\n",
}


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_link_to_a_hugo_draft_is_a_warning(tmp_path: Path) -> None:
    """Docsy's site (google/docsy, docsy.dev) links its changelog and upgrade page to the
    0.17.0 release post, which says `draft: true`; its production build (`hugo`, no -D) makes no
    page of it, yet check --links said nothing, as the post has a route. Hugo 0.111.3 builds this
    fixture's kettle and cups pages, not brewing (`draft: true`) nor storing (`Draft: true`: the
    key in any case). Each link to a draft, by route or by file, is a warning now; a draft's own
    links to drafts are not (neither page is on the live site)."""
    root = write(tmp_path, HUGO)
    code, out, err = run(root, "check", "--links")
    assert code == 0
    assert err == (
        f"content/docs/kettle.md:4:30: warning: link to '/docs/brewing/' {DRAFT.format('draft: true', 'draft: true')}\n"
        f"content/docs/kettle.md:5:17: warning: link to 'brewing.md#timing' {DRAFT.format('draft: true', 'draft: true')}\n"
        f"content/docs/kettle.md:5:50: warning: link to '/docs/storing/' {DRAFT.format('draft: true', 'draft: true')}\n"
    )
    assert out.splitlines()[0].endswith(": 0 errors, 3 warnings.")
    _, out, _ = run(root, "check", "--links", "--format", "json")
    assert {p["code"] for p in json.loads(out)["problems"]} == {"draft-link"}
    # The built page links to the draft's page (stagemap's site has it) and lists the links.
    assert run(root, "build", "--as-of", "2026-12-07")[0] == 0
    page = (root / "site/assets/docs/kettle.html").read_text()
    assert '<a href="brewing.html">brewing</a>' in page
    listed = (
        '<p class="warning">Links in this asset to pages the live site does not build, which lead nowhere'
        " there: <code>/docs/brewing/</code> (draft: true), <code>brewing.md#timing</code> (draft: true),"
        " <code>/docs/storing/</code> (draft: true).</p>"
    )
    assert listed in page and "Link target not found" not in page
    # Published, the page is on the live site: the next build drops the list (a page's own key
    # holds nothing of another page's front matter).
    write(root, {"content/docs/brewing.md": HUGO["content/docs/brewing.md"].replace("draft: true\n", "")})
    assert run(root, "build", "--as-of", "2026-12-07")[0] == 0
    page = (root / "site/assets/docs/kettle.html").read_text()
    assert "<code>/docs/brewing/</code>" not in page and "<code>/docs/storing/</code> (draft: true)" in page
    code, _, err = run(root, "check", "--links")
    assert err == (
        f"content/docs/brewing.md:4:15: warning: link to '/docs/storing/' {DRAFT.format('draft: true', 'draft: true')}\n"
        f"content/docs/kettle.md:5:50: warning: link to '/docs/storing/' {DRAFT.format('draft: true', 'draft: true')}\n"
    )


def test_a_hugo_site_that_builds_its_drafts_has_no_draft_links(tmp_path: Path) -> None:
    """Review of 444ac8e: a site whose configuration says `buildDrafts = true` publishes its
    drafts (Hugo's docs, site.BuildDrafts), so no link to one leads nowhere; and a `ref` to a
    draft is shown as its author wrote it, not as stagemap's own `/.ref/` address."""
    root = write(tmp_path, HUGO)
    write(root, {"content/docs/cups.md": '---\ntitle: Cups\n---\nSee [brewing]({{< ref "brewing.md" >}}).\n'})
    code, _, err = run(root, "check", "--links")
    assert err.splitlines()[0] == (
        f"content/docs/cups.md:4:24: warning: link to 'brewing.md' {DRAFT.format('draft: true', 'draft: true')}"
    )
    write(
        root, {"hugo.toml": HUGO["hugo.toml"] + "buildDrafts = 'true'\n"}
    )  # (a flag written as text: Hugo's too)
    code, out, err = run(root, "check", "--links")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].endswith(": no problems.")


def test_a_link_to_a_jekyll_page_left_unpublished_or_in_drafts_is_a_warning(tmp_path: Path) -> None:
    """Jekyll builds a page with `published: false` only with --unpublished (Jekyll::Publisher),
    and a file of _drafts/ only with --drafts: links to either were silent."""
    settings = QUIET_CONFIG + "generator: jekyll\nsources:\n  - path: .\n    url: /{path}/\n"
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings,
            "_config.yml": "title: Loom\n",
            "guides/warp.md": (
                "---\ntitle: Warp\n---\nThread the [heddles](/guides/heddles/), then the [reed](reed.md)\n"
                "and [the weft]({% link _drafts/weft.md %}); back to the [warp](/guides/warp/).\n"
            ),
            "guides/heddles.md": "---\ntitle: Heddles\npublished: false\n---\nText.\n",
            "guides/reed.md": "---\ntitle: Reed\npublished: true\n---\nText.\n",
            "_drafts/weft.md": "---\ntitle: Weft\n---\nText.\n",
        },
    )
    code, _, err = run(root, "check", "--links")
    assert code == 0
    assert err == (
        "guides/warp.md:4:22: warning: link to '/guides/heddles/' leads to a draft the site does not build"
        f" (published: false) {FIX.format('published: false')}\n"
        "guides/warp.md:5:24: warning: link to '_drafts/weft.md' leads to a draft the site does not build"
        " (drafts: _drafts/) (to publish it, take it out of the site's drafts ('_drafts/'); else link to"
        " another page)\n"
    )
    # `unpublished: true` in _config.yml builds `published: false` pages (not _drafts/).
    write(root, {"_config.yml": "title: Loom\nunpublished: true\n"})
    code, _, err = run(root, "check", "--links")
    assert (code, err.count("warning:"), "'_drafts/weft.md'" in err) == (0, 1, True)


def test_a_link_to_a_docusaurus_draft_is_a_warning_and_one_to_an_unlisted_page_is_not(tmp_path: Path) -> None:
    """Docusaurus leaves `draft: true` docs and blog posts out of its production build
    (@docusaurus/utils' isDraft), and builds `unlisted: true` ones, only hidden from lists: a
    link to a draft, written in the page or in a partial it shows, was silent."""
    settings = QUIET_CONFIG + (
        "generator: docusaurus\nsources:\n  - path: docs\n    url: /docs/{path}\n"
        "  - path: blog\n    url: /blog/{path}\n"
    )
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings,
            "docs/intro.mdx": (
                "---\ntitle: Intro\n---\nimport Tip from './_tip.mdx';\n\nRead [setup](./setup.md), "
                "[the roadmap](/blog/roadmap) and [the archive](archive.md).\n\n<Tip />\n"
            ),
            "docs/_tip.mdx": "Mind the [setup](./setup.md).\n",
            "docs/setup.md": "---\ntitle: Setup\ndraft: true\n---\nBack to [the roadmap](/blog/roadmap).\n",
            "docs/archive.md": "---\ntitle: Archive\nunlisted: true\n---\nOld notes.\n",
            "blog/roadmap.md": "---\ntitle: Roadmap\ndraft: true\n---\nNext year.\n",
        },
    )
    code, _, err = run(root, "check", "--links")
    assert code == 0
    said = DRAFT.format("draft: true", "draft: true")
    assert err == (
        f"docs/_tip.mdx:1:18: warning: link to './setup.md' leads to a draft the site does not build (draft: true)"
        f" (shown on docs/intro.mdx) {FIX.format('draft: true')}\n"
        f"docs/intro.mdx:6:14: warning: link to './setup.md' {said}\n"
        f"docs/intro.mdx:6:41: warning: link to '/blog/roadmap' {said}\n"
    )


def test_a_link_to_a_starlight_draft_is_a_warning(tmp_path: Path) -> None:
    """Starlight leaves a docs page with `draft: true` out of its production build."""
    settings = QUIET_CONFIG + "generator: astro\nsources:\n  - path: src/content/docs\n    url: /{path}/\n"
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings,
            "src/content/docs/start.md": "---\ntitle: Start\n---\nFly [kites](/guides/kites/) or tie [knots](../guides/knots/).\n",
            "src/content/docs/guides/kites.md": "---\ntitle: Kites\ndraft: true\n---\nText.\n",
            "src/content/docs/guides/knots.md": "---\ntitle: Knots\n---\nText.\n",
        },
    )
    assert run(root, "check", "--links")[2] == (
        f"src/content/docs/start.md:4:13: warning: link to '/guides/kites/' {DRAFT.format('draft: true', 'draft: true')}\n"
    )
    # Astro's schema refuses a quoted flag (z.boolean()): an unknown status, as the build fails (review r4).
    write(root, {"src/content/docs/guides/kites.md": '---\ntitle: Kites\ndraft: "true"\n---\nText.\n'})
    assert "guides/kites.md:3:8: error: unknown status 'true'" in run(root, "check")[2]


def test_a_link_to_an_eleventy_page_with_no_permalink_is_a_warning(tmp_path: Path) -> None:
    """Eleventy has no drafts of its own: `permalink: false` writes no file (its text may show
    in another page, through a collection, so its own links are checked too), while
    `eleventyExcludeFromCollections: true` only keeps a page out of the collections."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG + "generator: eleventy\nsources: [src]\n",
            "src/index.md": "---\ntitle: Home\n---\nSee the [old ferry](/old/), [it again](old.md) and [the quay](/quay/).\n",
            "src/old.md": "---\ntitle: Old ferry\npermalink: false\n---\nSee [the spare](/spare/).\n",
            "src/spare.md": "---\ntitle: Spare\npermalink: false\n---\nText.\n",
            "src/quay.md": "---\ntitle: Quay\neleventyExcludeFromCollections: true\n---\nText.\n",
        },
    )
    said = "leads to a page the site writes no file for (permalink: false) (give it a permalink, or link to another page)"
    assert run(root, "check", "--links")[2] == (
        f"src/index.md:4:21: warning: link to '/old/' {said}\n"
        f"src/index.md:4:40: warning: link to 'old.md' {said}\n"
        f"src/old.md:5:17: warning: link to '/spare/' {said}\n"
    )


def test_a_link_to_an_mkdocs_draft_doc_is_a_warning(tmp_path: Path) -> None:
    """`mkdocs build` leaves out the pages draft_docs names (`mkdocs serve` shows them); init
    writes them as the drafts setting, so a link to one was silent."""
    root = write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: Mill\ndraft_docs: |\n  wip/\n",
            "docs/index.md": "# Mill\n\nRead the [plan](wip/plan.md), its [steps](wip/plan.md#steps), the [stones](stones.md).\n",
            "docs/wip/plan.md": "# Plan\n\n## Steps\n\nBack [home](../index.md).\n",
            "docs/stones.md": "# Stones\n\nText.\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    fix = "(to publish it, take it out of the site's drafts ('wip/'); else link to another page)"
    err = run(root, "check", "--links")[2]
    assert err.partition("stagemap.yml:")[0] == (  # (then init's placeholders)
        f"docs/index.md:3:17: warning: link to 'wip/plan.md' leads to a draft the site does not build (drafts: wip/) {fix}\n"
        f"docs/index.md:3:43: warning: link to 'wip/plan.md#steps' leads to a draft the site does not build (drafts: wip/) {fix}\n"
    )


def test_a_plain_library_builds_its_drafts_so_a_link_to_one_is_no_warning(tmp_path: Path) -> None:
    head = "---\ntitle: {}\nstages: [awareness]\nquestions: [problems]\n{}---\n"
    root = write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG,
            "content/a.md": head.format("A", "") + "See [b](b.md).\n",
            "content/b.md": head.format("B", "status: draft\n") + "Text.\n",
        },
    )
    code, out, err = run(root, "check", "--links")
    assert (code, err) == (0, "") and out.splitlines()[0].endswith("no problems.")


def test_a_quoted_hugo_draft_flag_is_a_flag(tmp_path: Path) -> None:
    """Found while adding draft links: Hugo reads `draft: "true"` as a flag (cast.ToBool), yet
    stagemap said "unknown status 'true'", an error, and left the page out. A quoted true or
    false under a draft key is read as the flag; the link to it is a draft link, said as the
    file writes it."""
    root = write(tmp_path, HUGO)
    write(
        root,
        {
            "content/docs/cups.md": '---\ntitle: Cups\ndraft: "true"\n---\nText.\n',
            "content/docs/saucer.md": "---\ntitle: Saucer\ndraft: 'false'\n---\nText.\n",
        },
    )
    code, _, err = run(root, "check", "--links")
    assert "error" not in err and code == 0
    assert (
        "content/docs/kettle.md:4:54: warning: link to '../cups/' leads to a draft the site does not"
        """ build (draft: "true") (to publish it, take 'draft: "true"' out of its front matter; else link"""
        " to another page)"
    ) in err.splitlines()
    statuses = {line.split()[0]: line.split()[1] for line in run(root, "list")[1].splitlines()[1:]}
    assert (statuses["content/docs/cups.md"], statuses["content/docs/saucer.md"]) == ("draft", "published")


def test_a_link_to_a_hugo_page_dated_ahead_or_expired_is_a_warning(tmp_path: Path) -> None:
    """Hugo builds no page whose publishDate has not come (buildFuture is off unless set) nor one
    past its expiryDate; a link to one leads nowhere on the live site until (or since) that day,
    yet check --links said nothing (the page has a route). Judged on the day the command runs;
    a build for a later day (--as-of) finds the page published."""
    root = write(tmp_path, HUGO)
    write(
        root,
        {
            "content/docs/cups.md": "---\ntitle: Cups\n---\nSee [later](/docs/later/) and [gone](../gone/).\n",
            "content/docs/later.md": "---\ntitle: Later\npublishDate: 2999-01-01\n---\nText.\n",
            "content/docs/gone.md": "---\ntitle: Gone\nexpiryDate: 2001-01-01\n---\nText.\n",
        },
    )
    _, _, err = run(root, "check", "--links")
    assert err.splitlines()[:2] == [
        "content/docs/cups.md:4:13: warning: link to '/docs/later/' leads to a page not on the live site"
        " before 2999-01-01 (link to it once it is published, or to another page until then)",
        "content/docs/cups.md:4:38: warning: link to '../gone/' leads to a page the live site no longer"
        " has (expiryDate: 2001-01-01) (link to another page, or move its expiryDate on)",
    ]
    assert run(root, "build", "--as-of", "2999-06-01")[0] == 0
    page = (root / "site/assets/docs/cups.html").read_text()
    assert "<code>../gone/</code> (expiryDate: 2001-01-01)" in page and "/docs/later/</code>" not in page
