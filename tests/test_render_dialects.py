"""A site generator's own syntax becomes Markdown before rendering (render/dialects.py, render/jsx.py)."""

from __future__ import annotations

import re

import pytest

from stagemap.render import markdown
from stagemap.render.anchors import OWN_ALONE, OWN_ID, anchor
from stagemap.render.dialects import clean

LIVE = "shown on the live site"


def html(text: str, suffix: str = ".mdx", generator: str = "gatsby") -> str:
    return markdown.render(clean(text, suffix, generator)).html


def test_dialects_leave_stagemap_own_format_alone() -> None:
    text = "import x from 'y'\n\n{{< figure src=\"a.png\" >}}\n\n<Quote>hi</Quote>\n"
    assert clean(text, ".md", "") is text


def test_dialects_mdx_drops_import_and_export_blocks() -> None:
    text = (
        "import {Quote} from '../Quote'\nimport Tabs from '@theme/Tabs';\n\n"
        "export const plans = [\n  {name: `Track`},\n]\n\nImport your data first.\n"
    )
    assert clean(text, ".mdx", "gatsby").strip() == "Import your data first."


def test_dialects_mdx_self_closing_component_is_a_labelled_placeholder() -> None:
    assert html("Before.\n\n<CancellationPolicy />\n") == (
        f"<p>Before.</p>\n<p><em>[CancellationPolicy: {LIVE}]</em></p>\n"
    )


def test_dialects_mdx_quote_component_becomes_a_signed_block_quote() -> None:
    text = '<Quote name="Hannah Lowe" role="Fleet administrator">\n  Mondays are for quotes now.\n</Quote>\n'
    assert html(text) == (
        "<blockquote>\n<p>Mondays are for quotes now.</p>\n<p>— Hannah Lowe, Fleet administrator</p>\n</blockquote>\n"
    )


def test_dialects_mdx_link_component_becomes_a_link() -> None:
    assert html('<Cta to="/demo/">Get a quote</Cta>\n') == '<p><a href="/demo/">Get a quote</a></p>\n'


def test_dialects_mdx_container_keeps_its_children_dedented_with_its_label() -> None:
    text = (
        '<Tabs>\n  <TabItem value="csv" label="From a spreadsheet">\n'
        "    Save it as **CSV**.\n  </TabItem>\n</Tabs>\n"
    )
    assert (
        html(text) == "<p><strong>From a spreadsheet</strong></p>\n<p>Save it as <strong>CSV</strong>.</p>\n"
    )


def test_dialects_mdx_expressions_are_placeholders_and_comments_vanish() -> None:
    text = "{/* a note */}\nPrice: {plans[0].price} a month.\n\n{plans.map(p => <li>{p}</li>)}\n"
    out = clean(text, ".mdx", "gatsby")
    assert "{" not in out and "}" not in out
    assert out.count(LIVE) == 2


def test_dialects_mdx_string_literals_are_their_text() -> None:
    """``{' '}`` (formatters put it at line ends) became a placeholder in the middle of a sentence."""
    text = "React powers the{' '}\n[Example](https://example.com/) site, {\"and\"} {count} more.\n"
    assert clean(text, ".mdx", "docusaurus") == (
        f"React powers the \n[Example](https://example.com/) site, and *\\[Computed content (count): {LIVE}\\]* more.\n"
    )
    assert "Computed content" in clean(
        "A {'*bold*'} claim.\n", ".mdx", "docusaurus"
    )  # Markdown in it: not plain


def test_dialects_mdx_images_and_html_tags_become_markdown() -> None:
    assert html('<img src="/images/a.png" alt="A van" />\n\n<div>Plain <b>text</b></div>\n') == (
        '<p><img src="/images/a.png" alt="A van"></p>\n<p>Plain <strong>text</strong></p>\n'
    )


def test_dialects_mdx_components_with_a_url_are_images_or_links_and_players_never_vanish() -> None:
    """Seen on a Docusaurus site: 1,834 ``<Screenshot url=... />`` and ``<ContentRef url=...>``
    were placeholders; a ``<Video>`` without ``src`` showed nothing at all."""
    text = (
        "<Screenshot url='https://cdn.example/docs/image (215).png' />\n\n"
        'See <ContentRef url="/build/x">Building</ContentRef> now.\n\n'
        "<Video url='https://v.example/tour' title='Tour' />\n\n<Video title='Later' />\n\n"
        '<img src="/img/van map.png" alt="Van" />\n\n<a url=\'/not-for-html\'>kept text</a>\n'
    )
    assert html(text) == (
        '<p><img src="https://cdn.example/docs/image%20(215).png" alt="Screenshot"></p>\n'
        '<p>See <a href="/build/x">Building</a> now.</p>\n'
        '<p><a href="https://v.example/tour">Tour</a></p>\n'
        f"<p><em>[Later: {LIVE}]</em></p>\n"
        '<p><img src="/img/van%20map.png" alt="Van"></p>\n'
        "<p>kept text</p>\n"
    )


def test_dialects_never_touch_code() -> None:
    text = "```jsx\nimport X from 'x'\n<Quote />\n{{< youtube a >}}\n```\n\nUse `{{< ref \"x\" >}}` or `<Quote />`.\n"
    assert clean(text, ".mdx", "hugo") == text


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "mkdocs", "docusaurus", "astro", "gatsby"])
def test_dialects_html_comments_vanish_as_on_the_live_page(generator: str) -> None:
    """An author's note in a comment was published as text (seen on the Hugo docs and mkdocs-material)."""
    text = "Price <!-- check with sales --> per seat.\n\n<!-- TODO:\ndrop this claim -->\n\n## <!-- marker -->Plans\n"
    out = html(text, ".md", generator)
    assert "check with sales" not in out and "TODO" not in out and "marker" not in out
    assert "<p>Price  per seat.</p>" in out and ">Plans</h2>" in out
    code = "Keep `<!-- a -->` here.\n\n```html\n<!-- b -->\n```\n"
    assert "&lt;!-- a --&gt;" in html(code, ".md", generator) and "&lt;!-- b --&gt;" in html(
        code, ".md", generator
    )
    assert clean(text, ".md", "") is text  # stagemap's own format: shown as markdown-it shows it


def test_dialects_hugo_escaped_shortcodes_in_code_read_as_hugo_shows_them() -> None:
    text = (
        'Write `{{</* figure src="a.png" */>}}` where it goes.\n\n'
        "```md\n{{</* youtube 0RKpf3rK57I */>}}\n{{%/* notice tip */%}}\n```\n"
    )
    assert clean(text, ".md", "hugo") == (
        'Write `{{< figure src="a.png" >}}` where it goes.\n\n```md\n{{< youtube 0RKpf3rK57I >}}\n{{% notice tip %}}\n```\n'
    )
    assert clean(text, ".md", "jekyll") == text  # only Hugo reads that syntax


def test_dialects_text_that_is_not_a_tag_stays() -> None:
    assert clean("When a < b and 3 > 2.\n", ".mdx", "gatsby") == "When a < b and 3 > 2.\n"


@pytest.mark.parametrize(
    ("shortcode", "markdown_text"),
    [
        ('{{< figure src="/i/a.png" alt="A chart" >}}', "![A chart](/i/a.png)"),
        ('{{< figure src="/i/a.png" caption="Team" >}}', "![Team](/i/a.png)\n\n*Team*"),
        ("{{< youtube dQ3xT9mVb7k >}}", "[Video on YouTube](https://www.youtube.com/watch?v=dQ3xT9mVb7k)"),
        ('{{< vimeo id="123" >}}', "[Video on Vimeo](https://vimeo.com/123)"),
        ('{{< tweet user="tallyvan" id="9" >}}', "[Post by @tallyvan](https://x.com/tallyvan/status/9)"),
        ("{{< gist spf13 7896402 >}}", "[Gist 7896402](https://gist.github.com/spf13/7896402)"),
        ('[Pricing]({{< ref "pricing/_index.md" >}})', "[Pricing](/.ref/pricing/_index.md)"),
        ('[Pricing]({{< relref "/faq.md" >}})', "[Pricing](/.ref//faq.md)"),
        ('{{< param "jobTitle" >}}', "Office lead"),
        ('{{< param "missing" >}}', f"*\\[missing: {LIVE}\\]*"),
        # In a link's address: worked out where known, else the link is its text alone (Docsy's
        # site: 25 addresses holding a placeholder were reported as leading nowhere).
        ('[Role]({{< param "jobTitle" >}}/x)', "[Role](<Office lead/x>)"),
        (
            '[tree]({{% param "repo" %}}/tree/main) and <{{% param repo %}}/blob/x.md>',
            f"tree and *\\[repo: {LIVE}\\]*/blob/x.md",
        ),
        ("{{< newsletter-signup >}}", f"*\\[newsletter-signup: {LIVE}\\]*"),
        ("{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}", "```go\nfmt.Println(1)\n```"),
        ("{{% notice tip %}}\nSend one statement.\n{{% /notice %}}", "> **Tip**\n>\n> Send one statement."),
        ("{{% expander %}}Inner **text**{{% /expander %}}", "Inner **text**"),
        # Hugo's own: details shows its summary over what it holds, comment nothing, x a link.
        ("{{% details %}}Inner **text**{{% /details %}}", "**Details**\n\nInner **text**"),
        (
            '{{< details summary="Ship abroad?" open=true >}}\nYes.\n{{< /details >}}',
            "**Ship abroad?**\n\nYes.",
        ),
        ("Kept.{{% comment %}}\n## Secret discount\n{{% /comment %}}", "Kept."),
        ('{{< x user="acme" id="123" >}}', "[Post by @acme](https://x.com/acme/status/123)"),
        # param: the key in any case, the front matter's params map, a dotted key inside a map.
        ("{{% param jobtitle %}}", "Office lead"),
        ('{{< param "shop.phone" >}} {{< param hours >}}', "555-0100 nine to five"),
        ('{{< tab header="Static" >}}Inner **text**{{< /tab >}}', "**Static**\n\nInner **text**"),
        # Docsy: a tab in a language holds code (unless text=true); one with no content shows its header.
        (
            '{{< tab header="hugo.yaml" lang="yaml" >}}\na: 1\n{{< /tab >}}',
            "**hugo.yaml**\n\n```yaml\na: 1\n```",
        ),
        (
            '{{< tab header="Prose" lang="en" text=true >}}Some **text**{{< /tab >}}',
            "**Prose**\n\nSome **text**",
        ),
        ('{{< tab header="Configuration file:" disabled=true />}}', "**Configuration file:**"),
        ("{{</* youtube x */>}}", "`{{< youtube x >}}`"),
        # Jaeger's docs draw 43 diagrams with a mermaid shortcode: its source, as code.
        (
            "{{< mermaid >}}\nflowchart LR\n    Field --> Mill\n{{< /mermaid >}}",
            "```mermaid\nflowchart LR\n    Field --> Mill\n```",
        ),
        # Falco's site: Docsy's blocks/... shortcodes (42 placeholders on 8 pages), a tooltip's words.
        (
            '{{< blocks/panel wrap="col" >}}\n## Glazes\n\nThree kinds.\n{{< /blocks/panel >}}',
            "## Glazes\n\nThree kinds.",
        ),
        (
            'Feed the {{< glossary_tooltip text="starter" term_id="levain" >}} daily.',
            "Feed the starter daily.",
        ),
        ('A {{< tip text="<b>" >}} tag.', "A \\<b\\> tag."),
    ],
)
def test_dialects_hugo_shortcodes_follow_the_documented_table(shortcode: str, markdown_text: str) -> None:
    params = {"jobTitle": "Office lead", "params": {"Hours": "nine to five", "shop": {"phone": "555-0100"}}}
    assert clean(shortcode + "\n", ".md", "hugo", params).strip() == markdown_text


def test_dialects_hugo_paired_shortcodes_around_code_keep_the_code_as_code() -> None:
    """OpenTelemetry's docs put fenced code in tabs and notes: split at the fences, each opening
    became a placeholder (480 on 46 pages), each closing vanished and the tabs' titles were lost."""
    text = (
        'Intro.\n\n{{< tabpane >}}\n{{% tab header="Static" %}}\n\n```yaml\na: 1\n```\n\n{{% /tab %}}\n'
        '{{% tab "Dynamic" %}}\nRun {{< param "tool" >}}:\n\n```sh\ngo run .\n```\n{{% /tab %}}\n{{< /tabpane >}}\n\n'
        "{{% notice tip %}}\nTry:\n```\nx {{< y >}}\n```\n{{% /notice %}}\n\nEnd.\n"
    )
    assert clean(text, ".md", "hugo", {"tool": "vanctl"}) == (
        "Intro.\n\n**Static**\n\n```yaml\na: 1\n```\n\n**Dynamic**\n\nRun vanctl:\n\n```sh\ngo run .\n```\n\n"
        "> **Tip**\n>\n> Try:\n> ```\n> x [y: shown on the live site]\n> ```\n\nEnd.\n"
    )


def test_dialects_hugo_paired_shortcode_with_code_in_a_list_item_stays_in_it() -> None:
    """A review: held whole, a tab holding code lost its indentation and split the list."""
    text = '1. Install:\n\n   {{< tab "Linux" >}}\n   ```sh\n   apt install vanctl\n   ```\n   {{< /tab >}}\n2. Run it.\n'
    assert clean(text, ".md", "hugo") == (
        "1. Install:\n\n   \n\n   **Linux**\n\n   ```sh\n   apt install vanctl\n   ```\n\n2. Run it.\n"
    )


def test_dialects_a_hugo_closing_pairs_only_with_an_opening_of_its_whole_name() -> None:
    """Seen making paired shortcodes bounded: ``{{% notes %}}`` took ``{{% /note %}}`` as its
    closing, ``note`` its name and ``s`` its argument (a note labelled *S*)."""
    text = "{{% notes %}}\nKeep the receipts.\n{{% /note %}}\n\n{{% note %}}\nAsk first.\n{{% /note %}}\n"
    assert clean(text, ".md", "hugo") == (
        "*\\[notes: shown on the live site\\]*\nKeep the receipts.\n\n> **Note**\n>\n> Ask first.\n"
    )


def test_dialects_hugo_shortcode_arguments_may_start_on_the_next_line() -> None:
    """The Hugo docs write a figure's arguments one per line: it became a placeholder."""
    text = '{{< figure\n  src="/img/a.png"\n  alt="An image"\n>}}\n'
    assert clean(text, ".md", "hugo") == "![An image](/img/a.png)\n"


