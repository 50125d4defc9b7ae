"""The parse cache with a site's reading rules: new fields survive it, new rules miss it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from stagemap.model.settings import CACHE_DIR
from stagemap.read.cache import CACHE_FILE
from stagemap.read.project import read_project
from stagemap.write.cache import save_parse_cache
from tests.conftest import MINIMAL_CONFIG, outputs_by_hash_seed, write

OLD = 1_600_000_000_000_000_000


def site(root: Path, settings: str) -> None:
    write(
        root,
        {
            "stagemap.yml": MINIMAL_CONFIG + settings,
            "content/blog/a.md": "+++\ntitle = 'A'\nslug = 'ay'\ndraft = true\n+++\nBody.\n",
            "content/handbook/b.mdx": "---\nname: B\n---\nBody.\n",
        },
    )
    for path in (root / "content").rglob("*.*"):
        os.utime(path, ns=(OLD, OLD))


def assets(root: Path) -> list[tuple[str, str, str, str]]:
    project, update = read_project(root, bodies=False)
    save_parse_cache(update, project.config.root)
    return [(a.id, a.url, a.audience, a.status) for a in project.assets]


SETTINGS = """\
generator: gatsby
urls: {base: "https://x.example/", pattern: "/{dir}/{slug}/"}
audiences: {internal: [handbook/]}
"""


def test_cache_keeps_url_audience_and_untagged_assets(tmp_path: Path) -> None:
    site(tmp_path, SETTINGS)
    fresh = assets(tmp_path)
    assert fresh == [
        ("blog/a", "https://x.example/blog/ay/", "buyer", "draft"),
        ("handbook/b", "https://x.example/handbook/b/", "internal", "published"),
    ]
    entries = json.loads((tmp_path / CACHE_DIR / CACHE_FILE).read_text())["entries"]
    assert sorted(entries) == ["content/blog/a.md", "content/handbook/b.mdx"]
    assert assets(tmp_path) == fresh


def test_cache_is_missed_when_the_reading_rules_change(tmp_path: Path) -> None:
    site(tmp_path, SETTINGS)
    assets(tmp_path)
    (tmp_path / "stagemap.yml").write_text(MINIMAL_CONFIG + SETTINGS.replace("x.example", "y.example"))
    assert [url for _, url, _, _ in assets(tmp_path)] == [
        "https://y.example/blog/ay/",
        "https://y.example/handbook/b/",
    ]


def test_cache_key_is_the_same_in_every_process(tmp_path: Path) -> None:
    """The known keys are a set: the key must not depend on the process's string hashing."""
    site(tmp_path, SETTINGS)
    code = (
        "import sys; from stagemap.read.settings import load_config; from stagemap.read.cache import cache_key;"
        "from stagemap.model.library import Vocabulary; c = load_config(sys.argv[1]);"
        "print(cache_key(Vocabulary.of(c), c.content_dir, c.rules, c.sources))"
    )
    assert len(outputs_by_hash_seed(code, str(tmp_path))) == 1
