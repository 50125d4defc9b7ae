"""A site's title and address, read from its configuration file (code never run: patterns).

Hugo's ``baseURL``, Jekyll's ``url`` and ``baseurl``, MkDocs' ``site_url`` (Zensical's too, in
its ``[project]`` table); Docusaurus's ``url`` and ``baseUrl``, Gatsby's ``siteUrl`` and Astro's
``site`` and ``base``, read from the code with patterns (a value the code works out is left out);
Eleventy's ``pathPrefix`` (`stagemap.read.eleventyprefix`) where no ``CNAME`` domain on GitHub
Pages serves the site (a deploy elsewhere, Netlify's, leaves the file unread).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..lazyre import lazy
from .codetitle import code_title, constant
from .docusaurus import without_comments
from .eleventydeploy import prefix_source
from .eleventyprefix import path_prefix
from .mkdocsettings import plugin_options
from .owned import read_owned
from .presets import preset_static

_URL_IN_CODE = {
    # At the start of a line: ``image: {url: ...}`` on one line is not the site's address.
    "docusaurus": re.compile(r"""^[ \t]*(?:url|"url"|'url')\s*:\s*['"`](https?://[^'"`]+)['"`]""", re.M),
    # Gatsby's siteUrl and Astro's site are read after a brace or a comma too (a configuration
    # written on one line): no other object of theirs has such a key.
    "gatsby": re.compile(
        r"""(?:^[ \t]*|[{,][ \t]*)(?:siteUrl|"siteUrl"|'siteUrl')\s*:\s*['"`](https?://[^'"`]+)['"`]""", re.M
    ),
    "astro": re.compile(
        r"""(?:^[ \t]*|[{,][ \t]*)(?:site|"site"|'site')\s*:\s*['"`](https?://[^'"`]+)['"`]""", re.M
    ),
}
_BASE_PATH_IN_CODE = {
    "docusaurus": re.compile(
        r"""^[ \t]*(?:baseUrl|"baseUrl"|'baseUrl')\s*:\s*['"`]((?:/|\$\{)[^'"`\s]*)['"`]""", re.M
    ),
    "astro": re.compile(r"""^[ \t]*(?:base|"base"|'base')\s*:\s*['"`]((?:/|\$\{)[^'"`\s]*)['"`]""", re.M),
}
"""The path a site is served under (Docusaurus ``baseUrl``, Astro ``base``): part of every address."""


def site_title(generator: str, config: Any, data: dict[str, Any]) -> str:
    """Return the site's title from its configuration (``config`` as loaded, ``data`` the mapping
    it holds), or empty when it says none."""
    if generator in _URL_IN_CODE:  # (its title by where it sits: `stagemap.read.codetitle`)
        return code_title(generator, config) if isinstance(config, str) else ""
    value = data.get("site_name" if generator == "mkdocs" else "title")
    if generator == "jekyll" and not isinstance(value, str):
        value = data.get("name")  # the key some Jekyll themes and sites use instead
    languages = data.get("languages")
    if generator == "hugo" and not isinstance(value, str) and isinstance(languages, dict):
        default = languages.get(str(data.get("defaultContentLanguage") or "en"))
        value = default.get("title") if isinstance(default, dict) else None  # the default language's
    return value.strip() if isinstance(value, str) else ""


def site_address(
    root: Path, generator: str, config: Any, data: dict[str, Any], within: Path | None = None
) -> tuple[str, str]:
    """Return the site's address (`base_url`; from GitHub Pages' ``CNAME`` file where the
    configuration gives none, or a local one: `pages_domain`) and that file's path, or "".
    An Eleventy site's configuration gives no address: the domain alone (GitHub Pages serves a
    site with a custom domain at the domain's root, whatever path prefix it is built with) where
    the deploy found publishes to GitHub Pages or none is found, else the path prefix alone it is served under (``/handbook/``: `stagemap.read.eleventyprefix`,
    ``within`` the repository holding the site, whose deploy decides it)."""
    if generator == "eleventy":
        domain, cname = pages_domain(root, generator)
        deploy = prefix_source(root, within)
        if domain and (deploy is None or deploy.served_by_pages()):
            return f"https://{domain}/", cname
        return path_prefix(root, config if isinstance(config, str) else "", within), ""
    address = base_url(generator, config, data)
    domain, cname = ("", "") if address.startswith("http") else pages_domain(root, generator)
    return (base_url(generator, config, data, domain) if domain else address), cname


