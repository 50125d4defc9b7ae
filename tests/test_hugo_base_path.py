"""A Hugo site whose ``baseURL`` has a path (``https://pumps.kestrel.example/manual/``), and
headings with an id of their own (checked against Hugo 0.168's output)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.render import markdown
from stagemap.render.dialects import clean
from tests.conftest import write

TAGS = "stages: [awareness]\nquestions: [problems]\n"
PAGES = {
    "content/_index.md": "---\ntitle: Kestrel pump manual\n---\nWelcome.\n",
    "content/guides/_index.md": "---\ntitle: Guides\n---\nEvery guide.\n",
    "content/guides/priming.md": f"---\ntitle: Priming\ntags: [valves]\n{TAGS}---\n"
    "## Before you start\n\n### Priming {#priming-steps}\n\nOpen the bleed valve.\n",
    "content/notes/first.md": f"---\ntitle: First week\n{TAGS}---\n"
    "See [priming](/manual/guides/priming/), [every guide](/manual/guides/),"
    " [valves](/manual/tags/valves/) and [its steps](/manual/guides/priming/#priming-steps).\n\n"
    "Not [this one](/guides/priming/), nor ![the pump](/img/pump.png) or [that part](/manual/guides/priming/#priming).\n\n"
    "But ![the pump](/manual/img/pump.png).\n",
    "static/img/pump.png": "png",
}
OUTSIDE = (
    "leads outside the site, which is served under /manual/ (the path of its baseURL, which Hugo does not"
    " put in front of a link written from the root) (start the link with /manual/, or link to the page's"
    " file with relref)"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _site(root: Path, config: str, extra: dict[str, str] | None = None) -> Path:
    site = write(root, {**PAGES, "hugo.toml": config, **(extra or {})})
    assert run("init", str(site))[0] == 0
    return site


def test_a_link_from_the_root_needs_the_path_of_the_base_url(tmp_path: Path) -> None:
    """Hugo writes a body's link as given: '/manual/guides/priming/' is the page under
    baseURL https://pumps.kestrel.example/manual/, and stagemap linked it to .../manual/manual/...
    (the path twice: broken), the section and the tag alike; '/guides/priming/' is the host's
    /guides/priming/, outside the site, and stagemap took it to reach the page."""
    site = _site(tmp_path / "site", 'baseURL = "https://pumps.kestrel.example/manual/"\n')
    _, _, err = run("-C", str(site), "check", "--links")
    assert f"content/notes/first.md:8:16: warning: link to '/guides/priming/' {OUTSIDE}\n" in err, err
    assert f"warning: link to '/img/pump.png' {OUTSIDE}\n" in err, err
    assert "link to '/manual/guides/priming/#priming' finds no heading 'priming' on 'Priming'" in err, err
    assert err.count("leads outside") == 2 and err.count("finds no heading") == 1, err
    assert run("-C", str(site), "build")[0] == 0
    page = (site / "site" / "assets" / "notes" / "first.html").read_text()
    assert '<a href="../guides/priming.html">priming</a>' in page
    assert '<a href="https://pumps.kestrel.example/manual/guides/">every guide</a>' in page
    assert '<a href="https://pumps.kestrel.example/manual/tags/valves/">valves</a>' in page
    assert '<a href="../guides/priming.html#h-priming-steps">its steps</a>' in page
    assert '<span class="broken-link" title="Link target not found: /guides/priming/">this one</span>' in page
    assert "/manual/manual/" not in page
    assert '<img src="../../public/img/pump.png" alt="the pump"' in page
    guide = (site / "site" / "assets" / "guides" / "priming.html").read_text()
    assert '<h3 id="h-priming-steps">Priming</h3>' in guide and 'id="h-priming"' not in guide


@pytest.mark.parametrize(
    ("config", "hook"),
    [
        ("canonifyURLs = true\n", ""),  # (the path put in front where the link lacks it)
        ("relativeURLs = true\n", ""),  # (each link made relative to the page: from the site's root)
        ("", "{{ with .Page.GetPage .Destination }}{{ .RelPermalink }}{{ end }}"),  # (the page found)
    ],
)
def test_a_link_lacking_the_path_reaches_its_page_where_hugo_rewrites_it(
    tmp_path: Path, config: str, hook: str
) -> None:
    """canonifyURLs and relativeURLs, and a link render hook finding the page with GetPage, each
    make '/guides/priming/' reach the page on the live site: nothing to report there."""
    hooks = {"layouts/_default/_markup/render-link.html": hook} if hook else {}
    site = _site(tmp_path / "site", f'{config}baseURL = "https://pumps.kestrel.example/manual/"\n', hooks)
    _, _, err = run("-C", str(site), "check", "--links")
    assert "link to '/guides/priming/'" not in err, err
    assert run("-C", str(site), "build")[0] == 0
    page = (site / "site" / "assets" / "notes" / "first.html").read_text()
    assert '<a href="../guides/priming.html">this one</a>' in page


def test_a_local_base_url_keeps_both_forms(tmp_path: Path) -> None:
    """A baseURL on the building machine is a preview's (base: /manual/ in the settings): the
    public address, given when the site is deployed, may have another path, so a link without
    the path is still read as a route, and one with it too."""
    site = _site(tmp_path / "site", 'baseURL = "http://localhost:1313/manual/"\n')
    _, _, err = run("-C", str(site), "check", "--links")
    assert "leads outside" not in err, err
    assert run("-C", str(site), "build")[0] == 0
    page = (site / "site" / "assets" / "notes" / "first.html").read_text()
    assert '<a href="../guides/priming.html">priming</a>' in page
    assert '<a href="../guides/priming.html">this one</a>' in page


@pytest.mark.parametrize(
    ("text", "ending", "generator", "html"),
    [
        # Hugo 0.168: an id of its own counts for the ids made later ('alpha-1'), given twice as written.
        (
            "## X {#alpha}\n\n## Alpha\n\n## Alpha\n\n## Y {#alpha-1}\n",
            ".md",
            "hugo",
            '<h2 id="h-alpha">X</h2>\n<h2 id="h-alpha-1">Alpha</h2>\n<h2 id="h-alpha-2">Alpha</h2>\n'
            '<h2 id="h-alpha-1">Y</h2>\n',
        ),
        # Python-Markdown's toc keeps the id attr_list gives a heading, and makes none.
        ('## Setup { id="setup-steps" }\n', ".md", "mkdocs", '<h2 id="h-setup-steps">Setup</h2>\n'),
        # kramdown's auto_ids make an id only where the heading has none.
        ("## Setup {#setup-steps}\n", ".md", "jekyll", '<h2 id="h-setup-steps">Setup</h2>\n'),
        # Docusaurus's explicit heading id.
        ("## Setup {#setup-steps}\n", ".mdx", "docusaurus", '<h2 id="h-setup-steps">Setup</h2>\n'),
        # kramdown counts only the ids it makes (generate_id), Docusaurus puts an explicit id in no
        # slugger: a later heading of the same text keeps its id unnumbered.
        (
            "## Setup {#setup-steps}\n\n## Setup Steps\n\n## Intro\n{: #intro}\n\n## Intro\n",
            ".md",
            "jekyll",
            '<h2 id="h-setup-steps">Setup</h2>\n<h2 id="h-setup-steps">Setup Steps</h2>\n'
            '<h2 id="h-intro">Intro</h2>\n<h2 id="h-intro">Intro</h2>\n',
        ),
        (
            "## Setup {#setup-steps}\n\n## Setup Steps\n\n## Setup steps\n\n## Intro {#intro}\n\n## Intro\n",
            ".mdx",
            "docusaurus",
            '<h2 id="h-setup-steps">Setup</h2>\n<h2 id="h-setup-steps">Setup Steps</h2>\n'
            '<h2 id="h-setup-steps-1">Setup steps</h2>\n<h2 id="h-intro">Intro</h2>\n<h2 id="h-intro">Intro</h2>\n',
        ),
        # A heading in a block quote: goldmark gives it its own id alone there too (Hugo 0.168).
        (
            "> ## Quote {#qq}\n>\n> text\n\n## Quote\n",
            ".md",
            "hugo",
            '<blockquote>\n<h2 id="h-qq">Quote</h2>\n<p>text</p>\n</blockquote>\n<h2 id="h-quote">Quote</h2>\n',
        ),
        # An anchor inside a heading is no id of its own: the heading keeps the one its text makes.
        (
            '## Setup <a id="steps"></a>\n',
            ".md",
            "hugo",
            '<h2 id="h-setup">Setup <span id="h-steps"></span></h2>\n',
        ),
    ],
)
def test_a_heading_with_an_id_of_its_own_has_that_id_alone(
    text: str, ending: str, generator: str, html: str
) -> None:
    """'### Setup {#setup-steps}' is <h3 id="setup-steps"> on the live page: stagemap gave it the
    id its text makes as well, so a link to #setup was taken to work."""
    cleaned = clean(text, ending, generator, {}, html=True)
    assert markdown.render(cleaned, allow_html=True).html == html  # (the token path)
    assert markdown.render(cleaned).html == html  # (the compiled path, where it is installed)


