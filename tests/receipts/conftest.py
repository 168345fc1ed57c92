"""Fixtures for the receipts tests."""

from __future__ import annotations

import socket

import pytest

from sovmigrate.receipts import Catalog, load_catalog


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to open a network connection (proves validation runs offline)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access is disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
