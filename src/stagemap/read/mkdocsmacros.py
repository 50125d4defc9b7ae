"""The macros plugin of an MkDocs site (mkdocs-macros-plugin, or Zensical's ``zensical.extensions.macros``):
which pages Jinja2 runs over before their Markdown is read, and the values it knows there.

With ``plugins: [macros]`` in ``mkdocs.yml`` (or the extension named in ``markdown_extensions``)
every Markdown page is a Jinja2 template, rendered before Markdown reads it; but a page whose
front matter says ``render_macros: false``, and, where the options say ``render_by_default:
false``, every page but one whose front matter says ``render_macros: true``. Its variables are
the settings' ``extra`` (each by its name, and all of them as ``extra``), the whole settings as
``config`` (``config.site_name``, ``config.repo_url``), the files its ``include_yaml`` option
names (a list of files, each merged in, or files under keys of their own: ``{team:
data/team.yml}``; relative to the settings' folder), and the page's own front matter over them
(also as ``page.meta``). What only the site's Python module (``main.py``, ``module_name``), its
pluglets or the plugin itself give (``git``, ``environment``, ``now()``) is not known here.

Options that change Jinja2's markers of tags and outputs (``j2_variable_start_string``,
``j2_block_start_string`` and their ends) leave the page read as if no engine ran: its ``{{ }}``
are text there, as on the live page; the markers the site chose instead are not read. Markers of
comments or line statements alone change neither: the page is read as usual.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..errors import Problem
from . import yamlsafe
from .configfiles import site_config_data
from .mkdocsettings import SETTINGS_FILES, ZENSICAL, markdown_extensions, plugin_options

JINJA = "jinja"
"""The engine the plugin runs over a page (`stagemap.read.templateengines.page_engine`)."""
PLUGIN = "macros"
EXTENSION = "zensical.extensions.macros"
MACRO_VALUES = "\0macro-values"
"""The key under which the site's params hold the variables the plugin gives every page."""
PAGE_META = "\0page-meta"
"""The key under which a page's params hold its own front matter, on a page the plugin renders:
in `stagemap.model.library.Asset.extra`, the keys stagemap reads for itself (``title``,
``summary``, ``status``: over the site's values, as the plugin gives them); once the engine is
known (`stagemap.read.templateengines.with_engine`), all of it, which ``page.meta`` alone reads."""
PAGE_TITLE = "\0page-title"
"""The key under which a page's params hold its title as the plugin's ``page.title`` gives it."""
NAV_TITLE = "\0nav-title"
"""The key under which a page's `stagemap.model.library.Asset.extra` holds the title the site's
nav gives it, on a page the plugin renders: MkDocs' ``Page.title`` takes it first, over the
front matter's (its docstring: the value passed from the nav's configuration, then the meta's
``title``, the first heading, the file's name), so ``{{ page.title }}`` shows it."""
MACRO_PROBLEMS = "\0macro-problems"
"""The key under which the site's params hold the warnings about ``include_yaml`` files not read."""
MACRO_FILES = "\0macro-files"
"""The key under which the site's params hold the ``include_yaml`` files not yet read: (key or "", path)."""
_MARKERS = {
    "j2_block_start_string": "{%",
    "j2_block_end_string": "%}",
    "j2_variable_start_string": "{{",
    "j2_variable_end_string": "}}",
}
"""The plugin's options that change Jinja2's markers of tags and outputs (it hands each ``j2_`` option to
Jinja2): a site that sets one of its own is not read. Markers of comments and line statements alone
leave ``{{ }}`` and ``{% %}`` read as usual."""
MOST_BYTES = 1024 * 1024
"""An ``include_yaml`` file larger than this is not read (its values are not known here)."""
MOST_FILES = 32
"""The most ``include_yaml`` files read."""