def test_dialects_jekyll_liquid_tags() -> None:
    text = (
        "See [the post]({% post_url 2023-09-12-pallets %}).\n\n{% include cta.html %}\n\n"
        "{% for p in site.data.plans %}| {{ p.name }} |\n{% endfor %}\n\nBy {{ page.author }}.\n"
    )
    out = clean(text, ".md", "jekyll")
    assert "[the post](/_posts/2023-09-12-pallets)" in out
    assert f"Included from cta.html: {LIVE}" in out
    assert f"A list from the site's data: {LIVE}" in out
    assert "{%" not in out and "{{" not in out


def test_dialects_jekyll_comments_captures_raw_and_highlight_show_as_on_the_live_page() -> None:
    """A Liquid comment was published as text; highlight blocks were read as Markdown (# became a heading)."""
    text = (
        "Before {% comment %}Internal: our margins{% endcomment %}after.\n\n"
        "{% capture greeting %}Hello{% endcapture %}Raw data: {% raw %}{{ page.title }}{% endraw %} stays.\n\n"
        "{% highlight ruby linenos %}\ndef x\n  # a note\nend\n{% endhighlight %}\n\n"
        "```liquid\n{% raw %}{{ site.title }}{% endraw %}\n```\n"
    )
    assert clean(text, ".md", "jekyll") == (
        "Before after.\n\nRaw data: {{ page.title }} stays.\n\n"
        "```ruby\ndef x\n  # a note\nend\n```\n\n```liquid\n{{ site.title }}\n```\n"
    )
    out = html(text, ".md", "jekyll")
    assert "margins" not in out and "Hello" not in out and "<h1>" not in out
    assert '<pre><code class="language-ruby">def x\n  # a note\nend\n</code></pre>' in out


def test_dialects_jekyll_liquid_in_link_targets_becomes_the_path_it_names() -> None:
    """On Jekyll's own docs, 117 links were '[Setup](*[...: shown on the live site]*)' as text."""
    text = (
        "Read [setup]({{ '/docs/setup/' | relative_url }}) and [the FAQ]({{ site.baseurl }}/faq/).\n\n"
        'File [an\nissue]({{ site.repository }}/issues) or see ![a logo]({{ "/img/l.png" | absolute_url }}).\n\n'
        '<a href="{{ site.baseurl }}/about/">About</a> {{ page.title }} by {{ page.author }}.\n'
        "Start [here]({{ 'docs/start/' | relative_url }}): {{ 'img/x.png' | relative_url }}.\n"
    )
    # relative_url puts a path without a leading slash under the site's root, as Jekyll does.
    assert clean(text, ".md", "jekyll", {"title": "Fees & terms"}) == (
        "Read [setup](/docs/setup/) and [the FAQ](/faq/).\n\n"
        "File an\nissue or see ![a logo](/img/l.png).\n\n"
        '<a href="/about/">About</a> Fees & terms by *\\[page.author: shown on the live site\\]*.\n'
        "Start [here](/docs/start/): /img/x.png.\n"
    )


def test_dialects_jekyll_highlight_written_inside_raw_stays_an_example() -> None:
    """A page documenting the highlight tag: the example inside raw became a fence of its own,
    which closed the outer one and turned the rest of the page into broken code."""
    text = (
        "Write:\n\n{% raw %}\n```liquid\n{% highlight ruby %}\nx = 1\n{% endhighlight %}\n```\n{% endraw %}\n\n"
        "After *it*.\n"
    )
    assert clean(text, ".md", "jekyll") == (
        "Write:\n\n```liquid\n{% highlight ruby %}\nx = 1\n{% endhighlight %}\n```\n\n\nAfter *it*.\n"
    )


def test_dialects_jekyll_include_in_a_sentence_stays_in_it() -> None:
    text = "Since version {% include badge.html v=4 %}, it works.\n\n{% include cta.html %}\n"
    assert clean(text, ".md", "jekyll") == (
        f"Since version *\\[Included from badge.html: {LIVE}\\]*, it works.\n\n"
        f"*\\[Included from cta.html: {LIVE}\\]*\n"
    )


def test_dialects_kramdown_extensions_never_show() -> None:
    text = (
        '* TOC\n{:toc}\n\nOpen [the app](https://a.example){:target="_blank"} now.\n'
        '{::comment}\nFor editors only.\n{:/comment}\n{::options parse_block_html="true" /}\n'
        "A note.\n{: .note}\n"
    )
    assert clean(text, ".md", "jekyll") == "Open [the app](https://a.example) now.\n\nA note.\n"


def test_dialects_admonitions_become_labelled_quotes() -> None:
    docusaurus = ":::tip[Quicker]\nCopy a finished one.\n:::\n"
    mkdocs = '!!! warning "Tell your host"\n    Some hosts block tests.\n\n    Ask first.\n\nAfter.\n'
    assert clean(docusaurus, ".md", "docusaurus").strip() == "> **Tip: Quicker**\n>\n> Copy a finished one."
    assert clean(mkdocs, ".md", "mkdocs") == (
        "> **Tell your host**\n>\n> Some hosts block tests.\n>\n> Ask first.\n\nAfter.\n"
    )


def test_dialects_mkdocs_snippets_mmark_asides_and_attribute_lists() -> None:
    text = '## Short {#short}\n\nA> Units can be unplugged.\n\nText.\n{.note}\n\n--8<-- "contact.md"\n'
    out = clean(text, ".mmark", "mkdocs")
    assert out == (
        f"## Short{OWN_ID}{anchor('short')}\n\n> **Aside:** Units can be unplugged.\n\nText.\n\n"
        f"*\\[Included from contact.md: {LIVE}\\]*\n"
    )


def test_dialects_crlf_bodies_are_cleaned_too() -> None:
    assert (
        clean("## Short {#short}\r\n\r\nx\r\n", ".mmark", "gatsby")
        == f"## Short{OWN_ID}{anchor('short')}\n\nx\n"
    )


@pytest.mark.parametrize("generator", ["jekyll", "mkdocs"])
def test_dialects_elements_marked_markdown_show_their_markdown_not_their_tags(generator: str) -> None:
    """kramdown's ``markdown="1"`` and md_in_html's ``markdown``: the tags go, the Markdown inside renders."""
    text = (
        'Intro.\n\n<aside class="note" markdown="1">\n**Tip:** keep it *short*.\n\n- one\n</aside>\n\n'
        "<details markdown>\n<summary>More on prices</summary>\nAll *in*.\n</details>\n\n"
        '<div markdown="block">\n<div>kept, as HTML</div>\n<div>\nkept too\n</div>\nLast.\n</div>\n\n'
        '```html\n<aside markdown="1">\n</aside>\n```\n'
    )
    assert html(text, ".md", generator) == (
        "<p>Intro.</p>\n<p><strong>Tip:</strong> keep it <em>short</em>.</p>\n<ul>\n<li>one</li>\n</ul>\n"
        "<p><strong>More on prices</strong></p>\n<p>All <em>in</em>.</p>\n"
        "<p>&lt;div&gt;kept, as HTML&lt;/div&gt;\n&lt;div&gt;\nkept too\n&lt;/div&gt;\nLast.</p>\n"
        '<pre><code class="language-html">&lt;aside markdown=&quot;1&quot;&gt;\n&lt;/aside&gt;\n</code></pre>\n'
    )


def test_dialects_markdown_attribute_is_left_to_generators_that_read_it() -> None:
    text = '<aside markdown="1">\n*x*\n</aside>\n'
    assert clean(text, ".md", "hugo") == text
    assert (
        clean('<aside markdownish="1">\n*x*\n</aside>\n', ".md", "jekyll")
        == '<aside markdownish="1">\n*x*\n</aside>\n'
    )


def test_dialects_docusaurus_admonition_holding_code_keeps_its_code_and_closes() -> None:
    """Split at its fences, the block never found its closing ``:::``: it stayed raw text."""
    text = (
        "Intro.\n\n:::tip[Try it]\nRun this:\n\n```bash\nnpm run {start}\n<!-- kept -->\n```\n\nThen go on.\n:::\n\n"
        "```md\n:::note\nin code, as written\n:::\n```\n"
    )
    assert clean(text, ".md", "docusaurus") == (
        "Intro.\n\n> **Tip: Try it**\n>\n> Run this:\n>\n> ```bash\n> npm run {start}\n> <!-- kept -->\n> ```\n"
        ">\n> Then go on.\n\n```md\n:::note\nin code, as written\n:::\n```\n"
    )
    assert '<pre><code class="language-bash">npm run {start}\n&lt;!-- kept --&gt;\n</code></pre>' in html(
        text, ".md", "docusaurus"
    )


def test_dialects_docusaurus_admonition_title_is_markdown() -> None:
    text = ":::warning[Read [the terms](/terms) first]\nBody.\n:::\n"
    assert html(text, ".md", "docusaurus") == (
        '<blockquote>\n<p><strong>Warning: Read <a href="/terms">the terms</a> first</strong></p>\n'
        "<p>Body.</p>\n</blockquote>\n"
    )


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "mkdocs", "docusaurus"])
def test_dialects_footnotes_are_numbered_and_listed_at_the_end(generator: str) -> None:
    text = (
        "Costs rose[^cost] last year[^2], as `[^cost]` shows[^missing].\n\n"
        "[^2]: Our own survey.\n[^cost]: Figures from 2024.\n    A second line.\n\n    More of it.\n\n"
        "After the notes.\n\n[^unused]: Never shown.\n\n```\n[^cost]: in code\n```\n"
    )
    assert re.sub("\ue040[^\ue041]*\ue041", "", clean(text, ".md", generator)) == (
        "Costs rose\u00b9 last year\u00b2, as `[^cost]` shows[^missing].\n\nAfter the notes.\n\n"
        "```\n[^cost]: in code\n```\n\n---\n\n"
        "1. Figures from 2024.\n   A second line.\n\n   More of it.\n2. Our own survey.\n"
    )


@pytest.mark.parametrize(
    ("generator", "note", "ref"),
    [
        ("hugo", "fn:2", "fnref:2"),
        ("jekyll", "fn:b", "fnref:b"),
        ("mkdocs", "fn:b", "fnref:b"),
        ("eleventy", "fn2", "fnref2"),
        ("docusaurus", "user-content-fn-b", "user-content-fnref-b"),
    ],
)
def test_dialects_footnotes_have_the_ids_the_generator_gives_them(
    generator: str, note: str, ref: str
) -> None:
    """A link to a note ('#fn:2' on a Hugo site) found no heading, and a reference followed by a
    colon, or one only another note made, stayed as written (its note was dropped)."""
    text = (
        f"Costs[^a]: high[^b].\n\n[^a]: First, see[^c].\n[^b]: Second.\n[^c]: Third.\n\nSee [it](#{note}).\n"
    )
    made = markdown.render(clean(text, ".md", generator)).html
    assert f'<span id="h-{ref}"></span>\u00b2' in made
    assert f'<li><span id="h-{note}"></span>Second.</li>' in made
    assert "[^" not in made and "<li><span" in made and "Third.</li>" in made and "\u00b3" in made
    assert f'<a href="#h-{note}">it</a>' in made
    # A note starting with a shortcode or emphasis: its placeholder is emphasis still.
    made = markdown.render(clean("Hot[^1].\n\n[^1]: {{< mystery >}} and *so*.\n", ".md", "hugo")).html
    assert (
        '<li><span id="h-fn:1"></span> <em>[mystery: shown on the live site]</em> and <em>so</em>.</li>'
        in made
    )


def test_dialects_footnote_definitions_leave_the_paragraphs_around_them_apart() -> None:
    assert clean("Text.[^a]\n[^a]: A note.\n\nAfter.\n", ".md", "hugo") == (
        "Text.\ue040fnref:1\ue041\u00b9\n\nAfter.\n\n---\n\n1. \ue040fn:1\ue041A note.\n"
    )
    assert clean("No notes here [^x].\n", ".md", "hugo") == "No notes here [^x].\n"


def test_dialects_hugo_alerts_show_their_kind() -> None:
    text = "> [!WARNING]\n> Back up first.\n\n`> [!NOTE]`\n"
    assert html(text, ".md", "hugo") == (
        "<blockquote>\n<p><strong>Warning</strong>\nBack up first.</p>\n</blockquote>\n"
        "<p><code>&gt; [!NOTE]</code></p>\n"
    )
    assert clean(text, ".md", "mkdocs") == text  # Material shows it as written


def test_dialects_a_docsy_alert_shows_its_title_alone() -> None:
    """Dapr's docs: 289 alerts on 201 pages were labelled 'Alert: Note'; Docsy shows the title
    alone, and an alert without one has no label."""
    text = (
        '{{% alert title="Note" color="primary" %}}\nKeep batches small.\n{{% /alert %}}\n\n'
        '{{% alert color="warning" %}}\nMind the gap.\n{{% /alert %}}\n\n{{% alert warning %}}\nOld style.\n{{% /alert %}}\n'
    )
    assert clean(text, ".md", "hugo") == (
        "> **Note**\n>\n> Keep batches small.\n\n> Mind the gap.\n\n> **Warning**\n>\n> Old style.\n"
    )


def test_dialects_hugo_tabs_named_by_their_arguments_label_their_panes() -> None:
    """Dapr's docs (128 pages): '{{< tabs "Self-Hosted" Kubernetes >}}' names the panes it holds,
    each a '{{% codetab %}}': they were shown one after another, with no label to say which
    was which. Tabs whose arguments are not as many as their panes are shown as before."""
    text = (
        '{{< tabs "Laptop" Cluster >}}\n{{% codetab %}}\nOn a laptop:\n```bash\nkettle up\n```\n{{% /codetab %}}\n'
        "{{% codetab %}}\nApply the chart.\n{{% /codetab %}}\n{{< /tabs >}}\n\n"
        '{{< tabs "Only" >}}\n{{% codetab %}}\nOne pane.\n{{% /codetab %}}\n{{< /tabs >}}\n\n'
        "{{< tabs A B C >}}\n{{% codetab %}}\nx\n{{% /codetab %}}\n{{% codetab %}}\ny\n{{% /codetab %}}\n{{< /tabs >}}\n"
    )
    assert clean(text, ".md", "hugo") == (
        "**Laptop**\n\nOn a laptop:\n```bash\nkettle up\n```\n\n**Cluster**\n\nApply the chart.\n\n"
        "One pane.\n\nx\n\ny\n"
    )


