"""The on-prem chat model: llama.cpp through llama-cpp-python."""

from __future__ import annotations

import llama_cpp
from llama_cpp import LlamaGrammar

from app.prompts import llama2_prompt

MODEL_PATH = "/models/llama-2-13b-chat.Q4_K_M.gguf"
JSON_GRAMMAR = r'''root ::= "{" ws "\"answer\"" ws ":" ws string ws "}"'''


class ChatModel:
    def __init__(self, n_ctx: int = 4096) -> None:
        self.llm = llama_cpp.Llama(model_path=MODEL_PATH, n_ctx=n_ctx, n_gpu_layers=-1, verbose=False)

    def answer(self, question: str) -> str:
        out = self.llm(llama2_prompt(question), max_tokens=256, stop=["</s>", "[INST]"])
        return out["choices"][0]["text"].strip()

    def chat(self, messages: list[dict]) -> str:
        result = self.llm.create_chat_completion(messages=messages, temperature=0.2)
        return result["choices"][0]["message"]["content"]

    def answer_json(self, question: str) -> str:
        grammar = LlamaGrammar.from_string(JSON_GRAMMAR)
        out = self.llm(llama2_prompt(question), max_tokens=256, grammar=grammar)
        return out["choices"][0]["text"]

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8")))
