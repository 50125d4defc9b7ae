"""Gatsby and Astro make a page of each code file of ``src/pages`` (a pricing page, a demo form):
a link to one reaches a page of the site, though stagemap reads nothing of it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.componentpages import component_pages, site_pages
from tests.conftest import QUIET_CONFIG, write

HEAD = "---\ntitle: {title}\nstages: [awareness]\nquestions: [problems]\n---\n"
HINT = "(point it at a content file, a page's route or a file in the site's static folders)"
PAGE = "export default function Page() { return null; }\n"
DYNAMIC_REASON = (
    "pages the site makes of a route component in src/pages, at the routes its code or data gives"
)
GATSBY_PAGES = {
    "src/pages/pricing/index.js": PAGE,
    "src/pages/about.tsx": PAGE,
    "src/pages/tour/planner.jsx": PAGE,
    "src/pages/demo.ts": PAGE,
    "src/pages/_helper.js": PAGE,
    "src/pages/template-offer.js": PAGE,
    "src/pages/offer.test.js": PAGE,
    "src/pages/__tests__/quote.js": PAGE,
    "src/pages/types.d.ts": "export type Plan = string;\n",
    "src/pages/kettles/{Kettle.slug}.js": PAGE,
    "src/pages/_drafts/preview.js": PAGE,  # (a folder's "_" does not count for Gatsby)
}
ASTRO_PAGES = {
    "src/pages/pricing.astro": "---\n---\n<h1>Plans</h1>\n",
    "src/pages/about/index.astro": "---\n---\n<h1>Us</h1>\n",
    "src/pages/legal.html": "<h1>Terms</h1>\n",
    "src/pages/rss.xml.js": "export function GET() { return new Response(''); }\n",
    "src/pages/_draft.astro": "---\n---\n<h1>Later</h1>\n",
    "src/pages/_parts/banner.astro": "---\n---\n<p>Sale</p>\n",
    "src/pages/kettles/[slug].astro": "---\n---\n<h1>One kettle</h1>\n",
}


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_links_to_a_gatsby_sites_pages_written_as_code_reach_a_page_of_the_site(tmp_path: Path) -> None:
    """Roadie's Gatsby site works its address out in code, so it has no urls.base: its docs'
    links to '/pricing/' and '/docs/integrations/', pages of src/pages written in JavaScript,
    were reported as leading nowhere (36 of its 78 such warnings). Gatsby's page creator makes a
    page of each such file but those it passes over; a route no page has still leads nowhere."""
    links = "/pricing/ /about /tour/planner/ /demo /helper /_helper /template-offer /offer.test"
    links += " /__tests__/quote /types.d /kettles/copper /drafts/preview /_drafts/preview /gone/"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: gatsby\nsources: [{path: content, url: '/{path}/'}]\n",
        "gatsby-config.js": "module.exports = { siteMetadata: { siteUrl: process.env.URL } };\n",
        "content/brew.md": HEAD.format(title="Brewing at scale")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split())),
        **GATSBY_PAGES,
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    dead = "/helper /_helper /template-offer /offer.test /__tests__/quote /types.d /kettles/copper"
    dead += " /drafts/preview"
    at = {link: f"{6 + 2 * i}:{4 + len(str(i))}" for i, link in enumerate(links.split())}
    assert err == "".join(
        f"content/brew.md:{at[link]}: warning: link to '{link}' leads nowhere {HINT}\n"
        for link in [*dead.split(), "/gone/"]
    )
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/brew.html").read_text("utf-8")
    assert (
        '<span class="site-link" title="A page of the site, not in this library: /pricing/">0</span>' in page
    )
    assert 'title="Link target not found: /gone/">13</span>' in page


def test_links_to_an_astro_sites_pages_and_endpoints_reach_a_page_of_the_site(tmp_path: Path) -> None:
    """An Astro site's pricing page is most often a page of src/pages written as '.astro': a
    post's link to it led nowhere. Astro builds each '.astro' and '.html' file there (and each
    '.js' or '.ts' endpoint, 'rss.xml.js' at '/rss.xml') but those under a name starting with
    '_'; a dynamic route names no one page."""
    links = "/pricing /about/ /legal.html /rss.xml /draft /_draft /_parts/banner /kettles/copper /gone"
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: astro\nsources: [{path: src/content/blog, url: '/blog/{path}/'}]\n",
        "astro.config.mjs": "export default {};\n",
        "src/content/blog/brew.md": HEAD.format(title="Brewing at scale")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split())),
        **ASTRO_PAGES,
    }
    _, _, err = run(write(tmp_path, files), "check", "--links")
    at = {link: f"{6 + 2 * i}:{4 + len(str(i))}" for i, link in enumerate(links.split())}
    assert err == "".join(
        f"src/content/blog/brew.md:{at[link]}: warning: link to '{link}' leads nowhere {HINT}\n"
        for link in ["/draft", "/_draft", "/_parts/banner", "/kettles/copper", "/gone"]
    )


def test_only_gatsby_and_astro_pages_written_as_code_are_read(tmp_path: Path) -> None:
    gatsby = write(tmp_path / "g", {**GATSBY_PAGES, "src/pages/node_modules/x/index.js": PAGE})
    astro = write(tmp_path / "a", ASTRO_PAGES)
    assert component_pages(gatsby, "gatsby") == {
        "pricing",
        "about",
        "tour/planner",
        "demo",
        "_drafts/preview",
    }
    assert component_pages(astro, "astro") == {"pricing", "about", "legal", "rss.xml"}
    assert component_pages(gatsby, "hugo") == component_pages(tmp_path / "none", "astro") == frozenset()


def test_a_gatsby_splat_page_answers_every_address_below_its_folder(tmp_path: Path) -> None:
    """A client-only page src/pages/app/[...].js has the matchPath /app/*: Gatsby serves it at
    /app and at every address below, where the page's own router takes over; a link there
    reaches a page of the site. A splat under a parameter, or one at the root (a catch-all,
    most often the page not found), is no such route here."""
    links = "/app /app/ /app/orders/7 /App/Settings /apps /account/x /account /team/x /anything"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: gatsby\nsources: [{path: content, url: '/{path}/'}]\n",
        "gatsby-config.js": "module.exports = {};\n",
        "content/brew.md": HEAD.format(title="Brewing at scale")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split())),
        "src/pages/app/[...].js": PAGE,
        "src/pages/account/[...rest].tsx": PAGE,
        "src/pages/team/[id]/[...].js": PAGE,
        "src/pages/[...].js": PAGE,
    }
    root = write(tmp_path, files)
    assert site_pages(root, "gatsby") == (frozenset(), {"app", "account"})
    assert site_pages(root, "astro") == (frozenset(), frozenset())  # (Astro's [...slug] is made from data)
    _, _, err = run(root, "check", "--links")
    at = {link: f"{6 + 2 * i}:{4 + len(str(i))}" for i, link in enumerate(links.split())}
    assert err == "".join(
        f"content/brew.md:{at[link]}: warning: link to '{link}' leads nowhere {HINT}\n"
        for link in ["/apps", "/team/x", "/anything"]
    )
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/brew.html").read_text("utf-8")
    assert 'title="A page of the site, not in this library: /app/orders/7">2</span>' in page
    assert 'title="Link target not found: /apps">4</span>' in page


def test_markdown_pages_of_src_pages_are_pages_where_no_source_reads_them(tmp_path: Path) -> None:
    """An Astro site whose configured source is its blog alone still publishes the Markdown and
    MDX pages of src/pages (each Markdown ending Astro knows; MDX with its integration); a
    post's link to one reaches a page. Gatsby makes pages of src/pages' MDX files
    (gatsby-plugin-mdx), not of its Markdown ones."""
    links = "/pricing /terms/ /press /faq /gone"
    page = "---\ntitle: Pricing\n---\nPlans.\n"
    pages = {
        "src/pages/pricing.md": page,
        "src/pages/terms/index.mdx": page,
        "src/pages/press.markdown": page,
        "src/pages/_faq.md": page,
    }
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: astro\nsources: [{path: src/content/blog, url: '/blog/{path}/'}]\n",
        "astro.config.mjs": "export default {};\n",
        "src/content/blog/brew.md": HEAD.format(title="Brewing at scale")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split())),
        **pages,
    }
    _, _, err = run(write(tmp_path / "a", files), "check", "--links")
    at = {link: f"{6 + 2 * i}:{4 + len(str(i))}" for i, link in enumerate(links.split())}
    assert err == "".join(
        f"src/content/blog/brew.md:{at[link]}: warning: link to '{link}' leads nowhere {HINT}\n"
        for link in ["/faq", "/gone"]
    )
    assert component_pages(write(tmp_path / "g", pages), "gatsby") == {"terms"}


def test_pages_written_as_code_are_named_in_the_summary(tmp_path: Path) -> None:
    """ddev.com's home, about, download and sponsor pages are '.astro' files of src/pages: init and
    check counted them as '17 non-asset: not a content file by its ending', so nothing said that
    coverage leaves out the site's main pages. Each page a Gatsby or Astro site builds of a
    component there is now named so; what it builds no page of ('_draft.astro', a test) is not."""
    for generator, pages, made in (
        ("astro", ASTRO_PAGES, 2),
        ("gatsby", GATSBY_PAGES, 5),
    ):
        source = "src/pages"
        files = {
            "stagemap.yml": QUIET_CONFIG
            + f"generator: {generator}\nsources: [{{path: {source}, url: '/{{path}}/'}}]\n",
            **pages,
        }
        _, out, _ = run(write(tmp_path / generator, files), "check")
        line = "non-asset: a page the site makes of a component in src/pages, which stagemap does not read"
        assert f"  {made} {line}\n" in out, out
        assert f"  1 non-asset: {DYNAMIC_REASON}\n" in out, out  # ('[slug].astro', '{Kettle.slug}.js')
    fates = {f.path: f.kind for f in stagemap.load_project(tmp_path / "astro").library.fates}
    assert fates["src/pages/pricing.astro"] == fates["src/pages/kettles/[slug].astro"] == "unread page"
    assert fates["src/pages/_draft.astro"] == fates["src/pages/_parts/banner.astro"] == "not content"
    fates = {f.path: f.kind for f in stagemap.load_project(tmp_path / "gatsby").library.fates}
    assert fates["src/pages/about.tsx"] == "unread page"
    assert fates["src/pages/offer.test.js"] == fates["src/pages/types.d.ts"] == "not content"


def test_an_astro_html_page_and_a_route_component_say_what_they_are(tmp_path: Path) -> None:
    """Astro serves an '.html' file of src/pages as a page (its HTML as written): init and check
    counted one as 'not a content file by its ending', as if it were an image. A route with a
    parameter ('[slug].astro') makes the pages its getStaticPaths lists, none at its own name:
    it is no longer counted as 'a page the site makes of a component'."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: astro\nsources: [{path: src/pages, url: '/{path}/'}]\n",
        "src/pages/harbour.html": "<h1>The harbour office</h1>\n",
        "src/pages/moorings/[berth].astro": "---\n---\n<h1>A berth</h1>\n",
    }
    _, out, _ = run(write(tmp_path, files), "check")
    assert (
        "  1 non-asset: a page the site makes of its .html file in src/pages, which stagemap does not read\n"
        in out
    )
    assert f"  1 non-asset: {DYNAMIC_REASON}\n" in out
    assert "not a content file by its ending" not in out
    fates = {f.path: f.kind for f in stagemap.load_project(tmp_path).library.fates}
    assert fates["src/pages/harbour.html"] == fates["src/pages/moorings/[berth].astro"] == "unread page"


def test_the_pages_an_astro_route_lists_as_written_are_pages_of_the_site(tmp_path: Path) -> None:
    """A route component's getStaticPaths that returns its pages' parameters written out
    ('[{ params: { berth: "east-pier" } }]') makes a page at each: links to them were reported as
    leading nowhere. A rest parameter may hold slashes, or be undefined (its folder's page); a
    value worked out in code, another parameter's name, a value with a slash for a plain
    parameter, and any route the list does not name still lead nowhere."""
    berths = (
        "---\nexport function getStaticPaths() {\n  return [\n"
        '    { params: { berth: \'east-pier\' } },\n    { params: { "berth": "West-Pier" } },\n'
        "    { params: { berth: `north/quay` } },\n    { params: { dock: 'south' } },\n"
        "    { params: { berth: slugify(name) } },\n  ];\n}\n---\n<h1>A berth</h1>\n"
    )
    charts = (
        "---\nexport async function getStaticPaths() {\n"
        "  return [{ params: { chart: 'coast/inner' } }, { params: { chart: undefined } }];\n}\n---\n"
    )
    links = (
        "/moorings/east-pier/ /moorings/west-pier /moorings/north/quay /moorings/south /charts/coast/inner"
    )
    links += " /charts /moorings/slugify /moorings/gone"
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: astro\nsources: [{path: src/content/blog, url: '/blog/{path}/'}]\n",
        "astro.config.mjs": "export default {};\n",
        "src/content/blog/tides.md": HEAD.format(title="Reading the tides")
        + "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split())),
        "src/pages/moorings/[berth].astro": berths,
        "src/pages/charts/[...chart].astro": charts,
        "src/pages/[a]/[b].astro": "---\nexport function getStaticPaths() {\n"
        "  return [{ params: { a: 'x' } }];\n}\n---\n",
    }
    _, _, err = run(write(tmp_path, files), "check", "--links")
    at = {link: f"{6 + 2 * i}:{4 + len(str(i))}" for i, link in enumerate(links.split())}
    assert err == "".join(
        f"src/content/blog/tides.md:{at[link]}: warning: link to '{link}' leads nowhere {HINT}\n"
        for link in [
            "/moorings/north/quay",
            "/moorings/south",
            "/moorings/slugify",
            "/moorings/gone",
        ]
    )
    assert component_pages(tmp_path, "astro") == {
        "moorings/east-pier",
        "moorings/west-pier",
        "charts/coast/inner",
        "charts",
    }


def test_an_astro_routes_list_is_read_without_its_comments_and_with_its_numbers(tmp_path: Path) -> None:
    """getStaticPaths was read from the whole file, comments and all: a page taken out of the
    list by commenting it ('// { params: { berth: "old-slip" } },') was still a page of the site,
    and so was one named in the component's markup. Astro before 6 takes a number as a
    parameter's value ('{ berth: 7 }' makes /moorings/7/), which was not read; Astro 6 refuses it."""
    berths = (
        "---\n// { params: { berth: 'old-slip' } } was sold\nexport function getStaticPaths() {\n"
        "  return [\n    { params: { berth: 'east-pier' } },\n    // { params: { berth: 'old-slip' } },\n"
        "    /* { params: { berth: 'dry-dock' } }, */\n    { params: { berth: 7 } },\n  ];\n}\n---\n"
        "<p>Write it as <code>{ params: { berth: 'my-boat' } }</code>.</p>\n"
    )
    files = {
        "package.json": '{"dependencies": {"astro": "^5.2.0"}}',
        "src/pages/moorings/[berth].astro": berths,
    }
    write(tmp_path, files)
    assert component_pages(tmp_path, "astro") == {"moorings/east-pier", "moorings/7"}
    write(tmp_path, {"package.json": '{"dependencies": {"astro": "^6.0.0"}}'})
    assert component_pages(tmp_path, "astro") == {"moorings/east-pier"}


def test_a_gatsby_splat_page_is_said_to_answer_the_addresses_below_its_folder(tmp_path: Path) -> None:
    """Gatsby's splat page ('app/[...].js') is one client-only page answering every address below
    its folder, not pages at the routes data gives, as a route component's ('[id].js') are."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: gatsby\nsources: [{path: src/pages, url: '/{path}/'}]\n",
        "src/pages/app/[...].js": PAGE,
        "src/pages/crews/[id].js": PAGE,
    }
    _, out, _ = run(write(tmp_path, files), "check")
    said = "a page the site makes of a component in src/pages for every address below its folder (a splat)"
    assert f"  1 non-asset: {said}\n" in out, out
    assert f"  1 non-asset: {DYNAMIC_REASON}\n" in out
