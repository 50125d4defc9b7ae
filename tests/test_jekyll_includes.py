"""Jekyll's ``{% include %}`` alone on its line outside code: the file's text, as Liquid puts it
there (`stagemap.render.codeincludes`), and frames and players on pages read as HTML."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.htmlpage import html_page_to_markdown
from tests.conftest import write
from tests.test_hostile_markdown import _within_bounds

INCLUDES = {
    "_config.yml": "title: Tidewater\nurl: https://tidewater.example\n",
    "_includes/home/hero.html": (
        "<h2>Berths booked in a minute</h2>\n<p>Harbour masters stop juggling <b>paper lists</b>.</p>\n"
        '<a href="{{ site.baseurl }}/pricing/">See the plans</a>\n'
    ),
    "_includes/home/cards.html": (
        '<div class="cards">\n  {% include home/card.html title="Moorings" badge="New" %}\n'
        '  {% include home/card.html title="Fuel dock" %}\n  {% include home/cards.html %}\n</div>\n'
    ),
    "_includes/home/card.html": (
        '<div class="card">\n  <h3>{{ include.title }}</h3>\n  {% if include.badge %}\n'
        "  <p>Just launched</p>\n  {% endif %}\n</div>\n"
    ),
    "_includes/video.html": (
        '<div class="video">\n\n  <iframe src="https://www.youtube.com/embed/{{ include.id }}"></iframe>\n</div>\n'
    ),
    "_includes/lost.html": '<a href="/brochure.pdf">Our brochure</a>\n',
    "index.html": (
        "---\ntitle: Home\n---\n<section>\n  <div>\n    {% include home/hero.html %}\n  </div>\n"
        "  {% include home/cards.html %}\n  {% include theme-footer.html %}\n</section>\n"
    ),
    "pricing.md": "---\ntitle: Pricing\n---\nPlans per berth.\n",
    "_posts/2026-03-02-spring-launch.md": (
        '---\ntitle: Spring launch\n---\nWatch the tour.\n\n{% include video.html id="tour42" %}\n\n'
        "Write {% raw %}{% include video.html %}{% endraw %} to show one:\n\n"
        "{% raw %}\n{% include video.html %}\n{% endraw %}\n\n{% include lost.html %}\n"
    ),
}


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def body(out: Path, page: str) -> str:
    text = (out / "assets" / page).read_text(encoding="utf-8")
    start = text.index('<div class="body">')
    return text[start : text.index("Next step for the buyer", start)]


def test_an_include_alone_on_its_line_shows_its_file(tmp_path: Path) -> None:
    """A Jekyll company site made its home and pricing pages of sections, each an
    {% include home/x.html %} in a <div>: each asset page showed only placeholders where the
    live page shows the plans and their prices. The file's text now stands where the tag is, as
    Liquid puts it there: its own Liquid is read with the page's, what the tag passes fills
    {{ include.x }} (a parameter not passed is nil), its own includes are shown too, never a
    file inside itself (which stays a placeholder, as does a file the site does not have: a
    theme's)."""
    root = write(tmp_path / "tidewater", INCLUDES)
    assert run(root, "init")[0] == 0
    out = tmp_path / "out"
    code, _, err = run(root, "build", "-o", str(out))
    assert (code, err) == (0, "")
    home = body(out, "index.html")
    assert "<h2" in home and "Berths booked in a minute</h2>" in home
    assert "<p>Harbour masters stop juggling <strong>paper lists</strong>.</p>" in home
    assert '<a href="pricing.html">See the plans</a>' in home
    assert home.count("<h3") == 2 and "Moorings</h3>" in home and "Fuel dock</h3>" in home
    assert home.count("Just launched") == 1  # only the card given a badge
    assert "{%" not in home and home.count("Included from") == 2  # a file inside itself, a theme's:
    assert "[Included from home/cards.html: shown on the live site]" in home
    assert "[Included from theme-footer.html: shown on the live site]" in home
    post = body(out, "posts/2026-03-02-spring-launch.html")
    assert '<a href="https://www.youtube.com/embed/tour42">Embedded page</a>' in post
    assert post.count("{% include video.html %}") == 2  # examples of the tag, as written
    # Editing an included file makes the pages that show it again.
    (root / "_includes/home/card.html").write_text("<h3>{{ include.title }} berths</h3>\n", encoding="utf-8")
    assert run(root, "build", "-o", str(out))[0] == 0
    assert "Fuel dock berths</h3>" in body(out, "index.html")


def test_a_link_an_include_writes_that_leads_nowhere_is_warned_at_its_file(tmp_path: Path) -> None:
    root = write(tmp_path / "tidewater", {**INCLUDES, "_config.yml": "title: Tidewater\n"})  # no address
    assert run(root, "init")[0] == 0
    warned = [line for line in run(root, "check", "--links")[2].splitlines() if "nowhere" in line]
    assert [line.split(" (")[0] for line in warned] == [
        "_includes/lost.html:1:10: warning: link to '/brochure.pdf' leads nowhere"
    ]


def test_a_page_that_turns_liquid_off_shows_its_includes_as_written(tmp_path: Path) -> None:
    files = {
        **INCLUDES,
        "guides/tags.md": "---\ntitle: Tags\nrender_with_liquid: false\n---\n{% include home/hero.html %}\n",
    }
    root = write(tmp_path / "tidewater", files)
    assert run(root, "init")[0] == 0
    out = tmp_path / "out"
    assert run(root, "build", "-o", str(out))[0] == 0
    assert "<p>{% include home/hero.html %}</p>" in body(out, "guides/tags.html")


def test_a_frame_or_a_player_on_a_page_read_as_html_is_a_link_to_what_it_shows() -> None:
    """An <iframe> in a block of HTML read whole (a block holding a blank line, a page written
    in HTML) left nothing on the page, where a Markdown body shows a link to what it shows."""
    page = (
        '<div>\n\n<iframe title="Harbour tour" src="https://v.example/embed/1"></iframe>\n'
        '<video controls><source src="/media/dock.mp4" type="video/mp4"><source src="/media/dock.webm"></video>\n'
        '<a href="https://v.example/watch/2"><video src="/media/teaser.mp4"></video></a>\n</div>\n'
    )
    assert html_page_to_markdown(page) == (
        "[Harbour tour](https://v.example/embed/1) [Video](/media/dock.mp4) [Video](https://v.example/watch/2)\n"
    )


def test_a_players_fallback_text_is_not_shown_on_a_page_read_as_html() -> None:
    """Text inside a player or a frame shows only in a browser that cannot play it: a Markdown
    body leaves it out, and so does a page read as HTML."""
    page = (
        "<div>\n\n<p>Before.</p>\n"
        '<video title="Dock tour" src="/media/dock.mp4">Your browser cannot play <b>this</b> video.</video>\n'
        '<iframe src="https://v.example/embed/3">Frames are off.</iframe>\n<p>After.</p>\n</div>\n'
    )
    assert html_page_to_markdown(page) == (
        "Before.\n\n[Dock tour](/media/dock.mp4) [Embedded page](https://v.example/embed/3)\n\nAfter.\n"
    )


INCLUDES_IN_CODE_CHILD = """
import json, sys, time
from stagemap.render.codeincludes import shown_in_code
found = {}
for name, body in json.load(sys.stdin).items():
    start = time.process_time()
    out = shown_in_code(body, "", lambda name: None, [512 * 1024])
    found[name] = [time.process_time() - start, "deep text" in out]
print(json.dumps(found))
"""


def test_includes_in_code_are_looked_for_once_per_run_of_blanks() -> None:
    """A review of 631f952: a line of blanks in fenced code, after ``{%`` or before ``include``,
    was tried from each of its blanks (2.8 s at 40,000; minutes at a body's 512 KiB)."""
    cases = {
        "blanks-after-tag": "```\n{%" + " " * 100_000 + "include\n```\n\ndeep text\n",
        "blanks-before-include": "```\n" + "\t " * 50_000 + "include x\n```\n\ndeep text\n",
    }
    found = _within_bounds(INCLUDES_IN_CODE_CHILD, cases)
    assert {name: kept for name, (_, kept) in found.items()} == dict.fromkeys(cases, True)
