"""Hugo's include shortcodes: another file's text shown where ``include`` or ``readfile`` stands."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.serve.preview import Preview
from tests.conftest import write
from tests.test_incremental import OLD

SETTINGS = (
    "name: Vanline\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: hugo\n"
    "sources:\n  - path: content/en\n    url: /{path}/\nurls:\n  base: https://vanline.example/\n"
    "rules:\n  - match: {path: 'visits/**'}\n    set: {stages: [evaluation], questions: [risk]}\n"
)
BOOK = """---
title: Book a visit
---
{{% include "/_common/hours.md" %}}

Visits take an hour.

> {{% include "_common/phone" %}}

```text
{{% include "/_common/hours.md" %}}
```

{{% include "/_common/gone.md" %}}

{{% include "../../../outside.md" %}}

{{% readfile file="steps.md" %}}

{{< readfile file="/examples/van.yaml" code="true" lang="yaml" >}}

See [the hours](#opening-hours).
"""


def site(tmp_path: Path) -> Path:
    return write(
        tmp_path / "site",
        {
            "hugo.toml": "baseURL = 'https://vanline.example/'\ntitle = 'Vanline'\n",
            "stagemap.yml": SETTINGS,
            "content/en/_common/_index.md": "---\ncascade:\n  build:\n    list: never\n    render: never\n---\n",
            "content/en/_common/hours.md": (
                "---\ntitle: Hours\n---\n## Opening hours\n\nOpen from eight.\n\n"
                '{{% include "/_common/phone.md" %}}\n\n{{% include "/_common/hours.md" %}}\n'
            ),
            "content/en/_common/phone.md": "---\n---\nCall **0100 200 300**.\n",
            "content/en/visits/book.md": BOOK,
            "content/en/visits/steps.md": "1. Pick a day.\n2. Meet the fitter.\n",
            "examples/van.yaml": "---\nvan: transit\n",
            "outside.md": "Not part of the content.\n",
        },
    )


def build(root: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return (out / "assets/visits/book.html").read_text()


def run_build(root: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def body_of(page: str) -> str:
    return page[page.index('<div class="body">') : page.index('<section class="next-step"')]


def test_a_hugo_page_shows_the_files_it_includes(tmp_path: Path) -> None:
    """Hugo's documentation includes 214 snippets this way: each was a placeholder."""
    page = body_of(build(site(tmp_path), tmp_path / "out"))
    assert page == (
        '<div class="body">\n'
        '<h2 id="h-opening-hours">Opening hours</h2>\n'
        "<p>Open from eight.</p>\n"
        "<p>Call <strong>0100 200 300</strong>.</p>\n"
        "<p><em>[include: shown on the live site]</em></p>\n"  # hours.md inside itself
        "<p>Visits take an hour.</p>\n"
        "<blockquote>\n<p>Call <strong>0100 200 300</strong>.</p>\n</blockquote>\n"
        '<pre><code class="language-text">{{% include &quot;/_common/hours.md&quot; %}}\n</code></pre>\n'
        "<p><em>[include: shown on the live site]</em></p>\n"  # no such file
        "<p><em>[include: shown on the live site]</em></p>\n"  # outside the content: not found
        "<ol>\n<li>Pick a day.</li>\n<li>Meet the fitter.</li>\n</ol>\n"
        '<pre><code class="language-yaml">---\nvan: transit\n</code></pre>\n'
        '<p>See <a href="#h-opening-hours">the hours</a>.</p>\n\n'
        "</div>\n"
    )


def test_check_links_reads_the_headings_an_include_brings(tmp_path: Path) -> None:
    root = site(tmp_path)
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    assert "opening-hours" not in result.output
    assert result.exit_code == 0, result.output


def test_an_edited_include_re_renders_the_pages_showing_it(tmp_path: Path) -> None:
    root = site(tmp_path)
    out = tmp_path / "out"
    assert "Open from eight." in build(root, out)
    write(root, {"content/en/_common/hours.md": "## Opening hours\n\nOpen from seven.\n"})
    assert "Open from seven." in build(root, out)
    write(root, {"content/en/visits/steps.md": "1. Pick a week.\n"})
    assert "Pick a week." in build(root, out)
    preview = Preview(root, tmp_path / "served", as_of=dt.date(2026, 12, 1))
    try:
        assert not preview.rebuild().error
        served = tmp_path / "served/assets/visits/book.html"
        write(root, {"content/en/_common/phone.md": "Call **0100 999 999**.\n"})
        assert not preview.rebuild().error
        assert "0100 999 999" in served.read_text()
    finally:
        preview.stop()


def test_a_file_read_from_outside_the_sources_is_looked_at_before_a_build_is_skipped(tmp_path: Path) -> None:
    """A readfile with a leading / reads from the site's folder, outside every source: editing
    it left 'build' saying nothing changed, and the preview did not see it."""
    root = site(tmp_path)
    for path in root.rglob("*"):  # written long ago: the build after this one may be skipped
        os.utime(path, ns=(OLD, OLD))
    out = tmp_path / "out"
    assert "van: transit" in build(root, out)
    assert "(0 files changed" in run_build(root, out)
    write(root, {"examples/van.yaml": "van: sprinter\n"})
    assert "van: sprinter" in build(root, out)
    # A file named but not there yet: making it is a change too.
    write(
        root,
        {"content/en/visits/book.md": BOOK + '\n{{< readfile file="/examples/bus.yaml" code="true" >}}\n'},
    )
    assert "[readfile: shown on the live site]" in build(root, out)
    write(root, {"examples/bus.yaml": "bus: coach\n"})
    assert "bus: coach" in build(root, out)
    preview = Preview(root, tmp_path / "served", as_of=dt.date(2026, 12, 1))
    try:
        assert not preview.rebuild().error
        write(root, {"examples/van.yaml": "van: minibus\n"})
        assert preview.changed()
        assert not preview.rebuild().error
        assert "van: minibus" in (tmp_path / "served/assets/visits/book.html").read_text()
    finally:
        preview.stop()


def test_a_file_reached_by_two_paths_is_shown_at_the_shallower_and_keyed(tmp_path: Path) -> None:
    """A page including a (which includes x, which includes y) and b (b, c, d, then x): y is
    within four files of the page by a, not by b. Whichever came first, y was left out of the
    page or out of its key (an edit to it then left the page as it was)."""
    files: dict[str, str | bytes] = {
        "hugo.toml": "baseURL = 'https://vanline.example/'\n",
        "stagemap.yml": SETTINGS,
        "content/en/visits/a.md": '{{% include "/parts/x.md" %}}\n',
        "content/en/visits/b.md": '{{% include "/parts/c.md" %}}\n',
        "content/en/parts/c.md": '{{% include "/parts/d.md" %}}\n',
        "content/en/parts/d.md": '{{% include "/parts/x.md" %}}\n',
        "content/en/parts/x.md": 'X says hello.\n\n{{% include "/parts/y.md" %}}\n',
        "content/en/parts/y.md": "Y says old.\n",
    }
    for order in ("a b", "b a"):
        page = "---\ntitle: Book\n---\n" + "".join(
            f'{{{{% include "/visits/{n}.md" %}}}}\n\n' for n in order.split()
        )
        root = write(tmp_path / order.replace(" ", ""), {**files, "content/en/visits/book.md": page})
        out = tmp_path / f"out-{order.replace(' ', '')}"
        assert "Y says old." in build(root, out), order
        write(root, {"content/en/parts/y.md": "Y says new.\n"})
        assert "Y says new." in build(root, out), order


def test_include_arguments_may_end_in_spaces_or_close_themselves(tmp_path: Path) -> None:
    root = site(tmp_path)
    book = '---\ntitle: Book a visit\n---\n{{<   readfile   file="steps.md"   />}}\n\n{{% include   "_common/phone"    %}}\n'
    write(root, {"content/en/visits/book.md": book})
    page = body_of(build(root, tmp_path / "out"))
    assert "<li>Pick a day.</li>" in page and "Call <strong>0100 200 300</strong>." in page


def test_an_included_file_reached_through_a_link_is_looked_at_as_the_file_it_leads_to(tmp_path: Path) -> None:
    """The check before a skipped build read a linked file as nothing, both times: an edit to
    the file behind the link left the page as it was."""
    root = site(tmp_path)
    (root / "shared").mkdir()
    (root / "shared/van.yaml").write_text("van: transit\n")
    (root / "examples/van.yaml").unlink()
    (root / "examples/van.yaml").symlink_to(root / "shared/van.yaml")
    for path in root.rglob("*"):  # written long ago: the build after this one may be skipped
        os.utime(path, ns=(OLD, OLD), follow_symlinks=False)
    out = tmp_path / "out"
    assert "van: transit" in build(root, out)
    assert "(0 files changed" in run_build(root, out)  # nothing changed: the build is skipped
    (root / "shared/van.yaml").write_text("van: camper\n")
    assert "van: camper" in build(root, out)


MKDOCS_PAGE = """---
title: Contributing
---
--8<-- "CONTRIBUTING.md"

> --8<-- 'docs/notes/quote.md'

```text
--8<-- "CONTRIBUTING.md"
```

```text
;--8<-- "CONTRIBUTING.md"
Then this line.
```

;--8<-- "CONTRIBUTING.md"

--8<-- "CONTRIBUTING.md:1:2"

--8<-- "gone.md"

See [how to send a change](#sending-a-change).
"""


def test_a_hugo_include_of_a_file_that_is_no_page_shows_it_as_code(tmp_path: Path) -> None:
    """Kueue's site includes its example manifests from static/ ({{< include "examples/q.yaml"
    "yaml" >}}, a shortcode of its own): 271 placeholders on 131 pages. A file that is no page
    is read from static/, else the site's folder, as code in the language the second argument
    (or lang) names, else its ending's; editing it re-renders the page."""
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "title = 'Kettles'\nbaseURL = 'https://kettles.example/'\n",
            "static/examples/queue.yaml": "kind: Queue\nname: team-a\n",
            "samples/brew.sh": "kettle brew --strong\n",
            "content/docs/queues.md": (
                '---\ntitle: Queues\n---\nMake it:\n\n{{< include "examples/queue.yaml" "yaml" >}}\n\n'
                '{{< include "/samples/brew.sh" >}}\n\n{{< include "examples/none.yaml" "yaml" >}}\n'
            ),
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    run_build(root, out)
    assert body_of((out / "assets/docs/queues.html").read_text()) == (
        '<div class="body">\n<p>Make it:</p>\n'
        '<pre><code class="language-yaml">kind: Queue\nname: team-a\n</code></pre>\n'
        '<pre><code class="language-sh">kettle brew --strong\n</code></pre>\n'
        "<p><em>[include: shown on the live site]</em></p>\n\n</div>\n"
    )
    write(root, {"static/examples/queue.yaml": "kind: Queue\nname: team-b\n"})
    run_build(root, out)
    assert "team-b" in (out / "assets/docs/queues.html").read_text()


def test_an_mkdocs_page_shows_the_snippets_it_includes(tmp_path: Path) -> None:
    """MkDocs' own docs show CONTRIBUTING.md (the repository's) with a snippet: the page was a
    placeholder and 11 links to its headings found none. A part of a file and a file not there
    stay as they were; editing the file re-renders the page. Snippets are read before fences
    (Textual's docs show 80 code examples so): a fence holding one alone shows the file as
    code; an escaped one (';--8<--') is the line without its ';', in code and out."""
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: Vanline\nsite_url: https://vanline.example/\n",
            "CONTRIBUTING.md": "## Sending a change\n\nOpen a pull request.\n",
            "docs/notes/quote.md": "Quoted **text**.\n",
            "docs/about/contributing.md": MKDOCS_PAGE,
            "docs/index.md": "---\ntitle: Home\n---\nRead [how](about/contributing.md#sending-a-change).\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    check = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    assert "sending-a-change" not in check.output
    out = tmp_path / "out"
    run_build(root, out)
    page = body_of((out / "assets/about/contributing.html").read_text())
    assert page == (
        '<div class="body">\n'
        '<h2 id="h-sending-a-change">Sending a change</h2>\n'
        "<p>Open a pull request.</p>\n"
        "<blockquote>\n<p>Quoted <strong>text</strong>.</p>\n</blockquote>\n"
        '<pre><code class="language-text">## Sending a change\n\nOpen a pull request.\n</code></pre>\n'
        '<pre><code class="language-text">--8&lt;-- &quot;CONTRIBUTING.md&quot;\nThen this line.\n</code></pre>\n'
        "<p>--8&lt;-- &quot;CONTRIBUTING.md&quot;</p>\n"
        "<p><em>[Included from CONTRIBUTING.md:1:2: shown on the live site]</em></p>\n"
        "<p><em>[Included from gone.md: shown on the live site]</em></p>\n"
        '<p>See <a href="#h-sending-a-change">how to send a change</a>.</p>\n\n'
        "</div>\n"
    )
    write(root, {"CONTRIBUTING.md": "## Sending a change\n\nOpen a merge request.\n"})
    run_build(root, out)
    assert "Open a merge request." in (out / "assets/about/contributing.html").read_text()


def test_an_mkdocs_page_shows_the_files_mdx_include_and_its_variant_name(tmp_path: Path) -> None:
    """FastAPI's docs (docs/en, its code in docs_src/ two folders up) show their examples with
    '{* file.py hl[3] *}' and '{! file.py !}' in a fence: 5,720 placeholders on 1,170 pages.
    Both read the file from the site's folder: the variant as code in its file's language, the
    other as Markdown, or as code in the language of a fence that holds it alone."""
    root = write(
        tmp_path / "repo",
        {
            "docs/en/mkdocs.yml": "site_name: Kettle\nsite_url: https://kettle.example/\n",
            "docs_src/brew.py": 'def brew():\n    return "tea"\n',
            "docs_src/part.md": "## Steeping\n\nThree minutes.\n",
            "docs/en/docs/index.md": (
                "# Home\n\n{* ../../docs_src/brew.py hl[2] *}\n\n```Python\n{! ../../docs_src/brew.py !}\n```\n\n"
                "{! ../../docs_src/part.md !}\n\n{! ../../docs_src/gone.md !}\n\n{* ../../../outside.py *}\n"
            ),
        },
    )
    assert CliRunner().invoke(cli, ["init", "--site", "docs/en", str(root)]).exit_code == 0
    out = tmp_path / "out"
    run_build(root, out)
    assert body_of((out / "assets/index.html").read_text()) == (
        '<div class="body">\n'
        '<pre><code class="language-python">def brew():\n    return &quot;tea&quot;\n</code></pre>\n'
        '<pre><code class="language-Python">def brew():\n    return &quot;tea&quot;\n</code></pre>\n'
        '<h2 id="h-steeping">Steeping</h2>\n<p>Three minutes.</p>\n'
        "<p><em>[Included from ../../docs_src/gone.md: shown on the live site]</em></p>\n"
        "<p><em>[Included from ../../../outside.py: shown on the live site]</em></p>\n\n"
        "</div>\n"
    )


def test_a_hugo_sites_own_constant_shortcodes_show_their_output_and_follow_their_templates(
    tmp_path: Path,
) -> None:
    """Jaeger's docs fill their feature tables with check_yes and check_no shortcodes (587
    placeholders on 22 pages) and put the current version in install commands with a shortcode
    (71 pages): a template of text alone, or text and the site's params, is shown as its output,
    in code too; one with HTML stays a placeholder; editing one makes the pages using it again."""
    page = (
        "---\ntitle: Mills\n---\n| Grain | Milled |\n|---|---|\n| Rye | {{< yes >}} |\n| Oat | {{< no >}} |\n\n"
        "```bash\ndocker run mill:{{< release >}}\n```\n\nVersion {{% release %}}, {{< missing >}}.\n"
    )
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "baseURL = 'https://m.example/'\n[params]\n  Release = '3.2'\n",
            "stagemap.yml": SETTINGS.replace("content/en", "content"),
            "layouts/shortcodes/yes.html": '{{/* a mark */}}\n{{ emojify ":white_check_mark:" }}\n',
            "layouts/shortcodes/no.html": '<span class="no">no</span>\n',
            "layouts/_shortcodes/release.html": "v{{ .Site.Params.release }}",
            "content/mills.md": page,
        },
    )
    out = tmp_path / "out"
    run_build(root, out)
    made = body_of((out / "assets/mills.html").read_text())
    assert "<td>Rye</td>\n<td>\u2705</td>" in made
    assert "<td>Oat</td>\n<td><em>[no: shown on the live site]</em></td>" in made
    assert "docker run mill:v3.2\n</code>" in made
    assert "<p>Version v3.2, <em>[missing: shown on the live site]</em>.</p>" in made
    (root / "layouts/shortcodes/no.html").write_text("\u274c\n")
    assert "(1 file changed" in run_build(root, out)
    assert "<td>Oat</td>\n<td>\u274c</td>" in body_of((out / "assets/mills.html").read_text())


