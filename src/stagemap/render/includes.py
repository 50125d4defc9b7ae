"""Hugo's include shortcodes, and MkDocs' snippets: a page that shows another file's text where it says so.

Hugo has no such shortcode of its own, but sites make one, and two forms are common:

- ``{{% include "/_common/spec.md" %}}`` (Hugo's own documentation and sites built from it):
  the file is found as Hugo's ``GetPage`` finds a page, from the page's folder first, then
  from the content folder (a path starting with ``/`` only from there); its ending may be left
  out, and a folder stands for its ``_index`` or ``index`` page. Failing that, where the site's
  own ``include`` template reads a file with ``readFile (printf "includes/%s" ...)``, that
  file under the site's folder (`read_from`).
- ``{{% readfile file="includes/setup.md" %}}`` (Docsy's, also with the path as its first
  argument): from the page's folder; a path starting with ``/`` as Hugo's ``readFile`` reads
  it, from the site's folder, else from the content folder (``/vendor/disclaimer.md``, as
  Docsy's sites keep shared text in ``content/en/vendor/``).
  ``code="true"`` shows the file as code in the language ``lang`` names.

The file's text, its front matter left out, stands where the shortcode stands on a line of its
own outside fenced code, as the live page shows it; its own includes are shown too, up to
`MAX_DEPTH` files deep, never a file inside itself (each file worked out once at each depth,
at most `MAX_EXPANSIONS` for one page), within the bounds MDX partials have
(`stagemap.render.partials`: each file read from inside the project only, up to `MAX_PARTIAL`
bytes; at most `MAX_SHOWN` characters shown in one file). An include whose file cannot be read
is left to the shortcode reading (`stagemap.render.shortcodes`: a placeholder; on MkDocs, one saying so).
MkDocs' include-markdown tags come here as ``readfile``s too (`stagemap.render.mkdocsincludes`),
their ``start`` and ``end`` markers as arguments of the same names, which bound what is shown.
"""

from __future__ import annotations

import collections
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from ..lazyre import lazy
from ..read.markdowntext import lf
from .blocks import fence_after, hold_fences, put_fences_back
from .elements import placeholder
from .hugocode import as_written
from .includemade import Made, worked_out
from .mkdocsincludes import between, included
from .shortcodes import shortcode_args

MAX_DEPTH = 4
"""How many files deep includes are shown (an included file's includes ...)."""
MAX_SHOWN = 512 * 1024
"""The most characters of included files one file shows."""
MAX_EXPANSIONS = 200
"""The most included files one page works out (each file once at each depth, or more where a
loop makes it show otherwise): past it an include is left as written, so that files including
one another take a bounded time however they nest."""

_INCLUDE = lazy(
    r"^([ \t>]*)\{\{([%<])[ \t]*(include|readfile)(?=[ \t])((?:[^%>\n]|[%>](?!\}\}))*)[%>]\}\}[ \t]*\r?$",
    re.M,
)
"""An include shortcode on a line of its own: what stands before it (a quote's ``>``, an
indent), its delimiter, its name and its arguments (spaces and a self-closing ``/`` at their
end are taken off in `resolve`: each character is matched one way only, so a long run of
spaces costs no more than its length). A file with CR LF line ends is found to use one by
`uses` as it is, and has its lines made LF before the shortcodes are replaced."""
_ENDINGS = (".md", ".markdown", ".html")
"""The endings a path given without one is tried with, in order."""

Read = Callable[[str, bool], "str | None"]
"""Reads the file at a project-relative path: its body without front matter (or, asked for
its raw text, all of it), or None when it is no file inside the project or too big."""


