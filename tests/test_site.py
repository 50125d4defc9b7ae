"""`stagemap build`: the pages, their links, safety, determinism and the output folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from stagemap.analyse.paths import asset_paths
from stagemap.analyse.site import plan_site, search_entries
from stagemap.cli.app import cli
from stagemap.errors import OutputError
from stagemap.model.settings import CACHE_DIR
from stagemap.read.cache import CACHE_FILE
from stagemap.render.environment import environment
from stagemap.render.site import render_site
from stagemap.write import tree
from stagemap.write.manifest import MANIFEST, read_manifest
from stagemap.write.targets import confined
from tests.conftest import MINIMAL_CONFIG, write
from tests.sitecheck import check_site, parse

AS_OF = "2026-11-24"
Golden = Callable[[str, str], None]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def build(project: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    return run("-C", str(project), "build", "-o", str(out), "--as-of", AS_OF, *extra)


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def built(sample: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    code, _, err = build(sample, out)
    assert (code, err) == (0, "")
    return out


ASSET = """\
---
title: {title}
stages: [awareness]
questions: [problems]
{extra}---
{body}
"""


# -- the sample site --------------------------------------------------------------------------
def test_build_sample_summary_and_pages(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, stdout, stderr = build(sample, out)
    assert (code, stderr) == (0, "")
    assert stdout == f"Built 99 pages in {out}/ (137 files changed, 0 removed); open {out}/index.html\n"
    names = sorted(files_of(out))
    assert [n for n in names if "/" not in n] == [
        MANIFEST,
        "assets.html",
        "gaps.html",
        "index.html",
        "plays.html",
        "stages.html",
    ]
    assert len([n for n in names if n.startswith("stages/")]) == 9
    assert len([n for n in names if n.startswith("plays/")]) == 9 + 9 * 3
    assert len([n for n in names if n.startswith("questions/")]) == 8
    assert len([n for n in names if n.startswith("personas/")]) == 3
    assert len([n for n in names if n.startswith("assets/")]) == 38
    assert sorted(n for n in names if n.startswith("static/") and not n.startswith("static/search/")) == [
        "static/favicon.svg",
        "static/stagemap.css",
        "static/stagemap.js",
    ]
    search = [n for n in names if n.startswith("static/search/")]
    assert "static/search/index.js" in search and "static/search/r-0.js" in search
    assert all(re.fullmatch(r"static/search/(index|r-\d+|w-[a-z0-9_]+)\.js", n) for n in search)


def test_build_default_folder_is_site_in_the_project(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sample)
    code, stdout, _ = run("build", "--as-of", AS_OF)
    assert code == 0
    assert stdout.startswith("Built 99 pages in site/ (137 files changed, 0 removed); open site/index.html")
    assert (sample / "site" / "index.html").is_file()


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "gaps.html",
        "stages/evaluation.html",
        "assets/blog/missed-calls-cost.html",
        "assets.html",
    ],
)
def test_build_sample_page_golden(built: Path, page: str, golden: Golden) -> None:
    golden(f"site/{page}", (built / page).read_text("utf-8"))


def test_build_sample_every_link_and_anchor_resolves(built: Path) -> None:
    assert check_site(built) == []


def test_build_sample_heatmap_cells_lead_to_assets_or_briefs(sample: Path, built: Path) -> None:
    project = load_project(sample)
    report = analyse(project.config, project.library, __import__("datetime").date(2026, 11, 24))
    home = parse(built / "index.html")
    links = {
        v["id"]: v["href"] for t, v in home.tags if t == "a" and str(v.get("id", "")).startswith("cell-")
    }
    applicable = [c for c in report.cells if c.state != "n/a"]
    assert len(links) == len(applicable) == 34
    for cell in applicable:
        href = links[f"cell-{cell.stage}.{cell.question}"]
        if cell.state == "covered":
            assert href == f"stages/{cell.stage}.html#q-{cell.question}"
        else:
            assert href == f"gaps.html#gap-{cell.stage}.{cell.question}"


def test_build_is_deterministic(sample: Path, tmp_path: Path) -> None:
    assert build(sample, tmp_path / "one")[0] == 0
    assert build(sample, tmp_path / "two")[0] == 0
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_rebuild_rewrites_nothing_when_nothing_changed(sample: Path, built: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in built.rglob("*")}
    code, stdout, _ = build(sample, built)
    assert code == 0
    assert "(0 files changed, 0 removed)" in stdout
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*")} == before


def test_rebuild_removes_stale_pages_but_not_foreign_files(sample: Path, built: Path) -> None:
    write(built, {"CNAME": "library.example.com\n", "notes/keep.txt": "mine\n"})
    (sample / "content" / "blog" / "apprentice-diary.md").unlink()
    code, stdout, _ = build(sample, built)
    assert code == 0
    assert "1 removed" in stdout
    assert not (built / "assets" / "blog" / "apprentice-diary.html").exists()
    assert (built / "CNAME").read_text() == "library.example.com\n"
    assert (built / "notes" / "keep.txt").is_file()
    manifest = json.loads((built / MANIFEST).read_text())
    assert "assets/blog/apprentice-diary.html" not in manifest["files"]
    assert "CNAME" not in manifest["files"]


def test_rebuild_removes_emptied_folders(sample: Path, built: Path) -> None:
    shutil.rmtree(sample / "content" / "tools")
    assert build(sample, built)[0] == 0
    assert not (built / "assets" / "tools").exists()


def test_build_refuses_to_overwrite_a_file_it_did_not_write(sample: Path, tmp_path: Path) -> None:
    out = write(tmp_path / "public", {"index.html": "<p>my own page</p>", "CNAME": "x\n"})
    code, stdout, stderr = build(sample, out)
    assert code == 2
    assert stdout == ""
    assert "already holds files that stagemap did not write: index.html" in stderr
    assert (out / "index.html").read_text() == "<p>my own page</p>"
    assert sorted(p.name for p in out.iterdir()) == ["CNAME", "index.html"]


def test_build_into_a_folder_with_other_files_keeps_them(sample: Path, tmp_path: Path) -> None:
    out = write(tmp_path / "docs", {"CNAME": "x\n"})
    assert build(sample, out)[0] == 0
    assert (out / "CNAME").read_text() == "x\n"


def test_rebuild_never_follows_a_manifest_outside_the_folder(
    sample: Path, built: Path, tmp_path: Path
) -> None:
    outside = write(tmp_path / "outside", {"victim.txt": "keep", "deep/victim.txt": "keep"})
    (built / "link").symlink_to(outside / "deep", target_is_directory=True)
    listing = {
        "generator": "stagemap",
        "files": [
            "../outside/victim.txt",
            str(outside / "victim.txt"),
            "assets/../../outside/victim.txt",
            "link/victim.txt",
            "index.html",
        ],
    }
    (built / MANIFEST).write_text(json.dumps(listing))
    code, _, _ = build(sample, built)
    assert code == 0
    assert (outside / "victim.txt").read_text() == "keep"
    assert (outside / "deep" / "victim.txt").read_text() == "keep"


def test_manifest_read_again_is_its_files_and_a_changed_one_is_read_anew(tmp_path: Path) -> None:
    """A build reads the manifest three times: the same bytes give the kept list, as a copy."""
    listing = {"generator": "stagemap", "files": ["index.html", "../x.txt", "assets/a.html"]}
    (tmp_path / MANIFEST).write_text(json.dumps(listing))
    first = read_manifest(tmp_path)
    assert first == {"index.html", "assets/a.html"}
    first.add("mine.html")  # a caller's change stays its own
    assert read_manifest(tmp_path) == {"index.html", "assets/a.html"}
    listing["files"] = ["index.html"]
    (tmp_path / MANIFEST).write_text(json.dumps(listing))
    assert read_manifest(tmp_path) == {"index.html"}
    (tmp_path / MANIFEST).write_text(json.dumps({**listing, "generator": "other"}))
    assert read_manifest(tmp_path) == set()
    (tmp_path / MANIFEST).unlink()
    assert read_manifest(tmp_path) == set()


@pytest.mark.parametrize("where", [".", "content", "..", "content/site", "templates/out"])
def test_build_refuses_an_output_folder_that_overlaps_the_sources(sample: Path, where: str) -> None:
    before = files_of(sample)
    code, stdout, stderr = run("-C", str(sample), "build", "-o", str(sample / where), "--as-of", AS_OF)
    assert code == 2
    assert stdout == ""
    assert stderr.startswith(f"Error: refusing to build into {sample / where}: it ")
    assert files_of(sample) == before


# -- problems ---------------------------------------------------------------------------------
def test_build_prints_problems_and_builds_the_valid_assets(sample: Path, tmp_path: Path) -> None:
    write(
        sample, {"content/broken.md": "---\ntitle: Broken\nstages: [awarness]\nquestions: [problems]\n---\n"}
    )
    code, stdout, stderr = build(sample, tmp_path / "site")
    assert code == 0
    assert "content/broken.md:3:10: error: unknown stage 'awarness' (did you mean 'awareness'?)" in stderr
    assert stdout.startswith("Built 100 pages")
    # The file keeps its page, which says what is wrong; it stays out of the search index.
    page = (tmp_path / "site" / "assets" / "broken.html").read_text()
    assert "content/broken.md:3:10: error: unknown stage &#39;awarness&#39;" in page
    index = sorted((tmp_path / "site" / "static" / "search").glob("*.js"))
    assert index and all("broken" not in p.read_text() for p in index)
    assert "content/broken.md:3:10: error: unknown stage" in (tmp_path / "site" / "index.html").read_text()


def test_build_strict_fails_and_writes_nothing(sample: Path, tmp_path: Path) -> None:
    write(
        sample, {"content/broken.md": "---\ntitle: Broken\nstages: [awarness]\nquestions: [problems]\n---\n"}
    )
    code, stdout, stderr = build(sample, tmp_path / "site", "--strict")
    assert code == 1
    assert stdout == ""
    assert stderr.endswith("Error: 1 problem in the library; nothing was written (--strict)\n")
    assert not (tmp_path / "site").exists()
    # The parse cache is kept all the same (a CI job building with --strict reads warm next time).
    assert (sample / CACHE_DIR / CACHE_FILE).is_file()


# -- safety -----------------------------------------------------------------------------------
HOSTILE_BODY = """\
# Hostile

