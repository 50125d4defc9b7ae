"""GitHub's emoji shortcodes where a site's generator shows them as emoji (read/siteemoji.py,
render/emoji.py): Hugo with ``enableEmoji`` (goldmark's emoji extension), Jekyll with the
``jemoji`` plugin. A real Hugo site (Flux's) showed about 90 ``:rocket:`` and ``:warning:`` codes
as written on its asset pages, where the live pages show the emoji. Checked with Hugo 0.111.3:
text, headings and link text get the emoji; code spans, fenced and indented code keep the
code; an unknown name stays; ``:nope:smile:`` is ``:nope😄`` (the colon that closes an unknown
name opens the next)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.render.emoji import github_emoji
from tests.conftest import QUIET_CONFIG, write

BODY = (
    "Launch day :rocket: for [the team :tada:](/notes/other/).\n\n"
    "Keep `:rocket:` in a span, and :no_such_emoji: as it is; :nope:smile:.\n\n"
    "```text\ndeploy :rocket:\n```\n\n"
    "    indented :tada:\n"
)
OTHER = "---\ntitle: Other\n---\nThe other page.\n"


def _page(root: Path, out: Path, asset: str) -> str:
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return (out / "assets" / asset).read_text(encoding="utf-8")


def _hugo(root: Path, config: dict[str, str]) -> Path:
    settings = QUIET_CONFIG + "generator: hugo\nsources:\n  - path: content\n    url: /{path}/\n"
    pages = {
        "stagemap.yml": settings,
        "content/notes/launch.md": "---\ntitle: Launch\n---\n" + BODY,
        "content/notes/other.md": OTHER,
    }
    return write(root, {**pages, **config})


def test_hugo_enable_emoji_shows_the_emoji_in_text_never_in_code(tmp_path: Path) -> None:
    page = _page(_hugo(tmp_path / "site", {"hugo.toml": "title = 'Kettles'\nenableEmoji = true\n"}), tmp_path / "out",
                 "notes/launch.html")  # fmt: skip
    assert "Launch day \U0001f680 for <a " in page
    assert ">the team \U0001f389</a>" in page
    assert "<code>:rocket:</code>" in page
    assert ":no_such_emoji: as it is; :nope\U0001f604." in page
    assert "deploy :rocket:\n</code></pre>" in page
    assert "indented :tada:\n</code></pre>" in page


def test_hugo_without_enable_emoji_or_with_production_off_keeps_the_codes(tmp_path: Path) -> None:
    """Hugo's own default is off; config/production/ may turn off what config/_default/ turns on."""
    plain = _page(
        _hugo(tmp_path / "a", {"hugo.toml": "title = 'Kettles'\n"}), tmp_path / "out-a", "notes/launch.html"
    )
    assert "Launch day :rocket: for" in plain
    both = {
        "config/_default/hugo.toml": "title = 'Kettles'\nenableemoji = true\n",
        "config/production/hugo.toml": "enableEmoji = false\n",
    }
    page = _page(_hugo(tmp_path / "b", both), tmp_path / "out-b", "notes/launch.html")
    assert "Launch day :rocket: for" in page
    default_only = {"config/_default/hugo.yaml": "title: Kettles\nenableEmoji: true\n"}
    page = _page(_hugo(tmp_path / "c", default_only), tmp_path / "out-c", "notes/launch.html")
    assert "Launch day \U0001f680 for" in page


def test_jekyll_jemoji_plugin_shows_the_emoji(tmp_path: Path) -> None:
    settings = QUIET_CONFIG + "generator: jekyll\nsources:\n  - path: _posts\n    url: /{path}/\n"
    for name, plugins, shown in (("on", "plugins: [jemoji]\n", True), ("old", "gems:\n  - jemoji\n", True),
                                 ("off", "plugins: [jekyll-feed]\n", False)):  # fmt: skip
        root = write(
            tmp_path / name,
            {
                "stagemap.yml": settings,
                "_config.yml": "title: Kettles\n" + plugins,
                "_posts/2026-01-05-launch.md": "---\ntitle: Launch\n---\nLaunch day :rocket: and `:tada:`.\n",
            },
        )
        page = _page(root, tmp_path / f"out-{name}", "2026-01-05-launch.html")
        assert ("Launch day \U0001f680 and <code>:tada:</code>" in page) is shown, name
        assert ("Launch day :rocket: and" in page) is not shown, name


def test_github_names_and_their_characters() -> None:
    """A few of the 1,913 names: aliases, sequences with a joiner, flags, +1 and 100."""
    assert (
        github_emoji(":+1: :thumbsup: :100: :heart: :jp:")
        == "\U0001f44d \U0001f44d \U0001f4af \u2764\ufe0f \U0001f1ef\U0001f1f5"
    )
    assert github_emoji(":face_exhaling:") == "\U0001f62e\u200d\U0001f4a8"
    assert github_emoji("10:30:00 and x:y:z") == "10:30:00 and x:y:z"
    # A tag's values are no text; a '<' that opens no tag is.
    assert github_emoji('<a title="Go :tada:" href="/x/">Go :tada:</a> and 2 < 3 :tada:') == (
        '<a title="Go :tada:" href="/x/">Go \U0001f389</a> and 2 < 3 \U0001f389'
    )
    # An address is no text: neither goldmark nor jemoji reads a name in one.
    assert github_emoji("[a](/x/:tada:/) https://k.example/:tada: <https://k.example/:tada:> :tada:") == (
        "[a](/x/:tada:/) https://k.example/:tada: <https://k.example/:tada:> \U0001f389"
    )
    # Inside a word too, as both read it: 'b' is one of GitHub's names.
    assert github_emoji("a:b:c") == "a\U0001f171\ufe0fc"
