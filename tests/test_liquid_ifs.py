"""Liquid's and Nunjucks' conditions, decided where what they read is known
(`stagemap.render.liquidifs`): one branch shows, or every branch where a value is not known."""

from __future__ import annotations

import time
from typing import Any

from stagemap.render.dialects import clean
from stagemap.render.liquid import TEXT_VALUES
from stagemap.render.shortcodes import SITE_PARAMS


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
    assert jekyll("{% if page.absent %}set{% else %}unset{% endif %}\n") == "unset\n"  # nil on Jekyll
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
    assert jekyll(body.replace("count", "page.count")) == "no unlabelled\n"  # (no not in Liquid)
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
        started = time.perf_counter()
        assert len(jekyll(body, {"a": 1})) == length
        assert time.perf_counter() - started < 2
