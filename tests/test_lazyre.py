"""Patterns compiled when first used (`stagemap.lazyre`): each one is a valid pattern, and one
behaves as the compiled pattern does."""

from __future__ import annotations

import importlib
import pkgutil
import re

import stagemap
from stagemap.lazyre import MADE, lazy


def test_every_lazy_pattern_of_stagemap_compiles() -> None:
    """A mistake in a pattern showed when its module was imported; compiled when first used, it
    would show on the first page using it: every one is compiled here."""
    for module in pkgutil.walk_packages(stagemap.__path__, "stagemap."):
        if not module.name.endswith("__main__"):  # (running it runs the command line)
            importlib.import_module(module.name)
    assert len(MADE) > 200
    failed = []
    for pattern in MADE:
        try:
            pattern.compiled()
        except re.error as exc:
            failed.append((pattern.pattern, str(exc)))
    assert failed == []


def test_a_lazy_pattern_compiles_on_its_first_use_and_behaves_as_the_compiled_one() -> None:
    pattern = lazy(r"(?P<word>k\w+)", re.I)
    assert "sub" not in vars(pattern)  # nothing compiled yet
    assert pattern.pattern == r"(?P<word>k\w+)"
    assert pattern.sub("x", "Kettles and kilns") == "x and x"
    assert "sub" in vars(pattern) and "search" in vars(pattern)  # the compiled pattern's own, from now on
    found = pattern.search("a kiln")
    assert found is not None and found.group("word") == "kiln"
    assert [m.span() for m in pattern.finditer("kk ka")] == [(0, 2), (3, 5)]
    assert (pattern.flags & re.I, pattern.groups, dict(pattern.groupindex)) == (re.I, 1, {"word": 1})
    assert pattern.fullmatch("Kiln") and not pattern.match("a kiln")
    assert pattern.split("akbkc") == ["a", "kbkc", ""]