@dataclass(frozen=True, slots=True)
class Include:
    """One include shortcode, resolved: the project-relative path of its file, and how it is shown."""

    path: str
    code: bool = False
    """Shown as code (Docsy's ``code="true"``)."""
    lang: str = ""
    found: bool = True
    """False for a ``readfile`` whose file is not there (yet): shown as the shortcode, but part
    of the page's key, so that making the file re-renders the page."""
    start: str = ""
    """Where the part shown starts and ends (`stagemap.render.mkdocsincludes.between`): the
    ``start`` and ``end`` of an MkDocs include-markdown tag, written so by its module."""
    end: str = ""
    raw: bool = False  # (``raw="true"``: as written, the page's engine reads it not: `snippets_as_includes`)
    jinja: str = ""  # (``jinja="docs"``: Jinja2's include, from that folder: `mkdocsincludes.included`)


_SNIPPET = lazy(r"""^([ \t>]*)(;?)-{1,2}8<-{1,2}[ \t]+(["']?)([^"'\n]+?)\3[ \t]*$""", re.M)
"""An MkDocs snippet (pymdownx.snippets) on a line of its own: ``--8<-- "CONTRIBUTING.md"``; a
``;`` in front (``;--8<-- "x.md"``) is pymdownx's way of writing one as text."""


_INFO = lazy(r"[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?([\w+#-]*)")
"""A fence's opening line, its language (``python``, ``{ .python }``) as the first group."""


_INCLUDED = lazy(r"^([ \t>]*)\{([!*])([^\n]*)$", re.M)
"""A line that may include a file on an MkDocs site: ``{! file.md !}`` (``mdx_include``: the
file's text, as Markdown) or ``{* file.py hl[3] *}`` (``markdown_include_variants``: the file
as code); checked in `_included_file`."""
_LANGUAGES = {".py": "python", ".js": "javascript", ".ts": "typescript", ".sh": "bash", ".yml": "yaml"}
"""The language of a file shown as code, by its ending, where the ending is not its name."""


def snippets_in(body: str) -> bool:
    """Whether ``body`` may hold an MkDocs snippet or included file (cheap: a page without
    ``8<``, ``{!`` or ``{*`` is passed over)."""
    return ("8<" in body and _SNIPPET.search(body) is not None) or (
        ("{!" in body or "{*" in body) and _INCLUDED.search(body) is not None
    )


def _included_file(match: re.Match[str]) -> tuple[str, bool] | None:
    """Return the file a line of `_INCLUDED` names and whether it is shown as code, or None
    when the line is no include (not closed by the mark it opened with, no path)."""
    mark, rest = match.group(2), match.group(3).rstrip(" \t")
    inner = rest[: -len(mark) - 1].split() if rest.endswith(mark + "}") else []
    if not inner or inner[0][0] in "!*":
        return None
    return inner[0], mark == "*"


