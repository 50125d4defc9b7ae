"""mkdocs-include-markdown-plugin: another file's text shown where ``{% include-markdown %}`` stands."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from stagemap import load_project
from stagemap.cli.app import cli
from stagemap.render.includes import inline
from stagemap.render.mkdocsincludes import between
from stagemap.render.partials import files_shown
from tests.conftest import write
from tests.test_includes import body_of, run_build

GUIDE = """# Brewing

{% include-markdown "parts/kettle.md" %}

{%
   include-markdown "../parts/kettle.md"
   start="<!--steps-->"
   end="<!--/steps-->"
   comments=false
%}

> {% include-markdown "./local.md" %}

```yaml
{% include "../examples/pot.yml" %}
```

{% include-markdown "parts/gone.md" %}

{% include-markdown "../../../outside.md" %}
"""


def test_an_mkdocs_page_shows_the_files_include_markdown_names(tmp_path: Path) -> None:
    """Traefik's docs include shared text with '{% include-markdown "includes/x.md" %}' on 56
    pages: each tag was shown as raw text, and check said nothing. A path not starting with
    ./ or ../ is read from the docs folder, one that does from the page's; the tag may run
    over lines, its start and end markers bound the part shown; '{% include %}' alone in a
    fence shows the file as code; a file's own tags are read too; a file that is not there
    (or outside the project) is a placeholder. Editing an included file re-renders the page."""
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: Teapot\nsite_url: https://teapot.example/\nplugins:\n  - include-markdown\n",
            "docs/parts/kettle.md": (
                "Fill the kettle.\n\n<!--steps-->\n1. Boil.\n2. Pour.\n<!--/steps-->\n\n"
                '{% include-markdown "./cups.md" %}\n'
            ),
            "docs/parts/cups.md": "Warm the *cups*.\n",
            "docs/guide/local.md": "Steep for three minutes.\n",
            "docs/guide/brewing.md": GUIDE,
            "docs/examples/pot.yml": "pot: large\n",
        },
    )
    write(tmp_path, {"outside.md": "Not the site's.\n"})
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    run_build(root, out)
    assert body_of((out / "assets/guide/brewing.html").read_text()) == (
        '<div class="body">\n'
        "<p>Fill the kettle.</p>\n"
        "<ol>\n<li>Boil.</li>\n<li>Pour.</li>\n</ol>\n"
        "<p>Warm the <em>cups</em>.</p>\n"
        "<ol>\n<li>Boil.</li>\n<li>Pour.</li>\n</ol>\n"
        "<blockquote>\n<p>Steep for three minutes.</p>\n</blockquote>\n"
        '<pre><code class="language-yaml">pot: large\n</code></pre>\n'
        "<p><em>[Included from parts/gone.md: shown on the live site]</em></p>\n"
        "<p><em>[Included from ../../../outside.md: shown on the live site]</em></p>\n\n"
        "</div>\n"
    )
    write(root, {"docs/parts/cups.md": "Warm the mugs.\n"})
    run_build(root, out)
    assert "Warm the mugs." in (out / "assets/guide/brewing.html").read_text()


def test_include_markdown_bounds_cut_the_text_as_the_plugin_does() -> None:
    """The plugin's start and end: after the first start, before the first end, or each stretch between."""
    text = "a<s>b<e>c<s>d<e>f"
    assert between(text, "<s>", "") == "b<e>c<s>d<e>f"
    assert between(text, "", "<e>") == "a<s>b"
    assert between(text, "<s>", "<e>") == "bd"
    assert between(text, "<x>", "") == ""
    assert between(text, "", "<x>") == text
    assert between("a<e>b<e>c", "<s>", "<e>") == "ac"


def test_files_including_one_another_are_shown_in_bounded_time(tmp_path: Path) -> None:
    """Seen by a review of the include-markdown reading: pages each including all the others
    took 3.3 s to build with 8 pages, 28 s with 12 and over 100 s with 16, as each file was
    worked out again for every chain of files above it. Each file is worked out once at each
    depth, and a page works out at most so many files."""
    files = {"mkdocs.yml": "site_name: Knots\nplugins:\n  - include-markdown\n"}
    for i in range(16):
        tags = "".join(f'{{% include-markdown "k{j}.md" %}}\n\n' for j in range(16) if j != i)
        files[f"docs/k{i}.md"] = f"# Knot {i}\n\nTie knot {i}.\n\n{tags}"
    root = write(tmp_path / "site", files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    start = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-m", "stagemap", "-C", str(root), "build", "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    end = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = end.ru_utime + end.ru_stime - start.ru_utime - start.ru_stime  # (the build's CPU time)
    assert result.returncode == 0, result.stderr[-2000:]
    assert seconds < 30, seconds
    page = (tmp_path / "out/assets/k0.html").read_text()
    assert "Tie knot 1." in page and "Tie knot 15." in page  # (a page this long is shown as text)


def test_a_file_is_never_shown_inside_itself_and_shows_what_it_can() -> None:
    """A guard for the change above (each file's text worked out once and taken again): a file met
    again below itself is left as written there, and a text made under some files is taken again
    under others only where it shows the same: under c, b shows a, which it could not under a."""
    texts = {
        "p.md": 'P\n\n{{% readfile file="a.md" %}}\n\n{{% readfile file="c.md" %}}\n',
        "a.md": 'A\n\n{{% readfile file="b.md" %}}\n',
        "b.md": 'B\n\n{{% readfile file="a.md" %}}\n',
        "c.md": 'C\n\n{{% readfile file="b.md" %}}\n',
    }
    made = inline(texts["p.md"], "p.md", "", "", lambda path, raw: texts.get(path), texts.__contains__)
    assert made == (
        'P\n\n\nA\n\n\nB\n\n{{% readfile file="a.md" %}}\n\n\n\n'
        'C\n\n\nB\n\n\nA\n\n{{% readfile file="b.md" %}}\n\n'
    )


def test_include_markdown_tags_are_text_without_the_plugin(tmp_path: Path) -> None:
    """Seen by a review of the include-markdown reading: a page of an MkDocs site that does not
    name the plugin showed the file its tag named (or a placeholder), where MkDocs shows the tag
    as it is written; nor is the file part of the page's key."""
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: Sails\nplugins:\n  - search\n",
            "docs/rig.md": '# Rig\n\n{% include-markdown "parts/mast.md" %}\n\n{% include-markdown "gone.md" %}\n',
            "docs/parts/mast.md": "Raise the mast.\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    run_build(root, out)
    assert body_of((out / "assets/rig.html").read_text()) == (
        '<div class="body">\n'
        "<p>{% include-markdown &quot;parts/mast.md&quot; %}</p>\n"
        "<p>{% include-markdown &quot;gone.md&quot; %}</p>\n\n"
        "</div>\n"
    )
    project = load_project(root)
    assert files_shown(project.config, project.library.assets) == ()
