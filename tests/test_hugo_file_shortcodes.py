"""A Hugo site's own shortcode whose template shows one file as Markdown, and nothing else."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.render.ownshortcodes import file_shown
from stagemap.render.partials import _OWN_LINE
from tests.conftest import write

SETTINGS = (
    "name: Ferrowheel\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: hugo\n"
    "sources:\n  - path: content\n    url: /{path}/\nurls:\n  base: https://ferrowheel.example/\n"
)
PAGE = """---
title: Frames
---
## Why ride with us

{{< why-us >}}

```text
{{< why-us >}}
```

> {{% terms %}}

Said in a line: {{< why-us >}}.

{{< boxed >}}
"""


def build(root: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = (out / "assets/frames.html").read_text()
    return page[page.index('<div class="body">') : page.index('<section class="next-step"')]


def test_an_own_shortcode_reading_one_file_shows_that_file(tmp_path: Path) -> None:
    """gRPC's site (Hugo) says why to use gRPC on twelve tutorials with {{< why-grpc >}}, whose
    template is {{ readFile "includes/why-grpc.md" | markdownify }}: each page showed a
    placeholder where the live page shows two paragraphs. Such a template's file is shown as an
    include's, on a line of its own outside code, found as Hugo's readFile finds it (the site's
    folder, else the content folder); editing the file makes the pages again."""
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "baseURL = 'https://ferrowheel.example/'\ntitle = 'Ferrowheel'\n",
            "stagemap.yml": SETTINGS,
            "layouts/shortcodes/why-us.html": '{{ readFile "includes/why-us.md" | markdownify }}\n',
            "layouts/_shortcodes/terms.html": (
                '{{- /* shared terms */ -}}\n{{- os.ReadFile "/shared/terms.md" | .Page.RenderString -}}\n'
            ),
            "layouts/shortcodes/boxed.html": '<div class="box">{{ readFile "includes/why-us.md" | markdownify }}</div>\n',
            "includes/why-us.md": "Our frames are **welded by hand** in one workshop.\n",
            "content/shared/_index.md": "---\ncascade:\n  build:\n    render: never\n---\n",
            "content/shared/terms.md": "Every frame carries a ten-year warranty.\n",
            "content/frames.md": PAGE,
        },
    )
    out = tmp_path / "out"
    made = build(root, out)
    assert "<p>Our frames are <strong>welded by hand</strong> in one workshop.</p>" in made
    assert made.count("welded by hand") == 1  # not in code, nor within a line, nor a template with HTML
    assert "<blockquote>\n<p>Every frame carries a ten-year warranty.</p>\n</blockquote>" in made
    assert "Said in a line: <em>[why-us: shown on the live site]</em>." in made
    assert "<em>[boxed: shown on the live site]</em>" in made
    write(root, {"includes/why-us.md": "Our frames are **brazed** in one workshop.\n"})
    assert "<strong>brazed</strong>" in build(root, out)


@pytest.mark.parametrize(
    ("template", "path"),
    [
        ('{{ readFile "includes/why.md" | markdownify }}', "includes/why.md"),
        ('{{- (readFile "/notes/a.md") | $.Page.RenderString -}}', "/notes/a.md"),
        ("{{/* note */}}\n{{ os.ReadFile `x.md` | page.RenderString }}\n", "x.md"),
        ('{{ readFile "includes/why.md" | safeHTML }}', None),  # the file as it is, not Markdown
        ('{{ readFile (printf "includes/%s" (.Get 0)) | markdownify }}', None),
        ('<p>{{ readFile "includes/why.md" | markdownify }}</p>', None),
        ('{{ readFile "a.md" | markdownify }}{{ readFile "b.md" | markdownify }}', None),
    ],
)
def test_the_templates_that_show_one_file(template: str, path: str | None) -> None:
    assert file_shown(template) == path


def test_a_file_not_there_shows_the_shortcodes_own_placeholder_until_it_comes(tmp_path: Path) -> None:
    """Review R1 of 3047517: where the file the template reads was missing, the page showed the
    placeholder of the stand-in ``readfile`` ([readfile: shown on the live site]), not the
    site's shortcode. It shows its own now, and the file's coming makes the page again."""
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "title = 'Ferrowheel'\n",
            "stagemap.yml": SETTINGS,
            "layouts/shortcodes/why-us.html": '{{ readFile "includes/why-us.md" | markdownify }}\n',
            "content/frames.md": "---\ntitle: Frames\n---\nIntro.\n\n{{< why-us >}}\n",
        },
    )
    out = tmp_path / "out"
    made = build(root, out)
    assert "<em>[why-us: shown on the live site]</em>" in made and "readfile" not in made
    write(root, {"includes/why-us.md": "Frames **welded by hand**.\n"})
    assert "<p>Frames <strong>welded by hand</strong>.</p>" in build(root, out)


def test_a_line_of_spaces_after_an_own_shortcode_costs_its_length(tmp_path: Path) -> None:
    """Review R1 of 3047517: the pattern of a shortcode alone on its line read a run of spaces
    before its closing in every way it could part it: 8,000 spaces took a second, 16,000 ten
    seconds of a build. Read one way only, 20,000 take well under a millisecond."""
    line = "{{< why-us" + " " * 20_000 + "\n"
    start = time.process_time()
    assert _OWN_LINE.search(line) is None
    assert time.process_time() - start < 1.0