<script>window.__pwned = 1</script>

<img src="x" onerror="window.__pwned = 2">

[click me](javascript:window.__pwned=3) [data](data:text/html,<script>x</script>)

<a href="javascript:alert(1)">raw</a>
"""


def hostile_project(root: Path) -> Path:
    return write(
        root,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/hostile.md": ASSET.format(
                title='"\\"><script>window.__pwned=4</script>"',
                extra='summary: "<img src=x onerror=window.__pwned=5>"\nformat: "<b>x</b>"\n'
                'cta: "\\" onmouseover=\\"window.__pwned=6"\n',
                body=HOSTILE_BODY,
            ),
        },
    )


def test_build_hostile_content_renders_as_text(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "p")
    assert build(project, tmp_path / "site")[0] == 0
    for path in sorted((tmp_path / "site").rglob("*.html")):
        page = parse(path)
        for tag, attrs in page.tags:
            assert tag != "img", path
            assert not any(k.startswith("on") for k in attrs), (path, tag, attrs)
            assert not str(attrs.get("href", "")).lower().startswith(("javascript:", "data:")), path
        scripts = [a.get("src") for t, a in page.tags if t == "script"]
        assert all(src and src.endswith(".js") for src in scripts), path
    text = (tmp_path / "site" / "assets" / "hostile.html").read_text()
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in text


def test_build_allow_html_renders_raw_html(tmp_path: Path) -> None:
    project = write(
        tmp_path / "p",
        {
            "stagemap.yml": MINIMAL_CONFIG + "site:\n  allow_html: true\n",
            "content/a.md": ASSET.format(title="A", extra="", body="<kbd>Ctrl</kbd>-C\n"),
        },
    )
    assert build(project, tmp_path / "site")[0] == 0
    assert "<p><kbd>Ctrl</kbd>-C</p>" in (tmp_path / "site" / "assets" / "a.html").read_text()


@pytest.mark.parametrize(
    ("asset_id", "expected"),
    [
        ("blog/missed-calls", "assets/blog/missed-calls.html"),
        ("../../etc/passwd", "assets/x-5ec1f7e7/x-5ec1f7e7/etc/passwd.html"),
        ("My File", "assets/my-file-b418bc68.html"),
        ("café", "assets/cafe-850f7dc4.html"),
        ("<script>alert(1)</script>", "assets/script-alert-1-1c63f243/script-c70ded67.html"),
        ("con", "assets/con-1143da2b.html"),
    ],
)
def test_asset_paths_are_safe_slugs(asset_id: str, expected: str) -> None:
    assert asset_paths([asset_id])[asset_id] == expected


def test_asset_paths_never_collide_even_ignoring_case() -> None:
    ids = ["Pricing", "pricing", "PRICING", "a/b", "a-b", "a b", "a/B", "x" * 200, "x" * 201]
    paths = asset_paths(ids)
    assert len({p.casefold() for p in paths.values()}) == len(ids)
    assert all(len(seg) <= 80 for p in paths.values() for seg in p.split("/"))


def test_build_odd_asset_ids_stay_inside_the_output_folder(tmp_path: Path) -> None:
    project = write(
        tmp_path / "p",
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/My File.md": ASSET.format(title="Spaces", extra="", body="[next](café.md)\n"),
            "content/café.md": ASSET.format(title="Unicode", extra="", body="[back](My%20File.md)\n"),
            "content/up.md": ASSET.format(title="Up", extra="id: ../../../escape\n", body=""),
            "content/tag.md": ASSET.format(title="Tag", extra='id: "<script>x</script>"\n', body=""),
        },
    )
    out = tmp_path / "out" / "site"
    code, _, err = build(project, out)
    assert (code, err) == (0, "")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["site"]
    assert check_site(out) == []
    pages = sorted(p for p in files_of(out) if p.startswith("assets/"))
    assert len(pages) == 4
    cafe = (out / asset_paths(["café"])["café"]).read_text()
    assert 'href="my-file-b418bc68.html">back</a>' in cafe


def test_confined_refuses_paths_outside(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        confined(tmp_path, "../x.html")
    with pytest.raises(OutputError):
        confined(tmp_path, "/etc/passwd")
    assert confined(tmp_path, "a/b.html") == tmp_path.resolve() / "a" / "b.html"


def test_build_site_never_names_a_path_outside(tmp_path: Path) -> None:
    project = load_project(hostile_project(tmp_path / "p"))
    report = analyse(project.config, project.library, __import__("datetime").date(2026, 11, 24))
    plan = plan_site(project.config, project.library, report, generator="t")
    made = render_site(plan, environment(None))
    linked = [rel for page in made.values() for rel in page.linked]
    for rel in [*made, *linked]:
        assert confined(tmp_path, rel).is_relative_to(tmp_path.resolve())


# -- links between assets ---------------------------------------------------------------------
def test_build_links_between_content_files_become_page_links(tmp_path: Path) -> None:
    project = write(
        tmp_path / "p",
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/guides/a.md": ASSET.format(
                title="A",
                extra="next: blog/b\n",
                body="See [B](../blog/b.md#the-numbers), ![chart](img/chart.png), [pdf](<files/Price List.pdf>), "
                "[gone](nowhere.md) and [secret](../../stagemap.yml).\n",
            ),
            "content/guides/img/chart.png": b"\x89PNG fake",
            "content/guides/files/Price List.pdf": b"%PDF fake",
            "content/blog/b.md": ASSET.format(title="B", extra="", body="## The numbers\n\nText.\n"),
        },
    )
    out = tmp_path / "site"
    assert build(project, out)[0] == 0
    page = (out / "assets" / "guides" / "a.html").read_text()
    assert '<a href="../blog/b.html#h-the-numbers">B</a>' in page
    assert '<img src="../../files/guides/img/chart.png" alt="chart">' in page
    assert '<a href="../../files/guides/files/Price%20List.pdf">pdf</a>' in page
    assert '<span class="broken-link" title="Link target not found: nowhere.md">gone</span>' in page
    assert '<span class="broken-link" title="Link target not found: ../../stagemap.yml">secret</span>' in page
    assert (out / "files" / "guides" / "img" / "chart.png").read_bytes() == b"\x89PNG fake"
    assert not (out / "files" / "stagemap.yml").exists()
    assert check_site(out) == []
    # B's page says which asset hands buyers to it.
    assert '<a href="../guides/a.html">A</a>' in (out / "assets" / "blog" / "b.html").read_text()


# -- templates --------------------------------------------------------------------------------
def test_build_uses_project_site_templates_and_static_files(sample: Path, tmp_path: Path) -> None:
    write(
        sample,
        {
            "templates/site/base.html.j2": '{% extends "stagemap/site/base.html.j2" %}\n'
            "{% block footer %}<footer><p>Internal to {{ site.name }}</p></footer>{% endblock %}\n",
            "templates/site/static/stagemap.css": "body { color: #000; }\n",
        },
    )
    out = tmp_path / "site"
    assert build(sample, out)[0] == 0
    assert "<footer><p>Internal to Fernhill</p></footer>" in (out / "stages" / "awareness.html").read_text()
    assert (out / "static" / "stagemap.css").read_text() == "body { color: #000; }\n"


def test_build_template_error_names_the_file_and_line(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One process: with forked page workers an error currently leaves the site folder behind.
    monkeypatch.setenv("STAGEMAP_WORKERS", "1")
    write(
        sample,
        {
            "templates/site/gaps.html.j2": "{% extends 'site/base.html.j2' %}\n{% block main %}{{ nope }}{% endblock %}\n"
        },
    )
    code, stdout, stderr = build(sample, tmp_path / "site")
    assert (code, stdout) == (2, "")
    assert stderr == "Error: templates/site/gaps.html.j2:2: 'nope' is undefined\n"
    assert not (tmp_path / "site").exists()


def test_build_help_has_an_example() -> None:
    for command in ("build", "serve"):
        code, out, _ = run(command, "--help")
        assert code == 0
        assert "\n  Example:\n    stagemap " + command in out


def test_site_files_are_utf8_with_unix_newlines(built: Path) -> None:
    for rel, data in files_of(built).items():
        text = data.decode("utf-8")
        assert "\r" not in text, rel
        assert text.endswith("\n"), rel


def test_build_output_mode_is_the_usual_one(built: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    assert (built / "index.html").stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("model", ["buyer-journey", "acd", "orbits", "hourglass", "buying-jobs"])
def test_build_every_builtin_model_with_no_personas_links_cleanly(tmp_path: Path, model: str) -> None:
    from stagemap.read.settings import config_from_data

    first = config_from_data(tmp_path, {"model": model}).model.stages[0].id
    project = write(
        tmp_path / "p",
        {
            "stagemap.yml": f"name: Bare\nmodel: {model}\nquestions: [problems, cost]\n",
            "content/one.md": ASSET.format(title="One", extra="", body="Hello\n").replace("awareness", first),
        },
    )
    out = tmp_path / "site"
    code, _, err = build(project, out)
    assert (code, err) == (0, "")
    assert check_site(out) == []
    assert "Persona" not in (out / "assets.html").read_text()


def test_build_an_empty_library(tmp_path: Path) -> None:
    project = write(tmp_path / "p", {"stagemap.yml": "name: Empty\n", "content/.keep": ""})
    out = tmp_path / "site"
    code, stdout, err = build(project, out)
    assert (code, err) == (0, "")
    assert stdout.startswith("Built 31 pages")
    assert check_site(out) == []


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def test_rebuild_clears_temporary_files_a_killed_build_left(sample: Path, built: Path) -> None:
    pid = _dead_pid()
    left = [
        built / f".index.html.{pid}.tmp",
        built / "assets" / "blog" / f".missed-calls-cost.html.{pid}.tmp",
    ]
    for path in left:
        path.write_bytes(b"half a page")
    running = built / f".gaps.html.{os.getpid()}.tmp"  # a live build's: not ours to remove
    running.write_bytes(b"being written")
    write(built, {f"mine/.notes.{pid}.tmp": "not in a folder stagemap wrote\n"})
    assert build(sample, built)[0] == 0
    assert not any(path.exists() for path in left)
    assert running.exists()
    assert (built / "mine" / f".notes.{pid}.tmp").exists()


def test_build_with_other_files_in_the_folder_still_streams(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = write(tmp_path / "docs", {"CNAME": "x\n", "static/extra.css": "p {}\n"})
    monkeypatch.setattr(tree, "sync_tree", None)  # the gather-everything path must not be taken
    assert build(sample, out)[0] == 0
    assert (out / "CNAME").read_text() == "x\n"
    assert (out / "static" / "extra.css").read_text() == "p {}\n"
    assert check_site(out) == []


def test_build_refusing_a_file_it_did_not_write_leaves_no_trace(sample: Path, tmp_path: Path) -> None:
    out = write(tmp_path / "public", {"CNAME": "x\n", "assets/blog/missed-calls-cost.html": "mine\n"})
    before = files_of(out)
    code, _, stderr = build(sample, out)
    assert code == 2
    assert stderr == (
        f"Error: {out} already holds files that stagemap did not write: "
        "assets/blog/missed-calls-cost.html (remove them or choose another output folder)\n"
    )
    assert files_of(out) == before
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "CNAME",
        "assets",
        "assets/blog",
        "assets/blog/missed-calls-cost.html",
    ]


def test_plan_site_works_out_only_the_pages_to_render(sample: Path) -> None:
    project = load_project(sample)
    report = analyse(project.config, project.library, __import__("datetime").date(2026, 11, 24))
    every = plan_site(project.config, project.library, report, generator="t")
    assert len(every.pages) == 99 and len(every.stages) == 9 and len(every.assets) == 38
    some = plan_site(
        project.config,
        project.library,
        report,
        generator="t",
        render={"stages/awareness.html", "assets/blog/missed-calls-cost.html"},
    )
    assert [p.path for p in some.pages] == ["stages/awareness.html", "assets/blog/missed-calls-cost.html"]
    assert list(some.stages) == ["awareness"] and list(some.assets) == ["blog/missed-calls-cost"]
    assert some.questions == {} and some.personas == {}
    assert search_entries(some) == search_entries(every)  # the search index always covers every asset
    assert len(search_entries(every).entries) == 38
    made = render_site(some, environment(None))
    assert made["stages/awareness.html"] == render_site(every, environment(None))["stages/awareness.html"]
