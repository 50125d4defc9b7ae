"""The compiled path (cmark-gfm) renders exactly what the token path (markdown-it-py) renders.

markdown-it-py is the reference. For every body below, the compiled path either gives the
token path's bytes or declines (and the token path renders it); these tests fail on any
third outcome. The fuzz is seeded, so a failure is reproducible; docs/markdown.md gives its
figures over larger runs.
"""

from __future__ import annotations

import importlib.util
import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stagemap.render import bodylinks, cmark, dialects, markdown
from tests.conftest import ROOT
from tests.test_read_sites import SITE_NAMES, expected, read_site

pytestmark = pytest.mark.skipif(not cmark.available, reason="cmarkgfm has no wheel for this platform")

_spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks/generate.py")
assert _spec is not None and _spec.loader is not None
_generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_generate)
body = _generate.body


def rewrite(url: str) -> str | None:
    return None if "missing" in url else "../pages/" + url


def token_path(text: str, **kwargs: object) -> markdown.Rendered:
    """Render with markdown-it-py alone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STAGEMAP_MARKDOWN", "python")
        return markdown.render(text, **kwargs)  # type: ignore[arg-type]


def compiled_or_none(text: str, title: str | None = "Asset 3") -> markdown.Rendered | None:
    """Render with cmark-gfm alone, or None where it declines (then finished as `render` finishes either path's)."""
    fast = markdown._fast_render(text, False, bodylinks.once(rewrite), 2, title)
    return markdown.finished(fast) if fast is not None else None


def agrees(text: str, title: str | None = "Asset 3") -> bool | None:
    """Return True if both paths agree, None if the compiled path declined, False otherwise."""
    fast = compiled_or_none(text, title)
    if fast is None:
        return None
    return fast == token_path(text, rewrite=rewrite, top=2, drop_title=title)


def sample_bodies() -> list[str]:
    return [
        p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in sorted((ROOT / "content").rglob("*.md"))
    ]


def benchmark_bodies(count: int = 200) -> list[str]:
    rng = random.Random(7)
    return [body(rng, f"Asset {i}", rng.randint(400, 1500)) + "\n" for i in range(count)]


# Pieces of Markdown syntax, strung together at random: the fuzz's alphabet.
PIECES = [
    "word", "two words", "*", "**", "_", "__", "`", "``", "~~", "~", "[", "]", "(", ")", "![",
    "](x.md)", "](https://e.com/a?b=c&d)", "](#Part)", "<", ">", "&amp;", "&copy;", "&#35;", "\\",
    "\\*", "#", "## ", "\n", "\n\n", "\n- ", "\n1. ", "\n> ", "\n    ", "\n```\n", "\n```py\n",
    "\n---\n", "\n===\n", " | ", "\n|---|:-:|\n", "\n| a | b |\n", "|", "  \n", "\t", "'", '"',
    "é", "http://x.y", "<http://a.b>", "[r]", "\n[r]: /u 'T'\n", "\n* ", "+", "-", "=", ":", ".",
    "1)", "<b>", "[l](missing.md)", "%20", "\n  ", "\n   - ",
    # Fences at the top level and further in, of either kind and length; beyond ASCII.
    "\n~~~\n", "\n````\n", "\n```\n    x\n```\n", "\n  ```\n", "\n   ~~~ js\n", "```", "\n``` a`b\n",
    "×", "\u00a0", "€", "\u3000",
]  # fmt: skip


def fuzz_body(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(5, 60))) + "\n"


def test_compiled_path_is_used_when_installed() -> None:
    assert markdown.compiled_enabled()
    assert compiled_or_none("# Asset 3\n\nText with [a link](x.md).\n") is not None


def test_compiled_path_is_off_with_the_environment_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGEMAP_MARKDOWN", "python")
    assert not markdown.compiled_enabled()
    assert compiled_or_none("Text\n") is None


def test_compiled_path_agrees_on_every_sample_body() -> None:
    results = [agrees(text) for text in sample_bodies()]
    assert False not in results
    assert results.count(None) <= 3  # declining is allowed, but the sample is ordinary Markdown


def test_compiled_path_agrees_on_the_whole_benchmark_corpus() -> None:
    assert [agrees(text) for text in benchmark_bodies()] == [True] * 200