BASE = 'baseURL = "https://pumps.kestrel.example/manual/"\n'
LANGUAGES = 'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n'


@pytest.mark.parametrize(
    ("config", "extra"),
    [
        (BASE + LANGUAGES, {}),  # Hugo's embedded link hook, on by default for several languages
        (BASE + '[markup.goldmark.renderHooks.link]\nuseEmbedded = "always"\n', {}),
        (BASE + "[module]\n[[module.imports]]\npath = 'example.org/kestrel/theme'\n", {}),  # its hook unseen
        (BASE, {"static/CNAME": "manual.kestrel.example\n"}),  # Pages serves it at the domain's root
        (BASE, {"netlify.toml": '[build]\ncommand = "hugo --gc --baseURL $DEPLOY_PRIME_URL"\n'}),
        (BASE, {"netlify.toml": '[build.environment]\nHUGO_BASEURL = "https://kestrel.example/"\n'}),
        (
            BASE,
            {
                ".github/workflows/pages.yml": "jobs:\n  b:\n    steps:\n      - run: hugo -b https://k.example/\n"
            },
        ),
        (BASE, {"package.json": '{"scripts": {"build": "hugo --minify --baseURL=/"}}'}),
    ],
)
def test_no_warning_where_the_live_path_is_not_sure(
    tmp_path: Path, config: str, extra: dict[str, str]
) -> None:
    """A link from the root without the path is read as a route, as before, where a hook not read
    here may write it (Hugo's embedded one, a module's), a CNAME file serves the site at a domain's
    root or a deploy gives another address: advice to add the path could break the live link."""
    site = _site(tmp_path / "site", config, extra)
    _, _, err = run("-C", str(site), "check", "--links")
    assert "leads outside" not in err, err
    assert "'/manual/guides/priming/'" not in err, err  # (the path taken off still)


