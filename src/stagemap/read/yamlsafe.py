"""Load user-written YAML safely, keeping where every key and value came from.

PyYAML is only asked to *compose* a node tree (with its C parser when present); we build the
Python values ourselves. That gives us, in one pass: file positions for every key and value,
duplicate keys reported instead of silently overwritten, aliases refused or (on a site read with
its generator, whose YAML reads them) expanded within bounds (no billion laughs), and YAML 1.1
surprises avoided: only ``true``/``false`` are booleans, dates and times stay text (validated
later by whoever expects a date), ``01234`` is not octal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Loader(_BaseLoader):  # type: ignore[misc]
    """A loader whose implicit types are only null, true/false, and plain decimal numbers."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


IMPLICIT: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789"),
    (_FLOAT, re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), "-+0123456789."),
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
)
"""The only types a plain value may have besides text: each tag, its pattern, the characters
it may start with (null also matches the empty value)."""


class _Alias(yaml.Node):
    """An alias (``*name``) where it is written; ``value`` is the node its anchor names."""

    id = "alias"


class _AliasLoader(yaml.SafeLoader):
    """`_Loader`'s types, composed in Python so that each alias keeps its own place (`_Alias`):
    libyaml's composer gives the anchored node itself, marked where the anchor is."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, re.Pattern[str]]]]] = {}  # type: ignore[misc]

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if not self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        event = self.peek_event()  # type: ignore[no-untyped-call]
        target = super().compose_node(parent, index)
        assert target is not None  # an alias names a node, or composing raised
        return _Alias(target.tag, target, event.start_mark, event.end_mark)


for _tag, _pattern, _first in IMPLICIT:
    for _loader in (_Loader, _AliasLoader):
        _loader.add_implicit_resolver(_tag, _pattern, [*_first, *([""] if _tag == _NULL else [])])

SCALARS: dict[str, Callable[[str], Any]] = {
    _STR: str,
    _NULL: lambda _value: None,
    _BOOL: lambda value: value.lower() == "true",
    _INT: int,
    _FLOAT: float,
}
"""How a scalar of each allowed tag becomes a Python value."""


class Pos(NamedTuple):
    """Where a node sits: 1-based line and column in the file, and character offsets.

    A named tuple, not a dataclass: every key and value of every file gets one, and a tuple
    is made in a third of the time.
    """

    line: int
    col: int
    start: int
    """Offset of the node's first character in the parsed text."""
    end: int
    """Offset just past the node's last character in the parsed text."""


@dataclass(frozen=True, slots=True)
class YamlProblem(Exception):
    """The YAML could not be read; line and column are file-relative and 1-based."""

    line: int
    """Line of the problem in the file."""
    col: int
    """Column of the problem."""
    message: str
    """What is wrong."""
    hint: str = ""
    """How to fix it, when we can tell."""
    code: str = "yaml"
    """Short machine-readable name of the problem."""


