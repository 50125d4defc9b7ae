"""Gitignore-style globs: which pattern decides a path under a source."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stagemap.read.globs import GlobSet, compile_glob, site_glob


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("_index.md", "_index.md", True),
        ("_index.md", "blog/2024/_index.md", True),
        ("_index.md", "blog/index.md", False),
        ("*.mdx", "a/b/c.mdx", True),
        ("*.md", "notes.markdown", False),
        ("blog/*.md", "blog/x.md", True),
        ("blog/*.md", "blog/2024/x.md", False),
        ("blog/*.md", "archive/blog/x.md", False),
        ("blog/**/*.md", "blog/x.md", True),
        ("blog/**/*.md", "blog/2024/05/x.md", True),
        ("**/drafts/*.md", "drafts/x.md", True),
        ("**/drafts/*.md", "a/b/drafts/x.md", True),
        ("docs/**", "docs/a/b.md", True),
        ("docs/**", "other/docs/a.md", False),
        ("?.md", "a.md", True),
        ("?.md", "ab.md", False),
        ("?.md", "/.md", False),
        ("/README.md", "README.md", True),
        ("/README.md", "docs/README.md", False),
        ("README.md", "docs/README.md", True),
        ("legal/", "legal/terms.md", True),
        ("legal/", "content/legal/terms.md", True),
        ("legal/", "legal.md", False),
        ("content/legal/", "content/legal/a/terms.md", True),
        ("partials", "partials/x.md", True),
        ("a+b(c).md", "a+b(c).md", True),
        ("[ab].md", "docs/b.md", True),
        ("[ab].md", "c.md", False),
        ("[!a]*.md", "b.md", True),
        ("[!a]*.md", "a.md", False),
        ("v[0-9]/", "v2/x.md", True),
        ("[z-a].md", "-.md", True),
        ("a/**/b/**/c", "a/b/c", True),
        ("a/**/b/**/c", "a/x/b/y/z/c", True),
        ("a/**/b/**/c", "a/x/y/c", False),
    ],
)
def test_glob_matches_like_gitignore(pattern: str, path: str, hit: bool) -> None:
    assert (GlobSet.of([pattern]).matches(path) is not None) is hit


def test_glob_last_match_wins_and_negation_takes_back() -> None:
    globs = GlobSet.of(["_index.md", "!pricing/_index.md"])
    assert globs.matches("blog/_index.md") is not None
    assert globs.matches("pricing/_index.md") is None
    assert GlobSet.of(["!x.md", "*.md"]).matches("x.md") is not None


def test_glob_negation_takes_a_file_back_out_of_a_matched_folder() -> None:
    globs = GlobSet.of(["drafts/", "!drafts/keep.md"])
    assert globs.matches("drafts/old.md") is not None
    assert globs.matches("drafts/keep.md") is None


def test_glob_names_the_pattern_that_decided() -> None:
    glob = GlobSet.of(["*.tmp", "legal/**", "*.md"]).matches("legal/terms.md")
    assert glob is not None and glob.text == "*.md"


def test_glob_empty_pattern_is_refused() -> None:
    for pattern in ("", "/", "!", "  "):
        with pytest.raises(ValueError):
            compile_glob(pattern)


def _plain_part(part: str) -> str:
    """A part of a glob as a regular expression with a plain ``[^/]*`` for each star (the
    reading before the stars were made atomic): the reference the fast reading must agree with."""
    return "".join("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c) for c in part)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab*?/.", min_size=1, max_size=10), st.text(alphabet="ab/.", max_size=14))
def test_glob_stars_match_what_a_plain_star_matches(pattern: str, path: str) -> None:
    if "**" in pattern:
        return  # read as before, ``**`` across parts
    plain = re.compile("/".join(_plain_part(p) for p in pattern.split("/")))
    assert bool(site_glob(pattern).fullmatch(path)) == bool(plain.fullmatch(path))
    if pattern.strip().strip("/").lstrip("!"):
        own = compile_glob(pattern)
        anchored = "/" in pattern.strip().rstrip("/")
        body = "/".join(_plain_part(p) for p in pattern.strip().lstrip("!").strip("/").split("/"))
        reference = re.compile(("" if anchored else "(?:[^/]+/)*") + body + r"\Z")
        assert bool(own.regex.match(path)) == bool(reference.match(path))


def test_many_stars_take_no_time_on_a_long_name() -> None:
    """``*a*a*a*a*a*a*a*b`` took 7.7 s against one name of 60 characters: each star was free to
    try every length. With atomic pieces the same match is found in a bounded number of steps,
    counted here (not timed): the regex engine's work is linear in the name for each piece."""
    pattern, name = "*a*a*a*a*a*a*a*b", "a" * 60
    for regex in (site_glob(pattern), compile_glob(pattern).regex):
        assert "(?>" in regex.pattern
        assert not regex.match(name)
    assert site_glob("*a*b").fullmatch("xxaxxb") and not site_glob("*a*b").fullmatch("xxbxxa")


_PARTS = st.sampled_from(["a", "b", "*", "**", "?", "*a", "a*"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PARTS, min_size=1, max_size=6), st.lists(st.sampled_from(["a", "b", "ab", "ba"]), max_size=7)
)
def test_many_folder_stars_match_what_plain_ones_match(parts: list[str], names: list[str]) -> None:
    """The parts between two ``**`` are matched where first found (atomic): the same paths
    match as with a plain ``(?:[^/]+/)*`` for each ``**``."""
    pattern, path = "/" + "/".join(parts), "/".join(names)
    body = "".join(
        (".*" if i == len(parts) - 1 else "(?:[^/]+/)*")
        if p == "**"
        else _plain_part(p) + ("" if i == len(parts) - 1 else "/")
        for i, p in enumerate(parts)
    )
    assert bool(compile_glob(pattern).regex.match(path)) == bool(re.match(body + r"\Z", path))


def test_many_folder_stars_take_no_time_on_a_deep_path() -> None:
    """Twelve ``**/*x`` parts (what a Hugo mount's ``**x/**x/...`` reads as) then a name no
    path holds took 4.1 s against one file 24 folders deep, each ``**`` free to take any
    number of folders: each block between two ``**`` is now matched where first found."""
    regex = compile_glob("/" + "/".join(["**/*x"] * 12) + "/nomatch").regex
    assert "(?>" in regex.pattern
    began = time.perf_counter()
    assert not regex.match("/".join(["ax"] * 24) + "/page.md")
    assert time.perf_counter() - began < 0.5


def test_a_folder_is_left_out_only_when_no_later_glob_may_keep_files_in_it() -> None:
    """A Hugo mount keeping some files reads as ``/**`` then the globs taking them back: every
    folder is matched by ``/**``, but one a later ``!`` glob may reach is not left out whole."""
    globs = GlobSet.of(["/**", "!/docs/*/**/*.md", "!/*.md", "/docs/3.1/"])
    assert not globs.left_out("docs")
    assert not globs.left_out("docs/3.2")
    assert globs.left_out("docs/3.1")
    assert globs.left_out("blog")
    assert not GlobSet.of(["/**", "!*.md"]).left_out("blog")
    assert not GlobSet.of(["_*/"]).left_out("docs")
