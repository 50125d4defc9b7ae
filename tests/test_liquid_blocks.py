"""Jekyll's Liquid over a whole page: captures holding code, names captured twice, escapes,
variables Liquid changes, includes in code (`stagemap.render.liquid`, `stagemap.render.liquidvars`)."""

from __future__ import annotations

from pathlib import Path

from stagemap.render.dialects import clean
from tests.conftest import write
from tests.test_read_cascade import run


def jekyll(body: str) -> str:
    return clean(body, ".md", "jekyll", {})


def test_a_capture_holding_fenced_code_shows_whole_where_it_is_output() -> None:
    """GitHub's training kit (Jekyll, 22 pages) captures text holding a fenced code block and
    shows it through {{ x | markdownify }}: the capture was read in the pieces between the
    fences, so its text showed where it was made and a placeholder where it is shown."""
    body = (
        "Before.\n\n{% capture steps %}\nRun this:\n\n```bash\nbrew --cups 2\n```\n\nThen wait.\n"
        '{% endcapture %}\n\n<div class="panel">\n{{ steps | markdownify }}\n</div>\n\nAfter.\n'
    )
    assert jekyll(body) == (
        'Before.\n\n<div class="panel">\n\nRun this:\n\n```bash\nbrew --cups 2\n```\n\nThen wait.\n\n'
        "</div>\n\nAfter.\n"
    )


def test_a_capture_inside_raw_stays_an_example() -> None:
    body = "Write {% raw %}{% capture x %}Hi.{% endcapture %}{% endraw %}, then:\n\n{{ x }}\n"
    assert (
        jekyll(body)
        == "Write {% capture x %}Hi.{% endcapture %}, then:\n\n*\\[x: shown on the live site\\]*\n"
    )


def test_a_name_captured_twice_shows_at_each_output_the_capture_before_it() -> None:
    """Found on a real Jekyll site by a colleague: a name captured again later on the page
    showed its last capture's text at every output, where Liquid shows the one made just
    before each."""
    body = (
        "{% capture tip %}Fill the pot.{% endcapture %}\n\nOne: {{ tip }}\n\n"
        "{% capture tip %}Boil it.{% endcapture %}\n\nTwo: {{ tip }}\n\nEarly? {{ later }}\n\n"
        "{% capture later %}Too late.{% endcapture %}\n"
    )
    assert jekyll(body) == (
        "One: Fill the pot.\n\nTwo: Boil it.\n\nEarly? *\\[later: shown on the live site\\]*\n"
    )


def test_a_quoted_text_output_shows_its_text_in_code_and_out() -> None:
    """KubeVirt's docs (Jekyll) write Go templates as {{ "{{" }} .Status }} so that Liquid leaves
    their braces: the code showed the escape as written, and the text a placeholder."""
    body = (
        "```bash\nkubectl get vm -o go-template='{{ \"{{\" }} .Status }}'\n```\n\n"
        "In a sentence: {{ '{{' }} .Name }} and `{{ \"{{\" }} .Kind }}`.\n"
    )
    assert jekyll(body) == (
        "```bash\nkubectl get vm -o go-template='{{ .Status }}'\n```\n\n"
        "In a sentence: {{ .Name }} and `{{ .Kind }}`.\n"
    )


def test_a_variable_given_a_value_through_filters_or_a_loop_is_not_known() -> None:
    """Found on a real Jekyll site by a colleague: label given a text with HTML, then
    label | append: " cups": the first text showed, its tags escaped, where the live page
    shows the longer text, its tags rendered."""
    body = (
        '{% assign label = "<b>Total</b>" %}\n{% assign label = label | append: " cups" %}\n\n'
        'Count: {{ label }}\n\n{% assign unit = "<em>cups</em>" %}\n\nIn {{ unit }}.\n\n'
        '{% assign pot = "Steel" %}{% for pot in site.data.pots %}x{% endfor %}\n\nPot: {{ pot }}\n'
    )
    assert jekyll(body) == (
        "Count: *\\[label: shown on the live site\\]*\n\nIn <em>cups</em>.\n\n"
        "*\\[A list from the site's data: shown on the live site\\]*\n\n"
        "Pot: *\\[pot: shown on the live site\\]*\n"
    )
    assert clean(body, ".md", "jekyll", {}, html=True).split("\n\n")[1] == "In *cups*."
    # Eleventy's own data is named bare: set again through a filter, it is not the page's either.
    eleventy = "{% set title = title | upper %}\n\nIt is {{ title }}.\n"
    assert (
        clean(eleventy, ".md", "eleventy", {"title": "Tea"})
        == "It is *\\[title: shown on the live site\\]*.\n"
    )


