"""What an import through an Astro site's aliases reaches (a review of eb3161d): a file
anywhere in the project (``"@/*": ["src/*"]``), but only through the alias; the aliases read
once per build, in the order Astro tries them, again after an edit of the file they are in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.analyse.linkreading import written_as_imports
from stagemap.cli import loading
from stagemap.cli.app import cli
from stagemap.read import tsconfigpaths
from stagemap.read.attachments import imported_files
from stagemap.read.sitedata import site_inputs
from stagemap.read.tsconfigpaths import aliased, path_aliases
from tests.conftest import write
from tests.test_unchanged_build import LibraryRead, age, read_again, rewrite, run_build

PNG = b"\x89PNG\r\n"
HINT = "(point it at a content file, a page's route or a file in the site's static folders)"
CONFIG = "export default defineConfig({\n  site: 'https://harbour.example',\n});\n"


@pytest.fixture
def no_reading(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Make reading the library fail from now on (as in test_unchanged_build)."""

    def read_project(*_args: object, **_kwargs: object) -> None:
        raise LibraryRead

    return lambda: monkeypatch.setattr(loading, "read_project", read_project)


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def warnings(root: Path) -> list[str]:
    return [line for line in run(root, "check", "--links")[2].splitlines() if "src/content" in line]


def test_an_image_reached_through_an_alias_is_found_wherever_it_is_and_only_through_it(
    tmp_path: Path,
) -> None:
    """'@/*': ['src/*'] (Astro's starters, biomejs/website): src/ holds the content, so it is no
    folder of attachments, and '@/images/dock.png' led nowhere. A plain link to the same file,
    or to a component the aliases name, names no file of the live site: still nowhere, and
    nothing of src/components is copied."""
    root = write(
        tmp_path / "site",
        {
            "astro.config.mjs": CONFIG,
            "tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"],'
            ' "@components/*": ["src/components/*"]}}}',
            "src/images/dock.png": PNG,
            "src/components/Card.astro": "---\nconst x = 1;\n---\n<div>card</div>\n",
            "src/content/blog/dock.md": "---\ntitle: Dock\n---\n![The dock](@/images/dock.png)\n\n"
            "See [the card](../../components/Card.astro) and [the dock](../../images/dock.png).\n",
            "src/content/blog/crane.mdx": "---\ntitle: Crane\n---\nimport dock from '@/images/dock.png';\n\n"
            '<img src={dock.src} alt="The crane at the dock" />\n',
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert warnings(root) == [
        f"src/content/blog/dock.md:6:16: warning: link to '../../components/Card.astro' leads nowhere {HINT}",
        f"src/content/blog/dock.md:6:60: warning: link to '../../images/dock.png' leads nowhere {HINT}",
    ]
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/blog/dock.html").read_text()
    assert '<img src="../../files/~/src/images/dock.png" alt="The dock">' in page
    crane = (root / "site/assets/blog/crane.html").read_text()
    assert '<img src="../../files/~/src/images/dock.png" alt="The crane at the dock">' in crane
    assert (root / "site/files/~/src/images/dock.png").read_bytes() == PNG
    assert not list((root / "site/files").rglob("Card.astro"))


def test_partials_and_module_values_try_each_target_of_an_alias(tmp_path: Path) -> None:
    """An alias with two targets: the partial and the module are in the second one (eb3161d took
    the first, so the page showed a placeholder and the module's values were not shown)."""
    root = write(
        tmp_path / "site",
        {
            "astro.config.mjs": CONFIG,
            "tsconfig.json": '{"compilerOptions": {"paths": {"@parts/*": ["src/fragments/*", "src/shared/*"]}}}',
            "src/shared/hours.mdx": "The harbour office opens at **seven**.\n",
            "src/shared/contact.ts": "export default { phone: '555-0199' };\n",
            "src/content/blog/visit.mdx": "---\ntitle: Visit\n---\nimport Hours from '@parts/hours.mdx';\n"
            "import contact from '@parts/contact';\n\n<Hours />\n\nCall {contact.phone}.\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/blog/visit.html").read_text()
    assert "The harbour office opens at <strong>seven</strong>." in page
    assert "Call 555-0199." in page


def test_aliases_are_tried_in_the_order_astro_tries_them(tmp_path: Path) -> None:
    """Astro's own alias plugin (Astro 6 and earlier) tries the patterns as the file writes them,
    each target in turn, then the next pattern that matches: not TypeScript's longest prefix
    alone (eb3161d's order, which no Astro has). Before Astro 5.11.2 it read no paths without
    a baseUrl."""
    paths = '"paths": {"@/*": ["*"], "@/pics/*": ["pictures/*", "assets/*"], "@/logo": ["brand/logo.svg"]}'
    six = '{"devDependencies": {"astro": "^6.1.0"}}'
    root = write(
        tmp_path,
        {"tsconfig.json": '{"compilerOptions": {"baseUrl": "src", ' + paths + "}}", "package.json": six},
    )
    aliases = path_aliases(root, root)
    assert aliased(aliases, "@/pics/map.png") == [
        "src/pics/map.png",
        "src/pictures/map.png",
        "src/assets/map.png",
    ]
    assert aliased(aliases, "@/logo") == ["src/logo", "src/brand/logo.svg"]
    # Astro 7 resolves with Vite's tsconfigPaths first (TypeScript's pick: exact, else the
    # longest part before the '*'), its own plugin after it.
    (root / "package.json").write_text('{"dependencies": {"astro": "7.0.4"}}')
    seven = path_aliases(root, root)
    assert aliased(seven, "@/pics/map.png") == [
        "src/pictures/map.png",
        "src/assets/map.png",
        "src/pics/map.png",
    ]
    assert aliased(seven, "@/logo") == ["src/brand/logo.svg", "src/logo"]
    assert aliased(seven, "@/x.png") == ["src/x.png"]
    without = write(
        tmp_path / "old", {"tsconfig.json": '{"compilerOptions": {"paths": {"@x/*": ["src/x/*"]}}}'}
    )
    for version, found in (("^4.15.7", ()), ("5.10.1", ()), ("^5.11.2", (("@x/*", ("src/x/*",)),))):
        (without / "package.json").write_text(json.dumps({"dependencies": {"astro": version}}))
        os.utime(without / "package.json", ns=(1, 1 + len(version)))  # (a stamp of its own each time)
        assert path_aliases(without, without) == found, version


def test_config_dir_names_the_folder_of_the_sites_own_file(tmp_path: Path) -> None:
    """TypeScript 5.5's '${configDir}', in a file shared from another folder, is the folder of
    the file that extends it, however deep."""
    root = write(
        tmp_path,
        {
            "site/tsconfig.json": '{"extends": "../shared/base.json"}',
            "site/package.json": '{"dependencies": {"astro": "~5.16.0"}}',
            "shared/base.json": '{"compilerOptions": {"baseUrl": "${configDir}",'
            ' "paths": {"@pics/*": ["${configDir}/src/pics/*", "./own/*"]}}}',
        },
    )
    assert path_aliases(root / "site", root) == (("@pics/*", ("site/src/pics/*", "site/own/*")),)


def test_the_aliases_are_read_once_until_a_file_they_come_from_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tauri-docs read its tsconfig.json 549 times for 269 pages; comments made each read cost."""
    root = write(
        tmp_path,
        {
            "tsconfig.json": '{ // shared\n "extends": "./base.json"}',
            "base.json": '{"compilerOptions": {/* a "quote */ "paths": {"@a/*": ["src/a/*"],}},}',
            "package.json": '{"dependencies": {"astro": "^6.0.0"}}',
        },
    )
    reads: list[Path] = []
    real = tsconfigpaths._read
    monkeypatch.setattr(tsconfigpaths, "_read", lambda path: reads.append(path) or real(path))
    for _ in range(50):
        assert path_aliases(root, root) == (("@a/*", ("src/a/*",)),)
    assert [p.name for p in reads] == ["tsconfig.json", "base.json"]
    (root / "base.json").write_text('{"compilerOptions": {"paths": {"@b/*": ["src/b/*"]}}}')
    os.utime(root / "base.json", ns=(1, 1))
    assert path_aliases(root, root) == (("@b/*", ("src/b/*",)),)


def test_an_edit_of_the_aliases_builds_the_site_again(tmp_path: Path, no_reading: Callable[[], None]) -> None:
    """Editing tsconfig.json (or a file it extends) changes where images are found: it was none of
    the files the 'nothing changed' fingerprint looked at, nor of those serve watches."""
    root = tmp_path / "repo"
    for name, text in {
        "astro.config.mjs": CONFIG,
        "tsconfig.json": '{"extends": "./config/paths.json"}',
        "config/paths.json": '{"compilerOptions": {"paths": {"@pics/*": ["../src/old/*"]}}}',
        "src/content/blog/map.md": "---\ntitle: Map\n---\n![Map](@pics/map.png)\n",
    }.items():
        rewrite(root / name, text)
    (root / "src/new").mkdir(parents=True)
    (root / "src/new/map.png").write_bytes(PNG)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    age(root)
    out = tmp_path / "site"
    assert run_build(root, out)[0] == 0
    rewrite(root / "config/paths.json", '{"compilerOptions": {"paths": {"@pics/*": ["../src/new/*"]}}}')
    no_reading()
    assert read_again(root, out)
    assert {"tsconfig.json", "jsconfig.json", "config/paths.json"} <= set(site_inputs("astro", "", root))


def test_markdown_images_are_read_as_markdown_reads_them() -> None:
    """An alt text over two lines, brackets and an escaped bracket in it, a destination in <>:
    markdown-it-py reads each as an image, so Astro imports it; an escaped '!' is no image."""
    body = (
        "![The dock at\nnight](@p/a.png)\n\n![The [beta] crane](@p/b.png)\n\n![a \\] b](@p/c.png)\n\n"
        '![s](<@p/my map.png>)\n\n![t](@p/d(1).png "Title")\n\n[![in a link](@p/e.png)](https://x.example)\n\n'
        "\\![text](@p/no.png)\n\n![by ref][logo] ![logo]\n\n[logo]: @p/f.png\n\n![x\n\n](@p/no2.png)\n"
    )
    assert written_as_imports(body) == {
        "@p/a.png",
        "@p/b.png",
        "@p/c.png",
        "@p/my map.png",
        "@p/d(1).png",
        "@p/e.png",
        "@p/f.png",
    }


CHILD = """
import json, sys, time
from stagemap.analyse.linkreading import written_as_imports
from stagemap.read.astroimports import imports
from stagemap.read.tsconfigpaths import _read
from pathlib import Path
cases = json.load(sys.stdin)
found = {}
for name, text in cases.items():
    start = time.process_time()
    if name.startswith("tsconfig"):
        Path(sys.argv[1]).write_text(text)
        _read(Path(sys.argv[1]))
    elif name.startswith("imports"):
        imports(text)
    else:
        written_as_imports(text)
    found[name] = (time.process_time() - start, True)
print(json.dumps(found))
"""
CASES = {
    "imports-words-1MB": "import " * 150_000,
    "imports-no-quote-1MB": "import a" + " b" * 500_000,
    "images-openings-1MB": "![" * 500_000,
    "images-unclosed-1MB": "![a](" * 200_000,
    "images-labels-1MB": "![a][" * 200_000,
    "images-escaped-1MB": "\\![" * 330_000,
    "images-nested-1MB": "![" * 4096 + "a " * 500_000 + "]" * 4096,
    "images-nested-words-1MB": "![" * 2000 + "a " * 250_000 + "]" * 2000 + "![b" * 100_000,
    "tsconfig-comments-256KB": "{" + "/*" * 120_000 + "}",
    "tsconfig-strings-256KB": '{"a": "' + '\\"' * 120_000,
}


def test_imports_images_and_tsconfig_are_read_in_bounded_time(tmp_path: Path) -> None:
    """Seen by a review: a routing page's text of repeated 'import ' took 4.4 s at 35 KB and 84 s
    at 140 KB (each 'import' looked for its 'from' to the end). Each is read once now."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "tsconfig.json")],
        input=json.dumps(CASES),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout)
    assert {name: round(s, 2) for name, (s, _) in found.items() if s > 2.0} == {}


def test_a_package_json_that_is_no_regular_file_is_not_read(tmp_path: Path) -> None:
    """Seen by a review: the Astro version is read from package.json, which a cloned project may
    hold as a link to /dev/zero or a FIFO: reading it filled memory or never ended. It is read
    as the project's other setting files are (a regular file, within a size cap), so the
    build ends as it does without one (its aliases read as the newest Astro reads them)."""
    root = write(
        tmp_path / "site",
        {
            "astro.config.mjs": CONFIG,
            "tsconfig.json": '{"compilerOptions": {"paths": {"@/*": ["src/*"]}}}',
            "src/images/dock.png": PNG,
            "src/content/blog/dock.md": "---\ntitle: Dock\n---\n![The dock](@/images/dock.png)\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    (root / "package.json").symlink_to("/dev/zero")
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from stagemap.cli.app import main\n"
        "main(['-C', sys.argv[1], 'build', '--as-of', '2026-11-24'])\n"
    )
    for kind in ("link", "fifo"):
        if kind == "fifo":
            (root / "package.json").unlink()
            os.mkfifo(root / "package.json")
        result = subprocess.run(
            [sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, (kind, result.stderr[-2000:])
        page = (root / "site/assets/blog/dock.html").read_text(encoding="utf-8")
        assert '<img src="../../files/~/src/images/dock.png" alt="The dock">' in page


def test_an_alias_of_the_whole_project_reaches_no_file_a_build_wrote(tmp_path: Path) -> None:
    """Seen by a review: with '@/*': ['./*'] every image under the project could be imported,
    stagemap's own site and Astro's dist/ too; each build copied files the next one then
    counted, so every build after one that copied a file rendered every page again."""
    root = write(
        tmp_path / "site",
        {
            "astro.config.mjs": CONFIG,
            "tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./*"]}}}',
            "images/dock.png": PNG,
            "dist/images/dock.png": PNG,
            "src/content/blog/dock.md": "---\ntitle: Dock\n---\n![The dock](@/images/dock.png)\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    assert (root / "site/files/~/images/dock.png").read_bytes() == PNG
    found = imported_files(stagemap.load_project(root).config)
    assert found == frozenset({"images/dock.png"})
