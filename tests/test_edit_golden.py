"""Lossless edits as before/after pairs: tests/data/edit/NAME.md and NAME.md.expected.

Each expected file was written by ``pytest --update-golden`` and read line by line: only the
values the case asks for differ from the input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stagemap.edit.lossless import (
    AddItems,
    Change,
    EditError,
    RemoveItems,
    RenameKey,
    SetValue,
    Unset,
    edit_document,
    edit_front_matter,
    format_scalar,
    unified_diff,
)
from stagemap.read import frontmatter, yamlsafe

CASES = Path(__file__).parent / "data" / "edit"

CHANGES: dict[str, list[Change]] = {
    "block-list-add": [AddItems("stages", ("commitment",)), AddItems("questions", ("risk",))],
    "flow-list-add": [AddItems("stages", ("purchase",)), AddItems("questions", ("problems", "risk"))],
    "scalar-becomes-list": [AddItems("stages", ("exploration",)), AddItems("questions", ("problems",))],
    "missing-key-added": [AddItems("personas", ("owner",)), SetValue(("owner",), "Priya Nair")],
    "comments-beside-values": [
        SetValue(("status",), "published"),
        SetValue(("title",), "Your data: how to leave"),
    ],
    "crlf": [
        AddItems("stages", ("exploration",)),
        SetValue(("status",), "review"),
        AddItems("personas", ("owner",)),
    ],
    "bom": [AddItems("stages", ("exploration",)), SetValue(("review_by",), "2027-01-31")],
    "no-final-newline": [RemoveItems("personas", ("manager",)), SetValue(("cta",), "Book a call")],
    "remove-last-item": [RemoveItems("personas", ("owner",))],
    "quoting": [
        SetValue(("format",), "no"),
        SetValue(("version",), "1.10"),
        SetValue(("owner",), "a: b"),
        SetValue(("summary",), "#1 reason"),
        SetValue(("message",), "*starred*"),
        SetValue(("cta",), "&more"),
    ],
    "block-scalar-replaced": [SetValue(("summary",), "Short now.")],
    "multi-line-flow": [AddItems("stages", ("commitment",)), RemoveItems("stages", ("awareness",))],
    "unset-block-list": [Unset("personas")],
    "quote-style-kept": [SetValue(("title",), "It's single"), SetValue(("owner",), 'Says "hi"')],
    "empty-value-filled": [AddItems("personas", ("owner",))],
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_edit_case(name: str, request: pytest.FixtureRequest) -> None:
    before = (CASES / f"{name}.md").read_bytes()
    after = edit_front_matter(before, CHANGES[name])
    expected = CASES / f"{name}.md.expected"
    if request.config.getoption("--update-golden"):
        expected.write_bytes(after)
        return
    assert expected.exists(), f"{expected.name} is missing: run pytest --update-golden and review it"
    assert after == expected.read_bytes()
    # The body and whatever precedes the front matter never change.
    old, new = frontmatter.split(before), frontmatter.split(after)
    assert (new.body, new.bom, new.newline) == (old.body, old.bom, old.newline)


def test_every_case_has_changes() -> None:
    assert {p.name.removesuffix(".md") for p in CASES.glob("*.md")} == set(CHANGES)


def _fm(data: bytes) -> object:
    split = frontmatter.split(data)
    return yamlsafe.load(split.yaml).data


def test_edit_no_op_returns_the_same_bytes() -> None:
    before = (CASES / "crlf.md").read_bytes()
    changes: list[Change] = [
        AddItems("stages", ("awareness",)),
        RemoveItems("personas", ("owner",)),
        SetValue(("status",), "draft"),
        Unset("missing"),
    ]
    assert edit_front_matter(before, changes) == before


def test_edit_add_then_remove_restores_the_bytes() -> None:
    for name in ("block-list-add", "flow-list-add", "crlf", "no-final-newline", "multi-line-flow"):
        before = (CASES / f"{name}.md").read_bytes()
        added = edit_front_matter(
            before, [AddItems("stages", ("advocacy",)), AddItems("personas", ("boss",))]
        )
        assert added != before
        assert (
            edit_front_matter(
                added, [RemoveItems("stages", ("advocacy",)), RemoveItems("personas", ("boss",))]
            )
            == before
        )


def test_edit_remove_all_duplicates_of_an_id() -> None:
    before = b"---\ntitle: T\nstages: [a, b, a, c, a]\n---\n"
    assert (
        edit_front_matter(before, [RemoveItems("stages", ("a",))]) == b"---\ntitle: T\nstages: [b, c]\n---\n"
    )


def test_edit_set_value_that_looks_like_a_fence_stays_inside() -> None:
    after = edit_front_matter(b"---\ntitle: T\n---\nbody\n", [SetValue(("cta",), "---")])
    assert _fm(after) == {"title": "T", "cta": "---"}


def test_edit_refuses_a_flow_mapping_front_matter() -> None:
    with pytest.raises(EditError, match=r"one \{\.\.\.\} mapping"):
        edit_front_matter(b"---\n{title: T, stages: [a]}\n---\n", [AddItems("stages", ("b",))])


def test_edit_refuses_a_file_without_front_matter() -> None:
    with pytest.raises(EditError, match="no front matter"):
        edit_front_matter(b"# Just a heading\n", [SetValue(("title",), "T")])


def test_edit_refuses_broken_yaml() -> None:
    with pytest.raises(EditError, match=r"line 3: YAML syntax error: the list opened here is not closed"):
        edit_front_matter(b"---\ntitle: T\nstages: [a\n---\n", [SetValue(("title",), "U")])


def test_edit_refuses_a_list_key_holding_a_mapping() -> None:
    with pytest.raises(EditError, match="'stages' holds dict, not a list of ids"):
        edit_front_matter(b"---\nstages: {a: 1}\n---\n", [AddItems("stages", ("b",))])


def test_edit_empty_front_matter_gets_its_first_key() -> None:
    assert (
        edit_front_matter(b"---\n---\nBody\n", [SetValue(("title",), "T")]) == b"---\ntitle: T\n---\nBody\n"
    )
    crlf = b"---\r\n# only a comment\r\n---\r\n"
    assert (
        edit_front_matter(crlf, [SetValue(("title",), "T")])
        == b"---\r\n# only a comment\r\ntitle: T\r\n---\r\n"
    )


def test_edit_new_list_copies_the_block_style_and_indent() -> None:
    before = b"---\ntitle: T\nstages:\n    - a\nquestions: q\n---\n"
    after = edit_front_matter(before, [AddItems("personas", ("x", "y"))])
    assert after == b"---\ntitle: T\nstages:\n    - a\nquestions: q\npersonas:\n    - x\n    - y\n---\n"


def test_edit_one_id_in_a_file_of_scalars_stays_a_scalar() -> None:
    before = b"---\ntitle: T\nstages: a\nquestions: q\n---\n"
    assert edit_front_matter(before, [AddItems("personas", ("x",))]) == (
        b"---\ntitle: T\nstages: a\nquestions: q\npersonas: x\n---\n"
    )


def test_edit_unknown_key_goes_after_the_last_key() -> None:
    before = b"---\ntitle: T\nstages: [a]\n# trailing comment\n---\n"
    after = edit_front_matter(before, [SetValue(("region",), "uk")])
    assert after == b"---\ntitle: T\nstages: [a]\nregion: uk\n# trailing comment\n---\n"


def test_format_scalar_quotes_only_what_plain_yaml_would_misread() -> None:
    plain = ["awareness", "Pricing explained", "2026-03-31", "It's fine", "a-b", "ünïcödé", "C# and F#"]
    for value in plain:
        assert format_scalar(value) == value
    quoted = {
        "no": '"no"',
        "yes": '"yes"',
        "on": '"on"',
        "1.10": '"1.10"',
        "010": '"010"',
        "10:30": '"10:30"',
        "a: b": '"a: b"',
        "#tag": '"#tag"',
        "*star": '"*star"',
        "&anchor": '"&anchor"',
        "true": '"true"',
        "null": '"null"',
        "": '""',
        " padded": '" padded"',
        'say "hi"\n': '"say \\"hi\\"\\n"',
        "- item": '"- item"',
        "[x]": '"[x]"',
        "x, y": "x, y",
    }
    for value, text in quoted.items():
        assert format_scalar(value) == text, value
    assert format_scalar("x, y", flow=True) == '"x, y"'
    assert format_scalar("it's", quote="'") == "it's"
    assert format_scalar("#it's", quote="'") == "'#it''s'"
    assert format_scalar(True) == "true"
    assert format_scalar(3) == "3"
    assert format_scalar(1.5) == "1.5"


def test_edit_document_keeps_comments_and_renames_keys() -> None:
    before = b"# settings\nmessages:\n  risk: >-\n    Safe.  \n  # the rest\n  problems: P\nthresholds: {stages: {awareness: 3}}\n"
    after = edit_document(
        before,
        [
            RenameKey(("messages", "risk"), "safe"),
            RenameKey(("thresholds", "stages", "awareness"), "noticing"),
        ],
    )
    assert after == before.replace(b"  risk:", b"  safe:").replace(b"{awareness: 3}", b"{noticing: 3}")


def test_edit_document_without_final_newline_keeps_it_missing() -> None:
    assert edit_document(b"a: 1\nb: 2", [Unset("b")]) == b"a: 1"
    assert edit_document(b"a: 1\nb: [x]", [SetValue(("c",), "z")]) == b"a: 1\nb: [x]\nc: z"
    assert edit_document(b"a: 1\nb:\n- x", [AddItems("b", ("y",))]) == b"a: 1\nb:\n- x\n- y"


def test_edit_document_refuses_renaming_onto_an_existing_key() -> None:
    with pytest.raises(EditError, match="'b' is already a key there"):
        edit_document(b"m: {a: 1, b: 2}\n", [RenameKey(("m", "a"), "b")])


def test_edit_document_nested_missing_key_is_refused() -> None:
    with pytest.raises(EditError, match="'m' has no 'z' to change"):
        edit_document(b"m: {a: 1}\n", [SetValue(("m", "z"), 1)])


def test_unified_diff_marks_a_missing_final_newline() -> None:
    diff = unified_diff("content/x.md", b"a\nb", b"a\nc")
    assert diff == (
        "--- a/content/x.md\n+++ b/content/x.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
        "+c\n\\ No newline at end of file\n"
    )
    assert unified_diff("x", b"same", b"same") == ""
    assert (
        unified_diff("new.yml", b"", b"a\n", created=True)
        == "--- /dev/null\n+++ b/new.yml\n@@ -0,0 +1 @@\n+a\n"
    )


@pytest.mark.parametrize(
    "entry",
    [
        b"personas: []",
        b"personas: [ ]  # none yet",
        b"personas:",
        b"personas: ~",
        b"personas: [owner]",
        b"personas: owner",
        b"personas:\r\n  - owner",
    ],
)
def test_edit_removing_an_absent_id_changes_no_byte(entry: bytes) -> None:
    before = b"---\r\ntitle: T\r\n" + entry + b"\r\n---\r\n"
    assert edit_front_matter(before, [RemoveItems("personas", ("manager", "awarenes"))]) == before


def test_edit_one_edit_that_adds_and_removes_keeps_a_single_id_single() -> None:
    before = b"---\ntitle: T\nstages: awarness  # typo\nquestions: 'risk'\n---\n"
    after = edit_front_matter(
        before,
        [AddItems("stages", ("awareness",)), RemoveItems("stages", ("awarness",))],
    )
    assert after == b"---\ntitle: T\nstages: awareness  # typo\nquestions: 'risk'\n---\n"
    after = edit_front_matter(
        before, [AddItems("questions", ("problems",)), RemoveItems("questions", ("risk",))]
    )
    assert after == b"---\ntitle: T\nstages: awarness  # typo\nquestions: problems\n---\n"
    # Two ids left stay a list; a list that was a list before stays one.
    after = edit_front_matter(before, [AddItems("stages", ("a", "b")), RemoveItems("stages", ("awarness",))])
    assert b"stages: [a, b]  # typo\n" in after
    listed = b"---\ntitle: T\nstages: [awarness]\n---\n"
    assert (
        edit_front_matter(listed, [AddItems("stages", ("awareness",)), RemoveItems("stages", ("awarness",))])
        == b"---\ntitle: T\nstages: [awareness]\n---\n"
    )


def test_edit_separate_edits_keep_the_list_a_single_id_became() -> None:
    before = b"---\ntitle: T\nstages: awareness\n---\n"
    added = edit_front_matter(before, [AddItems("stages", ("advocacy",))])
    assert added == b"---\ntitle: T\nstages: [awareness, advocacy]\n---\n"
    assert edit_front_matter(added, [RemoveItems("stages", ("advocacy",))]) == (
        b"---\ntitle: T\nstages: [awareness]\n---\n"
    )
