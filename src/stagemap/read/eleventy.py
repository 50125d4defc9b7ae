"""An Eleventy site's folders, read from its configuration (code never run: patterns).

Eleventy reads every template under its input folder (``dir.input``, the project's own by
default) but its includes, layouts and data folders (``_includes``, ``_data`` by default,
under the input folder), its output (``_site``), ``node_modules`` and what ``.eleventyignore``
names; a page is served at its path (``about/team.md`` at ``/about/team/``, an ``index`` file
at its folder's route) unless its ``permalink`` says otherwise. The folders are read from the
``dir`` object of the configuration's returned (or exported) settings and from Eleventy 3's
``setInputDirectory(...)`` and its kin; a folder the code works out is left at Eleventy's
default.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from .docusaurus import without_comments
from .eleventyenv import development_only, reached_locally
from .eleventyslug import slugged_as

CONFIG_FILES = (
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "eleventy.config.ts",
    ".eleventy.js",
)
"""The names Eleventy looks for its configuration under, first found wins."""
_DIR = lazy(r"""\bdir\s*:\s*\{((?:[^{}]|\$\{[^{}]*\})*)\}""")
"""The ``dir`` settings object (a template literal's ``${...}`` inside it allowed)."""
_FOLDER = lazy(r"""\b(input|includes|layouts|data|output)\s*:\s*(['"`])([^'"`\n$]*)\2""")
_SETTER = lazy(r"""\.set(Input|Includes|Layouts|Data|Output)Directory\(\s*(['"`])([^'"`\n$]*)\2\s*\)""")
"""Eleventy 3's way of naming a folder in the configuration function."""
_USUAL_EXCLUDES = ("node_modules/", "/README.md", "/package.json", "/package-lock.json")


@dataclass(frozen=True, slots=True)
class EleventyFolders:
    """Where an Eleventy site keeps what, relative to the site's folder (``/``-separated)."""

    input: str = "."
    includes: str = "_includes"
    """Relative to the input folder, as the configuration gives it."""
    layouts: str = ""
    """Relative to the input folder; empty: the includes folder holds the layouts too."""
    data: str = "_data"
    output: str = "_site"

    def excludes(self) -> tuple[str, ...]:
        """Globs (under the input folder) of what is not content: includes, layouts, data, output."""
        found = [self.includes, self.layouts, self.data]
        under = [posixpath.normpath(f).strip("/") for f in found if f]
        output = posixpath.relpath(posixpath.normpath(self.output), self.input)
        if not output.startswith(".."):
            under.append(output)
        return tuple(dict.fromkeys(f"/{f}/" for f in under if f and f != "." and not f.startswith("..")))


def eleventy_folders(code: str) -> EleventyFolders:
    """Return the folders the configuration ``code`` names in its ``dir`` settings, or with
    Eleventy 3's ``setInputDirectory("src")`` and its kin (which win), else the defaults."""
    plain_code = without_comments(code)
    found = _DIR.search(plain_code)
    named = {m.group(1): m.group(3) for m in _FOLDER.finditer(found.group(1))} if found else {}
    named.update((m.group(1).lower(), m.group(3)) for m in _SETTER.finditer(plain_code))
    plain = {
        k: posixpath.normpath(v.replace("\\", "/")).strip("/") or "." for k, v in named.items() if v.strip()
    }
    return EleventyFolders(
        plain.get("input", "."),
        plain.get("includes", "_includes"),
        plain.get("layouts", ""),
        plain.get("data", "_data"),
        plain.get("output", "_site"),
    )


def eleventy_source(root: Path, code: str, ours: tuple[str, ...]) -> tuple[str, str, tuple[str, ...]] | None:
    """Return the site's one source: its input folder, the URL pattern of its pages and what
    it leaves out (the folders above, ``.eleventyignore``'s lines and the paths the configuration
    adds to ``ignores``, the usual root files and,
    in the site's own folder, the folders ``ours`` stagemap writes to); None when the input
    folder is missing or outside the site."""
    folders = eleventy_folders(code)
    if folders.input.startswith("..") or not (root / folders.input).is_dir():
        return None
    ignored = []
    for at in dict.fromkeys((root / ".eleventyignore", root / folders.input / ".eleventyignore")):
        try:
            lines = at.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            entry = line.strip().removeprefix("./")
            if entry and not entry.startswith(("#", "!")):
                # Eleventy reads a line from the ignore file's own folder.
                ignored.append(_under(entry, folders.input) if at.parent == root else "/" + entry.lstrip("/"))
    plain = without_comments(code)
    local = development_only(plain) if "ignores" in code else []
    added = list(_IGNORES_ADD.finditer(plain)) if "ignores" in code else []
    # From the site's folder, as a line of its ignore file; not one a local run alone adds.
    entries = [m.group(2) for m in added if not reached_locally(local, m.start())] + webc_components(plain)
    for entry in (e.strip().removeprefix("./") for e in entries):
        if entry and not entry.startswith("!"):
            ignored.append(_under(entry, folders.input))
    usual = (*_USUAL_EXCLUDES, *(f"/{o}/" for o in ours)) if folders.input == "." else ("node_modules/",)
    excludes = (*folders.excludes(), *usual, *(i for i in ignored if i), *_unread_formats(code))
    return folders.input, "/{path}/", tuple(dict.fromkeys(excludes))


_FORMATS = lazy(
    r"""(?:\btemplateFormats\s*:|\.setTemplateFormats\()\s*(\[[^\]]{0,300}\]|(['"`])[^'"`\n]{0,200}\2)"""
)
"""The template formats a site reads (``templateFormats: ["md", "njk"]``, ``setTemplateFormats("md,njk")``)."""
_PAGE_FORMATS = ("md", "markdown", "html", "njk", "liquid")
"""The endings of pages stagemap reads on an Eleventy site (the preset's)."""


def _unread_formats(code: str) -> tuple[str, ...]:
    """Return globs of the page endings the configuration's template formats leave out (Eleventy
    reads no other file as a template: ``setTemplateFormats(["md", "njk"])`` leaves ``.liquid``
    and ``.html`` files as they are); none when it names none, or names them in code."""
    named = named_formats(without_comments(code))
    if not named or not named.isdisjoint({"*"}):
        return ()
    return tuple(
        f"*.{ending}"
        for ending in _PAGE_FORMATS
        if ending not in named and not (ending == "markdown" and "md" in named)
    )


_WEBC_PLUGIN = ("eleventy-plugin-webc", 'addTemplateFormats("webc")', "addTemplateFormats('webc')")
"""How a configuration makes pages of ``.webc`` files: the WebC plugin, which adds the format."""
_JS_TEMPLATES = (".11ty.js", ".11ty.cjs", ".11ty.mjs")
"""The endings of Eleventy's JavaScript templates (its ``11ty.js`` format, one of its defaults)."""


_COMPONENTS = lazy(r"""\bcomponents\s*:\s*(\[[^\]]{0,500}\]|(["'`])[^"'`\n]{1,300}\2)""")
"""The WebC plugin's ``components`` option: a glob, or a list of them."""
_QUOTED = lazy(r"""(["'`])([^"'`\n]{1,300})\1""")


def webc_components(plain: str) -> list[str]:
    """Return the globs of the WebC components of the configuration ``plain`` (its comments
    out), which the WebC plugin adds to Eleventy's ignores: its ``components`` option (a glob
    or a list), else the plugin's default ``_components/**/*.webc``; none without the plugin."""
    if "eleventy-plugin-webc" not in plain:
        return []
    found = _COMPONENTS.search(plain)
    if found is None:
        return ["_components/**/*.webc"]
    return [m.group(2) for m in _QUOTED.finditer(found.group(1))]


def unread_page_endings(code: str) -> tuple[str, ...]:
    """Return the endings of the templates the configuration ``code`` makes pages of that
    stagemap does not read: ``.webc`` where it adds the WebC plugin (which adds that format),
    and the JavaScript templates (``.11ty.js``) unless its template formats leave them out (``"*"``
    names none of them: Eleventy 3 drops it from the formats, keeping those plugins add)."""
    plain = without_comments(code)
    named = named_formats(plain)
    webc = any(name in plain for name in _WEBC_PLUGIN) or "webc" in (named or ())
    script = (
        named is None or "11ty.js" in named
    )  # ("*" names none: Eleventy 3 drops it, 2 knows none so named)
    return (".webc",) * webc + _JS_TEMPLATES * script


def named_formats(plain: str) -> set[str] | None:
    """Return the template formats the configuration's code ``plain`` (its comments out) names,
    lower case without a dot; None where it names none (Eleventy's defaults)."""
    found = _FORMATS.search(plain) if "emplateFormats" in plain else None
    if found is None:
        return None
    return {f.strip().lower().lstrip(".") for f in re.split(r"[\s,'\"`\[\]]+", found.group(1)) if f.strip()}


_IGNORES_ADD = lazy(r"""\.ignores\.add\(\s*(["'`])([^"'`\n]{1,300})\1\s*\)""")
"""A path the configuration leaves out of the build: ``eleventyConfig.ignores.add("src/drafts/")``
(read as the production build reads it: under a condition only a development run meets, not at
all, `stagemap.read.eleventyenv`; under any other, as written)."""


def _under(entry: str, folder: str) -> str:
    """Return an ignore line of the site's folder as a glob under the input ``folder`` ("" when
    it names nothing there); ``**/x`` is anywhere, in the input folder too."""
    plain = entry.lstrip("/")
    if folder == ".":
        return "/" + plain
    if plain.startswith(folder + "/"):
        return "/" + plain[len(folder) + 1 :]
    return plain if plain.startswith("**/") else ""


def published_outputs(root: Path, code: str, ours: tuple[str, ...]) -> tuple[str, ...]:
    """Return the folders of ``ours`` that Eleventy would publish: with the site's own folder as
    its input, every page in it that neither ``.eleventyignore`` nor ``.gitignore`` names (the
    latter unless the configuration turns that off) is built, the HTML stagemap writes too."""
    if eleventy_folders(code).input != ".":
        return ()
    files = (
        [".eleventyignore"]
        if "setUseGitIgnore(false)" in code.replace(" ", "")
        else [".eleventyignore", ".gitignore"]
    )
    named: set[str] = set()
    for name in files:
        try:
            lines = (root / name).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        named.update(line.strip().removeprefix("./").strip("/") for line in lines)
    return tuple(o for o in ours if o not in named)


MAX_PERMALINK = 1000
"""The longest permalink worked out (longer: not known), and below the most outputs in it."""
MAX_OUTPUTS = 20
_DATE_PREFIX = lazy(r"^\d{4}-\d{2}-\d{2}-")
_PAGE_PART = lazy(
    r"\{%-?\s*if\s+(?P<test>pagination\.pageNumber\b[^%]{0,100}?)\s*-?%\}"
    r"(?P<part>[^{]{0,300}(?:\{\{[^}]{0,200}\}\}[^{]{0,300})*?)\{%-?\s*endif\s*-?%\}"
)
"""A part of a pagination's permalink that depends on the page's number: ``{% if
pagination.pageNumber > 0 %}page/{{ pagination.pageNumber + 1 }}/{% endif %}``."""
_LATER = lazy(r"pagination\.pageNumber(?:\s*(?:>|!=)\s*0|\s*>=\s*1)?")
_FIRST = lazy(r"pagination\.pageNumber\s*(?:==\s*0|<\s*1|<=\s*0)")
_ESCAPED = "&<>\"'"
"""The characters Nunjucks escapes in an output."""


OWN_SLUG_KEY = "\0own-slug"
"""The key under which a page of an Eleventy site with a ``slugify`` or ``slug`` filter of its
own inherits ``True`` (`stagemap.read.sitepackages.OWN_SLUG`): no front matter can name it."""
LOOSE = "*"
"""Stands for a part of a route that is worked out from what is not known here (see `eleventy_permalink`)."""


def eleventy_permalink(
    permalink: str, fm: Mapping[str, Any], sub: str, loose: bool = False, page: int = 0
) -> str:
    """Return the route a templated ``permalink`` of the page at ``sub`` (its path under the
    input folder) gives, or "" when it uses anything but what can be known here: the page's
    ``page.fileSlug`` (its file's name, a leading date taken off; an ``index`` page's folder's),
    ``page.filePathStem`` (``/`` and its path without the ending), a text of its front matter
    (``title``), each maybe through ``slugify`` or ``slug`` (not where the site adds its own:
    `OWN_SLUG_KEY`). A tag (``{% if %}``) is never
    known, but for a pagination's ``{% if pagination.pageNumber ... %}...{% endif %}``: a
    page's permalink is its first page's, where that part is empty. With ``loose``, an output
    not known here stands as `LOOSE` in the route, rather than giving none: ``/blog/*/x/``
    (when its first and last parts are known; else none either); and the site's own slug filter
    is taken to make what Eleventy's does (as most such filters do, on plain titles): a route
    links reach the page by, never its public address. ``page``: the number of the page of a
    pagination (from 0) the route is that of: ``{{ pagination.pageNumber + 1 }}`` (Liquid's ``|
    plus: 1``) and the parts above are worked out for it (`stagemap.read.eleventypaged`)."""
    if len(permalink) > MAX_PERMALINK or permalink.count("{{") > MAX_OUTPUTS:
        return ""
    if "{%" in permalink:
        permalink = _PAGE_PART.sub(lambda found: _numbered_page(found, page), permalink)
        if "{%" in permalink:
            return ""
    known = True
    own = fm.get(OWN_SLUG_KEY) is True  # the site's own slug filter: what it makes is not known

    def value(inside: str) -> str:
        nonlocal known
        name, *filters = [part.strip() for part in inside.strip("-").split("|")]
        number = _NUMBER.fullmatch(name)
        if number is not None:  # a pagination's page number, maybe plus one
            plus = _PLUS.fullmatch(filters[0]) if filters else None
            filters = filters[1:] if plus is not None else filters
            found = _page_number(fm, int(number.group(1) or 0) + int(plus.group(1) if plus else 0))
        else:
            found = _page_value(name, fm, sub)
        slugged = any(f in ("slugify", "slug") for f in filters)
        mine = own and slugged and not loose
        if (
            found is not None
            and not slugged
            and not name.startswith("page.")
            and any(c in found for c in _ESCAPED)
        ):
            found = None  # (Nunjucks escapes it in the output; a slug filter takes it out first)
        made = slugged_as(found, filters) if found is not None and not mine else None
        if made is None:
            known = False
            return LOOSE
        return made

    route = each_output(permalink, value)
    if route is None or "{{" in route:  # an output never closed: not known either
        return ""
    if known:
        return route
    parts = [p for p in route.removesuffix("index.html").split("/") if p]
    return route if loose and parts and LOOSE not in (parts[0], parts[-1]) else ""


def each_output(text: str, made: Callable[[str], str]) -> str | None:
    """Return ``text`` with each output (``{{ ... }}``) the text ``made`` makes of what is inside
    it; None where one is never closed. (Found with `str.find`, in one pass: a pattern with a
    lazy middle took time growing with the square of the text on an output left open.)"""
    pieces: list[str] = []
    at = 0
    while (start := text.find("{{", at)) >= 0:
        end = text.find("}}", start + 2)
        if end < 0:
            return None
        pieces += [text[at:start], made(text[start + 2 : end])]
        at = end + 2
    return "".join(pieces) + text[at:]


def _numbered_page(found: re.Match[str], page: int) -> str:
    """Return what a part of a pagination's permalink (`_PAGE_PART`) is on its page ``page``
    (its first is 0): the part when the test holds for it, nothing when it does not; else the
    tag as it is (not known here)."""
    test = found.group("test").strip()
    if _LATER.fullmatch(test):
        return found.group("part") if page > 0 else ""
    if _FIRST.fullmatch(test):
        return "" if page > 0 else found.group("part")
    return found.group(0)


_NUMBER = lazy(r"pagination\.pageNumber(?:\s*\+\s*(\d{1,4}))?")
"""The number of a pagination's page, maybe plus a number (Nunjucks: ``pagination.pageNumber + 1``)."""
_PLUS = lazy(r"plus\s*:\s*(\d{1,4})")
"""Liquid's filter adding a number: ``pagination.pageNumber | plus: 1``."""


def _page_number(fm: Mapping[str, Any], plus: int) -> str | None:
    """Return the page's ``pagination.pageNumber`` in ``fm`` plus ``plus``, as a permalink shows
    it (`stagemap.read.eleventypaged` gives it); None where the page has none."""
    given = fm.get("pagination")
    at = given.get("pageNumber") if isinstance(given, Mapping) else None
    if not isinstance(at, int) or isinstance(at, bool):
        return None
    return str(at + plus)


def _page_value(name: str, fm: Mapping[str, Any], sub: str) -> str | None:
    """Return ``page.fileSlug``, ``page.filePathStem`` or a front matter text of the page at
    ``sub``, as Eleventy makes them: a leading date (``2020-01-05-``) is taken off the file's
    name, and off an ``index`` page's folder's, which is its slug. A value deeper in the page's
    data is named by its path (``item.name``, ``pagination.items[0]``), a whole number shown
    as one. (A text with a character Nunjucks escapes, ``&``, ``<``, a quote, is not known where
    no slug filter takes it out: `eleventy_permalink`.)"""
    stem = sub.rpartition(".")[0] if "." in sub.rpartition("/")[2] else sub
    folder, _, file = stem.rpartition("/")
    slug = _DATE_PREFIX.sub("", file)
    if name == "page.fileSlug":
        return _DATE_PREFIX.sub("", folder.rpartition("/")[2]) if file == "index" else slug
    if name == "page.filePathStem":
        return f"/{folder}/{slug}" if folder else f"/{slug}"
    value = fm.get(name) if name in fm else _at_path(fm, name)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    return value


_STEP = lazy(r"""\.?([A-Za-z_$][\w$]*)|\[(\d{1,6})\]|\[(["'])([^"'\]]{1,200})\3\]""")
"""One step of a path into a page's data: ``.name``, ``[0]``, ``["key"]``."""


def _at_path(data: Any, path: str) -> Any:
    """Return the value at ``path`` (``item.name``, ``pagination.items[0]``) in ``data``; None
    where there is none, or the path is not one."""
    at = 0
    while at < len(path):
        step = _STEP.match(path, at)
        if step is None or (at == 0 and path.startswith((".", "["))):
            return None
        name, index, _, key = step.group(1), step.group(2), step.group(3), step.group(4)
        if index is not None:
            data = data[int(index)] if isinstance(data, list) and int(index) < len(data) else None
        else:
            data = data.get(name if key is None else key) if isinstance(data, Mapping) else None
        at = step.end()
    return data
