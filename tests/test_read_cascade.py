"""Hugo's ``cascade``: what a section's ``_index.md`` passes down reaches the pages below it,
in every reading: the checkout (with and without the parse cache), a revision, an edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.git import Git, Revisions
from tests.conftest import write
from tests.test_diff import commit_all, git

SETTINGS = (
    "name: H\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: hugo\n"
    "sources:\n  - path: content\n    url: /{path}/\nurls:\n  base: https://h.example/\n"
    "rules:\n  - match: {type: docs}\n    set: {format: guide}\n"
)
SITE: dict[str, str | bytes] = {
    "stagemap.yml": SETTINGS,
    "content/_index.md": "---\ntitle: Home\ncascade:\n  kind: page\n  personas: []\n---\n",
    "content/snippets/_index.md": "---\ntitle: Snippets\ncascade:\n  build:\n    render: never\n---\n",
    "content/snippets/a.md": "---\ntitle: A snippet\n---\nText.\n",
    "content/docs/_index.md": (
        "---\ntitle: Docs\ncascade:\n  - type: docs\n    stages: [onboarding]\n"
        '  - target:\n      path: "{/docs/guide,/docs/guide/**}"\n    questions: [help]\n'
        "  - _target:\n      kind: section\n    questions: [risk]\n"
        "  - target:\n      environment: development\n    questions: [risk]\n---\n"
    ),
    "content/docs/guide/_index.md": "---\ntitle: Guide\ncascade:\n  stages: [adoption]\n---\n",
    "content/docs/guide/setup.md": "---\ntitle: Setup\n---\nText.\n",
    "content/docs/intro.md": "---\ntitle: Intro\nstages: [awareness]\n---\nText.\n",
    "content/blog/post.md": "---\ntitle: Post\n---\nText.\n",
    "content/blog/_index.md": "---\ntitle: Blog\ncascade:\n  draft: true\n---\n",
    "content/blog/done.md": "---\ntitle: Done\ndraft: false\n---\nText.\n",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def read(root: Path) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    library = stagemap.load_project(root).library
    return {a.path: (a.url, a.stages, a.questions, a.format) for a in library.assets}


EXPECTED = {
    # Hugo renders no page of the snippets: no address.
    "content/snippets/a.md": ("", (), (), ""),
    # The nearest section's stages win; the docs' type reaches it (a rule matches it), and the
    # questions of the entry whose target path names it (not those for sections or development).
    "content/docs/guide/setup.md": ("https://h.example/docs/guide/setup/", ("adoption",), ("help",), "guide"),
    # Its own stages win; the guide's target does not reach it.
    "content/docs/intro.md": ("https://h.example/docs/intro/", ("awareness",), (), "guide"),
    "content/blog/post.md": ("https://h.example/blog/post/", (), (), ""),
    "content/blog/done.md": ("https://h.example/blog/done/", (), (), ""),
}


def test_cascade_reaches_the_pages_below_a_section(tmp_path: Path) -> None:
    root = write(tmp_path, SITE)
    assert read(root) == EXPECTED
    # The blog's cascade makes its pages drafts (Hugo's draft key), but one that says otherwise.
    library = stagemap.load_project(root).library
    status = {a.path: (a.status, a.origin("status")) for a in library.assets if "blog" in a.path}
    assert status == {
        "content/blog/post.md": ("draft", (("cascade:content/blog/_index.md", 3),)),
        "content/blog/done.md": ("published", ()),  # its own draft: false, the default
    }
    code, out, _ = run("-C", str(root), "report", "--explain", "adoption:help")
    assert code == 0
    assert (
        "  docs/guide/setup\n"
        "    stage from content/docs/guide/_index.md:3 (cascade)\n"
        "    question from content/docs/_index.md:3 (cascade)\n"
    ) in out


def test_cascade_changes_reach_the_pages_through_the_parse_cache(tmp_path: Path) -> None:
    root = write(tmp_path, SITE)
    assert run("-C", str(root), "check")[0] == 0  # writes the parse cache
    assert (root / ".stagemap-cache").is_dir()
    assert read(root)["content/docs/guide/setup.md"][1] == ("adoption",)
    section = root / "content/docs/guide/_index.md"
    section.write_text(section.read_text().replace("[adoption]", "[advocacy]"))
    assert read(root)["content/docs/guide/setup.md"][1] == ("advocacy",)


def test_cascade_is_read_at_each_revision_and_in_the_worktree(tmp_path: Path) -> None:
    root = write(tmp_path, SITE)
    git(root, "init", "-q")
    when = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
    first = commit_all(root, "first", when)
    section = root / "content/docs/guide/_index.md"
    section.write_text(section.read_text().replace("[adoption]", "[advocacy]"))
    with Git(root) as repo:
        reader = Revisions(repo)
        snap = reader.at(repo.resolve(first))
        assert snap is not None
        stages = {a.path: a.stages for a in snap.library.assets}
        assert stages["content/docs/guide/setup.md"] == ("adoption",)
        now = reader.worktree(snap.config)
        assert {a.path: a.stages for a in now.library.assets}["content/docs/guide/setup.md"] == ("advocacy",)


def test_edits_of_a_page_keep_what_it_inherits(tmp_path: Path) -> None:
    """promote writes what a rule gives a page because of what it inherits (``type: docs``),
    and neither it nor tag writes the inherited values into the page (they stay the section's)."""
    root = write(tmp_path, SITE)
    page = root / "content/docs/guide/setup.md"
    code, out, _ = run("-C", str(root), "promote", str(page), "--yes")
    assert code == 0, out
    assert page.read_text() == "---\ntitle: Setup\nformat: guide\n---\nText.\n"
    code, _, _ = run("-C", str(root), "tag", str(page), "--add-question", "risk")
    assert code == 0
    assert read(root)["content/docs/guide/setup.md"] == (
        "https://h.example/docs/guide/setup/",
        ("adoption",),
        ("risk",),
        "guide",
    )


def test_cascade_kinds_mixed_keys_and_addresses_with_braces(tmp_path: Path) -> None:
    """A section read as an asset is Hugo's kind 'section'; a cascade mixing key types
    (1: x) crashed the read; so did a page's own url with braces in it."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS + "non_assets:\n  listing: []\n",
            "content/docs/_index.md": (
                "---\ntitle: Docs\ncascade:\n  - target:\n      kind: page\n    stages: [onboarding]\n"
                "  - target:\n      kind: section\n    stages: [adoption]\n  - 1: one\n    params: {2: two, b: 3}\n---\n"
            ),
            "content/docs/sub/_index.md": "---\ntitle: Sub\n---\n",
            "content/docs/sub/page.md": "---\ntitle: Page\nurl: /api/{version}/\n---\n",
        },
    )
    got = read(root)
    assert got["content/docs/sub/_index.md"][1] == ("adoption",)
    assert got["content/docs/sub/page.md"][:2] == ("https://h.example/api/{version}/", ("onboarding",))


def test_cascade_of_a_translated_section_reaches_its_own_language_only(tmp_path: Path) -> None:
    """Hugo's translations by file name: _index.fr.md cascades to post.fr.md, not to post.md."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS,
            "content/blog/_index.md": "---\ntitle: Blog\ncascade:\n  stages: [awareness]\n---\n",
            "content/blog/_index.fr.md": "---\ntitle: Blogue\ncascade:\n  stages: [advocacy]\n---\n",
            "content/blog/post.md": "---\ntitle: Post\n---\n",
            "content/blog/post.fr.md": "---\ntitle: Billet\nid: post-fr\n---\n",
        },
    )
    # The translated section is a listing, as the section itself is.
    assert {path: got[1] for path, got in read(root).items()} == {
        "content/blog/post.md": ("awareness",),
        "content/blog/post.fr.md": ("advocacy",),
    }


