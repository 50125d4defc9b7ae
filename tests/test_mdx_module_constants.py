"""Constants an MDX page imports by name from a module of its project, shown as the live page
shows them: `import { HELP_EMAIL } from "../const"`, then `{HELP_EMAIL}`."""

from __future__ import annotations

import re
import time
from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.jsexports import MAX_TEXT, exported_constants
from stagemap.render import partials
from stagemap.render.dialects import clean
from stagemap.render.moduleobjects import object_values
from stagemap.render.modulevalues import module_values, with_module_values
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
    imports, template strings and braces, of code spans and template strings by the thousand on a
    line, of quoted attributes, of values in code blocks, are each read in bounded time."""
    start = time.process_time()
    exported_constants("export const A = [" * (MAX_TEXT // 20))
    exported_constants("export { " + "A as B, " * (MAX_TEXT // 10))
    exported_constants("const A = 1\n" * (MAX_TEXT // 13) + "export { A }\n")
    values = {"NAME": {"": "oar"}}
    with_module_values("{`" + "${NAME" * 100_000 + "\n" + "${" * 100_000, values)
    with_module_values("{\n`" + "\\`" * 100_000 + "\n{NAME" * 50_000, values)
    with_module_values("`x` {`a`} " * 10_000 + "\n" + "".join("`" * i + " " for i in range(1, 500)), values)
    with_module_values("<a " + 'b="{NAME}" ' * 10_000 + "\n" + "a" * 100_000 + "= {NAME} <a", values)
    code = "import CodeBlock from '@theme/CodeBlock'\n<CodeBlock>"
    with_module_values(code + "{NAME}" * 10_000 + "\n<CodeBlock>\n" + "{NAME}\n" * 10_000, values)
    partials.inline("import " + " " * 100_000 + "{ NAME\n\n{NAME}", "a.mdx", Path("/nonexistent"))
    partials.inline("import {" + " A," * 50_000 + "\n\n{A}", "a.mdx", Path("/nonexistent"))
    assert time.process_time() - start < SECONDS


def test_a_code_span_ending_in_a_brace_and_backtick_opens_no_template_string() -> None:
    """MDX reads a code span before the braces in it: `` `${` `` or `` `if (ok) {` `` is code,
    not an expression's template string left open. Taken for one, every later line of the page
    was read as template text and its values stayed placeholders."""
    values = {"club": {"email": "crew@lantern.example", "fee": "12"}}
    for span in ("`${`", "`if (ok) {`", "``{` ``"):
        body = (
            f"Template strings use {span} to open a value.\n"
            "Write to {club.email}; a season costs ${club.fee}.\n\n"
            "Then {`${club.fee} a month`} and `{club.email}`.\n"
        )
        assert with_module_values(body, values) == (
            f"Template strings use {span} to open a value.\n"
            "Write to crew@lantern.example; a season costs $12.\n\n"
            "Then 12 a month and `{club.email}`.\n"
        )


def test_a_line_of_a_paragraph_starting_with_import_or_export_is_text() -> None:
    """A review of 124f601: MDX starts no import or export inside a paragraph, so a line there
    that starts with the word is text and shows its values; an ESM block (after a blank line, to
    the next) is code, its lines below the first too."""
    values = {"CLUB": {"name": "Lantern"}}
    body = (
        "You can\nimport your crews into {CLUB.name} and\nexport them from {CLUB.name}.\n\n"
        'export const CREST = {\n  label: "{CLUB.name}",\n}\n\nAfter {CLUB.name}.\n'
    )
    assert with_module_values(body, values) == (
        "You can\nimport your crews into Lantern and\nexport them from Lantern.\n\n"
        'export const CREST = {\n  label: "{CLUB.name}",\n}\n\nAfter Lantern.\n'
    )


def test_a_page_importing_thousands_of_names_costs_linear_time(tmp_path: Path) -> None:
    """Whether a page uses what it imports was looked for in the whole page once per name
    imported (repeats too): a page of long import lists took seconds. Many distinct names,
    repeated, default and namespace imports of a module that exports them all are read in bounded time."""
    count = 3_000
    module = "".join(f'export const OAR_{i} = "blade {i}"\n' for i in range(count))
    root = write(tmp_path, {"src/const.ts": module + 'export default { dock: "East" }\n'})
    imports = "".join(
        f'import {{ OAR_{i}, OAR_{i}, OAR_{i} as oar_{i} }} from "../const"\n'
        f'import boat_{i} from "../const"\nimport * as all_{i} from "../const"\n'
        for i in range(count)
    )
    uses = " ".join(f"{{OAR_{i}}} {{boat_{i}.dock}} {{all_{i}.OAR_1}}" for i in range(count))
    repeated = "import { " + ", ".join(["OAR_2"] * 20_000) + ' } from "../const"\n'
    start = time.process_time()
    shown = partials.inline(imports + repeated + "\n" + uses + "\n", "src/pages/dock.mdx", root)
    modules = list(partials.shown(imports + repeated + "\n" + uses + "\n", "src/pages/dock.mdx", root))
    assert time.process_time() - start < SECONDS
    assert shown.endswith(f"blade {count - 1} East blade 1\n")
    assert [path for path, _ in modules] == ["src/const.ts"]


def test_astro_shows_true_as_text_where_react_shows_nothing() -> None:
    """Astro's JSX runtime drops only a value that is falsy and not 0: ``true`` prints as
    ``true``; React (Docusaurus, Gatsby) shows nothing of it. ``false`` and ``null`` are nothing
    on both."""
    values = {"OPEN": {"": True}, "SHUT": {"": False}, "NONE": {"": None}}
    body = "Open: [{OPEN}] [{SHUT}] [{NONE}] {`${OPEN}`}\n"
    assert with_module_values(body, values, "astro") == "Open: [true] [] [] true\n"
    assert with_module_values(body, values, "docusaurus") == "Open: [] [] [] true\n"


def test_a_default_export_of_a_name_and_more_is_not_the_names_value() -> None:
    """``export default NAME`` is the constant's value; ``export default NAME.key`` or
    ``NAME.method()`` is something else, that only running the code gives."""
    assert exported_constants('const title = "hello"\nexport default title.toUpperCase()\n') == {}
    club = 'const CLUB = { crew: { size: 8 }, dock: "East" }\n'
    assert exported_constants(club + "export default CLUB.crew\n") == {}
    assert exported_constants(club + "export default CLUB\n  .crew\n") == {}
    whole = {"crew": {"size": 8}, "dock": "East"}
    assert exported_constants(club + "export default CLUB;\n") == {"default": whole}
    assert exported_constants(club + "export default CLUB // the club\n") == {"default": whole}
    assert exported_constants(club + "export default CLUB") == {"default": whole}


def test_an_mdx_code_block_is_mdx_on_docusaurus_alone_and_a_page_export_wins(tmp_path: Path) -> None:
    """Elsewhere than on Docusaurus an ``mdx-code-block`` fence is code, as any fence: its import
    is none, and the page's own ``export const`` is the value it shows. A page's own constant
    wins over a module's of the same name wherever an import is read that the page does not
    run (here in a code example's template string). On Docusaurus a value used in the fence is
    shown, as its text is MDX."""
    root = write(tmp_path, {"src/const.ts": 'export const VERSION = "1.0"\nexport const DOCK = "East"\n'})
    fenced = (
        "export const VERSION = '2.0'\n\n```mdx-code-block\nimport { VERSION, DOCK } from '../const'\n```\n\n"
        "Version {VERSION} at {DOCK}.\n"
    )
    assert partials.inline(fenced, "src/pages/v.mdx", root, generator="astro").endswith(
        "Version {VERSION} at {DOCK}.\n"
    )
    example = (
        "export const VERSION = '2.0'\n\n<Code code={`\nimport { VERSION, DOCK } from '../const'\n`} />\n\n"
        "Version {VERSION} at {DOCK}.\n"
    )
    assert partials.inline(example, "src/pages/v.mdx", root, generator="astro").endswith(
        "Version {VERSION} at East.\n"
    )
    docs = (
        "```mdx-code-block\nimport { DOCK } from '../const'\n\n<Tabs><TabItem>{DOCK}</TabItem></Tabs>\n```\n"
    )
    assert partials.inline(docs, "src/pages/v.md", root, generator="docusaurus") == docs.replace(
        "{DOCK}<", "East<"
    )
    assert partials.inline(docs, "src/pages/v.md", root, generator="astro") == docs


def test_a_number_is_written_as_javascript_writes_it() -> None:
    """A whole number past 2**53 is a double in JavaScript, written with its shortest digits:
    every digit of it was shown. An exponent from 1e21 up and below 1e-6."""
    values = {
        "ID": {"": 12345678901234567890},
        "ODD": {"": 9007199254740993},
        "HUGE": {"": 123456789012345678901234},
        "BIG": {"": 1e21},
        "TINY": {"": 1.5e-7},
        "SMALL": {"": 0.000001},
        "FEE": {"": 12.5},
    }
    body = "{ID} {ODD} {HUGE} {BIG} {TINY} {SMALL} {FEE}\n"
    assert with_module_values(body, values) == (
        "12345678901234567000 9007199254740992 1\\.2345678901234569e+23 1e+21 1\\.5e-7 0\\.000001 12\\.5\n"
    )


def test_a_value_a_code_block_holds_is_code_not_markdown(tmp_path: Path) -> None:
    """Docusaurus's ``<CodeBlock>{versions.tool}</CodeBlock>`` showed the version with Markdown's
    escapes in the code (``4\\.2.0``, ``lantern\\_tools``); one holding ``<`` or a backtick lost its
    code block. A value a code component holds is its code, on the tag's line or the next."""
    versions = (
        "export const versions = { tool: '4.2.0', pkg: 'lantern_tools', pin: '>=1.0,<2.0', tick: 'a`b' }\n"
    )
    blocks = "".join(
        f'<CodeBlock language="bash">{{versions.{key}}}</CodeBlock>\n\n'
        for key in ("tool", "pkg", "pin", "tick")
    )
    root = write(
        tmp_path,
        {
            "stagemap.yml": "name: Lantern\nmodel: buyer-journey\ngenerator: docusaurus\nsources: [docs]\n",
            "docusaurus.config.js": "module.exports = {url: 'https://lantern.example'};\n",
            "src/versions.js": versions,
            "docs/install.mdx": (
                "---\ntitle: Install\n---\n\nimport {versions} from '@site/src/versions';\n"
                "import CodeBlock from '@theme/CodeBlock';\n\n"
                + blocks
                + '<CodeBlock language="bash">\n{versions.pin}\n</CodeBlock>\n\nIn text: {versions.pkg}.\n\n'
                + '<CodeBlock language="bash">v{versions.tool} and {versions.pkg}</CodeBlock>\n'
            ),
        },
    )
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out/assets/install.html").read_text(encoding="utf-8")
    codes = re.findall(r'<code class="language-bash">(.*?)\n</code>', page)
    assert codes == [
        "4.2.0",
        "lantern_tools",
        "&gt;=1.0,&lt;2.0",
        "a`b",
        "&gt;=1.0,&lt;2.0",
        "v4.2.0 and lantern_tools",  # (a review of 124f601: not first in the block, it was escaped)
    ]
    assert "<p>In text: lantern_tools.</p>" in page


def test_a_quoted_attribute_keeps_its_braces_and_an_attribute_keeps_its_entities() -> None:
    """A JSX attribute in quotes is a string: ``alt="The {CLUB} logo"`` shows its braces, as the
    live page does. A value written into an attribute in quotes keeps an ``&amp;`` it holds (a
    JSX string would read it as ``&``; React keeps the value as it is)."""
    values = {"CLUB": {"": "Lantern"}, "LINK": {"": "/crews?a=1&b=2&amp;c"}}
    body = (
        '<img alt="The {CLUB} logo" title={CLUB} data-x=\'{CLUB}\' /> {CLUB} said "{CLUB}"\n'
        '<a href={LINK} title="{CLUB}">{CLUB}</a> a="{CLUB}"\n'
    )
    assert with_module_values(body, values) == (
        '<img alt="The {CLUB} logo" title="Lantern" data-x=\'{CLUB}\' /> Lantern said "Lantern"\n'
        '<a href="/crews?a=1&b=2&amp;amp;c" title="{CLUB}">Lantern</a> a="Lantern"\n'
    )


def test_a_key_with_a_dot_is_not_read_as_a_nested_key() -> None:
    """Keys were joined with dots: ``{CREW["coach.name"]}`` read ``CREW.coach.name``, and a key
    ``"coach.name"`` was read for ``{CREW.coach.name}``. Neither is shown now."""
    module = 'export const CREW = { coach: { name: "Ines" }, "lead.name": "Ana" }\n'
    body = '{CREW.coach.name} {CREW["coach.name"]} {CREW.lead.name} {CREW["lead.name"]}\n'
    found = module_values("import { CREW } from './crew'\n\n" + body, "a.mdx", {"crew.ts": module}.get)
    values = {name: got for name, _, got in found}
    assert (
        with_module_values(body, values) == 'Ines {CREW["coach.name"]} {CREW.lead.name} {CREW["lead.name"]}\n'
    )
    dotted = object_values('export default { "a.b": "x", a: { b: "y" } }\n')
    assert dotted == {"a.b": "y"}


def test_a_number_written_with_an_exponent_is_read() -> None:
    """A review of 124f601: ``timeout: 1e3`` made the whole object unreadable (its every value a
    placeholder), though the docs said ``1e21`` is shown as JavaScript shows it."""
    module = (
        'export const C = { name: "Lantern", timeout: 1e3 }\nexport const A = 1e21\nexport const B = 2.5E-7\n'
    )
    found = exported_constants(module)
    assert found == {"C": {"name": "Lantern", "timeout": 1000}, "A": 1e21, "B": 2.5e-7}
    shown = with_module_values("{C.name} {C.timeout} {A}\n", {"C": found["C"], "A": {"": found["A"]}})
    assert shown == "Lantern 1000 1e+21\n"
