"""What a site generator's own configuration gives its pages: Jekyll's ``defaults`` in
``_config.yml`` and the ``cascade`` of Hugo's ``hugo.toml``, in every reading (the checkout with
and without the parse cache, a revision), explained by the file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import stagemap
from stagemap.read.git import Git, Revisions
from stagemap.serve import Preview
from tests.conftest import outputs_by_hash_seed, write
from tests.test_diff import commit_all, git
from tests.test_read_cascade import run

JEKYLL_SETTINGS = (
    "name: Tidewell\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: jekyll\n"
    "sources:\n"
    "  - path: _posts\n    url: /{categories}/{year}/{month}/{day}/{slug}/\n    id: posts/\n"
    "  - path: _guides\n    url: /guides/{path}/\n    id: guides/\n"
    "  - path: .\n    url: /{path}/\n    exclude: [_site/]\n"
    "urls:\n  base: https://tidewell.example/\n"
)
JEKYLL_CONFIG = """\
title: Tidewell
permalink: pretty
collections:
  guides:
    output: true
defaults:
  - scope:
      path: ""
    values:
      layout: page
  - scope:
      path: ""
      type: posts
    values:
      permalink: /news/:title/
      stages: [awareness]
  - scope:
      path: _posts/launches
    values:
      stages: [purchase]
      questions: [who-for]
  - scope:
      path: "about/*.md"
    values:
      published: false
  - scope:
      type: guides
    values:
      stages: [onboarding]
      questions: [problems]
  - scope:
      path: _guides/setup.md
      type: guides
    values:
      questions: [risk]
  - a set Jekyll warns about and leaves out
