"""Read the settings that say where content is and how a site's files are read.

``sources`` (folders with include and exclude globs), ``extensions``, ``generator`` (a preset
of the rest), ``aliases``, ``known_keys``, ``non_assets``, ``audiences``,
``pages_without_front_matter``, ``default_language``, ``site_root`` and ``urls``. Each
wrong value is recorded in the findings at its line and column.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import suggest
from ..model.library import ALL_FIELDS, AUDIENCES
from ..model.settings import ReadRules, Source
from ..paths import real
from . import yamlsafe
from .findings import Findings
from .globs import compile_glob
from .missing import why_missing
from .postdates import known_zone
from .presets import (
    GENERATORS,
    preset_aliases,
    preset_bare_pages,
    preset_drafts,
    preset_extensions,
    preset_known_keys,
    preset_mdx,
    preset_non_assets,
    preset_route_roots,
    preset_static,
)

SOURCE_KEYS = ("path", "include", "exclude", "audience", "url", "id")
URL_KEYS = ("base", "pattern", "roots", "static", "lowercase", "timezone")
URL_FIELDS = (
    "path", "dir", "name", "slug", "section", "year", "month", "day", "date", "file", "doc",
    "categories", "entry", "post",
)  # fmt: skip
"""The names a URL pattern may use in braces."""
ALIASABLE = ALL_FIELDS
"""Fields an alias may stand for."""


class _Part:
    """One reader of a part of the settings, sharing the loaded file and the findings."""

    def __init__(self, loaded: yamlsafe.Loaded, findings: Findings) -> None:
        self.loaded = loaded
        self.findings = findings

    def error(self, path: tuple[Any, ...], message: str, hint: str = "") -> None:
        self.findings.error(self.loaded, path, message, hint)

    def texts(self, value: Any, path: tuple[Any, ...], example: str) -> tuple[str, ...]:
        """Return a list of text (one text counts as a list of one); report anything else."""
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(path, f"'{path[-1]}' must be a list of text", f"e.g. {path[-1]}: [{example}]")
            return ()
        return tuple(v.strip() for v in value)

    def globs(self, value: Any, path: tuple[Any, ...]) -> tuple[str, ...]:
        """Return gitignore-style globs, each checked to compile."""
        patterns = self.texts(value, path, '"drafts/", "*.tmp.md"')
        for index, pattern in enumerate(patterns):
            try:
                compile_glob(pattern)
            except ValueError:
                self.error((*path, index), f"empty glob '{pattern}'", "write a file name or folder pattern")
        return patterns


def read_rules(
    data: Mapping[str, Any], loaded: yamlsafe.Loaded, findings: Findings, root: Path | None = None
) -> ReadRules:
    """Return how content files are read, the generator preset filled in by the settings (``root``:
    the project's folder, where ``site_root`` must name a folder; None: not checked)."""
    part = _Part(loaded, findings)
    generator = data.get("generator") or ""
    if generator and (not isinstance(generator, str) or generator not in GENERATORS):
        shown = generator if isinstance(generator, str) else "that"
        part.error(("generator",), f"unknown generator '{shown}'", suggest(str(shown), GENERATORS))
        generator = ""
    site_root = _site_root(part, data, generator, root)
    extensions = preset_extensions(generator)
    if "extensions" in data:
        given = part.texts(data["extensions"], ("extensions",), ".md, .mdx")
        extensions = tuple("." + e.lower().lstrip(".") for e in given) or extensions
    mdx = preset_mdx(generator, extensions)
    if "mdx" in data:
        given = part.texts(data["mdx"], ("mdx",), ".mdx, .md")
        mdx = tuple("." + e.lower().lstrip(".") for e in given) or mdx
    base_url, pattern = _urls(part, data.get("urls"))
    url_settings = data.get("urls")
    urls: Mapping[str, Any] = url_settings if isinstance(url_settings, dict) else {}
    return ReadRules(
        generator=generator,
        extensions=extensions,
        mdx=mdx,
        aliases=_aliases(part, data.get("aliases"), generator),
        known_keys=preset_known_keys(generator)
        | frozenset(part.texts(data.get("known_keys"), ("known_keys",), "jobTitle")),
        non_assets=_kinds(part, "non_assets", data.get("non_assets"), preset_non_assets(generator)),
        audiences=_kinds(part, "audiences", data.get("audiences"), (), AUDIENCES),
        drafts=part.globs(data["drafts"], ("drafts",)) if "drafts" in data else preset_drafts(generator),
        base_url=base_url,
        url_pattern=pattern,
        url_lowercase=_lowercase(part, urls),
        timezone=_timezone(part, urls),
        route_roots=_folders(part, urls, "roots", under(site_root, preset_route_roots(generator))),
        static_dirs=_folders(part, urls, "static", under(site_root, preset_static(generator))),
        tags_required=not generator,
        front_matter_required=not generator,
        bare_pages=_bare_pages(part, data, generator),
        default_language=_default_language(part, data),
        site_root=site_root,
    )


def _site_root(part: _Part, data: Mapping[str, Any], generator: str, root: Path | None) -> str:
    """Return ``site_root``: the site's folder relative to the project, ``/``-separated, empty
    for the project's own (a repository that holds more than the site: ``website/``)."""
    value = data.get("site_root")
    if value is None:
        return ""
    if not isinstance(value, str) or not value.strip():
        part.error(("site_root",), "'site_root' must be a folder", "e.g. site_root: website")
        return ""
    written = value.replace("\\", "/")
    clean = posixpath.normpath(written.strip("/"))
    if written.startswith("/") or clean == ".." or clean.startswith("../") or ":" in clean.partition("/")[0]:
        part.error(
            ("site_root",), f"'{value}' must be a folder inside the project", "e.g. site_root: website"
        )
        return ""
    if not generator:
        part.error(("site_root",), "'site_root' needs a 'generator'", "set 'generator' to your site's")
        return ""
    if root is None:
        return "" if clean == "." else clean
    if not (root / clean).is_dir():
        what = "is not a folder" if (root / clean).exists() else "does not exist"
        hint = "name the folder that holds the site's configuration file, relative to stagemap.yml"
        part.error(("site_root",), f"site folder '{value}' {what}", hint)
        return ""
    # Where it really is (a link to a folder read as that folder): the sources' paths are so too.
    found = real(root / clean)
    if not found.is_relative_to(real(root)):
        part.error(("site_root",), f"'{value}' must be a folder inside the project", "it leads out of it")
        return ""
    inside = found.relative_to(real(root)).as_posix()
    return "" if inside == "." else inside


def under(folder: str, paths: tuple[str, ...]) -> tuple[str, ...]:
    """Return ``paths`` (relative to the site, ``.`` its root) relative to the project, the site
    being in ``folder`` (empty: the project's own)."""
    if not folder:
        return paths
    return tuple(posixpath.normpath(posixpath.join(folder, p)) for p in paths)


def _bare_pages(part: _Part, data: Mapping[str, Any], generator: str) -> bool:
    """Return ``pages_without_front_matter``: whether such content files are untagged assets."""
    key = "pages_without_front_matter"
    if key not in data:
        return preset_bare_pages(generator)
    value = data[key]
    if not isinstance(value, bool):
        part.error((key,), f"'{key}' must be true or false", f"e.g. {key}: true")
        return preset_bare_pages(generator)
    if value and not generator:
        hint = "set 'generator' to your site's, or give each file front matter"
        part.error((key,), f"'{key}' needs a 'generator'", hint)
        return False
    return value


def _default_language(part: _Part, data: Mapping[str, Any]) -> str:
    """Return ``default_language``: the code the default language's files are named with, or empty."""
    value = data.get("default_language", "")
    if isinstance(value, str) and not any(c in value for c in "./*") and len(value.split()) < 2:
        return value.strip()
    part.error(("default_language",), "'default_language' must be a code", "e.g. default_language: en")
    return ""


def _aliases(part: _Part, value: Any, generator: str) -> dict[str, tuple[str, ...]]:
    aliases = dict(preset_aliases(generator))
    if value is None:
        return aliases
    if not isinstance(value, dict):
        part.error(
            ("aliases",),
            "'aliases' must map stagemap fields to the site's keys",
            "e.g. aliases: {title: [name]}",
        )
        return aliases
    for field, keys in value.items():
        if field not in ALIASABLE:
            part.findings.error(
                part.loaded,
                ("aliases", field),
                f"unknown field '{field}'",
                suggest(str(field), ALIASABLE),
                at_key=True,
            )
            continue
        aliases[field] = part.texts(keys, ("aliases", field), "name")
    return aliases


def _kinds(
    part: _Part,
    key: str,
    value: Any,
    preset: tuple[tuple[str, tuple[str, ...]], ...],
    allowed: tuple[str, ...] = (),
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return (name, globs) pairs: the preset's, with the setting's replacing or adding names."""
    rules = dict(preset)
    if value is None:
        return tuple(rules.items())
    if not isinstance(value, dict):
        part.error(
            (key,), f"'{key}' must map a name to a list of globs", f"e.g. {key}: {{listing: [_index.md]}}"
        )
        return tuple(rules.items())
    for name, globs in value.items():
        if allowed and name not in allowed:
            part.findings.error(
                part.loaded,
                (key, name),
                f"unknown audience '{name}'",
                suggest(str(name), allowed),
                at_key=True,
            )
            continue
        rules[str(name)] = part.globs(globs, (key, name))
    return tuple(rules.items())


def _urls(part: _Part, value: Any) -> tuple[str, str]:
    """Return the site's base URL and route pattern."""
    if value is None:
        return "", ""
    if not isinstance(value, dict):
        part.error(
            ("urls",),
            "'urls' must be a mapping",
            "e.g. urls: {base: https://example.com/, pattern: /{path}/}",
        )
        return "", ""
    part.findings.unknown_keys(part.loaded, ("urls",), value, URL_KEYS, "unknown urls setting '{}'")
    base, pattern = value.get("base", ""), value.get("pattern", "")
    if not isinstance(base, str) or (base and not base.startswith(("http://", "https://", "/"))):
        part.error(("urls", "base"), _BASE_FORM, "e.g. base: https://example.com/, or base: /docs/")
        base = ""
    elif "${" in base or "{{" in base:  # a template written down as it is, never an address
        part.error(("urls", "base"), f"'base' holds a template's placeholder: {base}", _SERVED_AT)
        base = ""
    if not isinstance(pattern, str):
        part.error(("urls", "pattern"), "'pattern' must be text", "e.g. pattern: /{section}/{slug}/")
        pattern = ""
    check_pattern(part, ("urls", "pattern"), pattern)
    return base, pattern


_SERVED_AT = "write the address the site is served at, e.g. base: https://example.com/"
_BASE_FORM = "'base' must be an http(s) address, or the path alone the site is served under"


def _timezone(part: _Part, urls: Mapping[str, Any]) -> str:
    """Return ``urls.timezone``: a name of the time zone database (``Europe/London``), or empty."""
    value = urls.get("timezone", "")
    if value and not (isinstance(value, str) and known_zone(value)):
        hint = (
            "a name of the time zone database, e.g. timezone: Europe/London (on Windows, pip install tzdata)"
        )
        part.error(("urls", "timezone"), f"unknown time zone '{value}'", hint)
        return ""
    return value if isinstance(value, str) else ""


def _lowercase(part: _Part, urls: Mapping[str, Any]) -> bool:
    """Return ``urls.lowercase``: whether routes made from a pattern are lower-cased."""
    value = urls.get("lowercase", False)
    if not isinstance(value, bool):
        part.error(("urls", "lowercase"), "'lowercase' must be true or false", "e.g. lowercase: true")
        return False
    return value


def _folders(part: _Part, urls: Mapping[str, Any], key: str, preset: tuple[str, ...]) -> tuple[str, ...]:
    """Return ``urls.KEY``: folders relative to the project, ``/``-separated, without a trailing ``/``."""
    if key not in urls:
        return preset
    given = part.texts(urls[key], ("urls", key), "static/")
    kept = []
    for index, folder in enumerate(given):
        clean = folder.replace("\\", "/").strip("/") or "."
        if folder.startswith("/") or ".." in clean.split("/"):
            part.error(
                ("urls", key, index), f"'{folder}' must be a folder inside the project", "e.g. static/"
            )
            continue
        kept.append(clean)
    return tuple(kept)


def check_pattern(part: _Part, path: tuple[Any, ...], pattern: str) -> None:
    """Report a URL pattern naming something other than `URL_FIELDS`."""
    try:
        pattern.format(**dict.fromkeys(URL_FIELDS, ""))
    except (KeyError, IndexError, ValueError) as exc:
        part.error(
            path, f"URL pattern '{pattern}' cannot be filled in: {exc}", f"use {{{'}, {'.join(URL_FIELDS)}}}"
        )


def read_sources(
    data: Mapping[str, Any], loaded: yamlsafe.Loaded, root: Path, findings: Findings, *, must_exist: bool
) -> tuple[Source, ...]:
    """Return the ``sources`` setting's folders; empty when it is not set."""
    value = data.get("sources")
    if value is None:
        return ()
    part = _Part(loaded, findings)
    if "content" in data:
        part.error(
            ("sources",), "set 'content' or 'sources', not both", "list the content folder as a source"
        )
    if not isinstance(value, list) or not value:
        part.error(
            ("sources",),
            "'sources' must be a list of folders",
            "e.g. sources: [{path: content, exclude: [legal/]}]",
        )
        return ()
    sources = [_source(part, item, ("sources", i), root, must_exist) for i, item in enumerate(value)]
    return tuple(s for s in sources if s is not None)


def _source(part: _Part, item: Any, path: tuple[Any, ...], root: Path, must_exist: bool) -> Source | None:
    if isinstance(item, str):
        item = {"path": item}
    if not isinstance(item, dict) or not isinstance(item.get("path"), str) or not item["path"].strip():
        part.error(path, "a source needs a 'path'", "e.g. - path: content")
        return None
    part.findings.unknown_keys(part.loaded, path, item, SOURCE_KEYS, "unknown source setting '{}'")
    folder = real(root / item["path"])
    if not folder.is_relative_to(root):
        part.error((*path, "path"), "a source folder must be inside the project", f"got '{item['path']}'")
    elif must_exist and not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        why = why_missing(root, item["path"])  # (a link to nothing, a submodule not checked out)
        hint = "run 'git submodule update --init'" if "submodule" in why else "create it or correct the path"
        part.error(
            (*path, "path"), f"source folder '{item['path']}' {what}" + (f": {why}" if why else ""), hint
        )
    audience = item.get("audience") or ""
    if audience and audience not in AUDIENCES:
        part.error((*path, "audience"), f"unknown audience '{audience}'", suggest(str(audience), AUDIENCES))
        audience = ""
    url = item.get("url") or ""
    if not isinstance(url, str):
        part.error((*path, "url"), "'url' must be a URL pattern", "e.g. url: /blog/{slug}/")
        url = ""
    check_pattern(part, (*path, "url"), url)
    return Source(
        path=folder,
        include=part.globs(item.get("include"), (*path, "include")),
        exclude=part.globs(item.get("exclude"), (*path, "exclude")),
        audience=audience,
        url=url,
        id_prefix=_id_prefix(part, item.get("id"), (*path, "id")),
    )


def _id_prefix(part: _Part, value: Any, path: tuple[Any, ...]) -> str:
    """Return a source's ``id``: the text put in front of the ids its files get from their paths."""
    if value is None:
        return ""
    text = value.strip() if isinstance(value, str) else ""
    if not text or any(c.isspace() for c in text) or text.startswith("/") or ".." in text.split("/"):
        part.error(
            path,
            "a source's 'id' must be text without spaces, put in front of its files' ids",
            "e.g. id: blog/",
        )
        return ""
    return text