def test_dialects_a_hugo_param_in_code_is_its_value() -> None:
    """Kueue's install commands read '--version={{< param "chart_version" >}}' (51 on 18 pages),
    Dapr's too: Hugo works shortcodes out in code, so the live page shows the version; one not
    known here, and an escaped one, stay as written."""
    text = (
        "Release {{% param release %}}.\n\n```bash\ncurl https://x.example/dl/{{% param release %}}/kit.tgz\n"
        'echo {{< Param "nope" >}}\nkeep {{</* param release */>}}\n```\n'
    )
    assert clean(text, ".md", "hugo", {"release": "2.7.1"}) == (
        "Release 2.7.1.\n\n```bash\ncurl https://x.example/dl/2.7.1/kit.tgz\n"
        'echo {{< Param "nope" >}}\nkeep {{< param release >}}\n```\n'
    )
    assert "dl/{{% param release %}}/kit.tgz" in clean(
        text, ".md", "eleventy", {"release": "2.7.1"}
    )  # Hugo's only
    # A second review: values as Hugo (Go) prints them, in prose and in code.
    text = 'On: {{< param "beta" >}} {{< param "ratio" >}}\n\n```sh\nkit --beta={{< param "beta" >}} --r={{< param ratio >}}\n```\n'
    assert (
        clean(text, ".md", "hugo", {"beta": True, "ratio": 2.0})
        == "On: true 2\n\n```sh\nkit --beta=true --r=2\n```\n"
    )


def test_dialects_hugo_code_shortcodes_hold_code_not_prose() -> None:
    """``code-toggle`` held a configuration example: its ``# comment`` became a heading."""
    text = (
        "Set it:\n\n{{< code-toggle file=hugo >}}\n# the site's own\n[params]\n  x = 1\n{{< /code-toggle >}}\n\n"
        '{{< code lang="js" >}}\nconst a = "```";\n{{< /code >}}\n'
    )
    assert clean(text, ".md", "hugo") == (
        'Set it:\n\n```\n# the site\'s own\n[params]\n  x = 1\n```\n\n````js\nconst a = "```";\n````\n'
    )


def test_dialects_mkdocs_content_tabs_show_each_title_over_its_content() -> None:
    """Material's ``=== "Title"`` tabs held indented content, which rendered as one code block."""
    text = (
        'Install it:\n\n=== "Latest"\n\n    ``` sh\n    pip install x\n    ```\n\n'
        '=== "Older"\n\n    Pin the *major* version.\n\nAfter.\n'
    )
    assert clean(text, ".md", "mkdocs") == (
        "Install it:\n\n**Latest**\n\n``` sh\npip install x\n```\n\n**Older**\n\nPin the *major* version.\n\nAfter.\n"
    )


def test_dialects_mkdocs_admonition_holding_code_keeps_the_code_inside_the_quote() -> None:
    text = '!!! note "Code inside"\n\n    ```\n    a = 1\n    ```\n\n    Then `b`.\n'
    assert clean(text, ".md", "mkdocs") == "> **Code inside**\n>\n> ```\n> a = 1\n> ```\n>\n> Then `b`.\n"


def test_dialects_mkdocs_icons_are_pictures_not_text() -> None:
    text = "Open :octicons-file-code-16: the file, in :fontawesome-brands-firefox: too.\n\n`:material-x:` stays.\n"
    assert clean(text, ".md", "mkdocs") == "Open the file, in too.\n\n`:material-x:` stays.\n"
    assert clean(text, ".md", "hugo") == text
    # Inside an admonition (indented four columns), as Material lays them out.
    assert clean("!!! note\n\n    ``` { .yaml }\n    a: 1\n    ```\n", ".md", "mkdocs") == (
        "> **Note**\n>\n> ```yaml\n> a: 1\n> ```\n"
    )


def test_dialects_site_html_becomes_markdown_when_the_site_allows_none() -> None:
    """A site's raw HTML showed as escaped tags (opensource.guide's checklists and quotes)."""
    text = (
        '<div class="check">\n  <input type="checkbox" id="c1">\n  <label for="c1">Has a licence?</label>\n</div>\n\n'
        'Read <a href="/guide/">the guide</a>, <b>now</b>.\n\n<img src="/i/team.png" alt="The team">\n\n'
        '<h3>Costs</h3>\n\n<iframe src="https://player.example/v/1" title="Our demo"></iframe>\n'
        "<script>track()</script>\n<style>p {color: red}</style>\n\n"
        "Braces {stay} and a < b stays.\n\n    <div>indented code stays</div>\n"
    )
    assert clean(text, ".md", "jekyll", html=True) == (
        f"{anchor('c1')}\nHas a licence?\n\nRead [the guide](/guide/), **now**.\n\n![The team](/i/team.png)\n\n### Costs\n\n"
        "[Our demo](https://player.example/v/1)\n\nBraces {stay} and a < b stays.\n\n    <div>indented code stays</div>\n"
    )
    assert clean(text, ".md", "jekyll") == clean(text, ".md", "jekyll", html=False)
    assert "<b>now</b>" in clean(text, ".md", "jekyll")  # allowed HTML is left to the renderer
    assert clean("<b>x</b>\n", ".md", "", html=True) == "<b>x</b>\n"  # stagemap's own format: as written


def test_dialects_mdx_a_link_to_a_template_worked_out_at_build_time_is_its_text() -> None:
    """React Native's docs link to ``{`https://github.com/...${branchName()}/x.js`}``: the template
    as written was taken for the address, reported as leading nowhere at the front matter's
    line, and sent from the built page as a broken link."""
    text = (
        "- <a href={`https://github.com/fernhill/vans/blob/${branch()}/rota.js`}>rota.js</a>\n"
        '- <a href={"https://fernhill.example/"}>home</a>\n'
    )
    assert clean(text, ".mdx", "docusaurus") == "- rota.js\n- [home](https://fernhill.example/)\n"


def test_dialects_an_elements_id_stays_when_its_content_starts_with_code() -> None:
    """Eleventy's docs hold code in <div id="tab-one" role="tabpanel">: read apart from the code
    (split at its fences), the element never closed and its id was lost (11 false warnings)."""
    text = '<div id="tab-one" role="tabpanel">\n\n```js\nlet vans = 3;\n```\n\n</div>\n'
    assert clean(text, ".md", "eleventy", html=True) == "\ue040tab-one\ue041\n\n```js\nlet vans = 3;\n```\n"


def test_dialects_html_attributes_may_have_spaces_around_their_equals_sign() -> None:
    text = '<img src = "/i/a.png" class = "q" alt = "A quote">\nText <a href= "/x" >here</a>.\n'
    assert clean(text, ".md", "jekyll", html=True) == "![A quote](/i/a.png)\n\nText [here](/x).\n"
    assert clean('<Cta to = "/demo/">Book</Cta>\n', ".mdx", "docusaurus") == "[Book](/demo/)\n"


@pytest.mark.parametrize(
    ("name", "code"),
    [("code", True), ("code-toggle", True), ("codeblock", True), ("source-code", True), ("code_sample", True),
     ("barcode", False), ("codepen", False), ("qrcode", False)],
)  # fmt: skip
def test_dialects_hugo_paired_shortcodes_hold_code_only_when_named_for_it(name: str, code: bool) -> None:
    """Any name holding 'code' was taken for code: a ``barcode`` caption showed as a code block."""
    text = f"{{{{< {name} >}}}}\nScan *here*.\n{{{{< /{name} >}}}}\n"
    assert clean(text, ".md", "hugo") == ("```\nScan *here*.\n```\n" if code else "Scan *here*.\n")


def test_dialects_mdx_tabs_around_code_keep_their_labels() -> None:
    """Starlight's install tabs: each tab's code came out with no label (the body was cut at
    its fences, and a tag opened in one part and closed in the next was lost)."""
    text = (
        '<Tabs>\n  <TabItem label="npm">\n\n```sh\nnpm i x\n```\n\n  </TabItem>\n'
        '  <TabItem label="pnpm">\n\n    ```sh\n    pnpm add x\n    ```\n\n  </TabItem>\n</Tabs>\n\n'
        "```\nnever closed\n"
    )
    assert clean(text, ".mdx", "astro") == (
        "**npm**\n\n```sh\nnpm i x\n```\n\n**pnpm**\n\n```sh\npnpm add x\n```\n\n```\nnever closed\n"
    )


def test_dialects_mdx_fences_indented_four_columns_or_more_are_fences() -> None:
    """Astro's docs: a fence right under its tab, six columns in, was read as indented code;
    the braces in it became computed content and the page's next sections were swallowed."""
    text = (
        '<Tabs>\n  <TabItem label="One">\n    ```astro\n    ---\n    const { y } = Astro.props;\n'
        "    ---\n      <p>{y}</p>\n    ```\n  </TabItem>\n</Tabs>\n\n## After\n"
    )
    assert clean(text, ".mdx", "astro") == (
        "**One**\n\n```astro\n---\nconst { y } = Astro.props;\n---\n  <p>{y}</p>\n```\n\n## After\n"
    )
    # In a list item the fence moves to the item's text, and stays in the item.
    steps = (
        '1. Install:\n\n   <Tabs>\n     <TabItem label="npm">\n       ```sh\n       npm i {x}\n       ```\n'
    )
    made = html(steps + "     </TabItem>\n   </Tabs>\n2. Run it.\n", generator="astro")
    assert (
        '<li>\n<p>Install:</p>\n<p><strong>npm</strong></p>\n<pre><code class="language-sh">npm i {x}\n'
        in made
    )
    # Plain Markdown has indented code: there, the same lines are code.
    assert (
        clean("Text\n\n    ```\n    {x}\n    ```\n", ".md", "astro") == "Text\n\n    ```\n    {x}\n    ```\n"
    )


def test_dialects_mdx_escaped_braces_and_angle_brackets_are_text() -> None:
    """Astro's docs write 'Promise\\<\\{ value: number \\}\\>': each '\\{' opened computed content."""
    text = "Gives Promise\\<\\{ value: number \\}\\>, and \\\\{x} is computed.\n"
    assert html(text, generator="astro") == (
        "<p>Gives Promise&lt;{ value: number }&gt;, and \\<em>[Computed content (x): shown on the live site]</em>"
        " is computed.</p>\n"
    )


def test_dialects_mkdocs_fence_attribute_lists_give_the_language() -> None:
    """Material's docs write ``` { .yaml .no-copy }: the code came out in the language '{'."""
    text = '``` { .yaml .no-copy }\na: 1\n```\n\n~~~{.python hl_lines="1"}\nx = 1\n~~~\n\n```\n``` { .js }\n```\n'
    assert clean(text, ".md", "mkdocs") == (
        "```yaml\na: 1\n```\n\n~~~python\nx = 1\n~~~\n\n```\n``` { .js }\n```\n"  # in code: as written
    )
    assert clean(text, ".md", "hugo") == text


def test_dialects_liquid_in_a_link_definition_is_worked_out_or_its_links_are_their_text() -> None:
    """Ruby's site (218 pages) defines links as '[t]: {{ site.x }}': the definition became a
    paragraph with a placeholder, and every reference link after it stayed as written."""
    text = (
        "Read the [terms][t] and visit the [shop][s], [t][] and [T].\n\n"
        "[t]: {{ site.terms_page }}\n[s]: /shop/\n[u]: {{ site.url }}/u/\n\nSee [u].\n"
    )
    assert html(text, ".md", "jekyll") == (
        '<p>Read the terms and visit the <a href="/shop/">shop</a>, t and T.</p>\n<p>See <a href="/u/">u</a>.</p>\n'
    )


def test_dialects_the_sites_own_address_alone_is_a_link_to_its_home_page() -> None:
    """A review of the thirtieth sitting: '[h]: {{ site.url }}' gave no link, where the live
    page links the site's home; an output of the page's own that is empty still gives none."""
    text = (
        "Back [home][h], to the [start]({{ site.baseurl }}), [again]({{- site.url -}}) or [x]({{ page.x }}),"
        " [both]({{ site.url }}{{ site.baseurl }}).\n\n[h]: {{ site.url }}\n"
    )
    assert markdown.render(clean(text, ".md", "jekyll", {"x": ""})).html == (
        '<p>Back <a href="/">home</a>, to the <a href="/">start</a>, <a href="/">again</a> or x,'
        ' <a href="/">both</a>.</p>\n'
    )


def test_dialects_docusaurus_reads_an_mdx_code_block_fence_as_mdx() -> None:
    """Ory's docs: 280 of 1,353 pages opened with a block of code holding imports and components,
    which Docusaurus reads as MDX from a fence of the language mdx-code-block."""
    text = (
        "```mdx-code-block\nimport Admonition from '@theme/Admonition'\n\n"
        '<Admonition type="info" title="Heads up">\nKnobs turn **both** ways.\n</Admonition>\n```\n\n'
        "````md\n```mdx-code-block\n<Dial/>\n```\n````\n\n```mdx-code-block\n<Open/> never closed\n"
    )
    assert html(text, ".md", "docusaurus") == (
        "<blockquote>\n<p><strong>Info: Heads up</strong></p>\n<p>Knobs turn <strong>both</strong> ways.</p>\n"
        '</blockquote>\n<pre><code class="language-md">```mdx-code-block\n&lt;Dial/&gt;\n```\n</code></pre>\n'
        '<pre><code class="language-mdx-code-block">&lt;Open/&gt; never closed\n</code></pre>\n'
    )
    assert clean(text, ".md", "hugo") == text


def test_dialects_a_heading_component_an_empty_expression_and_a_custom_element() -> None:
    """Ory's API pages title themselves with <Heading as={"h2"} id=... children={"..."}> (37
    pages lost their title heading to a placeholder); pnpm writes an empty expression {} (MDX
    shows nothing, not 'computed content'); v8.dev's <feature-support> elements, filled by a
    script, vanished with no word on 45 pages."""
    text = '<Heading as={"h2"} id={"turning"} children={"Turning a knob"}></Heading>\n\nKnobs {} turn.\n'
    assert html(text, ".mdx", "docusaurus") == (
        '<h2 id="h-turning-a-knob">Turning a knob<span id="h-turning"></span></h2>\n<p>Knobs  turn.</p>\n'
    )
    text = (
        '## Support\n\n<browser-matrix chrome="72"></browser-matrix>\n\nThat is <my-clock></my-clock> all.\n'
    )
    assert markdown.render(clean(text, ".md", "eleventy", html=True)).html == (
        '<h2 id="h-support">Support</h2>\n<p><em>[browser-matrix: shown on the live site]</em></p>\n'
        "<p>That is <em>[my-clock: shown on the live site]</em> all.</p>\n"
    )