"""
JEKYLL_SITE: dict[str, str | bytes] = {
    "stagemap.yml": JEKYLL_SETTINGS,
    "_config.yml": JEKYLL_CONFIG,
    "index.md": "---\ntitle: Tidewell\n---\nTide tables for harbour crews.\n",
    "about/team.md": "---\ntitle: Our crew\n---\nWho reads the tides.\n",
    "_posts/2024-05-01-spring-tides.md": "---\ntitle: Spring tides\n---\nHigher than usual.\n",
    "_posts/2024-07-01-own-words.md": "---\ntitle: Own words\nstages: [evaluation]\n---\nText.\n",
    "_posts/launches/2024-06-01-big-day.md": "---\ntitle: Big day\n---\nThe app is out.\n",
    "_guides/setup.md": "---\ntitle: Setting up\n---\nStep one.\n",
    "_guides/reading.md": "---\ntitle: Reading a chart\n---\nStep two.\n",
}


def read(root: Path) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    library = stagemap.load_project(root).library
    return {a.path: (a.url, a.stages, a.questions) for a in library.assets}


JEKYLL_EXPECTED = {
    "index.md": ("https://tidewell.example/", (), ()),
    # The posts' permalink and stages, from the set scoped to their type.
    "_posts/2024-05-01-spring-tides.md": ("https://tidewell.example/news/spring-tides/", ("awareness",), ()),
    # Its own stages win over the defaults.
    "_posts/2024-07-01-own-words.md": ("https://tidewell.example/news/own-words/", ("evaluation",), ()),
    # The set with the longer path wins over the one for every post; the permalink still reaches it.
    "_posts/launches/2024-06-01-big-day.md": (
        "https://tidewell.example/news/big-day/",
        ("purchase",),
        ("who-for",),
    ),
    # The set naming the file and its type wins over the one for its type.
    "_guides/setup.md": ("https://tidewell.example/guides/setup/", ("onboarding",), ("risk",)),
    "_guides/reading.md": ("https://tidewell.example/guides/reading/", ("onboarding",), ("problems",)),
}


def test_jekyll_defaults_reach_the_pages_their_scope_names(tmp_path: Path) -> None:
    root = write(tmp_path, JEKYLL_SITE)
    # about/*.md is published: false by a glob scope: Jekyll builds no page for it, so no address.
    assert read(root) == {**JEKYLL_EXPECTED, "about/team.md": ("", (), ())}
    code, out, _ = run("-C", str(root), "report", "--explain", "purchase:who-for")
    assert code == 0
    assert (
        "  posts/launches/2024-06-01-big-day\n"
        "    stage from _config.yml:20 (defaults)\n"
        "    question from _config.yml:21 (defaults)\n"
    ) in out
    # Reading the site changed none of its files.
    assert all(
        (root / name).read_text() == text for name, text in JEKYLL_SITE.items() if isinstance(text, str)
    )


def test_jekyll_defaults_follow_collections_dir(tmp_path: Path) -> None:
    """With ``collections_dir``, a scope's path may name a collection's folder with or without it."""
    config = JEKYLL_CONFIG.replace("permalink: pretty\n", "permalink: pretty\ncollections_dir: shelf\n")
    config = config.replace("path: _posts/launches", "path: shelf/_posts/launches")
    files = {("shelf/" + k if k.startswith(("_posts", "_guides")) else k): v for k, v in JEKYLL_SITE.items()}
    settings = JEKYLL_SETTINGS.replace("path: _posts", "path: shelf/_posts").replace(
        "path: _guides", "path: shelf/_guides"
    )
    root = write(tmp_path, {**files, "_config.yml": config, "stagemap.yml": settings})
    got = read(root)
    assert got["shelf/_posts/launches/2024-06-01-big-day.md"][1:] == (("purchase",), ("who-for",))
    assert got["shelf/_guides/setup.md"][1:] == (("onboarding",), ("risk",))
    assert got["shelf/_posts/2024-05-01-spring-tides.md"][0] == "https://tidewell.example/news/spring-tides/"


def test_jekyll_defaults_changes_reach_the_pages_through_the_parse_cache_and_history(tmp_path: Path) -> None:
    root = write(tmp_path, JEKYLL_SITE)
    git(root, "init", "-q")
    first = commit_all(root, "first", dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC))
    assert run("-C", str(root), "check")[0] == 0  # writes the parse cache
    assert (root / ".stagemap-cache").is_dir()
    config = root / "_config.yml"
    config.write_text(config.read_text().replace("stages: [onboarding]", "stages: [adoption]"))
    assert read(root)["_guides/reading.md"][1] == ("adoption",)
    with Git(root) as repo:
        reader = Revisions(repo)
        snap = reader.at(repo.resolve(first))
        assert snap is not None
        assert {a.path: a.stages for a in snap.library.assets}["_guides/reading.md"] == ("onboarding",)
        now = reader.worktree(snap.config)
        assert {a.path: a.stages for a in now.library.assets}["_guides/reading.md"] == ("adoption",)


def test_a_site_configuration_that_cannot_be_read_is_a_warning_at_its_line(tmp_path: Path) -> None:
    root = write(tmp_path, {**JEKYLL_SITE, "_config.yml": "title: T\ndefaults:\n  - scope: [path\n"})
    code, _, err = run("-C", str(root), "check")
    assert code == 0  # a warning
    assert (
        "_config.yml:4:1: warning: cannot read the site's configuration: YAML syntax error: "
        "did not find expected ',' or ']' (fix the file: until then what it gives the pages "
        "(Jekyll's defaults, Hugo's cascade) is not applied)\n"
    ) in err
    # The pages are still read, without the defaults.
    assert read(root)["_guides/setup.md"] == ("https://tidewell.example/guides/setup/", (), ())


HUGO_SETTINGS = (
    "name: H\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: hugo\n"
    "sources:\n  - path: content\n    url: /{path}/\nurls:\n  base: https://h.example/\n"
)
HUGO_SITE: dict[str, str | bytes] = {
    "stagemap.yml": HUGO_SETTINGS,
    "hugo.toml": (
        "baseURL = 'https://h.example/'\ntitle = 'H'\n\n"
        "[[cascade]]\n  stages = ['evaluation']\n  [cascade.target]\n    path = '/compare/**'\n\n"
        "[[cascade]]\n  questions = ['risk']\n  stages = ['awareness']\n"
    ),
    "content/_index.md": "---\ntitle: Home\ncascade:\n  questions: [problems]\n---\n",
    "content/compare/rivals.md": "---\ntitle: Us and them\n---\nText.\n",
    "content/notes/plain.md": "---\ntitle: Plain\n---\nText.\n",
}


def test_hugo_configuration_cascade_reaches_every_page_after_the_sections(tmp_path: Path) -> None:
    root = write(tmp_path, HUGO_SITE)
    # The home page's cascade wins over the configuration's; the entry whose target names the
    # page wins over the one for every page, which comes later in the file.
    assert read(root) == {
        "content/compare/rivals.md": ("https://h.example/compare/rivals/", ("evaluation",), ("problems",)),
        "content/notes/plain.md": ("https://h.example/notes/plain/", ("awareness",), ("problems",)),
    }
    code, out, _ = run("-C", str(root), "report", "--explain", "evaluation:problems")
    assert code == 0
    assert (
        "  compare/rivals\n    stage from hugo.toml:4 (cascade)\n    question from content/_index.md:3 (cascade)\n"
    ) in out


def test_the_preview_rebuilds_when_the_site_configuration_changes(tmp_path: Path) -> None:
    """hugo.toml is outside the content folder, yet what its cascade gives reaches the pages."""
    root = write(tmp_path / "site", HUGO_SITE)
    preview = Preview(root, tmp_path / "served", as_of=dt.date(2026, 11, 24))
    try:
        assert preview.rebuild().error == ""
        assert not preview.changed()
        config = root / "hugo.toml"
        config.write_text(config.read_text().replace("stages = ['awareness']", "stages = ['advocacy']"))
        assert preview.changed()
        assert preview.rebuild().error == ""
        page = (tmp_path / "served/assets/notes/plain.html").read_text()
        assert 'class="here"><a href="../../stages/advocacy.html">' in page
    finally:
        preview.stop()


def test_hugo_permalinks_route_the_pages_of_their_sections(tmp_path: Path) -> None:
    """The map form: a pattern per top-level section, from the page's date, title, slug,
    sections and file name; a page's own url wins, a page at the root is in no section."""
    hugo = (
        "baseURL = 'https://h.example/'\n[permalinks]\n  posts = '/:year/:month/:slug/'\n"
        "  docs = '/manual/:sections[1:]/:contentbasename/'\n"
    )
    root = write(
        tmp_path,
        {
            "stagemap.yml": HUGO_SETTINGS.replace(
                "https://h.example/\n", "https://h.example/\n  lowercase: true\n"
            ),
            "hugo.toml": hugo,
            "content/posts/first-light.md": "---\ntitle: First Light\ndate: 2024-03-05\n---\nText.\n",
            "content/posts/slugged.md": "---\ntitle: X\nslug: Own-Slug\ndate: 2023-12-31T10:00:00Z\n---\nText.\n",
            "content/posts/bundle/index.md": "---\ntitle: Bundle Page\n---\nNo date: Hugo's zero date.\n",
            "content/posts/toml.md": "+++\ntitle = 'In TOML'\ndate = 2022-07-09T08:00:00Z\n+++\nText.\n",
            "content/posts/own-url.md": "---\ntitle: Own\ndate: 2024-01-01\nurl: /special/\n---\nText.\n",
            "content/docs/guide/setup.md": "---\ntitle: Setup\n---\nText.\n",
            "content/about.md": "---\ntitle: About\n---\nText.\n",
        },
    )
    assert {path: got[0] for path, got in read(root).items()} == {
        "content/posts/first-light.md": "https://h.example/2024/03/first-light/",
        "content/posts/slugged.md": "https://h.example/2023/12/own-slug/",
        "content/posts/bundle/index.md": "https://h.example/0001/01/bundle-page/",
        "content/posts/toml.md": "https://h.example/2022/07/in-toml/",
        "content/posts/own-url.md": "https://h.example/special/",
        "content/docs/guide/setup.md": "https://h.example/manual/guide/setup/",
        "content/about.md": "https://h.example/about/",
    }


