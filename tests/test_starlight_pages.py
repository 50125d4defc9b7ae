"""Astro and Starlight pages as their sites show them: a hero's call to action, values a page
takes from a module of its project, and what a placeholder says it stands for."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from click.testing import CliRunner

from stagemap.analyse.coverage import analyse
from stagemap.cli.app import cli
from stagemap.read.ctas import hero_action
from stagemap.read.markdowntext import in_destination
from stagemap.read.project import load_project
from stagemap.render import markdown, partials
from stagemap.render.dialects import clean
from stagemap.render.modulevalues import object_values, with_module_values
from tests.conftest import write

DAY = dt.date(2026, 3, 1)
SECONDS = 2.0
"""The most a long line may take (it takes well under half a second)."""
STARLIGHT = "import starlight from '@astrojs/starlight'\nexport default { integrations: [starlight({ title: 'Kites' })] }\n"
SETTINGS = (
    "name: Kites\nmodel: buyer-journey\ngenerator: astro\ncache: false\n"
    "sources:\n  - path: src/content/docs\n    url: /{entry}/\n"
)


def test_a_starlight_hero_action_is_the_pages_call_to_action(tmp_path: Path) -> None:
    """SST's and Starlight's home pages (template: splash) ask the reader to act in their hero's
    actions, in front matter; their bodies end on no link of the site's, so the page read as a
    dead end: no call to action, no next step inferred. The primary action (no variant is
    primary, as Starlight draws it; a minimal one before it is passed over) is the page's call
    to action, its link the first the next step is inferred from, resolved as a body link is:
    by the route the site gives the page it names (no site address is set here)."""
    root = write(
        tmp_path,
        {
            "astro.config.mjs": STARLIGHT,
            "stagemap.yml": SETTINGS,
            "src/content/docs/index.mdx": (
                "---\ntitle: Kites\ntemplate: splash\nstages: [awareness]\nhero:\n  tagline: Fly further.\n"
                "  actions:\n    - text: Read the charter\n      link: https://code.example/kites\n"
                "      variant: minimal\n    - text:  Learn   to launch\n      link: /guides/launch/\n"
                "    - text: Spools\n      link: /guides/spools/\n      variant: secondary\n---\n\n"
                "Kites for all weather, [spools](/guides/spools/) included.\n"
            ),
            "src/content/docs/outside.md": (
                "---\ntitle: Outside\nstages: [awareness]\ncta: Ask us\nhero:\n  actions:\n"
                "    - text: Star the code\n      link: https://code.example/kites\n---\n\nWind.\n"
            ),
            "src/content/docs/guides/launch.md": "---\ntitle: Launch\nstages: [exploration]\n---\n\nHold on.\n",
            "src/content/docs/guides/spools.md": "---\ntitle: Spools\nstages: [exploration]\n---\n\nWind up.\n",
        },
    )
    project = load_project(root)
    by_id = project.library.by_id
    home, outside = by_id["index"], by_id["outside"]
    assert (home.cta, home.cta_pos, home.links) == (
        "Learn to launch",
        (11, 14),
        ("/guides/launch/", "/guides/spools/"),
    )
    assert (outside.cta, outside.links) == (
        "Ask us",
        (),
    )  # its own cta stands; an outside link leads nowhere here
    report = analyse(project.config, project.library, DAY)
    assert report.inferred_next == (("index", "guides/launch"),)


def test_a_hero_action_is_read_from_what_the_front_matter_gives() -> None:
    """Starlight's own schema: actions are a list of {text, link, variant}; anything else is no action."""
    assert hero_action({"hero": {"actions": [{"text": "Go", "link": "/go/", "variant": "minimal"}]}}) == (
        0,
        "Go",
        "/go/",
    )
    assert hero_action(
        {"hero": {"actions": [{"text": "No link"}, {"link": " /b/ ", "variant": "primary"}]}}
    ) == (
        1,
        "",
        "/b/",
    )
    assert hero_action({"hero": {"title": "No actions"}}) is None
    assert hero_action({"hero": {"actions": "/a/"}}) is None
    assert hero_action({"hero": ["x"]}) is None


CONFIG = """// The site's settings.
const site = {
  email: "hello_kites@kites.example", // the team
  chat: 'https://chat.kites.example/',
  /* nested */ team: { lead: { name: `Ada` } },
  stars: 12, list: ['a', { inner: 'x' }], greet() { return '}' }, ...more,
  joined: 'a' + 'b',
  made: `by ${hand}`,
  "quoted key": "yes",
} as const;

export default site;
"""