def test_dialects_a_container_with_a_space_or_never_closed_is_a_note() -> None:
    """v8.dev (Eleventy, markdown-it-container) writes '::: note' with a space, as that plugin's
    own example does, and leaves a container open at a page's end: both were shown as text. An
    open one runs to the end of the page, as the plugin (and remark-directive) reads it."""
    text = "First.\n\n::: note\nSpaced.\n:::\n\n:::algorithm\n1. Step one.\n"
    assert clean(text, ".md", "eleventy") == (
        "First.\n\n> **Note**\n>\n> Spaced.\n\n> **Algorithm**\n>\n> 1. Step one.\n"
    )
    assert clean("Text ::: not a note\n", ".md", "eleventy") == "Text ::: not a note\n"


def test_dialects_a_pre_block_is_code_and_a_line_break_keeps_its_block_whole() -> None:
    """Biome's blog (Astro) shows tool output as <pre> with <strong> inside and blank lines: each
    block was torn into paragraphs, literal marks and code of escaped tags. astro-nomy's quote
    with a <br> at a line's end became two quotes; a <br> is a line break, as the page shows it."""
    text = (
        "Intro.\n\n<pre><code>run.js:1:1 <strong>error</strong> a &lt; b\n\n    <strong>1 │</strong> call();\n"
        "</code></pre>\n\n> Ship small changes.<br>\n> — <cite>A. Writer</cite>\n\nA<br>B and end<br>\n\n"
        "```html\n<pre>as written</pre>\n```\n"
    )
    assert markdown.render(clean(text, ".md", "astro", html=True)).html == (
        "<p>Intro.</p>\n<pre><code>run.js:1:1 error a &lt; b\n\n    1 │ call();\n</code></pre>\n"
        "<blockquote>\n<p>Ship small changes.<br>\n— A. Writer</p>\n</blockquote>\n<p>A<br>\nB and end</p>\n"
        '<pre><code class="language-html">&lt;pre&gt;as written&lt;/pre&gt;\n</code></pre>\n'
    )


def test_dialects_a_pre_block_in_a_list_item_is_code_as_at_the_top_level() -> None:
    """Tekton's getting-started steps (Hugo, goldmark's unsafe) show a command's output as a
    <pre> four spaces in, under a numbered step and a fence: the tags were dropped and its lines
    became paragraphs, where the same block at the left margin is code. In the item it is code
    too, its lines without the item's indentation; four spaces in outside a list it stays
    indented code, as written."""
    text = (
        "1.  Run it:\n\n    ```bash\n    tkn logs\n    ```\n\n    The output:\n\n"
        "    <pre>\n    [hello] Hi &amp; bye\n\n      <b>done</b>\n    </pre>\n\n"
        "## After\n\n<pre>\n[top] Hi\n</pre>\n\nText.\n\n    <pre>as written</pre>\n"
    )
    assert markdown.render(clean(text, ".md", "hugo", html=True)).html == (
        "<ol>\n<li>\n<p>Run it:</p>\n"
        '<pre><code class="language-bash">tkn logs\n</code></pre>\n<p>The output:</p>\n'
        "<pre><code>[hello] Hi &amp; bye\n\n  done\n</code></pre>\n</li>\n</ol>\n"
        '<h2 id="h-after">After</h2>\n<pre><code>[top] Hi\n</code></pre>\n<p>Text.</p>\n'
        "<pre><code>&lt;pre&gt;as written&lt;/pre&gt;\n</code></pre>\n"
    )


def test_dialects_what_the_sittings_review_found_of_notes_headings_and_children() -> None:
    """A review of the thirtieth sitting's work: on an MkDocs site, mkdocstrings' '::: lantern'
    became a note holding the rest of the page; an open note stopped at a fence; <H2> was no
    heading; a self-closing component's children attribute and a self-closing custom element
    were read as nothing of theirs."""
    text = "# API\n\n::: lantern\n    options:\n      x: 1\n\n## After\n\nText.\n"
    assert clean(text, ".md", "mkdocs") == (
        "# API\n\n\ue040lantern\ue041\n\n*\\[Reference of lantern: shown on the live site\\]*\n\n## After\n\nText.\n"
    )
    text = "Intro.\n\n:::tip\n\nTip.\n\n```js\nlet a = 1;\n```\n\nAfter code.\n"
    assert clean(text, ".md", "docusaurus") == (
        "Intro.\n\n> **Tip**\n>\n> Tip.\n>\n> ```js\n> let a = 1;\n> ```\n>\n> After code.\n"
    )
    assert clean("<H2>Upper</H2>\n", ".md", "hugo", html=True) == "## Upper\n"
    text = '<Heading as="h2" children={"Setup"} />\n\n<Trial children={"Try it"} />\n\n<my-clock />\n'
    assert (
        clean(text, ".mdx", "docusaurus")
        == "## Setup\n\nTry it\n\n*\\[my-clock: shown on the live site\\]*\n"
    )


def test_dialects_an_inline_tag_dropped_at_a_lines_start_leaves_no_list_or_heading() -> None:
    """FastAPI's home page (13 languages): '<small>* estimation ...</small>' under a list became
    a third item of it, its '*' gone; the live page shows a paragraph starting with '*'."""
    text = "* Basic\n* Pro\n\n<small>* prices exclude tax</small>\n\n<span>1. Not a list</span>\n\n<span>## Nor this</span>\n"
    assert markdown.render(clean(text, ".md", "mkdocs", html=True)).html == (
        "<ul>\n<li>Basic</li>\n<li>Pro</li>\n</ul>\n<p>* prices exclude tax</p>\n<p>1. Not a list</p>\n"
        "<p>## Nor this</p>\n"
    )


def test_dialects_kramdown_attribute_lists_after_code_html_and_in_quotes_are_not_text() -> None:
    """jekyll-TeXt-theme's docs (25) and Just the Docs' (7): '`beta`{:.warning}',
    '<span>New</span>{: .label }' and a callout's '> {: .note }' showed their attribute lists as
    text; kramdown reads each as the attributes of the code, the element, the quoted block."""
    text = "Status: `beta`{:.warning} and <span>New</span>{: .label }\n\n> {: .note }\n  Quoted text.\n"
    assert markdown.render(clean(text, ".md", "jekyll", html=True)).html == (
        "<p>Status: <code>beta</code> and New</p>\n<blockquote>\n<p>Quoted text.</p>\n</blockquote>\n"
    )
    assert "{: .note }" in clean(text, ".md", "hugo", html=True)  # kramdown's own: a Jekyll site's
    # A second review: a quote going on with its marks stays one quote.
    text = "> {: .note }\n> Remember the kettle.\n\n> First line.\n> {: .warn }\n> Second line.\n"
    assert clean(text, ".md", "jekyll") == "> Remember the kettle.\n\n> First line.\n> Second line.\n"


def test_dialects_an_escaped_backtick_opens_no_code_span_in_mdx() -> None:
    """Biome's docs: 'between backticks (\\`)' opened a code span there, so the next span's
    '${name}' was read as an MDX expression: 'computed content' inside code."""
    text = 'Write `${name}` between backticks (\\`). A slip is `"${name}"` with quotes.\n'
    assert html(text, ".mdx", "astro") == (
        "<p>Write <code>${name}</code> between backticks (`). A slip is <code>&quot;${name}&quot;</code> with quotes.</p>\n"
    )


def test_dialects_an_export_line_inside_a_template_string_is_no_esm() -> None:
    """LekoArts' portfolio (Gatsby, MDX): a sandbox's code={`...`} holding a blank line and
    'export function' lost that line as ESM, and the element was shown as escaped text."""
    text = (
        'Before.\n\n<Sandbox\n  title="Counter"\n  code={`const start = 1\n\nexport function next(n) {\n'
        "  return n + start\n}`}\n/>\n\nAfter.\n\nexport const meta = {a: 1}\n\nEnd.\n"
    )
    assert clean(text, ".mdx", "gatsby") == (
        "Before.\n\n*\\[Counter: shown on the live site\\]*\n\nAfter.\n\nEnd.\n"
    )


def test_dialects_mdx_indented_lines_stay_in_their_list_item() -> None:
    """A second review: a list item's line indented deep (code in Markdown, text in MDX) left the
    item once its indentation was taken off; lines mixing a tab and spaces stayed code."""
    assert clean("- Item one\n\n      deep line\n", ".mdx", "docusaurus") == "- Item one\n\n  deep line\n"
    assert (
        clean("<details>\n\n    Mixed a\n\tMixed b\n\n</details>\n", ".mdx", "docusaurus")
        == "Mixed a\nMixed b\n"
    )


def test_dialects_a_line_break_in_a_table_row_or_a_heading_is_a_space() -> None:
    """Found rereading the sitting: a <br> in a pipe table's cell (which sites write for a line
    in a cell) ended the row, and one in a heading left a backslash: there it is a space."""
    text = "| A | B |\n|---|---|\n| a<br>b | c |\n\n## Title<br>more\n"
    assert clean(text, ".md", "hugo", html=True) == "| A | B |\n|---|---|\n| a b | c |\n\n## Title more\n"


def test_dialects_a_comment_line_inside_html_leaves_the_html_whole() -> None:
    """al-folio's home page: a comment on its own line inside a block of HTML left a blank line,
    which ended the block: the rest of it was shown as indented code."""
    text = (
        '<div class="gallery">\n  <!-- an old line -->\n    <div class="item">\n      <p>Spring.</p>\n'
        "    </div>\n</div>\n\nText <!-- inline --> here.\n<!-- own line -->\nNext.\n\n<!-- never closed\n"
    )
    made = markdown.render(clean(text, ".md", "jekyll", html=True)).html
    assert made == "<p>Spring.</p>\n<p>Text  here.</p>\n<p>Next.</p>\n<p>&lt;!-- never closed</p>\n"
    # A review: after a paragraph that starts with an inline tag, the comment still ends it.
    made = clean("<b>Warning:</b> it deletes.\n<!-- note -->\nRun it.\n", ".md", "jekyll", html=True)
    assert markdown.render(made).html == "<p><strong>Warning:</strong> it deletes.</p>\n<p>Run it.</p>\n"


def test_dialects_a_fence_whose_info_holds_backticks_is_a_code_span() -> None:
    """React Native's blog: a line '``` widget stop ```' was taken for a fence left open: the
    rest of the page showed its components and admonitions as written."""
    text = "Type ``` widget start ``` now.\n``` widget stop ```\n\n<Badge />\n\n:::tip\nShort.\n:::\n"
    assert clean(text, ".mdx", "docusaurus") == (
        "Type ``` widget start ``` now.\n``` widget stop ```\n\n*\\[Badge: shown on the live site\\]*\n\n"
        "> **Tip**\n>\n> Short.\n"
    )


def test_dialects_hugo_shortcodes_in_a_link_definition_are_worked_out_or_its_links_are_their_text() -> None:
    """Envoy's quickstart defines '[kit]: https://x/{{< current-tag >}}/kit.tgz': '[kit][]' stayed
    as written, and the definition showed as a paragraph with a placeholder."""
    text = (
        "Get the [kit][] and [e].\n\n[kit]: https://dl.example.org/{{< current-tag >}}/kit.tgz\n"
        "[e]: https://x.example/{{< param rel >}}/a\n"
    )
    assert html(text, ".md", "hugo") == "<p>Get the kit and e.</p>\n"  # no param rel: its text, not a link
    made = markdown.render(clean(text, ".md", "hugo", {"rel": "4.2"})).html
    assert made == '<p>Get the kit and <a href="https://x.example/4.2/a">e</a>.</p>\n'


def test_dialects_eleventys_url_filter_gives_a_path_in_links_and_quoted_attributes() -> None:
    """Google's high-performance blog: href="{{ '/notes/apple/' | url }}" was a link to a
    placeholder ('leads nowhere'), and [y]({{ '/a/' | url }}) lost its link."""
    text = (
        "<a href=\"{{ '/notes/apple/' | url }}\">x</a> and [y]({{ '/a/' | url }}) and "
        '<img src="{{ \'/pics/p.png\' | relative_url }}" alt="p">\n'
    )
    assert markdown.render(clean(text, ".md", "eleventy", html=True)).html == (
        '<p><a href="/notes/apple/">x</a> and <a href="/a/">y</a> and <img src="/pics/p.png" alt="p"></p>\n'
    )


def test_dialects_mdx_one_line_elements_alone_on_their_line_are_blocks() -> None:
    """<TabItem label="Red">Apples</TabItem> next to a Blue one became one paragraph, 'Apples Berries'."""
    text = '<Tabs>\n<TabItem label="Red">Apples</TabItem>\n<TabItem label="Blue">Berries</TabItem>\n</Tabs>\n'
    assert clean(text, ".mdx", "astro") == "**Red**\n\nApples\n\n**Blue**\n\nBerries\n"
    assert clean("Some <b>bold</b> text.\n", ".mdx", "astro") == "Some **bold** text.\n"


def test_dialects_mdx_nested_indented_elements_are_not_code() -> None:
    """A one-line element indented inside another kept its four spaces: an indented code block."""
    text = "<Outer>\n    <Step>One line.</Step>\n    <Step>\n        Two lines\n        here.\n    </Step>\n</Outer>\n"
    assert clean(text, ".mdx", "astro") == "One line.\n\nTwo lines\nhere.\n"
    assert "<pre>" not in html(text, ".mdx", "astro")


def test_dialects_mdx_quote_indented_unevenly_is_prose_and_spans_stay_in_their_paragraph() -> None:
    """A translated testimonial indented by a tab on one line and spaces on the next became code;
    a code span opened in prose ran on past the paragraph once the code blocks were held back."""
    text = '<Testimonial name="Ana">\n\t  First line of praise,\n  and the second.\n\t</Testimonial>\n'
    assert clean(text, ".mdx", "astro") == "> First line of praise,\n> and the second.\n>\n> — Ana\n"
    text = 'Three backticks <code>```</code> open a block.\n\n<Tabs>\n<Tab label="A">\n\n```js\nx\n```\n\n</Tab>\n</Tabs>\n'
    assert clean(text, ".mdx", "astro") == (
        "Three backticks ```` ``` ```` open a block.\n\n**A**\n\n```js\nx\n```\n"
    )


