"""A stand-in Ollama server: llama.cpp (the engine Ollama itself runs) behind Ollama's native HTTP API.

No Ollama binary can be installed here (nothing on PyPI or Debian), so the ollama backend is tested against this:
/api/chat, /api/generate (``raw`` prompts and templated ones), /api/embed and /api/tags, JSON answers or
NDJSON streams (one line per token, then a ``done`` line with ``done_reason``, ``prompt_eval_count`` and
``eval_count``), and the ``options`` the backend sends. Not covered: Modelfiles, /api/pull, tools, images.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import llama_cpp
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

if TYPE_CHECKING:
    from typing_extensions import Self


def _sampling(req: dict[str, Any]) -> dict[str, Any]:
    o = req.get("options") or {}
    n = o.get("num_predict", -1)  # Ollama's default is "until done"
    kw = {
        "max_tokens": None if n is None or n < 0 else n,
        "temperature": o.get("temperature", 0.8),
        "top_p": o.get("top_p", 0.9),
        "top_k": o.get("top_k", 40),
        "min_p": o.get("min_p", 0.0),
        "repeat_penalty": o.get("repeat_penalty", 1.1),
        "presence_penalty": o.get("presence_penalty", 0.0),
        "frequency_penalty": o.get("frequency_penalty", 0.0),
        "stop": o.get("stop"),
        "seed": o.get("seed"),
    }
    fmt = req.get("format")
    if fmt:
        schema = {"type": "object"} if fmt == "json" else fmt
        kw["grammar"] = llama_cpp.LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
    return kw


class FakeOllama:
    """Serve ``gguf`` on 127.0.0.1 (a free port) from a background thread; ``url`` is the host to use."""

    name = "tiny:latest"

    def __init__(self, gguf: str) -> None:
        self.llm = llama_cpp.Llama(model_path=gguf, n_ctx=256, seed=0, verbose=False)
        self.embedder = llama_cpp.Llama(
            model_path=gguf,
            n_ctx=256,
            embedding=True,
            verbose=False,
            pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN,
        )
        self.requests: list[tuple[str, dict[str, Any]]] = []  # (path, body) of every POST, for the tests
        self.headers: list[dict[str, str]] = []  # the headers of every POST, in the same order
        self.lock = threading.Lock()  # one generation at a time, like an Ollama runner with NUM_PARALLEL=1
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.llm.close()
        self.embedder.close()

    def prompt_tokens(self, req: dict[str, Any], chat: bool) -> int:
        """Prompt length as llama.cpp counts it (streams carry no usage, Ollama's last line does)."""
        if not chat:
            return len(self.llm.tokenize(req["prompt"].encode()))
        messages = req.get("messages") or [{"role": "user", "content": req["prompt"]}]
        formatter = Jinja2ChatFormatter(
            template=self.llm.metadata["tokenizer.chat_template"], eos_token="</s>", bos_token="<s>"
        )
        text = formatter(messages=messages).prompt
        return len(self.llm.tokenize(text.encode(), add_bos=False, special=True))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"fake": self})


def _ollama_lines(path: str, model: str) -> tuple[Any, Any]:
    """Makers of Ollama's NDJSON objects: a text piece, and the ``done`` line with its counts."""
    head = {"model": model, "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}

    def piece(text: str, done: bool) -> dict[str, Any]:
        if path == "/api/chat":
            return {**head, "message": {"role": "assistant", "content": text}, "done": done}
        return {**head, "response": text, "done": done}

    def last(text: str, choice: dict[str, Any], usage: dict[str, int]) -> dict[str, Any]:
        return {
            **piece(text, True),
            "done_reason": choice["finish_reason"] or "stop",
            "prompt_eval_count": usage["prompt_tokens"],
            "eval_count": usage["completion_tokens"],
        }

    return piece, last


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOllama  # set per server by FakeOllama._handler

    def _send(self, obj: Any, code: int = 200) -> None:
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_lines(self, objects: Any) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for obj in objects:
            line = (json.dumps(obj) + "\n").encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(line), line))
        self.wfile.write(b"0\r\n\r\n")

    def do_GET(self) -> None:
        if self.path == "/api/tags":
            name = self.fake.name
            return self._send({"models": [{"name": name, "model": name, "size": 0}]})
        self._send({"error": "not found"}, 404)

    def do_POST(self) -> None:
        req = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        self.fake.requests.append((self.path, req))
        self.fake.headers.append({k.lower(): v for k, v in self.headers.items()})
        with self.fake.lock:
            if self.path == "/api/embed":
                return self._send(self._embed(req))
            if self.path not in ("/api/chat", "/api/generate"):
                return self._send({"error": f"unknown path {self.path}"}, 404)
            stream = req.get("stream", True)
            out = self._generate(req, stream)
            if not stream:
                return self._send(next(out))
            self._send_lines(out)

    def _embed(self, req: dict[str, Any]) -> dict[str, Any]:
        texts = req["input"] if isinstance(req["input"], list) else [req["input"]]
        tokens = sum(len(self.fake.llm.tokenize(t.encode())) for t in texts)
        body = {"model": req["model"], "embeddings": self.fake.embedder.embed(texts)}
        return {**body, "prompt_eval_count": tokens}

    def _run(self, req: dict[str, Any], stream: bool) -> tuple[Any, bool]:
        """llama.cpp's result for the request, and whether it came from the chat API."""
        kw, llm = _sampling(req), self.fake.llm
        if self.path == "/api/chat":
            return llm.create_chat_completion(messages=req["messages"], stream=stream, **kw), True
        if req.get("raw"):
            return llm.create_completion(req["prompt"], stream=stream, **kw), False
        # templated generate: the model's chat template around a user turn
        messages = [{"role": "user", "content": req["prompt"]}]
        return llm.create_chat_completion(messages=messages, stream=stream, **kw), True

    def _generate(self, req: dict[str, Any], stream: bool) -> Any:
        result, chat = self._run(req, stream)
        piece, last = _ollama_lines(self.path, req["model"])
        if not stream:
            c = result["choices"][0]
            yield last(c["message"]["content"] if chat else c["text"], c, result["usage"])
            return
        n = 0
        for chunk in result:
            c = chunk["choices"][0]
            text = (c.get("delta") or {}).get("content") or "" if chat else c.get("text", "")
            if text:
                n += 1
                yield piece(text, False)
            if c.get("finish_reason"):
                usage = {"prompt_tokens": self.fake.prompt_tokens(req, chat), "completion_tokens": n}
                yield last("", c, usage)

    def log_message(self, *args: Any) -> None:
        pass
