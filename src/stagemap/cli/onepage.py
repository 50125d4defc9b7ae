"""What ``kit``, ``kits`` and ``play`` share: one page, printed or written to the file ``-o`` names;
the warnings about settings the pages show."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

import click

from ..analyse.lint import placeholder_warnings
from ..analyse.sendable import has_public_address, to_send
from ..errors import UsageError
from ..model.library import Asset, Library
from ..model.project import Project
from ..model.report import Report
from ..model.settings import Config
from ..render.headline import sendable
from ..write.atomic import atomic_write
from ..write.targets import check_output_file, default_output
from .app import _as_of, _State
from .loading import load


def stage_named(config: Config, stage: str | None, what: str) -> str:
    """Return ``stage``, or stop with the stages to choose from when it is not given (``what``:
    the page, ``kit`` or ``play``)."""
    if stage is not None:
        return stage
    width = max(len(s.id) for s in config.model.stages)
    listing = "".join(f"\n  {s.id:<{width}}  {s.name}" for s in config.model.stages)
    raise UsageError(f"name the stage of the {what}: stagemap {what} STAGE, where STAGE is one of{listing}")


def start_page(
    state: _State, as_of: str | None, output: Path | None, force: bool
) -> tuple[dt.date, Path | None, Project]:
    """The day, the file to write (None to print) and the project, front matter only.

    The day and the file are checked before anything is read.
    """
    day = _as_of(as_of)
    target = check_output_file(state.config(), output, force=force) if output is not None else None
    return day, target, load(state, bodies=False)


def print_or_write(text: str, target: Path | None, output: Path | None) -> None:
    """Print ``text``, or write it to ``target`` and say so, naming the file as given (``output``)."""
    if target is None:
        click.echo(text, nl=False)
        return
    atomic_write(target, text.encode("utf-8"))
    click.echo(f"Wrote {output}")


def warn_placeholders(config: Config) -> None:
    """Print to stderr what the pages show that is missing or still init's placeholder (the
    company's purpose, its messages): a salesperson may hand them out as they are."""
    for problem in placeholder_warnings(config):
        click.echo(problem.format(), err=True)


def note_local_links(config: Config, sending: Sequence[Asset], link_base: Path) -> None:
    """Say on stderr when some of ``sending`` (the buyer-facing assets a kit or play of a site read
    in place lists to send, `stagemap.analyse.sendable.to_send`) have no public address, so that
    the page links them to the site stagemap builds, files on this computer a buyer cannot open,
    and what gives them one: the page itself does not say so. Material for the team links there
    by design, and a library of stagemap's own is published as the site stagemap builds: neither
    is noted."""
    local = [a for a in sending if not has_public_address(a)]
    if not config.rules.generator or not local:
        return
    try:
        shown = os.path.relpath(default_output(config, "site"), link_base).replace(os.sep, "/") + "/assets/"
    except ValueError:  # (Windows: the page written on another drive links by absolute paths)
        shown = default_output(config, "site").joinpath("assets").as_posix() + "/"
    one = len(local) == 1
    fix = (
        f"a 'url' in {'its' if one else 'their'} front matter, or 'urls: {{pattern: ...}}' in stagemap.yml,"
        f" gives {'it its public address' if one else 'them their public addresses'}"
        if config.rules.public_base
        else "set 'urls: {base: ADDRESS}' in stagemap.yml to the public site's address to send its links"
    )
    which = (
        ("the page to send is" if one else "the pages to send are")
        if len(local) == len(sending)
        else f"{len(local)} of the {len(sending)} pages to send {'is' if one else 'are'}"
    )
    what = "a file of the site stagemap builds" if one else "files of the site stagemap builds"
    click.echo(
        f"note: {which} {what} ({shown}...), not {'an address' if one else 'addresses'} a buyer can"
        f" open: {fix}",
        err=True,
    )


def note_nothing_to_send(report: Report, library: Library, pages: str) -> None:
    """Say on stderr when no asset for buyers that can be sent serves any stage, so that every
    kit or play (``pages``) lists nothing to send, and why (the report's headline): each page
    says only that its own stage has nothing. Material for the team only is never listed to send."""
    if not to_send(report, library):
        click.echo(f"note: {pages} nothing to send. {sendable(report)}", err=True)