def test_hugo_permalinks_in_the_list_form_take_the_first_whose_target_matches(tmp_path: Path) -> None:
    hugo = (
        "baseURL = 'https://h.example/'\n"
        "[[permalinks]]\n  pattern = '/articles/:2006/:Jan/:title/'\n  [permalinks.target]\n    path = '/news/**'\n"
        "[[permalinks]]\n  pattern = '/:section/:slugorcontentbasename/'\n"
    )
    root = write(
        tmp_path,
        {
            "stagemap.yml": HUGO_SETTINGS,
            "hugo.toml": hugo,
            "content/news/launch.md": "---\ntitle: Launch Day!\ndate: 2025-01-02\n---\nText.\n",
            "content/notes/plain-note.md": "---\ntitle: Plain\n---\nText.\n",
            "content/about.md": "---\ntitle: About\nslug: who\n---\nText.\n",
        },
    )
    assert {path: got[0] for path, got in read(root).items()} == {
        "content/news/launch.md": "https://h.example/articles/2025/Jan/Launch-Day/",
        "content/notes/plain-note.md": "https://h.example/notes/plain-note/",
        "content/about.md": "https://h.example/who/",
    }


def test_init_and_reading_follow_hugos_configuration_folder(tmp_path: Path) -> None:
    """A site laid out as themes such as Blowfish lay it out: config/_default/ holds the main
    file, a file per key and a file per language; init finds it, the reader reads its
    permalinks and cascade from it."""
    root = write(
        tmp_path,
        {
            "config/_default/hugo.toml": "baseURL = 'https://notes.example/'\ndefaultContentLanguage = 'en'\n",
            "config/_default/languages.en.toml": "title = 'Harbour Notes'\nweight = 1\n",
            "config/_default/permalinks.toml": "posts = '/:year/:slug/'\n",
            "config/_default/cascade.yaml": "stages: [awareness]\n",
            "config/_default/menus.en.toml": "[[main]]\nname = 'Blog'\n",
            "content/posts/tide-times.md": "---\ntitle: Tide Times\ndate: 2025-04-03\nquestions: [problems]\n---\nText.\n",
        },
    )
    code, out, _ = run("init", str(root))
    assert code == 0
    assert "Found a Hugo site (config/_default/hugo.toml); sources: content/.\n" in out
    settings = (root / "stagemap.yml").read_text()
    assert "name: Harbour Notes\n" in settings
    assert "  base: https://notes.example/\n" in settings
    assert read(root) == {
        "content/posts/tide-times.md": (
            "https://notes.example/2025/tide-times/",
            ("awareness",),
            ("problems",),
        )
    }
    code, out, _ = run("-C", str(root), "report", "--explain", "awareness:problems")
    assert "    stage from config/_default/cascade.yaml:1 (cascade)\n" in out


