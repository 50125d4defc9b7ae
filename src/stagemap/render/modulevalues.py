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
from typing import Any

from ..lazyre import lazy
from ..read.jsexports import exported_constants
from ..read.markdowntext import escaped, in_destination, plain_text
from ..read.tsconfigpaths import Alias, aliased
from .blocks import fence_after, hold_fences
from .mdxfences import unwrapped_mdx_blocks
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
_MOST_VALUES = 10_000
"""The most values read of one thing a page imports."""
Leaf = str | int | float | bool | None
"""A plain value a module gives: shown as JavaScript shows it (`_shown_as`)."""


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
    body: str, rel: str, site: str = "", aliases: tuple[Alias, ...] = ()
) -> dict[str, tuple[tuple[str, ...], str]]:
    """Return the modules of its project that the MDX ``body`` (of the file at ``rel``) imports
    and whose values it may show in an expression (``{name}``, ``{name.key}``), by the name the
    page gives each value: the paths the module may be at (relative to the project; ``@site/`` is
    ``site``), in the order they are tried, and what of it is imported (``default``, a name it
    exports, ``*`` for all of them). An import in an ``mdx-code-block`` fence counts, as
    Docusaurus reads the fence as MDX (elsewhere a page naming a value that only such a fence
    imports builds no page to compare with)."""
    if "import" not in body or _USED.search(body) is None:
        return {}
    found: dict[str, tuple[tuple[str, ...], str]] = {}
    code = unwrapped_mdx_blocks(body) if "mdx-code-block" in body else body
    for match in _IMPORT.finditer(hold_fences(code, {}, deep=True)):
        default, every, listed, spec = match.group(1), match.group(2), match.group(3), match.group(5)
        if default == "type":
            continue  # (TypeScript's types: no value)
        names = [(default, "default")] if default else []
        names += [(every, "*")] if every else []
        for item in filter(None, map(_ITEM.fullmatch, (listed or "").split(","))):
            names.append((item.group(2) or item.group(1), item.group(1)))
        names = [(name, what) for name, what in names if f"{{{name}" in body or f"{{ {name}" in body]
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
    body: str, rel: str, read: Callable[[str], str | None], site: str = "", aliases: tuple[Alias, ...] = ()
) -> Iterator[tuple[str, str, dict[str, Leaf]]]:
    """Yield each value `imported_modules` finds whose module can be read with ``read`` (a path
    in the project to its text, or None): its name in the page, its module's path, and its plain
    values by key (``""``: the value itself; ``email``, ``npm.command``, ``0`` in a list)."""
    for name, (paths, what) in imported_modules(body, rel, site, aliases).items():
        for path in paths:
            code = read(path)
            if code is not None:
                yield name, path, _imported(code, path.endswith(".json"), what)
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
            if depth < DEEPEST and len(out) < _MOST_VALUES:
                _leaves(item, f"{key}.{name}" if key else str(name), out, depth + 1)
    else:
        out[key] = value
    return out


def with_module_values(body: str, values: Mapping[str, Mapping[str, Leaf]]) -> str:
    """Return an MDX ``body`` with each ``{name}``, ``{name.key}`` or ``{name["key"]}`` whose
    module gives a plain value there (``values``: by name, then key) as JavaScript shows it,
    outside code: text in text, an attribute's quoted value after ``=``, and a template string
    of known values after ``=`` as its text. In an expression's template string over several
    lines (``<CodeBlock>{`...`}</CodeBlock>``) a ``${name}`` is its value, and ``{name}`` text."""
    if not values:
        return body
    expression = rf"(?:{'|'.join(map(re.escape, values))})(?![\w$]){_MEMBER}*"
    use = re.compile(
        rf"(=[ \t]*)?\{{[ \t]*(?:`((?:[^`$\\\n]|\$\{{[ \t]*{expression}[ \t]*\}})*)`|({expression}))[ \t]*\}}"
    )
    lines = body.split("\n")
    fence = ""
    inside = brace = False  # in an expression's template string; after a line ending in ``{``
    for at, line in enumerate(lines):
        was, fence = fence, fence_after(fence, line, True)
        if was or fence:
            continue
        begin = 0
        if not inside and brace and line.lstrip().startswith("`"):  # ``{`` then a backtick on the next line
            begin, inside = line.index("`") + 1, True
        if inside or "{" in line:
            lines[at], inside = _line_out(use, line, begin, inside, values)
        brace = not inside and line.rstrip().endswith("{")
    return "\n".join(lines)