HOSTILE = [
    "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)>\n",
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html;base64,AA)\n",
    "![i](data:image/png;base64,AAAA) ![j](file:///etc/passwd) <vbscript:msgbox(1)>\n",
    "[a](other.md) [b](missing.md) [c](sub/x.md#part) [d](#top) ![e](img.png)\n",
    "# Title\n\n## Title\n\n### Café & co `code`\n\nSetext\n===\n\n[up](#title)\n",
    "| a | b |\n|---|--:|\n| [l](x.md) | 2 |\n\n~~gone~~ and ~~~tilde fence\n~~~\n",
    "* one\n* two\n\n  > quote\n\n---\n\nline  \nbreak\n",
    "```python\n<b>not html</b>\n```\n\n    indented\n\n&copy; &amp; &#x41;\n",
    "<http://a.b> <mailto:x@y.z> [r]\n\n[r]: http://r.r 'title'\n",
    "[q](x.md?a=1&b='2') [p](a%20b.md) [u](https://bücher.example/) <https://xn--bcher-kva.example>\n",
    "~one~ ~~two~~ <!-- comment --> <?pi?> <![CDATA[x]]>\n",
    "![multi\nline alt](p.png) [](empty.md) [e]()\n",
    "> quote\n    lazy or code\n\n| not | a\n|---|---|\n\nx\n| h |\n|---|\n",
    "no final newline",
    "lone \ud800 surrogate\n",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("title", [None, "Title"])
def test_compiled_path_agrees_or_declines_on_hostile_input(text: str, title: str | None) -> None:
    assert agrees(text, title) is not False


def test_compiled_path_never_differs_on_seeded_fuzz() -> None:
    rng = random.Random(20261202)
    texts = [fuzz_body(rng) for _ in range(20000)]
    results = [agrees(text, None) for text in texts]
    differing = [text for text, same in zip(texts, results, strict=True) if same is False]
    assert differing == []
    assert results.count(True) >= 1450  # the fuzz exercises the compiled path, not only the fallback


FOUND_ON_REAL_SITES = [
    # 18F's posts: a no-break space ends a paragraph (markdown-it trims it, cmark-gfm keeps it).
    "We met for a four-hour workshop. \u00a0\n\nFirst, the ground rules.\n",
    "| \u00a0 | Cloud | Self-hosted |\n| --- | --- | --- |\n| Hosting | Easy | Yours |\n",
    # Eleventy's docs: emphasis by a symbol beyond ASCII, which only markdown-it counts as punctuation.
    "_×*[versions: shown on the live site]* releases total_\n",
    "Price: 5 €*per seat*.\n",
    # Capgo's blog: strong emphasis inside strong emphasis, one <strong> in cmark-gfm.
    "- **deployments are triggered __from release branches__** which may be production\n",
    "**a **b** c**\n",
    # Material for MkDocs' docs: a list's link definitions, indented below it after a blank
    # line, make its items paragraphs in markdown-it, not in cmark-gfm.
    "- [Title]\n- [Context]\n\n  [Title]: #title\n  [Context]: #context\n",
]
"""Bodies of real sites on which the two paths differed: the compiled path declines them."""


