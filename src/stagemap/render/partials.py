"""MDX's reusable content: a page that imports another Markdown file and shows it as a component.

Docusaurus (and Astro, Gatsby) pages may say ``import NeedHelp from '@site/docs/_need-help.mdx'``
and then ``<NeedHelp />`` on a line of its own: the live site shows that file's content there.
So does the page here: the file is read (a path relative to the page's file, or ``@site/``
for the site's root: the project's folder, or its ``site_root``; on an Astro site, an alias of
its ``tsconfig.json``, `stagemap.read.tsconfigpaths`; a package or another alias is not a file to read),
its front matter left out, and its own imports shown the same way, up to `MAX_DEPTH` files
deep and never a file inside itself. A component used within a line, or given children,
is left to the MDX reading (`stagemap.render.jsx`), as is one whose file cannot be read.
What the component gives as text (``<Where section="colours" />``) fills the file's
``{props.section}`` outside its code (`with_props`). The paths a partial writes name files from
its own folder, as its site compiles it: written from the page's (`stagemap.render.partiallinks`).

A file is read only from inside the project (a link leading out of it is not followed), up
to `MAX_PARTIAL` bytes, once per content (keyed by its size, times and inode). What a
page shows of its partials is part of its key (`stagemap.write.depends`): editing a partial
re-renders the pages that show it.
"""

from __future__ import annotations

import collections
import functools
import os
import posixpath
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..model.library import Asset
from ..model.settings import Config, ReadRules
from ..paths import real_inside
from ..read.frontmatter import SplitProblem, split
from ..read.markdowntext import lf
from ..read.tsconfigpaths import Alias, site_aliases
from . import codeincludes, includes, mkdocsincludes
from .blocks import hold_fences, put_fences_back
from .hugolookup import Front
from .jsx import MDX_COMMENT
from .modulevalues import import_path, module_values, with_module_values
from .ownshortcodes import file_shown, known_outputs, page_templates, used_names
from .partiallinks import rebase

MAX_DEPTH = 4
"""How many files deep partials are shown (a partial's partial's ...)."""
MAX_PARTIAL = 256 * 1024
"""The largest partial read, in bytes."""
MAX_SHOWN = 512 * 1024
"""The most characters of partials one file shows (past it a component is a placeholder)."""

_IMPORTS = lazy(r"^import\s[^\n]*(?:\n(?![ \t]*(?:\n|$))[^\n]*)*", re.M)
"""A block of imports: one, or several after one another (``import A from './_a.md'; import B
from './_b.md';``), up to a blank line as MDX's blocks of imports end, so that a statement
Prettier wrapped onto the next line (``import`` at a line's end, its name on the next) is whole."""
_STATEMENT_END = lazy(r";|\n(?=[ \t]*(?:import|export)\b)")
"""Where a statement of a block of imports ends: at a ``;``, or a line starting another one."""
_IMPORT = lazy(r"""import\s+([A-Z_$][\w$]*)\s+from\s+(['"])([^'"\n]+?\.mdx?)\2""")
"""One import of a Markdown file, a statement of such a line."""
# A component on a line of its own, without children: ``<NeedHelp />``, ``  <Note kind="x"/>``.
_USE = lazy(r"""^([ \t>]*)<([A-Z_$][\w$]*)(?:\s[^<>]*)?/>[ \t]*\r?$""", re.M)
"""A component used on a line of its own (``<Intro />``, its props and all); what stands between
its name and ``/>`` is taken in one pass, not a run of spaces tried at each of its places."""


def applies(rel: str, rules: ReadRules, body: str) -> bool:
    """Whether the file at ``rel`` may show partials: MDX (``rules.mdx``: a Docusaurus site reads
    ``.md`` as MDX too) that imports something, or a page of a Hugo site with an include
    shortcode (`stagemap.render.includes`), or of an MkDocs site with a snippet."""
    if rules.generator == "hugo":
        return includes.uses(body) or bool(used_names(body))
    if rules.generator == "mkdocs":
        return includes.snippets_in(body) or mkdocsincludes.may_include(rules, body)
    if rules.generator == "jekyll":  # an include (`stagemap.render.codeincludes`)
        return codeincludes.includes_in(body)
    return rel.lower().endswith(rules.mdx) and "import" in body


