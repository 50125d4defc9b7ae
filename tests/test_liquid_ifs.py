"""Liquid's and Nunjucks' conditions, decided where what they read is known
(`stagemap.render.liquidifs`): one branch shows, or every branch where a value is not known."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.templateengines import ENGINE
from stagemap.render.dialects import clean
from stagemap.render.liquid import TEXT_VALUES
from stagemap.render.shortcodes import SITE_PARAMS
from tests.conftest import write


def jekyll(body: str, params: dict[str, Any] | None = None, suffix: str = ".md") -> str:
    return clean(body, suffix, "jekyll", params or {})


def eleventy(body: str, params: dict[str, Any] | None = None, suffix: str = ".md") -> str:
    return clean(body, suffix, "eleventy", params or {})


def test_liquid_ifs_an_if_on_the_pages_front_matter_shows_its_branch_alone() -> None:
    """Travis CI's docs index (Jekyll, index.html) lists its deployment guides under
    {% if page.deploy == 'v2' %} ... {% else %} ... {% endif %}, its front matter saying
    deploy: v2: the built page listed both sets of guides, the old ones after the new."""
    body = (
        '<section>\n  <ul>\n    {% if page.kind == "hosted" %}\n'
        '    <li><a href="/hosted/setup/">Set up</a></li>\n    {% else %}\n'
        '    <li><a href="/local/setup/">Set up</a></li>\n    {% endif %}\n  </ul>\n</section>\n'
    )
    assert jekyll(body, {"kind": "hosted"}, ".html") == "- [Set up](/hosted/setup/)\n"
    assert jekyll(body, {"kind": "local"}, ".html") == "- [Set up](/local/setup/)\n"


def test_liquid_ifs_elsif_unless_and_comparisons() -> None:
    body = "Pots: {% if page.pots > 3 %}many{% elsif page.pots == 0 %}none{% else %}a few{% endif %}.\n"
    assert jekyll(body, {"pots": 2}) == "Pots: a few.\n"
    assert jekyll(body, {"pots": 0}) == "Pots: none.\n"
    body = "{% unless page.draft %}Ready.{% endunless %} {% unless page.ready %}No.{% else %}Go.{% endunless %}\n"
    assert jekyll(body, {"ready": True}) == "Ready. Go.\n"
    body = (
        "{% if site.edition == 'pro' %}Pro.{% else %}Free.{% endif %} "
        "{% if page.tags contains 'tea' and page.tags.size >= 2 %}Tea.{% endif %} "
        "{% if page.a %}A{% if page.b == empty %}, empty{% endif %}{% endif %}"
        "{% if page.c == blank %}, blank{% endif %}\n"
    )
    params = {"tags": ["tea", "cups"], "a": 1, "b": [], "c": "  ", SITE_PARAMS: {"edition": "pro"}}
    assert jekyll(body, params) == "Pro. Tea. A, empty, blank\n"


def test_liquid_ifs_a_case_shows_each_when_that_matches_else_its_else() -> None:
    body = (
        "{% case page.tea %}\nnever shown\n{% when 'green', 'white' %}\nLight.\n"
        "{% when 'green' or 'black' %}\nStrong.\n{% else %}\nOther.\n{% endcase %}\n"
    )
    assert jekyll(body, {"tea": "green"}) == "\nLight.\n\nStrong.\n\n"
    assert jekyll(body, {"tea": "oolong"}) == "\nOther.\n\n"
    assert jekyll(body, {"tea": "white"}) == "\nLight.\n\n"


def test_liquid_ifs_a_value_not_known_here_keeps_every_branch() -> None:
    """What an include, a layout, a loop or the page's own assign gives is not known: every
    branch shows, as before; a site value stagemap does not have is not known either, nor
    Jekyll's own page.url."""
    body = (
        "A {% if include.kind == 'x' %}one{% else %}two{% endif %} "
        "{% assign tea = 'x' %}{% if tea %}three{% else %}four{% endif %} "
        "{% if site.missing %}five{% else %}six{% endif %} {% if page.url %}seven{% endif %}\n"
    )
    assert (
        jekyll(body, {"tea": "green", SITE_PARAMS: {"edition": "pro"}})
        == "A onetwo threefour fivesix seven\n"
    )
    body = "{% for page in site.pages %}{% if page.tea %}x{% else %}y{% endif %}{% endfor %}\n"
    assert jekyll(body, {"tea": 1}) == "*\\[A list from the site's data: shown on the live site\\]*\n"
    assert jekyll("{% if page.absent %}set{% else %}unset{% endif %}\n") == "setunset\n"  # (a plugin's)
    assert eleventy("{% if absent %}set{% else %}unset{% endif %}\n") == "setunset\n"  # (its data cascade)


