"""Links in bodies that match nothing here go to the public site, as written."""

from __future__ import annotations

from stagemap.analyse.routes import Routes
from stagemap.render.links import BodyLinks

ROUTES = Routes(roots=(".",), base="https://ex.com/", extensions=(".md",))


def public(source: str, url: str) -> str | None:
    return BodyLinks(source, "assets/x.html", {}, {}, (), ROUTES)(url)


def test_links_public_keep_their_query_and_fragment() -> None:
    assert public("blog/a.md", "/pricing/?plan=pro&utm_source=kit#x") == (
        "https://ex.com/pricing/?plan=pro&utm_source=kit#x"
    )
    assert public("blog/a.md", "/pricing/") == "https://ex.com/pricing/"


def test_links_public_from_the_content_root_have_one_slash() -> None:
    assert public("a.md", "pricing/") == "https://ex.com/pricing/"
    assert public("blog/a.md", "pricing/") == "https://ex.com/blog/pricing/"
