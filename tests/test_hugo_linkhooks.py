"""A Hugo site's link render hook that looks links up with ``.Page.GetPage`` (read/linkhooks.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from stagemap.read.project import load_project
from stagemap.render.getpage import lookup_folder
from stagemap.write.publish import build_into
from tests.conftest import MINIMAL_CONFIG, write

SETTINGS = """\
cache: false
generator: hugo
sources:
  - path: content
urls:
  base: https://docs.acme.example/
  pattern: /{dir}/{slug}/
"""
TAGS = "stages: [awareness]\nquestions: [problems]\n"
HOOK = """\
{{- $link := .Destination -}}
{{- $url := urls.Parse $link -}}
{{- with $url.Path }}{{ with $.Page.GetPage . }}{{ $link = .RelPermalink }}{{ end }}{{ end -}}
<a href="{{ $link | safeURL }}">{{ .Text | safeHTML }}</a>
"""
LINKS = "[scaling](../concepts/scaling/#how) [sibling](cron) [guide](setup) [gone](../nowhere/)\n"


def _links(root: Path, hook: dict[str, str]) -> dict[str, str]:
    write(
        root,
        {
            "stagemap.yml": MINIMAL_CONFIG + SETTINGS,
            "hugo.toml": 'baseURL = "https://docs.acme.example/"\ntheme = "plain"\n',
            "content/v2/scalers/queue.md": f"---\ntitle: Queue\n{TAGS}---\n{LINKS}",
            "content/v2/scalers/cron.md": f"---\ntitle: Cron\n{TAGS}---\nText.\n",
            "content/v2/concepts/scaling/_index.md": "---\ntitle: Scaling\n---\n",
            "content/setup/_index.md": f"---\ntitle: Setup\n{TAGS}---\n",
            **hook,
        },
    )
    out = root.parent / "out"
    build_into(load_project(root), out, dt.date(2026, 11, 24))
    text = (out / "assets" / "v2" / "scalers" / "queue.html").read_text(encoding="utf-8")
    found = {label: href for href, label in re.findall(r'<a href="([^"]*)">([^<]*)</a>', text)}
    return {label: found.get(label, "") for label in ("scaling", "sibling", "guide", "gone")}


@pytest.mark.parametrize(
    "hook",
    [
        {"layouts/_default/_markup/render-link.html": HOOK},
        {"layouts/_markup/render-link.html": HOOK},
        {"themes/plain/layouts/_default/_markup/render-link.html": HOOK},
    ],
)
def test_a_getpage_link_hook_finds_links_from_the_pages_folder_then_the_content_folder(
    tmp_path: Path, hook: dict[str, str]
) -> None:
    """KEDA's docs (and Harbor's) have a link hook calling ``.Page.GetPage``: some 40 links such
    as ``../concepts/scaling/`` on docs/2.x/scalers/ pages were read from the page's address
    (/docs/2.x/scalers/concepts/scaling/, a page no site has) where Hugo finds the page from the
    file's folder. A link GetPage cannot find is still left as written, as the hook leaves it."""
    assert _links(tmp_path / "site", hook) == {
        "scaling": "https://docs.acme.example/v2/concepts/scaling/#how",
        "sibling": "cron.html",
        "guide": "https://docs.acme.example/setup/",
        "gone": "https://docs.acme.example/v2/scalers/nowhere/",
    }


@pytest.mark.parametrize(
    "hook",
    [
        {},
        {"layouts/_default/_markup/render-link.html": HOOK.replace("$.Page.GetPage", "site.GetPage")},
        {  # the site's own hook wins over its theme's
            "layouts/_default/_markup/render-link.html": '<a href="{{ .Destination }}">{{ .Text }}</a>',
            "themes/plain/layouts/_default/_markup/render-link.html": HOOK,
        },
    ],
)
def test_without_a_getpage_link_hook_links_are_read_from_the_pages_address(
    tmp_path: Path, hook: dict[str, str]
) -> None:
    """Hugo leaves a link as written unless a hook says otherwise: a browser reads it from the
    page's address (/v2/scalers/queue/)."""
    assert _links(tmp_path / "site", hook) == {
        "scaling": "https://docs.acme.example/v2/scalers/concepts/scaling/#how",
        "sibling": "https://docs.acme.example/v2/scalers/queue/cron",
        "guide": "https://docs.acme.example/v2/scalers/queue/setup",
        "gone": "https://docs.acme.example/v2/scalers/nowhere/",
    }


def test_a_leaf_bundle_looks_links_up_from_the_folder_holding_it(tmp_path: Path) -> None:
    """Hugo's GetPage (and ref) reads a path on a leaf bundle's index.md from the folder holding
    the bundle, the bundle being the page. On the review's site guide/setup/index.md links
    [second](second) and [first](first.md), both read from guide/setup/: the first went to the
    public site at /guide/setup/second, the second was broken; Hugo's hook finds guide/second.md
    and guide/first.md."""
    root = tmp_path / "site"
    page = '[second](second) [first](first.md) [ref]({{< relref "first" >}}) [up](../first.md)\n'
    write(
        root,
        {
            "stagemap.yml": MINIMAL_CONFIG + SETTINGS,
            "hugo.toml": 'baseURL = "https://docs.acme.example/"\n',
            "layouts/_default/_markup/render-link.html": HOOK,
            "content/guide/_index.md": "---\ntitle: Guide\n---\n",
            "content/guide/setup/index.md": f"---\ntitle: Setup\n{TAGS}---\n{page}",
            "content/guide/first.md": f"---\ntitle: First\n{TAGS}---\nFirst.\n",
            "content/guide/second.md": f"---\ntitle: Second\n{TAGS}---\nSecond.\n",
        },
    )
    out = tmp_path / "out"
    build_into(load_project(root), out, dt.date(2026, 11, 24))
    text = (out / "assets" / "guide" / "setup" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]*)">(second|first|ref|up)</a>', text) == [
        ("../second.html", "second"),
        ("../first.html", "first"),
        ("../first.html", "ref"),
        ("../first.html", "up"),
    ]


@pytest.mark.parametrize(
    ("page", "path", "folder"),
    [
        ("guide/setup/index.md", "second", "guide"),
        ("guide/setup/index.md", "../other", "guide"),
        ("guide/setup/index.md", "../other.md", "guide/setup"),
        ("guide/_index.md", "second", "guide"),
        ("guide/first.md", "../second.md", "guide"),
        ("index.md", "second", ""),
    ],
)
def test_getpage_looks_up_from_the_folder_hugo_starts_from(page: str, path: str, folder: str) -> None:
    """As hugo's getContentNodeForRef: a leaf bundle's container folder, unless the path has an
    ending and starts with ../; a section's or a plain page's own folder."""
    assert lookup_folder(page, path) == folder