def test_a_cascade_and_its_keys_are_read_in_any_case(tmp_path: Path) -> None:
    """Hugo reads ``Cascade:`` and ``Stages:`` as ``cascade`` and ``stages`` (a review: nothing
    reached the pages below); an entry's own lower-case key wins over another spelling."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS,
            "content/guide/_index.md": (
                "---\ntitle: Guide\nCascade:\n  Stages: [adoption]\n  Target:\n    path: /guide/setup\n"
                "  QUESTIONS: [risk]\n  questions: [help]\n---\n"
            ),
            "content/guide/setup.md": "---\ntitle: Setup\n---\nText.\n",
            "content/guide/other.md": "---\ntitle: Other\n---\nText.\n",
        },
    )
    assert read(root) == {
        "content/guide/other.md": ("https://h.example/guide/other/", (), (), ""),
        "content/guide/setup.md": ("https://h.example/guide/setup/", ("adoption",), ("help",), ""),
    }
    code, out, _ = run("-C", str(root), "report", "--explain", "adoption:help")
    assert code in (0, 1) and "content/guide/_index.md:3 (cascade)" in out


def test_a_section_that_names_values_with_anchors_passes_its_cascade_down(tmp_path: Path) -> None:
    """etcd's docs (Hugo) write ``versName: &name v3.5`` and ``linkTitle: *name`` in each
    version's _index.md: anchors were refused, so its cascade (the version, its git tag) was
    dropped without a word and 161 '{{< param >}}' on 55 pages showed placeholders. Hugo reads
    anchors and aliases; an alias is its anchor's value, in the cascade too."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS,
            "content/docs/next/_index.md": (
                "---\ntitle: Next release\nrelease: &rel r7\nlinkTitle: *rel\n"
                "cascade:\n  release: *rel\n  tag_name: r7.0.2\n  stages: &st [adoption]\n  also: *st\n---\n"
            ),
            "content/docs/next/setup.md": (
                "---\ntitle: Setup\n---\nFetch {{< param tag_name >}} of {{< param release >}}.\n"
            ),
        },
    )
    assert read(root) == {
        "content/docs/next/setup.md": ("https://h.example/docs/next/setup/", ("adoption",), (), "")
    }
    out = tmp_path / "out"
    code, _, err = run("-C", str(root), "build", "-o", str(out))
    assert code == 0 and "warning: cannot read" not in err, err
    assert "<p>Fetch r7.0.2 of r7.</p>" in (out / "assets/docs/next/setup.html").read_text()