def snippets_as_includes(body: str, site: str, exists: Callable[[str], bool], literal: bool = False) -> str:
    """Return ``body`` with each MkDocs snippet of a file that is there written as a ``readfile``
    from the site's folder (``site``: "" for the project's), which `inline` then shows:
    pymdownx.snippets reads a path from its ``base_path``, the site's folder by default. A
    part of a file (``file.md:3:10``, ``file.md:name``), an address, a path leading out of the
    project or a file not there stays as written (a placeholder). Snippets are read before
    fences are: a fence holding one alone shows that file as code in the fence's language;
    one escaped (``;--8<--``) is written out without its ``;``, in code too. With ``literal`` (the
    macros plugin renders the page first), a file's ``{{ x }}`` shows as written."""
    if not snippets_in(body):
        return body
    held: dict[str, str] = {}
    raw = ' raw="true"' if literal else ""

    def swap(match: re.Match[str], code: str | None = None) -> str:
        if match.group(2):  # escaped: the line as written, less its ``;`` (a Markdown escape keeps it text)
            return match.group(1) + "\\" + match.group()[len(match.group(1)) + 1 :]
        given = match.group(4).strip()
        path = _inside(posixpath.join(site, given))
        if ":" in given or "\\" in given or given.startswith("/") or path is None or not exists(path):
            return match.group()
        shown = (f' code="true" lang="{code}"' if code is not None else "") + raw
        return f'{match.group(1)}{{{{% readfile file="/{given}"{shown} %}}}}'

    def include(match: re.Match[str], code: str | None = None) -> str:
        named = _included_file(match)
        path = _inside(posixpath.join(site, named[0])) if named is not None else None
        if named is None or ":" in named[0] or path is None or not exists(path):
            return match.group()
        if code is None and named[1]:
            code = _LANGUAGES.get(posixpath.splitext(path)[1].lower(), posixpath.splitext(path)[1][1:])
        shown = (f' code="true" lang="{code}"' if code is not None else "") + raw
        return f'{match.group(1)}{{{{% readfile file="/{named[0]}"{shown} %}}}}'

    text = hold_fences(lf(body), held)
    text = _SNIPPET.sub(swap, text) if "8<" in text else text
    text = _INCLUDED.sub(include, text) if "{!" in text or "{*" in text else text
    for token, block in held.items():  # snippets run before fences are read: in code too
        lines = block.split("\n")
        info = _INFO.match(lines[0])
        alone = len(lines) == 3 and lines[1][:1] not in " >;" and info is not None
        alone = alone and not fence_after(fence_after("", lines[0]), lines[2])
        found = _SNIPPET.fullmatch(lines[1]) if alone else None
        included = _INCLUDED.fullmatch(lines[1]) if alone and found is None else None
        made = lines[1]
        if info is not None and found is not None:
            made = swap(found, info.group(1))
        elif info is not None and included is not None:
            made = include(included, info.group(1))
        if made != lines[1]:  # the fence holds it alone: that file, as code
            held[token] = made
        elif "8<" in block:
            held[token] = _SNIPPET.sub(
                lambda m: m.group(1) + m.group()[len(m.group(1)) + m.end(2) - m.start(2) :], block
            )
    return put_fences_back(text, held)


def uses(body: str) -> bool:
    """Whether ``body`` may include a file (cheap: a page without the words is passed over)."""
    return ("include" in body or "readfile" in body) and _INCLUDE.search(body) is not None


def resolve(
    match: re.Match[str],
    rel: str,
    content: str,
    site: str,
    exists: Callable[[str], bool],
    printed: str | None = None,
) -> Include | None:
    """Return the file an include shortcode (``match`` of `_INCLUDE`) in the file at ``rel``
    names, or None when no file is found (a ``readfile``'s inside the project is returned
    with ``found`` False); ``content``: the project-relative content folder holding ``rel``,
    ``site``: the site's folder ("" for the project's); ``printed``: where the site's own
    ``include`` template reads a file that is no page from (`read_from`)."""
    positional, named = shortcode_args(match.group(4).strip().removesuffix("/").strip())
    given = named.get("file") or (positional[0] if positional else "")
    if not given or "\\" in given or "\0" in given:
        return None
    here = posixpath.dirname(rel)
    if match.group(3) == "readfile":
        code, raw = (named.get(k, "").lower() == "true" for k in ("code", "raw"))
        if not given.startswith("/"):
            path = _inside(posixpath.join(here, given))
            bounds = unquote(named.get("start", "")), unquote(named.get("end", ""))
            jinja = unquote(named.get("jinja", ""))
            return (
                Include(path, code, named.get("lang", ""), exists(path), *bounds, raw=raw, jinja=jinja)
                if path is not None
                else None
            )
        # Hugo's readFile: from the site's folder, else from the content folder.
        paths = [_inside(posixpath.join(folder, given.lstrip("/"))) for folder in (site, content)]
        known = [path for path in paths if path is not None]
        found = next((path for path in known if exists(path)), None)
        path = found or (known[0] if known else None)
        return Include(path, code, named.get("lang", ""), found is not None, raw=raw) if path else None
    starts = [] if given.startswith("/") else [posixpath.join(here, given)]
    starts.append(posixpath.join(content, given.lstrip("/")))
    for start in starts:
        path = _inside(start)
        if path is None or (content and not path.startswith(content + "/")):
            continue  # GetPage finds pages: files of the content folder
        ending = posixpath.splitext(path)[1].lower()
        tries = [path] if ending in _ENDINGS else [path + e for e in _ENDINGS]
        tries += [f"{path}/_index.md", f"{path}/index.md"]
        found = next((t for t in tries if exists(t)), None)
        if found is not None:
            return Include(found)
    path = _inside(posixpath.join(site, printed + given.lstrip("/"))) if printed is not None else None
    if path is not None and exists(path):  # as the site's template reads it (KEDA's includes/)
        return Include(path)
    return _site_file(given, positional, named, site, exists)


