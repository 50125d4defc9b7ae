"""Docusaurus's code in components: ``<CodeBlock>`` shown as the code block it is.

A page may write code with the theme's component, ``import CodeBlock from '@theme/CodeBlock'``
then ``<CodeBlock language="sh" title="build.sh">make site</CodeBlock>``: the live site shows a
code block, in that language, headed by its title. When what the component holds is text known
when the page is written (text with no tag or expression in it, a string, or a template literal
with no ``${...}``), `code_components` writes it as a fenced block, which the rest of the
reading takes as any other (its title over it: `stagemap.render.blocks.fence_titles`). One
holding anything else (a variable, ``{`...${version}...`}``) is left to the MDX reading.
`docusaurus_code` does this, and leaves Docusaurus's magic comments out of every code block
(`stagemap.render.magiccomments`); it also writes the npm2yarn plugin's blocks and the theme's
``<TOCInline>`` as the live page shows them.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache

from ..lazyre import lazy
from ..read.markdowntext import lf
from ..read.pairs import paired
from .blocks import hold_fences, put_fences_back
from .githubrefs import github_references
from .jsstrings import js_string
from .magiccomments import without_magic_comments
from .mdxfences import unwrapped_mdx_blocks
from .npm2yarn import npm_tabs
from .tocinline import inline_tocs

_IMPORTED = lazy(r"""^import\s+([A-Za-z_$][\w$]*)\s+from\s+(['"])@theme/CodeBlock\2""", re.M)
"""The name a page gives the theme's code block component."""
_OPENING = r"""<({names})((?:\s+[\w:-]+(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|\{{[^{{}}\n]*\}}))?)*)\s*>"""
"""The opening tag of an element of one of ``names``, with its attributes (text, or a one-line
expression each)."""
_CLOSING = r"</{name}\s*>"
_ATTRIBUTE = lazy(r"""([\w:-]+)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|\{\s*(['"`])([^'"`\n]*)\4\s*\})""")
_LITERAL = lazy(
    r"""\s*\{\s*(?:`((?:[^`\\$]|\\.|\$(?!\{))*)`|'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")\s*\}\s*""", re.S
)
"""What a component holds when it is one string: a template literal with no ``${`` in it, or
a string in quotes."""

_BACKTICKS = lazy(r"`+")


def docusaurus_code(text: str, mdx: bool, managers: tuple[str, ...] = (), references: bool = False) -> str:
    """Return a Docusaurus page's ``text`` with what its ``mdx-code-block`` fences hold as MDX
    (`stagemap.render.mdxfences.unwrapped_mdx_blocks`), its ``<CodeBlock>`` components as fenced
    code (``mdx``: the page is MDX), its ``npm2yarn`` code blocks once per package manager, npm's
    and those of ``managers`` (`stagemap.render.npm2yarn`), its ``<TOCInline toc={toc} />`` as
    the list of its headings (`stagemap.render.tocinline`), with ``references`` (the site's theme
    reads them) its ``reference`` code blocks as links to the files on GitHub
    (`stagemap.render.githubrefs`), and the magic comments left out of its code; its lines LF
    where it changes."""
    if "mdx-code-block" in text:
        text = unwrapped_mdx_blocks(lf(text))
    if mdx and "@theme/CodeBlock" in text:
        text = code_components(lf(text))
    if managers and "npm2yarn" in text:
        text = npm_tabs(lf(text), managers)
    if mdx and "<TOCInline" in text:
        text = inline_tocs(lf(text))
    if references and "reference" in text:
        text = github_references(lf(text))
    return without_magic_comments(lf(text)) if "highlight-" in text else text


def code_components(text: str) -> str:
    """Return ``text`` with each ``<CodeBlock>`` holding known text as a fenced code block (see
    the module docstring); in fenced code one stays as written."""
    names = {found.group(1) for found in _IMPORTED.finditer(text)}
    if not names:
        return text
    held: dict[str, str] = {}
    body = hold_fences(text, held, deep=True)
    opening, closings = _tags(tuple(sorted(names)))
    pieces: list[str] = []
    done = 0
    # Each tag found once, then paired: an opening never closed looked to the end for its closing.
    for start, end in paired(body, opening, closings, flat=True):
        code = _code(body[start.end() : end.start()])
        if code is None:
            continue  # (stays as written, with what it holds)
        attrs = {
            m.group(1): next((g for g in m.group(2, 3, 5) if g is not None), "")
            for m in _ATTRIBUTE.finditer(start.group(2))
        }
        pieces += [body[done : start.start()], _fence(code, attrs, _lead(body, start.start()))]
        done = end.end()
    return put_fences_back("".join(pieces) + body[done:], held)


@lru_cache(maxsize=16)
def _tags(names: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """The pattern of an opening tag named one of ``names`` (see `_OPENING`), and of each one's
    closing tag."""
    opening = re.compile(_OPENING.format(names="|".join(map(re.escape, names))))
    return opening, {name: re.compile(_CLOSING.format(name=re.escape(name))) for name in names}


def _code(children: str) -> str | None:
    """The text a component holding ``children`` shows as code, or None when it is not known here."""
    if "\ue001" in children:  # fenced code inside (held aside): not one string
        return None
    literal = _LITERAL.fullmatch(children)
    if literal is not None:
        raw = next(g for g in literal.groups() if g is not None)
        code = js_string(raw)
    elif "<" in children or "{" in children:
        return None
    else:
        code = textwrap.dedent(children)
    return code.strip("\n")


def _lead(body: str, at: int) -> str:
    """The spaces before ``at`` in its line when nothing else stands there, else "" (looked at
    from ``at`` back, not from the line's start: a line of 20,000 components read each one's)."""
    begin = at
    while begin and body[begin - 1] in " \t":
        begin -= 1
    return body[begin:at] if not begin or body[begin - 1] == "\n" else ""


def _fence(code: str, attrs: dict[str, str], indent: str) -> str:
    """A fenced block of ``code`` in the ``language`` its attributes name, under its ``title``,
    each line at ``indent`` (where the component stood in its line)."""
    language = (attrs.get("language") or attrs.get("className", "").removeprefix("language-")).split(" ")[0]
    title = " ".join(attrs.get("title", "").split())
    quote = '"' if '"' not in title else "'"
    named = f"title={quote}{title}{quote}" if title and quote not in title else ""
    info = " ".join(filter(None, [language or ("text" if named else ""), named]))
    fence = "`" * max([3, *(len(run) + 1 for run in _BACKTICKS.findall(code))])
    lines = [f"{fence}{info}", *code.split("\n"), fence]
    return "\n\n" + "\n".join(indent + line if line.strip() else line for line in lines) + "\n\n"


_CODE_IMPORT = lazy(
    r"""^import\s*\{[^}]*\bCode\b[^}]*\}\s*from\s*(['"])(?:@astrojs/starlight|astro-expressive-code)/components\1""",
    re.M,
)
"""Starlight's or Expressive Code's ``<Code>`` component, imported by that name."""
_STRING = r"""`(?:[^`\\$]|\\.|\$(?!\{))*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\""""
_CODE_ELEMENT = lazy(
    rf"""<Code((?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{{\s*(?:{_STRING})\s*\}}|\{{[^{{}}`]*\}}))?)*)\s*/>"""
)
"""A ``<Code ... />`` whose attributes are text or one-line expressions (a string may run on)."""
_CODE_ATTRIBUTE = lazy(rf"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{{\s*({_STRING})\s*\}})""")


def code_attributes(text: str) -> str:
    """Return an MDX ``text`` with each ``<Code code="..." lang="js" title="x.js" />`` of Starlight
    or Expressive Code whose ``code`` is a string known here as a fenced code block in its
    ``lang``, under its ``title``, as the live page shows it; one whose code is a variable, or
    in fenced code, stays as written."""
    if "<Code" not in text or _CODE_IMPORT.search(text) is None:
        return text
    held: dict[str, str] = {}
    body = hold_fences(text, held, deep=True)

    def fenced(found: re.Match[str]) -> str:
        attrs: dict[str, str] = {}
        for m in _CODE_ATTRIBUTE.finditer(found.group(1)):
            literal = m.group(4)
            attrs[m.group(1)] = js_string(literal[1:-1]) if literal else (m.group(2) or m.group(3) or "")
        if "code" not in attrs or not attrs["code"].strip():
            return found.group()
        named = {"language": attrs.get("lang", ""), "title": attrs.get("title", "")}
        return _fence(attrs["code"].strip("\n"), named, _lead(body, found.start()))

    return put_fences_back(_CODE_ELEMENT.sub(fenced, body), held)
