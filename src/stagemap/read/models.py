"""Find and read the built-in journey models shipped inside the package."""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..model.journey import DEFAULT_MODEL


def builtin_model_names() -> tuple[str, ...]:
    """Names of the models shipped in the package, the default first."""
    names = sorted(
        p.name.removesuffix(".yml")
        for p in resources.files("stagemap").joinpath("models").iterdir()
        if p.name.endswith(".yml")
    )
    names.remove(DEFAULT_MODEL)
    return (DEFAULT_MODEL, *names)


@cache
def builtin_model_text(name: str) -> str:
    """Return the YAML text of a built-in model."""
    return resources.files("stagemap").joinpath("models", f"{name}.yml").read_text("utf-8")
