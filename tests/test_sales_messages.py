"""What the sales commands say when there is little or nothing to send: the report's headline
(what "can be sent" means, and why the others cannot), `--by persona` without personas, empty
kits and plays, an empty library. As a salesperson and a content lead run them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import QUIET_CONFIG, write

DAY = "2026-03-01"
NO_PERSONAS_CONFIG = (
    "name: Tidewell Kayaks\nmodel: buyer-journey\nlint: {placeholder: false, no-not-for: false}\n"
)
"""A project of a fictional kayak hire firm that has written no personas yet."""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _page(title: str, status: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\nstages: [awareness]\nquestions: [problems]\nstatus: {status}\n{extra}---\n"
        "Paddling in the rain is better with a dry bag.\n"
    )


def _library(root: Path, config: str, pages: dict[str, str]) -> Path:
    write(root, {"stagemap.yml": config, **{f"content/{name}.md": text for name, text in pages.items()}})
    return root


def _headline(out: str) -> str:
    """The report table's headline, its wrapped lines joined."""
    lines = out.split("\n\n", 1)[0].splitlines()[1:]
    return " ".join(lines)


def test_headline_says_what_can_be_sent_means_and_counts_why_the_others_cannot(tmp_path: Path) -> None:
    root = _library(
        tmp_path,
        QUIET_CONFIG,
        {
            "live": _page("Live", "published"),
            "first-draft": _page("First draft", "draft"),
            "second-draft": _page("Second draft", "draft"),
            "old": _page("Old", "published", "review_by: 2026-01-01\n"),
            "gone": _page("Gone", "retired"),
        },
    )
    code, out, err = run("-C", str(root), "report", "--as-of", DAY, "--width", "200")
    assert (code, err) == (0, "")
    assert _headline(out) == (
        "1 of 5 assets can be sent to buyers today (published, on the site and not past their review date)."
        " The other 4: 2 drafts, 1 past its review date, 1 retired."
    )
    code, out, _ = run("-C", str(root), "report", "--as-of", DAY, "--format", "md")
    assert (
        "as of 2026-03-01: 1 of 5 assets can be sent to buyers today (published, on the site and not" in out
    )


def test_headline_when_nothing_can_be_sent_says_why_and_kits_and_plays_note_it(tmp_path: Path) -> None:
    root = _library(
        tmp_path,
        QUIET_CONFIG,
        {"a": _page("A", "draft"), "b": _page("B", "draft"), "c": _page("C", "idea")},
    )
    why = (
        "0 of 3 assets can be sent to buyers today (published, on the site and not past their review date)."
        " Of the 3: 2 drafts, 1 idea."
    )
    code, out, _ = run("-C", str(root), "report", "--as-of", DAY, "--width", "200")
    assert code == 0 and _headline(out) == why
    # No "0 of 0" anywhere: there is no flow and no balance to judge yet, and the report says so.
    assert "0 of 0" not in out and "(0%)" not in out
    assert "flow not tracked yet: no asset that can be sent serves a stage before the last" in out
    assert "Balance\n  no asset that can be sent serves a stage yet\n" in out
    code, _, err = run("-C", str(root), "kits", "-o", str(tmp_path / "handouts"), "--as-of", DAY)
    assert (code, err) == (0, f"note: the kits list nothing to send. {why}\n")
    code, _, err = run("-C", str(root), "kit", "awareness", "--as-of", DAY)
    assert (code, err) == (0, f"note: the kits of every stage list nothing to send. {why}\n")
    code, _, err = run("-C", str(root), "play", "awareness", "--as-of", DAY)
    assert (code, err) == (0, f"note: the plays of every stage list nothing to send. {why}\n")


def test_headline_separates_material_for_the_team(tmp_path: Path) -> None:
    root = _library(
        tmp_path,
        QUIET_CONFIG,
        {
            "route-card": _page("Route card", "published"),
            "briefing": _page("Guide briefing", "published", "audience: internal\n"),
        },
    )
    code, out, _ = run("-C", str(root), "report", "--as-of", DAY, "--width", "200")
    assert code == 0
    assert _headline(out) == (
        "2 of 2 assets are ready today (published, on the site and not past their review date): 1 to send to buyers,"
        " 1 for the team only."
    )


