"""Split a content file into its front matter and its Markdown body, keeping offsets.

Front matter is YAML between ``---`` lines, or (when asked for) TOML between ``+++`` lines or
a JSON object opening the file, as Hugo writes them, or JavaScript from a ``---js`` line to a
``---`` one, as Eleventy reads it (`JS`), and on Eleventy a fence naming JSON or YAML
(`NAMED`); a YAML block never closed is the whole file where gray-matter reads it so
(`UNCLOSED`). Hugo before 0.123 also read a block inside
an HTML comment opening the file (a ``<!--`` line, the block, then ``-->``: `COMMENTED`), which
keeps the fields out of the page GitHub shows; later ones read none there, so it is asked for
only on a site pinning an older Hugo (`stagemap.read.hugopin`).

Works from bytes so that nothing is lost: the text is kept whole (CRLF line endings and a
missing final newline included), a UTF-8 BOM is recorded, and the offsets let an editor
replace exactly the characters it changes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from ..lazyre import lazy

BOM = "\ufeff"
"""The UTF-8 byte order mark, as decoded text."""
MAX_FRONT_MATTER = 64 * 1024
"""Front matter larger than this many characters is refused."""
SYNTAXES = ("yaml", "toml", "json")
"""Front matter syntaxes, by the name `Split.syntax` gives them."""
META = "meta"
"""MultiMarkdown-style meta-data (``Key: value`` lines up to a blank line), as MkDocs reads it."""
LEAD = "lead"
"""Not a syntax: blank lines before the opening fence are allowed, as Astro reads a page."""
COMMENTED = "comment"
"""Not a syntax: the block may sit in an HTML comment opening the file, as Hugo's page lexer
read it up to 0.122 (``<!--`` on a line, the fenced block, then ``-->``); the body starts right
after the ``-->`` (on the next line when nothing follows it). Hugo 0.123 dropped it: such a
page has no front matter there."""
UNCLOSED = "unclosed"
"""Not a syntax: a YAML block that no fence closes runs to the end of the file, all of it front
matter and no body, as gray-matter reads it where the page is what it leaves (gatsby-plugin-mdx
and gatsby-transformer-remark, Eleventy: a card of fields alone, say, that a listing links out
from). A line starting with ``---`` that is no fence of ours (``----``) closes the block there
for gray-matter: such a file stays a problem (`_unclosed`). Elsewhere an unclosed block is a
problem too: Hugo refuses it, Jekyll, MkDocs and Astro 5 read no front matter there (Astro 4
read it with gray-matter; stagemap reads an Astro site as 5 does), and Docusaurus 3, though it
takes the fields from gray-matter, compiles the whole file with remark-frontmatter, which reads
no block that is not closed (the page shows a rule and the fields as text, or fails to build);
Docusaurus 2 compiled what gray-matter left, but few sites still run it."""
COMMENT_OPEN = "<!--"
COMMENT_CLOSE = "-->"
JS = "js"
"""Not among `SYNTAXES` (no generator but Eleventy reads it so): a block of JavaScript opened by
``---js`` (or ``---javascript``, any case, spaces around the name allowed: gray-matter, which
Eleventy reads front matter with, takes the rest of the opening line as the block's language)
and closed by a ``---`` line, read without running it (`stagemap.read.jsfrontmatter`)."""
_DASHES = lazy(r"^---", re.MULTILINE)
"""A line that gray-matter closes a block at (its closing ``\\n---`` found anywhere)."""
_JS_OPENING = lazy(r"---[ \t]*(?:js|javascript)[ \t]*", re.IGNORECASE)
NAMED = "named"
"""Not a syntax: the opening fence may name the block's language, as gray-matter (Eleventy's
reader of front matter) takes the rest of the ``---`` line for it: ``---json`` opens a JSON
object, ``---yaml`` or ``---yml`` (any case) YAML, each closed by a ``---`` line. gray-matter
matches the YAML names in any case but takes any other name as written, and has an engine
called ``json`` alone: ``---JSON`` fails the build, and is no front matter here."""
_NAMED_OPENING = lazy(r"---[ \t]*+(json|(?i:ya?ml))[ \t]*+")
NONE = "none"
"""No front matter at all: a page a site publishes as it is (see `ReadRules.bare_pages`)."""
NO_FRONT_MATTER = "no-front-matter"
"""The code of `SplitProblem` for a file that does not open with front matter."""
_META_LINE = lazy(r"^[A-Za-z0-9_-]+:(?:[ \t]|$)")
_FENCES = {"yaml": ("---", ("---", "...")), "toml": ("+++", ("+++",)), JS: ("---js", ("---",))}
_CLOSING = {
    name: lazy(r"^(?:" + "|".join(re.escape(c) for c in closers) + r")[^\S\n]*$", re.MULTILINE)
    for name, (_, closers) in _FENCES.items()
}
"""The line that closes a block: a closing fence, then white space alone (a ``\r`` too)."""


@dataclass(frozen=True, slots=True)
class Split:
    """A decoded content file cut into front matter and body."""

    text: str
    """The whole file decoded, BOM removed, line endings untouched."""
    bom: bool
    """The file started with a UTF-8 byte order mark."""
    newline: str
    """``\\r\\n`` when the opening fence line ends so, else ``\\n``."""
    yaml_start: int
    """Offset in `text` of the first character of the YAML block."""
    yaml_end: int
    """Offset in `text` just past the YAML block (the start of the closing fence line)."""
    yaml_line: int
    """1-based file line on which the YAML block starts."""
    body_start: int
    """Offset in `text` of the first character after the closing fence line."""
    body_line: int
    """1-based file line on which the body starts."""
    syntax: str = "yaml"
    """``yaml``, ``toml``, ``json``, ``meta``, ``js``, or ``none`` (a file read without any)."""

    @property
    def yaml(self) -> str:
        """The front matter text between the fences."""
        return self.text[self.yaml_start : self.yaml_end]

    @property
    def body(self) -> str:
        """The Markdown body after the closing fence."""
        return self.text[self.body_start :]


@dataclass(frozen=True, slots=True)
class SplitProblem(Exception):
    """The file has no usable front matter."""

    line: int
    """1-based line of the problem (0: the whole file)."""
    col: int
    """1-based column (0: the whole line)."""
    message: str
    """What is wrong."""
    hint: str
    """How to fix it."""
    code: str
    """Short machine-readable name of the problem, e.g. ``no-front-matter``."""


def decode(data: bytes) -> tuple[str, bool]:
    """Decode UTF-8 bytes, returning the text without BOM and whether a BOM was there."""
    if b"\x00" in data[:8192]:
        raise SplitProblem(
            0,
            0,
            "binary file, not Markdown text",
            "keep only .md text files under the content folder",
            "binary",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SplitProblem(
            line,
            col,
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            "save the file as UTF-8",
            "encoding",
        ) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


# long: each syntax's opening and closing rule in turn (the fences, a JSON object, a named fence, a block never closed)
def split(data: bytes, syntaxes: tuple[str, ...] = ("yaml",)) -> Split:
    """Cut ``data`` into front matter and body, or raise `SplitProblem`.

    Only the ``syntaxes`` named are recognised: edits, which know YAML alone, ask for that.
    With `LEAD` among them, blank lines may come before the opening fence.
    """
    text, bom = decode(data)
    if not text.strip():
        raise SplitProblem(1, 1, "file is empty", "start it with front matter between '---' lines", "empty")
    start, skipped = 0, 0
    while LEAD in syntaxes and (nl := text.find("\n", start)) >= 0 and not text[start:nl].strip():
        start, skipped = nl + 1, skipped + 1
    opened = _comment_opening(text, start, syntaxes) if COMMENTED in syntaxes else None
    if opened is not None:  # read from the fence on; ``skipped`` counts the lines before it
        start, skipped = opened[0], skipped + opened[1]
    first_end = text.find("\n", start)
    first = text[start:] if first_end < 0 else text[start:first_end]
    opening = first.rstrip("\r").rstrip()
    if skipped and not any(first.rstrip() == _FENCES[name][0] for name in syntaxes if name in _FENCES):
        start, skipped, first_end = 0, 0, text.find("\n")  # no fence after them: read as without
        first = text if first_end < 0 else text[:first_end]
    if "json" in syntaxes and text.startswith("{"):
        return _split_json(text, bom)
    syntax = next((name for name in syntaxes if name in _FENCES and opening == _FENCES[name][0]), None)
    if syntax is None and JS in syntaxes and _JS_OPENING.fullmatch(opening):
        syntax = JS
    named = _NAMED_OPENING.fullmatch(opening) if syntax is None and NAMED in syntaxes else None
    if named is not None:
        syntax = "json" if named.group(1) == "json" else "yaml"
    if syntax is None and META in syntaxes and _META_LINE.match(first):
        return _split_meta(text, bom)
    if syntax is None:
        raise SplitProblem(
            1,
            1,
            "no front matter",
            "start the file with a '---' line, the YAML fields, and a closing '---' line",
            NO_FRONT_MATTER,
        )
    newline = "\r\n" if first.endswith("\r") else "\n"
    yaml_start = first_end + 1 if first_end >= 0 else len(text)
    closing = _CLOSING[JS if named else syntax].search(text, yaml_start)  # (named: ``---`` alone)
    if closing is not None:
        pos = closing.start()
        if pos - yaml_start > MAX_FRONT_MATTER:
            raise _too_large(2 + skipped)
        end = closing.end()
        body_start = len(text) if end == len(text) else end + 1
        line = 2 + skipped + text.count("\n", yaml_start, pos)
        found = Split(text, bom, newline, yaml_start, pos, 2 + skipped, body_start, line + 1, syntax)
        if syntax == "json":
            _check_json(found)
        return found if opened is None else _uncommented(found, 1 + skipped - opened[1])
    fence = _FENCES[JS if named else syntax][1][0]
    whole = UNCLOSED in syntaxes and syntax == "yaml" and opened is None
    return _unclosed(
        Split(text, bom, newline, yaml_start, len(text), 2 + skipped, len(text), 0), fence, whole
    )


def _unclosed(found: Split, fence: str, whole: bool) -> Split:
    """Return ``found`` (a block no fence closes, from its start to the end of the file) as the
    whole file's front matter when ``whole`` (`UNCLOSED`), else raise the problem of a block not
    closed (``fence``: the line that would close it). gray-matter closes the block at the first
    line starting with ``---`` (``----``, ``--- # end``), which no fence of ours is: on such a
    file stagemap keeps the problem rather than read the block to a place the site does not."""
    if whole and _DASHES.search(found.text, found.yaml_start) is None:
        if found.yaml_end - found.yaml_start > MAX_FRONT_MATTER:
            raise _too_large(found.yaml_line)
        return replace(found, body_line=found.yaml_line + found.text.count("\n", found.yaml_start))
    raise SplitProblem(
        found.yaml_line - 1,
        1,
        "front matter is not closed",
        f"add a '{fence}' line after the last front matter field",
        "unclosed-front-matter",
    )


def _comment_opening(text: str, start: int, syntaxes: tuple[str, ...]) -> tuple[int, int] | None:
    """Return where the fence opening a block inside an HTML comment at ``start`` is, and how many
    lines come before it from ``start`` (the ``<!--`` line, blank lines), or None when the file
    does not open so. Hugo before 0.123 passed the rest of the ``<!--`` line and blank lines,
    then read a block; a comment closed on its own line, or with no fence after it, holds none."""
    line_end = text.find("\n", start)
    opening = text[start:line_end].lstrip(" \t") if line_end >= 0 else ""
    if not opening.startswith(COMMENT_OPEN) or COMMENT_CLOSE in opening:
        return None
    pos, lines = line_end + 1, 1
    while (nl := text.find("\n", pos)) >= 0 and not text[pos:nl].strip():
        pos, lines = nl + 1, lines + 1
    line = text[pos:] if nl < 0 else text[pos:nl]
    fences = {_FENCES[name][0] for name in syntaxes if name in _FENCES}
    return (pos, lines) if line.rstrip() in fences else None


def _uncommented(found: Split, line: int) -> Split:
    """Return ``found`` (a block read inside an HTML comment opening on ``line``) with its body
    right after the ``-->`` closing the comment, as Hugo's lexer went on there (text after it on
    its line is the body's first); a line holding nothing more is passed whole."""
    text = found.text
    close = text.find(COMMENT_CLOSE, found.body_start)
    if close < 0:
        raise SplitProblem(
            line,
            1,
            "the HTML comment around the front matter is not closed",
            f"add a '{COMMENT_CLOSE}' line after the front matter's closing fence",
            "unclosed-comment",
        )
    body_start = close + len(COMMENT_CLOSE)
    end = text.find("\n", body_start)
    if not text[body_start : len(text) if end < 0 else end].strip():
        body_start = len(text) if end < 0 else end + 1
    body_line = found.body_line + text.count("\n", found.body_start, body_start)
    return replace(found, body_start=body_start, body_line=body_line)


def _too_large(line: int) -> SplitProblem:
    return SplitProblem(
        line,
        1,
        f"front matter is larger than {MAX_FRONT_MATTER // 1024} KiB",
        "move long text into the body",
        "too-large",
    )


def _split_json(text: str, bom: bool) -> Split:
    """Split a file opening with a JSON object; the body starts on the line after its ``}``."""
    try:
        _, end = json.JSONDecoder().raw_decode(text[: MAX_FRONT_MATTER + 1])
    except json.JSONDecodeError as exc:
        if exc.pos >= MAX_FRONT_MATTER:
            raise _too_large(1) from None
        raise SplitProblem(
            exc.lineno,
            exc.colno,
            f"JSON front matter error: {exc.msg}",
            "check commas, quotes and braces",
            "json",
        ) from None
    except RecursionError:
        raise SplitProblem(1, 1, "JSON front matter is nested too deeply", "", "too-large") from None
    line_end = text.find("\n", end)
    body_start = len(text) if line_end < 0 else line_end + 1
    newline = "\r\n" if "\r\n" in text[:body_start] else "\n"
    rest = text[end:body_start].strip()
    if rest:
        line = text.count("\n", 0, end) + 1
        col = end - (text.rfind("\n", 0, end) + 1) + 1
        raise SplitProblem(
            line, col, "text after the JSON front matter on its last line", "end the line after '}'", "json"
        )
    return Split(text, bom, newline, 0, end, 1, body_start, text.count("\n", 0, body_start) + 1, "json")


_JSON_CONSTANT = lazy(r'"(?:[^"\\\n]|\\.)*+"|(-?(?:NaN|Infinity))')
"""A JSON text, or a constant outside one (``NaN``): where to say a block holds it."""


class _NotJson(ValueError):
    """A constant Python's JSON reader accepts and JSON does not (``NaN``, ``Infinity``)."""


def _refused(constant: str) -> object:
    raise _NotJson(constant)


def _check_json(found: Split) -> None:
    """Raise `SplitProblem` unless a fenced block (``---json``) is one JSON object, as gray-matter
    parses the whole block with ``JSON.parse`` (white space alone: no fields)."""
    block = found.yaml
    if not block.strip():
        return
    try:
        value = json.loads(block, parse_constant=_refused)
    except json.JSONDecodeError as exc:
        line = found.yaml_line + exc.lineno - 1
        raise SplitProblem(
            line, exc.colno, f"JSON front matter error: {exc.msg}", "check commas, quotes and braces", "json"
        ) from None
    except _NotJson as exc:  # Python reads NaN and Infinity; JSON.parse, and so the build, fails
        at = next((m.start(1) for m in _JSON_CONSTANT.finditer(block) if m.group(1)), 0)
        line, col = found.yaml_line + block.count("\n", 0, at), at - block.rfind("\n", 0, at)
        hint = "write a number or a quoted text"
        raise SplitProblem(line, col, f"JSON front matter error: {exc} is not JSON", hint, "json") from None
    except RecursionError:
        raise SplitProblem(
            found.yaml_line, 1, "JSON front matter is nested too deeply", "", "too-large"
        ) from None
    if not isinstance(value, dict):
        hint = 'write the fields as one object: {"title": "Our pricing explained"}'
        raise SplitProblem(found.yaml_line, 1, "JSON front matter is not an object", hint, "json")


def _split_meta(text: str, bom: bool) -> Split:
    """Split a file opening with ``Key: value`` lines; the body starts after the first blank line."""
    pos, line = 0, 1
    while pos < len(text):
        end = text.find("\n", pos)
        current = text[pos:] if end < 0 else text[pos:end]
        if not current.strip():
            break
        pos = len(text) if end < 0 else end + 1
        line += 1
    if pos > MAX_FRONT_MATTER:
        raise _too_large(1)
    body_start = text.find("\n", pos) + 1 if text.find("\n", pos) >= 0 else len(text)
    newline = "\r\n" if text[:pos].endswith("\r\n") else "\n"
    return Split(text, bom, newline, 0, pos, 1, body_start, line + 1, META)
