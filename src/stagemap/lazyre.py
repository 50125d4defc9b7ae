"""Regular expressions compiled when first used, not when their module is imported.

Most of stagemap's patterns read one site generator's syntax (Liquid, Hugo's shortcodes, MDX,
kramdown, MkDocs' extensions...): a build of a stagemap library, or of one generator's site,
uses a few of them. Compiled at import, as ``re.compile`` does, they were most of the time the
imports took, on one core before the first file is read; each command paid it. `lazy` gives a
pattern that compiles on its first use and from then on is the compiled pattern's own methods.
It is not the compiled pattern itself: a match's ``re`` is that one, so a match is told apart by
its pattern's text (``found.re.pattern == _TAB.pattern``), never by identity.
"""

from __future__ import annotations

import re
from typing import Any, cast

_ATTRIBUTES = (
    "sub",
    "subn",
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "split",
    "flags",
    "groups",
    "groupindex",
)
"""What a compiled pattern offers that a lazy one hands on, once compiled."""

MADE: list[Any] = []
"""Every lazy pattern made, so that a test can compile them all (a mistake in one is found then,
not on the page that first uses it)."""


class _Lazy:
    """A pattern compiled on its first use: then the compiled pattern's attributes are set on
    the instance itself, so that every later use finds them at once."""

    def __init__(self, source: str, flags: int) -> None:
        self.pattern = source
        self._flags = flags

    def compiled(self) -> re.Pattern[str]:
        """Compile the pattern and take on its attributes (see the class docstring)."""
        made = re.compile(self.pattern, self._flags)
        for name in _ATTRIBUTES:
            setattr(self, name, getattr(made, name))
        return made

    def __getattr__(self, name: str) -> Any:
        # Called only for what the instance does not have yet: the first use of a method.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """Return the pattern ``re.compile(source, flags)`` would, compiled when first used."""
    made = _Lazy(source, flags)
    MADE.append(made)
    return cast(re.Pattern[str], made)
