"""Files in the content folder that bodies may link to: which ones the site may copy."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read import attachments
from stagemap.read.attachments import NO_SCRIPT, defused, linkable_files, read_attachment
from stagemap.read.settings import config_from_data
from tests.conftest import write


def test_linkable_files_are_plain_files_inside_the_content_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "img").mkdir(parents=True)
    (content / "img/chart.png").write_bytes(b"png")
    (content / "a.md").write_text("# A\n")
    (content / ".secret").write_text("x")
    (content / ".hidden").mkdir()
    (content / ".hidden/in.png").write_bytes(b"png")
    (tmp_path / "outside.txt").write_text("outside")
    os.symlink(tmp_path / "outside.txt", content / "escape.txt")
    os.symlink(content / "img/chart.png", content / "alias.png")
    assert linkable_files(content) == frozenset({"img/chart.png", "alias.png"})
    assert read_attachment(content, "img/chart.png") == b"png"
    assert read_attachment(content, "escape.txt") is None
    assert read_attachment(content, "../outside.txt") is None


def test_linkable_files_follow_folder_links_inside_but_never_loop(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "x").mkdir(parents=True)
    (content / "x/pic.png").write_bytes(b"png")
    os.symlink(content, content / "x/up")  # a loop back to the top
    os.symlink(content / "x", content / "y")
    os.symlink(tmp_path, content / "out")  # leaves the content folder
    assert linkable_files(content) == frozenset({"x/pic.png", "y/pic.png"})


def test_linkable_files_leave_out_big_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT", 3)
    (tmp_path / "small.txt").write_bytes(b"abc")
    (tmp_path / "big.txt").write_bytes(b"abcd")
    assert linkable_files(tmp_path) == frozenset({"small.txt"})
    assert read_attachment(tmp_path, "big.txt") is None


def test_linkable_files_of_a_missing_folder_are_none(tmp_path: Path) -> None:
    assert linkable_files(tmp_path / "nope") == frozenset()


EVIL_HTML = b"<title>safe</title><script>document.title = 'pwned'</script>\n"
EVIL_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" onload="alert(1)">'
    b'<script>alert(2)</script><rect width="40" height="20"/></svg>\n'
)


def test_defused_html_forbids_every_script_from_its_first_line() -> None:
    out = defused("report.HTML", EVIL_HTML)
    assert out == NO_SCRIPT + EVIL_HTML
    assert defused("a.htm", b"\xef\xbb\xbfhi").startswith(b"\xef\xbb\xbf" + NO_SCRIPT)


def test_defused_svg_is_shown_as_a_picture_of_the_same_size() -> None:
    out = defused("chart.svg", EVIL_SVG).decode()
    encoded = base64.b64encode(EVIL_SVG).decode()
    assert out == (
        '<svg xmlns="http://www.w3.org/2000/svg" height="20" width="40">'
        f'<image width="100%" height="100%" href="data:image/svg+xml;base64,{encoded}"/></svg>\n'
    )
    assert 'width="300" height="150"' in defused("x.svg", b"<svg><script>x</script></svg>").decode()
    sneaky = defused("y.svg", b'<svg viewBox="0 0 1 1" width="1\\" onload=\\"alert(1)">').decode()
    assert "onload" not in sneaky.split("base64,")[0]


def test_defused_xml_becomes_text_and_other_files_stay_as_they_are() -> None:
    page = b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'
    assert defused("x.xhtml", page) == (
        b'<?xml version="1.0" encoding="utf-8"?>\n<text>&lt;html xmlns="http://www.w3.org/1999/xhtml"&gt;'
        b"&lt;script&gt;alert(1)&lt;/script&gt;&lt;/html&gt;</text>\n"
    )
    assert defused("chart.png", b"<script>") == b"<script>"


def test_read_attachment_defuses_only_without_allow_html(tmp_path: Path) -> None:
    (tmp_path / "evil.html").write_bytes(EVIL_HTML)
    assert read_attachment(tmp_path, "evil.html") == EVIL_HTML
    assert read_attachment(tmp_path, "evil.html", allow_html=False) == NO_SCRIPT + EVIL_HTML


@pytest.mark.parametrize("allow_html", [False, True])
def test_build_copies_attached_pages_and_drawings_defused_unless_html_is_allowed(
    tmp_path: Path, allow_html: bool
) -> None:
    project = write(
        tmp_path / "p",
        {
            "stagemap.yml": f"name: Acme\nsite:\n  allow_html: {str(allow_html).lower()}\n",
            "content/evil.html": EVIL_HTML,
            "content/chart.svg": EVIL_SVG,
            "content/a.md": "---\ntitle: A\nstages: [awareness]\nquestions: [problems]\n---\n"
            "[report](evil.html) ![chart](chart.svg)\n",
        },
    )
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    html_copy = (out / "files/evil.html").read_bytes()
    svg_copy = (out / "files/chart.svg").read_bytes()
    if allow_html:
        assert (html_copy, svg_copy) == (EVIL_HTML, EVIL_SVG)
    else:
        assert html_copy == NO_SCRIPT + EVIL_HTML
        assert b"<script" not in svg_copy and b"onload" not in svg_copy


def test_files_beside_the_pages_of_every_source_are_linked_and_copied(tmp_path: Path) -> None:
    """Seen by a review: only the first source's files could be linked, so the images beside a
    blog's posts (a second source) led nowhere, on the site and in check --links."""
    settings = (
        "name: T\nlint: {placeholder: false, no-not-for: false}\ngenerator: docusaurus\n"
        "sources:\n  - path: docs\n  - path: website/blog\n    id: blog/\n"
    )
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings,
            "docs/intro.md": "---\ntitle: Intro\n---\n![Map](./map.png) [Post](../website/blog/post.md)\n",
            "docs/map.png": b"docs-png",
            "website/blog/post.md": "---\ntitle: Post\n---\n![Pic](./pic.png) and ![Map](../../docs/map.png)\n",
            "website/blog/pic.png": b"blog-png",
        },
    )
    runner = CliRunner()
    checked = runner.invoke(cli, ["-C", str(root), "check", "--links"])
    assert (checked.exit_code, checked.stderr) == (0, "")
    built = runner.invoke(cli, ["-C", str(root), "build", "--as-of", "2026-11-24"])
    assert built.exit_code == 0, built.stderr
    post = (root / "site/assets/blog/post.html").read_text(encoding="utf-8")
    assert '<img src="../../files/~/website/blog/pic.png" alt="Pic">' in post
    assert '<img src="../../files/map.png" alt="Map">' in post
    assert (root / "site/files/~/website/blog/pic.png").read_bytes() == b"blog-png"
    assert (root / "site/files/map.png").read_bytes() == b"docs-png"


