"""A Hugo site whose current docs sit in a folder without a version, beside the older releases'
copies in folders named for versions and a release channel's copy (`stagemap.read.versions`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.versions import is_development
from tests.conftest import write

PAGE = "---\ntitle: {}\n---\nHow the loom {} works.\n"


def test_init_reads_the_unversioned_docs_beside_the_version_folders(tmp_path: Path) -> None:
    """Linkerd's site (Hugo) serves its newest docs from content/docs/ (its menu calls them 2.20)
    and keeps each older release's copy beside them, content/2.10/ ... content/2.19/, with the
    edge channel's in content/2-edge/: init read docs/, 2.19/ and 2-edge/, 560 assets of which
    262 were the same pages twice more. A folder without a version's name holding the pages of
    the version folders beside it, at the same paths, is the current release's: it is read and
    every version folder is older; a folder named for a release channel after a major version
    (2-edge) is a development copy. A folder of other pages beside them (the blog) is read."""
    files: dict[str, str | bytes] = {
        "hugo.toml": "title = 'Loomwright'\nbaseURL = 'https://loomwright.example/'\n"
    }
    topics = ("threading", "tension", "shuttles", "warping")
    for folder, count in (("docs", 4), ("3.1", 2), ("3.2", 3), ("3.3", 4), ("3-edge", 4)):
        for topic in topics[:count]:
            files[f"content/{folder}/{topic}.md"] = PAGE.format(f"{topic} ({folder})", topic)
        files[f"content/{folder}/_index.md"] = PAGE.format("Docs", "docs")
    files["content/3-edge/selvedge.md"] = PAGE.format("Selvedge, coming", "selvedge")
    files["content/blog/spring-looms.md"] = PAGE.format("Spring looms", "spring")
    files["content/blog/threading.md"] = PAGE.format("Threading, a story", "story")  # one shared name
    root = write(tmp_path, files)
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert "Version read: content/docs/" in lines
    assert (
        "Older versions, not read (their pages are these, at the same paths): content/3.1/, content/3.2/,"
        " content/3.3/"
    ) in lines
    assert (
        "Development copy, not released yet, not read (the coming release's pages, at the same paths):"
        " content/3-edge/"
    ) in lines
    assert '    exclude: ["/3-edge/", "/3.1/", "/3.2/", "/3.3/"]\n' in (root / "stagemap.yml").read_text()
    paths = sorted(a.path for a in stagemap.load_project(root).library.assets)
    assert paths == [
        "content/blog/spring-looms.md",
        "content/blog/threading.md",
        *(f"content/docs/{topic}.md" for topic in sorted(topics)),
    ]


@pytest.mark.parametrize(
    ("name", "coming"),
    [
        ("2-edge", True),
        ("v3-next", True),
        ("2-Nightly", True),
        ("1.x_canary", True),
        ("Edge", False),  # alone, a product's name as well (docs/edge/): review R1
        ("nightly", False),
        ("2.0-dev", False),  # a pre-release: a version folder
        ("2-guides", False),
        ("edges", False),
        ("2024", False),
    ],
)
def test_the_names_of_a_development_copy(name: str, coming: bool) -> None:
    """A development copy is named for the coming release (master, next), alone or after the major
    version it is of, or for a release channel's (edge, nightly, canary) after the major version
    it is of (Linkerd's 2-edge)."""
    assert is_development(name) is coming


def test_a_section_sharing_a_few_page_names_with_the_docs_is_not_their_current_release(
    tmp_path: Path,
) -> None:
    """Review R1 of 3047517: a support section of three pages, two of them named as docs pages
    are (overview, faq), was taken for the current docs: init read it alone and left out every
    version folder, the site's own latest version named or not. The current release's folder
    holds four in five of the version's pages at least, and none is looked for where the
    configuration names the latest version."""
    topics = ("overview", "faq", "install", "configure", "upgrade", "tasks/backup", "tasks/restore")
    for latest in ("", "params.latest_stable_version = 'v1.2'\n"):
        files: dict[str, str | bytes] = {"hugo.toml": "title = 'Ferrowheel'\n" + latest}
        for folder in ("v1.0", "v1.1", "v1.2"):
            for topic in topics:
                files[f"content/{folder}/{topic}.md"] = PAGE.format(f"{topic} ({folder})", topic)
        for topic in ("overview", "faq", "contact"):
            files[f"content/support/{topic}.md"] = PAGE.format(f"Support, {topic}", topic)
        root = write(tmp_path / ("named" if latest else "plain"), files)
        result = CliRunner().invoke(cli, ["init", str(root)])
        assert (result.exit_code, result.stderr) == (0, "")
        assert "Version read: content/v1.2/" in result.stdout.splitlines()
        paths = sorted(a.path for a in stagemap.load_project(root).library.assets)
        assert [p for p in paths if "/support/" in p] == [
            f"content/support/{t}.md" for t in ("contact", "faq", "overview")
        ]
        assert len([p for p in paths if "/v1.2/" in p]) == len(topics)


def test_a_current_release_with_new_and_renamed_pages_is_still_the_one_read(tmp_path: Path) -> None:
    """Review R3 of ebeacfa: a current folder sharing 7 of its 10 pages with the newest version
    folder (three renamed or new) was no longer read in place of the version folders, so its
    pages were read twice. Half of the version's pages, and half of its own, make it the one."""
    files: dict[str, str | bytes] = {"hugo.toml": "title = 'Loomwright'\n"}
    letters = "abcdefghij"
    for folder in ("3.1", "3.2", "3.3"):
        for page in letters:
            files[f"content/{folder}/{page}.md"] = PAGE.format(f"{page} ({folder})", page)
    for page in [*letters[:7], "new1", "new2", "new3"]:
        files[f"content/docs/{page}.md"] = PAGE.format(f"{page} (docs)", page)
    root = write(tmp_path, files)
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert "Version read: content/docs/" in result.stdout.splitlines()
    assert {Path(a.path).parent.name for a in stagemap.load_project(root).library.assets} == {"docs"}
