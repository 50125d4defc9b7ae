"""Long lists on numbered pages, and the search index in chunks: the plan, the files, the weight."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import stagemap.render.searchindex
from stagemap import load_project
from stagemap.analyse.paging import ListPart, part_path, plan_lists, split
from stagemap.analyse.search import SHORTEST_WORD, fold, words
from stagemap.analyse.site import site_pages
from stagemap.cli.app import cli
from stagemap.model.project import Project
from stagemap.read.project import read_project
from stagemap.read.remembered import Remembered
from stagemap.render.searchindex import (
    CHUNK_BYTES,
    RECORDS_PER_FILE,
    SearchIndex,
    chunk_name,
    prefix_groups,
    search_files,
    weight,
)
from stagemap.serve.preview import Preview
from tests.conftest import ROOT

AS_OF = "2026-11-24"


def _generate(count: int, dest: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(count, dest)


def _page_size(project: Path, size: int) -> None:
    settings = project / "stagemap.yml"
    settings.write_text(settings.read_text("utf-8") + f"site:\n  page_size: {size}\n", encoding="utf-8")


def _paged(tmp_path: Path, count: int, size: int) -> tuple[Path, Project]:
    """A generated library of ``count`` assets with lists of ``size`` a page, and it loaded."""
    project = tmp_path / "lib"
    _generate(count, project)
    _page_size(project, size)
    return project, load_project(project)


def build(project: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return result.output


# -- the page plan ----------------------------------------------------------------------------
def test_paging_part_path_keeps_the_first_address() -> None:
    assert part_path("assets.html", 1) == "assets.html"
    assert part_path("assets.html", 3) == "assets-3.html"
    assert part_path("stages/evaluation.html", 1) == "stages/evaluation.html"
    assert part_path("stages/evaluation.html", 2) == "stages/evaluation/2.html"


def test_paging_split_gives_every_id_once_in_order() -> None:
    ids = tuple(f"a{i:02d}" for i in range(23))
    parts = list(split("stage", "evaluation", "stages/evaluation.html", ids, 10))
    assert [(p.kind, p.key, p.number, p.first, len(p.ids)) for p in parts] == [
        ("stage", "evaluation", 1, 0, 10),
        ("stage-part", "evaluation/2", 2, 10, 10),
        ("stage-part", "evaluation/3", 3, 20, 3),
    ]
    assert sum((p.ids for p in parts), ()) == ids
    assert parts[0].paths == (
        "stages/evaluation.html",
        "stages/evaluation/2.html",
        "stages/evaluation/3.html",
    )
    assert {p.total for p in parts} == {23}


def test_paging_an_empty_list_has_one_page() -> None:
    (only,) = split("assets", "", "assets.html", (), 10)
    assert (only.kind, only.key, only.count, only.ids) == ("assets", "", 1, ())


def test_paging_window_shows_the_ends_and_the_neighbours() -> None:
    def part(number: int, count: int) -> ListPart:
        return ListPart("assets", "", "", number, tuple(f"p{n}" for n in range(count)), (), 0, 0)

    assert part(1, 1).window() == (1,)
    assert part(1, 4).window() == (1, 2, 3, 4)
    assert part(1, 20).window() == (1, 2, 3, None, 20)
    assert part(10, 20).window() == (1, None, 8, 9, 10, 11, 12, None, 20)
    assert part(20, 20).window() == (1, None, 18, 19, 20)
    assert part(4, 20).window() == (1, 2, 3, 4, 5, 6, None, 20)


def test_paging_site_pages_list_the_later_pages_of_each_list(tmp_path: Path) -> None:
    _, loaded = _paged(tmp_path, 60, 10)
    pages = site_pages(loaded.config, loaded.library)
    kinds = [p.kind for p in pages]
    assert kinds.count("assets-part") == 5
    assert {p.path for p in pages if p.kind == "assets-part"} == {f"assets-{n}.html" for n in range(2, 7)}
    lists = plan_lists(loaded.config, loaded.library)
    for page in pages:
        if page.kind.endswith("-part"):
            assert lists[page.path].kind == page.kind and lists[page.path].key == page.key
    by_stage = [p for p in lists.values() if p.owner == "evaluation"]
    shown = sum((p.ids for p in sorted(by_stage, key=lambda p: p.number)), ())
    assert set(shown) == {a.id for a in loaded.library.assets if "evaluation" in a.stages}
    assert len(shown) == len(set(shown))


def test_settings_page_size_must_be_a_whole_number(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "stagemap.yml").write_text("name: X\nsite:\n  page_size: 0\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: invalid settings:\n"
        "stagemap.yml:3:14: error: 'page_size' must be a whole number from 1 to 10000 (e.g. page_size: 100)\n"
    )


# -- the search index -------------------------------------------------------------------------
def test_search_words_fold_accents_and_case() -> None:
    assert fold("Crème BRÛLÉE") == "creme brulee"
    assert words("Déjà vu: the 3 x_y Q&A, 2024!") == ("2024", "deja", "the", "vu")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list(" -_#*!x9é")), max_size=60))
def test_search_words_are_the_runs_of_letters_and_digits_the_script_finds(text: str) -> None:
    """ASCII text is split by a table, not the pattern: the words must be the pattern's."""
    folded = fold(text)
    expected = tuple(sorted({w for w in re.findall(r"[^\W_]+", folded) if len(w) >= SHORTEST_WORD}))
    assert words(text) == expected
    assert words(text.encode("ascii", "ignore").decode()) == tuple(
        sorted(
            {
                w
                for w in re.findall(r"[A-Za-z0-9]+", text.encode("ascii", "ignore").decode().lower())
                if len(w) > 1
            }
        )
    )


