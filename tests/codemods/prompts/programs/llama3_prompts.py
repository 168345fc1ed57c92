"""Hand-built Llama 3 prompts sent to the adapter's completion."""

import os

from sovmigrate.adapter import connect

llm = connect(default=f"llamacpp:{os.environ['TINY_GGUF']}", n_ctx=256)


def plain(question):
    return llm.chat(
        [{"role": "system", "content": "You are terse."}, {"role": "user", "content": question}],
        max_tokens=6,
        temperature=0,
    ).text


def with_bos(question):
    return llm.chat([{"role": "user", "content": question}], max_tokens=6, temperature=0).text
