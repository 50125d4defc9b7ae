"""A site's own keys: aliases of stagemap fields, generator presets, and which keys are near misses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.errors import ConfigError
from stagemap.model.library import Vocabulary
from stagemap.model.settings import ReadRules
from stagemap.read.assets import parse_asset
from stagemap.read.settings import config_from_data
from tests.conftest import write

VOCAB = Vocabulary(stages=("awareness", "evaluation"), questions=("problems", "risk"), personas=())


def rules(generator: str, **settings: object) -> ReadRules:
    return config_from_data(Path("/tmp"), {"generator": generator, **settings}).rules


def read(text: str, generator: str = "hugo", **settings: object):  # type: ignore[no-untyped-def]
    return parse_asset("c/x.md", "x", text.encode(), VOCAB, rules(generator, **settings))


def test_aliases_fill_fields_the_file_does_not_set() -> None:
    asset, found = read(
        "---\nname: Ana Ferreira\nauthor: [Ana, Tom]\ndescription: Founder\n"
        "lastmod: 2024-05-01T10:00:00Z\ndate: 2023-01-01\ndraft: true\n---\n"
    )
    assert found == [] and asset is not None
    assert (asset.title, asset.owner, asset.summary, str(asset.updated), asset.status) == (
        "Ana Ferreira",
        "Ana, Tom",
        "Founder",
        "2024-05-01",
        "draft",
    )
    assert asset.stages == () and asset.questions == ()
    assert asset.extra["name"] == "Ana Ferreira"


def test_aliases_never_win_over_the_field_itself() -> None:
    asset, _ = read("---\ntitle: Mine\nTitle: Theirs\nstatus: review\ndraft: true\n---\n")
    assert asset is not None and (asset.title, asset.status) == ("Mine", "review")


def test_aliases_toml_dates_and_published_false() -> None:
    asset, found = read('+++\ntitle = "T"\ndate = 2024-03-08T09:00:00Z\npublished = false\n+++\n', "jekyll")
    assert found == [] and asset is not None
    assert (str(asset.updated), asset.status) == ("2024-03-08", "draft")


def test_aliases_a_published_date_is_no_status() -> None:
    """Vitess's site (Hugo): 'published: 2021-04-01T10:00:00-07:00', Hugo's alias of publishDate,
    was 'unknown status' on 16 pages, each then left out."""
    for value in ("2021-04-01T10:00:00-07:00", "2021-04-01", "'2021-04-01 10:00'"):
        asset, found = read(f"---\ntitle: Spring\npublished: {value}\n---\n", "hugo")
        assert found == [] and asset is not None and asset.status == "published", value


def test_aliases_hugo_expiry_date_is_when_a_page_stops_counting() -> None:
    """Hugo leaves a page off the site once its expiryDate (or unpublishdate) has passed: it
    was counted as coverage for ever. It is now the page's review date; no other site has it."""
    for key in ("expiryDate", "ExpiryDate", "unpublishdate"):
        asset, found = read(f"---\ntitle: Spring offer\ndate: 2026-03-01\n{key}: 2026-06-30T00:00:00Z\n---\n")
        assert found == [] and asset is not None, key
        # Past on the day itself (a review: Hugo leaves the page out once that moment has passed).
        assert (str(asset.review_by), asset.origin("review_by")) == ("2026-06-29", (("line", 4),)), key
        assert asset.is_eligible(dt.date(2026, 6, 29)) and not asset.is_eligible(dt.date(2026, 6, 30))
    # A second review: a time of day keeps the page on the site that day; no date, no review date.
    for value, review in (
        ("2026-06-30T18:00:00", "2026-06-30"),
        ("2025-02-30", "None"),
        ("0001-01-01", "None"),
        ("'June 30, 2026'", "2026-06-29"),  # a date alone, written with its month's name
    ):
        asset, found = read(f"---\ntitle: Offer\nexpiryDate: {value}\n---\n")
        assert found == [] and asset is not None and str(asset.review_by) == review, value
    for generator, settings in (("jekyll", {}), ("hugo", {"aliases": {"review_by": []}})):
        asset, _ = read("---\ntitle: Spring offer\nexpiryDate: 2026-06-30\n---\n", generator, **settings)
        assert asset is not None and asset.review_by is None, generator


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ('"Jul 08 2022"', "2022-07-08"),
        ("Aug 25 2023", "2023-08-25"),
        ("'July 8, 2022'", "2022-07-08"),
        ("8 July 2022", "2022-07-08"),
        ("'Fri, 08 Jul 2022 10:00:00 GMT'", "2022-07-08"),
        ("'March 1st, 2020'", "2020-03-01"),
        ("31 Jun 2021", "None"),
        ("Mayo 3 2020", "None"),
    ],
)
def test_aliases_read_a_date_written_with_its_months_name(value: str, date: str) -> None:
    """astro-nomy (Astro's blog starter writes dates so): 'pubDate: Jul 08 2022' on 8 of 18
    pages was no date at all, which Astro reads as one."""
    asset, found = read(f"---\ntitle: Notes\npubDate: {value}\n---\nText.\n", "astro")
    assert found == [] and asset is not None and str(asset.updated) == date


