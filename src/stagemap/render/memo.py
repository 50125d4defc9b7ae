"""The ``{% memo key, ... %}...{% endmemo %}`` tag: a fragment rendered once per build for each key.

Most of an asset page's frame is the same on thousands of pages: the header's navigation and
the footer's site map differ only by the folder the page sits in (its links are relative) and
by which link is the current page; the journey bar differs only by the asset's stages.
Rendering such a fragment once and reusing its text halves the cost of a page.

The key must name everything the fragment shows besides ``site``: a fragment is kept for one
``site`` value (one build: a new build, in ``serve`` too, starts afresh) and is looked up by
the template, the line of the tag and the values of the key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup


class Memo(Extension):
    """Render the body of ``{% memo %}`` once per key and ``site`` value, then reuse the text."""

    tags = {"memo"}  # noqa: RUF012 - the type Extension gives it

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        # Swapped as one value, so that threads rendering two builds never mix their fragments.
        self._kept: tuple[object, dict[Hashable, Markup | str]] = (None, {})

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        keys = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endmemo",), drop_needle=True)
        where = nodes.Const(f"{parser.name}:{lineno}")
        args = [nodes.ContextReference(), where, nodes.Tuple(keys, "load")]
        return nodes.CallBlock(self.call_method("_fragment", args), [], [], body).set_lineno(lineno)

    def _fragment(
        self, context: jinja2.runtime.Context, where: str, key: tuple[Any, ...], caller: Callable[[], Any]
    ) -> Markup | str:
        site = context.get("site")
        owner, kept = self._kept
        if owner is not site:
            kept = {}
            self._kept = (site, kept)
        found = kept.get((where, key))
        if found is None:
            found = kept[(where, key)] = caller()
        return found
