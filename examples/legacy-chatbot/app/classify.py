"""Ticket triage with a small Llama 3.2 model through transformers, streamed to the agent console."""

from __future__ import annotations

from threading import Thread

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, TextIteratorStreamer

TRIAGE_MODEL = "meta-llama/Llama-3.2-1B-Instruct"
LABELS = ["billing", "outage", "hardware", "other"]

tokenizer = AutoTokenizer.from_pretrained(TRIAGE_MODEL)
model = AutoModelForCausalLM.from_pretrained(TRIAGE_MODEL, torch_dtype=torch.bfloat16)


def triage(ticket: str) -> str:
    messages = [
        {"role": "system", "content": f"Answer with one word from: {', '.join(LABELS)}."},
        {"role": "user", "content": ticket},
    ]
    inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt")
    output = model.generate(inputs, max_new_tokens=4, do_sample=False, eos_token_id=128009)
    return tokenizer.decode(output[0][inputs.shape[-1]:], skip_special_tokens=True).strip().lower()


def explain(ticket: str):
    """Stream a short explanation of the triage decision."""
    streamer = TextIteratorStreamer(tokenizer, skip_prompt=True)
    inputs = tokenizer.apply_chat_template(
        [{"role": "user", "content": f"Why is this ticket urgent?\n{ticket}"}], add_generation_prompt=True, return_tensors="pt"
    )
    Thread(target=model.generate, kwargs={"inputs": inputs, "streamer": streamer, "max_new_tokens": 120}).start()
    yield from streamer