_READ_FILE = lazy(r"""printf\s+(["`])([\w./-]{0,200}?)%s\1""")
"""The path a template makes for ``readFile`` from its argument: ``printf "includes/%s" .``."""
_PARTIAL = lazy(r"""partial\s+["`]([\w./-]{1,200})["`]""")
TEMPLATES = ("layouts/_shortcodes", "layouts/shortcodes")
"""Where a site keeps its shortcodes' templates, Hugo 0.146's first."""
PARTIALS = ("layouts/_partials", "layouts/partials")
"""Where a site keeps its partial templates, Hugo 0.146's first."""


def read_from(site: str, read: Read) -> str | None:
    """Return the folder (under the site's, ending in ``/``; "" for the site's own) its own
    ``include`` shortcode reads a file from (KEDA's template, through a partial: ``readFile
    (printf "includes/%s" .)``), or None when it reads none so (read as text, never run)."""
    template = next(
        (t for f in TEMPLATES if (t := read(posixpath.join(site, f, "include.html"), True)) is not None), None
    )
    texts = [template or ""]
    for name in _PARTIAL.findall(template or "")[:4]:  # the partials it calls, one step deep
        name = name if name.endswith(".html") else name + ".html"
        texts += [t for f in PARTIALS if (t := read(posixpath.join(site, f, name), True)) is not None][:1]
    for text in texts:
        made = _READ_FILE.search(text) if "readFile" in text else None
        if made is not None and _inside(made.group(2) + "x") is not None:
            return made.group(2)
    return None


def _site_file(
    given: str, positional: list[str], named: dict[str, str], site: str, exists: Callable[[str], bool]
) -> Include | None:
    """Return the file of the site an ``include`` of a file that is no page names, shown as code:
    sites make such a shortcode read the file from ``static/`` (Kueue's ``{{< include
    "examples/queue.yaml" "yaml" >}}``) or from the site's folder, in the language its second
    argument or ``lang`` names, else the one its ending says."""
    ending = posixpath.splitext(given)[1].lower()
    if not ending or ending in _ENDINGS:
        return None
    for start in (posixpath.join(site, "static", given.lstrip("/")), posixpath.join(site, given.lstrip("/"))):
        path = _inside(start)
        if path is not None and exists(path):
            lang = named.get("lang") or (positional[1] if len(positional) > 1 else "") or ending[1:]
            return Include(path, True, lang)
    return None


def _inside(path: str) -> str | None:
    """Return ``path`` made plain, or None when it leads out of the project."""
    plain = posixpath.normpath(path)
    return None if plain == ".." or plain.startswith(("../", "/")) else plain


def inline(
    body: str,
    rel: str,
    content: str,
    site: str,
    read: Read,
    exists: Callable[[str], bool],
    hugo: bool = False,
) -> str:
    """Return ``body`` (of the file at ``rel``) with each include shown (see the module docstring).
    On a ``hugo`` site a file shown as code keeps its shortcodes as written (`as_written`)."""
    return _inline(body, rel, content, site, read, exists, (rel,), Made({}, MAX_EXPANSIONS), hugo)[0]


