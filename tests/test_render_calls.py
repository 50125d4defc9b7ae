"""Calls in templates keep Jinja's meaning where the environment takes its shortcuts.

The environment calls plain methods and macros directly, and gives templates their globals
as one dict (see `stagemap.render.environment`); a function that asks for the context still
gets it, and the rest behaves as Jinja documents it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from stagemap.errors import TemplateError
from stagemap.render.environment import environment, render
from tests.conftest import write


class Helper:
    """An object in a template's context, with methods of each kind Jinja knows."""

    def plain(self, word: str, *, upper: bool = False) -> str:
        return word.upper() if upper else word

    @jinja2.pass_context
    def with_context(self, context: jinja2.runtime.Context, name: str) -> str:
        return f"{name}={context.get(name)}"

    @jinja2.pass_environment
    def with_environment(self, env: jinja2.Environment) -> str:
        return "trim" if env.trim_blocks else "keep"

    @jinja2.pass_eval_context
    def with_eval_context(self, eval_ctx: Any) -> str:
        return "escaped" if eval_ctx.autoescape else "raw"

    def stops(self) -> str:
        raise StopIteration


def test_each_kind_of_method_is_called_as_jinja_calls_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "templates/t.html": (
                "{% macro shout(w) %}{{ h.plain(w, upper=true) }}!{% endmacro %}"
                "{{ h.plain('a') }} {{ h.with_context('who') }} {{ h.with_environment() }} "
                "{{ h.with_eval_context() }}"
                "{% for x in ['b', 'c'] %} {{ h.plain(x) }} {{ h.with_context('who') }} {{ shout(x) }}{% endfor %}"
                "{% block b %} {{ h.with_context('who') }} {{ shout('d') }}{% endblock %}."
            )
        },
    )
    env = environment(tmp_path / "templates")
    # Twice: the second time every answer is the kept one.
    for _ in range(2):
        shown = render(env, "t.html", {"h": Helper(), "who": "me"})
        assert shown == "a who=me trim escaped b who=me B! c who=me C! who=me D!."
    jinjas = environment(tmp_path / "templates")
    jinjas.context_class = jinja2.runtime.Context
    assert render(jinjas, "t.html", {"h": Helper(), "who": "me"}) == shown


def test_a_method_that_raises_stop_iteration_gives_undefined(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"templates/t.txt": "{{ h.stops() }}\n", "templates/u.txt": "[{{ h.stops() is defined }}]\n"},
    )
    env = environment(tmp_path / "templates")
    assert render(env, "u.txt", {"h": Helper()}) == "[False]\n"
    with pytest.raises(
        TemplateError, match=r"t.txt:1: value was undefined because a callable raised a StopIteration"
    ):
        render(env, "t.txt", {"h": Helper()})


def test_templates_see_jinjas_globals_and_their_own(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "templates/t.txt": (
                "{% set c = joiner('/') %}{% for i in range(3) %}{{ c() }}{{ i }}{% endfor %} "
                "{{ dict(a=1)['a'] }} {{ cycler('x', 'y').next() }} {{ namespace(n=2).n }}\n"
            )
        },
    )
    env = environment(tmp_path / "templates")
    assert render(env, "t.txt", {}) == "0/1/2 1 x 2\n"
    own = env.get_template("t.txt", globals={"extra": "e"})
    assert own.globals["extra"] == "e" and "range" in own.globals
