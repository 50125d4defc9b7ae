"""A JSON Schema (draft 2020-12) of asset front matter for one project, for editors and CI.

It describes what stagemap accepts, no more and no less strictly: text fields may be
numbers (``title: 2024``), optional fields may be empty, unknown keys are the user's own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model.library import STATUSES
from ..model.settings import Config

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = ["number", "string"]
_OPTIONAL_TEXT = ["null", "number", "string"]


def _ids(what: str, choices: Sequence[tuple[str, str]], *, required: bool) -> dict[str, Any]:
    listing = "; ".join(f"{i}: {name}" for i, name in choices)
    if not choices:
        return {
            "description": f"No {what}s are defined in stagemap.yml, so leave this out.",
            "type": ["array", "null"],
            "maxItems": 0,
        }
    one = {"enum": [i for i, _ in choices], "type": "string"}
    many: dict[str, Any] = {"items": one, "type": "array"}
    if required:
        many["minItems"] = 1
    options: list[dict[str, Any]] = [one, many]
    if not required:
        options.append({"type": "null"})
    return {"anyOf": options, "description": f"One {what} id or a list of them. {listing}."}


def front_matter_schema(config: Config) -> dict[str, Any]:
    """Return the schema as JSON-ready data."""
    model = config.model
    date = {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$", "type": ["null", "string"]}
    properties: dict[str, Any] = {
        "id": {
            "description": "Unique id (default: the path under the content folder without .md).",
            "pattern": r"^\S+$",
            "type": _OPTIONAL_TEXT,
        },
        "title": {"description": "Title.", "minLength": 1, "type": _TEXT},
        "stages": _ids("stage", [(s.id, s.name) for s in model.stages], required=True),
        "questions": _ids("question", [(q.id, q.name) for q in config.questions], required=True),
        "personas": _ids("persona", [(p.id, p.name) for p in config.personas], required=False),
        "format": {"description": "Format, e.g. article, case-study, one-pager.", "type": _OPTIONAL_TEXT},
        "status": {
            "default": "published",
            "description": "Only published assets count as coverage.",
            "enum": [*STATUSES, None],
        },
        "owner": {"description": "Who keeps it up to date.", "type": _OPTIONAL_TEXT},
        "updated": {**date, "description": "When it was last updated (YYYY-MM-DD)."},
        "publish_on": {
            **date,
            "description": "The day it goes on the site: before it, it does not count as coverage yet (YYYY-MM-DD).",
        },
        "review_by": {
            **date,
            "description": "After this date it is stale and no longer counts as coverage (YYYY-MM-DD).",
        },
        "message": {"description": "The key message in one sentence.", "type": _OPTIONAL_TEXT},
        "summary": {"description": "A short summary.", "type": _OPTIONAL_TEXT},
        "next": {
            "description": "The asset id or stage id it hands the buyer on to. Stages: "
            + ", ".join(model.stage_ids)
            + ".",
            "type": _OPTIONAL_TEXT,
        },
        "cta": {"description": "Call-to-action text.", "type": _OPTIONAL_TEXT},
    }
    answerable = model.answerable()
    if answerable:
        stages: dict[str, list[str]] = {}
        for stage_id, item_id in answerable:
            stages.setdefault(item_id, []).append(stage_id)
        choices = [(i, "at " + ", ".join(where)) for i, where in stages.items()]
        properties["answers"] = _ids("objection or obstacle", choices, required=False)
    return {
        "$schema": DRAFT,
        "additionalProperties": True,
        "description": f"Front matter of a content file, for the {model.name} model ({model.id}).",
        "properties": properties,
        "required": ["title", "stages", "questions"],
        "title": f"{config.name} asset front matter",
        "type": "object",
    }


def render_schema(config: Config) -> str:
    """Return the schema as JSON text: sorted keys, two-space indent, final newline."""
    return json.dumps(front_matter_schema(config), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