def test_liquid_ifs_and_or_read_from_the_right_on_liquid_javascript_on_nunjucks() -> None:
    body = "{% if false and false or true %}yes{% else %}no{% endif %}\n"
    assert jekyll(body) == "no\n"
    assert eleventy(body, {TEXT_VALUES: ".njk"}, ".njk") == "yes\n"


def test_liquid_ifs_truth_as_each_engine_has_it() -> None:
    """Only false and nil are false in Liquid; Nunjucks has JavaScript's (0 and "" false); an
    Eleventy Markdown page may be either, so a value the two read apart is not known."""
    body = "{% if count %}yes{% else %}no{% endif %} {% if not label %}unlabelled{% endif %}\n"
    params = {"count": 0, "label": ""}
    assert jekyll(body.replace("count", "page.count"), {"count": False}) == "no unlabelled\n"  # (no not)
    assert jekyll("{% if page.count %}yes{% else %}no{% endif %}\n", params) == "yes\n"
    assert eleventy(body, {**params, TEXT_VALUES: ".njk"}, ".njk") == "no unlabelled\n"
    assert eleventy("{% if count %}yes{% else %}no{% endif %}\n", params) == "yesno\n"
    assert eleventy("{% if page.url == '/' %}home{% else %}inner{% endif %}\n") == "homeinner\n"


def test_liquid_ifs_nested_blocks_and_whitespace_control() -> None:
    body = (
        "Cups:\n{%- if page.cups %} {{ page.cups }}\n{%- else %} none\n{%- endif %}. "
        "{% if page.cups > 1 %}{% if x %}maybe{% endif %}{% if page.cups > 2 %}many{% else %}two{% endif %}"
        "{% endif %}\n"
    )
    assert jekyll(body, {"cups": 2}) == "Cups: 2. maybetwo\n"
    body = "{% if page.a %}{% if page.rate == '5%' %}five{% endif %}, kept{% endif %}\n"
    assert jekyll(body, {"a": 1, "rate": "5%"}) == "five, kept\n"


def test_liquid_ifs_read_before_code_is_split_out_and_in_code_too() -> None:
    """Liquid runs before Markdown: a fence in a branch that does not apply is gone; in code a
    decided block shows its branch, one not known stays as written, in raw all is as written."""
    body = (
        "Steps:\n\n{% if page.os == 'mac' %}\n```bash\nbrew install kettle\n```\n{% else %}\n"
        "```bash\napt install kettle\n```\n{% endif %}\n\n"
        "```liquid\n{% if page.os == 'mac' %}mac{% else %}other{% endif %}\n"
        "{% if layout.os %}a{% else %}b{% endif %}\n```\n\n"
        "{% raw %}{% if page.os %}a{% else %}b{% endif %}{% endraw %}\n"
    )
    assert jekyll(body, {"os": "mac"}) == (
        "Steps:\n\n```bash\nbrew install kettle\n```\n\n\n```liquid\nmac\n"
        "{% if layout.os %}a{% else %}b{% endif %}\n```\n\n{% if page.os %}a{% else %}b{% endif %}\n"
    )


def test_liquid_ifs_bounded_time_on_blocks_left_open_or_nested_deep() -> None:
    """Each tag is read once: thousands of blocks left open, closings with nothing open and
    nesting thousands deep (past the depth decided) take well under a second each."""
    bodies = [
        ("{% if page.a %}x " * 20_000, 40_001),
        ("{% endif %}{% for x in y %} " * 20_000, 20_001),
        ("{% if page.a %}" * 5_000 + "deep" + "{% endif %}" * 5_000, 5),
        ("{% if page.a %}a{% else %}b{% endif %}" * 20_000, 20_000),
    ]
    for body, length in bodies:
        started = time.process_time()
        assert len(jekyll(body, {"a": 1})) == length
        assert time.process_time() - started < 2