def test_links_across_sources_never_take_one_file_for_another_nor_publish_what_a_source_leaves_out(
    tmp_path: Path,
) -> None:
    """Seen by a review of the change that linked every source's files: a source's excluded
    node_modules/ was published, '../README.md' from docs/ reached docs/README.md, and
    docs/blog/chart.png was taken for a file of the 'blog' source."""
    settings = (
        "name: T\nlint: {placeholder: false, no-not-for: false}\ngenerator: docusaurus\n"
        "urls: {base: 'https://x.example/'}\n"
        "sources:\n  - path: docs\n    exclude: [/guides/skip.md]\n  - path: blog\n    id: blog/\n"
        "  - path: web\n    id: web/\n    exclude: [node_modules/]\n"
    )
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings,
            "README.md": "# The repository\n",
            "docs/README.md": "---\ntitle: Docs\n---\nText.\n",
            "docs/guides/skip.md": "---\ntitle: Skip\n---\nText.\n",
            "docs/blog/chart.png": b"DOCS-CHART",
            "docs/blog/both.png": b"DOCS-BOTH",
            "blog/both.png": b"BLOG-BOTH",
            "docs/intro.md": (
                "---\ntitle: Intro\n---\n[readme](../README.md) [skip](/guides/skip.md)"
                " ![c](blog/chart.png) ![b](blog/both.png) ![d](../blog/both.png)\n"
            ),
            "web/node_modules/pkg/secret.json": '{"token": "s3cret"}\n',
            "web/page.md": "---\ntitle: Page\n---\n[secret](node_modules/pkg/secret.json)\n",
        },
    )
    runner = CliRunner()
    checked = runner.invoke(cli, ["-C", str(root), "check", "--links"])
    dead = [line.split(" (")[0] for line in checked.stderr.splitlines()]
    assert dead == [
        "docs/intro.md:4:10: warning: link to '../README.md' leads nowhere",
        "web/page.md:4:10: warning: link to 'node_modules/pkg/secret.json' leads nowhere",
    ]
    assert runner.invoke(cli, ["-C", str(root), "build", "--as-of", "2026-11-24"]).exit_code == 0
    page = (root / "site/assets/intro.html").read_text(encoding="utf-8")
    assert '<a href="https://x.example/guides/skip/">skip</a>' in page  # read, left out: its route
    assert '<img src="../files/blog/chart.png" alt="c">' in page
    assert '<img src="../files/blog/both.png" alt="b">' in page
    assert '<img src="../files/~/blog/both.png" alt="d">' in page  # the blog source's own
    assert (root / "site/files/blog/chart.png").read_bytes() == b"DOCS-CHART"
    assert (root / "site/files/blog/both.png").read_bytes() == b"DOCS-BOTH"
    assert (root / "site/files/~/blog/both.png").read_bytes() == b"BLOG-BOTH"
    assert not list((root / "site").rglob("secret.json"))


def test_a_source_of_the_projects_own_folder_keeps_the_other_sources_excludes(tmp_path: Path) -> None:
    """Seen by a review: with '.' a source, a file another source leaves out (_docs/private/) was
    linkable through the project's folder, and stagemap's own files (signals, templates, a
    copy of the settings) were too."""
    write(
        tmp_path,
        {
            "_posts/2024-01-02-a.md": "---\ntitle: A\n---\n",
            "_docs/ok.pdf": "%PDF\n",
            "_docs/private/p.pdf": "%PDF\n",
            "img/van.png": "png\n",
            "signals/crm.csv": "deal\n",
            "templates/site/base.html.j2": "x\n",
            "stagemap.yml.bak": "name: x\n",
        },
    )
    settings = {
        "generator": "jekyll",
        "sources": ["_posts", {"path": "_docs", "exclude": ["private/"]}, "."],
    }
    config = config_from_data(tmp_path, settings)
    assert sorted(attachments.linkable(config)) == ["/_docs/ok.pdf", "/img/van.png"]
