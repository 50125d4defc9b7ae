"""A Hugo site's own shortcodes whose templates say what they show: notes (render/ownshortcodes.py)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.render import dialects
from stagemap.render.ownshortcodes import OWN_SHORTCODES
from tests.conftest import write

SETTINGS = (
    "name: Kettles\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: hugo\n"
    "sources:\n  - path: content\n    url: /{path}/\nurls:\n  base: https://kettles.example/\n"
    "rules:\n  - match: {path: '**'}\n    set: {stages: [evaluation], questions: [risk]}\n"
)


def body(files: dict[str, str], tmp_path: Path, page: str = "content/page.md") -> str:
    """Build a Hugo site of ``files`` (none: the site as it is) and return the body of ``page``'s asset page."""
    base = {"hugo.toml": "baseURL = 'https://kettles.example/'\n", "stagemap.yml": SETTINGS}
    root = write(tmp_path / "site", {**base, **files} if files else {})
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    made = (out / "assets" / page.removeprefix("content/").replace(".md", ".html")).read_text()
    return made[
        made.index('<div class="body">') + len('<div class="body">') : made.index(
            "</div>", made.index('<div class="body">')
        )
    ]


def test_a_sites_own_admonition_shortcodes_are_notes_of_their_name(tmp_path: Path) -> None:
    """Harbor's docs write {{< important >}} nine times (and danger, success): its template hands
    what it holds to the site's admonition partial, and stagemap showed the text with no label.
    important, caution, danger and success are notes; so is a shortcode of another name whose
    template calls an admonition's, alert's, callout's or notice's partial or writes its class.
    Another paired template still shows what it holds alone; one used alone stays a placeholder."""
    page = (
        "---\ntitle: Page\n---\n{{< important >}}\nStop the pump.\n{{< /important >}}\n\n"
        '{{< heads-up title="Hot" >}}\nLet it cool.\n{{< /heads-up >}}\n\n'
        "{{% boxed %}}\nKept **as text**.\n{{% /boxed %}}\n\n{{< careful >}}\nMind the lid.\n{{< /careful >}}\n\n"
        "Then {{< heads-up >}}.\n"
    )
    files = {
        "layouts/shortcodes/important.html": '{{ partial "admonition.html" (dict "type" "warning" "content" .Inner) }}\n',
        "layouts/shortcodes/heads-up.html": '{{ partial "blocks/admonition" (dict "title" (.Get "title") "body" .Inner) }}\n',
        "layouts/shortcodes/careful.html": '<div class="callout callout-warn">{{ .Inner | markdownify }}</div>\n',
        "layouts/shortcodes/boxed.html": '<div class="box">{{ .Inner }}</div>\n',
        "content/page.md": page,
    }
    assert body(files, tmp_path) == (
        "\n<blockquote>\n<p><strong>Important</strong></p>\n<p>Stop the pump.</p>\n</blockquote>\n"
        "<blockquote>\n<p><strong>Heads-up: Hot</strong></p>\n<p>Let it cool.</p>\n</blockquote>\n"
        "<p>Kept <strong>as text</strong>.</p>\n"
        "<blockquote>\n<p><strong>Careful</strong></p>\n<p>Mind the lid.</p>\n</blockquote>\n"
        "<p>Then <em>[heads-up: shown on the live site]</em>.</p>\n\n"
    )


def test_a_sites_own_shortcode_printing_its_first_argument_shows_it_in_bold_before_what_it_holds(
    tmp_path: Path,
) -> None:
    """KEDA's docs fold code for each language into {{< collapsible "Golang" >}} (15 uses): its
    template prints .Get 0 as the card's header, and stagemap showed the code under no name. A
    paired template printing its first argument (or title, summary, header) shows it in bold
    first; an argument not given adds nothing."""
    page = (
        '---\ntitle: Page\n---\n{{< fold "Linux" >}}\nRun the *installer*.\n{{< /fold >}}\n\n'
        '{{< panel title="Settings" >}}\nOpen the menu.\n{{< /panel >}}\n\n{{< fold >}}\nNo name.\n{{< /fold >}}\n'
    )
    files = {
        "layouts/shortcodes/fold.html": (
            '<div class="card">\n  <p class="card-title">\n    {{ .Get 0 }}\n  </p>\n'
            "  <div>{{ .Inner | markdownify }}</div>\n</div>\n"
        ),
        "layouts/shortcodes/panel.html": '<section><b>{{- .Get "title" | safeHTML -}}</b>{{ .Inner }}</section>\n',
        "content/page.md": page,
    }
    assert body(files, tmp_path) == (
        "\n<p><strong>Linux</strong></p>\n<p>Run the <em>installer</em>.</p>\n"
        "<p><strong>Settings</strong></p>\n<p>Open the menu.</p>\n<p>No name.</p>\n\n"
    )


