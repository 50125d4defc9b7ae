"""Link definitions whose target holds a template's output: worked out, or left out with the links that use them.

A site's Markdown may define a link's address with its generator's syntax, Liquid's
``[terms]: {{ site.terms_url }}`` or a Hugo shortcode's ``[kit]: https://x/{{< tag >}}/kit.tgz``.
Left as it is, such a definition is no definition to Markdown: it shows as a paragraph, and the
reference links that use it (``[terms][t]``) stay as written. Where the address can be worked
out here it is; else the definition is left out and the links that use it are their text alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lazyre import lazy

_REFERENCE = lazy(r"\[([^\[\]\n]+)\](?:\[([^\[\]\n]*)\]|(?![(:\[]))")
"""A reference link: ``[text][label]``, ``[label][]`` or ``[label]`` alone."""


def worked_definitions(text: str, holds: str, work: Callable[[str], str]) -> str:
    """Return ``text`` with each link definition whose target holds what the pattern ``holds``
    matches (a template's output, at most 500 characters of it) given the target ``work``
    makes of it, or, where that is "", left out, the links that use it their text alone."""
    definition = re.compile(
        rf"^ {{0,3}}\[([^\]\n]+)\]:[ \t]*<?([^\s<>]{{0,500}}{holds}[^\s<>]*)>?[ \t]*$", re.M
    )
    unknown: set[str] = set()

    def worked(match: re.Match[str]) -> str:
        target = work(match.group(2))
        if target:
            return match.group(0).replace(match.group(2), target, 1)
        unknown.add(" ".join(match.group(1).split()).casefold())
        return ""

    text = definition.sub(worked, text)
    if not unknown:
        return text

    return references_alone(text, unknown)


def references_alone(text: str, unknown: set[str]) -> str:
    """Return ``text`` with each reference link to a label of ``unknown`` (folded) its text alone."""

    def alone(match: re.Match[str]) -> str:
        label = match.group(2) if match.group(2) else match.group(1)
        return match.group(0) if " ".join(label.split()).casefold() not in unknown else match.group(1)

    return _REFERENCE.sub(alone, text) if unknown else text


def dropped_labels(before: str, after: str) -> set[str]:
    """Return the (folded) labels of the link definitions in ``before`` that ``after`` lacks:
    those left out because their target could not be worked out (`worked_definitions`), which
    links elsewhere on the page (past a fence) may use too."""
    if "]:" not in before:
        return set()
    labels = (found.group(1) for found in _DEFINITION.finditer(before))
    had = {" ".join(label.split()).casefold() for label in labels}
    return had - {" ".join(found.group(1).split()).casefold() for found in _DEFINITION.finditer(after)}


_DEFINITION = lazy(r"^ {0,3}\[([^\]\n]+)\]:", re.M)
"""A link definition's label."""
