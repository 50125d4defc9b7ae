"""A Hugo site's own shortcode that shows a callout of fixed words, read from its template.

Linkerd's docs end many pages' introductions with ``{{< production-note >}}``: its template sets a
title and a text (``{{ $content := "Production users should..." | markdownify }}``) and hands
them to the site's alert partial (``{{ partial "components/alert" (dict "title" $title
"content" $content) }}``). Nothing in it depends on the page, so what the live page shows is
known: a callout with that title over that text. Such a template is read as text, never run: each
of its actions is either a variable set to a string (Go's ``"..."`` or raw `````...`````,
maybe through ``markdownify`` or ``RenderString``, its escapes read as Go reads them) or one
call of a partial named ``admonition``, ``alert``, ``callout`` or ``notice`` (its file's name,
in any folder: ``components/alert``, never ``cookie-notice``) with a ``dict`` of strings, those
variables (either maybe through them, in parentheses), numbers and ``true``/``false``; its title
is the dict's ``title`` (``heading``, ``header``), its text the dict's ``content`` (``body``,
``text``, ``message``). A string rendered through ``markdownify`` or ``RenderString`` is shown
as Markdown; one that is not is text, as Hugo's templates print it (``<b>`` and ``[a](b)`` as
written). Any other action (``.Get``, ``if``, ``.Inner``), or text outside the actions,
leaves the template unknown: its shortcode stays a placeholder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..lazyre import lazy
from .blocks import escape, quote

CALLOUT = "\0callout "
"""What a template of a callout of fixed words is known as (then its title and text, as JSON)."""
MOST_CALLOUT = 8_000
"""Characters of a template read at most."""
_STRING = r'"(?:[^"\\\n]|\\.){0,4000}"|`[^`]{0,4000}`'
_RENDERED = r"\s*\|\s*(?:markdownify|\$?\.Page\.RenderString|page\.RenderString)"
"""A string's pipe through Hugo's Markdown rendering."""
_ASSIGN = lazy(rf"\$(\w{{1,40}})\s*:?=\s*({_STRING})({_RENDERED})?")
"""An action setting a variable to a string, maybe rendered as Markdown."""
_CALL = lazy(r"""partial\s+(["`])([\w./-]{1,200})\1\s*\(\s*dict\s+(.{0,8000})\)""", re.S)
"""An action calling a partial with a dict of arguments."""
_ARGUMENT = lazy(
    rf"\s*(?:({_STRING}|\$\w{{1,40}}|true|false|-?\d{{1,10}})|\(\s*({_STRING}|\$\w{{1,40}}){_RENDERED}\s*\))"
)
"""An argument of a dict: a string, a variable, a number, a boolean; a string or variable
rendered as Markdown, in parentheses (``($text | $.Page.RenderString)``)."""
NAMES = frozenset({"admonition", "alert", "callout", "notice"})
"""The names of the partials read as a callout's (their file's name, without its ending)."""
_ESCAPED = lazy(r"\\(?:x[0-9a-fA-F]{2}|[0-7]{3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[abfnrtv\\\"])|\\")
"""An escape of a Go string literal, or a backslash starting none (the template is then not read)."""
_GO_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    '"': '"',
}
TITLES = ("title", "heading", "header")
TEXTS = ("content", "body", "text", "message")


def callout(template: str) -> str | None:
    """Return what a template showing a callout of fixed words is known as (`CALLOUT`, then its
    title and text as Markdown, in JSON), or None for any other template (see the module docstring)."""
    if ".Inner" in template or "partial" not in template or len(template) > MOST_CALLOUT:
        return None
    values: dict[str, tuple[str, bool]] = {}
    shown: dict[str, tuple[str, bool]] | None = None
    for between, action in _actions(template):
        if between.strip() or action is None:
            return None  # (HTML or words of its own, an action never closed: not known)
        if not action or (action.startswith("/*") and action.endswith("*/")):
            continue  # the end, or a comment
        assigned = _ASSIGN.fullmatch(action)
        value = _string(assigned.group(2)) if assigned is not None else None
        if assigned is not None and value is not None:
            values[assigned.group(1)] = (value, assigned.group(3) is not None)
            continue
        called = _CALL.fullmatch(action)
        if shown is not None or called is None or not _callout_partial(called.group(2)):
            return None
        shown = _arguments(called.group(3), values)
        if shown is None:
            return None
    if shown is None:
        return None
    title = next((shown[k] for k in TITLES if shown.get(k, ("", False))[0].strip()), ("", False))
    content = next((shown[k] for k in TEXTS if shown.get(k, ("", False))[0].strip()), ("", False))
    made = [text.strip() if markdown else escape(text.strip()) for text, markdown in (title, content)]
    return CALLOUT + json.dumps(made) if content[0].strip() else None


