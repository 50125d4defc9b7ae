"""Jekyll's data files (``_data/``): what ``{{ site.data.x.y }}`` shows, read within bounds,
watched by the preview."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from stagemap.errors import Problem
from stagemap.read import assets, sitedata
from stagemap.read.assets import read_content
from stagemap.read.project import read_project
from stagemap.read.sitedata import read_data
from stagemap.render.dialects import clean
from stagemap.render.shortcodes import SITE_PARAMS
from stagemap.serve import Preview
from tests.conftest import write
from tests.test_cache import OLD
from tests.test_read_cascade import run

SNIPPET = """\
support: |
  ## Asking for help

  Write to [the help desk](https://help.example/) any weekday.
"""
SITE = {
    "stagemap.yml": "name: Brewline\npurpose: Why.\ngenerator: jekyll\nsources: [guides]\n",
    "_config.yml": "title: Brewline\n",
    "_data/notes.yml": SNIPPET,
    "guides/steep.md": "---\ntitle: Steep\n---\nSteep it well.\n\n{{ site.data.notes.support }}\n",
}


def data_of(root: Path, folder: str = "") -> tuple[object, tuple[Problem, ...]]:
    data, problems = read_data(root, folder)
    return data or None, problems


def test_site_data_reads_yaml_and_json_with_subfolders_as_keys(tmp_path: Path) -> None:
    root = write(tmp_path, {
        "_data/notes.yml": "phone: 0100 200\nopen: true\nhours: [9, 17]\n",
        "_data/kettles/steel.json": '{"litres": 1.7, "maker": {"name": "Ironside"}}',
        "_data/kettles/glass.yaml": "litres: 1.2\n",
        "_data/people.csv": "name,role\nAda,brewer\n",
        "_data/.hidden.yml": "x: 1\n",
        "_data/tools.yml": "shown: no\n",
        "_data/tools/timer.yml": "seconds: 240\n",
    })  # fmt: skip
    # A flag, a list and a CSV file (a list of rows) show nothing; a folder wins over its file.
    assert data_of(root) == (
        {
            "kettles": {"glass": {"litres": 1.2}, "steel": {"litres": 1.7, "maker": {"name": "Ironside"}}},
            "notes": {"phone": "0100 200"},
            "tools": {"timer": {"seconds": 240}},
        },
        (),
    )


def test_site_data_in_the_sites_folder_is_read_from_there(tmp_path: Path) -> None:
    root = write(tmp_path, {"website/_data/notes.yml": "phone: 0100 200\n"})
    assert data_of(root, "website") == ({"notes": {"phone": "0100 200"}}, ())
    assert data_of(root) == (None, ())  # no _data at the project's own root


def test_site_data_a_file_that_cannot_be_read_is_a_warning_and_gives_nothing(tmp_path: Path) -> None:
    root = write(tmp_path, {
        "_data/broken.yml": "ok: 1\nlist: [open\n",
        "_data/broken.json": "{\"a\": }",
        "_data/fine.yml": "ok: 1\n",
        "_data/tagged.yml": "x: !!python/object:os.system {}\n",
    })  # fmt: skip
    data, problems = data_of(root)
    assert data == {"fine": {"ok": 1}}
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("_data/broken.json", 1, "site-data"),
        ("_data/broken.yml", 2, "site-data"),
        ("_data/tagged.yml", 1, "site-data"),
    ]


def test_site_data_is_read_within_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(tmp_path, {"_data/big.yml": "x: " + "y" * 3000 + "\n", "_data/small.yml": "x: 1\n"})
    monkeypatch.setattr(sitedata, "MAX_DATA_FILE", 2048)
    data, problems = data_of(root)
    assert data == {"small": {"x": 1}}
    assert [(p.message, p.hint) for p in problems] == [
        (
            "the site's data file is larger than stagemap reads (2 KiB a file)",
            "the values it holds show as placeholders",
        )
    ]


def test_site_data_a_value_alone_on_its_line_is_markdown_the_page_renders() -> None:
    """Travis CI's docs (Jekyll): 76 outputs such as {{ site.data.snippets.contact_enterprise_support }}
    on 57 pages showed as placeholders, where the live page shows the snippet's heading and link
    (Liquid runs before kramdown). In a sentence too a value is Markdown; one not given stays a
    placeholder."""
    site = {
        "data": {
            "notes": {"support": "## Asking\n\nWrite to [us](https://help.example/).\n", "day": "*Monday*"}
        }
    }
    body = (
        "Steep it.\n\n{{ site.data.notes.support }}\n\n"
        "- Open {{ site.data.notes.day }}.\n\n  {{site.data.notes.day}}\n\n{{ site.data.notes.fax }}\n"
    )
    assert clean(body, ".md", "jekyll", {SITE_PARAMS: site}) == (
        "Steep it.\n\n## Asking\n\nWrite to [us](https://help.example/).\n\n"
        "- Open *Monday*.\n\n  *Monday*\n\n*\\[site.data.notes.fax: shown on the live site\\]*\n"
    )


def test_site_data_a_value_in_a_sentence_is_markdown_and_later_lines_start_flush_left() -> None:
    """A reviewer of the Travis CI change: a value in a sentence ('A {{ site.data.n.link }} B',
    the value 'see [docs](/docs/) now') showed its Markdown escaped, the link as text, where
    Jekyll renders it (Liquid runs before kramdown); an indented output's later lines were
    indented as far as the output, where Liquid puts them at the left margin."""
    site = {"data": {"n": {"link": "see [docs](/docs/) now", "steps": "Fill it.\nBoil it.\n"}}}
    body = "A {{ site.data.n.link }} B.\n\n- Then:\n\n    {{ site.data.n.steps }}\n"
    assert clean(body, ".md", "jekyll", {SITE_PARAMS: site}) == (
        "A see [docs](/docs/) now B.\n\n- Then:\n\n    Fill it.\nBoil it.\n"
    )
    eleventy = {"n": {"link": "see [docs](/docs/) now"}}
    assert clean("A {{ n.link }} B.\n", ".md", "eleventy", eleventy) == "A see [docs](/docs/) now B.\n"


def test_the_preview_rebuilds_when_a_data_file_changes(tmp_path: Path) -> None:
    """_data/ is outside the content folder, yet what its files hold reaches the pages."""
    root = write(tmp_path / "site", SITE)
    preview = Preview(root, tmp_path / "served", as_of=dt.date(2026, 11, 24))
    try:
        assert preview.rebuild().error == ""
        page = (tmp_path / "served/assets/steep.html").read_text()
        assert (
            '<h2 id="h-asking-for-help">Asking for help</h2>\n<p>Write to <a href="https://help.example/">the help desk</a> any weekday.</p>'
            in page
        )
        assert not preview.changed()
        data = root / "_data/notes.yml"
        data.write_text(SNIPPET.replace("weekday", "day"))
        assert preview.changed()
        assert preview.rebuild().error == ""
        assert "any day.</p>" in (tmp_path / "served/assets/steep.html").read_text()
    finally:
        preview.stop()


def test_site_data_reads_only_the_files_the_bodies_name(tmp_path: Path) -> None:
    """A reviewer's site of 1,200 data files (19 MB) that no page names: check took 2.2 s instead
    of 0.36 s, every file parsed. Only the files and folders a body names are read (none: none)."""
    root = write(tmp_path, {
        "_data/notes.yml": "phone: 0100 200\n",
        "_data/kettles/steel.yml": "litres: 1.7\n",
        "_data/menu.yml": "broken: [\n",
    })  # fmt: skip
    bodies = ["Call {{ site.data.notes.phone }}.", "No data.", "{{ site.data.kettles.steel.litres }}"]
    named = {name for body in bodies for name in sitedata.names_in(body, "jekyll")}
    assert named == {"notes", "kettles"} and sitedata.names_in(bodies[0], "hugo") == ()
    assert read_data(root, "", named) == (
        {"kettles": {"steel": {"litres": 1.7}}, "notes": {"phone": "0100 200"}},
        (),
    )
    assert read_data(root, "", frozenset()) == ({}, ())


def test_site_data_a_list_is_not_parsed(tmp_path: Path) -> None:
    """A list shows nothing here: the file holding one is not parsed (a syntax error later in it
    is no warning), YAML or JSON."""
    root = write(tmp_path, {
        "_data/rows.yml": "# the team\n---\n- name: Ada\n- name: [Bo\n",
        "_data/rows2.json": ' [{"a": }',
        "_data/map.yml": "a: 1\nbroken: [\n",
    })  # fmt: skip
    data, problems = data_of(root)
    assert data is None
    assert [(p.path, p.code) for p in problems] == [("_data/map.yml", "site-data")]


def test_site_data_past_the_bounds_in_all_is_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewer's 1,200 files: once 8 MiB were read, each file left gave its own warning
    ('larger than 4 KiB', of a file of 16 KiB), 200 alike; now one says how many were left."""
    root = write(tmp_path, {f"_data/f{n}.yml": f"x: {'y' * 1000}\n" for n in range(6)})
    monkeypatch.setattr(sitedata, "MAX_DATA", 3000)
    data, problems = data_of(root)
    assert isinstance(data, dict) and sorted(data) == ["f0", "f1"]
    assert [p.format() for p in problems] == [
        "_data: warning: 4 of the site's data files not read: past stagemap's bounds of 1,000 files"
        " and 2 KiB in all (the values they hold show as placeholders)"
    ]


DATA_LINKS = {
    "stagemap.yml": "name: Brewline\npurpose: Why.\ngenerator: jekyll\nsources: [guides]\nlint: {placeholder: false}\n",
    "_config.yml": "title: Brewline\n",
    "_data/help.yml": (
        "# the help desk\nsupport: |\n  ## Asking for help\n\n  Write to [the desk](/desk/) any weekday.\n"
        'phone: "Ring [us](/r\\u0069ng/) now"\n'
    ),
    "_data/pots.json": '{\n  "tip": "Warm [the pot](/pots/) first \\ud83d\\ude00"\n}\n',
    "guides/steep.md": "---\ntitle: Steep\n---\nSteep it.\n\n{{ site.data.help.support }}\n\nOr {{ site.data.help.phone }}.\n",
    "guides/pour.md": (
        "---\ntitle: Pour\n---\nPour it. {{ site.data.pots.tip }}\n\n{{ site.data.help.support }}\n\n"
        "`{{ site.data.help.phone }}` in code is no link.\n"
    ),
}


def test_a_dead_link_in_a_data_value_is_reported_where_the_data_file_writes_it(tmp_path: Path) -> None:
    """Travis CI's docs (Jekyll), with a link in _data/snippets.yml's contact_enterprise_support
    made to lead nowhere: check --links warned on each of the 27 pages showing it, each at the
    page's first line (user/enterprise.md:5), never naming the data file. Now one warning at
    the address in the data file names the pages; a value writing the address otherwise (an
    escape in double quotes) is pointed at, and where the value's place in the file is not
    known (JSON that YAML does not read: an emoji as two escaped halves), the page's output is,
    naming the value and its file."""
    root = write(tmp_path, DATA_LINKS)
    code, _, err = run("-C", str(root), "check", "--links")
    hint = "(point it at a content file, a page's route or a file in the site's static folders)"
    assert code == 0
    assert err == (
        "_data/help.yml:5:23: warning: link to '/desk/' leads nowhere"
        f" (shown on 2 pages: guides/pour.md and guides/steep.md) {hint}\n"
        f"_data/help.yml:6:8: warning: link to '/ring/' leads nowhere (shown on guides/steep.md) {hint}\n"
        "guides/pour.md:4:10: warning: link to '/pots/' leads nowhere"
        f" (the value of site.data.pots.tip in _data/pots.json) {hint}\n"
    )


def test_a_warm_check_reads_no_unchanged_body_for_the_data_files_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Travis CI's docs (Jekyll, 316 files, a _data folder): every command, warm or not, read
    every file once (320 reads of a warm check) to find the data files the pages' outputs name,
    before the parse cache was opened. What a body names is kept in its cache entry: a warm
    check reads the site's configuration and no page (1 read), and still reads the data files
    named (a broken one is still reported), and only those."""
    root = write(tmp_path, {
        **SITE,
        "_data/menu.yml": "broken: [\n",
        "_data/unused.yml": "broken: [\n",
        "guides/menu.md": "---\ntitle: Menu\n---\n{{ site.data.menu.broken }}\n",
        "guides/plain.md": "---\ntitle: Plain\n---\nNo data here.\n",
    })  # fmt: skip
    for page in (root / "guides").iterdir():
        os.utime(page, ns=(OLD, OLD))
    cold = run("-C", str(root), "check")
    assert cold[0] == 0
    assert cold[2].startswith(
        "_data/menu.yml:2:1: warning: cannot read the site's data file: YAML syntax error:"
    )  # (and not _data/unused.yml, which no page names)
    assert cold[2].count("_data/") == 1
    read: list[str] = []

    def counted(path: str, rel: str) -> bytes | Problem:
        read.append(rel)
        return read_content(path, rel)

    monkeypatch.setattr(assets, "read_content", counted)
    assert run("-C", str(root), "check") == cold
    assert read == ["_config.yml"]
    project, _ = read_project(root, bodies=False)
    assert project.library.site_params == {
        "title": "Brewline",
        "data": {
            "notes": {
                "support": "## Asking for help\n\nWrite to [the help desk](https://help.example/) any weekday.\n"
            }
        },
    }
