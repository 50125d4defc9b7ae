"""Constants an MDX page imports by name from a module of its project, shown as the live page
shows them: `import { HELP_EMAIL } from "../const"`, then `{HELP_EMAIL}`."""

from __future__ import annotations

import time
from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.jsexports import MAX_TEXT, exported_constants
from stagemap.render import partials
from stagemap.render.dialects import clean
from stagemap.render.modulevalues import with_module_values
from tests.conftest import write

SECONDS = 2.0
"""The most hostile input may take (it takes well under half a second)."""

CONSTANTS = """\
// Settings of the Lantern Rowing Club site.
export const CLUB = "Lantern Rowing Club"
export const HELP_EMAIL: string = 'crew@lantern.example'
export const HELP_LINK = `mailto:crew@lantern.example`
export const SEATS = 8
export const FEE = 12.50
export const OPEN = true
export const CLOSED_ON = null
export const BOATS = ["Heron", "Osprey"]
export const HARBOUR = {
  name: "North Quay",
  "opening hours": '6am to 9pm',
  coach: { name: "Ines" },
} as const
export const GREETING = `Welcome to ${CLUB}`
export const SHOUTED = CLUB.toUpperCase()
export const JOINED = "Lantern" + " Club"
export let SEASON = "spring"
const CREWS = ["Dawn", "Dusk"]
CREWS.push("Night")
const TAGLINE = 'Row with us'
const WEBSITE = "https://lantern.example"
export { CREWS, TAGLINE, WEBSITE as SITE_URL }
export { OTHER } from "./other"
export default { motto: "Steady strokes" }
"""


def test_a_module_exports_its_plain_literals_by_name() -> None:
    """What a module exports as a plain literal is read by the name it is exported as; a value
    only running the code gives (a call, a text made of parts, ``let``, a list the module
    changes, another module's export) is not."""
    assert exported_constants(CONSTANTS) == {
        "CLUB": "Lantern Rowing Club",
        "HELP_EMAIL": "crew@lantern.example",
        "HELP_LINK": "mailto:crew@lantern.example",
        "SEATS": 8,
        "FEE": 12.5,
        "OPEN": True,
        "CLOSED_ON": None,
        "BOATS": ["Heron", "Osprey"],
        "HARBOUR": {"name": "North Quay", "opening hours": "6am to 9pm", "coach": {"name": "Ines"}},
        "TAGLINE": "Row with us",
        "SITE_URL": "https://lantern.example",
        "default": {"motto": "Steady strokes"},
    }
    common = "const crew = { lead: 'Ines' }\nmodule.exports = { club: 'Lantern', crew: { size: 8 } }\n"
    assert exported_constants(common) == {
        "default": {"club": "Lantern", "crew": {"size": 8}},
        "club": "Lantern",
        "crew": {"size": 8},
    }
    assert exported_constants("module.exports = { a: 'b' }\nmodule.exports.c = 'd'\n") == {}
    assert exported_constants("export const A = 'one'\nexport const B = 'two'\nexport { B as A }\n") == {
        "B": "two"
    }  # (exported twice: none)
    assert exported_constants("function f() { export const A = 'x' }\n") == {}
    assert exported_constants("export const A = 'x'\n" + " " * MAX_TEXT) == {}


def test_a_page_shows_the_constants_it_imports_by_name(tmp_path: Path) -> None:
    """The DDEV site's contact page imports `SUPPORT_EMAIL`-like constants from its `const`
    module (`import {\\n  A,\\n  B,\\n} from "../const"`) and writes `{ORG_NAME}` in text and
    `<a href={SUPPORT_EMAIL_URL}>{SUPPORT_EMAIL}</a>`: each was a placeholder and the link had no
    address. A named import (renamed with `as` too, or all of a module's as one name) shows the
    value in text, as an attribute's value and in a template string; a number as JavaScript
    writes it, `true` and `null` as nothing, as React shows them; an object's key and a list's
    item too. A value not known stays as written, as in code; the module is shown by the page."""
    root = write(tmp_path / "site", {"src/const.ts": CONSTANTS})
    page = (
        "import {\n  CLUB,\n  HELP_EMAIL,\n  HELP_LINK as link,\n  SEATS, FEE, OPEN, CLOSED_ON,\n"
        "  BOATS, HARBOUR, SHOUTED, SEASON,\n} from '../const'\nimport * as all from '../const'\n\n"
        "The {CLUB} rows {SEATS} to a boat at {HARBOUR.name} ({HARBOUR['opening hours']}), "
        "coached by {HARBOUR.coach.name} in {BOATS[1]}, for ${FEE}.[{OPEN}{CLOSED_ON}]\n\n"
        "Ask <a href={link}>{HELP_EMAIL}</a> or <a href={`${link}?subject=${all.TAGLINE}`}>us</a>; "
        "{`${all.SITE_URL}/join`}.\n\n"
        "{SHOUTED}, {SEASON}, {HARBOUR}, {BOATS}, `{CLUB}`, \\{CLUB}.\n"
    )
    rel = "src/pages/contact.mdx"
    shown = partials.inline(page, rel, root)
    assert shown.split("\n\n")[1:] == [
        "The Lantern Rowing Club rows 8 to a boat at North Quay (6am to 9pm), coached by Ines in Osprey,"
        " for $12\\.5.[]",
        'Ask <a href="mailto:crew@lantern.example">crew@lantern.example</a> or'
        ' <a href="mailto:crew@lantern.example?subject=Row with us">us</a>; https://lantern.example/join.',
        "{SHOUTED}, {SEASON}, {HARBOUR}, {BOATS}, `{CLUB}`, \\{CLUB}.\n",
    ]
    assert [path for path, _ in partials.shown(page, rel, root)] == ["src/const.ts"]
    text = clean(shown, ".mdx", "astro")
    assert "*\\[Computed content (SHOUTED): shown on the live site\\]*" in text


