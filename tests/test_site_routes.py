"""Route links and site-root files on the site; public links in kits and the JSON report."""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from stagemap.analyse.routes import _join, route_key
from stagemap.cli.app import cli
from stagemap.errors import ConfigError
from stagemap.read.postdates import post_day
from stagemap.read.project import load_project
from stagemap.read.settings import load_config
from stagemap.read.urls import public_url, route_names, route_parts
from stagemap.write.publish import build_into
from tests.conftest import MINIMAL_CONFIG, write

AS_OF = dt.date(2026, 11, 24)
PNG = b"\x89PNG\r\n\x1a\n-static"
SETTINGS = """\
cache: false
generator: hugo
sources:
  - path: content
urls:
  base: https://www.acme.example/
  pattern: /{dir}/{slug}/
"""
TAGS = "stages: [awareness]\nquestions: [problems]\n"


def site(root: Path, settings: str = SETTINGS, extra: dict[str, str | bytes] | None = None) -> Path:
    files: dict[str, str | bytes] = {
        "stagemap.yml": MINIMAL_CONFIG + settings,
        "content/blog/a.md": (
            f"---\ntitle: A\n{TAGS}---\n"
            "[b](/blog/b/) [again](../b/#part) [old](/old-b/) [plans](/pricing/) [join](/signup)\n\n"
            "![chart](/images/x.png) ![gone](missing.png)\n"
        ),
        "content/blog/b.md": f"---\ntitle: B\n{TAGS}aliases: [/old-b/]\n---\n## Part\n\nText.\n",
        "content/customers/story.md": (
            f"---\ntitle: Story\n{TAGS}description: Short.\n"
            "challenge: Invoices went out a week late every time.\nlayout: story with a layout\n---\n"
        ),
        "static/images/x.png": PNG,
        **(extra or {}),
    }
    write(root, files)
    return root


def build(root: Path) -> Path:
    out = root.parent / "out"
    build_into(load_project(root), out, AS_OF)
    return out


def page(out: Path, name: str) -> str:
    return (out / "assets" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("sub", "slug", "pattern", "url"),
    [
        ("2024-05-01-launch.md", None, "/blog/{date}/{slug}/", "/blog/2024/05/01/launch/"),
        ("2024-05-01-launch/index.mdx", None, "/blog/{date}/{slug}/", "/blog/2024/05/01/launch/"),
        ("2024-05-01-launch.md", "big-day", "/blog/{date}/{slug}/", "/blog/big-day/"),
        ("2024-05-01-launch.md", "big-day", "/{year}/{month}/{day}/{slug}.html", "/2024/05/01/big-day.html"),
        ("notes/plain.md", None, "/blog/{date}/{slug}/", "/blog/plain/"),
        ("2024-13-launch.md", None, "/{year}/{slug}/", "/2024-13-launch/"),
        # {post}: a Docusaurus post as parseBlogFileName routes it (pnpm's blog/releases/10.14.md
        # was /blog/10.14, its folder lost; Docusaurus serves /blog/releases/10.14).
        ("releases/10.14.md", None, "/blog/{post}", "/blog/releases/10.14"),
        ("releases/2024-05-01-launch.md", None, "/blog/{post}", "/blog/2024/05/01/releases/launch"),
        ("2024/05/01/launch/index.md", None, "/blog/{post}", "/blog/2024/05/01/launch"),
        ("releases/10.14.md", "ten-fourteen", "/blog/{post}", "/blog/ten-fourteen"),
    ],
)
def test_url_patterns_read_the_date_a_post_name_starts_with(
    sub: str, slug: str | None, pattern: str, url: str
) -> None:
    assert public_url("", pattern, "https://x.example", sub, slug) == "https://x.example" + url


