"""Values an MDX page takes from a module of its project: ``import config from '../../config'``,
then ``{config.email}``.

SST's legal pages write their contact address so. When the module is a plain object literal in
the project (``export default { email: "x" }``, ``module.exports = {...}``, a ``const`` exported
by name as the default, a JSON file) and its value at the key is a string literal, the page here
shows that string as the live page does: in text, as an attribute's value (``href={config.x}``)
and in an attribute's template string (``href={`mailto:${config.email}`}``). Any other
expression is left to `stagemap.render.jsx`, whose placeholder names it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ..lazyre import lazy
from ..read.markdowntext import escaped, in_destination, plain_text
from ..read.tsconfigpaths import Alias, aliased
from .blocks import fence_after, hold_fences
from .jsstrings import js_string

_IMPORT = lazy(r"""^import\s+([A-Za-z_$][\w$]*)\s+from\s*(['"])([^'"?\n]+)\2""", re.M)
"""A default import of a module by its path: ``import config from '../../config.ts'``."""
_SCRIPT = (".ts", ".js", ".mjs", ".cjs", ".mts", ".cts", ".json")
"""The endings of a module whose object is read."""
_TRIED = (".ts", ".js", ".mjs", ".json", "/index.ts", "/index.js")
"""What is tried after a module named without its ending, in the order a bundler tries them."""
_MEMBER = lazy(r"\{[ \t]*[A-Za-z_$][\w$]*\??\.")
"""An expression reading a key of a value, as a page uses a module's: ``{config.email}``."""
_EXPORT = lazy(r"\bexport\s+default\s+|\bmodule\.exports\s*=\s*")
_NAME = lazy(r"[A-Za-z_$][\w$]*")
_DEEPEST = 8
"""How deep in nested objects values are read."""


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
) -> dict[str, tuple[str, ...]]:
    """Return the modules of its project that the MDX ``body`` (of the file at ``rel``) imports
    by default and uses in a ``{name.key}`` expression, by name: the paths the module may be at
    (relative to the project; ``@site/`` is ``site``), in the order they are tried."""
    if "import" not in body or _MEMBER.search(body) is None:
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for match in _IMPORT.finditer(hold_fences(body, {}, deep=True)):
        name, spec = match.group(1), match.group(3)
        if f"{{{name}." not in body and f"{{ {name}." not in body:
            continue
        tried: list[str] = []
        for path in import_paths(spec, rel, site, aliases):
            ending = posixpath.splitext(path)[1]
            if ending in _SCRIPT:
                tried.append(path)
            elif not ending or ending not in (".astro", ".jsx", ".tsx", ".md", ".mdx", ".vue", ".svelte"):
                tried += [path + ending for ending in _TRIED]
        if tried:
            found[name] = tuple(tried)
    return found


