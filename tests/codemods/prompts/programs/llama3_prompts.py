"""Hand-built Llama 3 prompts sent to the adapter's completion."""

import os

from sovmigrate.adapter import connect

llm = connect(default=f"llamacpp:{os.environ['TINY_GGUF']}", n_ctx=256)


def plain(question):
    prompt = (
        "<|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\n"
        + question
        + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
    )
    return llm.complete(prompt, max_tokens=6, temperature=0).text


def with_bos(question):
    prompt = (
        f"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n{question}<|eot_id|>"
        f"<|start_header_id|>assistant<|end_header_id|>\n\n"
    )
    return llm.complete(prompt, max_tokens=6, temperature=0).text
