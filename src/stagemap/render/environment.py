"""The Jinja environment: the project's templates/ first, then the built-ins shipped in the package.

A project template may replace a built-in one by using the same name, or extend it and
replace one block with ``{% extends "stagemap/kit.md.j2" %}``: the ``stagemap/`` prefix always
reaches the built-in version.
"""

from __future__ import annotations

import os
import textwrap
import threading
import traceback
import types
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.runtime
from markupsafe import Markup, escape

from .._version import __version__
from ..errors import TemplateError
from ..paths import BUILTIN, user_cache
from .memo import Memo

PREFIX = "stagemap"
HTML_SUFFIXES = (".html", ".html.j2", ".htm", ".xml", ".svg")
GENERATOR = f"stagemap {__version__}"
"""How rendered pages and kits name the tool that made them (the ``generator`` variable)."""


COMPILED = 2
"""Which code the environment compiles templates to: part of the bytecode cache's folder name.

Raise it when `_CodeGenerator` or the environment's options change what a template compiles
to, so that code compiled by an earlier version is never loaded."""


def _autoescape(name: str | None) -> bool:
    return bool(name) and str(name).endswith(HTML_SUFFIXES)


def _bytecode_cache(project_templates: Path | None) -> jinja2.BytecodeCache | None:
    """Keep compiled templates between runs: compiling costs more than rendering a page.

    Like Python's own ``__pycache__``, the cache is per user, not per project
    (``$XDG_CACHE_HOME/stagemap``, else ``~/.cache/stagemap``, or ``STAGEMAP_CACHE``), so a
    first build in a fresh checkout does not compile the built-in templates again. Jinja
    checks each entry against the template's source and the Python version; the folder name
    carries stagemap's version and `COMPILED`, which set what templates compile to. Nothing is
    cached when the folder cannot be made.
    """
    folder = os.path.join(user_cache(), f"jinja-{__version__}-{COMPILED}")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(folder)


class _Context(jinja2.runtime.Context):
    """A template context that calls plain methods and macros without Jinja's checks, and says when it is made.

    Jinja's `call` asks every callable, twice, whether it wants the context, the evaluation
    context or the environment passed in (`jinja2.pass_context` and its kin mark those with
    ``jinja_pass_arg``). A site page makes a dozen or more calls (``url.stage(...)``, macros):
    the checks took 3 of the 5 us each call cost. Here the answer is kept per function, and a
    macro never wants any; everything else goes through Jinja's own `call`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        made = _rendering.contexts
        if made is not None:
            made.append(self)

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        kind = type(__obj)
        if kind is types.MethodType:
            function = __obj.__func__
            plain = _PLAIN.get(function)
            if plain is None:
                plain = _PLAIN[function] = not hasattr(function, "jinja_pass_arg")
        else:
            plain = kind is jinja2.runtime.Macro
        if not plain:
            return super().call(__obj, *args, **kwargs)
        if kwargs:  # the loop's and block's variables, which only a context function takes
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja's `call` does
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class _Rendering(threading.local):
    contexts: list[jinja2.runtime.Context] | None = None
    """The contexts made by the render under way on this thread (None: no `render` under way)."""


_rendering = _Rendering()

_PLAIN: dict[object, bool] = {}
"""Per method's function: whether it takes no context, environment or evaluation context."""