def test_url_patterns_lower_case_the_routes_they_make_when_told(tmp_path: Path) -> None:
    """Hugo serves content/docs/Replace.md at /docs/replace/: init says ``lowercase: true`` for Hugo."""
    assert public_url("", "/{path}/", "https://x.example", "docs/Replace.md", None, True) == (
        "https://x.example/docs/replace/"
    )
    assert public_url("/Docs/Keep/", "/{path}/", "https://x.example", "docs/Replace.md", None, True) == (
        "https://x.example/Docs/Keep/"
    )  # an address the page gives is kept as written
    site = write(
        tmp_path / "hugo",
        {
            "hugo.toml": "title = 'H'\nbaseURL = 'https://h.example/'\n",
            "content/docs/Replace.md": "---\ntitle: R\n---\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(site)]).exit_code == 0
    assert "  lowercase: true\n" in (site / "stagemap.yml").read_text()
    assert [a.url for a in load_project(site).library.assets] == ["https://h.example/docs/replace/"]
    kept = write(
        tmp_path / "kept",
        {"hugo.toml": "disablePathToLower = true\n", "content/a.md": "---\ntitle: A\n---\n"},
    )
    assert CliRunner().invoke(cli, ["init", str(kept)]).exit_code == 0
    assert "lowercase" not in (kept / "stagemap.yml").read_text()
    (kept / "stagemap.yml").write_text("generator: hugo\nsources: [content]\nurls:\n  lowercase: 'yes'\n")
    result = CliRunner().invoke(cli, ["-C", str(kept), "check"])
    assert result.exit_code == 2
    assert (
        "stagemap.yml:4:14: error: 'lowercase' must be true or false (e.g. lowercase: true)" in result.stderr
    )


def test_route_key_ignores_slashes_case_and_index_pages() -> None:
    assert (
        route_key("/Blog/Post/")
        == route_key("blog/post/index.html")
        == route_key("/blog/post.html")
        == "blog/post"
    )
    assert route_key("/") == route_key("/index.html") == ""


def test_site_route_links_lead_to_pages_files_or_the_public_site(tmp_path: Path) -> None:
    out = build(site(tmp_path / "p"))
    text = page(out, "blog/a.html")
    assert '<a href="b.html">b</a>' in text
    assert '<a href="b.html#h-part">again</a>' in text
    assert '<a href="b.html">old</a>' in text
    assert '<a href="https://www.acme.example/pricing/">plans</a>' in text
    assert '<a href="https://www.acme.example/signup">join</a>' in text
    assert '<img src="../../public/images/x.png" alt="chart">' in text
    assert (out / "public/images/x.png").read_bytes() == PNG
    assert "[missing image: gone]" in text
    assert "sent to the public site: <code>/pricing/</code>, <code>/signup</code>." in text
    assert "lead nowhere: <code>missing.png</code>." in text


def test_site_route_links_without_a_base_url_are_shown_broken(tmp_path: Path) -> None:
    out = build(site(tmp_path / "p", SETTINGS.replace("  base: https://www.acme.example/\n", "")))
    text = page(out, "blog/a.html")
    assert '<a href="b.html">b</a>' in text
    assert 'title="Link target not found: /signup">join</span>' in text
    assert "lead nowhere: <code>/pricing/</code>, <code>/signup</code>, <code>missing.png</code>." in text


def test_site_root_files_never_follow_a_link_out_of_the_static_folder(tmp_path: Path) -> None:
    root = site(tmp_path / "p", extra={"secret.png": b"secret"})
    os.remove(root / "static/images/x.png")
    os.symlink(root / "secret.png", root / "static/images/x.png")
    out = build(root)
    assert not (out / "public").exists()
    assert '<img src="https://www.acme.example/images/x.png" alt="chart">' in page(out, "blog/a.html")


def test_site_page_whose_story_is_in_front_matter_shows_it_and_its_public_link(tmp_path: Path) -> None:
    text = page(build(site(tmp_path / "p")), "customers/story.html")
    link = '<a href="https://www.acme.example/customers/story/">'
    assert f'<p class="public-link">On the public site: {link}' in text
    assert f"This page's text lives in its front matter; see it on {link}the public site</a>." in text
    assert "<dt>Challenge</dt><dd><p>Invoices went out a week late every time.</p>\n</dd>" in text
    assert "story with a layout" not in text


def test_settings_urls_roots_and_static_have_presets_and_can_be_set(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + "generator: astro\n", "content/.keep": ""})
    rules = load_config(tmp_path).rules
    assert (rules.route_roots, rules.static_dirs) == (("src/pages", "src/content"), ("public",))
    write(
        tmp_path,
        {"stagemap.yml": MINIMAL_CONFIG + "generator: hugo\nurls: {roots: [site/], static: [assets, .]}\n"},
    )
    rules = load_config(tmp_path).rules
    assert (rules.route_roots, rules.static_dirs) == (("site",), ("assets", "."))
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + "urls: {static: [../elsewhere]}\n"})
    with pytest.raises(ConfigError, match=r"'\.\./elsewhere' must be a folder inside the project"):
        load_config(tmp_path)


