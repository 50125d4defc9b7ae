"""`stagemap list`, `stagemap init` and `stagemap schema` as a user sees them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.model.library import FIELDS
from stagemap.read import frontmatter, yamlsafe
from stagemap.read.assets import content_files
from stagemap.read.models import builtin_model_names
from stagemap.render.csvsafe import csv_text, neutralise
from stagemap.render.listing import COLUMNS, CSV_COLUMNS, fit_widths
from tests.conftest import MINIMAL_CONFIG, write


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/b/cost.md": (
                "---\ntitle: What a missed call costs\nstages: [awareness, exploration]\nquestions: [problems]\n"
                "personas: [owner]\nformat: article\nowner: Dana\nupdated: 2026-01-02\n---\n"
            ),
            "content/a/formula.md": "---\ntitle: =HYPERLINK(1)\nstages: evaluation\nquestions: risk\nstatus: draft\n---\n",
            "content/c/bad.md": "---\ntitle: Bad\nstages: [awarness]\nquestions: [risk]\n---\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- list -------------------------------------------------------------------------------------
def test_list_table_sorted_by_path_with_problems_on_stderr(project: Path) -> None:
    code, out, err = run("list", "--width", "0")
    assert code == 0
    assert out == (
        "PATH                  STATUS     STAGES                 QUESTIONS  PERSONAS  OWNER  REVIEW BY  TITLE\n"
        "content/a/formula.md  draft      evaluation             risk       -         -      -          =HYPERLINK(1)\n"
        "content/b/cost.md     published  awareness,exploration  problems   owner     Dana   -          What a missed call costs\n"
    )
    assert err == "content/c/bad.md:3:10: error: unknown stage 'awarness' (did you mean 'awareness'?)\n"


def test_list_on_a_site_lists_a_page_with_a_wrong_stage_without_it(tmp_path: Path) -> None:
    """Tags are optional on a site read in place: the page stays an asset, its problem goes to stderr."""
    root = write(
        tmp_path,
        {
            "hugo.toml": 'title = "S"\n',
            "content/b.md": "---\ntitle: B\nstages: [awarenes]\n---\nText.\n",
            "content/c.md": "---\ntitle: [C\n---\nText.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    code, out, err = run("-C", str(root), "list", "--width", "80", "--format", "csv")
    assert code == 0 and [line.split(",")[0] for line in out.splitlines()] == ["path", "content/b.md"]
    assert err == (
        "content/b.md:3:10: error: unknown stage 'awarenes' (did you mean 'awareness'?)\n"
        "content/c.md:2:8: error: YAML syntax error: the list opened here is not closed (close it with ']')\n"
    )  # c.md's front matter cannot be read: not an asset, not listed


@pytest.mark.parametrize(
    ("columns", "table", "note"),
    [
        (
            "90",
            "PATH                  STATUS     STAGES         OWNER  REVIEW BY  TITLE\n"
            "content/a/formula.md  draft      evaluation     -      -          =HYPERLINK(1)\n"
            "content/b/cost.md     published  awareness,ex\u2026  Dana   -          What a missed call costs\n",
            "note: questions and personas left out to fit the width (--width 0 shows every column)\n",
        ),
        (
            "80",
            "PATH                  STATUS     OWNER  REVIEW BY  TITLE\n"
            "content/a/formula.md  draft      -      -          =HYPERLINK(1)\n"
            "content/b/cost.md     published  Dana   -          What a missed call costs\n",
            "note: stages, questions and personas left out to fit the width (--width 0 shows every column)\n",
        ),
        (
            "50",
            "PATH                  STATUS     TITLE\n"
            "content/a/formula.md  draft      =HYPERLINK(1)\n"
            "content/b/cost.md     published  What a missed call \u2026\n",
            "note: stages, questions, personas, owner and review by left out to fit the width "
            "(--width 0 shows every column)\n",
        ),
    ],
)
def test_list_fits_the_terminal_width(
    project: Path, monkeypatch: pytest.MonkeyPatch, columns: str, table: str, note: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr("stagemap.cli.app._on_terminal", lambda: True)
    code, out, err = run("list")
    assert (code, out) == (0, table)
    assert err.endswith("(did you mean 'awareness'?)\n" + note)
    # The least a row shows: the path, the status and 20 characters of the title.
    assert max(len(line) for line in out.splitlines()) <= max(int(columns), 20 + 2 + 9 + 2 + 20)


def test_list_into_a_pipe_or_a_file_cuts_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`stagemap list > file` keeps every column and whole values, however narrow the terminal."""
    monkeypatch.setenv("COLUMNS", "50")
    code, out, err = run("list")
    assert (code, out) == (
        0,
        "PATH                  STATUS     STAGES                 QUESTIONS  PERSONAS  OWNER  REVIEW BY  TITLE\n"
        "content/a/formula.md  draft      evaluation             risk       -         -      -          =HYPERLINK(1)\n"
        "content/b/cost.md     published  awareness,exploration  problems   owner     Dana   -          What a missed call costs\n",
    )
    assert "left out" not in err
    assert max(len(line) for line in run("list", "--width", "50")[1].splitlines()) <= 53


