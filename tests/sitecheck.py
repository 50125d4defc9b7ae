"""An internal link and anchor checker for a built site (used by the site tests)."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL = re.compile(r"^(https?|mailto|tel|sms|ftp|ircs?):", re.IGNORECASE)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.append(str(values["name"]))
        for key in ("href", "src"):
            if values.get(key) is not None:
                self.links.append((tag, str(values[key])))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def check_site(root: Path) -> list[str]:
    """Return every broken internal link, missing anchor, duplicate id or non-relative link."""
    problems: list[str] = []
    pages = {p.relative_to(root).as_posix(): parse(p) for p in sorted(root.rglob("*.html"))}
    for rel, page in pages.items():
        dupes = sorted({i for i in page.ids if page.ids.count(i) > 1})
        if dupes:
            problems.append(f"{rel}: duplicate ids {dupes}")
        for tag, link in page.links:
            if EXTERNAL.match(link):
                continue
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("/"):
                problems.append(f"{rel}: <{tag}> link is not relative: {link}")
                continue
            target = rel
            if parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            if target.startswith("../") or not (root / target).is_file():
                problems.append(f"{rel}: <{tag}> {link} leads to a missing file {target}")
                continue
            if parts.fragment:
                ids = pages[target].ids if target in pages else []
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{rel}: {link}: no id '{parts.fragment}' in {target}")
    return problems
