"""MkDocs' settings, wherever they are written: ``mkdocs.yml``, or Zensical's ``zensical.toml``.

Zensical, by the authors of Material for MkDocs, reads MkDocs' settings by their names
(``site_name``, ``docs_dir``, ``nav``, ``plugins``...) from a ``[project]`` table, and Markdown
as MkDocs with Material does: its sites are read as MkDocs sites. Where MkDocs takes a list of
names and ``{name: options}`` (``plugins``, ``markdown_extensions``), it takes one mapping of
names to options too, the form Zensical's tables make (``[project.plugins.blog]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ZENSICAL = "zensical.toml"
"""Zensical's configuration file: MkDocs' settings, by their names, in its ``[project]`` table."""


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
