"""Shared HTTP plumbing for the server backends: an httpx client with retries and error translation."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sovmigrate.adapter.backends.base import require
from sovmigrate.adapter.errors import BadRequest, ConnectError, EngineError, Timeout, TransportError

__all__ = ["HTTPClient", "decode"]

_RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


class HTTPClient:
    """POSTs JSON with retries (connect errors, timeouts, 408/409/429/5xx; exponential backoff, Retry-After)."""

    def __init__(
        self,
        backend: str,
        extra: str,
        base_url: str,
        *,
        timeout: float | None,
        max_retries: int,
        headers: dict[str, str],
    ) -> None:
        self._httpx = require("httpx", backend=backend, package="httpx", extra=extra)
        self.backend = backend
        self.max_retries = max_retries
        self._client = self._httpx.Client(base_url=base_url, timeout=timeout, headers=headers)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        httpx = self._httpx
        try:
            yield
        except httpx.ConnectError as exc:
            raise ConnectError(f"cannot reach {self._client.base_url}: {exc}", backend=self.backend) from exc
        except httpx.TimeoutException as exc:
            raise Timeout(
                f"no answer from {self._client.base_url} in time: {exc!r}", backend=self.backend
            ) from exc
        except httpx.TransportError as exc:
            raise TransportError(f"{type(exc).__name__}: {exc}", backend=self.backend) from exc

    def _raise_for_status(self, response: Any) -> None:
        if response.status_code < 400:
            return
        try:
            response.read()
            detail = response.json()
            detail = detail.get("error", detail) if isinstance(detail, dict) else detail
            if isinstance(detail, dict):
                detail = detail.get("message", detail)
        except (ValueError, self._httpx.HTTPError):
            detail = response.text
        message = f"HTTP {response.status_code} from {response.request.url}: {detail}"
        raise (BadRequest if response.status_code < 500 else EngineError)(message, backend=self.backend)

    def _send(self, path: str, body: dict[str, Any], stream: bool) -> Any:
        attempt = 0
        while True:
            request = self._client.build_request("POST", path, json=body)
            try:
                with self._errors():
                    response = self._client.send(request, stream=stream)
            except TransportError:
                if attempt >= self.max_retries:
                    raise
                delay = None
            else:
                if response.status_code not in _RETRY_STATUS or attempt >= self.max_retries:
                    self._raise_for_status(response)
                    return response
                delay = response.headers.get("retry-after")
                response.close()
            time.sleep(_backoff(attempt, delay))
            attempt += 1

    def post(self, path: str, body: dict[str, Any]) -> Any:
        """POST and return the decoded JSON answer."""
        response = self._send(path, body, stream=False)
        try:
            return response.json()
        except ValueError as exc:
            raise EngineError(
                f"answer from {response.request.url} is not JSON: {exc}", backend=self.backend
            ) from exc

    def post_lines(self, path: str, body: dict[str, Any]) -> Iterator[str]:
        """POST and yield the non-empty lines of a streamed answer (SSE or NDJSON)."""
        response = self._send(path, body, stream=True)
        try:
            with self._errors():
                for line in response.iter_lines():
                    if line.strip():
                        yield line
        finally:
            response.close()

    def close(self) -> None:
        self._client.close()


def decode(line: str, backend: str) -> Any:
    """Decode one JSON line of a stream; a server-side error in it becomes ``EngineError``."""
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise EngineError(f"malformed stream line {line[:200]!r}", backend=backend) from exc
    if isinstance(data, dict) and data.get("error"):
        raise EngineError(f"server error mid-stream: {data['error']}", backend=backend)
    return data


def _backoff(attempt: int, retry_after: str | None) -> float:
    if retry_after:
        try:
            return min(float(retry_after), 30.0)
        except ValueError:
            pass
    return min(0.25 * 2**attempt, 8.0)