def test_a_modules_plain_object_gives_its_string_values() -> None:
    """A module's default export, a plain object: its string literals by dotted key, nested ones
    too; numbers, lists, methods, spreads, sums and templates with substitutions are left out."""
    assert object_values(CONFIG) == {
        "email": "hello_kites@kites.example",
        "chat": "https://chat.kites.example/",
        "team.lead.name": "Ada",
        "quoted key": "yes",
    }
    assert object_values("module.exports = { a: 'b\\'c' }\n") == {"a": "b'c"}
    assert object_values('{"a": {"b": "c"}}', json=True) == {"a.b": "c"}
    assert object_values("export default defineConfig({ a: 'b' })\n") == {}
    assert object_values("export default { a: 'never closed\n") == {}


def test_values_a_page_imports_from_a_module_of_its_project_are_shown(tmp_path: Path) -> None:
    """SST's legal pages (Starlight) import their settings, `import config from
    '../../../../config.ts'`, and write `{config.email}` and `href={`mailto:${config.email}`}`:
    each was a placeholder without a word, the link had no address. A string the module's plain
    object gives is shown in text (its Markdown characters escaped), as an attribute's value and
    in an attribute's template string; in code, in a link's destination (where MDX reads no
    expression), and where a value is not known, the page stays as written (the placeholder then
    names the expression). A module outside the project is not read. The module is shown by the
    page, so editing it re-renders the page."""
    root = write(
        tmp_path / "site",
        {"config.ts": CONFIG, "src/content/docs/legal/settings.json": '{"office": {"city": "Leeds"}}'},
    )
    write(tmp_path, {"outside.ts": "export default { email: 'far@away.example' }\n"})
    page = (
        "import config from '../../../../config.ts';\nimport where from './settings.json';\n"
        "import far from '../../../../../outside';\n\n"
        "Write to <a href={`mailto:${config.email}`}>{config.email}</a> or [chat]({config.chat}),"
        " led by {config.team.lead.name} in {where.office.city}.\n\n"
        "<a href={config.chat}>Chat</a>, `{config.email}`, \\{config.email}, {config.stars}, {far.email}.\n\n"
        "```js\nconsole.log({config.email})\n```\n"
    )
    shown = partials.inline(page, "src/content/docs/legal/terms.mdx", root)
    assert shown.split("\n\n")[1:3] == [
        r"Write to <a href=" + '"mailto:hello_kites@kites.example">hello\\_kites@kites.example</a>'
        " or [chat]({config.chat}), led by Ada in Leeds.",
        '<a href="https://chat.kites.example/">Chat</a>, `{config.email}`, \\{config.email}, {config.stars}, {far.email}.',
    ]
    assert shown.endswith("```js\nconsole.log({config.email})\n```\n")
    assert [path for path, _ in partials.shown(page, "src/content/docs/legal/terms.mdx", root)] == [
        "config.ts",
        "src/content/docs/legal/settings.json",
    ]
    text = clean(shown, ".mdx", "astro")
    assert "{config.stars}" not in text
    assert "*\\[Computed content (config.stars): shown on the live site\\]*" in text
    assert "*\\[Computed content (far.email): shown on the live site\\]*" in text


def test_a_built_page_shows_its_modules_values_and_names_what_it_cannot(tmp_path: Path) -> None:
    """SST's privacy policy, built: the address linked and shown, as on the live page; a value
    the module does not give, a placeholder naming it; a component imported from outside the
    project, a placeholder naming the component."""
    root = write(
        tmp_path,
        {
            "astro.config.mjs": STARLIGHT,
            "stagemap.yml": SETTINGS,
            "config.ts": "export default {\n  email: 'hello@kites.example',\n};\n",
            "src/content/docs/privacy.mdx": (
                "---\ntitle: Privacy\n---\n\nimport config from '../../../config';\n"
                "import Banner from '../../../../shared/Banner.astro';\n\n"
                "Ask <a href={`mailto:${config.email}`}>{config.email}</a> or {config.phone}.\n\n<Banner />\n"
            ),
        },
    )
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out/assets/privacy.html").read_text(encoding="utf-8")
    assert (
        '<p>Ask <a href="mailto:hello@kites.example">hello@kites.example</a> or'
        " <em>[Computed content (config.phone): shown on the live site]</em>.</p>\n"
        "<p><em>[Banner: shown on the live site]</em></p>"
    ) in page