FOUND_BY_FUZZING = [
    " ```\nx\n```\n`a\n  b`\n",  # a fence a few spaces in: its closing line is no opening one
    "```|\n```\n`a\n  b`\n",
    "  ```js\ncode\n```\n- a\n\n  [b]: /x\n",
    "&#1;\n",
    "&#x7f;\n",
    "&#x80;\n",
    "&#11;\n",
    "&#xfdd0;\n",  # entities markdown-it writes as U+FFFD
    "a*\u2e43b*\n",
    "é*€b*\n",  # punctuation beyond ASCII, or two by one delimiter
    "***a **b** c***\n",
    "<***<a@b.c>__é,](x.md)www.x.y__>***](x.md)\n",
    "Use `` for this, then `a` and `b`.\n",  # a run of backticks no later run matches
    "**b*x*d*\n",
    "__&amp;!-_[<a@b.c>|_ http://x.y/a_b_&#65;!http://x.y/a_b_\n",
    "> > - [a]\n> > - b\n> >\n> >   [a]: #x\n",
    "[a]:\n[b]\n2)\n",
    "[r]:\n[(\n",
    "> a\nb\n    > c\n",
    "   - é\n)\n    #\n",
    "> `a\n>  b`\n",
    "| a |\n|---|\n|\n",
    "|\n|-\n|-\n",
    "| a\n|---|---|\n| *a | b* |\n--- | ---\n",
    "- ```\n\n- a\n",
    "\n| x |\n\n1. ```\n\n1. ×\n``` \n\n",
    '](&#65;)<a@b.c>[r]]~~<http://a.b>  \n[[  \né` `[[)](x.md)&#65;."\'__"[r]](x.md)\n',
    '|é"é\\&#65;](x.md)x` `&#65;![r]( -  \n\n\n[r]: /u\n\n',
    '\n.\n\n[r]: /u\n[r]["[r]].` `**_>  \n\n',
    # A link definition in the paragraph a table ends: cmark-gfm shows it as text (a later review).
    "[docs]: https://e.com/docs\n[See the docs][docs] for prices:\n| Plan | Price |\n| --- | --- |\n| Pro | 5 |\n",
    # A backslash break in a quote inside a quote (or a list), then a lazy line with spaces after
    # its one `>`: cmark-gfm keeps a space at that line's start (a later helper's fuzz).
    "> > Call us on Monday.\\\n>  Or write on Tuesday.\n",
    "> - Ask for Tamsin.\\\n>    She knows the route.\n",
    ">> > Our depot opens at six.\\\n> >   The vans leave at seven.\n",
    # A list item that is a rule, then its text after a blank line: a paragraph in markdown-it.
    "Our rounds.\n  North\n* ---\n\n  Tuesday and Friday.\n",
    "1. ***\n\n   Vans leave at seven.\n",
    # A rule that ends a list item, a blank line, then the next item: loose in markdown-it only.
    "1. Load the van.\n   ***\n\n2. Drive to the depot.\n",
    "- Check the tyres.\n  _ _ _\n\n  Then the lights.\n",
    # CR line ends handed straight to the compiled path (render gives LF only): declined whole.
    "-\r\n  Vans\r\n\r\n  [vans]: /vans\r\n",
    "- [a]\r- b\r\r  [x]: /u\r\n",
]
"""Bodies a review's fuzzing found the two paths rendering differently (most from before this
sitting's changes): the compiled path now declines each, or agrees."""


@pytest.mark.parametrize("text", FOUND_BY_FUZZING)
@pytest.mark.parametrize("title", [None, "a"])
def test_compiled_path_agrees_or_declines_on_what_fuzzing_found(text: str, title: str | None) -> None:
    assert agrees(text, title) is not False


def test_an_entity_cmark_writes_as_a_bad_byte_renders_on_the_token_path() -> None:
    """cmark-gfm wrote a byte that is no UTF-8 for ``&#xFFFF;``: the page failed with a traceback."""
    assert markdown.render("&#xFFFF; and &#xFFFE;\n").html == "<p>\ufffd and \ufffd</p>\n"


@pytest.mark.parametrize("text", FOUND_ON_REAL_SITES)
def test_compiled_path_declines_what_it_renders_otherwise(text: str) -> None:
    assert agrees(text, None) is None
    assert (
        agrees("Intro.\n\n" + text.replace("\u00a0", " ").replace("×", "x").replace("€", "E"), None)
        is not False
    )


SITE_SYNTAX = [
    (
        'import {Quote} from \'./Quote\'\n\n<Quote name="Ann" role="Owner">\n  Fewer calls.\n</Quote>\n',
        ".mdx",
    ),
    (
        '<Tabs>\n  <TabItem label="CSV">\n    Save as [CSV](x.md).\n  </TabItem>\n</Tabs>\n\n<Trial />\n',
        ".mdx",
    ),
    (
        'Price {plans[0].price}.\n\n<Cta to="/demo/">Book a demo</Cta>\n\n<img src="a.png" alt="A" />\n',
        ".mdx",
    ),
    (
        '{{< figure src="/images/x.png" caption="A *team*" >}}\n\n{{< youtube abc >}} and {{< param x >}}\n',
        ".md",
    ),
    ("{{% notice warning %}}\nCheck [the guide](missing.md).\n{{% /notice %}}\n\n- {{< vimeo 1 >}}\n", ".md"),
    ('{{< highlight py >}}\nprint("<b>")\n{{< /highlight >}}\n\n:::tip[Fast]\nCopy it.\n:::\n', ".md"),
    ('!!! note "Sizes"\n    | a | b |\n    |---|---|\n    | 1 | 2 |\n\n--8<-- "x.md"\n', ".md"),
]
"""Bodies in a site generator's syntax, rendered after `dialects.clean` as the site renders them."""


