"""Eleventy pages whose front matter is JavaScript (``---js``), read without running it, and the
paths an Eleventy configuration ignores in a local run only, which the public build reads."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import stagemap
from stagemap.cli.app import cli
from stagemap.read import frontmatter
from stagemap.read.jsdata import CODE
from stagemap.read.jsfrontmatter import load_js
from tests.conftest import write

CONFIG = 'export default function (config) { return { dir: { input: "src" } }; }\n'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_javascript_front_matter_gives_its_plain_values_and_never_shows_as_text(tmp_path: Path) -> None:
    """11ty's own site writes its author pages' front matter in JavaScript (``---js``): the block
    was read as the page's text, so its code showed on the page and its pagination (one page
    per author) was not seen. Eleventy 3 gives a page each top-level declaration, and reads a
    block opening with ``{`` as one object literal; what only running the code gives is left
    out, but for a permalink, which then gives no address rather than the file's."""
    pages = {
        "src/fares.md": '---js\nconst title = "Ferry fares";\nlet permalink = "/prices/";\n'
        'const tags = ["harbour", "fares"];\n---\nTickets from *two* euros.\n',
        "src/quays.md": '---JS\n{\n  title: "Our quays",\n  // a comment\n  eleventyExcludeFromCollections: true,\n'
        "  shown: function () { return 1; },\n}\n---\nSix quays.\n",
        "src/crew.md": "---js\nconst title = await fetch('/names');\nfunction permalink(data) {\n"
        "  return `/crew/${data.page.fileSlug}/`;\n}\n---\n# Crew rota\n\nWho sails when.\n",
        "src/skippers.md": '---javascript\nlet pagination = {\n\tdata: "skippers",\n\tsize: 1,\n\talias: "skipper",\n};\n'
        'let permalink = "/skippers/{{ skipper.name | slugify }}/";\nlet layout = "base.njk";\n---\n'
        "# {{ skipper.name }}\n",
    }
    root = write(tmp_path / "ferry", {"eleventy.config.js": CONFIG, **pages})
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "  1 non-asset: listing by 'pagination: skippers'" in out.splitlines()
    settings = root / "stagemap.yml"
    settings.write_text(
        settings.read_text().replace("# base: https://www.example.com/", "base: https://f.example/")
    )
    project = stagemap.load_project(root)
    assets = {a.path: (a.title, a.url) for a in project.library.assets}
    assert assets == {
        "src/crew.md": ("Crew rota", ""),  # its title and route only the code gives
        "src/fares.md": ("Ferry fares", "https://f.example/prices/"),
        "src/quays.md": ("Our quays", "https://f.example/quays/"),
    }
    code, _, err = run("-C", str(root), "build", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    fares = (tmp_path / "out/assets/fares.html").read_text()
    assert "<p>Tickets from <em>two</em> euros.</p>" in fares
    assert "const title" not in fares and "---js" not in fares
    assert "return 1" not in (tmp_path / "out/assets/quays.html").read_text()


def test_javascript_front_matter_is_read_as_javascript_declares_it() -> None:
    loaded = load_js(
        'const title = "Dock" + "side"\nlet size = 12\nvar open = true;\nconst notes = `plain`\n'
        "const places = [\n  'north',\n  \"south\",\n]\nlet nav = {\n  parent: 'Ports',\n  more: { order: 2 },\n"
        "  key: name,\n}\nconst sum = 1 +\n  2\nconst { hidden } = { hidden: 1 };\nif (size) { let inner = 'x'; }\n"
        "let fee = { amount: 3 }.amount;\nconsole.log('no value')\n",
        first_line=4,
    )
    assert loaded.data == {
        "size": 12,
        "open": True,
        "notes": "plain",
        "places": ["north", "south"],
        "nav": {"parent": "Ports", "more": {"order": 2}, "key": CODE},
    }
    assert (loaded.keys[("size",)].line, loaded.keys[("size",)].col) == (5, 5)
    assert (loaded.values[("places",)].line, loaded.values[("nav",)].line) == (8, 12)
    assert load_js("{ title: 'A', title: function () {} }").data == {}  # the last given is the page's


def test_only_eleventy_reads_a_javascript_block_and_its_opening_line_as_gray_matter_does() -> None:
    for opening in ("---js", "---javascript", "--- js ", "---Js\r"):
        found = frontmatter.split(f"{opening}\nconst a = 1;\n---\nBody.\n".encode(), ("yaml", frontmatter.JS))
        assert (found.syntax, found.body) == ("js", "Body.\n")
    for opening in ("----js", "---jsx", "---json"):
        data = f"{opening}\nconst a = 1;\n---\nBody.\n".encode()
        try:
            frontmatter.split(data, ("yaml", frontmatter.JS))
        except frontmatter.SplitProblem as exc:
            assert exc.code == frontmatter.NO_FRONT_MATTER
        else:
            raise AssertionError(opening)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="{}[]()'\"`/*,:;=\n abc$\\0123+.", max_size=160))
