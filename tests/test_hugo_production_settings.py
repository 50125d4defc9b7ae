"""Hugo's production settings, ``config/production/``: ``hugo`` builds for the production
environment and merges that folder's files over ``config/_default/``'s (or over a root
``hugo.toml``), a file per key as there. Doks-style sites keep their ``baseURL`` there alone,
and many turn off for the public site what their default settings turn on for local runs
(``buildDrafts``). Each fixture was built with Hugo 0.111.3 (``hugo -d /tmp/...``) and its
public/ read: the production address, ``params`` merged key by key, production's permalinks, no
draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.detect import detect_site
from stagemap.read.sitedefaults import site_files
from tests.conftest import QUIET_CONFIG, write

SETTINGS = QUIET_CONFIG + "generator: hugo\nsources:\n  - path: content\n    url: /{path}/\n"
DEFAULT = (
    "baseURL = 'http://localhost:1313/'\ntitle = 'Kettle Works'\nbuildDrafts = true\n"
    "[params.desk]\n  phone = '0100 200'\n  hours = 'nine to five'\n"
    "[permalinks]\n  notes = '/local/:slug/'\n"
)
PRODUCTION = "baseurl = 'https://kettles.example/docs/'\nbuildDrafts = false\n[permalinks]\n  notes = '/field/:slug/'\n"
PAGES: dict[str, str | bytes] = {
    "config/_default/hugo.toml": DEFAULT,
    "config/production/hugo.toml": PRODUCTION,
    "config/production/params.toml": "[desk]\n  hours = 'eight to six'\n",
    "content/notes/descaling.md": "---\ntitle: Descaling\n---\n"
    'Call {{< param "desk.phone" >}} between {{< param "desk.hours" >}}. See [the draft](/field/spout/), '
    "[the old address](/local/descaling/) and [this page](/field/descaling/).\n",
    "content/notes/spout.md": "---\ntitle: Spout\ndraft: true\n---\nNot yet.\n",
}


def check_links(root: Path) -> list[str]:
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    return [line for line in result.output.splitlines() if "warning: link" in line]


def test_hugo_production_settings_give_the_address_init_writes(tmp_path: Path) -> None:
    """init wrote the default folder's baseURL (http://localhost:1313/, the address of a local
    run) for a site whose public address only config/production/hugo.toml names: every link a
    salesperson copied from the built site led to localhost."""
    found = detect_site(write(tmp_path, PAGES))
    assert found is not None
    assert (found.config_file, found.base_url, found.title) == (
        "config/_default/hugo.toml",
        "https://kettles.example/docs/",
        "Kettle Works",
    )
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "init"])
    assert result.exit_code == 0, result.output
    assert "  base: https://kettles.example/docs/\n" in (tmp_path / "stagemap.yml").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("main", ["config/_default/hugo.toml", "hugo.toml"])
def test_hugo_production_settings_are_merged_over_the_defaults(tmp_path: Path, main: str) -> None:
    """With config/_default/ or a root hugo.toml under them, as Hugo 0.111.3 builds both:
    desk.hours from production, desk.phone still the default's; /field/descaling/ built, not
    /local/descaling/; the draft not built (buildDrafts = false wins), so a link to it is one to
    a draft. stagemap read the defaults alone: hours 'nine to five', the /local/ address live,
    /field/descaling/ nowhere, and the draft counted as built."""
    files = {k: v for k, v in PAGES.items() if k != "config/_default/hugo.toml"}
    root = write(tmp_path, {**files, main: DEFAULT, "stagemap.yml": SETTINGS})
    params = stagemap.load_project(root).library.site_params
    assert params["desk"] == {"phone": "0100 200", "hours": "eight to six"}
    assert check_links(root) == [
        "content/notes/descaling.md:4:85: warning: link to '/field/spout/' leads to a draft the site does not "
        "build (draft: true) (to publish it, take 'draft: true' out of its front matter; else link to another page)",
        "content/notes/descaling.md:4:119: warning: link to '/local/descaling/' leads nowhere (point it at a "
        "content file, a page's route or a file in the site's static folders)",
    ]
    out = tmp_path / "site"
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)]).exit_code == 0
    page = (out / "assets/notes/descaling.html").read_text(encoding="utf-8")
    assert "Call 0100 200 between eight to six." in page


def test_hugo_without_production_settings_the_defaults_stand(tmp_path: Path) -> None:
    """No config/production/: the defaults are what the build reads (drafts built, /local/)."""
    files = {k: v for k, v in PAGES.items() if not k.startswith("config/production/")}
    root = write(tmp_path, {**files, "stagemap.yml": SETTINGS})
    assert stagemap.load_project(root).library.site_params["desk"]["hours"] == "nine to five"
    assert [line.split("'")[1] for line in check_links(root)] == ["/field/spout/", "/field/descaling/"]


def test_hugo_production_settings_files_are_among_the_sites_files() -> None:
    """An edit to them builds again (the fingerprint vouches for a site by these files)."""
    named = site_files("hugo", "site")
    assert "site/config/production/hugo.toml" in named
    assert "site/config/production/params.toml" in named
    assert "site/config/production/permalinks.yaml" in named


def test_hugo_production_settings_merge_maps_whatever_the_case_of_their_keys(tmp_path: Path) -> None:
    """Hugo reads its keys in any case: config/_default/'s [Markup.Goldmark.Parser] and
    production's [markup.goldmark.renderer] are one map, so the defaults' heading ids stand
    beside production's renderer setting (merged as two maps, production's replaced the other)."""
    root = write(
        tmp_path,
        {
            **PAGES,
            "config/_default/hugo.toml": DEFAULT
            + "[Markup.Goldmark.Parser]\n  autoHeadingIDType = 'blackfriday'\n",
            "config/production/hugo.toml": PRODUCTION + "[markup.goldmark.renderer]\n  unsafe = true\n",
        },
    )
    found = detect_site(root)
    assert found is not None
    assert (found.base_url, found.heading_ids) == ("https://kettles.example/docs/", "blackfriday")


REPLACING: dict[str, str | bytes] = {
    "stagemap.yml": SETTINGS,
    "config/_default/hugo.toml": "baseURL = 'https://kettles.example/'\nignoreFiles = ['wip.md$']\n"
    "disableKinds = ['taxonomy', 'term']\nuglyURLs = true\n"
    "[cascade]\n  stages = ['awareness']\n  questions = ['risk']\n[params.Desk]\n  phone = '0100 200'\n  hours = 'a'\n",
    "config/production/hugo.toml": "ignoreFiles = []\ndisableKinds = []\nuglyURLs = false\n"
    "[cascade]\n  stages = ['evaluation']\n[params.desk]\n  hours = 'b'\n",
    "content/notes/kettle.md": "---\ntitle: Kettle\ntags: [red]\n---\n"
    'Call {{< param "desk.phone" >}} ({{< param "desk.hours" >}}). See [wip](/notes/wip/), [red](/tags/red/) '
    "and [me](/notes/kettle/).\n",
    "content/notes/wip.md": "---\ntitle: Work in progress\n---\nSoon.\n",
}


def test_hugo_a_later_file_replaces_what_it_sets_and_merges_maps(tmp_path: Path) -> None:
    """A review built this with Hugo 0.111.3: production's ignoreFiles = [] leaves nothing out
    (notes/wip/ built), disableKinds = [] turns the term pages back on (/tags/red/), uglyURLs =
    false makes /notes/kettle/ (not .html); the two cascade maps merge key by key (stages from
    production, questions from the defaults), and so do params spelt Desk and desk. stagemap
    kept the defaults' settings: wip left out and both links leading nowhere, the kettle at
    /notes/kettle.html, the defaults' stage, and desk.phone not found."""
    root = write(tmp_path, REPLACING)
    assets = {a.path: (a.stages, a.questions) for a in stagemap.load_project(root).library.assets}
    assert assets == {
        "content/notes/kettle.md": (("evaluation",), ("risk",)),
        "content/notes/wip.md": (("evaluation",), ("risk",)),
    }
    assert check_links(root) == []
    out = tmp_path / "site"
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)]).exit_code == 0
    assert "Call 0100 200 (b)." in (out / "assets/notes/kettle.html").read_text(encoding="utf-8")


