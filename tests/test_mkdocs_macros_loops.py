"""Loops the MkDocs macros plugin runs over a list the site gives (`stagemap.render.liquidloops`):
what they show, how much, and what the checks say of them."""

from __future__ import annotations

import time
from pathlib import Path

import jinja2
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.mkdocsmacros import JINJA
from stagemap.read.templateengines import ENGINE
from stagemap.render.liquid import liquid
from stagemap.render.liquidloops import _parts as loop_parts
from tests.conftest import write

PLACEHOLDER = "A list from the site's data: shown on the live site"


def _jinja(text: str, **values: object) -> str:
    return liquid(text, {**values, ENGINE: JINJA}, bare=True, engine=JINJA)


def _as_jinja2(text: str, **values: object) -> str:
    """Return what Jinja2 itself makes of ``text`` (as the plugin's environment: no trimming set)."""
    return jinja2.Environment().from_string(text).render(**values)


def test_whitespace_control_trims_a_loops_text_as_jinja2_does() -> None:
    """Jinja2's dashes trim the whitespace beside a tag, newlines too: a table's rows written by
    a loop with {%- for %} and {%- endfor %} follow its header line by line, and the table has
    them (stagemap kept the newlines, so the rows were paragraphs after a header-only table).
    Without dashes the newlines stay, as Jinja2 leaves them."""
    rows = [{"boat": "Tern", "berth": "A4"}, {"boat": "Skua", "berth": "B1"}]
    table = "| Boat | Berth |\n|---|---|\n{%- for r in rows %}\n| {{ r.boat }} | {{ r.berth }} |\n{%- endfor %}\n\nAfter."
    assert _jinja(table, rows=rows) == "| Boat | Berth |\n|---|---|\n| Tern | A4 |\n| Skua | B1 |\n\nAfter."
    trimmed = "Crew:\n{% for r in rows -%}\n  {{ r.boat }};\n{%- else -%}\n  none\n{%- endfor -%}\n\n  Done."
    assert _jinja(trimmed, rows=rows) == "Crew:\nTern;Skua;Done."
    for text in (table, table.replace("{%-", "{%"), trimmed):
        for given in (rows, []):
            assert _jinja(text, rows=given) == _as_jinja2(text, rows=given), (text, given)


def test_a_percent_sign_in_a_condition_leaves_the_loops_else_its_own() -> None:
    """A condition holding '%' (``loop.index % 2``) was not read as a tag, so its {% else %} was
    taken for the loop's: each item showed the condition's first branch alone, the rest went."""
    page = "{% for s in sizes %}- {{ s }}{% if loop.index % 2 %} odd{% else %} even{% endif %}\n{% else %}No sizes.{% endfor %}"
    shown = _jinja(page, sizes=["small", "large"])
    assert "No sizes" not in shown and shown.count("even") == 2, shown
    assert _jinja(page, sizes=[]) == "No sizes."


def test_loops_show_a_bounded_amount_of_text_however_they_nest() -> None:
    """Each loop went through up to 200 items, but nothing bounded them together: three loops
    nested over one list of 200 ran for minutes, and one long body repeated 200 times made
    megabytes. Past a budget for the whole text (bodies shown, characters made) a loop shows
    the placeholder, as every loop did before."""
    many = list(range(200))
    nested = "# Grid\n\n{% for a in xs %}{% for b in xs %}{% for c in xs %}{{ c }}{% endfor %}{% endfor %}{% endfor %}\n"
    started = time.process_time()
    shown = _jinja(nested, xs=many)
    assert time.process_time() - started < 5
    assert PLACEHOLDER in shown and len(shown) < 1000, shown[:300]
    long = "{% for x in xs %}" + "Tide tables for the harbour. " * 4000 + "{% endfor %}"
    shown = _jinja(long, xs=many)
    assert PLACEHOLDER in shown and len(shown) < 200_000, len(shown)
    small = "{% for a in xs %}{% for b in xs %}.{% endfor %}{% endfor %}"
    assert _jinja(small, xs=list(range(20))) == "." * 400  # (within the budget: shown)


def test_a_loop_holding_thousands_of_tags_left_open_costs_their_length() -> None:
    """Seen on rereading: each ``{% if`` left open in a known loop's body was looked at over a
    thousand characters for its end, so 50,000 of them (300 KB) took 4 s of CPU, a 2 MiB page
    half a minute. A tag's end is looked for up to the next ``{%`` only (the body's own
    tags, as the rest of the page's, are bounded elsewhere: see test_hostile_markdown)."""
    started = time.process_time()
    body, otherwise = loop_parts("{% if " * 50_000 + "{% else %}none", False)
    assert time.process_time() - started < 0.5
    assert (body, otherwise) == ("{% if " * 50_000, "none")