def base_url(generator: str, config: Any, data: dict[str, Any], domain: str = "") -> str:
    """Return the site's address, ending in ``/``, from its configuration, or empty when it says
    none, or one on the building machine (``localhost``, ``0.0.0.0``), or says it in code the
    patterns cannot read; with neither, ``https://`` and the
    custom ``domain`` the site is published on (`pages_domain`), under the base path the
    configuration gives. A Hugo, Jekyll or MkDocs site whose address is on the building machine
    and no domain: the path alone it is served under (``/paddles/``), or empty at the root."""
    if generator in _URL_IN_CODE:
        code = without_comments(config) if isinstance(config, str) else None
        if code is None:
            return f"https://{domain}/" if domain else ""
        found = _URL_IN_CODE[generator].search(code)
        literal = _filled(found.group(1), code) if found is not None else ""
        literal = literal if not _LOCAL.match(literal) else ""
        address = literal or _base_url_constant(generator, code) or (f"https://{domain}" if domain else "")
        if not address:
            return ""
        under = _BASE_PATH_IN_CODE[generator].search(code) if generator in _BASE_PATH_IN_CODE else None
        path = _filled(under.group(1), code).strip("/") if under else ""
        return address.rstrip("/") + "/" + (path + "/" if path else "")
    value = _keyed(generator, data)
    if not value or _LOCAL.match(value):
        # An address on the machine building the site (``http://localhost:1313/paddles/``) is a
        # preview's, never the public one; but the site is served under its path all the same
        # (links written from the root have it): that path alone, where no domain gives the address.
        served = urlsplit(value).path.strip("/")
        value = f"https://{domain}/{served}" if domain else f"/{served}" if value else ""
    if not value:
        return ""
    if generator == "jekyll" and isinstance(data.get("baseurl"), str):
        value = value.rstrip("/") + "/" + data["baseurl"].strip("/")
    if generator == "mkdocs" and (version := _mike_version(data)):
        value = value.rstrip("/") + "/" + version  # each version in a folder of the site's address
    return value.rstrip("/") + "/" if value.strip("/") else ""


def _keyed(generator: str, data: dict[str, Any]) -> str:
    """The address a Hugo, Jekyll or MkDocs configuration gives (``baseURL``, ``url``,
    ``site_url``), or "" (Eleventy's configuration has none)."""
    key = {"hugo": "baseURL", "jekyll": "url", "mkdocs": "site_url"}.get(generator)
    value = data.get(key) if key else None
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else ""


def local_address(generator: str, data: dict[str, Any]) -> str:
    """Return the address a Hugo, Jekyll or MkDocs configuration gives when it is one on the
    machine building the site (``http://localhost:1313/``, a preview's, the public one being given
    when it is deployed: ``hugo --baseURL https://...``), else "": never the public address."""
    value = _keyed(generator, data)
    return value if _LOCAL.match(value) else ""


def _mike_version(data: dict[str, Any]) -> str:
    """Return the folder an MkDocs site versioned with mike serves its docs from (hatch's
    ``extra: {version: {provider: mike}}``): the mike plugin's ``canonical_version``, else
    ``latest`` (the alias its root redirects to); empty for a site without versions."""
    extra = data.get("extra")
    version = extra.get("version") if isinstance(extra, dict) else None
    if not isinstance(version, dict) or version.get("provider") != "mike":
        return ""
    canonical = (plugin_options(data, "mike") or {}).get("canonical_version")
    return canonical.strip("/") or "latest" if isinstance(canonical, str) else "latest"


