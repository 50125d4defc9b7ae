"""What the headline, kits and plays say about what can be sent, checked against what the kits
really link: public addresses, material for the team, one reason per asset, one and many.
A fictional river-guiding firm, Larchford Paddles, as a salesperson runs the commands."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import QUIET_CONFIG, write

DAY = "2026-03-01"
READY = "(published, on the site and not past their review date)"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _page(title: str, extra: str = "", stage: str = "awareness") -> str:
    return (
        f"---\ntitle: {title}\nstages: [{stage}]\nquestions: [problems]\n{extra}---\n"
        "Cold water is kinder with a wetsuit that fits.\n"
    )


def _headline(out: str) -> str:
    """The report table's headline, its wrapped lines joined."""
    return " ".join(out.split("\n\n", 1)[0].splitlines()[1:])


def _report(root: Path, *extra: str) -> str:
    code, out, err = run("-C", str(root), "report", "--as-of", DAY, "--width", "400", *extra)
    assert code == 0, err
    return _headline(out)


def test_a_route_alone_is_no_public_address_as_kits_link_it(tmp_path: Path) -> None:
    """A page of a Hugo site without baseURL giving itself ``url: /tours-2027/`` has that route
    as its url, but no address a buyer can open: its kit links the built site's page, as for the
    other page, and the headline counts both (it said one). Jekyll's ``permalink`` alike."""
    hugo = tmp_path / "hugo"
    write(
        hugo,
        {
            "hugo.toml": "title = 'Larchford Paddles'\n",
            "content/tours.md": _page("Tours", "url: /tours-2027/\n"),
            "content/hire.md": _page("Hire"),
        },
    )
    jekyll = tmp_path / "jekyll"
    write(
        jekyll,
        {
            "_config.yml": "title: Larchford Paddles\n",
            "tours.md": _page("Tours", "permalink: /tours-2027/\n"),
            "hire.md": _page("Hire"),
        },
    )
    for root in (hugo, jekyll):
        assert run("-C", str(root), "init")[0] == 0
        data = json.loads(run("-C", str(root), "list", "--format", "json")[1])
        assert {a["id"]: a["url"] for a in data["assets"]}["tours"] == "/tours-2027/"
        assert "None of the 2 to send has a public address" in _report(root), root
        code, out, err = run("-C", str(root), "kit", "awareness", "--as-of", DAY)
        assert code == 0 and "site/assets/tours.html" in out and "site/assets/hire.html" in out
        assert "note: the pages to send are files of the site stagemap builds" in err


def test_team_material_linked_to_the_built_site_gives_no_address_note(tmp_path: Path) -> None:
    """Internal material links to the built site by design: kits, kit and play noted 'the pages
    to send are files of the site' when the buyers' pages all had public addresses."""
    write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG
            + "generator: hugo\nsources: [{path: content, url: '/{path}/'}]\n"
            + "urls: {base: 'https://paddles.example/'}\n",
            "content/tours.md": _page("Tours"),
            "content/briefing.md": _page("Guide briefing", "audience: internal\n"),
        },
    )
    for args in (["kits", "-o", str(tmp_path / "handouts")], ["kit", "awareness"], ["play", "awareness"]):
        code, _, err = run("-C", str(tmp_path), *args, "--as-of", DAY)
        assert (code, err) == (0, ""), args
    kit = (tmp_path / "handouts" / "01-awareness.md").read_text(encoding="utf-8")
    assert "https://paddles.example/tours/" in kit and "assets/briefing.html" in kit


def test_address_note_counts_the_pages_to_send_without_one(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG
            + "generator: hugo\nsources: [{path: content, url: '/{path}/'}, {path: notes}]\n"
            + "urls: {base: 'https://paddles.example/'}\n",
            "content/tours.md": _page("Tours"),
            "content/hire.md": _page("Hire", "url: /hire-2027/\n"),
            "notes/maps.md": _page("Maps"),
        },
    )
    code, _, err = run("-C", str(tmp_path), "kit", "awareness", "--as-of", DAY)
    assert (code, err) == (
        0,
        "note: 1 of the 3 pages to send is a file of the site stagemap builds (site/assets/...), not an"
        " address a buyer can open: a 'url' in its front matter, or 'urls: {pattern: ...}' in"
        " stagemap.yml, gives it its public address\n",
    )


def test_only_team_material_ready_is_nothing_to_send(tmp_path: Path) -> None:
    """A published briefing for the guides and a draft: every kit says 'Nothing to send' and the
    commands said nothing on stderr, as the briefing counted as something to send."""
    write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG,
            "content/briefing.md": _page("Guide briefing", "audience: internal\n"),
            "content/d1.md": _page("Tours", "status: draft\n"),
        },
    )
    why = f"1 of 2 assets is ready today {READY}: 0 to send to buyers, 1 for the team only. The other one is a draft."
    assert _report(tmp_path) == why
    code, _, err = run("-C", str(tmp_path), "kits", "-o", str(tmp_path / "handouts"), "--as-of", DAY)
    assert (code, err) == (0, f"note: the kits list nothing to send. {why}\n")
    code, out, err = run("-C", str(tmp_path), "kit", "awareness", "--as-of", DAY)
    assert (code, err) == (0, f"note: the kits of every stage list nothing to send. {why}\n")
    # The stage counts the briefing (cells count material for the team): ready, not "to send".
    assert "1 asset ready (thin)." in out and "ready to send (" not in out
    code, _, err = run("-C", str(tmp_path), "play", "awareness", "--as-of", DAY)
    assert (code, err) == (0, f"note: the plays of every stage list nothing to send. {why}\n")


