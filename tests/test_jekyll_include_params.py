"""Jekyll's includes alone on their line (`stagemap.render.codeincludes`): only files of
``_includes`` are read, and what an include passes is read as Jekyll reads it
(`stagemap.render.includeparams`)."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from stagemap import load_project
from stagemap.cli.app import cli
from stagemap.render.codeincludes import MAX_SHOWN, shown_in_page
from stagemap.render.partials import files_shown
from tests.conftest import write

SITE = {
    "_config.yml": "title: Kelpworks\nurl: https://kelpworks.example\n",
    "secret.env": "KELP_TOKEN=do-not-publish\n",
    "index.md": "---\ntitle: Home\n---\nWe farm kelp.\n",
}


def build(root: Path, out: Path) -> None:
    runner = CliRunner()
    if not (root / "stagemap.yml").exists():
        assert runner.invoke(cli, ["-C", str(root), "init"]).exit_code == 0
    result = runner.invoke(cli, ["-C", str(root), "build", "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, "")


def page(out: Path, name: str) -> str:
    text = (out / "assets" / name).read_text(encoding="utf-8")
    start = text.index('<div class="body">')
    return text[start : text.index("Next step for the buyer", start)]


def test_a_link_in_includes_to_a_file_elsewhere_is_not_followed(tmp_path: Path) -> None:
    """A link in _includes to another file of the project (a secret, .git/config) published
    it through an include, alone on its line or in code: Jekyll's safe mode (GitHub Pages)
    reads an include only where its real path is inside _includes, and so does stagemap. A link
    to a file inside _includes is followed, as Jekyll follows it."""
    files = {
        **SITE,
        "_includes/harvest.txt": "Harvest in May.\n",
        "tour.md": (
            "---\ntitle: Tour\n---\nIntro.\n\n{% include leak.html %}\n\n{% include season.txt %}\n\n"
            "```\n{% include leak.html %}\n```\n"
        ),
    }
    root = write(tmp_path / "kelp", files)
    os.symlink("../secret.env", root / "_includes/leak.html")
    os.symlink("harvest.txt", root / "_includes/season.txt")
    out = tmp_path / "out"
    build(root, out)
    tour = page(out, "tour.html")
    assert "do-not-publish" not in tour and "KELP_TOKEN" not in tour
    assert "[Included from leak.html: shown on the live site]" in tour
    assert "{% include leak.html %}" in tour  # in code, as written
    assert "Harvest in May." in tour


def test_an_includes_folder_that_is_a_link_is_not_read_through(tmp_path: Path) -> None:
    root = write(tmp_path / "kelp", {**SITE, "tour.md": "---\ntitle: Tour\n---\n{% include secret.env %}\n"})
    os.symlink(".", root / "_includes")
    out = tmp_path / "out"
    build(root, out)
    assert "do-not-publish" not in page(out, "tour.html")


def test_a_file_an_include_names_through_a_parameter_makes_the_page_again(tmp_path: Path) -> None:
    """wrap.html includes {{ include.file }}: the file so named is shown, and is one of the
    files the page's key and the preview's watch read, so editing it makes the page again."""
    files = {
        **SITE,
        "_includes/wrap.html": '<div class="wrap">\n{% include {{ include.file }} %}\n</div>\n',
        "_includes/plans.html": "<p>Three plans per longline.</p>\n",
        "pricing.md": '---\ntitle: Pricing\n---\nOur plans.\n\n{% include wrap.html file="plans.html" %}\n',
    }
    root = write(tmp_path / "kelp", files)
    out = tmp_path / "out"
    build(root, out)
    assert "Three plans per longline." in page(out, "pricing.html")
    project = load_project(root)
    assert "_includes/plans.html" in files_shown(project.config, project.library.assets)
    (root / "_includes/plans.html").write_text("<p>Four plans per longline.</p>\n", encoding="utf-8")
    build(root, out)
    assert "Four plans per longline." in page(out, "pricing.html")


def show(body: str, files: dict[str, str]) -> str:
    return shown_in_page(body, "", lambda path: files.get(path.removeprefix("_includes/")))


def test_an_include_passing_nothing_sees_the_outer_includes_parameters() -> None:
    """Jekyll sets `include` only for a tag with parameters: card-badge.html, included
    without any from card.html, sees card.html's."""
    files = {
        "card.html": "<h3>{{ include.title }}</h3>\n{% include card-badge.html %}\n{% include note.html n=2 %}\n",
        "card-badge.html": "<em>{{ include.badge }} for {{ include.title }}</em>\n",
        "note.html": "<p>{{ include.n }}:{{ include.title }}.</p>\n",
    }
    shown = show('{% include card.html title="Moorings" badge="New" %}\n', files)
    assert shown == "<h3>Moorings</h3>\n<em>New for Moorings</em>\n\n<p>2:.</p>\n\n\n"