def test_own_shortcodes_in_an_included_file_and_templates_made_later_are_followed(tmp_path: Path) -> None:
    """Seen by the sitting's review: a page showing an own shortcode through an include kept the
    old output after its template was edited; a template added later, and a param of 2.0
    (Hugo prints 2), are followed too; a build with nothing changed notices a new template."""
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "baseURL = 'https://m.example/'\n[params]\n  release = 2.0\n",
            "stagemap.yml": SETTINGS.replace("content/en", "content"),
            "layouts/shortcodes/ver.html": "v{{ .Site.Params.release }}\n",
            "content/_common/_index.md": "---\ncascade:\n  build:\n    render: never\n---\n",
            "content/_common/part.md": "---\ntitle: Part\n---\nShared {{< ver >}} and {{< later >}}.\n",
            "content/page.md": '---\ntitle: Page\n---\n{{% include "/_common/part.md" %}}\n',
        },
    )
    out = tmp_path / "out"
    run_build(root, out)
    page = lambda: body_of((out / "assets/page.html").read_text())  # noqa: E731
    assert "Shared v2 and <em>[later: shown on the live site]</em>." in page()
    (root / "layouts/shortcodes/ver.html").write_text("V{{ .Site.Params.release }}!\n")
    run_build(root, out)
    assert "Shared V2! and" in page()
    (root / "layouts/_shortcodes").mkdir()
    (root / "layouts/_shortcodes/later.html").write_text("soon\n")
    assert "0 files changed" not in run_build(root, out)
    assert "Shared V2! and soon." in page()


