"""The next step inferred from the links a page ends on, on sites without a site address: a
link that names a source file is read as the site reads it, from the page's file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.analyse.coverage import analyse
from stagemap.cli.app import cli
from stagemap.read.project import load_project
from tests.conftest import write

DAY = dt.date(2026, 3, 1)


def settings(generator: str, source: str, url: str) -> str:
    return (
        f"name: Gliders\nmodel: buyer-journey\ngenerator: {generator}\ncache: false\n"
        f"sources:\n  - path: {source}\n    url: {url}\n"
    )


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\nstages: [exploration]\n---\n\n{body}\n"


def inferred(root: Path) -> tuple[tuple[str, str], ...]:
    project = load_project(root)
    return analyse(project.config, project.library, DAY).inferred_next


def test_a_docusaurus_file_link_is_read_from_the_pages_folder(tmp_path: Path) -> None:
    """Docusaurus resolves `./setup.md` from the folder of the page's file. Found by the review
    of the Starlight commit, which gave pages their route without a site address: such a link
    was joined to the route first, and from docs/wings/index.md (at /docs/wings) it named
    docs/setup.md, a page of another folder, where the site leads to docs/wings/setup.md."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings("docusaurus", "docs", "/docs/{doc}"),
            "docusaurus.config.js": "module.exports = { title: 'Gliders', url: 'https://g.example', baseUrl: '/' };\n",
            "docs/setup.md": page("Setting up the hangar", "Sweep the floor."),
            "docs/wings/index.md": page("Wings", "Every wing folds.\n\nBegin with [rigging](./setup.md)."),
            "docs/wings/setup.md": page("Rigging a wing", "Tighten each strut."),
        },
    )
    assert inferred(root) == (("wings/index", "wings/setup"),)


def test_an_mkdocs_file_link_is_read_from_the_pages_folder(tmp_path: Path) -> None:
    """MkDocs resolves `../index.md` from the folder of the page's file: from flight/launch.md
    it is the home page. Joined to the page's route (/flight/launch/) first (the same review),
    it named flight/index.md, while `check --links` led to the home page."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings("mkdocs", "docs", "/{path}/"),
            "mkdocs.yml": "site_name: Gliders\n",
            "docs/index.md": page("Gliders", "Quiet flight."),
            "docs/flight/index.md": page("Flight", "Up and away."),
            "docs/flight/launch.md": page(
                "Launch", "Run into the wind.\n\nReturn to [the start](../index.md)."
            ),
        },
    )
    assert inferred(root) == (("flight/launch", "index"),)


def test_a_route_that_is_another_pages_file_path_leads_to_the_page_at_that_route(tmp_path: Path) -> None:
    """The same review: routes and file paths were one table, the first page to claim a key
    keeping it. A Docusaurus page moved by its slug (docs/renamed.md at /docs/old/start) lost
    its route to the file that once had it (docs/old/start.md, now at /docs/first), so a link to
    /docs/old/start led to the old file. A file link to that file still leads to it."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings("docusaurus", "docs", "/docs/{doc}"),
            "docusaurus.config.js": "module.exports = { title: 'Gliders', url: 'https://g.example', baseUrl: '/' };\n",
            "docs/old/start.md": "---\ntitle: First flight\nslug: /first\n---\n\nA short hop.\n",
            "docs/renamed.md": "---\ntitle: Starting out\nslug: /old/start\n---\n\nA longer glide.\n",
            "docs/tour.md": page("Tour", "See the field.\n\nThen [start here](/docs/old/start)."),
            "docs/visit.md": page("Visit", "Meet the crew.\n\nThen [hop](./old/start.md)."),
        },
    )
    assert inferred(root) == (("tour", "renamed"), ("visit", "old/start"))


