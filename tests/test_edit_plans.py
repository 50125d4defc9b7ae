"""The library behind the editing commands: typed requests in, plans as data out, no option names."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

import stagemap
from stagemap.edit.init import INIT_FILES, plan_init
from stagemap.edit.new import NewRequest, TargetExists, TargetOutside, gap_brief, plan_new
from stagemap.edit.rename import BuiltinStages, plan_rename
from stagemap.edit.select import Files, identify, where_filters
from stagemap.edit.tag import (
    IdForManyFiles,
    IdsNotSettable,
    RequiredField,
    ValueNeeded,
    check_id_change,
    tag_request,
)
from stagemap.errors import UsageError
from stagemap.render.check import render_check_json, render_check_summary
from tests.conftest import MINIMAL_CONFIG, ROOT, write

SRC = ROOT / "src" / "stagemap"


@pytest.fixture
def project(tmp_path: Path) -> stagemap.Project:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/cost.md": "---\ntitle: Cost\nstages: [awareness]\nquestions: [problems]\nnext: pricing\n---\n",
            "content/pricing.md": "---\ntitle: Pricing\nstages: [evaluation]\nquestions: [risk]\n---\n",
        },
    )
    return stagemap.load_project(tmp_path)


def test_plan_new_returns_the_file_and_writes_nothing(project: stagemap.Project) -> None:
    request = NewRequest(
        title="  Why   switch? ", stages=("exploration",), questions=("problems",), dest="blog/"
    )
    planned = plan_new(project, request)
    assert (planned.rel, planned.asset_id) == ("content/blog/why-switch.md", "blog/why-switch")
    assert planned.data.startswith(b"---\ntitle: Why switch?\nstages: [exploration]\nquestions: [problems]\n")
    assert not planned.path.exists()


def test_plan_new_refuses_a_taken_file_and_a_path_outside(project: stagemap.Project) -> None:
    with pytest.raises(TargetExists, match=r"^content/cost.md already exists \(a new asset never") as taken:
        plan_new(project, NewRequest(title="Cost", stages=("awareness",), questions=("problems",)))
    assert taken.value.shown == "content/cost.md"
    with pytest.raises(TargetOutside, match=r"^\.\./x is outside the content folder content/$"):
        plan_new(project, NewRequest(title="X", stages=("awareness",), questions=("problems",), dest="../x"))


def test_plan_new_checks_ids_in_order(project: stagemap.Project) -> None:
    with pytest.raises(UsageError, match=r"^unknown persona 'ownr' \(did you mean 'owner'\?\)$"):
        plan_new(
            project, NewRequest(title="X", stages=("awareness",), questions=("risk",), personas=("ownr",))
        )


def test_gap_brief_describes_the_cell_and_titles_it(project: stagemap.Project) -> None:
    brief = gap_brief(project.config, project.library, "evaluation", "risk", dt.date(2026, 1, 1))
    assert (brief.state, brief.count, brief.next_stage and brief.next_stage.id) == ("thin", 1, "purchase")
    assert (brief.title, brief.folder) == ("How Acme makes trying it safe", "")


def test_tag_request_takes_field_values_as_text_and_types_own_keys(project: stagemap.Project) -> None:
    request = tag_request(
        project.config,
        project.library,
        add={"stages": ("exploration",)},
        remove={},
        sets={"status": "published", "priority": "3", "featured": "true"},
        unsets=("owner",),
    )
    assert dict(request.set) == {"status": "published", "priority": 3, "featured": True}
    assert request.unset == ("owner",)


@pytest.mark.parametrize(
    ("sets", "unsets", "error", "message"),
    [
        (
            {"stages": "x"},
            (),
            IdsNotSettable,
            "'stages' holds stage ids: add or remove them instead of setting it",
        ),
        ({"owner": " "}, (), ValueNeeded, "'owner' needs a value (unset it to remove the field)"),
        ({}, ("questions",), RequiredField, "'questions' is required and cannot be removed"),
    ],
)
def test_tag_request_errors_are_typed_and_name_no_option(
    project: stagemap.Project,
    sets: dict[str, str],
    unsets: tuple[str, ...],
    error: type[UsageError],
    message: str,
) -> None:
    with pytest.raises(error) as raised:
        tag_request(project.config, project.library, add={}, remove={}, sets=sets, unsets=unsets)
    assert str(raised.value) == message


def test_where_filters_groups_values_by_field_and_checks_them(project: stagemap.Project) -> None:
    pairs = [("stage", "awareness"), ("status", "idea"), ("stage", "evaluation")]
    assert where_filters(project.config, pairs) == {"stage": ("awareness", "evaluation"), "status": ("idea",)}
    assert where_filters(project.config, [("colour", "red"), ("stage", "aware*")]) == {
        "colour": ("red",),
        "stage": ("aware*",),
    }
    with pytest.raises(UsageError, match=r"^cannot select on 'a b'"):
        where_filters(project.config, [("a b", "red")])


def test_check_id_change_refuses_one_id_for_many_files_and_a_dangling_next(project: stagemap.Project) -> None:
    config, library = project.config, project.library
    found = Files.of(config)
    files = [identify(config, config.content_dir / name, found) for name in ("cost.md", "pricing.md")]
    request = tag_request(config, library, add={}, remove={}, sets={"id": "price"}, unsets=())
    with pytest.raises(IdForManyFiles) as many:
        check_id_change(config, library, files, request)
    assert many.value.count == 2
    with pytest.raises(
        UsageError, match=r"^'pricing' is the next step of content/cost.md; change their next"
    ):
        check_id_change(config, library, files[1:], request)
    check_id_change(
        config, library, files[:1], tag_request(config, library, add={}, remove={}, sets={}, unsets=())
    )


def test_plan_rename_of_a_builtin_stage_says_how_without_options(project: stagemap.Project) -> None:
    with pytest.raises(BuiltinStages) as raised:
        plan_rename(project.config, "stage", "awareness", "noticing")
    assert raised.value.model == "buyer-journey"
    assert "--" not in str(raised.value)


def test_plan_init_lists_the_files_and_refuses_existing_ones(tmp_path: Path) -> None:
    plan = plan_init(tmp_path / "acme", "hourglass")
    assert tuple(plan.files) == (*INIT_FILES, ".gitignore")
    assert plan.files["stagemap.yml"].count("model: hourglass\n") == 1
    write(tmp_path / "acme", {"templates/README.md": "mine"})
    with pytest.raises(UsageError, match=r"templates/README.md already exists; init never overwrites"):
        plan_init(tmp_path / "acme", "hourglass")
    # A library there already (the sample of an earlier init too) gets no sample among its files.
    write(tmp_path / "again", {"content/why-we-exist.md": "mine"})
    again = plan_init(tmp_path / "again", "hourglass")
    assert (tuple(again.files), again.library) == (("stagemap.yml", "templates/README.md", ".gitignore"), 1)


def test_check_summary_and_json_come_from_the_library() -> None:
    result = stagemap.check_project(stagemap.load_project(ROOT, bodies=False))
    assert render_check_summary(result) == (
        "Checked 38 files in content/ against the buyer-journey model "
        "(9 stages, 8 questions, 3 personas): no problems."
    )
    assert render_check_json(result).startswith('{\n  "assets": 38,\n  "errors": 0,\n')
    assert not result.failed(strict=True)


def test_check_counts_files_that_could_not_become_assets(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG, "content/a.md": "---\ntitle: [\n---\n"})
    result = stagemap.check_project(stagemap.load_project(tmp_path))
    assert (result.files, result.assets, result.errors) == (1, 0, 1)
    assert render_check_summary(result).startswith("Checked 1 file (0 loaded as assets) in content/")
    assert result.failed(strict=False)


def _messages(path: Path) -> list[tuple[int, str]]:
    """The text of a module's messages: strings raised, and given to a problem or a refused edit."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: list[ast.AST] = [node for node in ast.walk(tree) if isinstance(node, ast.Raise)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name.endswith(("Error", "Problem")) or name in ("FileEdit", "Problem"):
                roots.append(node)
    return [
        (node.lineno, node.value)
        for root in roots
        for node in ast.walk(root)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


LIBRARY_MODULES = sorted(
    p.relative_to(SRC).as_posix() for folder in ("edit", "read") for p in (SRC / folder).glob("*.py")
)


@pytest.mark.parametrize("module", LIBRARY_MODULES)
def test_library_messages_name_no_command_line_option(module: str) -> None:
    # A git command quoted for the user to run ('git fetch --unshallow') names git's options.
    flagged = [
        (line, text)
        for line, text in _messages(SRC / module)
        if re.search(r"(?<![\w-])--[a-z]", re.sub(r"'git [^']*'", "", text))
    ]
    assert flagged == []
