"""`stagemap tag` on copies of the fixture sites: the files the reader reads, selected every way."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import MINIMAL_CONFIG, write
from tests.fixture_sites import copy_site, tree_hashes


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def hugo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_site("hugo", tmp_path)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def gatsby(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_site("gatsby", tmp_path)
    monkeypatch.chdir(root)
    return root


TOML_REFUSED = (
    "{rel}:1:1: error: front matter in TOML (+++) cannot be edited by stagemap "
    "(change it by hand, or tag it with rules in stagemap.yml)\n"
    "{rel}: not changed: its front matter is TOML (+++)\n"
)


def test_tag_where_untagged_and_a_site_key_selects_untagged_site_pages(hugo: Path) -> None:
    before = tree_hashes(hugo)
    code, out, err = run(
        "tag",
        "--where",
        "untagged",
        "--where",
        "tags=cash*",
        "--add-stage",
        "awareness",
        "--add-question",
        "problems",
    )
    assert code == 1  # the broken TOML file could not be searched
    assert out == (
        "changed content/blog/cost-of-late-invoicing.md\n"
        "changed content/blog/quiet-january.md\n"
        "2 files changed, 0 unchanged, 2 refused.\n"
    )
    assert err == (
        "note: not searched, because of problems (stagemap check): content/blog/quoting-checklist.md\n"
        "content/blog/five-ways-to-get-paid-on-site.md:1:1: error: front matter in JSON cannot be edited "
        "by stagemap (change it by hand, or tag it with rules in stagemap.yml)\n"
        "content/blog/five-ways-to-get-paid-on-site.md: not changed: its front matter is JSON\n"
        + TOML_REFUSED.format(rel="content/blog/friday-night-invoices.md")
    )
    after = tree_hashes(hugo)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == ["content/blog/cost-of-late-invoicing.md", "content/blog/quiet-january.md"]
    text = (hugo / "content/blog/quiet-january.md").read_text()
    assert text.startswith(
        '---\ntitle: "Planning for a quiet January"\nstages: [awareness]\nquestions: [problems]\n'
    )
    # Tagged now, so no longer untagged; list selects the same way.
    assert run("list", "--where", "untagged", "--where", "tags=cash*", "--format", "paths")[1] == (
        "content/blog/five-ways-to-get-paid-on-site.md\ncontent/blog/friday-night-invoices.md\n"
    )


def test_tag_selects_by_glob_and_id_glob(hugo: Path) -> None:
    code, out, err = run(
        "tag", "content/customers/**", "--where", "id=*/millbrook-*", "--set", "owner=Ana", "--dry-run"
    )
    assert (code, err) == (0, "1 file would change, 0 unchanged, 0 refused (dry run: nothing written).\n")
    assert out.startswith("--- a/content/customers/millbrook-electrical.md\n")
    assert run("tag", "content/nothing/*.md", "--set", "owner=x") == (
        2,
        "",
        "Error: 'content/nothing/*.md' matches no file that stagemap reads\n",
    )
    assert (
        run("tag", "content/nothing.md", "--set", "owner=x")[2]
        == "Error: content/nothing.md does not exist\n"
    )


def test_tag_lists_match_any_item_without_regard_to_case(hugo: Path) -> None:
    code, out, err = run("tag", "content/compare", "--where", "tags=COMPARISON", "--add-stage", "evaluation")
    assert code == 1
    assert (
        out
        == "changed content/compare/switching-from-accounting-apps.md\n1 file changed, 0 unchanged, 2 refused.\n"
    )
    assert err == TOML_REFUSED.format(rel="content/compare/field-service-suites.md") + TOML_REFUSED.format(
        rel="content/compare/tallyvan-vs-spreadsheets.md"
    )


def test_tag_names_why_a_file_it_does_not_read_is_left_alone(hugo: Path) -> None:
    assert run("tag", "content/legal/terms.md", "--set", "owner=x")[2] == (
        "Error: content/legal/terms.md is not read: excluded by 'content/legal/**'\n"
    )
    assert run("tag", "content/blog/_index.md", "--set", "owner=x")[2] == (
        "Error: content/blog/_index.md is not an asset: listing by '_index.md'\n"
    )
    assert run("tag", "content/snippets/trial-cta.md", "--set", "owner=x")[2] == (
        "Error: content/snippets/trial-cta.md is not an asset: "
        "a resource of the page bundle 'content/snippets/index.md'\n"
    )
    assert run("tag", "hugo.toml", "--set", "owner=x")[2] == (
        "Error: hugo.toml is not a content file (.md, .markdown, .mmark, .html)\n"
    )


def test_tag_edits_mdx_and_mmark_files_losslessly(gatsby: Path) -> None:
    mdx = (gatsby / "content/customers/brightwell-couriers.mdx").read_bytes()
    code, out, _ = run("tag", "content/customers/brightwell-couriers.mdx", "content/compare/vs-plug-in-trackers.mmark",
                       "--add-stage", "evaluation", "--add-question", "risk")  # fmt: skip
    assert (code, out.splitlines()[-1]) == (0, "2 files changed, 0 unchanged, 0 refused.")
    after = (gatsby / "content/customers/brightwell-couriers.mdx").read_bytes()
    # The body (MDX imports and components) is untouched; two lines join the front matter.
    assert after.split(b"\n---\n", 1)[1] == mdx.split(b"\n---\n", 1)[1]
    assert b"\nstages: [evaluation]\nquestions: [risk]\n" in after
    assert after.count(b"\n") == mdx.count(b"\n") + 2
    code, out, _ = run("list", "--where", "untagged", "--format", "paths")
    assert "content/customers/brightwell-couriers.mdx" not in out
    assert "content/customers/greenway-grounds.mdx" in out


def test_tag_where_untagged_selects_files_a_stagemap_project_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/done.md": "---\ntitle: Done\nstages: [awareness]\nquestions: [problems]\n---\n",
            "content/bare.md": "---\ntitle: Bare\n---\nBody.\n",
            "content/half.md": "---\ntitle: Half\nstages: [awareness]\n---\n",
        },
    )
    monkeypatch.chdir(root)
    code, out, err = run(
        "tag", "--where", "untagged", "--add-stage", "awareness", "--add-question", "problems"
    )
    assert (code, err) == (0, "")
    assert (
        out == "changed content/bare.md\nchanged content/half.md\n2 files changed, 0 unchanged, 0 refused.\n"
    )
    assert (root / "content/half.md").read_text() == (
        "---\ntitle: Half\nstages: [awareness]\nquestions: [problems]\n---\n"
    )