def test_kits_by_persona_say_which_persona_has_nothing_to_send(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG,
            "content/clubs.md": _page("Club hire", "personas: [owner]\n"),
            "content/trips.md": _page("School trips", "personas: [manager]\nstatus: draft\n"),
        },
    )
    code, _, err = run(
        "-C", str(tmp_path), "kits", "-o", str(tmp_path / "handouts"), "--by", "persona", "--as-of", DAY
    )
    assert (code, err) == (
        0,
        "note: the kits for Office manager list nothing to send."
        f" 0 of 1 asset can be sent to buyers today {READY}. It is a draft.\n",
    )


def test_headline_and_explain_give_one_reason(tmp_path: Path) -> None:
    """Published, not on the site until next year, its review date passed already: the headline
    said 'past its review date', report --explain 'on the site from 2027-01-01'."""
    write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG,
            "content/tours.md": _page("Tours"),
            "content/winter.md": _page("Winter tours", "publish_on: 2027-01-01\nreview_by: 2026-01-01\n"),
        },
    )
    assert _report(tmp_path) == (
        f"1 of 2 assets can be sent to buyers today {READY}. The other one is not on the site until its day."
    )
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", DAY, "--explain", "awareness:problems")
    assert code == 0 and "on the site from 2027-01-01" in out and "review date" not in out


def test_one_and_many_read_right(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": QUIET_CONFIG,
            "content/tours.md": _page("Tours"),
            "content/d1.md": _page("Hire", "status: draft\n"),
            "content/d2.md": _page("Maps", "status: idea\n"),
            "content/d3.md": _page("Camps", "status: idea\n"),
        },
    )
    assert _report(tmp_path) == (
        f"1 of 4 assets can be sent to buyers today {READY}. The other 3: 2 ideas, 1 draft."
    )
    (tmp_path / "content" / "tours.md").unlink()
    (tmp_path / "content" / "d2.md").unlink()
    (tmp_path / "content" / "d3.md").unlink()
    assert _report(tmp_path) == f"0 of 1 asset can be sent to buyers today {READY}. It is a draft."
    write(tmp_path, {"stagemap.yml": QUIET_CONFIG, "content/d1.md": _page("Hire", "personas: [owner]\n")})
    assert _report(tmp_path, "--persona", "manager") == (
        "No asset is for persona 'manager': the one asset names other personas (one that names none is"
        " for everyone)."
    )


def test_a_local_base_url_keeps_the_path_the_site_is_served_under(tmp_path: Path) -> None:
    """``baseURL = 'http://localhost:1313/paddles/'``, a preview's: not the public address, but
    Hugo serves the site under /paddles/ and pages link from the root with it. Without the path a
    link to /paddles/hire/ led nowhere, and the step from tours to hire was lost."""
    write(
        tmp_path,
        {
            "hugo.toml": "baseURL = 'http://localhost:1313/paddles/'\ntitle = 'Larchford Paddles'\n",
            "content/tours.md": _page("Tours", "", "awareness") + "Then [hire a boat](/paddles/hire/).\n",
            "content/hire.md": _page("Hire", "", "evaluation"),
        },
    )
    code, out, _ = run("-C", str(tmp_path), "init")
    assert code == 0 and "local one, http://localhost:1313/paddles/: not used as the public address" in out
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", DAY, "--format", "json")
    assert json.loads(out)["inferred_next"] == [{"asset": "tours", "next": "hire"}]
    listed = json.loads(run("-C", str(tmp_path), "list", "--format", "json")[1])["assets"]
    assert {a["id"]: a["url"] for a in listed}["hire"] == "/paddles/hire/"  # a route: no address to send
    assert "None of the 2 to send has a public address" in _report(tmp_path)
    code, _, _ = run("-C", str(tmp_path), "build", "-o", str(tmp_path / "out"), "--as-of", DAY)
    page = (tmp_path / "out" / "assets" / "tours.html").read_text(encoding="utf-8")
    assert code == 0 and '<a href="hire.html">hire a boat' in page and "localhost" not in page


def test_a_cname_gives_the_address_a_local_base_url_does_not(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "hugo.toml": "baseURL = 'http://localhost:1313/paddles/'\ntitle = 'Larchford Paddles'\n",
            "static/CNAME": "larchford.example\n",
            "content/tours.md": _page("Tours"),
        },
    )
    assert run("-C", str(tmp_path), "init")[0] == 0
    assert "  base: https://larchford.example/paddles/\n" in (tmp_path / "stagemap.yml").read_text("utf-8")