def test_a_readfile_from_the_root_is_read_from_the_content_folder_when_the_site_folder_lacks_it(
    tmp_path: Path,
) -> None:
    """Docsy's readfile hands a path starting with '/' to Hugo's readFile, which reads it from
    the site's folder, else from the content folder: Tekton's {{% readfile "/vendor/disclaimer.md"
    %}} reads content/en/vendor/disclaimer.md, where stagemap looked in the site's folder only
    and showed a placeholder. The site's folder still comes first."""
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "title = 'Kettles'\nbaseURL = 'https://kettles.example/'\ncontentDir = 'content/en'\n",
            "content/en/vendor/notice.md": "Kettles are **hot**.\n",
            "content/en/shared.md": "From the content folder.\n",
            "shared.md": "From the site's folder.\n",
            "content/en/docs/care.md": (
                '---\ntitle: Care\n---\n{{% readfile "/vendor/notice.md" %}}\n\n'
                '{{% readfile file="/shared.md" %}}\n\n{{% readfile "/vendor/none.md" %}}\n'
            ),
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    run_build(root, out)
    assert body_of((out / "assets/docs/care.html").read_text()) == (
        '<div class="body">\n<p>Kettles are <strong>hot</strong>.</p>\n'
        "<p>From the site's folder.</p>\n"
        "<p><em>[readfile: shown on the live site]</em></p>\n\n</div>\n"
    )


