"""The next step inferred from the links a page ends on: a page that closes on a list of links
(a menu) names none, and a link shown as code or hidden in a comment is no link."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from stagemap.analyse.coverage import analyse
from stagemap.read.project import load_project
from tests.conftest import write

DAY = dt.date(2026, 3, 1)
SETTINGS = (
    "name: Gliders\nmodel: buyer-journey\ngenerator: jekyll\ncache: false\n"
    "sources:\n  - path: .\n    url: /{dir}/{slug}/\n"
)


def page(title: str, body: str, permalink: str = "") -> str:
    at = f"permalink: {permalink}\n" if permalink else ""
    return f"---\ntitle: {title}\n{at}stages: [exploration]\n---\n\n{body}\n"


def inferred(root: Path) -> tuple[tuple[str, str], ...]:
    project = load_project(root)
    return analyse(project.config, project.library, DAY).inferred_next


def handouts(*names: str) -> str:
    """An HTML list of handouts, as a home page lays them out (the site's address in Liquid)."""
    items = "".join(
        f'  <li><a class="row" href="{{{{ site.baseurl }}}}/handouts/{n}/">{n}</a></li>\n' for n in names
    )
    return f'<ul class="plain">\n{items}</ul>\n'


def test_a_page_that_closes_on_a_menu_infers_no_step(tmp_path: Path) -> None:
    """github/training-kit's home page (index.html) is a grid of HTML lists, one per cheat sheet,
    each linking the sheet in every language it has, the last a list of two: its inferred next
    step was the last sheet's Spanish edition. jekyll/jekyll's docs pages that end on the list of
    their sub-pages (installation, plugins, deployment: a table of contents) inferred the list's
    last entry (Windows, hooks, third-party hosting). A menu (`stagemap.read.linklists`: lists
    and tables with only headings and markup between them, 3 or more items opening on a link,
    at least half the items) gives no step, nor does any link before it; a link in prose after
    it still does, and so does a list whose items only hold links in their text, or one of two."""
    sheets = "".join(
        f"<h3>{name.title()}</h3>\n" + handouts(*langs)
        for name, langs in [
            ("rigging", ["rigging", "es/rigging", "fr/rigging", "de/rigging"]),
            ("landing", ["landing", "es/landing"]),
        ]
    )
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS,
            "_config.yml": "title: Gliders\nbaseurl: /field\n",
            "index.html": page(
                "Glider handouts", f'<div class="grid">\n<h2>Sheets</h2>\n{sheets}</div>', "/"
            ),
            **{
                f"handouts/{name}.md": page(f"Handout {name}", "Print it.", f"/handouts/{name}/")
                for name in ["rigging", "es/rigging", "fr/rigging", "de/rigging", "landing", "es/landing"]
            },
            "guide/launch.md": page(
                "Launch",
                "Read [the weather](/guide/weather/) first.\n\n"
                "* [By winch](/guide/winch/)\n* [By car](/guide/car/)\n* [By aerotow](/guide/tow/)\n",
            ),
            "guide/weather.md": page(
                "Weather",
                "| Sky | Read |\n|---|---|\n| [Clear](/guide/clear/) | go |\n| [Cloud](/guide/cloud/) | wait |\n"
                "| [Storm](/guide/storm/) | stay |\n\nThen book [a winch slot](/guide/winch/).",
            ),
            "guide/winch.md": page(
                "Winch",
                "- Ask [the crew](/guide/car/) first\n- Check [the cable](/guide/tow/)\n- Read [the sky](/guide/clear/)",
            ),
            "guide/car.md": page(
                "Car", "Towing by car.\n\n- [Cloud](/guide/cloud/)\n- [Storm](/guide/storm/)"
            ),
            **{
                f"guide/{name}.md": page(name.title(), "Notes.")
                for name in ["tow", "clear", "cloud", "storm"]
            },
        },
    )
    assert inferred(root) == (
        ("guide/car", "guide/storm"),
        ("guide/weather", "guide/winch"),
        ("guide/winch", "guide/clear"),
    )


def test_a_link_in_a_code_span_or_an_html_comment_is_no_step(tmp_path: Path) -> None:
    """The link reader behind inferred steps (`stagemap.read.ctas`) left fenced code and Liquid's
    comments out, but not a code span or an HTML comment: a page that shows how to write a link,
    `` `[the crew](crew.md)` ``, or keeps an old one in ``<!-- -->``, inferred a step to that
    page, where the reader sees no link there. Found by reading the reader this sitting (no real
    site showed it yet). A comment runs over blank lines; a code span holding ``<!--`` is code,
    and a backtick in a comment, or one never closed, opens no span."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS,
            "_config.yml": "title: Gliders\n",
            "crew.md": page("Crew", "Who flies.", "/crew/"),
            "hangar.md": page("Hangar", "Doors.", "/hangar/"),
            "guide/span.md": page(
                "Span", "Go to [the hangar](/hangar/).\n\nWrite it as `[the crew](/crew/)`."
            ),
            "guide/ticks.md": page("Ticks", "Go to [the hangar](/hangar/) or ``a ` [crew](/crew/)``."),
            "guide/note.md": page(
                "Note", "Go to [the hangar](/hangar/).\n\n<!-- was:\n\n[the crew](/crew/)\n-->"
            ),
            "guide/shown.md": page(
                "Shown", "Open with `<!--`, then go to [the crew](/crew/). End with `-->`."
            ),
            "guide/open.md": page("Open", "Go to [the hangar](/hangar/), or <!-- [the crew](/crew/)"),
            "guide/tick.md": page("Tick", "A lone ` mark, then [the crew](/crew/)."),
        },
    )
    assert inferred(root) == (
        ("guide/note", "hangar"),
        ("guide/open", "crew"),
        ("guide/shown", "crew"),
        ("guide/span", "hangar"),
        ("guide/tick", "crew"),
        ("guide/ticks", "hangar"),
    )
