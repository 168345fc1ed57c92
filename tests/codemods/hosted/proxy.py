"""A recording proxy in front of ``python -m llama_cpp.server``: every vendor's URL layout leads to it.

The vendor SDKs post to ``<base>/v1/chat/completions`` (Together, Fireworks with an overridden base, HF),
``<base>/openai/v1/chat/completions`` (Groq) and so on; the proxy forwards whatever follows the last ``/v1/``
to the server's ``/v1/`` and records each request's path and JSON body, so a test can check that a program
and its rewritten form send the same requests.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class RecordingProxy:
    """``with RecordingProxy(upstream) as proxy:`` — ``proxy.url`` to point programs at, ``proxy.requests``."""

    def __init__(
        self, upstream: str, adjust: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    ) -> None:
        self.upstream = upstream.rstrip("/")  # ".../v1"
        self.adjust = adjust
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Self:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                import httpx

                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                body = proxy.adjust(body) if proxy.adjust else body
                proxy.requests.append((self.path, body))
                self._answer(httpx.post(self._target(), json=body, timeout=120))

            def do_GET(self) -> None:
                import httpx

                self._answer(httpx.get(self._target(), timeout=120))

            def _target(self) -> str:
                return f"{proxy.upstream}/{self.path.rsplit('/v1/', 1)[-1]}"

            def _answer(self, answer: Any) -> None:
                self.send_response(answer.status_code)
                self.send_header("content-type", answer.headers.get("content-type", "application/json"))
                self.send_header("content-length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, *args: object) -> None:
                pass

        return Handler
