"""Per-call overhead of sovmigrate.adapter over calling the engine directly, on the tests' tiny model.

    python bench/adapter.py [--reps 40] [--tokens 64]

For each engine, adapter and direct calls alternate (same prompt, greedy, the same number of tokens) and the
medians are compared: ratio = adapter / direct, added = adapter - direct. Targets: ratio < 1.02 and
added < 1 ms. The facade alone (parameter checks plus result wrapping, over a backend that returns a ready
result) is timed too: that is the adapter's own cost, free of engine noise.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from sovmigrate.adapter import connect
from tests.adapter import tinymodel

MESSAGES = [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Say hello"}]
PROMPT = "The quick brown fox"


def paired(adapter: Callable[[], Any], direct: Callable[[], Any], reps: int) -> tuple[float, float]:
    """Median seconds per call of each, alternating the order to spread drift evenly."""
    a, d = [], []
    for i in range(reps):
        for fn, out in ((adapter, a), (direct, d)) if i % 2 else ((direct, d), (adapter, a)):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
    return statistics.median(a), statistics.median(d)


def report(name: str, a: float, d: float) -> None:
    ok = "ok" if a / d < 1.02 and (a - d) < 1e-3 else "OVER TARGET"
    print(
        f"{name:38s} direct {d * 1e3:8.2f} ms  adapter {a * 1e3:8.2f} ms  ratio {a / d:6.4f}  "
        f"added {(a - d) * 1e3:+7.3f} ms  {ok}"
    )


def bench_facade(gguf: str, reps: int, tokens: int) -> None:
    """The adapter's own work: check params, call a backend that returns a ready result, wrap the result."""
    model = connect(f"llamacpp:{gguf}", n_ctx=256)
    backend = model._backend
    kw = {"max_tokens": tokens, "temperature": 0}
    params, _ = model._params(kw)
    ready = backend.chat(MESSAGES, params)
    chunks = list(backend.stream_chat(MESSAGES, params))
    backend.chat = lambda messages, params: ready  # the engine call removed, nothing else
    backend.stream_chat = lambda messages, params: iter(chunks)
    n = reps * 250
    t = time.perf_counter()
    for _ in range(n):
        _ = model.chat(MESSAGES, **kw).text
    print(f"{'facade only, chat (no engine)':38s} {(time.perf_counter() - t) / n * 1e6:8.1f} µs per call")
    t = time.perf_counter()
    for _ in range(n // 10):
        for c in model.stream_chat(MESSAGES, **kw):
            _ = c.text
    per = (time.perf_counter() - t) / (n // 10)
    print(
        f"{'facade only, stream_chat (no engine)':38s} {per * 1e6:8.1f} µs per call of {len(chunks)} chunks"
    )


def bench_llamacpp(gguf: str, reps: int, tokens: int) -> None:
    model = connect(f"llamacpp:{gguf}", n_ctx=256, seed=0)
    llm = (
        model._backend._llm
    )  # the very engine object the adapter drives: no instance-to-instance differences
    kw = {"max_tokens": tokens, "temperature": 0}
    # the direct calls get exactly the sampler settings the adapter sends (neutral defaults), so both do equal work
    same = {
        **kw,
        "top_p": 1.0,
        "top_k": 0,
        "min_p": 0.0,
        "typical_p": 1.0,
        "repeat_penalty": 1.0,
        "mirostat_mode": 0,
    }
    report(
        "llamacpp complete",
        *paired(lambda: model.complete(PROMPT, **kw), lambda: llm.create_completion(PROMPT, **same), reps),
    )
    report(
        "llamacpp chat",
        *paired(
            lambda: model.chat(MESSAGES, **kw),
            lambda: llm.create_chat_completion(messages=MESSAGES, **same),
            reps,
        ),
    )
    report(
        "llamacpp stream_chat",
        *paired(
            lambda: list(model.stream_chat(MESSAGES, **kw)),
            lambda: list(llm.create_chat_completion(messages=MESSAGES, stream=True, **same)),
            reps,
        ),
    )


def bench_transformers(hf_dir: str, reps: int, tokens: int) -> None:
    import torch

    torch.set_num_threads(1)  # steadier timings on a shared machine
    model = connect(f"transformers:{hf_dir}")
    tok, hf = model._backend._tok, model._backend._model  # the same objects the adapter drives

    def direct() -> str:
        ids = tok(PROMPT, return_tensors="pt")
        with torch.inference_mode():
            out = hf.generate(**ids, do_sample=False, max_new_tokens=tokens, pad_token_id=tok.eos_token_id)
        return tok.decode(out[0, ids.input_ids.shape[1] :], skip_special_tokens=True)

    assert model.complete(PROMPT, max_tokens=tokens, temperature=0).usage.completion_tokens == tokens
    report(
        "transformers complete",
        *paired(lambda: model.complete(PROMPT, max_tokens=tokens, temperature=0), direct, max(reps // 2, 5)),
    )


def bench_openai(gguf: str, reps: int, tokens: int) -> None:
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            gguf,
            "--model_alias",
            "tiny",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "256",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/models").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        client = httpx.Client(base_url=base + "/", timeout=60)
        model = connect("openai:tiny", base_url=base)
        body = {"model": "tiny", "prompt": PROMPT, "max_tokens": tokens, "temperature": 0.0, "top_p": 1.0}
        report(
            "openai complete (llama_cpp.server)",
            *paired(
                lambda: model.complete(PROMPT, max_tokens=tokens, temperature=0),
                lambda: client.post("completions", json=body).json(),
                reps,
            ),
        )
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--tokens", type=int, default=64)
    args = parser.parse_args()
    gguf, hf_dir = (
        str(p)
        for p in tinymodel.build(Path(os.environ.get("SOVMIGRATE_FIXTURES", ROOT / ".fixtures")) / "adapter")
    )
    print(
        f"tiny llama model, {args.tokens}-token greedy generations, {args.reps} paired calls (medians); "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    bench_facade(gguf, args.reps, args.tokens)
    bench_llamacpp(gguf, args.reps, args.tokens)
    bench_openai(gguf, args.reps, args.tokens)
    bench_transformers(hf_dir, args.reps, args.tokens)


if __name__ == "__main__":
    main()
