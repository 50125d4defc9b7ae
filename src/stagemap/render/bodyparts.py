"""The link reference definitions each part of a long body needs (see `stagemap.model.limits.parts`).

A definition holds anywhere in a body: a changelog's ``## [1.2.0]`` headings link to
definitions at its end. Rendered one by one, each part of a long body starts with the
definitions of the labels it names, written again from what the parser found
(`stagemap.read.blocks.definitions`).
"""

from __future__ import annotations

import re

from ..read.blocks import definitions, label_key

# What a link may name a definition by: the text in a pair of brackets.
_BRACKETED = re.compile(r"\[((?:[^\\\[\]]|\\.){1,999})\]")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def with_definitions(text: str, pieces: list[str], allow_html: bool) -> list[str]:
    """Return ``pieces`` (the parts of ``text``), each headed by the definitions of the labels it names."""
    found = definitions(text, allow_html) if "]:" in text else {}
    if not found:
        return pieces
    written = {label: _written(label, found[label]) for label in found}
    made = []
    for piece in pieces:
        named = {label_key(label) for label in _BRACKETED.findall(piece)}
        wanted = "".join(line for label, line in written.items() if label in named)
        made.append(wanted + "\n" + piece if wanted else piece)
    return made


def _written(label: str, found: dict[str, str]) -> str:
    """One definition's line: the label as keyed (labels match case-insensitively), the
    destination as the parser encoded it (no blanks, no ``<`` or ``\\`` left), in angle
    brackets only when it is empty or holds parentheses (the compiled renderer declines those
    bodies), the title with its punctuation escaped."""
    href = found["href"]
    destination = f"<{href}>" if not href or "(" in href or ")" in href else href
    title = _PUNCTUATION.sub(r"\\\1", found["title"])
    return f"[{label}]: {destination}" + (f' "{title}"' if title else "") + "\n"