def inline_for(config: Config, rel: str, body: str, front: Front = None) -> str:
    """Return the body of the file at ``rel`` with what it shows of other files in their place,
    as its site shows them: MDX partials (`inline`), a Hugo site's includes, an MkDocs site's
    snippets, a Jekyll site's includes. ``front``: the page's front matter (Hugo's ``type``)."""
    if config.rules.generator in ("hugo", "mkdocs"):
        hugo = config.rules.generator == "hugo"
        made = _files_of_own_shortcodes(config, rel, body, front, missing=False)
        made = _snippets(config, rel, made, front)
        return includes.inline(made, rel, *_hugo(config, rel), hugo=hugo)
    if config.rules.generator == "jekyll":
        read = codeincludes.confined(config.root, config.rules.site_root, partial_body)
        return codeincludes.shown_in_page(body, config.rules.site_root, read, front)
    return inline(
        body, rel, config.root, config.rules.site_root, site_aliases(config), config.rules.generator
    )


def shown_for(config: Config, rel: str, body: str, front: Front = None) -> Iterator[tuple[str, str | None]]:
    """Yield each file `inline_for` may show in ``body`` (see `shown`), and on a Hugo site the
    templates of its own shortcodes that the body and its includes use. For a page's key."""
    if config.rules.generator == "hugo":
        made = _files_of_own_shortcodes(config, rel, body, front, missing=True)
        found = list(includes.shown(made, rel, *_hugo(config, rel)))
        templates = page_templates(config, rel, front)
        names = used_names("\n".join([body, *(text for _, text in found if text is not None)]))
        paths = dict.fromkeys(templates[n.lower()] for n in names if n.lower() in templates)
        return iter([*found, *((p, partial_body(config.root, p, raw=True)) for p in paths)])
    if config.rules.generator in ("hugo", "mkdocs"):
        return includes.shown(_snippets(config, rel, body, front), rel, *_hugo(config, rel))
    if config.rules.generator == "jekyll":
        read = codeincludes.confined(config.root, config.rules.site_root, partial_body)
        return codeincludes.files_in_page(body, config.rules.site_root, read, front)
    return shown(body, rel, config.root, config.rules.site_root, site_aliases(config), config.rules.generator)


def own_shortcodes(
    config: Config, rel: str, body: str, site: Mapping[str, Any] | None, front: Front = None
) -> dict[str, str]:
    """Return the outputs of the Hugo site's own shortcodes ``body`` (of the page at ``rel``, of
    front matter ``front``) uses that are known here (`stagemap.render.ownshortcodes`), by name in lower
    case; ``site``: the site's params."""
    names = used_names(body) if config.rules.generator == "hugo" else []
    templates = page_templates(config, rel, front) if names else {}
    if not templates:
        return {}
    return known_outputs(names, templates, lambda p: partial_body(config.root, p, raw=True), site or {})


_OWN_LINE = lazy(r"^([ \t>]*+)\{\{[<%][ \t]*+([\w.-]{1,100}+)[ \t]*+(?:/[ \t]*+)?[>%]\}\}[ \t]*+\r?$", re.M)
"""A shortcode without arguments on a line of its own (``{{< why-us >}}``), what stands before it.
Each part is read one way only: a line of spaces that never closes costs its length."""


def _files_of_own_shortcodes(config: Config, rel: str, body: str, front: Front, *, missing: bool) -> str:
    """Return a Hugo page's body with each of the site's own shortcodes whose template shows one
    file (`file_shown`: gRPC's ``why-grpc``), used without arguments on a line of its own outside
    fenced code, written as a ``readfile`` of that file from the site's folder, which
    `includes.inline` shows (its template read as text, never run). ``missing``: also where the
    file is not there (for the page's key, so that the file's coming makes the page again); else
    the shortcode stays, shown as its own placeholder."""
    names = used_names(body) if config.rules.generator == "hugo" else []
    templates = page_templates(config, rel, front) if names else {}
    shows = {
        n.lower(): path
        for n in names
        if (t := templates.get(n.lower())) and (b := partial_body(config.root, t, raw=True))
        if (path := file_shown(b)) is not None
    }
    if not missing and shows:
        content, site, _, exists = _hugo(config, rel)
        shows = {
            name: path
            for name, path in shows.items()
            if any(exists(posixpath.join(folder, path.lstrip("/"))) for folder in (site, content))
        }
    if not shows:
        return body

    def swap(match: re.Match[str]) -> str:
        path = shows.get(match.group(2).lower())
        return (
            match.group()
            if path is None
            else f'{match.group(1)}{{{{% readfile file="/{path.lstrip("/")}" %}}}}'
        )

    held: dict[str, str] = {}
    text = hold_fences(lf(body), held)
    made = _OWN_LINE.sub(swap, text)
    return body if made == text else put_fences_back(made, held)


def _snippets(config: Config, rel: str, body: str, front: Front = None) -> str:
    """Return an MkDocs page's body with its snippets and its plugins' include tags as includes."""
    if config.rules.generator != "mkdocs":
        return body
    (docs, site, _, exists), jinja = _hugo(config, rel), mkdocsincludes.macros_run(config.rules, rel, front)
    return mkdocsincludes.site_tags(
        includes.snippets_as_includes(body, site, exists, jinja), rel, docs, exists, config.rules, front
    )


