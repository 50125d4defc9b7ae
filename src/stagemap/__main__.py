"""Run stagemap as ``python -m stagemap``."""

from .cli.app import main

main()
