"""Collect the problems of a settings or model file, each at its line and column."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import ConfigError, Problem, suggest
from . import yamlsafe


class Findings:
    """Every problem found while reading settings; raised together by `raise_if_any`."""

    def __init__(self, where: str) -> None:
        self.where = where
        """The file problems are reported in unless a call names another (a model file)."""
        self.problems: list[Problem] = []

    def error(
        self,
        loaded: yamlsafe.Loaded,
        path: tuple[Any, ...],
        message: str,
        hint: str = "",
        src: str | None = None,
        *,
        at_key: bool = False,
    ) -> None:
        """Record an error at the value under ``path`` (or at its key, with ``at_key``)."""
        pos = None
        if at_key and path in loaded.keys:
            pos = loaded.keys[path]
        elif loaded.values:
            pos = loaded.pos(*path)
        line, col = (pos.line, pos.col) if pos else (0, 0)
        self.problems.append(Problem(src or self.where, line, col, "error", message, hint, "config"))

    def unknown_keys(
        self,
        loaded: yamlsafe.Loaded,
        path: tuple[Any, ...],
        mapping: Mapping[Any, Any],
        allowed: Iterable[str],
        message: str,
        src: str | None = None,
    ) -> bool:
        """Report each key of ``mapping`` not in ``allowed``, with a did-you-mean hint.

        ``message`` is a format string for the key, e.g. ``"unknown setting '{}'"``. Returns
        True when any key was unknown.
        """
        allowed = tuple(allowed)
        unknown = [key for key in mapping if key not in allowed]
        for key in unknown:
            hint = suggest(str(key), allowed)
            self.error(loaded, (*path, key), message.format(key), hint, src, at_key=True)
        return bool(unknown)

    def yaml_problem(self, exc: yamlsafe.YamlProblem, src: str | None = None) -> None:
        """Record a file that is not valid YAML."""
        self.problems.append(
            Problem(src or self.where, exc.line, exc.col, "error", exc.message, exc.hint, exc.code)
        )

    def raise_if_any(self) -> None:
        """Raise one `ConfigError` listing every problem, sorted by position."""
        if self.problems:
            lines = "\n".join(p.format() for p in sorted(self.problems))
            raise ConfigError(f"invalid settings:\n{lines}")
