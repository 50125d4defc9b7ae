"""SuperFences' ``tab="..."`` on an MkDocs site that pins pymdown-extensions 8.0 or later, which
dropped that feature (read/pymdownpin.py, render/notes.labelled_tabs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.pymdownpin import NO_LEGACY_TABS, legacy_tabs_gone
from stagemap.render.dialects import clean
from stagemap.render.shortcodes import SITE_PARAMS
from tests.conftest import QUIET_CONFIG, write

TABS = '```yaml tab="On disk"\nvans: 3\n```\n\n!!! note\n    ```toml tab="Flags"\n    vans = 3\n    ```\n'


@pytest.mark.parametrize(
    ("files", "gone"),
    [
        ({"requirements.txt": "mkdocs==1.5\npymdown-extensions==10.3\n"}, True),
        ({"docs/requirements.txt": "pymdown-extensions>=8.0\n"}, True),
        ({"requirements-docs.txt": "PyMdown_Extensions ~= 9.1\n"}, True),
        ({"pyproject.toml": '[project]\ndependencies = ["mkdocs", "pymdown-extensions>=10"]\n'}, True),
        ({"pyproject.toml": '[tool.poetry.dependencies]\npymdown-extensions = {version = "^9.0"}\n'}, True),
        ({"Pipfile": '[packages]\npymdown-extensions = "==7.1"\n'}, False),
        (
            {"requirements.txt": "pymdown-extensions==7.0\n", "pyproject.toml": '"pymdown-extensions>=10"'},
            False,
        ),
        ({"requirements.txt": "pymdown-extensions\n"}, True),
        ({"requirements.txt": "pymdown-extensions<9\n"}, True),
        ({"requirements.txt": "pymdown-extensions-extra==9.0\n"}, False),
        ({"requirements.txt": "pymdown-extensions>=6.0\n"}, True),
        ({"requirements.txt": "pymdown-extensions > 7.1\n"}, True),
        ({"requirements.txt": "pymdown-extensions>=6.0,<8\n"}, False),
        ({"requirements.txt": "pymdown-extensions<=7.3\n"}, False),
        ({"pyproject.toml": '[tool.poetry.dependencies]\npymdown-extensions = "^7.1"\n'}, False),
        ({"pyproject.toml": 'dependencies = ["pymdown-extensions>=6", "mkdocs>=1,<2"]\n'}, True),
        ({"requirements.txt": "mkdocs-material==9.5.3\n"}, True),
        ({"requirements.txt": "mkdocs-material[imaging]>=5.0\n"}, True),
        ({"requirements.txt": "mkdocs-material==7.1.0\nmkdocs-material-extensions==1.0\n"}, False),
        (
            {"requirements.txt": "mkdocs-material==9.5\n", "pyproject.toml": '"pymdown-extensions==7.3"'},
            False,
        ),
        ({}, False),
    ],
)
def test_a_pin_of_pymdown_extensions_is_read(files: dict[str, str], gone: bool) -> None:
    """The first file naming the package decides, else the first naming Material for MkDocs.
    Seen by a review of the pin reading: 'pymdown-extensions>=6.0' and '> 7.1' kept the tabs,
    though pip installs the newest release (10.x) where nothing bounds it above, and so did
    'mkdocs-material==9.x', which requires pymdown-extensions ~=10. Only a pinned release or
    an upper bound below 8 keeps them."""
    assert legacy_tabs_gone(lambda name: files[name].encode() if name in files else None) is gone
    inner = {f"site/{name}": text for name, text in files.items()}
    assert legacy_tabs_gone(lambda name: inner[name].encode() if name in inner else None, "site") is gone


def test_tab_fences_are_unlabelled_where_pymdown_extensions_8_or_later_is_pinned() -> None:
    """A review's repro: SuperFences' 'tab="x"' fences were labelled whatever pymdown-extensions the
    site used; 8.0 removed those tabs, and with it pinned the live page shows no tab's name (the
    fence's lines as inline code). Unpinned, the label stays, as Traefik's docs (7.0) need."""
    pinned = {SITE_PARAMS: {NO_LEGACY_TABS: True}}
    assert clean(TABS, ".md", "mkdocs", pinned) == (
        '```yaml tab="On disk"\nvans: 3\n```\n\n\n> **Note**\n>\n> ```toml tab="Flags"\n> vans = 3\n> ```\n'
    )
    assert clean(TABS, ".md", "mkdocs") == (
        '**On disk**\n\n```yaml tab="On disk"\nvans: 3\n```\n\n\n'
        '> **Note**\n>\n> **Flags**\n>\n> ```toml tab="Flags"\n> vans = 3\n> ```\n'
    )
    titled = '```py title="van.py"\nx\n```\n'  # (a title is SuperFences' still)
    assert clean(titled, ".md", "mkdocs", pinned) == '\n*van.py*\n\n```py title="van.py"\nx\n```\n'


def test_a_built_site_reads_its_pin(tmp_path: Path) -> None:
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: mkdocs\nsources: [docs]\n",
        "mkdocs.yml": "site_name: Vans\nmarkdown_extensions:\n  - pymdownx.superfences\n",
        "docs/a.md": "# A\n\n" + TABS,
    }
    root = write(tmp_path, files)
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "--as-of", "2026-12-06"]).exit_code == 0
    assert "<strong>On disk</strong>" in (root / "site/assets/a.html").read_text()
    write(root, {"requirements.txt": "mkdocs-material==9.5\npymdown-extensions==10.7\n"})
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "--as-of", "2026-12-06"]).exit_code == 0
    assert "On disk</strong>" not in (root / "site/assets/a.html").read_text()
