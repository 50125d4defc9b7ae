"""Property tests of the lossless editor on generated front matter.

Documents mix flow and block lists (tight, spaced, multi-line, indented), single ids,
quoted titles, comments beside values and between keys, blank lines, CRLF, a BOM and a body
with or without a final newline. For each edit: the data reads back as intended (computed
here, independently of the editor), every line outside the edited entry is byte-identical,
the body is untouched, and an add followed by a remove gives back the original bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from stagemap.edit.lossless import (
    AddItems,
    EditError,
    RemoveItems,
    SetValue,
    Unset,
    edit_front_matter,
    format_scalar,
)
from stagemap.read import frontmatter, yamlsafe

IDS = ("awareness", "exploration", "commitment", "evaluation", "purchase", "a-b", "x_1")
LIST_KEYS = ("stages", "questions", "personas")
LIST_STYLES = ("flow", "flow-tight", "flow-spaced", "flow-multiline", "block", "block-deep", "scalar")


@dataclass
class Doc:
    """A generated file and what it means."""

    data: bytes
    keys: dict[str, list[str]]
    """The lines of each key's entry (without line breaks)."""
    styles: dict[str, str]
    body: bytes


def _entry(key: str, ids: list[str], style: str, comment: str) -> list[str]:
    if style == "scalar":
        return [f"{key}: {ids[0]}{comment}"]
    if style == "flow":
        return [f"{key}: [{', '.join(ids)}]{comment}"]
    if style == "flow-tight":
        return [f"{key}: [{','.join(ids)}]{comment}"]
    if style == "flow-spaced":
        return [f"{key}: [ {' , '.join(ids)} ]{comment}"]
    if style == "flow-multiline":
        return [f"{key}: [", *(f"  {i}," for i in ids[:-1]), f"  {ids[-1]}", f"  ]{comment}"]
    indent = "    " if style == "block-deep" else "  "
    lines = [f"{key}:"] + [f"{indent}- {i}" for i in ids]
    lines[-1] += comment
    return lines


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.booleans())
    title = draw(st.sampled_from(["Pricing", "What: a title", "It's #1", "no", "Ünïcode title"]))
    title_style = draw(st.sampled_from(["plain", "'", '"']))
    blocks: list[tuple[str | None, list[str]]] = [
        ("title", [f"title: {format_scalar(title, style=title_style, quote=chr(34))}"])
    ]
    styles: dict[str, str] = {}
    for key in LIST_KEYS:
        if key != "stages" and not draw(st.booleans()):
            continue
        ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True))
        style = draw(st.sampled_from(LIST_STYLES))
        if style == "scalar":
            ids = ids[:1]
        comment = draw(st.sampled_from(["", "  # note", " #x"]))
        styles[key] = style
        blocks.append((key, _entry(key, ids, style, comment)))
    for key, line in draw(
        st.lists(
            st.sampled_from(
                [("status", "status: draft"), ("region", "region: uk  # ours"), ("cta", "cta: 'Read on'")]
            ),
            unique=True,
        )
    ):
        blocks.append((key, [line]))
    blocks = draw(st.permutations(blocks))
    lines: list[str] = []
    keys: dict[str, list[str]] = {}
    for key, entry in blocks:
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["# a comment", "", "#"])))
        assert key is not None
        keys[key] = entry
        lines += entry
    if draw(st.booleans()):
        lines.append("# closing comment")
    body_text = draw(
        st.sampled_from(["", "Body.", "# Heading\n\n---\nnot front matter", "Line\r\nwith CRLF"])
    )
    body = (body_text + (newline if draw(st.booleans()) else "")).encode("utf-8")
    head = (
        ("\ufeff" if bom else "")
        + "---"
        + newline
        + "".join(line + newline for line in lines)
        + "---"
        + newline
    )
    return Doc(head.encode("utf-8") + body, keys, styles, body)


def _data(data: bytes) -> dict[str, Any]:
    split = frontmatter.split(data)
    loaded = yamlsafe.load(split.yaml).data
    assert isinstance(loaded, dict)
    return loaded


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _without_entry(data: bytes, key: str) -> list[bytes]:
    """The file's lines with the entry of ``key`` taken out (found by its shape, not by the editor)."""
    lines = data.splitlines(keepends=True)
    out: list[bytes] = []
    skipping = False
    for line in lines:
        if line.startswith(key.encode() + b":"):
            skipping = True
            continue
        if skipping and line[:1] == b" ":
            continue
        skipping = False
        out.append(line)
    return out


def _check_rest(before: Doc, after: bytes, key: str) -> None:
    assert _without_entry(before.data, key) == _without_entry(after, key)
    assert after.endswith(before.body)
    old, new = frontmatter.split(before.data), frontmatter.split(after)
    assert (new.body, new.bom, new.newline) == (old.body, old.bom, old.newline)


@settings(max_examples=300, deadline=None)
@given(documents(), st.sampled_from(LIST_KEYS), st.lists(st.sampled_from(IDS), min_size=1, max_size=3))
def test_add_items_changes_only_that_entry(doc: Doc, key: str, items: list[str]) -> None:
    before = _data(doc.data)
    after = edit_front_matter(doc.data, [AddItems(key, tuple(items))])
    data = _data(after)
    old = _as_list(before.get(key))
    assert _as_list(data[key]) == old + [i for i in dict.fromkeys(items) if i not in old]
    assert {k: v for k, v in data.items() if k != key} == {k: v for k, v in before.items() if k != key}
    assert [k for k in data if k in before] == list(before)
    _check_rest(doc, after, key)