def _shown(value: Any) -> str:
    """Return ``value`` as an HTML template shows it: what `markupsafe.escape` gives, sooner.

    `escape` is Python code that makes a new `Markup` for every value; most values a page
    shows are plain text with nothing to escape, or `Markup` already. The text is the same;
    only its type may be plain ``str``, which the page's text never keeps apart.
    """
    kind = type(value)
    if kind is str:
        if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
            return escape(value)
        return value  # type: ignore[no-any-return]
    if kind is Markup:
        return value  # type: ignore[no-any-return]
    if kind is int:
        return str(value)
    return escape(value)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles ``{{ value }}`` in an autoescaped template to ``environment.shown(value)`` (see `_shown`)."""

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is None:
            self.write("environment.shown(")
        else:
            super()._output_child_pre(node, frame, finalize)


class _Environment(jinja2.Environment):
    project_root: Path | None = None
    """Template errors name project files relative to this folder."""

    code_generator_class = _CodeGenerator
    shown = staticmethod(_shown)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """Give each template its globals as one plain dict, not Jinja's chain of two.

        Every render starts a context from the template's globals, and reading a ChainMap goes
        through Python code key by key: 9 us of the 12 a render of a one-line template took,
        two or three times per site page. Our environments' globals are Jinja's own, set
        before any template is loaded and never changed after.
        """
        return {**self.globals, **(d or {})}


def environment(project_templates: Path | None) -> jinja2.Environment:
    """Return the Jinja environment for a project (None: built-ins only)."""
    builtin = jinja2.FileSystemLoader(str(BUILTIN))
    loaders: list[jinja2.BaseLoader] = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(project_templates)))
    loaders.append(jinja2.PrefixLoader({PREFIX: builtin}))
    loaders.append(builtin)
    env = _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        bytecode_cache=_bytecode_cache(project_templates),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates do not change during a run: no look at their files on every page. (The
        # preview makes a new environment when the project's templates change.)
        auto_reload=False,
        extensions=[Memo],
    )
    env.context_class = _Context
    env.project_root = project_templates.resolve().parent if project_templates is not None else None
    env.filters["hang"] = hang
    env.filters["named"] = named
    env.filters["plural"] = lambda n, word: f"{n} {word}" if n == 1 else f"{n} {word}s"
    return env


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """Where a template name resolves from."""

    name: str
    """Template name, e.g. ``kit.md.j2``."""
    source: str
    """``project`` or ``built-in``."""
    path: Path
    """The file that will be used."""


def list_templates(project_templates: Path | None) -> list[TemplateInfo]:
    """Return every built-in template name with where it resolves from, plus project-only ones."""
    names = {p.relative_to(BUILTIN).as_posix() for p in BUILTIN.rglob("*") if p.is_file()}
    project: set[str] = set()
    if project_templates is not None and project_templates.is_dir():
        project = {
            p.relative_to(project_templates).as_posix() for p in project_templates.rglob("*") if p.is_file()
        }
    infos = []
    for name in sorted(names | project):
        if name in project and project_templates is not None:
            infos.append(TemplateInfo(name, "project", project_templates / name))
        else:
            infos.append(TemplateInfo(name, "built-in", BUILTIN / name))
    return infos


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render a template, turning any Jinja failure into a `TemplateError` with file and line.

    Once done, the contexts the render made are emptied. ``{% from "x" import m with context %}``
    makes a module whose context holds its macros, and each macro holds that context: a
    reference cycle, through which everything the page was given stayed in memory until the
    collector found it. On a site page that was 45 objects, the page's text among them, and a
    build of 10,000 assets spent 0.6 s of CPU collecting them. Emptied, they go at once.
    """
    before = _rendering.contexts
    made: list[jinja2.runtime.Context] = []
    _rendering.contexts = made
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template '{exc.name}' not found") from None
    except jinja2.TemplateSyntaxError as exc:
        where = _describe(exc.filename or exc.name or name, exc.lineno, env)
        raise TemplateError(f"{where}: {exc.message}") from None
    except (
        jinja2.UndefinedError,
        jinja2.TemplateError,
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
    ) as exc:
        filename, line = _template_frame(exc)
        where = _describe(filename or name, line, env)
        raise TemplateError(f"{where}: {exc}") from None
    finally:
        _rendering.contexts = before
        for used in made:
            used.vars.clear()


def _describe(filename: str, line: int | None, env: jinja2.Environment) -> str:
    path = Path(filename)
    try:
        shown = (
            "stagemap:" + path.relative_to(BUILTIN).as_posix()
            if path.is_absolute() and path.is_relative_to(BUILTIN)
            else filename
        )
    except ValueError:
        shown = filename
    if path.is_absolute() and not path.is_relative_to(BUILTIN):
        root = getattr(env, "project_root", None) or Path.cwd()
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return f"{shown}:{line}" if line else shown


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """Find the innermost template file and line in a rendering traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".j2", ".html", ".md", ".txt")):
            found = (frame.filename, frame.lineno)
    return found


def named(ids: Iterable[str], table: Mapping[str, str], separator: str = ", ") -> str:
    """Return the names ``table`` gives ``ids``, joined by ``separator``: ``{{ a.stages | named(names.stage) }}``.

    The same text as a loop that puts a comma after all but the last name, at a fifth of the
    cost for two names (0.5 against 2.5 us): a loop that asks for ``loop.last`` made 30% of a
    page of a list of 100 assets.
    """
    return separator.join([table[i] for i in ids])


def hang(text: str, width: int = 78, indent: int = 4) -> str:
    """Wrap a line that starts with its own label, later lines indented by ``indent``."""
    return textwrap.fill(
        " ".join(str(text).split(" ")),
        width,
        subsequent_indent=" " * indent,
        break_on_hyphens=False,
        break_long_words=False,
    )
