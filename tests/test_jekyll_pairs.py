"""Jekyll's kramdown and Liquid, and the pairing of nested tags, as Travis CI's docs (Jekyll,
316 pages) and Crossplane's (Hugo) showed them wrong (render/anchors.py, render/liquid.py,
render/jsx.py, render/shortcodes.py, read/jekyll.py)."""

from __future__ import annotations

import time
from pathlib import Path

from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.jekyll import exclude_globs, excluded, outside
from stagemap.render import markdown
from stagemap.render.anchors import anchor
from stagemap.render.dialects import clean
from tests.conftest import QUIET_CONFIG, write


def test_kramdown_lists_with_paths_in_their_values_and_ids_of_spans_and_tables() -> None:
    """Travis CI's docs: '{: data-file="config/boxes.yml"}' under a fence showed as text (a '/'
    or '~' in a value); the ids of '`git remote -v`{: #remote}' and of '{: #price-table}' under
    a table were lost, so links to them were reported; a span's list wrapped over two lines
    showed its '{:'."""
    text = (
        '```yaml\nsize: large\n```\n{: data-file="config/boxes.yml"}\n\n'
        "```sh\nls\n```\n{: data-path=~/kit}\n\n"
        "Run `git remote -v`{: #remote .cmd} first.\n\n"
        "| Plan | Price |\n|---|---|\n| Small | 4 |\n{: #price-table}\n\n"
        "Then `git push`{: .cmd\n#push} and **`a`**{: #a} more.\n"
    )
    assert clean(text, ".md", "jekyll") == (
        "```yaml\nsize: large\n```\n\n```sh\nls\n```\n\n"
        f"Run `git remote -v`{anchor('remote')} first.\n\n"
        f"| Plan | Price |\n|---|---|\n| Small | 4 |\n\n{anchor('price-table')}\n\n"
        f"Then `git push`{anchor('push')} and **`a`** more.{anchor('a')}\n"
    )
    page = markdown.render(clean(text, ".md", "jekyll")).html
    assert '<p>Run <code>git remote -v</code><span id="h-remote"></span> first.</p>' in page
    assert '</table>\n<p><span id="h-price-table"></span></p>' in page
    assert "{:" not in page and "data-" not in page
    # A blank line ends the paragraph, and so the list: braces there stay as written.
    assert clean("`a`{: #x\n\n.y}\n", ".md", "jekyll") == "`a`{: #x\n\n.y}\n"


def test_check_links_reaches_the_ids_of_kramdown_span_and_table_lists(tmp_path: Path) -> None:
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: jekyll\nsources: [docs]\n",
        "docs/a.md": (
            "---\ntitle: A\n---\nRun `git remote -v`{: #remote} now.\n\n"
            "| Plan | Price |\n|---|---|\n| Small | 4 |\n{: #price-table}\n"
        ),
        "docs/b.md": "---\ntitle: B\n---\n[r](a.md#remote) [p](a.md#price-table) [x](a.md#prices)\n",
    }
    root = write(tmp_path, files)
    err = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"]).stderr
    assert [line.split(" (")[0] for line in err.splitlines() if "finds no heading" in line] == [
        "docs/b.md:4:44: warning: link to 'a.md#prices' finds no heading 'prices' on 'A'"
    ]


def test_liquid_prepend_of_the_sites_base_path_gives_the_path() -> None:
    """Travis CI's docs: '<img src="{{ "/images/panel.png" | prepend: site.baseurl }}">' vanished
    without a word, and a link to '{{ "/x/" | prepend: site.baseurl }}' lost its target."""
    text = (
        '<img alt="Panel" src="{{ "/images/panel.png" | prepend: site.baseurl }}">\n\n'
        "![Again]({{ '/images/panel.png' | prepend: site.baseurl }})\n\n"
        "[Setup]({{ '/setup/' | prepend: site.baseurl | prepend: site.url }}) and "
        "[notes]({{ 'notes/' | prepend:site.baseurl }}) and {{ '/faq/' | prepend: site.baseurl }}\n\n"
        "[kept]({{ '/x/' | prepend: page.lang }})\n"
    )
    assert clean(text, ".md", "jekyll", html=True) == (
        "![Panel](/images/panel.png)\n\n![Again](/images/panel.png)\n\n"
        "[Setup](/setup/) and [notes](notes/) and /faq/\n\nkept\n"
    )