def test_list_width_option_beats_the_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setattr("stagemap.cli.app._on_terminal", lambda: True)
    assert max(len(line) for line in run("list", "--width", "90")[1].splitlines()) == 90


def test_list_fit_widths_cuts_then_leaves_out_columns() -> None:
    natural = [30, 9, 20, 20, 20, 10, 10, 40]
    assert fit_widths(natural, 0) == natural
    assert fit_widths(natural, 200) == natural
    assert fit_widths(natural, 150) == [30, 9, 17, 10, 10, 10, 10, 40]
    assert fit_widths(natural, 110) == [30, 9, 10, 10, None, 9, 10, 20]
    # Path, status and title always stay, even when they alone are too wide.
    assert fit_widths(natural, 50) == [30, 9, None, None, None, None, None, 20]


def test_list_shows_stale_assets_and_filters_reviews_due(project: Path) -> None:
    write(
        project,
        {
            "content/d/old.md": "---\ntitle: Old\nstages: [awareness]\nquestions: [risk]\nreview_by: 2026-03-01\n---\n",
            "content/d/soon.md": "---\ntitle: Soon\nstages: [awareness]\nquestions: [risk]\nowner: Sam\n"
            "review_by: 2026-04-20\n---\n",
            "content/d/later.md": "---\ntitle: Later\nstages: [awareness]\nquestions: [risk]\nreview_by: 2026-09-01\n---\n",
        },
    )
    code, out, _ = run("list", "--due", "30d", "--as-of", "2026-04-01", "--width", "0")
    assert (code, out) == (
        0,
        "PATH               STATUS     STAGES     QUESTIONS  PERSONAS  OWNER  REVIEW BY   TITLE\n"
        "content/d/old.md   stale      awareness  risk       -         -      2026-03-01  Old\n"
        "content/d/soon.md  published  awareness  risk       -         Sam    2026-04-20  Soon\n",
    )
    assert run("list", "--due", "0", "--as-of", "2026-02-28", "--format", "paths")[1] == ""
    assert run("list", "--due", "1", "--as-of", "2026-02-28", "--format", "paths")[1] == "content/d/old.md\n"
    assert run("list", "--due", "soon") == (
        2,
        "",
        "Error: --due needs a number of days like 30 or 30d, got 'soon'\n",
    )


def test_list_filters_all_must_match(project: Path) -> None:
    assert run("list", "--stage", "exploration", "--format", "paths")[1] == "content/b/cost.md\n"
    assert run("list", "--stage", "exploration", "--status", "draft", "--format", "paths")[1] == ""
    assert run("list", "--stage", "exploration", "--stage", "evaluation", "--format", "paths")[1] == (
        "content/a/formula.md\ncontent/b/cost.md\n"
    )
    assert run("list", "--persona", "owner", "--format", "paths")[1] == "content/b/cost.md\n"
    assert run("list", "--where", "format=article", "--format", "paths")[1] == "content/b/cost.md\n"
    assert run("list", "--where", "owner=Dana", "--question", "problems", "--format", "paths")[1] == (
        "content/b/cost.md\n"
    )
    assert run("list", "--where", "id=a/formula", "--format", "paths")[1] == "content/a/formula.md\n"