def test_hugo_ugly_urls_end_a_sections_pages_in_html(tmp_path: Path) -> None:
    """uglyURLs per section (a map) or for the whole site (true): /x.html, not /x/; a page's own
    url is kept as written, and a section's own page keeps its slash."""
    pages = {
        "stagemap.yml": HUGO_SETTINGS.replace(
            "https://h.example/\n", "https://h.example/\n  lowercase: true\n"
        )
        + "non_assets:\n  listing: []\n",  # the section's page is read as an asset too
        "content/post/_index.md": "---\ntitle: Posts\n---\n",
        "content/post/tides.md": "---\ntitle: Tides\ndate: 2024-02-03\n---\nText.\n",
        "content/post/own.md": "---\ntitle: Own\nurl: /own/\n---\nText.\n",
        "content/about.md": "---\ntitle: About\n---\nText.\n",
    }
    by_section = (
        "baseURL = 'https://h.example/'\n[uglyURLs]\n  post = true\n[permalinks]\n  post = '/:year/:slug/'\n"
    )
    root = write(tmp_path / "map", {**pages, "hugo.toml": by_section})
    assert {path: got[0] for path, got in read(root).items()} == {
        "content/post/_index.md": "https://h.example/post/",
        "content/post/tides.md": "https://h.example/2024/tides.html",
        "content/post/own.md": "https://h.example/own/",
        "content/about.md": "https://h.example/about/",
    }
    root = write(
        tmp_path / "all", {**pages, "hugo.toml": "baseURL = 'https://h.example/'\nuglyURLs = true\n"}
    )
    assert {path: got[0] for path, got in read(root).items()} == {
        "content/post/_index.md": "https://h.example/post/",
        "content/post/tides.md": "https://h.example/post/tides.html",
        "content/post/own.md": "https://h.example/own/",
        "content/about.md": "https://h.example/about.html",
    }


