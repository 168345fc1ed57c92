"""The adapter's exception tree (modelled on httpx's).

    SovmigrateError
     └── AdapterError                 anything the adapter raises on purpose; carries ``backend``
          ├── SpecError               malformed ``backend:model`` spec or unknown backend (lists the valid ones)
          ├── OptionError             a ``connect()`` option the backend does not know (lists the valid ones)
          ├── BackendNotInstalled     the backend's engine package is missing (names the pip extra)
          ├── CapabilityError         the backend cannot do what was asked (embeddings, tools, ...)
          │    └── UnsupportedParameter   a neutral parameter this backend cannot honour
          ├── BadRequest              the engine or server rejected the request (bad value, HTTP 4xx)
          ├── TransportError          the request did not complete
          │    ├── ConnectError       the server could not be reached
          │    └── Timeout            the server did not answer in time
          ├── EngineError             the engine failed while generating (HTTP 5xx, engine exception)
          └── ClosedError             the model was used after ``close()`` (or after its ``with`` block)

Users never catch an engine's own exception types: backends translate them at the boundary.
"""

from __future__ import annotations

from sovmigrate.errors import SovmigrateError

__all__ = [
    "AdapterError",
    "BackendNotInstalled",
    "BadRequest",
    "CapabilityError",
    "ClosedError",
    "ConnectError",
    "EngineError",
    "OptionError",
    "SpecError",
    "Timeout",
    "TransportError",
    "UnsupportedParameter",
]


class AdapterError(SovmigrateError):
    """Base class of the adapter's errors; ``backend`` names the backend involved, if any."""

    def __init__(self, message: str, *, backend: str | None = None) -> None:
        super().__init__(f"{backend}: {message}" if backend else message)
        self.backend = backend


class SpecError(AdapterError, ValueError):
    """A model spec is malformed or names an unknown backend."""


class OptionError(AdapterError, TypeError):
    """An option given to ``connect()`` (or in configuration) that the chosen backend does not take."""


class BackendNotInstalled(AdapterError, ImportError):
    """The engine package a backend needs is not installed."""


class CapabilityError(AdapterError):
    """The backend cannot do what was asked."""


class UnsupportedParameter(CapabilityError, TypeError):
    """A generation parameter that this backend cannot honour (never dropped silently)."""


class BadRequest(AdapterError, ValueError):
    """The engine or server rejected the request as invalid."""


class TransportError(AdapterError):
    """The request to a server did not complete."""


class ConnectError(TransportError):
    """The server could not be reached."""


class Timeout(TransportError):
    """The server did not answer in time."""


class EngineError(AdapterError):
    """The engine failed while handling a valid request."""


class ClosedError(AdapterError, RuntimeError):
    """The model was used after ``close()``; connect again to use it."""
