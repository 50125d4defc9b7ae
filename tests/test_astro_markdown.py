"""Astro's Markdown and MDX as its sites show them: code titles, plugins, images, embeds, code."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagemap.read.astro import collection_routes
from stagemap.read.sitepackages import MARKDOWN, markdown_traits
from stagemap.render.dialects import clean
from stagemap.render.shortcodes import SITE_PARAMS
from tests.conftest import write

PLUGGED = (
    "import { defineConfig } from 'astro/config'\nimport remarkMath from 'remark-math'\n"
    "import remarkDirective from 'remark-directive'\n"
    "import toDirectives from 'remark-github-admonitions-to-directives'\n"
    "export default defineConfig({ markdown: { remarkPlugins: [remarkMath, toDirectives, remarkDirective] } })\n"
)
STARLIGHT = (
    "import starlight from '@astrojs/starlight'\nimport remarkDirective from 'remark-directive'\n"
    "export default { integrations: [starlight({ title: 'Docs' })], markdown: { remarkPlugins: [remarkDirective] } }\n"
)


def traits(files: dict[str, str]) -> tuple[str, ...]:
    return markdown_traits("astro", lambda name: files[name].encode() if name in files else None)


def made(text: str, *found: str, suffix: str = ".md") -> str:
    """``text`` cleaned on an Astro site whose plugins give its Markdown the traits ``found``."""
    return clean(text, suffix, "astro", {SITE_PARAMS: {MARKDOWN: found}} if found else None)


def test_fence_title_inside_a_tab_inside_a_list_item_is_shown() -> None:
    """SST's docs (Starlight): 17 code titles on 5 pages were lost where a fence sits in a
    <TabItem> (or a <details>) inside a numbered step, two columns past the step's text: read
    as Markdown, four columns or more from the margin, it was no fence, and its title went
    unseen. MDX has no indented code: it is a fence, and its title shows above it."""
    body = (
        "1. Choose a runtime.\n\n"
        '   <Tabs>\n     <TabItem label="Bun">\n     ```ts title="kite.ts"\n     fly();\n     ```\n'
        "     </TabItem>\n   </Tabs>\n\n"
        "2. Look closer.\n\n   <details>\n     <summary>Why</summary>\n\n"
        '     ```sh title="wind.sh"\n     gust\n     ```\n\n   </details>\n'
    )
    assert clean(body, ".mdx", "astro") == (
        "1. Choose a runtime.\n\n   **Bun**\n\n   *kite.ts*\n\n"
        '   ```ts title="kite.ts"\n   fly();\n   ```\n\n'
        "2. Look closer.\n\n   Why\n\n     *wind.sh*\n\n"
        '     ```sh title="wind.sh"\n     gust\n     ```\n'
    )


@pytest.mark.parametrize(
    ("files", "found"),
    [
        ({"astro.config.mjs": PLUGGED}, ("directives", "github-alerts", "math", "plain-asides")),
        (
            {
                "astro.config.mjs": "export default {}\n",
                "package.json": '{"dependencies": {"remark-math": "^6"}}',
            },
            ("math", "no-asides"),
        ),
        (
            {
                "astro.config.mjs": "export default {}\n",
                "package.json": '{"devDependencies": {"rehype-github-alerts": "^3"}}',
            },
            ("github-alerts-any-case", "no-asides"),
        ),
        (
            {"astro.config.ts": STARLIGHT},
            ("expressive-code",),
        ),  # Starlight puts back the directives it does not take
        ({"astro.config.mjs": "// import 'remark-math'\nexport default {}\n"}, ("no-asides",)),
    ],
)
def test_an_astro_sites_remark_plugins_are_read(files: dict[str, str], found: tuple[str, ...]) -> None:
    assert traits(files) == found


def test_remark_plugins_of_an_astro_blog_show_as_its_site_does() -> None:
    """The Fuwari blog (Astro) loads remark-math, remark-directive and
    remark-github-admonitions-to-directives: its '> [!TIP]' showed as a plain quote, its
    '::github{repo=...}' card and ':spoiler[...]' as written, and its TeX ($...$, $$ blocks)
    read as Markdown, backslashes and underscores eaten. Now the alert is a labelled box (in
    capitals alone, as the plugin reads it), the leaf directive a placeholder, the text
    directive its text, and the math code, as written."""
    body = (
        "> [!TIP]\n> Water the fern weekly.\n\n> [!tip]\n> Not an alert here.\n\n"
        '::github{repo="fern/pots"}\n\n'
        "The ending is :spoiler[the fern wins]{.blur} and a:b[c] stays.\n\n"
        "Growth is $g_1 = h\\;/\\;t$, and \\$5 is a price; `$x$` is code.\n\n"
        "$$\nx_1 \\\\ y_2\n$$\n\n"
        '```md\n::github{repo="x/y"} and $z$\n```\n'
    )
    assert made(body, "directives", "github-alerts", "math") == (
        "> **Tip**\n> Water the fern weekly.\n\n> [!tip]\n> Not an alert here.\n\n"
        "*\\[github: shown on the live site\\]*\n\n"
        "The ending is the fern wins and a:b[c] stays.\n\n"
        "Growth is `g_1 = h\\;/\\;t`, and \\$5 is a price; `$x$` is code.\n\n"
        "```math\nx_1 \\\\ y_2\n```\n\n"
        '```md\n::github{repo="x/y"} and $z$\n```\n'
    )
    assert made("> [!tip]\n> Any case.\n", "github-alerts-any-case") == "> **Tip**\n> Any case.\n"
    assert made(body) == body  # no plugins: as written


def test_an_imported_image_in_an_attribute_is_shown() -> None:
    """Astro's blog starters (and their themes) import a screenshot, 'import shot from
    '../../assets/shot.png'', and show it with <img src={shot.src} alt="..."> or <Image
    src={shot} />: the page showed nothing at all where the image was (a variable is worked out
    when the site is built). The import names the file: it is shown. An image whose address is
    another variable shows its alt text."""
    body = (
        "import shot from '../../assets/shot.png';\nimport { Image } from 'astro:assets';\n\n"
        'The lake <img src={shot.src} alt="Lake at dawn" /> and\n\n<Image src={shot} alt="Again" />\n\n'
        'Then <img src={props.cover} alt="A cover" /> and <img src={other} />.\n\n'
        "```mdx\n<img src={shot} />\n```\n"
    )
    assert made(body, suffix=".mdx") == (
        "The lake ![Lake at dawn](../../assets/shot.png) and\n\n![Again](../../assets/shot.png)\n\n"
        "Then A cover and .\n\n"
        "```mdx\n<img src={shot} />\n```\n"
    )


def test_astro_embed_videos_are_links_to_them() -> None:
    """astro-embed's <YouTube id="..."/> and <Vimeo id="..."/> (an Astro blog's talks page)
    showed as a placeholder naming the component: the id is the video's (or its address)."""
    body = '<YouTube id="dQ1x2" />\n\n<Vimeo id="https://vimeo.com/7" title="The talk" />\n\n<YouTube />\n'
    assert made(body, suffix=".mdx") == (
        "[YouTube video](https://www.youtube.com/watch?v=dQ1x2)\n\n[The talk](https://vimeo.com/7)\n\n"
        "*\\[YouTube: shown on the live site\\]*\n"
    )