def test_a_configuration_with_runaway_aliases_or_odd_types_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    """Found by a review: an alias holding itself crashed the read, ten aliases of ten grew
    without bound, a list of maps as collections and a text as languages raised."""
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n"
        for a, b in zip("abcde", "bcdef", strict=True)
    )
    for config, message in (
        ("defaults:\n  - values: &v {a: *v}\n", "an alias holds itself"),
        (
            laughs + "defaults:\n  - values: {big: *f}\n",
            "more than 100,000 values once its aliases are expanded",
        ),
    ):
        root = write(tmp_path / message[:5], {**JEKYLL_SITE, "_config.yml": config})
        code, _, err = run("-C", str(root), "check")
        assert code == 0, err
        assert f"_config.yml:1:1: warning: cannot read the site's configuration: {message}" in err
    odd = "collections:\n  - {docs: 1}\n  - guides\ndefaults:\n  - {scope: {type: guides}, values: {stages: [adoption]}}\n"
    root = write(tmp_path / "odd", {**JEKYLL_SITE, "_config.yml": odd})
    assert read(root)["_guides/setup.md"][1] == ("adoption",)
    root = write(
        tmp_path / "langs",
        {
            "config/_default/hugo.toml": "languages = 'en'\nbaseURL = 'https://l.example/'\n",
            "config/_default/languages.en.toml": "title = 'Tide Tables'\n",
            "content/a.md": "---\ntitle: A\n---\n",
        },
    )
    code, _, _ = run("init", str(root))
    assert code == 0 and "name: Tide Tables\n" in (root / "stagemap.yml").read_text()


def test_what_a_page_inherits_is_the_same_text_whatever_the_hash_seed(tmp_path: Path) -> None:
    config = "defaults:\n  - values: {tags: !!set {alpha, beta, gamma, delta, epsilon}}\n"
    root = write(tmp_path, {**JEKYLL_SITE, "_config.yml": config})
    script = (
        "import stagemap.read.assets as a, stagemap.read.settings as s, sys\n"
        f"print(a.cascade_key(a.cascaded(s.load_config({str(root)!r}))))\n"
    )
    seen = outputs_by_hash_seed(script)
    assert len(seen) == 1 and '["alpha", "beta", "delta", "epsilon", "gamma"]' in seen.pop()


def test_hugo_tokens_of_a_page_without_a_date_give_hugos_zero_date() -> None:
    from stagemap.read.permalinks import hugo_route

    assert (
        hugo_route("/:year/:2006/:01/:sections[last]/:slug/", {"title": "A B"}, "x/y/z.md")
        == "/0001/0001/01/y/A-B/"
    )
    assert (
        hugo_route("/:yearday/:weekdayname/:nope/", {"date": "2024-03-05T10:00:00Z"}, "z.md")
        == "/65/Tuesday/nope/"  # a token Hugo does not know: as written, less the colon
    )


@pytest.mark.parametrize(
    ("title", "route"),
    [
        ("Pebble 2.0 - what changed", "/blog/Pebble-2.0-what-changed/"),  # one hyphen, not three
        ("Two  spaces and Q&A?", "/blog/Two-spaces-and-QA/"),
        ("50%25 off, %zz", "/blog/50%25-off-zz/"),  # a % escape kept, a lone % left out
        ("Caf\u00e9 @ noon", "/blog/Caf\u00e9-@-noon/"),
        ("E = mc\u00b2, top \u00bd", "/blog/E-mc-top/"),  # letters and decimal digits only
    ],
)
def test_hugo_makes_a_title_safe_in_a_route_as_it_does(title: str, route: str) -> None:
    """Kyverno's blog (Hugo, ':slug' from titles such as 'x 2.0 - y'): '---' in six routes."""
    from stagemap.read.permalinks import hugo_route

    assert hugo_route("/:section/:slug/", {"title": title}, "blog/post.md") == route