def test_searchindex_chunk_name_is_plain_for_every_prefix() -> None:
    assert chunk_name("pr") == "w-pr.js"
    assert chunk_name("ü") == "w-_fc_.js"
    assert chunk_name("a/") == "w-a_2f_.js"
    assert re.fullmatch(r"w-[a-z0-9_]+\.js", chunk_name("日本"))


def test_searchindex_prefix_groups_split_only_large_prefixes() -> None:
    heavy = CHUNK_BYTES // 3 // 2
    postings = {"price": heavy, "pricing": heavy, "print": 5, "p": 1, "pa": 1, "quote": 3}
    groups = prefix_groups(postings)
    assert ("q", ["quote"]) in groups
    assert ("p", ["p"]) in groups
    assert ("pa", ["pa"]) in groups
    covered = [w for _, ws in groups for w in ws]
    assert sorted(covered) == sorted(postings)
    for prefix, ws in groups:
        assert all(w.startswith(prefix) for w in ws)
        assert len(ws) == 1 or sum(weight(w, postings[w]) for w in ws) <= CHUNK_BYTES


def _entry(n: int, title: str, text: str, state: str = "ready") -> dict[str, object]:
    return {
        "id": f"a{n}",
        "url": f"assets/a{n}.html",
        "title": title,
        "stages": ["awareness"],
        "questions": [],
        "personas": [],
        "format": "guide",
        "state": state,
        "words": words(f"{title} {text}"),
        "title_words": words(title),
    }


def _data(script: str) -> list[object]:
    assert script.startswith("stagemap.add(") and script.endswith(");\n")
    return list(json.loads("[" + script[len("stagemap.add(") : -3] + "]"))


def test_searchindex_files_hold_positions_titles_and_records() -> None:
    entries = [_entry(0, "Pricing guide", "what it costs"), _entry(1, "Costs", "pricing and more", "retired")]
    files = search_files(entries, [2, 0])
    assert files == search_files(entries, [2, 0])
    key, manifest = _data(files["static/search/index.js"])
    assert key == "m"
    assert manifest == {
        "per": RECORDS_PER_FILE,
        "prefixes": ["a", "c", "g", "i", "m", "p", "w"],
        "states": "rx",
        "journey": "20",
    }
    (prefix_p,) = [p for p in manifest["prefixes"] if "pricing".startswith(p)]  # type: ignore[index]
    key, chunk = _data(files[f"static/search/{chunk_name(prefix_p)}"])
    assert key == f"w:{prefix_p}"
    assert chunk["words"]["pricing"] == [0, 1]  # type: ignore[index]
    assert chunk["titles"]["pricing"] == [0]  # type: ignore[index]
    key, records = _data(files["static/search/r-0.js"])
    assert key == "r:0"
    assert records[1] == ["a1", "assets/a1.html", "Costs", "guide", "retired", ["awareness"], [], []]  # type: ignore[index]