def test_dialects_admonitions_with_attributes_or_inside_a_list_item_are_quotes() -> None:
    """Starlight's ':::tip{icon="heart"}' and a ':::tip' indented inside a list item showed as written
    (30 times on its docs); an admonition indented as code outside a list is still code in
    Markdown, and in MDX, which has no indented code, an admonition."""
    text = (
        "1. Step one:\n\n    :::tip\n    Use **this**.\n    :::\n\n2. Next.\n\n"
        ':::tip[Did you know?]{icon="heart"}\nAstro helps.\n:::\n\n:::note{icon="x"}\nPlain.\n:::\n\n'
        "Example:\n\n    :::tip\n    Shown as code.\n    :::\n"
    )
    assert clean(text, ".mdx", "astro") == (
        "1. Step one:\n\n    > **Tip**\n    >\n    > Use **this**.\n\n2. Next.\n\n"
        "> **Tip: Did you know?**\n>\n> Astro helps.\n\n> **Note**\n>\n> Plain.\n\n"
        "Example:\n\n> **Tip**\n>\n> Shown as code.\n"
    )
    assert clean(text, ".md", "astro").endswith("Example:\n\n    :::tip\n    Shown as code.\n    :::\n")


def test_dialects_mdx_callout_components_are_labelled_quotes() -> None:
    """Starlight's <Aside type="caution"> lost its kind, which its ':::caution' form kept."""
    text = (
        '<Aside type="caution" title="Mind the *gap*">\nCheck **this** first.\n</Aside>\n\n'
        '<Aside>\nPlain aside.\n</Aside>\n\n<Admonition type="tip">Short.</Admonition>\n\n'
        "<Footnote>Not a callout.</Footnote>\n"
    )
    assert clean(text, ".mdx", "astro") == (
        "> **Caution: Mind the \\*gap\\***\n>\n> Check **this** first.\n\n> **Aside**\n>\n> Plain aside.\n\n"
        "> **Tip**\n>\n> Short.\n\nNot a callout.\n"
    )


def test_dialects_raw_html_tables_become_markdown_tables() -> None:
    """A site's <table> (Jekyll's docs, MDX pages) kept its cells' text but lost its rows and columns."""
    text = (
        "<table>\n  <thead>\n    <tr><th>Plan</th><th>Price</th></tr>\n  </thead>\n  <tbody>\n"
        '    <tr>\n      <td><a href="/basic/">Basic</a></td>\n      <td>10 | 12</td>\n    </tr>\n'
        "    <tr><td>Pro</td><td><b>20</b></td><td>extra</td></tr>\n  </tbody>\n</table>\n\nA stray <td>cell</td>.\n"
    )
    table = "| Plan | Price |  |\n|---|---|---|\n| [Basic](/basic/) | 10 \\| 12 |  |\n| Pro | **20** | extra |\n\n"
    assert clean(text, ".md", "jekyll", html=True) == table + "A stray  cell .\n"
    assert clean(text, ".mdx", "docusaurus") == table + "A stray  cell .\n"
    assert "<td>10 | 12</td>" in html(text, ".mdx", "docusaurus")


@pytest.mark.parametrize("generator", ["docusaurus", "astro", "mkdocs", "hugo"])
def test_dialects_code_block_titles_show_over_the_code(generator: str) -> None:
    """```js title="src/config.js": the file name the live page shows over the code was lost."""
    text = (
        'Add it:\n\n```js title="src/config.js" {2}\nexport default {};\n```\n\n'
        "1. Then:\n\n   ```sh {title='Terminal window'}\n   npm run dev\n   ```\n"
    )
    assert clean(text, ".md", generator) == (
        'Add it:\n\n*src/config.js*\n\n```js title="src/config.js" {2}\nexport default {};\n```\n\n'
        "1. Then:\n\n   *Terminal window*\n\n   ```sh {title='Terminal window'}\n   npm run dev\n   ```\n"
    )
    assert clean('```py\nprint("title=1")\n```\n', ".md", generator) == '```py\nprint("title=1")\n```\n'


@pytest.mark.parametrize(
    ("meta", "title"),
    [
        ('md mark=/title=".+"/', ""),
        ("md del=/title='old'/ ins=/ title='new' /", ""),
        ('js "title=\'x\'" ins={4} title="a.js"', "*a.js*"),
        ('js ins={title="x"} /ye[sp]/', ""),
        ('js subtitle="no"', ""),
        ('title="first.js"', "*first.js*"),
        ('js {linenos=true,title="b.js"}', "*b.js*"),
    ],
)
def test_dialects_a_title_inside_another_keys_value_is_no_code_title(meta: str, title: str) -> None:
    """A real Astro docs site (Expressive Code) marks text in a fence with ```md mark=/title=".+"/:
    stagemap put the title '.+' over the code. A title is ``title=`` at the start of the meta or
    after a space, never inside a /regex/, a quoted text or a {...} value."""
    code = f"```{meta}\nx\n```\n"
    assert clean("Run:\n\n" + code, ".md", "astro") == "Run:\n\n" + (f"{title}\n\n{code}" if title else code)


def test_dialects_docusaurus_tab_without_a_label_shows_its_value() -> None:
    text = '<Tabs>\n<TabItem value="apple">\nAn apple.\n</TabItem>\n</Tabs>\n'
    assert clean(text, ".mdx", "docusaurus") == "**apple**\n\nAn apple.\n"


def test_dialects_reread_code_in_callouts_and_cells_and_elements_in_lists_and_text() -> None:
    """A review of this session's changes found: code held back inside a callout or a cell was
    never put back; an HTML element alone on a line split its paragraph; a tab inside a list
    item was pulled out of the list; a code block's title joined the paragraph above it."""
    aside = '<Aside type="tip">\n\n```js\nconst a = 1;\n```\n\n</Aside>\n'
    assert clean(aside, ".mdx", "astro") == "> **Tip**\n>\n> ```js\n> const a = 1;\n> ```\n"
    cell = "<table><tr><td>\n\n```js\nx | y\n```\n\n</td></tr></table>\n"
    assert clean(cell, ".mdx", "astro") == "| ` x \\| y ` |\n|---|\n"
    text = 'See the guide:\n<a href="/x">Guide</a>\nfor more.\n'
    assert clean(text, ".mdx", "astro") == "See the guide:\n[Guide](/x)\nfor more.\n"
    listed = '- item\n\n  <Tab label="A">Apples</Tab>\n\n- next\n'
    assert clean(listed, ".mdx", "astro") == "- item\n\n  **A**\n\n  Apples\n\n- next\n"
    titled = 'Run this:\n```js title="app.js"\nx\n```\n'
    assert clean(titled, ".md", "docusaurus") == 'Run this:\n\n*app.js*\n\n```js title="app.js"\nx\n```\n'


def test_dialects_html_tables_nested_or_with_cells_left_open() -> None:
    nested = (
        "<table><tr><td>outer<table><tr><td>in1</td><td>in2</td></tr></table></td><td>x</td></tr></table>\n"
    )
    assert clean(nested, ".md", "jekyll", html=True) == "| outer in1 in2 | x |\n|---|---|\n"
    open_cells = "<table><tr><td>a<td>b</tr><tr><td>c<td>d</table>\n"
    assert clean(open_cells, ".md", "jekyll", html=True) == "| a | b |\n|---|---|\n| c | d |\n"


def test_dialects_mdx_elements_indented_oddly_inside_a_list_item_stay_in_it() -> None:
    """Starlight's customization guide indents its tabs by 9, 4 and 11 spaces inside a list item
    (MDX reads none of it as code): put back at their own indentation they became code."""
    text = (
        '1.  Install.\n    More text.\n\n         <Tabs>\n\n    <TabItem label="npm">\n\n'
        "    ```sh\n    npm i x\n    ```\n\n           </TabItem>\n    </Tabs>\n\n2.  Next\n"
    )
    assert clean(text, ".mdx", "astro") == (
        "1.  Install.\n    More text.\n\n    **npm**\n\n    ```sh\n    npm i x\n    ```\n\n2.  Next\n"
    )
    assert clean(
        '    <Tabs>\n    <TabItem label="A">\n    x\n    </TabItem>\n    </Tabs>\n', ".mdx", "astro"
    ) == ("**A**\n\nx\n")


def test_dialects_definition_lists_become_a_bold_term_over_its_definitions() -> None:
    """Hugo's reference pages list settings as definition lists: the colons showed as text and
    each term ran into its definition. A term gets no id of its own (kramdown and
    Python-Markdown give none, Hugo none by default): see the next test for Hugo's."""
    text = (
        "Settings:\n\n`defaultContentLanguage`\n: (`string`) The default language.\n  Must match a key.\n\n"
        "`disableRedirect`\n: A first definition.\n\n: A second one.\n\nApple\n\n:   A fruit.\n\n"
        "Two lines\nof a paragraph\n: one definition.\n\n    code\n    : stays\n\nTime: 10:30 stays.\n"
    )
    made = (
        "Settings:\n\n**`defaultContentLanguage`**\n\n(`string`) The default language. Must match a key.\n\n"
        "**`disableRedirect`**\n\nA first definition.\n\nA second one.\n\n**Apple**\n\nA fruit.\n\n"
    )
    # Each line of the paragraph above is a term: goldmark's, kramdown's (list.rb splits the
    # paragraph's text at each line end) and Python-Markdown's (def_list splits it too).
    for generator in ("hugo", "jekyll", "mkdocs"):
        assert clean(text, ".md", generator) == (
            made
            + "**Two lines**\n\n**of a paragraph**\n\none definition.\n\n    code\n    : stays\n\nTime: 10:30 stays.\n"
        ), generator
    # MDX has no definition lists, nor indented code.
    assert clean(text, ".mdx", "docusaurus") == text.replace("    code\n    : stays", "code\n: stays")
    page = markdown.render(
        clean(text + "\nSee [it](#defaultcontentlanguage).\n", ".md", "jekyll"), top=2
    ).html
    assert "<p><strong><code>defaultContentLanguage</code></strong></p>" in page
    assert ' id="' not in page  # no element of that id: the link leads nowhere


@pytest.mark.parametrize(
    ("text", "hugo", "jekyll", "mkdocs"),
    [
        # A quote's line: goldmark and kramdown run the next line on in the quote; Python-Markdown
        # reads definition lists before quotes, so both lines are terms there.
        ("> Quoted\nPump\n: d\n", None, None, ["> Quoted", "Pump"]),
        # A list item inside the paragraph: only goldmark's numbered one other than 1 goes on
        # with it; kramdown ends the paragraph at any item; Python-Markdown reads none there.
        ("Intro\n2. two\nPump\n: d\n", ["Intro", "2. two", "Pump"], None, ["Intro", "2. two", "Pump"]),
        ("Intro\n- item\nPump\n: d\n", None, None, ["Intro", "- item", "Pump"]),
        # Two blank lines between: kramdown takes one only.
        ("Pump\n\n\n: d\n", ["Pump"], None, ["Pump"]),
        # kramdown and Python-Markdown take a ":" 3 spaces in; goldmark none.
        ("Pump\n   : d\n\nLast\n: e\n", ["Last"], ["Pump", "Last"], ["Pump", "Last"]),
        # A comment over lines ends the paragraph above it (CommonMark, Python-Markdown).
        # (kramdown's reading not checked: it reads a comment inside a paragraph as its text.)
        ("Intro\n<!-- a\nnote -->\nPump\n: d\n", ["Pump"], ["?"], ["Pump"]),
    ],
)
def test_dialects_definition_terms_are_the_lines_each_generator_reads_as_the_paragraph_above(
    text: str, hugo: list[str] | None, jekyll: list[str] | None, mkdocs: list[str] | None
) -> None:
    """Checked with Hugo 0.168 and Python-Markdown 3 (kramdown from its parser's source)."""
    for generator, terms in (("hugo", hugo), ("jekyll", jekyll), ("mkdocs", mkdocs)):
        if terms == ["?"]:
            continue
        made = clean(text, ".md", generator)
        found = [line[2:-2] for line in made.split("\n") if line.startswith("**") and line.endswith("**")]
        assert found == (terms or []), generator


def test_dialects_a_self_closing_code_shortcode_holds_nothing() -> None:
    """Hugo's docs write {{< code-toggle config=languages />}}: it was read as the opening of a
    paired shortcode, and made code of the page down to the next code-toggle's closing."""
    text = "Set:\n\n{{< code-toggle config=languages />}}\n\nThen **this**.\n\n{{< code-toggle >}}\na = 1\n{{< /code-toggle >}}\n"
    assert clean(text, ".md", "hugo") == (
        f"Set:\n\n*\\[code-toggle: {LIVE}\\]*\n\nThen **this**.\n\n```\na = 1\n```\n"
    )


def test_dialects_an_html_elements_id_is_an_anchor_that_keeps_its_element_whole() -> None:
    """Found by a review: the anchor's mark in front of '## Title' or a table's first row
    made a paragraph of them; inside an image's alt text it broke the tag."""
    text = '<h2 id="h2">Title</h2>\n\n<table id="t"><tr><th>A</th></tr><tr><td>a</td></tr></table>\n\nA<br id="b"/>B\n'
    cleaned = clean(text, ".md", "hugo", html=True)
    assert (
        cleaned == f"## {anchor('h2')}Title\n\n{anchor('t')}\n\n| A |\n|---|\n| a |\n\nA{anchor('b')}\\\nB\n"
    )
    page = markdown.render(cleaned).html
    assert '<h2 id="h-title"><span id="h-h2"></span>Title</h2>' in page and "<table>" in page
    alt = markdown.render(clean('![Logo <a id="logo"></a>](/y.png)\n', ".md", "hugo", html=True)).html
    assert alt == '<p><img src="/y.png" alt="Logo "></p>\n'
    assert "\ue040" not in markdown.plain(f"x{anchor('a')}").html


def test_dialects_relative_url_keeps_an_address_with_a_scheme() -> None:
    text = "[Mail]({{ 'mailto:team@example.com' | relative_url }}) [Docs]({{ 'https://d.example/x' | relative_url }})\n"
    assert clean(text, ".md", "jekyll") == "[Mail](mailto:team@example.com) [Docs](https://d.example/x)\n"


