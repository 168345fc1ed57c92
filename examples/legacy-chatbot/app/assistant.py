"""The customer-facing assistant on Meta's hosted Llama API: streamed answers with tool calls."""

from __future__ import annotations

import json
import os

from llama_api_client import LlamaAPIClient

from app.tools import TOOLS, run_tool

client = LlamaAPIClient(api_key=os.environ["LLAMA_API_KEY"])
ASSISTANT_MODEL = "Llama-4-Maverick-17B-128E-Instruct-FP8"


def stream_answer(history: list[dict]):
    """Yield the answer as it arrives; run any tool the model asks for, then continue."""
    stream = client.chat.completions.create(
        model=ASSISTANT_MODEL,
        messages=history,
        tools=TOOLS,
        temperature=0.3,
        max_completion_tokens=800,
        stream=True,
    )
    for chunk in stream:
        delta = chunk.event.delta
        if delta.type == "tool_call":
            result = run_tool(delta.function.name, json.loads(delta.function.arguments))
            history.append({"role": "tool", "tool_call_id": delta.id, "content": json.dumps(result)})
        elif delta.type == "text":
            yield delta.text


def moderate(text: str) -> bool:
    """Llama Guard, as served by the Llama API, decides whether a message may be shown."""
    verdict = client.moderations.create(model="Llama-Guard-4-12B", messages=[{"role": "user", "content": text}])
    return verdict.results[0].flagged
