"""Done-when checks on the fixture sites: one settings edit of rules tags a whole site.

Each site is read as `test_read_sites` sets it up, plus the rules in
docs/examples/rules/<site>.yml (written from the site's own folders and taxonomies). The
report of each then explains every count, says that flow is not tracked yet, and no file of
the site changes.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from stagemap.analyse.coverage import analyse
from stagemap.analyse.explain import explain_cell
from stagemap.cli.app import cli
from stagemap.model.library import Library
from stagemap.model.settings import Config
from stagemap.read.assets import load_library
from stagemap.read.settings import config_from_data
from stagemap.render.table import render_table
from tests.test_read_sites import SETTINGS, SITE_NAMES, SITES, URL_SETTINGS, expected, tree_hashes

RULES = Path(__file__).parent.parent / "docs" / "examples" / "rules"
DAY = dt.date(2026, 3, 1)
MIN_PRECISION = 0.8
"""The share of (asset, stage) tags given by the example rules that the answer key also gives."""


def ruled_site(site: str) -> tuple[Config, Library]:
    answer = expected(site)
    excludes = sorted({f["glob"] for f in answer["files"].values() if f["fate"] == "excluded"})
    settings: dict[str, Any] = {
        "generator": answer["generator"],
        "sources": [{"path": ".", "exclude": [*excludes, "/EXPECTED.yml"]}],
        "urls": {"base": answer["url"]["base"]},
        "cache": False,
        **SETTINGS[site],
        "rules": yaml.safe_load((RULES / f"{site}.yml").read_text(encoding="utf-8")),
    }
    config = config_from_data(SITES / site, settings)
    return config, load_library(config)


def stage_agreement(site: str, library: Library) -> tuple[int, int, int]:
    """Return (rule stage tags the answer key shares, rule stage tags, answer key stage tags)."""
    files = expected(site)["files"]
    given = {(a.path, s) for a in library.assets for s in a.stages}
    wanted = {(p, s) for p, f in files.items() if f["fate"] == "asset" for s in f.get("stages", [])}
    return len(given & wanted), len(given), len(wanted)


@pytest.mark.parametrize("site", SITE_NAMES)
def test_rules_sites_tag_every_asset_in_one_settings_edit(site: str) -> None:
    before = tree_hashes(SITES / site)
    _, library = ruled_site(site)
    assert [a.path for a in library.assets if not a.stages] == []
    shared, given, _ = stage_agreement(site, library)
    assert shared / given >= MIN_PRECISION
    assert tree_hashes(SITES / site) == before


@pytest.mark.parametrize("site", SITE_NAMES)
def test_rules_sites_explain_every_count(site: str) -> None:
    config, library = ruled_site(site)
    report = analyse(config, library, DAY)
    for cell in report.cells:
        found = explain_cell(report, library, cell.stage, cell.question)
        assert tuple(r.asset for r in found.rows if r.counts) == cell.assets
        for row in found.rows:
            assert row.counts or row.reason
            assert all(w.startswith(("rule ", row.path)) for w in (*row.stage_from, *row.question_from))


@pytest.mark.parametrize("site", SITE_NAMES)
def test_rules_sites_first_report_says_flow_not_tracked(site: str) -> None:
    config, library = ruled_site(site)
    report = analyse(config, library, DAY)
    assert (report.flow_tracked, report.stuck, report.dead_ends) == (False, (), ())
    assert "flow not tracked yet" in render_table(report, width=120, color=False)


@pytest.mark.parametrize("site", sorted(URL_SETTINGS))
def test_rules_sites_inferred_next_steps_are_real_links(site: str) -> None:
    before = tree_hashes(SITES / site)
    answer = expected(site)
    settings = {"generator": answer["generator"], "cache": False, **URL_SETTINGS[site]}
    settings["urls"] = {"base": answer["url"]["base"], **settings.get("urls", {})}
    config = config_from_data(SITES / site, settings)
    library = load_library(config)
    report = analyse(config, library, DAY)
    links = {(link["from"], link["to"]) for link in answer["links"]}
    by_id = library.by_id
    inferred = [(by_id[a].path, by_id[t].path) for a, t in report.inferred_next]
    assert len(inferred) >= 4
    assert [pair for pair in inferred if pair not in links] == []
    assert all(not by_id[a].next for a, _ in report.inferred_next)
    assert "inferred from closing links (not written)" in render_table(report, width=120, color=False)
    assert tree_hashes(SITES / site) == before


def test_rules_sites_cli_one_settings_edit_on_a_copy(tmp_path: Path) -> None:
    """From a copy of the Hugo site: one stagemap.yml naming the rules file, then report and explain."""
    site = tmp_path / "hugo"
    shutil.copytree(SITES / "hugo", site)
    before = tree_hashes(site)
    answer = expected("hugo")
    excludes = sorted({f["glob"] for f in answer["files"].values() if f["fate"] == "excluded"})
    settings = {
        "generator": "hugo",
        "sources": [{"path": ".", "exclude": [*excludes, "/EXPECTED.yml", "/rules.yml", "/stagemap.yml"]}],
        "cache": False,
        **SETTINGS["hugo"],
        "rules": "rules.yml",
    }
    (site / "stagemap.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    shutil.copy2(RULES / "hugo.yml", site / "rules.yml")
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(site), "report", "--as-of", "2026-03-01", "--width", "200"])
    assert result.exit_code == 0, result.output
    assert "flow not tracked yet: 0 of 29 assets before the last stage name a next step" in result.stdout
    result = runner.invoke(
        cli, ["-C", str(site), "report", "--explain", "evaluation:risk", "--as-of", "2026-03-01"]
    )
    assert result.stdout.startswith("evaluation \u00d7 risk: covered, 6 counted (2 make it covered)\n")
    assert (
        "rule 4 (rules.yml:9): path content/customers/ -> stages: evaluation; questions: risk; format: case-study"
        in result.stdout
    )
    after = tree_hashes(site)
    assert {k: v for k, v in after.items() if k not in ("stagemap.yml", "rules.yml")} == before
