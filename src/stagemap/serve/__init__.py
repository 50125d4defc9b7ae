"""A local preview: build the site, serve it, rebuild on every change and reload open pages.

`stagemap.serve.preview` keeps the site built and watches for changes; `stagemap.serve.server`
serves the last good build. Open pages ask ``/__stagemap/version`` a few times a second and
reload when the version moves.
"""

from ..render.preview import VERSION_PATH, inject
from .preview import BuildState, Preview
from .server import PreviewServer, resolve_request, start_server

__all__ = [
    "VERSION_PATH",
    "BuildState",
    "Preview",
    "PreviewServer",
    "inject",
    "resolve_request",
    "start_server",
]