def test_searchindex_content_never_becomes_script_or_markup() -> None:
    hostile = '</script><script>alert(1)</script> & "quotes" \u2028 <!--'
    files = search_files([_entry(0, hostile, hostile)], [92 - 48])  # its journey letter a backslash
    for name, text in files.items():
        assert "<" not in text and ">" not in text and "&" not in text, name
        assert text.isascii(), name
    _, records = _data(files["static/search/r-0.js"])
    assert records[0][2] == hostile  # type: ignore[index]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_searchindex_kept_between_edits_gives_the_files_of_a_first_build(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stagemap.render.searchindex, "CHUNK_BYTES", 300)  # chunks split, and split again
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("abcé") for _ in range(rng.randint(2, 5))) for _ in range(150)]

    def entry(n: int) -> dict[str, object]:
        title = " ".join(rng.sample(vocabulary, rng.randint(0, 3)))
        return _entry(
            n, title, " ".join(rng.sample(vocabulary, rng.randint(0, 10))), rng.choice(["ready", "idea"])
        )

    entries = [entry(n) for n in range(450)]
    starts = [rng.randrange(9) for _ in entries]
    index = SearchIndex()
    assert index.files(entries, starts) == search_files(entries, starts)
    for _ in range(30):
        roll = rng.random()
        if roll < 0.5:  # a few entries edited in place
            for _ in range(rng.randint(1, 3)):
                entries[rng.randrange(len(entries))] = entry(rng.randrange(1000))
        elif roll < 0.65:  # one moved
            at, to = rng.randrange(len(entries)), rng.randrange(len(entries))
            entries.insert(to, entries.pop(at))
            starts.insert(to, starts.pop(at))
        elif roll < 0.8:  # where one asset's journey starts, and nothing else
            starts[rng.randrange(len(starts))] = rng.randrange(9)
        elif roll < 0.9:
            entries.append(entry(1000))
            starts.append(rng.randrange(9))
        else:
            at = rng.randrange(len(entries))
            del entries[at], starts[at]
        assert index.files(entries, starts) == search_files(entries, starts)


def test_searchindex_an_edit_makes_again_only_the_chunks_of_the_words_it_changes(
    search_scripts: list[str],
) -> None:
    entries = [_entry(n, f"Guide {n}", f"pricing costs number{n}") for n in range(RECORDS_PER_FILE + 10)]
    starts = [0] * len(entries)
    index = SearchIndex()
    first = index.files(entries, starts)
    made = search_scripts
    made.clear()  # what the edit makes, not the first index
    entries[RECORDS_PER_FILE + 3] = _entry(
        RECORDS_PER_FILE + 3, f"Guide {RECORDS_PER_FILE + 3}", "pricing costs zebra"
    )
    files = index.files(entries, starts)
    assert sorted(made) == ["m", "r:1", "w:n", "w:z"]
    assert files == search_files(entries, starts)
    # The records file is made again but holds the same bytes (the record shows no body words).
    changed = [p for p in files if files[p] != first.get(p)]
    assert changed == ["static/search/index.js", "static/search/w-n.js", "static/search/w-z.js"]


