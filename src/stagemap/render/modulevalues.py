"""Values an MDX page takes from a module of its project: ``import config from '../../config'``,
then ``{config.email}``; ``import { SUPPORT_EMAIL } from "../const"``, then ``{SUPPORT_EMAIL}``.

SST's legal pages write their contact address so, and the DDEV site's contact page. A value
the module exports as a plain literal (`stagemap.read.jsexports`: by name, or by default), or a
string of the object it exports by default (`stagemap.render.moduleobjects`: a JSON file's
too), is shown as the live page shows it: in text, as an attribute's value (``href={config.x}``),
in a template string (``href={`mailto:${config.email}`}``, one over several lines in a
``<CodeBlock>``). Any other expression is left to `stagemap.render.jsx`, whose placeholder names it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..lazyre import lazy
from ..read.jsexports import exported_constants
from ..read.markdowntext import escaped, in_destination, plain_text
from ..read.tsconfigpaths import Alias, aliased
from .blocks import fence_after, hold_fences
from .jsshown import shown_as
from .mdxfences import unwrapped_mdx_blocks
from .mdxplaces import after_code_tag, code_children, code_tag, quoted_values, template_at, within
from .moduleobjects import DEEPEST, object_values

_IMPORT = lazy(
    r"^import\s+(?:([A-Za-z_$][\w$]*)\s*(?:,\s*)?)?(?:\*\s*as\s+([A-Za-z_$][\w$]*)\s*|\{([^{}]{0,4000})\}\s*)?"
    r"""from\s*(['"])([^'"?\n]+)\4""",
    re.M,
)
"""An import of a module by its path: ``import config from '../../config.ts'``, ``import { EMAIL,
SITE as site } from "../const"``, ``import * as consts from "@site/src/consts"``."""
_ITEM = lazy(r"\s*([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?\s*")
"""A name imported: ``EMAIL``, ``SITE as site`` (``type X``, a type, is none)."""
_SCRIPT = (".ts", ".js", ".mjs", ".cjs", ".mts", ".cts", ".json")
"""The endings of a module whose object is read."""
_TRIED = (".ts", ".js", ".mjs", ".json", "/index.ts", "/index.js")
"""What is tried after a module named without its ending, in the order a bundler tries them."""
_USED = lazy(r"\{[ \t]*[A-Za-z_$][\w$]*[ \t]*[.?\[}]")
"""An expression a module's value may be: ``{EMAIL}``, ``{config.email}``, ``{LINKS[0]}``."""
_MEMBER = r"""(?:\??\.[A-Za-z_$][\w$]*|\[[ \t]*(?:'[^'\\\n{}]*'|"[^"\\\n{}]*"|\d+)[ \t]*\])"""
"""A key read of a value: ``.email``, ``?.email``, ``["email"]``, ``[0]``."""
_ACCESS = lazy(r"""\??\.([A-Za-z_$][\w$]*)|\[[ \t]*(?:'([^'\\\n{}]*)'|"([^"\\\n{}]*)"|(\d+))[ \t]*\]""")
_MISSING = object()
"""What `_value` gives for a key no module's value has."""
_NAME = lazy(r"[A-Za-z_$][\w$]*")
_NAMED = lazy(r"\{[ \t]*([A-Za-z_$][\w$]*)")
"""A name an expression opens with (``{EMAIL``, ``${ config``): what a page may use of an import."""
_OWN = lazy(
    r"^export[ \t]+(?:const|let|var|function\*?|class|async[ \t]+function)[ \t]+([A-Za-z_$][\w$]*)", re.M
)
"""A value the page declares itself (``export const VERSION = ...``): a module's of that name is not shown."""
_MOST_VALUES = 10_000
"""The most values read of one thing a page imports."""
Leaf = str | int | float | bool | None
"""A plain value a module gives: shown as JavaScript shows it (`.jsshown.shown_as`)."""


def import_paths(spec: str, rel: str, site: str = "", aliases: tuple[Alias, ...] = ()) -> tuple[str, ...]:
    """Return the paths in the project that an import of ``spec`` in the file at ``rel`` may
    name, in the order they are tried (``@site/`` is ``site``, the site's folder in it; ``./``
    and ``../`` from the file's own; else each path an alias of an Astro site's ``aliases``
    gives, `aliased`): none for a package or a path out of the project."""
    if spec.startswith("@site/"):
        paths = [posixpath.normpath(posixpath.join(site, spec.removeprefix("@site/")))]
    elif spec.startswith(("./", "../")):
        paths = [posixpath.normpath(posixpath.join(posixpath.dirname(rel), spec))]
    else:
        paths = aliased(aliases, spec)
    return tuple(path for path in paths if path != ".." and not path.startswith(("../", "/")))


def import_path(
    spec: str, rel: str, site: str = "", aliases: tuple[Alias, ...] = (), root: Path | None = None
) -> str | None:
    """Return the first path of `import_paths` that is a file in the project at ``root`` (the
    only one where there is one), or None."""
    paths = import_paths(spec, rel, site, aliases)
    return next((p for p in paths if root is None or len(paths) == 1 or (root / p).is_file()), None)


def imported_modules(
    body: str, rel: str, site: str = "", aliases: tuple[Alias, ...] = (), docusaurus: bool = False
) -> dict[str, tuple[tuple[str, ...], str]]:
    """Return the modules of its project that the MDX ``body`` (of the file at ``rel``) imports
    and whose values it may show in an expression (``{name}``, ``{name.key}``), by the name the
    page gives each value: the paths the module may be at (relative to the project; ``@site/`` is
    ``site``), in the order they are tried, and what of it is imported (``default``, a name it
    exports, ``*`` for all of them). On a ``docusaurus`` site an import in an ``mdx-code-block``
    fence counts, as Docusaurus reads the fence as MDX; elsewhere the fence is code, as any
    other. A name the page declares itself (``export const X``) is its own value, not a module's."""
    if "import" not in body or _USED.search(body) is None:
        return {}
    found: dict[str, tuple[tuple[str, ...], str]] = {}
    code = unwrapped_mdx_blocks(body) if docusaurus and "mdx-code-block" in body else body
    code = hold_fences(code, {}, deep=True)
    used = set(_NAMED.findall(body)).difference(_OWN.findall(code))  # (one pass each, whatever it imports)
    for match in _IMPORT.finditer(code):
        default, every, listed, spec = match.group(1), match.group(2), match.group(3), match.group(5)
        if default == "type":
            continue  # (TypeScript's types: no value)
        names = [(default, "default")] if default else []
        names += [(every, "*")] if every else []
        for item in filter(None, map(_ITEM.fullmatch, (listed or "").split(","))):
            names.append((item.group(2) or item.group(1), item.group(1)))
        names = [(name, what) for name, what in names if name in used]
        if not names:
            continue
        tried: list[str] = []
        for path in import_paths(spec, rel, site, aliases):
            ending = posixpath.splitext(path)[1]
            if ending in _SCRIPT:
                tried.append(path)
            elif not ending or ending not in (".astro", ".jsx", ".tsx", ".md", ".mdx", ".vue", ".svelte"):
                tried += [path + ending for ending in _TRIED]
        if tried:
            found.update((name, (tuple(tried), what)) for name, what in names)
    return found


def module_values(
    body: str,
    rel: str,
    read: Callable[[str], str | None],
    site: str = "",
    aliases: tuple[Alias, ...] = (),
    generator: str = "",
) -> Iterator[tuple[str, str, dict[str, Leaf]]]:
    """Yield each value `imported_modules` finds (on the ``generator``'s site) whose module can be
    read with ``read`` (a path in the project to its text, or None): its name in the page, its
    module's path, and its plain values by key (``""``: the value itself; ``email``, ``npm.command``,
    ``0`` in a list). Each module is read once, and each thing imported of it (a page may import
    thousands of names)."""
    texts: dict[str, str | None] = {}
    made: dict[tuple[str, str], dict[str, Leaf]] = {}  # (shared between names: never changed)
    for name, (paths, what) in imported_modules(body, rel, site, aliases, generator == "docusaurus").items():
        for path in paths:
            code = texts[path] if path in texts else texts.setdefault(path, read(path))
            if code is not None:
                if (path, what) not in made:
                    made[path, what] = _imported(code, path.endswith(".json"), what)
                yield name, path, made[path, what]
                break


def _imported(code: str, json: bool, what: str) -> dict[str, Leaf]:
    """Return the plain values by key of what a page imports of the module ``code`` (``what``:
    ``default``, a name, ``*``): a constant it exports as a plain literal (`exported_constants`);
    else, of its default export (or of a JSON file's object), the string values `object_values`
    finds."""
    if not json:
        constants = exported_constants(code)
        if what == "*":
            return _leaves(constants, "", {}, 0)
        if what in constants:
            return _leaves(constants[what], "", {}, 0)
        if what != "default":
            return {}
    found: dict[str, Leaf] = dict(object_values(code, json))
    if what in ("default", "*"):
        return found
    return {key[len(what) + 1 :]: v for key, v in found.items() if key == what or key.startswith(what + ".")}


def _leaves(value: Any, key: str, out: dict[str, Leaf], depth: int) -> dict[str, Leaf]:
    """Return ``out`` with the plain values in ``value`` (a literal) by key, ``key`` before each."""
    if isinstance(value, (dict, list)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for name, item in items:
            if depth < DEEPEST and len(out) < _MOST_VALUES and "." not in str(name):  # (see `_value`)
                _leaves(item, f"{key}.{name}" if key else str(name), out, depth + 1)
    else:
        out[key] = value
    return out


def with_module_values(body: str, values: Mapping[str, Mapping[str, Leaf]], generator: str = "") -> str:
    """Return an MDX ``body`` with each ``{name}``, ``{name.key}`` or ``{name["key"]}`` whose
    module gives a plain value there (``values``: by name, then key) as JavaScript shows it,
    outside code: text in text, an attribute's quoted value after ``=``, and a template string
    of known values after ``=`` as its text. In an expression's template string over several
    lines (``<CodeBlock>{`...`}</CodeBlock>``) a ``${name}`` is its value, and ``{name}`` text.
    ``true`` in text is nothing as React shows it, ``true`` on an Astro site (``generator``)."""
    if not values:
        return body
    if generator == "docusaurus" and "mdx-code-block" in body:  # (Docusaurus reads what it holds as MDX)
        body = unwrapped_mdx_blocks(body, lambda inner: with_module_values(inner, values))
    expression = rf"[A-Za-z_$][\w$]*{_MEMBER}*"  # (any name: `_value` tells which are known)
    use = re.compile(
        rf"(=[ \t]*)?\{{[ \t]*(?:`((?:[^`$\\\n]|\$\{{[ \t]*{expression}[ \t]*\}})*)`|({expression}))[ \t]*\}}"
    )
    page = _Page(use, "Astro text" if generator == "astro" else "text", code_tag(body))
    lines = body.split("\n")
    fence = ""
    inside = brace = esm = False  # in an expression's template string; after a line ending in ``{``
    for at, line in enumerate(lines):
        was, fence = fence, fence_after(fence, line, True)
        # MDX's imports and exports: a block that starts so (after a blank line), to the next blank
        # line; a paragraph's line that starts with the word is text (MDX starts no code there).
        starts = line.startswith(("import ", "import{", "export ")) and (at == 0 or not lines[at - 1].strip())
        esm = bool(line.strip()) and (starts or esm)
        if was or fence or (not inside and esm):
            continue  # (code; an import's ``{ NAME }`` is no expression)
        begin = 0
        if not inside and brace and line.lstrip().startswith("`"):  # ``{`` then a backtick on the next line
            begin, inside = line.index("`") + 1, True
        if inside or "{" in line:
            after = bool(at) and after_code_tag(page.code, lines[at - 1])
            lines[at], inside = _line_out(page, line, (begin, after), inside, values)
        brace = not inside and line.rstrip().endswith("{")
    return "\n".join(lines)


_IN_TEMPLATE = lazy(r"\$\{([^{}`]*)\}")


class _Page(NamedTuple):
    """What tells how a page shows its values: the pattern of a use, how text shows a value
    (`.jsshown.shown_as`), the opening tag of its code component (`.mdxplaces.code_tag`)."""

    use: re.Pattern[str]
    text: str
    code: re.Pattern[str] | None


def _line_out(
    page: _Page, line: str, where: tuple[int, bool], inside: bool, values: Mapping[str, Mapping[str, Leaf]]
) -> tuple[str, bool]:
    """Return a ``line`` outside fenced code with the module values it uses shown, and whether an
    expression's template string is open after it (``inside``: from ``where[0]`` on; its text is
    `_in_template`, the rest `_line_shown`; ``where[1]``: the line before ends with a code tag)."""
    begin = where[0]
    head = ""
    if inside:
        close = _closing(line, begin)
        if close < 0:
            return line[:begin] + _in_template(line[begin:], values), True
        head, line = line[:begin] + _in_template(line[begin:close], values) + "`", line[close + 1 :]
    at = 0
    runs: dict[int, list[int]] = {}
    while (found := template_at(line, at, runs)) is not None:
        close = _closing(line, found.end())
        if close < 0:  # (one left open: the rest of the line is its text)
            return head + _line_shown(page, line[: found.end()], values, where[1]) + _in_template(
                line[found.end() :], values
            ), True
        at = close + 1
    return head + _line_shown(page, line, values, where[1]), False


def _closing(line: str, at: int) -> int:
    """Return the index of the first backtick of ``line`` from ``at`` that no backslash escapes, or -1."""
    while (at := line.find("`", at)) >= 0:
        run = at
        while run and line[run - 1] == "\\":
            run -= 1
        if (at - run) % 2 == 0:
            return at
        at += 1
    return -1


def _in_template(text: str, values: Mapping[str, Mapping[str, Leaf]]) -> str:
    """Return the ``text`` of a template string with each ``${name.key}`` of a known value as
    that value, where it holds no backtick, backslash or ``${`` (that would change the string)."""

    def value(found: re.Match[str]) -> str:
        shown = shown_as(_value(found.group(1), values), "template")
        if shown is None or escaped(text, found.start()) or any(c in shown for c in ("`", "\\", "${")):
            return found.group(0)
        return shown

    return _IN_TEMPLATE.sub(value, text) if "${" in text else text


def _line_shown(page: _Page, line: str, values: Mapping[str, Mapping[str, Leaf]], after: bool) -> str:
    """Return a ``line`` outside code with each of its uses of a module's value shown (`_shown`),
    the backticks before each counted once for the whole line; one in a quoted attribute value
    stays as written (``after``: the line before ends with a code component's opening tag)."""
    out: list[str] = []
    end = ticks = 0
    quoted = quoted_values(line)
    for found in page.use.finditer(line):
        ticks += line.count("`", end, found.start())
        if within(quoted, found.start()):
            shown = found.group(0)
        else:
            code = found.group(1) is None and code_children(page.code, line, found.start(), after)
            shown = _shown(found, line, values, (ticks % 2 == 1, code), page.text)
        out += (line[end : found.start()], shown)
        ticks += found.group(0).count("`")
        end = found.end()
    return "".join(out) + line[end:] if out else line


_ENTITY = lazy(r"&(?=#?[A-Za-z0-9]{1,32};)")
"""The ``&`` of what a JSX string would read as a character reference (``&amp;``, ``&#38;``)."""
_SUBSTITUTION = lazy(r"\$\{([^}]*)\}")


def _shown(
    found: re.Match[str],
    line: str,
    values: Mapping[str, Mapping[str, Leaf]],
    code: tuple[bool, bool],
    text: str,
) -> str:
    """Return what one use of a module's value shows (see `with_module_values`); as written when
    a value is not known, or it is in a code span (``code[0]``: an odd number of backticks before
    it) or a link's destination. In text the value (a template string's too) is plain text, as
    MDX inserts it: no character of it is read as Markdown (``text``: how text shows a value,
    `.jsshown.shown_as`); in a code component (``code[1]``) it is code (`_as_code`)."""
    start = found.start() + len(found.group(1) or "")
    if escaped(line, start) or code[0] or in_destination(line, start):
        return found.group(0)  # (a link's destination is no text: MDX reads no expression there)
    if found.group(3) is not None:
        value = shown_as(_value(found.group(3), values), "attribute" if found.group(1) else text)
        if value is None:
            return found.group(0)
        if found.group(1) is None:
            return _as_code(value, line[found.end() :], found.group(0)) if code[1] else plain_text(value)
    elif found.group(1) is None and "${" not in found.group(2):
        return found.group(0)  # (a template string of text alone: `stagemap.render.jsx`'s)
    else:
        parts = [
            shown_as(_value(m.group(1), values), "template") for m in _SUBSTITUTION.finditer(found.group(2))
        ]
        if any(part is None or "`" in part for part in parts):
            return found.group(0)
        value = _SUBSTITUTION.sub(
            lambda m: shown_as(_value(m.group(1), values), "template") or "", found.group(2)
        )
        if found.group(1) is None:
            return _as_code(value, line[found.end() :], found.group(0)) if code[1] else plain_text(value)
    value = _ENTITY.sub("&amp;", value)  # (a JSX string reads ``&amp;`` as ``&``: the value keeps it)
    quote = '"' if '"' not in value else "'"
    return found.group(0) if quote in value or "\n" in value else f"{found.group(1)}{quote}{value}{quote}"


def _as_code(value: str, rest: str, written: str) -> str:
    """Return a ``value`` a code component holds as it stays code (`stagemap.render.codeblocks`):
    as it is where it holds no tag, brace, entity or line end; else, where it is all the component
    holds (``rest``: what follows on its line), as a template literal of it; else as ``written``."""
    if not any(c in value for c in "<>{}&\n\r"):
        return value
    if rest.lstrip(" \t").startswith("</") or not rest.strip():
        inner = value.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
        return "{`" + inner.replace("\r", "\\r").replace("\n", "\\n") + "`}"
    return written


def _value(path: str, values: Mapping[str, Mapping[str, Leaf]]) -> object:
    """Return the value at ``path`` (``EMAIL``, ``config.email``, ``config?.email``,
    ``config["email"]``, ``LINKS[0]``), or `_MISSING`."""
    path = path.strip()
    name = _NAME.match(path)
    if name is None:
        return _MISSING
    keys: list[str] = []
    at = name.end()
    while at < len(path):
        access = _ACCESS.match(path, at)
        if access is None:
            return _MISSING
        keys.append(next(part for part in access.groups() if part is not None))
        at = access.end()
    if any("." in key for key in keys):
        return _MISSING  # (``["a.b"]``: keys are joined with dots, and no value has a key with one)
    return values.get(name.group(0), {}).get(".".join(keys), _MISSING)