def test_a_template_string_over_lines_shows_the_values_it_holds() -> None:
    """Snowplow's docs write a version into a code block's template string over several lines
    (`<CodeBlock>{\\n`tool version: ${versions.tool}\\n`}</CodeBlock>`): its `{versions.tool}`
    was read as text, leaving `$1.2.3` in the code. In a template string `${name}` is the value
    and `{name}` is text; after it, text again."""
    values = {"versions": {"tool": "1.2.3"}, "NAME": {"": "oar"}}
    body = (
        '<CodeBlock language="text">{\n`tool version: ${versions.tool}\nkeep {NAME} and \\${NAME}\n'
        "${versions.other}`}</CodeBlock>\n\nThen {NAME} and <Code code={`a ${NAME}\nb ${NAME}`} /> end.\n"
    )
    assert with_module_values(body, values) == (
        '<CodeBlock language="text">{\n`tool version: 1.2.3\nkeep {NAME} and \\${NAME}\n'
        "${versions.other}`}</CodeBlock>\n\nThen oar and <Code code={`a oar\nb oar`} /> end.\n"
    )


def test_a_docusaurus_page_shows_a_constant_imported_in_an_mdx_code_block(tmp_path: Path) -> None:
    """Snowplow's docs (Docusaurus, Markdown read as MDX) import their components' versions in
    an `mdx-code-block` fence, which Docusaurus reads as MDX: `import {versions} from
    '@site/src/componentVersions'`, then `{versions.tracker}` in text and in a `<CodeBlock>`'s
    template string. Each stayed a placeholder: the import was read as code."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": "name: Lantern\nmodel: buyer-journey\ngenerator: docusaurus\nsources: [docs]\n",
            "docusaurus.config.js": "module.exports = {url: 'https://lantern.example'};\n",
            "src/componentVersions.js": "export const versions = {\n  tracker: '4.2.0',\n};\n",
            "docs/tracker.md": (
                "---\ntitle: Tracker\n---\n\n```mdx-code-block\nimport {versions} from '@site/src/componentVersions';\n"
                "import CodeBlock from '@theme/CodeBlock';\n```\n\nThe tracker is at {versions.tracker}.\n\n"
                '<CodeBlock language="bash">{\n`npm install tracker@${versions.tracker}\n`}</CodeBlock>\n'
            ),
        },
    )
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out/assets/tracker.html").read_text(encoding="utf-8")
    assert "<p>The tracker is at 4.2.0.</p>" in page
    assert '<code class="language-bash">npm install tracker@4.2.0\n</code>' in page
    assert "shown on the live site" not in page


def test_hostile_modules_and_pages_cost_linear_time() -> None:
    """A module near the size read, of unclosed exports and lists, and a page of unclosed
    imports, template strings and braces, are each read in bounded time."""
    start = time.process_time()
    exported_constants("export const A = [" * (MAX_TEXT // 20))
    exported_constants("export { " + "A as B, " * (MAX_TEXT // 10))
    exported_constants("const A = 1\n" * (MAX_TEXT // 13) + "export { A }\n")
    values = {"NAME": {"": "oar"}}
    with_module_values("{`" + "${NAME" * 100_000 + "\n" + "${" * 100_000, values)
    with_module_values("{\n`" + "\\`" * 100_000 + "\n{NAME" * 50_000, values)
    partials.inline("import " + " " * 100_000 + "{ NAME\n\n{NAME}", "a.mdx", Path("/nonexistent"))
    partials.inline("import {" + " A," * 50_000 + "\n\n{A}", "a.mdx", Path("/nonexistent"))
    assert time.process_time() - start < SECONDS