def test_an_include_in_code_shows_the_plain_file_it_names(tmp_path: Path) -> None:
    """Found on a real Jekyll site by a colleague: {% include steps/x.sh -%} inside a fence
    showed as the tag, where the live page shows the script (Liquid runs in code too). A file
    holding Liquid, or not there, stays a tag; outside code, alone on its line, an include shows
    its file too (`tests/test_jekyll_includes.py`)."""
    root = write(tmp_path, {
        "_config.yml": "title: Brew\n",
        "stagemap.yml": "name: Brew\npurpose: Why.\ngenerator: jekyll\nsources: [labs]\n",
        "_includes/steps/boil.sh": "echo boil\n",
        "_includes/steps/pour.sh": "echo {{ include.cups }}\n",
        "labs/brew.md": (
            "---\ntitle: Brew\n---\n```bash\n  {% include steps/boil.sh -%}\nsleep 240\n"
            "{% include steps/pour.sh cups=2 %}\n{% include steps/none.sh %}\n```\n\n{% include steps/boil.sh %}\n"
        ),
    })  # fmt: skip
    code, _, _ = run("-C", str(root), "build", "-o", str(tmp_path / "out"), "--as-of", "2026-11-24")
    assert code == 0
    page = (tmp_path / "out/assets/brew.html").read_text(encoding="utf-8")
    assert (
        '<pre><code class="language-bash">  echo boil\nsleep 240\n{% include steps/pour.sh cups=2 %}\n'
        "{% include steps/none.sh %}\n</code></pre>\n<p>echo boil</p>"
    ) in page
    (root / "_includes/steps/boil.sh").write_text("echo boil again\n", encoding="utf-8")
    assert run("-C", str(root), "build", "-o", str(tmp_path / "out"), "--as-of", "2026-11-24")[0] == 0
    page = (tmp_path / "out/assets/brew.html").read_text(encoding="utf-8")
    assert "  echo boil again\nsleep 240\n" in page and "<p>echo boil again</p>" in page


def test_a_capture_shown_through_markdownify_in_an_html_block_keeps_its_blocks() -> None:
    """GitHub's training kit (Jekyll, 30 of 33 pages) prints a captured cheat sheet column with
    {{ colOne | markdownify }} on the line after <div class="col">: the column became one
    heading holding its whole text on one line, fence and sub heading in it, where Jekyll makes
    HTML of the capture before kramdown reads the block."""
    body = (
        "{% capture colOne %}\n## Brew\n\nWarm the pot.\n\n### Cups\nTwo.\nPour it.\n"
        '{% endcapture %}\n<div class="col">\n{{ colOne | markdownify }}\n</div>\n'
    )
    shown = "## Brew\n\nWarm the pot.\n\n### Cups\nTwo.\nPour it.\n"
    assert clean(body, ".md", "jekyll", {}, html=True) == shown
    # Eleventy reads no HTML block whole: the text is shown as it is, unmarked.
    assert clean(body, ".md", "eleventy", {}) == f'<div class="col">\n\n{shown}\n</div>\n'