def test_a_modules_escapes_are_read_as_javascript_reads_them() -> None:
    """The review of the module values added for SST's legal pages: a JSON file writing
    `"Caf\\u00e9 \\u2014 Ltd"` showed `Cafu00e9 u2014 Ltd`, each unknown escape its bare letter,
    and a line continued by a backslash kept its line break. Unicode escapes (one character in two halves made one), hex, the letter escapes and a
    backslash at a line's end (LF or CR LF) read as JavaScript reads them."""
    assert object_values(
        '{"shop": "Caf\\u00e9 \\u2014 Ltd", "path": "a\\/b", "smile": "\\ud83d\\ude00"}', True
    ) == {
        "shop": "Café — Ltd",
        "path": "a/b",
        "smile": "😀",
    }
    code = "export default { a: 'It\\u2019s \\x41\\u{1F680}', b: 'one \\\n two', c: \"x\\\r\ny\", d: 'tab\\there' }\n"
    assert object_values(code) == {"a": "It’s A🚀", "b": "one  two", "c": "xy", "d": "tab\there"}


def test_a_modules_value_in_text_opens_no_markdown_block() -> None:
    """A value MDX shows is a text node. The review of the module values added for SST's legal
    pages found Markdown read in one: `# Kites` on its own line became a heading, `- spare parts` a list, `1. rule` an ordered list,
    `a | b` in a table's cell cut the cell at the bar and `~~old~~` was struck out. Each is text
    now, its Markdown escaped, wherever it stands in the line."""
    values = {
        "config": {
            "head": "# Kites",
            "list": "- spare parts",
            "rule": "1. rule",
            "bar": "a | b",
            "old": "~~old~~",
        }
    }
    body = "{config.head}\n\n{config.list}\n\n{config.rule}\n\n| k | v |\n|---|---|\n| p | {config.bar} |\n\nGone: {config.old}\n"
    shown = with_module_values(body, values)
    assert shown == (
        "\\# Kites\n\n\\- spare parts\n\n1\\. rule\n\n| k | v |\n|---|---|\n| p | a \\| b |\n\nGone: \\~\\~old\\~\\~\n"
    )
    assert markdown.render(shown).html == (
        "<p># Kites</p>\n<p>- spare parts</p>\n<p>1. rule</p>\n<table>\n<thead>\n<tr>\n<th>k</th>\n<th>v</th>\n"
        "</tr>\n</thead>\n<tbody>\n<tr>\n<td>p</td>\n<td>a | b</td>\n</tr>\n</tbody>\n</table>\n<p>Gone: ~~old~~</p>\n"
    )


def test_a_long_line_of_module_values_is_shown_in_linear_time() -> None:
    """The review of the module values added for SST's legal pages: the backticks before each
    use of a value were counted from the line's start, so one line of 50,000 uses (550 KB) took
    7 s, of 100,000 23 s. They are counted once for the line."""
    line = "{config.a} `{config.a}` " * 25_000
    start = time.process_time()
    shown = with_module_values(line, {"config": {"a": "v"}})
    assert time.process_time() - start < SECONDS
    assert shown == "v `{config.a}` " * 25_000


def test_a_modules_value_inside_a_link_destination_stays_as_written() -> None:
    """A value was kept as written only where the expression opened a link's destination
    (``[chat]({config.chat})``); further in (``[tour](https://tours.example/{config.city})``) the
    module's value was put in, though MDX reads no expression anywhere in a destination and the
    live link's address keeps the braces (mdx-js/mdx#2493). Text after the link is text again."""
    values = {"config": {"city": "Leeds", "team": "Kites"}}
    body = "See [the tour](https://tours.example/{config.city}/map) with {config.team}.\n"
    assert with_module_values(body, values) == (
        "See [the tour](https://tours.example/{config.city}/map) with Kites.\n"
    )


def test_braces_on_a_long_line_inside_a_link_destination_cost_linear_time() -> None:
    """Whether a brace is in a link's destination is looked for on its line before it, never
    further back than a few thousand characters: each of the 200,000 braces of a 600 KB line
    after an open destination, or of a line of links each followed by an expression, is read in
    a time that does not grow with the line."""
    for line, inside in (("[a](/x" + "{b}" * 200_000, 682), ("[a](/x) {b} " * 50_000, 0)):
        braces = [at for at, c in enumerate(line) if c == "{"]
        start = time.process_time()
        found = sum(in_destination(line, at) for at in braces)
        assert time.process_time() - start < SECONDS
        assert found == inside  # (a destination 2,048 characters long at most)
