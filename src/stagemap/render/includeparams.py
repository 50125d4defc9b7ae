"""What a Jekyll ``{% include %}`` passes, and the included file's uses of it (``{{ include.title }}``).

The parameters are read as Jekyll's include tag reads them (its ``VALID_SYNTAX``): a name of
word characters and hyphens (``data-id``), ``=``, then a quoted text (``title="Plans"``,
``width='50%'``, a quote inside escaped with a backslash) or a variable (``[\\w.-]+``), which
Liquid looks up: a number, ``true``, ``false`` and ``nil`` are known, and so is
``include.x``, the outer include's parameter; any other (``members=site.data.team``) is not.
Parameters that do not all read so make Jekyll's build fail: the include stays a placeholder.
An include that passes nothing leaves the outer include's ``include`` as it is (Jekyll sets
``include`` only when the tag has parameters, and Liquid looks a name up through the outer
scopes): a file included from an include sees the outer include's parameters.

In the included file, outside ``{% raw %}``, an output of a parameter shows its value (nothing
for one not passed: nil), through ``default``, ``upcase``, ``downcase``, ``capitalize`` and
``strip`` too, and ``relative_url`` and ``absolute_url`` are left to the page's reading
(`stagemap.render.liquid`); with another filter, or a value not known, it stays as the file
writes it. In a tag (``{% if include.badge %}``), a parameter is written as its value
(``"New"``, ``nil``) for the page's reading of conditions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ..lazyre import lazy
from ..read.liquidspans import raw_spans

Value = tuple[str, str | None]
"""A parameter's value: as an output shows it, and as Liquid code writes it (``"Plans"``,
``3``, ``nil``; None: a text no Liquid literal writes, both quotes in it)."""
Params = dict[str, Value | None]
"""An include's parameters by name; None: given a value not known here. One not there is nil."""
NIL: Value = ("", "nil")

_ONE = r"""([\w-]++)\s*+=\s*+(?:"([^"\\]*+(?:\\.[^"\\]*+)*+)"|'([^'\\]*+(?:\\.[^'\\]*+)*+)'|([\w.-]++))"""
_PARAM = lazy(_ONE)
"""A parameter, as Jekyll's ``VALID_SYNTAX`` reads it (each part read one way only)."""
_PARAMS = lazy(rf"\s*+(?:{_ONE}(?=\s|\Z)\s*+)*+")
"""Parameters as Jekyll accepts them: each one, blanks between them (``FULL_VALID_SYNTAX``)."""
_NUMBER = lazy(r"-?\d{1,30}")
_IN_LIQUID = lazy(r"\{\{[^{}]{0,500}\}\}|\{%[^{}%]{0,500}%\}")
"""An output or a tag of the included file (within 500 characters: each is read once)."""
_OUTPUT = lazy(
    r"""\{\{-?\s*+include\.([\w-]++)\s*+((?:\|\s*+\w++\s*+(?::\s*+(?:"[^"]*+"|'[^']*+'|[\w.-]++)\s*+)?+)*+)-?\}\}"""
)
"""An output of a parameter, its filters after it: ``{{ include.title | default: "Untitled" }}``."""
_FILTER = lazy(r"""\|\s*+(\w++)\s*+(?::\s*+(?:"([^"]*+)"|'([^']*+)'|([\w.-]++)))?+""")
_USE = lazy(r"(?<![\w.-])include\.([\w-]++)")
"""A parameter named in a tag: ``{% if include.width %}``."""
_TEXT_FILTERS: dict[str, Callable[[str], str]] = {
    "upcase": str.upper,
    "downcase": str.lower,
    "capitalize": str.capitalize,
    "strip": str.strip,
}
_PATH_FILTERS = ("relative_url", "absolute_url")


class _TooLong(Exception):
    """The file with its parameters would be longer than it may be."""


def params(markup: str, outer: Params) -> Params | None:
    """Return what an include passes (``markup``: what follows its file's name, whitespace
    control included), ``outer``'s parameters when it passes nothing; None when Jekyll refuses
    them (see the module docstring)."""
    markup = markup.strip()
    markup = markup[:-1].strip() if markup.endswith("-") else markup
    if not markup:
        return outer
    if _PARAMS.fullmatch(markup) is None:
        return None
    given: Params = {}
    for found in _PARAM.finditer(markup):
        name, double, single, variable = found.groups()
        if double is not None or single is not None:
            given[name] = _text(
                double.replace('\\"', '"') if double is not None else single.replace("\\'", "'")
            )
        else:
            given[name] = _variable(variable, outer)
    return given


def _text(text: str) -> Value:
    quoted = "'" + text + "'" if '"' in text else '"' + text + '"'
    return text, None if '"' in text and "'" in text else quoted


def _variable(name: str, outer: Params) -> Value | None:
    if name in ("true", "false"):
        return name, name
    if name in ("nil", "null"):
        return NIL
    if _NUMBER.fullmatch(name):
        return str(int(name)), str(int(name))
    if name.startswith("include.") and "." not in name[8:]:
        return outer.get(name[8:], NIL)
    return None


def passed(text: str, given: Params, limit: int) -> str | None:
    """Return an included file's ``text`` with what the include passes (``given``) in place of
    its uses of ``include.x`` (see the module docstring); None when that is longer than
    ``limit`` characters (worked out no further than that)."""
    if "include." not in text or len(text) > limit:
        return text if len(text) <= limit else None
    raw = raw_spans(text) if "raw" in text else []  # (in order, apart from one another)
    starts, grown = [start for start, _ in raw], [len(text)]

    def liquid(code: re.Match[str]) -> str:
        written, before = code.group(0), bisect.bisect_right(starts, code.start())
        if before and code.start() < raw[before - 1][1]:  # in a raw block: as written
            return written
        output = _OUTPUT.fullmatch(written)
        made = _output(output, given) if output else _USE.sub(lambda use: _in_tag(use, given), written)
        grown[0] += len(made) - len(written)
        if grown[0] > limit:
            raise _TooLong
        return made

    try:
        made = _IN_LIQUID.sub(liquid, text)
    except _TooLong:
        return None
    return made if len(made) <= limit else None


def _in_tag(use: re.Match[str], given: Params) -> str:
    value = given.get(use.group(1), NIL)
    return use.group(0) if value is None or value[1] is None else value[1]


def _output(output: re.Match[str], given: Params) -> str:
    """An output of a parameter as it shows, or as written where that is not known here."""
    value = given.get(output.group(1), NIL)
    filters = list(_FILTER.finditer(output.group(2)))
    while value is not None and filters:
        name, double, single, variable = filters[0].groups()
        if name == "default":
            if value[1] in ("nil", "false", '""', "''"):  # Liquid's default: for nil, false, empty
                quoted = double if double is not None else single
                if quoted is not None:
                    value = _text(quoted)
                else:  # (a variable: the file's own parameter is known; a filter with nothing, not)
                    value = None if variable is None else _variable(variable, given)
        elif name in _TEXT_FILTERS:
            value = _text(_TEXT_FILTERS[name](value[0]))
        else:
            break
        filters.pop(0)
    if value is None:
        return output.group(0)
    if not filters:
        return value[0]
    if (
        value[1] is None
        or value[1] in ("nil", "false", "true")
        or any(f.group(1) not in _PATH_FILTERS for f in filters)
    ):
        return output.group(0)
    return "{{ " + value[1] + " " + " ".join(f.group(0).strip() for f in filters) + " }}"
