"""A Hugo site's own shortcode that shows a callout of fixed words, read from its template.

Linkerd's docs end many pages' introductions with ``{{< production-note >}}``: its template sets a
title and a text (``{{ $content := "Production users should..." | markdownify }}``) and hands
them to the site's alert partial (``{{ partial "components/alert" (dict "title" $title
"content" $content) }}``). Nothing in it depends on the page, so what the live page shows is
known: a callout with that title over that text. Such a template is read as text, never run: each
of its actions is either a variable set to a string (Go's ``"..."`` or raw `````...`````,
maybe through ``markdownify`` or ``RenderString``) or one call of a partial named for an
admonition, alert, callout or notice with a ``dict`` of strings, those variables (either maybe
through them, in parentheses), numbers and ``true``/``false``; its title is the dict's
``title`` (``heading``, ``header``), its text the dict's ``content`` (``body``, ``text``,
``message``). Any other action (``.Get``, ``if``, ``.Inner``), or text outside the actions,
leaves the template unknown: its shortcode stays a placeholder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..lazyre import lazy
from .blocks import quote

CALLOUT = "\0callout "
"""What a template of a callout of fixed words is known as (then its title and text, as JSON)."""
MOST_CALLOUT = 8_000
"""Characters of a template read at most."""
_STRING = r'"(?:[^"\\\n]|\\.){0,4000}"|`[^`]{0,4000}`'
_RENDERED = r"\s*\|\s*(?:markdownify|\$?\.Page\.RenderString|page\.RenderString)"
"""A string's pipe through Hugo's Markdown rendering."""
_ASSIGN = lazy(rf"\$(\w{{1,40}})\s*:?=\s*({_STRING})(?:{_RENDERED})?")
"""An action setting a variable to a string, maybe rendered as Markdown."""
_CALL = lazy(r"""partial\s+(["`])([\w./-]{1,200})\1\s*\(\s*dict\s+(.{0,8000})\)""", re.S)
"""An action calling a partial with a dict of arguments."""
_ARGUMENT = lazy(
    rf"\s*(?:({_STRING}|\$\w{{1,40}}|true|false|-?\d{{1,10}})|\(\s*({_STRING}|\$\w{{1,40}}){_RENDERED}\s*\))"
)
"""An argument of a dict: a string, a variable, a number, a boolean; a string or variable
rendered as Markdown, in parentheses (``($text | $.Page.RenderString)``)."""
_NAMED = lazy(r"admonition|alert|callout|notice", re.I)
_ESCAPED = lazy(r"\\(.)")
TITLES = ("title", "heading", "header")
TEXTS = ("content", "body", "text", "message")


def callout(template: str) -> str | None:
    """Return what a template showing a callout of fixed words is known as (`CALLOUT`, then its
    title and text as JSON), or None for any other template (see the module docstring)."""
    if ".Inner" in template or "partial" not in template or len(template) > MOST_CALLOUT:
        return None
    values: dict[str, str] = {}
    shown: dict[str, str] | None = None
    for between, action in _actions(template):
        if between.strip() or action is None:
            return None  # (HTML or words of its own, an action never closed: not known)
        if not action or (action.startswith("/*") and action.endswith("*/")):
            continue  # the end, or a comment
        assigned = _ASSIGN.fullmatch(action)
        if assigned is not None:
            values[assigned.group(1)] = _string(assigned.group(2))
            continue
        called = _CALL.fullmatch(action)
        if shown is not None or called is None or not _NAMED.search(called.group(2)):
            return None
        shown = _arguments(called.group(3), values)
        if shown is None:
            return None
    if shown is None:
        return None
    title = next((shown[k] for k in TITLES if shown.get(k, "").strip()), "")
    content = next((shown[k] for k in TEXTS if shown.get(k, "").strip()), "")
    return CALLOUT + json.dumps([title.strip(), content.strip()]) if content.strip() else None


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
    return quote(title, content, dedent=False)


def _arguments(text: str, values: dict[str, str]) -> dict[str, str] | None:
    """Return a dict's string arguments by key, or None when one is no string, variable of
    ``values`` (maybe rendered as Markdown), number or boolean."""
    tokens: list[str] = []
    at = 0
    while at < len(text.rstrip()):
        found = _ARGUMENT.match(text, at)
        if found is None:
            return None
        tokens.append(found.group(1) or found.group(2))
        at = found.end()
    if len(tokens) % 2:
        return None
    made: dict[str, str] = {}
    for key, value in zip(tokens[::2], tokens[1::2], strict=True):
        if key[0] not in '"`':
            return None
        if value.startswith("$") and value[1:] not in values:
            return None
        if value[0] in '"`$':
            made[_string(key).lower()] = values[value[1:]] if value.startswith("$") else _string(value)
    return made


def _string(literal: str) -> str:
    """Return what a Go string literal (``"..."`` with escapes, or raw ```...```) holds."""
    if literal.startswith("`"):
        return literal[1:-1]
    return _ESCAPED.sub(lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), literal[1:-1])