def test_liquid_ifs_nothing_is_read_in_a_nunjucks_comment_or_a_verbatim_block() -> None:
    """Found in review on an Eleventy fixture of our own (no real site named): on a Markdown page
    run through Nunjucks, an ``{% if %}`` inside a ``{# #}`` comment was paired with the real
    ``{% endif %}`` and decided, and the page lost all but its last paragraph; one in a
    ``{% verbatim %}`` block around code was decided too, where the page shows it as written."""
    body = "{% if b %}\n{# {% if a %} old #}\nBee text.\n{% endif %}\n\nAfter text.\n\n{# note #}\n\nTail.\n"
    assert eleventy(body, {"a": False, ENGINE: "njk"}) == "Bee text.\n\nAfter text.\n\nTail.\n"
    body = "Code:\n\n{% verbatim %}\n```liquid\n{% if flag %}Shown{% else %}Other{% endif %}\n```\n{% endverbatim %}\n"
    assert eleventy(body, {"flag": True, ENGINE: "njk"}) == (
        "Code:\n\n```liquid\n{% if flag %}Shown{% else %}Other{% endif %}\n```\n"
    )
    body = "{% if a %}\nA {# {% endif %} #}\n{% else %}\nB\n{% endif %}\n"  # (decided around one)
    assert eleventy(body, {"a": False, ENGINE: "njk"}) == "\nB\n\n"


def test_liquid_ifs_stagemaps_own_title_is_not_known_to_a_condition(tmp_path: Path) -> None:
    """Found in review (no real site named): a page with no title in its front matter, titled by
    stagemap from its first heading, lost its ``{% if not title %}`` fallback text on the built
    site, decided against a title the live page does not have."""
    config = 'module.exports = () => ({ dir: { input: "src" }, markdownTemplateEngine: "njk" });\n'
    page = "---\nstatus: published\n---\n# Tide tables\n\n{% if not title %}\nNo title set for this page.\n{% endif %}\n"
    root = write(tmp_path, {"eleventy.config.js": config, "src/tides.md": page})
    assert CliRunner().invoke(cli, ["-C", str(root), "init"]).exit_code == 0
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(tmp_path / "out")]).exit_code == 0
    text = (tmp_path / "out" / "assets" / "tides.html").read_text()
    assert "<p>No title set for this page.</p>" in text


def test_liquid_ifs_the_engine_eleventy_runs_says_how_conditions_read() -> None:
    """Found in review (no real site named): a Markdown page Eleventy runs through Nunjucks
    read ``a and b or c`` from the right, as Liquid does, and lost its text; a ``.njk`` page run
    through Liquid (``templateEngineOverride: liquid``) counted ``""`` false, where liquidjs
    counts it true; ``.size``, which Nunjucks lacks, was read on a Nunjucks page."""
    body = "{% if draft and beta or launch %}\nLaunch text.\n{% endif %}\n"
    values = {"draft": False, "beta": True, "launch": True}
    assert eleventy(body, {**values, ENGINE: "njk"}) == "\nLaunch text.\n\n"
    assert eleventy(body, values) == "Launch text.\n"  # (Liquid: the two readings differ, not known)
    assert eleventy(body, {**values, "launch": False}) == "\n"  # (they agree)
    override = {"sub": "", "templateEngineOverride": "liquid"}
    assert eleventy("{% if sub %}<p>Subtitle</p>{% endif %}\n", override, ".njk") == "Subtitle\n"
    assert eleventy("{% if tags.size > 0 %}Y{% else %}N{% endif %}\n", {"tags": ["a"]}, ".njk") == "YN\n"
    assert eleventy("{% if not sub %}\nNone.\n{% endif %}\n", {"sub": "x"}) == "None.\n"  # (Liquid: no not)
    body = "{% if show-toc %}\nToc.\n{% else %}\nNone.\n{% endif %}\n"  # (Nunjucks: a subtraction)
    assert eleventy(body, {"show-toc": True, ENGINE: "njk"}) == "Toc.\n\nNone.\n"