@pytest.mark.parametrize(
    ("generator", "source", "url", "extra"),
    [
        ("hugo", "content", "/{dir}/{slug}/", {"hugo.toml": "title = 'Gliders'\n"}),
        ("jekyll", ".", "/{dir}/{slug}/", {"_config.yml": "title: Gliders\n"}),
        ("astro", "src/content/docs", "/{entry}/", {"astro.config.mjs": "export default {}\n"}),
    ],
)
def test_file_and_route_links_still_lead_on_other_sites(
    tmp_path: Path, generator: str, source: str, url: str, extra: dict[str, str]
) -> None:
    """Hugo, Jekyll and Astro pages: a sibling's file (`struts.md`, no `ref`), a relative route
    (`../../wings/`) and a route from the root each lead to their page, as before."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings(generator, source, url),
            **extra,
            f"{source}/guide/fabric.md": page("Fabric", "Stretch it.\n\nNext, [the struts](struts.md)."),
            f"{source}/guide/struts.md": page("Struts", "Carbon.\n\nOn to [wings](../../wings/)."),
            f"{source}/guide/tail.md": page("Tail", "Trim it.\n\nBack to [fabric](/guide/fabric/)."),
            f"{source}/wings.md": page("Wings", "Long and thin."),
        },
    )
    assert inferred(root) == (
        ("guide/fabric", "guide/struts"),
        ("guide/struts", "wings"),
        ("guide/tail", "guide/fabric"),
    )


def test_a_link_to_a_stale_page_is_no_step_and_lands_on_no_other_page(tmp_path: Path) -> None:
    """Reviewer r4's Docusaurus repro of the fix before: the lookup tables held the eligible
    pages only, so a link whose page was stale missed its table and the other table named
    another page. docs/hangar/index.md's ./setup.md (a stale page) led to docs/setup.md, and a
    link to /docs/setup, the stale docs/moved.md's slug, led to docs/setup.md by its file. Both
    links now find their own page, which is no step."""
    stale = "review_by: 2020-01-01\nstages: [exploration]\n"
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings("docusaurus", "docs", "/docs/{doc}"),
            "docusaurus.config.js": "module.exports = { title: 'Gliders', url: 'https://g.example', baseUrl: '/' };\n",
            "docs/setup.md": "---\ntitle: Old setup\nslug: /setup-old\nstages: [exploration]\n---\n\nRetired.\n",
            "docs/moved.md": f"---\ntitle: Setting up\nslug: /setup\n{stale}---\n\nOut of date.\n",
            "docs/hangar/index.md": page("Hangar", "Doors open.\n\nThen [set up](./setup.md)."),
            "docs/hangar/setup.md": f"---\ntitle: Hangar setup\n{stale}---\n\nOut of date too.\n",
            "docs/tour.md": page("Tour", "See the field.\n\nThen [set up](/docs/setup)."),
            "docs/visit.md": page("Visit", "Meet the crew.\n\nThen [the old way](/docs/setup-old)."),
        },
    )
    assert inferred(root) == (("visit", "setup"),)


def test_a_docusaurus_file_link_is_looked_for_in_the_docs_folder_after_the_pages(tmp_path: Path) -> None:
    """Reviewer r4: on Docusaurus, docs/guides/two.md saying intro.md, where only docs/intro.md
    exists, was built as a link to that page but inferred no step, and /intro.md none either.
    Docusaurus (3.9 and later, resolveMarkdownLinkPathname) looks for a file link without
    ./ or ../ beside the page, then in the docs folder, then in the site's; one starting / in
    the docs folder, then the site's. Beside the page still comes first: setup.md from
    docs/guides/index.md is docs/guides/setup.md, not docs/setup.md."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings("docusaurus", "docs", "/docs/{doc}"),
            "docusaurus.config.js": "module.exports = { title: 'Gliders', url: 'https://g.example', baseUrl: '/' };\n",
            "docs/intro.md": page("Welcome", "Hello."),
            "docs/setup.md": page("Setting up the hangar", "Sweep the floor."),
            "docs/guides/index.md": page("Guides", "Read on.\n\nFirst, [setup](setup.md)."),
            "docs/guides/setup.md": page("Rigging a wing", "Tighten each strut."),
            "docs/guides/two.md": page("Two", "Second.\n\nBack to [the start](intro.md)."),
            "docs/guides/three.md": page("Three", "Third.\n\nBack to [the start](/intro.md)."),
            "docs/guides/four.md": page("Four", "Fourth.\n\nOn to [the hangar](./intro.md)."),
        },
    )
    assert inferred(root) == (
        ("guides/index", "guides/setup"),
        ("guides/three", "intro"),
        ("guides/two", "intro"),
    )


