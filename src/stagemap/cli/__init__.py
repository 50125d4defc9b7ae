"""The command line: click lives here and nowhere else. Each command parses, calls the library, prints."""

from . import edit, site  # noqa: F401  (importing them registers their commands)
from .app import cli, main
from .history import COMMANDS as _GIT_COMMANDS

for _name, _command in _GIT_COMMANDS.items():
    cli.add_command(_command, _name)

__all__ = ["cli", "main"]
