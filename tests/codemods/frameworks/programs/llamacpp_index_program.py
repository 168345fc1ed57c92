"""LlamaIndex over llama-cpp-python: LlamaCPP's defaults (temperature=0.1, 256 tokens, n_ctx=3900) and
llama-cpp-python's (top_k=40, top_p=0.95, min_p=0.05), prompts rendered by LlamaIndex."""

import sys

from llama_index.core.llms import ChatMessage
from llama_index.llms.llama_cpp import LlamaCPP

llm = LlamaCPP(model_path=sys.argv[1], temperature=0, max_new_tokens=24, verbose=False)
print(repr(llm.complete("The quick brown fox").text))
print(repr(llm.chat([ChatMessage(role="user", content="Say hello")]).message.content))
print("|".join(r.delta for r in llm.stream_complete("Once upon a time")))

sampled = LlamaCPP(model_path=sys.argv[1], generate_kwargs={"seed": 5}, verbose=False)
print(repr(sampled.complete("The weather today").text))
