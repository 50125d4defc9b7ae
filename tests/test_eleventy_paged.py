"""Pages an Eleventy template makes by pagination over data (read/eleventypaged.py): their
addresses worked out from the data and the permalink, and, where they cannot be, links of the
form the permalink gives them taken to reach one, with a note saying why once a template.

The sites here are Brightwell Kilns', a fictional maker of pottery kilns for schools."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.eleventy import eleventy_permalink
from stagemap.read.eleventypaged import shape_matches
from stagemap.read.jsliteral import NOT_LITERAL, exported_literal
from tests.conftest import write

HINT = "(point it at a content file, a page's route or a file in the site's static folders)"
CONFIG = (
    'export default function (config) {\n  config.addDataExtension("yaml", (t) => yaml.load(t));\n'
    '  return { dir: { input: "site" } };\n}\n'
)


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def warned(root: Path) -> list[str]:
    assert run(root, "init")[0] == 0
    return [line for line in run(root, "check", "--links")[2].splitlines() if "stagemap.yml" not in line]


def nowhere(target: str, line: int, col: int) -> str:
    return f"site/about.md:{line}:{col}: warning: link to '{target}' leads nowhere {HINT}"


def test_pages_made_of_a_global_data_file_are_reached_by_their_permalinks(tmp_path: Path) -> None:
    """jamstack.org (Eleventy) makes a page of each entry of its glossary, a YAML data file, with
    'permalink: "glossary/{{ item.id }}/index.html"': every link to one was reported as leading
    nowhere. The data is read (YAML where the configuration registers its ending, JSON, a
    JavaScript file exporting a literal), paged as Eleventy pages it, and each page's permalink
    worked out; a link to an item the data does not have still leads nowhere."""
    about = (
        "---\ntitle: About\n---\n"
        "See [the North Shore kiln](/kilns/north-shore/), [glaze](/terms/glaze/), [Clay](/terms/Clay),\n"
        "[Otto](/people/otto/), [the stockists](/stockists/page-2/) and [the 2nd list](/models/1/).\n"
        "Not [bisque](/terms/bisque/), [Mara](/people/mara/), [page 3](/stockists/page-3/) or [more](/models/3/).\n"
        "Pairs: [Ashby](/pairs/ashby/), [Dunmore](/pairs/dunmore/), not [Crane](/pairs/crane/).\n"
    )
    root = write(
        tmp_path,
        {
            "eleventy.config.js": CONFIG,
            "site/_data/glossary.yaml": "- id: glaze\n  term: Glaze\n- id: Clay\n  term: Clay\n",
            "site/_data/kilns.json": '{"models": [{"name": "North Shore"}, {"name": "Riverside Mini"}]}',
            "site/_data/people.js": 'export default { otto: { role: "Sales" }, mara: { role: "Firing" } };\n',
            "site/_data/stockists.json": '["Ashby", "Crane", "Dunmore"]',
            "site/terms.njk": (
                "---\npagination:\n  data: glossary\n  size: 1\n  alias: item\n"
                'permalink: "terms/{{ item.id }}/index.html"\n---\n<h1>{{ item.term }}</h1>\n'
            ),
            "site/kilns.njk": (
                "---\npagination:\n  data: kilns.models\n  size: 1\n  alias: kiln\n"
                'permalink: "/kilns/{{ kiln.name | slugify }}/"\n---\n<h1>{{ kiln.name }}</h1>\n'
            ),
            "site/people.liquid": (
                "---\npagination:\n  data: people\n  size: 1\n  alias: who\n  filter: [mara]\n"
                'permalink: "/people/{{ who }}/"\n---\n<h1>{{ who }}</h1>\n'
            ),
            "site/stockists.njk": (
                "---\npagination:\n  data: stockists\n  size: 2\n  reverse: true\npermalink: "
                '"stockists/{% if pagination.pageNumber > 0 %}page-{{ pagination.pageNumber + 1 }}/{% endif %}"'
                "\n---\n<p>Stockists</p>\n"
            ),
            "site/models.njk": (
                "---\nranges: {a: Studio, b: School, c: Compact}\npagination:\n  data: ranges\n  size: 1\n"
                "  resolve: values\n---\n<p>{{ pagination.items[0] }}</p>\n"
            ),
            "site/pairs.njk": (
                "---\npagination:\n  data: stockists\n  size: 2\n  alias: pair\n"
                'permalink: "/pairs/{{ pair[0] | slugify }}/"\n---\n<p>{{ pair }}</p>\n'
            ),
            "site/about.md": about,
        },
    )
    assert warned(root) == [
        nowhere("/terms/bisque/", 6, 14),
        nowhere("/people/mara/", 6, 38),
        nowhere("/stockists/page-3/", 6, 63),
        nowhere("/models/3/", 6, 93),
        nowhere("/pairs/crane/", 7, 72),
    ]


def test_pages_not_known_take_links_of_their_form_and_check_says_why(tmp_path: Path) -> None:
    """Where the data is a collection, or worked out in code, the pages are not known: a link of
    the form the permalink gives them (its first part fixed) is taken to reach one, others still
    lead nowhere, and check says once a template why its pages are not known."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": CONFIG,
            "site/_data/dealers.js": "export default async () => (await fetch('https://x.example/')).json();\n",
            "site/regions.njk": (
                "---\npagination:\n  data: collections.region\n  size: 1\n  alias: region\n"
                'permalink: "/regions/{{ region.data.title | slugify }}/"\n---\n<h1>Region</h1>\n'
            ),
            "site/dealers.njk": ("---\npagination:\n  data: dealers\n  size: 10\n---\n<h1>Dealers</h1>\n"),
            "site/about.md": (
                "---\ntitle: About\n---\nSee [the west](/regions/west-coast/) and [more dealers](/dealers/3/).\n"
                "Not [a typo](/regoins/west/), [a deeper one](/regions/west/coast/) or [this](/dealers/all/).\n"
            ),
        },
    )
    lines = warned(root)
    assert [line for line in lines if "leads nowhere" in line] == [
        nowhere("/regoins/west/", 5, 14),
        nowhere("/regions/west/coast/", 5, 46),
        nowhere("/dealers/all/", 5, 78),
    ]
    assert (
        "site/dealers.njk:2:1: warning: the pages its pagination makes are not known here: its data"
        " 'dealers' comes from site/_data/dealers.js, which works it out in code (a link to an address"
        " of the form /dealers/*/ is taken to reach one of them)"
    ) in lines
    assert (
        "site/regions.njk:2:1: warning: the pages its pagination makes are not known here: it goes"
        " through the collection 'region', which Eleventy gathers as it builds (a link to an address"
        " of the form /regions/*/ is taken to reach one of them)"
    ) in lines


