"""The command line: click lives here and nowhere else. Each command parses, calls the library, prints."""

from . import edit, plays, site  # noqa: F401  (importing them registers their commands)
from .app import cli, main

__all__ = ["cli", "main"]