def test_hugo_a_later_cascade_list_replaces_the_earlier_one(tmp_path: Path) -> None:
    """Hugo merges a list as a whole: production's [[cascade]] for /notes/** alone stands, so a
    page outside it gets nothing from the defaults' [[cascade]] (Hugo 0.111.3, by a review)."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS,
            "config/_default/hugo.toml": "baseURL = 'https://kettles.example/'\n"
            "[[cascade]]\n  stages = ['awareness']\n  [cascade._target]\n    path = '/guides/**'\n",
            "config/production/hugo.toml": "[[cascade]]\n  stages = ['evaluation']\n"
            "  [cascade._target]\n    path = '/notes/**'\n",
            "content/guides/pour.md": "---\ntitle: Pour\n---\nText.\n",
            "content/notes/boil.md": "---\ntitle: Boil\n---\nText.\n",
        },
    )
    assets = {a.path: a.stages for a in stagemap.load_project(root).library.assets}
    assert assets == {"content/guides/pour.md": (), "content/notes/boil.md": ("evaluation",)}


def test_hugo_a_permalinks_file_wins_over_the_main_files_permalinks(tmp_path: Path) -> None:
    """config/_default/permalinks.toml is read after hugo.toml: Hugo 0.111.3 writes /key/boil/,
    not /main/boil/; stagemap gave the main file's pattern the first say."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS,
            "config/_default/hugo.toml": "baseURL = 'https://kettles.example/'\n[permalinks]\n  notes = '/main/:slug/'\n",
            "config/_default/permalinks.toml": "notes = '/key/:slug/'\n",
            "content/notes/boil.md": "---\ntitle: Boil\n---\nSee [a](/key/boil/) and [b](/main/boil/).\n",
        },
    )
    assert [line.split("'")[1] for line in check_links(root)] == ["/main/boil/"]
