"""Templates keep Jinja's meaning where the environment takes its shortcuts.

The environment calls plain methods and macros directly, gives templates their globals as one
dict and shows values in HTML templates with its own `_shown` (see
`stagemap.render.environment`); a function that asks for the context still gets it, every
value is shown as `markupsafe.escape` shows it, and the rest behaves as Jinja documents it.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from stagemap._version import __version__
from stagemap.analyse.coverage import analyse
from stagemap.analyse.site import plan_site
from stagemap.errors import TemplateError
from stagemap.read.project import load_project
from stagemap.render.environment import COMPILED, _shown, environment, render
from stagemap.render.site import prepare, render_page
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


class Shown:
    """A value that knows its own HTML."""

    def __html__(self) -> str:
        return "<i>own</i>"


SHOWN = [
    "plain words",
    "a < b & c > d",
    "\"quoted\" and 'quoted'",
    "",
    Markup("<b>kept</b>"),
    Markup(""),
    7,
    -3,
    True,
    None,
    2.5,
    Shown(),
    ["<x>", 1],
    {"a": "<y>"},
]


@pytest.mark.parametrize("value", SHOWN, ids=repr)
def test_a_value_is_shown_as_markupsafe_escapes_it(value: object) -> None:
    assert str(_shown(value)) == str(escape(value))


@given(st.text())
def test_any_text_is_shown_as_markupsafe_escapes_it(text: str) -> None:
    assert str(_shown(text)) == str(escape(text))
    assert str(_shown(Markup(text))) == text


def test_html_templates_compile_to_shown_and_show_what_jinja_shows(tmp_path: Path) -> None:
    body = (
        "{% macro m(v) %}[{{ v }}]{% endmacro %}<p>{% for v in values %}{{ v }}|{{ m(v) }}|{% endfor %}</p>\n"
    )
    write(tmp_path, {"templates/t.html": body, "templates/t.txt": "{{ values[1] }}\n"})
    env = environment(tmp_path / "templates")
    assert "environment.shown(" in env.compile(body, name="t.html", raw=True)
    assert "environment.shown(" not in env.compile(body, name="t.txt", raw=True)
    values = {"values": SHOWN}
    jinjas = jinja2.Environment(
        loader=jinja2.FileSystemLoader(tmp_path / "templates"), autoescape=True, keep_trailing_newline=True
    )
    assert render(env, "t.html", values) == jinjas.get_template("t.html").render(values)
    assert render(env, "t.txt", values) == "a < b & c > d\n"


def test_an_undefined_value_still_fails_in_an_html_template(tmp_path: Path) -> None:
    write(tmp_path, {"templates/t.html": "<p>{{ missing }}</p>\n"})
    with pytest.raises(TemplateError, match=r"t\.html:1: 'missing' is undefined"):
        render(environment(tmp_path / "templates"), "t.html", {})


def test_compiled_templates_are_cached_apart_for_each_code_generator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAGEMAP_CACHE", str(tmp_path / "cache"))
    write(tmp_path, {"templates/t.html": "<p>{{ a }}</p>\n"})
    assert render(environment(tmp_path / "templates"), "t.html", {"a": "x"}) == "<p>x</p>\n"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"jinja-{__version__}-{COMPILED}"]


@pytest.mark.parametrize("ids", [[], ["a"], ["a", "b", "c"]])
def test_named_gives_what_a_loop_over_the_names_gives(tmp_path: Path, ids: list[str]) -> None:
    loop = "{% for i in ids %}{{ names[i] }}{% if not loop.last %}, {% endif %}{% endfor %}"
    write(
        tmp_path,
        {
            "templates/loop.html": f"<p>{loop}</p>\n",
            "templates/named.html": "<p>{{ ids | named(names) }}</p>\n",
            "templates/other.txt": "{{ ids | named(names, ' / ') or 'none' }}\n",
        },
    )
    env = environment(tmp_path / "templates")
    values = {"ids": ids, "names": {"a": "Aware & <ready>", "b": "B", "c": "C"}}
    assert render(env, "named.html", values) == render(env, "loop.html", values)
    shown = {0: "none\n", 1: "Aware & <ready>\n", 3: "Aware & <ready> / B / C\n"}[len(ids)]
    assert render(env, "other.txt", values) == shown


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The collector paused and emptied first, so that `gc.collect` counts only what the test left in cycles."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_a_render_that_imports_macros_with_context_leaves_no_reference_cycle(
    tmp_path: Path, collector_off: None
) -> None:
    write(
        tmp_path,
        {
            "templates/m.txt": "{% macro inner(x) %}<{{ x }}>{% endmacro %}{% macro outer(x) %}[{{ inner(x) }} {{ g }}]{% endmacro %}",
            "templates/t.txt": '{% from "m.txt" import outer with context %}{% import "m.txt" as m %}{{ outer(v) }}{{ m.inner(v) }}\n',
        },
    )
    env = environment(tmp_path / "templates")
    texts = [render(env, "t.txt", {"v": i, "g": "G"}) for i in range(3)]
    assert texts == ["[<0> G]<0>\n", "[<1> G]<1>\n", "[<2> G]<2>\n"]
    assert gc.collect() == 0


def test_the_site_pages_leave_no_reference_cycle(sample: Path, collector_off: None) -> None:
    project = load_project(sample)
    config, library = project.config, project.library
    report = analyse(config, library, dt.date(2026, 11, 24))
    plan = plan_site(config, library, report, generator="g")
    env = environment(config.templates_dir)
    prepare(env)
    gc.collect()  # what reading and planning left (the test is about the pages)
    kinds = set()
    for page in plan.pages:
        render_page(plan, env, page)
        kinds.add(page.kind)
    assert {"home", "gaps", "stage", "play", "question", "persona", "asset"} <= kinds
    assert gc.collect() == 0
