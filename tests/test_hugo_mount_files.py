"""A Hugo mount's ``files`` (Hugo 0.153 and later), ``includeFiles`` and ``excludeFiles``: the
files of its folder Hugo reads (`stagemap.read.hugomounts`), and the version folders looked for
in what is left (`stagemap.read.versions`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import write

PAGE = "---\ntitle: {}\n---\nHow the kiln {} works.\n"


def _init(root: Path) -> str:
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def _urls(root: Path) -> dict[str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), "list", "--format", "json"])
    assert result.exit_code == 0
    return {a["path"]: a["url"] for a in json.loads(result.stdout)["assets"]}


def test_init_leaves_out_what_a_mounts_files_globs_leave_out(tmp_path: Path) -> None:
    """Jaeger's docs (Hugo 0.164) leave files out of each mount with ``files`` globs written with
    ``! `` in front (``'! docs/v?'``, ``'! _*'``), in place of the ``excludeFiles`` Hugo 0.153
    deprecated: init read none of them, so the section page of the mounted folder, the old home
    page and the development copy's folder were all read as pages Hugo never builds."""
    files: dict[str, str | bytes] = {
        "hugo.yaml": (
            "baseURL: https://kilnworks.example/\ntitle: Kilnworks\nmodule:\n  mounts:\n"
            "    - source: content\n      target: content\n"
            "      files: ['! docs/v?', '! old-home.md']\n"
            "    - {source: content/docs/v3, target: content/docs, files: '! _*'}\n"
        ),
        "content/about.md": PAGE.format("About", "team"),
        "content/old-home.md": PAGE.format("Old home", "home"),
        "content/docs/v3/_index.md": PAGE.format("Docs", "docs"),
        "content/docs/v3/_drafts/glazes.md": PAGE.format("Glazes", "glaze"),
        "content/docs/v3/firing.md": PAGE.format("Firing", "firing"),
    }
    root = write(tmp_path, files)
    out = _init(root)
    assert "1 excluded by '/[oO][lL][dD]-[hH][oO][mM][eE].[mM][dD]'" in out
    assert "2 excluded by '/_*'" in out
    assert _urls(root) == {
        "content/about.md": "https://kilnworks.example/about/",
        "content/docs/v3/firing.md": "https://kilnworks.example/docs/firing/",
    }


@pytest.mark.parametrize(
    ("mount", "kept"),
    [
        # Hugo takes the first glob that matches a file: b.md is left out before **.md keeps it.
        ("files: ['! **b.md', '**.md']", "acd"),
        # The older settings: Hugo checks includeFiles first (0.111's doMatch, and the files
        # list Hugo 0.153 makes of them, excludeFiles last), so b.md is kept.
        ("includeFiles: '**{a,b,c}.md'\n      excludeFiles: ['**b.md']", "abc"),
        ("files: ['{a,c,d}.md']\n      excludeFiles: ['d.md']", "acd"),
        # A glob that keeps files keeps those it matches alone.
        ("files: ['{a,c}.md']", "ac"),
    ],
)
def test_init_reads_only_the_files_a_mounts_globs_keep(tmp_path: Path, mount: str, kept: str) -> None:
    """Where a mount's globs keep some files (no ``! `` in front), Hugo reads those alone, and of
    the globs, the first that matches a file decides (Hugo's own example: ``! **b.md`` before
    ``**.md`` leaves b.md out)."""
    files: dict[str, str | bytes] = {
        "hugo.yaml": (
            "baseURL: https://kilnworks.example/\nmodule:\n  mounts:\n"
            f"    - source: content\n      target: content\n      {mount}\n"
        ),
        **{f"content/{n}.md": PAGE.format(n.upper(), n) for n in "abcd"},
        "content/notes.txt": "Kept out by every mount above, or not a page anyway.\n",
    }
    root = write(tmp_path, files)
    _init(root)
    assert sorted(_urls(root)) == [f"content/{n}.md" for n in kept]