def test_a_value_cannot_pass_for_a_loops_output() -> None:
    """A loop's output is held under a mark while the rest of the text is worked out: a value
    holding NUL characters and the mark's text made the build fail (an IndexError), or showed
    another loop's output in its place. A NUL in a value shows as the browser shows it."""
    page = "Note {{ note }} then {% for s in sizes %}{{ s }}{% endfor %}."
    for note in ("x\0loop9\0y", "x\0loop0\0y", "x\0loop0:0\0y", "x\0loop1:0\0y"):
        shown = _jinja(page, note=note, sizes=["a", "b"])
        assert shown == f"Note {note.replace(chr(0), chr(0xFFFD))} then ab.", repr(shown)
    forged = "Kept \0loop0:0\0 as written, {% for s in sizes %}{{ s }}{% endfor %}."
    assert _jinja(forged, sizes=["a"]) == "Kept \0loop0:0\0 as written, a."


def test_a_dead_link_a_loop_shows_many_times_is_reported_once(tmp_path: Path) -> None:
    """A link written once inside a loop over 50 items gave 50 warnings, all at the one place
    it is written; it is one there."""
    boats = ", ".join(f"boat{i}" for i in range(50))
    files = {
        "mkdocs.yml": "site_name: Gull Point\nplugins:\n  - macros\nextra:\n  boats: [" + boats + "]\n",
        "docs/index.md": "# Boats\n\n{% for b in boats %}\n- {{ b }}: see [the log](nowhere.md)\n{% endfor %}\n",
    }
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    assert result.output.count("link to 'nowhere.md' leads nowhere") == 1, result.output


def test_page_title_is_the_navs_over_the_front_matters(tmp_path: Path) -> None:
    """MkDocs' Page.title takes the title the nav gives a page first, then the front matter's:
    {{ page.title }} showed the front matter's. The bare {{ title }} and page.meta.title are the
    front matter's, as the plugin gives them."""
    files = {
        "mkdocs.yml": "site_name: Gull Point\nnav:\n  - Moorings: berths.md\nplugins:\n  - macros\n",
        "docs/berths.md": "---\ntitle: Berths we let\n---\nBare {{ title }}, page {{ page.title }},"
        " meta {{ page.meta.title }}.\n",
    }
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert CliRunner().invoke(cli, ["-C", str(root), "build"]).exit_code == 0
    page = (root / "site" / "assets" / "berths.html").read_text()
    assert "<p>Bare Berths we let, page Moorings, meta Berths we let.</p>" in page, page


def test_an_included_files_front_matter_of_several_keys_is_a_paragraph_between_rules(tmp_path: Path) -> None:
    """Jinja2's include shows a file's front matter as text. Python-Markdown makes a heading of
    one line over '---' only where the two are a block's first lines: with two keys or more it
    shows a rule, a paragraph of the keys and a rule; stagemap made the keys one heading."""
    settings = "site_name: Gull Point\nplugins:\n  - macros:\n      include_dir: parts\n"
    files = {
        "mkdocs.yml": settings,
        "docs/index.md": "# Tides\n\n{% include 'shared.md' %}\n\n{% include 'single.md' %}\n",
        "parts/shared.md": "---\ntitle: Shared\ntags: [a, b]\n---\nHigh water at noon.\n",
        "parts/single.md": "---\ntitle: Single\n---\nLow water at six.\n",
    }
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert CliRunner().invoke(cli, ["-C", str(root), "build"]).exit_code == 0
    page = (root / "site" / "assets" / "index.html").read_text()
    assert "<hr>\n<p>title: Shared\ntags: [a, b]</p>\n<hr>\n<p>High water at noon.</p>" in page, page
    assert '<hr>\n<h2 id="h-title-single">title: Single</h2>\n<p>Low water at six.</p>' in page, page


def test_a_loops_body_knows_its_item_jinja2s_loop_and_the_texts_set_before_it(tmp_path: Path) -> None:
    """In a loop's body, loop.index and loop.last showed as placeholders (a numbered list became
    paragraphs), a condition on the item or on loop.last showed every branch ('small, large, .'),
    and a text set before the loop was a placeholder inside it. Each is now what Jinja2 gives."""
    settings = (
        "site_name: Gull Point\nplugins:\n  - macros\nextra:\n  sizes: [small, large]\n"
        "  boats:\n    - {name: Tern, moored: true}\n    - {name: Skua, moored: false}\n"
    )
    page = (
        "# Sizes\n\nSizes: {% for s in sizes %}{{ s }}{% if not loop.last %}, {% endif %}{% endfor %}.\n\n"
        "{% for s in sizes %}\n{{ loop.index }}. {{ s }}\n{% endfor %}\n\n"
        "{% set unit = 'metres' %}Lengths: {% for s in sizes %}{{ s }} in {{ unit }}; {% endfor %}\n\n"
        "Moored: {% for b in boats %}{% if b.moored %}{{ b.name }}{% else %}not {{ b.name }}{% endif %} {% endfor %}\n"
    )
    root = write(tmp_path / "site", {"mkdocs.yml": settings, "docs/index.md": page})
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert CliRunner().invoke(cli, ["-C", str(root), "build"]).exit_code == 0
    shown = (root / "site" / "assets" / "index.html").read_text()
    assert "<p>Sizes: small, large.</p>" in shown, shown
    assert "<ol>\n<li>\n<p>small</p>\n</li>\n<li>\n<p>large</p>\n</li>\n</ol>" in shown, shown
    assert "<p>Lengths: small in metres; large in metres;</p>" in shown, shown
    assert "<p>Moored: Tern not Skua</p>" in shown, shown