MKDOCS_SETTINGS = (
    "name: M\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: mkdocs\n"
    "sources:\n  - path: docs\n    url: /{path}/\nurls:\n  base: https://m.example/\n"
)
POSTS: dict[str, str | bytes] = {
    "docs/index.md": "# Home\n\nText.\n",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/posts/launch.md": "---\ndate: 2024-03-05\ncategories: [News, Product Updates]\n---\n# We're live: v2.0!\n\nText.\n",
    "docs/blog/posts/deep/own.md": "---\ndate:\n  created: 2023-01-09\nslug: own-words\n---\n# Own\n",
}


def test_mkdocs_blog_posts_are_routed_as_the_blog_plugin_routes_them(tmp_path: Path) -> None:
    """Material for MkDocs' blog plugin publishes a post at /blog/<date>/<slug>/, not at its path."""
    config = "site_name: M\nplugins:\n  - search\n  - blog\n"
    root = write(tmp_path / "default", {**POSTS, "stagemap.yml": MKDOCS_SETTINGS, "mkdocs.yml": config})
    assert {path: got[0] for path, got in read(root).items()} == {
        "docs/index.md": "https://m.example/",
        "docs/blog/posts/launch.md": "https://m.example/blog/2024/03/05/were-live-v20/",
        "docs/blog/posts/deep/own.md": "https://m.example/blog/2023/01/09/own-words/",
    }
    config = (
        "site_name: M\nuse_directory_urls: false\nplugins:\n  - material/blog:\n      blog_dir: news\n"
        "      post_url_format: '{categories}/{date}/{file}'\n      post_url_date_format: yyyy/M\n"
        "      post_url_max_categories: 2\n      post_slugify_separator: _\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    files = {k.replace("docs/blog/", "docs/news/"): v for k, v in POSTS.items()}
    root = write(tmp_path / "custom", {**files, "stagemap.yml": MKDOCS_SETTINGS, "mkdocs.yml": config})
    got = {path: got[0] for path, got in read(root).items()}
    assert (
        got["docs/news/posts/launch.md"] == "https://m.example/news/news/product_updates/2024/3/launch.html"
    )
    assert got["docs/news/posts/deep/own.md"] == "https://m.example/news/2023/1/own.html"


def test_mkdocs_blog_index_is_the_listing_of_posts_unless_it_holds_a_page_of_prose(tmp_path: Path) -> None:
    """The blog plugin lists the posts below what the blog's index.md says: a listing, as a Hugo
    section page of a line or two is; a page of its own once it holds more than 50 words of prose."""
    config = "site_name: M\nplugins:\n  - search\n  - blog\n"
    links = "# Home\n\nRead [the blog](blog/index.md) and [the launch](blog/posts/launch.md).\n"
    files = {**POSTS, "docs/index.md": links, "stagemap.yml": MKDOCS_SETTINGS, "mkdocs.yml": config}
    root = write(tmp_path / "short", files)
    library = stagemap.load_project(root).library
    assert [a.path for a in library.assets] == [
        "docs/blog/posts/deep/own.md",
        "docs/blog/posts/launch.md",
        "docs/index.md",
    ]
    fate = next(f for f in library.fates if f.path == "docs/blog/index.md")
    assert (fate.fate, fate.kind, fate.rule) == ("non-asset", "listing", "plugins: blog (mkdocs.yml)")
    code, out, err = run("-C", str(root), "check", "--links")
    assert (code, out) == (
        0,
        "Checked 3 files in docs/ against the buyer-journey model (9 stages, 8 questions, 0 personas):"
        " 0 errors, 1 warning.\nNot read as assets: 1 of 4 files, on purpose\n"
        "  1 non-asset: listing by 'plugins: blog (mkdocs.yml)'\n",
    )
    assert "docs/index.md" not in err  # its link to the blog's index leads to a page of the site
    prose = "# Blog\n\n" + " ".join(["Notes from the van hire desk on tyres, routes and rates."] * 6) + "\n"
    root = write(tmp_path / "long", {**files, "docs/blog/index.md": prose})
    assert "docs/blog/index.md" in read(root)
    # With blog_dir '.', the docs folder's own index.md is the blog's; another folder's index is not.
    config = "site_name: M\nplugins:\n  - blog:\n      blog_dir: .\n"
    alone = {"docs/index.md": "# Posts\n", "docs/posts/a.md": "---\ndate: 2024-01-02\n---\n# A\n\nText.\n"}
    alone["docs/about/index.md"] = "# About\n"
    root = write(tmp_path / "root", {**alone, "stagemap.yml": MKDOCS_SETTINGS, "mkdocs.yml": config})
    assert sorted(read(root)) == ["docs/about/index.md", "docs/posts/a.md"]


def test_mkdocs_blog_index_stays_a_page_when_tagged_unreadable_or_the_site_names_its_listings(
    tmp_path: Path,
) -> None:
    """A short index tagged with stages is meant for buyers; one whose front matter does not read
    has its problem reported as any page's; a site naming its own listings decides alone; and
    ``blog_dir: ./blog`` is ``blog``, as the plugin normalises it."""
    config = "site_name: M\nplugins:\n  - blog:\n      blog_dir: ./blog\n"
    files = {**POSTS, "stagemap.yml": MKDOCS_SETTINGS, "mkdocs.yml": config}
    assert "docs/blog/index.md" not in read(write(tmp_path / "dot", files))
    tagged = "---\nstages: [awareness]\n---\n# Blog\n"
    assert "docs/blog/index.md" in read(write(tmp_path / "tagged", {**files, "docs/blog/index.md": tagged}))
    broken = "---\ntitle: [unclosed\n---\n# Blog\n"
    root = write(tmp_path / "broken", {**files, "docs/blog/index.md": broken})
    problems = stagemap.load_project(root).library.problems
    assert [p.message[:17] for p in problems if p.path == "docs/blog/index.md"] == ["YAML syntax error"]
    own = MKDOCS_SETTINGS + "non_assets:\n  listing: [tags.md]\n"
    assert "docs/blog/index.md" in read(write(tmp_path / "own", {**files, "stagemap.yml": own}))


def test_mkdocs_blog_index_is_weighed_so_at_a_commit_too(tmp_path: Path) -> None:
    """``diff`` and ``history`` read the index's blob at each commit: a listing there as here."""
    index = "# Blog\n"
    config = "site_name: M\nplugins:\n  - blog\n"
    root = write(tmp_path / "site", {**POSTS, "docs/blog/index.md": index, "stagemap.yml": MKDOCS_SETTINGS})
    write(root, {"mkdocs.yml": config})
    git(root, "init", "-q")
    commit_all(root, "first", dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC))
    commit_all(root, "second", dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC))
    code, out, err = run("-C", str(root), "diff", "HEAD~1", "--as-of", "2026-12-01")
    assert (code, err) == (0, "")
    assert "No change in coverage" in out