KIT_FILES: dict[str, str | bytes] = {
    "content/sales/call-guide.md": (
        "---\ntitle: Call guide\nstages: [awareness]\nquestions: [problems]\nformat: call-guide\n"
        "url: https://www.acme.example/handbook/call-guide/\n---\nAsk first.\n"
    ),
}


def test_kit_links_public_addresses_and_site_pages_never_sources(tmp_path: Path) -> None:
    root = site(tmp_path / "p", extra=KIT_FILES)
    result = CliRunner().invoke(cli, ["-C", str(root), "kit", "awareness", "--as-of", "2026-11-24"])
    assert result.exit_code == 0, result.output
    assert "[A](https://www.acme.example/blog/a/)" in result.stdout
    # Internal material is used, not sent: it links to its page on the site, never its public route.
    assert "[Call guide](site/assets/sales/call-guide.html)" in result.stdout
    assert ".md)" not in result.stdout


def test_report_json_lists_each_asset_url_and_audience(tmp_path: Path) -> None:
    root = site(tmp_path / "p", extra=KIT_FILES)
    result = CliRunner().invoke(cli, ["-C", str(root), "report", "--format", "json", "--as-of", "2026-11-24"])
    library = {a["id"]: a for a in json.loads(result.stdout)["library"]}
    assert library["sales/call-guide"]["audience"] == "internal"
    assert library["blog/a"] == {
        "audience": "buyer",
        "id": "blog/a",
        "path": "content/blog/a.md",
        "status": "published",
        "title": "A",
        "url": "https://www.acme.example/blog/a/",
    }


def test_site_links_naming_a_missing_content_file_stay_broken_with_a_base_url(tmp_path: Path) -> None:
    extra: dict[str, str | bytes] = {
        "content/blog/c.md": f"---\ntitle: C\n{TAGS}---\n[x](/blog/missing.md) [y](gone.md) [z](_index.md)\n",
        "content/blog/_index.md": "---\ntitle: Blog\n---\nAll posts.\n",
    }
    settings = SETTINGS + "non_assets:\n  listing: [_index.md]\n"
    text = page(build(site(tmp_path / "p", settings, extra)), "blog/c.html")
    assert "lead nowhere: <code>/blog/missing.md</code>, <code>gone.md</code>." in text
    # A listing page is read but is no asset: the link goes to its route on the public site.
    assert '<a href="https://www.acme.example/blog/">z</a>' in text


def _route_key_spelt_out(route: str) -> str:
    """`route_key` without its shortcuts: each step taken whether or not it applies (the module docstring's rules)."""
    route = route.strip().strip("/")
    for tail in ("index.html", "index.htm"):
        if route == tail or route.endswith("/" + tail):
            route = route[: -len(tail)]
    route = route.removesuffix(".html").removesuffix(".htm")
    return route.strip("/").casefold()


_ROUTE_TEXT = st.text(alphabet="/.aAdehilmntx1- ", max_size=24)


@given(_ROUTE_TEXT)
def test_route_key_is_the_same_as_every_step_taken_in_turn(route: str) -> None:
    assert route_key(route) == _route_key_spelt_out(route)


@given(st.text(alphabet="/ab1.", max_size=10), st.text(alphabet="/ab1.", max_size=10))
def test_route_parts_are_joined_as_posixpath_joins_them(folder: str, name: str) -> None:
    assert _join(folder, name) == posixpath.join(folder, name)


_SUB_TEXT = st.text(alphabet="/.aIdexnR-0129 _", max_size=28)


@given(_SUB_TEXT, st.one_of(st.none(), st.integers(), _SUB_TEXT), st.booleans())
def test_route_names_are_the_parts_route_parts_gives(sub: str, slug: object, folder_named: bool) -> None:
    """The routes of 10,000 assets are made from `route_names`, not from the whole of `route_parts`."""
    parts = route_parts(sub, slug, folder_named=folder_named)
    expected = (parts["path"], parts["dir"], parts["slug"], parts["section"])
    assert route_names(sub, slug, folder_named) == expected


