"""`Latest` keeps one answer: found again for the same objects (and equal days), made anew otherwise."""

from __future__ import annotations

import datetime as dt

from stagemap.analyse.latest import Latest


def test_latest_answers_again_for_the_same_objects_and_an_equal_day() -> None:
    latest: Latest[list[int]] = Latest()
    made: list[int] = []
    library = object()

    def make() -> list[int]:
        made.append(1)
        return [len(made)]

    first = latest.get((library, dt.date(2026, 12, 3)), make)
    assert latest.get((library, dt.date(2026, 12, 3)), make) is first  # an equal day, another object
    assert made == [1]


def test_latest_makes_anew_for_an_equal_but_other_object_and_keeps_only_the_latest() -> None:
    latest: Latest[str] = Latest()
    one, two = ["a", "b"], ["a", "b"]  # equal, not the same: a library read again is looked at again
    assert latest.get((one,), lambda: "one") == "one"
    assert latest.get((two,), lambda: "two") == "two"
    assert latest.get((one,), lambda: "one again") == "one again"
    assert latest.get((one, 1), lambda: "with a flag") == "with a flag"
