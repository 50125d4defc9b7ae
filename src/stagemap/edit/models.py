"""Journey model files a project owns: a copy of a built-in model, or a commented skeleton. Text only."""

from __future__ import annotations

from ..errors import UsageError, suggest
from ..lazyre import lazy
from ..read.models import builtin_model_names, builtin_model_text

_ID_SAFE = lazy(r"[^a-z0-9-]+")


def copied_model(name: str) -> str:
    """Return the text of built-in model ``name`` with a first comment saying where it came from.

    The built-in file is copied as it is, comments and all, so the copy reads the same.
    """
    names = builtin_model_names()
    if name not in names:
        raise UsageError(f"unknown model '{name}' ({suggest(name, names)})")
    header = (
        f"# A journey model copied from stagemap's built-in '{name}' model. Edit it freely; the\n"
        f"# project uses it once stagemap.yml says `model: <this file's path>`.\n"
    )
    return header + builtin_model_text(name)


def model_id(file_name: str) -> str:
    """Return a model id made from a file name: ``Our Journey.yml`` gives ``our-journey``."""
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return _ID_SAFE.sub("-", stem.lower()).strip("-") or "our-journey"


def skeleton_model(model: str) -> str:
    """Return a commented model with three stages to rename and fill in; it loads as it is."""
    return SKELETON.replace("MODEL_ID", model)


SKELETON = """\
# A journey model of your own. The project uses it once stagemap.yml says
# `model: <this file's path>`; `stagemap models show` then lists its stages, and
# `stagemap check` reports any mistake here at its line. Built-in models to compare with:
# `stagemap models`, and `stagemap models copy NAME FILE` copies one to start from instead.

id: MODEL_ID
name: Our buyer's journey
description: >-
  One paragraph: whose journey this is, and where it starts and ends.

# The stages, in the order a buyer goes through them. Each needs an id (lowercase letters,
# digits and -), a name, a phase (before, at or after the purchase) and a lead (marketing,
# sales or success: who owns the stage). The rest feeds the report, kits and briefs.
stages:
  - id: notice
    name: Notice the problem
    phase: before
    lead: marketing
    goal: >-
      What the buyer must achieve here to move on, in their terms.
    mindset: >-
      What they are thinking, in their words. "Is this a real problem or just a bad month?"
    forward: [What moves them on]
    # Obstacles: text, or {id, text} so that an asset that answers one can name it in `answers`.
    stuck:
      - {id: no-time, text: What stalls them}
    backward: [What sends them back]
    formats: [article, checklist]

  - id: decide
    name: Decide to buy
    phase: at
    lead: sales
    goal: >-
      Agree that this is the right choice, at a price and on terms they can sign.
    mindset: >-
      "What could go wrong, and who has to say yes?"
    forward: [Proof from customers like them]
    stuck: [Unanswered questions from finance]
    backward: [A surprise in the contract]
    formats: [case-study, proposal, faq]

  - id: succeed
    name: Succeed with it
    phase: after
    lead: success
    goal: >-
      Get the result they bought it for, and tell others.
    mindset: >-
      "Was this worth it?"
    forward: [A first result within weeks]
    stuck: [No time to set it up]
    backward: [A setback nobody explains]
    formats: [guide, checklist]

# Optional: `order: any` when buyers move between stages freely (the default, line, means
# forward is a later stage), and `plays:` per stage id for `stagemap play` (signals, exit,
# next_step, opening, ask, objections, deciders, red_flags, not_now, points); see
# docs/settings.md in the stagemap source.
"""
"""The text of `skeleton_model`, ``MODEL_ID`` standing for the model's id."""
