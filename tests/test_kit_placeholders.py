"""Kits and plays say on stderr what they show that is missing or still init's placeholder.

A usability test on a site just read in place: 'stagemap kit evaluation' printed "WHY WE
EXIST / Say why the company exists and what it believes, not what it sells." (the purpose init
writes) and nothing said so; only check and report listed it. A salesperson may hand the page
out as it is: kit, kits and play now print the placeholder rule's warnings on stderr (their
output on stdout unchanged, the exit code 0), and stay quiet with the rule switched off."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.analyse.lint import INIT_PURPOSE
from stagemap.cli.app import cli
from tests.conftest import MINIMAL_CONFIG, write

PAGE = "---\ntitle: Price list\nstages: [evaluation]\nquestions: [risk]\n---\nWhat it costs.\n"


def _project(root: Path, extra: str) -> Path:
    settings = MINIMAL_CONFIG + f"purpose: {INIT_PURPOSE}\n" + extra
    return write(root, {"stagemap.yml": settings, "content/price.md": PAGE})


def test_kit_kits_and_play_warn_of_placeholders_on_stderr(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "")
    purpose = "stagemap.yml:{}: warning: 'purpose' is still the placeholder written by stagemap init"
    for args in (["kit", "evaluation"], ["play", "evaluation"], ["kits", "-o", str(tmp_path / "kits")]):
        result = CliRunner().invoke(cli, ["-C", str(root), *args])
        assert result.exit_code == 0, result.output
        lines = result.stderr.splitlines()
        assert any(line.startswith(purpose.format("10:1")) for line in lines), (args, lines)
        assert any(
            "'messages' is missing: kits show no company message per question" in line for line in lines
        )
        assert "warning" not in result.stdout


def test_no_placeholder_warning_with_the_rule_off(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "lint: {placeholder: false}\n")
    result = CliRunner().invoke(cli, ["-C", str(root), "kit", "evaluation"])
    assert result.exit_code == 0
    assert "warning" not in result.stderr  # (the note on local links may stay: see below)


def test_kit_and_play_say_when_their_links_are_local_files(tmp_path: Path) -> None:
    """A usability test: kits of a site read in place said 'Send: ... <site/assets/...html>', a
    file on this computer no buyer can open, and nothing said that no public address was set.
    With urls.base the links are the public site's, and nothing is said. (A library of
    stagemap's own is published as the site stagemap builds: its kits link there, unremarked.)"""
    note = (
        "note: the page to send is a file of the site stagemap builds (site/assets/...), not an address a"
        " buyer can open: set 'urls: {base: ADDRESS}' in stagemap.yml to the public site's address to send"
        " its links\n"
    )
    quiet = "lint: {placeholder: false}\ngenerator: hugo\nsources: [{path: content, url: '/{path}/'}]\n"
    for args in (["kit", "evaluation"], ["play", "evaluation"]):
        root = _project(tmp_path / "local", quiet)
        result = CliRunner().invoke(cli, ["-C", str(root), *args])
        assert (result.exit_code, result.stderr) == (0, note), args
        assert "site/assets/price.html" in result.stdout
        root = _project(tmp_path / "public", quiet + "urls:\n  base: https://kilns.example/\n")
        result = CliRunner().invoke(cli, ["-C", str(root), *args])
        assert (result.exit_code, result.stderr) == (0, ""), args
        assert "https://kilns.example/price/" in result.stdout
