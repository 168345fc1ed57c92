"""Helpers with no vendor code: this file must stay free of findings."""

from dataclasses import dataclass


@dataclass
class Llama:  # an animal in the demo data, not a model
    name: str


def greet(animal: Llama) -> str:
    return f"Hello, {animal.name}"
