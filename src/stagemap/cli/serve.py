"""The ``serve`` command: build the site, serve it and rebuild on every change.

Its own module, so that ``build`` does not import the preview server.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import click

from ..errors import StagemapError
from ..serve import Preview, PreviewServer, start_server
from ..write.targets import check_output_dir
from .app import CONTEXT, _as_of, _State, as_of_option, cli, output_dir_option, pass_state, stop_on_sigterm
from .site import _ignore_signals


@cli.command(context_settings=CONTEXT)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but a loopback address shares the library with the network.",
)
@output_dir_option("Folder to build into (default: a temporary folder, removed on exit).")
@as_of_option
@pass_state
def serve(state: _State, port: int, host: str, out_dir: Path | None, as_of: str | None) -> None:
    """Build the site and serve it locally, rebuilding and reloading open pages on every change.

    Watches stagemap.yml, the content folder (every folder of `sources`), templates/,
    signals/ and the folders served from the site root (urls.static). When the content has
    problems, or a change breaks the settings or a template, the pages say so in a banner
    and the last good build stays up. Stop with Ctrl-C.

    \b
    Example:
      stagemap serve
      stagemap serve --port 8080 -o site
    """
    day = _as_of(as_of) if as_of is not None else None
    if out_dir is not None:
        # Refuse a bad output folder as build does: before reading the library or serving anything.
        check_output_dir(state.config(), out_dir)
    temporary = out_dir is None
    target = Path(tempfile.mkdtemp(prefix="stagemap-serve-")) if out_dir is None else out_dir
    try:
        preview = Preview(state.project_dir, target, as_of=day, log=lambda line: click.echo(line, err=True))
        # Listen first: a busy port is reported at once, not after building the whole site.
        server = start_server(preview, host, port)
        try:
            _serve(preview, server, host)
        finally:
            server.server_close()
    finally:
        if temporary:
            preview.forget()
            shutil.rmtree(target, ignore_errors=True)


def _serve(preview: Preview, server: PreviewServer, host: str) -> None:
    """Build, say where the site is served, and serve it until Ctrl-C."""
    first = preview.rebuild()
    if first.error:
        raise StagemapError(first.error)
    address = server.server_address
    url = f"http://{_url_host(str(address[0]))}:{address[1]}/"
    if not _loopback(host):
        click.echo(
            f"Warning: listening on {host}: anyone who can reach this machine can read the library.",
            err=True,
        )
    click.echo(f"Serving {first.name} at {url} (press Ctrl-C to stop)")
    stop_on_sigterm()
    try:
        preview.watch_in_background()
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        _ignore_signals()
        click.echo("Stopped.", err=True)
    finally:
        preview.stop()


def _loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