def test_list_no_match_says_so_on_stderr(project: Path) -> None:
    code, out, err = run("list", "--persona", "manager")
    assert (code, out) == (0, "")
    assert err.endswith("No assets match.\n")


def test_list_paths_are_relative_to_the_current_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "content" / "b")
    assert run("list", "--format", "paths")[1] == "../a/formula.md\ncost.md\n"


def test_list_json_has_every_field(project: Path) -> None:
    code, out, _ = run("list", "--format", "json", "--stage", "awareness")
    assert code == 0
    assert json.loads(out) == {
        "version": 1,
        "assets": [
            {
                "cta": "",
                "format": "article",
                "id": "b/cost",
                "message": "",
                "next": "",
                "owner": "Dana",
                "path": "content/b/cost.md",
                "personas": ["owner"],
                "publish_on": None,
                "questions": ["problems"],
                "review_by": None,
                "stages": ["awareness", "exploration"],
                "status": "published",
                "summary": "",
                "title": "What a missed call costs",
                "updated": "2026-01-02",
                "url": "",
                "audience": "buyer",
            }
        ],
    }


def test_list_gives_each_pages_public_address(project: Path) -> None:
    settings = project / "stagemap.yml"
    settings.write_text(
        settings.read_text() + "urls:\n  base: https://fernhill.example\n  pattern: /{path}/\n"
    )
    (project / "content/b/cost.md").write_text(
        "---\ntitle: Cost\nstages: [awareness]\nquestions: [problems]\naudience: internal\n---\n"
    )
    assert [(a["url"], a["audience"]) for a in json.loads(run("list", "--format", "json")[1])["assets"]] == [
        ("https://fernhill.example/a/formula/", "buyer"),
        ("https://fernhill.example/b/cost/", "internal"),
    ]
    assert run("list", "--format", "csv", "--stage", "awareness")[1] == (
        "path,id,title,status,format,stages,questions,personas,owner,updated,review_by,next,url,audience,publish_on\n"
        "content/b/cost.md,b/cost,Cost,published,,awareness,problems,,,,,,https://fernhill.example/b/cost/,internal,\n"
    )


def test_list_csv_neutralises_formulas(project: Path) -> None:
    assert run("list", "--format", "csv")[1] == (
        "path,id,title,status,format,stages,questions,personas,owner,updated,review_by,next,url,audience,publish_on\n"
        "content/a/formula.md,a/formula,'=HYPERLINK(1),draft,,evaluation,risk,,,,,,,buyer,\n"
        "content/b/cost.md,b/cost,What a missed call costs,published,article,awareness exploration,problems,owner,Dana,2026-01-02,,,,buyer,\n"
    )


def test_list_csv_columns_are_the_path_and_fields() -> None:
    assert set(CSV_COLUMNS) <= {"path", *FIELDS, "url", "audience"}
    assert set(COLUMNS) <= {"path", *FIELDS}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csvsafe_neutralise_prefixes_formula_starts(text: str, expected: str) -> None:
    assert neutralise(text) == expected


def test_csvsafe_csv_text_neutralises_data_not_header() -> None:
    assert csv_text(["-h"], [["=x"], ["a,b"]]) == '-h\n\'=x\n"a,b"\n'


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stage", "awarness"], "unknown stage 'awarness' (did you mean 'awareness'?)"),
        (["--status", "live"], "unknown status 'live' (valid: idea, draft, review, published, retired)"),
        (["--where", "colour red=x"], "cannot select on 'colour red': not a front matter key"),
    ],
)
def test_list_usage_errors(project: Path, args: list[str], message: str) -> None:
    assert run("list", *args) == (2, "", f"Error: {message}\n")


def test_list_on_the_sample_project(sample: Path) -> None:
    code, out, err = run("-C", str(sample), "list", "--stage", "purchase", "--format", "paths")
    assert (code, err) == (0, "")
    assert len(out.splitlines()) >= 2