def test_dialects_an_anchor_named_as_its_heading_adds_no_second_id() -> None:
    """A heading's own id is its only one, given twice as written (Hugo 0.168 writes both
    headings with id="faq"); an anchor of that name adds no element of its own."""
    page = markdown.render(clean("## FAQ {#faq}\n\n## Other {#faq}\n", ".md", "hugo")).html
    assert page == '<h2 id="h-faq">FAQ</h2>\n<h2 id="h-faq">Other</h2>\n'
    page = markdown.render(clean('## FAQ {#faq}\n\nSee <a id="faq"></a>x.\n', ".md", "hugo", html=True)).html
    assert page == '<h2 id="h-faq">FAQ</h2>\n<p>See x.</p>\n'


def test_dialects_a_kramdown_id_under_a_heading_is_its_anchor() -> None:
    """Jekyll's history page names each release '## 3.0.5 / 2016-04-26' then '{: #v3-0-5}';
    its posts link to #v3-0-5, which led nowhere (34 of 63 links to another page's place)."""
    text = "## 3.0.5 / 2016-04-26\n{: #v3-0-5}\n\nText\n{: .note}\n\n{: #before}\nPara\n"
    assert (
        clean(text, ".md", "jekyll")
        == f"## 3.0.5 / 2016-04-26{OWN_ALONE}{anchor('v3-0-5')}\n\nText\n\nPara\n"
    )
    page = markdown.render(clean(text, ".md", "jekyll")).html
    # kramdown's block list applies to the heading above it: its id, and kramdown makes no other
    # (auto_ids only where a heading has none), so #3-0-5-2016-04-26 is no place on the live page.
    assert page.startswith('<h2 id="h-v3-0-5">3.0.5 / 2016-04-26</h2>')


def test_dialects_read_lone_cr_line_ends_as_markdown_does() -> None:
    """A file saved with CR line ends: an admonition was read as one paragraph of ':::' lines."""
    text = "Intro.\n\n:::note\nMind the gap.\n:::\n"
    assert html(text.replace("\n", "\r"), ".md", "docusaurus") == html(text, ".md", "docusaurus")
    assert "<strong>Note</strong>" in html(text, ".md", "docusaurus")


def test_dialects_mkdocs_generic_blocks_are_quotes_tabs_and_content() -> None:
    """``/// tip`` ... ``///`` (pymdownx.blocks) showed as paragraphs of slashes around the text."""
    text = (
        "Book the van.\n\n/// tip\n\nCall the depot **first**.\n\n```sh\n///\nbook --van 3\n```\n\n///\n\n"
        "//// tab | Winter\n\n/// warning | Check the **roads**\n\nGrit first.\n\n///\n\n////\n\n"
        "/// admonition | Before you go\n    type: danger\n    open: true\n\nTake the key.\n///\n\n"
        "/// details\nThe rota.\n///\n\n/// html | div.card\nPlain text.\n///\n\nAfter.\n"
    )
    assert clean(text, ".md", "mkdocs") == (
        "Book the van.\n\n> **Tip**\n>\n> Call the depot **first**.\n>\n> ```sh\n> ///\n> book --van 3\n> ```\n\n"
        "**Winter**\n\n> **Check the roads**\n>\n> Grit first.\n\n"
        "> **Before you go**\n>\n> Take the key.\n\n> **Details**\n>\n> The rota.\n\nPlain text.\n\nAfter.\n"
    )
    # Elsewhere the slashes are text, as a site of another generator shows them.
    assert clean("/// tip\nCall.\n///\n", ".md", "hugo") == "/// tip\nCall.\n///\n"


def test_dialects_mkdocs_generic_blocks_nest_stay_in_lists_and_leave_code_alone() -> None:
    text = (
        "- Load the van.\n\n    /// note\n    Strap it down.\n    ///\n\n"
        "/// tip\nOuter.\n\n/// tip | Inner\nDeep.\n///\n\nStill outer.\n///\n\n"
        "```md\n/// tip\nAn example of the syntax.\n///\n```\n\n"
        "    /// tip\n    indented code\n\n/// note | Never closed\nRuns to the end.\n"
    )
    assert clean(text, ".md", "mkdocs") == (
        "- Load the van.\n\n    > **Note**\n    >\n    > Strap it down.\n\n"
        "> **Tip**\n>\n> Outer.\n>\n> > **Inner**\n> >\n> > Deep.\n>\n> Still outer.\n\n"
        "```md\n/// tip\nAn example of the syntax.\n///\n```\n\n"
        "    /// tip\n    indented code\n\n> **Never closed**\n>\n> Runs to the end.\n"
    )
    # What a block holds is taken as written, but for the block's own indentation: code stays code.
    assert (
        clean("/// note\n\n    book --van 3\n\n///\n", ".md", "mkdocs")
        == "> **Note**\n>\n>     book --van 3\n"
    )
    page = html("/// warning | Mind the *gap*\nStep up.\n///\n", ".md", "mkdocs")
    assert (
        page
        == "<blockquote>\n<p><strong>Mind the <em>gap</em></strong></p>\n<p>Step up.</p>\n</blockquote>\n"
    )


def test_dialects_mkdocs_included_files_and_generated_references_are_placeholders() -> None:
    text = (
        "Start.\n\n{! ../includes/rota.md !}\n\n{* ../../examples/book_van.py hl[3] *}\n\n"
        "Keep {! this !} in its sentence.\n\n::: fernhill.jobs.Booking\n    options:\n      members: true\n\nEnd.\n"
    )
    assert clean(text, ".md", "mkdocs") == (
        "Start.\n\n*\\[Included from ../includes/rota.md: shown on the live site\\]*\n\n"
        "*\\[Included from ../../examples/book\\_van.py: shown on the live site\\]*\n\n"
        "Keep {! this !} in its sentence.\n\n\ue040fernhill.jobs.Booking\ue041\n\n"
        "*\\[Reference of fernhill.jobs.Booking: shown on the live site\\]*\n\nEnd.\n"
    )
    assert clean("::: fernhill.jobs\n", ".md", "hugo") == "::: fernhill.jobs\n"


def test_dialects_attribute_lists_of_every_form_leave_their_id_and_no_text() -> None:
    """Material's changelog writes ``### 9.7.6 { id="9.7.6" }`` and its buttons ``[x](y){ .md-button }``:
    the lists showed as text and links to the headings led nowhere."""
    text = (
        '### 9.7.6 <small>March</small> { id="9.7.6" }\n\n## Van rota { id=rota data-toc-label="Rota" }\n\n'
        "## Plain {.unnumbered}\n\n- :material-clock:{ .lg .middle } __Quick__\n\n"
        '[Start](https://x.example){ .md-button } and ![Van](van.png){ width="300" }\n\n'
        "Text with braces {like this} stays, as does `{ .code }`.\n"
    )
    assert clean(text, ".md", "mkdocs") == (
        f"### 9.7.6 <small>March</small>{OWN_ID}{anchor('9.7.6')}\n\n## Van rota{OWN_ID}{anchor('rota')}\n\n"
        "## Plain\n\n"
        "- __Quick__\n\n[Start](https://x.example) and ![Van](van.png)\n\n"
        "Text with braces {like this} stays, as does `{ .code }`.\n"
    )
    # Hugo has no attribute lists inside a line: one there is text.
    assert clean("[a](b){ .c }\n", ".md", "hugo") == "[a](b){ .c }\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Right after emphasis ending in a letter, a link or an icon: where the list was.
        ("A **bold**{#b} word.\n", "A **bold**\ue040b\ue041 word.\n"),
        ("[x](y){ .md-button #go } and :icon:{ .lg }\n", "[x](y)\ue040go\ue041 and :icon:\n"),
        # Emphasis ending in punctuation or code would not close: at the line's end, before a hard break.
        ("Set **`a`**{ #a } here.  \nNext.\n", "Set **`a`** here.\ue040a\ue041  \nNext.\n"),
        ("**(x)**{#p} then\\\nmore\n", "**(x)** then\ue040p\ue041\\\nmore\n"),
        # In a table row the line's end is no place for it: dropped, the row kept whole.
        ("| a | b |\n|---|---|\n| **`a`**{#c} | b |\n", "| a | b |\n|---|---|\n| **`a`** | b |\n"),
        # An empty link is only an anchor; a list with no id leaves nothing.
        ("[](){#n}\nText.\n", "\ue040n\ue041\nText.\n"),
        ("Under.\n{#u}\n\n- Item.\n  {: #i }\n", "Under.\ue040u\ue041\n\n- Item.\ue040i\ue041\n"),
        # Two at one line's end, in order; a third on the next line at its own.
        (
            "**`a`**{#a} **`b`**{#b}\n**`c`**{#c}\n",
            "**`a`** **`b`**\ue040a\ue041\ue040b\ue041\n**`c`**\ue040c\ue041\n",
        ),
        # Many on one line (a review: 500 stopped the build with a RecursionError).
        (":i:{ .lg } " * 600 + "\n", ":i: " * 600 + "\n"),
    ],
)
def test_dialects_mkdocs_attribute_list_ids_are_anchors_where_they_keep_the_markdown(
    text: str, expected: str
) -> None:
    assert clean(text, ".md", "mkdocs") == expected


def test_dialects_mkdocs_cross_references_show_their_text() -> None:
    """Pydantic's docs link to their reference with mkdocs-autorefs' ``[`Field`][pydantic.fields.Field]``
    and ``[Model][]``: the brackets showed as written, 649 times on 40 pages. A label a
    definition of the page gives, and one that names no object of code, stay links."""
    text = (
        "See [`Field`][pydantic.fields.Field], [Model][] and [`Van`][], [a real one][ref], [Kept][], [x][1].\n\n"
        "```py\n[a][b.c]\n```\n\n[ref]: https://x.example/\n[kept]: https://y.example/\n"
    )
    assert clean(text, ".md", "mkdocs") == text.replace(
        "[`Field`][pydantic.fields.Field], [Model][] and [`Van`][]", "`Field`, Model and `Van`"
    )
    assert clean(text, ".md", "jekyll") == text
    # [beta][docs](url) is [beta] then a link (a review: it lost its brackets and its link).
    assert clean("Status [beta][docs](https://x.example) here.\n", ".md", "mkdocs") == (
        "Status [beta][docs](https://x.example) here.\n"
    )


def test_dialects_kramdown_needs_the_colon_under_a_block() -> None:
    """kramdown reads ``{: #id}`` under a paragraph as its id, ``{#id}`` there as nothing."""
    assert clean("Under.\n{#u}\n\nOver.\n{: #o}\n", ".md", "jekyll") == "Under.\n\nOver.\ue040o\ue041\n"


def test_dialects_mkdocs_admonitions_as_python_markdown_reads_their_first_line() -> None:
    """Knative's docs: '!!!warning' (no space) and '!!! danger bold "Title"' (a class of the
    site's own) were shown as paragraphs. The kind is the first of the classes."""
    text = '!!!warning\n    Hot.\n\n!!! danger bold "Do not overwater"\n    Wet.\n\n??? note annotate\n    Hidden.\n'
    assert clean(text, ".md", "mkdocs") == (
        "> **Warning**\n>\n> Hot.\n\n> **Do not overwater**\n>\n> Wet.\n\n> **Note**\n>\n> Hidden.\n"
    )


def test_dialects_liquid_captures_named_with_a_hyphen_show_where_they_are_output() -> None:
    """Minimal Mistakes' docs capture '{% capture notice-text %}': the output was a placeholder."""
    text = "{% capture tip-box %}**Bring boots.**{% endcapture %}\n\n{{ tip-box | markdownify }}\n"
    assert clean(text, ".md", "jekyll") == "**Bring boots.**\n"


def test_dialects_mkdocs_admonition_title_keeps_its_inner_quotes() -> None:
    """Pydantic writes ``!!! note "On the "jsonable" nature"``: the line showed as written."""
    text = '!!! note "Rota for the "early" crew"\n    Vans leave at six.\n'
    assert clean(text, ".md", "mkdocs") == '> **Rota for the "early" crew**\n>\n> Vans leave at six.\n'


def test_dialects_mkdocs_tabs_in_list_items_and_admonitions_with_modifiers() -> None:
    text = (
        '- Activate it:\n\n    === "macOS"\n\n        ``` sh\n        . venv/bin/activate\n        ```\n\n'
        '    === "Windows"\n\n        Run it.\n\n- Next.\n\n!!! info inline end "On the side"\n\n    Beside the text.\n'
    )
    assert clean(text, ".md", "mkdocs") == (
        "- Activate it:\n\n    **macOS**\n\n    ``` sh\n    . venv/bin/activate\n    ```\n\n"
        "    **Windows**\n\n    Run it.\n\n- Next.\n\n> **On the side**\n>\n> Beside the text.\n"
    )


def test_dialects_raw_html_in_a_list_items_text_is_read_and_stays_in_the_item() -> None:
    """Material's docs put a <div> in a numbered item's text, four spaces in: it was taken for
    indented code and shown as escaped tags; an <img> two spaces in left its item."""
    text = (
        '1.  Find the icon:\n\n    <div class="search">\n      <a href="https://x.example">Icons</a>\n    </div>\n\n'
        '- Load the van:\n\n  <img src="van.png" alt="The van">\n\n    Then drive.\n\nAfter.\n\n    <b>code</b>\n'
    )
    assert clean(text, ".md", "mkdocs", html=True) == (
        "1.  Find the icon:\n\n    [Icons](https://x.example)\n\n"
        "- Load the van:\n\n  ![The van](van.png)\n\n    Then drive.\n\nAfter.\n\n    <b>code</b>\n"
    )


@pytest.mark.parametrize(
    ("text", "generator", "html_in", "expected"),
    [
        # Seen by a review: braces in code and prose were read as attribute lists and lost.
        ("Lua:\n\n    local t = {a=1, b=2}\n    style {.x}\n", "hugo", False, None),
        ("Config with {retries=3, delay=5}\n", "mkdocs", False, None),
        ("$\\sum_{i=1}^{n} x_i$\n", "mkdocs", False, None),  # maths, not an attribute list
        ("!!! Big news today\n", "hugo", False, None),  # prose, not an admonition
        ("Intro\n\n* * *\n\n    <b>tag</b>\n", "mkdocs", True, None),  # code after a thematic break
        ('## Help { title="see #faq" }\n', "mkdocs", False, "## Help\n"),  # no id in a value
        ("[x](y){.btn} and *e*{: .note}\n", "jekyll", False, "[x](y){.btn} and *e*\n"),  # kramdown: {: only
    ],
)
def test_dialects_braces_that_are_no_attribute_list_stay(
    text: str, generator: str, html_in: bool, expected: str | None
) -> None:
    assert clean(text, ".md", generator, html=html_in) == (text if expected is None else expected)