def test_a_title_is_shown_as_its_site_shows_it() -> None:
    """v8.dev (Eleventy) titles 35 pages with HTML ('<i>Elements kinds</i> in V8'), which its
    layout puts into the page as markup: stagemap showed the tags. Jekyll's and Eleventy's
    layouts do so; Hugo's escape a title, so there the reader sees the tags as written. ESLint's
    home page titled by an <h1> holding only a template's output is titled by its name."""
    for generator, title in (
        ("eleventy", "Elements kinds & more in V8"),
        ("jekyll", "Elements kinds & more in V8"),
    ):
        asset, _ = read("---\ntitle: '<i>Elements kinds</i> &amp; more in V8'\n---\nText.\n", generator)
        assert asset is not None and asset.title == title, generator
    asset, _ = read("---\ntitle: '<i>Kinds</i> &amp; more'\n---\nText.\n", "hugo")
    assert asset is not None and asset.title == "<i>Kinds</i> &amp; more"
    asset, _ = read("---\nlayout: home\n---\n<h1>{{ site.homepage.title }}</h1>\n<p>Hi.</p>\n", "eleventy")
    assert asset is not None and asset.title == "X"


def test_aliases_leave_unusable_values_alone() -> None:
    asset, found = read(
        "---\ntitle: T\ndate: sometime in May\nauthors: {email: a@b.example}\ndraft: false\n---\n"
    )
    assert found == [] and asset is not None
    assert (asset.updated, asset.owner, asset.status) == (None, "", "published")


def test_aliases_an_author_written_as_a_mapping_is_its_name() -> None:
    """Harbor's blog posts write ``author: {name: Harbor Team, company: ...}``: no owner was
    read, as a mapping was no usable value. A mapping's name is the owner, a list's names joined."""
    for given, owner in (
        ("author:\n  name: Ana Ferreira\n  company: Tallyvan", "Ana Ferreira"),
        ("authors:\n  - name: Ana\n    link: /team/ana/\n  - Tom\n  - {email: x@y.example}", "Ana, Tom"),
        ("Author: {name: '  Tom  '}", "Tom"),
        ("author: {name: [Ana]}", ""),
    ):
        asset, found = read(f"---\ntitle: T\n{given}\n---\nText.\n")
        assert found == [] and asset is not None
        assert asset.owner == owner, given


def test_aliases_setting_replaces_a_preset_list() -> None:
    asset, _ = read("---\nheadline: H\nname: N\n---\n", aliases={"title": ["headline"]})
    assert asset is not None and asset.title == "H"