@given(st.sampled_from(["index", "Index", "_index", "README", "2024-01-02-note", "x/x", "a/2024-01-02-", ""]))
def test_route_names_of_index_and_dated_files(stem: str) -> None:
    for sub in (f"{stem}.md", f"docs/{stem}.md", f"docs/{stem}"):
        parts = route_parts(sub, None, folder_named=True)
        assert route_names(sub, None, True) == (parts["path"], parts["dir"], parts["slug"], parts["section"])


@pytest.mark.parametrize(
    ("sub", "slug", "doc_id", "url"),
    [
        ("getting-started/01-create.md", None, None, "/docs/getting-started/create"),
        ("01-guides/2_setup.mdx", None, None, "/docs/guides/setup"),
        ("01-guides/02 . setup.md", None, None, "/docs/guides/setup"),
        ("01 guides/x.md", None, None, "/docs/01 guides/x"),
        ("guides/guides.md", None, None, "/docs/guides"),
        ("guides/README.md", None, None, "/docs/guides"),
        ("guides/01-x.md", "/booking", None, "/docs/booking"),
        ("guides/01-x.md", "booking", None, "/docs/guides/booking"),
        ("guides/01-x.md", None, "own-id", "/docs/guides/own-id"),
        # A category's index stands for its folder whatever its id (Redux's usage/index.md, id: index).
        ("guides/index.md", None, "index", "/docs/guides"),
        ("billing/billing.md", None, "billing", "/docs/billing"),
        ("guides/index.md", "start", "index", "/docs/guides/start"),  # a slug still names it
        ("intro.md", "/", None, "/docs/"),
        ("releases/1.2-notes.md", None, None, "/docs/releases/1.2-notes"),
        ("2024-05-01-launch.md", None, None, "/docs/2024-05-01-launch"),
        ("10-.md", None, None, "/docs/10-"),
    ],
)
def test_url_patterns_give_docusaurus_docs_their_routes(
    sub: str, slug: str | None, doc_id: str | None, url: str
) -> None:
    assert public_url("", "/docs/{doc}", "https://x.example", sub, slug, doc_id=doc_id) == (
        "https://x.example" + url
    )
    # Elsewhere a slug starting with / is the whole route, as before.
    assert public_url("", "/docs/{path}", "https://x.example", "a.md", "/b") == "https://x.example/b"


@pytest.mark.parametrize(
    ("sub", "url"),
    [
        ("a/b.md", "/a/b.html"),
        ("a/index.md", "/a/index.html"),
        ("a/README.md", "/a/index.html"),
        ("index.md", "/index.html"),
    ],
)
def test_url_patterns_file_is_the_path_with_its_index(sub: str, url: str) -> None:
    """MkDocs with ``use_directory_urls: false`` serves docs/a/b.md at /a/b.html."""
    assert public_url("", "/{file}.html", "https://x.example", sub, None) == "https://x.example" + url


def test_hugo_refs_find_pages_as_hugo_does(tmp_path: Path) -> None:
    """A Hugo docs site linked 1,314 times with ``ref "name.md"`` from other folders: all were broken."""
    refs = (
        '[here]({{< ref "b.md#part" >}}) [root]({{< ref "customers/story.md" >}}) '
        '[by name]({{< ref "story.md" >}}) [no ending]({{< relref "story" >}}) '
        '[section]({{< ref "guides" >}}) [same name]({{< ref "setup.md" >}}) '
        '[dot]({{< ref "./story.md" >}}) [top]({{< ref "/blog/b.md" >}}) [self]({{< ref "#part" >}})\n'
    )
    root = site(
        tmp_path / "site",
        extra={
            "content/blog/c.md": f"---\ntitle: C\n{TAGS}---\n{refs}\n## Part\n",
            "content/guides/_index.md": "---\ntitle: Guides\n---\n",
            "content/guides/setup.md": f"---\ntitle: Setup\n{TAGS}---\n",
            "content/team/setup.md": f"---\ntitle: Team setup\n{TAGS}---\n",
        },
    )
    text = page(build(root), "blog/c.html")
    shown = re.findall(
        r'<a href="([^"]*)">([^<]*)</a>|<span class="broken-link" title="([^"]*)">([^<]*)</span>', text
    )
    found = {label or broken_label: href or broken for href, label, broken, broken_label in shown}
    assert [
        (label, found[label])
        for label in ("here", "root", "by name", "no ending", "section", "same name", "dot", "top", "self")
    ] == [
        ("here", "b.html#h-part"),
        ("root", "../customers/story.html"),
        ("by name", "../customers/story.html"),
        ("no ending", "../customers/story.html"),
        ("section", "https://www.acme.example/guides/"),
        ("same name", "Link target not found: setup.md"),  # two files of that name: Hugo refuses it
        ("dot", "Link target not found: ./story.md"),  # from the page's folder only
        ("top", "b.html"),
        ("self", "#h-part"),
    ]


