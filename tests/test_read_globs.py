"""Gitignore-style globs: which pattern decides a path under a source."""

from __future__ import annotations

import pytest

from stagemap.read.globs import GlobSet, compile_glob


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