def test_aliases_setting_rejects_unknown_fields() -> None:
    with pytest.raises(ConfigError, match="unknown field 'titel' \\(did you mean 'title'\\?\\)"):
        config_from_data(Path("/tmp"), {"aliases": {"titel": ["name"]}})


def test_aliases_title_falls_back_to_the_first_heading_with_a_generator() -> None:
    asset, found = read("---\nsidebar_position: 2\n---\n\nIntro.\n\n# Booking page\n", "docusaurus")
    assert found == [] and asset is not None and asset.title == "Booking page"


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("# First steps { #first-steps }\n", "First steps"),  # MkDocs' attr_list, Hugo
        ("# Pricing {: .lead #pricing}\n", "Pricing"),  # kramdown
        ('# Changelog { id="top" data-toc-label="Log" }\n', "Changelog"),  # as the heading's anchor reads it
        ("# Sets {a, b}\n", "Sets {a, b}"),  # braces that are no attribute list
        ("# Using **Fernhill** with `csv` files ##\n", "Using Fernhill with csv files"),
        ("# [Price list](prices.md) for *2026*\n", "Price list for 2026"),
        ("# Parts &amp; labour <small>(UK)</small>\n", "Parts & labour (UK)"),
        ("# snake_case_name and 2 * 3 * 4\n", "snake_case_name and 2 * 3 * 4"),
        ("# 100\\% on time\n", "100% on time"),
        ("```sh\n# copy the jobs\ncp a b\n```\n\n# Moving jobs\n", "Moving jobs"),
        ("~~~\n# not this\n~~~~\n#\n    # nor this\n# This one\n", "This one"),
        ("# The `<div>` element &amp; `&amp;`\n", "The <div> element & &amp;"),  # code as written
        ("# `<Head>`\n# Props\n", "<Head>"),
        ("# C# ##\n# No\n", "C#"),
        # Code a template tag shows: a comment in it is no heading (Ruby's site titled a page so).
        ("{% highlight python %}\n# print a greeting\n{% endhighlight %}\n# Greeting\n", "Greeting"),
        ("{{< highlight sh >}}\n# copy\n{{< /highlight >}}\n# Copying\n", "Copying"),
        ("{%- highlight ruby -%}# one line{%- endhighlight -%}\n# After\n", "After"),
    ],
)
def test_aliases_a_first_heading_titles_the_page_as_the_page_shows_it(body: str, title: str) -> None:
    asset, found = read(f"---\nweight: 2\n---\n{body}", "mkdocs")
    assert found == [] and asset is not None and asset.title == title


def test_aliases_none_without_a_generator() -> None:
    data = b"---\nname: N\nstages: [awareness]\nquestions: [risk]\n---\n"
    asset, found = parse_asset("c/x.md", "x", data, VOCAB)
    assert asset is None
    assert [p.code for p in found] == ["missing-title"]


USUAL_KEYS = {
    "hugo": ["tags", "categories", "slug", "aliases", "weight", "lastmod", "draft", "linkTitle",
             "menu", "resources", "publishDate", "expiryDate", "series", "Title", "url", "subTitle", "jobTitle"],
    "jekyll": ["tags", "categories", "permalink", "layout", "published", "last_modified_at", "redirect_from",
               "excerpt"],
    "docusaurus": ["tags", "slug", "sidebar_position", "sidebar_label", "authors", "hide_table_of_contents",
                   "image", "keywords", "description", "pagination_next", "unlisted"],
    "gatsby": ["tags", "date", "templateKey", "featuredImage", "path", "description"],
    "astro": ["tags", "pubDate", "updatedDate", "heroImage", "description", "layout", "draft"],
    "mkdocs": ["tags", "hide", "icon", "search", "subtitle", "template", "description"],
}  # fmt: skip


@pytest.mark.parametrize("generator", sorted(USUAL_KEYS))
def test_aliases_a_generators_usual_keys_are_never_near_misses(generator: str) -> None:
    text = "---\ntitle: T\n" + "".join(f"{key}: x\n" for key in USUAL_KEYS[generator]) + "---\n"
    _, found = read(text, generator)
    assert [p for p in found if p.code == "unknown-field"] == []


