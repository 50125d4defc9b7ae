"""Repeated headings are numbered as the generator numbers them, in time growing with their number."""

from __future__ import annotations

import time

from stagemap.render import markdown
from stagemap.render.headingids import Taken, numbered, site_slug, toc


def test_a_heading_repeated_in_every_release_is_numbered_in_linear_time() -> None:
    # Numbering each repeat from -1 again took time growing with the square of their number.
    for slugs, last in ((site_slug, "h-fixed-29999"), (toc, "h-fixed_29999")):
        used = Taken()
        start = time.process_time()
        ids = [numbered("fixed", used, slugs) for _ in range(30_000)]
        assert time.process_time() - start < 1.0
        assert ids[-1] == last
        assert len(set(ids)) == 30_000


def test_numbering_goes_round_ids_other_headings_took() -> None:
    used = Taken()
    names = ["fixed", "fixed-1", "fixed", "fixed", "fixed-3", "fixed", "fixed-1"]
    assert [numbered(n, used, site_slug) for n in names] == [
        "h-fixed",
        "h-fixed-1",
        "h-fixed-2",
        "h-fixed-3",
        "h-fixed-3-1",
        "h-fixed-4",
        "h-fixed-1-1",
    ]
    used = Taken()
    names = ["fixed", "fixed_1", "fixed", "fixed", "", "", "fixed_1"]
    assert [numbered(n, used, toc) for n in names] == [
        "h-fixed",
        "h-fixed_1",
        "h-fixed_2",
        "h-fixed_3",
        "h-_1",
        "h-_2",
        "h-fixed_4",
    ]


def test_a_body_numbers_repeated_headings_as_before() -> None:
    body = "## Fixed\n\n## Fixed 1\n\n## Fixed\n\n## Fixed\n"
    assert [h.id for h in markdown.render(body).headings] == [
        "h-fixed",
        "h-fixed-1",
        "h-fixed-2",
        "h-fixed-3",
    ]
