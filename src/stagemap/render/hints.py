"""Which bodies may hold a generator's syntax to rewrite: most hold none, and the check is cheap."""

from __future__ import annotations

from ..lazyre import lazy

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
    "tab=",
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


_OTHER_SCHEME = lazy(r"\]\(\s*<?(?!(?:https?|mailto|tel|sms|ftp|ircs?):)[A-Za-z][A-Za-z0-9+.-]*:")
"""A link's address with a scheme a page may not link to (``vscode:``, ``javascript:``)."""


def worth_a_look(text: str, mdx: bool) -> bool:
    """Return False when ``text`` cannot hold anything to rewrite (most bodies; checked cheaply).

    ``mdx``: tags count too (MDX, or a site's raw HTML to be rewritten)."""
    if any(hint in text for hint in HINTS):
        return True
    if "](" in text and _OTHER_SCHEME.search(text):
        return True  # a link a page may not follow: its text alone (`stagemap.render.elements`)
    if not mdx:
        return False
    return "<" in text or any(text.startswith(w) or f"\n{w}" in text for w in ("import", "export"))
