"""The ``build`` command: parse, call the library, print (``serve`` is in `stagemap.cli.serve`)."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import Problem, StagemapError
from ..write.fingerprint import Unchanged, inputs_key, remember, unchanged
from ..write.interrupts import Interrupted
from ..write.lock import FolderBusy
from ..write.targets import check_output_dir, default_output
from .app import (
    CONTEXT,
    INTERRUPTED,
    _as_of,
    _plural,
    _shown,
    _State,
    as_of_option,
    cli,
    later,
    output_dir_option,
    pass_state,
    stop_on_sigterm,
)

if TYPE_CHECKING:
    from ..write.publish import Published


@cli.command(context_settings=CONTEXT)
@output_dir_option("Folder to write the site to (default: site/ in the project folder).")
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) and write nothing when the library has problems, warnings included.",
)
@as_of_option
@pass_state
def build(state: _State, out_dir: Path | None, strict: bool, as_of: str | None) -> None:
    """Build the static site: coverage heatmap, gaps, stages, questions, personas and assets.

    Library problems are printed to stderr and the site is built from the valid assets. A
    rebuild rewrites only the files whose content changed and removes the files an earlier
    build wrote that no longer belong (it lists them in a manifest file in the folder); it
    never touches other files. Links are relative: open index.html from disk, or put the
    folder on any web server.

    \b
    Example:
      stagemap build
      stagemap build -o public --strict --as-of 2026-12-01
    """
    day = _as_of(as_of)
    # Refuse a bad output folder before reading the library (which may write its cache).
    settings = state.config()
    target = out_dir if out_dir is not None else default_output(settings, "site")
    check_output_dir(settings, target)
    shown = _shown(target)
    # Taken before anything is read, so that a file changed during the build is seen next time.
    started = time.time_ns()
    inputs = inputs_key(settings, target, day)
    done = unchanged(settings, target, inputs)
    if done is not None:
        _report_problems(done.problems, strict)
        click.echo(
            f"Built {_plural(done.pages, 'page')} in {shown} (0 files changed, 0 removed); open {shown}index.html"
        )
        return
    # Something changed: only now import what reads the library and renders the site.
    build_site: Callable[..., tuple[Published, tuple[Problem, ...]]] = later("building", "build_site")
    with _interruptible(shown):
        result, problems = build_site(
            state, settings, target, day, lambda found: _report_problems(found, strict)
        )
    remember(settings, target, inputs, Unchanged(result.pages, result.files, problems), result.shown, started)
    click.echo(
        f"Built {_plural(result.pages, 'page')} in {shown} ({_plural(len(result.changed), 'file')} changed, "
        f"{len(result.removed)} removed); open {shown}index.html"
    )


def _report_problems(problems: tuple[Problem, ...], strict: bool) -> None:
    """Print the library's problems to stderr; with ``strict``, stop when there are any."""
    for problem in problems:
        click.echo(problem.format(), err=True)
    if strict and problems:
        click.echo(
            f"Error: {_plural(len(problems), 'problem')} in the library; nothing was written (--strict)",
            err=True,
        )
        sys.exit(1)


@contextlib.contextmanager
def _interruptible(shown: str) -> Iterator[None]:
    """Turn Ctrl-C and SIGTERM during a build into one line saying what became of the site, and exit 130."""
    main = threading.current_thread() is threading.main_thread()
    stops = (signal.SIGINT, signal.SIGTERM)
    before = {sig: signal.getsignal(sig) for sig in stops} if main else {}
    stop_on_sigterm()
    try:
        yield
    except FolderBusy:
        raise StagemapError(
            f"another stagemap is building into {shown}; wait for it to finish and build again"
        ) from None
    except KeyboardInterrupt as exc:
        _ignore_signals()
        if isinstance(exc, Interrupted):
            click.echo(f"Interrupted; the new site was already in place in {shown}", err=True)
        else:
            click.echo(f"Interrupted; the site in {shown} was not changed", err=True)
        sys.exit(INTERRUPTED)
    finally:
        for sig, handler in before.items():
            if handler is not None:
                signal.signal(sig, handler)


def _ignore_signals() -> None:
    """Let the clean-up finish when Ctrl-C is pressed twice."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