def test_a_public_address_without_the_sites_base_is_shown_not_linked(tmp_path: Path) -> None:
    """Jekyll's ``permalink: /pl/`` with no site address was a link to /pl/, which the built site never has."""
    settings = "cache: false\ngenerator: hugo\nsources:\n  - path: content\n"
    root = site(
        tmp_path / "site",
        settings,
        {"content/about.md": f"---\ntitle: About\n{TAGS}url: /about-us/\n---\nHi.\n"},
    )
    text = page(build(root), "about.html")
    route = "<code>/about-us/</code> (a route: set <code>urls.base</code> in stagemap.yml to link it)"
    assert f'<p class="public-link">On the public site: {route}</p>' in text
    assert f"<dt>Public page</dt><dd>{route}</dd>" in text
    assert 'href="/about-us/"' not in text
    # With the site's address, the same page links to its public page.
    linked = page(
        build(
            site(
                tmp_path / "based",
                extra={"content/about.md": f"---\ntitle: About\n{TAGS}url: /about-us/\n---\n"},
            )
        ),
        "about.html",
    )
    address = "https://www.acme.example/about-us/"
    assert f'<p class="public-link">On the public site: <a href="{address}">{address}</a></p>' in linked


def test_hugo_refs_outside_links_or_broken_show_what_the_author_wrote(tmp_path: Path) -> None:
    """Seen by a review: the marker a ref's target carries showed in text and in the list of
    links leading nowhere, a ref to a PDF beside the page was broken, and a marker written
    500 times in a link ended the build with a RecursionError."""
    body = (
        'See {{< ref "b.md" >}} for more. [gone]({{< ref "nope.md" >}}) [sheet]({{< ref "rates.pdf" >}}) '
        "[odd](" + "/.ref/" * 600 + "b.md)\n"
    )
    root = site(
        tmp_path / "site",
        extra={
            "content/blog/c.md": f"---\ntitle: C\n{TAGS}---\n{body}",
            "content/blog/rates.pdf": b"%PDF-1.4\n",
        },
    )
    text = page(build(root), "blog/c.html")
    assert "See b.md for more." in text
    assert '<span class="broken-link" title="Link target not found: nope.md">gone</span>' in text
    assert '<a href="../../files/blog/rates.pdf">sheet</a>' in text
    assert "<code>nope.md</code>" in text and "/.ref/nope" not in text
    assert '<span class="broken-link" title="Link target not found: /.ref/' in text  # the odd one: broken


def test_relative_links_to_files_are_read_from_the_pages_address_when_not_from_its_file(
    tmp_path: Path,
) -> None:
    """Seen on Dapr's docs: ``../examples/query.json`` from blog/a.md, served at /blog/a/, is
    blog/examples/query.json, as a browser reads it (Hugo leaves the link as written). The
    file's own folder is tried first; a content page is never found so, as Hugo does not
    publish a page's Markdown."""
    extra: dict[str, str | bytes] = {
        "content/blog/c.md": (
            f"---\ntitle: C\n{TAGS}---\n[query](../examples/query.json) [here](examples/near.json) "
            "[page](../b.md) [both](../both.json)\n"
        ),
        "content/blog/examples/query.json": "{}\n",
        "content/blog/c/examples/near.json": "{}\n",
        "content/both.json": '{"file": true}\n',
        "content/blog/both.json": '{"address": true}\n',
    }
    text = page(build(site(tmp_path / "p", SETTINGS, extra)), "blog/c.html")
    assert '<a href="../../files/blog/examples/query.json">query</a>' in text
    assert '<a href="../../files/blog/c/examples/near.json">here</a>' in text
    assert '<a href="../../files/both.json">both</a>' in text  # the file's folder first
    assert "lead nowhere: <code>../b.md</code>." in text