def macros_options(data: Any) -> tuple[dict[str, Any], bool] | None:
    """Return the options MkDocs' settings (``data``) give the macros plugin, and whether it is
    Zensical's extension; None where neither is named, or its options say ``enabled: false``."""
    options = plugin_options(data, PLUGIN)
    zensical = False
    if options is None:
        extensions = markdown_extensions(data)
        if isinstance(extensions, Mapping) and EXTENSION in extensions:
            given = extensions[EXTENSION]
            options, zensical = (given if isinstance(given, dict) else {}), True
        elif isinstance(extensions, list):
            for item in extensions:
                if item == EXTENSION or (isinstance(item, dict) and EXTENSION in item):
                    given = item.get(EXTENSION) if isinstance(item, dict) else {}
                    options, zensical = (given if isinstance(given, dict) else {}), True
    if options is None or options.get("enabled", True) is False:
        return None
    return options, zensical


def macros_engines(data: Any) -> tuple[str, str]:
    """Return the engines over an MkDocs site's Markdown pages: by default, and where a page's
    ``render_macros: true`` asks for it (`stagemap.model.settings.ReadRules.template_engines`);
    empty where none runs (no macros plugin, or markers of its own)."""
    found = macros_options(data)
    if found is None:
        return "", ""
    options = found[0]
    if any(options.get(key) not in (None, "", mark) for key, mark in _MARKERS.items()):
        return "", ""
    return ("" if options.get("render_by_default", True) is False else JINJA), JINJA


def site_macros(project: Path, site_root: str = "") -> tuple[tuple[str, str], str]:
    """Return `macros_engines` for the MkDocs site in ``project``'s folder ``site_root``, and the
    folder (relative to the project) its ``{% include %}`` reads from (`include_folder`)."""
    site = project / site_root if site_root else project
    found = next((site / n for n in SETTINGS_FILES if (site / n).is_file()), None)
    data = site_config_data(found) if found is not None else None
    if not isinstance(data, Mapping) or macros_engines(data) == ("", ""):
        return ("", ""), ""
    folder = include_folder(data)
    joined = posixpath.normpath(posixpath.join(site_root, folder)) if folder else ""
    return macros_engines(data), joined if _inside(joined) and joined != "." else ""


def include_folder(data: Mapping[str, Any]) -> str:
    """Return the folder, relative to the settings' own, whose files ``{% include 'x.md' %}``
    names: the plugin's ``include_dir``, else the docs folder (``docs_dir``), as the plugin
    loads its templates; on Zensical's extension, its ``include_dir`` alone (none without it)."""
    found = macros_options(data)
    if found is None:
        return ""
    given = found[0].get("include_dir")
    if isinstance(given, str) and given.strip():
        return posixpath.normpath(given.strip())
    docs = data.get("docs_dir", "docs")
    return "" if found[1] or not isinstance(docs, str) else posixpath.normpath(docs)


def macro_params(data: Mapping[str, Any], name: str) -> dict[str, Any]:
    """Return the site params the macros plugin gives (`MACRO_VALUES`, `MACRO_FILES`) from MkDocs'
    settings ``data`` read from the file ``name``; none where it is not named."""
    found = macros_options(data)
    if found is None or macros_engines(data) == ("", ""):
        return {}
    options, zensical = found
    extra = data.get("extra")
    extra = extra if isinstance(extra, dict) else {}
    config = {str(k): v for k, v in data.items() if isinstance(k, str)}
    values = {"extra": extra, "config": config, **{str(k): v for k, v in extra.items()}}
    files = _yaml_files(options.get("include_yaml"))
    if name.rpartition("/")[2] == ZENSICAL or zensical:
        files = tuple((key, path, True) for key, path, _ in files)  # (Zensical: over ``extra``)
    return {MACRO_VALUES: values, **({MACRO_FILES: files} if files else {})}


def _yaml_files(given: Any) -> tuple[tuple[str, str, bool], ...]:
    """Return ``include_yaml``'s files: (key, or "" to merge it in; path; whether over ``extra``)."""
    pairs: list[tuple[str, str, bool]] = []
    items = [{k: v} for k, v in given.items()] if isinstance(given, dict) else given
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            pairs.append(("", item, False))
        elif isinstance(item, dict) and len(item) == 1:
            [(key, path)] = item.items()
            if isinstance(path, str):
                pairs.append((str(key), path, False))
    return tuple(pairs[:MOST_FILES])