def test_javascript_front_matter_reading_never_fails(text: str) -> None:
    load_js(text)
    load_js("const " + text)
    load_js("{ a: " + text)


def test_long_javascript_front_matter_is_read_in_linear_time() -> None:
    """Blank lines, lines that go on and unclosed brackets are each passed over once."""
    for text in (
        "let a = 1 +\n" * 20_000,
        "let a = 1\n" + "\n" * 60_000,
        "let a = (\n" * 20_000,
        "{ a: [" * 20_000,
    ):
        load_js(text)


def test_eleventy_reads_the_ignores_of_its_production_build_not_of_a_local_run(tmp_path: Path) -> None:
    """11ty's own site ignores src/api/* and its author pages only when NODE_ENV is not
    'production' (the else of its production branch, to make local runs faster), and its admin
    page only in production: init left the author pages and the api out, which the public site
    builds, and kept the admin page. A condition only a development run meets is passed over, a
    production one read, and any other as before (as if the production build met it)."""
    config = """module.exports = function (config) {
  if (process.env.NODE_ENV === "production") {
    config.ignores.add("src/desk.md");
  } else {
    config.ignores.add("src/crew/*");
    if (true) { config.ignores.add("src/charts.md"); }
  }
  if (process.env.ELEVENTY_RUN_MODE !== 'build') { config.ignores.add("src/tides.md"); }
  if (process.env.ELEVENTY_ENV == "development") config.ignores.add("src/buoys.md");
  if (process.env.SKIP) { config.ignores.add("src/gulls.md"); }
  config.ignores.add("src/wip/");
  return { dir: { input: "src" } };
};
"""
    pages = ["desk", "crew/ana", "charts", "tides", "buoys", "gulls", "wip/log", "index"]
    root = write(
        tmp_path,
        {"eleventy.config.js": config, **{f"src/{p}.md": f"---\ntitle: {p}\n---\nText.\n" for p in pages}},
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert sorted(f.path for f in library.fates if f.fate == "excluded") == [
        "src/desk.md",
        "src/gulls.md",
        "src/wip/log.md",
    ]


def test_a_brace_in_a_string_does_not_stretch_a_local_runs_block(tmp_path: Path) -> None:
    """Review R4 of 36ef0d8: a '{' in a string inside a block only a local run takes left that
    block open to the file's end, so every ignore after it, which the production build applies,
    was passed over. Braces in strings are not counted."""
    config = """module.exports = function (config) {
  if (process.env.NODE_ENV !== "production") {
    console.log("{ local run");
    config.ignores.add("src/crew/*");
  }
  config.ignores.add("src/wip/");
  return { dir: { input: "src" } };
};
"""
    pages = ["crew/ana", "wip/log", "index"]
    root = write(
        tmp_path,
        {"eleventy.config.js": config, **{f"src/{p}.md": f"---\ntitle: {p}\n---\nText.\n" for p in pages}},
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert sorted(f.path for f in library.fates if f.fate == "excluded") == ["src/wip/log.md"]