def _callout_partial(name: str) -> bool:
    """Whether the partial ``name`` (``components/alert``, ``alert.html``) is a callout's (`NAMES`)."""
    file = name.rpartition("/")[2]
    return (file.rpartition(".")[0] if file.endswith(".html") else file).lower() in NAMES


def _actions(template: str) -> Iterator[tuple[str, str | None]]:
    """Yield each action of ``template`` (what stands between ``{{`` and ``}}``, its trim marks
    and spaces taken off; None for one never closed) after the text before it; then the text
    after the last, with no action. Read with `str.find`: in time linear in the template."""
    at = 0
    while (start := template.find("{{", at)) >= 0:
        end = template.find("}}", start + 2)
        if end < 0:
            yield template[at:start], None
            return
        inner = template[start + 2 : end].removeprefix("-").removesuffix("-").strip()
        yield template[at:start], inner
        at = end + 2
    yield template[at:], ""


def shown_callout(made: str) -> str:
    """Return a callout `callout` knows (``made``) as Markdown: a block quote, its title in bold first."""
    title, content = json.loads(made.removeprefix(CALLOUT))
    return quote(title, content, markdown=True, dedent=False)


def _arguments(text: str, values: dict[str, tuple[str, bool]]) -> dict[str, tuple[str, bool]] | None:
    """Return a dict's string arguments by key, each with whether it is rendered as Markdown, or
    None when one is no string, variable of ``values``, number or boolean."""
    tokens: list[tuple[str, bool]] = []
    at = 0
    while at < len(text.rstrip()):
        found = _ARGUMENT.match(text, at)
        if found is None:
            return None
        tokens.append((found.group(1), False) if found.group(1) else (found.group(2), True))
        at = found.end()
    if len(tokens) % 2:
        return None
    made: dict[str, tuple[str, bool]] = {}
    for (key, _), (value, rendered) in zip(tokens[::2], tokens[1::2], strict=True):
        name = _string(key) if key[0] in '"`' else None
        if name is None or (value.startswith("$") and value[1:] not in values):
            return None
        if value.startswith("$"):
            made[name.lower()] = (values[value[1:]][0], values[value[1:]][1] or rendered)
        elif value[0] in '"`':
            string = _string(value)
            if string is None:
                return None
            made[name.lower()] = (string, rendered)
    return made


def _string(literal: str) -> str | None:
    """Return what a Go string literal holds: ``"..."`` with its escapes read as Go reads them
    (``\\x41``, ``\\101`` and ``\\u00e9`` alike, bytes making UTF-8 together), or a raw
    ```...``` as written (no carriage return); None for an escape Go does not know."""
    if literal.startswith("`"):
        return literal[1:-1].replace("\r", "")
    body, made, at = literal[1:-1], bytearray(), 0
    for found in _ESCAPED.finditer(body):
        made += body[at : found.start()].encode()
        at, escape_ = found.end(), found.group()
        kind, digits = escape_[1:2], escape_[2:]
        number = int(digits, 16) if kind in ("x", "u", "U") else int(escape_[1:], 8) if kind.isdigit() else -1
        if not kind or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF or (kind.isdigit() and number > 255):
            return None  # (no escape Go knows: the template does not run)
        if kind == "x" or kind.isdigit():
            made.append(number)  # one byte, as Go's ``\\x`` and octal escapes are
        else:
            made += (chr(number) if number >= 0 else _GO_ESCAPES[kind]).encode()
    made += body[at:].encode()
    return made.decode("utf-8", "replace")
