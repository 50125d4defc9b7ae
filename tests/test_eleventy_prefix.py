"""An Eleventy site deployed under a path prefix (``pathPrefix: "/handbook/"``, or
``eleventy --pathprefix``): its live pages are at their routes under that path, and links
written with it (by hand, or as the ``url`` filter makes them) reach them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.eleventyprefix import path_prefix
from tests.conftest import write

HINT = "(point it at a content file, a page's route or a file in the site's static folders)"
CONFIG = 'export default function (eleventyConfig) {\n  return {\n    dir: { input: "src" },\n%s  };\n}\n'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("config", "package", "prefix"),
    [
        (CONFIG % '    pathPrefix: "/handbook/",\n', "", "/handbook/"),
        (CONFIG % "    pathPrefix: '/handbook',\n", "", "/handbook/"),
        (
            "config.addPlugin(EleventyHtmlBasePlugin, {\n"
            "  filters: { pathPrefix: 'addPathPrefixToUrl' },\n});\n",
            "",
            "",
        ),
        ("export const config = { pathPrefix: `/crew/guide` };\n", "", "/crew/guide/"),
        (CONFIG % '    pathPrefix: "/",\n', "", ""),
        (CONFIG % "    pathPrefix: process.env.PREFIX || '/',\n", "", ""),
        (CONFIG % '    // pathPrefix: "/old/",\n', "", ""),
        (CONFIG % "", '{"scripts": {"build": "npx @11ty/eleventy --pathprefix=/deck/"}}', "/deck/"),
        (
            CONFIG % '    pathPrefix: "/x/",\n',
            '{"scripts": {"build": "eleventy --pathprefix \'hull\'"}}',
            "/hull/",
        ),
        (CONFIG % '    pathPrefix: "/x/",\n', '{"scripts": {"start": "eleventy --pathprefix=/y/"}}', "/x/"),
        (CONFIG % "", '{"scripts": {"build": "vite build --pathprefix=/z/"}}', ""),
        (CONFIG % "", "not json", ""),
        (
            CONFIG % '    pathPrefix: "/x/",\n',
            '{"scripts": {"build": "eleventy --pathprefix=$PREFIX"}}',
            "/x/",
        ),
        (CONFIG % '    pathPrefix: "handbook/",\n', "", "/handbook/"),
        ("config.addPlugin(base, {\n  filters: {\n    pathPrefix: 'prefixed',\n  },\n});\n", "", ""),
        (CONFIG % '    pathPrefix: "/x/",\n', '{"scripts": {"build": "eleventy --pathPrefix=/y/"}}', "/x/"),
        (
            CONFIG % "",
            '{"scripts": {"build-pages": "npx @11ty/eleventy --pathprefix=/oars/"}}',
            "/oars/",
        ),
        (
            CONFIG % '    pathPrefix: "/handbook/",\n',
            '{"scripts": {"build": "npx @11ty/eleventy", "build:staging": "npx @11ty/eleventy --pathprefix=/staging/"}}',
            "/handbook/",
        ),
        (
            CONFIG % "",
            '{"scripts": {"build": "npm run css && npm run site", "css": "sass a:b", "site": "eleventy --pathprefix=/keel/"}}',
            "/keel/",
        ),
        (
            CONFIG % "",
            '{"scripts": {"pages": "eleventy --pathprefix=/a/", "build": "eleventy --pathprefix=/b/"}}',
            "/b/",
        ),
        (
            CONFIG % '    pathPrefix: "/x/",\n',
            '{"scripts": {"dev": "eleventy --pathprefix=/y/", "preview": "eleventy --serve --pathprefix=/z/"}}',
            "/x/",
        ),
    ],
)
def test_the_path_prefix_an_eleventy_site_is_served_under(
    tmp_path: Path, config: str, package: str, prefix: str
) -> None:
    """The configuration's pathPrefix as written out (Eleventy 3's exported config too), joined
    to '/' at each end as Eleventy does ('handbook/' too, which stagemap read as none); a script
    building the site with --pathprefix wins over it: 'build' decides when it runs Eleventy (a
    script it runs followed; without --pathprefix, the configuration's), else the first other
    one with the option (a 'build:staging' one never gave the site's prefix over 'build'). A prefix the
    code works out, one in a comment, a local run's (a 'dev' script, '--serve'), the option
    written in another case (an error to Eleventy's parser), or the HTML base plugin's option
    naming its filter (Eleventy 2's 'filters: { pathPrefix: ... }'), says nothing."""
    files = {"eleventy.config.js": config, **({"package.json": package} if package else {})}
    root = write(tmp_path, files)
    assert path_prefix(root, config) == prefix


def test_an_eleventy_sites_pages_are_at_their_routes_under_its_path_prefix(tmp_path: Path) -> None:
    """A GitHub Pages project site built by Eleventy sets pathPrefix, and stagemap read none:
    init wrote the CNAME domain alone as the site's address (each page's live address lacked the
    prefix), or no address at all, and check --links reported a link written with the prefix
    ('/handbook/guides/rigging/', as the live page has it without the HTML base plugin) as
    leading nowhere. The prefix is now the path of urls.base, with the domain or alone."""
    pages = {
        "src/index.md": "---\ntitle: Otter handbook\n---\n[Rigging](/handbook/guides/rigging/) and"
        " [about]({{ '/about/' | url }}) and [home](/handbook/) and [lost](/handbook/gone/).\n",
        "src/about.md": "---\ntitle: About the otters\n---\nWe carve paddles.\n",
        "src/guides/rigging.md": "---\ntitle: Rigging a kayak\n---\nTie the lines.\n",
        "eleventy.config.js": CONFIG % '    pathPrefix: "/handbook/",\n',
    }
    alone = write(tmp_path / "alone", pages)
    code, out, _ = run("init", str(alone))
    assert code == 0
    text = (alone / "stagemap.yml").read_text()
    assert (
        "# eleventy.config.js gives no address; the site is served under a path prefix"
        " (pathPrefix in eleventy.config.js):\n"
    ) in text
    assert "urls:\n  base: /handbook/  # e.g. https://www.example.com/handbook/\n" in text
    assert (
        "No public site address in eleventy.config.js (urls.base keeps the path the site is served under,"
        " /handbook/): set urls.base so that kits link to public pages.\n"
    ) in out
    _, _, err = run("-C", str(alone), "check", "--links")
    assert "leads nowhere" in err and err.count("leads nowhere") == 1, err
    assert f"src/index.md:4:107: warning: link to '/handbook/gone/' leads nowhere {HINT}\n" in err

    domain = write(tmp_path / "domain", {**pages, "CNAME": "otters.example.org\n"})
    assert run("init", str(domain))[0] == 0
    text = (domain / "stagemap.yml").read_text()
    assert "urls:\n  base: https://otters.example.org/\n" in text
    _, out, _ = run("-C", str(domain), "list", "--format", "json")
    assert '"https://otters.example.org/guides/rigging/"' in out, out


def test_with_the_html_base_plugin_a_link_from_the_root_is_a_route(tmp_path: Path) -> None:
    """Eleventy's HTML base plugin puts the path prefix in front of every link from the root in
    the pages it writes, without looking whether it is there already (its url transform): on a
    site adding it, stagemap took the prefix off such links all the same, so '/logbook/tides/'
    (the page content/logbook/tides.md, live at /logbook/logbook/tides/) was said to lead nowhere
    and '/logbook/crew/' (live /logbook/logbook/crew/, no page) to reach crew.md. The link is now
    a route; the prefix alone stays the home page. Without the plugin a link carries the prefix,
    which is taken off; under a CNAME domain, which GitHub Pages serves at its root, a link is
    a route."""
    config = (
        'import { HtmlBasePlugin } from "@11ty/eleventy";\n'
        "export default function (eleventyConfig) {\n  eleventyConfig.addPlugin(HtmlBasePlugin);\n}\n"
        'export const config = { dir: { input: "content" }, pathPrefix: "/logbook/" };\n'
    )
    pages = {
        "eleventy.config.js": config,
        "content/index.md": "---\ntitle: Gull Point boatyard\n---\n[Tides](/logbook/tides/),"
        " [crew](/crew/), [old crew](/logbook/crew/) and [home](/logbook/).\n",
        "content/crew.md": "---\ntitle: Our crew\n---\nFour of us.\n",
        "content/logbook/tides.md": "---\ntitle: Tide tables\n---\nHigh at noon.\n",
    }
    added = write(tmp_path / "added", pages)
    assert run("init", str(added))[0] == 0
    assert "urls:\n  base: /logbook/  #" in (added / "stagemap.yml").read_text()
    _, _, err = run("-C", str(added), "check", "--links")
    assert err.count("leads nowhere") == 1, err
    assert f"content/index.md:4:54: warning: link to '/logbook/crew/' leads nowhere {HINT}\n" in err

    plain = config.replace("  eleventyConfig.addPlugin(HtmlBasePlugin);\n", "")
    written = write(tmp_path / "written", {**pages, "eleventy.config.js": plain})
    assert run("init", str(written))[0] == 0
    _, _, err = run("-C", str(written), "check", "--links")
    assert err.count("leads nowhere") == 1, err
    assert f"content/index.md:4:9: warning: link to '/logbook/tides/' leads nowhere {HINT}\n" in err
    assert "content/index.md:4:34: warning: link to '/crew/' leads outside the site" in err, err

    domain = write(tmp_path / "domain", {**pages, "eleventy.config.js": plain, "CNAME": "gulls.example\n"})
    assert run("init", str(domain))[0] == 0
    assert run("-C", str(domain), "build")[0] == 0
    home = (domain / "site" / "assets" / "index.html").read_text()  # (at the domain's root: routes)
    assert '<a href="https://gulls.example/logbook/crew/">old crew</a>' in home
    assert '<a href="logbook/tides.html">Tides</a>' in home


def test_init_names_the_script_that_gives_the_path_prefix(tmp_path: Path) -> None:
    """A path prefix from a package.json script's --pathprefix (which wins over the configuration's
    pathPrefix) was said to come from the configuration's pathPrefix: init names the script. Under
    a CNAME domain, which GitHub Pages serves at its root, the address was the domain under the
    prefix (each page's address wrong): the prefix is now left out, and init says so."""
    pages = {
        ".eleventy.js": 'module.exports = () => ({ pathPrefix: "/old/" });\n',
        "package.json": '{"scripts": {"build": "npx @11ty/eleventy --pathprefix=/deck/"}}',
        "index.md": "---\ntitle: Deck chairs\n---\nSit down.\n",
    }
    alone = write(tmp_path / "alone", pages)
    assert run("init", str(alone))[0] == 0
    text = (alone / "stagemap.yml").read_text()
    said = (
        "# .eleventy.js gives no address; the site is served under a path prefix"
        " (--pathprefix in the build script of package.json):"
    )
    assert said + "\n" in text
    assert "  base: /deck/  #" in text
    domain = write(tmp_path / "domain", {**pages, "CNAME": "chairs.example\n"})
    assert run("init", str(domain))[0] == 0
    text = (domain / "stagemap.yml").read_text()
    assert (
        "# From CNAME, the domain GitHub Pages publishes the site on.\n# GitHub Pages serves a site with a"
        " custom domain at the domain's root: the path prefix /deck/ (--pathprefix in the build script of"
        " package.json) is left out.\nurls:\n  base: https://chairs.example/\n"
    ) in text


def test_the_prefix_is_read_in_one_pass_over_the_configuration() -> None:
    """Each pathPrefix key inside a filters: {...} object copied the code before it to find the
    brace it sits in: a 2 MB configuration of such objects took many seconds (quadratic). The
    braces are now followed once; CPU time, not wall time, is bounded (a loaded machine stretches
    the latter)."""
    code = "config.addPlugin(base, {\n" + "  filters: { pathPrefix: 'x' },\n" * 64000 + "});\n"
    started = time.process_time()
    assert path_prefix(Path("/nonexistent-stagemap-site"), code) == ""
    assert time.process_time() - started < 6


@pytest.mark.parametrize(("spelt", "lost"), [("/logbook", "/logbook/"), ("/logbook/", "/logbook")])
def test_with_the_html_base_plugin_the_home_link_is_the_prefix_as_spelt(
    tmp_path: Path, spelt: str, lost: str
) -> None:
    """Eleventy's url filter, which the HTML base plugin calls, compares a link with '/' joined
    to the prefix as written: with pathPrefix "/logbook", '/logbook' is the home page and
    '/logbook/' becomes '/logbook/logbook/' (nothing); stagemap read '/logbook/' as home whatever
    the spelling. With "/logbook/", the other way round."""
    config = (
        'import { HtmlBasePlugin } from "@11ty/eleventy";\n'
        "export default function (eleventyConfig) {\n  eleventyConfig.addPlugin(HtmlBasePlugin);\n}\n"
        f'export const config = {{ pathPrefix: "{spelt}" }};\n'
    )
    site = write(
        tmp_path,
        {
            "eleventy.config.js": config,
            "index.md": "---\ntitle: Tern Bay moorings\n---\n[home](/logbook) and [home again](/logbook/).\n",
            "berths.md": "---\ntitle: Berths\n---\nTen of them.\n",
        },
    )
    assert run("init", str(site))[0] == 0
    _, _, err = run("-C", str(site), "check", "--links")
    assert err.count("leads nowhere") == 1, err
    assert f"link to '{lost}' leads nowhere" in err, err


def test_a_cname_counts_only_where_github_pages_serves_the_site(tmp_path: Path) -> None:
    """A CNAME left in the repository gave the domain alone though netlify.toml's command, which
    builds with --pathprefix=/moor/, deploys the site: init said GitHub Pages serves it and left
    the prefix out. The CNAME now counts only where the deploy found publishes to GitHub Pages,
    or none is found; there, with the HTML base plugin, init says the links from the root break."""
    files = {
        ".eleventy.js": 'module.exports = () => ({ pathPrefix: "/old/" });\n',
        "package.json": '{"scripts": {"build": "npx @11ty/eleventy", "net": "npx @11ty/eleventy --pathprefix=/moor/"}}',
        "netlify.toml": '[build]\ncommand = "npm run net"\n',
        "CNAME": "moorings.example\n",
        "index.md": "---\ntitle: Harbour moorings\n---\nBuoys.\n",
    }
    netlify = write(tmp_path / "netlify", files)
    assert run("init", str(netlify))[0] == 0
    text = (netlify / "stagemap.yml").read_text()
    assert "  base: /moor/  #" in text, text
    assert "GitHub Pages" not in text
    plugin = (
        'const { EleventyHtmlBasePlugin } = require("@11ty/eleventy");\n'
        "module.exports = (c) => { c.addPlugin(EleventyHtmlBasePlugin); return {}; };\n"
    )
    flow = (
        "on: push\njobs:\n  go:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run net\n"
        "      - uses: actions/deploy-pages@v4\n"
    )
    pages = write(tmp_path / "pages", {**files, ".eleventy.js": plugin, ".github/workflows/pages.yml": flow})
    assert run("init", str(pages))[0] == 0
    text = (pages / "stagemap.yml").read_text()
    assert "urls:\n  base: https://moorings.example/\n" in text, text
    assert (
        "# The HTML base plugin puts that prefix in front of every link from the root, which the domain"
        " does not serve:\n# those links are broken on the live site (build without the prefix for a"
        " custom domain).\n"
    ) in text, text


def test_without_the_html_base_plugin_a_link_lacking_the_prefix_leaves_the_site(tmp_path: Path) -> None:
    """On a site served under a path prefix with no HTML base plugin, a page holds a link from the
    root as written: '/crew/' leads to the host's /crew/, outside the site (the page is live at
    /harbour/crew/), and stagemap read it as a route that reached crew.md. It is now reported,
    saying why. Eleventy's url filter puts the prefix in front of a path from the root, so
    "{{ '/crew/' | url }}" is '/harbour/crew/' on the page, and reaches it."""
    config = 'export default function (eleventyConfig) {\n  return { dir: { input: "pages" } };\n}\n'
    config += 'export const config = { pathPrefix: "/harbour/" };\n'
    pages = {
        "eleventy.config.js": config,
        "pages/index.md": "---\ntitle: Gull Point boatyard\n---\n[Crew](/crew/), [crew again](/harbour/crew/),"
        " [filtered crew]({{ '/crew/' | url }}) and ![flag](/img/flag.png).\n\nOur list: {{ '/crew/' | url }}.\n",
        "pages/crew.md": "---\ntitle: Our crew\n---\nFour of us.\n",
    }
    site = write(tmp_path / "site", pages)
    assert run("init", str(site))[0] == 0
    _, _, err = run("-C", str(site), "check", "--links")
    said = (
        "leads outside the site, which is served under /harbour/ (its path prefix, which no HTML base"
        " plugin adds to links from the root) (start the link with /harbour/, or write it through the url filter)"
    )
    assert f"pages/index.md:4:8: warning: link to '/crew/' {said}\n" in err, err
    assert f"pages/index.md:4:97: warning: link to '/img/flag.png' {said}\n" in err, err
    assert err.count("leads outside") == 2 and "leads nowhere" not in err, err
    assert run("-C", str(site), "build")[0] == 0
    home = (site / "site" / "assets" / "index.html").read_text()
    assert '<a href="crew.html">filtered crew</a>' in home
    assert "Our list: /harbour/crew/." in home
    assert '<span class="broken-link" title="Link target not found: /crew/">Crew</span>' in home


def test_a_link_lacking_the_prefix_is_said_to_leave_the_site_only_where_that_is_known(tmp_path: Path) -> None:
    """The warning that a link from the root lacking the prefix leaves the site was given where
    stagemap could not know: the prefix given by a variable (``--pathprefix=$PREFIX``, the site's
    address written by hand), where the url filter's output was read without the prefix and
    reported; or the HTML base plugin added in a module of the site's own, where following the
    hint doubles the prefix live. Where stagemap cannot know, the link is read as a route again."""
    pages = {
        "pages/index.md": "---\ntitle: Gull Point boatyard\n---\nSee [the crew]({{ '/crew/' | url }}) and"
        " [the crew again](/crew/).\n",
        "pages/crew.md": "---\ntitle: Our crew\n---\nFour of us.\n",
    }
    plain = 'export default function (eleventyConfig) {\n  return { dir: { input: "pages" } };\n}\n'
    varied = write(
        tmp_path / "varied",
        {
            **pages,
            "eleventy.config.js": plain,
            "package.json": '{"scripts": {"build": "npx @11ty/eleventy --pathprefix=$PREFIX"}}',
        },
    )
    assert run("init", str(varied))[0] == 0
    yml = varied / "stagemap.yml"
    yml.write_text(
        yml.read_text().replace(
            "  # base: https://www.example.com/", "  base: https://gulls.example/harbour/"
        )
    )
    assert "\n  base: https://gulls.example/harbour/\n" in yml.read_text()
    _, _, err = run("-C", str(varied), "check", "--links", "--strict")
    assert "leads outside" not in err and "leads nowhere" not in err, err

    imported = (
        'import plugins from "./_config/plugins.js";\nexport default function (eleventyConfig) {\n'
        '  eleventyConfig.addPlugin(plugins);\n  return { dir: { input: "pages" } };\n}\n'
        'export const config = { pathPrefix: "/harbour/" };\n'
    )
    module = (
        'import { HtmlBasePlugin } from "@11ty/eleventy";\n'
        "export default function (eleventyConfig) {\n  eleventyConfig.addPlugin(HtmlBasePlugin);\n}\n"
    )
    elsewhere = write(
        tmp_path / "elsewhere", {**pages, "eleventy.config.js": imported, "_config/plugins.js": module}
    )
    assert run("init", str(elsewhere))[0] == 0
    _, _, err = run("-C", str(elsewhere), "check", "--links", "--strict")
    assert "leads outside" not in err and "leads nowhere" not in err, err

    known = write(
        tmp_path / "known",
        {
            **pages,
            "eleventy.config.js": imported.replace("plugins.js", "x.js")
            .replace('import plugins from "./_config/x.js";\n', "")
            .replace("  eleventyConfig.addPlugin(plugins);\n", ""),
        },
    )
    assert run("init", str(known))[0] == 0
    _, _, err = run("-C", str(known), "check", "--links")
    assert (
        err.count("leads outside") == 1 and "index.md:4:59: warning: link to '/crew/' leads outside" in err
    ), err


def test_the_url_filter_gives_what_eleventy_gives(tmp_path: Path) -> None:
    """Eleventy's url filter (its src/Filters/Url.js) gives the prefix itself for the prefix and
    leaves a relative path as it is; stagemap put the prefix in front of both, so
    ``{{ '/harbour/' | url }}`` was '/harbour/harbour/' (said to lead nowhere) and
    ``{{ 'crew/' | url }}`` '/harbour/crew/'."""
    config = 'export default function (eleventyConfig) {\n  return { dir: { input: "pages" } };\n}\n'
    config += 'export const config = { pathPrefix: "/harbour/" };\n'
    pages = {
        "eleventy.config.js": config,
        "pages/index.md": "---\ntitle: Gull Point boatyard\n---\nGo [home]({{ '/harbour/' | url }}) or to"
        " [the crew]({{ '/crew/' | url }}).\n\nWritten: {{ 'crew/' | url }}, {{ '/' | url }},"
        " {{ '/harbour' | url }}.\n",
        "pages/crew.md": "---\ntitle: Our crew\n---\nFour of us.\n",
    }
    site = write(tmp_path / "site", pages)
    assert run("init", str(site))[0] == 0
    _, _, err = run("-C", str(site), "check", "--links")
    assert "leads nowhere" not in err and "leads outside" not in err, err
    assert run("-C", str(site), "build")[0] == 0
    home = (site / "site" / "assets" / "index.html").read_text()
    assert "Written: crew/, /harbour/, /harbour/harbour." in home, home
    assert '<a href="crew.html">the crew</a>' in home, home


def test_the_html_base_plugin_adds_the_prefix_to_what_the_url_filter_wrote(tmp_path: Path) -> None:
    """The HTML base plugin runs each link from the root through the url filter again, so
    ``{{ '/crew/' | url }}`` (/harbour/crew/ from the filter) is /harbour/harbour/crew/ live,
    leading nowhere: stagemap read it as the route /crew/. The prefix alone stays the home page."""
    config = (
        'import { HtmlBasePlugin } from "@11ty/eleventy";\n'
        "export default function (eleventyConfig) {\n  eleventyConfig.addPlugin(HtmlBasePlugin);\n}\n"
        'export const config = { dir: { input: "pages" }, pathPrefix: "/harbour/" };\n'
    )
    pages = {
        "eleventy.config.js": config,
        "pages/index.md": "---\ntitle: Gull Point boatyard\n---\n[Crew]({{ '/crew/' | url }}),"
        " [home]({{ '/' | url }}) and [crew again](/crew/).\n",
        "pages/crew.md": "---\ntitle: Our crew\n---\nFour of us.\n",
    }
    site = write(tmp_path / "site", pages)
    assert run("init", str(site))[0] == 0
    _, _, err = run("-C", str(site), "check", "--links")
    assert err.count("leads nowhere") == 1 and "link to '/harbour/crew/' leads nowhere" in err, err
