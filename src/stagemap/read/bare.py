"""Pages read without front matter: a site that publishes a Markdown file as it is titles it
by its first heading, else by its name (see `ReadRules.bare_pages`)."""

from __future__ import annotations

import html
import re

from . import frontmatter, yamlsafe


def bare_page(data: bytes) -> tuple[frontmatter.Split, yamlsafe.Loaded]:
    """Return a file without front matter as one whose front matter is empty: all of it is body."""
    text, bom = frontmatter.decode(data)  # it decoded once already, or the split would have said
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    split = frontmatter.Split(text, bom, newline, 0, 0, 1, 0, 1, frontmatter.NONE)
    return split, yamlsafe.Loaded({}, {(): yamlsafe.Pos(1, 1, 0, 0)})


def first_heading(body: str) -> str | None:
    """Return the text of the body's first ``# `` heading (or, in a page written in HTML, its
    first ``<h1>``), the title a site shows when none is set."""
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip() or None
    lower = body.lower() if "<h" in body or "<H" in body else ""
    start = lower.find("<h1")
    while start >= 0 and lower[start + 3 : start + 4] not in (">", " ", "\t", "\n", "\r", "/"):
        start = lower.find("<h1", start + 3)  # <h1x> is another element
    opened = lower.find(">", start) if start >= 0 else -1
    end = lower.find("</h1", opened) if opened >= 0 else -1
    if end < 0:
        return None
    return " ".join(html.unescape(_TAG.sub("", body[opened + 1 : end])).split()) or None


_TAG = re.compile(r"<[^<>]*>")


def name_title(path: str) -> str:
    """Return the title a site gives a page by its name: ``getting-started`` is "Getting started".

    An ``index``, ``_index`` or ``README`` page is named after its folder.
    """
    parts = path.split("/")
    name = parts[-1]
    if name.lower() in ("index", "_index", "readme") and len(parts) > 1:
        name = parts[-2]
    words = " ".join(name.replace("_", " ").replace("-", " ").split()) or name
    return words[:1].upper() + words[1:]
