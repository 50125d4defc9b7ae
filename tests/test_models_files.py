"""`stagemap models copy` and `models new`: model files a project owns, loaded by `model: FILE`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.models import builtin_model_text
from tests.conftest import MINIMAL_CONFIG, write


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/a.md": "---\ntitle: A\nstages: [awareness]\nquestions: [problems]\n---\n",
        },
    )
    monkeypatch.chdir(root)
    return root


def test_models_copy_keeps_the_builtin_text_and_comments(project: Path) -> None:
    assert run("models", "copy", "hourglass", "models/ours.yml") == (
        0,
        "Copied the built-in model hourglass to models/ours.yml; set 'model: models/ours.yml' in "
        "stagemap.yml to use it.\n",
        "",
    )
    text = (project / "models/ours.yml").read_text()
    assert text.endswith(builtin_model_text("hourglass"))
    assert text.startswith("# A journey model copied from stagemap's built-in 'hourglass' model.")
    (project / "stagemap.yml").write_text(
        MINIMAL_CONFIG.replace("model: buyer-journey", "model: models/ours.yml")
    )
    (project / "models/ours.yml").write_text(text.replace("\nname: Hourglass\n", "\nname: Our hourglass\n"))
    model = stagemap.load_project(project).config.model
    assert (model.name, len(model.stages)) == ("Our hourglass", 7)  # the copy is read, not the built-in


def test_models_copy_refuses_to_overwrite_without_force(project: Path) -> None:
    write(project, {"ours.yml": "mine\n"})
    assert run("models", "copy", "acd", "ours.yml") == (
        2,
        "",
        "Error: ours.yml already exists (use --force to overwrite)\n",
    )
    assert (project / "ours.yml").read_text() == "mine\n"
    assert run("models", "copy", "acd", "ours.yml", "--force")[0] == 0
    assert (project / "ours.yml").read_text().endswith(builtin_model_text("acd"))
    assert run("models", "copy", "acdc", "x.yml")[2] == "Error: unknown model 'acdc' (did you mean 'acd'?)\n"
    assert run("models", "copy", "acd", "../x.yml")[2] == (
        f"Error: ../x.yml is outside the project {project.resolve()}; a model file lives in the project\n"
    )


def test_models_new_writes_a_skeleton_that_checks(project: Path) -> None:
    assert run("models", "new", "Our Journey.yml")[0] == 0
    write(
        project,
        {
            "stagemap.yml": MINIMAL_CONFIG.replace("model: buyer-journey", "model: Our Journey.yml"),
            "content/a.md": "---\ntitle: A\nstages: [notice]\nquestions: [problems]\n---\n",
        },
    )
    config = stagemap.load_project(project).config
    assert (config.model.id, config.model.stage_ids) == ("our-journey", ("notice", "decide", "succeed"))
    assert run("check")[0] == 0