def test_an_include_the_sites_template_reads_from_a_folder_of_its_own_shows_that_file(tmp_path: Path) -> None:
    """KEDA's pages end with {{< include "get-involved.md" >}}, whose template hands the name to
    a partial that reads printf "includes/%s": no content file is so named, and the page showed
    the placeholder. Where GetPage finds no page, the file is read from the folder the
    template's printf names under the site's folder; editing it makes the page again."""
    files = {
        "layouts/shortcodes/include.html": '{{ partial "shared-text" (.Get 0) }}\n',
        "layouts/partials/shared-text.html": '{{ $path := printf "snippets/%s" . }}\n{{ readFile $path | markdownify }}\n',
        "snippets/join.md": "Come to the *weekly* call.\n",
        "content/near/join.md": "---\ntitle: Near\n---\nThe page beside, which GetPage finds first.\n",
        "content/near/page.md": '---\ntitle: Near page\n---\n{{< include "join.md" >}}\n',
        "content/page.md": '---\ntitle: Page\n---\n{{< include "join.md" >}}\n\n{{< include "gone.md" >}}\n',
    }
    assert body(files, tmp_path) == (
        "\n<p>Come to the <em>weekly</em> call.</p>\n<p><em>[include: shown on the live site]</em></p>\n\n"
    )
    assert (
        body({}, tmp_path, "content/near/page.md")
        == "\n<p>The page beside, which GetPage finds first.</p>\n\n"
    )
    (tmp_path / "site/snippets/join.md").write_text("Come on Friday.\n")
    assert body({}, tmp_path).startswith("\n<p>Come on Friday.</p>\n")


def test_a_sites_own_shortcode_in_code_shows_the_placeholders_text() -> None:
    """Crossplane's docs write kubectl apply -f {{< manifest-url path="..." >}} in 48 shell
    blocks: Hugo works shortcodes out in code too, and stagemap showed the shortcode as written,
    a command no one can run. It is the placeholder's text there; a known output of the site's
    own is that output; Hugo's own (ref, include) stay as written, and an escaped one shows bare."""
    text = (
        '```sh\nkubectl apply -f {{< manifest-url path="demo/app.yaml" >}}\nv{{< release >}} {{< release a >}}\n'
        '{{< ref "setup" >}} {{</* manifest-url */>}}\n```\n\nRun `{{% tool %}}` first.\n'
    )
    made = dialects.clean(text, ".md", "hugo", {OWN_SHORTCODES: {"release": "3.2"}})
    assert made == (
        "```sh\nkubectl apply -f [manifest-url: shown on the live site]\n"
        'v3.2 [release: shown on the live site]\n{{< ref "setup" >}} {{< manifest-url >}}\n```\n\n'
        "Run `[tool: shown on the live site]` first.\n"
    )


def test_docsys_imgproc_shows_the_bundle_image_its_name_matches_with_the_caption(tmp_path: Path) -> None:
    """Docsy's blog posts show images with {{< imgproc sunset Fit "600x400" >}}caption{{< /imgproc >}}:
    stagemap showed the caption alone. The first image of the page's bundle whose name holds
    the first argument is shown (Docsy's GetMatch "**sunset*"), the caption below; an image of
    another bundle, or none matching, leaves the caption alone as before. Its HTML is HTML (Tekton's
    captions link to their source; the link showed as escaped text), the image's alt its name."""
    page = (
        '---\ntitle: Post\n---\n{{< imgproc Sunset Fit "600x400" >}}\nThe bay at *dusk*, <a href="https://x.example/">by us</a>.\n{{< /imgproc >}}\n\n'
        '{{< imgproc map Fill "90x90" >}}{{< /imgproc >}}\n\n{{< imgproc boat Fit "9x9" >}}Not here.{{< /imgproc >}}\n'
    )
    png = "\x89PNG\r\n"
    files = {
        "content/post/index.md": page,
        "content/post/shots/featured-sunset-wide.png": png,
        "content/post/sunset.txt": "not an image\n",
        "content/post/zz-sunset.jpg": png,
        "content/post/map.gif": png,
        "content/other/boat.png": png,
    }
    assert body(files, tmp_path, "content/post/index.md") == (
        '\n<p><img src="../../files/post/shots/featured-sunset-wide.png" alt="featured-sunset-wide.png"></p>\n'
        '<p><em>The bay at *dusk*, <a href="https://x.example/">by us</a>.</em></p>\n'
        '<p><img src="../../files/post/map.gif" alt="map.gif"></p>\n<p>Not here.</p>\n\n'
    )
