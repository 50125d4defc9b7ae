"""Frozen types with a docstring under each field; no I/O. Everything below reads, analyses, renders or writes these."""