_TEMPLATE = lazy(r"\{[ \t]*(?:[\w$.]+[ \t]*)?`")
"""A template string opening an expression (``{`...``, ``{dedent`...``)."""
_IN_TEMPLATE = lazy(r"\$\{([^{}`]*)\}")


def _line_out(
    use: re.Pattern[str], line: str, begin: int, inside: bool, values: Mapping[str, Mapping[str, Leaf]]
) -> tuple[str, bool]:
    """Return a ``line`` outside fenced code with the module values it uses shown, and whether an
    expression's template string is open after it (``inside``: from ``begin`` on; its text is
    `_in_template`, the rest `_line_shown`)."""
    head = ""
    if inside:
        close = _closing(line, begin)
        if close < 0:
            return line[:begin] + _in_template(line[begin:], values), True
        head, line = line[:begin] + _in_template(line[begin:close], values) + "`", line[close + 1 :]
    at = 0
    while (found := _TEMPLATE.search(line, at)) is not None:
        close = _closing(line, found.end())
        if close < 0:  # (one left open: the rest of the line is its text)
            return head + _line_shown(use, line[: found.end()], values) + _in_template(
                line[found.end() :], values
            ), True
        at = close + 1
    return head + _line_shown(use, line, values), False


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
        shown = _shown_as(_value(found.group(1), values), "template")
        if shown is None or escaped(text, found.start()) or any(c in shown for c in ("`", "\\", "${")):
            return found.group(0)
        return shown

    return _IN_TEMPLATE.sub(value, text) if "${" in text else text


def _line_shown(use: re.Pattern[str], line: str, values: Mapping[str, Mapping[str, Leaf]]) -> str:
    """Return a ``line`` outside code with each of its uses (``use``) of a module's value shown
    (`_shown`), the backticks before each counted once for the whole line."""
    out: list[str] = []
    end = ticks = 0
    for found in use.finditer(line):
        ticks += line.count("`", end, found.start())
        out += (line[end : found.start()], _shown(found, line, values, ticks % 2 == 1))
        ticks += found.group(0).count("`")
        end = found.end()
    return "".join(out) + line[end:] if out else line


_SUBSTITUTION = lazy(r"\$\{([^}]*)\}")


def _shown(found: re.Match[str], line: str, values: Mapping[str, Mapping[str, Leaf]], in_code: bool) -> str:
    """Return what one use of a module's value shows (see `with_module_values`); as written when
    a value is not known, or it is in a code span (``in_code``: an odd number of backticks before
    it) or a link's destination. In text the value (a template string's too) is plain text, as
    MDX inserts it: no character of it is read as Markdown."""
    start = found.start() + len(found.group(1) or "")
    if escaped(line, start) or in_code or in_destination(line, start):
        return found.group(0)  # (a link's destination is no text: MDX reads no expression there)
    if found.group(3) is not None:
        value = _shown_as(_value(found.group(3), values), "attribute" if found.group(1) else "text")
        if value is None:
            return found.group(0)
        if found.group(1) is None:
            return plain_text(value)
    elif found.group(1) is None and "${" not in found.group(2):
        return found.group(0)  # (a template string of text alone: `stagemap.render.jsx`'s)
    else:
        parts = [
            _shown_as(_value(m.group(1), values), "template") for m in _SUBSTITUTION.finditer(found.group(2))
        ]
        if any(part is None or "`" in part for part in parts):
            return found.group(0)
        value = _SUBSTITUTION.sub(
            lambda m: _shown_as(_value(m.group(1), values), "template") or "", found.group(2)
        )
        if found.group(1) is None:
            return plain_text(value)
    quote = '"' if '"' not in value else "'"
    return found.group(0) if quote in value or "\n" in value else f"{found.group(1)}{quote}{value}{quote}"


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
    return values.get(name.group(0), {}).get(".".join(keys), _MISSING)


def _shown_as(value: object, where: str) -> str | None:
    """Return the text JavaScript shows of a plain ``value`` ``where`` it is written (``text``:
    React shows nothing of ``true``, ``false``, ``null``; ``attribute``: they are no text;
    ``template``: their names), or None for one not known or not shown so."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        if where == "attribute":
            return None
        return "" if where == "text" else "null" if value is None else str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and abs(value) < 1e21:
        shown = str(int(value)) if value.is_integer() else repr(value)
        return None if "e" in shown else shown  # (JavaScript writes exponents its own way)
    return None
