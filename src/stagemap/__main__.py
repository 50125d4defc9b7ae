"""Run stagemap as ``python -m stagemap``."""

from stagemap.cli import main

main()