def test_aliases_real_typos_are_still_near_misses_with_a_generator() -> None:
    _, found = read("---\ntitle: T\nstauts: draft\nstage: [awareness]\nqestions: [risk]\n---\n")
    assert [p.message for p in found] == [
        "unknown field 'stauts'",
        "unknown field 'stage'",
        "unknown field 'qestions'",
    ]


def test_aliases_hugo_reads_keys_in_any_case() -> None:
    """Hugo lower-cases front matter keys as it reads them: ``Status: draft`` is the page's status."""
    text = "---\nLinkTitle: Pricing\nStatus: draft\nSTAGES: [awareness, nowhere]\nCategory: x\n---\n"
    asset, found = read(text)
    assert asset is not None and (asset.title, asset.status, asset.stages) == (
        "Pricing",
        "draft",
        ("awareness",),
    )
    assert [p.format() for p in found] == [
        "c/x.md:4:21: error: unknown stage 'nowhere' (valid: awareness, evaluation)"
    ]
    assert (
        asset.extra["Category"] == "x" and "LinkTitle" not in asset.extra
    )  # ours spelt ours, the site's its own
    asset, _ = read("---\nlinktitle: Rota\n---\n")  # all lower case: Hugo's linkTitle too (a review)
    assert asset is not None and asset.title == "Rota"
    asset, found = read(text, "jekyll")
    assert asset is not None and (asset.title, asset.status, asset.stages) == ("X", "published", ())
    assert [p.message for p in found] == ["unknown field 'Status'", "unknown field 'STAGES'"]


def test_aliases_hugo_page_spelling_a_key_twice_keeps_its_own() -> None:
    asset, found = read("---\ntitle: T\nstatus: review\nStatus: draft\n---\n")
    assert asset is not None and asset.status == "review"
    assert [p.format() for p in found] == [
        "c/x.md:4:1: warning: unknown field 'Status' (did you mean 'status'?)"
    ]


def test_aliases_known_keys_setting_silences_a_key() -> None:
    _, found = read("---\ntitle: T\nstatuss: x\n---\n", known_keys=["statuss"])
    assert found == []


def test_aliases_without_a_generator_tags_is_still_a_near_miss() -> None:
    data = b"---\ntitle: T\nstages: [awareness]\nquestions: [risk]\ntags: [x]\n---\n"
    _, found = parse_asset("c/x.md", "x", data, VOCAB)
    assert [p.format() for p in found] == [
        "c/x.md:5:1: warning: unknown field 'tags' (did you mean 'stages'?)"
    ]


@pytest.mark.parametrize(
    "value",
    [
        "false",
        "{link: /start/, label: Start here}",
        "Read on",
        "setup.html",
        "/docs/setup/",
        "https://x.example/a",
    ],
)
def test_aliases_a_sites_own_next_is_no_hand_off(value: str) -> None:
    """Starlight's home page says ``next: false`` (no pagination link): it was an error, the page
    unread; Gatsby docs write ``next: setup.html``: 27 errors on React's old site."""
    asset, found = read(f"---\ntitle: Home\nnext: {value}\n---\n", "astro")
    assert found == [] and asset is not None and asset.next == ""
    asset, found = read("---\ntitle: Home\nnext: pricing\n---\n", "astro")
    assert asset is not None and asset.next == "pricing"


def test_aliases_a_next_that_is_not_text_is_an_error_in_stagemaps_own_format() -> None:
    data = b"---\ntitle: T\nstages: [awareness]\nquestions: [risk]\nnext: false\n---\n"
    _, found = parse_asset("c/x.md", "x", data, VOCAB)
    assert [(p.line, p.col, p.message) for p in found] == [(5, 7, "'next' must be text, not true/false")]