def test_dialects_astro_fragment_with_html_in_a_string_shows_that_html() -> None:
    """Biome's rule pages show each diagnostic as ``<Fragment set:html={"<pre>...</pre>"} />``:
    1,688 placeholders named "Fragment", and the lines of a <pre> given as <br> ran together."""
    text = (
        'Before.\n\n<Fragment set:html={"<pre class=\\"x\\"><code>van.js:1:1 <a href=\\"https://x.example/r\\">'
        'lint/noVan</a><br />  <strong>⚠</strong> Park &amp; lock \\u00e9.<br />  1 │ drive();</code></pre>"} />\n\n'
        "<Fragment set:html={rota} />\n\nAfter.\n"
    )
    assert clean(text, ".mdx", "astro") == (
        "Before.\n\n```\nvan.js:1:1 lint/noVan\n  ⚠ Park & lock é.\n  1 │ drive();\n```\n\n"
        f"*\\[Fragment: {LIVE}\\]*\n\nAfter.\n"
    )
    # A character written as two \\u escapes is one; half of one alone is a replacement character.
    pair = '<Fragment set:html={"<p>Van \\ud83d\\ude90 and \\ud800 alone</p>"} />\n'
    assert clean(pair, ".mdx", "astro") == "Van \U0001f690 and \ufffd alone\n"


def test_dialects_a_paired_hugo_shortcodes_id_is_an_anchor_links_reach() -> None:
    """Linkerd's docs say ``{{< warning id=open-relay-warning >}}`` and link to
    ``./#open-relay-warning`` six times: each link was reported as finding no heading."""
    text = (
        "{{< warning id=open-relay-warning >}}\nAn open relay.\n{{< /warning >}}\n\n"
        "Mesh it in ingress mode ([\\*](#open-relay-warning)).\n"
    )
    assert clean(text, ".md", "hugo").startswith(anchor("open-relay-warning") + "\n\n> **Warning**")
    out = html(text, ".md", "hugo")
    assert out.startswith('<p><span id="h-open-relay-warning"></span></p>\n<blockquote>')
    assert '<a href="#h-open-relay-warning">' in out
    # A single shortcode's id is what it shows (a video's), never an anchor.
    assert "\ue040" not in clean("{{< youtube id=abc >}}\n", ".md", "hugo")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Intro.\n\n{{< details id=d1 >}}\n    code here\n{{< /details >}}\n",
            "<pre><code>code here\n</code></pre>",
        ),
        ("{{< box id=b2 >}}\n---\n{{< /box >}}\n", "<hr>"),
        ("See [r].\n\n{{< box id=b1 >}}\n[r]: http://x.y\n{{< /box >}}\n", '<a href="http://x.y">r</a>'),
        ("{{< box id=b4 >}}\n- x\n{{< /box >}}\n", "<ul>\n<li>x</li>\n</ul>"),
        ("A {{< badge id=new >}}new{{< /badge >}} thing.\n", '<p>A <span id="h-new"></span>new thing.</p>'),
    ],
)
def test_dialects_a_shortcodes_anchor_leaves_the_blocks_it_holds_as_they_are(text: str, wanted: str) -> None:
    """A review found the anchor glued to what the shortcode held: indented code, a rule, a link
    definition became text. It is a paragraph of its own before lines, in the text before words."""
    out = html(text, ".md", "hugo")
    assert wanted in out
    assert ' id="h-' in out


def test_dialects_an_anchor_named_as_a_heading_leaves_no_empty_paragraph() -> None:
    out = html("## Setup\n\n{{< box id=setup >}}\nx\n{{< /box >}}\n", ".md", "hugo")
    assert out == '<h2 id="h-setup">Setup</h2>\n<p>x</p>\n'


def test_dialects_an_anchor_in_a_shortcode_within_a_paragraph_keeps_the_paragraph_whole() -> None:
    """A review: a shortcode within a paragraph, its text wrapped over two lines, split it in three."""
    out = html(
        "This is a {{< mark id=k >}}long phrase that\nwraps{{< /mark >}} in the paragraph.\n", ".md", "hugo"
    )
    assert out == '<p>This is a <span id="h-k"></span>long phrase that\nwraps in the paragraph.</p>\n'


def test_dialects_a_components_id_is_an_anchor_when_it_shows_nothing_else() -> None:
    """Babel's migration guides mark list items with ``<Link id="x"/>`` (links to them gave six
    false warnings, and each showed a placeholder); a component that shows something keeps its place."""
    text = '- <Link id="spot"/> A change.\n\n<HiddenHeading id="exp_x" />\n\n<Thing id="t" title="Hi" />\n'
    assert clean(text, ".mdx", "docusaurus") == (
        f"- {anchor('spot')} A change.\n\n{anchor('exp_x')}\n\n*\\[Hi: shown on the live site\\]*\n"
    )


@pytest.mark.parametrize(
    ("text", "made"),
    [
        # Babel's migration guides: a fence as deep as a nested item's text; one deeper than the
        # item's text, closed at its column (700 lines after it were read as code).
        ("- Outer\n\n  - Inner\n\n    ```js\n    two({ a: 1 });\n    ```\n", None),
        (
            "- A step\n\n    ```js\n  start({ x });\n  ```\n\n## Later {#last-part}\n",
            "- A step\n\n    ```js\n  start({ x });\n  ```\n\n## Later"
            + OWN_ALONE
            + anchor("last-part")
            + "\n",
        ),
        # Drizzle's docs indent their tabs' code with a tab.
        (
            "<Tabs>\n\t<Tab>\n\t```js\n\tconst a = { b: 1 };\n\t```\n\t</Tab>\n</Tabs>\n",
            "```js\nconst a = { b: 1 };\n```\n",
        ),
    ],
)
def test_dialects_an_mdx_fence_at_any_indentation_holds_code(text: str, made: str | None) -> None:
    assert clean(text, ".mdx", "docusaurus") == (text if made is None else made)


def test_dialects_a_components_items_label_the_code_blocks_it_holds() -> None:
    """Drizzle's docs name their tabs on the parent: ``<CodeTabs items={['mysql2', 'pool']}>``
    holding as many fences (294 tab groups on 171 pages showed unlabelled); a count that does
    not match labels none."""
    fence = "```sh\n{}\n```\n"
    tabs = (
        "<CodeTabs items={['mysql2', \"with pool\"]}>\n"
        + fence.format("a")
        + fence.format("b")
        + "</CodeTabs>\n"
    )
    assert clean(tabs, ".mdx", "astro") == "**mysql2**\n\n```sh\na\n```\n\n**with pool**\n\n```sh\nb\n```\n"
    one = "<Tabs items={['One']}>\n" + fence.format("a") + fence.format("b") + "</Tabs>\n"
    assert clean(one, ".mdx", "astro") == fence.format("a") + fence.format("b")


def test_dialects_a_video_with_a_source_inside_is_a_link_to_it() -> None:
    """The A11Y Project's site plays a clip from a ``<source>`` inside its ``<video>``: the page
    showed nothing where the video is (and a missing file went unreported)."""
    text = '<video controls>\n<source src="/img/demo.mp4" type="video/mp4" />\nNo player here.\n</video>\n'
    assert clean(text, ".md", "eleventy", html=True) == "[Video](/img/demo.mp4)\n"
    assert clean(text, ".mdx", "astro") == "[Video](/img/demo.mp4)\n"


def test_dialects_mkdocs_reference_in_an_admonition_and_a_dark_schemes_image() -> None:
    """Starlette's API pages hold ``::: starlette.applications.Starlette`` in an admonition (its
    options showed as text); its and Typer's home pages showed their logo twice, light and dark."""
    text = (
        "!!! abstract\n    ::: shop.Gadget\n        options:\n          members: [a]\n\n"
        "![Logo](img/logo.png#only-light)\n![Logo](img/logo-dark.png#only-dark)\n"
    )
    assert clean(text, ".md", "mkdocs") == (
        f"> **Abstract**\n>\n>\n> {anchor('shop.Gadget')}\n>\n> *\\[Reference of shop.Gadget: shown on the live site\\]*\n"
        ">\n\n![Logo](img/logo.png#only-light)\n"
    )


@pytest.mark.parametrize(
    ("generator", "boxes"), [("hugo", True), ("docusaurus", True), ("jekyll", True), ("eleventy", False)]
)
def test_dialects_task_list_items_show_their_boxes_where_the_generator_draws_them(
    generator: str, boxes: bool
) -> None:
    """Hugo's goldmark and remark-gfm draw ``- [ ]`` and ``- [x]`` as boxes: the pages showed the brackets."""
    text = "- [x] done\n- [ ] open\n\n`- [ ] code`\n"
    made = "- \u2611 done\n- \u2610 open\n\n`- [ ] code`\n" if boxes else text
    assert clean(text, ".md", generator) == made


def test_dialects_an_mdx_comment_holding_a_fence_is_no_code() -> None:
    """Drizzle's docs comment out examples with ``{/* ```sql`` ... ``` */}``: on six pages the
    rest of the page was read as code, its headings lost; comments in code and code spans stay."""
    text = (
        "Before.\n\n{/* ```sql\nSELECT 1\n``` */}\n\n## Later\n\n"
        "A `{/* kept */}` span and {/* gone */} here.\n\n```js\n{/* in code */}\n```\n"
    )
    assert clean(text, ".mdx", "astro") == (
        "Before.\n\n## Later\n\nA `{/* kept */}` span and  here.\n\n```js\n{/* in code */}\n```\n"
    )


def test_dialects_kramdown_math_is_tex_as_written() -> None:
    """CS231n's notes write TeX between ``$$``: 18 blocks on 7 pages had their ``_`` pairs read
    as emphasis and their ``\\\\`` as escapes. Jekyll only: elsewhere ``$$`` is text."""
    text = "Loss:\n\n$$\nL = \\sum_i L_i \\\\\nM = a_b\n$$\n\nInline $$x_1 + y_2$$, not \\$$ this $$.\n"
    assert clean(text, ".md", "jekyll") == (
        "Loss:\n\n```math\nL = \\sum_i L_i \\\\\nM = a_b\n```\n\nInline `x_1 + y_2`, not \\$$ this $$.\n"
    )
    assert clean(text, ".md", "hugo") == text


def test_dialects_an_html_image_without_alt_text_gets_none() -> None:
    """CS231n's figures are <img> tags without alt text: each was given the alt text 'img'."""
    text = '<img src="/a.png">\n\nText <img src="b.png" title="T"> and <Shot src="c.png" />\n'
    assert clean(text, ".md", "jekyll", html=True) == "![](/a.png)\n\nText ![T](b.png) and ![Shot](c.png)\n"


@pytest.mark.parametrize(
    "text",
    [
        "Open one with ``{/*`` and close it.\n\n## Install\n\nRun it.\n",
        "Write a comment as ``{/* note */}`` in MDX.\n",
        "x {/* never closed\n\n## Install\n\nRun it.\n",
    ],
)
def test_dialects_an_mdx_comment_in_a_code_span_or_never_closed_is_text(text: str) -> None:
    """Seen by the sitting's review: a span ``{/*`` in two backticks was taken for a comment and
    the rest of the page blanked; an opening no end follows is no comment either."""
    assert clean(text, ".mdx", "docusaurus") == text


def test_dialects_task_list_boxes_are_never_drawn_in_code() -> None:
    """Seen by the sitting's review: a highlight shortcode's and an indented code block's lines
    showed boxes; Gatsby's MDX (MDX 2, no GFM) shows the brackets."""
    text = (
        "{{< highlight md >}}\n- [ ] write\n{{< /highlight >}}\n\nWrite:\n\n    - [ ] write\n\n- [ ] real\n"
    )
    assert (
        clean(text, ".md", "hugo")
        == "```md\n- [ ] write\n```\n\nWrite:\n\n    - [ ] write\n\n- \u2610 real\n"
    )
    assert clean("- [ ] knead\n", ".mdx", "gatsby") == "- [ ] knead\n"


def test_dialects_an_embeds_id_is_what_it_shows_and_named_tabs_keep_one_label() -> None:
    """Seen by the sitting's review: astro-embed's <YouTube id="..." /> became an empty anchor (it
    is a link to the video now), and Fumadocs' <Tabs items={[...]}> of <Tab value="npm"> tabs
    labelled each tab twice."""
    assert (
        clean('<YouTube id="dQw4w9WgXcQ" />\n', ".mdx", "astro")
        == "[YouTube video](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n"
    )
    tabs = '<Tabs items={["npm","yarn"]}>\n<Tab value="npm">\n```sh\nnpm i\n```\n</Tab>\n<Tab value="yarn">\n```sh\nyarn add\n```\n</Tab>\n</Tabs>\n'
    assert (
        clean(tabs, ".mdx", "astro") == "**npm**\n\n```sh\nnpm i\n```\n\n**yarn**\n\n```sh\nyarn add\n```\n"
    )


def test_dialects_kramdown_math_in_a_code_span_or_indented_code_stays_as_written() -> None:
    """Seen by the sitting's review: a page showing how to write math lost its ``$$`` in code."""
    text = "Write `$$x_1$$` in text, and $$y_2$$.\n\nCode:\n\n    $$\n    x_1\n    $$\n"
    assert clean(text, ".md", "jekyll") == text.replace("$$y_2$$", "`y_2`")


def test_dialects_an_mkdocs_admonition_with_an_empty_title_has_no_label() -> None:
    """Starlette's docs write '!!! note ""' for a box without a title bar: it was labelled 'Note'."""
    text = '!!! note ""\n    Plain box.\n\n!!! tip\n    Tipped.\n'
    assert clean(text, ".md", "mkdocs") == "> Plain box.\n\n> **Tip**\n>\n> Tipped.\n"


def test_a_line_break_before_a_heading_leaves_no_backslash() -> None:
    """GitHub's government site ends a paragraph with '&nbsp;<br/>' over a heading: the page
    showed a backslash, which a heading after it leaves as text."""
    assert clean("&nbsp;<br/>\n## Next\n\nSay<br/>\nmore\n", ".md", "jekyll", html=True) == (
        "&nbsp;\n## Next\n\nSay\\\nmore\n"
    )
    assert clean("One<br/>\n- item\n", ".md", "jekyll", html=True) == "One\n- item\n"


