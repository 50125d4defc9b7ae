"""Which ``<...>`` is an HTML tag on a page that is no MDX: CommonMark's tag names alone."""

from __future__ import annotations

import pytest

from stagemap.render import dialects

BODY = "Type login <host_name> then <kbd>Enter</kbd>, or <a_b c='d'>x</a_b>.\n\n<div>\n<host_name>\n\n*x*\n</div>\n"


@pytest.mark.parametrize(
    ("generator", "made"),
    [
        ("hugo", "Type login <host_name> then Enter, or <a_b c='d'>x</a_b>.\n\n<host_name>\n\n*x*\n"),
        ("jekyll", "Type login <host_name> then Enter, or <a_b c='d'>x</a_b>.\n\n\\*x\\*\n"),
        ("mkdocs", "Type login <host_name> then Enter, or <a_b c='d'>x</a_b>.\n\n\\*x\\*\n"),
    ],
)
def test_a_name_with_an_underscore_is_text_not_a_tag(generator: str, made: str) -> None:
    """A Hugo site's login page says 'login <host_name>': goldmark shows it as text, since a
    tag's name is letters, digits and hyphens (CommonMark), and stagemap dropped it as a tag,
    leaving 'login  then'. Only on a page read as MDX is it an element (JSX allows ``_``)."""
    assert dialects.clean(BODY, ".md", generator, {}, html=True) == made


def test_in_mdx_a_name_with_an_underscore_is_still_an_element() -> None:
    assert dialects.clean("Use <host_name> here.\n", ".mdx", "docusaurus", {}) == "Use  here.\n"