# -- init -------------------------------------------------------------------------------------
def test_init_creates_a_project_that_checks_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("init", "acme", "--model", "hourglass")
    assert (code, err) == (0, "")
    assert out == (
        "Created a stagemap project in acme:\n"
        "  stagemap.yml\n  content/why-we-exist.md\n  templates/README.md\n  .gitignore\n"
        "Next: cd acme, edit stagemap.yml, then run 'stagemap check' and 'stagemap report'.\n"
    )
    settings = (tmp_path / "acme/stagemap.yml").read_text()
    assert "\nname: acme\n" in settings
    assert "\nmodel: hourglass\n" in settings
    assert (
        "`stagemap models show hourglass` lists its stages: know, like, trust, try, buy, repeat, refer.\n"
        in settings
    )
    assert "stages: [know]  # one or more of" in (tmp_path / "acme/content/why-we-exist.md").read_text()
    assert '{% extends "stagemap/kit.md.j2" %}' in (tmp_path / "acme/templates/README.md").read_text()
    off = "switch the rule off with 'lint: {placeholder: false}' in stagemap.yml"
    assert run("-C", "acme", "check") == (
        0,
        "Checked 1 file in content/ against the hourglass model (7 stages, 8 questions, 0 personas): "
        "0 errors, 2 warnings.\n",
        "stagemap.yml:1:1: warning: 'messages' is missing: kits show no company message per question "
        f"(give each question a one-line answer under 'messages'; {off})\n"
        "stagemap.yml:8:1: warning: 'purpose' is still the placeholder written by stagemap init "
        f"(say why the company exists; {off})\n",
    )
    code, out, _ = run("-C", "acme", "report")
    assert code == 0
    assert out.startswith("acme: Hourglass")


@pytest.mark.parametrize("model", builtin_model_names())
def test_init_example_passes_check_for_every_model(tmp_path: Path, model: str) -> None:
    assert run("init", str(tmp_path / "p"), "--model", model)[0] == 0
    code, _, err = run("-C", str(tmp_path / "p"), "check", "--strict")
    # Only the placeholders init leaves for the user to fill in fail the strict check.
    assert code == 1
    # Each points at its setting: 'messages' is not written yet, so at the top of the file.
    assert [line.split(": warning: ")[0] for line in err.splitlines()] == [
        "stagemap.yml:1:1",
        "stagemap.yml:8:1",
    ]
    assert all("{placeholder: false}" in line for line in err.splitlines())


def test_init_in_the_current_folder_or_dash_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("init")
    assert code == 0
    assert out.startswith("Created a stagemap project:\n")
    assert out.endswith("Next: edit stagemap.yml, then run 'stagemap check' and 'stagemap report'.\n")
    assert run("-C", "other", "init")[0] == 0
    assert (tmp_path / "other/stagemap.yml").is_file()


