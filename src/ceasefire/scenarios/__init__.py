"""Built-in agreement bundles. `nagorno-karabakh-2020` is the default."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

DEFAULT = "nagorno-karabakh-2020"


def available() -> list[str]:
    """Names of the built-in scenarios."""
    folder = resources.files("ceasefire.scenarios")
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def agreement_file(name: str) -> Traversable:
    """The agreement file of a built-in scenario; ValueError names the known ones."""
    if name not in available():
        raise ValueError(f"unknown scenario {name!r}; built in: {', '.join(available())}")
    return resources.files("ceasefire.scenarios").joinpath(f"{name}.yaml")