def test_a_folder_a_mount_leaves_out_is_no_current_release_beside_the_versions(tmp_path: Path) -> None:
    """Jaeger's v2 docs keep each release in a folder (2.0/ ... 2.20/) and the coming release's
    in _dev/, which the mount of the folder leaves out (``files: '! _*'``) and another mount
    serves at docs/2.dev/. init took _dev/ for the current release, as it holds the pages of the
    newest version at the same paths, left out every version folder, and named _dev/ twice
    ("Version read: content/docs/v2/_dev/, content/docs/v2/_dev/"). A folder the source leaves
    out, or another source, is not looked into for versions. Then init read _dev/ as a source of
    its own (the mount at docs/2.dev/): each page of the newest release counted twice (31 of
    Jaeger's 92 assets). A mount named for a development copy beside a version read is one."""
    files: dict[str, str | bytes] = {
        "hugo.yaml": (
            "baseURL: https://kilnworks.example/\nmodule:\n  mounts:\n"
            "    - {source: content, target: content, files: ['! docs/v?']}\n"
            "    - {source: content/docs/v3, target: content/docs, files: ['! _*']}\n"
            "    - {source: content/docs/v3/_dev, target: content/docs/3.dev}\n"
        ),
        "content/about.md": PAGE.format("About", "team"),
    }
    topics = ("firing", "glazing", "loading")
    for folder in ("3.1", "3.2", "3.3", "_dev"):
        for topic in topics:
            files[f"content/docs/v3/{folder}/{topic}.md"] = PAGE.format(f"{topic} ({folder})", topic)
    root = write(tmp_path, files)
    lines = _init(root).splitlines()
    assert "Version read: content/docs/v3/3.3/" in lines
    assert (
        "Older versions, not read (their pages are these, at the same paths): content/docs/v3/3.1/,"
        " content/docs/v3/3.2/"
    ) in lines
    assert (
        "Development copy, not released yet, not read (the coming release's pages, at the same paths):"
        " content/docs/v3/_dev/"
    ) in lines
    assert not [line for line in lines if line.startswith("Other languages")]
    urls = _urls(root)
    assert sorted(p for p in urls if "/3.3/" in p) == [f"content/docs/v3/3.3/{t}.md" for t in topics]
    assert not [p for p in urls if "/3.1/" in p or "/3.2/" in p or "/_dev/" in p]
    assert urls["content/docs/v3/3.3/firing.md"] == "https://kilnworks.example/docs/3.3/firing/"


def test_a_mount_named_next_with_no_version_beside_it_is_read(tmp_path: Path) -> None:
    """A mount named as a development copy is left out only beside a version that is read: a
    site's own section called ``next`` (a product's name), with no versions, is its pages."""
    files: dict[str, str | bytes] = {
        "hugo.yaml": (
            "baseURL: https://kilnworks.example/\nmodule:\n  mounts:\n"
            "    - {source: content, target: content}\n"
            "    - {source: launches, target: content/next}\n"
        ),
        "content/about.md": PAGE.format("About", "team"),
        "launches/kiln-two.md": PAGE.format("Kiln two", "kiln"),
    }
    root = write(tmp_path, files)
    assert "Development copy" not in _init(root)
    assert _urls(root)["launches/kiln-two.md"] == "https://kilnworks.example/next/kiln-two/"