def test_route_links_reach_pages_made_from_a_pattern_without_the_sites_address(tmp_path: Path) -> None:
    """Seen on Prettier's site, whose address is worked out in code: with no ``urls.base``, a
    page's route from its source's pattern (``/docs/{doc}/``) was not known, so every link
    such as ``/docs/options#quotes`` led nowhere. The route is known now, and kept by the
    parse cache; the page still has no public address."""
    settings = "generator: docusaurus\nsources:\n  - path: docs\n    url: /docs/{doc}/\n"
    files: dict[str, str | bytes] = {
        "stagemap.yml": MINIMAL_CONFIG + settings,
        "docs/options.md": f"---\ntitle: Options\n{TAGS}---\n## Quotes\n\nText.\n",
        "docs/rationale.md": f"---\ntitle: Rationale\n{TAGS}---\nSee [quotes](/docs/options#quotes).\n",
    }
    root = write(tmp_path / "p", files)
    for _ in range(2):  # the second read from the parse cache
        project = load_project(root)
        assert {a.id: (a.url, a.route) for a in project.library.assets} == {
            "options": ("", "/docs/options/"),
            "rationale": ("", "/docs/rationale/"),
        }
    text = page(build(root), "rationale.html")
    assert '<a href="options.html#h-quotes">quotes</a>' in text
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    assert "leads nowhere" not in result.stderr and "finds no heading" not in result.stderr


@pytest.mark.parametrize(
    ("value", "zone", "day"),
    [
        ("2014-11-05", "America/Los_Angeles", ("2014", "11", "05")),
        ("2014-11-05 10:48:22 -0800", "America/Los_Angeles", ("2014", "11", "05")),
        ("2013-05-06 02:12:52 +0200", "America/Los_Angeles", ("2013", "05", "05")),
        ("2016-08-25T09:50:00+03:00", "America/Los_Angeles", ("2016", "08", "24")),
        ("2016-08-25 09:50:00 +03:00", "", ("2016", "08", "25")),  # UTC: 06:50
        ("2016-08-25 01:50:00 +03", "", ("2016", "08", "24")),
        ("2016-08-25 23:50:00Z", "Asia/Tokyo", ("2016", "08", "26")),
        ("2016-08-25 23:50", "Asia/Tokyo", ("2016", "08", "25")),  # no zone: the site's, as written
        (dt.date(2020, 2, 29), "", ("2020", "02", "29")),
        ("2024-02-31", "", None),
        ("soon", "", None),
        (None, "", None),
    ],
)
def test_a_jekyll_posts_date_gives_the_day_in_the_sites_time_zone(
    value: object, zone: str, day: object
) -> None:
    assert post_day(value, zone) == day


