"""``stagemap suggest`` output: a table to read, CSV or JSON to accept row by row, rules to paste."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from ..analyse.suggest import Suggestion
from .csvsafe import csv_text

COLUMNS = ("path", "field", "value", "reason", "accept")
"""Columns of the CSV and keys of each JSON row; ``accept`` is left for a person to fill in."""


def render_table(rows: Sequence[Suggestion]) -> str:
    """Aligned columns, a header first, the reason last (it is not padded)."""
    lines = [["PATH", "FIELD", "VALUE", "REASON"]]
    lines += [[s.path, s.field, s.value, s.reason] for s in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(3)]
    return "".join("  ".join([*(c.ljust(w) for c, w in zip(line, widths, strict=False)), line[3]]) + "\n"
                   for line in lines)  # fmt: skip


def render_csv(rows: Sequence[Suggestion]) -> str:
    """One row per suggestion with an empty ``accept`` cell; formula-like text neutralised."""
    return csv_text(COLUMNS, ([s.path, s.field, s.value, s.reason, ""] for s in rows))


def render_json(rows: Sequence[Suggestion]) -> str:
    """``{"version": 1, "suggestions": [...]}``, each row's ``accept`` null until a person decides."""
    data = {
        "version": 1,
        "suggestions": [
            {"path": s.path, "field": s.field, "value": s.value, "reason": s.reason, "accept": None}
            for s in rows
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_rules(tags: Mapping[str, Mapping[str, Sequence[str]]]) -> str:
    """Return settings rules giving each file its accepted tags, as YAML to paste under ``rules:``.

    ``tags`` is, per path under the file's source, the ids to add per key (``stages``,
    ``questions``). Files given the same ids share one rule; each path is anchored with a
    leading ``/`` so that it matches that file alone.
    """
    groups: dict[tuple[tuple[str, tuple[str, ...]], ...], list[str]] = {}
    for path, given in sorted(tags.items()):
        key = tuple((k, tuple(v)) for k, v in given.items() if v)
        if key:
            groups.setdefault(key, []).append(path)
    out = [
        "# Rules from accepted suggestions: paste under 'rules:' in stagemap.yml (after your own,",
        "# so that they add to what broader rules give). They change no file.",
    ]
    for ids, paths in sorted(groups.items(), key=lambda kv: kv[1][0]):
        adds = ", ".join(f"{k}: [{', '.join(v)}]" for k, v in ids)
        out += ["- match:", "    path:"]
        out += [
            f"      - {json.dumps('/' + p, ensure_ascii=False)}" for p in paths
        ]  # JSON strings are YAML too
        out.append(f"  add: {{{adds}}}")
    return "\n".join(out) + "\n"