def test_init_never_overwrites(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": "name: Mine\n", "templates/README.md": "mine"})
    assert run("init", str(tmp_path)) == (
        2,
        "",
        f"Error: {tmp_path.as_posix()}/stagemap.yml, {tmp_path.as_posix()}/templates/README.md already exist; "
        "init never overwrites, so nothing was written\n",
    )
    assert not (tmp_path / "content").exists()
    assert (tmp_path / "stagemap.yml").read_text() == "name: Mine\n"


def test_init_unknown_model(tmp_path: Path) -> None:
    assert run("init", str(tmp_path), "--model", "orbit") == (
        2,
        "",
        "Error: unknown model 'orbit' (did you mean 'orbits'?)\n",
    )


# -- schema -----------------------------------------------------------------------------------
def _valid(value: Any, schema: dict[str, Any]) -> bool:
    """Just enough of JSON Schema for the keywords `stagemap schema` uses."""
    names = {
        type(None): "null",
        bool: "boolean",
        int: "number",
        float: "number",
        str: "string",
        list: "array",
        dict: "object",
    }
    if "anyOf" in schema and not any(_valid(value, s) for s in schema["anyOf"]):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if names[type(value)] not in types:
            return False
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            return False
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return False
    if isinstance(value, list):
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
            return False
        if "items" in schema and not all(_valid(v, schema["items"]) for v in value):
            return False
    if isinstance(value, dict):
        if any(key not in value for key in schema.get("required", [])):
            return False
        props = schema.get("properties", {})
        if not all(_valid(v, props[k]) for k, v in value.items() if k in props):
            return False
    return True


def _front_matter(path: Path) -> Any:
    split = frontmatter.split(path.read_bytes())
    return yamlsafe.load(split.yaml).data


def test_schema_is_deterministic_and_lists_the_models_ids(sample: Path) -> None:
    code, out, err = run("-C", str(sample), "schema")
    assert (code, err) == (0, "")
    assert run("-C", str(sample), "schema")[1] == out
    schema = json.loads(out)
    assert out == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is True
    assert schema["required"] == ["title", "stages", "questions"]
    stage_enum = schema["properties"]["stages"]["anyOf"][0]["enum"]
    assert stage_enum == [
        "awareness",
        "exploration",
        "commitment",
        "evaluation",
        "purchase",
        "onboarding",
        "adoption",
        "advocacy",
        "renewal",
    ]
    assert schema["properties"]["personas"]["anyOf"][1]["items"]["enum"] == [
        "owner-operator",
        "office-manager",
        "ops-director",
    ]
    assert schema["properties"]["status"]["enum"] == ["idea", "draft", "review", "published", "retired", None]
    assert schema["properties"]["review_by"]["format"] == "date"


def test_schema_describes_every_front_matter_field(sample: Path) -> None:
    schema = json.loads(run("-C", str(sample), "schema")[1])
    # and `answers`, read by kits and plays: the model's objection and obstacle ids
    assert sorted(schema["properties"]) == sorted((*FIELDS, "answers"))


def test_schema_accepts_every_sample_asset(sample: Path) -> None:
    schema = json.loads(run("-C", str(sample), "schema")[1])
    for path in content_files(sample / "content"):
        assert _valid(_front_matter(path), schema), path


@pytest.mark.parametrize(
    "front_matter",
    [
        {"title": "T", "stages": ["awarness"], "questions": ["risk"]},
        {"title": "T", "stages": [], "questions": ["risk"]},
        {"title": "T", "questions": ["risk"]},
        {"title": "T", "stages": "awareness", "questions": "risk", "personas": ["boss"]},
        {"title": "T", "stages": "awareness", "questions": "risk", "status": "live"},
        {"title": "T", "stages": "awareness", "questions": "risk", "updated": "31/12/2026"},
        {"title": "", "stages": "awareness", "questions": "risk"},
    ],
)
def test_schema_rejects_what_check_rejects(sample: Path, front_matter: dict[str, Any]) -> None:
    schema = json.loads(run("-C", str(sample), "schema")[1])
    assert not _valid(front_matter, schema)
    assert _valid({"title": "T", "stages": "awareness", "questions": "risk", "extra": {"any": 1}}, schema)


def test_schema_without_personas_allows_none(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": "name: Solo\n"})
    (tmp_path / "content").mkdir()
    schema = json.loads(run("-C", str(tmp_path), "schema")[1])
    assert schema["properties"]["personas"]["maxItems"] == 0
    assert _valid({"title": "T", "stages": "awareness", "questions": "risk", "personas": []}, schema)
    assert not _valid({"title": "T", "stages": "awareness", "questions": "risk", "personas": ["x"]}, schema)


def test_init_writes_no_sample_asset_into_a_library_that_is_there_already(tmp_path: Path) -> None:
    """A folder of Markdown notes with no generator's configuration got the sample 'why we
    exist' page among them, to be counted, tagged and shipped with the rest."""
    write(tmp_path, {"content/pricing.md": "# Pricing\n", "content/guides/setup.markdown": "# Setup\n"})
    code, out, _ = run("init", str(tmp_path))
    assert code == 0
    assert out == (
        f"Created a stagemap project in {tmp_path.as_posix()}:\n  stagemap.yml\n  templates/README.md\n  .gitignore\n"
        "content/ holds 2 Markdown files already: no sample asset was written among them ('stagemap check'"
        " says what each lacks, 'stagemap tag' adds stages and questions)\n"
        f"Next: cd {tmp_path.as_posix()}, edit stagemap.yml, then run 'stagemap check' and 'stagemap report'.\n"
    )
    assert sorted(p.name for p in (tmp_path / "content").rglob("*") if p.is_file()) == [
        "pricing.md",
        "setup.markdown",
    ]
