"""Which template engine runs over a Jekyll or Eleventy page: Liquid, Nunjucks or none, by the
page's ending, the site's configuration and the page's own override."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.templateengines import eleventy_engines, page_engine
from stagemap.render.dialects import clean
from tests.conftest import write

PAGE = (
    "---\ntitle: Tide tables\n---\nThe {{ title }} {# check the spring tides #}for this week.\n\n{# {% pin %}moved{% endpin %} #}\n\n"
    "Low water {% pin %}at noon{% endpin %}.\n"
)
"""A Markdown page with a Nunjucks comment, an output and a paired tag of the site's own."""


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def site(tmp_path: Path, settings: str, pages: dict[str, str]) -> Path:
    """Return an Eleventy site whose configuration returns ``settings`` beside its input folder."""
    config = f'module.exports = () => ({{ dir: {{ input: "src" }}{settings} }});\n'
    root = write(tmp_path, {"eleventy.config.js": config, **pages})
    assert run(root, "init")[0] == 0
    return root


def built(root: Path, out: Path, page: str) -> str:
    """Return the body of ``page`` (its path under the built assets) once the site is built."""
    assert run(root, "build", "-o", str(out))[0] == 0
    text = (out / "assets" / page).read_text()
    start = text.index('<div class="body">')
    return text[start : text.index("</div>", start)]


def warnings(root: Path, *args: str) -> list[str]:
    return [
        line.split(" (")[0] for line in run(root, "check", *args)[2].splitlines() if line.startswith("src/")
    ]


def test_eleventys_engines_are_read_from_its_configuration() -> None:
    """lit.dev's configuration sets htmlTemplateEngine to 'njk' and leaves its
    markdownTemplateEngine line commented out: its Markdown runs through Liquid, Eleventy's own,
    which stagemap never read (every Eleventy page was Nunjucks for '{# #}')."""
    lit_like = "return {\n  htmlTemplateEngine: 'njk',\n  // markdownTemplateEngine: 'njk',\n};\n"
    assert eleventy_engines(lit_like) == ("liquid", "njk")
    assert eleventy_engines('return { markdownTemplateEngine: "njk", htmlTemplateEngine: false };') == (
        "njk",
        "",
    )
    setters = "c.setMarkdownTemplateEngine(false);\nc.setHtmlTemplateEngine(`liquid`);\n"
    assert eleventy_engines(setters) == ("", "liquid")
    assert eleventy_engines(
        "c.setMarkdownTemplateEngine('njk');\nreturn { markdownTemplateEngine: false };"
    ) == (
        "",
        "liquid",
    )
    assert eleventy_engines("module.exports = () => ({});") == ("liquid", "liquid")


def test_a_pages_engine_comes_from_its_ending_the_site_and_its_override() -> None:
    """Eleventy runs Nunjucks over .njk, Liquid over .liquid, the site's engines over .md and
    .html; templateEngineOverride wins. Jekyll runs Liquid unless render_with_liquid is false."""
    njk_md = ("njk", "liquid")
    assert [page_engine("eleventy", p, {}) for p in ("a.md", "a.html", "a.njk", "a.liquid")] == [
        "liquid",
        "liquid",
        "njk",
        "liquid",
    ]
    assert [page_engine("eleventy", p, {}, njk_md) for p in ("a.md", "a.markdown", "a.html")] == [
        "njk",
        "njk",
        "liquid",
    ]
    assert page_engine("eleventy", "a.md", {}, ("", "njk")) == ""
    assert page_engine("eleventy", "a.md", {"templateEngineOverride": "njk,md"}) == "njk"
    assert page_engine("eleventy", "a.md", {"templateEngineOverride": "liquid,md"}, njk_md) == "liquid"
    assert page_engine("eleventy", "a.njk", {"templateEngineOverride": "md"}) == ""
    assert page_engine("jekyll", "a.md", {}) == "liquid"
    assert page_engine("jekyll", "a.md", {"render_with_liquid": False}) == ""
    assert page_engine("hugo", "a.md", {}) == ""


def test_a_nunjucks_comment_is_one_only_where_nunjucks_runs(tmp_path: Path) -> None:
    """Eleventy runs Liquid over Markdown unless its configuration's markdownTemplateEngine says
    otherwise (lit.dev leaves it so; 11ty.dev, eleventy-excellent and the GOV.UK plugin's docs set
    'njk'): stagemap took '{# note #}' for a Nunjucks comment on every Eleventy page, where
    Liquid shows it as written and runs the tags in it. With the setting false no engine runs:
    outputs and tags are text."""
    pages = {"src/tides.md": PAGE}
    root = site(tmp_path / "liquid", "", pages)
    assert built(root, tmp_path / "out1", "tides.html") == (
        '<div class="body">\n<p>The Tide tables {# check the spring tides #}for this week.</p>\n'
        "<p>{# moved #}</p>\n<p>Low water at noon.</p>\n\n"
    )
    root = site(tmp_path / "njk", ', markdownTemplateEngine: "njk"', pages)
    assert built(root, tmp_path / "out2", "tides.html") == (
        '<div class="body">\n<p>The Tide tables for this week.</p>\n<p>Low water at noon.</p>\n\n'
    )
    root = site(tmp_path / "none", ", markdownTemplateEngine: false", pages)
    assert built(root, tmp_path / "out3", "tides.html") == (
        '<div class="body">\n<p>The {{ title }} {# check the spring tides #}for this week.</p>\n'
        "<p>{# {% pin %}moved{% endpin %} #}</p>\n<p>Low water {% pin %}at noon{% endpin %}.</p>\n\n"
    )


