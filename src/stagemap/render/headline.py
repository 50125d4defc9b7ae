"""The headline of a gap report: how many assets can be sent to a buyer today, what that means,
and why the others cannot. Text in, text out."""

from __future__ import annotations

from ..model.report import Report
from .words import plural

HELD_WORDS: dict[str, tuple[str, str, str]] = {
    "draft": ("a draft", "draft", "drafts"),
    "review": ("in review", "in review", "in review"),
    "idea": ("an idea", "idea", "ideas"),
    "scheduled": ("not on the site until its day",) * 2 + ("not on the site until their day",),
    "stale": ("past its review date",) * 2 + ("past their review date",),
    "retired": ("retired",) * 3,
}
"""Each reason of `Sendable.held` in words: for the one asset held (``The other one is a
draft``), after a count of one (``1 draft``) and after a count of several (``2 drafts``)."""
READY = "published, on the site and not past their review date"
"""What "can be sent" and "ready" mean in the headline: `stagemap.model.library.Asset.held`."""
NO_ASSETS = (
    "No assets yet: no file in the sources was read as one ('stagemap check --format json' says what"
    " became of each file; 'stagemap new' starts one)."
)
"""The headline of a report on a library with no assets."""


def sendable(report: Report) -> str:
    """Return the headline that counts the assets a buyer could be sent today, says what that
    means and, for the others, why not (each reason counted), and what keeps those that can from
    counting or from being sent as a link."""
    facts, total, ready = report.sendable, report.total, len(report.eligible)
    if not total:
        if report.persona and facts.library:
            each = (
                "the one asset names" if facts.library == 1 else f"each of the {facts.library} assets names"
            )
            return (
                f"No asset is for persona '{report.persona}': {each} other personas"
                " (one that names none is for everyone)."
            )
        return NO_ASSETS
    of = f"{ready} of {plural(total, 'asset')}"
    if facts.internal:
        text = (
            f"{of} {'is' if ready == 1 else 'are'} ready today ({READY}):"
            f" {ready - facts.internal} to send to buyers, {facts.internal} for the team only."
        )
    else:
        text = f"{of} can be sent to buyers today ({READY})."
    text += _held(facts.held, total - ready, ready)
    if facts.untagged:
        some = (
            "None of them has a stage and a question"
            if facts.untagged == ready > 1
            else "The one that can be sent lacks a stage or a question"
            if facts.untagged == ready
            else f"{facts.untagged} of them {'lacks' if facts.untagged == 1 else 'lack'} a stage or a question"
        )
        text += f" {some} yet, so {'it fills' if facts.untagged == 1 else 'they fill'} no cell:"
        text += " 'stagemap suggest' proposes some."
    if facts.no_address:
        text += " " + _no_address(report)
    return text


def _held(held: tuple[tuple[str, int], ...], others: int, ready: int) -> str:
    """Say why the ``others`` assets that cannot be sent cannot (`Sendable.held`), or ``""``."""
    if not held:
        return ""
    if others == 1:
        why = held[0][0]
        return f" {'The other one' if ready else 'It'} is {HELD_WORDS.get(why, (why,) * 3)[0]}."
    words = (f"{n} {HELD_WORDS.get(why, (why,) * 3)[1 if n == 1 else 2]}" for why, n in held)
    return f" {f'The other {others}' if ready else f'Of the {others}'}: {', '.join(words)}."


def _no_address(report: Report) -> str:
    """Say that buyer-facing assets of a site read in place have no public address, and what gives one."""
    count = report.sendable.no_address
    buyers = len(report.eligible) - report.sendable.internal
    lead = (
        "The one to send has no public address"
        if count == buyers == 1
        else f"None of the {buyers} to send has a public address"
        if count == buyers
        else f"{count} of the {buyers} to send {'has' if count == 1 else 'have'} no public address"
    )
    fix = (
        "a 'url' in their front matter, or 'urls: {pattern: ...}' in stagemap.yml, gives them one"
        if report.config.rules.public_base
        else "set 'urls: {base: ADDRESS}' in stagemap.yml to the public site's address"
    )
    return f"{lead}, so kits link to the site stagemap builds: {fix}."
