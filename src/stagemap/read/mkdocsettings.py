"""MkDocs' settings, wherever they are written: ``mkdocs.yml``, or Zensical's ``zensical.toml``.

Zensical, by the authors of Material for MkDocs, reads MkDocs' settings by their names
(``site_name``, ``docs_dir``, ``nav``, ``plugins``...) from a ``[project]`` table, and Markdown
as MkDocs with Material does: its sites are read as MkDocs sites. Where MkDocs takes a list of
names and ``{name: options}`` (``plugins``, ``markdown_extensions``), it takes one mapping of
names to options too, the form Zensical's tables make (``[project.plugins.blog]``). There a
dotted name unquoted is a table in a table (``[project.markdown_extensions.pymdownx.emoji]``):
Zensical reads the extensions of ``pymdownx`` and ``zensical`` one level up, by their dotted
names (`markdown_extensions`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ZENSICAL = "zensical.toml"
"""Zensical's configuration file: MkDocs' settings, by their names, in its ``[project]`` table."""
SETTINGS_FILES = ("mkdocs.yml", "mkdocs.yaml", ZENSICAL)
"""Where an MkDocs site's settings are, first found wins: ``mkdocs.yml`` beside ``zensical.toml``
too, as MkDocs still builds a site on its way to Zensical."""


def project_settings(name: str, data: Any) -> Any:
    """Return the settings a configuration file named ``name`` gives as ``data``: for Zensical's
    ``zensical.toml``, its ``[project]`` table (the whole file when it has none, as Zensical reads it)."""
    inner = data.get("project") if isinstance(data, dict) else None
    return inner if name.rpartition("/")[2] == ZENSICAL and isinstance(inner, dict) else data


def plugin_options(data: Any, name: str) -> dict[str, Any] | None:
    """Return the options MkDocs' settings (``data``) give the plugin ``name`` (in either form);
    empty for a plugin named without options, None for one not named."""
    plugins = data.get("plugins") if isinstance(data, Mapping) else None
    if isinstance(plugins, dict):
        plugins = [{name: plugins[name]}] if name in plugins else []
    for plugin in plugins if isinstance(plugins, list) else []:
        if plugin == name:
            return {}
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] if isinstance(plugin[name], dict) else {}
    return None


_HOISTED = {"pymdownx": "blocks", "zensical": "extensions"}
"""The packages whose extensions Zensical reads from a table of their own, by the one extension
of each that holds another level of them (``pymdownx.blocks.admonition``)."""


def markdown_extensions(data: Any) -> Any:
    """Return the ``markdown_extensions`` MkDocs' settings (``data``) give, as a list or a mapping
    of names to options; in a mapping, each extension of a package's table named by its dotted
    name (``{"pymdownx": {"emoji": {}}}`` is ``{"pymdownx.emoji": {}}``), as Zensical reads them."""
    given = data.get("markdown_extensions") if isinstance(data, Mapping) else None
    if not isinstance(given, dict) or not any(isinstance(given.get(p), dict) for p in _HOISTED):
        return given
    found = {k: v for k, v in given.items() if not (k in _HOISTED and isinstance(v, dict))}
    for package, deeper in _HOISTED.items():
        table = given.get(package)
        for name, options in table.items() if isinstance(table, dict) else ():
            if name == deeper and isinstance(options, dict):
                found |= {f"{package}.{name}.{inner}": more for inner, more in options.items()}
            else:
                found[f"{package}.{name}"] = options
    return found