def test_html_tags_in_capitals_are_html_where_pages_are_not_mdx() -> None:
    """Travis CI's docs: 'First.<BR />Second.' showed '[BR: shown on the live site]'; '<A HREF>'
    lost its link and '<IMG SRC>' was a placeholder, as if each were an MDX component."""
    text = 'First.<BR />Second.\n\nSee <A HREF="/setup/">setup</A> and <IMG SRC="p.png" ALT="P">.\n'
    expected = "First.\\\nSecond.\n\nSee [setup](/setup/) and ![P](p.png).\n"
    assert clean(text, ".md", "jekyll", html=True) == expected
    assert clean(text, ".md", "hugo", html=True) == expected
    # In MDX a capitalised name is a component's, as before; an unknown name keeps its case.
    assert clean("<BR />\n", ".mdx", "docusaurus") == "*\\[BR: shown on the live site\\]*\n"
    assert clean('<Shot src="c.png" />\n', ".md", "jekyll", html=True) == "![Shot](c.png)\n"


def test_nested_liquid_loops_comments_and_captures_pair_as_liquid_reads_them() -> None:
    """Travis CI's docs: a '{% for %}' inside a '{% for %}' ended the outer loop at the inner's
    '{% endfor %}': what followed showed as text ('stray' and a placeholder)."""
    text = (
        "Before.\n\n{% for box in site.data.boxes %}\n- {{ box.name }}\n{% for part in box.parts %}\n"
        "  - {{ part }}\n{% endfor %}\nstray {{ box.size }}\n{% endfor %}\n\n"
        "{% comment %}old {% comment %}older{% endcomment %} still old{% endcomment %}After.\n"
    )
    assert clean(text, ".md", "jekyll") == (
        "Before.\n\n*\\[A list from the site's data: shown on the live site\\]*\n\nAfter.\n"
    )


def test_nested_paired_shortcodes_of_one_name_pair_as_hugo_reads_them() -> None:
    """Crossplane's docs put a '{{< hint "tip" >}}' inside a '{{< hint "warning" >}}': the outer
    one ended at the inner's closing, so the inner box was lost ('[note: ...]') and the outer's
    last lines fell out of it."""
    text = (
        '{{< note "warning" >}}\nOuter.\n\n{{< note "tip" >}}\nInner.\n{{< /note >}}\n\n'
        'Outer again.\n{{< /note >}}\n\n{{< note "info" />}}\n\n{{< note >}}\nLast.\n{{< /note >}}\n'
    )
    assert markdown.render(clean(text, ".md", "hugo")).html == (
        "<blockquote>\n<p><strong>Warning</strong></p>\n<p>Outer.</p>\n<blockquote>\n"
        "<p><strong>Tip</strong></p>\n<p>Inner.</p>\n</blockquote>\n<p>Outer again.</p>\n</blockquote>\n"
        "<p><em>[note: shown on the live site]</em></p>\n"
        "<blockquote>\n<p><strong>Note</strong></p>\n<p>Last.</p>\n</blockquote>\n"
    )
    # Thousands nested, or left open, are read in bounded time and depth.
    for many in ("{{< note >}}x" * 3000 + "{{< /note >}}" * 3000, "{{< note >}}" * 5000 + "{{< /note >}}"):
        started = time.process_time()
        assert "x" in clean(many, ".md", "hugo") or "note" in clean(many, ".md", "hugo")
        assert time.process_time() - started < 5


def test_jekyll_exclude_entries_match_as_jekylls_entry_filter_does(tmp_path: Path) -> None:
    """Travis CI's docs: Jekyll matches 'exclude' entries with File.fnmatch? (no flags: '*'
    crosses folders) or as the start of a path; init wrote '/*.wip.md' and '/notes', so
    guides/later.wip.md and notes-old.md, which Jekyll leaves out, were read as pages."""
    entries = ["*.wip.md", "notes", "old/"]
    assert [exclude_globs(e) for e in entries] == [["/*.wip.md", "/*/**/*.wip.md"], ["/notes*"], ["/old/"]]
    assert [
        p
        for p in ("guides/later.wip.md", "notes-old.md", "guides/notes/n.md", "older.md")
        if excluded(p, entries)
    ] == [
        "guides/later.wip.md",
        "notes-old.md",
    ]
    assert excluded("old", entries, folder=True) and not excluded("old", entries)
    assert outside("old/_posts", entries) and not outside("guides/_posts", entries)
    root = write(
        tmp_path,
        {
            "_config.yml": 'url: https://ex.example\nexclude: ["*.wip.md", "notes"]\n',
            "top.wip.md": "---\ntitle: Top\n---\n",
            "notes-old.md": "---\ntitle: Old notes\n---\n",
            "guides/later.wip.md": "---\ntitle: Later\n---\n",
            "guides/start.md": "---\ntitle: Start\n---\n",
            "guides/notes/n.md": "---\ntitle: Nested notes\n---\n",
            "notes_posts/_posts/2024-01-02-a.md": "---\ntitle: A\n---\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    library = stagemap.load_project(root).library
    assert sorted(a.path for a in library.assets) == ["guides/notes/n.md", "guides/start.md"]
    assert "path: notes_posts/_posts" not in (root / "stagemap.yml").read_text()
