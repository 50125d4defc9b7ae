"""Cards on MDX sites: a component named ``Card`` or ending in ``Card`` with a title and a link."""

from __future__ import annotations

from stagemap.render.dialects import clean


def test_a_card_with_a_title_a_link_and_text_keeps_its_title() -> None:
    """A card holding a line of text showed that text as the link and lost its title, which the
    live card shows over its text (Starlight's and Fumadocs' ``<Card>``, a Docusaurus site's own)."""
    text = '<Card title="Plan a route" href="/routes/">Pick stops in two minutes.</Card>\n'
    for generator in ("docusaurus", "astro", "gatsby"):
        assert (
            clean(text, ".mdx", generator) == "[**Plan a route**](/routes/)\n\nPick stops in two minutes.\n"
        )
    spread = '<Card\n  title="Plan a route"\n  to="/routes/"\n>\n  Pick stops in two minutes.\n</Card>\n'
    assert (
        clean(spread, ".mdx", "docusaurus") == "[**Plan a route**](/routes/)\n\nPick stops in two minutes.\n"
    )


def test_a_card_holding_an_image_shows_its_title_and_subtitle() -> None:
    """Gatsby Carbon's ``<FeatureCard title subTitle href>`` around an image showed the image as
    the link, and neither the title nor the subtitle the live card prints beside it."""
    text = (
        '<FeatureCard title="Fleet view" subTitle="Every van at a glance" href="/fleet/">\n\n'
        "![A map of vans](/img/vans.png)\n\n</FeatureCard>\n"
    )
    assert clean(text, ".mdx", "gatsby") == (
        "[**Fleet view**](/fleet/)\n\nEvery van at a glance\n\n![A map of vans](/img/vans.png)\n"
    )


def test_a_link_card_alone_shows_its_description() -> None:
    """Starlight's ``<LinkCard title href description />`` showed its title alone as a link."""
    text = '<LinkCard title="Pricing" href="/pricing/" description="Plans for every fleet." />\n'
    assert clean(text, ".mdx", "astro") == "[**Pricing**](/pricing/)\n\nPlans for every fleet.\n"


def test_what_is_no_card_with_a_title_and_a_link_reads_as_before() -> None:
    """A card with no link keeps its title over its text; a link component's ``title`` is its
    tooltip, not shown; a card without a title is a link of its text."""
    assert (
        clean('<Card title="Support">Write to us.</Card>\n', ".mdx", "astro")
        == "**Support**\n\nWrite to us.\n"
    )
    assert clean('<Link to="/x/" title="Opens the map">Map</Link>\n', ".mdx", "docusaurus") == "[Map](/x/)\n"
    assert clean('<Card href="/x/">Map</Card>\n', ".mdx", "docusaurus") == "[Map](/x/)\n"
    assert clean('<Cardigan title="Wool" href="/w/">Warm.</Cardigan>\n', ".mdx", "gatsby") == "[Warm.](/w/)\n"


def test_a_cards_description_shows_as_written() -> None:
    """Review R4 of b01ceb9: a description put on a paragraph of its own became a list, a rule or
    a heading where it opened as one does ('1. Install the CLI', '---', '# x')."""
    for description, shown in (
        ("1. Install the CLI", "1\\. Install the CLI"),
        ("- dash", "\\- dash"),
        ("# x", "\\# x"),
    ):
        text = f'<LinkCard title="Start" href="/start/" description="{description}" />\n'
        assert clean(text, ".mdx", "astro") == f"[**Start**](/start/)\n\n{shown}\n"