def test_jekyll_posts_are_routed_by_their_date_in_the_sites_time_zone(tmp_path: Path) -> None:
    """Jekyll's own news: a post named 2013-05-06-... dated 2013-05-06 02:12:52 +0200, on a site
    in America/Los_Angeles, is at /news/2013/05/05/: its file name's day was taken (10 of 102)."""
    site = write(
        tmp_path / "site",
        {
            "_config.yml": "url: https://j.example\ntimezone: America/Los_Angeles\npermalink: /news/:year/:month/:day/:title/\n",
            "_posts/2013-05-06-released.md": '---\ntitle: Released\ndate: "2013-05-06 02:12:52 +0200"\n---\n',
            "_posts/2014-11-06-midlife.md": "---\ntitle: Midlife\ndate: 2014-11-05\n---\n",
            "_posts/2020-01-02-plain.md": "---\ntitle: Plain\n---\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(site)]).exit_code == 0
    assert "\n  timezone: America/Los_Angeles\n" in (site / "stagemap.yml").read_text()
    assert sorted(a.url for a in load_project(site).library.assets) == [
        "https://j.example/news/2013/05/05/released/",
        "https://j.example/news/2014/11/05/midlife/",
        "https://j.example/news/2020/01/02/plain/",
    ]
    (site / "stagemap.yml").write_text(
        "generator: jekyll\nsources: [_posts]\nurls:\n  timezone: Mars/Olympus\n"
    )
    result = CliRunner().invoke(cli, ["-C", str(site), "check"])
    assert (result.exit_code, result.stderr.splitlines()[1]) == (
        2,
        "stagemap.yml:4:13: error: unknown time zone 'Mars/Olympus' (a name of the time zone database,"
        " e.g. timezone: Europe/London (on Windows, pip install tzdata))",
    )


def test_a_link_to_a_pages_html_address_reaches_it_and_relative_links_start_where_the_page_is(
    tmp_path: Path,
) -> None:
    """Let's Encrypt's site (Hugo, uglyURLs): a link to '/post/hello.html', the page's own address,
    'led nowhere'; on a Jekyll site a page at '/about.html' linking 'team.html' did too (it was
    taken from '/about/'), while the browser goes to '/team.html'."""
    hugo = tmp_path / "hugo"
    write(
        hugo,
        {
            "hugo.toml": 'baseURL = "https://example.org/"\nuglyURLs = true\n',
            "content/post/hello.md": "---\ntitle: Hello\n---\n## Part\n",
            "content/docs/guide.md": (
                "---\ntitle: Guide\n---\n[note](/post/hello.html#part) [gone](/post/gone.html) [up](../post/hello.html)\n"
            ),
        },
    )
    jekyll = tmp_path / "jekyll"
    write(
        jekyll,
        {
            "_config.yml": "url: https://j.example\n",
            "about.md": "---\ntitle: About\n---\n[team](team.html) [nobody](nobody.html) [here](about.html#part)\n",
            "team.md": "---\ntitle: Team\n---\nUs.\n",
        },
    )
    runner = CliRunner()
    for root in (hugo, jekyll):
        assert runner.invoke(cli, ["init", str(root)]).exit_code == 0
    hugo_check = runner.invoke(cli, ["-C", str(hugo), "check", "--links"])
    assert [
        line for line in hugo_check.output.splitlines() if "leads nowhere" in line or "finds no" in line
    ] == [
        "content/docs/guide.md:4:38: warning: link to '/post/gone.html' leads nowhere (point it at a content"
        " file, a page's route or a file in the site's static folders)"
    ]
    jekyll_check = runner.invoke(cli, ["-C", str(jekyll), "check", "--links"])
    assert [
        line for line in jekyll_check.output.splitlines() if "leads nowhere" in line or "finds no" in line
    ] == [
        "about.md:4:28: warning: link to 'nobody.html' leads nowhere (point it at a content file, a page's"
        " route or a file in the site's static folders)",
        "about.md:4:48: warning: link to 'about.html#part' finds no heading 'part' on this page (link to one"
        " of that page's headings, or leave out the '#' and what follows it)",
    ]
    # A Hugo site without uglyURLs has no page at '/post/hello.html': the link still leads nowhere.
    (hugo / "hugo.toml").write_text('baseURL = "https://example.org/"\n', encoding="utf-8")
    plain = runner.invoke(cli, ["-C", str(hugo), "check", "--links"])
    assert plain.output.count("leads nowhere") == 3


def test_hugos_param_falls_back_to_the_sites_params_and_a_change_to_them_rebuilds_the_page(
    tmp_path: Path,
) -> None:
    """OpenTelemetry's and Kubernetes' docs write '{{< param "version" >}}' from the site's
    params: a placeholder showed. Hugo looks in the page's front matter (its params map too),
    then in the site's params (the configuration file, or config/_default/params.toml)."""
    root = tmp_path / "site"
    write(
        root,
        {
            "config/_default/hugo.toml": 'baseURL = "https://e.org/"\n[params]\nsupportEmail = "help@kiln.example"\n',
            "config/_default/params.toml": 'Version = "v1.2"\n[shop]\nphone = "555-0100"\n',
            "content/kiln.md": (
                "---\ntitle: Kiln\nparams:\n  version: v9\n---\n"
                "Write to {{% param supportEmail %}} about {{% param version %}}.\n"
            ),
            "content/oven.md": '---\ntitle: Oven\n---\nVersion {{< param "version" >}}, {{< param "shop.phone" >}}.\n',
        },
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    assert runner.invoke(cli, ["-C", str(root), "build", "-o", str(out)]).exit_code == 0
    assert "<p>Write to help@kiln.example about v9.</p>" in (out / "assets/kiln.html").read_text()
    assert "<p>Version v1.2, 555-0100.</p>" in (out / "assets/oven.html").read_text()
    (root / "config/_default/params.toml").write_text('Version = "v1.3"\n', encoding="utf-8")
    made = runner.invoke(cli, ["-C", str(root), "build", "-o", str(out)])
    assert "(1 file changed, 0 removed)" in made.output
    assert (
        "<p>Version v1.3, <em>[shop.phone: shown on the live site]</em>.</p>"
        in (out / "assets/oven.html").read_text()
    )