@pytest.mark.parametrize(("text", "suffix"), SITE_SYNTAX)
def test_compiled_path_agrees_on_site_syntax_once_cleaned(text: str, suffix: str) -> None:
    cleaned = dialects.clean(text, suffix, "hugo")
    assert agrees(cleaned) is not False  # the same bytes, or the token path renders it


def test_compiled_path_agrees_on_every_fixture_site_body() -> None:
    results = []
    for site in SITE_NAMES:
        library = read_site(site)
        generator = expected(site)["generator"]
        for asset in library.assets:
            suffix = "." + asset.path.rpartition(".")[2]
            results.append(agrees(dialects.clean(asset.body, suffix, generator, asset.extra)))
    assert False not in results
    assert results.count(True) >= len(results) * 0.8


@pytest.mark.parametrize(
    "text",
    [
        "p\r\r[a]: https://example.com/x\n    code\n",
        "# R\r\r[a]: https://example.com/x\n    code\n",
        "# R\r- one\r- two\r\r  more\r| a | b |\r|---|---|\r| 1 | 2 |\r",
        "# R\r\n- one\r\n\r\n  more\r\n",
    ],
)
def test_either_path_reads_cr_and_crlf_line_ends_as_lf(text: str) -> None:
    # A lone CR ends a line in Markdown; the compiled path's checks looked for LF only, and
    # after 'p\r\r[a]: url' cmark-gfm made a paragraph of an indented line (the token path, code).
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    assert markdown.render(text) == token_path(text) == markdown.render(lf)


def test_allow_html_always_takes_the_token_path() -> None:
    assert markdown._fast_render("<details>x</details>\n", True, None, 1, None) is None
    assert "<details>x</details>" in markdown.render("<details>x</details>\n", allow_html=True).html


def test_sample_site_is_the_same_with_either_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from stagemap.cli.app import cli

    def build(out: Path) -> dict[str, bytes]:
        result = CliRunner().invoke(cli, ["-C", str(ROOT), "build", "-o", str(out), "--as-of", "2026-11-24"])
        assert result.exit_code == 0, result.output
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    fast = build(tmp_path / "fast")
    monkeypatch.setenv("STAGEMAP_MARKDOWN", "python")
    slow = build(tmp_path / "slow")
    assert fast == slow