@pytest.mark.parametrize(
    ("lines", "day"),
    [
        ("updated_at: 2026-06-18T14:21:30.000Z\ncreated_at: 2025-04-26T01:11:37.156Z", "2026-06-18"),
        ("createdAt: 2025-04-26\npublishedAt: 2025-05-02", "2025-05-02"),
        ("pubDatetime: 2024-01-09T10:00:00Z\nmodDatetime: 2024-03-01T08:00:00Z", "2024-03-01"),
        ("lastUpdated: 2025-11-30\ndate: 2025-01-01", "2025-11-30"),
        ("last_update:\n  date: 2025-02-03\n  author: Ana", "2025-02-03"),
        ("lastUpdated: true\npubDate: 2024-07-07", "2024-07-07"),
    ],
)
def test_aliases_read_the_dates_sites_and_cms_exports_write(lines: str, day: str) -> None:
    asset, found = read(f"---\ntitle: T\n{lines}\n---\n", "astro")
    assert found == [] and asset is not None
    assert str(asset.updated) == day


def test_aliases_an_astro_posts_publish_date_is_its_date() -> None:
    """Astro Cactus's collection schema requires publishDate (updatedDate optional): 4 of its 9
    pages said 'Updated: not set'. On Astro it dates the page, after updatedDate; on Hugo it
    stays the day the page goes up, not a date it changed."""
    for lines, day in (
        ("publishDate: 2025-03-04", "2025-03-04"),
        ("publishDate: '12 June 2024'", "2024-06-12"),
        ("publishDate: 2025-03-04\nupdatedDate: 2025-09-10", "2025-09-10"),
    ):
        asset, found = read(f"---\ntitle: T\n{lines}\n---\n", "astro")
        assert found == [] and asset is not None and str(asset.updated) == day, lines
    asset, found = read("---\ntitle: T\npublishDate: 2025-03-04\n---\n", "hugo")
    assert found == [] and asset is not None
    assert (asset.updated, str(asset.publish_on)) == (None, "2025-03-04")


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("/blog/2024/05/01/route-planning", "/blog/2024/05/01/route-planning"),
        ("images/van.png", ""),
        ("", ""),
    ],
)
def test_aliases_a_gatsby_pages_path_is_its_route(value: str, url: str) -> None:
    """Cilium's posts (Gatsby) say ``path: '/blog/2018/04/02/...'`` and gatsby-node.js makes each
    page at it: no post had an address. Only a route (``/...``) is read as one."""
    asset, found = read(f"---\ntitle: T\npath: '{value}'\n---\n", "gatsby")
    assert found == [] and asset is not None and asset.url == url
    asset, _ = read(f"---\ntitle: T\npath: '{value}'\nurl: /mine/\n---\n", "gatsby")
    assert asset is not None and asset.url == "/mine/"  # (the field itself wins)


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "docusaurus", "astro", "mkdocs", "eleventy"])
def test_aliases_path_is_a_route_on_gatsby_sites_only(generator: str) -> None:
    asset, _ = read("---\ntitle: T\npath: /blog/a/\n---\n", generator)
    assert asset is not None and asset.url == ""


@pytest.mark.parametrize(
    ("key", "reported_otherwise"),
    [
        ("ogSummary", True),
        ("og_summary", True),
        ("SEOTitle", True),
        ("cardStages", True),
        ("seo-title", False),
    ],
)
def test_aliases_a_key_joining_a_word_to_a_fields_name_is_no_near_miss(
    key: str, reported_otherwise: bool
) -> None:
    """Cilium's 707 pages each say ``ogSummary`` (the summary link previews show): each was a
    warning, 'did you mean summary?'. Without a generator the looser rule still reports it."""
    _, found = read(f"---\ntitle: T\n{key}: Text\n---\n", "gatsby")
    assert found == []
    data = f"---\ntitle: T\nstages: [awareness]\nquestions: [risk]\n{key}: Text\n---\n".encode()
    _, found = parse_asset("c/x.md", "x", data, VOCAB)
    assert [p.code for p in found] == (["unknown-field"] if reported_otherwise else [])


