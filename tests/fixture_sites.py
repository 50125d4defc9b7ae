"""Copies of the fixture sites under tests/data/sites, set up as a person would for stagemap."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.test_read_sites import SETTINGS, SITES, expected, site_settings, tree_hashes

__all__ = ["SETTINGS", "SITES", "copy_site", "expected", "tree_hashes"]


def copy_site(site: str, tmp_path: Path, *, settings: bool = True) -> Path:
    """Copy a fixture site into ``tmp_path``; with ``settings``, write the stagemap.yml the tests read it with."""
    dest = tmp_path / site
    shutil.copytree(SITES / site, dest)
    if settings:
        data = site_settings(site)
        (dest / "stagemap.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return dest
