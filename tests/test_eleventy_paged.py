"""Pages an Eleventy template makes by pagination over data (read/eleventypaged.py): their
addresses worked out from the data and the permalink, and, where they cannot be, links of the
form the permalink gives them taken to reach one, with a note saying why once a template.

The sites here are Brightwell Kilns', a fictional maker of pottery kilns for schools."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli import loading
from stagemap.cli.app import cli
from stagemap.read.eleventy import each_output, eleventy_permalink
from stagemap.read.eleventypaged import shape_matches
from stagemap.read.jsliteral import NOT_LITERAL, exported_literal
from stagemap.read.sitedata import site_inputs
from tests.conftest import write
from tests.test_unchanged_build import LibraryRead, age, read_again, rewrite, run_build

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
    return [
        line for line in run(root, "check", "--links")[2].splitlines() if not line.startswith("stagemap.yml")
    ]


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
        " of the form /dealers/*/ is taken to reach one of them, not checked; 'lint: {unknown-pages:"
        " false}' in stagemap.yml says it no more)"
    ) in lines
    assert (
        "site/regions.njk:2:1: warning: the pages its pagination makes are not known here: it goes"
        " through the collection 'region', which Eleventy gathers as it builds (a link to an address"
        " of the form /regions/*/ is taken to reach one of them, not checked; 'lint: {unknown-pages:"
        " false}' in stagemap.yml says it no more)"
    ) in lines
    with (root / "stagemap.yml").open("a", encoding="utf-8") as settings:
        settings.write("lint: {unknown-pages: false}\n")
    assert "not known here" not in run(root, "check", "--links", "--strict")[2]


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


def test_a_configuration_linked_to_a_device_is_not_read(tmp_path: Path) -> None:
    """A configuration file that is a link to /dev/zero (or out of the project) is passed over
    as the other generators' are, not read to the end of memory."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": CONFIG,
            "site/kilns.njk": "---\npagination:\n  data: kilns\n  size: 1\n---\n<p>K</p>\n",
            "site/about.md": "---\ntitle: About\n---\nSee [kilns](/kilns/1/).\n",
        },
    )
    assert run(root, "init")[0] == 0
    (root / "eleventy.config.js").unlink()
    (root / "eleventy.config.js").symlink_to("/dev/zero")
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_data_outside_the_project_or_not_readable_is_not_read_and_says_why(tmp_path: Path) -> None:
    """A data file linked out of the project, a data folder that is such a link or that dir.data
    puts above the project, is not read: the pages are not known, and the note says why; a file
    that is not JSON says so, rather than that it is worked out in code."""
    outside = tmp_path / "outside"
    write(outside, {"kilns.json": '["Northfield"]', "crews.json": '["Ember"]'})
    root = write(
        tmp_path / "brightwell",
        {
            "eleventy.config.js": CONFIG,
            "site/_data/glazes.json": '["Celadon",',
            "site/kilns.njk": "---\npagination:\n  data: kilns\n  size: 1\n  alias: k\npermalink: /kilns/{{ k }}/\n---\nK\n",
            "site/glazes.njk": "---\npagination:\n  data: glazes\n  size: 1\n  alias: g\npermalink: /glazes/{{ g }}/\n---\nG\n",
            "site/about.md": "---\ntitle: About\n---\nSee [one](/kilns/northfield/) and [two](/glazes/celadon/).\n",
        },
    )
    (root / "site/_data/kilns.json").symlink_to(outside / "kilns.json")
    lines = warned(root)
    assert any(
        "site/kilns.njk:2:1:" in line
        and "site/_data/kilns.json, which is not read: it is outside the project" in line
        for line in lines
    ), lines
    assert any("site/_data/glazes.json, which is not read: it is not valid JSON" in line for line in lines), (
        lines
    )
    (root / "site/_data/kilns.json").unlink()
    (root / "site/_data/glazes.json").unlink()
    (root / "site/_data").rmdir()
    (root / "site/_data").symlink_to(outside)
    assert "it is outside the project" in run(root, "check", "--links")[2]
    (root / "site/_data").unlink()
    (root / "eleventy.config.js").write_text(
        'export default function () {\n  return { dir: { input: "site", data: "../../outside" } };\n}\n'
    )
    assert "it is outside the project" in run(root, "check", "--links")[2]


