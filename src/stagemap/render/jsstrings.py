"""The text of a JavaScript string literal, as MDX and Astro pages write one in an attribute,
the file an attribute's expression names (`file_address`), and an attribute's value over
several lines as the live page uses it (`attribute_value`)."""

from __future__ import annotations

import re

from ..lazyre import lazy

_JS_ESCAPE = lazy(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|.)", re.S)
_JS_CHARS = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": "", "0": ""} | dict.fromkeys(
    ("\n", "\r", "\r\n", "\u2028", "\u2029"), ""
)
"""What an escape of a character stands for; of a line's end, nothing (the line is continued)."""


def _unescaped(found: re.Match[str]) -> str:
    """Return the character a JavaScript string's escape (``\\"``, ``\\n``, ``\\u00e9``) stands for."""
    code = found.group(1)
    if code[0] in "ux" and len(code) > 1:
        return chr(min(int(code.strip("ux{}"), 16), 0x10FFFF))
    return _JS_CHARS.get(code, code)


def js_string(raw: str) -> str:
    """Return the text of a JavaScript string literal's inside (``raw``, without its quotes): its
    escapes read, a pair of ``\\u`` escapes for one character made one, a lone half replaced."""
    text = _JS_ESCAPE.sub(_unescaped, raw)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


_ADDRESS_CALL = lazy(r"""(useBaseUrl|require)\(\s*(['"`])([^'"`$\n]+)\2\s*\)(?:\.default)?""")
"""Docusaurus's ways to name a file in an attribute: ``useBaseUrl('img/a.png')`` (a file of the
site's root, under its base URL) and ``require('./a.png').default`` (a file beside the page;
``@site/`` the site's folder, ``@site/static/`` the site's root)."""


def file_address(expression: str) -> str:
    """Return the address an attribute's ``{expression}`` names (see `_ADDRESS_CALL`), else the
    expression as written."""
    call = _ADDRESS_CALL.fullmatch(expression)
    if call is None:
        return expression
    path = call.group(3).strip()
    if call.group(1) == "require":  # the site's folder, its static folder served at the root
        return (
            "/" + path.removeprefix("@site/static/").removeprefix("@site/")
            if path.startswith("@site/")
            else path
        )
    return path if "://" in path else "/" + path.lstrip("/")


_LINK_KEYS = frozenset({"href", "to", "src", "url"})
_AFTER_BREAK = lazy(r"\n[ \t]*")
"""A line ending in an attribute's quoted value and the spaces after it: MDX takes those spaces
for the tag's own, not the value's (micromark-extension-mdx-jsx), and keeps the line ending."""


def attribute_value(key: str, value: str, html: bool) -> str:
    """Return an attribute's value that runs over several lines as the live page uses it: an
    address without its line endings and tabs (a browser's URL parser drops them; in MDX the
    spaces that start each next line are no part of the value either), any other value on one
    line, its runs of white space one space each, as the page shows the text (HTML's white
    space collapses); a title in bold or a link's text no longer ends at a line that Markdown
    would read as a heading, a list item or a blank line. HTML given as a string (Astro's
    ``set:html``, a ``<pre>`` in it perhaps) keeps its lines, as MDX gives them."""
    if key == "set:html":
        return value if html else _AFTER_BREAK.sub("\n", value)
    if key.lower() in _LINK_KEYS:
        value = value if html else _AFTER_BREAK.sub("", value)
        return value.replace("\n", "").replace("\r", "").replace("\t", "")
    return " ".join(value.split())
