"""The installed version of stagemap (a leaf: any module may import it)."""

__version__ = "0.1.0"