def files_shown(config: Config, assets: Iterable[Asset]) -> tuple[str, ...]:
    """Return the files (relative to the project, sorted) that the pages of ``assets`` show of
    other files, or would when they are made (a ``readfile`` not there yet): a build that
    skips its work when nothing changed, and the preview's watch, look at them too."""
    shown = {
        path
        for asset in assets
        if applies(asset.path, config.rules, asset.body)
        for path, _ in shown_for(config, asset.path, asset.body, asset.extra)
    }
    return tuple(sorted(shown))


def _hugo(config: Config, rel: str) -> tuple[str, str, includes.Read, Callable[[str], bool]]:
    """What `includes` needs for the file at ``rel``: the content folder holding it (the longest
    source folder that does), the site's folder, how to read a file and whether one exists (on
    an MkDocs site, a file's own include-markdown tags are read as includes too)."""
    root = config.root
    content = ""
    for source in config.all_sources:
        try:
            folder = source.path.relative_to(root).as_posix()
        except ValueError:
            continue
        folder = "" if folder == "." else folder
        if (not folder or rel.startswith(folder + "/")) and len(folder) >= len(content):
            content = folder

    written: dict[str, str] = {}  # each file's tags, written as includes once

    def read(path: str, raw: bool) -> str | None:
        got = partial_body(root, path, raw)
        if got is None or raw or not config.rules.include_markdown:
            return got
        if path not in written:  # the plugin reads on in what it includes
            written[path] = mkdocsincludes.as_includes(got, path, content, exists)
        return written[path]

    def exists(path: str) -> bool:
        return os.path.isfile(os.path.join(root, path))

    return content, config.rules.site_root, read, exists


def imported(
    body: str, rel: str, site: str = "", aliases: tuple[Alias, ...] = (), root: Path | None = None
) -> dict[str, str]:
    """Return the Markdown files ``body`` (of the file at ``rel`` in the project) imports, by
    component name, each as a path in the project (``@site/`` is ``site``, the site's folder in
    it; empty: the project's own; ``aliases``: an Astro site's, in ``root``); one that is no file in it is left out."""
    found: dict[str, str] = {}
    statements = (part.strip() for block in _IMPORTS.findall(body) for part in _STATEMENT_END.split(block))
    for match in filter(None, map(_IMPORT.fullmatch, statements)):
        spec = match.group(3).replace("\\_", "_")  # an escaped '_' in a .md file's import
        if (path := import_path(spec, rel, site, aliases, root)) is not None:
            found[match.group(1)] = path
    return found


def inline(
    body: str, rel: str, root: Path, site: str = "", aliases: tuple[Alias, ...] = (), generator: str = ""
) -> str:
    """Return ``body`` with each component it imports from a Markdown file, used on a line of its own,
    replaced by that file's body (see the module docstring), and the values it shows of a module of the
    project as the ``generator`` shows them (`.modulevalues`); fenced code and MDX comments stay."""
    read = functools.partial(partial_body, root, raw=True)
    values = {name: got for name, _, got in module_values(body, rel, read, site, aliases, generator) if got}
    return _inline(with_module_values(body, values, generator), rel, root, (site, aliases), (rel,), {})


def shown(
    body: str, rel: str, root: Path, site: str = "", aliases: tuple[Alias, ...] = (), generator: str = ""
) -> Iterator[tuple[str, str | None]]:
    """Yield each partial ``inline`` may show in ``body``, however deep, once: its path, and its body
    (None when it cannot be read); first each module whose values it shows, and its text. For a page's key."""
    read = functools.partial(partial_body, root, raw=True)
    given = module_values(body, rel, read, site, aliases, generator)
    modules = {path: text for path in dict.fromkeys(p for _, p, _ in given) if (text := read(path))}
    yield from modules.items()  # (its values shown: `inline`)
    seen = {rel, *modules}
    todo = collections.deque([(body, rel, 1)])
    while todo:
        text, at, depth = todo.popleft()  # breadth first: each file met at its least depth
        if depth > MAX_DEPTH:
            continue
        for path in _uses(text, at, site, aliases, root).values():
            if path not in seen:
                seen.add(path)
                found = partial_body(root, path)
                yield path, found
                if found is not None:
                    todo.append((found, path, depth + 1))


def _uses(body: str, rel: str, site: str, aliases: tuple[Alias, ...], root: Path) -> dict[str, str]:
    """The partials ``body`` uses on lines of their own, outside code and comments, by name."""
    if "import" not in body:
        return {}
    text = hold_fences(lf(body), {})
    names = imported(MDX_COMMENT.sub("", text), rel, site, aliases, root)
    if not names:
        return {}
    used = {m.group(2) for m in _USE.finditer(MDX_COMMENT.sub("", text))}
    return {name: path for name, path in names.items() if name in used}


