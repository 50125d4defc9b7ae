"""MkDocs' macros plugin (mkdocs-macros-plugin, Zensical's extension): Jinja2 over each page, read as it shows."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.mkdocsmacros import JINJA, macros_engines
from stagemap.read.templateengines import LIQUID, NUNJUCKS, page_engine
from stagemap.render.liquid import liquid
from tests.conftest import write
from tests.test_includes import body_of, run_build

SETTINGS = """site_name: Kettle Yard
site_url: https://kettleyard.example/
plugins:
  - search
  - macros:
      include_yaml:
        - data/ovens.yml
        - teas: data/teas.yml
extra:
  release: 3.1
  desk:
    mail: desk@kettleyard.example
    shop: https://shop.kettleyard.example/
"""

GUIDE = """---
title: Steeping guide
grade: first
---
# Steeping guide

{{ config.site_name }} {{ release }} steeps {{ grade }} grade ({{ page.meta.grade }}) leaves.

Our widest oven is {{ widest }}; we stock {{ teas.count }} teas. Ask [the desk]({{ desk.shop }}).

{# a note for the writers only #}

{% if grade == "first" %}
Steep for two minutes.
{% else %}
Steep for five minutes.
{% endif %}

{% include 'parts/cups.md' %}

{% include "parts/saucers.md" %}

{% for pot in pots %}
<a href={{ pot.url }}>{{ pot.name }}</a>
{% endfor %}

Made on {{ git.date }} by {{ signature("tea") }}.

```bash
kettle install --release {{ release }}
```

{% raw %}
Write {{ release }} to show it.
{% endraw %}
"""

FILES = {
    "mkdocs.yml": SETTINGS,
    "data/ovens.yml": "widest: Oven W40\n",
    "data/teas.yml": "count: 14\n",
    "docs/index.md": "# Welcome\n\nRelease {{ release }}: mail {{ desk.mail }}.\n",
    "docs/guide/steeping.md": GUIDE,
    "docs/parts/cups.md": "Warm the *cups* for release {{ release }}.\n",
    "docs/guide/literal.md": "---\nrender_macros: false\n---\n# Literal\n\nType {{ release }} to show it.\n",
}


def _built(tmp_path: Path, files: dict[str, str]) -> Path:
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    run_build(root, out)
    return out


def test_an_mkdocs_page_under_the_macros_plugin_shows_what_jinja_makes_of_it(tmp_path: Path) -> None:
    """Every page of an MkDocs site naming the macros plugin is a Jinja2 template: its
    {{ release }} showed as written, its {% for %} as text and a loop's link as a link to
    '{{ pot.url }}'. Variables from extra, include_yaml files (merged, or under a key), the
    settings (config.site_name) and the front matter (bare, and page.meta) are their values;
    comments go; the branch that applies shows alone; an include shows the docs folder's file
    (the plugin's include_dir by default), its variables filled in too; a loop, an include of a
    file not there and what only the site's Python gives are placeholders; code shows known values; raw blocks show as written;
    a page with render_macros: false shows its tags as written. A change to a data file or an
    included one makes the page again."""
    out = _built(tmp_path, FILES)
    assert body_of((out / "assets/index.html").read_text()) == (
        '<div class="body">\n<p>Release 3.1: mail desk@kettleyard.example.</p>\n\n</div>\n'
    )
    assert body_of((out / "assets/guide/steeping.html").read_text()) == (
        '<div class="body">\n'
        "<p>Kettle Yard 3.1 steeps first grade (first) leaves.</p>\n"
        "<p>Our widest oven is Oven W40; we stock 14 teas. Ask "
        '<a href="https://shop.kettleyard.example/">the desk</a>.</p>\n'
        "<p>Steep for two minutes.</p>\n"
        "<p>Warm the <em>cups</em> for release 3.1.</p>\n"
        "<p><em>[Included from parts/saucers.md: shown on the live site]</em></p>\n"
        "<p><em>[A list from the site's data: shown on the live site]</em></p>\n"
        "<p>Made on <em>[git.date: shown on the live site]</em> by "
        "<em>[signature(&quot;tea&quot;): shown on the live site]</em>.</p>\n"
        '<pre><code class="language-bash">kettle install --release 3.1\n</code></pre>\n'
        "<p>Write {{ release }} to show it.</p>\n\n"
        "</div>\n"
    )
    assert "<p>Type {{ release }} to show it.</p>" in (out / "assets/guide/literal.html").read_text()
    write(tmp_path / "site", {"data/ovens.yml": "widest: Oven W60\n", "docs/parts/cups.md": "Rinse.\n"})
    run_build(tmp_path / "site", out)  # a data file and an included one changed: the page again
    assert "Our widest oven is Oven W60;" in (out / "assets/guide/steeping.html").read_text()
    assert "<p>Rinse.</p>" in (out / "assets/guide/steeping.html").read_text()


def test_a_link_in_a_macros_loop_is_not_reported_as_leading_nowhere(tmp_path: Path) -> None:
    """FastAPI's docs list repositories with <a href={{repo.html_url}}> inside a {% for %}
    (Zensical's macros extension, named in markdown_extensions): check --links reported
    '{{repo.html_url}}' as leading nowhere. Without the plugin the page shows its tags, and
    the link is one to that text, as MkDocs builds it. A link to a part of the page that the
    loop may write as a heading is not reported either."""
    page = (
        "# Pots\n\n## Care\n\nSee [the first](#teapot).\n\n{% for pot in pots %}\n\n## {{ pot.name }}\n\n"
        "<a href={{pot.url}}>{{pot.name}}</a>\n\n{% endfor %}\n"
    )
    settings = "site_name: Kettle Yard\nmarkdown_extensions:\n  zensical.extensions.macros: null\n"
    files = {
        "mkdocs.yml": settings,
        "docs/pots.md": page,
        "docs/care.md": "# Care\n\n[Teapot](pots.md#teapot)\n",
    }
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    assert "leads nowhere" not in result.output, result.output
    assert "teapot" not in result.output, result.output  # (a heading the loop may write)
    write(root, {"mkdocs.yml": "site_name: Kettle Yard\n"})
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    assert "link to '{{pot.url}}' leads nowhere" in result.output, result.output


def test_which_pages_the_macros_plugin_renders() -> None:
    """The plugin by default renders every Markdown page, but one saying render_macros: false;
    with render_by_default: false only one saying render_macros: true; markers of the site's
    own (j2_variable_start_string) leave the usual ones text, but not those of comments or line
    statements alone (Jinja2 still reads {{ }} and {% %}); enabled: false turns it off."""
    on = macros_engines({"plugins": ["search", "macros"]})
    assert on == (JINJA, JINJA)
    assert page_engine("mkdocs", "a.md", {}, on) == JINJA
    assert page_engine("mkdocs", "a.md", {"render_macros": False}, on) == ""
    opt_in = macros_engines({"plugins": [{"macros": {"render_by_default": False}}]})
    assert page_engine("mkdocs", "a.md", {}, opt_in) == ""
    assert page_engine("mkdocs", "a.md", {"render_macros": True}, opt_in) == JINJA
    assert macros_engines({"plugins": [{"macros": {"j2_variable_start_string": "[["}}]}) == ("", "")
    assert macros_engines({"plugins": [{"macros": {"j2_block_end_string": "]]"}}]}) == ("", "")
    for key in ("j2_comment_start_string", "j2_line_statement_prefix", "j2_line_comment_prefix"):
        assert macros_engines({"plugins": [{"macros": {key: "%%"}}]}) == (JINJA, JINJA)  # (tags as usual)
    assert macros_engines({"plugins": {"macros": {"enabled": False}}}) == ("", "")
    assert macros_engines({"plugins": ["search"]}) == ("", "")
    zensical = {"markdown_extensions": [{"zensical.extensions.macros": None}]}
    assert macros_engines(zensical) == (JINJA, JINJA)
    tables = {"markdown_extensions": {"zensical": {"extensions": {"macros": {}}}}}  # (zensical.toml's)
    assert macros_engines(tables) == (JINJA, JINJA)
    assert page_engine("mkdocs", "a.md", {}) == ""  # (no site settings given: none runs)


def test_conditions_read_the_plugins_values_as_python_does(tmp_path: Path) -> None:
    """A condition reads extra's values and the front matter (page.meta too), with Python's
    truth: an empty list is false; an include beside it changes no value, as Jinja2's cannot."""
    page = (
        "---\nlabels: []\n---\n# Pots\n\n{% include 'x.md' %}\n\n"
        "{% if labels %}\nLabelled.\n{% else %}\nUnlabelled.\n{% endif %}\n\n"
        "{% if page.meta.labels %}\nTagged.\n{% endif %}\n\n"
        "{% if not release %}\nNo release.\n{% elif release > 3 %}\nNew release.\n{% endif %}\n"
    )
    settings = "site_name: Kettle Yard\nplugins:\n  - macros\nextra:\n  release: 4\n"
    out = _built(tmp_path, {"mkdocs.yml": settings, "docs/pots.md": page})
    body = body_of((out / "assets/pots.html").read_text())
    assert "<p>Unlabelled.</p>" in body and "Labelled." not in body and "Tagged" not in body
    assert "<p>New release.</p>" in body and "No release" not in body


def test_an_include_reads_the_plugins_include_dir(tmp_path: Path) -> None:
    """With include_dir, {% include %} reads that folder (relative to the settings' own), a
    name with .. none (Jinja2 refuses it); on a page that turns the plugin off, the tag is text."""
    settings = "site_name: Kettle Yard\nplugins:\n  - macros:\n      include_dir: shared\n"
    files = {
        "mkdocs.yml": settings,
        "shared/notice.md": "Kettles are *hot*.\n",
        "docs/safety.md": "# Safety\n\n{% include 'notice.md' %}\n\n{% include '../shared/notice.md' %}\n",
        "docs/plain.md": "---\nrender_macros: false\n---\n# Plain\n\n{% include 'notice.md' %}\n",
    }
    out = _built(tmp_path, files)
    assert body_of((out / "assets/safety.html").read_text()) == (
        '<div class="body">\n<p>Kettles are <em>hot</em>.</p>\n'
        "<p><em>[Included from ../shared/notice.md: shown on the live site]</em></p>\n\n</div>\n"
    )
    assert "<p>{% include 'notice.md' %}</p>" in (out / "assets/plain.html").read_text()


def test_an_include_yaml_file_of_nested_aliases_is_refused_with_a_warning(tmp_path: Path) -> None:
    """A few hundred bytes of YAML aliases standing for billions of values (each level ten of the
    one before) hung the build: the file is read within the bounds the site's data files are,
    refused with a warning, and the page shows its other values."""
    levels = ["a0: &a0 [tea, tea, tea, tea, tea, tea, tea, tea, tea, tea]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    settings = "site_name: Kettle Yard\nplugins:\n  - macros:\n      include_yaml: [data/pots.yml]\n"
    settings += "extra:\n  release: 3.1\n"
    files = {
        "mkdocs.yml": settings,
        "data/pots.yml": "\n".join(levels) + "\n",
        "docs/pots.md": "# Pots\n\nRelease {{ release }}.\n",
    }
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    result = CliRunner().invoke(cli, ["-C", str(root), "check"])
    assert "data/pots.yml" in result.output and "cannot read the macros plugin's data file" in result.output
    out = _built(tmp_path / "again", files)
    assert "<p>Release 3.1.</p>" in (out / "assets/pots.html").read_text()


def test_braces_printed_from_a_quoted_text_show_as_written(tmp_path: Path) -> None:
    """The plugin's own way to show braces, a quoted text in an output, came out garbled: Jinja2's
    lexer reads a quoted '}}' as part of the text, not as the output's end."""
    page = (
        '# Braces\n\nWrite {{ "{{ 2 + 2 }}" }} to add.\n\nWrite {{ \'{{ "Kettle" }}\' }} to quote.\n\n'
        "Write {{ '{{' }} release {{ '}}' }} for the release.\n"
    )
    settings = "site_name: Kettle Yard\nplugins:\n  - macros\n"
    out = _built(tmp_path, {"mkdocs.yml": settings, "docs/braces.md": page})
    assert body_of((out / "assets/braces.html").read_text()) == (
        '<div class="body">\n<p>Write {{ 2 + 2 }} to add.</p>\n'
        "<p>Write {{ &quot;Kettle&quot; }} to quote.</p>\n"
        "<p>Write {{ release }} for the release.</p>\n\n</div>\n"
    )


def test_a_pages_own_front_matter_wins_over_the_sites_values(tmp_path: Path) -> None:
    """The page's front matter comes last, as the plugin applies it: its title (a field stagemap
    reads for itself) over extra's, and page.meta is the front matter alone, never the site's."""
    settings = (
        "site_name: Kettle Yard\nplugins:\n  - macros\nextra:\n  title: Kettle Yard Docs\n"
        "  summary: Tea for all\n  description: Loose leaf\n"
    )
    page = (
        "---\ntitle: Brewing\nsummary: Hot water first\n---\n# Brewing\n\n"
        "{{ page.title }} / {{ title }} / {{ page.meta.title }} / {{ summary }} / {{ page.meta.summary }}\n\n"
        "{% if page.meta.description %}\nDescribed.\n{% endif %}\n"
    )
    bare = "# Cups\n\nAbout {{ page.meta.description }} and {{ description }}.\n"
    out = _built(tmp_path, {"mkdocs.yml": settings, "docs/brewing.md": page, "docs/cups.md": bare})
    body = body_of((out / "assets/brewing.html").read_text())
    assert "<p>Brewing / Brewing / Brewing / Hot water first / Hot water first</p>" in body, body
    assert "Described" not in body
    cups = body_of((out / "assets/cups.html").read_text())
    assert "Loose leaf" in cups and "[page.meta.description: shown on the live site]" in cups, cups


def test_a_snippets_text_is_not_read_by_the_macros_plugin(tmp_path: Path) -> None:
    """The plugin renders a page before Markdown's extensions run, so pymdownx.snippets pastes a
    file after it: the file's {{ release }} shows as written, in prose and in a fence alike;
    the page's own is its value."""
    settings = (
        "site_name: Kettle Yard\nplugins:\n  - macros\nmarkdown_extensions:\n  - pymdownx.snippets\n"
        "extra:\n  release: 3.1\n"
    )
    page = '# Kettles\n\nRelease {{ release }}.\n\n--8<-- "snips/snip.md"\n\n```text\n--8<-- "snips/snip.md"\n```\n'
    files = {
        "mkdocs.yml": settings,
        "docs/kettles.md": page,
        "snips/snip.md": "Snippet says {{ release }}.\n",
    }
    out = _built(tmp_path, files)
    assert body_of((out / "assets/kettles.html").read_text()) == (
        '<div class="body">\n<p>Release 3.1.</p>\n<p>Snippet says {{ release }}.</p>\n'
        '<pre><code class="language-text">Snippet says {{ release }}.\n</code></pre>\n\n</div>\n'
    )


def test_a_title_holding_an_output_shows_its_value(tmp_path: Path) -> None:
    """The plugin renders a page's title too where it holds an output, with extra's values and
    the front matter's: the page's <title> and its heading show 'About Kettle', not the tags;
    an output of a macro only the site's Python gives stays as written."""
    settings = "site_name: Kettle Yard\nplugins:\n  - macros\nextra:\n  product: Kettle\n"
    page = "---\ntitle: About {{ product }} {{ page.meta.edition }}\nedition: Copper\n---\nHow it pours.\n"
    macro = "---\ntitle: 'Price: {{ price(\"kettle\") }}'\n---\nIt costs.\n"
    plain = "---\ntitle: About {{ product }}\nrender_macros: false\n---\nAs written.\n"
    files = {"mkdocs.yml": settings, "docs/about.md": page, "docs/price.md": macro, "docs/plain.md": plain}
    out = _built(tmp_path, files)
    about = (out / "assets/about.html").read_text()
    assert "<title>About Kettle Copper" in about and ">About Kettle Copper</h1>" in about, about
    assert "{{" not in about.split("<body", 1)[1].split('<div class="body">')[0]
    assert ">Price: {{ price(&#34;kettle&#34;) }}</h1>" in (out / "assets/price.html").read_text()
    assert "About {{ product }}" in (out / "assets/plain.html").read_text()


def test_a_quoted_closing_brace_ends_no_output_in_nunjucks_but_does_in_liquid() -> None:
    """Nunjucks' lexer reads a quoted text whole, as Jinja2's does: '}}' in it ends nothing.
    Liquid's ends an output at its first '}}', so there only a text without one shows as it is."""
    text = "Type {{ \"{{ cups }}\" }} here; {{ '{{' }} too.\n"
    assert liquid(text, {}, bare=True, engine=NUNJUCKS) == "Type {{ cups }} here; {{ too.\n"
    shown = liquid(text, {}, bare=True, engine=LIQUID)
    assert shown.endswith("here; {{ too.\n") and "{{ cups }}" not in shown


def test_include_yaml_files_naming_the_same_mapping_are_merged_key_by_key(tmp_path: Path) -> None:
    """Two include_yaml files giving the same mapping are merged key by key, however deep, as the
    plugin's own merge does: the later file's text wins, the earlier file's other keys stay."""
    settings = "site_name: Kettle Yard\nplugins:\n  - macros:\n      include_yaml: [data/a.yml, data/b.yml]\n"
    files = {
        "mkdocs.yml": settings,
        "data/a.yml": "shop:\n  city: Leeds\n  hours:\n    monday: nine\n    friday: ten\n",
        "data/b.yml": "shop:\n  city: York\n  hours:\n    friday: eleven\n",
        "docs/shop.md": "# Shop\n\n{{ shop.city }}, {{ shop.hours.monday }} to {{ shop.hours.friday }}.\n",
    }
    out = _built(tmp_path, files)
    assert "<p>York, nine to eleven.</p>" in (out / "assets/shop.html").read_text()


def test_an_include_that_may_be_missing_or_cannot_be_read(tmp_path: Path) -> None:
    """Jinja2's '{% include ... ignore missing %}' of a file not there shows nothing; a file
    linked from outside the project, which stagemap does not read, is a placeholder saying so,
    not one naming stagemap's own shortcode."""
    outside = write(tmp_path / "elsewhere", {"notice.md": "Kettles are *hot*.\n"})
    page = "# Safety\n\n{% include 'gone.md' ignore missing %}\n\n{% include 'linked.md' %}\n\nEnd.\n"
    settings = "site_name: Kettle Yard\nplugins:\n  - macros\n"
    root = write(tmp_path / "site", {"mkdocs.yml": settings, "docs/safety.md": page})
    (root / "docs/linked.md").symlink_to(outside / "notice.md")
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    run_build(root, tmp_path / "out")
    body = body_of((tmp_path / "out/assets/safety.html").read_text())
    assert "gone.md" not in body and "readfile" not in body, body
    assert "Included from docs/linked.md, which cannot be read here" in body, body


def test_a_bare_title_is_the_front_matters_not_the_navs_nor_the_first_headings(tmp_path: Path) -> None:
    """The plugin gives a page its front matter's keys, bare, and its page object: a bare
    {{ title }} on a page whose title comes from the nav or its first heading is no value there
    (the plugin keeps it as written), while {{ page.title }} is that title; stagemap showed the
    nav's or the heading's title for both, and page.meta.title held the nav's. A title of the
    page's own front matter or of extra is still shown."""
    settings = (
        "site_name: Kettle Yard\nnav:\n  - Teapots: pots.md\n  - cups.md\n  - saucers.md\n"
        "plugins:\n  - macros\n"
    )
    files = {
        "mkdocs.yml": settings,
        "docs/pots.md": "# Pots we sell\n\nBare {{ title }}, page {{ page.title }}, meta {{ page.meta.title }}.\n",
        "docs/cups.md": "# Cups on the shelf\n\nBare {{ title }}, page {{ page.title }}.\n",
        "docs/saucers.md": "---\ntitle: Saucers\n---\nBare {{ title }}, page {{ page.title }}.\n",
    }
    out = _built(tmp_path, files)
    pots = body_of((out / "assets/pots.html").read_text())
    said = "<em>[title: shown on the live site]</em>"
    assert (
        f"<p>Bare {said}, page Teapots, meta <em>[page.meta.title: shown on the live site]</em>.</p>" in pots
    )
    cups = body_of((out / "assets/cups.html").read_text())
    assert f"<p>Bare {said}, page Cups on the shelf.</p>" in cups, cups
    saucers = body_of((out / "assets/saucers.html").read_text())
    assert "<p>Bare Saucers, page Saucers.</p>" in saucers, saucers
    out = _built(
        tmp_path / "extra", {**files, "mkdocs.yml": settings + "extra:\n  title: Kettle Yard Docs\n"}
    )
    assert "<p>Bare Kettle Yard Docs, page Cups on the shelf.</p>" in body_of(
        (out / "assets/cups.html").read_text()
    )


def test_an_included_file_shows_its_own_includes_and_its_front_matter(tmp_path: Path) -> None:
    """Jinja2's include reads the whole file and runs its tags with the page's values: a file
    that includes another shows that one's text too (stagemap showed a placeholder for it), and
    a file starting with front matter shows those lines, which Markdown reads as a rule and a
    heading (stagemap left them out, as a page's own front matter is)."""
    settings = (
        "site_name: Kettle Yard\nplugins:\n  - macros:\n      include_dir: snippets\nextra:\n  release: 3.1\n"
    )
    files = {
        "mkdocs.yml": settings,
        "docs/setup.md": "# Setup\n\nFirst steps.\n\n{% include 'outer.md' %}\n",
        "snippets/outer.md": "Fill the kettle.\n\n{% include 'deep/inner.md' %}\n",
        "snippets/deep/inner.md": "---\nshelf: top\n---\nRelease {{ release }} boils it.\n",
    }
    out = _built(tmp_path, files)
    assert body_of((out / "assets/setup.html").read_text()) == (
        '<div class="body">\n<p>First steps.</p>\n<p>Fill the kettle.</p>\n<hr>\n'
        '<h2 id="h-shelf-top">shelf: top</h2>\n<p>Release 3.1 boils it.</p>\n\n</div>\n'
    )


def test_a_loop_over_a_list_the_site_gives_shows_each_item_or_its_else(tmp_path: Path) -> None:
    """Jinja2 runs a loop over a list of extra's (or of an include_yaml file's, the page's front
    matter's) once per item, and an empty one shows its {% else %} part: stagemap showed a
    placeholder for every loop. A loop over what only the site's Python gives still is one."""
    settings = (
        "site_name: Kettle Yard\nplugins:\n  - macros:\n      include_yaml:\n        - data/shop.yml\n"
        "extra:\n  sizes: [small, large]\n  offers: []\n"
    )
    page = (
        "---\ntitle: Kettles\nfinishes: [matte]\n---\n"
        "{% for size in sizes %}\n- {{ size }} kettle\n{% else %}\nNo sizes.\n{% endfor %}\n\n"
        "{% for offer in offers %}\nOffer {{ offer }}.\n{% else %}\nNo offers this week.\n{% endfor %}\n\n"
        "{% for shop in shops %}\n[{{ shop.name }}]({{ shop.page }}){% if shop.open %} open{% endif %}\n"
        "{% endfor %}\n\n{% for f in finishes %}Finish {{ f }}.{% endfor %}\n\n"
        "{% for t in teas() %}\nTea {{ t }}.\n{% endfor %}\n"
    )
    files = {
        "mkdocs.yml": settings,
        "data/shop.yml": "shops:\n  - name: Harbour shop\n    page: harbour.md\n    open: true\n",
        "docs/kettles.md": page,
        "docs/harbour.md": "# Harbour shop\n\nBy the quay.\n",
    }
    out = _built(tmp_path, files)
    assert body_of((out / "assets/kettles.html").read_text()) == (
        '<div class="body">\n<ul>\n<li>\n<p>small kettle</p>\n</li>\n<li>\n<p>large kettle</p>\n</li>\n</ul>\n'
        "<p>No offers this week.</p>\n"
        '<p><a href="harbour.html">Harbour shop</a> open</p>\n<p>Finish matte.</p>\n'
        "<p><em>[A list from the site's data: shown on the live site]</em></p>\n\n</div>\n"
    )
