"""Which bodies may hold a generator's syntax to rewrite: most hold none, and the check is cheap."""

from __future__ import annotations

HINTS = (
    "{",
    ":::",
    "!!!",
    "???",
    "///",
    "8<",
    "A>",
    "N>",
    "<!--",
    "\n: ",
    "markdown",
    "[^",
    "[!",
    '=== "',
    "title=",
    ":material-",
    ":octicons-",
    ":fontawesome-",
    ":simple-",
    "[ ] ",
    "[x] ",
    "[X] ",
    "#only-dark",
    "#gh-dark-mode-only",
    "$$",
)
"""Text holding none of these has nothing to rewrite (outside MDX, where ``<`` and ESM lines count too)."""


def worth_a_look(text: str, mdx: bool) -> bool:
    """Return False when ``text`` cannot hold anything to rewrite (most bodies; checked cheaply).

    ``mdx``: tags count too (MDX, or a site's raw HTML to be rewritten)."""
    if any(hint in text for hint in HINTS):
        return True
    if not mdx:
        return False
    return "<" in text or any(text.startswith(w) or f"\n{w}" in text for w in ("import", "export"))
