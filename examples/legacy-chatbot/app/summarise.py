"""Ticket summaries on the team's Ollama box, plus a vLLM batch job for the nightly report."""

from __future__ import annotations

import ollama
import requests
from vllm import LLM, SamplingParams

OLLAMA = ollama.Client(host="http://ollama.internal:11434")


def summarise(ticket: str) -> str:
    response = OLLAMA.chat(
        model="llama3.1:8b",
        messages=[{"role": "user", "content": f"Summarise this ticket:\n{ticket}"}],
        options={"num_predict": 200, "temperature": 0.1},
    )
    return response["message"]["content"]


def summarise_raw(ticket: str) -> str:
    r = requests.post("http://localhost:11434/api/generate", json={"model": "llama3", "prompt": ticket, "stream": False})
    return r.json()["response"]


def nightly(tickets: list[str]) -> list[str]:
    llm = LLM(model="meta-llama/Meta-Llama-3-8B-Instruct", max_model_len=4096)
    params = SamplingParams(temperature=0.0, max_tokens=128, stop_token_ids=[128001, 128009])
    return [o.outputs[0].text for o in llm.generate(tickets, params)]
