"""Docusaurus's code blocks: magic comments left out, ``<CodeBlock>`` shown as code."""

from __future__ import annotations

from stagemap.render.dialects import clean
from stagemap.render.magiccomments import without_magic_comments


def test_magic_comments_leave_the_code_as_docusaurus_reads_them_by_its_language() -> None:
    """Detox's docs (wix/Detox): 78 lines of '// highlight-next-line', '// highlight-start'...
    on 13 pages were shown in their code, where Docusaurus removes them (they mark lines to
    highlight)."""
    body = (
        "Set it up.\n\n```js\nconst widget = {\n  // highlight-next-line\n  colour: 'teal',\n"
        "  /* highlight-start */\n  size: 3,\n  //highlight-end\n};\n```\n\n"
        '```jsx title="Card.jsx"\n{/* highlight-next-line */}\n<Card />\n# highlight-next-line\n```\n\n'
        "```python\n# highlight-next-line\nrun()\n// highlight-next-line\n```\n\n"
        "```yaml\n# highlight-start\nmode: quiet\n# highlight-end\n```\n\n"
        "```html\n<!-- highlight-next-line -->\n<p>Hi</p>\n```\n\n"
        "```bash {2}\n# highlight-next-line\nls\n```\n\n"
        "```\n// highlight-next-line\nplain\n```\n\n"
        "- A step:\n\n  ```sh\n  # highlight-next-line\n  make\n  ```\n\n"
        "Outside code: // highlight-next-line stays.\n"
    )
    assert clean(body, ".md", "docusaurus") == (
        "Set it up.\n\n```js\nconst widget = {\n  colour: 'teal',\n  size: 3,\n};\n```\n\n"
        "*Card.jsx*\n\n"
        '```jsx title="Card.jsx"\n<Card />\n# highlight-next-line\n```\n\n'  # '#' is no comment in jsx
        "```python\nrun()\n// highlight-next-line\n```\n\n"
        "```yaml\nmode: quiet\n```\n\n"
        "```html\n<p>Hi</p>\n```\n\n"
        "```bash {2}\n# highlight-next-line\nls\n```\n\n"  # lines highlighted by number: read as written
        "```\n// highlight-next-line\nplain\n```\n\n"  # no language: no directive read
        "- A step:\n\n  ```sh\n  make\n  ```\n\n"
        "Outside code: // highlight-next-line stays.\n"
    )
    assert clean(body, ".md", "gatsby").count("highlight-") == body.count("highlight-")  # Docusaurus only
    assert without_magic_comments("```js\n// mark-this\nx\n```\n", ["mark-this"]) == "```js\nx\n```\n"


def test_magic_comments_in_a_quote_are_left_out_too() -> None:
    """A review of the change above: a fence in a block quote ('> ```js', '> // highlight-next-line')
    kept its magic comments, where Docusaurus's code block gets the code without the quote's
    marks and leaves them out. The code ends with its quote; a line that starts with '>' in
    code that is in no quote is code as written."""
    body = (
        "> Try it:\n>\n> ```js\n> // highlight-next-line\n> run();\n> ```\n\n"
        "> > ```py\n> > # highlight-next-line\n> > > # highlight-next-line\n> > ```\n\n"
        "> ```sh\n> ls\n\n// highlight-next-line stays: no code here.\n\n"
        "```js\n> // highlight-next-line\n```\n"
    )
    assert without_magic_comments(body) == (
        "> Try it:\n>\n> ```js\n> run();\n> ```\n\n"
        "> > ```py\n> > > # highlight-next-line\n> > ```\n\n"
        "> ```sh\n> ls\n\n// highlight-next-line stays: no code here.\n\n"
        "```js\n> // highlight-next-line\n```\n"
    )


def test_a_code_block_component_holding_known_text_is_a_code_block() -> None:
    """Detox's docs (wix/Detox) write code with '<CodeBlock language="sh" title="...">', from
    @theme/CodeBlock: it was shown as a paragraph of text, where the live page shows code in
    that language under its title. Text, a string or a template literal without '${' is known."""
    body = (
        "import CodeBlock from '@theme/CodeBlock';\nimport Tabs from '@theme/Tabs';\n\n"
        '<CodeBlock language="sh">\n  make kite --tail 3\n</CodeBlock>\n\n'
        '<CodeBlock language="js" title="kite.config.js">\n{`export default {tail: 3};`}\n</CodeBlock>\n\n'
        '<Tabs>\n  <TabItem value="npm">\n    <CodeBlock language="bash">\n'
        "      {`# highlight-next-line\necho \\`string\\`\necho $PATH`}\n    </CodeBlock>\n  </TabItem>\n</Tabs>\n\n"
        '<CodeBlock className="language-py" title=\'say "hi"\'>{\'print("hi")\\nprint(2)\'}</CodeBlock>\n\n'
        '<CodeBlock language="js">{`const v = ${version};`}</CodeBlock>\n\n'
        '```mdx\n<CodeBlock language="sh">as written</CodeBlock>\n```\n'
    )
    assert clean(body, ".mdx", "docusaurus") == (
        "```sh\nmake kite --tail 3\n```\n\n"
        "*kite.config.js*\n\n"
        '```js title="kite.config.js"\nexport default {tail: 3};\n```\n\n'
        "**npm**\n\n```bash\necho `string`\necho $PATH\n```\n\n"  # its magic comment left out too
        '*say "hi"*\n\n'
        '```py title=\'say "hi"\'\nprint("hi")\nprint(2)\n```\n\n'
        "*\\[Computed content: shown on the live site\\]*\n\n"  # worked out when the site is built
        '```mdx\n<CodeBlock language="sh">as written</CodeBlock>\n```\n'
    )
    # Another component of that name, not the theme's, is the site's own: read as before.
    own = body.replace("@theme/CodeBlock", "@site/src/components/CodeBlock")
    assert "```sh" not in clean(own, ".mdx", "docusaurus")


def test_toc_inline_lists_the_pages_headings_where_it_is_written() -> None:
    """React Native Testing Library's docs (Docusaurus) put <TOCInline toc={toc} /> atop its
    migration guides: the live page shows a list of its h2 and h3 headings, each a link to it,
    and stagemap showed '[TOCInline: shown on the live site]'. The element's minHeadingLevel and
    maxHeadingLevel are honoured; a heading in code is none, and a list of something else stays
    a placeholder."""
    body = (
        "import TOCInline from '@theme/TOCInline';\n\n<TOCInline toc={toc} />\n\n"
        "## Install `acme` {#setup}\n\nText.\n\n### From [npm](https://npmjs.com)\n\nMore.\n\n"
        "#### Deep\n\n```md\n## Not a heading\n```\n\n## Use it ##\n\n"
        "<TOCInline toc={toc} minHeadingLevel={3} maxHeadingLevel={4} />\n\n"
        "<TOCInline toc={toc.filter((node) => node.level === 2)} />\n"
    )
    out = clean(body, ".mdx", "docusaurus")
    assert out.startswith(
        "- [Install `acme`](#setup)\n  - [From npm](#from-npm)\n- [Use it](#use-it)\n\n## Install"
    )
    assert out.endswith(
        "## Use it ##\n\n- [From npm](#from-npm)\n  - [Deep](#deep)\n\n*\\[TOCInline: shown on the live site\\]*\n"
    )
    assert "Not a heading](" not in out
