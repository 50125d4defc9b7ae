"""`stagemap new`: valid front matter, a safe file name, a brief from a gap, prompts on a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli import edit as cli_edit
from stagemap.cli import new as cli_new
from stagemap.cli.app import cli
from stagemap.edit.new import slugify
from stagemap.model.library import STATUSES
from tests.conftest import MINIMAL_CONFIG, write


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + "messages:\n  risk: Cancel any month.\n",
            "content/blog/cost.md": "---\ntitle: Cost\nstages: [awareness]\nquestions: [problems]\nnext: exploration\n---\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_valid_front_matter_and_a_starter_body(project: Path) -> None:
    code, out, err = run(
        "new",
        "Pricing: what's included?",
        "--stage",
        "evaluation",
        "--question",
        "risk",
        "--persona",
        "owner",
        "--format",
        "faq",
        "--owner",
        "Priya",
    )
    assert (code, out, err) == (0, "content/pricing-whats-included.md\n", "")
    text = (project / "content/pricing-whats-included.md").read_text()
    assert text.startswith(
        '---\ntitle: "Pricing: what\'s included?"\nstages: [evaluation]\nquestions: [risk]\n'
        "personas: [owner]\nformat: faq\nstatus: idea\nowner: Priya\n---\n\n# Pricing: what's included?\n\n"
    )
    assert "- **Question:** How do you make buying from you safe?\n" in text
    assert "- **For:** Owner. Fewer missed jobs.\n" in text
    assert run("check")[0] == 0


def test_new_gap_writes_a_brief_and_the_next_stage(project: Path) -> None:
    code, out, err = run("new", "--gap", "exploration:risk", "--format", "checklist")
    assert (code, err) == (0, "")
    assert out == "content/blog/how-acme-makes-trying-it-safe.md\n"
    text = (project / out.strip()).read_text()
    assert text.startswith(
        "---\ntitle: How Acme makes trying it safe\n"
        "stages: [exploration]\nquestions: [risk]\nformat: checklist\nstatus: idea\nnext: commitment\n---\n"
    )
    for line in (
        "## Brief\n",
        "Exploring a better way: nothing answers \u201cHow do you make buying from you safe?\u201d while buyers need to understand",
        "- **Stage:** Exploring a better way (`exploration`), before the purchase, led by marketing.\n",
        "- **What they are thinking:** Curious but guarded",
        "- **The question to answer:** How do you make buying from you safe?\n",
        "- **Our answer in one line:** Cancel any month.\n",
        "- **Formats that suit this stage:** guide, webinar, comparison, case-study, newsletter\n",
        "- **Hand them on to:** Committing to change (`next: commitment`)\n",
        "What moves buyers forward here:\n\n- A clear map of the options",
        "What gets them stuck, and what this asset can take away:\n\n- Too many options",
        "## Draft\n",
    ):
        assert line in text
    assert run("check")[0] == 0


def test_new_gap_refuses_a_cell_marked_not_applicable(project: Path) -> None:
    write(project, {"stagemap.yml": MINIMAL_CONFIG + "not_applicable: [purchase:who-we-are]\n"})
    assert run("new", "--gap", "purchase:who-we-are") == (
        2,
        "",
        "Error: purchase:who-we-are is marked not applicable in stagemap.yml, so there is no gap to fill "
        "(take it out of not_applicable first if it should be answered)\n",
    )
    assert sorted(p.name for p in (project / "content").rglob("*.md")) == ["cost.md"]


def test_new_gap_files_the_asset_where_its_stage_lives(project: Path) -> None:
    write(
        project,
        {
            "content/sales/price.md": "---\ntitle: P\nstages: evaluation\nquestions: risk\n---\n",
            "content/sales/demo.md": "---\ntitle: D\nstages: [evaluation]\nquestions: [who-for]\n---\n",
            "content/guides/compare.md": "---\ntitle: C\nstages: evaluation\nquestions: problems\n---\n",
            "content/customers/tips.md": "---\ntitle: T\nstages: adoption\nquestions: problems\n---\n",
        },
    )
    assert run("new", "--gap", "evaluation:who-we-are")[1] == "content/sales/why-acme-exists.md\n"
    # Same working title in the same folder: the stage's id tells the second file apart.
    assert run("new", "--gap", "commitment:who-we-are")[1] == "content/sales/why-acme-exists-commitment.md\n"
    # A stage without assets takes the folder of the nearest stage that has some.
    assert run("new", "--gap", "advocacy:help")[1] == (
        "content/customers/who-helps-us-when-something-goes-wrong-and-how-fast.md\n"
    )
    assert run("new", "--gap", "purchase:who-for", "--path", "deals/")[1] == (
        "content/deals/is-acme-the-right-fit-a-last-check-before-you-sign.md\n"
    )
    assert run("check")[0] == 0


def test_new_gap_in_an_empty_library_makes_a_folder_for_the_stage(project: Path) -> None:
    (project / "content/blog/cost.md").unlink()
    code, out, _ = run("new", "--gap", "onboarding:value")
    assert (code, out) == (0, "content/onboarding/what-has-it-given-us-so-far-in-terms-we-care-about.md\n")


def test_new_gap_title_of_a_custom_question_is_its_prompt(project: Path) -> None:
    questions = (
        "questions:\n  - problems\n  - {id: switching, name: Switching, prompt: How hard is it to move?}\n"
    )
    write(project, {"stagemap.yml": MINIMAL_CONFIG + questions})
    assert run("new", "--gap", "awareness:switching")[1] == "content/blog/how-hard-is-it-to-move.md\n"


def test_new_gap_at_the_last_stage_has_no_next_step(project: Path) -> None:
    code, out, _ = run("new", "Tell a friend", "--gap", "renewal:again")
    assert code == 0
    text = (project / out.strip()).read_text()
    assert "next:" not in text.split("---")[1]
    assert "this is the last stage" in text


def test_new_gap_on_a_covered_cell_says_so(project: Path) -> None:
    write(project, {"content/b.md": "---\ntitle: B\nstages: awareness\nquestions: problems\n---\n"})
    code, _, err = run("new", "Another", "--gap", "awareness:problems")
    assert code == 0
    assert err == "note: awareness:problems is already covered (2 assets); making another anyway\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "missing TITLE (or use --gap STAGE:QUESTION to take one from a gap)"),
        (
            ["T"],
            "missing --stage (valid: awareness, exploration, commitment, evaluation, purchase, onboarding, adoption, advocacy, renewal)",
        ),
        (["T", "--stage", "awareness"], "missing --question (valid: who-we-are, problems, who-for, risk)"),
        (
            ["T", "--stage", "awarenes", "--question", "risk"],
            "unknown stage 'awarenes' (did you mean 'awareness'?)",
        ),
        (
            ["T", "--stage", "awareness", "--question", "risk", "--persona", "boss"],
            "unknown persona 'boss' (valid: owner, manager)",
        ),
        (["  ", "--stage", "awareness", "--question", "risk"], "the title is empty"),
        (["--gap", "awareness"], "--gap needs STAGE:QUESTION, e.g. awareness:problems; got 'awareness'"),
        (["--gap", "awareness:rsk"], "unknown question 'rsk' (did you mean 'risk'?)"),
        (
            ["--gap", "awareness:risk", "--stage", "exploration"],
            "--gap sets the stage and the question; leave out --stage and --question",
        ),
        (
            ["T", "--stage", "awareness", "--question", "risk", "--path", "../x.md"],
            "--path ../x.md is outside the content folder content/",
        ),
        (
            ["Cost", "--stage", "awareness", "--question", "risk", "--path", "blog/"],
            "content/blog/cost.md already exists (give another title or --path; new never overwrites)",
        ),
    ],
)
def test_new_usage_errors(project: Path, args: list[str], message: str) -> None:
    assert run("new", *args) == (2, "", f"Error: {message}\n")


def test_new_status_choices_match_the_library() -> None:
    option = next(p for p in cli_new.new.params if p.name == "status")
    assert tuple(option.type.choices) == STATUSES  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("path", "created"),
    [
        ("guides/", "content/guides/a-title.md"),
        ("blog", "content/blog/a-title.md"),
        ("guides/named", "content/guides/named.md"),
        ("content/guides/named.md", "content/guides/named.md"),
    ],
)
def test_new_path_is_under_the_content_folder(project: Path, path: str, created: str) -> None:
    code, out, _ = run("new", "A title", "--stage", "awareness", "--question", "risk", "--path", path)
    assert (code, out) == (0, created + "\n")
    assert (project / created).is_file()


def test_new_refuses_an_id_already_taken(project: Path) -> None:
    write(project, {"content/x.md": "---\nid: hello\ntitle: X\nstages: awareness\nquestions: risk\n---\n"})
    assert run("new", "Hello", "--stage", "awareness", "--question", "risk")[2] == (
        "Error: id 'hello' is already used by content/x.md\n"
    )


def test_new_prints_a_path_usable_from_another_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "content")
    code, out, _ = run("new", "Deep", "--stage", "awareness", "--question", "risk")
    assert (code, out) == (0, "deep.md\n")


def test_new_uses_the_projects_template(project: Path) -> None:
    write(
        project,
        {"templates/new-asset.md.j2": "# {{ asset.title }}\n\nOur house style for {{ project.name }}.\n"},
    )
    code, _, _ = run("new", "Styled", "--stage", "awareness", "--question", "risk")
    assert code == 0
    assert (
        (project / "content/styled.md").read_text().endswith("---\n\n# Styled\n\nOur house style for Acme.\n")
    )


def test_new_asks_for_every_field_on_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_edit, "stdin_is_tty", lambda: True)
    answers = "Ask me\nawarenes\nawareness\nproblems, risk\nowner\nchecklist\n"
    code, out, err = run("new", input=answers)
    assert code == 0
    assert out == "content/ask-me.md\n"
    assert (
        "Stages:\n   1  awareness    Noticing the problem\n   2  exploration  Exploring a better way\n" in err
    )
    assert "Error: unknown id 'awarenes' (did you mean 'awareness'?)\n" in err
    assert "Formats that suit this stage:\n   1  article\n   2  blog-post\n   3  checklist\n" in err
    assert (
        (project / "content/ask-me.md")
        .read_text()
        .startswith(
            "---\ntitle: Ask me\nstages: [awareness]\nquestions: [problems, risk]\npersonas: [owner]\n"
            "format: checklist\nstatus: idea\n---\n"
        )
    )


def test_new_takes_numbers_and_the_format_shown_in_the_prompt(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_edit, "stdin_is_tty", lambda: True)
    code, out, err = run("new", input="By number\n10\n2\n2, 4\n1\n\n")
    assert (code, out) == (0, "content/by-number.md\n")
    assert "Stages (numbers or ids, separated by commas): 10\nError: no choice number 10 (1 to 9)\n" in err
    assert err.endswith("Format (a number or a name; - for none) [guide]: \n")
    assert (
        (project / "content/by-number.md")
        .read_text()
        .startswith(
            "---\ntitle: By number\nstages: [exploration]\nquestions: [problems, risk]\npersonas: [owner]\n"
            "format: guide\nstatus: idea\n---\n"
        )
    )


@pytest.mark.parametrize(("answer", "line"), [("3\n", "format: comparison\n"), ("-\n", "")])
def test_new_format_prompt_takes_a_number_or_none(
    project: Path, monkeypatch: pytest.MonkeyPatch, answer: str, line: str
) -> None:
    monkeypatch.setattr(cli_edit, "stdin_is_tty", lambda: True)
    code, out, _ = run("new", input="F\nexploration\nrisk\n\n" + answer)
    assert (code, out) == (0, "content/f.md\n")
    fields = (project / "content/f.md").read_text().split("---\n")[1]
    assert fields.endswith("questions: [risk]\n" + line + "status: idea\n")


def test_new_asks_only_for_what_is_missing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_edit, "stdin_is_tty", lambda: True)
    code, out, _ = run("new", "Half", "--stage", "awareness", input="risk\n")
    assert (code, out) == (0, "content/half.md\n")


def test_new_never_asks_with_no_input(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_edit, "stdin_is_tty", lambda: True)
    assert run("new", "T", "--no-input", input="awareness\n")[2] == (
        "Error: missing --stage (valid: awareness, exploration, commitment, evaluation, purchase, "
        "onboarding, adoption, advocacy, renewal)\n"
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("What a missed call costs", "what-a-missed-call-costs"),
        ("Ärger & Größe: über’s Café", "arger-and-grosse-ubers-cafe"),
        ("../../etc/passwd", "etc-passwd"),
        ("日本語", "untitled"),
        ("  --Spaces--  ", "spaces"),
        ("Søren Łukasz Þór", "soren-lukasz-thor"),
        ("a" * 80, "a" * 60),
        ("word " * 20, "word-word-word-word-word-word-word-word-word-word-word-word"),
    ],
)
def test_slugify_is_ascii_and_safe(title: str, slug: str) -> None:
    assert slugify(title) == slug


def _site(root: Path, files: dict[str, str]) -> Path:
    page = "---\ntitle: {}\n---\nA page of the site, in a few words.\n"
    return write(
        root, {name: page.format(title) if "\n" not in title else title for name, title in files.items()}
    )


def test_new_on_a_site_goes_where_most_pages_live_not_to_the_first_source(tmp_path: Path) -> None:
    """On an Astro site read in place, init lists the authors collection first: 'new' wrote the
    page into src/content/authors/, whose schema wants a name and a first name (the site's build
    would fail), and 'new --gap' made src/content/authors/awareness/. A new page goes to the
    source holding the most pages (the blog), its id named as that source names its pages."""
    settings = MINIMAL_CONFIG + (
        "generator: astro\nsources:\n"
        "  - {path: src/content/authors, url: '/blog/author/{entry}/', id: authors/}\n"
        "  - {path: src/content/blog, url: '/blog/{entry}/', id: blog/}\n"
    )
    files = {"stagemap.yml": settings, "src/content/authors/sam.md": "Sam"}
    files |= {f"src/content/blog/post-{n}.md": f"Post {n}" for n in range(3)}
    root = _site(tmp_path, files)
    code, out, err = run(
        "-C", str(root), "new", "Why kilns crack", "--stage", "awareness", "--question", "problems"
    )
    assert (code, err) == (0, ""), err
    assert out.strip().endswith("src/content/blog/why-kilns-crack.md")
    code, out, _ = run("-C", str(root), "new", "--gap", "awareness:problems")
    assert code == 0
    assert "src/content/blog/" in out and "authors" not in out
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert '"blog/why-kilns-crack"' in out
    # A path in another source's folder goes there, its id that source's.
    code, out, err = run(
        "-C",
        str(root),
        "new",
        "Ada",
        "--stage",
        "awareness",
        "--question",
        "problems",
        "--path",
        "src/content/authors/ada.md",
    )
    assert (code, err) == (0, ""), err
    assert (root / "src/content/authors/ada.md").is_file()


def test_new_gap_on_an_untagged_site_goes_to_its_busiest_folder_never_into_a_bundle(tmp_path: Path) -> None:
    """Flux's Hugo site, not tagged yet: 'new --gap awareness:problems' made content/awareness/
    (a new section of the live site). With no stage's pages to follow, the gap's page goes to
    the folder holding the most pages; a post that is its folder's index (a page bundle) counts
    for the folder above it, as a file beside an index.md is one of the bundle's resources."""
    settings = MINIMAL_CONFIG + "generator: hugo\nsources:\n  - {path: content, url: '/{path}/'}\n"
    files = {"stagemap.yml": settings, "content/about.md": "About", "content/docs/setup.md": "Setup"}
    files |= {f"content/blog/2026-0{n}-news/index.md": f"News {n}" for n in range(1, 5)}
    root = _site(tmp_path, files)
    code, _out, err = run("-C", str(root), "new", "--gap", "awareness:problems")
    assert (code, err) == (0, ""), err
    made = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.md"))
    assert [
        p for p in made if "news" not in p and p not in ("content/about.md", "content/docs/setup.md")
    ] == ["content/blog/the-problems-acme-takes-away.md"]