@settings(max_examples=300, deadline=None)
@given(documents(), st.sampled_from(LIST_KEYS), st.lists(st.sampled_from(IDS), min_size=1, max_size=3))
def test_remove_items_changes_only_that_entry(doc: Doc, key: str, items: list[str]) -> None:
    before = _data(doc.data)
    after = edit_front_matter(doc.data, [RemoveItems(key, tuple(items))])
    data = _data(after)
    left = [i for i in _as_list(before.get(key)) if i not in items]
    assert _as_list(data.get(key)) == left
    assert (key in data) == bool(left)
    assert {k: v for k, v in data.items() if k != key} == {k: v for k, v in before.items() if k != key}
    _check_rest(doc, after, key)


@settings(max_examples=300, deadline=None)
@given(
    documents(),
    st.sampled_from(LIST_KEYS),
    st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True),
)
def test_add_then_remove_gives_back_the_original_bytes(doc: Doc, key: str, items: list[str]) -> None:
    present = _as_list(_data(doc.data).get(key))
    new = [i for i in items if i not in present]
    assume(new and doc.styles.get(key) != "scalar")  # a single id that became a list stays a list
    added = edit_front_matter(doc.data, [AddItems(key, tuple(new))])
    assert added != doc.data
    assert edit_front_matter(added, [RemoveItems(key, tuple(new))]) == doc.data


@settings(max_examples=300, deadline=None)
@given(documents(), st.text(max_size=40))
def test_set_any_title_reads_back_exactly(doc: Doc, title: str) -> None:
    before = _data(doc.data)
    after = edit_front_matter(doc.data, [SetValue(("title",), title)])
    assert _data(after) == {**before, "title": title}
    _check_rest(doc, after, "title")


@settings(max_examples=200, deadline=None)
@given(documents(), st.text(min_size=1, max_size=20), st.sampled_from(["owner", "region", "summary"]))
def test_set_then_unset_a_missing_key_gives_back_the_original_bytes(doc: Doc, value: str, key: str) -> None:
    assume(key not in doc.keys)
    added = edit_front_matter(doc.data, [SetValue((key,), value)])
    assert _data(added) == {**_data(doc.data), key: value}
    _check_rest(doc, added, key)
    assert edit_front_matter(added, [Unset(key)]) == doc.data


_yaml_ish = st.lists(
    st.sampled_from(
        [
            "title: x",
            "stages: [awareness",
            "stages:",
            "  - a",
            "- b",
            "questions: {a: b}",
            "&a x",
            "*a",
            "k: 'x",
            "\t- tab",
            "? complex",
            "[a, b]",
            "# comment",
            "",
            "x: |",
            "  block",
        ]
    ),
    max_size=8,
).map(lambda lines: ("---\n" + "\n".join(lines) + "\n---\nbody").encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(_yaml_ish, st.sampled_from(LIST_KEYS))
def test_editor_either_edits_safely_or_raises_edit_error(data: bytes, key: str) -> None:
    try:
        after = edit_front_matter(data, [AddItems(key, ("new-id",)), SetValue(("title",), "T")])
    except EditError:
        return
    fm = _data(after)
    assert "new-id" in _as_list(fm[key]) and fm["title"] == "T"
    assert after.endswith(b"\n---\nbody")


@settings(max_examples=300, deadline=None)
@given(
    documents(),
    st.sampled_from(LIST_KEYS),
    st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True),
)
def test_add_and_remove_in_one_edit_gives_back_the_original_bytes(
    doc: Doc, key: str, items: list[str]
) -> None:
    """Within one edit the original shape is known, so a single id comes back as a single id."""
    present = _as_list(_data(doc.data).get(key))
    new = [i for i in items if i not in present]
    assume(new)
    assert edit_front_matter(doc.data, [AddItems(key, tuple(new)), RemoveItems(key, tuple(new))]) == doc.data


@settings(max_examples=300, deadline=None)
@given(documents(), st.sampled_from(LIST_KEYS), st.lists(st.sampled_from(IDS), min_size=1, max_size=3))
def test_removing_ids_that_are_not_there_changes_no_byte(doc: Doc, key: str, items: list[str]) -> None:
    present = _as_list(_data(doc.data).get(key))
    absent = (*(i for i in items if i not in present), "not-in-any-model")
    assert edit_front_matter(doc.data, [RemoveItems(key, absent)]) == doc.data


@settings(max_examples=300, deadline=None)
@given(documents(), st.sampled_from(IDS))
def test_replacing_a_single_id_in_one_edit_keeps_it_single(doc: Doc, new: str) -> None:
    for key in [k for k, style in doc.styles.items() if style == "scalar"]:
        (old,) = _as_list(_data(doc.data)[key])
        if new == old:
            continue
        after = edit_front_matter(doc.data, [AddItems(key, (new,)), RemoveItems(key, (old,))])
        assert _data(after)[key] == new
        assert after == doc.data.replace(f"{key}: {old}".encode(), f"{key}: {new}".encode(), 1)