_Site = tuple[str, tuple[Alias, ...]]  # (the site's folder in the project, and its import aliases)


def _inline(
    body: str, rel: str, root: Path, site: _Site, seen: tuple[str, ...], made: dict[str, str | None]
) -> str:
    """`inline` at ``seen`` (the files it is in), ``site``: the site's folder and aliases,
    ``made``: each partial's text as shown already (a partial used twice is made once). Each
    file shows at most `MAX_SHOWN` characters of partials, so what a page shows stays bounded
    however they nest."""
    if len(seen) > MAX_DEPTH or "import" not in body:
        return body
    held: dict[str, str] = {}
    text = hold_fences(lf(body), held)
    names = imported(MDX_COMMENT.sub("", text), rel, *site, root)
    if not names:
        return body
    comments = [m.span() for m in MDX_COMMENT.finditer(text)]
    room = [MAX_SHOWN]

    def replace(match: re.Match[str]) -> str:
        path = names.get(match.group(2))
        if path is None or path in seen or any(a <= match.start() < b for a, b in comments):
            return match.group()
        # What a partial shows depends on the files it stands in (how deep, and which).
        key = "\0".join((path, *seen))
        if key not in made:
            found = partial_body(root, path)
            shown = None if found is None else _inline(found, path, root, site, (*seen, path), made)
            made[key] = None if shown is None else rebase(shown, path, rel)  # its file paths from here
        shown = made[key]
        if shown is not None and "{props." in shown:
            shown = with_props(shown, match.group(0))
        if shown is None or len(shown) > room[0]:
            return match.group()
        room[0] -= len(shown)
        prefix = match.group(1)
        if ">" not in prefix and len(prefix.expandtabs(4)) >= 4:
            prefix = ""  # MDX has no indented code: the component stands at the top level
        bare = prefix.rstrip()
        lines = [prefix + line if line.strip() else bare for line in shown.strip("\n").split("\n")]
        return "\n".join([bare, *lines, bare])

    return put_fences_back(_USE.sub(replace, text), held)


_PROP = lazy(
    r"""(?<![\w$])([A-Za-z_$][\w$]*+)\s*=\s*(?:"([^"]*)"|'([^']*)'"""
    r"""|\{\s*(?:"([^"\n]*)"|'([^'\n]*)'|`([^`$\n]*)`|(-?\d+(?:\.\d+)?))\s*\})"""
)
"""A value known as the page is written: a text (over lines too), or a string or number in braces."""
_PROPS_OR_CODE = lazy(r"(`+)[^`]*?\1|(=?)\{\s*props\.([A-Za-z_$][\w$]*)\s*\}")
"""A partial's ``{props.NAME}`` (an attribute's value after ``=``), or an inline code span (whose
braces are text)."""


def with_props(shown: str, use: str) -> str:
    """Return a partial's ``shown`` text with each ``{props.NAME}`` outside code the value that
    ``use`` (``<Where section="colours" />``) gives NAME as text (an attribute's, quoted; in text
    on one line, as the page shows it); one given no such value stays as it is."""
    given = {m.group(1): next(v for v in m.groups()[1:] if v is not None) for m in _PROP.finditer(use)}
    held: dict[str, str] = {}
    body = hold_fences(shown, held)

    def filled(found: re.Match[str]) -> str:
        value = given.get(found.group(3) or "")
        if found.group(1) or value is None:
            return found.group(0)
        return '="' + value.replace('"', "&quot;") + '"' if found.group(2) else " ".join(value.split())

    return put_fences_back(_PROPS_OR_CODE.sub(filled, body), held)


def partial_body(root: Path, path: str, raw: bool = False) -> str | None:
    """Return the body of the Markdown file at ``path`` in the project at ``root`` (its front
    matter left out; ``raw``: its whole text), or None when it is no regular file inside the
    project, too big, or (``raw``) not UTF-8."""
    try:
        info = os.stat(real := real_inside(root, path) or "")  # ("": no file, as none inside)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_PARTIAL:
        return None
    return _read(real, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, raw)


@lru_cache(maxsize=256)
def _read(real: str, size: int, mtime_ns: int, ctime_ns: int, inode: int, raw: bool) -> str | None:
    """The body of the file at ``real`` as it was at that size, times and inode (see `partial_body`)."""
    try:
        with open(real, "rb") as handle:
            data = handle.read(MAX_PARTIAL + 1)
    except OSError:
        return None
    if len(data) > MAX_PARTIAL:
        return None
    if raw:
        try:
            return lf(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            return None
    try:
        return split(data).body
    except SplitProblem:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