def test_a_jekyll_address_written_in_liquid_leads_to_its_page(tmp_path: Path) -> None:
    """Reviewer r4's Jekyll repro (a site with a baseurl): links written the Liquid way,
    ``{{ '/about/' | relative_url }}``, ``{{ site.baseurl }}/about/`` and ``{% link about.md %}``,
    were kept as ``{{`` and ``{%``, so no step was inferred from them, though the build linked
    each to the about page. They are now read at read time as the build reads them."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings("jekyll", ".", "/{dir}/{slug}/"),
            "_config.yml": "title: Gliders\nbaseurl: /field\n",
            "crew.md": "---\ntitle: Crew\npermalink: /crew/\nstages: [exploration]\n---\n\nWho flies.\n",
            "guide/fabric.md": page(
                "Fabric", "Stretch it.\n\nMeet [the crew]({{ '/crew/' | relative_url }})."
            ),
            "guide/struts.md": page("Struts", "Carbon.\n\nMeet [the crew]({{ site.baseurl }}/crew/)."),
            "guide/tail.md": page("Tail", "Trim it.\n\nMeet [the crew]({%- link crew.md -%})."),
            "guide/wing.md": page(
                "Wing", "Fold it.\n\nMeet <a href=\"{{ 'crew' | relative_url }}\">the crew</a>."
            ),
        },
    )
    assert inferred(root) == (
        ("guide/fabric", "crew"),
        ("guide/struts", "crew"),
        ("guide/tail", "crew"),
        ("guide/wing", "crew"),
    )


def test_a_liquid_link_in_a_comment_a_raw_block_or_fenced_code_is_no_step(tmp_path: Path) -> None:
    """Reviewer r7's Jekyll repro of the fix before: Liquid's addresses were worked out all over
    the body, so a page ending on a ``{% link %}`` shown as an example in ``{% raw %}`` (which
    Jekyll prints as written), or on an old link in ``{% comment %}`` (which it drops), or on a
    ``relative_url`` in fenced code, inferred a step to the example's page instead of the link
    the reader follows. A page with ``render_with_liquid: false`` shows its Liquid as text, and
    one in a comment holding a fence has its links read after the comment."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings("jekyll", ".", "/{dir}/{slug}/"),
            "_config.yml": "title: Gliders\n",
            "crew.md": "---\ntitle: Crew\npermalink: /crew/\nstages: [exploration]\n---\n\nWho flies.\n",
            "hangar.md": "---\ntitle: Hangar\npermalink: /hangar/\nstages: [exploration]\n---\n\nDoors.\n",
            "guide/raw.md": page(
                "Raw",
                "Go to [the hangar](/hangar/).\n\n{% raw %}\nLink it: [Crew]({% link crew.md %})\n{% endraw %}",
            ),
            "guide/note.md": page(
                "Note",
                "Go to [the hangar](/hangar/).\n\n{% comment %}\n{% comment %}inner{% endcomment %}\n"
                "Was: [Crew]({{ '/crew/' | relative_url }})\n{% endcomment %}",
            ),
            "guide/fence.md": page(
                "Fence",
                "Go to [the hangar](/hangar/).\n\n```liquid\n[Crew]({{ '/crew/' | relative_url }})\n```",
            ),
            "guide/plain.md": page("Plain", "Go to [the hangar](/hangar/).\n\n```md\n[Crew](/crew/)\n```"),
            "guide/text.md": "---\ntitle: Text\nstages: [exploration]\nrender_with_liquid: false\n---\n\n"
            "Go to [the hangar](/hangar/), not [the crew]({% link crew.md %}).\n",
            "guide/after.md": page(
                "After", "{% comment %}\n```\nold\n{% endcomment %}\nMeet [the crew]({% link crew.md %})."
            ),
        },
    )
    assert inferred(root) == (
        ("guide/after", "crew"),
        ("guide/fence", "hangar"),
        ("guide/note", "hangar"),
        ("guide/plain", "hangar"),
        ("guide/raw", "hangar"),
        ("guide/text", "hangar"),
    )


def test_a_route_written_with_percent_escapes_leads_to_its_page(tmp_path: Path) -> None:
    """Reviewer r7's Jekyll repro: a link to ``/my%20guides/start%20here.html``, the page at
    ``my guides/start here.md``, and one to ``/caf%C3%A9.html``, were resolved by the build
    but gave no inferred step: the lookup compared the escaped route with the page's. Both
    sides are now percent-decoded."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings("jekyll", ".", "/{file}.html"),
            "_config.yml": "title: Gliders\n",
            "my guides/start here.md": page("Start", "Hello."),
            "café.md": page("Café", "Coffee."),
            "one.md": page("One", "Then [start](/my%20guides/start%20here.html)."),
            "two.md": page("Two", "Then [a coffee](/caf%C3%A9.html)."),
        },
    )
    assert inferred(root) == (("one", "my guides/start here"), ("two", "café"))


def test_a_link_from_the_root_is_a_route_on_a_page_with_no_address_of_its_own(tmp_path: Path) -> None:
    """eleventy-excellent (this sitting's last regression check): its docs pages get
    `permalink: false` from their folder's data file, so they have no address, and a link on
    one to /styleguide/ was looked up among files alone once routes and files were read apart:
    the step to the style guide's page was lost. A link starting / names a route wherever it is."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": "export default function (c) { return { dir: { input: 'src' } }; }\n",
            "package.json": '{"devDependencies": {"@11ty/eleventy": "^3.0.0"}}\n',
            "src/docs/docs.json": '{"permalink": false}\n',
            "src/docs/tokens.md": "---\ntitle: Colour tokens\n---\n\nRead the [style guide](/styleguide/).\n",
            "src/pages/styleguide.njk": "---\ntitle: Style guide\npermalink: /styleguide/index.html\n---\n\n<p>Kite colours.</p>\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert ("docs/tokens", "pages/styleguide") in inferred(root)