def test_without_cmarkgfm_every_body_takes_the_token_path(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# Title\n\n| a | b |\n|---|--:|\n| [l](x.md) | 2 |\n"
    compiled = markdown.render(text, rewrite=rewrite, top=2)
    monkeypatch.setattr(cmark, "cmarkgfm", None)
    monkeypatch.setattr(cmark, "available", False)
    assert not markdown.compiled_enabled()
    assert cmark.to_html(text) is None
    assert markdown.render(text, rewrite=rewrite, top=2) == compiled


def test_cmarkgfm_is_required_only_where_it_has_wheels() -> None:
    import tomllib

    from packaging.requirements import Requirement

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    req = next(Requirement(d) for d in deps if d.startswith("cmarkgfm"))
    assert req.marker is not None

    def wanted(system: str, machine: str) -> bool:
        env = {
            "sys_platform": system,
            "platform_machine": machine,
            "platform_python_implementation": "CPython",
        }
        return req.marker.evaluate(env)  # type: ignore[union-attr]

    assert wanted("linux", "x86_64") and wanted("linux", "aarch64")
    assert wanted("darwin", "arm64") and wanted("win32", "AMD64") and wanted("win32", "x86")
    assert not wanted("darwin", "x86_64") and not wanted("win32", "ARM64") and not wanted("linux", "ppc64le")
    assert not any(d.startswith(("markdown-it-pyrs", "mdit-py-plugins")) for d in deps)


def test_cmark_render_gives_the_bindings_html() -> None:
    rng = random.Random(17)
    texts = [body(rng, f"Title {i}", 300) for i in range(40)] + [
        "| a | b |\n|:-|-:|\n| ~~x~~ | y |\n",
        "",
        "a\n",
    ]
    for text in texts:
        assert cmark._render(text) == cmark.cmarkgfm.markdown_to_html_with_extensions(
            text, cmark._OPTIONS, cmark._EXTENSIONS
        )


def _resident_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the resident size from /proc")
def test_cmark_render_frees_what_it_parsed() -> None:
    # cmarkgfm's own helper keeps each document and its HTML: about 3 MB per call of this body.
    text = "".join(f"Paragraph {i} with *emphasis* and a [link](x{i}.md).\n\n" for i in range(5_000))
    cmark._render(text)
    before = _resident_kb()
    for _ in range(20):
        cmark._render(text)
    assert _resident_kb() - before < 20_000


@given(st.text(max_size=40) | st.text(st.characters(max_codepoint=127), max_size=40))
def test_slug_of_any_text_is_its_nfkc_lower_form_with_runs_of_other_characters_as_hyphens(text: str) -> None:
    # ASCII text skips the normalisation (it is its own NFKC form): the same slug either way.
    expected = re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", text).lower()).strip("-_") or "section"
    assert markdown.slug(text) == expected


def test_heading_ids_and_texts_of_the_fast_path_keep_entities_tags_and_numbering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = "# A &amp; *b*\n\n## A & b\n\n### Café déjà\n\n## Plain\n"
    fast = markdown._fast_render(body, False, None, 2, None)
    assert fast is not None
    assert [(h.level, h.id, h.text) for h in fast.headings] == [
        (2, "h-a-b", "A & b"),
        (3, "h-a-b-1", "A & b"),
        (4, "h-café-déjà", "Café déjà"),
        (3, "h-plain", "Plain"),
    ]
    assert '<h2 id="h-a-b">A &amp; <em>b</em></h2>' in fast.html
    monkeypatch.setenv("STAGEMAP_MARKDOWN", "python")  # the token path: the same
    assert markdown.render(body, top=2) == fast


def test_links_to_headings_named_the_way_other_generators_name_them_reach_the_heading() -> None:
    """GitHub, Astro and Docusaurus name ``config:setup`` ``#configsetup`` and ``What's new?``
    ``#whats-new``; here they are ``h-config-setup`` and ``h-what-s-new``. Either path."""
    body = (
        "## What's new?\n\n"
        "See [news](#whats-new), [setup](#configsetup), [again](#setup-1), [menu](#caf%C3%A9-menu), "
        "[own](#what-s-new) and [gone](#nowhere).\n\n"
        "## `config:setup`\n\n## Setup\n\n## Setup\n\n## Café menu\n"
    )
    fast = markdown.render(body, top=2)
    hrefs = re.findall(r'href="([^"]*)"', fast.html)
    assert hrefs == [
        "#h-what-s-new",
        "#h-config-setup",
        "#h-setup-1",
        "#h-café-menu",
        "#h-what-s-new",
        "#h-nowhere",
    ]
    assert token_path(body, top=2) == fast


def test_a_link_to_an_id_of_the_bodys_own_html_reaches_it() -> None:
    """With ``site.allow_html`` an element keeps the id its HTML gives: ``[x](#top-questions)``
    was made ``#h-top-questions``, which no element has, and opened the page at its top."""
    body = (
        "See [the questions](#top-questions), [pricing](#Pricing-2027) and [steps](#next-steps).\n\n"
        '<div id="top-questions">Questions</div>\n\n<p id="pricing_2027">Prices</p>\n\n## Next steps\n'
    )
    fast = markdown.render(body, allow_html=True, top=2)
    assert re.findall(r'href="([^"]*)"', fast.html) == ["#top-questions", "#pricing_2027", "#h-next-steps"]
    assert token_path(body, allow_html=True, top=2) == fast
    plain = markdown.render(body, top=2)  # without it the HTML is text: no element has those ids
    assert re.findall(r'href="([^"]*)"', plain.html) == [
        "#h-top-questions",
        "#h-Pricing-2027",
        "#h-next-steps",
    ]


def test_a_sites_own_anchors_are_kept_and_links_to_them_work_on_either_path() -> None:
    """<a id>, <a name>, an element's id and a heading's {#id}: links to them led nowhere."""
    text = (
        "Jump to [general](#general), [poison](#poison), [custom](#custom-id) and [note](#fnref).\n\n"
        '# <a id="general">General Questions</a>\n\nA <a name="poison"></a>poison extension.\n\n'
        '## Custom heading {#custom-id}\n\nNote <sup id="fnref">3</sup> <a id="bad name!">x</a>\n'
    )
    cleaned = dialects.clean(text, ".md", "hugo", {}, html=True)
    fast = markdown.render(cleaned, top=2)
    assert fast.html == (
        '<p>Jump to <a href="#h-general">general</a>, <a href="#h-poison">poison</a>, '
        '<a href="#h-custom-id">custom</a> and <a href="#h-fnref">note</a>.</p>\n'
        '<h2 id="h-general-questions"><span id="h-general"></span>General Questions</h2>\n'
        '<p>A <span id="h-poison"></span>poison extension.</p>\n'
        '<h3 id="h-custom-id">Custom heading</h3>\n'
        '<p>Note <span id="h-fnref"></span>3 <span id="h-badname"></span>x</p>\n'
    )
    assert [h.text for h in fast.headings] == ["General Questions", "Custom heading"]
    assert token_path(cleaned, top=2) == fast


def test_a_site_read_with_its_generator_names_headings_as_github_does_on_either_path() -> None:
    """opensource.guide links to #dont-tolerate-bad-actors on another page: its heading was
    h-don-t-tolerate-bad-actors here, and marks of Tamil or Bengali letters became hyphens."""
    assert markdown.site_slug("Don't tolerate bad actors") == "dont-tolerate-bad-actors"
    assert markdown.site_slug("C++ & Rust: v1.2") == "c--rust-v12"
    assert markdown.site_slug("பெயர் முரண்") == "பெயர்-முரண்"  # the vowel signs are marks: kept
    assert markdown.slug("Don't tolerate bad actors") == "don-t-tolerate-bad-actors"  # stagemap's own
    text = "## Don't tolerate bad actors\n\nSee [it](#dont-tolerate-bad-actors).\n\n## Don't tolerate bad actors\n"
    fast = markdown.render(text, top=2, slugs=markdown.site_slug)
    assert [h.id for h in fast.headings] == ["h-dont-tolerate-bad-actors", "h-dont-tolerate-bad-actors-1"]
    assert token_path(text, top=2, slugs=markdown.site_slug) == fast


def test_a_same_page_link_without_accents_reaches_the_heading_as_check_links_says() -> None:
    """MkDocs names "Café crème" ``#cafe-creme``: check --links matched it with accents
    dropped, the page's own link rewriting did not, so the built link led nowhere."""
    body = "## Café crème\n\nSee [coffee](#cafe-creme).\n"
    fast = markdown.render(body, top=2)
    assert re.findall(r'href="([^"]*)"', fast.html) == ["#h-café-crème"]
    assert token_path(body, top=2) == fast


def test_a_link_only_in_the_title_the_page_drops_is_never_followed(monkeypatch: pytest.MonkeyPatch) -> None:
    """On OpenSearch's docs a title heading holds an icon: the page drops the heading, but the
    compiled path had rewritten its link first, so the page listed it as sent to the public site."""
    text = "# ![icon](/images/icon.png) Data Prepper\n\nSee [the guide](/guide/).\n"
    seen: dict[bool, list[str]] = {}
    for compiled in (True, False):
        if not compiled:
            monkeypatch.setenv("STAGEMAP_MARKDOWN", "python")
        calls = seen.setdefault(compiled, [])
        made = markdown.render(
            text, rewrite=lambda url, c=calls: c.append(url) or url, top=2, drop_title="Data Prepper"
        )
        assert made.html == '<p>See <a href="/guide/">the guide</a>.</p>\n'
    assert seen == {True: ["/guide/"], False: ["/guide/"]}