def test_the_warning_stays_where_the_path_is_known(tmp_path: Path) -> None:
    """One language, the embedded hook off, no CNAME, no deploy setting the address (a workflow
    that builds without one): a link without the path is a 404 live."""
    config = BASE + LANGUAGES + '[markup.goldmark.renderHooks.link]\nuseEmbedded = "never"\n'
    flow = {".github/workflows/pages.yml": "jobs:\n  b:\n    steps:\n      - run: hugo --minify\n"}
    site = _site(tmp_path / "site", config, flow)
    _, _, err = run("-C", str(site), "check", "--links")
    assert f"warning: link to '/guides/priming/' {OUTSIDE}\n" in err, err


def test_a_deploy_file_that_is_a_link_is_not_read_and_leaves_the_path_unsure(tmp_path: Path) -> None:
    """Deploy files are read as the other site files stagemap reads for a deploy (no link
    followed, never a file outside the project): one that is a link is not opened, and since what
    it says is not known, a link lacking the path is not said to leave the site."""
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('[build]\ncommand = "hugo --minify"\n', encoding="utf-8")
    config = BASE + '[markup.goldmark.renderHooks.link]\nuseEmbedded = "never"\n'
    site = _site(tmp_path / "site", config)
    (site / "netlify.toml").symlink_to(outside)
    _, _, err = run("-C", str(site), "check", "--links")
    assert "leads outside" not in err, err
    (site / "netlify.toml").unlink()
    _, _, err = run("-C", str(site), "check", "--links")
    assert f"warning: link to '/guides/priming/' {OUTSIDE}\n" in err, err  # (without it: known)