def test_a_site_with_an_address_is_not_told_about_pages_it_cannot_know(tmp_path: Path) -> None:
    """On a site with an address, a route no page has is a link to the public site: no note."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": CONFIG,
            "CNAME": "kilns.example\n",
            "site/regions.njk": "---\npagination:\n  data: collections.region\n  size: 1\n---\n<p>R</p>\n",
            "site/about.md": "---\ntitle: About\n---\nSee [the west](/regions/1/).\n",
        },
    )
    assert not [line for line in warned(root) if "not known here" in line or "nowhere" in line]


def test_a_paged_permalink_is_worked_out_for_each_page() -> None:
    scope = {"pagination": {"pageNumber": 2, "items": [{"slug": "kiln-care"}]}, "crew": {"lead": "Ana"}}
    assert (
        eleventy_permalink("/p/{{ pagination.pageNumber | plus: 1 }}/", scope, "p.liquid", page=2) == "/p/3/"
    )
    assert eleventy_permalink("/p/{{ pagination.items[0].slug }}/", scope, "p.njk", page=2) == "/p/kiln-care/"
    assert eleventy_permalink("/c/{{ crew.lead | slugify | url }}/", scope, "c.njk") == "/c/ana/"
    assert eleventy_permalink("/c/{{ crew.lead }}/", {"crew": {"lead": "A & B"}}, "c.njk") == ""


def test_the_form_of_unknown_pages_and_a_javascript_literal() -> None:
    shape = (("news", "", ""), ("page-", "digits", ""))
    assert shape_matches("news/page-12", shape)
    assert not shape_matches("news/page-x", shape) and not shape_matches("news/page-2/more", shape)
    assert shape_matches("a/b/c", (("a", "", ""), ("", "rest", "")))
    assert exported_literal(
        "module.exports = [{ name: 'Kiln', sizes: [1, 2.5], on: true, off: null },];"
    ) == [{"name": "Kiln", "sizes": [1, 2.5], "on": True, "off": None}]
    assert exported_literal("const all = { a: `x` };\nexport default all;\n") == {"a": "x"}
    assert exported_literal("module.exports = [1, 2].map((n) => n);") is NOT_LITERAL
    assert exported_literal("module.exports = { ...others };") is NOT_LITERAL