def test_searchindex_positions_follow_the_ids_and_the_manifest_says_where_each_journey_starts(
    sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(sample, out)
    index = out / "static/search"
    manifest = _data((index / "index.js").read_text(encoding="utf-8"))[1]
    records = [
        r
        for f in sorted(index.glob("r-*.js"), key=lambda f: int(f.stem[2:]))
        for r in _data(f.read_text())[1]
    ]
    assert [r[0] for r in records] == sorted(r[0] for r in records) and len(records) == 38
    stages = [s.id for s in load_project(sample).config.model.stages]
    starts = "".join(chr(48 + min((stages.index(s) for s in r[5]), default=len(stages))) for r in records)
    assert manifest["journey"] == starts and len(set(starts)) > 3


# -- the weight of a generated library ----------------------------------------------------------
def test_site_no_page_grows_with_the_library(tmp_path: Path) -> None:
    size = 15
    project = tmp_path / "lib"
    _generate(300, project)
    _page_size(project, size)
    out = tmp_path / "site"
    build(project, out)
    pages = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*.html")}
    lists = {
        p: n
        for p, n in pages.items()
        if re.fullmatch(r"assets(-\d+)?\.html|(stages|personas)/[^/]+/\d+\.html", p)
    }
    assert len([p for p in lists if p.startswith("assets")]) == 20
    # A list page: the frame of every page with the filters (about 12 kB here), a row per asset.
    bound = 15_000 + size * 600
    assert max(lists.values()) <= bound, sorted(lists.items(), key=lambda item: -item[1])[:3]
    # Pages that show a whole stage's kit or a persona's coverage grow with what is ready to send,
    # not with the list: at 300 assets they stay within two list pages.
    heavy = {p: n for p, n in pages.items() if not p.startswith("assets/") and p not in lists}
    assert max(heavy.values()) <= 2 * bound
    # A persona's ready assets by stage and a question's cells list the first page_size each.
    persona = (out / "personas/ops-director.html").read_text("utf-8")
    assert re.search(r'<li class="more">and \d+ more: <a href="../stages/\w+.html">every asset at ', persona)
    chunks = {p.name: p.stat().st_size for p in (out / "static/search").glob("*.js")}
    assert chunks["index.js"] <= 4_000
    assert max(chunks.values()) <= CHUNK_BYTES + 2_000


def test_paging_a_front_matter_edit_renders_only_the_list_pages_that_show_it(
    tmp_path: Path, rendered: list[str]
) -> None:
    project, loaded = _paged(tmp_path, 60, 10)
    out = tmp_path / "site"
    build(project, out)
    lists = plan_lists(loaded.config, loaded.library)
    holding = sorted(p for p, part in lists.items() if part.number > 1 and "blog/asset-00004" in part.ids)
    assert holding  # the asset is on page 2 or later of at least one list
    rendered.clear()
    page = project / "content/blog/asset-00004.md"
    page.write_text(page.read_text("utf-8").replace("owner: ", "owner: A. ", 1), encoding="utf-8")
    build(project, out)
    later = sorted(p for p in rendered if p in lists and lists[p].number > 1)
    assert later == holding


def test_paging_the_preview_orders_its_lists_again_after_a_title_edit_only(tmp_path: Path) -> None:
    project, loaded = _paged(tmp_path, 120, 10)
    lists = plan_lists(loaded.config, loaded.library)
    # An asset on a later page of its stage's list: a title that sorts first brings it to page 1.
    part = next(part for part in lists.values() if part.kind == "stage-part" and part.number > 1)
    asset = loaded.library.by_id[part.ids[-1]]
    later = tmp_path / "site" / part.paths[part.number - 1]
    preview = Preview(project, tmp_path / "site", as_of=dt.date.fromisoformat(AS_OF))
    assert preview.rebuild().error == ""
    page = loaded.config.root / asset.path
    text = page.read_text("utf-8")
    # A body edit changes nothing the order reads: the asset stays where it was.
    page.write_text(text + "\nOne more line.\n", encoding="utf-8")
    assert preview.rebuild().error == ""
    assert f'href="../../assets/{asset.id}.html"' in later.read_text("utf-8")
    # A title that sorts first takes it to the first page, off the one it was on.
    page.write_text(re.sub(r"title: .*", "title: Aardvark first", text, count=1), encoding="utf-8")
    assert preview.rebuild().error == ""
    assert "Aardvark first" not in later.read_text("utf-8")
    edited = load_project(project)
    assert asset.id in plan_lists(edited.config, edited.library)[part.paths[0]].ids


def test_paging_the_preview_keeps_its_settings_object_while_they_do_not_change(tmp_path: Path) -> None:
    project = tmp_path / "lib"
    _generate(5, project)
    memory = Remembered()
    before = read_project(project, memory=memory)[0].config
    assert read_project(project, memory=memory)[0].config is before
    _page_size(project, 3)
    after = read_project(project, memory=memory)[0].config
    assert after is not before and after.page_size == 3