def test_mkdocs_blog_index_gaining_prose_is_a_page_in_the_preview(tmp_path: Path) -> None:
    """Its fate is weighed on every build: ``serve`` shows it once an edit gives it a page of prose."""
    config = "site_name: M\nplugins:\n  - blog\n"
    root = write(tmp_path / "site", {**POSTS, "stagemap.yml": MKDOCS_SETTINGS, "mkdocs.yml": config})
    preview = Preview(root, tmp_path / "served", as_of=dt.date(2026, 12, 1))
    page = tmp_path / "served/assets/blog/index.html"
    try:
        assert not preview.rebuild().error
        assert not page.exists()
        prose = " ".join(["Notes from the van hire desk on tyres, routes and rates."] * 6)
        write(root, {"docs/blog/index.md": f"# Blog\n\n{prose}\n"})
        assert preview.changed()
        assert not preview.rebuild().error
        assert "Notes from the van hire desk" in page.read_text()
    finally:
        preview.stop()


def test_a_site_configuration_linking_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    """As a content file linking out of the project is not: a repository's _config.yml may not
    bring another folder's file into what its pages inherit."""
    outside = write(tmp_path / "elsewhere", {"secrets.yml": "defaults:\n  - values: {stages: [adoption]}\n"})
    root = write(tmp_path / "site", {k: v for k, v in JEKYLL_SITE.items() if k != "_config.yml"})
    (root / "_config.yml").symlink_to(outside / "secrets.yml")
    code, _, err = run("-C", str(root), "check")
    assert code == 0
    assert (
        "_config.yml: warning: link to a file outside the project, not read (copy the file into the project, or leave the link out)\n"
        in err
    )
    assert read(root)["_guides/setup.md"][1] == ()