def _filled(text: str, code: str) -> str:
    """Return a template literal's text with each ``${NAME}`` the text of the constant so named
    (``const HOST = 'docs.example.org'``, written once, a plain text), or "" when one is not
    such a constant (Capacitor's docs: ``url: `https://${HOSTNAME}```)."""
    if "${" not in text:
        return text
    known = True

    def value(found: re.Match[str]) -> str:
        nonlocal known
        given = constant(found.group(1), code)
        known = known and given != ""
        return given

    made = _PLACE.sub(value, text)
    return made if known and "${" not in made else ""


_PLACE = lazy(r"\$\{\s*([A-Za-z_$][\w$]*)\s*\}")
"""A constant's place in a template literal: ``${HOSTNAME}``."""
_LOCAL = lazy(r"https?://(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\])(?:[:/]|$)", re.I)
"""An address on the machine building the site (a preview's): never the public site's."""
_ADDRESS_KEYS = {"docusaurus": "url", "gatsby": "siteUrl", "astro": "site"}
"""The key of each configuration written as code that holds the site's address."""
_LITERAL_URL = lazy(r"""(['"`])(https?://[^'"`\s]+)\1""")
_STATEMENT_END = lazy(r"^[ \t]*$|^[ \t]*(?:const|let|var|export|module|function|import|class)\b|;", re.M)
"""Where a statement ends in code with or without semicolons: a blank line or the next statement."""


def _base_url_constant(generator: str, code: str) -> str:
    """Return a site's address given as a constant, or "": the configuration says ``site,``
    (Astro), ``siteUrl,`` or ``siteUrl: SITE_URL`` (Gatsby), ``url,`` (Docusaurus), and the
    constant so named holds it. The last address written out in it is the one a build without
    settings uses (``PREVIEW || 'https://...'``, ``env.PR ? `https://${env.PR}.x` : 'https://...'``);
    one made of parts (``${...}``) is no address, nor one on the machine itself (localhost)."""
    key = _ADDRESS_KEYS.get(generator)
    if key is None:
        return ""
    named = re.search(rf"^[ \t]*{key}\s*(?::\s*([A-Za-z_$][\w$]*)\s*)?[,}}\n]", code, re.M)
    if named is None:
        return ""
    name = re.escape(named.group(1) or key)
    start = re.search(rf"^[ \t]*(?:export\s+)?(?:const|let|var)\s+{name}\s*=", code, re.M)
    if start is None:
        return ""
    end = _STATEMENT_END.search(code, start.end())
    text = code[start.end() : end.start() if end else len(code)]
    found = [m.group(2) for m in _LITERAL_URL.finditer(text) if "${" not in m.group(2)]
    public = [url for url in found if not _LOCAL.match(url)]  # ``dev ? 'http://localhost:4321' : ...``
    return public[-1].rstrip("/") + "/" if public else ""


def pages_domain(root: Path, generator: str) -> tuple[str, str]:
    """Return the custom domain of a site published on GitHub Pages (its ``CNAME`` file, in the
    site's folder or a folder the generator copies to the site as it is: Hugo's ``static/``,
    Astro's ``public/``...) and that file's path relative to ``root``; empty when there is none.
    The file is the domain alone on its first line; a link, or anything else, is not read."""
    site = root.resolve()
    for folder in dict.fromkeys((".", *preset_static(generator))):
        try:  # a folder that is a link (or leads out of the site) is never looked into
            if folder != "." and (
                (root / folder).is_symlink() or not (root / folder).resolve().is_relative_to(site)
            ):
                continue
        except (OSError, RuntimeError):
            continue
        data = read_owned(root / folder / "CNAME", 4096)
        text = data.decode("utf-8-sig", "replace").strip() if data is not None else ""
        domain = text.split("\n", 1)[0].strip().lower().rstrip(".")
        if _DOMAIN.fullmatch(domain):
            return domain, posixpath.normpath(f"{folder}/CNAME")
    return "", ""


_DOMAIN = lazy(r"(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
"""A host name of letters, digits and hyphens (``www.example.com``): what a ``CNAME`` file holds."""