def test_a_cascade_that_cannot_be_read_is_a_warning_at_its_place(tmp_path: Path) -> None:
    """A section whose front matter did not load lost its cascade without a word (read/cascade.py
    caught the problem and passed nothing down); a merge key ('<<') is refused, saying so."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS + "lint: {placeholder: false}\n",
            "content/guide/_index.md": "---\ntitle: Guide\ncascade:\n  stages: [adoption\n---\n",
            "content/guide/setup.md": "---\ntitle: Setup\n---\nText.\n",
            "content/base/_index.md": "---\ntitle: B\nx: &x {stages: [adoption]}\ncascade:\n  <<: *x\n---\n",
            "content/base/page.md": "---\ntitle: Page\n---\nText.\n",
            # No front matter, a body that mentions cascade: nothing to say.
            "content/notes/_index.md": "How the cascade works.\n",
            "content/notes/a.md": "---\ntitle: A\n---\nText.\n",
        },
    )
    code, _, err = run("-C", str(root), "check")
    assert code == 0
    assert err == (
        "content/base/_index.md:5:3: warning: cannot read the section's cascade: YAML merge keys ('<<')"
        " are not allowed (stagemap reads anchors and aliases, not '<<': write the keys out; until then"
        " the pages below it get none of its values)\n"
        "content/guide/_index.md:4:11: warning: cannot read the section's cascade: YAML syntax error:"
        " the list opened here is not closed (close it with ']'; until then the pages below it get none"
        " of its values)\n"
    )
