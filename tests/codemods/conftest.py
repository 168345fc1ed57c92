"""The engine differential tests reuse the adapter tests' tiny model (built once, cached under .fixtures/)."""

from __future__ import annotations

from tests.adapter.conftest import hf_dir, tiny  # noqa: F401 - fixtures
