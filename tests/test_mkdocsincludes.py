"""mkdocs-include-markdown-plugin: another file's text shown where ``{% include-markdown %}`` stands."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.render.mkdocsincludes import between
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
