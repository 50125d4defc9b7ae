"""The headline of a gap report: how many assets can be sent to a buyer today, what that means,
and why the others cannot. Text in, text out."""

from __future__ import annotations

from ..model.report import Report

HELD_WORDS: dict[str, tuple[str, str]] = {
    "draft": ("draft", "drafts"),
    "review": ("in review", "in review"),
    "idea": ("idea", "ideas"),
    "stale": ("past its review date", "past their review date"),
    "scheduled": ("not on the site until its day", "not on the site until their day"),
    "retired": ("retired", "retired"),
}
"""Each reason of `Sendable.held` in words, for one asset and for several."""
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
            return (
                f"No asset is for persona '{report.persona}': each of the {facts.library} names other"
                " personas (one that names none is for everyone)."
            )
        return NO_ASSETS
    if facts.internal:
        text = (
            f"{ready} of {total} assets are ready today (published, not past their review date):"
            f" {ready - facts.internal} to send to buyers, {facts.internal} for the team only."
        )
    else:
        text = (
            f"{ready} of {total} assets can be sent to buyers today (published, not past their review date)."
        )
    if facts.held:
        words = (f"{n} {HELD_WORDS.get(why, (why, why))[n != 1]}" for why, n in facts.held)
        text += f" {f'The other {total - ready}' if ready else f'Of the {total}'}: {', '.join(words)}."
    if facts.untagged:
        some = (
            "None of them has a stage and a question"
            if facts.untagged == ready > 1
            else f"{facts.untagged} of them {'lacks' if facts.untagged == 1 else 'lack'} a stage or a question"
        )
        text += f" {some} yet, so {'it fills' if facts.untagged == 1 else 'they fill'} no cell:"
        text += " 'stagemap suggest' proposes some."
    if facts.no_address:
        text += " " + _no_address(report)
    return text


def _no_address(report: Report) -> str:
    """Say that buyer-facing assets of a site read in place have no public address, and what gives one."""
    count = report.sendable.no_address
    buyers = len(report.eligible) - report.sendable.internal
    lead = (
        f"None of the {buyers} to send has a public address"
        if count == buyers and buyers > 1
        else f"{count} of those to send {'has' if count == 1 else 'have'} no public address"
    )
    fix = (
        "a 'url' in their front matter, or 'urls: {pattern: ...}' in stagemap.yml, gives them one"
        if report.config.rules.base_url
        else "set 'urls: {base: ADDRESS}' in stagemap.yml to the public site's address"
    )
    return f"{lead}, so kits link to the site stagemap builds: {fix}."