def with_yaml_files(
    params: Mapping[str, Any], read: Callable[[str], bytes | Problem | None], folder: str = ""
) -> dict[str, Any]:
    """Return the site's ``params`` with the values of its ``include_yaml`` files read (with
    ``read``: a path relative to the project -> its bytes; the files from the site's ``folder``)
    in `MACRO_VALUES`: a file under a key as that variable, any other merged in, as the plugin
    merges them (`_update`; under ``extra``'s own values; over them on Zensical). A file that is not there
    or too large gives nothing, as the plugin skips one it cannot find; one that cannot be read
    within bounds gives nothing too, and a warning in `MACRO_PROBLEMS`."""
    files = params.get(MACRO_FILES)
    values = params.get(MACRO_VALUES)
    if not files or not isinstance(values, dict):
        return dict(params)
    merged = dict(values)
    given = values.get("extra")
    extra: dict[Any, Any] = given if isinstance(given, dict) else {}
    unread: list[Problem] = []
    for key, path, over in files:
        if not _inside(path):
            continue
        name = (folder + "/" if folder else "") + path
        raw = read(name)
        if not isinstance(raw, bytes) or len(raw) > MOST_BYTES:
            continue
        content = _yaml_values(raw, name, unread)
        if key and (over or key not in extra):
            _update(merged, {key: content})
        elif not key and isinstance(content, dict):
            _update(merged, {str(k): v for k, v in content.items() if over or str(k) not in extra})
    kept = {k: v for k, v in params.items() if k != MACRO_FILES}
    return kept | {MACRO_VALUES: merged} | ({MACRO_PROBLEMS: tuple(unread)} if unread else {})


def _update(under: dict[Any, Any], over: Mapping[Any, Any]) -> None:
    """Merge ``over`` into ``under`` as the plugin merges its ``include_yaml`` files (its
    ``util.update``): a mapping into a mapping key by key, however deep; a text, number or
    true/false replaced; a list or a null left as it was. ``under``'s own mappings are copied,
    not changed (the settings' ``config`` is one)."""
    for key, value in over.items():
        below = under.get(key)
        if key not in under or isinstance(below, str | int | float):
            under[key] = value
        elif isinstance(below, dict) and isinstance(value, dict):
            under[key] = dict(below)
            _update(under[key], value)


def _yaml_values(raw: bytes, name: str, unread: list[Problem]) -> Any:
    """Return the values of one ``include_yaml`` file, read as the site's data files are (within
    bounds: a few hundred bytes of aliases standing for billions of values are refused), or None
    with a warning in ``unread``: its values show as placeholders."""
    try:
        return yamlsafe.load(raw.decode("utf-8-sig"), last_wins=True, aliases=True).data
    except UnicodeDecodeError:
        line, reason = 0, "not UTF-8 text"
    except yamlsafe.YamlProblem as exc:
        line, reason = exc.line, exc.message
    except RecursionError:
        line, reason = 0, "nested too deep"
    hint = "fix the file: until then the values it holds show as placeholders"
    unread.append(
        Problem(
            name,
            line,
            1,
            "warning",
            f"cannot read the macros plugin's data file: {reason}",
            hint,
            "site-data",
        )
    )
    return None


def yaml_file_names(site: Path) -> tuple[str, ...]:
    """Return the ``include_yaml`` files of the MkDocs site in the folder ``site``, relative to
    it: what its pages show depends on them (a build notices their change, the preview watches
    them). Cheap where the settings do not name the option."""
    found = next((site / n for n in SETTINGS_FILES if (site / n).is_file()), None)
    try:
        if found is None or b"include_yaml" not in found.read_bytes():
            return ()
    except OSError:
        return ()
    data = site_config_data(found)
    options = macros_options(data) if isinstance(data, Mapping) else None
    if options is None:
        return ()
    return tuple(p for _, p, _ in _yaml_files(options[0].get("include_yaml")) if _inside(p))


def _inside(path: str) -> bool:
    return not path.startswith("/") and ".." not in path.split("/")