@pytest.mark.parametrize("value", ["Completed", "DONE", "final"])
def test_aliases_a_sites_own_word_for_a_finished_page_is_not_stagemaps_status(value: str) -> None:
    """The CNCF glossary (Hugo) says 'status: Completed' on its pages (its own workflow): each
    was an error, 'unknown status', and every page a draft that counted as no coverage."""
    asset, found = read(f"---\ntitle: T\nstatus: {value}\n---\n")
    assert found == [] and asset is not None and asset.status == "published"
    # A misspelling of stagemap's own is still an error; so is any unknown status without a generator.
    _, found = read("---\ntitle: T\nstatus: pubished\n---\n")
    assert [(p.message, p.hint) for p in found] == [
        ("unknown status 'pubished'", "did you mean 'published'?")
    ]
    data = f"---\ntitle: T\nstages: [awareness]\nquestions: [risk]\nstatus: {value}\n---\n".encode()
    _, found = parse_asset("c/x.md", "x", data, VOCAB)
    assert [p.code for p in found] == ["unknown-status"]


@pytest.mark.parametrize(
    "value", ["DRAFT", "WIP", "in progress", "Deprecated", "archived", "Feedback Appreciated"]
)
def test_aliases_a_sites_status_that_may_mean_not_to_send_stays_an_error(value: str) -> None:
    """A review found 'DRAFT', 'WIP' and 'archived' read as published, with no word."""
    asset, found = read(f"---\ntitle: T\nstatus: {value}\n---\n")
    assert [p.code for p in found] == ["unknown-status"] and asset is not None and asset.status == "draft"


def test_aliases_an_mkdocs_page_is_titled_by_title_alone() -> None:
    """Knative's blog writes 'Title:' in YAML: MkDocs reads 'title' alone (a meta-data line's
    key in any case), else the first heading; TOML is no front matter there."""
    for head, title in [
        ("---\nname: Rosa Field\nlinkTitle: Rosa\n---\n# Meet our grower\n", "Meet our grower"),
        ("Title: Meta title\n\n# Heading\n", "Meta title"),
        ('+++\ntitle = "Toml title"\n+++\n# Markdown heading\n', "Markdown heading"),
    ]:
        asset, found = read(head, "mkdocs")
        assert found == [] and asset is not None and asset.title == title, head
    # A 'Title:' MkDocs passes over is worth a word: the page's title is not the one meant.
    asset, found = read("---\nTitle: Big harvest news\n---\n# Harvest update\n", "mkdocs")
    assert asset is not None and asset.title == "Harvest update"
    assert [(p.message, p.hint) for p in found] == [("unknown field 'Title'", "did you mean 'title'?")]
    asset, _ = read("---\nTitle: Big harvest news\n---\n# Harvest update\n", "hugo")
    assert asset is not None and asset.title == "Big harvest news"  # Hugo reads keys in any case