@dataclass(slots=True)
class Loaded:
    """Plain Python data plus the position of every value and mapping key."""

    data: Any
    """The document as dicts, lists, text, numbers, booleans and None."""
    values: dict[tuple[Any, ...], Pos] = field(default_factory=dict)
    """Position of the value at a path: ``("stages",)``, ``("stages", 0)``, ``()`` for the root."""
    keys: dict[tuple[Any, ...], Pos] = field(default_factory=dict)
    """Position of the key that introduces the value at a path."""
    styles: dict[tuple[Any, ...], str] = field(default_factory=dict)
    """How a value was written: ``block``/``flow`` for collections, ``plain``, ``'``, ``"``, ``|``,
    ``>`` for scalars."""
    repeated: list[tuple[Any, Pos, Pos]] = field(default_factory=list)
    """Keys given twice in one mapping, with ``last_wins`` (`load`): the key, where it is given
    again and where first."""

    def pos(self, *path: Any) -> Pos:
        """Return the position of the value at ``path``, or of the nearest enclosing value."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values[path]


MAX_NODES = 10_000
"""The most values (keys included) a document may have, each alias counting every value it
stands for."""
MAX_ALIASED_CHARS = 100_000
"""The most characters of text (keys included) a document's aliases may stand for, all told:
a long text named by thousands of aliases would be that many copies once written out."""


def load(
    text: str,
    *,
    first_line: int = 1,
    max_nodes: int = MAX_NODES,
    last_wins: bool = False,
    aliases: bool = False,
) -> Loaded:
    """Parse one YAML document from ``text`` whose first line is ``first_line`` of its file.

    Raises `YamlProblem` for syntax errors, aliases, duplicate keys, unsupported tags and
    documents with more than ``max_nodes`` nodes. With ``last_wins``, a key given twice in a
    mapping has its last value, as Ruby's and PyYAML's loaders give it (Jekyll, MkDocs), and is
    noted in `Loaded.repeated`. With ``aliases``, anchors and aliases are read as every
    generator's YAML reads them: an alias is its anchored value again, placed where the alias is
    written (its keys and values too), and counts every value it stands for against
    ``max_nodes``; its text, all told, against `MAX_ALIASED_CHARS`. Merge keys (``<<``) are
    refused.
    """
    try:
        aliased = ("*" in text or ("&" in text and not aliases)) and _aliased(text, first_line, not aliases)
        node = yaml.compose(text, Loader=_AliasLoader if aliased else _Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text, first_line) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = first_line + before.count("\n")
        col = exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise YamlProblem(
            line,
            col,
            f"control character U+{code:04X} is not allowed in YAML",
            f'remove it (often pasted from a terminal or a word processor), or write it as "\\x{code:02x}" in a double-quoted string',
        ) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise YamlProblem(first_line, 1, f"YAML error: {first}") from None
    except RecursionError:
        raise _too_deep(first_line) from None
    loaded = Loaded(data=None)
    if node is None:
        return loaded
    builder = _Builder(loaded, first_line, max_nodes, last_wins, aliases)
    try:
        loaded.data = builder.build(node, ())
    except RecursionError:
        raise _too_deep(first_line) from None
    return loaded


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlProblem:
    """Return PyYAML's syntax error as a problem at its place in the file, with a hint."""
    mark = exc.problem_mark or exc.context_mark
    if "simple key" in (exc.context or "") and exc.context_mark is not None:
        mark = exc.context_mark  # a key without its ':' is noticed where the next key starts
    opened = _unclosed(exc)
    if opened is not None:  # libyaml noticed on a later line; the fix is where the list opens
        kind, mark = opened
        return YamlProblem(
            mark.line + first_line,
            mark.column + 1,
            f"YAML syntax error: the {kind} opened here is not closed",
            "close it with ']'" if kind == "list" else "close it with '}'",
        )
    line = (mark.line if mark else 0) + first_line
    col = (mark.column if mark else 0) + 1
    message = (exc.problem or exc.context or "invalid YAML").strip()
    if "nesting depth" in message:  # libyaml's own limit; same finding as a RecursionError
        return _too_deep(line, col)
    hint = _yaml_hint(message)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        hint = "indent with spaces, not tabs"
    return YamlProblem(line, col, f"YAML syntax error: {message}", hint)


def _too_deep(line: int, col: int = 1) -> YamlProblem:
    return YamlProblem(line, col, "YAML is nested too deeply", "use flat lists of ids and text", "too-large")