def shown(
    body: str, rel: str, content: str, site: str, read: Read, exists: Callable[[str], bool]
) -> Iterator[tuple[str, str | None]]:
    """Yield each file `inline` may show in ``body``, however deep, once: its path and its text
    (None when it cannot be read). For a page's key."""
    seen = {rel}
    printed = read_from(site, read) if uses(body) else None
    todo = collections.deque([(body, rel, 1)])
    while todo:  # breadth first: each file is met first at the least depth `inline` shows it at
        text, at, depth = todo.popleft()
        if depth > MAX_DEPTH or not uses(text):
            continue
        for match in _INCLUDE.finditer(hold_fences(lf(text), {})):
            found = resolve(match, at, content, site, exists, printed)
            if found is not None and found.path not in seen:
                seen.add(found.path)
                got = (
                    included(read, found.path, found.jinja, content, exists, found.code)
                    if found.found
                    else None
                )
                yield found.path, got
                if got is not None and not found.code:
                    todo.append((got, found.path, depth + 1))


# long: the walk of one file's includes, each made once and shown within the file's room
def _inline(
    body: str,
    rel: str,
    content: str,
    site: str,
    read: Read,
    exists: Callable[[str], bool],
    seen: tuple[str, ...],
    made: Made,
    hugo: bool,
) -> tuple[str, set[str], set[str]]:
    """`inline` at ``seen`` (the files it is in): the text, the files left out as being above
    it and the files it shows (see `stagemap.render.includemade.worked_out`)."""
    cut: set[str] = set()
    used: set[str] = set()
    if len(seen) > MAX_DEPTH or not uses(body):
        return body, cut, used
    held: dict[str, str] = {}
    text = hold_fences(lf(body), held)
    room = [MAX_SHOWN]
    printed = read_from(site, read)

    def replace(match: re.Match[str]) -> str:
        found = resolve(match, rel, content, site, exists, printed)
        if found is None or not found.found:
            return match.group()
        if found.path in seen:
            cut.add(found.path)
            return match.group()

        def make() -> tuple[str | None, set[str], set[str]]:
            got = included(read, found.path, found.jinja, content, exists, found.code)
            if got is not None and (found.start or found.end):
                got = between(got, found.start, found.end)
            if got is not None and found.code:
                fence = "`" * max(3, 1 + max((len(m) for m in re.findall("`+", got)), default=0))
                code = as_written(got) if hugo else got  # (``highlight`` reads no shortcode)
                got = f"{fence}{found.lang}\n{code.rstrip(chr(10))}\n{fence}"
            elif got is not None:
                return _inline(got, found.path, content, site, read, exists, (*seen, found.path), made, hugo)
            return got, set(), set()

        # What a file shows depends on how deep it stands (its own includes stop at MAX_DEPTH)
        # and, through a loop only, on which files it stands in (none is shown inside it again).
        key = (found.path, str(found.code), found.lang, found.start, found.end, str(len(seen)))
        made_here = worked_out(made, key, (*seen, found.path), make)
        if made_here is None:
            return match.group()
        piece = made_here[0]
        cut.update(made_here[1] - {found.path})  # (a loop back to it is its own)
        used.update(made_here[2] | {found.path})
        if piece is None and not hugo:  # (MkDocs: a file linked from outside the project, not read here)
            return match.group(1) + placeholder(f"Included from {found.path}, which cannot be read here")
        if piece is None or len(piece) > room[0]:
            return match.group()
        room[0] -= len(piece)
        prefix = match.group(1)
        bare = prefix.rstrip()
        lines = [prefix + line if line.strip() else bare for line in piece.strip("\n").split("\n")]
        if found.raw:  # (on lines of their own: a fence in it is still one)
            lines = [prefix + "{% raw %}", *lines, prefix + "{% endraw %}"]
        return "\n".join([bare, *lines, bare])

    return put_fences_back(_INCLUDE.sub(replace, text), held), cut, used