def test_headline_of_a_site_with_no_address_says_to_set_urls_base(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "hugo.toml": "title = 'Tidewell Kayaks'\n",
            "content/tours.md": "---\ntitle: Tours\nstages: [awareness]\nquestions: [problems]\n---\nBook.\n",
            "content/hire.md": "---\ntitle: Hire\n---\nBoats by the hour.\n",
        },
    )
    assert run("-C", str(tmp_path), "init")[0] == 0
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", DAY, "--width", "200")
    assert code == 0
    assert _headline(out) == (
        "2 of 2 assets can be sent to buyers today (published, on the site and not past their review date)."
        " 1 of them lacks a stage or a question yet, so it fills no cell: 'stagemap suggest' proposes some."
        " None of the 2 to send has a public address, so kits link to the site stagemap builds:"
        " set 'urls: {base: ADDRESS}' in stagemap.yml to the public site's address."
    )
    code, _, err = run("-C", str(tmp_path), "kits", "-o", str(tmp_path / "handouts"), "--as-of", DAY)
    assert code == 0 and "note: the page to send is a file of the site stagemap builds" in err
    assert "set 'urls: {base: ADDRESS}' in stagemap.yml" in err


def test_by_persona_without_personas_is_a_configuration_error(tmp_path: Path) -> None:
    root = _library(tmp_path, NO_PERSONAS_CONFIG, {"tours": _page("Tours", "published")})
    fix = (
        "and stagemap.yml defines no personas: add them under 'personas' (an id, a name, what they"
        " need and who is not a fit: see docs/settings.md), or leave out --by persona\n"
    )
    out_dir = tmp_path / "handouts"
    code, out, err = run("-C", str(root), "kits", "-o", str(out_dir), "--by", "persona", "--as-of", DAY)
    assert (code, out, err) == (2, "", f"Error: --by persona writes a set of kits per persona, {fix}")
    assert not out_dir.exists()
    code, out, err = run("-C", str(root), "report", "--by", "persona", "--as-of", DAY)
    assert (code, out, err) == (2, "", f"Error: --by persona adds a persona x stage matrix, {fix}")


def test_empty_library_says_so_rather_than_0_of_0(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": QUIET_CONFIG, "content/.keep": ""})
    empty = (
        "No assets yet: no file in the sources was read as one ('stagemap check --format json' says what"
        " became of each file; 'stagemap new' starts one)."
    )
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", DAY, "--width", "200")
    assert code == 0 and _headline(out) == empty and "0 of 0" not in out
    assert run("-C", str(tmp_path), "list") == (0, "", empty + "\n")
    assert run("-C", str(tmp_path), "list", "--stage", "awareness") == (0, "", empty + "\n")
    code, _, err = run("-C", str(tmp_path), "kits", "-o", str(tmp_path / "handouts"), "--as-of", DAY)
    assert (code, err) == (0, f"note: the kits list nothing to send. {empty}\n")


def test_persona_no_asset_serves_is_named(tmp_path: Path) -> None:
    root = _library(tmp_path, QUIET_CONFIG, {"tours": _page("Tours", "published", "personas: [manager]\n")})
    code, out, _ = run("-C", str(root), "report", "--as-of", DAY, "--persona", "owner", "--width", "200")
    assert code == 0
    assert _headline(out) == (
        "No asset is for persona 'owner': the one asset names other personas (one that names none is for"
        " everyone)."
    )


def test_play_without_a_stage_lists_the_stages(tmp_path: Path) -> None:
    root = _library(tmp_path, QUIET_CONFIG, {"tours": _page("Tours", "published")})
    code, out, err = run("-C", str(root), "play")
    assert (code, out) == (2, "")
    assert err.startswith("Error: name the stage of the play: stagemap play STAGE, where STAGE is one of\n")
    assert "\n  awareness    Noticing the problem\n" in err


def test_init_takes_no_address_on_the_building_machine_as_the_public_one(tmp_path: Path) -> None:
    """A Hugo site whose baseURL is its local preview's (the public one given to ``hugo --baseURL``
    when it is deployed): kits linked every asset to http://0.0.0.0:1313/..., which no buyer can open."""
    write(
        tmp_path,
        {
            "hugo.toml": "baseURL = 'http://0.0.0.0:1313/paddles/'\ntitle = 'Tidewell Kayaks'\n",
            "content/tours.md": "---\ntitle: Tours\n---\nBook.\n",
        },
    )
    code, out, _ = run("-C", str(tmp_path), "init")
    assert code == 0
    assert (
        "hugo.toml sets the site's address, but to a local one, http://0.0.0.0:1313/paddles/: not used as"
        " the public address (urls.base keeps its path alone, /paddles/). Set urls.base to the public"
        " site's address so that kits link to public pages.\n"
    ) in out
    settings = (tmp_path / "stagemap.yml").read_text(encoding="utf-8")
    assert "  base: /paddles/  # e.g. https://www.example.com/paddles/\n" in settings
    assert "base: http" not in settings