def test_starlight_code_component_with_its_code_written_is_a_code_block() -> None:
    """Starlight's docs (and Expressive Code's) write <Code code="..." lang="js" title="x.js" />:
    the page showed a placeholder titled by the file where the live page shows the code."""
    body = (
        "import { Code, Tabs } from '@astrojs/starlight/components';\nexport const made = 'x';\n\n"
        '<Code code="let kite = 1" lang="js" title="kite.js" />\n\n'
        '<Code code={`line one\nline \\`two\\``} lang="ts" />\n\n<Code code={made} lang="js" />\n'
    )
    assert made(body, suffix=".mdx") == (
        '*kite.js*\n\n```js title="kite.js"\nlet kite = 1\n```\n\n'
        "```ts\nline one\nline `two`\n```\n\n*\\[Code: shown on the live site\\]*\n"
    )


def test_expressive_code_takes_a_file_name_comment_for_the_title() -> None:
    """Expressive Code's docs and Starlight sites open code with '// src/greet.js': the live
    page shows the name over the code and leaves the comment out (the Frames plugin reads the
    first four lines); stagemap showed it as a line of code. A comment that names no file of
    the code's kind ('// styles.css' over JavaScript, '# install it') stays code."""
    body = (
        "```js\n// src/greet.js\n\nexport const hi = 1\n```\n\n"
        "```html\n<!-- pages/x.html -->\n<p>x</p>\n```\n\n"
        "```py\n# tool.py\nrun()\n```\n\n"
        "```js\n// styles.css\nx()\n```\n\n```sh\n# install it\nnpm i\n```\n\n"
        '```js title="kept.js"\n// other.js\ny()\n```\n'
    )
    assert made(body, "expressive-code") == (
        '\n*src/greet.js*\n\n```js title="src/greet.js"\nexport const hi = 1\n```\n\n\n'
        '*pages/x.html*\n\n```html title="pages/x.html"\n<p>x</p>\n```\n\n\n'
        '*tool.py*\n\n```py title="tool.py"\nrun()\n```\n\n'
        "```js\n// styles.css\nx()\n```\n\n```sh\n# install it\nnpm i\n```\n\n\n"
        '*kept.js*\n\n```js title="kept.js"\n// other.js\ny()\n```\n'
    )
    assert made(body).startswith("```js\n// src/greet.js\n\nexport")  # no Expressive Code: code