def test_a_page_with_cr_lf_line_ends_shows_the_files_it_includes(tmp_path: Path) -> None:
    """Tekton's pages written with CR LF line ends showed a placeholder for each of their three
    readfile calls (the shortcode, on a line of its own, was looked for before the line's CR);
    the same page with LF line ends showed the file."""
    page = '---\ntitle: Format\n---\nThe sample:\n\n{{< readfile file="samples/job.yaml" code="true" lang="yaml" >}}\n'
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "title = 'Kettles'\nbaseURL = 'https://kettles.example/'\n",
            "content/docs/samples/job.yaml": "kind: Job\nname: boil\n",
            "content/docs/format.md": page.replace("\n", "\r\n").encode(),
            "content/docs/plain.md": page,
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    run_build(root, out)
    expected = (
        '<div class="body">\n<p>The sample:</p>\n'
        '<pre><code class="language-yaml">kind: Job\nname: boil\n</code></pre>\n\n</div>\n'
    )
    assert body_of((out / "assets/docs/format.html").read_text()) == expected
    assert body_of((out / "assets/docs/plain.html").read_text()) == expected


def test_a_file_shown_as_code_keeps_its_shortcodes_as_written(tmp_path: Path) -> None:
    """Docsy's readfile with code="true" passes the file to highlight as it is: Hugo reads no
    shortcode in it. The review's site showed a sample of shortcodes so, and since shortcodes in
    a page's own fences became placeholders, each in the sample did too ('[note: shown on the
    live site]'); those in the page's own fence still are."""
    page = (
        '---\ntitle: Notes\n---\n{{< readfile file="sample.txt" code="true" lang="md" >}}\n\n'
        "```sh\nrun {{< tool >}} {{</* kept */>}}\n```\n"
    )
    sample = "Press {{< button >}} then {{% note %}}Wait.{{% /note %}}\nEscaped: {{</* x */>}}\n"
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "title = 'Kettles'\nbaseURL = 'https://kettles.example/'\n",
            "content/docs/sample.txt": sample,
            "content/docs/notes.md": page,
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    out = tmp_path / "out"
    run_build(root, out)
    assert body_of((out / "assets/docs/notes.html").read_text()) == (
        '<div class="body">\n<pre><code class="language-md">Press {{&lt; button &gt;}} then'
        " {{% note %}}Wait.{{% /note %}}\nEscaped: {{&lt;/* x */&gt;}}\n</code></pre>\n"
        '<pre><code class="language-sh">run [tool: shown on the live site] {{&lt; kept &gt;}}\n'
        "</code></pre>\n\n</div>\n"
    )
