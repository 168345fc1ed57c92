"""Retrieval chain over the router manuals (LangChain + a local GGUF)."""

from langchain_community.llms import LlamaCpp
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-chat-hf")

llm = LlamaCpp(model_path="/models/llama-2-7b-chat.Q4_K_M.gguf", n_ctx=4096, temperature=0.1, max_tokens=512)


def answer(question: str, context: str) -> str:
    prompt = f"[INST] Use the context to answer.\n{context}\n\nQuestion: {question} [/INST]"
    if len(tokenizer.encode(prompt)) > 3500:
        prompt = prompt[-8000:]
    return llm.invoke(prompt)