def test_liquid_ifs_values_the_generator_or_a_plugin_may_change_are_not_known() -> None:
    """Found in review (no real site named): Jekyll adds a post's folders to its categories, so
    a ``contains "news"`` on a post under news/ with ``categories: [release]`` was dropped where
    Jekyll shows it; a key a plugin sets (``page.last_modified_at``) was nil; a key Eleventy's
    ``eleventyComputed`` sets was read from the front matter it outranks; an include on an
    Eleventy Liquid page may assign the names the page reads."""
    body = '{% if page.categories contains "news" %}\nNews.\n{% endif %}\n'
    assert jekyll(body, {"categories": ["release"]}) == "News.\n"
    assert jekyll("{% if page.last_modified_at %}\nUpdated.\n{% endif %}\n") == "Updated.\n"
    body = "{% if hero %}\nHero.\n{% else %}\nPlain.\n{% endif %}\n"
    assert eleventy(body, {"hero": False, "eleventyComputed": {"hero": "x"}, ENGINE: "njk"}) == (
        "Hero.\n\nPlain.\n"
    )
    assert eleventy('{% include "hero.liquid" %}\n' + body, {"hero": True}, ".liquid") == (
        "*\\[Included from hero.liquid: shown on the live site\\]*  Hero.  Plain. \n"
    )
    assert eleventy(body, {"hero": True}, ".liquid") == " Hero. \n"


def test_liquid_ifs_blank_on_jekyll_only_where_both_readings_agree() -> None:
    """Found in review (no real site named): Jekyll's Liquid 4 has no ``blank?`` of its own, so
    there ``"" == blank`` is false unless a plugin loads ActiveSupport; a tip set to ``""`` under
    ``{% unless page.tip == blank %}`` was dropped where plain Jekyll shows it."""
    assert jekyll("{% unless page.tip == blank %}\nTip.\n{% endunless %}\n", {"tip": ""}) == "Tip.\n"
    body = "{% if page.tip == blank %}\nX\n{% else %}\nY\n{% endif %}\n"
    assert jekyll(body, {"tip": "Boil first."}) == "\nY\n\n"  # (false either way)


def test_liquid_ifs_a_long_nunjucks_comment_or_one_without_a_space_is_one_too() -> None:
    """The last review of the sitting: Nunjucks' lexer starts a comment at any ``{#`` and reads
    to the next ``#}`` however far, but stagemap took one only with a space after ``{#`` and
    within 2,000 characters: an ``{% if %}`` in a longer comment, or in ``{#{% if a %}#}``, was
    paired with the real ``{% endif %}`` and the branch's text after it was lost."""
    long = (
        "{% if b %}\nIntro.\n{# Retired:\n{% if a %}\n"
        + "old words " * 240
        + "\n#}\nKept paragraph.\n{% endif %}\n"
    )
    assert eleventy(long, {"a": False, "b": True, ENGINE: "njk"}) == "Intro.\n\nKept paragraph.\n"
    tight = "{% if b %}\nIntro.\n{#{% if a %} old #}\nKept paragraph.\n{% endif %}\n"
    assert eleventy(tight, {"a": False, "b": True, ENGINE: "njk"}) == "Intro.\n\nKept paragraph.\n"
    start = time.process_time()
    eleventy("{# never closed " * 40_000 + "{% if b %}x{% endif %}\n", {"b": True, ENGINE: "njk"})
    eleventy(
        "{% verbatim %}{{ x }}{% endverbatim %}\n{% if a %}y{% endif %}\n" * 20_000,
        {"a": True, ENGINE: "njk"},
    )
    assert time.process_time() - start < 2.0


def test_liquid_ifs_an_eleventy_list_may_hold_more_than_the_page_gives() -> None:
    """The same review: Eleventy's data cascade merges lists (a layout's ``tags: [featured]``
    joins a page's ``tags: [post]``), so ``tags contains "featured"`` is true on the live page
    though the page's own list lacks it, and ``tags.size`` counts both. What the page's list
    holds is known to be there; what it lacks, and its size, are not known."""
    body = '{% if tags contains "featured" %}\nFeatured.\n{% else %}\nPlain.\n{% endif %}\n'
    assert eleventy(body, {"tags": ["post"]}) == "Featured.\n\nPlain.\n"  # (every branch: not known)
    assert eleventy(body, {"tags": ["featured"]}) == "\nFeatured.\n\n"
    sized = "{% if tags.size > 1 %}Several.{% else %}One.{% endif %}\n"
    assert eleventy(sized, {"tags": ["post"]}) == "Several.One.\n"
    assert jekyll('{% if page.topics contains "x" %}X{% else %}Y{% endif %}\n', {"topics": ["y"]}) == "Y\n"