def test_an_include_in_code_inside_raw_or_a_comment_or_out_of_its_folder_stays_a_tag(
    tmp_path: Path,
) -> None:
    """A reviewer of the Jekyll change before: a docs page showing how to use an include
    ({% raw %}{% include footer.html %}{% endraw %} in a fence, or a fence inside a raw block)
    showed the footer's text, and so did one in a comment; Jekyll also refuses names holding
    '..' or '//', which were read."""
    root = write(tmp_path, {
        "_config.yml": "title: Brew\n",
        "stagemap.yml": "name: Brew\npurpose: Why.\ngenerator: jekyll\nsources: [labs]\n",
        "_includes/foot.html": "<p>brewed</p>\n",
        "_includes/steps/boil.sh": "echo boil\n",
        "labs/brew.md": (
            "---\ntitle: Brew\n---\n```liquid\n{% raw %}{% include foot.html %}{% endraw %}\n```\n\n"
            "{% raw %}\n```liquid\n{% include foot.html %}\n```\n{% endraw %}\n\n"
            "{% comment %}\n```liquid\n{% include foot.html %}\n```\n{% endcomment %}\n\n"
            "```sh\n{% include steps/../foot.html %}\n{% include steps//boil.sh %}\n"
            "{% include steps/boil.sh %}\n```\n"
        ),
    })  # fmt: skip
    code, _, _ = run("-C", str(root), "build", "-o", str(tmp_path / "out"), "--as-of", "2026-11-24")
    assert code == 0
    page = (tmp_path / "out/assets/brew.html").read_text(encoding="utf-8")
    assert '<pre><code class="language-liquid">{% include foot.html %}\n</code></pre>' in page
    assert "brewed" not in page
    assert (
        '<pre><code class="language-sh">{% include steps/../foot.html %}\n'
        "{% include steps//boil.sh %}\necho boil\n\n</code></pre>"
    ) in page


def test_a_comment_holding_fenced_code_shows_none_of_it_and_raw_keeps_one_as_written() -> None:
    """RevBayes' tutorials (Jekyll): tutorials/ctmc/index.md keeps a retired example, a fenced
    block and the paragraph about it, between {% comment %} and {% endcomment %}; the built page
    showed both (the comment was looked for in the pieces between fences, where its tags are
    apart), and the live page shows neither. A comment inside a raw block stays as written; a
    raw block inside a comment goes with it, an {% endcomment %} in it ending nothing."""
    body = (
        "Before.\n\n{% comment %}\n```sh\nbrew --twice\n```\n\nThe twice flag brews two pots.\n"
        "{% endcomment %}\n\n{% raw %}\n```liquid\n{% comment %}a note{% endcomment %}\n```\n{% endraw %}\n\n"
        "{% comment %}{% raw %}{% endcomment %}{% endraw %} still hidden\n\n~~~\nhidden\n~~~\n"
        "{% endcomment %}\n\nAfter.\n"
    )
    assert jekyll(body) == "Before.\n\n```liquid\n{% comment %}a note{% endcomment %}\n```\n\n\nAfter.\n"


def test_a_value_on_a_page_written_in_html_is_no_markdown() -> None:
    """A review of the values shown as written: Jekyll runs kramdown only on Markdown files, so a
    .html page shows '*quit*' and '[docs](/docs/)' as written (its tags are tags); a Nunjucks page
    escapes what it outputs, tags too. On those pages a value's marks stayed Markdown: emphasis,
    and a link that check --links reported as leading nowhere. A Markdown page renders them."""
    params = {"tip": "then *quit* and [docs](/docs/) <b>now</b>"}
    page = "---\ntitle: P\n---\n<p>Tip: {{ page.tip }}</p>\n"
    shown = clean(page.split("---\n", 2)[2], ".html", "jekyll", params)
    assert "then \\*quit\\* and \\[docs\\](/docs/) <b>now</b>" in shown
    njk = clean("<p>Tip: {{ tip }}</p>\n", ".njk", "eleventy", params)
    assert "\\<b\\>now\\</b\\>" in njk and "\\*quit\\*" in njk
    assert "then *quit* and [docs](/docs/)" in clean("Tip: {{ tip }}\n", ".md", "eleventy", params)
