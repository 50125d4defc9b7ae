"""Run stagemap as ``python -m stagemap``."""

from .cli.app import run

run()
