"""Eleventy pages whose front matter fence names its language (``---json``, ``---yaml``), as
gray-matter, Eleventy's reader of front matter, takes the rest of the opening ``---`` line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read import formats, frontmatter
from stagemap.read.presets import preset_front_matter
from tests.conftest import write

CONFIG = 'export default function (config) { return { dir: { input: "src" } }; }\n'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_eleventy_reads_json_front_matter_under_a_fence_naming_it(tmp_path: Path) -> None:
    """A site's feed template wrote its front matter as ``---json``: it was read as a page without
    any, so the feed (``permalink: feed.xml``) counted as an asset at its path's address, and the
    JSON showed as its text. Eleventy reads the block as JSON, and ``---yaml`` as YAML."""
    pages = {
        "src/feed.njk": '---json\n{\n  "permalink": "feed.xml",\n  "eleventyExcludeFromCollections": true\n}\n'
        "---\n<feed>{{ collections.all | length }}</feed>\n",
        "src/tides.md": '---json\n{\n  "title": "Tide tables",\n  "permalink": "/sailing/tides/",\n'
        '  "tags": ["harbour"]\n}\n---\nHigh water at *noon*.\n',
        "src/moorings.md": "---YAML\ntitle: Winter moorings\n---\nBook a berth by October.\n",
    }
    root = write(tmp_path / "marina", {"eleventy.config.js": CONFIG, **pages})
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "  1 non-asset: not a page by 'permalink: feed.xml'" in out.splitlines()
    settings = root / "stagemap.yml"
    settings.write_text(
        settings.read_text().replace("# base: https://www.example.com/", "base: https://m.example/")
    )
    project = stagemap.load_project(root)
    assets = {a.path: (a.title, a.url) for a in project.library.assets}
    assert assets == {
        "src/moorings.md": ("Winter moorings", "https://m.example/moorings/"),
        "src/tides.md": ("Tide tables", "https://m.example/sailing/tides/"),
    }
    code, _, err = run("-C", str(root), "build", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    tides = (tmp_path / "out/assets/tides.html").read_text()
    assert "<p>High water at <em>noon</em>.</p>" in tides
    assert "---json" not in tides and "permalink" not in tides
    assert "YAML" not in (tmp_path / "out/assets/moorings.html").read_text()


def test_a_named_fence_is_read_as_gray_matter_reads_it() -> None:
    eleventy = preset_front_matter("eleventy")
    for opening in ("---json", "--- json ", "---json\r"):
        found = frontmatter.split(f'{opening}\n{{"title": "Quay"}}\n---\nBody.\n'.encode(), eleventy)
        assert (found.syntax, found.body, formats.load(found).data) == ("json", "Body.\n", {"title": "Quay"})
    for opening in ("---yaml", "---YML", "--- Yaml"):
        found = frontmatter.split(f"{opening}\ntitle: Quay\n---\nBody.\n".encode(), eleventy)
        assert (found.syntax, found.body, formats.load(found).data) == ("yaml", "Body.\n", {"title": "Quay"})
    # A blank line before the object, and each key and value at its line in the file.
    found = frontmatter.split(b'---json\n\n  {"title": "Quay",\n "size": 3}\n---\n', eleventy)
    loaded = formats.load(found)
    assert (loaded.keys[("title",)].line, loaded.keys[("size",)].line, loaded.keys[("size",)].col) == (
        3,
        4,
        2,
    )
    # gray-matter has no engine named ``JSON`` (its build fails); other generators read no such fence.
    for data, syntaxes in (
        (b'---JSON\n{"title": "Quay"}\n---\n', eleventy),
        (b'---json\n{"title": "Quay"}\n---\n', preset_front_matter("jekyll")),
        (b"---yaml\ntitle: Quay\n---\n", preset_front_matter("hugo")),
    ):
        try:
            frontmatter.split(data, syntaxes)
        except frontmatter.SplitProblem as exc:
            assert exc.code == frontmatter.NO_FRONT_MATTER
        else:
            raise AssertionError(data)


def test_a_json_block_that_is_no_object_is_a_problem_at_its_line() -> None:
    eleventy = preset_front_matter("eleventy")
    problems = []
    for data in (
        b'---json\n{\n  "title": "Quay",\n  "size": \n}\n---\n',
        b'---json\n["Quay"]\n---\n',
        b'---json\n{"title": "Quay"}\n',
        b'---json\n{\n  "title": "NaN",\n  "size": NaN\n}\n---\n',  # JSON.parse has no NaN
    ):
        try:
            frontmatter.split(data, eleventy)
        except frontmatter.SplitProblem as exc:
            problems.append((exc.line, exc.col, exc.code))
    assert problems == [(5, 1, "json"), (2, 1, "json"), (1, 1, "unclosed-front-matter"), (4, 11, "json")]
    found = frontmatter.split(b"---json\n\n---\nBody.\n", eleventy)  # an empty block: no fields
    assert (found.syntax, formats.load(found).data) == ("json", {})