def test_parameters_count_towards_what_a_page_may_show() -> None:
    """A 64 KB file of {{ include.a }} lines given a long text eight times made an 18 MB page:
    the text is counted with its parameters in place, and files shown in the code of an
    included file count too."""
    files = {
        "fill.html": "{{include.a}}\n" * 4600,
        "rows.html": "{{include.a}}\n" * 100,
        "code.html": "```\n" + "{% include big.txt %}\n" * 2900 + "```\n",
        "big.txt": "x" * 60000 + "\n",
    }
    long = "y" * 480
    assert long * 2 not in show(f'{{% include fill.html a="{long}" %}}\n' * 8, files)
    shown = show(f'{{% include rows.html a="{long}" %}}\n' * 20, files)
    assert len(shown) <= MAX_SHOWN and shown.count(long) == 10 * 100 + 10  # ten shown, ten tags
    assert MAX_SHOWN - 60001 < len(show("{% include code.html %}\n", files)) < MAX_SHOWN + 2900 * 30


def test_a_parameter_through_a_filter() -> None:
    files = {
        "hero.html": (
            '<h2>{{ include.title | default: "Untitled" }}</h2>\n<p>{{ include.title | upcase }}</p>\n'
            "<p>{{ include.title | slugify }}</p>\n"
        ),
        "link.html": "[{{ include.label | default: include.title }}]({{ include.url | relative_url }})\n",
    }
    assert show('{% include hero.html title="Plans" %}\n', files) == (
        "<h2>Plans</h2>\n<p>PLANS</p>\n<p>{{ include.title | slugify }}</p>\n\n"
    )
    assert show("{% include hero.html %}\n", files).startswith("<h2>Untitled</h2>\n<p></p>\n")
    assert show('{% include link.html title="Plans" url="/plans/" %}\n', files) == (
        '[Plans]({{ "/plans/" | relative_url }})\n\n'
    )


def test_parameters_are_read_as_jekyll_reads_them() -> None:
    files = {
        "box.html": (
            "{{ include.width }}|{{ include.data-id }}|{{ include.id }}|{{ include.quote }}|"
            "{{ include.n }}|{% if include.flag %}on{% endif %}\n"
        ),
        "raw.html": "{% raw %}{{ include.n }}{% endraw %} {{ include.n }}\n",
    }
    passed = r'width="50%" data-id="A" quote="say \"hi\"" n=3 flag=true'
    assert show(f"{{% include box.html {passed} %}}\n", files) == (
        '50%|A||say "hi"|3|{% if true %}on{% endif %}\n\n'
    )
    assert show("{% include raw.html n=3 %}\n", files) == "{% raw %}{{ include.n }}{% endraw %} 3\n\n"
    assert show("{% include raw.html-%}\n", files).startswith("{% raw %}")
    assert show("```\n{% include plain.txt-%}\n```\n", {"plain.txt": "Rope.\n"}) == "```\nRope.\n```\n"
    assert show("{% include box.html width=50% %}\n", files) == "{% include box.html width=50% %}\n"