@pytest.mark.parametrize(
    "mount",
    [
        "includeFiles: ['*.md', 'docs/**/*.md']",
        "files: ['*.md', 'docs/**/*.md']",
        "files: ['! **.draft.md', '**.md']",
    ],
)
def test_globs_that_keep_files_leave_the_version_folders_found(tmp_path: Path, mount: str) -> None:
    """A mount whose globs keep some files reads as ``/**`` (every file left out) then the globs
    taking them back: the version finder took ``/**`` for leaving out every folder, looked in
    none, and read the pages of each of the three releases. A folder is passed by only when no
    glob keeping files may reach inside it."""
    files: dict[str, str | bytes] = {
        "hugo.yaml": (
            "baseURL: https://kilnworks.example/\nmodule:\n  mounts:\n"
            f"    - {{source: content, target: content, {mount}}}\n"
        ),
    }
    for release in ("3.1", "3.2", "3.3"):
        for topic in ("install", "config", "loading"):
            files[f"content/docs/{release}/{topic}.md"] = PAGE.format(f"{topic} {release}", topic)
    root = write(tmp_path, files)
    lines = _init(root).splitlines()
    assert "Version read: content/docs/3.3/" in lines
    assert sorted(_urls(root)) == [f"content/docs/3.3/{t}.md" for t in ("config", "install", "loading")]


@pytest.mark.parametrize(
    ("mount", "kept", "told"),
    [
        # Hugo matches /**/*.draft.md against /launch.draft.md: ``**/`` needs a folder there.
        ("files: ['! **/*.draft.md']", ["docs/glaze.md", "launch.draft.md"], ""),
        # The same: the site's own _index.md is kept, the docs' is left out.
        ("files: ['! **/_*']", ["docs/glaze.md", "launch.draft.md"], "1 excluded by '/*/**/_*'"),
        # A glob ending in / matches no path Hugo walks: nothing is left out.
        ("files: ['! docs/']", ["docs/glaze.md", "launch.draft.md"], ""),
        # A set of characters is one of them.
        ("files: ['! [l]*', '*.md', 'docs/[g]*']", ["docs/glaze.md"], "1 excluded by '/[lL]*'"),
        # The older settings: what includeFiles keep, excludeFiles cannot take back.
        (
            "includeFiles: ['**{_,g}*.md', 'docs/**']\n      excludeFiles: ['**glaze.md', 'docs/**']",
            ["docs/glaze.md"],
            "",
        ),
    ],
)
def test_a_mounts_globs_match_as_hugos_do(tmp_path: Path, mount: str, kept: list[str], told: str) -> None:
    """Hugo matches a mount's globs with gobwas' globs against the path with a ``/`` in front:
    ``**`` between two ``/`` is one folder at least, a glob ending in ``/`` matches nothing, and
    ``[...]`` is a set of characters."""
    files: dict[str, str | bytes] = {
        "hugo.yaml": (
            "baseURL: https://kilnworks.example/\nmodule:\n  mounts:\n"
            f"    - source: content\n      target: content\n      {mount}\n"
        ),
        "content/_index.md": PAGE.format("Kilnworks", "home"),
        "content/launch.draft.md": PAGE.format("Launch", "launch"),
        "content/docs/_index.md": PAGE.format("Docs", "docs"),
        "content/docs/glaze.md": PAGE.format("Glaze", "glaze"),
    }
    root = write(tmp_path, files)
    out = _init(root)
    assert sorted(_urls(root)) == [f"content/{k}" for k in kept]
    assert told in out


def test_a_mounts_globs_match_names_in_any_case(tmp_path: Path) -> None:
    """Hugo lower-cases a mount's globs and the paths it matches them against: ``! readme.md``
    leaves out README.md, ``'[K]iln*'`` keeps kilnroom.md."""
    files: dict[str, str | bytes] = {
        "hugo.yaml": (
            "baseURL: https://kilnworks.example/\nmodule:\n  mounts:\n"
            "    - {source: content, target: content, files: ['! docs/readme.md', '[K]iln*', 'Docs/**']}\n"
        ),
        "content/kilnroom.md": PAGE.format("Kiln room", "room"),
        "content/glaze.md": PAGE.format("Glaze", "glaze"),
        "content/docs/README.md": PAGE.format("Read me", "docs"),
        "content/docs/Firing.md": PAGE.format("Firing", "firing"),
    }
    root = write(tmp_path, files)
    _init(root)
    assert sorted(_urls(root)) == ["content/docs/Firing.md", "content/kilnroom.md"]
