"""The preview's HTTP server: the last good build, with the reload script and the problem banner added.

The reload script and the banner (`stagemap.render.preview`) are added to pages as they are
served: the files on disk are exactly what ``stagemap build`` writes. A request never waits
for a build; a request for a page asks the watcher to look for changes now.
"""

from __future__ import annotations

import json
import mimetypes
import os
import posixpath
import socket
import stat
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..errors import UsageError
from ..render.preview import VERSION_PATH, inject
from .preview import Preview

__all__ = ["PreviewServer", "resolve_request", "start_server"]

IDLE_TIMEOUT = 15.0
"""Seconds a client may keep a connection open without sending a request."""
LISTEN_QUEUE = 128
"""Connections the system holds while the server is busy (the standard library's 5 made
some wait a second for a retry)."""


def resolve_request(root: Path, url_path: str) -> Path | None:
    """Return the file or folder a decoded URL path names inside ``root``, or None.

    The path is resolved (``..`` and symlinks included) and must stay inside the folder;
    hidden entries (such as the build manifest) are never served. A path the system cannot
    look up (a name too long, a file used as a folder, a loop of links, no permission) is
    not there: None, never an exception.
    """
    if "\0" in url_path:
        return None
    rel = posixpath.normpath("/" + url_path).lstrip("/")
    if any(part.startswith(".") for part in rel.split("/") if part):
        return None
    try:
        base = root.resolve()
        candidate = (base / rel).resolve()
        if not candidate.is_relative_to(base):
            return None
        os.stat(candidate)
    except (OSError, ValueError, RuntimeError):  # RuntimeError: resolve() met a loop of links
        return None
    return candidate


def _kind(path: Path) -> str:
    """``dir``, ``file``, or empty when ``path`` is neither or cannot be looked at."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return ""
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else ""


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server that knows its preview."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = LISTEN_QUEUE
    preview: Preview

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore clients that hang up (a page that navigates away drops its version request)."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "stagemap-preview"
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the terminal shows builds, not every request."""

    def _send(self, status: HTTPStatus, body: bytes, kind: str, send_body: bool, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _respond(self, send_body: bool) -> None:
        preview = self.server.preview
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == VERSION_PATH:
            body = json.dumps({"version": preview.state.version}).encode()
            self._send(HTTPStatus.OK, body, "application/json", send_body)
            return
        target = resolve_request(preview.out_dir, path)
        if target is not None and _kind(target) == "dir":
            if not path.endswith("/"):
                location = quote(path + "/") + (f"?{parts.query}" if parts.query else "")
                self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", send_body, Location=location)
                return
            target = resolve_request(preview.out_dir, posixpath.join(path, "index.html"))
        if target is None or target.suffix == ".html":
            preview.nudge()
        state = preview.state
        if target is None or _kind(target) != "file":
            page = (
                b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title>'
                b'</head><body><main><h1>Not found</h1><p>No page here. <a href="/">Go to the overview</a>.'
                b"</p></main></body></html>"
            )
            body = inject(page, preview.banner(), state.version)
            self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", send_body)
            return
        try:
            data = target.read_bytes()
        except OSError:
            self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain", send_body)
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "text/javascript"):
            kind += "; charset=utf-8"
        if target.suffix == ".html":
            data = inject(data, preview.banner(), state.version)
        self._send(HTTPStatus.OK, data, kind, send_body)


def start_server(preview: Preview, host: str = "127.0.0.1", port: int = 8000) -> PreviewServer:
    """Bind the preview server (port 0 picks a free port); call ``serve_forever`` to run it."""

    class Server(PreviewServer):
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

    try:
        server = Server((host, port), _Handler)
    except OSError as exc:
        hint = f" (try --port {port + 1})" if port else ""
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}") from None
    server.preview = preview
    return server