def test_a_pages_override_names_its_engine_over_the_sites(tmp_path: Path) -> None:
    """templateEngineOverride: njk,md on a Liquid site makes '{# #}' a comment on that page
    alone; 'md' on a Nunjucks site runs no engine over it."""
    pages = {
        "src/tides.md": PAGE.replace(
            "title: Tide tables\n", "title: Tide tables\ntemplateEngineOverride: njk,md\n"
        ),
        "src/other.md": "---\ntitle: Other\n---\nSee {# this #}.\n",
    }
    root = site(tmp_path / "liquid", "", pages)
    out = tmp_path / "out1"
    assert built(root, out, "tides.html") == (
        '<div class="body">\n<p>The Tide tables for this week.</p>\n<p>Low water at noon.</p>\n\n'
    )
    assert built(root, out, "other.html") == '<div class="body">\n<p>See {# this #}.</p>\n\n'
    pages["src/other.md"] = (
        "---\ntitle: Other\ntemplateEngineOverride: md\n---\nSee {# this #} and {{ title }}.\n"
    )
    root = site(tmp_path / "njk", ', markdownTemplateEngine: "njk"', pages)
    assert built(root, tmp_path / "out2", "other.html") == (
        '<div class="body">\n<p>See {# this #} and {{ title }}.</p>\n\n'
    )


def test_an_own_block_or_an_include_in_braces_and_hashes_is_read_where_liquid_runs(tmp_path: Path) -> None:
    """The warning about a site's own paired tag, and the parts an include may write, skipped
    what '{# #}' holds on every Eleventy page: under Liquid the tag runs (warned; its include
    may write the heading a link names), under Nunjucks it is a comment, with no engine it is
    text (nothing warned, and a link to a part the page lacks finds none)."""
    pages = {
        "src/tides.md": "---\ntitle: Tides\n---\n{# {% pin %}x{% endpin %} {% include 'heads.html' %} #}\n\n[Up](#times)\n",
        "src/_includes/heads.html": "<h2 id='times'>Times</h2>\n",
    }
    named = "warning: paired shortcode 'pin' is the site's own: what it holds is shown, not its markup"
    missing = "src/tides.md:6:6: warning: link to '#times' finds no heading 'times' on this page"
    root = site(tmp_path / "liquid", "", pages)
    assert warnings(root, "--links") == [f"src/tides.md:4:4: {named}"]
    root = site(tmp_path / "njk", ', markdownTemplateEngine: "njk"', pages)
    assert warnings(root, "--links") == [missing]
    root = site(tmp_path / "none", ", markdownTemplateEngine: false", pages)
    assert warnings(root, "--links") == [missing]


def test_jekylls_defaults_can_turn_liquid_off(tmp_path: Path) -> None:
    """Jekyll's render_with_liquid: false may come from _config.yml's defaults for a folder of
    pages about Liquid: those show their tags as written, the others run Liquid. An include
    written on such a page was still taken to write headings the page's links may name: a link
    to a part the page lacks was never warned about."""
    body = "Write {{ page.title }} and {% comment %}x{% endcomment %}.\n\n{% include heads.html %}\n\n[Up](#times)\n"
    root = write(
        tmp_path / "harbour",
        {
            "_config.yml": (
                "title: Harbour\ndefaults:\n  - scope: {path: guides}\n    values: {render_with_liquid: false}\n"
            ),
            "_includes/heads.html": '<h2 id="times">Times</h2>\n',
            "guides/tags.md": f"---\ntitle: Tags\n---\n{body}",
            "news.md": f"---\ntitle: News\n---\n{body}",
        },
    )
    assert run(root, "init")[0] == 0
    out = tmp_path / "out"
    assert built(root, out, "guides/tags.html") == (
        '<div class="body">\n<p>Write {{ page.title }} and {% comment %}x{% endcomment %}.</p>\n'
        '<p>{% include heads.html %}</p>\n<p><a href="#h-times">Up</a></p>\n\n'
    )
    assert built(root, out, "news.html").startswith('<div class="body">\n<p>Write News and .</p>\n')
    assert [
        line.split(" (")[0] for line in run(root, "check", "--links")[2].splitlines() if "#times" in line
    ] == ["guides/tags.md:8:6: warning: link to '#times' finds no heading 'times' on this page"]


def test_clean_reads_a_pages_ending_where_no_engine_is_given() -> None:
    """Called without the site's settings, a page runs Eleventy's own engine for its ending."""
    assert clean("A {# note #} here.\n", ".md", "eleventy") == "A {# note #} here.\n"
    assert (
        clean("A {# note #} here.\n", ".md", "eleventy", {"templateEngineOverride": "njk,md"}) == "A  here.\n"
    )