def test_liquidjs_inline_comments_vanish_and_render_is_an_include() -> None:
    """The Sass site writes {%- # ... -%} comments (shown as text, 8 times on one page) and
    {% render 'x' %} (dropped without a trace on 56 pages)."""
    assert clean(
        "Keep {%- # an old anchor -%} going. {% render 'snips/sizes' %} Done.\n", ".md", "eleventy"
    ) == ("Keep  going. *\\[Included from snips/sizes: shown on the live site\\]* Done.\n")


def test_a_placeholder_against_a_word_is_set_apart_so_that_its_emphasis_holds() -> None:
    """Knip's home page: 'Made by <Counter />people' showed its asterisks as text."""
    text = clean("Made by <Counter />people.\n", ".mdx", "astro")
    assert text == "Made by *\\[Counter: shown on the live site\\]* people.\n"
    assert "<em>[Counter: shown on the live site]</em> people" in markdown.render(text).html


def test_inline_code_in_html_is_a_code_span() -> None:
    """Capacitor's API tables write their types as <code>() =&gt; Promise&lt;void&gt;</code>:
    1,528 of them showed as plain text."""
    text = '| Name | Type |\n|---|---|\n| remove | <code>() =&gt; Promise&lt;void&gt;</code> |\n\nSee <code><a href="/x">X</a></code>.\n'
    assert clean(text, ".md", "docusaurus") == (
        "| Name | Type |\n|---|---|\n| remove | `() => Promise<void>` |\n\nSee [X](/x).\n"
    )
    assert clean("Use <code>a`b</code> here.\n", ".md", "hugo", html=True) == "Use ``a`b`` here.\n"


def test_an_anchor_before_emphasis_leaves_the_emphasis_working() -> None:
    """MobX's docs write <a id="why"></a>**"Why bother?"** and rclone's a heading ending in
    **(beta)** before {#rel}: the asterisks showed as text."""
    made = markdown.render(clean('<a id="why"></a>**"Why bother?"** is first.\n', ".md", "docusaurus")).html
    assert made == '<p><strong><span id="h-why"></span>&quot;Why bother?&quot;</strong> is first.</p>\n'
    made = markdown.render(clean("## Release **(beta)** {#rel}\n", ".md", "hugo")).html
    assert made == '<h2 id="h-rel">Release <strong>(beta)</strong></h2>\n'


def test_starlight_shows_only_its_four_asides_as_asides() -> None:
    """Knip's docs wrap parts of pages in :::section{.badges} and :::article: each showed as a
    quote labelled 'Section' or 'Article'; Starlight boxes only note, tip, caution and danger."""
    text = ":::section{.wide}\nA line.\n:::\n\n:::tip[Hi]\nTip text.\n:::\n\n:::div\n```js\nx\n```\n:::\n"
    assert clean(text, ".mdx", "astro") == "A line.\n\n> **Tip: Hi**\n>\n> Tip text.\n\n```js\nx\n```\n"
    # (Docusaurus boxes its keywords alone: another kind is a directive nothing takes, its text plain)
    assert clean(":::section\nA line.\n:::\n", ".md", "docusaurus") == "A line.\n"


def test_a_link_a_page_may_not_follow_shows_its_text() -> None:
    """Capacitor's pages link vscode:extension/... addresses: the built page showed the Markdown."""
    text = "Or [Open it](vscode:extension/acme.helper), [ok](https://x.example/) ![pic](data:image/png;base64,AA).\n"
    assert clean(text, ".mdx", "docusaurus") == "Or Open it, [ok](https://x.example/) pic.\n"


def test_tabs_values_label_their_items() -> None:
    """Capacitor's docs label tabs in <Tabs values={[{value: 'ng', label: 'Angular'}]}>: the page
    showed **ng** where the live page shows Angular."""
    text = (
        "<Tabs values={[{ value: 'ng', label: 'Angular' }, { label: 'Plain JS', value: 'js' }]}>\n"
        '<TabItem value="ng">\n\n```ts\na\n```\n\n</TabItem>\n<TabItem value="js">\n\nText.\n\n</TabItem>\n</Tabs>\n'
    )
    assert clean(text, ".mdx", "docusaurus") == "**Angular**\n\n```ts\na\n```\n\n**Plain JS**\n\nText.\n"


def test_mkdocs_admonition_and_tab_titles_are_markdown() -> None:
    """The AWS Copilot CLI's docs put emphasis, links and HTML in admonition and tab titles, which
    Python-Markdown reads: the page showed them escaped, and a link in a title was never checked."""
    text = '!!! tip "Prefer *fast* mode, see [setup](index.md)"\n    Faster.\n\n=== "The <b>new</b> way"\n    New.\n'
    assert clean(text, ".md", "mkdocs", html=True) == (
        "> **Prefer *fast* mode, see [setup](index.md)**\n>\n> Faster.\n\n**The **new** way**\n\nNew.\n"
    )


def test_a_fence_inside_a_list_item_four_columns_in_is_code() -> None:
    """etcd's install pages put fences four spaces in under ' 1. ' items: 14 code blocks had
    their HTML and shortcodes rewritten as prose."""
    text = (
        " 1. Save this as index.html:\n\n    ```html\n    <div><b>Hello</b> {{< param nope >}}</div>\n    ```\n\n"
        "Text {{< param nope >}}.\n\n    ```\n    indented code\n    ```\n"
    )
    assert clean(text, ".md", "hugo", html=True) == (
        " 1. Save this as index.html:\n\n    ```html\n    <div><b>Hello</b> {{< param nope >}}</div>\n    ```\n\n"
        "Text *\\[nope: shown on the live site\\]*.\n\n    ```\n    indented code\n    ```\n"
    )


def test_liquid_outputs_of_known_values_show_in_code_as_jekyll_reads_them() -> None:
    """The U.S. Web Design System's install pages write 'uswds@{{ site.uswds_version }}' in a
    fence: Jekyll runs Liquid in code too, and the page showed the braces."""
    text = (
        "```sh\nnpm i w@{{ site.tool_version }}\ncurl {{ page.mirror }}/w.tgz {{ other }}\n"
        "{% raw %}{{ page.mirror }}{% endraw %}\n```\n\nAnd `{{ page.mirror }}` inline.\n"
    )
    params = {"mirror": "https://m.example.org", "\0site": {"tool_version": "4.2.0"}}
    assert clean(text, ".md", "jekyll", params) == (
        "```sh\nnpm i w@4.2.0\ncurl https://m.example.org/w.tgz {{ other }}\n{{ page.mirror }}\n```\n\n"
        "And `https://m.example.org` inline.\n"
    )
    assert clean("```\n{{ mirror }} {{ page.mirror }}\n```\n", ".md", "eleventy", params) == (
        "```\nhttps://m.example.org {{ page.mirror }}\n```\n"
    )


def test_html_code_stays_text_where_a_code_span_would_show_it_otherwise() -> None:
    """A review: <code>a &#124; b</code> in a table row split the cell; a placeholder in <code>
    showed its markup; Docusaurus' pathname:// links are plain links to the site's files."""
    text = "| A | B |\n|---|---|\n| <code>a &#124; b</code> | <code>c</code> |\n"
    assert clean(text, ".md", "mkdocs", html=True) == "| A | B |\n|---|---|\n| a &#124; b | `c` |\n"
    assert clean("Run <code>{{ site.tool }} build</code>.\n", ".md", "jekyll", html=True) == (
        "Run *\\[site.tool: shown on the live site\\]* build.\n"
    )
    assert clean("Get [the PDF](pathname:///files/guide.pdf).\n", ".mdx", "docusaurus") == (
        "Get [the PDF](/files/guide.pdf).\n"
    )


def test_a_definition_left_out_past_a_fence_leaves_its_links_their_text() -> None:
    """etcd's API pages define [spec]: .../{{< param x >}}/... after a fenced block: the
    reference before the fence kept its brackets, as each part between fences was read alone."""
    text = "Read the [schema in full][spec].\n\n```sh\nx\n```\n\n[spec]: https://code.example/{{< param nope >}}/s.proto\n"
    assert clean(text, ".md", "hugo") == "Read the schema in full.\n\n```sh\nx\n```\n"
    known = text.replace("nope", "ver")
    assert clean(known, ".md", "hugo", {"ver": "v3"}) == (
        "Read the [schema in full][spec].\n\n```sh\nx\n```\n\n[spec]: https://code.example/v3/s.proto\n"
    )


def test_closing_hashes_before_an_attribute_list_and_raw_inside_highlight() -> None:
    """hatch's docs write '## Name (required) ## {: #name }' (111 headings showed the '##');
    a theme's demo post holds {% raw %} inside {% highlight %}: it became a paragraph."""
    made = markdown.render(clean("## Colour (*optional*) ## {: #colour }\n\nText.\n", ".md", "mkdocs")).html
    # (Python-Markdown's toc gives a heading with an id from attr_list no other)
    assert made.startswith('<h2 id="h-colour">Colour (<em>optional</em>)</h2>')
    text = "{% highlight html %}\n{% raw %}<b>{{ x }}</b>{% endraw %}\n{% endhighlight %}\n"
    assert clean(text, ".md", "jekyll", {"x": "kept"}) == "```html\n<b>{{ x }}</b>\n```\n"


def test_dialects_mdx_an_attribute_holding_a_variable_is_no_address() -> None:
    """Expressive Code's docs (Starlight): `<Image src={heroPic}>`, `<LinkButton href={guideUrl}>`
    and `<Card title={cardTitle}>` took the variable's name as the value: an image and a link to
    /sample/heroPic and /sample/guideUrl, a card titled 'cardTitle'. A variable's value is the
    page's code's: unknown here, as a template literal's is; a literal stays what it says."""
    text = (
        '<Image src={heroPic} alt="A hero" />\n\n<LinkButton href={guideUrl}>Read the guide</LinkButton>\n\n'
        "<Card title={props.name}>Some words.</Card>\n\n<Card title={2}>Two.</Card>\n\n"
        "<Cta to={'/demo/'}>Demo</Cta>\n"
    )
    assert html(text) == (
        f"<p><em>[Image: {LIVE}]</em></p>\n<p>Read the guide</p>\n<p>Some words.</p>\n"
        '<p><strong>2</strong></p>\n<p>Two.</p>\n<p><a href="/demo/">Demo</a></p>\n'
    )


def test_dialects_mdx_an_export_runs_on_past_a_blank_line_while_its_code_is_open() -> None:
    """Expressive Code's docs (Starlight): `export const exampleCode = `...`` holding blank
    lines ended at the first one, and some twenty lines of JavaScript showed as paragraphs. MDX
    reads on to the next blank line while the code is not whole (a template string, a brace
    open); code that never closes ends at its first blank line, as before."""
    text = (
        "export const snippet = `\nconst total = 1\n\nconsole.log(total)\n`\n\n"
        "export const settings = {\n  a: 1,\n\n  b: 'x}',\n}\n\nText after the exports.\n"
    )
    assert clean(text, ".mdx", "astro").strip() == "Text after the exports."
    assert clean("export const broken = (\n\nText one.\n\nText two.\n", ".mdx", "astro").strip() == (
        "Text one.\n\nText two."
    )


def test_dialects_an_email_autolink_is_no_tag() -> None:
    """A regression check on Detox's docs (Docusaurus 2): '<sales@x.com>' lost its address, read
    as a tag 'sales' with an attribute '@x.com' once attribute names could start with '@' (WebC's
    props). An attribute stands after white space (or a quoted value's end), never against the
    tag's name."""
    for suffix in (".md", ".mdx"):
        assert html("Write to <sales@example.com>.\n", suffix, "docusaurus") == (
            '<p>Write to <a href="mailto:sales@example.com">sales@example.com</a>.</p>\n'
        ), suffix
    assert html('<a href="/x/"title="t">y</a>\n', ".mdx", "docusaurus") == '<p><a href="/x/">y</a></p>\n'


def test_dialects_a_backtick_in_an_elements_text_opens_no_template_string() -> None:
    """Starlight's authoring guide writes <code>```</code> in a paragraph, then imports its
    components further down: the three backticks were counted as an open template string, so
    the import line stayed on the page as text. Only a backtick opening an expression's value
    (code={`...`}, a tag function's {dedent`...`}) starts one."""
    text = (
        "Open a fence with <code>```</code>.\n\nimport { Tabs } from '@astrojs/starlight/components';\n\n"
        "Text.\n\n<Sample code={dedent`one two\n\nexport const inside = 1`} />\n\n"
        "export const after = 2\n\nEnd.\n"
    )
    assert clean(text, ".mdx", "astro") == (
        "Open a fence with ```` ``` ````.\n\nText.\n\n*\\[Sample: shown on the live site\\]*\n\nEnd.\n"
    )


def test_dialects_mdx_expression_in_a_link_destination_stays_the_address() -> None:
    """QuestDB's Docusaurus posts write ``[join us]({@slackUrl@})`` (its own remark plugin fills
    the address in): the braces became a placeholder inside the destination, which broke the
    link, and the page showed ``[join us](*[Computed content...]*)`` as raw Markdown. MDX reads
    no expression in a link's destination (mdx-js/mdx#2411, #2493): the live page has a link
    with its text, to the address as written; an expression in its text is still computed."""
    text = (
        "Read [the setup notes]({site.docs}/setup) or [ask the crew]({@chatUrl@}), "
        "[see it](</tours/{week} plan>) and ![van](/img/{fleet}.png), {crew.size} of us.\n"
    )
    assert html(text, generator="docusaurus") == (
        '<p>Read <a href="%7Bsite.docs%7D/setup">the setup notes</a> or '
        '<a href="%7B@chatUrl@%7D">ask the crew</a>, <a href="/tours/%7Bweek%7D%20plan">see it</a> and '
        '<img src="/img/%7Bfleet%7D.png" alt="van">, '
        f"<em>[Computed content (crew.size): {LIVE}]</em> of us.</p>\n"
    )
    closed = "[Fares](/fares/(2024)) {fares.count} and [{plan.name}](/plans) (from {plan.price}).\n"
    assert clean(closed, ".mdx", "gatsby").count(LIVE) == 3  # after a destination: text again