def module_values(
    body: str, rel: str, read: Callable[[str], str | None], site: str = "", aliases: tuple[Alias, ...] = ()
) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Yield each module `imported_modules` finds that can be read with ``read`` (a path in the
    project to its text, or None): its name in the page, its path, and its string values by
    key (``email``, ``npm.command``)."""
    for name, paths in imported_modules(body, rel, site, aliases).items():
        for path in paths:
            code = read(path)
            if code is not None:
                yield name, path, object_values(code, path.endswith(".json"))
                break


def object_values(code: str, json: bool = False) -> dict[str, str]:
    """Return the string literals of the object a module exports by default (``json``: the
    object the file is), by dotted key; empty when it exports no plain object."""
    start = code.lstrip()
    at = len(code) - len(start) if json and start.startswith("{") else -1
    export = None if json else _EXPORT.search(code)
    if export is not None:
        at = export.end()
        named = _NAME.match(code, at)
        if named is not None:  # ``const config = {...}; export default config``
            declared = re.search(
                rf"\b(?:const|let|var)\s+{re.escape(named.group(0))}\s*(?::[^=\n]{{0,200}})?=\s*(?=\{{)", code
            )
            at = declared.end() if declared is not None else -1
    found: dict[str, str] = {}
    if 0 <= at < len(code) and code[at] == "{":
        _object(code, at, "", found, 0)
    return found


def _object(code: str, at: int, prefix: str, found: dict[str, str], depth: int) -> int:
    """Read the object literal whose ``{`` is at ``at`` into ``found``; return where it ends."""
    at += 1
    while (at := _past_space(code, at)) < len(code):
        char = code[at]
        if char == "}":
            return at + 1
        if char == ",":
            at += 1
            continue
        key = _NAME.match(code, at)
        if char in "'\"":
            at, text = _string(code, at)
        elif key is not None:
            at, text = key.end(), key.group(0)
        else:  # a spread, a computed key: passed over
            at, text = _value_end(code, at), None
        at = _past_space(code, at)
        if text is None or not code.startswith(":", at):  # (a shorthand, a method)
            at = _value_end(code, at)
            continue
        at = _past_space(code, at + 1)
        if code.startswith("{", at) and depth < _DEEPEST:
            at = _object(code, at, f"{prefix}{text}.", found, depth + 1)
            continue
        end, value = _string(code, at) if code[at : at + 1] in "'\"`" else (at, None)
        if value is not None and code[_past_space(code, end) : _past_space(code, end) + 1] in ",}":
            found[prefix + text] = value
        at = _value_end(code, end)
    return len(code)


def _string(code: str, at: int) -> tuple[int, str | None]:
    """Read the string literal at ``at``: where it ends, and its text (None: a template string
    with a substitution, or a quoted string that does not end on its line). Its escapes are read
    as JavaScript reads them (`js_string`): ``\\u00e9``, ``\\x41``, a line continued."""
    quote, literal = code[at], True
    parts: list[str] = []
    i = at + 1
    while i < len(code):
        char = code[i]
        if char == quote:
            return i + 1, js_string("".join(parts)) if literal else None
        if char == "\\" and i + 1 < len(code):
            step = 3 if code.startswith("\r\n", i + 1) else 2  # (a line continued after a CR LF)
            parts.append(code[i : i + step])
            i += step
            continue
        if char == "\n" and quote != "`":
            return i, None
        if quote == "`" and code.startswith("${", i):  # read past the substitution's braces
            depth, literal, i = 0, False, i + 1
            while i < len(code):
                depth += {"{": 1, "}": -1}.get(code[i], 0)
                i += 1
                if not depth:
                    break
            continue
        parts.append(char)
        i += 1
    return i, None


def _past_space(code: str, at: int) -> int:
    """Return the index past the spaces and comments at ``at``."""
    while at < len(code):
        if code[at].isspace():
            at += 1
        elif code.startswith("//", at):
            end = code.find("\n", at)
            at = len(code) if end < 0 else end + 1
        elif code.startswith("/*", at):
            end = code.find("*/", at + 2)
            at = len(code) if end < 0 else end + 2
        else:
            break
    return at


def _value_end(code: str, at: int) -> int:
    """Return the index of the ``,`` or ``}`` that ends the value at ``at`` (its brackets, strings
    and comments passed over), or the end of the code."""
    depth = 0
    while at < len(code):
        char = code[at]
        if char in "'\"`":
            at = _string(code, at)[0]
            continue
        if code.startswith(("//", "/*"), at):
            at = _past_space(code, at)
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}" and depth:
            depth -= 1
        elif char in ",}":
            return at
        at += 1
    return at


def with_module_values(body: str, values: Mapping[str, Mapping[str, str]]) -> str:
    """Return an MDX ``body`` with each ``{name.key}`` whose module gives that key a string
    (``values``: by name, then key) as that string, outside code: text in text, an attribute's
    quoted value after ``=``, and a template string of known values after ``=`` as its text."""
    if not values:
        return body
    names = "|".join(map(re.escape, values))
    use = re.compile(
        rf"(=[ \t]*)?\{{[ \t]*(?:`((?:[^`$\\\n]|\$\{{[ \t]*(?:{names})(?:\??\.[A-Za-z_$][\w$]*)+[ \t]*\}})*)`"
        rf"|((?:{names})(?:\??\.[A-Za-z_$][\w$]*)+))[ \t]*\}}"
    )
    lines = body.split("\n")
    fence = ""
    for at, line in enumerate(lines):
        was, fence = fence, fence_after(fence, line, True)
        if not (was or fence) and "{" in line:
            lines[at] = _line_shown(use, line, values)
    return "\n".join(lines)


def _line_shown(use: re.Pattern[str], line: str, values: Mapping[str, Mapping[str, str]]) -> str:
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


_SUBSTITUTION = lazy(r"\$\{[ \t]*([^}\s]+)[ \t]*\}")


def _shown(found: re.Match[str], line: str, values: Mapping[str, Mapping[str, str]], in_code: bool) -> str:
    """Return what one use of a module's value shows (see `with_module_values`); as written when
    a value is not known, it is in a code span (``in_code``: an odd number of backticks before
    it) or a link's destination, or it is a template string in text. In text the value is plain
    text, as MDX inserts it: no character of it is read as Markdown."""
    start = found.start() + len(found.group(1) or "")
    if escaped(line, start) or in_code or in_destination(line, start):
        return found.group(0)  # (a link's destination is no text: MDX reads no expression there)
    if found.group(3) is not None:
        value = _value(found.group(3), values)
        if value is None:
            return found.group(0)
        if found.group(1) is None:
            return plain_text(value)
    elif found.group(1) is None:
        return found.group(0)
    else:
        parts = [_value(m.group(1), values) for m in _SUBSTITUTION.finditer(found.group(2))]
        if any(part is None or "`" in part for part in parts):
            return found.group(0)
        value = _SUBSTITUTION.sub(lambda m: _value(m.group(1), values) or "", found.group(2))
    quote = '"' if '"' not in value else "'"
    return found.group(0) if quote in value or "\n" in value else f"{found.group(1)}{quote}{value}{quote}"


def _value(path: str, values: Mapping[str, Mapping[str, str]]) -> str | None:
    """Return the string at ``path`` (``config.email``, ``config?.email``), or None."""
    name, _, key = path.replace("?.", ".").partition(".")
    return values.get(name, {}).get(key)