def test_a_data_extension_in_a_comment_is_not_registered(tmp_path: Path) -> None:
    """``// config.addDataExtension("yaml", ...)`` registers nothing: the YAML file is not read."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": (
                'export default function (config) {\n  // config.addDataExtension("yaml", (t) => yaml.load(t));\n'
                '  return { dir: { input: "site" } };\n}\n'
            ),
            "site/_data/kilns.yaml": "- northfield\n",
            "site/kilns.njk": "---\npagination:\n  data: kilns\n  size: 1\n  alias: k\npermalink: /kilns/{{ k }}/\n---\nK\n",
            "site/about.md": "---\ntitle: About\n---\nSee [one](/kilns/northfield/).\n",
        },
    )
    assert any("'kilns' is neither in its front matter nor in a data file" in line for line in warned(root))


def test_a_title_nunjucks_would_escape_is_known_through_a_slug_filter() -> None:
    """``slugify`` takes quotes and ``<>`` out before Nunjucks escapes the output: a title with
    them still gives its address through the filter, none without one."""
    fm = {"title": 'The "Pro" kiln <new>'}
    assert eleventy_permalink("/kilns/{{ title | slugify }}/", fm, "pro.njk") == "/kilns/the-pro-kiln-new/"
    assert eleventy_permalink("/kilns/{{ title }}/", fm, "pro.njk") == ""
    assert eleventy_permalink("/kilns/{{ title | url }}/", fm, "pro.njk") == ""


def test_slugify_writes_umlauts_as_transliterate_does_and_slug_drops_their_marks() -> None:
    """Eleventy's ``slugify`` (through @sindresorhus/transliterate) writes ``ü`` as ``ue`` and
    ``ß`` as ``ss``; ``slug`` (the older slugify package) drops the mark: ``zurich``."""
    fm = {"city": "Zürich Straße", "near": "Zu\u0308rich"}
    assert eleventy_permalink("/d/{{ city | slugify }}/", fm, "d.njk") == "/d/zuerich-strasse/"
    assert eleventy_permalink("/d/{{ near | slugify }}/", fm, "d.njk") == "/d/zuerich/"
    assert eleventy_permalink("/d/{{ near | slug }}/", fm, "d.njk") == "/d/zurich/"
    assert eleventy_permalink("/d/{{ city | slug }}/", fm, "d.njk") == ""


def test_a_javascript_export_that_is_not_a_plain_literal_is_not_read() -> None:
    """Only a literal exported as written gives pages: a name used in an expression, set again
    or changed, a second export (JavaScript keeps the last), a regular expression in the value
    or a legacy octal number make the data unknown, never items it may not have."""
    kilns = "const kilns = [{ name: 'Ash' }, { name: 'Elm', live: false }];\n"
    for code in (
        kilns + "module.exports = kilns.filter((k) => k.live !== false);\n",
        kilns + "export default kilns.map((k) => k);\n",
        "let kilns = ['Ash', 'Elm'];\nkilns = kilns.slice(0, 1);\nmodule.exports = kilns;\n",
        kilns + "kilns.push({ name: 'Oak' });\nexport default kilns;\n",
        "module.exports = ['Ash'];\nmodule.exports = ['Elm'];\n",
        "module.exports = ['Ash'];\nmodule.exports.push('Elm');\n",
        "module.exports = [ /ash/ ];\n",
        "module.exports = [0777];\n",
        "module.exports = [" + "1," * 200_000 + "];\n",
    ):
        assert exported_literal(code) is NOT_LITERAL, code[:80]
    assert exported_literal(kilns + "// the list\nexport default kilns;\n") == [
        {"name": "Ash"},
        {"name": "Elm", "live": False},
    ]
    assert exported_literal("module.exports = [ /* first */ 'Ash', // x\n 0, 10 ];\n") == ["Ash", 0, 10]


def test_a_hostile_permalink_costs_little_for_every_page(tmp_path: Path) -> None:
    """A permalink with thousands of outputs never closed is not worked out (and no form kept),
    in time that does not grow with its square, nor with the number of pages."""
    root = write(
        tmp_path,
        {
            "eleventy.config.js": CONFIG,
            "site/_data/kilns.json": "[" + ",".join(f'"k{n}"' for n in range(50)) + "]",
            "site/kilns.njk": (
                "---\npagination:\n  data: kilns\n  size: 1\n  alias: k\n"
                'permalink: "/kilns/' + "{{" * 4000 + '"\n---\nK\n'
            ),
            "site/about.md": "---\ntitle: About\n---\nSee [one](/kilns/k1/).\n",
        },
    )
    started = time.monotonic()
    lines = warned(root)
    assert time.monotonic() - started < 15
    assert lines == [nowhere("/kilns/k1/", 4, 11)]  # (no form kept: the link is checked)
    assert each_output("/a/{{ b }}/" + "{{" * 50_000, str.strip) is None
    assert each_output("/a/{{ b }}/{{c}}", str.strip) == "/a/b/c"


def test_an_edit_of_a_data_file_beside_the_input_folder_builds_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``dir: {input: "site", data: "../_data"}`` the data folder is no folder of the
    sources: the 'nothing changed' fingerprint must look at it, and serve watches it."""
    root = tmp_path / "repo"
    for name, text in {
        "eleventy.config.js": 'export default function () {\n  return { dir: { input: "site", data: "../_data" } };\n}\n',
        "_data/kilns.js": "module.exports = ['ash'];\n",
        "site/kilns.njk": "---\npagination:\n  data: kilns\n  size: 1\n  alias: k\npermalink: /kilns/{{ k }}/\n---\nK\n",
        "site/about.md": "---\ntitle: About\n---\nSee [Elm](/kilns/elm/).\n",
    }.items():
        rewrite(root / name, text)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    age(root)
    out = tmp_path / "out"
    assert run_build(root, out)[0] == 0
    rewrite(root / "_data/kilns.js", "module.exports = ['ash', 'elm'];\n")

    def read_project(*_args: object, **_kwargs: object) -> None:
        raise LibraryRead

    monkeypatch.setattr(loading, "read_project", read_project)
    assert read_again(root, out)
    assert "_data" in site_inputs("eleventy", "", root)
