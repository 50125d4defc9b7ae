"""The command line: click lives here and nowhere else. Each command loads, calls the library, prints.

The main group (app.py) imports a command's module only when that command is used; its
`COMMANDS` table maps each command name to the module that defines it.
"""

from .app import cli, main, run

__all__ = ["cli", "main", "run"]