def _aliased(text: str, first_line: int, refuse: bool) -> bool:
    """Return whether ``text`` has an alias (libyaml's events are quick: `_AliasLoader` is not);
    with ``refuse``, raise at its first anchor or alias instead: they can blow up into huge
    values when expanded."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and not refuse:
            return True
        if refuse and (isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)):
            mark = event.start_mark
            raise YamlProblem(
                (mark.line if mark else 0) + first_line,
                (mark.column if mark else 0) + 1,
                "YAML anchors (&name) and aliases (*name) are not allowed",
                "write the value out in full",
                "yaml-alias",
            )
    return False


def _unclosed(exc: yaml.MarkedYAMLError) -> tuple[str, yaml.Mark] | None:
    """Return ("list" or "mapping", where it opens) for a ``[...]`` or ``{...}`` never closed."""
    context, problem, mark = exc.context or "", exc.problem or "", exc.context_mark
    if mark is None or "expected ','" not in problem or exc.problem_mark is None:
        return None
    if exc.problem_mark.line == mark.line:
        return None  # on its own line: the problem is there (a missing comma, a stray character)
    if "flow sequence" in context:
        return "list", mark
    if "flow mapping" in context:
        return "mapping", mark
    return None


def _yaml_hint(message: str) -> str:
    if "mapping values are not allowed" in message:
        return "quote a value that contains ': ', e.g. title: \"Pricing: what it costs\""
    if "could not find expected ':'" in message:
        return "each line needs 'key: value'; quote text that spans lines"
    return ""


class _Builder:
    def __init__(
        self, loaded: Loaded, first_line: int, max_nodes: int, last_wins: bool, aliases: bool
    ) -> None:
        self.loaded, self.first_line, self.max_nodes = loaded, first_line, max_nodes
        self.last_wins, self.aliases = last_wins, aliases
        self.count = 0  # values built, keys included: an alias's at each use
        self.at: Pos | None = None  # where the alias being expanded is: the place of all it stands for
        self.expanding: set[int] = set()  # anchored nodes being expanded: one met inside itself holds itself
        self.aliased_chars = 0  # characters of text expanded for aliases so far

    def _pos(self, node: yaml.Node) -> Pos:
        if self.at is not None:
            return self.at
        start, end = node.start_mark, node.end_mark
        assert start is not None and end is not None  # composed nodes always carry marks
        return Pos(start.line + self.first_line, start.column + 1, start.index, end.index)

    def _fail(self, node: yaml.Node, message: str, hint: str = "", code: str = "yaml") -> YamlProblem:
        pos = self._pos(node)
        return YamlProblem(pos.line, pos.col, message, hint, code)

    def _counted(self, node: yaml.Node) -> None:
        """Count one more value; raise past ``max_nodes``."""
        self.count += 1
        if self.count > self.max_nodes:
            expanded = " once its aliases are expanded" if self.at is not None else ""
            hint = "write the value out in full, or name it with fewer aliases" if expanded else ""
            raise self._fail(node, f"YAML has more than {self.max_nodes} values{expanded}", hint, "too-large")

    def build(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        if isinstance(node, _Alias):
            return self._alias(node, path)
        self._counted(node)
        self.loaded.values[path] = self._pos(node)
        if isinstance(node, yaml.MappingNode):
            self.loaded.styles[path] = "flow" if node.flow_style else "block"
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self.loaded.styles[path] = "flow" if node.flow_style else "block"
            if node.tag != _SEQ:
                raise self._unsupported(node)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        self.loaded.styles[path] = node.style or "plain"
        return self._scalar(node)

    def _alias(self, alias: _Alias, path: tuple[Any, ...]) -> Any:
        """Return the value an alias stands for, built again with every place the alias's."""
        target: yaml.Node = alias.value
        if id(target) in self.expanding:
            raise self._fail(
                alias, "a YAML alias holds itself", "name a value outside the alias", "yaml-alias"
            )
        outer = self.at
        self.at = self._pos(alias)
        self.expanding.add(id(target))
        try:
            return self.build(target, path)
        finally:
            self.expanding.discard(id(target))
            self.at = outer

    def _mapping(self, node: yaml.MappingNode, path: tuple[Any, ...]) -> dict[Any, Any]:
        if node.tag != _MAP:
            raise self._unsupported(node)
        result: dict[Any, Any] = {}
        for written, value_node in node.value:
            key_node = written.value if isinstance(written, _Alias) else written  # ``*name: value``
            if isinstance(key_node, yaml.ScalarNode) and (
                key_node.tag == "tag:yaml.org,2002:merge" or (self.aliases and _is_merge(key_node))
            ):
                hint = (
                    "stagemap reads anchors and aliases, not '<<': write the keys out" if self.aliases else ""
                )
                raise self._fail(written, "YAML merge keys ('<<') are not allowed", hint, "yaml-alias")
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else _as_text(key_node)
            if isinstance(key, float | bool) or key is None:
                key = key_node.value
            if key in result and self.last_wins:
                self.loaded.repeated.append((key, self._pos(written), self.loaded.keys[(*path, key)]))
            elif key in result:
                first = self.loaded.keys[(*path, key)]
                raise self._fail(
                    written,
                    f"duplicate key '{key}'",
                    f"first defined on line {first.line}; keep one",
                    "duplicate-key",
                )
            self._counted(written)
            self.loaded.keys[(*path, key)] = self._pos(written)
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        make = SCALARS.get(node.tag)
        if make is None:
            raise self._unsupported(node)
        if self.at is not None:
            self.aliased_chars += len(node.value)
            if self.aliased_chars > MAX_ALIASED_CHARS:
                raise self._fail(
                    node,
                    f"YAML's aliases stand for more than {MAX_ALIASED_CHARS} characters of text",
                    "write the value out in full, or name it with fewer aliases",
                    "too-large",
                )
        return make(node.value)

    def _unsupported(self, node: yaml.Node) -> YamlProblem:
        return self._fail(
            node,
            f"unsupported YAML tag '{node.tag}'",
            "remove the '!' tag; plain text, numbers, lists and mappings are allowed",
            "yaml-tag",
        )


def _is_merge(node: yaml.ScalarNode) -> bool:
    """Whether a key is YAML 1.1's merge key, a plain ``<<``, which other loaders read as such."""
    return node.value == "<<" and not node.style


def _as_text(node: yaml.Node) -> str:
    """Return a key that is a list or a mapping as the text JavaScript's YAML (js-yaml, which
    Eleventy, Astro, Docusaurus and Gatsby read front matter with) makes of it: a mapping is
    ``[object Object]``, a list its items joined by commas. The A11Y Project's site has
    ``key: { { category } }`` in a page's front matter (a template's braces YAML reads as a
    mapping): the page is built, and was refused here."""
    if isinstance(node, yaml.SequenceNode):
        return ",".join(
            item.value if isinstance(item, yaml.ScalarNode) else _as_text(item) for item in node.value
        )
    return "[object Object]"