def test_markdown_inside_an_inline_code_element_is_read() -> None:
    """Astro's own docs write API signatures as '<code>**render**(input): Promise\\<Object\\></code>':
    the page showed the asterisks and backslashes, where CommonMark and MDX read what the
    element holds as Markdown (the name in bold, the escapes as characters)."""
    body = "- <code>**render**(input): Promise\\<Object\\></code>\n- <code>a * b</code>\n"
    expected = "- **`render`**`(input): Promise<Object>`\n- `a * b`\n"
    assert made(body, suffix=".mdx") == expected
    assert clean(body, ".md", "astro", html=True) == expected


def test_a_route_page_calling_a_helper_routes_its_collection(tmp_path: Path) -> None:
    """astro-theme-cactus: src/pages/posts/[...slug].astro calls getAllPosts() from
    src/data/post.ts, which calls getCollection('post'): 7 of 9 pages had no address. The
    page's own modules (relative, '@/') are read one level deep; its components are not."""
    route = "---\nimport {{ {name} }} from '{where}'\nconst all = await {name}()\n---\n"
    root = write(
        tmp_path,
        {
            "src/content.config.ts": (
                "import { defineCollection } from 'astro:content'\nimport { glob } from 'astro/loaders'\n"
                "const post = defineCollection({ loader: glob({ base: './src/content/post' }) })\n"
                "const note = defineCollection({ loader: glob({ base: './src/content/note' }) })\n"
                "const tip = defineCollection({ loader: glob({ base: './src/content/tip' }) })\n"
                "export const collections = { post, note, tip }\n"
            ),
            "src/content/post/a.md": "---\ntitle: A\n---\n",
            "src/content/note/b.md": "---\ntitle: B\n---\n",
            "src/content/tip/c.md": "---\ntitle: C\n---\n",
            "src/data/post.ts": "import { getCollection } from 'astro:content'\nexport const getAllPosts = () => getCollection('post')\n",
            "src/lib/notes/index.ts": "export async function notes() { return getCollection('note') }\n",
            "src/components/Tips.astro": "---\nconst tips = await getCollection('tip')\n---\n",
            "src/pages/posts/[...slug].astro": route.format(name="getAllPosts", where="@/data/post"),
            "src/pages/notes/[slug].astro": route.format(name="notes", where="../../lib/notes"),
            "src/pages/tips/[slug].astro": route.format(name="Tips", where="../../components/Tips.astro"),
        },
    )
    assert collection_routes(root) == {
        "src/content/note": "/notes/{entry}/",
        "src/content/post": "/posts/{entry}/",
    }
