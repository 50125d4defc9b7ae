"""The result of a check as text: the summary line, or JSON with every problem. Pure."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..analyse.check import CheckResult
from ..model.library import FileFate
from .fates import fates_data
from .words import plural


def render_check_summary(result: CheckResult) -> str:
    """Return the one line that ends a check: what was checked against what, and what was found."""
    loaded = "" if result.files == result.assets else f" ({result.assets} loaded as assets)"
    folders = list(result.content)
    where = folders[0] if len(folders) == 1 else f"{', '.join(folders[:-1])} and {folders[-1]}"
    summary = (
        f"Checked {plural(result.files, 'file')}{loaded} in {where} against the "
        f"{result.model} model ({plural(result.stages, 'stage')}, "
        f"{plural(result.questions, 'question')}, {plural(result.personas, 'persona')}): "
    )
    if not result.problems:
        return summary + "no problems."
    return summary + f"{plural(result.errors, 'error')}, {plural(result.warnings, 'warning')}."


def render_check_json(result: CheckResult, fates: Iterable[FileFate] = ()) -> str:
    """Return the check as a JSON document (version 1): counts, every problem, every file's fate."""
    data = {
        "version": 1,
        "assets": result.assets,
        "errors": result.errors,
        "warnings": result.warnings,
        "problems": [p.as_dict() for p in result.problems],
        "files": fates_data(fates),
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