def test_a_jekyll_document_without_a_title_is_titled_as_jekyll_titles_it(tmp_path: Path) -> None:
    """al-folio's news and Minimal Mistakes' posts have no title: Jekyll titles a post or a
    collection's document by its name, each word capitalized ('River Walk Notes'), not by a
    heading in it; a page with none is titled by its heading, else its name, as before."""
    root = tmp_path / "site"
    write(
        root,
        {
            "_config.yml": "url: https://j.example\ncollections:\n  notes: {output: true}\n",
            "_posts/2024-03-05-river-walk-notes.md": "---\nlayout: post\n---\n# A heading inside\n",
            "_notes/pruning_tips.md": "---\nlayout: note\n---\nCut in winter.\n",
            "about.md": "---\nlayout: page\n---\n# About the orchard\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    library = stagemap.load_project(root).library
    assert {a.path: a.title for a in library.assets} == {
        "_notes/pruning_tips.md": "Pruning_tips",
        "_posts/2024-03-05-river-walk-notes.md": "River Walk Notes",
        "about.md": "About the orchard",
    }


@pytest.mark.parametrize(
    ("generator", "updated", "problems"),
    [
        ("docusaurus", dt.date(2017, 3, 1), []),  # js-yaml: JavaScript's Date runs on into March
        ("eleventy", dt.date(2017, 3, 1), []),
        ("hugo", None, ["'updated' is not a real date: 2017-02-29"]),  # Go refuses it: so does Hugo
    ],
)
def test_a_day_its_month_lacks_is_read_as_the_sites_yaml_reads_it(
    generator: str, updated: dt.date | None, problems: list[str]
) -> None:
    """Two of Babel's posts are dated 2017-02-29: Docusaurus builds them (dated 1 March), and
    stagemap refused the date with an error, so check failed on the site."""
    rules = config_from_data(Path("/tmp"), {"generator": generator}).rules
    text = "---\ntitle: Leap\ndate: 2017-02-29 10:00:00\n---\nText.\n"
    asset, found = parse_asset(
        "blog/leap.md", "leap", text.encode(), Vocabulary(("awareness",), ("risk",), ()), rules
    )
    assert asset is not None and asset.updated == updated
    assert [p.message for p in found if p.severity == "error"] == problems


def test_aliases_a_page_dated_ahead_is_scheduled_until_its_day() -> None:
    """Hugo builds no page whose publishDate (else date) is still ahead, Jekyll no post or
    collection document dated ahead: such a page was counted, listed and offered to buyers as
    published while its link led nowhere. It is now scheduled until that day."""
    for text, day in (
        ("publishDate: 2027-01-15T09:00:00Z\ndate: 2026-11-01\n", "2027-01-15"),
        ("date: 2027-02-01\n", "2027-02-01"),
        ("PublishDate: 2027-03-01\n", "2027-03-01"),
        ("published: true\n", "None"),
    ):
        asset, found = read(f"---\ntitle: Launch\n{text}---\n")
        assert found == [] and asset is not None and str(asset.publish_on) == day, text
    asset, _ = read("---\ntitle: Launch\npublishDate: 2027-01-15\n---\n")
    assert asset is not None and asset.is_scheduled(dt.date(2027, 1, 14))
    assert not asset.is_eligible(dt.date(2027, 1, 14)) and asset.is_eligible(dt.date(2027, 1, 15))
    jekyll = rules("jekyll")
    for rel, text, day in (
        ("_posts/2027-01-15-launch.md", "", "2027-01-15"),
        ("_posts/2027-01-15-launch.md", "date: 2027-01-20 10:00:00 +0100\n", "2027-01-20"),
        ("_guides/setup.md", "date: 2027-02-02\n", "2027-02-02"),
        ("about.md", "date: 2027-01-15\n", "None"),  # a page: Jekyll writes it whatever its date
        ("about.md", "publish_on: 2027-01-15\n", "2027-01-15"),  # the field itself, anywhere
    ):
        asset, found = parse_asset(rel, "x", f"---\ntitle: Launch\n{text}---\n".encode(), VOCAB, jekyll)
        assert found == [] and asset is not None and str(asset.publish_on) == day, (rel, text)
    # A site that publishes pages dated ahead says so; stagemap's own format reads the field alone.
    asset, _ = read("---\ntitle: Launch\ndate: 2027-02-01\n---\n", "hugo", aliases={"publish_on": []})
    assert asset is not None and asset.publish_on is None
    future = rules("jekyll", aliases={"publish_on": []})
    asset, _ = parse_asset("_posts/2027-01-15-launch.md", "x", b"---\ntitle: L\n---\n", VOCAB, future)
    assert asset is not None and asset.publish_on is None and str(asset.updated) == "2027-01-15"
    own = "---\ntitle: L\nstages: [awareness]\nquestions: [risk]\npublish_on: 2027-01-15\n---\n"
    asset, found = parse_asset("c/x.md", "x", own.encode(), VOCAB, rules(""))
    assert found == [] and asset is not None and str(asset.publish_on) == "2027-01-15"


def test_a_scheduled_page_is_listed_so_and_does_not_count(tmp_path: Path) -> None:
    """A Jekyll post dated ahead: `list` says scheduled, the report leaves it out of coverage
    and says why a next step leading to it is broken."""
    write(
        tmp_path,
        {
            "_config.yml": "title: Fern\n",
            "stagemap.yml": "name: Fern\ngenerator: jekyll\nsources:\n  - path: _posts\n    url: /{slug}/\n",
            "_posts/2020-01-01-old.md": "---\ntitle: Old\nstages: [awareness]\nquestions: [problems]\n"
            "next: 2099-01-01-later\n---\nText.\n",
            "_posts/2099-01-01-later.md": "---\ntitle: Later\nstages: [awareness]\nquestions: [problems]\n---\nText.\n",
        },
    )
    runner = CliRunner()
    listed = runner.invoke(cli, ["-C", str(tmp_path), "list", "--format", "json"])
    assert [(a["status"], a["publish_on"]) for a in json.loads(listed.stdout)["assets"]] == [
        ("published", "2020-01-01"),
        ("published", "2099-01-01"),
    ]
    table = runner.invoke(cli, ["-C", str(tmp_path), "list", "--as-of", "2026-12-06"]).stdout
    assert [line.split()[1] for line in table.splitlines()[1:]] == ["published", "scheduled"]
    report = runner.invoke(cli, ["-C", str(tmp_path), "report", "--format", "json", "--as-of", "2026-12-06"])
    data = json.loads(report.stdout)
    assert data["assets"] == {"total": 2, "eligible": 1}
    assert [(n["asset"], n["reason"]) for n in data["broken_next"]] == [("2020-01-01-old", "scheduled")]


def test_a_site_that_publishes_pages_dated_ahead_schedules_none(tmp_path: Path) -> None:
    """A review of the scheduled pages: a Jekyll site with future: true (academicpages' upcoming
    talks), one built with the github-pages gem (whose defaults say future: true) and a Hugo site
    with buildFuture = true publish pages dated ahead at once; they were scheduled. init now says
    so with aliases: {publish_on: []}. A page in _pages/ (brought in by include) is no document:
    Jekyll writes it whatever its date says."""
    post = "---\ntitle: Talk\nstages: [awareness]\nquestions: [problems]\ndate: 2099-03-01\n---\nx\n"
    sites = {
        "jekyll-future": {"_config.yml": "title: J\nfuture: true\n", "_posts/2099-03-01-talk.md": post},
        "jekyll-pages-gem": {
            "_config.yml": "title: J\n",
            "Gemfile": 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n',
            "_posts/2099-03-01-talk.md": post,
        },
        "hugo-build-future": {"hugo.toml": 'title = "H"\nbuildFuture = true\n', "content/talk.md": post},
    }
    for name, files in sites.items():
        root = write(tmp_path / name, files)
        assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0, name
        assert "aliases:\n  publish_on: []\n" in (root / "stagemap.yml").read_text(), name
        assert [a.publish_on for a in stagemap.load_project(root).library.assets] == [None], name
    root = write(
        tmp_path / "plain",
        {
            "_config.yml": "title: J\ninclude: [_pages]\n",
            "Gemfile": 'gem "jekyll", "~> 4.3"\n',
            "_posts/2099-03-01-talk.md": post,
            "_pages/about.md": post.replace("Talk", "About"),
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert "publish_on" not in (root / "stagemap.yml").read_text()
    assert {a.path: str(a.publish_on) for a in stagemap.load_project(root).library.assets} == {
        "_pages/about.md": "None",
        "_posts/2099-03-01-talk.md": "2099-03-01",
    }
